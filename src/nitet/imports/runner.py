"""One import from files to a plan: read every sheet and find its table (:func:`read_tables`),
settle what each column is (``--ignore-column``, the terminal's answers: the command does that),
then map rows and compare (:func:`plan_tables`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.imports import readers, savedmaps
from nitet.imports.columns import LABELS_TH, SYNONYMS, Lexicon, user_forms
from nitet.imports.mapping import Candidate, Context, Origin, Reject
from nitet.imports.plan import Plan, make_plan
from nitet.imports.savedmaps import SavedMap
from nitet.imports.table import Column, Table, find_table

KINDS = ("schools", "visits", "screening")

#: Columns a table of each kind cannot do without (any one of each group).
_REQUIRED: dict[str, list[tuple[str, ...]]] = {
    "schools": [("code_any", "moe", "smis", "obec")],
    "visits": [("date",), ("school", "school_name")],
    "screening": [tuple(f for f in SYNONYMS["screening"] if f.split(".")[0] in
                        ("read_aloud", "read_comprehension", "write_words", "write_story"))],
}


@dataclass
class Found:
    """The tables of an import's files, before any row is mapped."""

    tables: list[Table] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)


def _mapper(kind: str) -> Callable[..., tuple]:  # type: ignore[type-arg]
    from nitet.imports import schools, screening, visits

    return {"schools": schools.map_table, "visits": visits.map_table, "screening": screening.map_table}[kind]


def read_tables(ctx: Context, kind: str, paths: list[Path], sheet: str | None = None,
                user_map: dict[str, str] | None = None, progress: Callable[[str], None] | None = None,
                limits: readers.Limits | None = None, saved: list[SavedMap] | None = None,
                guess: bool = False) -> Found:
    """Every sheet's table. Without ``--map``, a sheet whose header row is the one a saved mapping
    was made for is read with that mapping (:attr:`Table.saved`). With ``guess`` (the columns will
    be asked about on a terminal), a file where no sheet has a header nitet knows is read under the
    first sheet's first row of labels."""
    lex = Lexicon(kind, user_map)
    found = Found()
    for path in readers.expand(paths):
        if progress:
            progress(path.name)
        any_table = False
        if sheet is not None and path.suffix.lower() == ".csv":
            ctx.note(t("{f}: ไฟล์ CSV มีตารางเดียว --sheet จึงไม่มีผลกับไฟล์นี้",
                       "{f}: a CSV file has one table, so --sheet does not apply to it", f=path.name))
        sheets = readers.read(path, sheet, limits)
        for sh in sheets:
            remembered = savedmaps.match(sh, saved or []) if user_map is None else None
            table = find_table(sh, Lexicon(kind, remembered.columns) if remembered else lex)
            if table is None:
                found.ignored_sheets.append(sh.label)
                continue
            table.saved = remembered
            any_table = True
            found.tables.append(table)
        if not any_table and guess:
            table = next((tb for tb in (find_table(sh, lex, guess=True) for sh in sheets) if tb), None)
            if table is not None:
                found.ignored_sheets = [x for x in found.ignored_sheets if x != table.sheet.label]
                found.tables.append(table)
                any_table = True
        if not any_table:
            examples = ", ".join(dict.fromkeys(LABELS_TH[f] for f in SYNONYMS[kind] if f in LABELS_TH))
            raise DataError(
                t("ไม่พบหัวตารางใน {p}: ต้องมีแถวหัวตารางที่มีคอลัมน์ที่ nitet รู้จักอย่างน้อย ๒ คอลัมน์",
                  "no table header found in {p}: a header row needs at least 2 columns nitet knows", p=path.name),
                t("หัวคอลัมน์ที่รู้จัก เช่น {e} — หรือระบุคอลัมน์ด้วย --map MAP.yaml",
                  "known headers include {e} — or name the columns with --map MAP.yaml", e=examples[:300]))
    return found


def plan_tables(ctx: Context, kind: str, tables: list[Table]) -> Plan:
    """Map every table's rows to candidate records and compare them with the workspace."""
    mapper = _mapper(kind)
    candidates: list[Candidate] = []
    rejects: list[Reject] = []
    skipped = 0
    for table in tables:
        skipped += len(table.totals)
        rejects.extend(Reject(Origin(table, row), reason) for row, reason in table.malformed)
        result = mapper(ctx, table)
        candidates.extend(result[0])
        rejects.extend(Reject(o, reason) for o, reason in result[1])
        if len(result) > 2:
            skipped += result[2]

    def order(r: Reject) -> tuple[str, str, int]:
        return str(r.origin.table.sheet.file), r.origin.sheet, r.origin.row.number

    rejects.sort(key=order)
    plan = make_plan(ctx, candidates, rejects, skipped)
    plan.rejects.sort(key=order)
    return plan


