"""Workspace, init, schemas, flow list, exit codes: the ground every command stands on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import make_runner
from nitet.domain.initialize import create_workspace


def test_init_lays_out_a_workspace_without_prompting(tmp_path: Path) -> None:
    r = make_runner(tmp_path)("init", "new", "--office", "สพป.ตาก เขต ๒", input="")
    assert r.exit_code == 0, r.stderr
    root = tmp_path / "new"
    for sub in ("records/schools", "records/visits", "records/cases", "records/plans",
                "records/screenings", "workflows", "templates", "schemas"):
        assert (root / sub).is_dir(), sub
    assert (root / ".gitignore").read_text(encoding="utf-8").count(".nitet/") == 1
    assert "office: สพป.ตาก เขต ๒" in (root / "nitet.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (root / "workflows").glob("*.yaml"))[:4] == [
        "area-supervision.yaml", "career-teacher.yaml", "internal-supervision.yaml", "krs-report.yaml"]
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/visit.schema.json"] == ["records/visits/**/*.yaml"]
    check = make_runner(root)("check")
    assert check.exit_code == 0 and check.stdout == ""


def test_init_refuses_to_overwrite_an_existing_workspace(ws: Path) -> None:
    before = (ws / "nitet.yaml").read_text(encoding="utf-8")
    r = make_runner(ws)("init")
    assert r.exit_code == 2
    assert "nitet.yaml" in r.stderr
    assert (ws / "nitet.yaml").read_text(encoding="utf-8") == before


def test_flow_list_shows_the_manual_processes(run) -> None:
    r = run("flow", "list", "--json")
    assert r.exit_code == 0
    steps = {w["id"]: w["steps"] for w in r.json()}
    assert steps["media-innovation"] == 7
    assert steps["media-research"] == 5
    assert steps["career-teacher"] == 5
    assert steps["area-supervision"] == 5
    titles = {w["id"]: w["title"] for w in r.json()}
    assert titles["area-supervision"] == "การนิเทศแบบบูรณาการโดยใช้พื้นที่เป็นฐานเพื่อการพัฒนาคุณภาพการศึกษา"


def test_area_supervision_has_the_tables_sub_steps(ws: Path) -> None:
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    wf = load(open_workspace(ws)).workflows()["area-supervision"]
    ids = [s.id for s, _ in wf.walk()]
    assert ids == ["1", "2", "3", "4", "4.1", "4.2", "4.2.1", "4.2.2", "5"]
    assert "DLTV" in (wf.step("4.2.1").title if wf.step("4.2.1") else "")
    assert len(wf.roles) == 6


def test_workspace_workflow_overrides_builtin(ws: Path, run) -> None:
    (ws / "workflows/career-teacher.yaml").write_text(
        "id: career-teacher\ntitle: งานพัฒนาครูการงานอาชีพ (ฉบับเขต)\nsteps:\n  - id: '1'\n    title: ขั้นเดียว\n",
        encoding="utf-8")
    steps = {w["id"]: w["steps"] for w in run("flow", "list", "--json").json()}
    assert steps["career-teacher"] == 1


def test_schema_writes_and_checks(ws: Path, run) -> None:
    assert run("schema", "--check").exit_code == 0
    visit = json.loads((ws / "schemas/visit.schema.json").read_text(encoding="utf-8"))
    assert visit["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert visit["properties"]["date"]["title"] == "วันที่นิเทศ"
    assert "ไทย" not in (ws / "schemas/visit.schema.json").read_text(encoding="utf-8")[:0]
    (ws / "schemas/visit.schema.json").write_text("{}", encoding="utf-8")
    r = run("schema", "--check")
    assert r.exit_code == 1 and "schemas/visit.schema.json" in r.stdout
    assert run("schema").exit_code == 0
    assert run("schema", "--check").exit_code == 0


def test_no_workspace_is_a_usage_error(tmp_path: Path) -> None:
    r = make_runner(tmp_path)("check")
    assert r.exit_code == 2
    assert "nitet init" in r.stderr


def test_workspace_is_found_from_a_subfolder(ws: Path) -> None:
    r = make_runner(ws / "records" / "visits")("flow", "list", "--json")
    assert r.exit_code == 0 and len(r.json()) >= 4


def test_invalid_config_is_reported_by_check_and_refused_by_commands(ws: Path) -> None:
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("digits: thai", "digits: roman"), encoding="utf-8")
    run = make_runner(ws)
    r = run("check", "--json")
    assert r.exit_code == 1
    [f] = r.json()["findings"]
    assert (f["file"], f["check"]) == ("nitet.yaml", "invalid")
    assert f["line"] == cfg.read_text(encoding="utf-8").split("\n").index("digits: roman") + 1
    assert run("flow", "list").exit_code == 2


def test_english_messages(tmp_path: Path) -> None:
    r = make_runner(tmp_path)("check", lang="en")
    assert r.exit_code == 2
    assert "no nitet workspace" in r.stderr


def _nitet(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nitet", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=60)


def test_version_and_exit_codes_in_a_real_process(ws: Path, tmp_path: Path) -> None:
    from nitet import __version__

    r = _nitet("--version", cwd=ws)
    assert r.returncode == 0 and r.stdout.strip() == f"nitet {__version__}"
    r = _nitet("check", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = _nitet("no-such-command", cwd=ws)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_a_bug_exits_3_with_a_log_and_no_traceback(ws: Path, tmp_path: Path) -> None:
    # A check that crashes is a finding; a crash elsewhere is exit 3 with a log file.
    code = (
        "import sys; sys.argv=['nitet','-C',sys.argv[1],'check'];"
        "import nitet.checks as s; s.load_checked=lambda *a,**k: 1/0;"
        "from nitet.cli import main; main()"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    r = subprocess.run([sys.executable, "-c", code, str(ws)], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 3
    assert "Traceback" not in r.stderr
    logs = list((tmp_path / "state" / "nitet").glob("crash-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in r.stderr


def test_demo_workspace_is_clean(tmp_path: Path) -> None:
    create_workspace(tmp_path / "d", office="", supervisor="", demo=True)
    r = make_runner(tmp_path / "d")("check")
    assert r.exit_code == 0, r.stdout
