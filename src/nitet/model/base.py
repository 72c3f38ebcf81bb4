"""Shared pieces of the record models: the strict base class and the value types of fields
(:mod:`nitet.model.values`: what each accepts, its standard form, its JSON Schema)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict

from nitet.model.values import Code, Day, Flag, Number, Whole

#: A date stored as ISO Gregorian text (``2026-11-25``); shown to people in BE.
IsoDate = Annotated[date, Day()]
#: A school's key: its 10-digit MOE code (or 8-digit SMIS code with ``school_key: smis``), as text.
CodeText = Annotated[str, Code((10, 8))]
#: An 8-digit SMIS code, as text.
SmisCode = Annotated[str, Code((8,))]
#: A 6-digit OBEC (สพฐ.) code, as text.
ObecCode = Annotated[str, Code((6,))]
#: A count of people or things (0 or more).
Count = Annotated[int, Whole(0)]
#: A Buddhist Era year (fiscal or academic): 2500–2700.
BEYear = Annotated[int, Whole(2500, 2700)]
#: A fiscal quarter: 1–4.
Quarter = Annotated[int, Whole(1, 4)]
#: true / false.
Bool = Annotated[bool, Flag()]
#: An amount of money in baht (0 or more).
Money = Annotated[float, Number(0)]


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
    #: What the record is, in Thai (the schema's description, shown by the editor).
    DESCRIPTION_TH: ClassVar[str] = ""
