"""Control characters in user text: shown, never obeyed (SPEC §4, issue #13 item 6).

A school name imported with ``ESC ] 0;…`` retitled the terminal when ``school list`` printed it; some
terminals let such sequences write the clipboard, and bidi overrides (U+202E) make text read
backwards. Text a person or a sheet wrote may carry them; nitet strips them whenever it shows
text (:mod:`nitet.cli.ui`), ``nitet check`` warns about them in records (``control-character``)
and ``nitet fmt`` removes them.

The characters: C0 controls except tab and line feed (ESC, BEL, carriage return, …), DEL, C1
controls (U+0080–U+009F, CSI among them) and the bidi embeddings, overrides and isolates
(U+202A–U+202E, U+2066–U+2069). Marks such as U+200E stay: they change no order by themselves.
"""

from __future__ import annotations

import re

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: names of the characters people meet (the rest are named by their code point)
_NAMES = {"\x1b": "ESC", "\x07": "BEL", "\x08": "BS", "\r": "CR", "\x00": "NUL", "\x7f": "DEL",
          "\x9b": "CSI", "\x9d": "OSC", "\u202e": "RLO", "\u202d": "LRO", "\u202a": "LRE", "\u202b": "RLE",
          "\u202c": "PDF", "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI"}


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and line feed kept)."""
    return CONTROLS.sub("", text) if CONTROLS.search(text) else text


def controls_in(text: str) -> list[str]:
    """The control characters of ``text`` by name, each once, in order: ``['ESC (U+001B)', 'BEL (U+0007)']``."""
    out: list[str] = []
    for ch in CONTROLS.findall(text):
        name = f"{_NAMES[ch] + ' ' if ch in _NAMES else ''}(U+{ord(ch):04X})"
        if name not in out:
            out.append(name)
    return out
