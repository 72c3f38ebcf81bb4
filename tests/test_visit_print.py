"""nitet visit print: the บันทึกการนิเทศ to sign — Word from the workspace's form (sandboxed), or Markdown."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import make_runner

DLTV = "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)"


def _first_visit(root: Path) -> str:
    r = make_runner(root)("visit", "list", "--fy", "2569", "--quarter", "1", "--json")
    return str(r.json()[0]["id"])  # 2 Oct 2025, โรงเรียนบ้านห้วยน้ำใส


def test_markdown_record_holds_every_field_and_the_three_signatures(demo_ws: Path) -> None:
    vid = _first_visit(demo_ws)
    r = make_runner(demo_ws)("visit", "print", vid, "--format", "md")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    for text in ("# บันทึกการนิเทศ", "**สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตาก เขต ๒**",
                 "| **โรงเรียน** | โรงเรียนบ้านห้วยน้ำใส อำเภอแม่สอด |", "| **วันที่นิเทศ** | ๒ ตุลาคม ๒๕๖๘ |",
                 "| **ผู้นิเทศ** | นางสาวสมใจ ใฝ่นิเทศ |",
                 "| **ผู้รับการนิเทศ** | นางสาวพิมพ์ใจ รักสอน (ครู, คณิตศาสตร์, ป.๔) |",
                 "| **รูปแบบการนิเทศ** | นิเทศโดยใช้โครงการเป็นฐาน |", f"| **โครงการ** | {DLTV} |",
                 "| **วิธีการนิเทศ** | สังเกตการสอน |",
                 "**ผลการนิเทศ:** ครูศึกษาแผนการสอน DLTV ล่วงหน้า", "**จุดเด่น:** -", "**จุดที่ควรพัฒนา:** -",
                 "**ข้อเสนอแนะ:** จัดตารางสอนซ่อมเสริม", "**การติดตามผล:** กำหนดติดตาม ๑๔ มกราคม ๒๕๖๙:",
                 "ผู้รับการนิเทศ  \n(นางสาวพิมพ์ใจ รักสอน)  \nตำแหน่ง ครู",
                 "ผู้นิเทศ  \n(นางสาวสมใจ ใฝ่นิเทศ)  \nตำแหน่ง ศึกษานิเทศก์",
                 "ผู้บริหารสถานศึกษา  \n(นายสมชาย ใจดี)  \nตำแหน่ง ผู้อำนวยการโรงเรียนบ้านห้วยน้ำใส"):
        assert text in out, text
    assert vid not in out and "nitet" not in out and "dltv" not in out  # no ids, no software


def test_word_batch_is_one_section_a_visit_each_numbered_from_one(demo_ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "บันทึก.docx"
    r = make_runner(demo_ws)("visit", "print", "--fy", "2569", "--quarter", "1", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert "7" in r.stderr and str(out) in r.stderr
    doc = Document(str(out))
    titles = [p for p in doc.paragraphs if p.text == "บันทึกการนิเทศ"]
    assert len(titles) == 7 and len(doc.sections) == 7  # one visit, one section (a page of its own)
    schools = [t.rows[0].cells[1].text for t in doc.tables if t.rows[0].cells[0].text == "โรงเรียน"]
    assert schools[0] == "โรงเรียนบ้านห้วยน้ำใส อำเภอแม่สอด" and len(schools) == 7
    xml = (zipfile.ZipFile(out).read("word/document.xml")).decode()
    assert xml.count('w:start="1"') == 7  # each visit's pages are numbered from 1
    footer = zipfile.ZipFile(out).read("word/footer1.xml").decode()
    assert " PAGE " in footer and " SECTIONPAGES " in footer and "หน้า" in footer
    s = doc.sections[0]
    assert (round(s.page_width.cm, 1), round(s.page_height.cm, 1), round(s.left_margin.cm, 1)) == (21.0, 29.7, 3.0)
    normal = doc.styles["Normal"]
    assert normal.font.name == "TH SarabunPSK" and normal.font.size.pt == 16
    assert "{{" not in xml and "{%" not in xml


def test_choosing_visits(demo_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where a .docx without -o goes
    run = make_runner(demo_ws)
    vid = _first_visit(demo_ws)
    both = run("visit", "print", vid, "--school", "1063350101")
    assert both.exit_code == 2 and "อย่างใดอย่างหนึ่ง" in both.stderr
    assert run("visit", "print").exit_code == 2
    out = tmp_path / "x.docx"
    none = run("visit", "print", "--fy", "2571", "-o", str(out))
    assert none.exit_code == 1 and "ไม่ได้สร้างไฟล์" in none.stderr and not out.exists()
    assert run("visit", "print", "no-such-visit", "--format", "md").exit_code == 1
    md = run("visit", "print", "--school", "บ้านห้วยน้ำใส", "--fy", "2569", "--quarter", "1", "--format", "md")
    assert md.exit_code == 0 and md.stdout.count("# บันทึกการนิเทศ") == 2 and "\n---\n" in md.stdout
    default = run("visit", "print", vid)  # a .docx named after the visit, in the folder the command ran in
    assert default.exit_code == 0 and (tmp_path / f"visit-record-{vid}.docx").is_file()


def test_an_offices_own_forms_are_used(demo_ws: Path, tmp_path: Path) -> None:
    form = demo_ws / "templates/visit-record.docx"
    doc = Document(str(form))
    title = next(p for p in doc.paragraphs if p.text == "บันทึกการนิเทศ")
    title.runs[0].text = "แบบบันทึกการนิเทศของเขต"
    doc.save(str(form))
    out = tmp_path / "v.docx"
    assert make_runner(demo_ws)("visit", "print", _first_visit(demo_ws), "-o", str(out)).exit_code == 0
    assert "แบบบันทึกการนิเทศของเขต" in [p.text for p in Document(str(out)).paragraphs]
    (demo_ws / "templates/visit-record.md.j2").write_text("{% for v in r.visits %}{{ v.school }}{% endfor %}\n",
                                                           encoding="utf-8")
    r = make_runner(demo_ws)("visit", "print", _first_visit(demo_ws), "--format", "md")
    assert r.stdout == "โรงเรียนบ้านห้วยน้ำใส\n"


def test_a_form_cannot_run_code_and_a_broken_one_is_said(demo_ws: Path, tmp_path: Path) -> None:
    form = demo_ws / "templates/visit-record.docx"
    doc = Document(str(form))
    doc.add_paragraph("{{ v.__class__.__init__.__globals__ }}")
    doc.save(str(form))
    out = tmp_path / "v.docx"
    r = make_runner(demo_ws)("visit", "print", _first_visit(demo_ws), "-o", str(out))
    assert r.exit_code == 2 and "visit-record.docx" in r.stderr and "ไม่อนุญาต" in r.stderr and not out.exists()
    form.write_text("not a Word file", encoding="utf-8")
    r = make_runner(demo_ws)("visit", "print", _first_visit(demo_ws), "-o", str(out))
    assert r.exit_code == 2 and "อ่านแบบฟอร์ม" in r.stderr and not out.exists()


def test_the_shipped_form_is_the_one_its_script_builds() -> None:
    import io

    from nitet.devtools import visit_template

    built = zipfile.ZipFile(io.BytesIO(visit_template.build()))
    shipped = zipfile.ZipFile(visit_template.TARGET)
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
        assert built.read(name) == shipped.read(name), f"{name}: run python -m nitet.devtools.visit_template"


def test_init_copies_the_forms_and_ignores_printed_records(ws: Path) -> None:
    assert (ws / "templates/visit-record.docx").is_file() and (ws / "templates/visit-record.md.j2").is_file()
    ignore = (ws / ".gitignore").read_text(encoding="utf-8")
    assert "*.docx\n" in ignore and "!/templates/*.docx\n" in ignore
