"""YAML in and out: one scalar schema for both parsers, atomic writes.

Two parsers read record files:

* the *fast* path — libyaml (PyYAML's C parser) with a small Python constructor — reads
  thousands of records quickly;
* the *round-trip* path — ruamel.yaml — keeps comments, key order and positions, and is used
  to edit files and to point at a value's line and column.

Both resolve plain scalars by the same rules (:data:`SCALAR_RULES`), so a file means the same
thing to both: ``true``/``false`` are booleans, decimal numbers are numbers, ``~``/``null``/empty
are null, and everything else — dates, ``yes``/``no``, ``010``, ``0x1F`` — is text. Dates are
validated by the models, so ``2026-13-01`` is reported with its position instead of crashing a
constructor. Object-constructing tags are refused, aliases are refused (no alias bombs).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]

if TYPE_CHECKING:
    from ruamel.yaml import YAML

MAX_FILE_BYTES = 1024 * 1024

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(
    r"^[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+|\.[0-9]+(?:[eE][-+]?[0-9]+)?)$"
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")

#: (tag, regexp, first characters) — the plain-scalar schema shared by both parsers.
SCALAR_RULES: list[tuple[str, re.Pattern[str], list[str]]] = [
    ("tag:yaml.org,2002:bool", _BOOL, list("tTfF")),
    ("tag:yaml.org,2002:int", _INT, list("-+0123456789")),
    ("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789.")),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
]

#: What other YAML readers (1.1 and 1.2) would not read as text. When writing, a string that
#: matches one of these is quoted, so the file means the same thing to every tool.
_EMIT_EXTRA: list[tuple[str, re.Pattern[str], list[str]]] = [
    (
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"),
        list("yYnNoO"),
    ),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^[-+]?(?:0b[0-1_]+|0o?[0-7_]+|[0-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$"),
        list("-+0123456789"),
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
            r"|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
            r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$"
        ),
        list("-+0123456789."),
    ),
    ("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"]),
    ("tag:yaml.org,2002:value", re.compile(r"^(?:=)$"), ["="]),
]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class YamlProblem(Exception):
    """A file that cannot be read as a record. ``line``/``column`` are 1-based."""

    def __init__(self, check: str, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.check = check
        self.message = message
        self.line = line
        self.column = column


# --------------------------------------------------------------------------- fast path


class _FastConstructor(yaml.constructor.SafeConstructor):
    yaml_constructors = {}  # type: ignore[misc]

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "unhashable key", key_node.start_mark
                ) from None
            if key in mapping:
                raise _DuplicateKey(key, key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_undefined(self, node: Any) -> Any:
        raise _BadTag(str(node.tag), node.start_mark)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, mark: Any):
        self.key, self.mark = key, mark


class _BadTag(Exception):
    def __init__(self, tag: str, mark: Any):
        self.tag, self.mark = tag, mark


_SC = yaml.constructor.SafeConstructor
for _tag, _fn in (
    ("tag:yaml.org,2002:null", _SC.construct_yaml_null),
    ("tag:yaml.org,2002:bool", _SC.construct_yaml_bool),
    ("tag:yaml.org,2002:int", _SC.construct_yaml_int),
    ("tag:yaml.org,2002:float", _SC.construct_yaml_float),
    ("tag:yaml.org,2002:str", _SC.construct_yaml_str),
    ("tag:yaml.org,2002:seq", _SC.construct_yaml_seq),
    ("tag:yaml.org,2002:map", _SC.construct_yaml_map),
    (None, _FastConstructor.construct_undefined),
):
    _FastConstructor.add_constructor(_tag, _fn)  # type: ignore[type-var]


class _FastResolver(yaml.resolver.BaseResolver):
    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _rx, _first in SCALAR_RULES:
    _FastResolver.add_implicit_resolver(_tag, _rx, _first)


class FastLoader(CParser, _FastConstructor, _FastResolver):  # type: ignore[misc]
    def __init__(self, stream: Any):
        CParser.__init__(self, stream)
        _FastConstructor.__init__(self)
        _FastResolver.__init__(self)


def _mark_pos(mark: Any) -> tuple[int, int]:
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _refuse_aliases(text: str) -> None:
    """Records never need aliases; refusing them rules out alias bombs before composing."""
    loader = FastLoader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.AliasEvent):
                line, col = _mark_pos(event.start_mark)
                raise YamlProblem("alias", "aliases are not allowed in records", line, col)
    except yaml.YAMLError:
        return  # syntax errors are reported by the real parse
    finally:
        loader.dispose()


def _refuse_conflict_markers(text: str) -> None:
    """A file git left half-merged (``<<<<<<<`` … ``>>>>>>>``): point at the first marker."""
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith("<<<<<<<"):
            raise YamlProblem("merge-conflict", "git merge conflict markers", n, 1)


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def decode(data: bytes) -> str:
    """UTF-8 text of a record file (a BOM is tolerated) or a :class:`YamlProblem`."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem("too-large", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise YamlProblem("encoding", "not UTF-8", line, col) from None
    return text


