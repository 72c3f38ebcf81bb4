"""Start-up stays light: ``import nitet.cli`` loads no openpyxl, jinja2 or pythainlp.

Checked in a fresh interpreter (a subprocess), because this test process has long imported
them for other tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("openpyxl", "jinja2", "pythainlp")


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(m for m in sys.modules)))"
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return set(r.stdout.split())


def test_import_cli_loads_no_heavy_library() -> None:
    mods = _loaded_after("import nitet.cli")
    assert "nitet.cli" in mods
    heavy = sorted(m for m in mods if m.split(".")[0] in HEAVY)
    assert heavy == []


def test_the_probe_would_notice_a_heavy_import() -> None:
    mods = _loaded_after("import nitet.cli, jinja2")
    assert "jinja2" in mods


def test_help_builds_without_heavy_libraries() -> None:
    code = ("import sys\nsys.argv = ['nitet', '--help']\nfrom nitet.cli import app\n"
            "try:\n    app(prog_name='nitet')\nexcept SystemExit:\n    pass")
    mods = _loaded_after(code)
    assert sorted(m for m in mods if m.split(".")[0] in HEAVY) == []


def _run_cli(args: list[str]) -> str:
    return ("import sys\n"
            f"sys.argv = ['nitet', *{args!r}]\n"
            "from nitet.cli import app\n"
            "try:\n    app(prog_name='nitet')\nexcept SystemExit:\n    pass")


def test_help_imports_no_command_module() -> None:
    mods = _loaded_after(_run_cli(["--help"]))
    assert sorted(m for m in mods if m.startswith("nitet.commands.")) == []


def test_a_command_imports_only_its_own_module(ws: Path) -> None:
    mods = _loaded_after(_run_cli(["-C", str(ws), "check"]))
    assert sorted(m for m in mods if m.startswith("nitet.commands.")) == ["nitet.commands.check"]


def test_a_mistyped_command_is_still_suggested() -> None:
    r = subprocess.run([sys.executable, "-m", "nitet", "vistt"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "visit" in r.stderr


def test_completion_options_are_offered_once_at_the_top() -> None:
    from typer.testing import CliRunner

    from nitet.cli.root import app

    top = CliRunner().invoke(app, ["--help"], prog_name="nitet", env={"COLUMNS": "200"})
    group = CliRunner().invoke(app, ["report", "--help"], prog_name="nitet", env={"COLUMNS": "200"})
    assert "--install-completion" in top.stdout
    assert "--install-completion" not in group.stdout and "krs" in group.stdout
