"""Print check (``make print-check``): the demo workspace's reports printed the way an office PC
prints them — LibreOffice headless with TH SarabunPSK's metric clone (Laksaman, fonts-thai-tlwg) —
and read back from the PDF.

* every cell's text is in the PDF whole, and no number prints as ``###``;
* every wrapped text has the lines it needs in its row: each text is printed once more alone in a
  row far too high to cut anything, and LibreOffice's own line count must fit the lines nitet gave
  its row (nitet's line height must also be at least LibreOffice's);
* every page is numbered "หน้า N จาก M" in the footer (Western digits: Excel's page number codes
  have no digit setting) and has the office and the report in its header;
* each chart is whole on one page, titled by its project, each bar labelled by its indicator;
* the reports in both digit systems, and every ``nitet export xlsx`` table (data that also print).

Skipped, with the reason, on a machine without LibreOffice, poppler or the Thai fonts.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import unicodedata
from datetime import datetime
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import make_runner
from nitet.domain.initialize import create_workspace
from nitet.reports.xlsx_sheet import LINE_PT, ROW_PAD_PT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def _thai_font() -> bool:
    fc = shutil.which("fc-match")
    if fc is None:
        return False
    r = subprocess.run([fc, "TH SarabunPSK"], capture_output=True, text=True, check=False)
    return "Laksaman" in r.stdout


pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="print check: LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="print check: poppler (pdftotext) is not installed"),
    pytest.mark.skipif(not _thai_font(), reason="print check: fonts-thai-tlwg (Laksaman = TH SarabunPSK) is not installed"),
]

REPORTS = {
    "krs-q1": ("report", "krs", "--fy", "2569", "--quarter", "1"),
    "krs-q2-cumulative": ("report", "krs", "--fy", "2569", "--quarter", "2", "--cumulative"),
    "visits": ("report", "visits", "--fy", "2569"),
    "screening": ("report", "screening", "--academic-year", "2568"),
    **{f"export-{kind}": ("export", "xlsx", kind, "--thai-headers")
       for kind in ("schools", "visits", "cases", "plans", "screenings")},
}
LONG = " ".join(f"ข้อค้นพบที่ {i} ครูจัดการเรียนรู้ตามแผนและนักเรียนมีส่วนร่วมในกิจกรรม" for i in range(30))


def to_pdf(files: list[Path], outdir: Path, profile: Path) -> None:
    """One LibreOffice run for all files, with a profile of its own (others may run soffice too)."""
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300)


def pdf_text(path: Path, *args: str) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run([PDFTOTEXT, *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def squash(text: str) -> str:
    """Text as compared with the PDF's: no white space, SARA AM as one character."""
    return re.sub(r"\s+", "", text).replace("\u0e4d\u0e32", "\u0e33")


def bases(text: str) -> str:
    """The letters of a text without its marks (a PDF may give a letter's marks in another order)."""
    return "".join(ch for ch in squash(text) if unicodedata.category(ch) != "Mn")


def column_width(ws: Any, index: int) -> float:
    """The width of column ``index`` (1-based) as saved: openpyxl reads alike neighbours as one range."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= index <= (dim.max or dim.min):
            return float(dim.width)
    raise AssertionError(f"no width for column {index} of {ws.title}")


def shown(value: Any, fmt: str) -> str:
    from nitet.reports.xlsx_book import shown as shown_as

    if fmt == "General":  # nitet export xlsx: the data as stored
        return str(value)
    if fmt == "yyyy-mm-dd":
        return value.date().isoformat()
    thai = fmt.startswith("[$-D")
    if isinstance(value, datetime):
        return shown_as(value.date(), "date", thai)
    kind = "pct" if "%" in fmt else "signed" if "+" in fmt else "dec" if ".00" in fmt else "int"
    return shown_as(value * 100 if kind == "pct" else value, kind, thai)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Every report of the demo workspace (and one of very long texts) as xlsx and its PDF."""
    root = tmp_path_factory.mktemp("print")
    demo = root / "demo"
    create_workspace(demo, office="", supervisor="", demo=True)
    run = make_runner(demo)
    made = {}
    for name, args in REPORTS.items():
        out = root / f"{name}.xlsx"
        r = run(*args, "-o", str(out), *(() if args[0] == "export" else ("--date", "2026-01-10")))
        assert r.exit_code == 0, r.stderr
        made[name] = out
    arabic = root / "arabic"  # one document in Western digits (the workspace's digits: arabic)
    create_workspace(arabic, office="", supervisor="", demo=True)
    cfg = arabic / "nitet.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("digits: thai", "digits: arabic"), encoding="utf-8")
    made["krs-arabic"] = root / "krs-arabic.xlsx"
    r = make_runner(arabic)("report", "krs", "--fy", "2569", "--quarter", "1", "-o", str(made["krs-arabic"]))
    assert r.exit_code == 0, r.stderr
    visit = next((demo / "records/visits/2569").glob("2025-10-02-*.yaml"))
    lines = visit.read_text(encoding="utf-8").split("\n")
    visit.write_text("\n".join(f"findings: {LONG}" if x.startswith("findings:") else x for x in lines),
                     encoding="utf-8")
    out = root / "long.xlsx"
    assert run("report", "visits", "--fy", "2569", "--quarter", "1", "-o", str(out)).exit_code == 0
    made["long"] = out
    to_pdf(list(made.values()), root, root / "profile")
    return {name: (x, x.with_suffix(".pdf")) for name, x in made.items()}


