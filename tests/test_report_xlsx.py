"""Excel reports read back with openpyxl: what prints (fonts, widths, heights, page furniture,
digits, dates, the signature block) and what must never be there (formulas, commands, ids)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import make_runner
from nitet.reports.textwidth import Measure, join_lines
from nitet.reports.xlsx_sheet import CELL_PAD, LINE_PT, MAX_ROW_PT, ROW_PAD_PT, UNIT_EM, row_height

DLTV = "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)"


def _xlsx(root: Path, tmp_path: Path, *args: str) -> object:
    out = tmp_path / "r.xlsx"
    r = make_runner(root)(*args, "-o", str(out), "--date", "2026-01-10")
    assert r.exit_code == 0, r.stderr
    return load_workbook(out)


def _texts(wb: object) -> list[str]:
    return [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def _signature(ws: object) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None][-4:]


def _last_table(wb: object) -> object:
    """The sheet the signature block ends: the last one that is not a sheet of charts."""
    return [ws for ws in wb.worksheets if not ws._charts][-1]


def test_krs_workbook(demo_ws: Path, tmp_path: Path) -> None:
    wb = _xlsx(demo_ws, tmp_path, "report", "krs", "--fy", "2569", "--quarter", "1")
    assert wb.sheetnames == ["สรุป", "กิจกรรม", "ตัวชี้วัด", "ปัญหาและข้อเสนอแนะ", "แผนภูมิตัวชี้วัด"]
    normal = next(s for s in wb._named_styles if s.name == "Normal")
    assert (normal.font.name, normal.font.sz) == ("TH SarabunPSK", 16)  # Excel's column unit follows it
    s = wb["สรุป"]
    assert s["A1"].value == "รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)"
    assert "A1:G1" in {str(m) for m in s.merged_cells.ranges}
    assert s["A4"].value == "ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘)"
    assert (s["A1"].font.name, s["A1"].font.b, s["A1"].font.sz) == ("TH SarabunPSK", True, 18)
    assert [c.value for c in s[6]][:3] == ["ที่", "โครงการ", "งบประมาณ\nที่ได้รับ (บาท)"]
    assert s.freeze_panes == "A7" and s.print_title_rows == "$6:$6"
    assert [c.value for c in s[7]] == [1, DLTV, 40000, 12500, 12500, 27500, 0.3125]
    # one digit system: Thai digits through the number formats, every section prefixed
    assert (s["C7"].number_format, s["G7"].number_format, s["A7"].number_format) == (
        "[$-D00041E]#,##0.00", "[$-D00041E]0.00%", "[$-D00041E]#,##0")
    assert (s["C7"].font.name, s["C7"].font.sz) == ("TH SarabunPSK", 16)
    assert [c.value for c in s[9]][1:] == ["รวม", 65000, 18700, 18700, 46300, 18700 / 65000]
    for ws in wb:
        ps = ws.page_setup
        assert int(ps.paperSize) == 9 and ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth == 1
        assert ws.oddFooter.center.text == "หน้า &P จาก &N" and ws.oddFooter.center.font == "TH SarabunPSK,Regular"
        assert ws.oddHeader.left.text == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตาก เขต ๒"
        assert ws.oddHeader.right.text == "รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)"
    assert s.page_setup.orientation == "landscape"
    ind = wb["ตัวชี้วัด"]
    values = [[c.value for c in r] for r in ind.iter_rows(min_row=5)]
    row = next(v for v in values if v[1] == "จำนวนโรงเรียน DLTV ที่ได้รับการนิเทศ")
    # Q1: 4 DLTV schools in the quarter and to date; 40% of 10; what it counts and over which period, labelled
    assert row[:8] == [DLTV, "จำนวนโรงเรียน DLTV ที่ได้รับการนิเทศ", "โรงเรียน", 10, 4, 4, 0.4, "ไม่บรรลุ"]
    assert row[8].startswith(f"โรงเรียน (ไม่ซ้ำ) ที่ได้รับการนิเทศ {DLTV}: "
                             "ไตรมาสที่ ๑ ๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘; สะสม ๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘")
    assert ind["D5"].number_format == "[$-D00041E]#,##0"  # a whole target: no "80." (#,##0.## is gone)
    # the signature block ends the last table; charts follow on a sheet of their own, one per project
    assert _signature(wb["ปัญหาและข้อเสนอแนะ"]) == [
        "(ลงชื่อ) ........................................ ผู้รายงาน", "(นางสาวสมใจ ใฝ่นิเทศ)",
        "ตำแหน่ง ศึกษานิเทศก์", "วันที่ ๑๐ มกราคม ๒๕๖๙"]
    charts = wb["แผนภูมิตัวชี้วัด"]._charts
    assert len(charts) == 2 and not any(ws._charts for ws in wb.worksheets[:4])
    title = charts[0].title.tx.rich.p[0].r[0]
    assert title.t == DLTV and title.rPr.cs.typeface == "TH SarabunPSK"
    assert not [x for x in _texts(wb) if "nitet" in x or "dltv-2569" in x or "รหัสโครงการ" in x]


def test_arabic_digits_and_western_dates(demo_ws: Path, tmp_path: Path) -> None:
    cfg = demo_ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("digits: thai", "digits: arabic"), encoding="utf-8")
    wb = _xlsx(demo_ws, tmp_path, "report", "visits", "--fy", "2569", "--quarter", "1")
    s = wb["บันทึกการนิเทศ"]
    assert (s["A6"].number_format, s["B6"].number_format) == ("#,##0", "[$-107041E]d mmm yyyy")
    assert s["A3"].value == "ไตรมาสที่ 1 (1 ต.ค. 2568 – 31 ธ.ค. 2568)"
    assert _signature(_last_table(wb))[-1] == "วันที่ 10 มกราคม 2569"
    assert not [x for x in _texts(wb) if any(d in x for d in "๐๑๒๓๔๕๖๗๘๙")]


def test_visits_workbook(demo_ws: Path, tmp_path: Path) -> None:
    visit = next((demo_ws / "records/visits/2569").glob("2025-10-02-*.yaml"))
    lines = visit.read_text(encoding="utf-8").split("\n")
    replace = {"findings:": "findings: '=1+1 ครูศึกษา'", "suggestions:": "suggestions: '@SUM(A1) จัดตาราง'",
               "  - name:": "  - name: '-นางสาวพิมพ์ใจ รักสอน'", "    position:": "    position: '+ครู'"}
    lines = [next((v for k, v in replace.items() if line.startswith(k)), line) for line in lines]
    visit.write_text("\n".join(lines), encoding="utf-8")
    assert make_runner(demo_ws)("check").exit_code == 0
    wb = _xlsx(demo_ws, tmp_path, "report", "visits", "--fy", "2569", "--quarter", "1")
    assert wb.sheetnames == ["บันทึกการนิเทศ", "รายโรงเรียน", "รายเครือข่าย", "การติดตามผล", "โรงเรียนกลุ่มเป้าหมาย",
                            "แผนภูมิรายเครือข่าย"]
    s = wb["บันทึกการนิเทศ"]
    assert [c.value for c in s[5]] == ["ที่", "วันที่", "โรงเรียน", "โครงการ", "ผู้รับการนิเทศ", "ผลการนิเทศ",
                                      "ข้อเสนอแนะ"]
    first = list(s[6])
    # a real date (it sorts and filters), shown in the Buddhist era with Thai digits
    assert first[1].value == datetime(2025, 10, 2) and first[1].number_format == "[$-D07041E]d mmm yyyy"
    assert first[3].value == DLTV  # the project's name, never its id
    for cell, expected in ((first[5], "=๑+๑ ครูศึกษา"), (first[6], "@SUM(A๑) จัดตาราง"),
                           (first[4], "-นางสาวพิมพ์ใจ รักสอน (+ครู")):
        assert str(cell.value).startswith(expected) and cell.data_type == "s"
    assert not [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert s["F6"].alignment.wrap_text
    schools = wb["รายโรงเรียน"]
    assert [c.value for c in schools[5]][:3] == [1, "โรงเรียนบ้านดอยงาม", "๑๐๖๓๓๕๐๑๐๒"]
    assert schools["F5"].value == datetime(2025, 12, 10)
    nets = wb["รายเครือข่าย"]
    rows = [[c.value for c in r] for r in nets.iter_rows(min_row=5, max_row=9)]
    assert rows == [[1, "เครือข่ายพบพระ", 2, 2], [2, "เครือข่ายแม่ระมาด", 1, 1], [3, "เครือข่ายแม่สอด ๑", 2, 3],
                    [4, "เครือข่ายอุ้มผาง", 1, 1], [None, "รวม", 6, 7]]
    assert _signature(_last_table(wb))[1] == "(นางสาวสมใจ ใฝ่นิเทศ)"
    assert len(wb["แผนภูมิรายเครือข่าย"]._charts) == 1
    assert not s.auto_filter.ref  # 7 rows: no filter buttons


def _long_visits(ws: Path, n: int, finding: str) -> None:
    run = make_runner(ws)
    assert run("school", "add", "--code", "1063350101", "--name", "โรงเรียนบ้านห้วยน้ำใส",
               "--district", "แม่สอด").exit_code == 0
    for i in range(n):
        r = run("visit", "add", "--school", "1063350101", "--date", f"2025-11-{i % 28 + 1:02d}",
                "--finding", finding if i == 0 else f"ข้อค้นพบที่ {i}", "--suggestion", "ข้อเสนอแนะ")
        assert r.exit_code == 0, r.stderr


def test_a_text_taller_than_excel_allows_continues_in_the_rows_below(ws: Path, tmp_path: Path) -> None:
    finding = " ".join(f"ข้อค้นพบที่ {i} ครูจัดการเรียนรู้ตามแผนและนักเรียนมีส่วนร่วม" for i in range(40))
    assert len(finding) > 1500
    _long_visits(ws, 25, finding)
    wb = _xlsx(ws, tmp_path, "report", "visits", "--fy", "2569")
    s = wb["บันทึกการนิเทศ"]
    heights = [s.row_dimensions[r].height for r in range(1, s.max_row + 1)]
    assert max(h for h in heights if h) <= MAX_ROW_PT
    parts = [s.cell(row=r, column=6).value for r in range(6, s.max_row + 1)]
    pieces = [p for p in parts if p and (p.startswith("ข้อค้นพบที่ ๐ ") or p.startswith("(ต่อ) "))]
    assert len(pieces) > 2  # continued, never cut
    assert " ".join(p.removeprefix("(ต่อ) ") for p in pieces) == finding.replace("0", "๐").translate(
        str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    first_row = 6
    assert [s.cell(row=first_row + k, column=1).value for k in range(len(pieces))] == [1] * len(pieces)  # key
    assert s.auto_filter.ref == f"A5:G{s.max_row}"  # a long table: filter buttons


def test_every_cell_fits_its_column_and_row(demo_ws: Path, tmp_path: Path) -> None:
    """Numbers and dates are never wider than their column (no ###); every text has the lines it
    needs in its row, as nitet measures them with TH SarabunPSK's widths."""
    m, mb = Measure(), Measure(bold=True)
    for args in (("report", "krs", "--fy", "2569", "--quarter", "2", "--cumulative"),
                 ("report", "visits", "--fy", "2569"), ("report", "screening", "--academic-year", "2568")):
        wb = _xlsx(demo_ws, tmp_path, *args)
        for ws in wb.worksheets:
            merged = {r.min_row: r for r in ws.merged_cells.ranges}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None or c.row in merged:
                        continue
                    width = column_width(ws, c.column)
                    avail = (width - CELL_PAD) * UNIT_EM
                    measure = mb if c.font.b else m
                    if isinstance(c.value, str):
                        need = measure.count_lines(c.value, avail) * LINE_PT + ROW_PAD_PT
                        assert need <= ws.row_dimensions[c.row].height + 0.1, (ws.title, c.coordinate)
                    else:
                        text = _shown(c.value, c.number_format)
                        assert measure.width(text) < avail, (ws.title, c.coordinate, text)


def column_width(ws: object, index: int) -> float:
    """The width of column ``index`` as saved: openpyxl reads alike neighbours as one range."""
    return next(float(d.width) for d in ws.column_dimensions.values() if d.min <= index <= d.max)


def _shown(value: object, fmt: str) -> str:
    from nitet.core.thai import format_date, to_thai_digits

    thai = fmt.startswith("[$-D")
    if isinstance(value, datetime):
        return format_date(value.date(), "short", thai)
    text = f"{value * 100:,.2f}%" if "%" in fmt else f"{value:,.2f}" if ".00" in fmt else f"{value:,.0f}"
    return to_thai_digits(text) if thai else text


def test_screening_and_empty_reports(demo_ws: Path, tmp_path: Path) -> None:
    wb = _xlsx(demo_ws, tmp_path, "report", "screening", "--academic-year", "2568")
    s = wb["ผลการคัดกรอง"]
    assert [c.value for c in s[6]][:7] == ["โรงเรียนบ้านผาลาด", "ป.๑", "อ่านออกเสียง", 1, 9, 1, 1 / 9]
    assert s.cell(row=6, column=7).number_format == "[$-D00041E]0.00%"
    assert s.cell(row=7, column=15).number_format == "[$-D00041E]+#,##0.00;[$-D00041E]-#,##0.00;[$-D00041E]0.00"
    assert _signature(s)[0].startswith("(ลงชื่อ)")
    empty = _xlsx(demo_ws, tmp_path, "report", "visits", "--fy", "2571", "--quarter", "1")
    assert empty.sheetnames[0] == "บันทึกการนิเทศ" and empty["บันทึกการนิเทศ"]["A5"].value.startswith("ไม่มีบันทึก")
    assert _signature(_last_table(empty))[-1] == "วันที่ ๑๐ มกราคม ๒๕๖๙"
    # a KRS of a year without any project is no empty workbook: exit 1, nothing written
    r = make_runner(demo_ws)("report", "krs", "--fy", "2571", "--quarter", "1", "-o", str(tmp_path / "k.xlsx"))
    assert r.exit_code == 1 and not (tmp_path / "k.xlsx").exists()


def test_report_date_and_reporter_on_every_report(ws: Path, tmp_path: Path) -> None:
    """--date is the date of the signature block, in xlsx as in Markdown; an unknown position is a
    dotted line to fill in by hand."""
    cfg = ws / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  reporter_position: ศึกษานิเทศก์\n", ""), encoding="utf-8")
    run = make_runner(ws)
    assert run("plan", "add", "--id", "p-2569", "--fy", "2569", "--title", "โครงการทดสอบ").exit_code == 0
    for args in (("report", "krs", "--fy", "2569", "--quarter", "1"), ("report", "visits", "--fy", "2569"),
                 ("report", "screening", "--academic-year", "2568")):
        out = tmp_path / "x.xlsx"
        assert run(*args, "--date", "1 ธ.ค. 2569", "-o", str(out)).exit_code == 0
        wb = load_workbook(out)
        assert _signature(_last_table(wb)) == [
            "(ลงชื่อ) ........................................ ผู้รายงาน", "(นางสาวทดสอบ ระบบ)",
            "ตำแหน่ง ........................................", "วันที่ ๑ ธันวาคม ๒๕๖๙"]
        md = run(*args, "--date", "1 ธ.ค. 2569").stdout
        assert md.endswith("(นางสาวทดสอบ ระบบ)  \nตำแหน่ง ........................................  \n"
                           "วันที่ ๑ ธันวาคม ๒๕๖๙\n")


# --- measuring text --------------------------------------------------------------------------

def test_widths_follow_the_font() -> None:
    m = Measure()
    assert m.width("นี่") == m.width("น")  # marks above and below take no width
    assert m.width("๐") > m.width("0") and round(m.width("0"), 3) == UNIT_EM
    assert m.width("\u4e00") == 1.0  # a character TH SarabunPSK lacks: a full em
    assert Measure(bold=True).width("กขค") > m.width("กขค")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กขคนมยรลวสหอะัาำิีึืุู่้๊๋เแโใไ ๑๒3abcWX\n")), max_size=120),
       st.floats(min_value=0.5, max_value=30))
