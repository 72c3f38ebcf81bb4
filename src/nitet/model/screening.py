"""Screening (ผลการคัดกรองการอ่านการเขียน): counts per level, never pupil names."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from nitet.model.base import BEYear, CodeText, Count, NitetModel, Record
from nitet.model.values import Whole

ASPECTS = ("read_aloud", "read_comprehension", "write_words", "write_story")
ASPECTS_TH = {
    "read_aloud": "อ่านออกเสียง",
    "read_comprehension": "อ่านรู้เรื่อง",
    "write_words": "เขียนคำ",
    "write_story": "เขียนเรื่อง",
}
LEVELS = ("excellent", "good", "fair", "improve")
LEVELS_TH = {"excellent": "ดีมาก", "good": "ดี", "fair": "พอใช้", "improve": "ปรับปรุง"}


class Levels(NitetModel):
    model_config = ConfigDict(title="จำนวนนักเรียนแต่ละระดับ")

    excellent: Annotated[Count, Field(title="ดีมาก", description="จำนวนนักเรียนระดับดีมาก (คน)")] = 0
    good: Annotated[Count, Field(title="ดี", description="จำนวนนักเรียนระดับดี (คน)")] = 0
    fair: Annotated[Count, Field(title="พอใช้", description="จำนวนนักเรียนระดับพอใช้ (คน)")] = 0
    improve: Annotated[Count, Field(title="ปรับปรุง", description="จำนวนนักเรียนระดับปรับปรุง (คน)")] = 0

    def total(self) -> int:
        return self.excellent + self.good + self.fair + self.improve


_LEVELS_HELP = "จำนวนนักเรียน (คน) แต่ละระดับ: excellent ดีมาก, good ดี, fair พอใช้, improve ปรับปรุง"


class Screening(Record):
    KIND: ClassVar[str] = "screening"
    FOLDER: ClassVar[str] = "screenings"
    TITLE_TH: ClassVar[str] = "ผลการคัดกรองการอ่านการเขียน"
    DESCRIPTION_TH: ClassVar[str] = ("ผลการคัดกรองการอ่านการเขียนของโรงเรียนหนึ่ง ชั้นหนึ่ง ภาคเรียนหนึ่ง: จำนวนนักเรียน "
                                     "แต่ละระดับ ไม่เก็บชื่อนักเรียน ไฟล์ records/screenings/<ปีการศึกษา>/"
                                     "<รหัสโรงเรียน>-<ปี>-<ภาคเรียน>-p<ชั้น>.yaml")
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "school", "academic_year", "semester", "grade", "assessed", *ASPECTS, "source")

    id: Annotated[str | None, Field(title="รหัสบันทึก", description="เท่ากับชื่อไฟล์")] = None
    school: Annotated[CodeText, Field(
        title="โรงเรียน", description="รหัสโรงเรียนในทะเบียน ในเครื่องหมายคำพูด เช่น '1063020130'")]
    academic_year: Annotated[BEYear, Field(title="ปีการศึกษา (พ.ศ.)", description="ปีการศึกษา พ.ศ. เช่น 2568")]
    semester: Annotated[Annotated[int, Whole(1, 2)], Field(title="ภาคเรียน", description="ภาคเรียนที่ 1 หรือ 2")]
    grade: Annotated[Annotated[int, Whole(1, 6)], Field(title="ชั้น ป.", description="1-6 (ป.1–ป.6)")]
    assessed: Annotated[Count, Field(
        title="จำนวนนักเรียนที่ได้รับการคัดกรอง", description="จำนวนนักเรียนทั้งหมดที่ได้รับการคัดกรอง (คน)")]
    read_aloud: Annotated[Levels, Field(title="อ่านออกเสียง", description=_LEVELS_HELP)] = Levels()
    read_comprehension: Annotated[Levels, Field(title="อ่านรู้เรื่อง", description=_LEVELS_HELP)] = Levels()
    write_words: Annotated[Levels, Field(title="เขียนคำ", description=_LEVELS_HELP)] = Levels()
    write_story: Annotated[Levels, Field(title="เขียนเรื่อง", description=_LEVELS_HELP)] = Levels()
    source: Annotated[str | None, Field(title="ที่มา", description="ไฟล์ที่นำเข้า")] = None

    @model_validator(mode="after")
    def _totals(self) -> Screening:
        for aspect in ASPECTS:
            total = getattr(self, aspect).total()
            if total > self.assessed:
                raise PydanticCustomError(
                    "levels_exceed_assessed",
                    "{aspect}: {total} pupils across levels but only {assessed} assessed",
                    {"aspect": aspect, "total": total, "assessed": self.assessed, "at": aspect})
        return self
