"""How wide a text is in TH SarabunPSK and how it wraps inside a cell of a given width.

Widths come from :mod:`nitet.reports.fontmetrics` (measured once from Laksaman, a metric clone of
TH SarabunPSK); nitet never reads the fonts of the PC it runs on. All widths are in ems (the font
size): multiply by the size in points for points.

Wrapping follows what Excel and LibreOffice do, erring on the side of more lines: a line breaks at
a space or a line break; Thai, written without spaces between words, also breaks inside a run, but
a line that breaks there is filled only to :data:`SLACK_EM` short of the cell's width (less in a
narrow cell), since a spreadsheet breaks Thai between words, not at any letter; a Latin word goes
to the next line whole (broken only when it is wider than the cell).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

from nitet.reports import fontmetrics

#: A line of a run without spaces stops this short of the cell's width (about one Thai word), or
#: :data:`SLACK_SHARE` of the width in a narrow cell.
SLACK_EM = 2.5
SLACK_SHARE = 0.3
_CHUNKS = re.compile(r"[^ ]+ *| +")
_THAI = re.compile("[\u0e00-\u0e7f]")


class _Widths(dict[str, float]):
    """Character → advance width in ems; characters the font lacks: 0 for a combining mark or a
    format character, an em for anything else."""

    def __missing__(self, ch: str) -> float:
        width = 0.0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1.0
        self[ch] = width
        return width


@functools.cache
def widths(bold: bool = False) -> _Widths:
    table = _Widths()
    for first, run in (fontmetrics.BOLD if bold else fontmetrics.REGULAR):
        for i, w in enumerate(run):
            table[chr(first + i)] = w / 1000
    return table


class Measure:
    """Measures text in the regular or bold face (a cache of the strings already measured)."""

    def __init__(self, bold: bool = False) -> None:
        self.table = widths(bold)
        self._get = self.table.__getitem__
        self._seen: dict[str, float] = {}
        self._counted: dict[tuple[str, float], int] = {}

    def width(self, text: str) -> float:
        """The width of one line of text, in ems."""
        w = self._seen.get(text)
        if w is None:
            w = sum(map(self._get, text))
            if len(self._seen) < 200_000:  # a report of 10,000 visits measures ~60,000 texts
                self._seen[text] = w
        return w

    def widest_line(self, text: str) -> float:
        return max(map(self.width, text.split("\n")))

    def widest_word(self, text: str) -> float:
        """The widest run without spaces or line breaks: a cell narrower than this breaks a word."""
        return max((self.width(w) for w in text.split()), default=0.0)

    def lines(self, text: str, avail: float) -> list[str]:
        """``text`` broken into the lines a cell ``avail`` ems wide shows (at least as many)."""
        return [line for line, _ in self.wrap(text, avail)]

    def wrap(self, text: str, avail: float) -> list[tuple[str, str]]:
        """The lines of :meth:`lines`, each with what followed it in ``text`` (a line break, the
        spaces a wrap replaced, or nothing inside a word): ``join_lines`` gives the text back."""
        out: list[tuple[str, str]] = []
        paras = text.split("\n")
        for i, para in enumerate(paras):
            lines = self._wrap_paragraph(para, avail)
            if i < len(paras) - 1:
                line, sep = lines[-1]
                lines[-1] = (line, sep + "\n")
            out.extend(lines)
        return out

    def _wrap_paragraph(self, para: str, avail: float) -> list[tuple[str, str]]:
        if self.width(para) <= avail:
            return [(para, "")]
        slack = min(SLACK_EM, avail * SLACK_SHARE)
        out: list[tuple[str, str]] = []
        line, line_w = "", 0.0

        def end_line() -> None:
            nonlocal line, line_w
            kept = line.rstrip(" ")
            out.append((kept, line[len(kept):]))
            line, line_w = "", 0.0

        for chunk in _CHUNKS.findall(para):
            word = chunk.rstrip(" ")
            space = chunk[len(word):]
            w = self.width(word)
            if line_w + w > avail:
                thai = _THAI.search(word) is not None
                if line and not thai:
                    end_line()  # a Latin word is not broken: it goes to the next line whole
                while line_w + w > avail:
                    # Thai breaks between words: a line takes what fits, short of a word (slack);
                    # a Latin word wider than the cell breaks anywhere
                    room = avail - line_w - (slack if thai else 0.0)
                    head = self._prefix(word, room) if room > 0 else ""
                    if not head and not line:
                        head = self._prefix(word, avail) or self._prefix(word, self.width(word[:1]))
                    if not head:
                        end_line()
                        continue
                    if head == word:  # the rest of the word fits this line
                        break
                    out.append((line + head, ""))
                    line, line_w = "", 0.0
                    word = word[len(head):]
                    w = self.width(word)
            line += word + space
            line_w += w + self.width(space)
        end_line()
        return out

    def _prefix(self, word: str, room: float) -> str:
        """The longest start of ``word`` no wider than ``room`` (marks stay with their letter)."""
        ends = list(accumulate(map(self._get, word)))
        i = bisect_right(ends, room + 1e-9)
        while 0 < i < len(word) and ends[i] == ends[i - 1]:  # a mark after the last letter that fits
            i += 1
        return word[:i]

    def count_lines(self, text: str, avail: float) -> int:
        """How many lines ``text`` takes in a cell ``avail`` ems wide."""
        if "\n" not in text and self.width(text) <= avail:
            return 1
        key = (text, avail)
        n = self._counted.get(key)
        if n is None:
            n = len(self.wrap(text, avail))
            if len(self._counted) < 50_000:
                self._counted[key] = n
        return n


def join_lines(lines: list[tuple[str, str]]) -> str:
    """The text of :meth:`Measure.wrap`'s lines (the separators they were broken at)."""
    return "".join(line + sep for line, sep in lines)
