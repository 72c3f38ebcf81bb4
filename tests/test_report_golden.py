"""Reports of the demo workspace compared with golden Markdown files (reviewed by eye).

Regenerate after an intended change with ``NITET_UPDATE_GOLDEN=1 pytest tests/test_report_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import make_runner
from test_report_screening import qa_workspace

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "krs-2569-q1.md": ("report", "krs", "--fy", "2569", "--quarter", "1"),
    "krs-2569-q2.md": ("report", "krs", "--fy", "2569", "--quarter", "2"),
    "krs-2569-q2-cumulative.md": ("report", "krs", "--fy", "2569", "--quarter", "2", "--cumulative"),
    "visits-2569-q1.md": ("report", "visits", "--fy", "2569", "--quarter", "1"),
    "screening-2568.md": ("report", "screening", "--academic-year", "2568"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, demo_ws: Path) -> None:
    r = make_runner(demo_ws)(*CASES[name], "--date", "2026-01-10")
    assert r.exit_code == 0, r.stderr
    path = GOLDEN / name
    if os.environ.get("NITET_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == path.read_text(encoding="utf-8")


def test_golden_screening_blank_aspect(ws: Path) -> None:
    """QA sheet: 9 assessed, one left เขียนเรื่อง blank in semester 2 (0/2/2/4): that aspect's base is 8."""
    r = make_runner(qa_workspace(ws))("report", "screening", "--academic-year", "2569", "--date", "2026-01-10")
    assert r.exit_code == 0, r.stderr
    path = GOLDEN / "screening-blank-aspect.md"
    if os.environ.get("NITET_UPDATE_GOLDEN"):
        path.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == path.read_text(encoding="utf-8")


def test_demo_workspace_checks_clean(demo_ws: Path) -> None:
    r = make_runner(demo_ws)("check", "--json")
    assert r.json() == {"findings": []}
