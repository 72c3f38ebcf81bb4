"""Formatting record files the way nitet writes them (``nitet fmt``).

A file is read with the round-trip parser and written back with nitet's one YAML layout
(:func:`yamlio.dump_rt`): indentation, spacing, ``\\n`` line ends, no BOM, multi-line text as
``|`` blocks, and the ``# yaml-language-server: $schema=...`` line on top pointing at the
workspace's ``schemas/`` file of the record's kind. Values written in a loose form that nitet
accepts (``school: 1063020130``, ``students: '86'``, ``dltv: yes``, a date in Thai digits — see
:mod:`nitet.model.values`) are written in their standard form (``'1063020130'``, ``86``,
``true``, ``2025-11-25``), the ones ``nitet check`` warns about, and text loses its control characters
(an ESC, a bidi override: ``control-character``). Comments, key order and other
quoting stay as the person wrote them. The result is a fixed point: formatting twice equals
formatting once.

A file that cannot be read as a record (syntax, duplicate keys, tags, aliases, not UTF-8) is
never touched; it is reported instead. Formatting never changes what a file *means*: the value
read after must equal the value read before with exactly those standard forms put in, or the
file is left alone.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet.core.i18n import t
from nitet.storage.atomic import atomic_write
from nitet.storage.workspace import CONFIG_FILE, Workspace
from nitet.storage.yamlfast import decode, parse_fast
from nitet.storage.yamlrt import dump_rt, literal_safe, load_rt
from nitet.storage.yamlrules import YamlProblem

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_PREFIX = "# yaml-language-server:"
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server\s*:")
MAX_ROUNDS = 4


class FormatProblem(Exception):
    """A file nitet will not format. ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    @classmethod
    def unreadable(cls, p: YamlProblem) -> FormatProblem:
        """Said as ``nitet check`` says it (one table of messages: store's)."""
        from nitet.storage.validate import describe_read_problem

        return cls(describe_read_problem(p)[0], p.line, p.column)


@dataclass(slots=True)
class FileOutcome:
    path: Path
    rel: str
    changed: bool = False
    problem: FormatProblem | None = None


def schema_kind(ws: Workspace, path: Path) -> str | None:
    """The record kind whose schema describes ``path`` (None: not a file nitet knows)."""
    from nitet.model import RECORD_KINDS

    try:
        parts = path.resolve().relative_to(ws.root.resolve()).parts
    except ValueError:
        return None
    if len(parts) >= 3 and parts[0] == "records" and parts[1] in RECORD_KINDS:
        return RECORD_KINDS[parts[1]].KIND
    if len(parts) >= 2 and parts[0] == "workflows":
        return "workflow"
    if parts == (CONFIG_FILE,):
        return "config"
    return None


def _model_of(kind: str | None) -> type[BaseModel] | None:
    from nitet.model import KINDS, Config

    return Config if kind == "config" else KINDS.get(kind or "")


def schema_line(ws: Workspace, path: Path, kind: str) -> str:
    from nitet.storage.writer import schema_comment

    if kind == "config":
        return f"{SCHEMA_PREFIX} $schema=schemas/config.schema.json\n"
    return schema_comment(ws, path.resolve().parent.joinpath(path.name), kind)


