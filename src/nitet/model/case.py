"""Case (งาน): one run of a workflow in a fiscal year."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field

from nitet.model.base import BEYear, IsoDate, NitetModel, Record
from nitet.model.values import Choice

STATUS_TH = {"active": "อยู่ระหว่างดำเนินการ", "done": "ดำเนินการแล้วเสร็จ", "cancelled": "ยกเลิก"}


class CompletedStep(NitetModel):
    model_config = ConfigDict(title="ขั้นตอนที่ดำเนินการแล้ว")

    step: Annotated[str, Field(title="เลขขั้นตอน", description='เลขขั้นตอนตามคู่มือ ในเครื่องหมายคำพูด เช่น "4.2.1"')]
    date: Annotated[IsoDate, Field(title="วันที่เสร็จ", description="วันที่ขั้นตอนเสร็จ ปี ค.ศ. เช่น 2026-01-15")]
    note: Annotated[str | None, Field(title="บันทึก", description="บันทึกสั้น ๆ ของขั้นตอนนี้")] = None
    evidence: Annotated[list[str], Field(
        title="หลักฐาน", description="ไฟล์หลักฐานในพื้นที่ทำงาน (ติดตามด้วย git)")] = []
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
    DESCRIPTION_TH: ClassVar[str] = ("งานหนึ่งเรื่องที่ดำเนินการตามกระบวนงานในคู่มือ ทีละขั้นตอน ไฟล์ "
                                     "records/cases/<ปีงบประมาณ>/<กระบวนงาน>-<ปี>-<รหัสสุ่ม>.yaml")
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "workflow", "title", "fiscal_year", "started", "status", "finished",
        "cancelled_reason", "steps")

    id: Annotated[str | None, Field(title="รหัสงาน", description="เท่ากับชื่อไฟล์")] = None
    workflow: Annotated[str, Field(title="กระบวนงาน", description="รหัสกระบวนงานใน workflows/ (ดู nitet flow list)")]
    title: Annotated[str, Field(title="ชื่องาน", description="ชื่องานที่แสดงในรายงาน", min_length=1)]
    fiscal_year: Annotated[BEYear, Field(title="ปีงบประมาณ (พ.ศ.)", description="ปีงบประมาณ พ.ศ. เช่น 2569")]
    started: Annotated[IsoDate, Field(title="วันที่เริ่ม", description="วันที่เริ่มงาน ปี ค.ศ. เช่น 2025-10-15")]
    status: Annotated[Annotated[Literal["active", "done", "cancelled"], Choice(STATUS_TH)], Field(
        title="สถานะ", description="active = อยู่ระหว่างดำเนินการ, done = ดำเนินการแล้วเสร็จ, cancelled = ยกเลิก")] = "active"
    finished: Annotated[IsoDate | None, Field(
        title="วันที่เสร็จ/ยกเลิก", description="วันที่งานเสร็จหรือยกเลิก ปี ค.ศ.")] = None
    cancelled_reason: Annotated[str | None, Field(
        title="เหตุผลที่ยกเลิก", description="บันทึกเมื่อสถานะเป็น cancelled")] = None
    steps: Annotated[list[CompletedStep], Field(
        title="ขั้นตอนที่ดำเนินการแล้ว", description="ขั้นตอนที่เสร็จแล้ว ตามลำดับในคู่มือ (nitet flow advance เพิ่มให้)")] = []