def parse_fast(data: bytes) -> Any:
    """Parse one record file's bytes; raise :class:`YamlProblem` for anything unreadable."""
    text = decode(data)
    if "<<<<<<<" in text:
        _refuse_conflict_markers(text)
    if "*" in text:
        _refuse_aliases(text)
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("empty", "file is empty")
        return loader.construct_document(node)
    except YamlProblem:
        raise
    except _DuplicateKey as e:
        line, col = _mark_pos(e.mark)
        raise YamlProblem("duplicate-key", str(e.key), line, col) from None
    except _BadTag as e:
        line, col = _mark_pos(e.mark)
        raise YamlProblem("tag", e.tag.replace("tag:yaml.org,2002:", "!!"), line, col) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = _mark_pos(mark)
        msg = " ".join(str(x) for x in (e.context, e.problem) if x)
        check = "tab" if _char_at(text, line, col) == "\t" else "syntax"
        raise YamlProblem(check, msg, line, col) from None
    except yaml.YAMLError as e:
        raise YamlProblem("syntax", str(e)) from None
    except RecursionError:
        raise YamlProblem("syntax", "nesting is too deep") from None
    except (ValueError, IndexError, TypeError, OverflowError) as e:  # e.g. `!!int` with no value
        raise YamlProblem("syntax", f"{type(e).__name__}: {e}") from None
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- round trip


@functools.cache
def _resolvers() -> tuple[type[Any], type[Any]]:
    """ruamel resolvers (reading, writing) with :data:`SCALAR_RULES`; ruamel loads on first use."""
    from ruamel.yaml.resolver import BaseResolver

    class _RTResolver(BaseResolver):  # type: ignore[misc]
        yaml_implicit_resolvers: dict[Any, Any] = {}

        def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None):
            super().__init__(loadumper if loadumper is not None else loader)

        @property
        def processing_version(self) -> Any:
            return (1, 2)

    class _EmitResolver(_RTResolver):
        yaml_implicit_resolvers: dict[Any, Any] = {}

    for tag, rx, first in SCALAR_RULES:
        _RTResolver.add_implicit_resolver_base(tag, rx, first)
    for tag, rx, first in SCALAR_RULES + _EMIT_EXTRA:
        _EmitResolver.add_implicit_resolver_base(tag, rx, first)
    return _RTResolver, _EmitResolver


def _configure(y: YAML) -> YAML:
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.preserve_quotes = True
    y.allow_unicode = True
    y.explicit_start = False
    return y


def rt_loader() -> YAML:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.Resolver = _resolvers()[0]
    return _configure(y)


def rt_dumper() -> YAML:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.Resolver = _resolvers()[1]
    return _configure(y)


def load_rt(text: str) -> Any:
    """Round-trip load (comments, order, positions). Raises ruamel errors on bad YAML."""
    return rt_loader().load(text)


