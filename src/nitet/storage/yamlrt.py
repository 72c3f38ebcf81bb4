"""The round-trip path: ruamel.yaml, which keeps comments, key order and positions.

Used to edit files (:mod:`nitet.storage.writer`) and to point at a value's line and column
(:func:`position`, :class:`TextLocator`). Writing follows one configuration (indent mapping 2,
sequence 4 offset 2, width 4096) so files reach a fixed point.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from nitet.storage.yamlrules import EMIT_EXTRA, SCALAR_RULES

if TYPE_CHECKING:
    from ruamel.yaml import YAML



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
    for tag, rx, first in SCALAR_RULES + EMIT_EXTRA:
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
    if isinstance(data, str) and "\n" in data.rstrip("\n") and literal_safe(data):
        return LiteralScalarString(data)
    return data


def literal_safe(text: str) -> bool:
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


