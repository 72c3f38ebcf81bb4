"""Regular expressions for the JSON Schemas of record values, written once with ASCII digits.

:func:`thai_digits_too` widens a pattern to Thai digits (๐–๙), which nitet reads in every
number; :func:`range_pattern` matches the whole numbers of a range (a year 2500–2700, a quarter
1–4) as text; :data:`DATE_PATTERN` matches a real ISO date in a Gregorian year up to 2400 (a
larger year is a Buddhist Era year typed as CE), leap years included. They use only what both
Python's ``re`` and ECMAScript (ajv, VS Code) read the same way: classes, groups, ``|``, ``{n}``.
"""

from __future__ import annotations

from nitet.core.thai import THAI_DIGITS

#: an id or key a person types (a plan, an activity, an indicator, a project): an ASCII letter or
#: digit, then letters, digits, ``.``, ``_`` or ``-``
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def thai_digits_too(rx: str) -> str:
    """``rx`` with every ASCII digit it matches also matching its Thai digit (๐–๙).

    ``0`` → ``[0๐]``; inside a class ``[1-9]`` → ``[1-9๑-๙]``; quantifiers ``{3}`` are kept.
    """
    out: list[str] = []
    i, n = 0, len(rx)
    while i < n:
        c = rx[i]
        if c == "\\":
            out.append(rx[i:i + 2])
            i += 2
        elif c == "{":
            j = rx.index("}", i)
            out.append(rx[i:j + 1])
            i = j + 1
        elif c == "[":
            j = rx.index("]", i + 1)
            body = rx[i + 1:j]
            extra = []
            k = 0
            while k < len(body):
                if k + 2 < len(body) and body[k + 1] == "-" and body[k].isdigit() and body[k + 2].isdigit():
                    extra.append(f"{THAI_DIGITS[int(body[k])]}-{THAI_DIGITS[int(body[k + 2])]}")
                    k += 3
                else:
                    if body[k].isdigit():
                        extra.append(THAI_DIGITS[int(body[k])])
                    k += 1
            out.append(f"[{body}{''.join(extra)}]")
            i = j + 1
        elif c.isdigit():
            out.append(f"[{c}{THAI_DIGITS[int(c)]}]")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _alt(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _cls(a: str, b: str) -> str:
    return a if a == b else f"[{a}-{b}]"


def any_digits(n: int) -> str:
    return "" if n == 0 else "[0-9]" if n == 1 else f"[0-9]{{{n}}}"


def _same_length(a: str, b: str) -> list[str]:
    """Alternatives matching every digit string from ``a`` to ``b`` (same length, ``a <= b``)."""
    n = len(a)
    if a == b:
        return [a]
    if n == 1:
        return [_cls(a, b)]
    if a[0] == b[0]:
        return [a[0] + _alt(_same_length(a[1:], b[1:]))]
    out: list[str] = []
    first, last = a[0], b[0]
    if a[1:] != "0" * (n - 1):
        out.append(a[0] + _alt(_same_length(a[1:], "9" * (n - 1))))
        first = chr(ord(a[0]) + 1)
    tail = None
    if b[1:] != "9" * (n - 1):
        tail = b[0] + _alt(_same_length("0" * (n - 1), b[1:]))
        last = chr(ord(b[0]) - 1)
    if first <= last:
        out.append(_cls(first, last) + any_digits(n - 1))
    if tail:
        out.append(tail)
    return out


def range_pattern(lo: int, hi: int) -> str:
    """A regular expression body for the whole numbers ``lo``..``hi`` (leading zeros allowed)."""
    parts: list[str] = []
    for length in range(len(str(lo)), len(str(hi)) + 1):
        a = max(lo, 10 ** (length - 1) if length > 1 else 0)
        b = min(hi, 10 ** length - 1)
        if a <= b:
            parts += _same_length(str(a), str(b))
    return "0*" + _alt(parts)


_MONTH_DAY = ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
              "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
              "|02-(?:0[1-9]|1[0-9]|2[0-8]))")
_LEAP_YEAR = "(?:(?:[01][0-9]|2[0-3])(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|1[26]|2[04])00)"
#: An ISO date that exists, in a Gregorian (CE) year 0001–2400: a year above 2400 is a BE year.
DATE_PATTERN = thai_digits_too(
    "^[ \t]*(?:" + _alt(_same_length("0001", "2400")) + "-" + _MONTH_DAY + "|" + _LEAP_YEAR + "-02-29)[ \t]*$")
#: Last year a stored date may have: a larger year is a Buddhist Era year typed as CE.
MAX_CE_YEAR = 2400
