"""Loading every record: find files → parse → validate, with a cache; cross-record checks
are passed in by the caller (:func:`nitet.checks.load_checked`), never imported here.

It is fast at 10,000 records because

* files are parsed by libyaml (:func:`nitet.storage.yamlfast.parse_fast`), on both cores when
  many changed;
* each file's validated data and findings are cached in ``.nitet/`` keyed by the file's
  path, size, mtime and ctime — a repeated run re-reads only what changed;
* ruamel's slow round-trip parser runs only for files that have findings, to point at lines.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from nitet import __version__
from nitet.core import i18n
from nitet.core.findings import Finding
from nitet.storage.loaded import Loaded, gc_paused
from nitet.storage.scan import StatKey, scan, stat_key
from nitet.storage.validate import FileResult, process, process_chunk
from nitet.storage.workspace import Workspace

#: A function that looks across all records (:mod:`nitet.checks`) and returns its findings.
CrossChecks = Callable[[Loaded], list[Finding]]

PARALLEL_MIN_FILES = 400


def _fingerprint() -> str:
    """Cache version: nitet's version plus the state of the code that shapes cached values
    (the models, the checks, the readers, the findings' words): file stats, not imports."""
    h = hashlib.sha1(__version__.encode())
    top = Path(__file__).parent.parent
    code = [*top.glob("model/*.py"), *top.glob("checks/*.py"), *top.glob("storage/*.py"),
            top / "core" / "findings.py"]
    for p in sorted(code):
        try:
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            pass
    h.update(i18n.lang().encode())
    return h.hexdigest()[:16]


#: A file changed less than this before a run may change again within the file system's
#: timestamp granularity without its stat key changing; such files are not cached ("racy").
RACY_NS = 1_000_000_000


def _context_digest(ws: Workspace) -> str:
    """What cross-record checks depend on besides the files: nitet.yaml and today's date.

    The files themselves are covered by the cache: cross-record findings are stored only with
    a complete set of keys, and reused only when every file still has its key. Files outside
    the records that checks looked at are covered by :func:`_watch_digest`.
    """
    import datetime as _dt

    return f"{stat_key(ws.root / 'nitet.yaml')}|{_dt.date.today().isoformat()}"


def _watch_digest(ws: Workspace, paths: Iterable[str]) -> str:
    """The state (stat key, or absence) of files cross-record checks looked at, as text; when
    there are any (evidence files), also git's index and ignore files in a repository, since
    whether git has them is checked too. A workspace without evidence is not re-checked after
    every git commit."""
    import json

    from nitet.storage.gitops import state_key

    watched = sorted(set(paths))
    rows: list[list[Any]] = [[p, stat_key(ws.root / p)] for p in watched]
    if watched:
        rows.append(["<git>", state_key(ws.root)])
    return json.dumps(rows, ensure_ascii=False)


def _checked_digest(ws: Workspace, base: str, loaded: Loaded) -> str:
    return f"{base}#{_watch_digest(ws, loaded.watched)}"


def _still_valid(ws: Workspace, base: str, stored: str | None) -> bool:
    """Whether cached cross-record findings (stored with ``stored``) hold now: the same context
    and every watched file (an evidence file, say) still in the state it was."""
    import json

    if stored is None:
        return False
    head, sep, watched = stored.partition("#")
    if not sep or head != base:
        return False
    try:
        paths = [p for p, _key in json.loads(watched) if p != "<git>"]
    except (ValueError, TypeError):
        return False
    return _watch_digest(ws, paths) == watched


def load(ws: Workspace, *, use_cache: bool = True, checks: CrossChecks | None = None,
         only: dict[str, bytes | None] | None = None) -> Loaded:
    """Load every record of the workspace; with ``checks``, also the findings across records
    (cached with the records). Findings are collected, never raised.

    ``only`` (``nitet check --staged``): just these record files, by relative path, each read
    from the bytes given or, for None, from disk (built-in workflows always count). The cache is
    read for files as they are on disk, never written.
    """
    with gc_paused():
        return _load(ws, use_cache, checks, only)


def _restrict(ws: Workspace, files: list[tuple[str, str, str, StatKey | None]],
              only: dict[str, bytes | None]) -> tuple[list[tuple[str, str, str, StatKey | None]], dict[str, bytes]]:
    """The files of ``only`` (with a key only where the disk holds what is meant) and the bytes
    that replace what is on disk."""
    on_disk = {rel: (p, folder, key) for p, rel, folder, key in files}
    out = [(p, rel, folder, key) for p, rel, folder, key in files if rel.startswith("<nitet>/")]
    given: dict[str, bytes] = {}
    for rel, data in only.items():
        parts = rel.split("/", 2)
        folder = "workflows" if parts[0] == "workflows" else parts[1] if len(parts) > 2 else ""
        path, _folder, key = on_disk.get(rel, (str(ws.root / rel), folder, None))
        if data is not None:
            given[rel] = data
            key = None  # not the file on disk: never from or into the cache
        out.append((path, rel, folder, key))
    out.sort(key=lambda x: x[1])
    return out, given


def _load(ws: Workspace, use_cache: bool, checks: CrossChecks | None,
          only: dict[str, bytes | None] | None = None) -> Loaded:
    from nitet.storage import cache

    started = time.time_ns()
    files = scan(ws)
    given: dict[str, bytes] = {}
    if only is not None:
        files, given = _restrict(ws, files, only)
    keys = {rel: key for _p, rel, _f, key in files}
    fp = _fingerprint()
    old = cache.read(ws, fp) if use_cache else None
    loaded = Loaded(ws=ws, files=len(files))
    loaded.findings.extend(ws.config_findings)
    todo = [(p, rel, folder) for p, rel, folder, key in files
            if old is None or key is None or old.keys.get(rel) != key]
    if only is not None:
        return _load_some(ws, files, todo, old, given, checks)
    digest = _context_digest(ws) if checks else ""
    if old is not None and not todo and len(old.keys) == len(keys):
        # Nothing changed since the cache was written: decode records only if someone asks.
        snapshot = old

        def pending() -> dict[str, FileResult]:
            try:
                return snapshot.results()
            except cache.Damaged:  # read every file again and heal the cache
                fresh = {r.rel: r for r in _run_jobs([(p, rel, f) for p, rel, f, _k in files])}
                cache.write(ws, fp, snapshot.keys, fresh)
                return fresh

        loaded._pending = pending
        loaded.findings.extend(old.file_findings())
        if checks:
            stored = old.checked[0] if old.checked is not None else None
            cross = old.checked_findings(stored) if stored and _still_valid(ws, digest, stored) else None
            if cross is None:
                cross = checks(loaded)
                cache.write(ws, fp, old.keys, None, kept=old, checked=(_checked_digest(ws, digest, loaded), cross))
            loaded.findings.extend(cross)
    else:
        previous, todo = _previous(old, files, todo)
        fresh = {rel for _p, rel, _f in todo}
        results = {rel: previous[rel] for rel in keys if rel not in fresh and rel in previous}
        for r in _run_jobs(todo):
            results[r.rel] = r
        loaded._set_results(results)
        for rel in sorted(results):
            loaded.findings.extend(results[rel].findings)
        cross = checks(loaded) if checks else []
        loaded.findings.extend(cross)
        if use_cache:
            settled = {rel: key for rel, key in keys.items()
                       if key is not None and max(key[1], key[2]) < started - RACY_NS}
            complete = checks is not None and len(settled) == len(keys)
            cache.write(ws, fp, settled, {rel: results[rel] for rel in settled if rel in results},
                        checked=(_checked_digest(ws, digest, loaded), cross) if complete else None)
    loaded.findings.sort(key=Finding.sort_key)
    return loaded


def _load_some(ws: Workspace, files: list[tuple[str, str, str, StatKey | None]], todo: list[tuple[str, str, str]],
               old: Any, given: dict[str, bytes], checks: CrossChecks | None) -> Loaded:
    """:func:`load` with ``only``: cached results where the disk is what is meant, the rest read
    (from the given bytes where there are some); the cache is left as it is."""
    loaded = Loaded(ws=ws, files=len(files), given=given)
    loaded.findings.extend(ws.config_findings)
    previous, todo = _previous(old, files, todo)
    fresh = {rel for _p, rel, _f in todo}
    results = {rel: previous[rel] for _p, rel, _f, _k in files if rel not in fresh and rel in previous}
    for r in _run_jobs([job for job in todo if job[1] not in given]):
        results[r.rel] = r
    for p, rel, folder in todo:
        if rel in given:
            results[rel] = process((p, rel, folder), given[rel])
    loaded._set_results(results)
    for rel in sorted(results):
        loaded.findings.extend(results[rel].findings)
    if checks:
        loaded.findings.extend(checks(loaded))
    loaded.findings.sort(key=Finding.sort_key)
    return loaded


def _previous(old: Any, files: list[tuple[str, str, str, StatKey | None]], todo: list[tuple[str, str, str]],
              ) -> tuple[dict[str, FileResult], list[tuple[str, str, str]]]:
    """The cached results of the files not to read again, and what is to be read: every file when
    the cache is damaged."""
    from nitet.storage import cache

    if old is None or len(todo) >= len(files):
        return {}, todo
    try:
        return old.results(), todo
    except cache.Damaged:
        return {}, [(p, rel, folder) for p, rel, folder, _key in files]


def _run_jobs(todo: list[tuple[str, str, str]]) -> list[FileResult]:
    workers = min(2, os.cpu_count() or 1)
    if len(todo) < PARALLEL_MIN_FILES or workers < 2:
        return [process(j) for j in todo]
    import multiprocessing as mp

    from nitet.model import KINDS  # noqa: F401 - build the models once, before the workers fork

    n = workers * 4
    chunks = [(i18n.lang(), todo[i::n]) for i in range(n)]
    try:
        ctx = mp.get_context("fork")
        with ctx.Pool(workers) as pool:
            parts = pool.map(process_chunk, chunks)
    except (OSError, ValueError):  # no fork / no semaphores: read in this process
        parts = [process_chunk(c) for c in chunks]
    return [r for part in parts for r in part]