def dump_rt(doc: Any) -> str:
    import io

    buf = io.StringIO()
    rt_dumper().dump(doc, buf)
    return buf.getvalue()


def to_commented(data: Any) -> Any:
    """Plain dicts/lists to ruamel's commented containers (key order kept).

    Text with line breaks is written as a literal block (``|``) so it diffs line by line.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(data, dict):
        return CommentedMap((k, to_commented(v)) for k, v in data.items())
    if isinstance(data, list):
        return CommentedSeq(to_commented(v) for v in data)
    if isinstance(data, str) and "\n" in data.rstrip("\n") and _literal_safe(data):
        return LiteralScalarString(data)
    return data


def _literal_safe(text: str) -> bool:
    """A literal block cannot hold trailing spaces on lines or some control characters."""
    return not any(line != line.rstrip(" \t") for line in text.split("\n")) and \
        not any(ord(c) < 32 and c not in "\n" for c in text) and not text.startswith((" ", "\t"))


def flow_style(doc: Any, *paths: Iterable[Any]) -> None:
    """Mark the mappings at ``paths`` (or each item of a list there) to be written inline."""
    for path in paths:
        node = doc
        try:
            for key in path:
                node = node[key]
        except (KeyError, IndexError, TypeError):
            continue
        items = node if isinstance(node, list) else [node]
        for item in items:
            if hasattr(item, "fa"):
                item.fa.set_flow_style()


def _walk(doc: Any, loc: tuple[Any, ...], key: bool = False) -> tuple[tuple[int, int] | None, Any, bool]:
    """Follow ``loc`` into a round-trip document: the 0-based (line, column) of the deepest part
    found (of the last key itself with ``key``), the node there, and whether all of ``loc`` was found."""
    pos: tuple[int, int] | None = None
    node = doc
    for i, part in enumerate(loc):
        lc = getattr(node, "lc", None)
        if lc is None:
            return pos, node, False
        try:
            if isinstance(node, dict) and part in node:
                p = lc.key(part) if (key and i == len(loc) - 1) else lc.value(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                p = lc.item(part)
            else:
                return pos, node, False
            pos, node = (p[0], p[1]), node[part]
        except (KeyError, IndexError, TypeError, AttributeError):
            return pos, node, False
    return pos, node, True


def position(doc: Any, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int, int] | None:
    """1-based (line, column) of the value at ``loc`` in a round-trip document.

    With ``key=True`` the position of the last mapping key itself. Falls back to the nearest
    enclosing position that exists.
    """
    if not hasattr(doc, "lc"):
        return None
    pos, _node, _whole = _walk(doc, loc, key)
    return (1, 1) if pos is None else (pos[0] + 1, pos[1] + 1)


#: Line breaks as the YAML reader counts them (a lone ``\r`` too), for offsets ↔ line:column.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


class TextLocator:
    """Where a piece of text written inside a scalar value sits in the file (1-based line, column).

    Columns count characters, as :func:`position` does (a Thai vowel or tone mark is one). The
    text is looked for verbatim between the value's start and the next key or item of the document,
    so it is found in plain, quoted and ``|``/``>`` block scalars unless it spans a line break or is
    written with an escape; then :meth:`find` gives None and the caller keeps the value's position.
    Built once per file, and only when a finding asks for it.
    """

    def __init__(self, source: str, doc: Any) -> None:
        self.source = source
        self.doc = doc
        self._lines: list[int] | None = None
        self._nodes: list[tuple[int, int]] | None = None

    def find(self, loc: tuple[Any, ...], text: str, occurrence: int = 0) -> tuple[int, int] | None:
        import bisect

        start = self._scalar_start(loc)
        if start is None or not text:
            return None
        if self._lines is None:
            self._lines = [0, *(m.end() for m in _LINE_BREAK.finditer(self.source))]
            self._nodes = sorted(_node_starts(self.doc))
        assert self._nodes is not None
        lines = self._lines
        begin = self._offset(start)
        after = bisect.bisect_right(self._nodes, start)
        end = self._offset(self._nodes[after]) if after < len(self._nodes) else len(self.source)
        at = self.source.find(text, begin, end)
        for _ in range(occurrence):
            if at < 0:
                break
            at = self.source.find(text, at + 1, end)
        if at < 0:
            return None
        line = bisect.bisect_right(lines, at) - 1
        return line + 1, at - lines[line] + 1

    def _offset(self, pos: tuple[int, int]) -> int:
        assert self._lines is not None
        line, col = pos
        return (self._lines[line] if line < len(self._lines) else len(self.source)) + col

    def _scalar_start(self, loc: tuple[Any, ...]) -> tuple[int, int] | None:
        """0-based (line, column) of the text value at ``loc``; None unless ``loc`` is one."""
        pos, node, whole = _walk(self.doc, loc)
        return pos if whole and pos is not None and isinstance(node, str) else None


def _node_starts(node: Any) -> Iterable[tuple[int, int]]:
    """0-based (line, column) of every key, value, item and comment of a round-trip document."""
    data = getattr(getattr(node, "lc", None), "data", None) or {}
    for p in data.values():
        if isinstance(p, list | tuple) and len(p) >= 2:
            yield p[0], p[1]
            if len(p) >= 4:
                yield p[2], p[3]
    ca = getattr(node, "ca", None)
    if ca is not None:  # a comment after a scalar ends it (a ``|`` header comment is text: no mark)
        yield from _comment_starts([ca.comment, list(ca.items.values()), getattr(ca, "end", None)])
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        if isinstance(child, dict | list):
            yield from _node_starts(child)


def _comment_starts(tokens: Any) -> Iterable[tuple[int, int]]:
    if isinstance(tokens, list | tuple):
        for tok in tokens:
            yield from _comment_starts(tok)
    elif (mark := getattr(tokens, "start_mark", None)) is not None:
        yield mark.line, mark.column


# --------------------------------------------------------------------------- writing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_error(path: Path, e: OSError) -> Exception:
    """A clear, Thai-first :class:`~nitet.errors.DataError` for a file nitet cannot write."""
    import errno

    from .errors import DataError
    from .i18n import t

    reason = e.strerror or type(e).__name__
    if e.errno == errno.EROFS:
        hint = t("พื้นที่ทำงานนี้อ่านได้อย่างเดียว: คัดลอก (git clone) ไปยังโฟลเดอร์ที่เขียนได้ แล้วทำงานที่นั่น",
                 "this workspace is read-only: clone it to a writable folder and work there")
    elif e.errno == errno.ENOSPC:
        hint = t("ดิสก์เต็ม: ลบไฟล์ที่ไม่ใช้แล้วลองอีกครั้ง", "the disk is full: free some space and try again")
    else:
        hint = t("ตรวจสิทธิ์การเขียนของโฟลเดอร์ {d} (เช่น chmod u+w) หรือเลือกโฟลเดอร์อื่น",
                 "check that you may write to {d} (e.g. chmod u+w) or choose another folder", d=path.parent)
    err = DataError(t("เขียนไฟล์ {p} ไม่ได้: {r} — ไม่มีไฟล์ใดถูกเปลี่ยน", "cannot write {p}: {r} — nothing was changed",
                      p=path, r=reason), hint)
    err.__cause__ = e
    return err


def temp_beside(path: Path) -> tuple[int, str]:
    """A temporary file in ``path``'s folder with ordinary permissions (not mkstemp's 0600).

    Its name starts with ``.`` (the loader never reads it as a record). A folder nitet cannot
    write to raises a DataError that says so (exit 1), never a traceback.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise write_error(path, e) from e
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o666 & ~_umask())
    return fd, tmp


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line ends so a reader never sees half a file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise write_error(path, e) from e
        raise
