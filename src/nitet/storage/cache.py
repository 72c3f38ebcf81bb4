"""The record cache in ``.nitet/``: validated data and findings per file.

msgpack (safe to read: no code runs). Two files, each replaced atomically:

``records.cache`` — the index, small, read by every run::

    format   FORMAT
    fp       fingerprint of nitet's code + language (store._fingerprint)
    keys     {relative path: [size, mtime_ns, ctime_ns]} of every cached file
    findings {relative path: [finding, ...]} for files with findings only
    checked  [context digest, [finding, ...]]: the cross-record findings of exactly these files
    data     the token of the data file below

``records-<token>.data`` — ``{relative path: [kind, id, data]}``, read only when a command needs
the records (a repeated ``nitet check`` with nothing changed never opens it).

A new data file gets a new token and is written before the index that names it, so an index
never names a half-written data file. Two nitet processes at once each write a complete pair;
the last index wins. A data file that has gone (replaced by another process), a corrupt,
truncated or foreign cache are ignored: the files are read again and the cache is rebuilt.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgpack

from nitet.core.errors import NitetError
from nitet.core.findings import Finding
from nitet.storage.atomic import atomic_write_bytes, stale_temp
from nitet.storage.validate import FileResult
from nitet.storage.workspace import Workspace

NAME = "records.cache"
FORMAT = 3


def _finding(f: Any) -> Finding:
    return Finding(*f)


def _row(f: Finding) -> list[Any]:
    return [f.file, f.line, f.column, f.check, f.severity, f.message, f.hint]


def _data_path(state_dir: Path, token: str) -> Path:
    return state_dir / f"records-{token}.data"


class Damaged(Exception):
    """The cached records cannot be read: read the files instead."""


@dataclass
class Snapshot:
    keys: dict[str, tuple[int, int, int]]
    findings: dict[str, list[Any]]
    token: str
    state_dir: Path
    checked: tuple[str, list[Any]] | None

    def results(self) -> dict[str, FileResult]:
        """Every cached file's result (reads the data file); :class:`Damaged` if it cannot."""
        try:
            records = msgpack.unpackb(_data_path(self.state_dir, self.token).read_bytes(), raw=False)
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
    if ws.state_dir_refused():  # a .nitet link: nothing is read through it
        return None
    try:
        doc = msgpack.unpackb(path.read_bytes(), raw=False, use_list=False)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("fp") != fingerprint:
            return None
        keys, findings, token, checked = doc["keys"], doc["findings"], doc["data"], doc.get("checked")
        if not (isinstance(keys, dict) and isinstance(findings, dict) and isinstance(token, str)
                and token.isalnum()):
            return None
        if not all(isinstance(k, tuple) and len(k) == 3 for k in keys.values()):
            return None
        for rows in findings.values():
            for f in rows:
                _finding(f)
        if checked is not None:
            checked = (str(checked[0]), [_row(_finding(f)) for f in checked[1]])
        return Snapshot(keys, findings, token, ws.state_dir, checked)
    except Exception:  # corrupt, truncated or foreign cache: rebuild
        return None


#: A data file younger than this may belong to a process that has not written its index yet.
GRACE_SECONDS = 5.0


def _remove_unused(state: Path) -> None:
    """Delete data files the current index does not name (left by earlier or concurrent runs)."""
    import time

    try:
        current = msgpack.unpackb((state / NAME).read_bytes(), raw=False).get("data")
    except Exception:
        return
    now = time.time()
    for p in state.glob("records-*.data"):
        with contextlib.suppress(OSError):
            if p.name != f"records-{current}.data" and now - p.stat().st_mtime > GRACE_SECONDS:
                p.unlink()
    for p in state.glob(".*.tmp"):  # a cache write of a process that was killed
        with contextlib.suppress(OSError):
            if stale_temp(p, now):
                p.unlink()


def write(ws: Workspace, fingerprint: str, keys: dict[str, Any], results: dict[str, FileResult] | None,
          *, kept: Snapshot | None = None, checked: tuple[str, list[Finding]] | None = None) -> None:
    """Replace the cache: ``results`` of the files in ``keys``, or the records ``kept`` from a read."""
    state = ws.state_dir
    try:
        if results is not None:
            token = secrets.token_hex(6)
            blob = msgpack.packb({rel: [r.kind, r.id, r.data] for rel, r in results.items()},
                                 use_bin_type=True)
            findings = {rel: [_row(f) for f in r.findings] for rel, r in results.items() if r.findings}
            ws.require_state_dir()
            atomic_write_bytes(_data_path(state, token), blob)
        elif kept is not None and not ws.state_dir_refused():
            token, findings = kept.token, kept.findings
        else:
            return
        doc = {
            "format": FORMAT, "fp": fingerprint, "keys": keys, "findings": findings, "data": token,
            "checked": [checked[0], [_row(f) for f in checked[1]]] if checked else None,
        }
        try:
            atomic_write_bytes(state / NAME, msgpack.packb(doc, use_bin_type=True))
        except BaseException:
            if results is not None:  # no index names it: do not leave it behind
                with contextlib.suppress(OSError):
                    _data_path(state, token).unlink()
            raise
        if results is not None:
            _remove_unused(state)
    except (OSError, ValueError, TypeError, NitetError):
        pass  # a read-only workspace (or an unpackable value) simply runs without a cache
