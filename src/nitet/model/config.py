"""nitet.yaml: office, supervisor, calendars and report settings."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from nitet.model.base import IsoDate, NitetModel

_MONTH_DAY = re.compile(r"\s*[0-9๐-๙]{1,2}\s*[-/]\s*[0-9๐-๙]{1,2}\s*")

DEFAULT_PROJECTS = {
    "dltv": "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)",
    "reading": "โครงการนิเทศติดตามการอ่านการเขียนตามนโยบาย สพฐ.",
}


class SchoolSizes(NitetModel):
    small_max: Annotated[int, Field(title="ขนาดเล็ก: นักเรียนไม่เกิน", ge=0)] = 119
    medium_max: Annotated[int, Field(title="ขนาดกลาง: นักเรียนไม่เกิน", ge=0)] = 719
    large_max: Annotated[int, Field(title="ขนาดใหญ่: นักเรียนไม่เกิน (เกินนี้ = ใหญ่พิเศษ)", ge=0)] = 1679

    def size_of(self, students: int | None) -> str | None:
        if students is None:
            return None
        if students <= self.small_max:
            return "small"
        if students <= self.medium_max:
            return "medium"
        if students <= self.large_max:
            return "large"
        return "extra_large"


class SemesterDates(NitetModel):
    semester: Annotated[int, Field(title="ภาคเรียน", ge=1, le=2)]
    start: Annotated[str, Field(title="วันเปิดภาคเรียน", description="MM-DD ในค่า default, YYYY-MM-DD ในรายปี")]
    end: Annotated[str, Field(title="วันปิดภาคเรียน")]


def _check_days(entries: list[SemesterDates], full: bool, prefix: str = "") -> None:
    """Each semester's start and end: ``MM-DD`` in ``default``, a full date in ``years``."""
    from nitet.core.thai import DateParseError, _month_day, parse_date

    for i, e in enumerate(entries):
        for key in ("start", "end"):
            value = getattr(e, key)
            try:
                if full:
                    parse_date(value)
                elif not _MONTH_DAY.fullmatch(value):
                    raise ValueError(value)
                else:
                    _month_day(value)
            except (ValueError, DateParseError):
                raise PydanticCustomError(
                    "calendar_day", "{value!r} is not a {form}",
                    {"value": value, "form": "full date" if full else "MM-DD", "full": full,
                     "at": f"{prefix}{i}.{key}"}) from None


class AcademicCalendar(NitetModel):
    default: Annotated[list[SemesterDates], Field(title="ภาคเรียนโดยทั่วไป (MM-DD)")] = [
        SemesterDates(semester=1, start="05-16", end="10-11"),
        SemesterDates(semester=2, start="11-01", end="04-01"),
    ]
    years: Annotated[dict[int, list[SemesterDates]], Field(
        title="ภาคเรียนรายปีการศึกษา (พ.ศ.)", description="เมื่อปีใดเลื่อนเปิด-ปิดภาคเรียน ให้ระบุวันที่เต็ม YYYY-MM-DD")] = {}

    @field_validator("default")
    @classmethod
    def _default_days(cls, entries: list[SemesterDates]) -> list[SemesterDates]:
        _check_days(entries, full=False)
        return entries

    @field_validator("years")
    @classmethod
    def _year_days(cls, years: dict[int, list[SemesterDates]]) -> dict[int, list[SemesterDates]]:
        for year, entries in years.items():
            _check_days(entries, full=True, prefix=f"{year}.")
        return years

    @model_validator(mode="after")
    def _semesters_in_order(self) -> AcademicCalendar:
        from nitet.core.thai import semester_ranges

        for year in [2569, *self.years]:
            try:
                semester_ranges(year, self.as_mapping())
            except ValueError as e:
                raise PydanticCustomError("calendar_order", "{why}", {"why": str(e)}) from None
        return self

    def as_mapping(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class ReportSettings(NitetModel):
    krs_title: Annotated[str, Field(title="ชื่อรายงาน KRS")] = (
        "รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)")
    reporter: Annotated[str | None, Field(title="ผู้รายงาน")] = None
    reporter_position: Annotated[str | None, Field(title="ตำแหน่งผู้รายงาน")] = None
    krs_due_days: Annotated[int, Field(title="ส่งรายงาน KRS ภายในกี่วันหลังสิ้นไตรมาส", ge=0, le=90)] = 15


class Member(NitetModel):
    name: Annotated[str, Field(title="ชื่อ-สกุล", min_length=1)]
    position: Annotated[str | None, Field(title="ตำแหน่ง", description="เช่น ศึกษานิเทศก์ชำนาญการพิเศษ")] = None


class Config(NitetModel):
    FILE: ClassVar[str] = "nitet.yaml"

    office: Annotated[str, Field(title="หน่วยงาน")] = ""
    group: Annotated[str | None, Field(title="กลุ่มงาน")] = None
    supervisor: Annotated[str, Field(
        title="ศึกษานิเทศก์ (ผู้ใช้เมื่อสำเนายังไม่ได้ตั้งชื่อ)",
        description="ชื่อของแต่ละคนอยู่ในสำเนาของตน (nitet whoami --set); ค่านี้ใช้เมื่อสำเนาไม่ได้ตั้งชื่อและ git ไม่มี user.name")] = ""
    supervisors: Annotated[list[Annotated[str, Field(min_length=1)] | Member], Field(
        title="รายชื่อศึกษานิเทศก์ของสำนักงาน",
        description="ชื่อ หรือ {name, position}; เมื่อมีรายชื่อ nitet check เตือนการนิเทศที่ผู้นิเทศไม่อยู่ในรายชื่อ")] = []
    school_key: Annotated[Literal["moe", "smis"], Field(
        title="รหัสหลักของโรงเรียน", description="moe = รหัส ๑๐ หลัก (ค่าเริ่มต้น), smis = รหัส SMIS ๘ หลัก")] = "moe"
    digits: Annotated[Literal["thai", "arabic"], Field(
        title="ตัวเลขในรายงาน", description="thai = เลขไทย ๐-๙, arabic = เลขอารบิก")] = "thai"
    lang: Annotated[Literal["th", "en"] | None, Field(title="ภาษา")] = None
    autocommit: Annotated[bool, Field(title="commit git ทุกครั้งที่บันทึก")] = False
    school_sizes: Annotated[SchoolSizes, Field(title="เกณฑ์ขนาดโรงเรียน")] = SchoolSizes()
    academic_calendar: Annotated[AcademicCalendar, Field(title="ปฏิทินการศึกษา")] = AcademicCalendar()
    projects: Annotated[dict[str, str], Field(
        title="โครงการที่ใช้ในบันทึกการนิเทศ", description="รหัส -> ชื่อโครงการ")] = dict(DEFAULT_PROJECTS)
    report: Annotated[ReportSettings, Field(title="การตั้งค่ารายงาน")] = ReportSettings()
    start_date: Annotated[IsoDate | None, Field(title="วันที่เริ่มใช้ nitet")] = None

    def roster(self) -> list[Member]:
        """The office's supervisors (``supervisors``), each as a :class:`Member`."""
        return [m if isinstance(m, Member) else Member(name=m) for m in self.supervisors]
