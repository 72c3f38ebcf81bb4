"""Plan (โครงการตามแผนปฏิบัติการ): a project of the annual action plan, reported each quarter."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field

from nitet.model.base import BEYear, Money, NitetModel, Quarter, Record
from nitet.model.values import Choice, Number

ACTIVITY_STATUS_TH = {
    "not_started": "ยังไม่ดำเนินการ",
    "in_progress": "กำลังดำเนินการ",
    "done": "ดำเนินการแล้ว",
}
SOURCES_TH = {"manual": "กรอกผลเองในผลรายไตรมาส (results)",
              "visits": "นับโรงเรียน (ไม่ซ้ำ) ที่ได้รับการนิเทศตามเงื่อนไข filter"}


class Activity(NitetModel):
    model_config = ConfigDict(title="กิจกรรม")

    id: Annotated[str, Field(title="รหัสกิจกรรม", description="รหัสสั้น ๆ ไม่ซ้ำในโครงการ เช่น a1", min_length=1)]
    title: Annotated[str, Field(title="กิจกรรม", description="ชื่อกิจกรรมตามแผน", min_length=1)]
    quarters: Annotated[list[Quarter], Field(
        title="ไตรมาสที่ดำเนินการ", description="ไตรมาสตามแผน 1–4 เช่น [1, 2]")] = []
    budget: Annotated[Money | None, Field(title="งบประมาณ (บาท)", description="งบประมาณของกิจกรรม (บาท)")] = None


class Indicator(NitetModel):
    model_config = ConfigDict(title="ตัวชี้วัด")

    id: Annotated[str, Field(title="รหัสตัวชี้วัด", description="รหัสสั้น ๆ ไม่ซ้ำในโครงการ เช่น schools", min_length=1)]
    title: Annotated[str, Field(title="ตัวชี้วัด", description="ข้อความตัวชี้วัดตามแผน", min_length=1)]
    unit: Annotated[str | None, Field(title="หน่วยนับ", description="เช่น โรงเรียน คน ร้อยละ")] = None
    target: Annotated[Money, Field(title="ค่าเป้าหมาย", description="ค่าเป้าหมายของตัวชี้วัด (ตัวเลข)")]
    source: Annotated[Annotated[Literal["manual", "visits"], Choice(SOURCES_TH)], Field(
        title="ที่มาของผล", description="manual = กรอกเองในผลรายไตรมาส, visits = นับโรงเรียนที่ได้รับการนิเทศ")] = "manual"
    filter: Annotated[dict[str, str | list[str]] | None, Field(
        title="เงื่อนไขการนับ", description="เช่น {project: dltv} นับโรงเรียน (ไม่ซ้ำ) ที่มีการนิเทศโครงการนี้")] = None


class QuarterResult(NitetModel):
    model_config = ConfigDict(title="ผลการดำเนินงานรายไตรมาส")

    quarter: Annotated[Quarter, Field(title="ไตรมาส", description="ไตรมาส 1–4 ของปีงบประมาณ")]
    spent: Annotated[Money, Field(title="เบิกจ่ายในไตรมาส (บาท)", description="เงินที่เบิกจ่ายในไตรมาสนี้ (บาท)")] = 0
    activities: Annotated[dict[str, Annotated[Literal["not_started", "in_progress", "done"], Choice(ACTIVITY_STATUS_TH)]],
                          Field(title="สถานะกิจกรรม",
                                description="รหัสกิจกรรม: not_started ยังไม่ดำเนินการ, in_progress กำลังดำเนินการ, "
                                            "done ดำเนินการแล้ว")] = {}
    indicators: Annotated[dict[str, Annotated[float, Number(None)]], Field(
        title="ผลตามตัวชี้วัด", description="รหัสตัวชี้วัด: ผล (เฉพาะตัวชี้วัด source: manual)")] = {}
    problems: Annotated[str | None, Field(title="ปัญหาอุปสรรค", description="ปัญหาอุปสรรคในไตรมาสนี้")] = None
    suggestions: Annotated[str | None, Field(title="ข้อเสนอแนะ", description="ข้อเสนอแนะเพื่อการพัฒนา")] = None
    by: Annotated[str | None, Field(
        title="ผู้บันทึกผล", description="ศึกษานิเทศก์ผู้บันทึกผลไตรมาสนี้ล่าสุด (ชื่อผู้ใช้ของสำเนา: nitet whoami)")] = None


class Plan(Record):
    KIND: ClassVar[str] = "plan"
    FOLDER: ClassVar[str] = "plans"
    TITLE_TH: ClassVar[str] = "โครงการตามแผนปฏิบัติการ"
    DESCRIPTION_TH: ClassVar[str] = ("โครงการหนึ่งของแผนปฏิบัติการประจำปี: กิจกรรม ตัวชี้วัด งบประมาณ และผลรายไตรมาส "
                                     "(รายงาน KRS) ไฟล์ records/plans/<รหัสโครงการ>.yaml")
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "fiscal_year", "title", "workflow", "owner", "budget", "activities", "indicators",
        "results")

    id: Annotated[str | None, Field(title="รหัสโครงการ", description="เท่ากับชื่อไฟล์")] = None
    fiscal_year: Annotated[BEYear, Field(title="ปีงบประมาณ (พ.ศ.)", description="ปีงบประมาณ พ.ศ. เช่น 2569")]
    title: Annotated[str, Field(title="ชื่อโครงการ", description="ชื่อโครงการตามแผนปฏิบัติการ", min_length=1)]
    workflow: Annotated[str | None, Field(title="กระบวนงาน", description="รหัสกระบวนงานที่โครงการนี้ดำเนินการ (ถ้ามี)")] = None
    owner: Annotated[str | None, Field(title="ผู้รับผิดชอบ", description="ผู้รับผิดชอบโครงการ")] = None
    budget: Annotated[Money | None, Field(title="งบประมาณที่ได้รับ (บาท)", description="งบประมาณทั้งโครงการ (บาท)")] = None
    activities: Annotated[list[Activity], Field(title="กิจกรรม", description="กิจกรรมของโครงการ")] = []
    indicators: Annotated[list[Indicator], Field(title="ตัวชี้วัด", description="ตัวชี้วัดและค่าเป้าหมาย")] = []
    results: Annotated[list[QuarterResult], Field(
        title="ผลการดำเนินงานรายไตรมาส", description="ผลแต่ละไตรมาส (nitet plan result บันทึกให้)")] = []
