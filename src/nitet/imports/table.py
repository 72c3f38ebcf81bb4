"""Finding the table in a sheet: the header row under title rows, a merged two-row header,
data rows without blank rows, total rows (รวม) and signature lines.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from dataclasses import field as _field
from typing import Any

from nitet.core.i18n import t
from nitet.imports.columns import Lexicon, Reading
from nitet.imports.csvrows import MAX_CELL
from nitet.imports.readers import Sheet
from nitet.imports.values import one_line

HEADER_SEARCH_ROWS = 30
_TOTAL = re.compile(r"^(?:รวม|ยอดรวม|รวมทั้งหมด|รวมทั้งสิ้น|total|เฉลี่ย|ค่าเฉลี่ย|ร้อยละ|average|sum)"
                    r"(?:ทั้งหมด|ทั้งสิ้น)?(?:$|[\d:]|ป\.|ป\d|ชั้น|จำนวน)", re.IGNORECASE)
_FOOTER = re.compile(r"^\(?\s*(?:ลงชื่อ|ลงนาม|signed)")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the letter a spreadsheet shows above the column."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = string.ascii_uppercase[r] + letters
    return letters


@dataclass
class Column:
    index: int
    label: str  # the header text as the sheet shows it ("การอ่าน / อ่านออกเสียง" when merged)
    match_label: str  # the part that named the field (for files nitet writes back)
    field: str | None
    #: why a column feeds no field: unknown | ambiguous | duplicate | useless | user ("" = empty header)
    ignored_because: str = ""
    reading: Reading = _field(default_factory=lambda: Reading(None, "unknown"))
    lost_to: int | None = None  # the column that won this one's field (a fuller match)
    filled: int = 0  # data rows with a value here (counted for the columns that feed no field)
    sample: Any = None  # the first of those values

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Row:
    number: int  # the sheet's own 1-based row number
    values: list[Any]


@dataclass
class Table:
    sheet: Sheet
    header_rows: list[int]
    titles: list[str]
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)  # total rows, skipped
    #: data rows that cannot be read as they are (a stray quote, cells beyond the header): rejected
    malformed: list[tuple[Row, str]] = field(default_factory=list)
    first_data: int = 0  # index in sheet.rows of the first row under the header
    saved: Any = None  # the saved mapping (savedmaps.SavedMap) the table was read with
    width: int = -1  # the header's columns (columns beyond it hold data right of the header)
    _fields: dict[str, list[int]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.width < 0:
            self.width = len(self.columns)

    def fields(self) -> dict[str, list[int]]:
        """Field → column indexes (computed once: columns do not change after the header is found)."""
        if self._fields is None:
            out: dict[str, list[int]] = {}
            for c in self.columns:
                if c.field and c.field != "ignore":
                    out.setdefault(c.field, []).append(c.index)
            self._fields = out
        return self._fields

    def has(self, name: str) -> bool:
        return name in self.fields()

    def cell(self, row: Row, name: str) -> Any:
        """The first non-empty value of field ``name`` in ``row`` (None when absent)."""
        for i in self.fields().get(name, ()):
            v = row.values[i] if i < len(row.values) else None
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return v
        return None

    def cells(self, row: Row, name: str) -> list[Any]:
        return [row.values[i] if i < len(row.values) else None for i in self.fields().get(name, ())]

    def assign(self, column: Column, name: str, because: str = "user") -> None:
        """Make ``column`` feed field ``name`` (``ignore``: none), as the user said; the data rows
        are found again (a row is data when a used column holds something)."""
        column.field = name
        column.ignored_because = because if name == "ignore" else ""
        column.lost_to = None
        self._fields = None
        self.scan()

    def scan(self) -> None:
        """The data rows under the header: blank rows, total rows (รวม) and signature lines are
        skipped; rows that cannot be read as they are go to :attr:`malformed`. For each column
        that feeds no field, how many rows hold something there (:attr:`Column.filled`)."""
        rows, sheet = self.sheet.rows, self.sheet
        self.rows, self.totals, self.malformed = [], [], []
        width = self.width
        unknown = [c for c in self.columns if c.field is None]
        for c in unknown:
            c.filled, c.sample = 0, None
        # a row with nothing under a column that carries data (only a running number, or only text in
        # ignored columns such as a signature line) is a blank row of a pre-numbered form
        meaningful = [c.index for c in self.columns if c.field and c.field not in ("number", "ignore")]
        extra: dict[int, Column] = {c.index: c for c in self.columns[width:]}
        for i in range(self.first_data, len(rows)):
            values = rows[i]
            texts = [x for x in _labels(values) if x]
            if not texts:
                continue
            reason = sheet.malformed.get(i + 1)
            if reason is None and any(len(x) > MAX_CELL for x in texts):
                reason = t("มีช่องที่ยาวเกิน {n:,} ตัวอักษร (ขีดจำกัดของ Excel)",
                           "a cell is longer than {n:,} characters (Excel's limit)", n=MAX_CELL)
            if reason is None and sheet.positional and len(values) > width and any(
                    one_line(v) for v in values[width:]):
                reason = t("แถวนี้มี {n} ช่อง แต่หัวตารางมี {w} คอลัมน์: ข้อมูลอาจเลื่อนคอลัมน์ (เช่น มีจุลภาคในข้อความที่ไม่ได้อยู่ในเครื่องหมายคำพูด)",
                           "this row has {n} cells but the header has {w} columns: its cells may have shifted (e.g. a comma in a value not in quotes)",
                           n=len(values), w=width)
            if reason is not None:
                self.malformed.append((Row(i + 1, list(values)), reason))
                continue
            lead = [x.replace(" ", "") for x in texts[:3]]
            if any(_TOTAL.match(x) for x in lead):
                self.totals.append(i + 1)
                continue
            if len(texts) == 1 and _FOOTER.match(texts[0]):
                continue
            for c in unknown:
                if c.index < len(values) and one_line(values[c.index]):
                    c.filled += 1
                    if c.sample is None:
                        c.sample = values[c.index]
            if len(values) > width:  # cells right of the header (xlsx): a column without a header
                for j in range(width, len(values)):
                    if j not in extra and one_line(values[j]):
                        c = extra[j] = Column(j, "", "", None, "unknown")
                        unknown.append(c)
                        c.filled, c.sample = 1, values[j]
            if any(j < len(values) and one_line(values[j]) for j in meaningful):
                self.rows.append(Row(i + 1, list(values)))
        if extra:
            self.columns = [*self.columns[:width], *(extra[j] for j in sorted(extra))]

    def unused(self) -> list[Column]:
        """Columns holding data that feeds no field — what an import must not pass over quietly."""
        return [c for c in self.columns if c.field is None and c.filled]


def _labels(row: list[Any]) -> list[str | None]:
    return [one_line(v) for v in row]


def _shown(top: list[str | None], sub: list[str | None] | None) -> list[tuple[str, list[str]]]:
    """Each column's label as shown, and the labels it is looked up by (most specific first)."""
    width = max(len(top), len(sub or []))
    out: list[tuple[str, list[str]]] = []
    parent: str | None = None
    for i in range(width):
        upper = top[i] if i < len(top) else None
        lower = sub[i] if sub is not None and i < len(sub) else None
        if upper is not None:
            parent = upper
        elif lower is None:
            parent = None
        up = upper if upper is not None else (parent if lower is not None else None)
        if lower is not None and up is not None:
            out.append((f"{up} / {lower}", [lower, up + lower]))
        else:
            tries = [x for x in (lower, up) if x is not None]
            out.append((tries[0] if tries else "", tries))
    return out


