"""The record cache (.nitet/records.cache): used when nothing changed, never trusted otherwise.

A repeated ``nitet check`` must give exactly what a run without the cache gives — after a
file is edited (even to the same size with its mtime put back), added, deleted or copied, after
nitet.yaml changes, with a cache that is corrupt, truncated or from another nitet version,
and when two nitet processes run at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import msgpack
import pytest

import nitet.checks
from conftest import make_runner
from nitet.storage import cache
from nitet.storage import loader as store
from nitet.storage.workspace import open_workspace

SCHOOL = 'code: "1063020130"\nname: โรงเรียนบ้านทดสอบ\n'
VISIT = 'date: 2026-11-25\nschool: "1063020130"\nfindings: ครูเตรียมการสอนดี\n'


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust files written a moment ago (normally files younger than 1 s are re-read)."""
    monkeypatch.setattr(store, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The relative paths nitet parses (not taken from the cache), run by run."""
    seen: list[str] = []
    real = store.process

    def counting(job: tuple[str, str, str]) -> Any:
        seen.append(job[1])
        return real(job)

    monkeypatch.setattr(store, "process", counting)
    return seen


def _lay_out(ws: Path, visits: int = 3) -> list[Path]:
    (ws / "records/schools/1063020130.yaml").write_text(SCHOOL, encoding="utf-8")
    d = ws / "records/visits/2570"
    d.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(visits):
        p = d / f"2026-11-25-1063020130-00000{i}.yaml"
        p.write_text(VISIT, encoding="utf-8")
        paths.append(p)
    return paths


def _check(ws: Path, *extra: str) -> list[str]:
    r = make_runner(ws)("check", "--json", *extra)
    return sorted(f"{f['file']}:{f['line']}:{f['column']}:{f['check']}" for f in r.json()["findings"])


def _cache_file(ws: Path) -> Path:
    return ws / ".nitet" / cache.NAME


def test_second_run_reads_nothing_and_gives_the_same_findings(ws: Path, settled: None, reads: list[str]) -> None:
    _lay_out(ws)
    (ws / "records/visits/2570/bad.yaml").write_text("date: 2026-13-01\nschool: '1063020130'\n", encoding="utf-8")
    first = _check(ws)
    assert "records/visits/2570/bad.yaml" in reads
    reads.clear()
    assert _check(ws) == first == ["records/visits/2570/bad.yaml:1:7:invalid-date"]
    assert reads == []


def test_edit_to_the_same_size_with_mtime_put_back_is_seen(ws: Path, settled: None) -> None:
    [visit, *_] = _lay_out(ws)
    assert _check(ws) == []
    before = os.stat(visit)
    time.sleep(0.05)  # past the file system's timestamp granularity
    text = VISIT.replace("2026-11-25", "2026-13-25")
    assert len(text.encode()) == before.st_size
    visit.write_text(text, encoding="utf-8")
    os.utime(visit, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(visit).st_mtime_ns == before.st_mtime_ns
    assert _check(ws) == [f"{visit.relative_to(ws).as_posix()}:1:7:invalid-date"]


def test_a_file_written_just_now_is_not_trusted_to_the_cache(ws: Path) -> None:
    """Racy files: an edit inside the timestamp granularity may not change (size, mtime, ctime)."""
    [visit, *_] = _lay_out(ws)
    assert _check(ws) == []
    snap = cache.read(open_workspace(ws), store._fingerprint())
    assert snap is not None
    assert visit.relative_to(ws).as_posix() not in snap.keys
    visit.write_text(VISIT.replace("2026-11-25", "2026-13-25"), encoding="utf-8")  # at once
    assert _check(ws) == [f"{visit.relative_to(ws).as_posix()}:1:7:invalid-date"]


def test_added_copied_and_deleted_files_change_the_cross_record_findings(ws: Path, settled: None) -> None:
    [visit, *_] = _lay_out(ws)
    assert _check(ws) == []
    copy = ws / "records/visits/2569" / visit.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(visit.read_bytes())
    rel_a, rel_b = visit.relative_to(ws).as_posix(), copy.relative_to(ws).as_posix()
    assert _check(ws) == [f"{rel_b}:1:1:duplicate-id", f"{rel_a}:1:1:duplicate-id"]
    assert _check(ws) == [f"{rel_b}:1:1:duplicate-id", f"{rel_a}:1:1:duplicate-id"]
    copy.unlink()
    assert _check(ws) == []
    (ws / "records/schools/1063020130.yaml").unlink()
    assert len(_check(ws)) == 3  # every visit now names an unknown school


def test_changing_nitet_yaml_reruns_the_cross_record_checks(ws: Path, settled: None) -> None:
    _lay_out(ws)
    assert _check(ws) == []
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("school_key: moe", "school_key: smis"),
                   encoding="utf-8")
    assert _check(ws) == ["records/schools/1063020130.yaml:1:7:school-code"]


def _spoil(ws: Path, kind: str) -> None:
    """Damage the cache (index or data file) the way ``kind`` says."""
    import random

    index = _cache_file(ws)
    good = msgpack.unpackb(index.read_bytes())
    data = ws / ".nitet" / f"records-{good['data']}.data"
    rng = random.Random(7)
    if kind == "random":
        index.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    elif kind == "truncated":
        index.write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    elif kind == "empty":
        index.write_bytes(b"")
    elif kind == "old-format":
        index.write_bytes(msgpack.packb({"fp": "x", "files": {"records/a.yaml": [[1, 2, 3], "visit", "a", {}, []]}}))
    elif kind == "wrong-shape":
        index.write_bytes(msgpack.packb({**good, "keys": [1, 2], "findings": "x", "data": 5}))
    elif kind == "a-list":
        index.write_bytes(msgpack.packb([1, 2, 3]))
    elif kind == "data-random":
        data.write_bytes(b"\xc1\xc1" + bytes(rng.randrange(256) for _ in range(100)))
    elif kind == "data-truncated":
        data.write_bytes(data.read_bytes()[:1000])
    elif kind == "data-missing":
        data.unlink()
    elif kind == "data-other-files":
        data.write_bytes(msgpack.packb({}))
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["random", "truncated", "empty", "old-format", "wrong-shape", "a-list",
                                  "data-random", "data-truncated", "data-missing", "data-other-files"])
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(ws: Path, settled: None, kind: str) -> None:
    [visit, *_] = _lay_out(ws)
    (ws / "records/visits/2570/bad.yaml").write_text("date: 2026-13-01\nschool: '1063020130'\n", encoding="utf-8")
    expected = _check(ws, "--no-cache")
    _check(ws)
    _spoil(ws, kind)
    assert _check(ws) == expected
    loaded = store.load(open_workspace(ws))
    assert [e.id for e in loaded.of("visit")] == sorted(p.stem for p in visit.parent.glob("2026-*.yaml"))
    snap = cache.read(open_workspace(ws), store._fingerprint())
    assert snap is not None
    assert sorted(r for r in snap.results() if r.startswith("records/")) == sorted(
        p.relative_to(ws).as_posix() for p in (ws / "records").rglob("*.yaml"))  # rebuilt, whole


def test_data_files_no_index_names_are_removed_after_a_grace_period(ws: Path, settled: None,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    [visit, *_] = _lay_out(ws)
    _check(ws)
    visit.write_text(VISIT + "note: แก้ไข\n", encoding="utf-8")
    _check(ws)
    assert len(list((ws / ".nitet").glob("records-*.data"))) == 2  # the last one may be another run's
    monkeypatch.setattr(cache, "GRACE_SECONDS", -1.0)
    visit.write_text(VISIT, encoding="utf-8")
    _check(ws)
    index = msgpack.unpackb(_cache_file(ws).read_bytes())
    assert [p.name for p in (ws / ".nitet").glob("records-*.data")] == [f"records-{index['data']}.data"]


def test_a_cache_from_another_nitet_version_is_not_used(ws: Path, settled: None, reads: list[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _lay_out(ws)
    _check(ws)
    reads.clear()
    monkeypatch.setattr(store, "__version__", "99.0")
    assert _check(ws) == []
    assert len([r for r in reads if r.startswith("records/")]) == 4


def test_the_cache_language_follows_the_run(ws: Path, settled: None) -> None:
    _lay_out(ws)
    (ws / "records/visits/2570/bad.yaml").write_text("date: 2026-13-01\nschool: '1063020130'\n", encoding="utf-8")
    th = make_runner(ws)("check", "--json").json()["findings"][0]["message"]
    en = make_runner(ws)("check", "--json", lang="en").json()["findings"][0]["message"]
    assert th.startswith("วันที่ไม่ถูกต้อง")
    assert en.startswith("invalid date")


def test_the_cache_stays_out_of_git(ws: Path) -> None:
    _lay_out(ws)
    _check(ws)
    assert _cache_file(ws).is_file()
    assert (ws / ".nitet/.gitignore").read_text(encoding="utf-8") == "*\n"
    assert ".nitet/" in (ws / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_a_read_only_state_folder_runs_without_a_cache(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing the cache fails (as in a read-only checkout): check still reports everything."""
    _lay_out(ws)
    (ws / "records/visits/2570/bad.yaml").write_text("date: 2026-13-01\nschool: '1063020130'\n", encoding="utf-8")

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Read-only file system", str(path))

    monkeypatch.setattr(cache, "atomic_write_bytes", refuse)
    assert _check(ws) == ["records/visits/2570/bad.yaml:1:7:invalid-date"]
    assert not _cache_file(ws).exists()


def test_two_checks_at_once_agree_and_leave_a_whole_cache(ws: Path) -> None:
    """Both processes write a complete cache by atomic rename; the last one wins."""
    paths = _lay_out(ws, visits=450)  # above the parallel threshold: both use worker processes
    paths[0].write_text("date: 2026-13-01\nschool: '1063020130'\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "nitet", "-C", str(ws), "check", "--json"]
    for _ in range(2):
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [1, 1]
        assert outs[0][0] == outs[1][0]
        assert '"invalid-date"' in outs[0][0]
    snap = cache.read(open_workspace(ws), store._fingerprint())
    assert snap is not None
    assert snap.results().keys() == snap.keys.keys()  # whole: every key has its record
    assert _check(ws) == _check(ws, "--no-cache") == [f"{paths[0].relative_to(ws).as_posix()}:1:7:invalid-date"]
    assert not [p for p in (ws / ".nitet").iterdir() if p.name.endswith(".tmp")]


def test_an_evidence_file_deleted_or_put_back_changes_the_cached_findings(ws: Path, settled: None) -> None:
    """Evidence files are not records, but missing-evidence depends on them: the cached
    cross-record findings hold only while every evidence file is as it was."""
    run = make_runner(ws)
    (ws / "evidence").mkdir()
    proof = ws / "evidence/รายงาน.pdf"
    proof.write_bytes(b"%PDF")
    started = run("flow", "start", "career-teacher", "--title", "พัฒนาครู", "--fy", "2569", "--date", "2025-10-01")
    case = started.stdout.strip()
    assert run("flow", "advance", case, "--evidence", "evidence/รายงาน.pdf", "--date", "2025-10-02").exit_code == 0
    rel = f"records/cases/2569/{case}.yaml"
    assert _check(ws) == [] and _check(ws) == []
    proof.unlink()
    [finding] = _check(ws)
    assert finding.startswith(f"{rel}:") and finding.endswith(":missing-evidence")
    assert _check(ws) == [finding]  # from the cache, still right
    proof.write_bytes(b"%PDF")
    assert _check(ws) == []


def test_a_git_commit_does_not_redo_the_cross_record_checks_of_a_workspace_without_evidence(
        ws: Path, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    _lay_out(ws)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(ws)]
    subprocess.run([*git, "init", "-q"], check=True)
    assert _check(ws) == []
    runs: list[int] = []
    real = nitet.checks.run_checks
    monkeypatch.setattr(nitet.checks, "run_checks", lambda loaded: runs.append(1) or real(loaded))
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True)
    assert _check(ws) == [] and runs == []  # the index changed, nothing the checks read did
