"""``--rejects FILE``: the rejected rows as the school sent them, plus a reason column.

One sheet per source sheet: its title rows, its header (one row, the labels nitet
recognised), then each rejected row with เหตุผล (reason), ไฟล์, ชีต, แถว at the end. The school
fixes the rows and sends the file back; the extra columns are ignored on import.

A hostile cell (``=HYPERLINK(…)``, ``=cmd|…``) never becomes a formula: in xlsx every text cell
is text; in CSV it gets the leading ``'`` of ``export csv`` (:func:`nitet.domain.export.csv_cell`),
which the CSV reader drops again when the file comes back.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from nitet.core.i18n import t
from nitet.imports.mapping import Reject
from nitet.imports.table import Table
from nitet.storage.atomic import atomic_write_bytes

EXTRA = ("เหตุผล", "ไฟล์", "ชีต", "แถว")


def _groups(rejects: list[Reject]) -> list[tuple[Table, list[Reject]]]:
    out: dict[int, tuple[Table, list[Reject]]] = {}
    for r in rejects:
        out.setdefault(id(r.origin.table), (r.origin.table, []))[1].append(r)
    return list(out.values())


def _header(table: Table) -> list[str]:
    return [c.match_label if c.field else c.label for c in table.columns]


def _rows(table: Table, rejects: list[Reject]) -> list[list[Any]]:
    width = len(table.columns)
    rows: list[list[Any]] = [[title] for title in table.titles]
    rows.append([*_header(table), *EXTRA])
    for r in rejects:
        values = list(r.origin.row.values[:width]) + [None] * (width - len(r.origin.row.values[:width]))
        rows.append([*values, r.reason, r.origin.file, r.origin.sheet, r.origin.row.number])
    return rows


def write_rejects(path: Path, rejects: list[Reject]) -> None:
    groups = _groups(rejects)
    if path.suffix.lower() == ".csv":
        import csv

        from nitet.domain.export import csv_cell

        text = io.StringIO()
        w = csv.writer(text, lineterminator="\n")
        for table, rs in groups:
            # the same neutralisation as export csv: =HYPERLINK(…) stays text ('=HYPERLINK(…))
            w.writerows([[csv_cell(_plain(v)) for v in row] for row in _rows(table, rs)])
        atomic_write_bytes(path, ("\ufeff" + text.getvalue()).encode("utf-8"))  # Excel shows Thai with a BOM
        return

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for table, rs in groups:
        name = _sheet_name(table, used)
        ws = wb.create_sheet(name)
        header_at = len(table.titles) + 1
        for i, row in enumerate(_rows(table, rs), start=1):
            # control characters (from CSV) cannot be stored in xlsx
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
            if i == header_at:
                for c in ws[i]:
                    c.font = Font(name="TH SarabunPSK", bold=True)
        for c in ws.iter_rows():
            for cell in c:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text, even "=..." (titles and headers too)
    if not wb.worksheets:
        wb.create_sheet(t("แถวที่ถูกปฏิเสธ", "rejected"))
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(path, buf.getvalue())


def _plain(value: Any) -> Any:
    """An xlsx date cell as the text a sheet shows (2026-11-25), so the CSV imports back."""
    if isinstance(value, datetime):
        from nitet.imports.values import text

        return text(value)
    return value


def _sheet_name(table: Table, used: set[str]) -> str:
    base = (table.sheet.name or table.sheet.file.stem)
    for ch in "[]:*?/\\":
        base = base.replace(ch, " ")
    base = base[:28] or "rows"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]}-{n}", n + 1
    used.add(name)
    return name
