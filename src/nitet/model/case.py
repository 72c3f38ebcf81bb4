"""Case (งาน): one run of a workflow in a fiscal year."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from nitet.model.base import IsoDate, NitetModel, Record


class CompletedStep(NitetModel):
    step: Annotated[str, Field(title="เลขขั้นตอน", description='เช่น "4.2.1"')]
    date: Annotated[IsoDate, Field(title="วันที่เสร็จ")]
    note: Annotated[str | None, Field(title="บันทึก")] = None
    evidence: Annotated[list[str], Field(title="หลักฐาน", description="ไฟล์หลักฐานในพื้นที่ทำงาน")] = []
    visits: Annotated[list[str], Field(title="การนิเทศที่เกี่ยวข้อง", description="รหัสบันทึกการนิเทศ")] = []
    records: Annotated[list[str], Field(
        title="ระเบียนที่เป็นหลักฐาน", description="รหัสระเบียนอื่นที่เป็นหลักฐานของขั้นตอน เช่น ผลการคัดกรองการอ่านการเขียน")] = []
    forced: Annotated[str | None, Field(
        title="เหตุผลที่ข้ามหลักฐาน", description="บันทึกเมื่อใช้ --force ทั้งที่หลักฐานที่ต้องมียังไม่ครบ")] = None
    by: Annotated[str | None, Field(
        title="ผู้บันทึก", description="ศึกษานิเทศก์ผู้บันทึกขั้นตอนนี้ (ชื่อผู้ใช้ของสำเนา: nitet whoami)")] = None


class Case(Record):
    KIND: ClassVar[str] = "case"
    FOLDER: ClassVar[str] = "cases"
    TITLE_TH: ClassVar[str] = "งานตามกระบวนงาน"
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "workflow", "title", "fiscal_year", "started", "status", "finished",
        "cancelled_reason", "steps")

    id: Annotated[str | None, Field(title="รหัสงาน", description="เท่ากับชื่อไฟล์")] = None
    workflow: Annotated[str, Field(title="กระบวนงาน", description="รหัสกระบวนงานใน workflows/")]
    title: Annotated[str, Field(title="ชื่องาน", min_length=1)]
    fiscal_year: Annotated[int, Field(title="ปีงบประมาณ (พ.ศ.)", ge=2500, le=2700)]
    started: Annotated[IsoDate, Field(title="วันที่เริ่ม")]
    status: Annotated[Literal["active", "done", "cancelled"], Field(
        title="สถานะ", description="active = อยู่ระหว่างดำเนินการ, done = ดำเนินการแล้วเสร็จ, cancelled = ยกเลิก")] = "active"
    finished: Annotated[IsoDate | None, Field(title="วันที่เสร็จ/ยกเลิก")] = None
    cancelled_reason: Annotated[str | None, Field(title="เหตุผลที่ยกเลิก")] = None
    steps: Annotated[list[CompletedStep], Field(title="ขั้นตอนที่ดำเนินการแล้ว")] = []
