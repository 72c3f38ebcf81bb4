"""Personal data in free text (PDPA, พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒): a warning, not an error.

Records are shared through git with an office and its CI. A Thai national ID number (๑๓ หลัก,
checksum-valid — written as one run of digits, grouped ``1-2345-67890-12-1`` or with spaces,
in Arabic or Thai digits) or a phone number (``0X-XXX-XXXX``, ``08XXXXXXXX``, ``+66 ...``)
typed into a finding, a note or a supervisee's name is personal data that usually does not
belong there. The warning points at the number itself (file:line:col; at the value when the file
does not hold the number as read, e.g. written with an escape) and shows it masked.

Not flagged: school codes (10 digits starting with 1), SMIS/OBEC codes, dates, ids, money.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded

#: Keys whose values are identifiers or dates, never free text.
NOT_FREE_TEXT = frozenset({"id", "code", "smis", "obec", "school", "date", "case", "step", "workflow",
                           "started", "fiscal_year", "academic_year", "kind", "status", "source"})

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
#: Any run of 9 digits (separators allowed) — a cheap test before the exact patterns.
_MAYBE = re.compile(r"\d(?:[-\s]?\d){8}")
_NATIONAL_ID = re.compile(
    r"(?<![\d+])(?:\d{13}|\d([- ])\d{4}\1\d{5}\1\d{2}\1\d)(?![\d])")
_PHONE = re.compile(r"(?<![\d+])(?:\+66[- ]?|0)\d(?:[- ]?\d){7,8}(?!\d)")


def national_id_valid(digits: str) -> bool:
    """The check digit of a 13-digit Thai national ID number (mod 11)."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _is_phone(raw: str) -> bool:
    digits = re.sub(r"[- ]", "", raw)
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    if len(digits) == 10:
        return digits[1] in "689"  # mobile: 06, 08, 09
    return len(digits) == 9 and digits[1] in "234567"  # landline: 02 Bangkok, 03x–07x provinces


def personal_numbers(text: str) -> list[tuple[str, str]]:
    """(kind, masked number) for each national ID or phone number in ``text``."""
    return [(kind, _mask(written.translate(_THAI_DIGITS))) for kind, written, _ in _found(text)]


def _found(text: str) -> list[tuple[str, str, int]]:
    """(kind, number as written, where it starts in ``text``) for each personal number."""
    s = text.translate(_THAI_DIGITS)  # one character for one: spans in ``s`` are spans in ``text``
    if not _MAYBE.search(s):
        return []
    out: list[tuple[str, str, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _NATIONAL_ID.finditer(s):
        digits = re.sub(r"\D", "", m.group(0))
        if national_id_valid(digits):
            out.append(("id", text[m.start():m.end()], m.start()))
            taken.append(m.span())
    for m in _PHONE.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if _is_phone(m.group(0)):
            out.append(("phone", text[m.start():m.end()], m.start()))
    return out


def _occurrence(text: str, part: str, start: int) -> int:
    """How many times ``part`` appears in ``text`` before ``start`` (overlaps counted)."""
    n, at = 0, text.find(part)
    while 0 <= at < start:
        n, at = n + 1, text.find(part, at + 1)
    return n


def _mask(number: str) -> str:
    """All digits but the last three hidden, separators kept: ``1-2345-67890-12-1`` → ``x-xxxx-xxxxx-x2-1``."""
    prefix = "+66" if number.startswith("+66") else ""
    number = number[len(prefix):]
    seen = 0
    total = sum(c.isdigit() for c in number)
    out = [prefix]
    for c in number:
        if c.isdigit():
            seen += 1
            out.append(c if seen > total - 3 else "x")
        else:
            out.append(c)
    return "".join(out)


def _texts(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in NOT_FREE_TEXT:
                yield from _texts(v, (*loc, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, (*loc, i))


def personal_data(loaded: Loaded) -> list[Problem]:
    """Warn on national ID numbers (checksum-valid) and phone numbers in free text."""
    out: list[Problem] = []
    for entries in loaded.entries.values():
        for e in entries:
            for loc, text in _texts(e.data):
                for kind, written, start in _found(text):
                    p = _problem(e.path, loc, kind, _mask(written.translate(_THAI_DIGITS)))
                    p.text, p.occurrence = written, _occurrence(text, written, start)
                    out.append(p)
    return out


def _problem(path: str, loc: tuple[Any, ...], kind: str, masked: str) -> Problem:
    hint = t("ข้อมูลส่วนบุคคล (PDPA): ลบออกหรือเก็บไว้ในที่ที่ไม่ถูกแชร์ผ่าน git — ระเบียนนี้ไม่จำเป็นต้องมีเลขนี้",
             "personal data (PDPA): remove it or keep it where it is not shared through git — "
             "this record does not need it")
    if kind == "id":
        return Problem(path, loc, "pdpa-national-id",
                       t("พบเลขประจำตัวประชาชน ๑๓ หลักในข้อความ ({n})", "a 13-digit Thai national ID number in text ({n})",
                         n=masked), hint, WARNING)
    return Problem(path, loc, "pdpa-phone",
                   t("พบหมายเลขโทรศัพท์ในข้อความ ({n})", "a phone number in text ({n})", n=masked), hint, WARNING)
