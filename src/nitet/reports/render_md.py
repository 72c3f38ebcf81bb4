"""Markdown rendering of report contexts with Jinja.

Templates are looked up in the workspace's ``templates/`` first, then in the built-ins
(``nitet/defaults/templates``), so a file of the same name overrides the built-in one. Jinja runs
with ``StrictUndefined`` (a misspelt name is an error, never an empty cell) and no HTML escaping.

Filters: ``md_cell`` (text safe inside a table cell: ``|`` escaped, line breaks as ``<br>``),
``digits`` (Thai or Arabic digits per ``nitet.yaml``), ``num``/``money``/``pct``/``signed`` (numbers with
thousands separators; ``-`` for an empty value), ``bedate`` (a BE date, ``short`` or ``full``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nitet.core import thai
from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from jinja2 import Environment

    from nitet.storage.workspace import Workspace

EMPTY = "-"


def md_cell(value: object) -> str:
    """Text that keeps a Markdown table valid: ``|`` escaped, line breaks become ``<br>``."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.split("\n"))


def format_number(value: float | int | None, decimals: int, thai_digits: bool) -> str:
    if value is None:
        return EMPTY
    return thai.digits(f"{value:,.{decimals}f}", thai_digits)


def format_value(value: float | int | None, thai_digits: bool) -> str:
    """An indicator value: whole numbers without decimals, others with two."""
    if value is None:
        return EMPTY
    return format_number(value, 0 if float(value).is_integer() else 2, thai_digits)


def environment(ws: Workspace | None, thai_digits: bool) -> Environment:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    from nitet.storage.workspace import DEFAULTS_DIR

    paths = ([str(ws.templates_dir)] if ws is not None and ws.templates_dir.is_dir() else [])
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(p) for p in [*paths, str(DEFAULTS_DIR / "templates")]]),
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        md_cell=md_cell,
        digits=lambda v: thai.digits(str(v), thai_digits),
        num=lambda v, decimals=0: format_number(v, decimals, thai_digits),
        money=lambda v: format_number(v, 2, thai_digits),
        pct=lambda v: format_number(v, 2, thai_digits),
        signed=lambda v: ("+" if v is not None and v > 0 else "") + format_number(v, 2, thai_digits),
        value=lambda v: format_value(v, thai_digits),
        bedate=lambda d, style="short": thai.format_date(d, style, thai_digits) if isinstance(d, date) else EMPTY,
    )
    return env


def render(template: str, context: Any, ws: Workspace | None = None) -> str:
    """Render ``template`` (e.g. ``krs.md.j2``) with the report object as ``r``."""
    from jinja2 import TemplateError

    env = environment(ws, bool(getattr(context, "thai_digits", True)))
    try:
        text = env.get_template(template).render(r=context)
    except TemplateError as e:
        where = f"{getattr(e, 'filename', None) or template}:{getattr(e, 'lineno', None) or '?'}"
        raise UsageError(
            t("แม่แบบรายงาน {w} ใช้ไม่ได้: {m}", "report template {w} failed: {m}", w=where, m=e.message or e),
            t("แก้ไฟล์แม่แบบใน templates/ หรือลบไฟล์นั้นเพื่อใช้แม่แบบที่มากับ nitet",
              "fix the template in templates/ or delete it to use nitet's built-in one")) from None
    return text.rstrip("\n") + "\n"
