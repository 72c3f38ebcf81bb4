"""What a report reads: one workspace's records, or several supervisors' side by side.

Ids are unique only inside a workspace, so entries keep the workspace they came from; schools
are merged by their key (``code``): the first workspace that names a field wins.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Entry, Loaded
    from ..workspace import Workspace


@dataclass
class Sources:
    loads: list[Loaded]
    _schools: dict[str, dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def ws(self) -> Workspace:
        """The workspace whose settings (office, title, digits, reporter) the report uses."""
        return self.loads[0].ws

    @property
    def several(self) -> bool:
        return len(self.loads) > 1

    def label(self, loaded: Loaded) -> str:
        """How a workspace is named in a combined report: its supervisor, else its folder."""
        return loaded.ws.config.supervisor or loaded.ws.root.name

    def entries(self, kind: str) -> Iterator[tuple[Loaded, Entry]]:
        for loaded in self.loads:
            for e in loaded.of(kind):
                yield loaded, e

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
    from ..schools import thai_sort_key

    texts = [str(key(i)) for i in items]
    order = thai_sort_key(texts)
    return sorted(items, key=lambda i: order(str(key(i))))
