"""``nitet import template KIND -o FILE.xlsx``: a sheet for schools to fill in.

Sheet ``ข้อมูล``: Thai headers nitet recognises, drop-down lists (schools of the registry,
levels, grades, semesters, projects, methods) and number checks. Sheet ``คำแนะนำ``: how to fill
it in. The lists live in a hidden sheet (hidden sheets are not imported), so the filled-in
file imports back as it is.
"""

from __future__ import annotations

from pathlib import Path

from nitet.core.i18n import t
from nitet.model.screening import ASPECTS, ASPECTS_TH, LEVELS_TH
from nitet.model.visit import METHODS_TH
from nitet.storage.atomic import atomic_write_bytes
from nitet.storage.workspace import Workspace

SUBJECTS = ("ภาษาไทย", "คณิตศาสตร์", "วิทยาศาสตร์และเทคโนโลยี", "สังคมศึกษา ศาสนาและวัฒนธรรม", "สุขศึกษาและพลศึกษา",
            "ศิลปะ", "การงานอาชีพ", "ภาษาต่างประเทศ", "กิจกรรมพัฒนาผู้เรียน", "ปฐมวัย")
CLASSES = ("อ.1", "อ.2", "อ.3", *(f"ป.{i}" for i in range(1, 7)), *(f"ม.{i}" for i in range(1, 7)))

_COMMON_HELP = [
    "กรอกข้อมูลในชีต ‘ข้อมูล’ หนึ่งแถวต่อหนึ่งรายการ ใต้แถวหัวตาราง (อย่าแก้ชื่อหัวคอลัมน์)",
    "วันที่พิมพ์ได้หลายแบบ เช่น 25/11/2569, 25 พ.ย. 69, ๒๕ พฤศจิกายน ๒๕๖๙ หรือ 2026-11-25 (ปีที่มากกว่า 2400 คือ พ.ศ.)",
    "ตัวเลขใช้เลขไทยหรือเลขอารบิกก็ได้ มีจุลภาคคั่นหลักพันได้ (1,234)",
    "แถวว่างและแถว ‘รวม’ จะถูกข้าม ไม่ต้องลบ",
    "ช่องที่มีลูกศรให้เลือกจากรายการ",
]
_HELP = {
    "schools": ["รหัสโรงเรียน: รหัส 10 หลักของกระทรวง (หรือรหัส SMIS 8 หลักในคอลัมน์รหัส SMIS)",
                "DLTV และกลุ่มเป้าหมาย: เลือก ใช่ หรือ ไม่ใช่"],
    "visits": ["หนึ่งแถวต่อการนิเทศหนึ่งครั้ง (ผู้รับการนิเทศหนึ่งคน)",
               "นำเข้าไฟล์เดิมซ้ำได้: แถวเดิมไม่สร้างระเบียนซ้ำ แถวที่แก้ไขจะปรับระเบียนเดิม",
               "เรื่องที่นิเทศหลายเรื่อง: ขึ้นบรรทัดใหม่ในช่องเดียวกัน (Alt+Enter)"],
    "screening": ["หนึ่งแถวต่อนักเรียนหนึ่งคน ไม่ต้องกรอกชื่อนักเรียน (nitet เก็บเฉพาะจำนวน)",
                  "ระดับ: ดีมาก ดี พอใช้ ปรับปรุง (หรือ 4 3 2 1) เว้นว่างทุกด้านถ้านักเรียนไม่ได้รับการคัดกรอง (เช่น ย้าย)"],
}


#: Columns whose cell may hold several values separated by commas.
MULTI = frozenset({"methods"})

def _columns(ws: Workspace, kind: str) -> list[tuple[str, str | None, int]]:
    """(header, list name or check, width) of each column."""
    if kind == "schools":
        key = "รหัสโรงเรียน (SMIS 8 หลัก)" if ws.config.school_key == "smis" else "รหัสโรงเรียน (10 หลัก)"
        cols = [(key, None, 16), ("รหัส SMIS", None, 12), ("ชื่อโรงเรียน", None, 30), ("อำเภอ", None, 14),
                ("ตำบล", None, 14), ("กลุ่มเครือข่าย", None, 20), ("จำนวนนักเรียน", "whole", 12),
                ("จำนวนครู", "whole", 10), ("ผู้อำนวยการ", None, 24), ("DLTV", "yesno", 8),
                ("กลุ่มเป้าหมาย", "yesno", 12), ("หมายเหตุ", None, 20)]
        return cols[:1] + cols[2:] if ws.config.school_key == "smis" else cols
    if kind == "visits":
        return [("วันที่นิเทศ", None, 14), ("โรงเรียน", "schools", 36), ("ผู้รับการนิเทศ", None, 24),
                ("ตำแหน่ง", None, 14), ("กลุ่มสาระการเรียนรู้", "subjects", 22), ("ชั้น", "classes", 8),
                ("โครงการ", "projects", 16), ("วิธีการนิเทศ", "methods", 18), ("เรื่องที่นิเทศ", None, 30),
                ("ผลการนิเทศ", None, 40), ("จุดเด่น", None, 30), ("จุดที่ควรพัฒนา", None, 30),
                ("ข้อเสนอแนะ", None, 40), ("วันที่ติดตามผล", None, 14), ("การติดตามผล", None, 30)]
    return [("โรงเรียน", "schools", 36), ("ปีการศึกษา", "year", 10), ("ภาคเรียน", "semesters", 8),
            ("ชั้น", "grades", 8), ("ที่", "whole", 6),
            *((ASPECTS_TH[a], "levels", 12) for a in ASPECTS), ("หมายเหตุ", None, 20)]


