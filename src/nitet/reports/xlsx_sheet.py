"""One worksheet of an official document, laid out to print whole on A4 in TH SarabunPSK 16.

Rows are collected first (title lines, the header, data rows, notes, the signature block) and laid
out by :meth:`SheetWriter.finish`, when every text of the sheet is known:

* each column is as wide as its widest figure, date or line of text, measured with TH SarabunPSK's
  glyph widths (:mod:`nitet.reports.textwidth`) in Excel's column unit (the Normal font's widest
  digit); free-text columns shrink, and wrap, so that the table fits the page's width;
* portrait A4 when the table fits it, else landscape, fitted to the page's width (printed at no less
  than :data:`MIN_SCALE` before free-text columns narrow further);
* each row as high as its wrapped lines; a text taller than Excel's highest row (409 pt) goes on in
  the rows below it, marked "(ต่อ)", never cut;
* page furniture: a header naming the office and the report, the footer "หน้า N จาก M", the table's
  header repeated on every page and frozen on screen, an autofilter on long tables.

Every text is a string cell (a formula never: ``=``, ``+``, ``-``, ``@`` are text; a control character
is dropped). openpyxl is imported only when a sheet is made. The module is long because the layout
above is one computation over one sheet's rows: split, its parts would pass that state back and forth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nitet.core.controls import strip_controls
from nitet.reports import fontmetrics
from nitet.reports.textwidth import Measure, join_lines
from nitet.reports.xlsx_book import (
    FONT_NAME,
    FONT_SIZE,
    FURNITURE_SIZE,
    PAGE_FOOTER,
    TITLE_SIZE,
    Document,
    furniture,
    multiline_item,
    number_format,
    shown,
)

LINE_PT = fontmetrics.LINE_EM * FONT_SIZE        # one line of 16 pt text (Excel's row follows it)
ROW_PAD_PT = 2.0
MAX_ROW_PT = 409.0                               # Excel's highest row
MAX_LINES = int((MAX_ROW_PT - ROW_PAD_PT) // LINE_PT)
UNIT_EM = fontmetrics.DIGIT["regular"] / 1000    # the column width unit: the Normal font's widest digit
CELL_PAD = 0.8                                   # units a cell keeps beside its text (LibreOffice: ≥ 0.4)
UNIT_PT = 9.0                                    # a unit on paper at most (Excel: the digit rounded up to 12 px)
COLUMN_PAD_PT = 3.75                             # and the 5 px Excel adds to every column
PRINTABLE_PT = {"portrait": 595.3 - 72, "landscape": 841.9 - 72}  # A4 less 0.5 in margins
TEXT_CAP = 45                                    # widest free-text column (units) before it wraps
NAME_CAP = 32                                    # widest column of names before they wrap
MIN_WRAP = 12                                    # narrowest a free-text column shrinks to
MIN_SCALE = 0.8                                  # a wide table prints this small before its text columns narrow
AUTOFILTER_ROWS = 20
HEADER_FILL = "D9E1F2"
CONTINUED = "(ต่อ) "
PAPER_A4 = "9"


@dataclass
class Column:
    header: str
    kind: str = "text"   # text | int | money | pct (85 = 85%) | num (whole, else 2 decimals) | signed | date
    wrap: bool = False   # free text: wraps, and narrows so that the table fits the page
    key: bool = False    # repeated on the rows that continue a long text of its row

    @property
    def centred(self) -> bool:
        """The running number (ที่) sits in the middle of its narrow column."""
        return self.header == "ที่"


def row_height(lines: int, size: float = FONT_SIZE) -> float:
    return round(lines * LINE_PT * size / FONT_SIZE + ROW_PAD_PT, 1)


class SheetWriter:
    """Title rows, a header, data rows, notes and the signature block of one sheet."""

    def __init__(self, wb: Any, doc: Document, title: str, columns: list[Column], first: bool = False) -> None:
        from openpyxl.cell import Cell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = wb.active if first else wb.create_sheet()
        self.ws.title = title[:31]
        self.doc = doc
        self.columns = columns
        self.rows: list[tuple[Any, ...]] = []     # (kind, ...) in order; laid out in finish()
        self.header_row = 0                        # the sheet's row of the table header, after finish()
        self._data_rows: list[int] = []            # sheet row of each data row, after finish()
        self._cell_class = Cell
        self.m, self.mb = Measure(), Measure(bold=True)
        self.need = [self.mb.widest_word(c.header) for c in columns]  # ems each column needs
        self._demand: list[list[float]] = [[] for _ in columns]        # free text: each cell's width
        self._styles: dict[tuple[str, str | None, bool, bool, str], Any] = {}
        self.fonts = {"normal": Font(name=FONT_NAME, size=FONT_SIZE),
                      "bold": Font(name=FONT_NAME, size=FONT_SIZE, bold=True),
                      "title": Font(name=FONT_NAME, size=TITLE_SIZE, bold=True)}
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.alignments = {"center": Alignment(horizontal="center", vertical="center", wrap_text=True),
                           "top": Alignment(vertical="top"),
                           "top_centre": Alignment(horizontal="center", vertical="top"),
                           "wrap": Alignment(vertical="top", wrap_text=True),
                           "sign": Alignment(horizontal="center", vertical="top")}
        self._formats = {k: number_format(k, doc.thai_digits) for k in ("int", "money", "pct", "dec", "signed",
                                                                          "date")}

    # -- collecting rows
    def title(self, *lines: str) -> None:
        """Title rows across the table, centred, bold (the first one larger); a blank row after."""
        for i, line in enumerate(lines):
            self.rows.append(("title", self.doc.text(line), i == 0))
        self.rows.append(("blank",))

    def header(self) -> None:
        self.rows.append(("header",))

    def add(self, values: list[Any], bold: bool = False) -> int:
        """A data row: text as text (in the document's digits), numbers in the column's format.
        Returns the row's index, for :meth:`sheet_row`."""
        m = self.mb if bold else self.m
        need, digits = self.need, self.doc.thai_digits
        out = []
        for i, (c, v) in enumerate(zip(self.columns, values, strict=True)):
            if v is None or v == "":
                v = None
            elif isinstance(v, str) or c.kind == "text":
                v = self.doc.text(v)
                w = m.widest_line(v)
                if c.wrap:
                    self._demand[i].append(m.width(v))
            else:
                w = m.width(shown(v, c.kind if c.kind != "num" else self._num_kind(v), digits))
            if v is not None and w > need[i]:
                need[i] = w
            out.append(v)
        self.rows.append(("data", out, bold, len(self._data_rows)))
        self._data_rows.append(0)
        return len(self._data_rows) - 1

    def note(self, text: str, bold: bool = False, verbatim: bool = False) -> None:
        """A paragraph under (or instead of) the table, across its width; ``verbatim``: its digits
        as written (an identifier such as a git revision, which Thai digits would break)."""
        self.rows.append(("note", text if verbatim else self.doc.text(text), bold))

    def gap(self) -> None:
        self.rows.append(("blank",))

    def signature(self) -> None:
        """The signature block of the document's signer, at the right of the page."""
        if self.doc.signer is not None:
            self.rows.append(("blank",))
            self.rows.extend(("sign", line) for line in self.doc.signer.lines(self.doc.thai_digits))

    def sheet_row(self, index: int) -> int:
        """The sheet's row number of the data row :meth:`add` returned ``index`` for (after finish)."""
        return self._data_rows[index]

    @staticmethod
    def _num_kind(value: float) -> str:
        return "int" if float(value).is_integer() else "dec"

    # -- cells
    def _style(self, font: str, align: str | None, boxed: bool, filled: bool, fmt: str) -> Any:
        """The style array of one look, built once per sheet from a prototype cell."""
        key = (font, align, boxed, filled, fmt)
        style = self._styles.get(key)
        if style is None:
            proto = self._cell_class(self.ws, row=1, column=1)
            proto.font = self.fonts[font]
            if align:
                proto.alignment = self.alignments[align]
            if boxed:
                proto.border = self.border
            if filled:
                proto.fill = self.fill
            proto.number_format = fmt
            style = self._styles[key] = proto._style
        return style

    def _cell(self, value: Any, style: Any) -> Any:
        text = value.__class__ is str
        cell = self._cell_class(self.ws, row=1, column=1, value=None if text else value, style_array=style)
        if text:
            cell._value, cell.data_type = value if value.isprintable() else strip_controls(value), "s"
        return cell

    def _text_cell(self, value: str | None, font: str, align: str, boxed: bool = False, filled: bool = False) -> Any:
        return self._cell(value, self._style(font, align, boxed, filled, "@" if value else "General"))

    def _data_cell(self, c: Column, v: Any, font: str) -> Any:
        if v is None:
            fmt = "General" if c.kind == "text" else self._formats.get(c.kind, self._formats["int"])
            return self._cell(None, self._style(font, "top", True, False, fmt))
        if isinstance(v, str):
            return self._cell(v, self._style(font, "wrap", True, False, "@"))
        kind = self._num_kind(v) if c.kind == "num" else c.kind
        align = "top_centre" if c.centred else "top"
        return self._cell(v / 100 if kind == "pct" else v, self._style(font, align, True, False, self._formats[kind]))

    # -- layout
    def _widths(self) -> tuple[list[float], str]:
        """Column widths (units) and the page's orientation."""
        natural, least = [], []
        for c, need in zip(self.columns, self.need, strict=True):
            units = need / UNIT_EM + CELL_PAD
            if c.kind == "text":
                head = self.mb.widest_word(c.header) / UNIT_EM + CELL_PAD
                cap = TEXT_CAP if c.wrap else NAME_CAP
                units = max(min(units, cap), head)
                least.append(max(head, min(units, MIN_WRAP)) if c.wrap else units)
            else:
                least.append(units)
            natural.append(units * 1.02)
        least = [min(a, b * 1.02) for a, b in zip(natural, least, strict=True)]

        def paper(widths: list[float]) -> float:
            return sum(w * UNIT_PT + COLUMN_PAD_PT for w in widths)

        if paper(natural) <= PRINTABLE_PT["portrait"]:
            return [round(w, 2) for w in natural], "portrait"
        budget = PRINTABLE_PT["landscape"] / MIN_SCALE
        if paper(natural) > budget:
            # free-text columns share what is left in proportion to their typical text (the row is
            # as high as its tallest cell: alike line counts waste the least paper)
            demand = [self._typical(i) if c.wrap else 0.0 for i, c in enumerate(self.columns)]
            lo, hi = 0.0, max(natural) / max(min(d for d in demand if d) if any(demand) else 1.0, 1e-6)
            for _ in range(40):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if paper(self._share(mid, natural, least, demand)) <= budget else (lo, mid)
            natural = self._share(lo, natural, least, demand)
        return [round(w, 2) for w in natural], "landscape"

    def _as_wide_as_titles(self, widths: list[float], orientation: str) -> list[float]:
        """A table narrower than its title lines widens (every column but ที่ alike, no wider than the
        page), so that a title never breaks inside a phrase above a narrow table."""
        titles = [self.mb.widest_line(s[1]) * (TITLE_SIZE if s[2] else FONT_SIZE) / FONT_SIZE
                  for s in self.rows if s[0] == "title"]
        want = (max(titles, default=0.0) / UNIT_EM + CELL_PAD) * 1.05
        page = (PRINTABLE_PT[orientation] - COLUMN_PAD_PT * len(widths)) / UNIT_PT
        want = min(want, page)
        grow = [not c.centred for c in self.columns]
        growing = sum(w for w, g in zip(widths, grow, strict=True) if g)
        if sum(widths) >= want or not growing:
            return widths
        k = (want - sum(widths) + growing) / growing
        return [round(w * k, 2) if g else w for w, g in zip(widths, grow, strict=True)]

    def _typical(self, i: int) -> float:
        """The width (ems, all lines end to end) of a typical text of column ``i``: its upper quartile."""
        texts = sorted(self._demand[i])
        return texts[(len(texts) * 3) // 4] / UNIT_EM if texts else 1.0

    def _share(self, k: float, natural: list[float], least: list[float], demand: list[float]) -> list[float]:
        return [max(lst, min(n, k * d)) if c.wrap else n
                for c, n, lst, d in zip(self.columns, natural, least, demand, strict=True)]

    def finish(self, widths: list[float] | None = None, orientation: str | None = None) -> None:
        """Widths, heights, cells, merges and printing: the rows go to the sheet. ``widths`` and
        ``orientation`` replace the ones the table would get (a sheet of charts)."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.properties import PageSetupProperties

        ws, cols, n = self.ws, self.columns, len(self.columns)
        fitted, fitted_orientation = self._widths()
        widths, orientation = widths or self._as_wide_as_titles(fitted, fitted_orientation), \
            orientation or fitted_orientation
        for i, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = w
        avail = [(w - CELL_PAD) * UNIT_EM for w in widths]
        across = (sum(widths) - CELL_PAD) * UNIT_EM
        heights: dict[int, float] = {}
        merged: list[tuple[int, int]] = []
        last_data = 0
        row = 0
        for spec in self.rows:
            kind = spec[0]
            if kind == "data":
                for cells, lines in self._data_rows_of(spec, avail):
                    row += 1
                    ws.append(cells)
                    heights[row] = row_height(lines)
                    if not spec[2]:
                        last_data = row
                    if not self._data_rows[spec[3]]:
                        self._data_rows[spec[3]] = row
                continue
            row += 1
            if kind == "blank":
                ws.append(())
                heights[row] = row_height(1) / 2
            elif kind == "header":
                self.header_row = row
                ws.append([self._text_cell(self.doc.text(c.header), "bold", "center", boxed=True, filled=True)
                           for c in cols])
                heights[row] = row_height(max(self.mb.count_lines(c.header, a) for c, a in zip(cols, avail,
                                                                                             strict=True)))
            elif kind == "title":
                _, text, big = spec
                size = TITLE_SIZE if big else FONT_SIZE
                ws.append([self._text_cell(text, "title" if big else "bold", "center")])
                heights[row] = row_height(self.mb.count_lines(text, across * FONT_SIZE / size), size)
                merged.append((row, 1))
            elif kind == "note":
                _, text, bold = spec
                ws.append([self._text_cell(text, "bold" if bold else "normal", "wrap")])
                heights[row] = row_height((self.mb if bold else self.m).count_lines(text, across))
                merged.append((row, 1))
            elif kind == "sign":
                first = self._signature_column(widths)
                ws.append([None] * (first - 1) + [self._text_cell(self.doc.text(spec[1]), "normal", "sign")])
                heights[row] = row_height(1)
                merged.append((row, first))
        for r, h in heights.items():
            ws.row_dimensions[r].height = h
        ws.sheet_format.defaultRowHeight = row_height(1)
        ws.sheet_format.customHeight = True
        for r, first in merged:
            if first < n:
                ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=n)
        if self.header_row:
            ws.freeze_panes = f"A{self.header_row + 1}"
            ws.print_title_rows = f"{self.header_row}:{self.header_row}"
            if last_data - self.header_row > AUTOFILTER_ROWS:
                ws.auto_filter.ref = f"A{self.header_row}:{get_column_letter(n)}{last_data}"
        self._page(orientation)
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    def _signature_column(self, widths: list[float]) -> int:
        """The first column of the signature block: as far right as its longest line allows."""
        need = max(self.m.width(self.doc.text(x)) for x in self.doc.signer.lines(self.doc.thai_digits)) \
            if self.doc.signer else 0
        need = need / UNIT_EM + CELL_PAD + 1
        total = 0.0
        for i in range(len(widths) - 1, -1, -1):
            total += widths[i]
            if total >= need and total >= sum(widths) / 2:
                return i + 1
        return 1

    def _data_rows_of(self, spec: tuple[Any, ...], avail: list[float]) -> list[tuple[list[Any], int]]:
        """A data row's cells and lines; a text taller than Excel's highest row continues in the
        rows below (``(ต่อ) …``, the row's key columns repeated)."""
        _, values, bold, _ = spec
        m = self.mb if bold else self.m
        font = "bold" if bold else "normal"
        lines = [m.count_lines(v, a) if isinstance(v, str) else 1 for v, a in zip(values, avail, strict=True)]
        tallest = max(lines)
        if tallest <= MAX_LINES:
            return [([self._data_cell(c, v, font) for c, v in zip(self.columns, values, strict=True)], tallest)]
        parts: list[list[Any]] = []
        for v, a, n in zip(values, avail, lines, strict=True):
            pieces = [v]
            while isinstance(pieces[-1], str) and n > MAX_LINES:
                wrapped = m.wrap(pieces[-1], a)
                # the piece ends at a space or a line break when one is near, not inside a word
                k = next((k for k in range(MAX_LINES, MAX_LINES // 2, -1) if wrapped[k - 1][1]), MAX_LINES)
                pieces[-1] = join_lines(wrapped[:k]).rstrip()
                rest = CONTINUED + join_lines(wrapped[k:]).lstrip()
                pieces.append(rest)
                n = m.count_lines(rest, a)
            parts.append(pieces)
        out = []
        for k in range(max(len(p) for p in parts)):
            cells, tall = [], 1
            for c, pieces, a in zip(self.columns, parts, avail, strict=True):
                v = pieces[k] if k < len(pieces) else (pieces[0] if c.key and len(pieces) == 1 else None)
                cells.append(self._data_cell(c, v, font))
                if isinstance(v, str):
                    tall = max(tall, m.count_lines(v, a))
            out.append((cells, tall))
        return out

    def _page(self, orientation: str) -> None:
        """A4 in the orientation that suits the table, fitted to the page width, with the header
        (office, report) and the footer (หน้า N จาก M) in TH SarabunPSK."""
        ws = self.ws
        ps = ws.page_setup
        ps.paperSize = PAPER_A4
        ps.orientation = orientation
        ps.fitToWidth = 1
        ps.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        margins = ws.page_margins
        margins.left = margins.right = 0.5
        margins.top = margins.bottom = 0.8
        margins.header = margins.footer = 0.3
        font = f"{FONT_NAME},Regular"
        office, title = furniture(self.doc.text(self.doc.office)), furniture(self.doc.text(self.doc.title))
        one_line = (self.m.width(office) + self.m.width(title) + 4) * FURNITURE_SIZE < PRINTABLE_PT[orientation]
        if not one_line:
            ws.HeaderFooter.oddHeader = multiline_item()
        for part, text in ((ws.oddHeader.left, office), (ws.oddHeader.right, title)) if one_line else \
                ((ws.oddHeader.center, f"{title}\n{office}" if office else title),):
            part.text, part.font, part.size = text, font, FURNITURE_SIZE
        if not one_line and office:
            margins.top = 1.1
        footer = ws.oddFooter.center
        footer.text, footer.font, footer.size = PAGE_FOOTER, font, FURNITURE_SIZE
