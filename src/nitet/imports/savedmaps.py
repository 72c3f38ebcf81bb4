"""Column mappings remembered per sheet layout: ``imports/<name>.yaml`` in the workspace.

A saved mapping is a readable ``--map`` file (``columns: {header: field}``, ``ignore`` for a
column left out) plus the header signature it was made for (``headers:``, the header cells in
order, as the sheet shows them). The next sheet whose header row has the same cells (compared as
:func:`nitet.imports.headers.normalize` does: case, spaces, punctuation and digit systems aside),
in the same order, is read with it, and the import says which mapping it used. The folder
travels through git with the records, so a colleague's clone reads the office's forms the same way.

    # การจับคู่คอลัมน์สำหรับ nitet import visits ...
    kind: visits
    headers:
      - ประทับเวลา
      - ชื่อโรงเรียน
      - ข้อสังเกตเพิ่มเติม
    columns:
      ประทับเวลา: ignore
      ชื่อโรงเรียน: school_name
      ข้อสังเกตเพิ่มเติม: findings
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nitet.core.i18n import t
from nitet.imports.columns import SYNONYMS, normalize
from nitet.imports.readers import Sheet
from nitet.imports.table import HEADER_SEARCH_ROWS, Table, header_labels
from nitet.storage.workspace import Workspace

FOLDER = "imports"
_UNSAFE = re.compile(r"[^\w\u0e00-\u0e7f-]+")


@dataclass
class SavedMap:
    name: str
    path: Path
    kind: str
    headers: list[str]
    columns: dict[str, str]

    @property
    def signature(self) -> tuple[str, ...]:
        return signature_of(self.headers)


def folder(ws: Workspace) -> Path:
    return ws.root / FOLDER


def signature_of(labels: list[str]) -> tuple[str, ...]:
    """The header cells compared: normalised, trailing empty cells left out."""
    out = [normalize(x or "") for x in labels]
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def load_all(ws: Workspace, kind: str | None = None) -> tuple[list[SavedMap], list[str]]:
    """Every readable mapping (of ``kind``), sorted by name, and a note for each unreadable file."""
    d = folder(ws)
    maps: list[SavedMap] = []
    notes: list[str] = []
    if not d.is_dir():
        return maps, notes
    for p in sorted(d.glob("*.yaml")):
        if p.name.startswith("."):
            continue
        m = read(p)
        if m is None:
            notes.append(t("อ่านไฟล์การจับคู่คอลัมน์ {p} ไม่ได้ (ต้องมี kind, headers และ columns): ข้ามไป",
                           "cannot read the column mapping {p} (it needs kind, headers and columns): skipped",
                           p=ws.rel(p)))
        elif kind is None or m.kind == kind:
            maps.append(m)
    return maps, notes


def read(path: Path) -> SavedMap | None:
    from nitet.storage.yamlfast import parse_fast
    from nitet.storage.yamlrules import YamlProblem

    try:
        raw = parse_fast(path.read_bytes())
    except (OSError, YamlProblem):
        return None
    if not isinstance(raw, dict):
        return None
    kind, heads, cols = raw.get("kind"), raw.get("headers"), raw.get("columns")
    if kind not in SYNONYMS or not isinstance(heads, list) or not isinstance(cols, dict):
        return None
    valid = set(SYNONYMS[kind]) | {"ignore"}
    columns = {str(h): str(f) for h, f in cols.items() if str(f) in valid}
    return SavedMap(path.stem, path, str(kind), ["" if h is None else str(h) for h in heads], columns)


def match(sheet: Sheet, maps: list[SavedMap]) -> SavedMap | None:
    """The mapping made for this sheet's header row (one row, or two merged rows), if any."""
    if not maps:
        return None
    wanted = {m.signature: m for m in maps}
    rows = sheet.rows
    for r in range(min(len(rows), HEADER_SEARCH_ROWS)):
        for two in (False, True):
            if two and r + 1 >= len(rows):
                continue
            found = wanted.get(signature_of(header_labels(rows, r, two)))
            if found is not None:
                return found
    return None


def default_name(source: Path) -> str:
    """A file name from the sheet's file name: ``แบบบันทึก (การตอบกลับ).xlsx`` → ``แบบบันทึก-การตอบกลับ``."""
    name = _UNSAFE.sub("-", source.stem).strip("-")
    return name[:60] or "mapping"


def valid_name(name: str) -> bool:
    return bool(name) and not _UNSAFE.search(name) and not name.startswith(("-", "."))


def mapping_of(table: Table) -> dict[str, str]:
    """Header → field of every labelled column, as the table is now read (unused: ignore)."""
    out: dict[str, str] = {}
    for c in table.columns[:table.width]:
        if c.label:
            out.setdefault(c.label, c.field or "ignore")
    return out


def write(ws: Workspace, name: str, kind: str, table: Table) -> Path:
    """Save the table's mapping as ``imports/<name>.yaml`` (atomically); returns the path."""
    from nitet.storage.atomic import atomic_write
    from nitet.storage.fastdump import dump

    data: dict[str, Any] = {"kind": kind, "headers": [c.label for c in table.columns[:table.width]],
                            "columns": mapping_of(table)}
    while data["headers"] and not data["headers"][-1]:
        data["headers"].pop()
    head = (f"# การจับคู่คอลัมน์สำหรับ nitet import {kind} — บันทึกจาก {table.sheet.label}\n"
            "# nitet ใช้ไฟล์นี้เองกับชีตที่หัวตารางตรงกับ headers ทุกช่อง และใช้เป็น --map ได้\n"
            "# แก้ได้: columns คือ หัวคอลัมน์: ฟิลด์ (ignore = ไม่ใช้คอลัมน์นั้น)\n")
    path = folder(ws) / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, head + dump(data))
    return path
