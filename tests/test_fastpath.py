"""The fast read path (libyaml) and the round-trip path (ruamel) give the same values.

``nitet`` reads thousands of records with :func:`yamlio.parse_fast` and edits/locates them with
:func:`yamlio.load_rt`. If the two disagreed, a value could mean one thing in ``check``/reports
and another in ``edit`` (YAML 1.1 ``no`` → False, ``010`` → 8, dates → date objects): both read
YAML 1.2's core schema, as editors do (``010`` → 10, ``no`` → text). The
properties here generate record files — Thai text, numbers, dates, the tricky plain scalars,
block and flow styles, quoted and plain — and require both parsers to agree exactly (types
included), and files that :func:`writer.render` writes to read back as the data given.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nitet.model import Plan, School, Visit
from nitet.storage.workspace import open_workspace
from nitet.storage.writer import ordered, render
from nitet.storage.yamlfast import parse_fast
from nitet.storage.yamlrt import load_rt
from nitet.storage.yamlrules import YamlProblem

# --------------------------------------------------------------------------- helpers


def plain(v: Any) -> Any:
    """ruamel's round-trip containers and scalar subclasses → plain Python values."""
    if isinstance(v, dict):
        return {plain(k): plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, bool) or v is None:
        return v
    for t in (int, float, str):
        if isinstance(v, t):
            return t(v)
    raise AssertionError(f"unexpected value type {type(v)!r}")


def typed(v: Any) -> Any:
    """A comparable form that keeps types apart (True != 1, 1 != 1.0, '1' != 1)."""
    if isinstance(v, dict):
        return ("map", sorted(((typed(k), typed(x)) for k, x in v.items()), key=repr))
    if isinstance(v, list):
        return ("seq", [typed(x) for x in v])
    if isinstance(v, float) and v != v:
        return ("float", "nan")  # nan is not equal to itself
    return (type(v).__name__, v)


def both(text: str) -> tuple[Any, Any]:
    return parse_fast(text.encode("utf-8")), plain(load_rt(text))


# --------------------------------------------------------------------------- generated YAML

#: Plain scalars other YAML tools read as booleans, octal/hex/sexagesimal numbers, infinities,
#: nulls, dates — each must mean the same to both of nitet's parsers.
TRICKY = [
    "yes", "no", "Yes", "NO", "on", "off", "On", "OFF", "y", "n", "Y", "N", "true", "false",
    "True", "FALSE", "010", "0x1F", "0o17", "0b101", "1_000", "1,000", ".inf", "-.inf", "+.inf",
    ".nan", ".NaN", "~", "null", "Null", "NULL", "0", "-0", "+4", "12", "-3", "1.5", "1.", ".5",
    "1e3", "1.0e+3", "6.8523015e+5", "00", "007", "12:30", "1:20:30", "190:20:30.15", "=", "<<",
    "2026-11-25", "2026-13-01", "2569-11-25", "2026-11-25T10:00:00", "25/11/2569",
    "1063020130", "0812345678", "+66812345678", "๑๒๓", "๒๕ พ.ย. ๖๙", "ป.1", "4.2.1", "v1.2",
]
THAI_WORDS = ["โรงเรียน", "บ้านแม่ละเมา", "ครู", "นิเทศ", "การอ่าน", "DLTV", "PLC", "ป.๓", "ดีมาก",
              "สพป.ตาก", "เขต", "๒", "ข้อเสนอแนะ", "นักเรียน", "ร้อยละ", "80", "Active", "Learning"]
TEXT_ALPHABET = st.sampled_from(list("กขคงจฉชซญดตถทนบปผพฟภมยรลวศษสหอฮะาิีึืุูเแโใไ่้๊๋็์ำ๐๑๒๓๔๕๖๗๘๙"
                                     "abcXYZ0123456789 .,:;-_/()[]{}#&*!|>'\"%@`?+=~"))

plain_word = st.sampled_from(THAI_WORDS + TRICKY)
phrase = st.lists(st.sampled_from(THAI_WORDS), min_size=1, max_size=5).map(" ".join)
any_text = st.text(TEXT_ALPHABET, max_size=30)


@st.composite
def scalar(draw: st.DrawFn, flow: bool = False) -> str:
    """One scalar's source text in a random style."""
    style = draw(st.sampled_from(["plain", "phrase", "single", "double"]))
    if style == "plain":
        return draw(plain_word)
    if style == "phrase":
        return draw(phrase)
    value = draw(st.one_of(plain_word, any_text, st.just("  spaces  "), st.just("")))
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=draw(st.booleans()))


