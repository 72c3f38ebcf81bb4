"""The records of a workspace once loaded: :class:`Loaded` and its :class:`Entry` rows."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nitet.core.findings import Finding
from nitet.storage.validate import FileResult
from nitet.storage.workspace import Workspace

if TYPE_CHECKING:
    from nitet.model import Workflow

@dataclass(slots=True)
class Entry:
    kind: str
    id: str
    path: str
    data: dict[str, Any]


@dataclass
class Loaded:
    """Every record of a workspace. ``entries`` are decoded from the cache on first use."""

    ws: Workspace
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    _entries: dict[str, list[Entry]] | None = field(default=None, repr=False)
    _left_out: list[str] = field(default_factory=list, repr=False)
    _known: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _pending: Callable[[], dict[str, FileResult]] | None = field(default=None, repr=False)
    _models: dict[str, list[Any]] = field(default_factory=dict, repr=False)
    #: files outside the records that cross-record checks looked at (evidence): their state is
    #: part of what cached cross-record findings are valid for
    watched: set[str] = field(default_factory=set, repr=False)
    #: the content read instead of the file on disk (``check --staged``), by relative path
    given: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def entries(self) -> dict[str, list[Entry]]:
        if self._entries is None:
            results = self._pending() if self._pending is not None else {}
            self._set_results(results)
            self._pending = None
        assert self._entries is not None
        return self._entries

    def _set_results(self, results: dict[str, FileResult]) -> None:
        self._entries = entries_of(results)
        self._left_out = sorted(rel for rel, r in results.items() if r.data is None)
        self._known = {}
        for r in results.values():
            self._known.setdefault(r.kind, set()).add(r.id)

    def left_out(self) -> list[str]:
        """Files whose errors keep their record out of ``of()`` (relative paths, sorted).

        Warnings (PDPA, references) and an id that does not match the file name do not: those
        records are still read. :func:`nitet.cli.ui.warn_left_out` tells the user.
        """
        self.entries  # noqa: B018 - decode the records (the cache path reads them lazily)
        return self._left_out

    def known(self, kind: str) -> set[str]:
        """Ids of every file of ``kind``, those left out for their errors included.

        Reference checks ask this before saying "not found": a school file with one bad value
        reports its own error, and the visits naming it are not told the school does not exist.
        """
        self.entries  # noqa: B018 - decode the records (the cache path reads them lazily)
        return self._known.get(kind, set())

    def of(self, kind: str) -> list[Entry]:
        return self.entries.get(kind, [])

    def index(self, kind: str) -> dict[str, Entry]:
        return {e.id: e for e in self.of(kind)}

    def models(self, kind: str) -> list[Any]:
        """Validated model objects of one kind (built once per run)."""
        if kind not in self._models:
            from nitet.model import KINDS

            cls = KINDS[kind]
            with gc_paused():
                self._models[kind] = [cls.model_validate(e.data) for e in self.of(kind)]
        return self._models[kind]

    def workflows(self) -> dict[str, Workflow]:
        return {w.id: w for w in self.models("workflow")}


def entries_of(results: dict[str, FileResult]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    with gc_paused():
        for rel in sorted(results):
            r = results[rel]
            if r.data is not None:
                out.setdefault(r.kind, []).append(Entry(r.kind, r.id, rel, r.data))
    return out


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Bulk-building thousands of objects is ~3× faster without the cyclic collector."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()

