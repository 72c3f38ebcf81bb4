"""Pydantic models of every record kind (SPEC §2), with Thai titles for schemas and editors.

The models are imported on first use (``nitet.model.Visit``, ``from nitet.model import KINDS``):
building pydantic classes costs tens of milliseconds, and a repeated ``nitet check`` answered
from the cache needs none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nitet.model.base import Record
    from nitet.model.case import Case
    from nitet.model.config import Config
    from nitet.model.plan import Plan
    from nitet.model.school import School
    from nitet.model.screening import Screening
    from nitet.model.target import TargetList
    from nitet.model.visit import Visit
    from nitet.model.workflow import Workflow

    #: Record kinds by their folder under ``records/``.
    RECORD_KINDS: dict[str, type[Record]]
    #: Every kind by its singular name (``visit``), workflows included.
    KINDS: dict[str, type[Record]]

_MODULES = {"Record": "base", "Case": "case", "Config": "config", "Plan": "plan", "School": "school",
            "Screening": "screening", "TargetList": "target", "Visit": "visit", "Workflow": "workflow"}

__all__ = ["KINDS", "RECORD_KINDS", "Case", "Config", "Plan", "Record", "School", "Screening",
           "TargetList", "Visit", "Workflow"]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)
    elif name == "RECORD_KINDS":
        value = {cls.FOLDER: cls for cls in (__getattr__(n) for n in ("School", "Visit", "Case", "Plan", "Screening",
                                                                      "TargetList"))}
    elif name == "KINDS":
        value = {cls.KIND: cls for cls in (__getattr__(n) for n in ("School", "Visit", "Case", "Plan", "Screening",
                                                                      "TargetList", "Workflow"))}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
