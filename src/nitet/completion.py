"""Shell completion of values from the workspace (school codes, case ids, ...).

Used as ``typer.Option(..., autocompletion=complete_school)``. Must never raise.
"""

from __future__ import annotations


def complete_school(incomplete: str) -> list[tuple[str, str]]:
    return []


def complete_case(incomplete: str) -> list[tuple[str, str]]:
    return []


def complete_workflow(incomplete: str) -> list[tuple[str, str]]:
    return []


def complete_plan(incomplete: str) -> list[tuple[str, str]]:
    return []
