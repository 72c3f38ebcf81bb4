"""nitet fmt: nitet's own layout after hand edits, comments kept, a fixed point, never a broken file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nitet.domain.fmt import FormatProblem, format_text
from nitet.storage.yamlfast import parse_fast

SCHEMA = "# yaml-language-server: $schema=../../../schemas/visit.schema.json\n"

HAND_EDITED = (
    "---\r\n"
    "id: v1\r\n"
    "date: 2026-01-05   # วันที่นิเทศ\r\n"
    "school: '1063020130'\r\n"
    "supervisees:\r\n"
    "- {name: ครูสมศรี,   position: ครู}\r\n"
    "topics:\r\n"
    "    -   การอ่าน\r\n"
    "findings: \"บรรทัดหนึ่ง\\nบรรทัดสอง\"\r\n"
)

FORMATTED = (
    SCHEMA
    + "id: v1\n"
    "date: 2026-01-05   # วันที่นิเทศ\n"
    "school: '1063020130'\n"
    "supervisees:\n"
    "  - {name: ครูสมศรี, position: ครู}\n"
    "topics:\n"
    "  - การอ่าน\n"
    "findings: |-\n"
    "  บรรทัดหนึ่ง\n"
    "  บรรทัดสอง\n"
)


def _visit(ws: Path, name: str = "v1.yaml", text: str = HAND_EDITED) -> Path:
    p = ws / "records" / "visits" / "2569" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode("utf-8"))
    return p


def test_fmt_rewrites_a_hand_edited_record_in_nitets_layout(ws: Path, run) -> None:
    p = _visit(ws)
    r = run("fmt")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "records/visits/2569/v1.yaml\n"
    assert p.read_bytes().decode("utf-8") == FORMATTED
    assert "จัดรูปแบบ 1 ไฟล์" in r.stderr
    again = run("fmt")
    assert again.exit_code == 0 and again.stdout == ""


def test_fmt_check_lists_what_would_change_and_writes_nothing(ws: Path, run) -> None:
    p = _visit(ws)
    done = _visit(ws, "v2.yaml", FORMATTED.replace("id: v1", "id: v2"))
    r = run("fmt", "--check")
    assert r.exit_code == 1
    assert r.stdout == "records/visits/2569/v1.yaml\n"
    assert p.read_bytes() == HAND_EDITED.encode("utf-8")
    assert "nitet fmt" in r.stderr
    assert run("fmt", str(done), "--check").exit_code == 0


def test_fmt_never_touches_a_file_it_cannot_read(ws: Path, run) -> None:
    broken = _visit(ws, "bad.yaml", "id: bad\nschool: [1063020130\n")
    dup = _visit(ws, "dup.yaml", "id: dup\nid: again\n")
    fine = _visit(ws)
    r = run("fmt")
    assert r.exit_code == 1
    assert broken.read_text(encoding="utf-8") == "id: bad\nschool: [1063020130\n"
    assert dup.read_text(encoding="utf-8") == "id: dup\nid: again\n"
    assert "records/visits/2569/bad.yaml:3:1:" in r.stderr
    assert "records/visits/2569/dup.yaml:2:1:" in r.stderr
    assert fine.read_text(encoding="utf-8") == FORMATTED  # the readable file is still formatted


def test_fmt_json_reports_changed_and_errors(ws: Path, run) -> None:
    _visit(ws)
    _visit(ws, "bad.yaml", "\tid: x\n")
    r = run("fmt", "--check", "--json", lang="en")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["changed"] == ["records/visits/2569/v1.yaml"]
    assert [e["file"] for e in doc["errors"]] == ["records/visits/2569/bad.yaml"]


def test_fmt_says_why_it_cannot_format_a_file_in_the_users_language(ws: Path, run) -> None:
    """The same words as 'nitet check', never libyaml's English in a Thai run."""
    _visit(ws, "alias.yaml", "id: alias\ntopics: &t [การอ่าน]\nfindings: *t\n")
    _visit(ws, "dup.yaml", "id: dup\ndate: 2026-01-05\ndate: 2026-01-06\n")
    _visit(ws, "empty.yaml", "")
    (ws / "records/visits/2569/latin1.yaml").write_bytes(b"id: latin1\nfindings: caf\xe9\n")
    th = run("fmt")
    assert th.exit_code == 1
    assert th.stderr.splitlines()[:4] == [
        "records/visits/2569/alias.yaml:3:11: จัดรูปแบบไม่ได้: ไม่อนุญาตให้ใช้ alias (*ชื่อ) ในระเบียน",
        "records/visits/2569/dup.yaml:3:1: จัดรูปแบบไม่ได้: คีย์ 'date' ซ้ำในไฟล์เดียวกัน",
        "records/visits/2569/empty.yaml:1:1: จัดรูปแบบไม่ได้: ไฟล์ว่าง",
        "records/visits/2569/latin1.yaml:2:14: จัดรูปแบบไม่ได้: ไฟล์ไม่ได้เข้ารหัส UTF-8",
    ]
    en = run("fmt", "--check", "--json", lang="en")
    assert [e["message"] for e in json.loads(en.stdout)["errors"]] == [
        "aliases (*name) are not allowed in records", "duplicate key 'date'", "file is empty", "file is not UTF-8"]


