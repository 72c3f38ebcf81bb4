"""Thai text that wraps between words on a terminal, in tables and in help.

Thai is written without spaces between words, so rich — which wraps at spaces — folds a long Thai
run wherever the column ends, even inside a syllable (``ฝึกอ่านคำควบกล้ │ ำวันละ``). :class:`ThaiText`
is a rich ``Text`` whose lines break at spaces and, inside a Thai run that does not fit, between
the words PyThaiNLP finds (its word list and ``newmm`` maximal matching); a single word wider than
the column is folded between Thai character clusters (TCC), never inside one.

PyThaiNLP is imported only when a Thai run has to be broken: lines that fit, and text with spaces
enough, cost nothing (``nitet --help`` stays light). The word list is held in a set, not
PyThaiNLP's default trie, whose construction takes ~2 s.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
    from rich.containers import Lines
    from rich.measure import Measurement

THAI = re.compile("[\u0e00-\u0e7f]")
_TOKENS = re.compile(r"\s+|\S+")
#: how narrow a column may get for a Thai run, without segmenting it to find its longest word
THAI_MIN = 8
LONGEST_WORD = 24  # dictionary entries longer than this are compounds: their parts are words too


class _Words:
    """The prefix lookup ``newmm`` needs, over a plain set of words."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    def __bool__(self) -> bool:
        return bool(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        end = min(len(text), start + LONGEST_WORD)
        return [text[start:i] for i in range(start + 1, end + 1) if text[start:i] in self.words]


@cache
def _dictionary() -> _Words:
    from pythainlp.corpus import thai_words

    return _Words(thai_words())


def words(text: str) -> list[str]:
    """``ฝึกอ่านคำควบกล้ำ`` → ``['ฝึก', 'อ่าน', 'คำ', 'ควบกล้ำ']`` (the pieces join back to ``text``)."""
    from pythainlp.tokenize import newmm

    return [w for w in newmm.segment(text, custom_dict=_dictionary()) if w]  # type: ignore[arg-type]


def clusters(text: str) -> list[str]:
    """Thai character clusters: the smallest pieces a word may be folded into."""
    from pythainlp.tokenize import tcc

    return [c for c in tcc.segment(text) if c]


def break_offsets(line: str, width: int, fold: bool = True) -> list[int]:
    """Where to start each new line of ``line`` (one paragraph) so that no line is wider than
    ``width`` cells: at spaces, between Thai words, and — for a word wider than a line, with
    ``fold`` — between character clusters."""
    pieces: list[tuple[int, str]] = []
    for m in _TOKENS.finditer(line):
        tok, at = m.group(), m.start()
        if tok.isspace() or cell_len(tok) <= width or not THAI.search(tok):
            pieces.append((at, tok))
            continue
        for word in words(tok):
            pieces.append((at, word))
            at += len(word)
    offsets: list[int] = []
    used = 0
    for at, tok in pieces:
        w = cell_len(tok)
        if tok.isspace():
            used += w
            continue
        if used and used + w > width:
            offsets.append(at)
            used = 0
        if w > width and fold:
            parts = clusters(tok) if THAI.search(tok) else list(tok)
            for part in parts:
                pw = cell_len(part)
                if used and used + pw > width:
                    offsets.append(at)
                    used = 0
                used += pw
                at += len(part)
            continue
        used += w
    return offsets


def _needs_words(line: str, width: int) -> bool:
    """A space-free Thai run wider than the line: whitespace alone cannot wrap it well."""
    return cell_len(line) > width and any(
        cell_len(tok) > width and THAI.search(tok) for tok in line.split())


class ThaiText(Text):
    """A rich ``Text`` that wraps Thai between words (see the module docstring)."""

    @classmethod
    def of(cls, text: Text | str, style: str = "") -> ThaiText:
        if isinstance(text, str):
            return cls(text, style=style)
        out = cls(text.plain, style=text.style, justify=text.justify, overflow=text.overflow,
                  no_wrap=text.no_wrap, end=text.end, tab_size=text.tab_size)
        out._spans = list(text._spans)
        return out

    def copy(self) -> ThaiText:
        return ThaiText.of(super().copy())

    def wrap(self, console: Console, width: int, *, justify: JustifyMethod | None = None,
             overflow: OverflowMethod | None = None, tab_size: int = 8, no_wrap: bool | None = None) -> Lines:
        lines = self.split(allow_blank=True)
        if no_wrap or self.no_wrap or overflow == "ignore" or not any(
                _needs_words(line.plain, width) for line in lines):
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        from rich.containers import Lines

        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        out = Lines()
        for line in lines:
            if "\t" in line.plain:
                line.expand_tabs(tab_size)
            new_lines = line.divide(break_offsets(line.plain, width, fold=wrap_overflow == "fold"))
            for piece in new_lines:
                piece.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in new_lines:
                piece.truncate(width, overflow=wrap_overflow)
            out.extend(new_lines)
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        m = super().__rich_measure__(console, options)
        longest = [min(cell_len(w), THAI_MIN) if THAI.search(w) else cell_len(w) for w in self.plain.split()]
        return Measurement(min(m.minimum, max(longest, default=m.minimum)), m.maximum)


class WideThaiText(ThaiText):
    """Thai text that takes all the width it is offered (an option's help: its column gets what the
    option names leave, as typer's own layout does)."""

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        m = super().__rich_measure__(console, options)
        return Measurement(m.minimum, max(m.maximum, options.max_width))


def cell(value: Any, style: str = "") -> ThaiText:
    """A table cell of user text: never read as markup, Thai wrapped between words."""
    return ThaiText("" if value is None else str(value), style=style)


def _thai(value: Any) -> Any:
    if isinstance(value, ThaiText):
        return value
    if isinstance(value, Text):
        return ThaiText.of(value)
    if isinstance(value, str):
        return ThaiText(value)
    return value


def thai_table(*headers: Any, **kwargs: Any) -> Any:
    """A rich ``Table`` whose headers and cells (text or strings, never read as markup) wrap Thai
    between words."""
    from rich.table import Table

    class ThaiTable(Table):
        def add_column(self, header: Any = "", *args: Any, **kw: Any) -> None:
            super().add_column(_thai(header), *args, **kw)

        def add_row(self, *cells: Any, **kw: Any) -> None:
            super().add_row(*(_thai(c) for c in cells), **kw)

    return ThaiTable(*headers, **kwargs)