@st.composite
def block_text(draw: st.DrawFn, indent: str) -> str:
    """A multi-line text value as a literal (|) or folded (>) block."""
    lines = draw(st.lists(phrase, min_size=2, max_size=4))
    head = draw(st.sampled_from(["|", "|-", "|+", ">", ">-"]))
    body = "".join(f"{indent}  {line}\n" for line in lines)
    return f"{head}\n{body}"


KEYS = ["id", "date", "school", "findings", "suggestions", "note", "name", "title", "on", "no", "010",
        "y", "ผลการนิเทศ", "budget", "quarter"]


@st.composite
def value_tree(draw: st.DrawFn, depth: int = 0) -> Any:
    """A record-shaped value: scalars, lists and mappings (as source-text scalars)."""
    if depth >= 2:
        return draw(scalar())
    kind = draw(st.sampled_from(["scalar", "scalar", "list", "map", "maplist"]))
    if kind == "scalar":
        return draw(scalar())
    if kind == "list":
        return draw(st.lists(scalar(), max_size=4))
    if kind == "map":
        return draw(st.dictionaries(st.sampled_from(KEYS), value_tree(depth + 1), max_size=4))
    return draw(st.lists(st.dictionaries(st.sampled_from(KEYS), scalar(), min_size=1, max_size=3), max_size=3))


def flow(v: Any) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return v if v else "''"


def emit(tree: dict[str, Any], draw: st.DrawFn, indent: str = "") -> str:
    """Block mapping; nested values in block or flow style at random."""
    out = []
    for k, v in tree.items():
        if isinstance(v, dict | list) and (not v or draw(st.booleans())):
            out.append(f"{indent}{k}: {flow(v)}\n")
        elif isinstance(v, dict):
            out.append(f"{indent}{k}:\n" + emit(v, draw, indent + "  "))
        elif isinstance(v, list):
            out.append(f"{indent}{k}:\n")
            for item in v:
                if isinstance(item, dict):
                    first, *rest = list(item.items())
                    sub = emit(dict(rest), draw, indent + "    ") if rest else ""
                    out.append(f"{indent}  - {first[0]}: {flow(first[1])}\n{sub}")
                else:
                    out.append(f"{indent}  - {item}\n")
        elif draw(st.integers(0, 5)) == 0:
            out.append(f"{indent}{k}: {draw(block_text(indent))}")
        else:
            out.append(f"{indent}{k}: {v}\n")
    return "".join(out)


@st.composite
def record_file(draw: st.DrawFn) -> str:
    tree = draw(st.dictionaries(st.sampled_from(KEYS), value_tree(), min_size=1, max_size=8))
    text = emit(tree, draw)
    if draw(st.booleans()):
        text = "# yaml-language-server: $schema=../../schemas/visit.schema.json\n" + text
    return text


def outcome(parse: Any, arg: Any) -> tuple[str, Any]:
    try:
        return "value", typed(plain(parse(arg)))
    except Exception as e:  # noqa: BLE001 - each parser raises its own error classes
        return "refused", type(e).__name__


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_file())
def test_fast_and_round_trip_parsers_agree_on_generated_records(text: str) -> None:
    """Same values, or both refuse the file (e.g. ``{a: 1,000}`` repeats the key ``000``)."""
    fast = outcome(parse_fast, text.encode("utf-8"))
    rt = outcome(load_rt, text)
    assert fast[0] == rt[0], (text, fast, rt)
    if fast[0] == "value":
        assert fast == rt, text


@pytest.mark.parametrize(("source", "value"), [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"), ("010", 10), ("010101", 10101),
    ("0x1F", 31), ("0o17", 15), ("0b101", "0b101"), ("1_000", "1_000"), (".inf", float("inf")),
    ("-.Inf", float("-inf")), (".nan", float("nan")), ("~", None),
    ("null", None), ("", None), ('""', ""), ("'  spaces  '", "  spaces  "), ("true", True),
    ("False", False), ("12", 12), ("-3", -3), ("1.5", 1.5), ("1e3", 1000.0), ("2026-11-25", "2026-11-25"),
    ("12:30", "12:30"), ("1063020130", 1063020130), ('"1063020130"', "1063020130"), ("๑๒๓", "๑๒๓"),
    ("|\n  บรรทัดแรก\n  บรรทัดสอง\n", "บรรทัดแรก\nบรรทัดสอง\n"),
])
def test_each_tricky_scalar_means_the_same_to_both_parsers(source: str, value: Any) -> None:
    """The shared scalar schema, YAML 1.2's core schema: true/false, numbers (leading zeros, 0o,
    0x, .inf, .nan too) and null are not text; yes/no, 0b101, 1_000, dates are."""
    fast, rt = both(f"v: {source}\n")
    assert typed(fast["v"]) == typed(rt["v"]) == typed(value)


