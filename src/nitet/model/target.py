"""Target schools (โรงเรียนกลุ่มเป้าหมาย) of one project in one fiscal year.

An office sets target schools per year and per project — the DLTV targets are not the reading
targets. One list is one file, ``records/targets/<fiscal year>/<project>-<fiscal year>.yaml``,
holding the keys of the schools (the simplest shape a column of school codes imports into).
Where a project has no list for the year, a school's own ``target: true`` (``nitet school add
--target``) stays the default for every project.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from nitet.model.base import BEYear, CodeText, Record
from nitet.model.patterns import KEY_PATTERN


class TargetList(Record):
    KIND: ClassVar[str] = "target"
    FOLDER: ClassVar[str] = "targets"
    TITLE_TH: ClassVar[str] = "โรงเรียนกลุ่มเป้าหมาย"
    DESCRIPTION_TH: ClassVar[str] = ("รายชื่อโรงเรียนกลุ่มเป้าหมายของโครงการหนึ่งในปีงบประมาณหนึ่ง ไฟล์ "
                                     "records/targets/<ปีงบประมาณ>/<โครงการ>-<ปี>.yaml")
    KEY_ORDER: ClassVar[tuple[str, ...]] = ("id", "fiscal_year", "project", "title", "schools", "note")

    id: Annotated[str | None, Field(
        title="รหัสรายชื่อ", description="เท่ากับชื่อไฟล์: <โครงการ>-<ปีงบประมาณ> เช่น dltv-2569")] = None
    fiscal_year: Annotated[BEYear, Field(title="ปีงบประมาณ (พ.ศ.)", description="ปีงบประมาณ พ.ศ. เช่น 2569")]
    project: Annotated[str, Field(
        title="โครงการ", description="รหัสโครงการเดียวกับ project ของบันทึกการนิเทศ เช่น dltv, reading",
        pattern=KEY_PATTERN)]
    title: Annotated[str | None, Field(
        title="ชื่อรายชื่อ", description="เช่น โรงเรียนกลุ่มเป้าหมายโครงการ DLTV ปีงบประมาณ ๒๕๖๙")] = None
    schools: Annotated[list[CodeText], Field(
        title="โรงเรียนกลุ่มเป้าหมาย", description="รหัสโรงเรียนในทะเบียน (records/schools/) หนึ่งโรงต่อบรรทัด")] = []
    note: Annotated[str | None, Field(title="หมายเหตุ", description="บันทึกเพิ่มเติมของรายชื่อนี้")] = None
