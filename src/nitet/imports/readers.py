"""Reading .xlsx and .csv files into rows of cell values, with the sheet's own row numbers.

* .xlsx: openpyxl in read-only mode (values, not formulas); hidden sheets are left out.
  Measured here: ~0.4 s for 5,000 rows × 20 columns, well inside the import budget, so no
  second reader (python-calamine) is needed.
* .csv: UTF-8 with or without BOM ("CSV UTF-8" from Excel), or Windows Thai (cp874, what a
  Thai Windows Excel writes as plain "CSV"). Decoded as cp874, never as "tis-620" (which lacks
  the Windows characters such as “ ” and …). The delimiter (``,`` ``;`` or tab) is detected.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nitet.core.errors import DataError, UsageError
from nitet.core.i18n import t

SUFFIXES = (".xlsx", ".xlsm", ".csv")


@dataclass
class Sheet:
    """One table source: a worksheet, or a whole CSV file (``name`` is empty)."""

    file: Path
    name: str
    rows: list[list[Any]] = field(default_factory=list)  # rows[i] is the sheet's row i + 1
    encoding: str | None = None

    @property
    def label(self) -> str:
        return f"{self.file.name}#{self.name}" if self.name else self.file.name


def expand(paths: list[Path]) -> list[Path]:
    """Files named, and every .xlsx/.csv directly inside a folder named (sorted, no temp files)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(x for x in p.iterdir()
                           if x.suffix.lower() in SUFFIXES and not x.name.startswith(("~$", ".")))
            if not found:
                raise UsageError(t("ไม่พบไฟล์ .xlsx หรือ .csv ในโฟลเดอร์ {p}", "no .xlsx or .csv file in folder {p}", p=p),
                                 t("ตรวจชื่อโฟลเดอร์", "check the folder name"))
            out.extend(found)
        elif p.is_file():
            if p.suffix.lower() not in SUFFIXES:
                raise UsageError(
                    t("ไม่รองรับไฟล์ {p}: นำเข้าได้เฉพาะ .xlsx และ .csv", "{p}: only .xlsx and .csv can be imported", p=p),
                    t("เปิดใน Excel แล้วบันทึกเป็น .xlsx (ไฟล์ .xls รุ่นเก่าอ่านไม่ได้)",
                      "open it in Excel and save it as .xlsx (old .xls files cannot be read)"))
            out.append(p)
        else:
            raise UsageError(t("ไม่พบไฟล์ {p}", "file {p} does not exist", p=p), t("ตรวจชื่อไฟล์และโฟลเดอร์", "check the path"))
    return list(dict.fromkeys(out))


def read(path: Path, sheet: str | None = None) -> list[Sheet]:
    """Every visible sheet of an xlsx file (or the one ``sheet`` names), or the CSV table."""
    if path.suffix.lower() == ".csv":
        return [read_csv(path)]
    return list(_read_xlsx(path, sheet))


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (a BOM is dropped) when it decodes, else Windows Thai cp874."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _thai_read_as_utf8(text, data):
            return text, "utf-8"
    try:
        return data.decode("cp874"), "cp874"
    except UnicodeDecodeError as e:
        raise DataError(
            t("อ่านไฟล์ CSV ไม่ได้: ไม่ใช่ UTF-8 และไม่ใช่ภาษาไทยของ Windows (cp874) ที่ไบต์ {n}",
              "cannot read the CSV: neither UTF-8 nor Windows Thai (cp874) at byte {n}", n=e.start),
            t("ใน Excel เลือก บันทึกเป็น → CSV UTF-8 แล้วนำเข้าอีกครั้ง",
              "in Excel choose Save As → CSV UTF-8 and import again")) from None


def _thai_read_as_utf8(text: str, data: bytes) -> bool:
    """cp874 Thai that happens to be valid UTF-8 ("ยก" is b"\\xc2\\xa1" = "¡"): read as UTF-8 it has
    no Thai at all, read as cp874 it has. A Thai school's file always has Thai somewhere."""
    if data.isascii() or any("\u0e00" <= c <= "\u0e7f" for c in text):
        return False
    try:
        thai = data.decode("cp874")
    except UnicodeDecodeError:
        return False
    # UTF-8 punctuation (– … “ ”) reads as "โ€…" in cp874: a euro sign means it was UTF-8 after all
    return "€" not in thai and any("\u0e01" <= c <= "\u0e5b" for c in thai)


def read_csv(path: Path) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DataError(t("อ่านไฟล์ {p} ไม่ได้: {e}", "cannot read {p}: {e}", p=path, e=e.strerror)) from None
    try:
        text, encoding = decode_csv(data)
    except DataError as e:
        raise DataError(f"{path.name}: {e.message}", e.hint) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _delimiter(text[:8192])
    rows = [[c if c != "" else None for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return Sheet(path, "", rows, encoding)


def _delimiter(sample: str) -> str:
    lines = [ln for ln in sample.split("\n")[:20] if ln.strip()]
    best, score = ",", 0
    for d in (",", ";", "\t"):
        n = sum(ln.count(d) for ln in lines)
        if n > score:
            best, score = d, n
    return best


def _read_xlsx(path: Path, only: str | None) -> Iterator[Sheet]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # any reader failure is a file the user can re-save, not a bug
        raise DataError(
            t("เปิดไฟล์ Excel {p} ไม่ได้ ({e})", "cannot open the Excel file {p} ({e})", p=path.name, e=e),
            t("ไฟล์อาจเสียหายหรือเป็น .xls รุ่นเก่า: เปิดใน Excel แล้วบันทึกเป็น .xlsx",
              "the file may be damaged or an old .xls: open it in Excel and save as .xlsx")) from None
    try:
        sheets = wb.worksheets
        if only is not None:
            chosen = [s for s in sheets if s.title == only]
            if not chosen and only.isdigit() and 1 <= int(only) <= len(sheets):
                chosen = [sheets[int(only) - 1]]
            if not chosen:
                raise UsageError(
                    t("ไฟล์ {p} ไม่มีชีต '{s}'", "{p} has no sheet '{s}'", p=path.name, s=only),
                    t("ชีตที่มี: {n}", "sheets: {n}", n=", ".join(s.title for s in sheets)))
            sheets = chosen
        else:
            sheets = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
        for ws in sheets:
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # some writers store a wrong size; read every row
            try:
                rows = [list(r) for r in ws.iter_rows(values_only=True)]
            except Exception as e:  # a damaged sheet
                raise DataError(
                    t("อ่านชีต {s} ของ {p} ไม่ได้ ({e})", "cannot read sheet {s} of {p} ({e})", s=ws.title, p=path.name, e=e),
                    t("เปิดไฟล์ใน Excel แล้วบันทึกใหม่เป็น .xlsx", "open the file in Excel and save it again as .xlsx")) from None
            while rows and not any(v is not None and v != "" for v in rows[-1]):
                rows.pop()
            yield Sheet(path, ws.title, rows)
    finally:
        wb.close()
