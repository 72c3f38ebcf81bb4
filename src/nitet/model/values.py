"""The scalar values of records: what each accepts, its standard form, its JSON Schema.

One rule for every field. nitet reads a few *loose* forms people type by hand — a school code
without quotes, a number in quotes or in Thai digits, ``yes``/``no`` for ``true``/``false``, a
date in Thai digits — as the value they plainly mean; ``nitet check`` warns that the value is not
written in its standard form (``loose-value``) and ``nitet fmt`` writes the standard form. The
JSON Schema of each value accepts exactly the same forms, so an editor does not mark them red;
anything else is an error for both. Codes are text: a code that begins with 0 must be quoted
(``obec: '010101'``), since every YAML 1.2 reader — nitet too — takes ``010101`` for the
number 10101.

Each value type is a marker in ``Annotated[...]`` metadata that pydantic asks for the validator
(``__get_pydantic_core_schema__``) and the JSON Schema (``__get_pydantic_json_schema__``);
:mod:`nitet.model.loose` walks the models by these markers to find loose values. Ranges live in
the markers (``Whole(1, 4)``), not in ``Field(ge=...)``. Patterns are written once with ASCII
digits and widened to Thai digits (:func:`thai_digits_too`); they use only what both Python's
``re`` and ECMAScript (ajv, VS Code) read the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from pydantic_core import PydanticCustomError, core_schema

from nitet.core.thai import to_arabic_digits
from nitet.model.patterns import (
    DATE_PATTERN,
    MAX_CE_YEAR,
    any_digits,
    range_pattern,
    thai_digits_too,
)

_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_NUMBER = re.compile(r"([+-]?)([0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(\.[0-9]+)?")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")

#: What YAML 1.1 readers (and people) write for true and false; nitet reads them, warns, fmt fixes.
TRUE_WORDS = ("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE")
FALSE_WORDS = ("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE")


# --------------------------------------------------------------------------- the markers


class Value:
    """A value type: validates (loose forms included) and says what the standard form is."""

    #: (Thai, English) why the standard form is preferred, for the loose-value hint.
    WHY: ClassVar[tuple[str, str]] = ("", "")

    def validate(self, value: Any) -> Any:
        raise NotImplementedError

    def standard(self, value: Any) -> Any:
        """The standard form of an accepted value (raises what :meth:`validate` raises)."""
        return self.validate(value)

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def loose(self, value: Any, result: Any) -> bool:
        """Whether ``value`` (read as ``result``) is written in a loose form."""
        return not isinstance(value, type(result))

    def _validate(self, value: Any, info: Any) -> Any:
        result = self.validate(value)
        if info.context is not None and self.loose(value, result):
            info.context["loose"] = True  # validate_file then looks for where (nitet.model.loose)
        return result

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return core_schema.with_info_plain_validator_function(self._validate)

    def __get_pydantic_json_schema__(self, core: Any, handler: Any) -> dict[str, Any]:
        return self.schema()


def _not_bool(value: Any, kind: str, expected: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise PydanticCustomError(kind, "Input should be {expected}", {"expected": expected})


def _range(n: Any, lo: float | None, hi: float | None) -> Any:
    if lo is not None and n < lo:
        raise PydanticCustomError("greater_than_equal", "Input should be greater than or equal to {ge}", {"ge": lo})
    if hi is not None and n > hi:
        raise PydanticCustomError("less_than_equal", "Input should be less than or equal to {le}", {"le": hi})
    return n


@dataclass(frozen=True)
class Whole(Value):
    """A whole number ``lo``..``hi``; also written as text (``'86'``, ``'๘๖'``, ``'1,250'``).

    ``labels`` (value → Thai) turn the numbers into a described list for the editor.
    """

    lo: int = 0
    hi: int | None = None
    labels: Mapping[int, str] | None = field(default=None, compare=False)
    WHY: ClassVar[tuple[str, str]] = ("ตัวเลขเขียนเป็นเลขอารบิกโดยไม่มีเครื่องหมายคำพูด",
                                      "numbers are written in Arabic digits, without quotes")

    def _validate(self, value: Any, info: Any) -> Any:
        if type(value) is int and self.lo <= value and (self.hi is None or value <= self.hi):
            return value  # the standard form: nothing more to look at
        return super()._validate(value, info)

    def validate(self, value: Any) -> int:
        _not_bool(value, "int_type", "a whole number")
        if isinstance(value, float):
            if not value.is_integer():
                raise PydanticCustomError("int_from_float", "Input should be a whole number", {})
            value = int(value)
        elif isinstance(value, str):
            text = to_arabic_digits(value)
            if _GROUPED.fullmatch(text) and self.hi is None:
                text = text.replace(",", "")
            if not _DIGITS.fullmatch(text):
                raise PydanticCustomError("int_parsing", "Input should be a whole number", {})
            value = int(text)
        return int(_range(value, self.lo, self.hi))

    def text_pattern(self) -> str:
        if self.hi is None:
            assert self.lo == 0, "an open range starts at 0"
            return thai_digits_too("^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$")
        return thai_digits_too(f"^{range_pattern(self.lo, self.hi)}$")

    def schema(self) -> dict[str, Any]:
        number: dict[str, Any] = {"type": "integer", "minimum": self.lo}
        if self.hi is not None:
            number["maximum"] = self.hi
        if self.labels:
            number = {"enum": list(self.labels), **_described(self.labels)}
        return {"anyOf": [number, {"type": "string", "pattern": self.text_pattern()}]}


@dataclass(frozen=True)
class Number(Value):
    """A number (money, a target, a result) at least ``lo``; also as text (``'40,000'``, ``'๑๒.๕'``)."""

    lo: float | None = 0
    WHY: ClassVar[tuple[str, str]] = ("ตัวเลขเขียนเป็นเลขอารบิกโดยไม่มีเครื่องหมายคำพูดหรือจุลภาค",
                                      "numbers are written in Arabic digits, without quotes or commas")

    def _validate(self, value: Any, info: Any) -> Any:
        if (type(value) is int or type(value) is float) and math.isfinite(value) and \
                (self.lo is None or value >= self.lo):
            return float(value)
        return super()._validate(value, info)

    def validate(self, value: Any) -> float:
        _not_bool(value, "float_type", "a number")
        if isinstance(value, str):
            m = _NUMBER.fullmatch(to_arabic_digits(value))
            if not m or (m.group(1) and self.lo is not None):
                raise PydanticCustomError("float_parsing", "Input should be a number", {})
            value = float(m.group(1) + m.group(2).replace(",", "") + (m.group(3) or ""))
        if not math.isfinite(value):
            raise PydanticCustomError("finite_number", "Input should be a finite number", {})
        return float(_range(value, self.lo, None))

    def standard(self, value: Any) -> Any:
        n = self.validate(value)
        if isinstance(value, int | float):
            return value
        return int(n) if n.is_integer() else n

    def loose(self, value: Any, result: Any) -> bool:
        return isinstance(value, str)

    def schema(self) -> dict[str, Any]:
        sign = "" if self.lo is not None else "[+-]?"
        text = thai_digits_too(f"^{sign}(?:[0-9]+|[0-9]{{1,3}}(?:,[0-9]{{3}})+)(?:\\.[0-9]+)?$")
        number: dict[str, Any] = {"type": "number"}
        if self.lo is not None:
            number["minimum"] = self.lo
        return {"anyOf": [number, {"type": "string", "pattern": text}]}


@dataclass(frozen=True)
class Flag(Value):
    """``true``/``false``; also ``yes``/``no``, ``on``/``off``, ``y``/``n`` (YAML 1.1 habits)."""

    WHY: ClassVar[tuple[str, str]] = ("ค่าจริง/เท็จเขียนว่า true หรือ false (โปรแกรม YAML ปัจจุบันอ่าน yes/no เป็นข้อความ)",
                                      "true/false are written true or false (current YAML readers take yes/no for text)")

    def _validate(self, value: Any, info: Any) -> Any:
        if value is True or value is False:
            return value
        return super()._validate(value, info)

    def validate(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            if value in TRUE_WORDS:
                return True
            if value in FALSE_WORDS:
                return False
        raise PydanticCustomError("bool_parsing", "Input should be a valid boolean", {})

    def schema(self) -> dict[str, Any]:
        words = "|".join(TRUE_WORDS + FALSE_WORDS)
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": f"^(?:{words})$"}]}


@dataclass(frozen=True)
class Code(Value):
    """A code of digits, one of ``lengths`` long: text. Unquoted (a number) or in Thai digits it
    is read and warned about; a number that lost its leading 0 is too short: an error."""

    lengths: tuple[int, ...] = (10, 8)
    WHY: ClassVar[tuple[str, str]] = (
        "รหัสเป็นข้อความ: เขียนเลขอารบิกในเครื่องหมายคำพูด เช่น '1063020130' (ไม่มีเครื่องหมายคำพูด โปรแกรมอื่นอ่านเป็นตัวเลข และตัด 0 ที่ขึ้นต้นทิ้ง)",
        "codes are text: Arabic digits in quotes, e.g. '1063020130' (unquoted, other tools read a number and drop a leading 0)")

    def _validate(self, value: Any, info: Any) -> Any:
        if type(value) is str and value.isascii() and value.isdigit() and len(value) in self.lengths:
            return value
        return super()._validate(value, info)

    def validate(self, value: Any) -> str:
        number = isinstance(value, int) and not isinstance(value, bool)
        if number:
            text = str(value)
        elif isinstance(value, str):
            text = to_arabic_digits(value.strip(" \t"))
        else:
            raise PydanticCustomError("string_type", "Input should be a valid string", {})
        if not (_DIGITS.fullmatch(text) and text.isascii() and len(text) in self.lengths):
            raise PydanticCustomError(
                "code_form", "{value} is not a code of {lengths} digits",
                {"value": text, "lengths": " / ".join(map(str, self.lengths)), "number": number})
        return text

    def loose(self, value: Any, result: Any) -> bool:
        return value != result

    def schema(self) -> dict[str, Any]:
        digits = "|".join(any_digits(n) for n in self.lengths)
        numbers = [{"type": "integer", "minimum": 10 ** (n - 1), "maximum": 10 ** n - 1} for n in self.lengths]
        return {"anyOf": [{"type": "string", "pattern": thai_digits_too(f"^[ \t]*(?:{digits})[ \t]*$"),
                           "patternErrorMessage": _code_message(self.lengths)}, *numbers]}


def _code_message(lengths: tuple[int, ...]) -> str:
    n = " หรือ ".join(to_thai(x) for x in lengths)
    return f"รหัสต้องเป็นตัวเลข {n} หลัก เขียนในเครื่องหมายคำพูด เช่น '{'1063020130'[:lengths[0]]}'"


def to_thai(n: int) -> str:
    from nitet.core.thai import to_thai_digits

    return to_thai_digits(n)


@dataclass(frozen=True)
class Day(Value):
    """A date: ISO Gregorian text ``2026-11-25`` (Thai digits read, warned about). A year above
    2400 is a Buddhist Era year typed by mistake: an error that says the CE year."""

    WHY: ClassVar[tuple[str, str]] = ("วันที่เขียนเป็นปี ค.ศ. ด้วยเลขอารบิก ปี-เดือน-วัน เช่น 2026-11-25",
                                      "dates are written as Gregorian YYYY-MM-DD in Arabic digits, e.g. 2026-11-25")

    def validate(self, value: Any) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            d = value
        elif isinstance(value, str):
            m = _ISO.fullmatch(value if value.isascii() else to_arabic_digits(value))
            if m is None:
                m = _ISO.fullmatch(to_arabic_digits(value.strip(" \t")))
            if not m:
                raise PydanticCustomError(
                    "iso_date", "date must be written YYYY-MM-DD (Gregorian), got {input}", {"input": value})
            y, mo, da = (int(x) for x in m.groups())
            if y > MAX_CE_YEAR:
                raise PydanticCustomError(
                    "be_year", "year {year} is a Buddhist Era year; store the Gregorian year {ce}",
                    {"year": y, "ce": y - 543})
            try:
                d = date(y, mo, da)
            except ValueError as e:
                raise PydanticCustomError(
                    "impossible_date", "{input} is not a real date ({reason})",
                    {"input": value, "reason": str(e)}) from None
        else:
            raise PydanticCustomError("iso_date", "date must be written YYYY-MM-DD, got {input}", {"input": value})
        if d.year > MAX_CE_YEAR:
            raise PydanticCustomError(
                "be_year", "year {year} is a Buddhist Era year; store the Gregorian year {ce}",
                {"year": d.year, "ce": d.year - 543})
        return d

    def standard(self, value: Any) -> Any:
        return self.validate(value).isoformat()

    def loose(self, value: Any, result: Any) -> bool:
        return isinstance(value, str) and value != result.isoformat()

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": DATE_PATTERN,
                "patternErrorMessage": "วันที่ ค.ศ. ที่มีจริง เขียนแบบ ปี-เดือน-วัน เช่น 2026-11-25 "
                                       "(ปีเกิน 2400 คือปี พ.ศ.: ลบ 543)"}

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return core_schema.with_info_plain_validator_function(
            self._validate, serialization=core_schema.plain_serializer_function_ser_schema(
                lambda d: d.isoformat(), return_schema=core_schema.str_schema()))


def _described(values: Mapping[Any, str]) -> dict[str, Any]:
    """yaml-language-server / VS Code descriptions of enum values, in the values' order."""
    return {"enumDescriptions": list(values.values()),
            "markdownEnumDescriptions": [f"`{k}` — {v}" for k, v in values.items()]}


