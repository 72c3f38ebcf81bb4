"""Templates format data; they cannot run code (SPEC §4 "Templates").

Report templates (``templates/*.md.j2``, Word templates) travel through the office's shared
repository, so a colleague's template is untrusted input. Every Jinja environment nitet renders
with comes from :func:`sandboxed`: jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment` (no
``__class__``/``__globals__``/``__init__`` attribute walks, no unsafe callables, ``range`` bounded),
``StrictUndefined``, and bounded ``*``/``**`` so ``{{ 'x' * 10**10 }}`` cannot exhaust memory.
:func:`template_failed` turns anything a template does wrong into a clear Thai message naming
the template (exit 2), never a traceback.

The Markdown environment with nitet's filters is :func:`nitet.reports.render_md.environment`;
docxtpl takes it as ``DocxTemplate.render(context, jinja_env=environment(ws, digits, autoescape=True))``.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any

from nitet.core.errors import NitetError, UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from jinja2 import BaseLoader
    from jinja2.sandbox import SandboxedEnvironment

#: the longest text or list a template may build with ``*`` (items)
MAX_REPEAT = 100_000
#: the largest exponent a template may use with ``**``
MAX_POWER = 100


def _environment_class() -> type[SandboxedEnvironment]:
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
            if operator_ == "**":
                if isinstance(right, int | float) and abs(right) > MAX_POWER:
                    raise SecurityError(t("ยกกำลังเกิน {n}", "a power above {n}", n=MAX_POWER))
                return operator.pow(left, right)
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > MAX_REPEAT:
                    raise SecurityError(t("สร้างข้อความยาวเกิน {n} ตัว", "a text longer than {n}", n=MAX_REPEAT))
            return operator.mul(left, right)

    return Sandbox


def sandboxed(loader: BaseLoader | None = None, *, autoescape: bool = False) -> SandboxedEnvironment:
    """A sandboxed Jinja environment: ``StrictUndefined``, ``autoescape`` off for Markdown (on for
    XML), blocks trimmed as nitet's templates are written, the trailing newline kept."""
    from jinja2 import StrictUndefined

    return _environment_class()(loader=loader, undefined=StrictUndefined, autoescape=autoescape,
                                keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def template_failed(e: BaseException, template: str) -> NitetError:
    """A clear error for a template that cannot be rendered: unsafe (the sandbox stopped it),
    broken (syntax, a misspelt name) or failing (a filter given the wrong value)."""
    from jinja2 import TemplateError, TemplateNotFound
    from jinja2.sandbox import SecurityError

    if isinstance(e, NitetError):
        return e
    lineno = getattr(e, "lineno", None) or _template_line(e, template)
    name = getattr(e, "name", None) or template
    where = f"{name}:{lineno}" if lineno else str(name)
    if isinstance(e, SecurityError) or _unsafe(e):
        return UsageError(
            t("แม่แบบ {w} พยายามทำสิ่งที่ไม่อนุญาต ({m}) จึงไม่ได้สร้างรายงานและไม่ได้เรียกใช้สิ่งใด",
              "template {w} tried something not allowed ({m}): no report was made and nothing was run",
              w=where, m=_message(e)),
            t("แม่แบบใช้ได้เพียงจัดรูปแบบข้อมูลรายงาน: ลบส่วนนั้นออกจากแม่แบบใน templates/ (หรือลบไฟล์เพื่อใช้แม่แบบของ nitet) "
              "และตรวจว่าใครแก้ไฟล์นี้ (git log -- templates/)",
              "templates only format the report's data: remove that part from the template in templates/ (or delete "
              "the file to use nitet's own) and see who changed it (git log -- templates/)"))
    if isinstance(e, TemplateNotFound):
        message = t("ไม่พบแม่แบบ {w}", "template {w} not found", w=where)
    elif isinstance(e, TemplateError):
        message = t("แม่แบบรายงาน {w} ใช้ไม่ได้: {m}", "report template {w} failed: {m}", w=where, m=_message(e))
    else:
        message = t("แม่แบบรายงาน {w} ใช้ไม่ได้: {m}", "report template {w} failed: {m}", w=where,
                    m=f"{type(e).__name__}: {e}")
    return UsageError(message, t("แก้ไฟล์แม่แบบใน templates/ หรือลบไฟล์นั้นเพื่อใช้แม่แบบที่มากับ nitet",
                                 "fix the template in templates/ or delete it to use nitet's built-in one"))


def _template_line(e: BaseException, template: str) -> int | None:
    """The template line an error was raised at: jinja2 rewrites the traceback so that a
    template's frames carry its file name and line."""
    import traceback

    lines = [f.lineno for f in traceback.extract_tb(e.__traceback__)
             if f.filename.replace("\\", "/").endswith("/" + template) or f.filename == template]
    return lines[-1] if lines else None


def _unsafe(e: BaseException) -> bool:
    """The sandbox's refusals that are not a SecurityError: an unsafe attribute reached through
    StrictUndefined ('access to attribute ... is unsafe'), a range above the sandbox's bound."""
    text = str(e)
    return "is unsafe" in text or "sandbox" in text.lower()


def _message(e: BaseException) -> str:
    return str(getattr(e, "message", None) or e)
