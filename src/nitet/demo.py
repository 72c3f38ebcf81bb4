"""Sample records for ``nitet init --demo``: fictional schools with real-looking codes."""

from __future__ import annotations

from .workspace import Workspace


def write_demo(ws: Workspace) -> None:
    """Placeholder filled in by later work: schools, visits, a plan and a case."""
