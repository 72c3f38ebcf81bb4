"""Visit (การนิเทศ): one supervision visit to a school (แบบบันทึกการนิเทศ)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from nitet.model.base import CodeText, IsoDate, NitetModel, Record

METHODS_TH = {
    "observation": "สังเกตการสอน",
    "coaching": "การสอนแนะ (Coaching)",
    "mentoring": "การให้คำปรึกษา (Mentoring)",
    "plc": "ชุมชนการเรียนรู้ทางวิชาชีพ (PLC)",
    "document-review": "ตรวจเอกสาร",
    "meeting": "ประชุม",
    "online": "นิเทศออนไลน์",
    "interview": "สัมภาษณ์",
    "demonstration": "สาธิตการสอน",
}
KINDS_TH = {"school-based": "โรงเรียนเป็นฐาน", "project-based": "โครงการเป็นฐาน"}
#: How a visit's kind is written in official text (รูปแบบการนิเทศ: นิเทศโดยใช้โครงการเป็นฐาน).
KIND_LABELS_TH = {"school-based": "นิเทศโดยใช้โรงเรียนเป็นฐาน", "project-based": "นิเทศโดยใช้โครงการเป็นฐาน"}


class Supervisee(NitetModel):
    name: Annotated[str, Field(title="ชื่อผู้รับการนิเทศ", min_length=1)]
    position: Annotated[str | None, Field(title="ตำแหน่ง")] = None
    subject: Annotated[str | None, Field(title="กลุ่มสาระการเรียนรู้")] = None
    grade: Annotated[str | None, Field(title="ชั้น", description="เช่น ป.1, ป.4")] = None


class FollowUp(NitetModel):
    date: Annotated[IsoDate | None, Field(title="วันที่ติดตาม", description="ISO ค.ศ. เช่น 2026-12-15")] = None
    action: Annotated[str | None, Field(title="สิ่งที่จะติดตาม")] = None
    done: Annotated[bool, Field(title="ติดตามแล้ว")] = False
    done_date: Annotated[IsoDate | None, Field(
        title="วันที่ติดตามแล้ว", description="ISO ค.ศ.; บันทึกโดย nitet visit done --date")] = None
    result: Annotated[str | None, Field(title="ผลการติดตาม", description="สิ่งที่พบเมื่อติดตาม (nitet visit done --result)")] = None
    done_by: Annotated[str | None, Field(title="ผู้ติดตาม", description="ศึกษานิเทศก์ผู้บันทึกว่าติดตามแล้ว")] = None


class Visit(Record):
    KIND: ClassVar[str] = "visit"
    FOLDER: ClassVar[str] = "visits"
    TITLE_TH: ClassVar[str] = "การนิเทศ"
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "date", "school", "supervisors", "kind", "project", "case", "step", "methods",
        "supervisees", "topics", "findings", "strengths", "improvements", "suggestions",
        "follow_up", "rating_scale", "ratings", "evidence", "note",
    )

    id: Annotated[str | None, Field(title="รหัสบันทึก", description="เท่ากับชื่อไฟล์ (ไม่รวม .yaml)")] = None
    date: Annotated[IsoDate, Field(title="วันที่นิเทศ", description="ISO ค.ศ. เช่น 2026-11-25 (แสดงผลเป็น พ.ศ.)")]
    school: Annotated[CodeText, Field(title="โรงเรียน", description="รหัสโรงเรียนในทะเบียน", min_length=1)]
    supervisors: Annotated[list[str], Field(title="ผู้นิเทศ")] = []
    kind: Annotated[Literal["school-based", "project-based"], Field(
        title="รูปแบบการนิเทศ", description="school-based = นิเทศโดยใช้โรงเรียนเป็นฐาน, project-based = นิเทศโดยใช้โครงการเป็นฐาน")] = "school-based"
    project: Annotated[str | None, Field(
        title="โครงการ", description="เช่น dltv, reading หรือรหัสโครงการในแผนปฏิบัติการ")] = None
    case: Annotated[str | None, Field(title="รหัสงานตามกระบวนงาน", description="งานตามกระบวนงานที่การนิเทศนี้เป็นส่วนหนึ่ง")] = None
    step: Annotated[str | None, Field(title="ขั้นตอน", description="เลขขั้นตอน เช่น 4.2.1")] = None
    methods: Annotated[list[str], Field(
        title="วิธีการนิเทศ",
        description="observation สังเกตการสอน, coaching, mentoring, plc, document-review ตรวจเอกสาร, meeting ประชุม, online ออนไลน์",
    )] = []
    supervisees: Annotated[list[Supervisee], Field(title="ผู้รับการนิเทศ")] = []
    topics: Annotated[list[str], Field(title="เรื่องที่นิเทศ")] = []
    findings: Annotated[str | None, Field(title="ผลการนิเทศ")] = None
    strengths: Annotated[str | None, Field(title="จุดเด่น")] = None
    improvements: Annotated[str | None, Field(title="จุดที่ควรพัฒนา")] = None
    suggestions: Annotated[str | None, Field(title="ข้อเสนอแนะ")] = None
    follow_up: Annotated[FollowUp | None, Field(title="การติดตามผล")] = None
    rating_scale: Annotated[Literal[4, 5], Field(
        title="ระดับการประเมิน", description="5 = มากที่สุด…น้อยที่สุด, 4 = ดีเยี่ยม/ดี/พอใช้/ต้องพัฒนา")] = 5
    ratings: Annotated[dict[str, int], Field(title="ผลการประเมิน", description="รายการ -> คะแนน (1 ถึงระดับสูงสุด)")] = {}
    evidence: Annotated[list[str], Field(title="หลักฐาน", description="ที่อยู่ไฟล์ภาพ/เอกสาร")] = []
    note: Annotated[str | None, Field(title="หมายเหตุ")] = None

    @model_validator(mode="after")
    def _check(self) -> Visit:
        from pydantic_core import PydanticCustomError

        for item, score in self.ratings.items():
            if not 1 <= score <= self.rating_scale:
                raise PydanticCustomError(
                    "rating_range", "rating {item} = {score} is outside 1..{scale}",
                    {"item": item, "score": score, "scale": self.rating_scale, "at": f"ratings.{item}"},
                )
        if self.follow_up and self.follow_up.date and self.follow_up.date < self.date:
            raise PydanticCustomError(
                "follow_up_before_visit", "follow-up date {fu} is before the visit date {d}",
                {"fu": self.follow_up.date.isoformat(), "d": self.date.isoformat(), "at": "follow_up.date"},
            )
        if self.follow_up and self.follow_up.done_date and self.follow_up.done_date < self.date:
            raise PydanticCustomError(
                "follow_up_done_before_visit", "follow-up done {done} is before the visit date {d}",
                {"done": self.follow_up.done_date.isoformat(), "d": self.date.isoformat(), "at": "follow_up.done_date"},
            )
        if self.step and not self.case:
            raise PydanticCustomError("step_without_case", "step is set but case is not", {"at": "step"})
        return self
