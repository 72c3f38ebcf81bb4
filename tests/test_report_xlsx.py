"""Excel reports read back with openpyxl: values, fonts, merged titles, formats, panes, no formulas."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import make_runner
from nitet.reports.xlsx_sheet import line_widths, text_width


def _xlsx(root: Path, tmp_path: Path, *args: str) -> object:
    out = tmp_path / "r.xlsx"
    r = make_runner(root)(*args, "-o", str(out), "--date", "2026-01-10")
    assert r.exit_code == 0, r.stderr
    return load_workbook(out)


def test_krs_workbook(demo_ws: Path, tmp_path: Path) -> None:
    wb = _xlsx(demo_ws, tmp_path, "report", "krs", "--fy", "2569", "--quarter", "1")
    assert wb.sheetnames == ["สรุป", "กิจกรรม", "ตัวชี้วัด", "ปัญหาและข้อเสนอแนะ"]
    s = wb["สรุป"]
    assert s["A1"].value == "รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)"
    assert "A1:G1" in {str(m) for m in s.merged_cells.ranges}
    assert s["A4"].value == "ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘)"
    assert (s["A1"].font.name, s["A1"].font.b) == ("TH SarabunPSK", True)
    header = [c.value for c in s[6]]
    assert header[:3] == ["ที่", "โครงการ", "งบประมาณที่ได้รับ (บาท)"]
    assert s.freeze_panes == "A7"
    row = [c.value for c in s[7]]
    assert row == [1, "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)", 40000, 12500, 12500, 27500,
                   0.3125]
    assert (s["C7"].number_format, s["G7"].number_format, s["A7"].number_format) == ("#,##0.00", "0.00%", "#,##0")
    assert (s["C7"].font.name, s["C7"].font.sz) == ("TH SarabunPSK", 16)
    total = [c.value for c in s[9]]
    assert total[1:] == ["รวม", 65000, 18700, 18700, 46300, 18700 / 65000]
    assert s.page_setup.orientation == "landscape" and int(s.page_setup.paperSize) == 9  # A4
    assert s.sheet_properties.pageSetUpPr.fitToPage and s.page_setup.fitToWidth == 1
    ind = wb["ตัวชี้วัด"]
    values = [[c.value for c in r] for r in ind.iter_rows(min_row=ind.freeze_panes and 5)]
    assert ["โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)", "จำนวนโรงเรียน DLTV ที่ได้รับการนิเทศ",
            "โรงเรียน", 10, 4, 0.4, None] in values  # หมายเหตุ: a counted value is never carried
    assert len(ind._charts) == 1


def test_visits_workbook_keeps_formula_like_text_as_text(demo_ws: Path, tmp_path: Path) -> None:
    visit = next((demo_ws / "records/visits/2569").glob("2025-10-02-*.yaml"))
    lines = visit.read_text(encoding="utf-8").split("\n")
    replace = {"findings:": "findings: '=1+1 ครูศึกษา'", "suggestions:": "suggestions: '@SUM(A1) จัดตาราง'",
               "  - name:": "  - name: '-นางสาวพิมพ์ใจ รักสอน'", "    position:": "    position: '+ครู'"}
    lines = [next((v for k, v in replace.items() if line.startswith(k)), line) for line in lines]
    visit.write_text("\n".join(lines), encoding="utf-8")
    assert make_runner(demo_ws)("check").exit_code == 0
    wb = _xlsx(demo_ws, tmp_path, "report", "visits", "--fy", "2569", "--quarter", "1")
    assert wb.sheetnames == ["บันทึกการนิเทศ", "รายโรงเรียน", "รายเครือข่าย", "การติดตามผล", "โรงเรียนกลุ่มเป้าหมาย"]
    s = wb["บันทึกการนิเทศ"]
    first = list(s[6])
    assert first[1].value == "๒ ต.ค. ๒๕๖๘"
    for cell, expected in ((first[6], "=1+1 ครูศึกษา"), (first[7], "@SUM(A1) จัดตาราง"),
                           (first[5], "-นางสาวพิมพ์ใจ รักสอน (+ครู")):
        assert str(cell.value).startswith(expected)
        assert cell.data_type == "s"
    for row in wb["บันทึกการนิเทศ"].iter_rows():
        for c in row:
            assert c.data_type != "f"
    assert s.freeze_panes == "A6" and s.column_dimensions["G"].width <= 60
    assert s["G6"].alignment.wrap_text
    nets = wb["รายเครือข่าย"]
    rows = [[c.value for c in r] for r in nets.iter_rows(min_row=5)]
    assert rows == [[1, "เครือข่ายพบพระ", 2, 2], [2, "เครือข่ายแม่ระมาด", 1, 1], [3, "เครือข่ายแม่สอด ๑", 2, 3],
                    [4, "เครือข่ายอุ้มผาง", 1, 1], [None, "รวม", 6, 7]]
    assert len(nets._charts) == 1


def test_screening_workbook_and_empty_report(demo_ws: Path, tmp_path: Path) -> None:
    wb = _xlsx(demo_ws, tmp_path, "report", "screening", "--academic-year", "2568")
    s = wb["ผลการคัดกรอง"]
    row = [c.value for c in s[6]]
    assert row[:7] == ["โรงเรียนบ้านผาลาด", "ป.๑", "อ่านออกเสียง", "๑", 9, 1, 1 / 9]
    assert s.cell(row=6, column=7).number_format == "0.00%"
    empty = _xlsx(demo_ws, tmp_path, "report", "visits", "--fy", "2571", "--quarter", "1")
    assert empty.sheetnames[0] == "บันทึกการนิเทศ" and empty["บันทึกการนิเทศ"]["A5"].value.startswith("ไม่มีบันทึก")
    # a KRS of a year without any project is no empty workbook: exit 1, nothing written
    r = make_runner(demo_ws)("report", "krs", "--fy", "2571", "--quarter", "1", "-o", str(tmp_path / "k.xlsx"))
    assert r.exit_code == 1 and not (tmp_path / "k.xlsx").exists()


def test_column_width_ignores_thai_marks() -> None:
    assert text_width("นี่") == 1 and text_width("ที่ดี") == 2 and text_width("ดำ") == 2 and text_width("abc\nabcdef") == 6


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=40))
def test_line_widths_skip_exactly_the_marks_that_take_no_column(text: str) -> None:
    def by_hand(line: str) -> int:
        return sum(1 for ch in line if not (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")))

    assert line_widths(text) == [by_hand(line) for line in text.split("\n")]
