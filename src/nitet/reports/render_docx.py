"""Word rendering of the visit record with docxtpl (Jinja over python-docx), sandboxed.

The form is ``templates/visit-record.docx`` of the workspace when there is one (an office's own),
else nitet's (``nitet/defaults/templates``). Jinja runs in nitet's sandboxed environment with its
filters (:func:`nitet.reports.render_md.environment`, XML-escaped), so a form, like a Markdown
template, formats data and cannot run code.

Page numbers (the form's PAGE and SECTIONPAGES fields) print in Western digits whatever ``digits:``
says, as in the Excel reports: Word's Thai-numeral switch ``\\* THAIARABIC`` is read by LibreOffice
7.4 as Thai letters (หน้า ก จาก ก), so nitet does not add it; an office whose PCs all run Word may
add it to its own form.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.reports.visit_record import VisitRecords
    from nitet.storage.workspace import Workspace

TEMPLATE = "visit-record.docx"


def template_path(ws: Workspace | None, name: str = TEMPLATE) -> Path:
    from nitet.storage.workspace import DEFAULTS_DIR

    own = ws.templates_dir / name if ws is not None else None
    return own if own is not None and own.is_file() else DEFAULTS_DIR / "templates" / name


def render(records: VisitRecords, ws: Workspace | None) -> bytes:
    """The filled form (one visit a section, each starting a page) as the bytes of a .docx."""
    from nitet.reports.render_md import environment
    from nitet.reports.sandbox import template_failed

    path = template_path(ws)
    try:
        from docxtpl import DocxTemplate

        tpl = DocxTemplate(str(path))
        tpl.render({"visits": records.visits, "r": records}, jinja_env=environment(ws, records.thai_digits,
                                                                                    autoescape=True))
    except UsageError:
        raise
    except Exception as e:  # a form is data: whatever is wrong with it is said, never a crash
        from jinja2 import TemplateError

        if isinstance(e, TemplateError) or type(e).__module__.startswith("jinja2"):
            raise template_failed(e, path.name) from None
        raise UsageError(
            t("อ่านแบบฟอร์ม {p} ไม่ได้: {e}", "cannot read the form {p}: {e}", p=path, e=e),
            t("แบบฟอร์มต้องเป็นไฟล์ Word (.docx): แก้หรือลบ templates/{n} เพื่อใช้แบบฟอร์มของ nitet",
              "the form must be a Word file (.docx): fix or delete templates/{n} to use nitet's own",
              n=TEMPLATE)) from None
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()
