"""Thai on an 80-column terminal: table cells and help wrap between words (PyThaiNLP), an option's
help is never cut short, and [Y/n] takes the Thai-layout keys in the y and n positions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nitet.cli import prompts
from nitet.cli.thaiwrap import break_offsets, cell, thai_table

ADVICE = "ฝึกอ่านคำควบกล้ำวันละ 10 นาทีและทบทวนหลังออกอากาศทุกคาบเรียน"


def nitet(*args: str, cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "NITET_LANG"}
    env.update({"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"})
    r = subprocess.run([sys.executable, "-m", "nitet", *args], env=env, capture_output=True, text=True, timeout=60,
                       cwd=cwd)
    return r.stdout


def lines_of(text: str, width: int) -> list[str]:
    cuts = [0, *break_offsets(text, width), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def test_a_thai_run_breaks_between_words_never_inside_one() -> None:
    assert lines_of("ฝึกอ่านคำควบกล้ำวันละ", 10) == ["ฝึกอ่านคำ", "ควบกล้ำวันละ"]  # rich gave 'ฝึกอ่านคำควบกล้' | 'ำวันละ'


def test_spaces_still_break_and_a_word_wider_than_the_column_folds_between_clusters() -> None:
    assert lines_of("ครู เตรียม การสอน", 8) == ["ครู เตรียม ", "การสอน"]
    assert lines_of("ล่วงหน้า", 3) == ["ล่วง", "หน้า"]  # one word, 6 cells: folded between clusters


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="กขคงจัิีึืุู่้๊๋ำะาเแโใไ ", min_size=1, max_size=60), st.integers(min_value=3, max_value=30))
def test_wrapping_keeps_every_character_in_order(text: str, width: int) -> None:
    assert "".join(lines_of(text, width)) == text


def test_a_table_cell_wraps_between_words(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    table = thai_table("ข้อเสนอแนะ", "รหัส")
    table.add_row(ADVICE, cell("x1"))
    Console(width=30, force_terminal=False).print(table)
    out = capsys.readouterr().out
    assert "ควบกล้ำ" in out and "ออกอากาศ" in out and "ทบทวน" in out


def test_visit_list_on_80_columns_breaks_no_word(demo_ws: Path) -> None:
    out = nitet("visit", "list", "--fy", "2569", cwd=demo_ws)
    for word in ("ซ่อมเสริม", "สัญญาณ", "ขัดข้อง", "โรงเรียนบ้าน", "ห้วยน้ำใส"):
        assert word in out, word
    assert "กล้ │" not in out


def test_help_wraps_thai_and_never_cuts_an_options_format() -> None:
    out = nitet("visit", "add", "--help")
    assert "…" not in out
    flat = "".join(line.strip("│ ").strip() for line in out.splitlines())
    assert '"ชื่อ|ตำแหน่ง|กลุ่มสาระ|ชั้น"' in flat.replace(" ", "")
    assert "หรือรหัสโครงการในแผน" in out  # one piece, not split mid-word


@pytest.mark.parametrize(("typed", "meant"), [
    ("y", True), ("Y", True), ("ใช่", True), ("ั", True), ("ํ", True),
    ("n", False), ("ไม่", False), ("ื", False), ("์", False)])
def test_yes_no_takes_thai_layout_keys(typed: str, meant: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.input", lambda: typed)
    assert prompts.yes("บันทึก?") is meant
