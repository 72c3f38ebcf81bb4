"""Target schools (โรงเรียนกลุ่มเป้าหมาย) per fiscal year and project, and their coverage by visits.

* A **target list** is ``records/targets/<FY>/<project>-<FY>.yaml`` (:class:`nitet.model.TargetList`):
  the school keys an office set for one project in one fiscal year.
* Where a project has no list for the year, the schools marked ``target: true`` in the registry are
  its targets (the all-project default of ``nitet school add --target``); :func:`targets_for` says
  which source it used.
* **Coverage** of a list over a period: which of its schools had a visit *of that project* dated in
  the period (visited) and which did not yet (not_yet). The all-project default counts visits of any
  project.

Library code: values only, nothing printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded
    from nitet.storage.workspace import Workspace

ALL = "*"  #: the project of the all-project default (schools marked target: true)


@dataclass(frozen=True)
class Targets:
    fiscal_year: int
    project: str             #: a visit project key (dltv), or ALL for the registry's target: true
    schools: tuple[str, ...]  #: school keys, as listed
    source: Literal["list", "flag"]
    path: str | None = None  #: the list's file (workspace-relative), None for the flag default
    title: str | None = None


@dataclass
class Coverage:
    targets: Targets
    visited: list[str] = field(default_factory=list)  #: target schools with a visit of the project in the period
    not_yet: list[str] = field(default_factory=list)  #: the others, in the list's order
    last_visit: dict[str, date] = field(default_factory=dict)  #: latest visit of the project up to the period's end

    @property
    def total(self) -> int:
        return len(self.targets.schools)

    @property
    def percent(self) -> float | None:
        return len(self.visited) / self.total * 100 if self.total else None


def lists_of(entries: Iterable[Any], fy: int) -> dict[str, Targets]:
    """The target lists of fiscal year ``fy`` by project (entries of kind ``target``)."""
    out: dict[str, Targets] = {}
    for e in entries:
        d = e.data
        if d.get("fiscal_year") != fy:
            continue
        project = str(d.get("project", ""))
        schools = tuple(dict.fromkeys(str(s) for s in d.get("schools", [])))
        out.setdefault(project, Targets(fy, project, schools, "list", e.path, d.get("title")))
    return out


def flagged(schools: Iterable[Any]) -> tuple[str, ...]:
    """Keys of the registered schools marked ``target: true`` (school entries)."""
    return tuple(e.id for e in schools if e.data.get("target"))


def targets_for(loaded: Loaded, fy: int, project: str | None) -> Targets | None:
    """The target schools of ``project`` in ``fy``: its list, else the registry's ``target: true``
    schools (None when neither names any)."""
    lists = lists_of(loaded.of("target"), fy)
    if project is not None and project in lists:
        return lists[project]
    marked = flagged(loaded.of("school"))
    return Targets(fy, ALL, marked, "flag") if marked else None


def all_targets(loaded: Loaded, fy: int) -> list[Targets]:
    """Every list of ``fy`` (by project); the flag default alone when the year has no list."""
    lists = lists_of(loaded.of("target"), fy)
    if lists:
        return [lists[p] for p in sorted(lists)]
    marked = flagged(loaded.of("school"))
    return [Targets(fy, ALL, marked, "flag")] if marked else []


def coverage(targets: Targets, visits: Iterable[Mapping[str, Any]], start: date, end: date) -> Coverage:
    """Which target schools had a visit of the project (any project for the flag default) dated
    ``start``..``end``; ``visits`` are visit data (``date`` ISO text, ``school``, ``project``)."""
    wanted = set(targets.schools)
    seen: set[str] = set()
    last: dict[str, date] = {}
    for v in visits:
        school = str(v.get("school", ""))
        if school not in wanted or (targets.project != ALL and v.get("project") != targets.project):
            continue
        day = date.fromisoformat(str(v["date"]))
        if day > end:
            continue
        if day >= start:
            seen.add(school)
        if day > last.get(school, date.min):
            last[school] = day
    return Coverage(targets, [s for s in targets.schools if s in seen],
                    [s for s in targets.schools if s not in seen], last)


def is_target(loaded: Loaded, fy: int, school: str) -> bool:
    """On any target list of ``fy``, or marked ``target: true`` in the registry."""
    e = loaded.index("school").get(school)
    if e is not None and e.data.get("target"):
        return True
    return any(school in x.schools for x in lists_of(loaded.of("target"), fy).values())


# --------------------------------------------------------------------------- changing a list


@dataclass
class Change:
    path: Path
    created: bool
    added: list[str]
    already: list[str]
    removed: list[str]
    absent: list[str]
    schools: list[str]


def check_project(project: str) -> str:
    from nitet.domain.plans import PLAN_ID

    p = project.strip()
    if not PLAN_ID.match(p):
        raise UsageError(t("รหัสโครงการ '{p}' ใช้ไม่ได้", "project key '{p}' is not valid", p=project),
                         t("ใช้รหัสเดียวกับ project ของบันทึกการนิเทศ เช่น dltv หรือ reading",
                           "use the project key of the visits, e.g. dltv or reading"))
    return p


def change_list(ws: Workspace, loaded: Loaded, fy: int, project: str, *, add: Iterable[str] = (),
                remove: Iterable[str] = (), title: str | None = None) -> Change:
    """Add schools to (and remove schools from) the list of ``project`` in ``fy``, creating it when
    needed; keys already resolved (registered schools). Comments of an existing file are kept."""
    from nitet.model import TargetList
    from nitet.storage import ids, writer

    project = check_project(project)
    existing = lists_of(loaded.of("target"), fy).get(project)
    path = ws.root / existing.path if existing and existing.path else ids.target_path(ws, fy, project)
    have = list(existing.schools) if existing else []
    add_keys = list(dict.fromkeys(add))
    drop = list(dict.fromkeys(remove))
    ch = Change(path, existing is None, [k for k in add_keys if k not in have], [k for k in add_keys if k in have],
                [k for k in drop if k in have], [k for k in drop if k not in have], [])
    ch.schools = [k for k in have if k not in ch.removed] + ch.added
    if existing is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer.create(ws, path, TargetList, {"id": path.stem, "fiscal_year": fy, "project": project,
                                             "title": title, "schools": ch.schools})
        return ch
    if not (ch.added or ch.removed or title):
        return ch

    def edit(doc: Any) -> None:
        from nitet.storage.yamlrt import to_commented

        seq = doc.get("schools")
        if seq is None:
            writer.put(doc, TargetList, "schools", list(ch.schools))
        else:
            for i in reversed(range(len(seq))):
                if str(seq[i]) in ch.removed:
                    del seq[i]
            seq.extend(to_commented(list(ch.added)))
        if title:
            writer.put(doc, TargetList, "title", title)

    writer.edit(ws, path, TargetList, edit)
    return ch
