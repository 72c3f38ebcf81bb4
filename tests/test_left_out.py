"""Records whose files have errors are left out of lists, exports and reports: every such command
says so on stderr, once, and points to 'nitet check'; stdout (and --json) stays the data alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_runner

WARNING_TH = "คำเตือน: 6 ไฟล์มีข้อผิดพลาดและไม่ถูกนับรวม — ดู 'nitet check'"
WARNING_EN = "warning: 6 file(s) with errors left out — see 'nitet check'"

#: six ways a hand-edited visit file goes wrong so that its record cannot be read
BREAKS = [
    lambda text: text + "extra_key_typo: 1\n",                              # unknown key
    lambda text: "",                                                      # empty file
    lambda text: text + "topics: [การอ่าน\n",                               # YAML syntax
    lambda text: text + "date: 2025-10-03\n",                               # duplicate key
    lambda text: text + "kind: &k project-based\nproject: *k\n",           # alias
    lambda text: "<<<<<<< HEAD\n" + text + "=======\n>>>>>>> other\n",     # merge conflict
]

COMMANDS = [
    ("visit", "list", "--fy", "2569"),
    ("visit", "list", "--fy", "2569", "--json"),
    ("visit", "due", "--days", "400", "--json"),
    ("school", "list"),
    ("school", "list", "--json"),
    ("school", "show", "1063350101", "--json"),
    ("school", "unvisited", "--fy", "2569", "--json"),
    ("flow", "list", "--json"),
    ("flow", "status", "--json"),
    ("plan", "list", "--json"),
    ("export", "csv", "visits", "--fy", "2569"),
    ("todo", "--date", "2026-01-20", "--json"),
    ("todo", "--date", "2026-01-20"),
    ("report", "visits", "--fy", "2569"),
    ("report", "krs", "--fy", "2569", "--quarter", "1", "--date", "2026-01-20"),
]


def _break_visits(root: Path) -> list[Path]:
    files = sorted((root / "records/visits/2569").glob("*.yaml"))[:len(BREAKS)]
    for path, spoil in zip(files, BREAKS, strict=True):
        path.write_text(spoil(path.read_text(encoding="utf-8")), encoding="utf-8")
    return files


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_command_says_once_how_many_files_it_left_out(demo_ws: Path, args: tuple[str, ...]) -> None:
    run = make_runner(demo_ws)
    clean = run(*args)
    assert "nitet check" not in clean.stderr

    broken = _break_visits(demo_ws)
    r = run(*args)
    assert r.stderr.splitlines().count(WARNING_TH) == 1
    assert "nitet check" not in r.stdout
    assert r.exit_code == clean.exit_code == 0

    # stdout is exactly what the readable records give, as if the broken files were not there
    for path in broken:
        path.unlink()
    assert r.stdout == run(*args).stdout


def test_visit_list_counts_only_what_it_read_and_warns_in_english(demo_ws: Path) -> None:
    run = make_runner(demo_ws)
    assert "การนิเทศ 15 ครั้ง" in run("visit", "list", "--fy", "2569").stdout
    _break_visits(demo_ws)
    r = run("visit", "list", "--fy", "2569")
    assert "การนิเทศ 9 ครั้ง" in r.stdout
    assert r.stderr.splitlines()[0] == WARNING_TH
    en = run("visit", "list", "--fy", "2569", "--json", lang="en")
    assert en.stderr.splitlines() == [WARNING_EN]
    assert len(en.json()) == 9


def test_export_to_a_file_warns_too(demo_ws: Path) -> None:
    run = make_runner(demo_ws)
    _break_visits(demo_ws)
    r = run("export", "xlsx", "visits", "-o", str(demo_ws / "visits.xlsx"))
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.splitlines().count(WARNING_TH) == 1


def test_a_file_read_despite_its_error_is_not_counted_as_left_out(demo_ws: Path) -> None:
    """An id that does not match the file name is an error for 'nitet check', but the record is still
    read (by its file name), so nothing is left out and nothing is said."""
    path = sorted((demo_ws / "records/visits/2569").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"id: {path.stem}", "id: 2025-10-02-1063350101-000000"), encoding="utf-8")
    run = make_runner(demo_ws)
    assert run("check").exit_code == 1
    for args in (("visit", "list", "--fy", "2569"), ("report", "visits", "--fy", "2569")):
        r = run(*args)
        assert "nitet check" not in r.stderr, args
    assert "การนิเทศ 15 ครั้ง" in run("visit", "list", "--fy", "2569").stdout


def test_a_combined_report_counts_the_files_left_out_of_every_workspace(demo_ws: Path, tmp_path: Path) -> None:
    import shutil

    other = tmp_path / "other"
    shutil.copytree(demo_ws, other)
    _break_visits(demo_ws)
    _break_visits(other)
    r = make_runner(demo_ws)("report", "visits", "--fy", "2569", "--workspace", str(demo_ws),
                             "--workspace", str(other))
    assert r.exit_code == 0
    assert r.stderr.splitlines().count(WARNING_TH.replace("6", "12")) == 1
