"""Rows of a school list → school records.

Codes are recognised by their length wherever they stand (real lists put the 8-digit SMIS code
under "รหัสโรงเรียน"): 10 digits = MOE code, 8 = SMIS, 6 = OBEC. The record's key follows
``school_key`` in nitet.yaml. With ``moe``, a row with only an SMIS code updates the school that
already has that SMIS code, and is rejected otherwise (there is no key to file it under).
"""

from __future__ import annotations

from typing import Any

from nitet.core.i18n import t
from nitet.imports import values
from nitet.imports.mapping import Candidate, Context, Origin, RowError, get, validate
from nitet.imports.table import Row, Table, column_letter
from nitet.model import School
from nitet.storage import ids

_LENGTHS = {10: "moe", 8: "smis", 6: "obec"}
_SIZES = {"เล็ก": "small", "กลาง": "medium", "ใหญ่": "large", "ใหญ่พิเศษ": "extra_large",
          "small": "small", "medium": "medium", "large": "large", "extra_large": "extra_large",
          "extralarge": "extra_large", "ขนาดเล็ก": "small", "ขนาดกลาง": "medium", "ขนาดใหญ่": "large",
          "ขนาดใหญ่พิเศษ": "extra_large"}
#: field → (column field, parser)
_SIMPLE: dict[str, tuple[str, Any]] = {
    "name": ("name", values.one_line), "district": ("district", values.one_line),
    "subdistrict": ("subdistrict", values.one_line), "network": ("network", values.one_line),
    "students": ("students", values.number), "teachers": ("teachers", values.number),
    "principal": ("principal", values.one_line), "dltv": ("dltv", values.boolean),
    "target": ("target", values.boolean), "note": ("note", values.text),
}


def _codes(table: Table, row: Row) -> dict[str, str]:
    found: dict[str, str] = {}
    for col_field in ("code_any", "moe", "smis", "obec"):
        for i in table.fields().get(col_field, ()):
            raw = row.values[i] if i < len(row.values) else None
            try:
                c = values.code(raw)
            except values.CellError as e:
                raise RowError(str(e)) from None
            if not c:
                continue
            kind = _LENGTHS.get(len(c)) if c.isdigit() else None
            if kind is None or (col_field != "code_any" and kind != col_field):
                raise RowError(t(
                    "รหัส “{c}” (คอลัมน์ {col}) ต้องเป็นตัวเลข 10 หลัก (กระทรวง), 8 หลัก (SMIS) หรือ 6 หลัก (สพฐ.)",
                    "code “{c}” (column {col}) must be 10 digits (MOE), 8 (SMIS) or 6 (OBEC)",
                    c=c, col=column_letter(i)))
            if kind in found and found[kind] != c:
                raise RowError(t("มีรหัส {k} สองค่าที่ไม่ตรงกัน: {a} และ {b}", "two different {k} codes: {a} and {b}",
                                 k=kind.upper(), a=found[kind], b=c))
            found[kind] = c
    return found


def _size(value: Any) -> str | None:
    s = values.one_line(value)
    if s is None:
        return None
    key = s.replace(" ", "").lower()
    if key not in _SIZES:
        raise values.CellError(t("“{v}” ไม่ใช่ เล็ก/กลาง/ใหญ่/ใหญ่พิเศษ", "“{v}” is not เล็ก/กลาง/ใหญ่/ใหญ่พิเศษ", v=s))
    return _SIZES[key]


def _same_name(registered: Any, given: str) -> bool:
    """The same school name written with or without โรงเรียน / ร.ร. in front (or other spacing)."""
    from nitet.domain.schools import normalize_name

    return isinstance(registered, str) and normalize_name(registered) == normalize_name(given)


