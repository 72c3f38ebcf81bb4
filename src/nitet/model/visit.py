"""Visit (การนิเทศ): one supervision visit to a school (แบบบันทึกการนิเทศ)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field, model_validator

from nitet.model.base import Bool, CodeText, IsoDate, NitetModel, Record
from nitet.model.config import DEFAULT_PROJECTS
from nitet.model.values import Choice, Suggest, Whole

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


#: กลุ่มสาระการเรียนรู้ of the basic education core curriculum (offered, not enforced).
SUBJECTS_TH = {
    "ภาษาไทย": "กลุ่มสาระการเรียนรู้ภาษาไทย",
    "คณิตศาสตร์": "กลุ่มสาระการเรียนรู้คณิตศาสตร์",
    "วิทยาศาสตร์และเทคโนโลยี": "กลุ่มสาระการเรียนรู้วิทยาศาสตร์และเทคโนโลยี",
    "สังคมศึกษา ศาสนาและวัฒนธรรม": "กลุ่มสาระการเรียนรู้สังคมศึกษา ศาสนาและวัฒนธรรม",
    "สุขศึกษาและพลศึกษา": "กลุ่มสาระการเรียนรู้สุขศึกษาและพลศึกษา",
    "ศิลปะ": "กลุ่มสาระการเรียนรู้ศิลปะ",
    "การงานอาชีพ": "กลุ่มสาระการเรียนรู้การงานอาชีพ",
    "ภาษาต่างประเทศ": "กลุ่มสาระการเรียนรู้ภาษาต่างประเทศ",
    "กิจกรรมพัฒนาผู้เรียน": "กิจกรรมพัฒนาผู้เรียน",
}
_LEVELS = (("อ.", "อนุบาลปีที่", 3), ("ป.", "ประถมศึกษาปีที่", 6), ("ม.", "มัธยมศึกษาปีที่", 6))
#: Classes as written in a visit note (offered, not enforced).
GRADES_TH = {f"{short}{n}": f"{long} {'๐๑๒๓๔๕๖'[n]}" for short, long, top in _LEVELS for n in range(1, top + 1)}
#: Positions of the people supervised (offered, not enforced).
POSITIONS_TH = {
    "ครู": "ครู (มีวิทยฐานะหรือไม่มีก็ได้)",
    "ครูผู้ช่วย": "ครูผู้ช่วย",
    "พนักงานราชการ": "พนักงานราชการ (ครู)",
    "ครูอัตราจ้าง": "ครูอัตราจ้าง",
    "ผู้อำนวยการโรงเรียน": "ผู้อำนวยการสถานศึกษา",
    "รองผู้อำนวยการโรงเรียน": "รองผู้อำนวยการสถานศึกษา",
}
RATING_SCALES_TH = {5: "๕ ระดับ: มากที่สุด มาก ปานกลาง น้อย น้อยที่สุด",
                    4: "๔ ระดับ: ดีเยี่ยม ดี พอใช้ ต้องพัฒนา"}


class Supervisee(NitetModel):
    model_config = ConfigDict(title="ผู้รับการนิเทศ")

    name: Annotated[str, Field(title="ชื่อผู้รับการนิเทศ", description="ชื่อ-สกุลของครูหรือบุคลากรที่รับการนิเทศ",
                               min_length=1)]
    position: Annotated[Annotated[str, Suggest(POSITIONS_TH)] | None, Field(
        title="ตำแหน่ง", description="ตำแหน่งของผู้รับการนิเทศ เช่น ครู ครูผู้ช่วย")] = None
    subject: Annotated[Annotated[str, Suggest(SUBJECTS_TH)] | None, Field(
        title="กลุ่มสาระการเรียนรู้", description="กลุ่มสาระการเรียนรู้ที่สอน เช่น ภาษาไทย คณิตศาสตร์")] = None
    grade: Annotated[Annotated[str, Suggest(GRADES_TH)] | None, Field(
        title="ชั้น", description="ชั้นที่สอน เช่น ป.1, ป.4, ม.2")] = None


class FollowUp(NitetModel):
    model_config = ConfigDict(title="การติดตามผล")

    date: Annotated[IsoDate | None, Field(
        title="วันที่ติดตาม", description="วันที่จะติดตามผล เป็นปี ค.ศ. เช่น 2026-12-15 (ไม่ก่อนวันนิเทศ)")] = None
    action: Annotated[str | None, Field(title="สิ่งที่จะติดตาม", description="เรื่องที่จะกลับไปติดตาม")] = None
    done: Annotated[Bool, Field(title="ติดตามแล้ว", description="true = ติดตามผลเรื่องนี้แล้ว")] = False
    done_date: Annotated[IsoDate | None, Field(
        title="วันที่ติดตามแล้ว", description="ISO ค.ศ.; บันทึกโดย nitet visit done --date")] = None
    result: Annotated[str | None, Field(title="ผลการติดตาม", description="สิ่งที่พบเมื่อติดตาม (nitet visit done --result)")] = None
    done_by: Annotated[str | None, Field(title="ผู้ติดตาม", description="ศึกษานิเทศก์ผู้บันทึกว่าติดตามแล้ว")] = None


class Visit(Record):
    KIND: ClassVar[str] = "visit"
    FOLDER: ClassVar[str] = "visits"
    TITLE_TH: ClassVar[str] = "การนิเทศ"
    DESCRIPTION_TH: ClassVar[str] = ("บันทึกการนิเทศหนึ่งครั้ง (แบบบันทึกการนิเทศ) ไฟล์ "
                                     "records/visits/<ปีงบประมาณ>/<วันที่>-<รหัสโรงเรียน>-<รหัสสุ่ม>.yaml")
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "date", "school", "supervisors", "kind", "project", "case", "step", "methods",
        "supervisees", "topics", "findings", "strengths", "improvements", "suggestions",
        "follow_up", "rating_scale", "ratings", "evidence", "note",
    )

    id: Annotated[str | None, Field(title="รหัสบันทึก", description="เท่ากับชื่อไฟล์ (ไม่รวม .yaml)")] = None
    date: Annotated[IsoDate, Field(
        title="วันที่นิเทศ", description="ปี ค.ศ. แบบ ปี-เดือน-วัน เช่น 2026-11-25 (รายงานแสดงเป็น พ.ศ.)")]
    school: Annotated[CodeText, Field(
        title="โรงเรียน", description="รหัสโรงเรียนในทะเบียน (๑๐ หลัก หรือ SMIS ๘ หลัก) ในเครื่องหมายคำพูด เช่น '1063020130'")]
    supervisors: Annotated[list[str], Field(title="ผู้นิเทศ", description="ชื่อศึกษานิเทศก์ผู้นิเทศ (คนละบรรทัด)")] = []
    kind: Annotated[Annotated[Literal["school-based", "project-based"], Choice(KIND_LABELS_TH)], Field(
        title="รูปแบบการนิเทศ",
        description="school-based = นิเทศโดยใช้โรงเรียนเป็นฐาน, project-based = นิเทศโดยใช้โครงการเป็นฐาน")] = "school-based"
    project: Annotated[Annotated[str, Suggest(DEFAULT_PROJECTS)] | None, Field(
        title="โครงการ", description="เช่น dltv, reading หรือรหัสโครงการในแผนปฏิบัติการ (records/plans/)")] = None
    case: Annotated[str | None, Field(
        title="รหัสงานตามกระบวนงาน", description="งานตามกระบวนงานที่การนิเทศนี้เป็นส่วนหนึ่ง (ดู nitet flow status)")] = None
    step: Annotated[str | None, Field(
        title="ขั้นตอน", description="เลขขั้นตอนของงาน เช่น '4.2.1' (เขียนในเครื่องหมายคำพูด; ต้องระบุ case ด้วย)")] = None
    methods: Annotated[list[Annotated[str, Suggest(METHODS_TH, warn=True)]], Field(
        title="วิธีการนิเทศ",
        description="observation สังเกตการสอน, coaching, mentoring, plc, document-review ตรวจเอกสาร, meeting ประชุม, "
                    "online ออนไลน์, interview สัมภาษณ์, demonstration สาธิตการสอน (คำอื่นเก็บไว้ตามที่เขียน พร้อมคำเตือน)",
    )] = []
    supervisees: Annotated[list[Supervisee], Field(
        title="ผู้รับการนิเทศ", description="ครูและบุคลากรที่รับการนิเทศ: ชื่อ ตำแหน่ง กลุ่มสาระ ชั้น")] = []
    topics: Annotated[list[str], Field(title="เรื่องที่นิเทศ", description="เรื่องที่นิเทศ (คนละบรรทัด)")] = []
    findings: Annotated[str | None, Field(title="ผลการนิเทศ", description="สิ่งที่พบจากการนิเทศ")] = None
    strengths: Annotated[str | None, Field(title="จุดเด่น", description="จุดเด่นที่พบ")] = None
    improvements: Annotated[str | None, Field(title="จุดที่ควรพัฒนา", description="จุดที่ควรพัฒนา")] = None
    suggestions: Annotated[str | None, Field(title="ข้อเสนอแนะ", description="ข้อเสนอแนะให้ครู/โรงเรียน")] = None
    follow_up: Annotated[FollowUp | None, Field(
        title="การติดตามผล", description="วันที่และเรื่องที่จะติดตาม (nitet todo แสดงเมื่อถึงกำหนด)")] = None
    rating_scale: Annotated[Annotated[int, Whole(4, 5, labels=RATING_SCALES_TH)], Field(
        title="ระดับการประเมิน", description="5 = มากที่สุด…น้อยที่สุด, 4 = ดีเยี่ยม/ดี/พอใช้/ต้องพัฒนา")] = 5
    ratings: Annotated[dict[str, Annotated[int, Whole(1, 5)]], Field(
        title="ผลการประเมิน", description="รายการ: คะแนน (1 ถึงระดับสูงสุดตาม rating_scale)")] = {}
    evidence: Annotated[list[str], Field(
        title="หลักฐาน", description="ที่อยู่ไฟล์ภาพ/เอกสารในพื้นที่ทำงาน เช่น evidence/2569/ภาพ.jpg")] = []
    note: Annotated[str | None, Field(title="หมายเหตุ", description="บันทึกเพิ่มเติม")] = None

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
