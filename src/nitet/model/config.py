"""nitet.yaml: office, supervisor, calendars and report settings."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from nitet.model.base import Bool, Count, IsoDate, NitetModel
from nitet.model.values import Choice, Whole

_MONTH_DAY = re.compile(r"\s*[0-9๐-๙]{1,2}\s*[-/]\s*[0-9๐-๙]{1,2}\s*")

DEFAULT_PROJECTS = {
    "dltv": "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)",
    "reading": "โครงการนิเทศติดตามการอ่านการเขียนตามนโยบาย สพฐ.",
}


class SchoolSizes(NitetModel):
    model_config = ConfigDict(title="เกณฑ์ขนาดโรงเรียน")

    small_max: Annotated[Count, Field(title="ขนาดเล็ก: นักเรียนไม่เกิน", description="จำนวนนักเรียนสูงสุดของโรงเรียนขนาดเล็ก")] = 119
    medium_max: Annotated[Count, Field(title="ขนาดกลาง: นักเรียนไม่เกิน", description="จำนวนนักเรียนสูงสุดของโรงเรียนขนาดกลาง")] = 719
    large_max: Annotated[Count, Field(
        title="ขนาดใหญ่: นักเรียนไม่เกิน (เกินนี้ = ใหญ่พิเศษ)", description="จำนวนนักเรียนสูงสุดของโรงเรียนขนาดใหญ่")] = 1679

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
    model_config = ConfigDict(title="วันเปิด-ปิดภาคเรียน")

    semester: Annotated[Annotated[int, Whole(1, 2)], Field(title="ภาคเรียน", description="ภาคเรียนที่ 1 หรือ 2")]
    start: Annotated[str, Field(title="วันเปิดภาคเรียน", description="เดือน-วัน (MM-DD) ในค่า default, ปี-เดือน-วัน ค.ศ. ในรายปี")]
    end: Annotated[str, Field(title="วันปิดภาคเรียน", description="เดือน-วัน (MM-DD) ในค่า default, ปี-เดือน-วัน ค.ศ. ในรายปี")]


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
    model_config = ConfigDict(title="ปฏิทินการศึกษา")

    default: Annotated[list[SemesterDates], Field(
        title="ภาคเรียนโดยทั่วไป (MM-DD)", description="วันเปิด-ปิดภาคเรียนที่ใช้ทุกปี (เดือน-วัน)")] = [
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
    model_config = ConfigDict(title="การตั้งค่ารายงาน")

    krs_title: Annotated[str, Field(title="ชื่อรายงาน KRS", description="หัวรายงานผลการปฏิบัติงานรายไตรมาส")] = (
        "รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)")
    reporter: Annotated[str | None, Field(title="ผู้รายงาน", description="ชื่อผู้รายงานในช่องลงชื่อท้ายรายงาน")] = None
    reporter_position: Annotated[str | None, Field(title="ตำแหน่งผู้รายงาน", description="ตำแหน่งใต้ชื่อผู้รายงาน")] = None
    krs_due_days: Annotated[Annotated[int, Whole(0, 90)], Field(
        title="ส่งรายงาน KRS ภายในกี่วันหลังสิ้นไตรมาส", description="จำนวนวัน 0–90 (nitet todo เตือนตามนี้)")] = 15


SCHOOL_KEYS_TH = {"moe": "รหัสโรงเรียน ๑๐ หลักของกระทรวงศึกษาธิการ (ค่าเริ่มต้น)", "smis": "รหัส SMIS ๘ หลัก"}
DIGITS_TH = {"thai": "เลขไทย ๐-๙ (ค่าเริ่มต้น)", "arabic": "เลขอารบิก 0-9"}
LANGS_TH = {"th": "ภาษาไทย", "en": "ภาษาอังกฤษ"}


class Member(NitetModel):
    model_config = ConfigDict(title="ศึกษานิเทศก์ในรายชื่อ")

    name: Annotated[str, Field(title="ชื่อ-สกุล", description="ชื่อ-สกุลของศึกษานิเทศก์", min_length=1)]
    position: Annotated[str | None, Field(title="ตำแหน่ง", description="เช่น ศึกษานิเทศก์ชำนาญการพิเศษ")] = None


class Config(NitetModel):
    FILE: ClassVar[str] = "nitet.yaml"
    TITLE_TH: ClassVar[str] = "การตั้งค่าพื้นที่ทำงาน nitet (nitet.yaml)"
    DESCRIPTION_TH: ClassVar[str] = "หน่วยงาน ผู้ใช้ ปฏิทินการศึกษา โครงการ และการตั้งค่ารายงานของพื้นที่ทำงานนี้"

    office: Annotated[str, Field(title="หน่วยงาน", description="ชื่อหน่วยงานที่หัวรายงาน เช่น สพป.ตาก เขต ๒")] = ""
    group: Annotated[str | None, Field(title="กลุ่มงาน", description="กลุ่มงานของผู้ใช้ในหน่วยงาน")] = None
    supervisor: Annotated[str, Field(
        title="ศึกษานิเทศก์ (ผู้ใช้เมื่อสำเนายังไม่ได้ตั้งชื่อ)",
        description="ชื่อของแต่ละคนอยู่ในสำเนาของตน (nitet whoami --set); ค่านี้ใช้เมื่อสำเนาไม่ได้ตั้งชื่อและ git ไม่มี user.name")] = ""
    supervisors: Annotated[list[Annotated[str, Field(min_length=1)] | Member], Field(
        title="รายชื่อศึกษานิเทศก์ของสำนักงาน",
        description="ชื่อ หรือ {name, position}; เมื่อมีรายชื่อ nitet check เตือนการนิเทศที่ผู้นิเทศไม่อยู่ในรายชื่อ")] = []
    school_key: Annotated[Annotated[Literal["moe", "smis"], Choice(SCHOOL_KEYS_TH)], Field(
        title="รหัสหลักของโรงเรียน", description="moe = รหัส ๑๐ หลัก (ค่าเริ่มต้น), smis = รหัส SMIS ๘ หลัก")] = "moe"
    digits: Annotated[Annotated[Literal["thai", "arabic"], Choice(DIGITS_TH)], Field(
        title="ตัวเลขในรายงาน", description="thai = เลขไทย ๐-๙, arabic = เลขอารบิก")] = "thai"
    lang: Annotated[Annotated[Literal["th", "en"], Choice(LANGS_TH)] | None, Field(
        title="ภาษา", description="ภาษาของข้อความ nitet: th หรือ en (เว้นว่าง = ไทย)")] = None
    autocommit: Annotated[Bool, Field(
        title="commit git ทุกครั้งที่บันทึก", description="true = nitet commit ไฟล์ที่บันทึกทุกครั้ง")] = False
    school_sizes: Annotated[SchoolSizes, Field(
        title="เกณฑ์ขนาดโรงเรียน", description="จำนวนนักเรียนสูงสุดของแต่ละขนาด")] = SchoolSizes()
    academic_calendar: Annotated[AcademicCalendar, Field(
        title="ปฏิทินการศึกษา", description="วันเปิด-ปิดภาคเรียน (ปีที่เลื่อนระบุใน years)")] = AcademicCalendar()
    projects: Annotated[dict[str, str], Field(
        title="โครงการที่ใช้ในบันทึกการนิเทศ", description="รหัส -> ชื่อโครงการ")] = dict(DEFAULT_PROJECTS)
    report: Annotated[ReportSettings, Field(title="การตั้งค่ารายงาน", description="ชื่อรายงาน ผู้รายงาน กำหนดส่ง")] = ReportSettings()
    start_date: Annotated[IsoDate | None, Field(
        title="วันที่เริ่มใช้ nitet", description="วันที่เริ่มใช้ nitet ในพื้นที่ทำงานนี้ ปี ค.ศ. เช่น 2025-10-01")] = None

    def roster(self) -> list[Member]:
        """The office's supervisors (``supervisors``), each as a :class:`Member`."""
        return [m if isinstance(m, Member) else Member(name=m) for m in self.supervisors]
