"""Start-up stays light: ``import nitet.cli`` loads no openpyxl, jinja2 or pythainlp.

Checked in a fresh interpreter (a subprocess), because this test process has long imported
them for other tests.
"""

from __future__ import annotations

import subprocess
import sys

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