def header_labels(rows: list[list[Any]], r: int, two: bool) -> list[str]:
    """The column labels if row ``r`` (0-based) — with the row under it when ``two`` — is the header."""
    return [shown for shown, _ in _shown(_labels(rows[r]), _labels(rows[r + 1]) if two else None)]


def _columns(lex: Lexicon, top: list[str | None], sub: list[str | None] | None) -> list[Column]:
    cols: list[Column] = []
    for i, (shown, tries) in enumerate(_shown(top, sub)):
        reading = lex.read(tries) if tries else Reading(None, "unknown")
        f = reading.field
        match = next((x for x in tries if lex.field_of([x]) == f), shown) if f else shown
        cols.append(Column(i, shown, match, f, reading=reading))
    claims: dict[str, Column] = {}
    for c in cols:
        if c.field is None:
            c.ignored_because = ("ambiguous" if c.reading.how == "ambiguous" else "unknown") if c.label else ""
        elif c.field == "ignore":
            c.ignored_because = "useless" if c.reading.how == "useless" else "user"
        elif c.field not in lex.multi:
            first = claims.get(c.field)
            if first is None:
                claims[c.field] = c
                continue
            winner, loser = (c, first) if c.reading.score > first.reading.score else (first, c)
            claims[c.field] = winner
            loser.field, loser.ignored_because, loser.lost_to = None, "duplicate", winner.index
    return cols


def _score(cols: list[Column]) -> int:
    return len({c.field for c in cols if c.field and c.field != "ignore"})


def find_table(sheet: Sheet, lex: Lexicon, guess: bool = False) -> Table | None:
    """The table of ``sheet``, or None when no row looks like a header (2+ known columns).
    With ``guess`` (someone at a terminal will say what the columns are), a sheet without such a
    row is read under its first row of two or more labels."""
    rows = sheet.rows
    best: tuple[int, int, bool, list[Column]] | None = None
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    labels = [_labels(rows[r]) for r in range(min(len(rows), limit + 1))]
    singles = [_columns(lex, x, None) for x in labels]
    for r in range(limit):
        top = labels[r]
        if not any(top):
            continue
        single = singles[r]
        score, two, cols = _score(single), False, single
        if r + 1 < len(labels):
            # a lower header row adds what neither row alone names (not a title row over a header)
            double = _columns(lex, top, labels[r + 1])
            if _score(double) > max(score, _score(singles[r + 1])):
                score, two, cols = _score(double), True, double
        if score >= 2 and (best is None or score > best[0]):
            best = (score, r, two, cols)
    if best is None and guess:
        first = next((r for r in range(limit) if sum(1 for x in labels[r] if x) >= 2), None)
        if first is not None:
            best = (0, first, False, singles[first])
    if best is None:
        return None
    _, r, two, cols = best
    titles = [" ".join(x for x in _labels(row) if x) for row in rows[:r]]
    table = Table(sheet, [r + 1, r + 2] if two else [r + 1], [x for x in titles if x], cols,
                  first_data=r + (2 if two else 1))
    table.scan()
    return table
