"""Command-line mistakes get nitet's two lines (what is wrong, where to look) in Thai or English,
exit 2, and nothing on stdout — not typer's English box (SPEC §3)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer

from nitet import cli
from nitet.cli import errorhandler
from nitet.core import i18n


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["nitet", *args])
    code = 0
    try:
        cli.main()
    except SystemExit as e:
        code = int(e.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(("args", "said", "hint"), [
    (["plan", "copy", "x"], "ข้อผิดพลาด: ยังไม่ได้ระบุตัวเลือก '--fy' ซึ่งต้องมี", "nitet plan copy -h"),
    (["todo", "--days", "x"], "ข้อผิดพลาด: ค่าของ '--days' ใช้ไม่ได้: ต้องเป็นจำนวนเต็ม (ได้ “x”)", "nitet todo -h"),
    (["todo", "--days", "400"], "ข้อผิดพลาด: ค่าของ '--days' ใช้ไม่ได้: ต้องไม่มากกว่า 366 (ได้ 400)", "nitet todo -h"),
    (["visit", "add", "--school", "x", "--date", "2026-01-05", "--rating-scale", "๓"],
     "ข้อผิดพลาด: ค่าของ '--rating-scale' ใช้ไม่ได้: ต้องไม่น้อยกว่า 4 (ได้ 3)", "nitet visit add -h"),
    (["school", "list", "--quarter", "1"], "ข้อผิดพลาด: ไม่มีตัวเลือก --quarter", "nitet school list -h"),
    (["report", "krsx"], "ข้อผิดพลาด: ไม่มีคำสั่ง 'krsx' (หรือหมายถึง 'krs')", "nitet report -h"),
    (["vist"], "ข้อผิดพลาด: ไม่มีคำสั่ง 'vist' (หรือหมายถึง 'visit')", "nitet -h"),
    (["check", "a", "b"], "ข้อผิดพลาด: มีคำเกินมาที่ไม่รู้จัก: a b", "nitet check -h"),
    (["check", "--json=1"], "ข้อผิดพลาด: ตัวเลือก '--json' ไม่รับค่า (ใส่แค่ชื่อตัวเลือก)", None),
    (["report", "krs", "--fy"], "ข้อผิดพลาด: ตัวเลือก '--fy' ต้องมีค่าตามหลัง", None),
    (["import", "visits"], "ข้อผิดพลาด: ยังไม่ได้ระบุ 'files' ซึ่งต้องมี", "nitet import visits -h"),
])
def test_a_command_line_mistake_is_said_in_thai(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                ws: Path, args: list[str], said: str, hint: str | None) -> None:
    code, out, err = _main(monkeypatch, capsys, "-C", str(ws), *args)
    assert code == 2
    assert out == ""
    lines = err.strip("\n").split("\n")
    assert lines[0] == said
    assert lines[1:] == ([f"  แนะนำ: ดูวิธีใช้ด้วย '{hint}'"] if hint else [])


def test_a_folder_given_for_an_output_file(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                          ws: Path, tmp_path: Path) -> None:
    code, _out, err = _main(monkeypatch, capsys, "-C", str(ws), "report", "visits", "--fy", "2569", "-o", str(tmp_path))
    assert code == 2
    assert err.startswith(f"ข้อผิดพลาด: ค่าของ '-o' / '--output' ใช้ไม่ได้: '{tmp_path}' เป็นโฟลเดอร์ ต้องเป็นชื่อไฟล์\n")


def test_the_same_mistake_in_english(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     ws: Path) -> None:
    code, _out, err = _main(monkeypatch, capsys, "--lang", "en", "-C", str(ws), "todo", "--days", "x")
    assert (code, err) == (2, "error: invalid value for '--days': must be a whole number (got “x”)\n"
                             "  hint: see 'nitet todo -h'\n")


def test_an_unknown_message_is_shown_as_it_is() -> None:
    i18n.set_lang("th")
    e = typer.BadParameter("something typer says", param_hint="'--x'")
    from nitet.cli.usage import describe

    assert describe(e) == "ค่าของ '--x' ใช้ไม่ได้: something typer says"


def test_a_group_without_its_command_shows_its_help(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(monkeypatch, capsys, "visit")
    assert code == 2 and "add" in out and err == ""


def test_help_and_version_still_exit_0(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(monkeypatch, capsys, "--help")[0] == 0
    code, out, _err = _main(monkeypatch, capsys, "--version")
    assert code == 0 and out.startswith("nitet ")


def test_cancelling_a_prompt_exits_130_and_says_nothing_was_written(capsys: pytest.CaptureFixture[str]) -> None:
    def cancelled() -> None:
        raise typer.Abort()

    with pytest.raises(SystemExit) as e:
        errorhandler.run(cancelled)
    assert e.value.code == 130
    assert capsys.readouterr().err == "\nยกเลิกแล้ว ไม่มีการบันทึก\n"


def test_ctrl_c_while_a_command_runs_exits_130_and_the_command_says_it_once(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        errorhandler.run(lambda: 130)  # typer.Exit(130) from a command that said why, or typer after Ctrl-C
    assert e.value.code == 130
    assert capsys.readouterr().err == ""


def test_data_problems_keep_exit_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                   ws: Path) -> None:
    (ws / "records" / "schools").mkdir(parents=True, exist_ok=True)
    (ws / "records" / "schools" / "1063020001.yaml").write_text("code: 1063020001\n", encoding="utf-8")
    code, out, _err = _main(monkeypatch, capsys, "-C", str(ws), "check")
    assert code == 1 and "1063020001.yaml" in out


def test_thai_digits_are_numbers_in_every_number_option(demo_ws: Path) -> None:
    from conftest import make_runner

    run = make_runner(demo_ws)
    arabic = run("report", "krs", "--fy", "2569", "--quarter", "1", "--date", "2026-01-10")
    thai = run("report", "krs", "--fy", "๒๕๖๙", "--quarter", "๑", "--date", "2026-01-10")
    assert arabic.exit_code == thai.exit_code == 0
    assert thai.stdout == arabic.stdout and "ไตรมาสที่ ๑" in thai.stdout
    assert run("visit", "list", "--fy", "๒๕๖๙", "--quarter", "๑", "--json").json() == \
        run("visit", "list", "--fy", "2569", "--quarter", "1", "--json").json()


@pytest.mark.parametrize(("text", "low", "high", "value"), [
    ("๒๕๖๙", None, None, 2569), ("1,200", 0, None, 1200), ("-3", None, None, -3), ("๑", 1, 4, 1), (7, None, None, 7)])
def test_read_whole_reads_both_digit_sets(text: object, low: int | None, high: int | None, value: int) -> None:
    from nitet.cli.options import read_whole

    assert read_whole(text, low, high) == value


@pytest.mark.parametrize(("text", "low", "high"), [("๕", 1, 4), ("0", 1, 4), ("1.5", None, None), ("๒๕๖๙ก", None, None),
                                                   ("", None, None), ("١٢", None, None)])
def test_read_whole_refuses_what_is_not_a_whole_number_in_range(text: str, low: int | None, high: int | None) -> None:
    from nitet.cli.options import read_whole

    with pytest.raises(ValueError):
        read_whole(text, low, high)


def test_a_file_given_for_the_workspace_folder(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("x", encoding="utf-8")
    code, _out, err = _main(monkeypatch, capsys, "-C", str(f), "check")
    assert code == 2
    assert err.startswith(f"ข้อผิดพลาด: ค่าของ '-C' / '--directory' ใช้ไม่ได้: '{f}' เป็นไฟล์ ต้องเป็นโฟลเดอร์\n")


def test_an_unknown_language_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                        ws: Path) -> None:
    code, out, err = _main(monkeypatch, capsys, "--lang", "xx", "-C", str(ws), "check")
    assert (code, out) == (2, "")
    assert err == "ข้อผิดพลาด: ไม่รู้จักภาษา 'xx'\n  แนะนำ: ใช้ --lang th (ไทย) หรือ --lang en (อังกฤษ)\n"
