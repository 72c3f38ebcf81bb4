"""Pydantic models of every record kind (SPEC §2), with Thai titles for schemas and editors."""

from __future__ import annotations

from .base import Record
from .case import Case
from .config import Config
from .plan import Plan
from .school import School
from .screening import Screening
from .visit import Visit
from .workflow import Workflow

#: Record kinds by their folder under ``records/``.
RECORD_KINDS: dict[str, type[Record]] = {
    cls.FOLDER: cls for cls in (School, Visit, Case, Plan, Screening)
}
#: Every kind by its singular name (``visit``), workflows included.
KINDS: dict[str, type[Record]] = {
    cls.KIND: cls for cls in (School, Visit, Case, Plan, Screening, Workflow)
}

__all__ = ["KINDS", "RECORD_KINDS", "Case", "Config", "Plan", "Record", "School", "Screening",
           "Visit", "Workflow"]
