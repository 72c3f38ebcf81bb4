"""Findings: what ``nitet check`` reports, as values (never exceptions).

A finding names a file, a 1-based line and column, a check name (``unknown-key``,
``invalid-date``, ...), a severity and a message with a hint on what to do next.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from nitet.core.i18n import t

ERROR = "error"
WARNING = "warning"


@dataclass(slots=True)
class Finding:
    file: str
    line: int
    column: int
    check: str
    severity: str
    message: str
    hint: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.check)


@dataclass(slots=True)
class Problem:
    """A finding before its position is known: ``loc`` is a path into the record.

    ``text`` (optional) is a part of the text value at ``loc`` as it is written in the file
    (e.g. a number found in a note): the finding then points at its ``occurrence``-th appearance
    (0-based, counted in the value) rather than at the start of the value, when the file holds it
    verbatim — plain, quoted and ``|``/``>`` block scalars do, unless it spans a line break or an
    escape; otherwise at the value.
    """

    file: str
    loc: tuple[Any, ...]
    check: str
    message: str
    hint: str = ""
    severity: str = ERROR
    on_key: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    occurrence: int = 0


def _loc_text(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) if loc else t("(ทั้งระเบียน)", "(whole record)")


def describe_validation_error(err: dict[str, Any]) -> tuple[str, str, str, tuple[Any, ...], bool]:
    """Map one pydantic error to (check, message, hint, loc, on_key) in the current language."""
    typ = err.get("type", "")
    loc = tuple(err.get("loc", ()))
    ctx = err.get("ctx") or {}
    if "at" in ctx:
        loc = loc + tuple(int(p) if str(p).isdigit() else p for p in str(ctx["at"]).split("."))
    field_name = _loc_text(loc)
    value = err.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else ""
    if typ == "extra_forbidden":
        return ("unknown-key",
                t("ไม่รู้จักคีย์ '{k}'", "unknown key '{k}'", k=loc[-1] if loc else "?"),
                t("ตรวจการสะกดชื่อคีย์ (ดูรายชื่อคีย์ที่ใช้ได้ใน schemas/) หรือลบออก",
                  "check the key's spelling (see schemas/ for valid keys) or remove it"),
                loc, True)
    if typ == "missing":
        return ("missing",
                t("ขาดค่าที่ต้องมี: {f}", "missing required value: {f}", f=field_name),
                t("เพิ่มคีย์ '{k}' ในไฟล์นี้", "add the key '{k}' to this file", k=loc[-1] if loc else "?"),
                loc[:-1], False)
    if typ == "be_year":
        return ("be-year",
                t("ปี {y} เป็นปี พ.ศ. แต่วันที่ในไฟล์ต้องเป็น ค.ศ.", "year {y} is a BE year; files store Gregorian (CE) years", y=ctx.get("year")),
                t("เปลี่ยนเป็นปี ค.ศ. {ce} (พ.ศ. − ๕๔๓)", "write the CE year {ce} (BE − 543)", ce=ctx.get("ce")),
                loc, False)
    if typ in ("impossible_date", "iso_date"):
        return ("invalid-date",
                t("วันที่ไม่ถูกต้อง: {v}", "invalid date: {v}", v=shown),
                t("เขียนวันที่แบบ ค.ศ. ปี-เดือน-วัน เช่น 2026-11-25 และตรวจว่าวันนั้นมีอยู่จริง",
                  "write a real Gregorian date as YYYY-MM-DD, e.g. 2026-11-25"),
                loc, False)
    if typ == "follow_up_before_visit":
        return ("follow-up-date",
                t("วันติดตามผล {fu} อยู่ก่อนวันนิเทศ {d}", "follow-up date {fu} is before the visit date {d}", fu=ctx.get("fu"), d=ctx.get("d")),
                t("แก้วันติดตามผลให้อยู่หลังวันนิเทศ", "set a follow-up date after the visit"), loc, False)
    if typ == "follow_up_done_before_visit":
        return ("follow-up-date",
                t("วันที่ติดตามแล้ว {done} อยู่ก่อนวันนิเทศ {d}", "follow-up done {done} is before the visit date {d}",
                  done=ctx.get("done"), d=ctx.get("d")),
                t("แก้ done_date ให้ไม่ก่อนวันนิเทศ", "set done_date on or after the visit date"), loc, False)
    if typ == "rating_range":
        return ("rating",
                t("คะแนน {item} = {score} อยู่นอกช่วง 1–{scale}", "rating {item} = {score} is outside 1–{scale}", item=ctx.get("item"), score=ctx.get("score"), scale=ctx.get("scale")),
                t("ใช้คะแนนตามระดับการประเมิน (rating_scale)", "use a score on the declared rating_scale"), loc, False)
    if typ in ("step_number", "duplicate_step", "step_order"):
        msgs = {
            "step_number": (t("เลขขั้นตอน {sid} ไม่ใช่รูปแบบ 1, 2.1, 4.2.1", "step id {sid} is not numbered like 1, 2.1, 4.2.1", sid=ctx.get("sid"))),
            "duplicate_step": t("เลขขั้นตอน {sid} ซ้ำ", "step id {sid} appears twice", sid=ctx.get("sid")),
            "step_order": t("ขั้นตอน {sid} ควรเป็นเลข {e}", "step {sid} should be numbered {e}", sid=ctx.get("sid"), e=ctx.get("expected")),
        }
        return ("step-numbering", msgs[typ],
                t("เรียงเลขขั้นตอนตามคู่มือ: 1, 2, 2.1, 2.2, 3 …", "number steps as the manual does: 1, 2, 2.1, 2.2, 3 …"), loc, False)
    if typ == "parallel_without_strands":
        return ("step-numbering",
                t("ขั้นตอน {sid} ระบุ parallel: true แต่มีขั้นตอนย่อยไม่ถึงสองขั้นตอนที่จะดำเนินการคู่ขนาน",
                  "step {sid} is marked parallel but has fewer than two sub-steps to run side by side", sid=ctx.get("sid")),
                t("ลบ parallel ออก หรือเพิ่มขั้นตอนย่อย (steps:) ที่ดำเนินการพร้อมกันได้",
                  "remove parallel, or give it the sub-steps (steps:) that run side by side"), loc, False)
    if typ == "levels_exceed_assessed":
        return ("screening-total",
                t("{a}: รวมทุกระดับ {n} คน มากกว่าจำนวนที่คัดกรอง {m} คน", "{a}: {n} pupils across levels but {m} assessed", a=ctx.get("aspect"), n=ctx.get("total"), m=ctx.get("assessed")),
                t("ตรวจจำนวนนักเรียนแต่ละระดับและจำนวนที่คัดกรอง (assessed)", "check the level counts and 'assessed'"), loc, False)
    if typ == "calendar_day":
        full = ctx.get("full")
        return ("calendar",
                t("วันในปฏิทินการศึกษาใช้ไม่ได้: {v}", "invalid day in the academic calendar: {v}", v=repr(ctx.get("value"))),
                t("ใน years ใช้วันที่เต็ม เช่น 2026-05-16" if full else "ใน default ใช้ เดือน-วัน ที่มีจริง เช่น 05-16 (เดือนก่อนวัน)",
                  "in years write a full date, e.g. 2026-05-16" if full else
                  "in default write a real month-day, e.g. 05-16 (month first)"), loc, False)
    if typ == "calendar_order":
        return ("calendar", str(ctx.get("why")),
                t("ตรวจวันเปิดและปิดภาคเรียนให้วันปิดอยู่หลังวันเปิด", "make each semester end after it starts"), loc, False)
    if typ == "code_form":
        lengths = str(ctx.get("lengths", ""))
        short = ctx.get("number") and all(len(str(ctx.get("value"))) < int(n) for n in lengths.split(" / ") if n.isdigit())
        return ("invalid",
                t("{f}: {v} ไม่ใช่รหัสตัวเลข {n} หลัก", "{f}: {v} is not a code of {n} digits",
                  f=field_name, v=ctx.get("value"), n=lengths),
                t("รหัสที่ขึ้นต้นด้วย 0 ต้องอยู่ในเครื่องหมายคำพูด เช่น '010101' (ไม่มีเครื่องหมายคำพูด YAML อ่าน 010101 "
                  "เป็นตัวเลข 10101); 'nitet fmt' ใส่เครื่องหมายคำพูดให้",
                  "a code that starts with 0 must be quoted, e.g. '010101' (unquoted, YAML reads 010101 as the number "
                  "10101); 'nitet fmt' adds the quotes") if short else
                t("รหัสโรงเรียน ๑๐ หลัก, SMIS ๘ หลัก, สพฐ. ๖ หลัก (ตัวเลขล้วน ในเครื่องหมายคำพูด)",
                  "school codes are 10 digits, SMIS 8, OBEC 6 (digits only, in quotes)"),
                loc, False)
    if typ == "finite_number":
        return ("invalid", t("{f}: ต้องเป็นตัวเลข แต่พบ {v}", "{f}: expected a number, found {v}", f=field_name, v=shown),
                "", loc, False)
    if typ == "step_without_case":
        return ("invalid", t("ระบุ step แต่ไม่ได้ระบุ case", "step is set without case"),
                t("เพิ่ม case หรือลบ step", "add case or remove step"), loc, False)
    # generic value errors
    expected = {
        "string_type": t("ข้อความ", "text"), "int_type": t("จำนวนเต็ม", "a whole number"),
        "int_parsing": t("จำนวนเต็ม", "a whole number"), "int_from_float": t("จำนวนเต็ม", "a whole number"),
        "float_type": t("ตัวเลข", "a number"), "float_parsing": t("ตัวเลข", "a number"),
        "bool_type": t("true หรือ false", "true or false"), "bool_parsing": t("true หรือ false", "true or false"),
        "list_type": t("รายการ (- ...)", "a list (- ...)"), "dict_type": t("ชุดคีย์: ค่า", "a mapping (key: value)"),
        "model_type": t("ชุดคีย์: ค่า", "a mapping (key: value)"), "model_attributes_type": t("ชุดคีย์: ค่า", "a mapping (key: value)"),
    }
    if typ in expected:
        hint = t("ถ้าเป็นข้อความที่ดูเหมือนตัวเลข ให้ใส่เครื่องหมายคำพูด เช่น '010'",
                 "if it is text that looks like a number, quote it, e.g. '010'") if typ == "string_type" else ""
        if typ in ("bool_type", "bool_parsing"):
            hint = t("เขียน true หรือ false (ไม่ใช้ yes/no)", "write true or false (not yes/no)")
        return ("invalid", t("{f}: ต้องเป็น{e} แต่พบ {v}", "{f}: expected {e}, found {v}", f=field_name, e=expected[typ], v=shown or type(value).__name__), hint, loc, False)
    if typ in ("literal_error", "enum"):
        return ("invalid", t("{f}: ค่า {v} ไม่อยู่ในค่าที่ใช้ได้ ({e})", "{f}: {v} is not one of {e}", f=field_name, v=shown, e=ctx.get("expected", "")),
                t("ใช้ค่าใดค่าหนึ่งในรายการ", "use one of the listed values"), loc, False)
    if typ == "string_pattern_mismatch":
        return ("invalid", t("{f}: รูปแบบไม่ถูกต้อง {v}", "{f}: {v} does not match the required form", f=field_name, v=shown),
                t("รหัสโรงเรียน ๑๐ หลัก, SMIS ๘ หลัก, สพฐ. ๖ หลัก (ตัวเลขล้วน)", "school codes are 10 digits, SMIS 8, OBEC 6 (digits only)") if loc and loc[-1] in ("code", "smis", "obec") else "",
                loc, False)
    if typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than", "too_short", "string_too_short"):
        return ("invalid", t("{f}: ค่า {v} อยู่นอกช่วงที่ใช้ได้", "{f}: {v} is out of range", f=field_name, v=shown),
                t("ตรวจค่าอีกครั้ง", "check the value") if typ not in ("too_short", "string_too_short") else t("ต้องมีค่าอย่างน้อยหนึ่งรายการ/ไม่เว้นว่าง", "must not be empty"), loc, False)
    return ("invalid", f"{field_name}: {err.get('msg', typ)}", "", loc, False)


def format_text(f: Finding, source_lines: list[str] | None = None, color: bool = False) -> str:
    """``path:line:col: error[check] message`` + excerpt with a caret + hint."""
    sev = f.severity
    if color:
        sev = f"[bold red]{sev}[/]" if sev == ERROR else f"[bold yellow]{sev}[/]"
    out = [f"{f.file}:{f.line}:{f.column}: {sev}[{f.check}] {f.message}"]
    if source_lines and 0 < f.line <= len(source_lines):
        text = source_lines[f.line - 1].rstrip("\n").replace("\t", " ")
        num = str(f.line)
        out.append(f"  {num} | {text}")
        out.append(f"  {' ' * len(num)} | {' ' * max(0, f.column - 1)}^")
    if f.hint:
        out.append("  " + t("แนะนำ: ", "hint: ") + f.hint)
    return "\n".join(out)
