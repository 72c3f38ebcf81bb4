"""Markdown rendering of report contexts with Jinja.

Templates are looked up in the workspace's ``templates/`` first, then in the built-ins
(``nitet/defaults/templates``), so a file of the same name overrides the built-in one. Jinja runs
sandboxed (templates travel through the office's shared repository: they format data and cannot
run code), with ``StrictUndefined`` (a misspelt name is an error, never an empty cell) and no HTML
escaping.

Filters: ``md_cell`` (text safe inside a table cell: ``|`` escaped, line breaks as ``<br>``, digits
per ``nitet.yaml`` like every text of the document), ``digits`` (Thai or Arabic digits per
``nitet.yaml``), ``num``/``money``/``pct``/``signed`` (numbers with thousands separators; ``-`` for an
empty value), ``bedate`` (a BE date, ``short`` or ``full``). ``signature(r)`` is the report's
signature block (:mod:`nitet.reports.document`), a Markdown line each.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nitet.core import thai

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

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


def environment(ws: Workspace | None, thai_digits: bool, *, autoescape: bool = False) -> SandboxedEnvironment:
    """The one Jinja environment of every report template (Markdown, and Word through docxtpl's
    ``jinja_env``): sandboxed (:mod:`nitet.reports.sandbox`), the workspace's ``templates/`` before
    the built-ins, and nitet's filters. ``autoescape``: True for XML (docx), False for Markdown."""
    from jinja2 import ChoiceLoader, FileSystemLoader

    from nitet.reports.sandbox import sandboxed
    from nitet.storage.workspace import DEFAULTS_DIR

    paths = ([str(ws.templates_dir)] if ws is not None and ws.templates_dir.is_dir() else [])
    env = sandboxed(ChoiceLoader([FileSystemLoader(p) for p in [*paths, str(DEFAULTS_DIR / "templates")]]),
                    autoescape=autoescape)
    env.globals["signature"] = lambda r: "  \n".join(r.signer.lines(thai_digits))
    env.filters.update(
        md_cell=lambda v: thai.digits(md_cell(v), thai_digits),
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
    from nitet.reports.sandbox import template_failed

    env = environment(ws, bool(getattr(context, "thai_digits", True)))
    try:
        text = env.get_template(template).render(r=context)
    except Exception as e:  # a template is data: whatever it does wrong is said, never a crash
        raise template_failed(e, template) from None
    return text.rstrip("\n") + "\n"