def missing(kind: str, table: Table) -> list[tuple[str, ...]]:
    """The groups of required fields no column of ``table`` feeds."""
    return [g for g in _REQUIRED[kind] if not any(table.has(f) for f in g)]


def require(kind: str, table: Table) -> None:
    for group in missing(kind, table)[:1]:
        got = ", ".join(c.label for c in table.columns if c.field and c.field != "ignore") or "-"
        raise DataError(
            t("{s}: ไม่พบคอลัมน์ {need} (หัวตารางแถว {r} มี: {got})", "{s}: no {need} column (header row {r} has: {got})",
              s=table.sheet.label, need=" / ".join(dict.fromkeys(LABELS_TH.get(f, f) for f in group[:4])),
              r=table.header_rows[0], got=got),
            t("เพิ่มคอลัมน์นั้น หรือบอกว่าคอลัมน์ใดคืออะไรด้วย --map MAP.yaml",
              "add that column, or say which column is which with --map MAP.yaml"))


_LETTERS = re.compile(r"[A-Za-z]{1,3}")


def ignore_columns(tables: list[Table], names: list[str]) -> list[str]:
    """``--ignore-column HEADER`` (or a column letter such as ``G``): those columns feed nothing,
    on purpose. Returns the names that match no column of any table."""
    unmatched = []
    for name in names:
        forms = set(user_forms(name))
        hits = [(tb, c) for tb in tables for c in tb.columns if c.label and forms & set(user_forms(c.label))]
        if not hits and _LETTERS.fullmatch(name.strip()):
            hits = [(tb, c) for tb in tables for c in tb.columns if c.letter == name.strip().upper()]
        for tb, c in hits:
            tb.assign(c, "ignore")
        if not hits:
            unmatched.append(name)
    return unmatched


def unused(tables: list[Table]) -> list[tuple[Table, Column]]:
    """Columns holding data that feed no field, in every table."""
    return [(table, c) for table in tables for c in table.unused()]


def unused_json(found: list[tuple[Table, Column]]) -> list[dict[str, Any]]:
    return [{"column": c.letter, "header": c.label, "filled_rows": c.filled, "file": table.sheet.file.name,
             "sheet": table.sheet.name} for table, c in found]


def describe_columns(table: Table) -> str:
    """'file#sheet: header row 3–4; used: A รหัสโรงเรียน → รหัสโรงเรียน, …; left out on purpose: …'."""
    rows = "–".join(str(r) for r in table.header_rows)
    used = [f"{c.letter} {c.label or '-'} → {LABELS_TH.get(c.field, c.field)}"
            for c in table.columns if c.field and c.field != "ignore"]
    text = t("{s}: หัวตารางแถว {r}; ใช้คอลัมน์: {u}", "{s}: header row {r}; columns used: {u}",
             s=table.sheet.label, r=rows, u=", ".join(used))
    told = [f"{c.letter} {c.label}" for c in table.columns if c.ignored_because == "user"]
    if told:
        text += t("; ไม่ใช้ตามที่ระบุ: {i}", "; left out as told: {i}", i=", ".join(told))
    empty = [f"{c.letter} {c.label}" for c in table.columns if c.field is None and c.label and not c.filled]
    if empty:
        text += t("; ไม่ใช้ (ว่างทุกแถว): {i}", "; not used (empty): {i}", i=", ".join(empty))
    return text


def duplicate_notes(table: Table) -> list[str]:
    """Two columns claimed one field: which one is used, and why."""
    by_index = {c.index: c for c in table.columns}
    out = []
    for c in table.columns:
        if c.ignored_because == "duplicate" and c.lost_to is not None:
            w = by_index[c.lost_to]
            out.append(t("{s}: คอลัมน์ {a} “{al}” และ {b} “{bl}” ต่างเป็น{f}: ใช้ {b} ซึ่งหัวคอลัมน์ตรงกว่า",
                         "{s}: columns {a} “{al}” and {b} “{bl}” both read as {f}: {b} is used, its header is the fuller match",
                         s=table.sheet.label, a=c.letter, al=c.label, b=w.letter, bl=w.label,
                         f=LABELS_TH.get(w.field or "", w.field)))
    return out


def useless_note(tables: list[Table]) -> str | None:
    """Once for the whole import: the columns left out by name (timestamp, e-mail, number, score)."""
    names = list(dict.fromkeys(c.label for table in tables for c in table.columns if c.ignored_because == "useless"))
    if not names:
        return None
    return t("ไม่ใช้คอลัมน์ {n}: เป็นข้อมูลที่ nitet ไม่เก็บ (เช่น เวลาส่งแบบฟอร์ม อีเมล ลำดับที่ คะแนน)",
             "columns {n} are not used: nitet does not keep such data (form timestamps, e-mail addresses, running numbers, scores)",
             n=", ".join(f"“{x}”" for x in names))