def test_every_cell_is_printed_whole(printed: dict[str, tuple[Path, Path]]) -> None:
    for name, (xlsx, pdf) in printed.items():
        text = pdf_text(pdf, "-raw")
        assert "###" not in text, name
        flat = squash(text)
        wb = load_workbook(xlsx)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None:
                        continue
                    if isinstance(c.value, bool):  # nitet export xlsx: Excel prints TRUE, LibreOffice TRUE or 1
                        assert any(x in flat for x in (str(c.value).upper(), str(int(c.value)))), (name, c)
                        continue
                    value = c.value if isinstance(c.value, str) else shown(c.value, c.number_format)
                    assert squash(value) in flat, (name, ws.title, c.coordinate, value)


def test_every_page_is_numbered(printed: dict[str, tuple[Path, Path]]) -> None:
    for name, (_, pdf) in printed.items():
        pages = pdf_text(pdf, "-raw").split("\f")[:-1]
        assert pages, name
        for n, page in enumerate(pages, start=1):
            assert f"หน้า {n} จาก {len(pages)}" in page, (name, n)


def test_every_page_has_the_office_and_the_report_in_its_header(printed: dict[str, tuple[Path, Path]]) -> None:
    """The page header names the office and the report (on two lines where one is too short: each
    line whole, never openpyxl's escaped line break "_x000a_")."""
    for name, (xlsx, pdf) in printed.items():
        wb = load_workbook(xlsx)
        office = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตาก เขต " + ("2" if "arabic" in name else "๒")
        pages = pdf_text(pdf, "-raw").split("\f")[:-1]
        for ws in wb:
            head = ws.oddHeader
            parts = [p.text for p in (head.left, head.center, head.right) if p.text]
            assert any(office in p for p in parts), (name, ws.title, parts)
        for n, page in enumerate(pages, start=1):
            assert "_x000a_" not in page and squash(office) in squash(page), (name, n)


def test_each_chart_is_whole_on_a_page_and_labelled_by_project_and_indicator(
        printed: dict[str, tuple[Path, Path]]) -> None:
    """A chart's title (the KRS project, or what the bars count) and every bar's label (the
    project's indicator, the network) are on one page of the PDF: the chart is not split."""
    charted = 0
    for name, (xlsx, pdf) in printed.items():
        wb = load_workbook(xlsx)
        pages = [bases(p) for p in pdf_text(pdf, "-raw").split("\f")[:-1]]
        for ws in wb:
            for chart in ws._charts:
                title = "".join(r.t for p in chart.title.tx.rich.p for r in p.r)
                ref = chart.series[0].cat.strRef.f if chart.series[0].cat.strRef else chart.series[0].cat.numRef.f
                sheet, cells = ref.rsplit("!", 1)
                labels = [str(c.value) for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]
                assert labels and all(labels), (name, title)
                assert any(bases(title) in p and all(bases(x) in p for x in labels) for p in pages), \
                    (name, title, labels)
                charted += 1
    assert charted >= 5  # KRS: a chart a project (three reports); visits: one of the networks


