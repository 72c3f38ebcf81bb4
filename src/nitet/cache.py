"""The record cache in ``.nitet/``: validated data and findings per file.

msgpack (safe to read: no code runs), one file, replaced atomically, so two nitet processes
never see half a cache. A cache that is corrupt, from another nitet version or another
language is ignored and rebuilt.
"""

from __future__ import annotations

from typing import Any

import msgpack

from .findings import Finding
from .store import FileResult
from .workspace import Workspace
from .yamlio import atomic_write_bytes

NAME = "records.cache"


def read(ws: Workspace, fingerprint: str) -> dict[str, tuple[tuple[int, int, int], FileResult]]:
    path = ws.state_dir / NAME
    try:
        raw = path.read_bytes()
        doc = msgpack.unpackb(raw, raw=False, strict_map_key=False)
        if not isinstance(doc, dict) or doc.get("fp") != fingerprint:
            return {}
        out = {}
        for rel, (key, kind, rid, data, findings) in doc["files"].items():
            out[rel] = (tuple(key), FileResult(rel, kind, rid, data, [Finding(*f) for f in findings]))
        return out
    except Exception:  # corrupt or foreign cache: rebuild
        return {}


def write(ws: Workspace, fingerprint: str, entries: dict[str, tuple[Any, FileResult]]) -> None:
    files = {
        rel: (list(key), r.kind, r.id, r.data,
              [[f.file, f.line, f.column, f.check, f.severity, f.message, f.hint] for f in r.findings])
        for rel, (key, r) in entries.items()
    }
    try:
        data = msgpack.packb({"fp": fingerprint, "files": files}, use_bin_type=True)
        ws.state_dir.mkdir(exist_ok=True)
        gi = ws.state_dir / ".gitignore"
        if not gi.exists():
            gi.write_text("*\n", encoding="utf-8")
        atomic_write_bytes(ws.state_dir / NAME, data)
    except OSError:
        pass  # a read-only workspace simply runs without a cache