def _literal_blocks(node: Any) -> Any:
    """Multi-line text becomes a ``|`` block (diffs line by line), as nitet writes it."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    def convert(v: Any) -> Any:
        if (isinstance(v, str) and not isinstance(v, LiteralScalarString)
                and "\n" in v.rstrip("\n") and not v.endswith("\n\n") and literal_safe(v)):
            return LiteralScalarString(str(v))
        return _literal_blocks(v)

    if isinstance(node, dict):
        for k in list(node):
            node[k] = convert(node[k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            node[i] = convert(v)
    return node


def _with_schema_line(text: str, line: str | None) -> str:
    """Drop schema lines from the leading comment block, then put ``line`` on top."""
    if line is None:
        return text
    lines = text.split("\n")
    head = 0
    while head < len(lines) and lines[head].startswith("#"):
        head += 1
    kept = [x for x in lines[:head] if not _SCHEMA_LINE.match(x) and x != line.rstrip("\n")]
    kept += lines[head:]
    return line + "\n".join(kept)


def _put(node: Any, loc: tuple[Any, ...], value: Any) -> None:
    for part in loc[:-1]:
        node = node[part]
    node[loc[-1]] = value


def _standardize(doc: Any, model: type[BaseModel] | None) -> list[tuple[tuple[Any, ...], Any]]:
    """Write each loose value of ``doc`` in its standard form; the (loc, value) pairs put in."""
    if model is None or not isinstance(doc, dict):
        return []
    from nitet.model.loose import loose_values

    changes = [(v.loc, v.standard) for v in loose_values(model, doc) if v.standard is not None]
    for loc, value in changes:
        _put(doc, loc, value)
    return changes


def _without_controls(node: Any, loc: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Text values lose their control characters (:mod:`nitet.core.controls`: an ESC, a bidi
    override — ``nitet check`` warns ``control-character``); the (loc, value) pairs put in. The
    value keeps its scalar style (a ``|`` block stays one)."""
    from nitet.core.controls import CONTROLS

    out: list[tuple[tuple[Any, ...], Any]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in list(items):
        if isinstance(v, str) and CONTROLS.search(v):
            clean = CONTROLS.sub("", v)
            node[k] = type(v)(clean) if type(v) is not str else clean
            out.append(((*loc, k), clean))
        elif isinstance(v, dict | list):
            out.extend(_without_controls(v, (*loc, k)))
    return out


def _one_round(text: str, line: str | None, model: type[BaseModel] | None = None,
               changes: list[tuple[tuple[Any, ...], Any]] | None = None) -> str:
    doc = load_rt(text)
    done = _standardize(doc, model) + _without_controls(doc)
    if changes is not None:
        changes.extend(done)
    return _with_schema_line(dump_rt(_literal_blocks(doc)), line)


def _same_data(a: Any, b: Any) -> bool:
    """Equal values of equal types (``1`` is not ``1.0`` nor ``true``; ``.nan`` equals ``.nan``)."""
    def text(x: Any) -> str:
        return json.dumps(x, ensure_ascii=False, default=repr)

    return text(a) == text(b)


def format_text(text: str, line: str | None = None, model: type[BaseModel] | None = None) -> str:
    """nitet's formatting of one record's text (``line``: the schema comment to put on top;
    ``model``: the record's kind, whose loose values are written in their standard form).

    Raises :class:`FormatProblem` when the text is not a readable record or formatting would
    change its meaning.
    """
    try:
        before = parse_fast(text.encode("utf-8"))
    except YamlProblem as p:
        raise FormatProblem.unreadable(p) from None
    if not isinstance(before, dict):
        raise FormatProblem(t("ไฟล์ต้องเป็นชุด คีย์: ค่า (mapping)", "the file must be a mapping (key: value)"))
    current = text.replace("\r\n", "\n")
    changes: list[tuple[tuple[Any, ...], Any]] = []
    try:
        for _ in range(MAX_ROUNDS):
            new = _one_round(current, line, model, changes)
            if new == current:
                break
            current = new
        else:
            raise FormatProblem(t("การจัดรูปแบบไม่คงที่ (ข้อบกพร่องของ nitet)",
                                  "formatting does not settle (a bug in nitet)"))
    except FormatProblem:
        raise
    except Exception as e:  # ruamel's own errors: the file stays as it is
        mark = getattr(e, "problem_mark", None)
        pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise FormatProblem.unreadable(YamlProblem("syntax", str(getattr(e, "problem", None) or e), *pos)) from None
    try:
        after = parse_fast(current.encode("utf-8"))
    except YamlProblem:
        after = None
    expected = copy.deepcopy(before)
    for loc, value in changes:
        _put(expected, loc, value)
    if not _same_data(after, expected):
        raise FormatProblem(t("การจัดรูปแบบจะเปลี่ยนความหมายของข้อมูล จึงไม่แก้ไฟล์นี้ (โปรดแจ้งผู้พัฒนา)",
                              "formatting would change the data, so the file is left alone (please report it)"))
    return current


def format_file(ws: Workspace, path: Path, *, write: bool) -> FileOutcome:
    """Format one file; with ``write=False`` only tell whether it would change."""
    out = FileOutcome(path, ws.rel(path))
    try:
        raw = path.read_bytes()
        text = decode(raw)
    except OSError as e:
        out.problem = FormatProblem(t("อ่านไฟล์ไม่ได้: {e}", "cannot read the file: {e}", e=e.strerror))
        return out
    except YamlProblem as p:  # not UTF-8, too large
        out.problem = FormatProblem.unreadable(p)
        return out
    kind = schema_kind(ws, path)
    try:
        new = format_text(text, schema_line(ws, path, kind) if kind else None, _model_of(kind))
    except FormatProblem as p:
        out.problem = p
        return out
    out.changed = new.encode("utf-8") != raw
    if out.changed and write:
        atomic_write(path, new)
    return out


def workspace_files(ws: Workspace) -> list[Path]:
    """Every record and workflow file of the workspace (built-in workflows excluded)."""
    from nitet.storage.scan import record_files

    return [p for p, rel, _folder in record_files(ws) if not rel.startswith("<nitet>")]


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and ``*.yaml`` under folders named (hidden folders skipped), sorted, once each."""
    seen: dict[Path, None] = {}
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*.yaml")):
                rel = f.relative_to(p).parts
                if f.is_file() and not any(part.startswith(".") for part in rel):
                    seen.setdefault(f, None)
        else:
            seen.setdefault(p, None)
    return list(seen)
