"""Whole-number options typed with Arabic or Thai digits (SPEC §3: "Thai digits are accepted in
every number"): ``--fy ๒๕๖๙ --quarter ๑`` is ``--fy 2569 --quarter 1``.

typer would hand ``๒๕๖๙`` to pydantic, which refuses it; :func:`IntOption` gives the option a
parser that reads both digit sets and checks the range with a message in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from nitet.core.i18n import t


def read_whole(text: object, low: int | None = None, high: int | None = None) -> int:
    """``text`` as a whole number (Arabic or Thai digits, thousands commas allowed), within range."""
    from nitet.core.thai import to_arabic_digits

    if isinstance(text, int) and not isinstance(text, bool):
        n = text
    else:
        s = to_arabic_digits(str(text)).replace(",", "").strip()
        body = s[1:] if s[:1] in "+-" else s
        if not body.isascii() or not body.isdigit():
            raise ValueError(t("ต้องเป็นจำนวนเต็ม (ได้ “{v}”)", "must be a whole number (got “{v}”)", v=text))
        n = int(s)
    if low is not None and n < low:
        raise ValueError(t("ต้องไม่น้อยกว่า {n} (ได้ {v})", "must be at least {n} (got {v})", n=low, v=n))
    if high is not None and n > high:
        raise ValueError(t("ต้องไม่มากกว่า {n} (ได้ {v})", "must be at most {n} (got {v})", n=high, v=n))
    return n


def whole_number(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """A typer ``parser`` for :func:`read_whole`."""
    def parse(text: str) -> int:
        return read_whole(text, low, high)

    return parse


def IntOption(*decls: str, min: int | None = None, max: int | None = None, **kwargs: Any) -> Any:  # noqa: N802, A002
    """``typer.Option`` for a whole number: Thai digits accepted, ``min``/``max`` checked by us
    (typer does not check a range once an option has its own parser) and still shown in help."""
    return typer.Option(*decls, parser=whole_number(min, max), min=min, max=max, **kwargs)



def SupervisorFilter(help: str) -> Any:  # noqa: N802, A002
    """``--supervisor NAME`` (repeatable) of a list or report over the office's people: only what is
    of that supervisor, titles (นาย/นาง/นางสาว/น.ส.) and spacing aside (``domain.visits.person_keys``)."""
    return typer.Option("--supervisor", help=help)
