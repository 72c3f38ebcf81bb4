"""``nitet fmt [--check]`` at 10,000 records: round-trip only the files that may change.

Most record files were written by nitet and are already in its layout. For each file:

1. its stat key is the one it had when last found formatted (:mod:`nitet.storage.fmtcache`):
   unchanged, nothing read;
2. its bytes are exactly ``schema line + fastdump(data)`` — nitet's own layout, with no loose
   value to standardise and no control character to remove: unchanged (nitet's layout is a fixed
   point of :func:`nitet.domain.fmt.format_text`; ``tests/test_fmt_fast.py`` proves it with
   hypothesis). The data is read line by line (:mod:`nitet.storage.fastread`, the shape fastdump
   writes), else by a lean libyaml walk; either is taken only when fastdump gives back the bytes;
3. anything else (comments, hand layout, quoting, loose values, a file nitet cannot read): the
   round trip of :func:`nitet.domain.fmt.format_file`, as before.

Steps 2–3 run on both cores when there are many files, as the loader does.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nitet.core import i18n
from nitet.storage.workspace import CONFIG_FILE, Workspace

PARALLEL_MIN_FILES = 400
RACY_NS = 1_000_000_000


@dataclass(slots=True)
class Job:
    path: str
    rel: str
    kind: str | None
    line: str | None


def in_layout(raw: bytes, kind: str | None, line: str | None) -> bool:
    """True when ``raw`` is exactly nitet's layout of its data (``line``: the schema line on top)."""
    from nitet.core.controls import CONTROLS
    from nitet.domain.fmt import _model_of
    from nitet.storage.fastdump import fast
    from nitet.storage.fastread import layout_data
    from nitet.storage.textcheck import _MAYBE

    if raw[:3] == b"\xef\xbb\xbf" or b"\r" in raw:
        return False
    head = (line or "").encode("utf-8")
    if not raw.startswith(head):
        return False
    try:
        body = raw[len(head):].decode("utf-8")
    except UnicodeDecodeError:
        return False
    data: Any = layout_data(body)  # nitet's own shape read line by line, taken only if fastdump agrees
    if data is None or fast(data) != body:
        data = _lean_parse(raw)
        if not isinstance(data, dict) or not data or fast(data) != body:
            return False
    if _MAYBE.search(raw) and _has(data, CONTROLS):
        return False
    model = _model_of(kind)
    if model is not None:
        from nitet.model.loose import loose_values

        if any(v.standard is not None for v in loose_values(model, data)):
            return False
    return True


def _lean_parse(raw: bytes) -> Any:
    """The data of ``raw`` by nitet's scalar rules, or None when anything is unusual (then the file
    takes the round trip). Leaner than :func:`~nitet.storage.yamlfast.parse_fast` — plain text is
    taken from the node as it is — and safe to be: a file is only ever declared unchanged when
    nitet's layout of what was read gives back its exact bytes."""
    from nitet.storage.yamlfast import FastLoader

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(node, loader)
    except Exception:  # noqa: BLE001 - whatever it is, the round trip decides
        return None
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"


def _build(node: Any, loader: Any) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(n, loader) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for k, v in node.value:
            key = _build(k, loader)
            if not isinstance(key, str) or key in out:
                raise ValueError(key)
            out[key] = _build(v, loader)
        return out
    raise ValueError(node)


def _has(node: Any, rx: Any) -> bool:
    if isinstance(node, dict):
        return any(_has(v, rx) for v in node.values())
    if isinstance(node, list):
        return any(_has(v, rx) for v in node)
    return isinstance(node, str) and rx.search(node) is not None


