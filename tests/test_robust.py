"""Robustness: no input crashes or hangs the loader; no kill leaves half a file; clear errors.

* Fuzzing: arbitrary bytes and YAML-like garbage through :func:`yamlio.parse_fast` and
  :func:`store.validate_file` for every record kind — only :class:`YamlProblem` / findings come
  out, never another exception; input is bounded (records are ≤ 1 MiB) and aliases are refused
  before composing, so nothing can blow up. (``thai.parse_date`` is fuzzed in test_thai.py.)
* Concurrency: two ``nitet visit add`` at once both land, valid and distinct.
* SIGKILL in the middle of writing many records (writer.create), of editing one record
  (writer.edit) and of an import leaves every ``*.yaml`` whole: temp files start with ``.``
  and the loader never reads them.
* A workspace nitet cannot write to gives a clear Thai message and exit 1, nothing written.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_runner
from nitet.model import Case, Plan, School, Screening, Visit, Workflow
from nitet.storage.loader import load
from nitet.storage.validate import FileResult, validate_file
from nitet.storage.workspace import open_workspace
from nitet.storage.yamlfast import parse_fast
from nitet.storage.yamlrules import MAX_FILE_BYTES, YamlProblem

SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n'
MODELS = [School, Visit, Case, Plan, Screening, Workflow]

# --------------------------------------------------------------------------- fuzzing

FRAGMENTS = [
    "date: ", "school: ", "findings: ", "id: ", "steps:\n", "  - ", "- ", ": ", "\n", "  ", "    ",
    "[", "]", "{", "}", ", ", "&a ", "*a", "<<: *a\n", "!!python/object/apply:os.system ['true']",
    "!!binary ", "!!int ", "!!str ", "!custom ", "? ", "|\n", ">-\n", "'", '"', "\\u0e01", "#", "\t",
    "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n", "\ufeff", "\x00", "\x85", "\u2028",
    "2026-11-25", "2026-13-01", "2569-11-25", "yes", "no", "010", "0x1F", ".inf", "~", "1e999",
    "1063020130", "โรงเรียนบ้านแม่ละเมา", "ครู", "๑๒๓", "-1", "99999999999999999999999",
]
yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


def _only_problems(data: bytes) -> None:
    try:
        parse_fast(data)
    except YamlProblem as p:
        assert p.line >= 1 and p.column >= 1 and p.check


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=600), yamlish.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_parse_fast_raises_only_yaml_problems(data: bytes) -> None:
    _only_problems(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(MODELS), st.one_of(st.binary(max_size=400), yamlish.map(str.encode)))
def test_validate_file_turns_any_bytes_into_findings(tmp_path: Path, model: type, data: bytes) -> None:
    r = validate_file(tmp_path / "records" / "x.yaml", "records/x.yaml", model, data=data)
    assert isinstance(r, FileResult)
    assert r.data is not None or r.findings
    for f in r.findings:
        assert f.file == "records/x.yaml" and f.line >= 1 and f.column >= 1 and f.message


@pytest.mark.parametrize(("text", "check"), [
    ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)), "alias"),
    ("a: " + "[" * 20000 + "]" * 20000 + "\n", "syntax"),
    ("a: " + "{b: " * 5000 + "1" + "}" * 5000 + "\n", "syntax"),
    ("a: !!python/object/apply:os.system ['touch /tmp/nitet-pwned']\n", "tag"),
    ("a: !!binary aGVsbG8=\n", "tag"),
])
def test_hostile_files_are_findings_quickly(text: str, check: str) -> None:
    r = validate_file(Path("records/visits/x.yaml"), "records/visits/x.yaml", Visit, data=text.encode())
    assert r.data is None
    assert [f.check for f in r.findings] == [check]
    assert not Path("/tmp/nitet-pwned").exists()


def test_a_file_over_the_size_limit_is_refused_unread() -> None:
    data = b"findings: " + b"x" * MAX_FILE_BYTES + b"\n"
    r = validate_file(Path("v.yaml"), "v.yaml", Visit, data=data)
    assert [f.check for f in r.findings] == ["too-large"]


# --------------------------------------------------------------------------- two writers at once


def _nitet(*args: str) -> list[str]:
    return [sys.executable, "-m", "nitet", *args]


def _has_command(*words: str) -> bool:
    r = subprocess.run(_nitet(*words, "--help"), capture_output=True, text=True, timeout=60)
    return r.returncode == 0


def test_two_visit_adds_at_once_both_land(ws: Path) -> None:
    if not _has_command("visit", "add"):
        pytest.skip("nitet visit add is not built yet")
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    cmd = _nitet("-C", str(ws), "--no-input", "visit", "add", "--school", "1063020130",
                 "--date", "2026-11-25", "--finding", "ครูเตรียมการสอนดี", "--json")
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
             for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1] for o in outs]
    made = [json.loads(o[0]) for o in outs]
    assert len({m["id"] for m in made}) == 3
    files = sorted((ws / "records/visits").rglob("*.yaml"))
    assert sorted(p.stem for p in files) == sorted(m["id"] for m in made)
    loaded = load(open_workspace(ws), use_cache=False)
    assert loaded.findings == []
    assert sorted(e.id for e in loaded.of("visit")) == sorted(m["id"] for m in made)


# --------------------------------------------------------------------------- SIGKILL mid-write

WRITER_LOOP = """
import sys
from datetime import date, timedelta
from pathlib import Path
from nitet.storage import ids, writer
from nitet.model import Visit
from nitet.storage.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]))
long = "ผลการนิเทศ " * 400
for i in range(100000):
    day = date(2026, 1, 1) + timedelta(days=i % 300)
    path = ids.visit_path(ws, day, "1063020130")
    writer.create(ws, path, Visit, {"id": path.stem, "date": day.isoformat(), "school": "1063020130",
                                    "findings": long, "topics": [f"เรื่อง {i}"]})