def map_table(ctx: Context, table: Table) -> tuple[list[Candidate], list[tuple[Origin, str]]]:
    smis_key = ctx.ws.config.school_key == "smis"
    out: list[Candidate] = []
    bad: list[tuple[Origin, str]] = []
    owned = {f for f, (col, _) in _SIMPLE.items() if table.has(col)} | {"code"}
    if table.has("size"):
        owned.add("size")
    if table.has("obec"):
        owned.add("obec")
    for row in table.rows:
        origin = Origin(table, row)
        try:
            out.append(_row(ctx, table, row, origin, owned, smis_key))
        except RowError as e:
            bad.append((origin, str(e)))
    return out, bad


def _row(ctx: Context, table: Table, row: Row, origin: Origin, owned: set[str], smis_key: bool) -> Candidate:
    codes = _codes(table, row)
    if not codes:
        raise RowError(t("ไม่มีรหัสโรงเรียน", "no school code"))
    data: dict[str, Any] = {}
    row_owned = set(owned)
    if smis_key:
        if "smis" not in codes:
            key = ctx.schools.find(codes.get("obec", "")) if "obec" in codes else None
            if key is None:
                raise RowError(t("ทะเบียนใช้รหัส SMIS 8 หลัก (school_key: smis) แต่แถวนี้ไม่มีรหัส SMIS",
                                 "the registry is keyed by 8-digit SMIS codes (school_key: smis) but this row has none"))
            codes["smis"] = key
        data["code"] = codes["smis"]
        if "moe" in codes:
            ctx.note(t("ไม่ได้เก็บรหัส 10 หลัก เพราะ nitet.yaml ใช้ school_key: smis",
                       "10-digit codes were not stored: nitet.yaml has school_key: smis"))
    else:
        if "moe" in codes:
            data["code"] = codes["moe"]
        else:
            existing = ctx.schools.by_alias.get(codes.get("smis", "")) or ctx.schools.by_alias.get(codes.get("obec", ""))
            if existing is None:
                shown = codes.get("smis") or codes.get("obec")
                raise RowError(t(
                    "มีเฉพาะรหัส {c} ซึ่งไม่ใช่รหัส 10 หลักที่ทะเบียนใช้ และไม่ตรงกับโรงเรียนใดในทะเบียน: เพิ่มคอลัมน์รหัส 10 หลัก หรือตั้ง school_key: smis ใน nitet.yaml",
                    "only the code {c}, not the 10-digit code the registry uses, and no registered school has it: add a 10-digit code column or set school_key: smis in nitet.yaml",
                    c=shown))
            data["code"] = existing
        if "smis" in codes:
            data["smis"] = codes["smis"]
            row_owned.add("smis")
    if "obec" in codes:
        data["obec"] = codes["obec"]
    for f, (col, parse) in _SIMPLE.items():
        if col in row_owned or f in row_owned:
            v = get(table, row, col, parse, **({"field": _label(f)} if parse in (values.number, values.boolean) else {}))
            if v is not None:
                data[f] = v
    if "size" in row_owned:
        v = get(table, row, "size", _size)
        if v is not None:
            data["size"] = v
    exists = data["code"] in ctx.schools.by_key
    if "name" not in data:
        if not exists:
            raise RowError(t("ไม่มีชื่อโรงเรียน", "no school name"))
        row_owned.discard("name")
    elif exists and _same_name(ctx.schools.by_key[data["code"]].data.get("name"), data["name"]):
        # "บ้านดอยงาม" in a sheet is the registry's "โรงเรียนบ้านดอยงาม": not a new name; the full form stays
        data["name"] = max(ctx.schools.by_key[data["code"]].data["name"], data["name"], key=len)
    # the registry's values stand in for what the sheet does not say
    full = {**ctx.schools.by_key[data["code"]].data, **data} if exists else data
    validate(School, full)
    return Candidate(School, ids.school_path(ctx.ws, data["code"]), data, row_owned, [origin])


def _label(f: str) -> str:
    from nitet.imports.columns import LABELS_TH

    return LABELS_TH.get(f, f)
