"""One styled worksheet as a Thai office submits it (openpyxl, imported only when used).

Font "TH SarabunPSK" 16 pt everywhere, title rows merged across the table, a styled header,
column widths fitted to Thai text (combining marks take no width), number formats, the header
frozen, A4 landscape fitted to the page width. Every text is written as a string cell, so text
that starts with ``=``, ``+``, ``-`` or ``@`` never becomes a formula.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any

FONT_NAME = "TH SarabunPSK"
FONT_SIZE = 16
FORMATS = {"int": "#,##0", "money": "#,##0.00", "pct": "0.00%", "num": "#,##0.##", "text": "@"}
MAX_WIDTH = 60
WRAP_WIDTH = 40        # long free text wraps at this width
LINE_HEIGHT = 24       # points per line of 16 pt Thai text (with its marks above and below)
HEADER_FILL = "D9E1F2"


@dataclass
class Column:
    header: str
    kind: str = "text"      # text | int | money | pct (value in percent, 85 = 85%) | num
    wrap: bool = False      # long free text: wrap inside the cell


@functools.cache
def _zero_width() -> dict[int, None]:
    """Code points that take no column: combining marks and format characters (built once)."""
    return {cp: None for cp in range(0x10000)
            if unicodedata.combining(chr(cp)) or unicodedata.category(chr(cp)) in ("Mn", "Me", "Cf")}


def text_width(text: str) -> int:
    """Columns a text needs: Thai vowel and tone marks above/below a letter take no width.

    One ``str.translate`` per line instead of a Python call per character: the width of
    10,000 report rows is measured in C.
    """
    table = _zero_width()
    return max((len(line.translate(table)) for line in str(text).split("\n")), default=0)


class SheetWriter:
    """Writes title rows, a header, data rows and a total row; ``finish()`` sets widths and printing."""

    def __init__(self, wb: Any, title: str, columns: list[Column], first: bool = False) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = wb.active if first else wb.create_sheet()
        self.ws.title = title[:31]
        self.columns = columns
        self.row = 0
        self.header_row = 0
        self.widths = [text_width(c.header) for c in columns]
        self.tall: list[tuple[int, list[tuple[int, str]]]] = []  # rows with text that may wrap
        self._styles: dict[tuple[int, bool, bool], Any] = {}
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        self.title_font = Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True)
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top = Alignment(vertical="top")
        self.top_wrap = Alignment(vertical="top", wrap_text=True)

    # -- cells
    def put(self, row: int, col: int, value: Any, kind: str = "text", font: Any = None) -> Any:
        cell = self.ws.cell(row=row, column=col)
        if value is None or value == "":
            cell.value = None
        elif kind == "text" or isinstance(value, str):
            cell.value = str(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.number_format = FORMATS["text"]
        else:
            cell.value = value / 100 if kind == "pct" else value
            cell.number_format = FORMATS.get(kind, "General")
        cell.font = font or self.font
        return cell

    def title(self, *lines: str) -> None:
        """Title rows merged across the table, centred, bold."""
        for i, line in enumerate(lines):
            self.row += 1
            cell = self.put(self.row, 1, line, font=self.title_font if i == 0 else self.bold)
            cell.alignment = self.center
            self.ws.row_dimensions[self.row].height = LINE_HEIGHT + (8 if i == 0 else 4)
            if len(self.columns) > 1:
                self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                                    end_column=len(self.columns))
        self.row += 1  # a blank row before the table

    def header(self) -> None:
        self.row += 1
        self.header_row = self.row
        self.tall.append((self.row, [(i, c.header) for i, c in enumerate(self.columns)]))
        for col, c in enumerate(self.columns, start=1):
            cell = self.put(self.row, col, c.header, font=self.bold)
            cell.fill = self.fill
            cell.border = self.border
            cell.alignment = self.center

    def add(self, values: list[Any], bold: bool = False) -> None:
        from copy import copy

        self.row += 1
        wraps = [(i, v) for i, (c, v) in enumerate(zip(self.columns, values, strict=True))
                 if isinstance(v, str) and (c.wrap or "\n" in v)]
        if wraps:
            self.tall.append((self.row, wraps))
        for col, (c, v) in enumerate(zip(self.columns, values, strict=True), start=1):
            is_text = isinstance(v, str)
            key = (col, bold, is_text)
            style = self._styles.get(key)
            if style is None:  # style the first cell of its kind; later cells copy it (10,000 rows stay fast)
                cell = self.put(self.row, col, v, c.kind if not is_text else "text", font=self.bold if bold else None)
                cell.border = self.border
                cell.alignment = self.top_wrap if c.wrap else self.top
                if v is not None and v != "":
                    self._styles[key] = copy(cell._style)
            else:
                cell = self.ws.cell(row=self.row, column=col)
                cell.value = v / 100 if c.kind == "pct" and not is_text else v
                if is_text:
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                cell._style = copy(style)
            if is_text:
                self.widths[col - 1] = max(self.widths[col - 1], text_width(v))
            elif v is not None:
                self.widths[col - 1] = max(self.widths[col - 1], len(f"{v:,.2f}"))

    def note(self, text: str, bold: bool = False) -> None:
        """A line of text under (or instead of) the table, merged across it."""
        self.row += 1
        cell = self.put(self.row, 1, text, font=self.bold if bold else None)
        cell.alignment = self.top
        if len(self.columns) > 1:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(self.columns))

    # -- layout
    def finish(self) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.properties import PageSetupProperties

        widths = []
        for i, c in enumerate(self.columns):
            need = self.widths[i] * 1.15 + 3
            widths.append(round(min(need, WRAP_WIDTH if c.wrap else MAX_WIDTH), 1))
            self.ws.column_dimensions[get_column_letter(i + 1)].width = widths[-1]
        # spreadsheet programs keep the default row height (too low for 16 pt Thai) and do not grow
        # rows for wrapped text by themselves: set every table row's height
        tall = dict(self.tall)
        for row in range(self.header_row or self.row, self.row + 1):
            texts = tall.get(row, [])
            lines = max([sum(-(-text_width(part) * 1.3 // max(widths[i] - 2, 1)) or 1 for part in v.split("\n"))
                         for i, v in texts] or [1])
            self.ws.row_dimensions[row].height = int(lines) * LINE_HEIGHT + 4
        if self.header_row:
            self.ws.freeze_panes = self.ws.cell(row=self.header_row + 1, column=1)
            self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ps = self.ws.page_setup
        ps.paperSize = self.ws.PAPERSIZE_A4
        ps.orientation = "landscape"
        ps.fitToWidth = 1
        ps.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.ws.print_options.horizontalCentered = True
        self.ws.page_margins.left = self.ws.page_margins.right = 0.5

    def bar_chart(self, title: str, label_col: int, value_col: int, first_row: int, last_row: int,
                  y_title: str, percent: bool = False, beside: bool = False) -> None:
        """A native bar chart of one column against the labels of another, under the table
        (``beside``: to its right, for a narrow table, so both fit one page)."""
        from openpyxl.chart import BarChart, Reference

        if last_row < first_row:
            return
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.y_axis.title = y_title
        chart.legend = None
        chart.x_axis.scaling.orientation = "maxMin"  # bars in the table's order, top down
        chart.height = max(7.5, 1.0 * (last_row - first_row + 1) + 3)
        chart.width = 16 if beside else 24
        data = Reference(self.ws, min_col=value_col, min_row=first_row - 1, max_row=last_row)
        cats = Reference(self.ws, min_col=label_col, min_row=first_row, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        if percent:
            chart.y_axis.number_format = "0%"
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        from openpyxl.utils import get_column_letter

        at = f"{get_column_letter(len(self.columns) + 2)}{self.header_row}" if beside else f"A{self.row + 2}"
        self.ws.add_chart(chart, at)
