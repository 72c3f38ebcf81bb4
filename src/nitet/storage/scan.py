"""Finding the record and workflow files of a workspace, with the stat key the cache trusts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from nitet.storage.workspace import DEFAULTS_DIR, Workspace

StatKey = tuple[int, int, int]


def _scan_yaml(top: str) -> Iterator[tuple[str, StatKey]]:
    """(path, (size, mtime_ns, ctime_ns)) of every ``*.yaml`` under ``top``; dot-names skipped.

    Where the OS allows, each folder is listed through a descriptor so every ``stat`` is
    relative to it (``fstatat``): 10,000 stats without walking the full path each time.
    """
    by_fd = os.scandir in os.supports_fd
    stack = [top]
    while stack:
        d = stack.pop()
        fd = -1
        try:
            if by_fd:
                fd = os.open(d, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
                it = os.scandir(fd)
            else:
                it = os.scandir(d)
        except OSError:
            if fd >= 0:
                os.close(fd)
            continue
        try:
            with it:
                for e in it:
                    name = e.name
                    if name.startswith("."):
                        continue
                    try:
                        if e.is_dir(follow_symlinks=False):
                            stack.append(f"{d}{os.sep}{name}")
                        elif name.endswith(".yaml") and e.is_file():
                            st = e.stat()
                            yield f"{d}{os.sep}{name}", (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
                    except OSError:
                        continue
        finally:
            if fd >= 0:
                os.close(fd)


def scan(ws: Workspace) -> list[tuple[str, str, str, StatKey | None]]:
    """(path, relative path, kind folder, stat key) of every record and workflow file, by path."""
    root = str(ws.root)
    cut = len(root) + 1

    def rel_of(p: str) -> str:
        return p[cut:].replace(os.sep, "/") if p.startswith(root + os.sep) else ws.rel(Path(p))

    out: list[tuple[str, str, str, StatKey | None]] = []
    for p, key in _scan_yaml(str(ws.records_dir)):
        rel = rel_of(p)
        parts = rel.split("/", 2)
        out.append((p, rel, parts[1] if len(parts) > 2 else "", key))
    overridden = set()
    for p, key in _scan_yaml(str(ws.workflows_dir)):
        out.append((p, rel_of(p), "workflows", key))
        overridden.add(Path(p).stem)
    for path in sorted((DEFAULTS_DIR / "workflows").glob("*.yaml")):
        if path.stem not in overridden:
            out.append((str(path), f"<nitet>/workflows/{path.name}", "workflows", stat_key(path)))
    out.sort(key=lambda x: x[1])
    return out


def record_files(ws: Workspace) -> list[tuple[Path, str, str]]:
    """(path, relative path, kind folder) of every record and workflow file."""
    return [(Path(p), rel, folder) for p, rel, folder, _key in scan(ws)]


def stat_key(p: Path) -> StatKey | None:
    try:
        st = p.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)