def test_both_parsers_refuse_what_is_not_yaml() -> None:
    text = "a: [1, 2\nb: c\n"
    with pytest.raises(YamlProblem):
        parse_fast(text.encode())
    with pytest.raises(Exception):  # noqa: B017 - ruamel raises its own error classes
        load_rt(text)


# --------------------------------------------------------------------------- writer round trip

safe_text = st.one_of(st.sampled_from(TRICKY + ["  spaces  ", " นำหน้า", "ท้าย ", "ก: ข", "- รายการ",
                                                "# ไม่ใช่ความเห็น", "'อ้าง'", '"คำพูด"', "[วงเล็บ]",
                                                "บรรทัด 1\nบรรทัด 2", "มีบรรทัดว่าง\n\nต่อ\n",
                                                "=SUM(A1)", "@ชื่อ", "| ท่อ", "> มากกว่า"]),
                      phrase, st.text(TEXT_ALPHABET, min_size=1, max_size=40))
opt_text = st.one_of(st.none(), safe_text)
a_date = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
school_code = st.from_regex(r"\A106302[0-9]{4}\Z")


@st.composite
def visit_data(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(a_date)
    data: dict[str, Any] = {
        "date": day.isoformat(), "school": draw(school_code),
        "supervisors": draw(st.lists(safe_text, max_size=2)),
        "kind": draw(st.sampled_from(["school-based", "project-based"])),
        "project": draw(opt_text), "methods": draw(st.lists(st.sampled_from(["observation", "plc", "online"]),
                                                            max_size=3, unique=True)),
        "supervisees": draw(st.lists(st.fixed_dictionaries(
            {"name": safe_text}, optional={"position": safe_text, "subject": safe_text, "grade": safe_text}),
            max_size=2)),
        "topics": draw(st.lists(safe_text, max_size=3)), "findings": draw(opt_text),
        "strengths": draw(opt_text), "suggestions": draw(opt_text), "note": draw(opt_text),
        "ratings": draw(st.dictionaries(safe_text, st.integers(1, 5), max_size=3)),
    }
    if draw(st.booleans()):
        data["follow_up"] = {"date": draw(st.dates(min_value=day, max_value=date(2031, 1, 1))).isoformat(),
                             "action": draw(safe_text), "done": draw(st.booleans())}
    return data


@st.composite
def plan_data(draw: st.DrawFn) -> dict[str, Any]:
    money = st.one_of(st.integers(0, 10**7), st.floats(0, 1e7, allow_nan=False, allow_infinity=False))
    return {
        "fiscal_year": draw(st.integers(2560, 2580)), "title": draw(safe_text), "budget": draw(money),
        "activities": [{"id": f"a{i}", "title": draw(safe_text), "quarters": draw(st.lists(st.integers(1, 4),
                                                                                             unique=True))}
                       for i in range(draw(st.integers(0, 3)))],
        "indicators": [{"id": "schools", "title": draw(safe_text), "unit": draw(safe_text),
                        "target": draw(money), "source": "visits", "filter": {"project": draw(safe_text)}}],
        "results": [{"quarter": q, "spent": draw(money), "problems": draw(opt_text),
                     "suggestions": draw(opt_text)} for q in draw(st.lists(st.integers(1, 4), unique=True))],
    }


@st.composite
def school_data(draw: st.DrawFn) -> dict[str, Any]:
    return {"code": draw(school_code), "name": draw(safe_text), "district": draw(opt_text),
            "network": draw(opt_text), "students": draw(st.one_of(st.none(), st.integers(0, 5000))),
            "dltv": draw(st.booleans()), "note": draw(opt_text)}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from nitet.domain.initialize import create_workspace

    root = tmp_path_factory.mktemp("fast") / "ws"
    create_workspace(root, office="สพป.ตาก เขต ๒", supervisor="ทดสอบ")
    return open_workspace(root)


def _expected(model: Any, data: dict[str, Any]) -> Any:
    """What the file must mean: the data given, empties dropped (files say only what is known)."""
    return json.loads(json.dumps(ordered(model, data)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.one_of(visit_data().map(lambda d: (Visit, "visits/2569/v", d)),
                 plan_data().map(lambda d: (Plan, "plans/p", d)),
                 school_data().map(lambda d: (School, "schools/" + d["code"], d))))
def test_written_records_read_back_the_same_through_both_parsers(workspace: Any, case: Any) -> None:
    model, where, data = case
    if model is not School:
        data = {"id": Path(where).name, **data}
    text = render(workspace, workspace.records_dir / f"{where}.yaml", model, data)
    fast, rt = both(text)
    assert typed(fast) == typed(rt), text
    assert typed(fast) == typed(_expected(model, data)), text
    assert model.model_validate(fast).model_dump(mode="json", exclude_none=True) == \
        model.model_validate(data).model_dump(mode="json", exclude_none=True)
