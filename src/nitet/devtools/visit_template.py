"""Write ``nitet/defaults/templates/visit-record.docx``: the Word form of the visit record.

The form is a Word document with Jinja tags (docxtpl): an office can open it in Word, restyle it or
rearrange it, keep its own copy in the workspace's ``templates/`` and ``nitet visit print`` fills
that one instead. This script builds nitet's own form with python-docx, so the form can be made
again from code after a change (``make sync-defaults`` then copies it into the repository's
workspace):

    python -m nitet.devtools.visit_template

The variable is ``visits``: a list of :class:`nitet.reports.visit_record.VisitRecord`; ``r`` is the
whole :class:`~nitet.reports.visit_record.VisitRecords`. A4 portrait, the margins of the Thai
official-document rules (3 cm left, 2 cm right), TH SarabunPSK 16 pt (the title 20), each visit a
section of its own so that its pages are numbered "หน้า 1 จาก N" apart from the others.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

TARGET = Path(__file__).resolve().parents[1] / "defaults" / "templates" / "visit-record.docx"
FONT = "TH SarabunPSK"
SIZE = 16
DOTS = "." * 15
FIELDS = [("โรงเรียน", "{{ v.school }} อำเภอ{{ v.district }}"), ("วันที่นิเทศ", "{{ v.date }}"),
          ("ผู้นิเทศ", "{{ v.supervisors }}"), ("ผู้รับการนิเทศ", "{{ v.supervisees_text }}"),
          ("รูปแบบการนิเทศ", "{{ v.kind }}"), ("โครงการ", "{{ v.project }}"), ("วิธีการนิเทศ", "{{ v.methods }}"),
          ("เรื่องที่นิเทศ", "{{ v.topics }}")]
SECTIONS = [("ผลการนิเทศ", "v.findings"), ("จุดเด่น", "v.strengths"), ("จุดที่ควรพัฒนา", "v.improvements"),
            ("ข้อเสนอแนะ", "v.suggestions"), ("การติดตามผล", "v.follow_up")]


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _thai_run_props(rpr: Any, size: float | None = None, bold: bool = False) -> None:
    """Thai is a complex script to Word: it takes the cs font, szCs and bCs, not only ascii/sz/b."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), FONT)
    for tag in ("w:b", "w:bCs", "w:sz", "w:szCs", "w:lang"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    if bold:
        rpr.append(_el("w:b"))
        rpr.append(_el("w:bCs"))
    if size:
        rpr.append(_el("w:sz", val=str(int(size * 2))))
        rpr.append(_el("w:szCs", val=str(int(size * 2))))
    rpr.append(_el("w:lang", val="th-TH", eastAsia="th-TH", bidi="th-TH"))


def _para(container: Any, text: str = "", *, bold: bool = False, size: float | None = None,
          center: bool = False, keep: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = container.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if keep:
        p.paragraph_format.keep_with_next = True
    if text:
        _run(p, text, bold=bold, size=size)
    return p


def _run(p: Any, text: str, *, bold: bool = False, size: float | None = None) -> Any:
    r = p.add_run(text)
    _thai_run_props(r._r.get_or_add_rPr(), size=size, bold=bold)
    return r


def _field(p: Any, code: str, shown: str, size: float) -> None:
    """A Word field (PAGE, SECTIONPAGES) as begin / instruction / separate / result / end runs."""
    for part in ("begin", code, "separate", shown, "end"):
        r = p.add_run()
        _thai_run_props(r._r.get_or_add_rPr(), size=size)
        if part in ("begin", "separate", "end"):
            r._r.append(_el("w:fldChar", fldCharType=part))
        elif part == code:
            instr = _el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = f" {code} "
            r._r.append(instr)
        else:
            r.add_text(shown)


def _cell(table: Any, row: int, col: int, text: str = "", *, bold: bool = False) -> Any:
    cell = table.cell(row, col)
    p = cell.paragraphs[0]
    if text:
        _run(p, text, bold=bold)
    return cell


def _no_borders(table: Any) -> None:
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="nil"))
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    tblpr.append(borders)


def _cell_margins(table: Any, **twips: int) -> None:
    """Room above and below the text of every cell (Thai marks above a line stay clear of the border)."""
    margins = _el("w:tblCellMar")
    for side, value in twips.items():
        margins.append(_el(f"w:{side}", w=str(value), type="dxa"))
    table._tbl.tblPr.append(margins)


