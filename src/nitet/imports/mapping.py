"""What every mapper shares: the import context, candidate records and rejected rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from nitet.core.findings import describe_validation_error
from nitet.core.i18n import t
from nitet.imports.columns import LABELS_TH
from nitet.imports.table import Row, Table
from nitet.imports.values import CellError
from nitet.model import Record

if TYPE_CHECKING:
    from nitet.domain.schools import SchoolIndex
    from nitet.storage.loaded import Loaded
    from nitet.storage.workspace import Workspace


@dataclass
class Options:
    """Values given on the command line for what a sheet does not say (screening)."""

    school: str | None = None
    academic_year: int | None = None
    semester: int | None = None
    grade: int | None = None


@dataclass
class Context:
    ws: Workspace
    loaded: Loaded
    schools: SchoolIndex
    options: Options = field(default_factory=Options)
    notes: list[str] = field(default_factory=list)  # one-time remarks for stderr
    memo: dict[str, Any] = field(default_factory=dict)  # indexes built once per import

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


@dataclass
class Origin:
    table: Table
    row: Row

    @property
    def file(self) -> str:
        return self.table.sheet.file.name

    @property
    def sheet(self) -> str:
        return self.table.sheet.name

    def where(self) -> str:
        place = f"{self.file}#{self.sheet}" if self.sheet else self.file
        return t("{p} แถว {r}", "{p} row {r}", p=place, r=self.row.number)


@dataclass
class Candidate:
    """A record an import wants to exist, with the fields the sheet speaks for."""

    model: type[Record]
    path: Path
    data: dict[str, Any]
    owned: set[str]
    origins: list[Origin]
    #: compared to find duplicates inside the import (defaults to ``data``)
    fingerprint: Any = None
    #: fields written with the record but not a reason to call it changed (where it came from)
    quiet: set[str] = field(default_factory=set)
    #: lists of people (``supervisees``) of which the sheet has only some columns: the keys it
    #: speaks for; a person's other keys are kept from the file (matched by name)
    owned_keys: dict[str, set[str]] = field(default_factory=dict)

    def identity(self) -> Any:
        return self.fingerprint if self.fingerprint is not None else self.data


@dataclass
class Reject:
    origin: Origin
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.origin.file, "sheet": self.origin.sheet, "row": self.origin.row.number,
                "reason": self.reason}


_CODE_AND_NAME = re.compile(r"^(\d{6,10})\s+\S")  # "1063020130 โรงเรียนบ้าน…" (template drop-downs)


class RowError(Exception):
    """A row that cannot be imported; ``str(e)`` is the reason (current language)."""


def get(table: Table, row: Row, name: str, parse: Any = None, **kw: Any) -> Any:
    """The cell of field ``name`` parsed by ``parse``; a bad cell becomes a :class:`RowError`."""
    value = table.cell(row, name)
    if parse is None or value is None:
        return value
    try:
        return parse(value, **kw)
    except CellError as e:
        label = LABELS_TH.get(name, name)
        msg = str(e)
        raise RowError(msg if msg.startswith(label) else f"{label}: {msg}") from None


def validate(model: type[Record], data: dict[str, Any]) -> Record:
    """Validate a candidate; the first problem becomes a :class:`RowError` in plain words."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        _check, msg, _hint, loc, _ = describe_validation_error(dict(err))
        where = LABELS_TH.get(str(loc[0]), str(loc[0])) if loc else ""
        raise RowError(f"{where}: {msg}" if where and where not in msg else msg) from None


def resolve_school(ctx: Context, codes: list[Any], names: list[Any]) -> str:
    """The key of the school a row names by code (any kind, in any of its code columns) or exact
    name. Columns that name different registered schools are a contradiction, not a choice."""
    from nitet.imports import values

    shown = None
    found: dict[str, str] = {}  # key → the text that named it first
    for v, is_code in [*((c, True) for c in codes), *((n, False) for n in names)]:
        if v is None:
            continue
        try:
            text = values.code(v) if is_code else values.one_line(v)
        except CellError as e:
            raise RowError(str(e)) from None
        if not text:
            continue
        shown = shown or text
        m = _CODE_AND_NAME.match(text)
        key = ctx.schools.find(m.group(1)) if m else ctx.schools.find(text)
        if key is not None:
            found.setdefault(key, text)
    if len(found) > 1:
        (a, ta), (b, tb) = list(found.items())[:2]
        raise RowError(t("แถวนี้ระบุโรงเรียนไม่ตรงกัน: “{ta}” คือ {a} แต่ “{tb}” คือ {b}",
                         "the row names two schools: “{ta}” is {a} but “{tb}” is {b}",
                         ta=ta, a=ctx.schools.label(a), tb=tb, b=ctx.schools.label(b)))
    if found:
        return next(iter(found))
    if shown is None:
        raise RowError(t("ไม่ได้ระบุโรงเรียน", "no school given"))
    near = ctx.schools.suggest(shown)
    hint = t(" หรือหมายถึง {s}", " — did you mean {s}", s=", ".join(ctx.schools.label(k) for k in near)) if near else \
        t(" (เพิ่มโรงเรียนก่อนด้วย nitet import schools หรือ nitet school add)",
          " (add it first with nitet import schools or nitet school add)")
    raise RowError(t("ไม่พบโรงเรียน “{s}” ในทะเบียน", "school “{s}” is not registered", s=shown) + hint)
