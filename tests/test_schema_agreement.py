"""One truth for a valid record: ``nitet check`` and the shipped JSON Schemas agree.

Every file of ``tests/schema-corpus/`` says on its first line what it is:

* ``valid`` — no finding, and the schema passes it;
* ``loose`` — a form nitet accepts for convenience (an unquoted code, a number in quotes or in
  Thai digits, ``yes``/``no``, a date in Thai digits): only ``loose-value`` / ``unknown-value``
  warnings, the schema passes it (the editor does not mark it red), and ``nitet fmt`` writes the
  standard form, after which ``check`` is silent;
* ``invalid`` — an error from ``check`` and from the schema;
* ``check-only`` — an error only ``check`` can see (two values compared), the schema passes it.

The schema side reads each file as an editor does (:mod:`yaml12`, YAML 1.2) and validates it
with a draft-07 validator (``jsonschema``). A property test then changes one value of valid
records at random and requires: whenever the schema flags a file, ``check`` does too.
"""

from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

import yaml12
from conftest import make_runner
from nitet.core.findings import ERROR
from nitet.model import KINDS, RECORD_KINDS, Config
from nitet.model.jsonschema import render_all
from nitet.storage.validate import validate_file

CORPUS = Path(__file__).parent / "schema-corpus"
FILES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.yaml"))
EXPECT = re.compile(r"^# expect: (valid|loose|invalid|check-only) — (.+)$")
LOOSE_CHECKS = {"loose-value", "unknown-value"}


@cache
def validators() -> dict[str, Draft7Validator]:
    out = {}
    for name, text in render_all().items():
        schema = json.loads(text)
        Draft7Validator.check_schema(schema)
        out[name.removesuffix(".schema.json")] = Draft7Validator(schema)
    return out


def kind_of(rel: str) -> str:
    parts = rel.split("/")
    if parts[0] == "workflows":
        return "workflow"
    if parts[0] == "nitet.yaml":
        return "config"
    return RECORD_KINDS[parts[1]].KIND


def schema_errors(kind: str, text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validators()[kind].iter_errors(yaml12.load(text))]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[dict[str, Any]]]]:
    """The corpus laid over a fresh workspace, ``nitet check --json`` run once: findings by file."""
    from nitet.domain.initialize import create_workspace

    root = tmp_path_factory.mktemp("corpus") / "ws"
    create_workspace(root, office="สพป.ตาก เขต ๒", supervisor="นางสาวทดสอบ ระบบ")
    for rel in FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / rel, root / rel)
    r = make_runner(root)("check", "--json")
    by_file: dict[str, list[dict[str, Any]]] = {}
    for f in r.json()["findings"]:  # type: ignore[index]
        by_file.setdefault(f["file"], []).append(f)
    return root, by_file


def test_the_corpus_covers_every_kind_and_every_expectation() -> None:
    kinds = {kind_of(rel) for rel in FILES}
    assert kinds == set(KINDS)
    expectations = {EXPECT.match((CORPUS / rel).read_text(encoding="utf-8").split("\n", 1)[0]).group(1)  # type: ignore[union-attr]
                    for rel in FILES}
    assert expectations == {"valid", "loose", "invalid", "check-only"}


@pytest.mark.parametrize("rel", FILES)
def test_check_and_the_schema_agree_on_every_file(rel: str, checked: tuple[Path, dict[str, list[dict[str, Any]]]]) -> None:
    text = (CORPUS / rel).read_text(encoding="utf-8")
    m = EXPECT.match(text.split("\n", 1)[0])
    assert m, f"{rel}: the first line must say '# expect: valid|loose|invalid|check-only — why'"
    expected = m.group(1)
    findings = checked[1].get(rel, [])
    errors = [f"{f['line']}:{f['column']} {f['check']}" for f in findings if f["severity"] == ERROR]
    warnings = {f["check"] for f in findings if f["severity"] != ERROR}
    flagged = schema_errors(kind_of(rel), text)
    if expected == "valid":
        assert (errors, warnings, flagged) == ([], set(), [])
    elif expected == "loose":
        assert errors == [] and flagged == [], (errors, flagged)
        assert warnings and warnings <= LOOSE_CHECKS, warnings
    elif expected == "invalid":
        assert errors, "nitet check found nothing wrong"
        assert flagged, "the schema found nothing wrong"
    else:
        assert errors and flagged == [], (errors, flagged)


def test_fmt_writes_the_standard_form_of_every_loose_file(checked: tuple[Path, dict[str, list[dict[str, Any]]]]) -> None:
    root, _ = checked
    loose = [rel for rel in FILES if "# expect: loose" in (CORPUS / rel).read_text(encoding="utf-8")]
    run = make_runner(root)
    assert run("fmt", *loose).exit_code == 0
    r = run("check", "--json")
    left = {(f["file"], f["check"]) for f in r.json()["findings"] if f["file"] in loose}  # type: ignore[index]
    assert left == {("records/visits/2569/unknown-method.yaml", "unknown-value")}  # kept as written
    for rel in loose:  # the standard form is still what the schema accepts
        assert schema_errors(kind_of(rel), (root / rel).read_text(encoding="utf-8")) == [], rel
    assert run("fmt", "--check", *loose).exit_code == 0


