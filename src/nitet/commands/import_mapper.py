"""The column mapper on a terminal: when a sheet has columns nitet does not know, ask what they are.

For each table with such columns: its columns are listed (letter, header, what nitet reads there,
a sample value), then the fields still free (numbered), then each unknown column is asked in turn
— a number picks the field, Enter leaves the column out. The answers apply to this import at
once and may be saved as a mapping (``imports/<name>.yaml``) for the next sheet of the same
layout. Only :func:`nitet.cli.context.interactive` callers come here: never without a terminal.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

from nitet.cli import prompts
from nitet.core.i18n import t
from nitet.imports import savedmaps
from nitet.imports.columns import LABELS_TH, SYNONYMS
from nitet.imports.runner import missing
from nitet.imports.table import Column, Table
from nitet.storage.workspace import Workspace

_SAMPLE = 40


def shown(value: Any, width: int = _SAMPLE) -> str:
    """A cell on one line, without control characters, cut to ``width`` characters."""
    from nitet.imports.values import one_line

    text = one_line(value) or ""
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\u200d")
    return text if len(text) <= width else text[: width - 1] + "…"


def ask_columns(ws: Workspace, kind: str, tables: list[Table]) -> list[Path]:
    """Ask about every table that has data in columns nitet does not read; the mappings saved."""
    saved: list[Path] = []
    for table in tables:
        if not table.unused():
            continue
        if _ask_table(kind, table):
            path = _offer_save(ws, kind, table)
            if path is not None:
                saved.append(path)
    return saved


#: Fields several columns may feed (every code column of a school list, a school's codes and name).
_SHARED = ("school", "school_name", "code_any")


def _choices(kind: str, table: Table) -> list[str]:
    """Fields a column may still take: those no column feeds, and those several may feed."""
    taken = {c.field for c in table.columns if c.field}
    return [f for f in SYNONYMS[kind] if f not in taken or f in _SHARED]


def _what(c: Column) -> str:
    if c.field and c.field != "ignore":
        return LABELS_TH.get(c.field, c.field)
    if c.ignored_because in ("useless", "user"):
        return t("ไม่ใช้", "not used")
    if not c.filled:
        return t("ว่าง", "empty")
    return "?"


def _ask_table(kind: str, table: Table) -> bool:
    say = prompts.say
    say("")
    say(t("{s}: มีคอลัมน์ที่มีข้อมูลแต่ nitet ไม่รู้ว่าเป็นข้อมูลใด — บอกได้ทีละคอลัมน์ (Ctrl-C = ยกเลิก ไม่บันทึกสิ่งใด)",
          "{s}: some columns hold data nitet cannot place — say what each one is (Ctrl-C cancels, nothing saved)",
          s=table.sheet.label))
    say(t("คอลัมน์ในไฟล์ (หัวตารางแถว {r}):", "The sheet's columns (header row {r}):",
          r="–".join(map(str, table.header_rows))))
    for c in table.columns:
        if not c.label and not c.filled:
            continue
        sample = shown(c.sample if c.field is None else _first(table, c))
        say(f"  {c.letter:>3}  {shown(c.label or '-', 30)}  → {_what(c)}" + (f"   ({sample})" if sample else ""))
    choices = _choices(kind, table)
    say(t("ฟิลด์ที่เลือกได้:", "Fields to choose from:"))
    for i, f in enumerate(choices, 1):
        say(f"  {i:>2}) {LABELS_TH.get(f, f)} [{f}]")
    need = missing(kind, table)
    if need:
        say(t("ยังไม่มีคอลัมน์ที่จำเป็น: {n}", "still missing, required: {n}",
              n=", ".join(" / ".join(LABELS_TH.get(f, f) for f in g[:3]) for g in need)))
    answered = False
    for c in list(table.unused()):
        why = ""
        if c.ignored_because == "duplicate" and c.lost_to is not None:
            why = t(" (อ่านได้เป็นฟิลด์เดียวกับคอลัมน์ {w})", " (reads as the same field as column {w})",
                    w=next(x.letter for x in table.columns if x.index == c.lost_to))
        elif c.reading.alternatives:
            why = t(" (อาจเป็น {a})", " (could be {a})",
                    a=t(" หรือ ", " or ").join(LABELS_TH.get(f, f) for f in c.reading.alternatives))
        say(t("คอลัมน์ {l} “{h}”{w}: มีข้อมูล {n} แถว เช่น “{s}”", "column {l} “{h}”{w}: {n} rows hold data, e.g. “{s}”",
              l=c.letter, h=shown(c.label or "-", 60), w=why, n=c.filled, s=shown(c.sample)))
        field = prompts.ask_until(t("  เป็นฟิลด์ใด (หมายเลขหรือชื่อฟิลด์, เว้นว่าง = ไม่ใช้คอลัมน์นี้)",
                                    "  which field (number or field name; empty = leave this column out)"),
                                  functools.partial(_pick, choices=choices, table=table))
        table.assign(c, field)
        say("  → " + (LABELS_TH.get(field, field) if field != "ignore" else t("ไม่ใช้", "left out")))
        answered = True
    return answered


def _first(table: Table, c: Column) -> Any:
    for row in table.rows:
        if c.index < len(row.values) and row.values[c.index] not in (None, ""):
            return row.values[c.index]
    return None


def _pick(answer: str, choices: list[str], table: Table) -> str:
    """The field an answer names; the numbers stay those listed once for the table."""
    from nitet.core.thai import to_arabic_digits

    a = to_arabic_digits(answer.strip())
    if not a or a.lower() == "ignore":
        return "ignore"
    field = None
    if a.isdigit() and 1 <= int(a) <= len(choices):
        field = choices[int(a) - 1]
    for f in choices:
        if a.lower() == f or a == LABELS_TH.get(f):
            field = f
    if field is None:
        raise ValueError(t("ตอบหมายเลข 1 ถึง {n} หรือเว้นว่าง", "answer a number from 1 to {n}, or nothing", n=len(choices)))
    other = next((c for c in table.columns if c.field == field), None)
    if other is not None and field not in _SHARED:
        raise ValueError(t("{f} ใช้กับคอลัมน์ {c} แล้ว: เลือกฟิลด์อื่น หรือเว้นว่าง", "{f} is already column {c}'s: "
                           "choose another field, or nothing", f=LABELS_TH.get(field, field), c=other.letter))
    return field


_NAME = re.compile(r"\s+")


def _offer_save(ws: Workspace, kind: str, table: Table) -> Path | None:
    if not prompts.yes(t("บันทึกการจับคู่คอลัมน์นี้ไว้ใช้กับไฟล์ที่มีหัวตารางแบบเดียวกันครั้งต่อไป?",
                         "Save this column mapping for the next file with the same header?")):
        return None
    existing = {m.name: m for m in savedmaps.load_all(ws, None)[0]}

    def read(answer: str) -> str:
        name = _NAME.sub("-", answer.strip())
        if not savedmaps.valid_name(name):
            raise ValueError(t("ใช้ตัวอักษร ตัวเลข - หรือ _ (ไม่มีช่องว่างหรือ / )", "use letters, digits, - or _ (no / or spaces)"))
        other = existing.get(name)
        if other is not None and (other.kind != kind or other.signature != savedmaps.signature_of(
                [c.label for c in table.columns[:table.width]])):
            raise ValueError(t("มีการจับคู่ชื่อ {n} สำหรับหัวตารางแบบอื่นแล้ว: ใช้ชื่ออื่น",
                               "a mapping named {n} exists for another header: choose another name", n=name))
        return name

    name = prompts.ask_until(t("ชื่อการจับคู่ (ชื่อไฟล์ใน imports/)", "Mapping name (file name in imports/)"), read,
                             savedmaps.default_name(table.sheet.file))
    path = savedmaps.write(ws, name, kind, table)
    prompts.say(t("บันทึกการจับคู่คอลัมน์ไว้ที่ {p}: ครั้งต่อไป nitet ใช้เองกับไฟล์ที่หัวตารางเหมือนกัน (ดูทั้งหมดด้วย nitet import maps)",
                  "saved the column mapping as {p}: nitet uses it for the next file with the same header (list them with nitet import maps)",
                  p=ws.rel(path)))
    return path
