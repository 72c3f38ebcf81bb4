"""Reading back what :mod:`nitet.storage.fastdump` writes, line by line, without a YAML parser.

``nitet fmt --check`` must decide for 10,000 record files whether each is already in nitet's
layout (:mod:`nitet.domain.fmtfast`). Most were written by nitet: block mappings indented by 2,
lists as ``- item`` two spaces in, single-quoted or plain one-line text, ``|`` blocks, integers and
booleans. :func:`layout_data` reads exactly that shape (anything else — a comment, double quotes,
flow style, a tab — gives None) about twice as fast as libyaml's composer and the walk over it.

It proves nothing by itself: a caller takes its result only when ``fastdump.fast(data)`` gives
back the very same text. fastdump's text reads back as the data it was made from (its rules are
the readers' rules, :mod:`nitet.storage.yamlrules`), so such text means ``data`` to every nitet
reader, whatever this module got wrong.
"""

from __future__ import annotations

import re
from typing import Any

from nitet.storage.fastdump import _resolves_to_other

_ENTRY = re.compile(r"([a-z_][a-z0-9_]*):(?: (.*))?\Z")
_INT = re.compile(r"-?[0-9]+\Z")


class _NotLayout(Exception):
    pass


def layout_data(body: str) -> dict[str, Any] | None:
    """The data of ``body`` when it has fastdump's shape, else None."""
    if not body.endswith("\n"):
        return None
    lines = body[:-1].split("\n")
    try:
        data, end = _mapping(lines, 0, 0, None)
    except _NotLayout:
        return None
    return data if end == len(lines) else None


def _mapping(lines: list[str], i: int, indent: int, first: str | None) -> tuple[dict[str, Any], int]:
    """Entries at ``indent`` from line ``i`` (``first``: the first entry, on a ``- `` line)."""
    out: dict[str, Any] = {}
    pad = " " * indent
    n = len(lines)
    while True:
        if first is not None:
            text, first = first, None
        else:
            if i >= n:
                break
            line = lines[i]
            if not line.startswith(pad) or line[indent:indent + 1] in (" ", "-"):
                break
            text = line[indent:]
            i += 1
        m = _ENTRY.match(text)
        if m is None:
            raise _NotLayout
        key, value = m.group(1), m.group(2)
        if key in out:
            raise _NotLayout
        if value in ("|", "|-"):
            out[key], i = _literal(lines, i, indent + 2, value == "|")
            continue
        if value is not None:
            out[key] = _scalar(value)
            continue
        if i >= n:
            raise _NotLayout
        inner = pad + "  "
        nxt = lines[i]
        if nxt.startswith(inner + "- "):
            out[key], i = _sequence(lines, i, indent + 2)
        elif nxt.startswith(inner) and nxt[indent + 2:indent + 3] not in ("", " ", "-"):
            out[key], i = _mapping(lines, i, indent + 2, None)
        else:
            raise _NotLayout
    if not out:
        raise _NotLayout
    return out, i


def _sequence(lines: list[str], i: int, indent: int) -> tuple[list[Any], int]:
    out: list[Any] = []
    head = " " * indent + "- "
    while i < len(lines) and lines[i].startswith(head):
        rest = lines[i][indent + 2:]
        i += 1
        if _ENTRY.match(rest):
            item, i = _mapping(lines, i, indent + 2, rest)
            out.append(item)
        else:
            out.append(_scalar(rest))
    return out, i


def _literal(lines: list[str], i: int, indent: int, clip: bool) -> tuple[str, int]:
    """A ``|`` (``clip``) or ``|-`` block: the lines at ``indent`` and the empty ones among them."""
    pad = " " * indent
    taken: list[str] = []
    while i < len(lines) and (lines[i].startswith(pad) or lines[i] == ""):
        taken.append(lines[i][indent:])
        i += 1
    while taken and taken[-1] == "":  # trailing empty lines belong to no block fastdump writes
        taken.pop()
        i -= 1
    if not taken:
        raise _NotLayout
    return "\n".join(taken) + ("\n" if clip else ""), i


def _scalar(text: str) -> Any:
    if text[:1] == "'":
        if len(text) < 2 or text[-1] != "'" or "'" in text[1:-1]:
            raise _NotLayout
        return text[1:-1]
    if text == "true":
        return True
    if text == "false":
        return False
    if _resolves_to_other(text):
        if _INT.match(text):
            return int(text)
        raise _NotLayout
    if text[:1] in ("|", ">", '"', "[", "{", "&", "*", "!", "#", "%", "@", "`") or " #" in text or "\t" in text:
        raise _NotLayout
    return text