"""

EDIT_LOOP = """
import sys
from pathlib import Path
from nitet.storage import writer
from nitet.model import Visit
from nitet.storage.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]))
path = Path(sys.argv[2])
print("ready", flush=True)
for i in range(100000):
    text = ("ก" * (i % 5000)) or "ข"
    writer.edit(ws, path, Visit, lambda doc: writer.put(doc, Visit, "findings", text))
"""


def _kill_when(proc: subprocess.Popen[bytes], ready: object, limit: float = 60) -> None:
    end = time.monotonic() + limit
    while not ready() and time.monotonic() < end and proc.poll() is None:  # type: ignore[operator]
        time.sleep(0.01)
    assert proc.poll() is None, "the writer ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _all_whole(ws: Path) -> int:
    """Every record file parses and validates; returns how many there are."""
    visible = [p for p in (ws / "records").rglob("*.yaml") if not p.name.startswith(".")]
    for p in visible:
        Visit.model_validate(parse_fast(p.read_bytes())) if "/visits/" in p.as_posix() else None
    loaded = load(open_workspace(ws), use_cache=False)
    assert loaded.findings == []
    assert len(loaded.of("visit")) == len([p for p in visible if "/visits/" in p.as_posix()])
    return len(visible)


def test_sigkill_while_creating_records_leaves_every_file_whole(ws: Path) -> None:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", WRITER_LOOP, str(ws)], stderr=subprocess.PIPE)
    visits = ws / "records/visits"
    _kill_when(proc, lambda: visits.is_dir() and sum(1 for _ in visits.rglob("*.yaml")) >= 60)
    assert _all_whole(ws) >= 61


def test_sigkill_while_editing_a_record_leaves_the_old_or_the_new_file(ws: Path) -> None:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    path = ws / "records/visits/2570/2026-11-25-1063020130-abcdef.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("date: 2026-11-25\nschool: '1063020130'\nfindings: เริ่ม\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", EDIT_LOOP, str(ws), str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    time.sleep(0.3)  # let it rewrite the file many times
    _kill_when(proc, lambda: True)
    text = parse_fast(path.read_bytes())["findings"]
    assert set(text) in ({"ก"}, {"ข"}, set("เริ่ม"))
    assert _all_whole(ws) == 2


def test_sigkill_during_an_import_leaves_every_file_whole(ws: Path) -> None:
    if not _has_command("import", "visits"):
        pytest.skip("nitet import visits is not built yet")
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    csv_path = ws.parent / "visits.csv"
    rows = ["วันที่นิเทศ,รหัสโรงเรียน,ผู้รับการนิเทศ,ผลการนิเทศ"] + [
        f"{(i % 28) + 1}/11/2569,1063020130,ครูคนที่ {i},{'ครูเตรียมการสอนดี ' * 20}" for i in range(1000)]
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    log = (ws.parent / "import.log").open("wb")
    proc = subprocess.Popen(_nitet("-C", str(ws), "--no-input", "import", "visits", str(csv_path)),
                            stdout=subprocess.DEVNULL, stderr=log, stdin=subprocess.DEVNULL)
    visits = ws / "records/visits"
    _kill_when(proc, lambda: visits.is_dir() and any(visits.rglob("*.yaml")), limit=120)
    log.close()
    # killed part-way through moving files in: the next command finishes the import (all or nothing)
    r = subprocess.run(_nitet("-C", str(ws), "--no-input", "check"), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "เขียนต่อจนครบแล้ว" in r.stderr
    assert _all_whole(ws) == 1001


# --------------------------------------------------------------------------- unwritable workspace


def _add_school(ws: Path) -> object:
    return make_runner(ws)("school", "add", "--code", "1063020131", "--name", "โรงเรียนบ้านใหม่",
                           "--district", "แม่สอด")


def test_a_read_only_file_system_gives_a_clear_message(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a read-only mount (EROFS). Root ignores chmod, so the failure is injected where
    nitet creates its temp file; everything above it (writer, command, exit code) is real."""
    import tempfile

    def read_only(*a: object, **k: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    r = _add_school(ws)
    assert r.exit_code == 1  # type: ignore[attr-defined]
    assert "เขียนไฟล์" in r.stderr and "ไม่ได้" in r.stderr  # type: ignore[attr-defined]
    assert "อ่านได้อย่างเดียว" in r.stderr  # type: ignore[attr-defined]
    assert not (ws / "records/schools/1063020131.yaml").exists()


def test_a_blocked_folder_gives_a_clear_message(ws: Path) -> None:
    """records/schools is a file, not a folder: nitet cannot create the record there (works as root)."""
    target = ws / "records/schools"
    for p in target.iterdir():
        p.unlink()
    target.rmdir()
    target.write_text("", encoding="utf-8")
    r = _add_school(ws)
    assert r.exit_code == 1  # type: ignore[attr-defined]
    assert "records/schools/1063020131.yaml" in r.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in r.stderr  # type: ignore[attr-defined]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_a_folder_without_write_permission_gives_a_clear_message(ws: Path) -> None:
    target = ws / "records/schools"
    target.chmod(0o555)
    try:
        r = _add_school(ws)
    finally:
        target.chmod(0o755)
    assert r.exit_code == 1  # type: ignore[attr-defined]
    assert "เขียนไฟล์" in r.stderr  # type: ignore[attr-defined]


def test_check_still_works_in_a_read_only_subprocess_run(ws: Path) -> None:
    """The whole CLI on an unwritable state folder: check reports, exit code stays meaningful."""
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    (ws / ".nitet").mkdir(exist_ok=True)
    (ws / ".nitet/records.cache").mkdir()  # cannot be replaced by a file
    code = textwrap.dedent("""
        import sys
        from nitet.cli import main
        sys.argv = ["nitet", "-C", sys.argv[1], "check"]
        main()
    """)
    r = subprocess.run([sys.executable, "-c", code, str(ws)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "ไม่พบปัญหา" in r.stderr
    assert [p.name for p in (ws / ".nitet").iterdir() if p.name.endswith(".data")] == []  # nothing orphaned
