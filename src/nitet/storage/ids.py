"""Where each kind of record lives, and its id (= file stem)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nitet.core.thai import fiscal_year
from nitet.storage.workspace import Workspace
from nitet.storage.writer import short_token


def school_path(ws: Workspace, code: str) -> Path:
    return ws.records_dir / "schools" / f"{code}.yaml"


def visit_path(ws: Workspace, day: date, school: str, token: str | None = None) -> Path:
    """``records/visits/<FY>/<date>-<school>-<token>.yaml``: two clones never collide."""
    return ws.records_dir / "visits" / str(fiscal_year(day)) / \
        f"{day.isoformat()}-{school}-{token or short_token()}.yaml"


def case_path(ws: Workspace, workflow: str, fy: int, token: str | None = None) -> Path:
    return ws.records_dir / "cases" / str(fy) / f"{workflow}-{fy}-{token or short_token()}.yaml"


def plan_path(ws: Workspace, plan_id: str) -> Path:
    return ws.records_dir / "plans" / f"{plan_id}.yaml"


def screening_path(ws: Workspace, school: str, academic_year: int, semester: int, grade: int) -> Path:
    """Deterministic: the same school, year, semester and grade is the same record."""
    return ws.records_dir / "screenings" / str(academic_year) / \
        f"{school}-{academic_year}-{semester}-p{grade}.yaml"


def target_path(ws: Workspace, fiscal_year: int, project: str) -> Path:
    """``records/targets/<FY>/<project>-<FY>.yaml``: one list per project and fiscal year."""
    return ws.records_dir / "targets" / str(fiscal_year) / f"{project}-{fiscal_year}.yaml"
