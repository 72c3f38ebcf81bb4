"""``nitet fmt [--check]`` round-trips only the files that may change (#13 item 8).

* A file in nitet's own layout (its bytes are the schema line + fastdump of its data) is declared
  unchanged without the round trip — proven here to be a fixed point of ``format_text`` for any
  record hypothesis makes, so the fast path can never hide a change.
* A file found formatted is remembered by its stat key: the next run does not read it.
* Hand-written files, loose values and control characters still take the round trip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import Runner
from nitet.domain import fmtfast
from nitet.domain.fmt import format_text
from nitet.storage.fastdump import fast
from test_fastdump import record

LINE = "# yaml-language-server: $schema=../../schemas/visit.schema.json\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record)
def test_what_the_fast_path_calls_formatted_is_a_fixed_point(data: dict[str, Any]) -> None:
    text = fast(data)
    if text is None:
        return
    for line in (None, LINE):
        raw = ((line or "") + text).encode("utf-8")
        if fmtfast.in_layout(raw, None, line):
            assert format_text(raw.decode("utf-8"), line) == raw.decode("utf-8")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record)
def test_the_line_reader_reads_back_what_fastdump_writes(data: dict[str, Any]) -> None:
    """What it reads is either nothing (the libyaml walk decides) or exactly the data written."""
    from nitet.storage.fastread import layout_data
    from nitet.storage.yamlfast import parse_fast

    text = fast(data)
    if text is None:
        return
    got = layout_data(text)
    assert got is None or got == parse_fast(text.encode("utf-8")) == data


def test_a_record_nitet_wrote_is_read_line_by_line(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The common case (a ``|`` block too) never reaches libyaml; anything unusual still does."""
    [visit] = (records / "records/visits").rglob("*.yaml")
    raw = visit.read_bytes()
    line = raw.decode().split("\n", 1)[0] + "\n"
    walked: list[bytes] = []
    real = fmtfast._lean_parse
    monkeypatch.setattr(fmtfast, "_lean_parse", lambda b: walked.append(b) or real(b))
    assert fmtfast.in_layout(raw, "visit", line) and walked == []
    block = raw + "note: |-\n  บรรทัดหนึ่ง\n\n  บรรทัดสาม\n".encode()
    assert fmtfast.in_layout(block, "visit", line) and walked == []
    commented = raw + b"# a note\n"
    assert not fmtfast.in_layout(commented, "visit", line) and walked == [commented]


VISIT = """id: 2026-11-25-1063020130-aaaaaa
date: 2026-11-25
school: '1063020130'
findings: |-
  ครูเตรียมการสอน
  นักเรียนสนใจ
"""


@pytest.fixture
def records(ws: Path, run: Runner) -> Path:
    (ws / "records/schools/1063020130.yaml").write_text('code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n',
                                                        encoding="utf-8")
    assert run("visit", "add", "--school", "1063020130", "--date", "2026-11-25", "--finding", "ดี").exit_code == 0
    assert run("fmt").exit_code == 0
    return ws


def test_a_file_in_nitets_layout_takes_the_fast_path(records: Path) -> None:
    [visit] = (records / "records/visits").rglob("*.yaml")
    raw = visit.read_bytes()
    line = raw.decode().split("\n", 1)[0] + "\n"
    assert fmtfast.in_layout(raw, "visit", line)
    assert not fmtfast.in_layout(raw.replace(b"school: '1063020130'", b"school: 1063020130"), "visit", line)  # loose
    assert not fmtfast.in_layout(raw + b"# a note\n", "visit", line)  # a comment: the round trip decides
    assert not fmtfast.in_layout(raw.replace(b"\n", b"\r\n"), "visit", line)


def test_a_file_found_formatted_is_not_read_again(records: Path, run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmtfast, "RACY_NS", 0)  # files written before the run count as settled (no waiting)
    assert run("fmt", "--check").exit_code == 0  # remembers them
    read: list[str] = []
    real = fmtfast._one
    monkeypatch.setattr(fmtfast, "_one", lambda job, write: read.append(job.rel) or real(job, write))
    assert run("fmt", "--check").exit_code == 0
    assert read == []
    plan = records / "records/plans/p.yaml"
    plan.write_text("# โครงการ\nid: p\nfiscal_year: 2569\ntitle:   ทดสอบ\n", encoding="utf-8")
    r = run("fmt", "--check")
    assert r.exit_code == 1 and r.stdout == "records/plans/p.yaml\n"
    assert read == ["records/plans/p.yaml"]  # only the changed file is read
    assert run("fmt").exit_code == 0
    assert plan.read_text(encoding="utf-8").endswith("# โครงการ\nid: p\nfiscal_year: 2569\ntitle: ทดสอบ\n")
