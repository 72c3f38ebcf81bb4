"""Charts on pages of their own: a sheet of native bar charts of a report's tables, each chart
whole on one A4 page (never cut by a page break, never beside a table).

A chart is titled by what its bars share (a KRS project) and each bar by what it is (the
project's indicator), so no two bars read alike; every text of a chart is TH SarabunPSK and its
numbers show in the document's digits. The bars read their figures from the report's table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nitet.reports.xlsx_book import FONT_NAME, FONT_SIZE, Document, number_format
from nitet.reports.xlsx_sheet import LINE_PT, ROW_PAD_PT, UNIT_EM, Column, SheetWriter

PT_PER_CM = 72 / 2.54
CHART_CM = 25.0                 # width of a chart on landscape A4
BAR_CM = 1.5
FRAME_CM = 5.0                  # title, axis and margins of a chart
PAGE_PT = 595.3 - 2 * 0.8 * 72 - 60  # landscape A4 less margins, header and footer
LABEL_SIZE = 14
TITLE_SIZE = 16
COLUMNS = 10
#: the charts' width in columns (at the narrowest column unit: LibreOffice's), and a spare column
COLUMN_UNITS = CHART_CM * PT_PER_CM / (UNIT_EM * FONT_SIZE) / COLUMNS


@dataclass
class Bars:
    """One chart: its title and the cells of a table that hold its labels and values."""
    title: str
    sheet: SheetWriter
    label_col: int
    value_col: int
    rows: list[int]            # indexes of the table's data rows (SheetWriter.add)
    value_title: str
    percent: bool = False


def _chars(size: float, bold: bool = False) -> Any:
    from openpyxl.drawing.text import CharacterProperties, Font

    face = Font(typeface=FONT_NAME)
    return CharacterProperties(latin=face, cs=face, ea=face, sz=int(size * 100), b=bold)


def _text_props(size: float) -> Any:
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import Paragraph, ParagraphProperties

    props = _chars(size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _title(text: str, size: float) -> Any:
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import Paragraph, ParagraphProperties, RegularTextRun

    props = _chars(size, bold=True)
    paras = [Paragraph(pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=line)])
             for line in text.split("\n")]
    return Title(tx=Text(rich=RichText(p=paras)), overlay=False)


def _chart(doc: Document, bars: Bars) -> Any:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList

    ws = bars.sheet.ws
    first, last = bars.sheet.sheet_row(bars.rows[0]), bars.sheet.sheet_row(bars.rows[-1])
    chart = BarChart()
    chart.type = "bar"
    chart.title = _title(doc.text(bars.title), TITLE_SIZE)
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # bars in the table's order, top down
    chart.add_data(Reference(ws, min_col=bars.value_col, min_row=first, max_row=last), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=bars.label_col, min_row=first, max_row=last))
    kind = "pct" if bars.percent else "int"
    chart.y_axis.title = _title(doc.text(bars.value_title), LABEL_SIZE)
    chart.y_axis.number_format = number_format(kind, doc.thai_digits).replace(".00", "")
    chart.y_axis.scaling.min = 0
    for axis in (chart.x_axis, chart.y_axis):
        axis.txPr = _text_props(LABEL_SIZE)
        axis.delete = False
    labels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False,
                           showPercent=False)
    labels.numFmt = number_format(kind, doc.thai_digits)
    labels.txPr = _text_props(LABEL_SIZE)
    chart.dataLabels = labels
    chart.gapWidth = 60
    chart.width = CHART_CM
    chart.height = FRAME_CM + BAR_CM * len(bars.rows)
    return chart


def chart_sheet(wb: Any, doc: Document, sheet_title: str, heading: Sequence[str], charts: list[Bars]) -> None:
    """A sheet of ``charts``, one under the other, a page break wherever the next one would not
    fit whole; landscape A4, every page with the document's header and footer."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    charts = [c for c in charts if c.rows]
    if not charts:
        return
    s = SheetWriter(wb, doc, sheet_title, [Column("")] * (COLUMNS + 1))
    s.title(*heading)
    s.finish(widths=[COLUMN_UNITS] * (COLUMNS + 1), orientation="landscape")
    ws = s.ws
    row_pt = LINE_PT + ROW_PAD_PT
    row = len(s.rows) + 1
    used = sum(ws.row_dimensions[r].height or row_pt for r in range(1, row))
    for n, bars in enumerate(charts):
        chart = _chart(doc, bars)
        if n and used + chart.height * PT_PER_CM > PAGE_PT:  # the next chart starts a page of its own
            ws.row_breaks.append(Break(id=row - 1))
            used = 0.0
        chart.height = min(chart.height, (PAGE_PT - used) / PT_PER_CM)  # never taller than what is left
        tall = chart.height * PT_PER_CM
        ws.add_chart(chart, f"A{row}")
        rows = math.ceil(tall / row_pt) + 1
        for r in range(row, row + rows):
            ws.row_dimensions[r].height = row_pt
        row += rows
        used += rows * row_pt
    ws.print_area = f"A1:{get_column_letter(COLUMNS + 1)}{row}"