def _one(job: Job, write: bool) -> tuple[str, bool, Any]:
    """(rel, changed, problem or new text) of one file."""
    from nitet.domain.fmt import FormatProblem, format_text
    from nitet.storage.yamlfast import decode
    from nitet.storage.yamlrules import YamlProblem

    try:
        raw = Path(job.path).read_bytes()
    except OSError as e:
        from nitet.core.i18n import t

        return job.rel, False, FormatProblem(t("อ่านไฟล์ไม่ได้: {e}", "cannot read the file: {e}", e=e.strerror))
    if in_layout(raw, job.kind, job.line):
        return job.rel, False, None
    from nitet.domain.fmt import _model_of

    try:
        new = format_text(decode(raw), job.line, _model_of(job.kind))
    except YamlProblem as p:
        return job.rel, False, FormatProblem.unreadable(p)
    except FormatProblem as p:
        return job.rel, False, p
    changed = new.encode("utf-8") != raw
    return job.rel, changed, (new if changed and write else None)


def _chunk(args: tuple[str, list[Job], bool]) -> list[tuple[str, bool, Any]]:
    lang, jobs, write = args
    i18n.set_lang(lang)
    return [_one(j, write) for j in jobs]


def run(ws: Workspace, files: list[Path], *, write: bool,
        keys: dict[str, Any] | None = None) -> list[tuple[Path, str, bool, Any]]:
    """(path, rel, changed, problem-or-new-text) of every file, in order; what was found formatted
    is remembered for the next run. ``keys``: the files' stat keys by relative path, in the order
    of ``files``, when the caller has them (the workspace scan), else each file is stat'ed."""
    from nitet.storage import fmtcache
    from nitet.storage.scan import stat_key

    started = time.time_ns()
    known = fmtcache.read(ws)
    folders: dict[str, tuple[str | None, str | None]] = {}
    rels = list(keys) if keys is not None and len(keys) == len(files) else [ws.rel(p) for p in files]
    keys = dict(keys or {})
    jobs: list[Job] = []
    for p, rel in zip(files, rels, strict=True):
        if rel not in keys:
            keys[rel] = stat_key(p)
        if keys[rel] is not None and known.get(rel) == keys[rel]:
            continue
        jobs.append(Job(str(p), rel, *_kind_and_line(ws, p, folders)))
    results = {rel: (changed, extra) for rel, changed, extra in _run(jobs, write)}
    out = []
    for p, rel in zip(files, rels, strict=True):
        changed, extra = results.get(rel, (False, None))
        out.append((p, rel, changed, extra))
    settled = {rel: tuple(k) for rel, k in keys.items()
               if k is not None and max(k[1], k[2]) < started - RACY_NS
               and (rel not in results or results[rel] == (False, None))}
    if settled != known:
        fmtcache.write(ws, {**{r: k for r, k in known.items() if r not in keys}, **settled})
    return out


def _kind_and_line(ws: Workspace, p: Path, folders: dict[str, tuple[str | None, str | None]]
                   ) -> tuple[str | None, str | None]:
    """The record kind of ``p`` and its schema line, worked out once a folder: both depend on the
    folder alone (resolving three paths a file took longer than reading 10,000 files). The file at
    the top (``nitet.yaml``) and a file that is itself a link are worked out on their own."""
    from nitet.domain.fmt import schema_kind, schema_line

    key = str(p.parent)
    if key not in folders or p.name == CONFIG_FILE or p.is_symlink():
        kind = schema_kind(ws, p)
        found = kind, schema_line(ws, p, kind) if kind else None
        if p.name == CONFIG_FILE or p.is_symlink():
            return found
        folders[key] = found
    return folders[key]


def _run(jobs: list[Job], write: bool) -> list[tuple[str, bool, Any]]:
    workers = min(2, os.cpu_count() or 1)
    if len(jobs) < PARALLEL_MIN_FILES or workers < 2:
        return [_one(j, write) for j in jobs]
    import multiprocessing as mp

    n = workers * 4
    chunks = [(i18n.lang(), jobs[i::n], write) for i in range(n)]
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_chunk, chunks)
    except (OSError, ValueError):
        parts = [_chunk(c) for c in chunks]
    order = {j.rel: i for i, j in enumerate(jobs)}
    return sorted((r for part in parts for r in part), key=lambda r: order[r[0]])
