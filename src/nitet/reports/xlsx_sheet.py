"""One styled worksheet as a Thai office submits it (openpyxl, imported only when used).

Font "TH SarabunPSK" 16 pt everywhere, title rows merged across the table, a styled header,
column widths fitted to Thai text (combining marks take no width), number formats, the header
frozen, A4 landscape fitted to the page width. Every text is written as a string cell, so text
that starts with ``=``, ``+``, ``-`` or ``@`` never becomes a formula.
"""

from __future__ import annotations

import functools
import re
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
PAPER_A4 = "9"          # openpyxl Worksheet.PAPERSIZE_A4


@dataclass
class Column:
    header: str
    kind: str = "text"      # text | int | money | pct (value in percent, 85 = 85%) | num
    wrap: bool = False      # long free text: wrap inside the cell


@functools.cache
def _zero_width() -> re.Pattern[str]:
    """A character class of the code points that take no column: combining marks and format
    characters (built once, as ranges)."""
    cps = [cp for cp in range(0x10000)
           if unicodedata.combining(chr(cp)) or unicodedata.category(chr(cp)) in ("Mn", "Me", "Cf")]
    ranges: list[list[int]] = []
    for cp in cps:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b)))
                                    for a, b in ranges) + "]")


def line_widths(text: str) -> list[int]:
    """Columns each line of a text needs: Thai vowel and tone marks above/below a letter take no width.

    The marks are counted by one compiled character class in C (10,000 report rows measure fast).
    """
    marks = _zero_width().findall
    return [len(line) if line.isascii() else len(line) - len(marks(line)) for line in str(text).split("\n")]


def text_width(text: str) -> int:
    """Columns the widest line of a text needs (see :func:`line_widths`)."""
    return max(line_widths(text))


#: How a cell looks: (font, alignment, boxed, filled, number format).
StyleKey = tuple[str, str | None, bool, bool, str]