@pytest.mark.parametrize(("settings_text", "expected"), [
    ("autocommit: false\nreport:\n  krs_due_days: 15\n", "valid"),
    ("autocommit: yes\nreport:\n  krs_due_days: '15'\n", "loose"),
    ("school_key: tis\n", "invalid"),
    ("digits: roman\n", "invalid"),
    ("report:\n  krs_due_days: 120\n", "invalid"),
])
def test_check_and_the_config_schema_agree(ws: Path, settings_text: str, expected: str) -> None:
    text = (ws / "nitet.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(autocommit|report|school_key|digits):.*(\n  .*)*\n", "", text) + settings_text
    (ws / "nitet.yaml").write_text(text, encoding="utf-8")
    r = make_runner(ws)("check", "--json")
    findings = [f for f in r.json()["findings"] if f["file"] == "nitet.yaml"]  # type: ignore[index]
    errors = [f for f in findings if f["severity"] == ERROR]
    flagged = schema_errors("config", text)
    if expected == "valid":
        assert (findings, flagged) == ([], [])
    elif expected == "loose":
        assert errors == [] and flagged == [] and {f["check"] for f in findings} == {"loose-value"}
    else:
        assert errors and flagged


def test_the_repositorys_own_records_pass_their_schemas() -> None:
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("records/*/**/*.yaml"), *root.glob("workflows/*.yaml"), root / "nitet.yaml"]
    assert len(files) > 30
    for path in files:
        rel = path.relative_to(root).as_posix()
        assert schema_errors(kind_of(rel), path.read_text(encoding="utf-8")) == [], rel


# --------------------------------------------------------------------------- any value, anywhere

#: Scalars as they are typed: the loose forms, their neighbours that are wrong, YAML's traps.
SCALARS = [
    "86", "'86'", "๘๖", "'๘๖'", "-5", "'-5'", "1,250", "'1,250'", "12.5", "'12.5'", "0", "4", "'4'", "6",
    "2569", "'2569'", "๒๕๖๙", "2800", "yes", "No", "'true'", "true", "false", "on", "maybe",
    "2025-11-25", "'2025-11-25'", "๒๐๒๕-๑๑-๒๕", "' 2025-11-25'", "2568-10-02", "2025-02-29", "2024-02-29",
    "2025-13-01", "20251125", "1063020130", "'1063020130'", "'๑๐๖๓๐๒๐๑๓๐'", "106302013", "63020130",
    "'63020130'", "010101", "'010101'", "0812345678", "1_000", "0x1F", "0o17", "1e3", ".inf", ".nan",
    "~", "''", "'  '", "[]", "{}", "[1, 2]", "[observation, plc]", "[observ]", "observation",
    "school-based", "active", "manual", "'4.1'", "4.1", "ป.4", "ครู", "[{name: ครู}]", "{a: 1}",
    "a1", "dltv",
]


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a record that holds a value (list items and mapping values included)."""
    out = [at] if at else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*at, i))
    return out


@cache
def _valid_records() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for rel in FILES:
        text = (CORPUS / rel).read_text(encoding="utf-8")
        if text.startswith("# expect: valid"):
            out.append((rel, yaml12.load(text)))
    return out


@st.composite
def changed_record(draw: st.DrawFn) -> tuple[str, str]:
    rel, data = draw(st.sampled_from(_valid_records()))
    data = json.loads(json.dumps(data))
    where = draw(st.sampled_from(_paths(data) + [("note",), ("unknown",)]))
    node = data
    for part in where[:-1]:
        node = node[part]
    if isinstance(node, list) and where[-1] >= len(node):
        return rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    node[where[-1]] = "QQSCALARQQ"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return rel, text.replace("QQSCALARQQ", draw(st.sampled_from(SCALARS)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changed_record())
def test_whatever_the_schema_flags_check_flags_too(case: tuple[str, str]) -> None:
    rel, text = case
    kind = kind_of(rel)
    model = Config if kind == "config" else KINDS[kind]
    path = Path("/nonexistent") / rel
    result = validate_file(path, rel, model, data=text.encode("utf-8"), id_from_name=False)
    check_errors = [f"{f.check} {f.message}" for f in result.findings if f.severity == ERROR]
    flagged = schema_errors(kind, text)
    assert check_errors or not flagged, f"the schema flags what check passes:\n{text}\n{flagged}"


@pytest.mark.parametrize("rel", FILES)
def test_nitets_two_parsers_and_the_editor_read_each_file_alike(rel: str) -> None:
    """The bulk path (libyaml), the round trip (ruamel, what fmt and edits use) and a YAML 1.2
    reader as the editor's read every corpus file as the same values, types included — so check,
    fmt and the schema judge the same thing (``obec: 010101`` is 10101 to all three)."""
    from nitet.storage.yamlfast import parse_fast
    from nitet.storage.yamlrt import load_rt
    from test_fastpath import plain, typed

    text = (CORPUS / rel).read_text(encoding="utf-8")
    fast, rt, editor = parse_fast(text.encode("utf-8")), plain(load_rt(text)), yaml12.load(text)
    assert typed(fast) == typed(rt) == typed(editor), rel
