"""School (โรงเรียน): the registry every other record refers to."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from nitet.model.base import CodeText, Record

SIZES = ("small", "medium", "large", "extra_large")
SIZE_TH = {"small": "เล็ก", "medium": "กลาง", "large": "ใหญ่", "extra_large": "ใหญ่พิเศษ"}
SIZE_EN = {"small": "small", "medium": "medium", "large": "large", "extra_large": "extra large"}


class School(Record):
    KIND: ClassVar[str] = "school"
    FOLDER: ClassVar[str] = "schools"
    TITLE_TH: ClassVar[str] = "โรงเรียน"
    ID_FIELD: ClassVar[str] = "code"
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "code", "smis", "obec", "name", "district", "subdistrict", "network", "students",
        "teachers", "principal", "dltv", "size", "target", "note",
    )

    code: Annotated[CodeText, Field(
        title="รหัสโรงเรียน",
        description="รหัสโรงเรียน ๑๐ หลักของกระทรวงศึกษาธิการ (หรือรหัส SMIS ๘ หลัก เมื่อ nitet.yaml ตั้ง school_key: smis)",
        pattern=r"^(\d{10}|\d{8})$",
    )]
    smis: Annotated[CodeText | None, Field(
        title="รหัส SMIS", description="รหัส SMIS ๘ หลัก", pattern=r"^\d{8}$")] = None
    obec: Annotated[CodeText | None, Field(
        title="รหัส สพฐ.", description="รหัสโรงเรียน ๖ หลักของ สพฐ. (OBEC)", pattern=r"^\d{6}$")] = None
    name: Annotated[str, Field(title="ชื่อโรงเรียน", description="ชื่อโรงเรียน เช่น โรงเรียนบ้านแม่ละเมา", min_length=1)]
    district: Annotated[str | None, Field(title="อำเภอ")] = None
    subdistrict: Annotated[str | None, Field(title="ตำบล")] = None
    network: Annotated[str | None, Field(title="กลุ่มเครือข่าย", description="กลุ่มเครือข่ายสถานศึกษา")] = None
    students: Annotated[int | None, Field(title="จำนวนนักเรียน", ge=0)] = None
    teachers: Annotated[int | None, Field(title="จำนวนครู", ge=0)] = None
    principal: Annotated[str | None, Field(title="ผู้อำนวยการโรงเรียน")] = None
    dltv: Annotated[bool, Field(title="โรงเรียน DLTV", description="จัดการเรียนการสอนทางไกลผ่านดาวเทียม")] = False
    size: Annotated[Literal["small", "medium", "large", "extra_large"] | None, Field(
        title="ขนาดโรงเรียน",
        description="เล็ก/กลาง/ใหญ่/ใหญ่พิเศษ; เว้นว่างได้ nitet คำนวณจากจำนวนนักเรียนตามเกณฑ์ใน nitet.yaml",
    )] = None
    target: Annotated[bool, Field(title="โรงเรียนกลุ่มเป้าหมาย", description="โรงเรียนกลุ่มเป้าหมายที่ต้องนิเทศติดตาม")] = False
    note: Annotated[str | None, Field(title="หมายเหตุ")] = None
