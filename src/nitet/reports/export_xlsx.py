"""``nitet export xlsx``: a raw table (one row per record) that also prints.

The data stay as they are — record keys or Thai titles as headers, values unconverted (digits as
stored, dates as ISO dates) — for scripts and pivot tables; what is added is what a printout needs:
TH SarabunPSK 16 as the Normal style, columns as wide as their text (measured with TH SarabunPSK's
widths, capped; longer text wraps), the header row repeated on every page and frozen, an
autofilter, A4 landscape (fitted to the page width when it stays readable, else over several pages
across), and the footer "หน้า N จาก M". No signature
block: an export is data, not a report. Written in openpyxl's write-only mode (tens of thousands
of rows).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet.reports.textwidth import Measure
from nitet.reports.xlsx_book import FONT_NAME, FONT_SIZE, FURNITURE_SIZE, PAGE_FOOTER, furniture
from nitet.reports.xlsx_sheet import (
    CELL_PAD,
    COLUMN_PAD_PT,
    MAX_ROW_PT,
    PAPER_A4,
    PRINTABLE_PT,
    UNIT_EM,
    UNIT_PT,
    row_height,
)

MIN_SCALE = 0.6      # fitted to the page width only if printed at least this large
#: the page header's name of each export
TITLES = {"schools": "ทะเบียนโรงเรียน", "visits": "ข้อมูลการนิเทศ", "cases": "ข้อมูลงานตามกระบวนงาน",
          "plans": "ข้อมูลโครงการตามแผนปฏิบัติการ", "screenings": "ข้อมูลผลการคัดกรองการอ่านการเขียน"}

if TYPE_CHECKING:
    from nitet.domain.export import Table

MAX_UNITS = 45.0      # a wider text wraps
SAMPLE = 2000         # rows measured for the widths


def _widths(table: Table) -> list[float]:
    m, mb = Measure(), Measure(bold=True)
    need = [mb.widest_word(str(h)) for h in table.headers]
    for row in table.rows[:SAMPLE]:
        for i, v in enumerate(row):
            if v is None:
                continue
            text = v.isoformat() if isinstance(v, date) else str(v)
            w = m.widest_line(text)
            if w > need[i]:
                need[i] = w
    return [round(min(w / UNIT_EM + CELL_PAD, MAX_UNITS) * 1.02, 2) for w in need]


def save(table: Table, path: Path, office: str = "") -> None:
    """One sheet named after the kind; every text cell is text (``=1+1`` never becomes a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, NamedStyle
    from openpyxl.styles.named_styles import NamedStyleList
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.indexed_list import IndexedList
    from openpyxl.worksheet.properties import PageSetupProperties

    from nitet.storage.atomic import atomic_write_bytes

    wb = Workbook(write_only=True)
    plain = Font(name=FONT_NAME, size=FONT_SIZE)
    wb._fonts = IndexedList([plain])
    wb._named_styles = NamedStyleList()
    wb.add_named_style(NamedStyle(name="Normal", font=plain, builtinId=0))
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    # a number or date on the first line of its row, and at the left like every text and header of
    # the export: a right-aligned 1 beside the code 1063350101 read as 11063350101 (no borders here)
    top = Alignment(horizontal="left", vertical="top")
    ws = wb.create_sheet(table.kind)
    last = get_column_letter(max(len(table.headers), 1))
    widths = _widths(table)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    ps = ws.page_setup
    ps.paperSize, ps.orientation = PAPER_A4, "landscape"
    if sum(w * UNIT_PT + COLUMN_PAD_PT for w in widths) * MIN_SCALE <= PRINTABLE_PT["landscape"]:
        ps.fitToWidth, ps.fitToHeight = 1, 0  # fitted to the page width, still readable
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    # else: a table of many columns prints at full size over several pages across, each with its header
    font = f"{FONT_NAME},Regular"
    for part, text in ((ws.oddHeader.left, office), (ws.oddHeader.right, TITLES.get(table.kind, table.kind)), (ws.oddFooter.center, None)):
        part.text = PAGE_FOOTER if text is None else furniture(text)
        part.font, part.size = font, FURNITURE_SIZE

    def cell(value: Any, head: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=None)
        c.font = bold if head else plain
        if isinstance(value, str):
            c.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            c.data_type = "s"  # text stays text: no formula from =, +, -, @
            c.alignment = wrap
        else:
            c.value = value
            c.alignment = top
            if isinstance(value, date):
                c.number_format = "yyyy-mm-dd"
        return c

    # rows as high as their wrapped text (a record stays one row: at most Excel's highest row)
    m, mb = Measure(), Measure(bold=True)
    avail = [(w - CELL_PAD) * UNIT_EM for w in widths]
    ws.sheet_format.defaultRowHeight, ws.sheet_format.customHeight = row_height(1), True

    def height(values: list[Any], measure: Measure) -> int:
        return max([measure.count_lines(v, a) for v, a in zip(values, avail, strict=False) if isinstance(v, str)]
                   or [1])

    rows: list[list[Any]] = [list(table.headers), *table.rows]
    for n, values in enumerate(rows, start=1):
        lines = height(values, mb if n == 1 else m)
        if lines > 1:
            ws.row_dimensions[n].height = min(row_height(lines), MAX_ROW_PT)
        ws.append([cell(v, head=n == 1) for v in values])
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(path, buf.getvalue())
