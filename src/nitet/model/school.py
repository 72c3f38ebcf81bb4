"""School (โรงเรียน): the registry every other record refers to."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from nitet.model.base import Bool, CodeText, Count, ObecCode, Record, SmisCode
from nitet.model.values import Choice

SIZES = ("small", "medium", "large", "extra_large")
SIZE_TH = {"small": "เล็ก", "medium": "กลาง", "large": "ใหญ่", "extra_large": "ใหญ่พิเศษ"}
SIZE_EN = {"small": "small", "medium": "medium", "large": "large", "extra_large": "extra large"}


class School(Record):
    KIND: ClassVar[str] = "school"
    FOLDER: ClassVar[str] = "schools"
    TITLE_TH: ClassVar[str] = "โรงเรียน"
    DESCRIPTION_TH: ClassVar[str] = "ข้อมูลโรงเรียนหนึ่งโรงในทะเบียน ไฟล์ records/schools/<รหัสโรงเรียน>.yaml"
    ID_FIELD: ClassVar[str] = "code"
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "code", "smis", "obec", "name", "district", "subdistrict", "network", "students",
        "teachers", "principal", "dltv", "size", "target", "note",
    )

    code: Annotated[CodeText, Field(
        title="รหัสโรงเรียน",
        description="รหัสโรงเรียน ๑๐ หลักของกระทรวงศึกษาธิการ (หรือรหัส SMIS ๘ หลัก เมื่อ nitet.yaml ตั้ง school_key: smis) "
                    "เขียนในเครื่องหมายคำพูด เช่น '1063020130' และตรงกับชื่อไฟล์",
    )]
    smis: Annotated[SmisCode | None, Field(
        title="รหัส SMIS", description="รหัส SMIS ๘ หลัก เขียนในเครื่องหมายคำพูด เช่น '63020130'")] = None
    obec: Annotated[ObecCode | None, Field(
        title="รหัส สพฐ.", description="รหัสโรงเรียน ๖ หลักของ สพฐ. (OBEC) เขียนในเครื่องหมายคำพูด เช่น '010101'")] = None
    name: Annotated[str, Field(title="ชื่อโรงเรียน", description="ชื่อโรงเรียน เช่น โรงเรียนบ้านแม่ละเมา", min_length=1)]
    district: Annotated[str | None, Field(title="อำเภอ", description="อำเภอที่ตั้งโรงเรียน เช่น แม่สอด")] = None
    subdistrict: Annotated[str | None, Field(title="ตำบล", description="ตำบลที่ตั้งโรงเรียน")] = None
    network: Annotated[str | None, Field(
        title="กลุ่มเครือข่าย", description="กลุ่มเครือข่ายสถานศึกษา (รายงานรวมผลตามกลุ่มนี้)")] = None
    students: Annotated[Count | None, Field(
        title="จำนวนนักเรียน", description="จำนวนนักเรียนทั้งหมด (ใช้คำนวณขนาดโรงเรียนเมื่อไม่ระบุ size)")] = None
    teachers: Annotated[Count | None, Field(title="จำนวนครู", description="จำนวนครูและบุคลากรทางการศึกษา")] = None
    principal: Annotated[str | None, Field(title="ผู้อำนวยการโรงเรียน", description="ชื่อผู้อำนวยการสถานศึกษา")] = None
    dltv: Annotated[Bool, Field(
        title="โรงเรียน DLTV", description="true = จัดการเรียนการสอนทางไกลผ่านดาวเทียม (DLTV)")] = False
    size: Annotated[Annotated[Literal["small", "medium", "large", "extra_large"], Choice(SIZE_TH)] | None, Field(
        title="ขนาดโรงเรียน",
        description="เล็ก/กลาง/ใหญ่/ใหญ่พิเศษ; เว้นว่างได้ nitet คำนวณจากจำนวนนักเรียนตามเกณฑ์ใน nitet.yaml",
    )] = None
    target: Annotated[Bool, Field(
        title="โรงเรียนกลุ่มเป้าหมาย", description="true = โรงเรียนกลุ่มเป้าหมายที่ต้องนิเทศติดตาม")] = False
    note: Annotated[str | None, Field(title="หมายเหตุ", description="บันทึกเพิ่มเติมเกี่ยวกับโรงเรียน")] = None
