"""Screening (ผลการคัดกรองการอ่านการเขียน): counts per level, never pupil names."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from nitet.model.base import CodeText, NitetModel, Record

ASPECTS = ("read_aloud", "read_comprehension", "write_words", "write_story")
ASPECTS_TH = {
    "read_aloud": "อ่านออกเสียง",
    "read_comprehension": "อ่านรู้เรื่อง",
    "write_words": "เขียนคำ",
    "write_story": "เขียนเรื่อง",
}
LEVELS = ("excellent", "good", "fair", "improve")
LEVELS_TH = {"excellent": "ดีมาก", "good": "ดี", "fair": "พอใช้", "improve": "ปรับปรุง"}
Count = Annotated[int, Field(ge=0)]


class Levels(NitetModel):
    excellent: Annotated[Count, Field(title="ดีมาก")] = 0
    good: Annotated[Count, Field(title="ดี")] = 0
    fair: Annotated[Count, Field(title="พอใช้")] = 0
    improve: Annotated[Count, Field(title="ปรับปรุง")] = 0

    def total(self) -> int:
        return self.excellent + self.good + self.fair + self.improve


class Screening(Record):
    KIND: ClassVar[str] = "screening"
    FOLDER: ClassVar[str] = "screenings"
    TITLE_TH: ClassVar[str] = "ผลการคัดกรองการอ่านการเขียน"
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "school", "academic_year", "semester", "grade", "assessed", *ASPECTS, "source")

    id: Annotated[str | None, Field(title="รหัสบันทึก")] = None
    school: Annotated[CodeText, Field(title="โรงเรียน", min_length=1)]
    academic_year: Annotated[int, Field(title="ปีการศึกษา (พ.ศ.)", ge=2500, le=2700)]
    semester: Annotated[int, Field(title="ภาคเรียน", ge=1, le=2)]
    grade: Annotated[int, Field(title="ชั้น ป.", description="1-6 (ป.1–ป.6)", ge=1, le=6)]
    assessed: Annotated[Count, Field(title="จำนวนนักเรียนที่ได้รับการคัดกรอง")]
    read_aloud: Annotated[Levels, Field(title="อ่านออกเสียง")] = Levels()
    read_comprehension: Annotated[Levels, Field(title="อ่านรู้เรื่อง")] = Levels()
    write_words: Annotated[Levels, Field(title="เขียนคำ")] = Levels()
    write_story: Annotated[Levels, Field(title="เขียนเรื่อง")] = Levels()
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
