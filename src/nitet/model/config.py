"""nitet.yaml: office, supervisor, calendars and report settings."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from .base import IsoDate, NitetModel

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


class AcademicCalendar(NitetModel):
    default: Annotated[list[SemesterDates], Field(title="ภาคเรียนโดยทั่วไป (MM-DD)")] = [
        SemesterDates(semester=1, start="05-16", end="10-11"),
        SemesterDates(semester=2, start="11-01", end="04-01"),
    ]
    years: Annotated[dict[int, list[SemesterDates]], Field(
        title="ภาคเรียนรายปีการศึกษา (พ.ศ.)", description="เมื่อปีใดเลื่อนเปิด-ปิดภาคเรียน ให้ระบุวันที่เต็ม YYYY-MM-DD")] = {}

    def as_mapping(self) -> dict[str, object]:
        return self.model_dump(mode="json")


class ReportSettings(NitetModel):
    krs_title: Annotated[str, Field(title="ชื่อรายงาน KRS")] = (
        "รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)")
    reporter: Annotated[str | None, Field(title="ผู้รายงาน")] = None
    reporter_position: Annotated[str | None, Field(title="ตำแหน่งผู้รายงาน")] = None
    krs_due_days: Annotated[int, Field(title="ส่งรายงาน KRS ภายในกี่วันหลังสิ้นไตรมาส", ge=0, le=90)] = 15


class Config(NitetModel):
    FILE: ClassVar[str] = "nitet.yaml"

    office: Annotated[str, Field(title="หน่วยงาน")] = ""
    group: Annotated[str | None, Field(title="กลุ่มงาน")] = None
    supervisor: Annotated[str, Field(title="ศึกษานิเทศก์ (ผู้ใช้)")] = ""
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
