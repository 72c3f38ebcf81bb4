"""CSV text → rows, one malformed row at a time rejected, never merged into the next.

The standard library's reader does the work (it is C), strict about quotes, fed one physical line
at a time by :class:`_Feed`, which knows where each record started. What can go wrong and what
happens:

* **A stray quote** (``1063,"บ้านดอย,ตาก`` with no closing quote, or ``"ดี" มาก``): the reader fails
  or the quoted cell runs into the next line. Only cells that Excel itself writes may span lines:
  in a file whose rows end with CRLF (Excel, Google Sheets) a line break inside a cell is a bare
  LF, so a quoted cell that runs past a CRLF is a stray quote; in an LF-only file a record that
  spans lines must have as many cells as the file's other rows, and its inner lines no
  delimiter before their first quote (see :func:`_looks_merged`). Otherwise the first line is
  rejected (its row number, the reason) and reading goes on from the line after it.
* **A huge cell** (over Excel's 32,767 characters): that row is rejected.
* **Too many rows or columns**: the file is refused (:class:`Oversize`) as soon as the limit is
  passed, before the rest is read.

Rows are numbered as a spreadsheet shows the file: one row per record (a cell with line breaks
inside is one row), a rejected line is one row.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from nitet.core.i18n import t
from nitet.domain.export import FORMULA_START

#: Excel's own limit for the text of one cell.
MAX_CELL = 32_767
#: A text cell starting with ``'`` and then what starts a formula was written so (by nitet's
#: exports and rejects files, by people) to keep a spreadsheet from running it: the ``'`` is not
#: part of the value.
FORMULA_GUARDED = tuple("'" + c for c in FORMULA_START)


class Oversize(Exception):
    """More rows or columns than the limit; ``what`` is "rows" or "columns", ``found`` a lower bound."""

    def __init__(self, what: str, found: int, row: int):
        super().__init__(what)
        self.what, self.found, self.row = what, found, row


class _RowEnd(Exception):
    """A quoted cell ran past the end of a row (a CRLF): a stray quote."""


@dataclass
class Parsed:
    rows: list[list[Any]] = field(default_factory=list)  # rows[i] is row i + 1
    malformed: dict[int, str] = field(default_factory=dict)  # row number → reason


class _Feed:
    """Physical lines for ``csv.reader``; refuses to continue a record past a CRLF row end."""

    def __init__(self, lines: list[str], crlf: bool):
        self.lines, self.n, self.crlf = lines, len(lines), crlf
        self.i = 0
        self.start = 0  # the line the record being read started on

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        i = self.i
        if i >= self.n:
            raise StopIteration
        if i > self.start and self.crlf and self.lines[i - 1].endswith("\r\n"):
            raise _RowEnd
        self.i = i + 1
        return self.lines[i]


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    out = [ln + "\n" for ln in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def _usual_width(lines: list[str], delimiter: str) -> int | None:
    """The number of cells most quote-free rows have (None when no row is free of quotes)."""
    widths = Counter(ln.count(delimiter) + 1 for ln in lines[:2000] if '"' not in ln and ln.strip())
    return widths.most_common(1)[0][0] if widths else None


def _looks_merged(lines: list[str], start: int, end: int, delimiter: str, width: int | None,
                  record: list[str]) -> bool:
    """In an LF-only file, a record over several lines is a stray quote that met another one
    when its cell count differs from the other rows', or when a line inside the quoted cell
    holds a delimiter before any quote (``1063,บ้านห้วย",พบพระ`` is the next row, not text)."""
    if width is not None and len(record) != width:
        return True
    return any(delimiter in lines[j].split('"', 1)[0] for j in range(start + 1, end))


def _cell(value: str) -> str | None:
    if value == "":
        return None
    if value.startswith(FORMULA_GUARDED):
        return value[1:]
    return value


def parse(text: str, delimiter: str, *, max_rows: int, max_columns: int) -> Parsed:
    """Every row of ``text`` (line ends as in the file) with the malformed ones marked."""
    if "\n" not in text:
        text = text.replace("\r", "\n")  # old Mac line ends
    lines = _split_lines(text)
    crlf = text.count("\r\n") * 2 > text.count("\n")
    width = None if crlf else _usual_width(lines, delimiter)
    feed = _Feed(lines, crlf)
    out = Parsed()
    old_limit = csv.field_size_limit(MAX_CELL)
    try:
        reader = _reader(feed, delimiter)
        while feed.i < feed.n:
            feed.start = start = feed.i
            reason: str | None = None
            try:
                record = next(reader)
            except StopIteration:
                break
            except _RowEnd:
                reason = _stray()
            except csv.Error as e:
                reason = _stray() if "field limit" not in str(e) else t(
                    "มีช่องที่ยาวเกิน {n:,} ตัวอักษร (ขีดจำกัดของ Excel) หรือมีเครื่องหมายคำพูด (\") ที่ไม่ได้ปิด",
                    "a cell is longer than {n:,} characters (Excel's limit), or a quote (\") is not closed",
                    n=MAX_CELL)
            else:
                if feed.i - start > 1 and not crlf and _looks_merged(lines, start, feed.i, delimiter, width, record):
                    reason = _stray()
            number = len(out.rows) + 1
            if number > max_rows:
                raise Oversize("rows", number, number)
            if reason is not None:
                out.malformed[number] = reason
                # the line as it is, cut where the delimiters are (for the rejects file)
                record = [c[:MAX_CELL] for c in lines[start].rstrip("\r\n").split(delimiter)]
                feed.i = start + 1
                reader = _reader(feed, delimiter)
            if len(record) > max_columns:
                raise Oversize("columns", len(record), number)
            if any(c.startswith(FORMULA_GUARDED) for c in record if c[:1] == "'"):
                out.rows.append([_cell(c) for c in record])
            else:
                out.rows.append([c or None for c in record])
    finally:
        csv.field_size_limit(old_limit)
    return out


def _reader(feed: _Feed, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(feed, delimiter=delimiter, strict=True)


def _stray() -> str:
    return t("อ่านแถวนี้ไม่ได้: มีเครื่องหมายคำพูด (\") ที่ไม่ได้ปิดหรือไม่ได้คู่กัน จึงไม่ได้รวมกับแถวถัดไป",
             "this row cannot be read: a quote (\") is not closed or not paired, so it was not merged with the next row")
