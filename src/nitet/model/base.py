"""Shared pieces of the record models: strict base class, date and code types."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic_core import PydanticCustomError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _iso_date(value: Any) -> date:
    if isinstance(value, date):
        d = value
    elif isinstance(value, str):
        m = _ISO.match(value.strip())
        if not m:
            raise PydanticCustomError(
                "iso_date", "date must be written YYYY-MM-DD (Gregorian), got {input}",
                {"input": value},
            )
        y, mo, da = (int(x) for x in m.groups())
        if y > 2400:
            raise PydanticCustomError(
                "be_year", "year {year} is a Buddhist Era year; store the Gregorian year {ce}",
                {"year": y, "ce": y - 543},
            )
        try:
            d = date(y, mo, da)
        except ValueError as e:
            raise PydanticCustomError(
                "impossible_date", "{input} is not a real date ({reason})",
                {"input": value, "reason": str(e)},
            ) from None
    else:
        raise PydanticCustomError("iso_date", "date must be written YYYY-MM-DD, got {input}",
                                  {"input": value})
    if d.year > 2400:
        raise PydanticCustomError(
            "be_year", "year {year} is a Buddhist Era year; store the Gregorian year {ce}",
            {"year": d.year, "ce": d.year - 543},
        )
    return d


#: A date stored as ISO Gregorian text (``2026-11-25``); shown to people in BE.
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    Field(json_schema_extra={"type": "string", "format": "date"}),
]


def _code_text(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


#: A school code written with or without quotes (``1063020130`` or ``'1063020130'``).
CodeText = Annotated[str, BeforeValidator(_code_text)]


class NitetModel(BaseModel):
    """Strict: an unknown key is an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, validate_default=False)


class Record(NitetModel):
    """A record kind stored as one YAML file under ``records/<folder>/``."""

    KIND: ClassVar[str] = ""
    FOLDER: ClassVar[str] = ""
    TITLE_TH: ClassVar[str] = ""
    #: The field that holds the id, when the id is not the file name (schools: ``code``).
    ID_FIELD: ClassVar[str] = "id"
    #: Key order for files nitet writes.
    KEY_ORDER: ClassVar[tuple[str, ...]] = ()