def test_wrapping_keeps_the_text_and_the_width(text: str, avail: float) -> None:
    m = Measure()
    lines = m.wrap(text, avail)
    assert join_lines(lines) == text
    assert m.count_lines(text, avail) == len(lines)
    def mark(ch: str) -> bool:
        return unicodedata.category(ch) in ("Mn", "Me", "Cf")

    for (line, _), (_, before) in zip(lines, [("", "\n"), *lines], strict=False):
        assert m.width(line) <= avail or sum(not mark(c) for c in line) <= 1 or line.isascii()
        assert before or not line or not mark(line[0])  # a mark stays with its letter


def test_report_dates_are_dates() -> None:
    from nitet.reports.xlsx_book import number_format, shown

    assert shown(date(2025, 10, 1), "date", True) == "๑ ต.ค. ๒๕๖๘"
    assert number_format("signed", False) == "+#,##0.00;-#,##0.00;0.00"


def test_an_export_is_raw_data_that_also_prints(demo_ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "schools.xlsx"
    r = make_runner(demo_ws)("export", "xlsx", "schools", "--thai-headers", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    wb = load_workbook(out)
    ws = wb["schools"]
    normal = next(s for s in wb._named_styles if s.name == "Normal")
    assert (normal.font.name, normal.font.sz) == ("TH SarabunPSK", 16)
    assert ws["A2"].value == "1063350101" and ws["A2"].data_type == "s"  # data as stored: no digit conversion
    assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.oddFooter.center.text == "หน้า &P จาก &N" and ws.oddHeader.right.text == "ทะเบียนโรงเรียน"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    m = Measure()
    name = next(c for c in ws[1] if c.value == "ชื่อโรงเรียน").column
    longest = max(m.width(str(ws.cell(row=r, column=name).value)) for r in range(2, ws.max_row + 1))
    assert (column_width(ws, name) - CELL_PAD) * UNIT_EM >= longest  # school names on one line
    assert ws.sheet_format.defaultRowHeight == row_height(1)  # a line of TH SarabunPSK 16, not Calibri's


def test_a_control_character_in_a_record_is_dropped_not_a_crash(demo_ws: Path, tmp_path: Path) -> None:
    """A finding pasted with a terminal escape (check warns about it) still gives the report; the
    cell holds the text without the control characters."""
    visit = next((demo_ws / "records/visits/2569").glob("2025-10-02-*.yaml"))
    lines = visit.read_text(encoding="utf-8").split("\n")
    lines = ['findings: "\\x07\\x1b]0;title\\x07 ครูศึกษาแผน\\tการสอน"' if x.startswith("findings:") else x
             for x in lines]
    visit.write_text("\n".join(lines), encoding="utf-8")
    wb = _xlsx(demo_ws, tmp_path, "report", "visits", "--fy", "2569", "--quarter", "1")
    found = [t for t in _texts(wb) if "title" in t]
    assert found == ["]๐;title ครูศึกษาแผน\tการสอน"]
