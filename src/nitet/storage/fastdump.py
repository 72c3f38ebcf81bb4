"""A fast writer for new records: the same bytes as ruamel's dumper, ~20× quicker.

ruamel's emitter costs ~5 ms per record in pure Python; an import of 10,000 rows cannot
afford it. Records nitet writes are small trees of mappings, lists and scalars, for which the
YAML text is fully determined by a handful of rules. This module applies those rules — ported
from ruamel's ``Emitter.analyze_scalar`` / ``choose_scalar_style`` with nitet's configuration
(:func:`yamlio.rt_dumper`: mapping indent 2, sequence indent 4 offset 2, width 4096, unicode,
nitet's scalar resolver) — and hands anything outside them (double-quoted strings, floats,
nested lists, very long lines, unusual keys) to ruamel. ``tests/test_fastdump.py`` proves with
hypothesis that :func:`dump` and ``yamlio.dump_rt(yamlio.to_commented(data))`` give identical
text.
"""

from __future__ import annotations

import re
from typing import Any

from nitet.storage.yamlrt import dump_rt, literal_safe, to_commented
from nitet.storage.yamlrules import EMIT_EXTRA, SCALAR_RULES

_RULES: dict[str, list[re.Pattern[str]]] = {}
for _tag, _rx, _first in SCALAR_RULES + EMIT_EXTRA:
    for _ch in _first:
        _RULES.setdefault(_ch, []).append(_rx)
#: a character ruamel cannot write in a plain or single-quoted scalar (allow_unicode=True)
_SPECIAL = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")
_BREAKS = "\n\x85\u2028\u2029"
_WS = "\0 \t\r\n\x85\u2028\u2029"
_MAX = 1000  # longer text may be folded at the 4096 width: ruamel decides


class _Fallback(Exception):
    pass


#: keys already found writable as plain keys
_KEYS_OK: set[str] = set()


def dump(data: dict[str, Any]) -> str:
    """YAML text of ``data`` exactly as ``dump_rt(to_commented(data))`` writes it."""
    text = fast(data)
    return text if text is not None else dump_rt(to_commented(data))


def fast(data: dict[str, Any]) -> str | None:
    """The text by nitet's own rules, or None when ruamel must decide."""
    try:
        out: list[str] = []
        _mapping(data, 0, out)
        return "".join(out)
    except _Fallback:
        return None


def _resolves_to_other(s: str) -> bool:
    """Would a YAML reader take this plain text for a bool, number or null?"""
    if s == "":
        return True
    return any(rx.match(s) for rx in _RULES.get(s[0], ()))


def _plain_ok(s: str) -> bool:
    """ruamel's ``allow_block_plain`` for a one-line, printable string."""
    if s.startswith(("---", "...")) or s[0] == " " or s[-1] == " ":
        return False
    n = len(s)
    first = s[0]
    if first in "#,[]{}&*!|>'\"%@`":
        return False
    after_first_ws = n == 1 or s[1] in _WS
    if first in "?:-" and after_first_ws:
        return False
    for i in range(1, n):
        ch = s[i]
        if ch == ":" and (i + 1 >= n or s[i + 1] in _WS):
            return False
        if ch == "#" and s[i - 1] in _WS:
            return False
    return True


def _printable(s: str) -> bool:
    return _SPECIAL.search(s) is None


#: text already written once (names, codes, dates, subjects repeat across 10,000 records); the
#: fallback is not remembered, only results
_SEEN: dict[str, str] = {}
_SEEN_MAX = 200_000


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str) or len(value) > _MAX:
        raise _Fallback
    done = _SEEN.get(value)
    if done is None:
        done = _text(value)
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        _SEEN[value] = done
    return done


def _text(s: str) -> str:
    if any(b in s for b in _BREAKS) or not _printable(s):
        raise _Fallback
    if s and _plain_ok(s) and not _resolves_to_other(s):
        return s
    if "'" in s:
        raise _Fallback  # ruamel double-quotes it
    return f"'{s}'"


def _literal(s: str, indent: int) -> list[str]:
    """A ``|`` block for multi-line text (what ``to_commented`` marks as literal)."""
    if s[0] in " \n" or "\r" in s or "\x85" in s or "\u2028" in s or "\u2029" in s or len(s) > _MAX * 4:
        raise _Fallback
    if not _printable(s.replace("\n", "")):
        raise _Fallback
    if s[-1] != "\n":
        chomp = "-"
    elif len(s) == 1 or s[-2] == "\n":
        raise _Fallback  # '|+' keeps trailing blank lines: ruamel's business
    else:
        chomp = ""
    body = s[:-1] if s.endswith("\n") else s
    pad = " " * indent
    lines = [f"|{chomp}\n"]
    for line in body.split("\n"):
        lines.append(f"{pad}{line}\n" if line else "\n")
    return lines


def _is_literal(v: Any) -> bool:
    return isinstance(v, str) and "\n" in v.rstrip("\n") and literal_safe(v)


def _mapping(d: dict[str, Any], indent: int, out: list[str], first_prefix: str | None = None) -> None:
    if not d:
        raise _Fallback
    pad = " " * indent
    for i, (k, v) in enumerate(d.items()):
        if k not in _KEYS_OK:
            if not isinstance(k, str) or not _KEY.match(k) or _resolves_to_other(k):
                raise _Fallback
            _KEYS_OK.add(k)
        head = (first_prefix if (i == 0 and first_prefix is not None) else pad) + k + ":"
        if isinstance(v, dict):
            out.append(head + "\n")
            _mapping(v, indent + 2, out)
        elif isinstance(v, list):
            if not v:
                raise _Fallback
            out.append(head + "\n")
            _sequence(v, indent + 2, out)
        elif _is_literal(v):
            block = _literal(v, indent + 2)
            out.append(head + " " + block[0])
            out.extend(block[1:])
        elif v is None:
            raise _Fallback
        else:
            out.append(f"{head} {_scalar(v)}\n")


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            _mapping(item, indent + 2, out, first_prefix=pad + "- ")
        elif isinstance(item, list) or item is None or _is_literal(item):
            raise _Fallback
        else:
            out.append(f"{pad}- {_scalar(item)}\n")
