"""What goes into an option in help, in words: ``--fy <ปี>``, ``--output <ไฟล์>``, not ``<int>``.

typer shows a value's Python type (``<str>``, ``<list[Path]>``, ``<bool>``). :func:`metavar` names
it by the parameter (``fy`` → ``<ปี>`` / ``<year>``; ``rating`` → ``<รายการ=คะแนน>``: the
format itself, kept whole in help) and otherwise by its type (text, number, file, folder); a flag
shows nothing. Words stay short: the column they share is as wide as the longest. A new option gets a word from its type; give it its
own here when the type's word says too little.
"""

from __future__ import annotations

from typing import Any

from nitet.core.i18n import t

#: parameter name → (Thai, English)
WORDS: dict[str, tuple[str, str]] = {
    "fy": ("ปี", "year"), "academic_year": ("ปี", "year"), "quarter": ("ไตรมาส", "quarter"),
    "semester": ("ภาคเรียน", "semester"), "grade": ("ชั้น", "grade"),
    "day": ("วันที่", "date"), "report_date": ("วันที่", "date"), "follow_up": ("วันที่", "date"),
    "days": ("จำนวนวัน", "days"), "max_rows": ("จำนวนแถว", "rows"),
    "school": ("โรงเรียน", "school"), "schools": ("โรงเรียน", "school"), "code": ("รหัส", "code"),
    "smis": ("รหัส SMIS", "SMIS code"), "obec": ("รหัส สพฐ.", "OBEC code"),
    "name": ("ชื่อ", "name"), "principal": ("ชื่อ", "name"), "supervisor": ("ชื่อ", "name"),
    "office": ("หน่วยงาน", "office"), "district": ("อำเภอ", "district"), "subdistrict": ("ตำบล", "subdistrict"),
    "network": ("เครือข่าย", "network"), "students": ("จำนวน", "number"), "teachers": ("จำนวน", "number"),
    "size": ("ขนาด", "size"), "kind": ("ชนิด", "kind"), "project": ("โครงการ", "project"),
    "method": ("วิธีการ", "method"), "topic": ("เรื่อง", "topic"),
    "supervisee": ("ผู้รับการนิเทศ", "supervisee"),  # the format, ชื่อ|ตำแหน่ง|กลุ่มสาระ|ชั้น, is in its help
    "rating": ("รายการ=คะแนน", "item=score"), "rating_scale": ("ระดับ", "levels"),
    "activity": ("รหัส=สถานะ", "id=status"), "indicator": ("รหัส=ค่า", "id=value"),
    "case": ("รหัสงาน", "case"), "step": ("ขั้นตอน", "step"), "workflow": ("กระบวนงาน", "workflow"),
    "plan_id": ("รหัสโครงการ", "plan"), "visit": ("รหัสการนิเทศ", "visit"), "record": ("ระเบียน", "record"),
    "evidence": ("ไฟล์", "file"), "output": ("ไฟล์", "file"), "file": ("ไฟล์", "file"),
    "files": ("ไฟล์", "file"), "paths": ("ไฟล์", "file"), "map_file": ("ไฟล์", "file"),
    "rejects": ("ไฟล์", "file"), "directory": ("โฟลเดอร์", "folder"), "workspaces": ("โฟลเดอร์", "folder"),
    "sheet": ("ชีต", "sheet"), "fmt": ("md|xlsx", "md|xlsx"), "lang": ("th|en", "th|en"),
    "budget": ("บาท", "baht"), "spent": ("บาท", "baht"), "title": ("ชื่อเรื่อง", "title"),
    "reason": ("เหตุผล", "reason"), "force": ("เหตุผล", "reason"), "result": ("ข้อความ", "text"),
}


def _type_word(param: Any) -> tuple[str, str]:
    from pathlib import PurePath
    from typing import get_args, get_origin

    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if get_origin(annotation) is list:
        annotation = (get_args(annotation) or (str,))[0]
    if isinstance(annotation, type) and issubclass(annotation, PurePath):
        return ("โฟลเดอร์", "folder") if getattr(param, "file_okay", True) is False else ("ไฟล์", "file")
    if annotation in (int, float):
        return ("จำนวน", "number")
    return ("ข้อความ", "text")


def metavar(param: Any) -> str:
    """``<ปี>``-style words for ``param`` ("" for a flag, which takes no value)."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    th, en = WORDS.get(param.name or "") or _type_word(param)
    return f"<{t(th, en)}>"


def _nothing(ctx: Any) -> str:
    return ""


def name_values(commands: Any) -> None:
    """Give every parameter of ``commands`` its words (called when their help is about to show).

    An argument shows its words in place of its name (and in ``Usage:``); its type column, which
    typer fills from the Python type whatever the metavar, is left empty."""
    for cmd in commands:
        for param in getattr(cmd, "params", []):
            kind = getattr(param, "param_type_name", "")
            if kind in ("option", "argument"):
                param.metavar = metavar(param)
            if kind == "argument":
                setattr(param, "display_type_rich", _nothing)  # noqa: B010 - an instance's own, not the class's
