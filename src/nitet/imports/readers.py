"""Reading .xlsx and .csv files into rows of cell values, with the sheet's own row numbers.

* .xlsx: openpyxl in read-only mode (values, not formulas); hidden sheets are left out.
  Measured here: ~0.4 s for 5,000 rows × 20 columns, well inside the import budget, so no
  second reader (python-calamine) is needed.
* .csv: UTF-8 with or without BOM ("CSV UTF-8" from Excel), or Windows Thai (cp874, what a
  Thai Windows Excel writes as plain "CSV"). Decoded as cp874, never as "tis-620" (which lacks
  the Windows characters such as “ ” and …). The delimiter (``,`` ``;`` or tab) is detected.
  Rows are split by :mod:`csvrows` (a stray quote rejects its row, never merges it).

**Limits** (:class:`Limits`), checked before memory is spent: the file's size on disk; for
.xlsx the sizes its zip declares once unpacked (a 1 MB file can unpack to gigabytes) and each
sheet's declared dimension (``A1:C1048575``), then the rows and columns actually read. Rows
are limited per sheet (``--max-rows`` raises it, and the size limits with it); columns to
:data:`MAX_COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nitet.core.errors import DataError, UsageError
from nitet.core.i18n import t

MB = 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000


@dataclass(frozen=True)
class Limits:
    """How much one file may hold. The size limits grow with ``max_rows`` (``--max-rows``)."""

    max_rows: int = MAX_ROWS
    max_columns: int = MAX_COLUMNS

    @property
    def file_bytes(self) -> int:
        """On disk: 10,000 visits are ~3 MB of CSV or ~1 MB of xlsx."""
        return max(50 * MB, self.max_rows * 500)

    @property
    def unpacked_bytes(self) -> int:
        """An xlsx unpacked (its XML): 100,000 rows × 30 columns are ~150 MB."""
        return max(250 * MB, self.max_rows * 2_500)


SUFFIXES = (".xlsx", ".xlsm", ".csv")


@dataclass
class Sheet:
    """One table source: a worksheet, or a whole CSV file (``name`` is empty)."""

    file: Path
    name: str
    rows: list[list[Any]] = field(default_factory=list)  # rows[i] is the sheet's row i + 1
    encoding: str | None = None
    #: rows that could not be read (a stray quote in a CSV): row number → reason
    malformed: dict[int, str] = field(default_factory=dict)

    @property
    def positional(self) -> bool:
        """A CSV row's cells are placed by counting delimiters: an extra cell means a shifted row."""
        return not self.name

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


def read(path: Path, sheet: str | None = None, limits: Limits | None = None) -> list[Sheet]:
    """Every visible sheet of an xlsx file (or the one ``sheet`` names), or the CSV table."""
    limits = limits or Limits()
    check_size(path, limits)
    if path.suffix.lower() == ".csv":
        return [read_csv(path, limits)]
    return list(_read_xlsx(path, sheet, limits))


def check_size(path: Path, limits: Limits) -> None:
    """Refuse a file larger than the limits before reading it (an xlsx: also unpacked)."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise DataError(t("อ่านไฟล์ {p} ไม่ได้: {e}", "cannot read {p}: {e}", p=path, e=e.strerror)) from None
    if size > limits.file_bytes:
        raise DataError(
            t("ไฟล์ {f} ใหญ่ {n} MB เกินขนาดที่ nitet นำเข้าได้ ({m} MB)",
              "{f} is {n} MB, more than nitet imports ({m} MB)", f=path.name, n=_mb(size), m=_mb(limits.file_bytes)),
            _more_rows_hint(limits))
    if path.suffix.lower() != ".csv":
        _check_unpacked(path, limits)


def _mb(n: int) -> str:
    return f"{n / MB:,.1f}"


def _more_rows_hint(limits: Limits) -> str:
    return t("แบ่งเป็นหลายไฟล์ หรือถ้าข้อมูลมีมากขนาดนั้นจริง ใช้ --max-rows {n} (ขีดจำกัดขนาดไฟล์เพิ่มตาม)",
             "split it into several files, or if it really holds that much, use --max-rows {n} (the size limits grow with it)",
             n=limits.max_rows * 2)


def _check_unpacked(path: Path, limits: Limits) -> None:
    """The sizes the zip declares (what reading it would inflate to: zipfile stops there)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: openpyxl's own error says the file cannot be opened
    if total > limits.unpacked_bytes:
        raise DataError(
            t("ไฟล์ {f} ({n} MB) เมื่อแตกออกมีขนาด {u} MB เกินที่ nitet อ่านได้ ({m} MB): ไฟล์ .xlsx ทั่วไปไม่ขยายตัวมากขนาดนี้",
              "{f} ({n} MB) unpacks to {u} MB, more than nitet reads ({m} MB): an ordinary .xlsx does not grow that much",
              f=path.name, n=_mb(path.stat().st_size), u=_mb(total), m=_mb(limits.unpacked_bytes)),
            t("เปิดใน Excel แล้วคัดลอกเฉพาะตารางไปไฟล์ใหม่ หรือบันทึกเป็น CSV UTF-8 แล้วนำเข้าไฟล์นั้น",
              "open it in Excel and copy just the table into a new file, or save it as CSV UTF-8 and import that"))