class _Described:
    """Values with Thai descriptions (kept as pairs: metadata in ``Annotated`` must hash)."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.pairs = tuple(values.items())
        self.known = frozenset(values)

    @property
    def values(self) -> dict[str, str]:
        return dict(self.pairs)

    def __hash__(self) -> int:
        return hash((type(self), self.pairs))

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__


class Choice(_Described):
    """A closed list (with ``Literal[...]``): each value with its Thai description in the schema."""

    def __get_pydantic_json_schema__(self, core: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "enum": [k for k, _ in self.pairs], **_described(self.values)}


class Suggest(_Described):
    """An open list: the values nitet knows are offered (with descriptions); any other text is
    kept as typed — with an ``unknown-value`` warning from ``nitet check`` when ``warn``."""

    def __init__(self, values: Mapping[str, str], warn: bool = False) -> None:
        super().__init__(values)
        self.warn = warn

    def _check(self, value: str, info: Any) -> str:
        if value not in self.known and info.context is not None:
            info.context["loose"] = True  # validate_file then looks for where (nitet.model.loose)
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        inner = handler(source)
        return core_schema.with_info_after_validator_function(self._check, inner) if self.warn else inner

    def __get_pydantic_json_schema__(self, core: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "enum": [k for k, _ in self.pairs], **_described(self.values)},
                          {"type": "string"}]}
