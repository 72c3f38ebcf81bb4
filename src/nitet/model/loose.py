"""Values written in a loose form, and values outside a suggested list, in one record.

:func:`loose_values` walks a record as read from its file along the model's fields and finds
each value whose value type (:mod:`nitet.model.values`) accepts it but would write it another
way — ``students: '86'``, ``dltv: yes``, ``school: 1063020130`` — and each value of an open
list nitet does not know (``methods: [observ]``). ``nitet check`` turns them into warnings;
``nitet fmt`` writes the standard form of the first kind. Pure: no I/O.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from nitet.model.values import Code, Suggest, Value


@dataclass(slots=True)
class LooseValue:
    """A value at ``loc`` as written (``value``) and its ``standard`` form; for a value outside a
    suggested list, ``standard`` is None and ``known`` lists the values nitet knows."""

    loc: tuple[Any, ...]
    value: Any
    standard: Any
    why: tuple[str, str] = ("", "")
    known: tuple[str, ...] = ()


# A spec: ("value", Value) | ("suggest", Suggest) | ("list", spec) | ("dict", spec)
#       | ("model", {field: spec}) — only the parts of a model that hold a value type.
Spec = tuple[str, Any]


def _spec(tp: Any, metadata: tuple[Any, ...] = ()) -> Spec | None:
    for m in metadata:
        if isinstance(m, Value):
            return ("value", m)
        if isinstance(m, Suggest) and m.warn:
            return ("suggest", m)
    origin = get_origin(tp)
    if origin is Annotated:
        base, *meta = get_args(tp)
        return _spec(base, tuple(meta))
    if origin in (Union, types.UnionType):
        specs = [s for a in get_args(tp) if a is not type(None) and (s := _spec(a))]
        return specs[0] if len(specs) == 1 else None  # `Evidence | str`: the model's values
    if origin is list:
        (item,) = get_args(tp)
        inner = _spec(item)
        return ("list", inner) if inner else None
    if origin is dict:
        _key, item = get_args(tp)
        inner = _spec(item)
        return ("dict", inner) if inner else None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        fields = model_spec(tp)
        return ("model", fields) if fields else None
    return None


_SPECS: dict[type[BaseModel], dict[str, Spec]] = {}


def model_spec(model: type[BaseModel]) -> dict[str, Spec]:
    """The fields of ``model`` that hold a value type, at any depth (built once per model; a
    model inside itself, like a workflow step's sub-steps, shares the one mapping)."""
    if model in _SPECS:
        return _SPECS[model]
    out: dict[str, Spec] = {}
    _SPECS[model] = out
    for name, info in model.model_fields.items():
        spec = _spec(info.annotation, tuple(info.metadata))
        if spec:
            out[name] = spec
    return out


_WARNS: dict[int, bool] = {}


def _always_walk(spec: Spec) -> bool:
    """:func:`_warns`, remembered per spec (specs live as long as the models)."""
    key = id(spec)
    if key not in _WARNS:
        _WARNS[key] = _warns(spec)
    return _WARNS[key]


def _warns(spec: Spec, seen: set[int] | None = None) -> bool:
    """Whether a suggested list with warnings sits inside: such values are always looked at."""
    kind, inner = spec
    if kind == "suggest":
        return True
    if kind in ("list", "dict"):
        return _warns(inner, seen)
    if kind == "model":
        seen = set() if seen is None else seen
        if id(inner) in seen:
            return False
        seen.add(id(inner))
        return any(_warns(s, seen) for s in inner.values())
    return False


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        width = getattr(v, "_width", None)  # ruamel keeps 007 as 7 with width 3: not standard
        return "int" if type(v).__name__ in ("int", "ScalarInt") and (not width or width <= len(str(int(v)))) \
            else "int-written-otherwise"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    return type(v).__name__


def _same(a: Any, b: Any) -> bool:
    return _kind(a) == _kind(b) and a == b


_MISSING = object()


def loose_values(model: type[BaseModel], raw: Any, validated: Any = None) -> list[LooseValue]:
    """Every loose value and every unknown suggested value of ``raw`` (a record as read).

    ``validated`` (the record's validated JSON data, when it is valid) lets the walk skip the
    fields read exactly as written; invalid values are skipped (errors report them).
    """
    out: list[LooseValue] = []
    _walk_model(model_spec(model), raw, validated, (), out)
    return out


def _walk_model(fields: dict[str, Spec], raw: Any, done: Any, loc: tuple[Any, ...], out: list[LooseValue]) -> None:
    if not isinstance(raw, dict):
        return
    refs = done if isinstance(done, dict) else None
    for key, sub in fields.items():  # the few fields that hold a value type, not every key written
        value = raw.get(key)
        if value is None:
            continue
        ref = refs.get(key, _MISSING) if refs is not None else _MISSING
        if ref is not _MISSING and type(ref) is type(value) and ref == value and not _always_walk(sub):
            continue  # read exactly as written
        _walk(sub, value, None if ref is _MISSING else ref, (*loc, key), out)


def _walk(spec: Spec, raw: Any, done: Any, loc: tuple[Any, ...], out: list[LooseValue]) -> None:
    kind, inner = spec
    if kind == "model":
        _walk_model(inner, raw, done, loc, out)
    elif kind == "list":
        if isinstance(raw, list):
            refs = done if isinstance(done, list) and len(done) == len(raw) else [None] * len(raw)
            for i, (value, ref) in enumerate(zip(raw, refs, strict=True)):
                _walk(inner, value, ref, (*loc, i), out)
    elif kind == "dict":
        if isinstance(raw, dict):
            for key, value in raw.items():
                ref = done.get(str(key)) if isinstance(done, dict) else None
                _walk(inner, value, ref, (*loc, key), out)
    elif kind == "suggest":
        if isinstance(raw, str) and raw not in inner.known:
            out.append(LooseValue(loc, raw, None, known=tuple(k for k, _ in inner.pairs)))
    elif kind == "value":
        if raw is None:
            return
        written = raw
        width = getattr(raw, "_width", None)
        if isinstance(inner, Code) and isinstance(raw, int) and width:
            written = str(int(raw)).zfill(width)  # ruamel kept the leading zeros: 010101
        try:
            standard = inner.standard(written)
        except Exception:  # noqa: BLE001 - an invalid value: the validation error reports it
            return
        if not _same(standard, raw):
            out.append(LooseValue(loc, raw, standard, inner.WHY))