def too_many_rows(label: str, limits: Limits, declared: str | None = None) -> DataError:
    if declared:
        msg = t("{s}: ชีตนี้ระบุขนาด {d} เกิน {n:,} แถวที่ nitet อ่านได้ต่อชีต",
                "{s}: the sheet declares its size as {d}, more than the {n:,} rows nitet reads per sheet",
                s=label, d=declared, n=limits.max_rows)
    else:
        msg = t("{s}: มีมากกว่า {n:,} แถว เกินที่ nitet อ่านได้ต่อชีต", "{s}: more than {n:,} rows, more than nitet reads per sheet",
                s=label, n=limits.max_rows)
    return DataError(msg, t(
        "ถ้ามีข้อมูลมากขนาดนั้นจริง ใช้ --max-rows {m}; ถ้าไม่ใช่ ลบแถวว่างหรือเซลล์ที่จัดรูปแบบไว้ใต้ตารางใน Excel แล้วบันทึกใหม่",
        "if it really holds that much, use --max-rows {m}; if not, delete the empty or formatted rows below the table in Excel and save",
        m=limits.max_rows * 2))


def too_many_columns(label: str, limits: Limits, found: int | str, row: int | None = None) -> DataError:
    where = t(" (แถว {r})", " (row {r})", r=row) if row else ""
    return DataError(
        t("{s}{w}: มี {c} คอลัมน์ เกิน {n:,} คอลัมน์ที่ nitet อ่านได้", "{s}{w}: {c} columns, more than the {n:,} nitet reads",
          s=label, w=where, c=f"{found:,}" if isinstance(found, int) else found, n=limits.max_columns),
        t("ลบคอลัมน์ที่ไม่ใช้ หรือคัดลอกเฉพาะตารางไปไฟล์ใหม่", "delete the columns not needed, or copy just the table into a new file"))


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


def read_csv(path: Path, limits: Limits | None = None) -> Sheet:
    from nitet.imports import csvrows

    limits = limits or Limits()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DataError(t("อ่านไฟล์ {p} ไม่ได้: {e}", "cannot read {p}: {e}", p=path, e=e.strerror)) from None
    try:
        text, encoding = decode_csv(data)
    except DataError as e:
        raise DataError(f"{path.name}: {e.message}", e.hint) from None
    del data
    delimiter = _delimiter(text[:8192])
    try:
        parsed = csvrows.parse(text, delimiter, max_rows=limits.max_rows, max_columns=limits.max_columns)
    except csvrows.Oversize as e:
        if e.what == "rows":
            raise too_many_rows(path.name, limits) from None
        raise too_many_columns(path.name, limits, e.found, e.row) from None
    return Sheet(path, "", parsed.rows, encoding, parsed.malformed)


def _delimiter(sample: str) -> str:
    lines = [ln for ln in sample.split("\n")[:20] if ln.strip()]
    best, score = ",", 0
    for d in (",", ";", "\t"):
        n = sum(ln.count(d) for ln in lines)
        if n > score:
            best, score = d, n
    return best


def _read_xlsx(path: Path, only: str | None, limits: Limits) -> Iterator[Sheet]:
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
            label = f"{path.name}#{ws.title}"
            _check_declared(ws, label, limits)
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # some writers store too small a size; read every row
            try:
                rows = _rows(ws, label, limits)
            except DataError:
                raise
            except Exception as e:  # a damaged sheet
                raise DataError(
                    t("อ่านชีต {s} ของ {p} ไม่ได้ ({e})", "cannot read sheet {s} of {p} ({e})", s=ws.title, p=path.name, e=e),
                    t("เปิดไฟล์ใน Excel แล้วบันทึกใหม่เป็น .xlsx", "open the file in Excel and save it again as .xlsx")) from None
            while rows and not any(v is not None and v != "" for v in rows[-1]):
                rows.pop()
            yield Sheet(path, ws.title, rows)
    finally:
        wb.close()


def _check_declared(ws: Any, label: str, limits: Limits) -> None:
    """The size the sheet declares (``<dimension ref="A1:C1048575"/>``), before reading a row."""
    rows, cols = getattr(ws, "max_row", None), getattr(ws, "max_column", None)
    if not isinstance(rows, int) or not isinstance(cols, int):
        return
    declared = ws.calculate_dimension()
    if rows > limits.max_rows:
        raise too_many_rows(label, limits, declared)
    if cols > limits.max_columns:
        raise too_many_columns(label, limits, declared)


def _rows(ws: Any, label: str, limits: Limits) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for r in ws.iter_rows(values_only=True):
        if len(rows) >= limits.max_rows:
            raise too_many_rows(label, limits)
        if len(r) > limits.max_columns:
            raise too_many_columns(label, limits, len(r), len(rows) + 1)
        rows.append(list(r))
    return rows
