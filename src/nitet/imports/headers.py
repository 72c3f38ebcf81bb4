"""The grammar of a header cell: a known name, and around it what forms and office sheets add.

Read left to right, a header may hold:

* a question number in front — ``1.`` ``๒)`` ``ข้อ 3`` ``ข้อที่ 4`` ``2.1`` ``Q5.`` ``(6)``;
* the name itself, or several names for one thing joined by ``/`` ``,`` ``;`` ``และ`` ``หรือ``
  (``ข้อค้นพบ / ผลการนิเทศ``);
* qualifiers: a hint in brackets (``จำนวนนักเรียน (คน)``, ``วันที่ (วว/ดด/ปปปป)``), a digit count
  (``รหัสสถานศึกษา ๑๐ หลัก``), a colon and a note after it (``ชื่อโรงเรียน:``,
  ``ผลการนิเทศ: สรุปสั้น ๆ``).

:func:`parse` splits a header into those pieces; :class:`nitet.imports.columns.Lexicon` looks
each piece up. Thai digits are read as digits throughout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nitet.core.thai import to_arabic_digits

_NOISE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00a0.\-_:/*'\"“”]+")
_NUMBERED = re.compile(r"^\s*(?:\(\d+\)\s*|(?:ข้อ(?:ที่)?\s*|q\s*)?\d+(?:\.\d+)*(?:\s*[.):\-]\s*|\s+))",
                       re.IGNORECASE)
_BRACKETED = re.compile(r"[(\[（{]([^)\]）}]*)[)\]）}]?")
_DIGIT_COUNT = re.compile(r"(\d+)\s*(?:หลัก|digits?)", re.IGNORECASE)
_ALTERNATIVES = re.compile(r"\s*(?:/|\\|,|;|\||และ|หรือ|\band\b|\bor\b)\s*", re.IGNORECASE)


def normalize(label: object) -> str:
    """Lower case without spaces, zero-width spaces and ``. - _ : / * ' "`` (Thai digits as digits)."""
    return _NOISE.sub("", to_arabic_digits(str(label))).lower()


@dataclass
class Header:
    """One header cell taken apart."""

    whole: str  # normalised, as written
    body: str  # normalised, without the question number
    core: str  # normalised, without number, brackets, digit count and note
    parts: list[str] = field(default_factory=list)  # normalised names in the core ("A / B" → a, b)
    qualifiers: list[str] = field(default_factory=list)  # normalised bracket contents and notes
    digits: int | None = None  # "๑๐ หลัก" → 10


def parse(label: str) -> Header:
    text = to_arabic_digits(label).strip()
    whole = normalize(text)
    text = _NUMBERED.sub("", text, count=1)
    body = normalize(text)
    qualifiers = list(_BRACKETED.findall(text))
    text = _BRACKETED.sub(" ", text)
    if ":" in text:
        text, note = text.split(":", 1)
        qualifiers.append(note)
    digits = None
    m = _DIGIT_COUNT.search(text) or next((x for x in map(_DIGIT_COUNT.search, qualifiers) if x), None)
    if m:
        digits = int(m.group(1))
        text = _DIGIT_COUNT.sub(" ", text)
    parts = [normalize(p) for p in _ALTERNATIVES.split(text)]
    return Header(whole, body, normalize(text), [p for p in parts if p],
                  [q for q in (normalize(_DIGIT_COUNT.sub(" ", x)) for x in qualifiers) if q], digits)
