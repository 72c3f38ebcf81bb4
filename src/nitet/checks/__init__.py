"""Cross-record checks. Each check is a plain function ``(loaded) -> list[Problem]``.

:func:`load_checked` is the pipeline ``nitet check`` runs: load every record (storage), then
look across them (here); the loader caches both without importing this package.

Add a check by writing a function in a module here and listing it in :data:`CHECKS`. A check
that crashes becomes a finding (``internal``), never a crash of ``nitet check``.
"""

from __future__ import annotations

import traceback
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from nitet.checks import duplicates, evidence, flows, ids, pdpa, people, plans, refs, targets
from nitet.core.findings import ERROR, Finding, Problem
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded
    from nitet.storage.workspace import Workspace

Check = Callable[["Loaded"], list[Problem]]

CHECKS: list[Check] = [
    ids.duplicate_ids,
    ids.school_key_length,
    refs.school_refs,
    refs.workflow_refs,
    refs.case_refs,
    refs.project_refs,
    people.roster,
    plans.plan_records,
    targets.target_lists,
    flows.case_steps,
    flows.evidence_in_git,
    pdpa.personal_data,
    duplicates.duplicate_visits,
    evidence.stored_evidence,
]


def load_checked(ws: Workspace, *, use_cache: bool = True, staged: bool = False) -> Loaded:
    """Every record of ``ws`` with every finding: each file's own and those across records.

    ``staged``: the record files a commit would hold, as staged (:mod:`nitet.storage.staged`);
    what is left uncommitted is then the commit's business, not a finding.
    """
    from nitet.checks.gitstate import uncommitted
    from nitet.storage.loader import load

    if staged:
        from nitet.storage.staged import staged_files

        return load(ws, use_cache=use_cache, checks=run_checks, only=staged_files(ws))
    loaded = load(ws, use_cache=use_cache, checks=run_checks)
    left = uncommitted(ws)  # git's state, not the files': never cached
    if left:
        loaded.findings = sorted([*loaded.findings, *left], key=Finding.sort_key)
    return loaded


def run_checks(loaded: Loaded) -> list[Finding]:
    from nitet.storage.validate import resolve_positions

    problems: list[Problem] = []
    out: list[Finding] = []
    for check in CHECKS:
        try:
            problems.extend(check(loaded))
        except Exception:
            out.append(Finding(
                "nitet.yaml", 1, 1, "internal", ERROR,
                t("การตรวจ {c} ขัดข้อง (ข้อบกพร่องของ nitet)", "check {c} crashed (a bug in nitet)",
                  c=getattr(check, "__name__", "?")),
                traceback.format_exc(limit=3).strip().splitlines()[-1]))
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_file[p.file].append(p)
    root = loaded.ws.root
    for rel, ps in by_file.items():
        path = Path(rel) if rel.startswith("<") else root / rel
        if rel.startswith("<nitet>/"):
            from nitet.storage.workspace import DEFAULTS_DIR

            path = DEFAULTS_DIR / rel[len("<nitet>/"):]
        out.extend(resolve_positions(path, ps))
    return out
