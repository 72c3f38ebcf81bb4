"""Which visit a visit record records: the same date, school and teacher (name, subject, grade).

Two records with the same key are one visit written twice (typed with ``visit add`` and imported
from a sheet, or added in two clones and merged). An imported row's file is named by the key's
short hash (:func:`visit_identity`), ``visit add`` warns when it saves one again and ``nitet check``
flags every pair (``duplicate-visit``). Pure functions: no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

_SPACES = re.compile(r"[\s()]+")


def identity_key(s: str) -> str:
    """Text as compared for identity: no spaces or brackets, lower case."""
    return _SPACES.sub("", s).lower()


def visit_key(data: Mapping[str, Any]) -> tuple[str, ...]:
    """Date, school, and the first supervisee's name, subject and grade (or, without one, the
    first topic), compared without spaces, brackets or case."""
    people = data.get("supervisees") or []
    first = people[0] if people and isinstance(people[0], Mapping) else None
    topics = data.get("topics") or [""]
    who = (first.get("name"), first.get("subject"), first.get("grade")) if first else (str(topics[0]),)
    return (str(data.get("date")), str(data.get("school")), *(identity_key(str(w or "")) for w in who))


def visit_identity(data: Mapping[str, Any]) -> str:
    """:func:`visit_key` as a six-hex-digit token (an imported row's file is named by it)."""
    return hashlib.sha1("|".join(visit_key(data)).encode()).hexdigest()[:6]