def _lists(ws: Workspace) -> dict[str, list[str]]:
    from nitet.domain.schools import SchoolIndex
    from nitet.storage.loader import load

    idx = SchoolIndex.of(load(ws))
    return {
        "schools": [f"{k} {e.data.get('name', '')}" for k, e in sorted(idx.by_key.items())] or ["-"],
        "subjects": list(SUBJECTS), "classes": list(CLASSES), "grades": [f"ป.{i}" for i in range(1, 7)],
        "semesters": ["1", "2"], "levels": list(LEVELS_TH.values()), "yesno": ["ใช่", "ไม่ใช่"],
        "projects": list(ws.config.projects) or ["-"], "methods": list(dict.fromkeys(METHODS_TH.values())),
    }


def write_template(ws: Workspace, kind: str, path: Path) -> None:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    data = wb.active
    data.title = "ข้อมูล"
    lists_ws = wb.create_sheet("รายการ")
    lists_ws.sheet_state = "hidden"
    help_ws = wb.create_sheet("คำแนะนำ")
    lists = _lists(ws)
    where: dict[str, str] = {}
    for j, (name, items) in enumerate(lists.items(), start=1):
        lists_ws.cell(row=1, column=j, value=f"[{name}]")
        for i, item in enumerate(items, start=2):
            c = lists_ws.cell(row=i, column=j, value=item)
            c.data_type = "s"
        col = get_column_letter(j)
        where[name] = f"'รายการ'!${col}$2:${col}${len(items) + 1}"
    font = Font(name="TH SarabunPSK", size=16, bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    rows = 500
    for j, (header, check, width) in enumerate(_columns(ws, kind), start=1):
        cell = data.cell(row=1, column=j, value=header)
        cell.font, cell.fill = font, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        col = get_column_letter(j)
        data.column_dimensions[col].width = width
        area = f"{col}2:{col}{rows + 1}"
        dv: DataValidation | None = None
        if check in where:
            dv = DataValidation(type="list", formula1=f"={where[check]}", allow_blank=True)
            dv.error = t("เลือกจากรายการ", "choose from the list")
            if check in MULTI:  # several in one cell ("สังเกตการสอน, PLC"): the list suggests, never refuses
                dv.errorStyle = "warning"
                dv.error = t("เลือกจากรายการ หรือพิมพ์หลายค่าคั่นด้วย , เช่น สังเกตการสอน, PLC",
                             "choose from the list, or type several separated by commas, e.g. observation, PLC")
        elif check == "whole":
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            dv.error = t("ใส่จำนวนเต็มตั้งแต่ 0", "enter a whole number from 0")
        elif check == "year":
            dv = DataValidation(type="whole", operator="between", formula1="2500", formula2="2700", allow_blank=True)
            dv.error = t("ปีการศึกษา พ.ศ. เช่น 2569", "academic year in BE, e.g. 2569")
        if dv is not None:
            dv.showErrorMessage = True
            data.add_data_validation(dv)
            dv.add(area)
        for r in range(2, rows + 2):
            data.cell(row=r, column=j).number_format = "@" if header.startswith("รหัส") else "General"
    data.freeze_panes = "A2"
    help_ws.column_dimensions["A"].width = 110
    title = {"schools": "แม่แบบนำเข้าทะเบียนโรงเรียน", "visits": "แม่แบบนำเข้าบันทึกการนิเทศ",
             "screening": "แม่แบบนำเข้าผลการคัดกรองการอ่านการเขียน"}[kind]
    help_ws.cell(row=1, column=1, value=title).font = font
    lines = [*_COMMON_HELP, *_HELP[kind], f"นำเข้าด้วยคำสั่ง: nitet import {kind} ชื่อไฟล์.xlsx"]
    for i, line in enumerate(lines, start=3):
        c = help_ws.cell(row=i, column=1, value=f"{i - 2}. {line}")
        c.font = Font(name="TH SarabunPSK", size=16)
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(path, buf.getvalue())
