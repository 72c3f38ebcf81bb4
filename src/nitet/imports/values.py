"""Cell values as schools type them: Thai digits, ``1,234``, codes as numbers, dates in any form.

Every reader returns the Python value of the cell (``str`` from CSV; ``str``, ``int``, ``float``,
``datetime`` or ``bool`` from xlsx). The functions here turn one cell into the value a record
stores, or raise :class:`CellError` whose text (Thai or English) says what is wrong with it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from nitet.core.i18n import t
from nitet.core.thai import BE_OFFSET, DateParseError, parse_date, to_arabic_digits

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_INVISIBLE[0xA0] = " "  # no-break space: an ordinary space
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")


class CellError(ValueError):
    """A cell that cannot become the value a record needs; ``str(e)`` is the reason to show."""


def text(value: Any) -> str | None:
    """Cell → trimmed text without zero-width spaces; ``None`` for an empty cell.

    Inner line breaks stay (Alt+Enter in Excel), ``\\r\\n`` becomes ``\\n``; spaces at the ends of
    each line are trimmed.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        s = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        s = str(int(value))
    elif isinstance(value, datetime):
        s = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    else:
        s = str(value)
    s = s.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    s = "\n".join(line.strip() for line in s.split("\n")).strip()
    return s or None


def one_line(value: Any) -> str | None:
    """Text with every run of whitespace (line breaks included) as one space: names, labels."""
    s = text(value)
    return " ".join(s.split()) if s else None


def number(value: Any, *, integer: bool = True, field: str = "") -> int | float | None:
    """``1,234`` / ``๑,๒๓๔`` / ``1234.0`` / 1234.0 → 1234. Empty → None."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise CellError(t("{f} ต้องเป็นตัวเลข ไม่ใช่ {v}", "{f} must be a number, not {v}", f=field, v=value))
        return None
    if isinstance(value, int | float):
        n: int | float = value
    else:
        s = one_line(value)
        if s is None or s in ("-", "–"):
            return None
        s = to_arabic_digits(s).replace(" ", "")
        if not _NUMBER.match(s):
            raise CellError(t("{f} ต้องเป็นตัวเลข แต่พบ “{v}”", "{f} must be a number, found “{v}”", f=field, v=s))
        n = float(s.replace(",", ""))
    if integer:
        if not float(n).is_integer():
            raise CellError(t("{f} ต้องเป็นจำนวนเต็ม แต่พบ {v}", "{f} must be a whole number, found {v}",
                              f=field, v=value))
        return int(n)
    return n


def code(value: Any) -> str | None:
    """A school code typed as text, as a number, with spaces or Thai digits → digits only.

    ``1063020130.0`` and ``' 1063 020 130 '`` are ``'1063020130'``. A code Excel turned into
    ``1.06302E+09`` has lost digits: that is an error, never a guess.
    """
    from nitet.domain.schools import normalize_code

    if value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(t("รหัส {v} ไม่ใช่ตัวเลขจำนวนเต็ม", "code {v} is not a whole number", v=value))
        value = int(value)
    s = text(value)
    if s is None:
        return None
    s = normalize_code(s)
    if _SCIENTIFIC.match(s):
        raise CellError(t(
            "รหัส “{v}” ถูก Excel แปลงเป็นเลขยกกำลัง ตัวเลขบางหลักหายไป: จัดรูปแบบคอลัมน์เป็น ‘ข้อความ’ แล้วพิมพ์รหัสใหม่",
            "code “{v}” was turned into scientific notation by Excel and lost digits: format the column as Text and retype it",
            v=s))
    return s


def a_date(value: Any, *, field: str = "") -> date | None:
    """Every SPEC date form, an Excel date cell, or an Excel serial number. A year above 2400 is BE."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _be_fixed(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, field)
    s = text(value)
    if s is None:
        return None
    if _SERIAL.match(to_arabic_digits(s)):
        return _serial(float(to_arabic_digits(s)), field)
    try:
        return parse_date(s)
    except DateParseError as e:
        raise CellError(f"{field}: {e.message}" if field else e.message) from None