class SheetWriter:
    """Title rows, a header, data rows and a total row of one sheet.

    Rows are collected as ready-styled cells (one style array per kind of cell, copied) and
    appended in :meth:`finish`, with the column widths and row heights they need: at 10,000
    rows every call per cell counts.
    """

    def __init__(self, wb: Any, title: str, columns: list[Column], first: bool = False) -> None:
        from openpyxl.cell import Cell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = wb.active if first else wb.create_sheet()
        self.ws.title = title[:31]
        self._cell_class = Cell
        self.columns = columns
        self.row = 0
        self.header_row = 0
        self.widths = [text_width(c.header) for c in columns]
        self.tall: list[tuple[int, list[tuple[int, list[int]]]]] = []  # rows whose text may wrap: line widths
        self.cells: dict[int, list[Any]] = {}      # row number → its cells, written in finish()
        self.heights: dict[int, float] = {}
        self.merged: list[int] = []                # rows merged across the table
        self._styles: dict[StyleKey, Any] = {}
        self._looks: dict[str, list[tuple[Any, Any, Any]]] = {}
        self.fonts = {"normal": Font(name=FONT_NAME, size=FONT_SIZE),
                      "bold": Font(name=FONT_NAME, size=FONT_SIZE, bold=True),
                      "title": Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True)}
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.alignments = {"center": Alignment(horizontal="center", vertical="center", wrap_text=True),
                           "top": Alignment(vertical="top"),
                           "top_wrap": Alignment(vertical="top", wrap_text=True)}

    # -- cells
    def _new_cell(self, ws: Any, value: Any = None, style_array: Any = None) -> Any:
        """A cell whose place is given when its row is appended (openpyxl copies ``style_array``)."""
        return self._cell_class(ws, row=1, column=1, value=value, style_array=style_array)

    def _style(self, key: StyleKey) -> Any:
        """The style array of one look, built once per sheet from a prototype cell."""
        style = self._styles.get(key)
        if style is None:
            font, align, boxed, filled, number_format = key
            proto = self._new_cell(self.ws)
            proto.font = self.fonts[font]
            if align:
                proto.alignment = self.alignments[align]
            if boxed:
                proto.border = self.border
            if filled:
                proto.fill = self.fill
            proto.number_format = number_format
            style = self._styles[key] = proto._style
        return style

    def cell(self, value: Any, kind: str = "text", font: str = "normal", align: str | None = None,
             boxed: bool = False, filled: bool = False) -> Any:
        """One styled cell. Text is always a string cell, so text that starts with ``=``, ``+``,
        ``-`` or ``@`` never becomes a formula."""
        if value is None or value == "":
            value, number_format = None, "General"
        elif kind == "text" or isinstance(value, str):
            value, number_format = str(value), FORMATS["text"]
        else:
            value, number_format = (value / 100 if kind == "pct" else value), FORMATS.get(kind, "General")
        cell = self._new_cell(self.ws, value, style_array=self._style((font, align, boxed, filled, number_format)))
        if value.__class__ is str:
            cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell

    def title(self, *lines: str) -> None:
        """Title rows merged across the table, centred, bold."""
        for i, line in enumerate(lines):
            self.row += 1
            self.cells[self.row] = [self.cell(line, font="title" if i == 0 else "bold", align="center")]
            self.heights[self.row] = LINE_HEIGHT + (8 if i == 0 else 4)
            self.merged.append(self.row)
        self.row += 1  # a blank row before the table

    def header(self) -> None:
        self.row += 1
        self.header_row = self.row
        self.tall.append((self.row, [(i, line_widths(c.header)) for i, c in enumerate(self.columns)]))
        self.cells[self.row] = [self.cell(c.header, font="bold", align="center", boxed=True, filled=True)
                                for c in self.columns]

    def _row_looks(self, bold: bool) -> list[tuple[Any, Any, Any]]:
        """Per column, the style arrays of a text, a number and an empty data cell (an empty
        cell of a number column keeps the column's format, for a figure typed in later)."""
        key = "bold" if bold else "normal"
        looks = self._looks.get(key)
        if looks is None:
            looks = self._looks[key] = [
                tuple(self._style((key, "top_wrap" if c.wrap else "top", True, False, fmt))
                      for fmt in (FORMATS["text"], FORMATS.get(c.kind, "General"),
                                  "General" if c.kind == "text" else FORMATS.get(c.kind, "General")))
                for c in self.columns]
        return looks

    def add(self, values: list[Any], bold: bool = False) -> None:
        """A data row: text as text, numbers in the column's format, every cell boxed."""
        self.row += 1
        ws, widths, new = self.ws, self.widths, self._new_cell
        wraps: list[tuple[int, list[int]]] = []
        row = []
        for i, (c, v, (text, number, empty)) in enumerate(zip(self.columns, values, self._row_looks(bold),
                                                              strict=True)):
            if v is None or v == "":
                row.append(new(ws, None, style_array=empty))
            elif isinstance(v, str):
                cell = new(ws, v, style_array=text)
                cell.data_type = "s"  # never a formula, whatever the text starts with
                row.append(cell)
                lines = line_widths(v)
                widths[i] = max(widths[i], *lines)
                if c.wrap or len(lines) > 1:
                    wraps.append((i, lines))
            elif c.kind == "text":
                row.append(self.cell(v, "text", "bold" if bold else "normal", "top_wrap" if c.wrap else "top", True))
                widths[i] = max(widths[i], text_width(str(v)))
            else:
                row.append(new(ws, v / 100 if c.kind == "pct" else v, style_array=number))
                widths[i] = max(widths[i], len(f"{v:,.2f}"))
        self.cells[self.row] = row
        if wraps:
            self.tall.append((self.row, wraps))

    def note(self, text: str, bold: bool = False) -> None:
        """A line of text under (or instead of) the table, merged across it."""
        self.row += 1
        self.cells[self.row] = [self.cell(text, font="bold" if bold else "normal", align="top")]
        self.merged.append(self.row)

    # -- layout
    def finish(self) -> None:
        """Column widths, row heights, panes and printing; then the rows go to the sheet."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.properties import PageSetupProperties

        ws = self.ws
        widths = []
        for i, c in enumerate(self.columns):
            need = self.widths[i] * 1.15 + 3
            widths.append(round(min(need, WRAP_WIDTH if c.wrap else MAX_WIDTH), 1))
            ws.column_dimensions[get_column_letter(i + 1)].width = widths[-1]
        # spreadsheet programs keep the default row height (too low for 16 pt Thai) and do not grow
        # rows for wrapped text by themselves: set every table row's height
        tall = dict(self.tall)
        for row in range(self.header_row or self.row, self.row + 1):
            lines = max([sum(-(-w * 1.3 // max(widths[i] - 2, 1)) or 1 for w in parts)
                         for i, parts in tall.get(row, [])] or [1])
            self.heights[row] = int(lines) * LINE_HEIGHT + 4
        for row, height in self.heights.items():
            ws.row_dimensions[row].height = height
        if self.header_row:
            ws.freeze_panes = f"A{self.header_row + 1}"
            ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ps = ws.page_setup
        ps.paperSize = PAPER_A4
        ps.orientation = "landscape"
        ps.fitToWidth = 1
        ps.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        cells = self.cells
        for row in range(1, self.row + 1):
            ws.append(cells.get(row, ()))
        self.cells = {}
        if len(self.columns) > 1:
            for row in self.merged:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(self.columns))

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