def test_every_text_has_the_lines_it_needs(printed: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    """Each wrapped text again, alone in a row of a column as wide (one probe sheet per width):
    LibreOffice's lines for it must fit the lines nitet gave its row."""
    from openpyxl.styles import Alignment

    from nitet.reports.xlsx_book import new_workbook

    probe = new_workbook()
    calibration = probe.active
    cal = calibration.cell(row=1, column=1, value="ก\nก\nก\nก\nก")  # LibreOffice's line pitch
    cal.alignment = Alignment(wrap_text=True, vertical="top")
    calibration.row_dimensions[1].height = 6 * LINE_PT
    sheets: dict[float, list[tuple[str, Any, int]]] = {}
    for name, (xlsx, _) in printed.items():
        wb = load_workbook(xlsx)
        for sheet in wb:
            merged = {r.min_row: r for r in sheet.merged_cells.ranges}
            for src in sheet.iter_rows():
                for c in src:
                    if not isinstance(c.value, str) or not c.alignment.wrap_text:
                        continue
                    size = c.font.sz or 16
                    height = sheet.row_dimensions[c.row].height or sheet.sheet_format.defaultRowHeight
                    allowed = round((height - ROW_PAD_PT) / (LINE_PT * size / 16))
                    span = merged.get(c.row)
                    first, last = (span.min_col, span.max_col) if span else (c.column, c.column)
                    width = round(sum(column_width(sheet, k) for k in range(first, last + 1)), 2)
                    sheets.setdefault(width, []).append((f"{name}/{sheet.title}!{c.coordinate}", c, allowed))
    from openpyxl.worksheet.pagebreak import Break

    cases = []
    for width, cells in sheets.items():
        ws = probe.create_sheet()
        ws.column_dimensions["A"].width = width
        for row, (where, c, allowed) in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=1, value=c.value)
            cell.font = copy.copy(c.font)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 409
            ws.row_breaks.append(Break(id=row))  # each text on a page of its own
            cases.append((where, c.value, allowed))
    for ws in probe:  # A3 landscape at 100%: wider than any table nitet lays out, nothing cut or scaled
        ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.scale = "8", "landscape", 100
        ws.page_margins.left = ws.page_margins.right = 0.5
    path = tmp_path / "probe.xlsx"
    probe.save(path)
    to_pdf([path], tmp_path, tmp_path / "profile")
    pages = _page_lines(tmp_path / "probe.pdf")
    calibration_lines = pages.pop(0)
    pitch = (calibration_lines[-1][0] - calibration_lines[0][0]) / 4
    assert pitch <= LINE_PT, f"LibreOffice's line pitch {pitch:.1f} pt is more than nitet's {LINE_PT:.1f}"
    assert len(pages) == len(cases)
    spare = []
    for (where, text, allowed), lines in zip(cases, pages, strict=True):
        assert bases("".join(words for _, words in lines)) == bases(text), where
        used = len(lines)
        assert used <= allowed, f"{where}: LibreOffice needs {used} lines, the row has {allowed}: {text!r}"
        spare.append(allowed - used)
    assert cases and sum(spare) / len(spare) < 1.5  # and rows are not needlessly high


def _page_lines(pdf: Path) -> list[list[tuple[float, str]]]:
    """Per page, its lines of text top down: (the line's top, its words)."""
    html = pdf_text(pdf, "-bbox")
    out = []
    for page in html.split("<page ")[1:]:
        lines: dict[float, str] = {}
        for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            y, word = float(m.group(1)), unescape(m.group(2))
            top = next((t for t in lines if abs(t - y) < 3), y)
            lines[top] = lines.get(top, "") + word
        out.append(sorted(lines.items()))
    return out


def test_the_visit_record_prints_one_page_a_visit_with_every_field(tmp_path: Path) -> None:
    """nitet visit print's .docx through LibreOffice: a page per visit, each numbered หน้า 1 จาก 1,
    each holding every field of its visit and the three signature lines."""
    from nitet.reports.visit_record import build
    from nitet.storage.loader import load
    from nitet.storage.workspace import open_workspace

    demo = tmp_path / "demo"
    create_workspace(demo, office="", supervisor="", demo=True)
    out = tmp_path / "records.docx"
    r = make_runner(demo)("visit", "print", "--fy", "2569", "--quarter", "1", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    to_pdf([out], tmp_path, tmp_path / "profile")
    pages = pdf_text(out.with_suffix(".pdf")).split("\f")[:-1]
    loaded = load(open_workspace(demo))
    records = build(loaded, sorted(loaded.of("visit"), key=lambda e: (e.data["date"], e.id)))
    q1 = [v for v in records.visits if v.date.endswith("๒๕๖๘")]
    assert len(pages) == len(q1) == 7
    for page, v in zip(pages, q1, strict=True):
        flat = bases(page)
        assert "หน้า1จาก1" in squash(page)
        for value in (v.office, v.school, v.district, v.date, v.supervisors, v.supervisees_text, v.kind, v.project,
                      v.methods, v.topics, v.findings, v.strengths, v.improvements, v.suggestions, v.follow_up,
                      v.principal.name, "ผู้รับการนิเทศ", "ผู้นิเทศ", "ผู้บริหารสถานศึกษา"):
            if value != "-":  # nothing recorded: a dash, which the PDF may give as another dash
                assert bases(value) in flat, (v.school, v.date, value)
