"""Command-line mistakes (a missing option, a word where a number goes) said in the user's language.

typer reports them in English inside a box ("Missing option '--fy'."). A supervisor gets the
same two lines as every other nitet error instead: what is wrong, in Thai, and where to look
next (``nitet report krs -h``). The exceptions carry what we need (the option, its kind, the
suggestions); a message we do not know is shown as it is, never dropped.
"""

from __future__ import annotations

import re
from typing import Any

from nitet.core.i18n import t

#: typer/pydantic value messages → (Thai, English) with the same {placeholders}.
_VALUE_MESSAGES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"Input should be a valid integer"), "ต้องเป็นจำนวนเต็ม", "must be a whole number"),
    (re.compile(r"Input should be a valid number"), "ต้องเป็นตัวเลข", "must be a number"),
    (re.compile(r"Input should be a valid boolean"), "ต้องเป็น true หรือ false", "must be true or false"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), "ต้องไม่น้อยกว่า {n}", "must be at least {n}"),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), "ต้องไม่มากกว่า {n}", "must be at most {n}"),
    (re.compile(r"Input should be greater than (?P<n>\S+)"), "ต้องมากกว่า {n}", "must be greater than {n}"),
    (re.compile(r"Input should be less than (?P<n>\S+)"), "ต้องน้อยกว่า {n}", "must be less than {n}"),
    (re.compile(r"(?P<v>.+) is not one of (?P<c>.+?)\.?$"), "{v} ไม่ใช่ค่าที่ใช้ได้ (ใช้ได้: {c})",
     "{v} is not one of {c}"),
    (re.compile(r"^(?:file|dir|directory|path|File|Directory|Path) (?P<p>.+) does not exist\.$"),
     "ไม่พบ {p}", "{p} does not exist"),
    (re.compile(r"^(?:file|File|path|Path) (?P<p>.+) is a directory\.$"), "{p} เป็นโฟลเดอร์ ต้องเป็นชื่อไฟล์",
     "{p} is a folder: give a file name"),
    (re.compile(r"^(?:dir|directory|Directory|path|Path) (?P<p>.+) is a file\.$"), "{p} เป็นไฟล์ ต้องเป็นโฟลเดอร์",
     "{p} is a file: give a folder"),
)

_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^No such command (?P<c>'.*?')\.(?: Did you mean (?P<m>.+)\?)?$"),
     "ไม่มีคำสั่ง {c}", "no such command {c}"),
    (re.compile(r"^Option (?P<o>'.*?') requires an argument\.$"),
     "ตัวเลือก {o} ต้องมีค่าตามหลัง", "option {o} needs a value after it"),
    (re.compile(r"^Option (?P<o>'.*?') requires (?P<n>\d+) arguments\.$"),
     "ตัวเลือก {o} ต้องมีค่าตามหลัง {n} ค่า", "option {o} needs {n} values after it"),
    (re.compile(r"^Option (?P<o>'.*?') does not take a value\.$"),
     "ตัวเลือก {o} ไม่รับค่า (ใส่แค่ชื่อตัวเลือก)", "option {o} takes no value (give the option alone)"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<a>.*)\)$"),
     "มีคำเกินมาที่ไม่รู้จัก: {a}", "unexpected extra words: {a}"),
    (re.compile(r"^Missing command\.$"), "ยังไม่ได้ระบุคำสั่งย่อย", "a sub-command is missing"),
)


def _translated(patterns: tuple[tuple[re.Pattern[str], str, str], ...], text: str) -> str | None:
    """``text`` in the current language by the first pattern that matches it (None: none does).
    A ``m`` group is a suggestion, said as "did you mean …"."""
    for pattern, th, en in patterns:
        m = pattern.search(text)
        if m:
            groups = m.groupdict()
            maybe = groups.pop("m", None)
            return t(th, en, **groups) + (_did_you_mean(maybe) if maybe else "")
    return None


def _did_you_mean(what: str) -> str:
    return t(" (หรือหมายถึง {m})", " (did you mean {m}?)", m=what)


def _value_message(text: str) -> str:
    if text.startswith("Value error, "):  # our own parsers' messages, already in the user's language
        return text.removeprefix("Value error, ")
    return _translated(_VALUE_MESSAGES, text) or text


def _hint_of(e: Any) -> str:
    """The option or argument an error is about, as typer names it ('--fy' / '-o' / '--output')."""
    hint = getattr(e, "param_hint", None)
    if hint is None and getattr(e, "param", None) is not None:
        hint = e.param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    return str(hint or "")


def describe(e: Any) -> str:
    """One line saying what is wrong with the command line, in the current language."""
    name = type(e).__name__
    if name == "MissingParameter":
        hint = _hint_of(e)
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "option")
        if kind == "argument":
            return t("ยังไม่ได้ระบุ {h} ซึ่งต้องมี", "missing argument {h}", h=hint)
        return t("ยังไม่ได้ระบุตัวเลือก {h} ซึ่งต้องมี", "missing option {h}", h=hint)
    if hasattr(e, "param_hint"):  # BadParameter
        hint = _hint_of(e)
        detail = _value_message(e.message)
        return t("ค่าของ {h} ใช้ไม่ได้: {d}", "invalid value for {h}: {d}", h=hint, d=detail) if hint else detail
    if name == "NoSuchOption":
        text = t("ไม่มีตัวเลือก {o}", "no such option {o}", o=e.option_name)
        return text + (_did_you_mean(", ".join(sorted(e.possibilities))) if e.possibilities else "")
    message = e.format_message() if hasattr(e, "format_message") else str(e)
    return _translated(_PATTERNS, message) or message


def next_step(e: Any) -> str | None:
    """Where to look: the help of the command that was mistyped."""
    ctx = getattr(e, "ctx", None)
    if ctx is None:
        return None
    return t("ดูวิธีใช้ด้วย '{c} -h'", "see '{c} -h'", c=ctx.command_path)
