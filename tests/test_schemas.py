"""What the shipped schemas give an editor: Thai words on every key, the Thai rules, snippets.

These rules hold for every field of every model, the ones added later too: a new field without a
Thai title and description, or a number/true-false/date field that does not use nitet's value
types (:mod:`nitet.model.values`), fails here with the field's name.
"""

from __future__ import annotations

import json
import re
import types
from datetime import date
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from jsonschema import Draft7Validator
from pydantic import BaseModel

import yaml12
from nitet.model import KINDS, Config
from nitet.model.jsonschema import render_all
from nitet.model.values import Value
from nitet.storage.validate import validate_file

THAI = re.compile(r"[\u0e00-\u0e7f]")
SCHEMAS = {name.removesuffix(".schema.json"): json.loads(text) for name, text in render_all().items()}


def _keys(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every key (property) of a schema, its definitions' too, as (path, property schema)."""
    out = []

    def walk(node: Any, at: str) -> None:
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                out.append((f"{at}.{name}", prop))
            for k, v in node.items():
                if k != "properties":
                    walk(v, f"{at}/{k}" if k == "definitions" else at)
                else:
                    for name, prop in v.items():
                        walk(prop, f"{at}.{name}")
        elif isinstance(node, list):
            for v in node:
                walk(v, at)

    walk(schema, "")
    return out


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_key_has_a_thai_title_and_a_thai_description(kind: str) -> None:
    schema = SCHEMAS[kind]
    assert THAI.search(schema["title"]) and THAI.search(schema.get("description", "")), kind
    missing = [path for path, prop in _keys(schema)
               if not THAI.search(prop.get("title", "")) or not THAI.search(prop.get("description", ""))]
    assert not missing, f"{kind}: give these fields Field(title='ไทย', description='ไทย'): {missing}"
    for name, d in schema.get("definitions", {}).items():
        assert THAI.search(d.get("title", "")), f"{kind}: {name} needs a Thai title (model_config = ConfigDict(title=...))"


def test_the_config_schema_is_titled_in_thai() -> None:
    assert SCHEMAS["config"]["title"] == "การตั้งค่าพื้นที่ทำงาน nitet (nitet.yaml)"


def _leaf_types(tp: Any, meta: tuple[Any, ...] = ()) -> list[tuple[Any, tuple[Any, ...]]]:
    origin = get_origin(tp)
    if origin is Annotated:
        base, *more = get_args(tp)
        return _leaf_types(base, meta + tuple(more))
    if origin in (Union, types.UnionType):
        return [x for a in get_args(tp) for x in _leaf_types(a, meta)]
    if origin is list:
        return _leaf_types(get_args(tp)[0])
    if origin is dict:
        return _leaf_types(get_args(tp)[1])  # keys are text in JSON: not a value of the record
    return [(tp, meta)]


def _models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def add(m: type[BaseModel]) -> None:
        if m in seen:
            return
        seen.append(m)
        for info in m.model_fields.values():
            for tp, _meta in _leaf_types(info.annotation, tuple(info.metadata)):
                if isinstance(tp, type) and issubclass(tp, BaseModel):
                    add(tp)

    for m in (*KINDS.values(), Config):
        add(m)
    return seen


def test_every_number_true_false_and_date_field_uses_nitets_value_types() -> None:
    """A bare ``int`` would take ``'86'`` silently and its schema would refuse it: check and the
    editor would disagree. Use Count, BEYear, Quarter, Bool, Money, IsoDate, CodeText (model.base)
    or Whole/Number/Flag/Day/Code (model.values)."""
    bare = []
    for m in _models():
        for name, info in m.model_fields.items():
            for tp, meta in _leaf_types(info.annotation, tuple(info.metadata)):
                if tp in (int, float, bool, date) and not any(isinstance(x, Value) for x in meta):
                    bare.append(f"{m.__name__}.{name}: {tp.__name__}")
    assert not bare, bare


def _all(node: Any, key: str) -> list[Any]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                out.append(v)
            out += _all(v, key)
    elif isinstance(node, list):
        for v in node:
            out += _all(v, key)
    return out


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_no_null_placeholders_and_every_list_value_is_described_in_thai(kind: str) -> None:
    schema = SCHEMAS[kind]
    assert None not in _all(schema, "default"), "a default: null makes editors insert ${1:null}"
    assert "null" not in json.dumps(_all(schema, "defaultSnippets"))
    Draft7Validator.check_schema(schema)
    for holder in [n for n in _iter_dicts(schema) if "enum" in n]:
        descriptions = holder.get("enumDescriptions", [])
        assert len(descriptions) == len(holder["enum"]) and all(THAI.search(d) for d in descriptions), holder


def _iter_dicts(node: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(node, dict):
        out.append(node)
        for v in node.values():
            out += _iter_dicts(v)
    elif isinstance(node, list):
        for v in node:
            out += _iter_dicts(v)
    return out


def _expand(body: Any) -> str:
    """A snippet body as the editor inserts it (placeholders filled with their defaults, or x)."""
    def text(v: Any) -> str:
        s = str(v)[1:] if str(v).startswith("^") else json.dumps(v, ensure_ascii=False)
        return re.sub(r"\$\{\d+\}|\$\d+", "x", re.sub(r"\$\{\d+:([^}]*)\}", r"\1", s))

    def block(node: Any, indent: str) -> str:
        lines = []
        for k, v in node.items():
            if isinstance(v, dict):
                lines.append(f"{indent}{k}:\n{block(v, indent + '  ')}")
            elif isinstance(v, list):
                items = []
                for item in v:
                    if isinstance(item, dict):
                        first = block(item, indent + "    ").lstrip()
                        items.append(f"{indent}  - {first}")
                    else:
                        items.append(f"{indent}  - {text(item)}\n")
                lines.append(f"{indent}{k}:\n" + "".join(items))
            else:
                lines.append(f"{indent}{k}: {text(v)}\n")
        return "".join(lines)

    return block(body, "")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_snippet_for_a_new_record_gives_a_record_both_accept(kind: str) -> None:
    (snippet,) = SCHEMAS[kind]["defaultSnippets"]
    assert THAI.search(snippet["label"])
    text = _expand(snippet["body"])
    assert list(Draft7Validator(SCHEMAS[kind]).iter_errors(yaml12.load(text))) == [], text
    result = validate_file(__import__("pathlib").Path("/x.yaml"), "x.yaml", KINDS[kind], data=text.encode(),
                           id_from_name=False)
    assert [f for f in result.findings] == [], text


def _valid(kind: str, text: str) -> bool:
    return not list(Draft7Validator(SCHEMAS[kind]).iter_errors(yaml12.load(text)))


def test_the_editor_sees_the_thai_rules() -> None:
    visit = "school: '1063020130'\ndate: {d}\n"
    assert _valid("visit", visit.format(d="2025-10-02"))
    assert not _valid("visit", visit.format(d="2568-10-02"))  # a BE year
    assert _valid("visit", visit.format(d="๒๐๒๕-๑๐-๐๒"))      # Thai digits: accepted (check warns)
    school = "code: '{c}'\nname: โรงเรียน\n{extra}\n"
    assert not _valid("school", school.format(c="106302013", extra=""))     # 9 digits
    assert not _valid("school", school.format(c="1063020130", extra="smis: '6302013'"))  # 7-digit SMIS
    assert not _valid("school", school.format(c="1063020130", extra="obec: 010101"))     # 10101 to the editor
    assert _valid("school", school.format(c="1063020130", extra="obec: '010101'"))
    methods = SCHEMAS["visit"]["properties"]["methods"]["items"]["anyOf"][0]
    assert "observation" in methods["enum"] and "สังเกตการสอน" in methods["enumDescriptions"]
    assert _valid("visit", visit.format(d="2025-10-02") + "methods: [observ]\n")  # kept, check warns
