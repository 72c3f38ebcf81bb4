"""Loading every record: find files → parse → validate → cross-record checks.

One pipeline serves every command. It is fast at 10,000 records because

* files are parsed by libyaml (:func:`yamlio.parse_fast`), on both cores when many changed;
* each file's validated data and findings are cached in ``.nitet/`` keyed by the file's
  path, size, mtime and ctime — a repeated run re-reads only what changed;
* ruamel's slow round-trip parser runs only for files that have findings, to point at lines.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, i18n
from .findings import ERROR, Finding, Problem, describe_validation_error
from .i18n import t
from .workspace import DEFAULTS_DIR, Workspace
from .yamlio import TextLocator, YamlProblem, load_rt, parse_fast, position

if TYPE_CHECKING:  # pydantic and the models load when a file is validated, not for a cached run
    from pydantic import BaseModel

    from .model import Workflow

PARALLEL_MIN_FILES = 400

_READ_MESSAGES = {
    "too-large": ("ไฟล์ใหญ่เกินไปสำหรับระเบียนเดียว", "file is too large for one record",
                  "แยกเป็นหลายไฟล์ ระเบียนละหนึ่งไฟล์", "split it: one record per file"),
    "encoding": ("ไฟล์ไม่ได้เข้ารหัส UTF-8", "file is not UTF-8",
                 "บันทึกไฟล์ใหม่เป็น UTF-8 (เช่น ใน VS Code: Save with Encoding → UTF-8)",
                 "save the file as UTF-8"),
    "empty": ("ไฟล์ว่าง", "file is empty", "ใส่ข้อมูลระเบียนหรือลบไฟล์นี้", "fill in the record or delete the file"),
    "alias": ("ไม่อนุญาตให้ใช้ alias (*ชื่อ) ในระเบียน", "aliases (*name) are not allowed in records",
              "เขียนค่าซ้ำตรง ๆ แทนการอ้าง alias", "write the value out instead of an alias"),
    "tag": ("ไม่อนุญาตให้ใช้แท็ก YAML ที่สร้างวัตถุ ({m})", "object-constructing YAML tags are refused ({m})",
            "ลบแท็ก (!!...) ออก ใช้ค่าธรรมดา", "remove the tag (!!...) and write a plain value"),
    "duplicate-key": ("คีย์ '{m}' ซ้ำในไฟล์เดียวกัน", "duplicate key '{m}'",
                      "ลบคีย์ที่ซ้ำ ให้เหลือคีย์ละหนึ่งครั้ง", "keep each key once"),
    "merge-conflict": ("ไฟล์มีเครื่องหมายความขัดแย้งจากการรวมงานของ git (<<<<<<< ======= >>>>>>>)",
                       "the file has git merge conflict markers (<<<<<<< ======= >>>>>>>)",
                       "เลือกเนื้อหาที่ถูกต้องระหว่าง <<<<<<< กับ >>>>>>> ลบเครื่องหมายทั้งสามบรรทัด แล้ว git add ไฟล์นี้",
                       "keep the right content between <<<<<<< and >>>>>>>, delete the marker lines, then git add the file"),
    "tab": ("ใช้แท็บ (Tab) ในการย่อหน้า", "a tab is used for indentation",
            "YAML ย่อหน้าด้วยช่องว่างเท่านั้น แทนแท็บด้วยช่องว่าง ๒ ช่อง", "indent with spaces, not tabs"),
    "syntax": ("รูปแบบ YAML ไม่ถูกต้อง: {m}", "YAML syntax error: {m}",
               "ตรวจการย่อหน้า เครื่องหมาย : และวงเล็บ [ ] { } รอบตำแหน่งนี้",
               "check indentation, colons and brackets around this position"),
}


def describe_read_problem(p: YamlProblem) -> tuple[str, str]:
    """(message, hint) in the current language for a file that cannot be read as a record."""
    th, en, hth, hen = _READ_MESSAGES.get(p.check, _READ_MESSAGES["syntax"])
    return t(th, en, m=p.message), t(hth, hen)


def _read_finding(rel: str, p: YamlProblem) -> Finding:
    return Finding(rel, p.line, p.column, p.check, ERROR, *describe_read_problem(p))


@dataclass(slots=True)
class FileResult:
    rel: str
    kind: str
    id: str
    data: dict[str, Any] | None
    findings: list[Finding]


def validate_file(path: Path, rel: str, model: type[BaseModel], *, id_from_name: bool = True,
                  data: bytes | None = None) -> FileResult:
    """Parse and validate one file. Never raises for bad content."""
    from pydantic import ValidationError

    from .model import Record

    kind = getattr(model, "KIND", "config")
    stem = path.stem
    try:
        raw_bytes = path.read_bytes() if data is None else data
    except OSError as e:
        return FileResult(rel, kind, stem, None, [Finding(
            rel, 1, 1, "unreadable", ERROR, t("อ่านไฟล์ไม่ได้: {e}", "cannot read file: {e}", e=e.strerror),
            t("ตรวจสิทธิ์การอ่านไฟล์", "check the file's permissions"))])
    try:
        raw = parse_fast(raw_bytes)
    except YamlProblem as p:
        return FileResult(rel, kind, stem, None, [_read_finding(rel, p)])
    if not isinstance(raw, dict):
        return FileResult(rel, kind, stem, None, [Finding(
            rel, 1, 1, "not-mapping", ERROR,
            t("ไฟล์ต้องเป็นชุด คีย์: ค่า (mapping) ไม่ใช่ {k}", "the file must be a mapping (key: value), not {k}",
              k=type(raw).__name__),
            t("เขียนระเบียนเป็นบรรทัด คีย์: ค่า", "write the record as 'key: value' lines"))])
    problems: list[Problem] = []
    data_out: dict[str, Any] | None = None
    try:
        obj = model.model_validate(raw)
        data_out = obj.model_dump(mode="json", exclude_none=True)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            check, msg, hint, loc, on_key = describe_validation_error(dict(err))
            problems.append(Problem(rel, loc, check, msg, hint, ERROR, on_key))
    if id_from_name and isinstance(model, type) and issubclass(model, Record):
        id_field = model.ID_FIELD
        declared = raw.get(id_field)
        if declared is not None and str(declared) != stem:
            problems.append(Problem(
                rel, (id_field,), "id-mismatch",
                t("{f} '{v}' ไม่ตรงกับชื่อไฟล์ '{s}'", "{f} '{v}' does not match the file name '{s}'",
                  f=id_field, v=declared, s=stem),
                t("ชื่อไฟล์คือรหัสของระเบียน: เปลี่ยนชื่อไฟล์เป็น {v}.yaml หรือแก้ค่า {f}",
                  "the file name is the record's id: rename the file to {v}.yaml or fix {f}",
                  v=declared, f=id_field)))
    findings = resolve_positions(path, problems, raw_bytes) if problems else []
    return FileResult(rel, kind, stem, data_out, findings)


def resolve_positions(path: Path, problems: list[Problem], data: bytes | None = None) -> list[Finding]:
    """Turn problems into findings with line:column, using the round-trip parser once."""
    doc: Any = None
    text = ""
    try:
        text = (data if data is not None else path.read_bytes()).decode("utf-8-sig")
        doc = load_rt(text)
    except Exception:  # the position is a nicety; the finding stands without it
        doc = None
    locator = TextLocator(text, doc) if doc is not None and any(p.text for p in problems) else None
    out = []
    for p in problems:
        line, col = (position(doc, p.loc, key=p.on_key) or (1, 1)) if doc is not None else (1, 1)
        if p.text and locator is not None:  # a part of the value (a number in a note): its own place
            line, col = locator.find(p.loc, p.text, p.occurrence) or (line, col)
        out.append(Finding(p.file, line, col, p.check, p.severity, p.message, p.hint))
    return out


# --------------------------------------------------------------------------- the whole set


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
    _pending: Callable[[], dict[str, FileResult]] | None = field(default=None, repr=False)
    _models: dict[str, list[Any]] = field(default_factory=dict, repr=False)
    #: files outside the records that cross-record checks looked at (evidence): their state is
    #: part of what cached cross-record findings are valid for
    watched: set[str] = field(default_factory=set, repr=False)

    @property
    def entries(self) -> dict[str, list[Entry]]:
        if self._entries is None:
            results = self._pending() if self._pending is not None else {}
            self._set_results(results)
            self._pending = None
        assert self._entries is not None
        return self._entries

    def _set_results(self, results: dict[str, FileResult]) -> None:
        self._entries = _entries_of(results)
        self._left_out = sorted(rel for rel, r in results.items() if r.data is None)

    def left_out(self) -> list[str]:
        """Files whose errors keep their record out of ``of()`` (relative paths, sorted).

        Warnings (PDPA, references) and an id that does not match the file name do not: those
        records are still read. :func:`nitet.ui.warn_left_out` tells the user.
        """
        self.entries  # noqa: B018 - decode the records (the cache path reads them lazily)
        return self._left_out

    def of(self, kind: str) -> list[Entry]:
        return self.entries.get(kind, [])

    def index(self, kind: str) -> dict[str, Entry]:
        return {e.id: e for e in self.of(kind)}

    def models(self, kind: str) -> list[Any]:
        """Validated model objects of one kind (built once per run)."""
        if kind not in self._models:
            from .model import KINDS

            cls = KINDS[kind]
            with _gc_paused():
                self._models[kind] = [cls.model_validate(e.data) for e in self.of(kind)]
        return self._models[kind]

    def workflows(self) -> dict[str, Workflow]:
        return {w.id: w for w in self.models("workflow")}


def _entries_of(results: dict[str, FileResult]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    with _gc_paused():
        for rel in sorted(results):
            r = results[rel]
            if r.data is not None:
                out.setdefault(r.kind, []).append(Entry(r.kind, r.id, rel, r.data))
    return out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Bulk-building thousands of objects is ~3× faster without the cyclic collector."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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


def _scan(ws: Workspace) -> list[tuple[str, str, str, StatKey | None]]:
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
            out.append((str(path), f"<nitet>/workflows/{path.name}", "workflows", _stat_key(path)))
    out.sort(key=lambda x: x[1])
    return out


def record_files(ws: Workspace) -> list[tuple[Path, str, str]]:
    """(path, relative path, kind folder) of every record and workflow file."""
    return [(Path(p), rel, folder) for p, rel, folder, _key in _scan(ws)]


def _process(job: tuple[str, str, str]) -> FileResult:
    from .model import RECORD_KINDS, Workflow

    path_s, rel, folder = job
    path = Path(path_s)
    model: type[BaseModel] | None = Workflow if folder == "workflows" else RECORD_KINDS.get(folder)
    if model is None:
        return FileResult(rel, "", path.stem, None, [Finding(
            rel, 1, 1, "unknown-kind", ERROR,
            t("ไม่รู้จักชนิดระเบียน '{k}' (โฟลเดอร์แรกใต้ records/)", "unknown record kind '{k}' (first folder under records/)",
              k=folder or "records/"),
            t("ย้ายไฟล์ไปไว้ใน records/ ชนิดใดชนิดหนึ่ง: {ks}", "move the file under one of records/{ks}",
              ks=", ".join(RECORD_KINDS)))])
    return validate_file(path, rel, model)


def _process_chunk(args: tuple[str, list[tuple[str, str, str]]]) -> list[FileResult]:
    lang, jobs = args
    i18n.set_lang(lang)
    gc.disable()
    return [_process(j) for j in jobs]


def _fingerprint() -> str:
    """Cache version: nitet's version plus the state of the code that shapes cached values."""
    h = hashlib.sha1(__version__.encode())
    here = Path(__file__).parent
    code = [*here.glob("model/*.py"), *here.glob("checks/*.py"), here / "yamlio.py", here / "store.py",
            here / "findings.py", here / "cache.py"]
    for p in sorted(code):
        try:
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            pass
    h.update(i18n.lang().encode())
    return h.hexdigest()[:16]


