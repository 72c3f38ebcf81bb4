"""What a report reads: one workspace's records, or several supervisors' side by side.

Entries keep the workspace they came from. Across workspaces a record with the same kind and id
and the same data is one record seen twice — two clones of one office repository, or a folder
given twice — and counts once. The same id with other data is counted in each workspace (two
supervisors may both name a plan ``dltv-2570``) and :meth:`Sources.notes` says so, since it may
also be a clone that is not pulled yet. Schools are merged by their key (``code``): the first
workspace that names a field wins.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded
    from nitet.storage.workspace import Workspace


@dataclass
class Sources:
    loads: list[Loaded]
    _schools: dict[str, dict[str, Any]] | None = field(default=None, repr=False)
    _unique: dict[str, list[tuple[Loaded, Entry]]] = field(default_factory=dict, repr=False)
    _same: dict[str, int] = field(default_factory=dict, repr=False)        # kind → copies counted once
    _differ: dict[str, list[str]] = field(default_factory=dict, repr=False)  # kind → ids with other data
    #: where the person reporting is asked (``storage.identity``): the workspace itself, or — for records
    #: read as they were at a past revision (``--as-of``) — the live workspace they were taken from
    who: Workspace | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        kept: dict[Any, Loaded] = {}
        for loaded in self.loads:  # a folder given twice is read once
            kept.setdefault(loaded.ws.root.resolve(), loaded)
        self.loads = list(kept.values())

    @property
    def ws(self) -> Workspace:
        """The workspace whose settings (office, title, digits, reporter) the report uses."""
        return self.loads[0].ws

    @property
    def several(self) -> bool:
        return len(self.loads) > 1

    def label(self, loaded: Loaded) -> str:
        """How a workspace is named in a combined report: its supervisor (``storage.identity``:
        the clone's own name first), else its folder."""
        from nitet.storage.identity import supervisor

        return supervisor(loaded.ws) or loaded.ws.root.name

    def reporter(self) -> str | None:
        """Who reports (ผู้รายงาน): ``report.reporter`` of nitet.yaml when the office fixed one, else
        the supervisor of this clone (``storage.identity``) — not whoever ran ``nitet init``."""
        from nitet.storage.identity import supervisor

        return self.ws.config.report.reporter or supervisor(self.who or self.ws) or None

    def reporter_position(self, reporter: str | None) -> str | None:
        """The reporter's position: theirs on the office's roster, else ``report.reporter_position``."""
        from nitet.core.people import person_key

        cfg = self.ws.config
        if reporter:
            for m in cfg.roster():
                if m.position and person_key(m.name) == person_key(reporter):
                    return m.position
        return cfg.report.reporter_position

    def entries(self, kind: str) -> Iterator[tuple[Loaded, Entry]]:
        if not self.several:
            for e in self.loads[0].of(kind):
                yield self.loads[0], e
            return
        if kind not in self._unique:
            first: dict[str, Entry] = {}
            out: list[tuple[Loaded, Entry]] = []
            for loaded in self.loads:
                for e in loaded.of(kind):
                    seen = first.setdefault(e.id, e)
                    if seen is e:
                        out.append((loaded, e))
                    elif seen.data == e.data:
                        self._same[kind] = self._same.get(kind, 0) + 1
                    else:
                        self._differ.setdefault(kind, []).append(e.id)
                        out.append((loaded, e))
            self._unique[kind] = out
        yield from self._unique[kind]

    def notes(self) -> list[str]:
        """What combining the workspaces did with records found in more than one (for stderr)."""
        from nitet.core.i18n import t

        out = []
        same = sum(self._same.values())
        if same:
            out.append(t("นับ {n} ระเบียนที่มีเหมือนกันในหลายพื้นที่ทำงาน (เช่น สำเนา git ของคลังเดียวกัน) เพียงครั้งเดียว",
                         "{n} records found alike in several workspaces (clones of one repository, say) counted once",
                         n=same))
        ids = sorted({i for v in self._differ.values() for i in v})
        if ids:
            shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
            out.append(t("คำเตือน: {ids} มีในหลายพื้นที่ทำงานแต่ข้อมูลต่างกัน จึงนับแยกแต่ละพื้นที่ — ถ้าเป็นสำเนาของคลังเดียวกัน "
                         "ให้ git pull ให้ตรงกันแล้วออกรายงานใหม่",
                         "warning: {ids} appear in several workspaces with different data, so each is counted — if they "
                         "are clones of one repository, git pull them level and report again", ids=shown))
        return out

    def schools(self) -> dict[str, dict[str, Any]]:
        """Every school by key, merged across workspaces."""
        if self._schools is None:
            merged: dict[str, dict[str, Any]] = {}
            for _, e in self.entries("school"):
                have = merged.setdefault(e.id, {})
                for k, v in e.data.items():
                    have.setdefault(k, v)
            self._schools = merged
        return self._schools

    def school_name(self, key: str) -> str:
        return str(self.schools().get(key, {}).get("name", key))

    def problem_files(self) -> int:
        """How many files have errors that leave their records out of the report."""
        return sum(len(loaded.left_out()) for loaded in self.loads)


def as_sources(data: Loaded | Sequence[Loaded] | Sources) -> Sources:
    if isinstance(data, Sources):
        return data
    if isinstance(data, Sequence):
        if not data:
            raise ValueError("a report needs at least one workspace")
        return Sources(list(data))
    return Sources([data])


def thai_sorted(items: Sequence[Any], key: Any) -> list[Any]:
    """``items`` in Thai dictionary order of ``key(item)`` (PyThaiNLP collate)."""
    from nitet.domain.schools import thai_sort_key

    texts = [str(key(i)) for i in items]
    order = thai_sort_key(texts)
    return sorted(items, key=lambda i: order(str(key(i))))
