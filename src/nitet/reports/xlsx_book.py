"""The workbook of an official document: the office's font as the Normal style, number and date
formats in the document's digits, page furniture and the signature block's words.

Excel measures column widths in the widest digit of the **Normal style's font** (MS-OI29500
§2.1.598), so TH SarabunPSK 16 is the Normal font (and font 0) of every workbook nitet writes: the
widths nitet computes from TH SarabunPSK's glyphs then hold in Excel and in LibreOffice alike.

Digits follow the workspace's ``digits:`` setting everywhere Excel can: numbers and dates through
the locale prefix of their number format (``[$-D00041E]`` Thai digits, ``[$-D07041E]`` Thai digits
and the Buddhist era, ``[$-107041E]`` Western digits and the Buddhist era). The page number of the
footer is the one exception: Excel's and LibreOffice's header/footer codes ``&P``/``&N`` have no
digit setting, so page numbers print in Western digits whatever ``digits:`` says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from nitet.core import thai
from nitet.reports.document import Signer

FONT_NAME = "TH SarabunPSK"
FONT_SIZE = 16
TITLE_SIZE = 18
FURNITURE_SIZE = 14        # header and footer
THAI_DIGITS = "[$-D00041E]"
DATE_THAI = "[$-D07041E]d mmm yyyy"
DATE_WESTERN = "[$-107041E]d mmm yyyy"
_NUMBER_FORMATS = {"int": "#,##0", "money": "#,##0.00", "pct": "0.00%", "dec": "#,##0.00",
                   "signed": "+#,##0.00;-#,##0.00;0.00"}
PAGE_FOOTER = "หน้า &P จาก &N"
_ANY_DIGIT = re.compile("[0-9๐-๙]")


def number_format(kind: str, thai_digits: bool) -> str:
    """The Excel format of a number or date column: ``int money pct dec signed date``; every
    section of the format carries the Thai-digit prefix when the document writes Thai digits."""
    if kind == "date":
        return DATE_THAI if thai_digits else DATE_WESTERN
    fmt = _NUMBER_FORMATS[kind]
    return ";".join(THAI_DIGITS + s for s in fmt.split(";")) if thai_digits else fmt


def shown(value: Any, kind: str, thai_digits: bool) -> str:
    """A number or date as the spreadsheet shows it with :func:`number_format` (to measure it)."""
    if kind == "date":
        return thai.format_date(value, "short", thai_digits)
    if kind == "pct":
        text = f"{value:,.2f}%"
    elif kind == "int":
        text = f"{value:,.0f}"
    elif kind == "signed":
        text = f"{value:+,.2f}" if value else "0.00"
    else:
        text = f"{value:,.2f}"
    return thai.digits(text, thai_digits)


@dataclass
class Document:
    """What every sheet of one report shares: its name and office (the page header), its digits,
    who signs it."""
    title: str
    office: str
    thai_digits: bool
    signer: Signer | None = None

    def text(self, value: object) -> str:
        """Text in the document's digits."""
        text = str(value)
        return thai.digits(text, self.thai_digits) if _ANY_DIGIT.search(text) else text


def new_workbook() -> Any:
    """An empty workbook whose Normal style (and font 0) is TH SarabunPSK 16 pt."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, NamedStyle
    from openpyxl.styles.named_styles import NamedStyleList
    from openpyxl.utils.indexed_list import IndexedList

    wb = Workbook()
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    wb._fonts = IndexedList([font])
    wb._named_styles = NamedStyleList()
    wb.add_named_style(NamedStyle(name="Normal", font=font, builtinId=0))
    return wb


def furniture(text: str) -> str:
    """User text inside a header or footer: ``&`` starts a code there, ``&&`` prints one."""
    return text.replace("&", "&&")


def multiline_item() -> Any:
    """An empty page header (or footer) whose line breaks are written as line breaks: openpyxl
    writes ``_x000a_``, which Excel reads as a line break but LibreOffice prints as it is."""
    from openpyxl.worksheet.header_footer import HeaderFooterItem

    class Item(HeaderFooterItem):  # type: ignore[misc]
        def __str__(self) -> str:
            return str(super().__str__()).replace("_x000a_", "\n")

    return Item()


def save(wb: Any, path: Path, stamp: datetime | None = None) -> None:
    """Write the workbook atomically (a reader never sees half a file).

    Given ``stamp``, the file is the same bytes each time it is made from the same content: the
    document's created/modified properties and the date of every part inside the zip are ``stamp``,
    not the clock (openpyxl dates them when it saves)."""
    import io

    from nitet.storage.atomic import atomic_write_bytes

    buf = io.BytesIO()
    if stamp is None:
        wb.save(buf)
    else:
        _save_stamped(wb, buf, stamp)
    atomic_write_bytes(path, buf.getvalue())


def _save_stamped(wb: Any, out: Any, stamp: datetime) -> None:
    """openpyxl's ``save_workbook`` with every date ``stamp``: the parts it writes from memory get a
    dated entry, the sheets it streams from a file take the file's time, set to ``stamp``."""
    import os
    import time
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    when = max(stamp.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # a zip dates nothing before 1980
    seconds = time.mktime((*when, 0, 0, -1))

    class Dated(zipfile.ZipFile):
        def writestr(self, name: Any, data: Any, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            if isinstance(name, str):  # as ZipFile.writestr dates it, with ``when`` for the clock
                info = zipfile.ZipInfo(name, date_time=when)
                info.compress_type = self.compression
                info._compresslevel = self.compresslevel  # type: ignore[attr-defined]
                info.external_attr = 0o600 << 16
                name = info
            super().writestr(name, data, *args, **kwargs)

        def write(self, filename: Any, *args: Any, **kwargs: Any) -> None:
            os.utime(filename, (seconds, seconds))
            super().write(filename, *args, **kwargs)

    wb.properties.created = wb.properties.modified = stamp
    ExcelWriter(wb, Dated(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
