"""Plan (โครงการตามแผนปฏิบัติการ): a project of the annual action plan, reported each quarter."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from nitet.model.base import NitetModel, Record

ACTIVITY_STATUS_TH = {
    "not_started": "ยังไม่ดำเนินการ",
    "in_progress": "กำลังดำเนินการ",
    "done": "ดำเนินการแล้ว",
}
Quarter = Annotated[int, Field(ge=1, le=4)]
Money = Annotated[float, Field(ge=0)]


class Activity(NitetModel):
    id: Annotated[str, Field(title="รหัสกิจกรรม", min_length=1)]
    title: Annotated[str, Field(title="กิจกรรม", min_length=1)]
    quarters: Annotated[list[Quarter], Field(title="ไตรมาสที่ดำเนินการ")] = []
    budget: Annotated[Money | None, Field(title="งบประมาณ (บาท)")] = None


class Indicator(NitetModel):
    id: Annotated[str, Field(title="รหัสตัวชี้วัด", min_length=1)]
    title: Annotated[str, Field(title="ตัวชี้วัด", min_length=1)]
    unit: Annotated[str | None, Field(title="หน่วยนับ")] = None
    target: Annotated[float, Field(title="ค่าเป้าหมาย", ge=0)]
    source: Annotated[Literal["manual", "visits"], Field(
        title="ที่มาของผล", description="manual = กรอกเองในผลรายไตรมาส, visits = นับโรงเรียนที่ได้รับการนิเทศ")] = "manual"
    filter: Annotated[dict[str, str | list[str]] | None, Field(
        title="เงื่อนไขการนับ", description="เช่น {project: dltv} นับโรงเรียน (ไม่ซ้ำ) ที่มีการนิเทศโครงการนี้")] = None


class QuarterResult(NitetModel):
    quarter: Annotated[Quarter, Field(title="ไตรมาส")]
    spent: Annotated[Money, Field(title="เบิกจ่ายในไตรมาส (บาท)")] = 0
    activities: Annotated[dict[str, Literal["not_started", "in_progress", "done"]], Field(
        title="สถานะกิจกรรม", description="not_started ยังไม่ดำเนินการ, in_progress กำลังดำเนินการ, done ดำเนินการแล้ว")] = {}
    indicators: Annotated[dict[str, float], Field(title="ผลตามตัวชี้วัด")] = {}
    problems: Annotated[str | None, Field(title="ปัญหาอุปสรรค")] = None
    suggestions: Annotated[str | None, Field(title="ข้อเสนอแนะ")] = None
    by: Annotated[str | None, Field(
        title="ผู้บันทึกผล", description="ศึกษานิเทศก์ผู้บันทึกผลไตรมาสนี้ล่าสุด (ชื่อผู้ใช้ของสำเนา: nitet whoami)")] = None


class Plan(Record):
    KIND: ClassVar[str] = "plan"
    FOLDER: ClassVar[str] = "plans"
    TITLE_TH: ClassVar[str] = "โครงการตามแผนปฏิบัติการ"
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "fiscal_year", "title", "workflow", "owner", "budget", "activities", "indicators",
        "results")

    id: Annotated[str | None, Field(title="รหัสโครงการ", description="เท่ากับชื่อไฟล์")] = None
    fiscal_year: Annotated[int, Field(title="ปีงบประมาณ (พ.ศ.)", ge=2500, le=2700)]
    title: Annotated[str, Field(title="ชื่อโครงการ", min_length=1)]
    workflow: Annotated[str | None, Field(title="กระบวนงาน")] = None
    owner: Annotated[str | None, Field(title="ผู้รับผิดชอบ")] = None
    budget: Annotated[Money | None, Field(title="งบประมาณที่ได้รับ (บาท)")] = None
    activities: Annotated[list[Activity], Field(title="กิจกรรม")] = []
    indicators: Annotated[list[Indicator], Field(title="ตัวชี้วัด")] = []
    results: Annotated[list[QuarterResult], Field(title="ผลการดำเนินงานรายไตรมาส")] = []
