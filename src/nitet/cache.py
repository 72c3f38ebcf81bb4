"""The record cache in ``.nitet/``: validated data and findings per file.

msgpack (safe to read: no code runs), one file, replaced atomically, so two nitet processes
never see half a cache (the last writer wins; both wrote a complete, true cache). A cache that
is corrupt, truncated, from another nitet version or another language is ignored and rebuilt.

Layout (a msgpack map)::

    format   FORMAT
    fp       fingerprint of nitet's code + language (store._fingerprint)
    keys     {relative path: [size, mtime_ns, ctime_ns]} of every cached file
    findings {relative path: [finding, ...]} for files with findings only
    records  msgpack bytes of {relative path: [kind, id, data]} — decoded only when needed
    checked  [digest of the whole set, [finding, ...]]: the cross-record findings of that set

A repeated ``nitet check`` with nothing changed reads ``keys``, ``findings`` and ``checked``
and never decodes ``records``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgpack

from .errors import NitetError
from .findings import Finding
from .store import FileResult
from .workspace import Workspace
from .yamlio import atomic_write_bytes

NAME = "records.cache"
FORMAT = 2


def _finding(f: Any) -> Finding:
    return Finding(*f)


def _row(f: Finding) -> list[Any]:
    return [f.file, f.line, f.column, f.check, f.severity, f.message, f.hint]


class Damaged(Exception):
    """The cached records cannot be decoded: read the files instead."""


@dataclass
class Snapshot:
    keys: dict[str, tuple[int, int, int]]
    findings: dict[str, list[Any]]
    blob: bytes
    checked: tuple[str, list[Any]] | None

    def results(self) -> dict[str, FileResult]:
        """Every cached file's result (decodes the records); :class:`Damaged` if they are."""
        try:
            records = msgpack.unpackb(self.blob, raw=False)
            out = {}
            for rel, (kind, rid, data) in records.items():
                out[rel] = FileResult(rel, kind, rid, data, [_finding(f) for f in self.findings.get(rel, ())])
        except Exception as e:
            raise Damaged(str(e)) from None
        if out.keys() != self.keys.keys():
            raise Damaged("records and keys differ")
        return out

    def file_findings(self) -> list[Finding]:
        return [_finding(f) for rel in sorted(self.findings) for f in self.findings[rel]]

    def checked_findings(self, digest: str) -> list[Finding] | None:
        """Cross-record findings if they were computed for exactly this set of files."""
        if self.checked is None or self.checked[0] != digest:
            return None
        return [_finding(f) for f in self.checked[1]]


def read(ws: Workspace, fingerprint: str) -> Snapshot | None:
    path = ws.state_dir / NAME
    try:
        doc = msgpack.unpackb(path.read_bytes(), raw=False, use_list=False)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("fp") != fingerprint:
            return None
        keys = doc["keys"]
        if not all(isinstance(k, tuple) and len(k) == 3 for k in keys.values()):
            return None
        findings = doc["findings"]
        blob = doc["records"]
        checked = doc.get("checked")
        if not (isinstance(keys, dict) and isinstance(findings, dict) and isinstance(blob, bytes)):
            return None
        for rows in findings.values():
            for f in rows:
                _finding(f)
        if checked is not None:
            checked = (str(checked[0]), [list(_row(_finding(f))) for f in checked[1]])
        return Snapshot(keys, findings, blob, checked)
    except Exception:  # corrupt, truncated or foreign cache: rebuild
        return None


def write(ws: Workspace, fingerprint: str, keys: dict[str, Any], results: dict[str, FileResult] | None,
          *, kept: Snapshot | None = None, checked: tuple[str, list[Finding]] | None = None) -> None:
    """Replace the cache: ``results`` of the files in ``keys``, or the records ``kept`` from a read."""
    try:
        if results is not None:
            blob = msgpack.packb({rel: [r.kind, r.id, r.data] for rel, r in results.items()},
                                 use_bin_type=True)
            findings = {rel: [_row(f) for f in r.findings] for rel, r in results.items() if r.findings}
        elif kept is not None:
            blob, findings = kept.blob, kept.findings
        else:
            return
        doc = {
            "format": FORMAT, "fp": fingerprint, "keys": keys,
            "findings": findings, "records": blob or b"\x80",
            "checked": [checked[0], [_row(f) for f in checked[1]]] if checked else None,
        }
        data = msgpack.packb(doc, use_bin_type=True)
        ws.state_dir.mkdir(exist_ok=True)
        gi = ws.state_dir / ".gitignore"
        if not gi.exists():
            gi.write_text("*\n", encoding="utf-8")
        atomic_write_bytes(ws.state_dir / NAME, data)
    except (OSError, ValueError, TypeError, NitetError):
        pass  # a read-only workspace (or an unpackable value) simply runs without a cache