def _widths(table: Any, cm: list[float]) -> None:
    from docx.shared import Cm

    table.autofit = False
    for column, w in zip(table.columns, cm, strict=True):  # the grid (LibreOffice reads this)
        column.width = Cm(w)
    for row in table.rows:  # and each cell (Word reads this)
        for cell, w in zip(row.cells, cm, strict=True):
            cell.width = Cm(w)


def build() -> bytes:
    """The form, as the bytes of a .docx file."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE)
    _thai_run_props(normal.element.get_or_add_rPr(), size=SIZE)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 0.8
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _thai_run_props(rpr, size=SIZE)
    grid = doc.styles["Table Grid"]
    grid.paragraph_format.line_spacing = 0.8

    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(1.5)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(0.8), Cm(0.6)
    footer = section.footer.paragraphs[0]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "หน้า ", size=14)
    _field(footer, "PAGE", "1", 14)
    _run(footer, " จาก ", size=14)
    _field(footer, "SECTIONPAGES", "1", 14)
    sect = doc.element.body.find(qn("w:sectPr"))
    sect.append(_el("w:pgNumType", start="1"))  # each visit's pages are numbered from 1

    body = doc
    _para(body, "{%p for v in visits %}")
    _para(body, "{%p if not loop.first %}")
    breaker = _para(body)  # ends the previous visit's section: the next visit starts a page numbered 1
    breaker._p.get_or_add_pPr().append(copy.deepcopy(sect))
    _para(body, "{%p endif %}")
    _para(body, "บันทึกการนิเทศ", bold=True, size=20, center=True)
    _para(body, "{{ v.office }}", bold=True, center=True)
    _para(body)
    info = doc.add_table(rows=len(FIELDS), cols=2)
    info.style = grid
    for i, (label, value) in enumerate(FIELDS):
        _cell(info, i, 0, label, bold=True)
        _cell(info, i, 1, value)
    _widths(info, [4.6, 11.4])
    _cell_margins(info, top=50, bottom=30)
    for title, value in SECTIONS:
        p = _para(body)
        p.paragraph_format.space_before = Pt(4)
        _run(p, f"{title}: ", bold=True)
        _run(p, "{{ " + value + " }}")
    _para(body, "{%p if v.ratings %}")
    p = _para(body)
    _run(p, "ผลการประเมิน: ", bold=True)
    _run(p, "{{ v.ratings }}")
    _para(body, "{%p endif %}")
    # the supervisee and the supervisor side by side, the school's director centred below them (a
    # column of half the text width: a name and a position stay on one line)
    signs = doc.add_table(rows=2, cols=2)
    _no_borders(signs)
    _widths(signs, [8.0, 8.0])
    signs.cell(1, 0).merge(signs.cell(1, 1))
    for (row, col), (people_of, role) in zip(((0, 0), (0, 1), (1, 0)), (
            ("v.supervisee_signs", "ผู้รับการนิเทศ"), ("v.supervisor_signs", "ผู้นิเทศ"), (None, "ผู้บริหารสถานศึกษา")),
            strict=True):
        cell = signs.cell(row, col)
        cell.paragraphs[0].text = ""
        who = "v.principal" if people_of is None else "s"
        if people_of:
            _para(cell, "{%p for s in " + people_of + " %}")
        # as Thai forms sign: "(ลงชื่อ) ...... ผู้นิเทศ", the name in parentheses, the position
        for i, line in enumerate((f"(ลงชื่อ) {DOTS} {role}", f"({{{{ {who}.name }}}})",
                                  f"ตำแหน่ง {{{{ {who}.position }}}}")):
            p = _para(cell, line, center=True, keep=row == 0)  # the block stays on one page
            if i == 0:
                p.paragraph_format.space_before = Pt(12)
        if people_of:
            _para(cell, "{%p endfor %}")
        cell._tc.remove(cell.paragraphs[0]._p)
    for tr in signs.rows:
        tr._tr.get_or_add_trPr().append(_el("w:cantSplit"))
    _para(body, "{%p endfor %}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main() -> int:
    TARGET.write_bytes(build())
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
