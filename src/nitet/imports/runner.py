"""One import from files to a plan: read every sheet, find its table, map rows, compare."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.imports import readers
from nitet.imports.columns import LABELS_TH, SYNONYMS, Lexicon
from nitet.imports.mapping import Candidate, Context, Origin, Reject, column_letter
from nitet.imports.plan import Plan, make_plan
from nitet.imports.table import Table, find_table

KINDS = ("schools", "visits", "screening")

#: Columns a table of each kind cannot do without (any one of each group).
_REQUIRED: dict[str, list[tuple[str, ...]]] = {
    "schools": [("code_any", "moe", "smis", "obec")],
    "visits": [("date",), ("school", "school_name")],
    "screening": [tuple(f for f in SYNONYMS["screening"] if f.split(".")[0] in
                        ("read_aloud", "read_comprehension", "write_words", "write_story"))],
}


@dataclass
class Outcome:
    plan: Plan
    tables: list[Table] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)


def _mapper(kind: str) -> Callable[..., tuple]:  # type: ignore[type-arg]
    from nitet.imports import schools, screening, visits

    return {"schools": schools.map_table, "visits": visits.map_table, "screening": screening.map_table}[kind]


def collect(ctx: Context, kind: str, paths: list[Path], sheet: str | None = None,
            user_map: dict[str, str] | None = None,
            progress: Callable[[str], None] | None = None, limits: readers.Limits | None = None) -> Outcome:
    lex = Lexicon(kind, user_map)
    mapper = _mapper(kind)
    candidates: list[Candidate] = []
    rejects: list[Reject] = []
    skipped = 0
    outcome = Outcome(Plan())
    for path in readers.expand(paths):
        if progress:
            progress(path.name)
        found = False
        if sheet is not None and path.suffix.lower() == ".csv":
            ctx.note(t("{f}: ไฟล์ CSV มีตารางเดียว --sheet จึงไม่มีผลกับไฟล์นี้",
                       "{f}: a CSV file has one table, so --sheet does not apply to it", f=path.name))
        for sh in readers.read(path, sheet, limits):
            table = find_table(sh, lex)
            if table is None:
                outcome.ignored_sheets.append(sh.label)
                continue
            _require(kind, table)
            found = True
            outcome.tables.append(table)
            skipped += len(table.totals)
            rejects.extend(Reject(Origin(table, row), reason) for row, reason in table.malformed)
            result = mapper(ctx, table)
            cands, bad = result[0], result[1]
            if len(result) > 2:
                skipped += result[2]
            candidates.extend(cands)
            rejects.extend(Reject(o, reason) for o, reason in bad)
        if not found:
            examples = ", ".join(dict.fromkeys(LABELS_TH[f] for f in SYNONYMS[kind] if f in LABELS_TH))
            raise DataError(
                t("ไม่พบหัวตารางใน {p}: ต้องมีแถวหัวตารางที่มีคอลัมน์ที่ nitet รู้จักอย่างน้อย ๒ คอลัมน์",
                  "no table header found in {p}: a header row needs at least 2 columns nitet knows", p=path.name),
                t("หัวคอลัมน์ที่รู้จัก เช่น {e} — หรือระบุคอลัมน์ด้วย --map MAP.yaml",
                  "known headers include {e} — or name the columns with --map MAP.yaml", e=examples[:300]))
    rejects.sort(key=lambda r: (str(r.origin.table.sheet.file), r.origin.sheet, r.origin.row.number))
    outcome.plan = make_plan(ctx, candidates, rejects, skipped)
    outcome.plan.rejects.sort(key=lambda r: (str(r.origin.table.sheet.file), r.origin.sheet, r.origin.row.number))
    return outcome


def _require(kind: str, table: Table) -> None:
    for group in _REQUIRED[kind]:
        if not any(table.has(f) for f in group):
            got = ", ".join(c.label for c in table.columns if c.field) or "-"
            raise DataError(
                t("{s}: ไม่พบคอลัมน์ {need} (หัวตารางแถว {r} มี: {got})", "{s}: no {need} column (header row {r} has: {got})",
                  s=table.sheet.label, need=" / ".join(dict.fromkeys(LABELS_TH.get(f, f) for f in group[:4])),
                  r=table.header_rows[0], got=got),
                t("เพิ่มคอลัมน์นั้น หรือบอกว่าคอลัมน์ใดคืออะไรด้วย --map MAP.yaml",
                  "add that column, or say which column is which with --map MAP.yaml"))


def describe_columns(table: Table) -> str:
    """'file#sheet: header row 3–4; used: A รหัสโรงเรียน → รหัสโรงเรียน, …; ignored: F ประทับเวลา'."""
    rows = "–".join(str(r) for r in table.header_rows)
    used = [f"{column_letter(c.index)} {c.label} → {LABELS_TH.get(c.field, c.field)}"
            for c in table.columns if c.field and c.field != "ignore"]
    ignored = [f"{column_letter(c.index)} {c.label}" + (t(" (ซ้ำ)", " (duplicate)") if c.ignored_because == "duplicate" else "")
               for c in table.columns if c.label and (not c.field or c.field == "ignore")]
    text = t("{s}: หัวตารางแถว {r}; ใช้คอลัมน์: {u}", "{s}: header row {r}; columns used: {u}",
             s=table.sheet.label, r=rows, u=", ".join(used))
    if ignored:
        text += t("; ไม่ใช้: {i}", "; ignored: {i}", i=", ".join(ignored))
    return text