def _stat_key(p: Path) -> StatKey | None:
    try:
        st = p.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)


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

    return f"{_stat_key(ws.root / 'nitet.yaml')}|{_dt.date.today().isoformat()}"


def _watch_digest(ws: Workspace, paths: Iterable[str]) -> str:
    """The state (stat key, or absence) of files cross-record checks looked at, as text; when
    there are any (evidence files), also git's index and ignore files in a repository, since
    whether git has them is checked too. A workspace without evidence is not re-checked after
    every git commit."""
    import json

    from .gitops import state_key

    watched = sorted(set(paths))
    rows: list[list[Any]] = [[p, _stat_key(ws.root / p)] for p in watched]
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


def load(ws: Workspace, *, use_cache: bool = True, checks: bool = True) -> Loaded:
    """Load every record of the workspace. Findings are collected, never raised."""
    with _gc_paused():
        return _load(ws, use_cache, checks)


def _load(ws: Workspace, use_cache: bool, checks: bool) -> Loaded:
    from . import cache

    started = time.time_ns()
    files = _scan(ws)
    keys = {rel: key for _p, rel, _f, key in files}
    fp = _fingerprint()
    old = cache.read(ws, fp) if use_cache else None
    loaded = Loaded(ws=ws, files=len(files))
    loaded.findings.extend(ws.config_findings)
    todo = [(p, rel, folder) for p, rel, folder, key in files
            if old is None or key is None or old.keys.get(rel) != key]
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
                cross = _cross_checks(loaded)
                cache.write(ws, fp, old.keys, None, kept=old, checked=(_checked_digest(ws, digest, loaded), cross))
            loaded.findings.extend(cross)
    else:
        previous: dict[str, FileResult] = {}
        if old is not None and len(todo) < len(files):
            try:
                previous = old.results()
            except cache.Damaged:
                todo = [(p, rel, folder) for p, rel, folder, _key in files]
        fresh = {rel for _p, rel, _f in todo}
        results = {rel: previous[rel] for rel in keys if rel not in fresh and rel in previous}
        for r in _run_jobs(todo):
            results[r.rel] = r
        loaded._set_results(results)
        for rel in sorted(results):
            loaded.findings.extend(results[rel].findings)
        cross = _cross_checks(loaded) if checks else []
        loaded.findings.extend(cross)
        if use_cache:
            settled = {rel: key for rel, key in keys.items()
                       if key is not None and max(key[1], key[2]) < started - RACY_NS}
            complete = checks and len(settled) == len(keys)
            cache.write(ws, fp, settled, {rel: results[rel] for rel in settled if rel in results},
                        checked=(_checked_digest(ws, digest, loaded), cross) if complete else None)
    loaded.findings.sort(key=Finding.sort_key)
    return loaded


def _cross_checks(loaded: Loaded) -> list[Finding]:
    from .checks import run_checks

    return run_checks(loaded)


def _run_jobs(todo: list[tuple[str, str, str]]) -> list[FileResult]:
    workers = min(2, os.cpu_count() or 1)
    if len(todo) < PARALLEL_MIN_FILES or workers < 2:
        return [_process(j) for j in todo]
    import multiprocessing as mp

    from .model import KINDS  # noqa: F401 - build the models once, before the workers fork

    n = workers * 4
    chunks = [(i18n.lang(), todo[i::n]) for i in range(n)]
    try:
        ctx = mp.get_context("fork")
        with ctx.Pool(workers) as pool:
            parts = pool.map(_process_chunk, chunks)
    except (OSError, ValueError):  # no fork / no semaphores: read in this process
        parts = [_process_chunk(c) for c in chunks]
    return [r for part in parts for r in part]