def _be_fixed(d: date) -> date:
    """An Excel cell where someone typed 25/11/2569 holds the year 2569: that is BE."""
    if d.year > 2400:
        try:
            return d.replace(year=d.year - BE_OFFSET)
        except ValueError:  # 29 Feb of a BE year that is not a CE leap year
            raise CellError(t("ไม่มีวันที่ {d} (พ.ศ. {y})", "{d} does not exist (BE {y})",
                              d=d.strftime("%d/%m"), y=d.year)) from None
    return d


def _serial(n: float, field: str) -> date:
    if not 1 <= n < 2958466:
        raise CellError(t("{f}: {v} ไม่ใช่วันที่", "{f}: {v} is not a date", f=field, v=n))
    return _be_fixed(_EXCEL_EPOCH + timedelta(days=int(n)))


_TRUE = {"1", "true", "yes", "y", "ใช่", "มี", "✓", "✔", "x", "/", "dltv", "เป็น"}
_FALSE = {"0", "false", "no", "n", "ไม่ใช่", "ไม่มี", "ไม่", "-", "ไม่เป็น"}


def boolean(value: Any, *, field: str = "") -> bool | None:
    """ใช่/ไม่ใช่, มี/ไม่มี, ✓, x, 1/0, TRUE/FALSE. Empty → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    s = one_line(value)
    if s is None:
        return None
    key = to_arabic_digits(s).lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(t("{f}: “{v}” ไม่ใช่ ใช่/ไม่ใช่", "{f}: “{v}” is not yes/no", f=field, v=s))


def split_list(value: Any) -> list[str]:
    """A cell listing several items: one per line, or separated by commas or semicolons."""
    s = text(value)
    if not s:
        return []
    parts = re.split(r"[\n,;]+", s)
    return [p.strip() for p in parts if p.strip()]


def grade(value: Any) -> int | None:
    """``ป.1``, ``ป. ๑``, ``ประถมศึกษาปีที่ 1``, ``1`` → 1 (ป.1–ป.6 only)."""
    s = one_line(value)
    if s is None:
        return None
    s = to_arabic_digits(s)
    m = re.fullmatch(r"(?:ป\.?|ประถม(?:ศึกษา)?(?:ปีที่)?|ชั้น(?:ประถมศึกษาปีที่|ป\.?)?|p\.?|grade)?\s*([1-6])(?:\.0)?",
                     s.replace(" ", ""), flags=re.IGNORECASE)
    if not m:
        raise CellError(t("ชั้น “{v}” ไม่ใช่ ป.1–ป.6", "grade “{v}” is not ป.1–ป.6", v=s))
    return int(m.group(1))


def academic_year(value: Any, *, ce_ok: bool = True) -> int | None:
    """``2569`` / ``๒๕๖๙`` (BE). In a sheet a CE year (≤ 2400) is read as CE and turned into BE;
    typed on the command line (``ce_ok=False``) it is refused, as every other ``--fy``/``--academic-year``."""
    n = number(value, field=t("ปีการศึกษา", "academic year"))
    if n is None:
        return None
    y = int(n)
    if 1900 <= y <= 2200 and not ce_ok:
        raise CellError(t("ปีการศึกษาต้องเป็นปี พ.ศ. (ได้ {v} ซึ่งเป็นปี ค.ศ.: ใช้ {be})",
                          "the academic year must be a BE year (got {v}, a CE year: use {be})", v=value, be=y + BE_OFFSET))
    if 1900 <= y <= 2200:
        return y + BE_OFFSET
    if 2443 <= y <= 2743:
        return y
    raise CellError(t("ปีการศึกษา {v} ใช้ไม่ได้ (เช่น 2569)", "academic year {v} is not valid (e.g. 2569)", v=value))


def semester(value: Any) -> int | None:
    s = one_line(value)
    if s is None:
        return None
    m = re.search(r"([12])", to_arabic_digits(s))
    if not m or len(re.findall(r"\d", to_arabic_digits(s))) != 1:
        raise CellError(t("ภาคเรียน “{v}” ต้องเป็น 1 หรือ 2", "semester “{v}” must be 1 or 2", v=s))
    return int(m.group(1))