def test_fmt_puts_the_right_schema_line_on_top_of_every_kind(ws: Path, run) -> None:
    files = {
        "records/schools/1063020130.yaml": ("code: '1063020130'\nname: บ้านทดสอบ\n", "school"),
        "records/plans/p1.yaml": ("id: p1\nfiscal_year: 2569\ntitle: x\n", "plan"),
        "records/cases/2569/c1.yaml": ("# yaml-language-server: $schema=wrong.json\nid: c1\n", "case"),
        "records/screenings/2569/s.yaml": ("# คัดกรอง\n# yaml-language-server: $schema=x\nid: s\n", "screening"),
    }
    for rel, (text, _kind) in files.items():
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws / rel).write_text(text, encoding="utf-8")
    assert run("fmt").exit_code == 0
    for rel, (_text, kind) in files.items():
        lines = (ws / rel).read_text(encoding="utf-8").split("\n")
        assert lines[0].startswith("# yaml-language-server: $schema=")
        target = ((ws / rel).parent / lines[0].split("$schema=", 1)[1]).resolve()
        assert target == (ws / "schemas" / f"{kind}.schema.json").resolve()
        assert target.is_file()
        assert sum("yaml-language-server" in x for x in lines) == 1
    assert (ws / "records/screenings/2569/s.yaml").read_text(encoding="utf-8").split("\n")[1] == "# คัดกรอง"


def test_fmt_accepts_files_and_folders_and_leaves_others_alone(ws: Path, run) -> None:
    a = _visit(ws, "a.yaml")
    b = _visit(ws, "b.yaml")
    assert run("fmt", "records/visits/2569/a.yaml").exit_code == 0
    assert a.read_text(encoding="utf-8") == FORMATTED
    assert b.read_bytes() == HAND_EDITED.encode("utf-8")
    assert run("fmt", "records/visits").exit_code == 0
    assert b.read_text(encoding="utf-8") == FORMATTED
    missing = run("fmt", "records/nope.yaml")
    assert missing.exit_code == 2 and "records/nope.yaml" in missing.stderr
    schema = (ws / "schemas" / "visit.schema.json").read_bytes()
    assert run("fmt", "schemas/visit.schema.json").exit_code == 2  # JSON is YAML, but not a record
    assert (ws / "schemas" / "visit.schema.json").read_bytes() == schema
    elsewhere = ws.parent / "other.yaml"
    elsewhere.write_text("a:   1\n", encoding="utf-8")
    assert run("fmt", str(elsewhere)).exit_code == 2
    assert elsewhere.read_text(encoding="utf-8") == "a:   1\n"


def test_records_nitet_writes_are_already_formatted(demo_ws: Path) -> None:
    from conftest import make_runner

    r = make_runner(demo_ws)("fmt", "--check")
    assert r.exit_code == 0, r.stdout + r.stderr


def test_formatting_keeps_every_comment() -> None:
    text = "# หัว\nid: v1  # รหัส\n# ก่อน school\nschool: '1063020130'\nlist:\n- a   # หนึ่ง\n- b\n# ท้ายไฟล์\n"
    out = format_text(text, SCHEMA)
    for comment in ("# หัว", "# รหัส", "# ก่อน school", "# หนึ่ง", "# ท้ายไฟล์"):
        assert comment in out
    assert out.startswith(SCHEMA + "# หัว\n")


def test_a_syntax_error_is_refused_with_its_line() -> None:
    try:
        format_text("id: [1, 2\n")
    except FormatProblem as p:
        assert p.line == 2
    else:
        raise AssertionError("a syntax error must be refused")


# ---------------------------------------------------------------- property: fixed point, same meaning

_keys = st.from_regex(r"[a-z][a-z_]{0,7}", fullmatch=True).filter(
    lambda k: k not in {"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_text = st.text(alphabet=st.sampled_from(list("กขคงนมยรอะาิีเแ่้๑๒ abcXYZ019:#-'\"\n,[]{}*&!|>%@`")),
                max_size=30)
_scalar = st.one_of(_text, st.integers(-10**6, 10**6), st.booleans(), st.none(),
                    st.sampled_from(["2026-11-25", "010", "yes", "0x1F", "1e3", "~", ""]))
_value = st.recursive(_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)), max_leaves=12)
_doc = st.dictionaries(_keys, _value, min_size=1, max_size=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_doc, flow=st.sampled_from([None, True, False]), indent=st.integers(2, 5),
       crlf=st.booleans(), head=st.sampled_from(["", "# หมายเหตุ\n", SCHEMA, "---\n"]))
def test_formatting_is_a_fixed_point_and_keeps_the_meaning(doc, flow, indent, crlf, head) -> None:
    text = head + yaml.safe_dump(doc, allow_unicode=True, default_flow_style=flow, indent=indent,
                                 sort_keys=False, width=60)
    if crlf:
        text = text.replace("\n", "\r\n")
    meaning = parse_fast(text.encode("utf-8"))
    once = format_text(text, SCHEMA)
    assert format_text(once, SCHEMA) == once
    assert parse_fast(once.encode("utf-8")) == meaning
    assert once.startswith(SCHEMA) and "\r" not in once
