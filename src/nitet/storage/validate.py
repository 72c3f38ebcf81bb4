"""One record file: parse (fast path) → validate (pydantic) → findings with line:column.

Never raises for bad content: a file that cannot be read or validated becomes findings.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet.core import i18n
from nitet.core.findings import ERROR, WARNING, Finding, Problem, describe_validation_error
from nitet.core.i18n import t
from nitet.storage.textcheck import control_problems
from nitet.storage.yamlfast import parse_fast
from nitet.storage.yamlrt import TextLocator, load_rt, position
from nitet.storage.yamlrules import YamlProblem

if TYPE_CHECKING:  # pydantic and the models load when a file is validated, not for a cached run
    from pydantic import BaseModel

_READ_MESSAGES = {
    "too-large": ("ไฟล์ใหญ่เกินไปสำหรับระเบียนเดียว", "file is too large for one record",
                  "แยกเป็นหลายไฟล์ ระเบียนละหนึ่งไฟล์", "split it: one record per file"),
    "encoding": ("ไฟล์ไม่ได้เข้ารหัส UTF-8", "file is not UTF-8",
                 "บันทึกไฟล์ใหม่เป็น UTF-8 (เช่น ใน VS Code: Save with Encoding → UTF-8)",
                 "save the file as UTF-8"),
    "empty": ("ไฟล์ว่าง", "file is empty", "ใส่ข้อมูลระเบียนหรือลบไฟล์นี้", "fill in the record or delete the file"),
    "alias": ("ไม่อนุญาตให้ใช้ alias (*ชื่อ) ในระเบียน", "aliases (*name) are not allowed in records",
              "เขียนค่าซ้ำตรง ๆ แทนการอ้าง alias", "write the value out instead of an alias"),
    "tag": ("ไม่อนุญาตให้ใช้แท็ก YAML ที่สร้างวัตถุ ({m})", "object-constructing YAML tags are refused ({m})",
            "ลบแท็ก (!!...) ออก ใช้ค่าธรรมดา", "remove the tag (!!...) and write a plain value"),
    "duplicate-key": ("คีย์ '{m}' ซ้ำในไฟล์เดียวกัน", "duplicate key '{m}'",
                      "ลบคีย์ที่ซ้ำ ให้เหลือคีย์ละหนึ่งครั้ง", "keep each key once"),
    "merge-conflict": ("ไฟล์มีเครื่องหมายความขัดแย้งจากการรวมงานของ git (<<<<<<< ======= >>>>>>>)",
                       "the file has git merge conflict markers (<<<<<<< ======= >>>>>>>)",
                       "เลือกเนื้อหาที่ถูกต้องระหว่าง <<<<<<< กับ >>>>>>> ลบเครื่องหมายทั้งสามบรรทัด แล้วรัน nitet sync "
                       "(ซึ่งรวมงานต่อจนเสร็จ) หรือ git add ไฟล์นี้",
                       "keep the right content between <<<<<<< and >>>>>>>, delete the marker lines, then run nitet sync "
                       "(it finishes combining the work) or git add the file"),
    "tab": ("ใช้แท็บ (Tab) ในการย่อหน้า", "a tab is used for indentation",
            "YAML ย่อหน้าด้วยช่องว่างเท่านั้น แทนแท็บด้วยช่องว่าง ๒ ช่อง", "indent with spaces, not tabs"),
    "control-character": ("ไฟล์มีอักขระควบคุม {m} ซึ่ง YAML ไม่รับ จึงอ่านระเบียนนี้ไม่ได้",
                          "the file holds the control character {m}, which YAML does not allow: the record cannot be read",
                          "ลบอักขระนั้นออกด้วยโปรแกรมแก้ไขข้อความ (VS Code แสดงเป็นกรอบเล็ก ๆ) แล้วดูว่ามาจากที่ใด "
                          "เช่น ไฟล์ที่คัดลอกหรือนำเข้า",
                          "delete it in a text editor (VS Code shows it as a small box) and see where it came from, "
                          "e.g. copied or imported text"),
    "syntax": ("รูปแบบ YAML ไม่ถูกต้อง: {m}", "YAML syntax error: {m}",
               "ตรวจการย่อหน้า เครื่องหมาย : และวงเล็บ [ ] { } รอบตำแหน่งนี้",
               "check indentation, colons and brackets around this position"),
}


def describe_read_problem(p: YamlProblem) -> tuple[str, str]:
    """(message, hint) in the current language for a file that cannot be read as a record."""
    th, en, hth, hen = _READ_MESSAGES.get(p.check, _READ_MESSAGES["syntax"])
    return t(th, en, m=p.message), t(hth, hen)


def _read_finding(rel: str, p: YamlProblem) -> Finding:
    return Finding(rel, p.line, p.column, p.check, ERROR, *describe_read_problem(p))


@dataclass(slots=True)
class FileResult:
    rel: str
    kind: str
    id: str
    data: dict[str, Any] | None
    findings: list[Finding]


def validate_file(path: Path, rel: str, model: type[BaseModel], *, id_from_name: bool = True,
                  data: bytes | None = None) -> FileResult:
    """Parse and validate one file. Never raises for bad content."""
    from pydantic import ValidationError

    from nitet.model import Record

    kind = getattr(model, "KIND", "config")
    stem = path.stem
    try:
        raw_bytes = path.read_bytes() if data is None else data
    except OSError as e:
        return FileResult(rel, kind, stem, None, [Finding(
            rel, 1, 1, "unreadable", ERROR, t("อ่านไฟล์ไม่ได้: {e}", "cannot read file: {e}", e=e.strerror),
            t("ตรวจสิทธิ์การอ่านไฟล์", "check the file's permissions"))])
    try:
        raw = parse_fast(raw_bytes)
    except YamlProblem as p:
        return FileResult(rel, kind, stem, None, [_read_finding(rel, p)])
    if not isinstance(raw, dict):
        return FileResult(rel, kind, stem, None, [Finding(
            rel, 1, 1, "not-mapping", ERROR,
            t("ไฟล์ต้องเป็นชุด คีย์: ค่า (mapping) ไม่ใช่ {k}", "the file must be a mapping (key: value), not {k}",
              k=type(raw).__name__),
            t("เขียนระเบียนเป็นบรรทัด คีย์: ค่า", "write the record as 'key: value' lines"))])
    problems: list[Problem] = []
    data_out: dict[str, Any] | None = None
    seen: dict[str, bool] = {}  # the value types say whether a loose value was read
    try:
        obj = model.model_validate(raw, context=seen)
        data_out = obj.model_dump(mode="json", exclude_none=True)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            check, msg, hint, loc, on_key = describe_validation_error(dict(err))
            problems.append(Problem(rel, loc, check, msg, hint, ERROR, on_key))
    if seen:
        problems.extend(loose_problems(rel, model, raw, data_out))
    problems.extend(control_problems(rel, raw, raw_bytes))
    if id_from_name and isinstance(model, type) and issubclass(model, Record):
        id_field = model.ID_FIELD
        declared = (data_out or raw).get(id_field)
        if declared is not None and str(declared) != stem:
            problems.append(Problem(
                rel, (id_field,), "id-mismatch",
                t("{f} '{v}' ไม่ตรงกับชื่อไฟล์ '{s}'", "{f} '{v}' does not match the file name '{s}'",
                  f=id_field, v=declared, s=stem),
                t("ชื่อไฟล์คือรหัสของระเบียน: เปลี่ยนชื่อไฟล์เป็น {v}.yaml หรือแก้ค่า {f}",
                  "the file name is the record's id: rename the file to {v}.yaml or fix {f}",
                  v=declared, f=id_field)))
    findings = resolve_positions(path, problems, raw_bytes) if problems else []
    return FileResult(rel, kind, stem, data_out, findings)


def loose_problems(rel: str, model: type[BaseModel], raw: dict[str, Any],
                   validated: dict[str, Any] | None) -> list[Problem]:
    """Warnings for values written in a loose form (``nitet fmt`` writes them the standard way)
    and for values outside a list nitet knows (kept as written)."""
    from nitet.model.loose import loose_values

    out = []
    for v in loose_values(model, raw, validated):
        if v.standard is None:
            out.append(Problem(
                rel, v.loc, "unknown-value",
                t("{f}: '{v}' ไม่อยู่ในรายการที่ nitet รู้จัก (เก็บไว้ตามที่เขียน)",
                  "{f}: '{v}' is not one nitet knows (kept as written)", f=_dotted(v.loc), v=v.value),
                t("ค่าที่รู้จัก: {k}", "known values: {k}", k=", ".join(v.known)), WARNING))
        else:
            out.append(Problem(
                rel, v.loc, "loose-value",
                t("{f}: {v} ใช้ได้ แต่รูปแบบมาตรฐานคือ {s}", "{f}: {v} is accepted, but its standard form is {s}",
                  f=_dotted(v.loc), v=yaml_text(v.value), s=yaml_text(v.standard)),
                t(v.why[0] + " — 'nitet fmt' แก้ให้", v.why[1] + " — 'nitet fmt' rewrites it"), WARNING))
    return out


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def yaml_text(value: Any) -> str:
    """A scalar as it is (or would be) written in a record file: ``true``, ``86``, ``'1063020130'``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        from nitet.storage.fastdump import _resolves_to_other

        return f"'{value}'" if _resolves_to_other(value) or value != value.strip() else value
    return str(value)


def resolve_positions(path: Path, problems: list[Problem], data: bytes | None = None) -> list[Finding]:
    """Turn problems into findings with line:column, using the round-trip parser once."""
    doc: Any = None
    text = ""
    try:
        text = (data if data is not None else path.read_bytes()).decode("utf-8-sig")
        doc = load_rt(text)
    except Exception:  # the position is a nicety; the finding stands without it
        doc = None
    locator = TextLocator(text, doc) if doc is not None and any(p.text for p in problems) else None
    out = []
    for p in problems:
        line, col = (position(doc, p.loc, key=p.on_key) or (1, 1)) if doc is not None else (1, 1)
        if p.text and locator is not None:  # a part of the value (a number in a note): its own place
            line, col = locator.find(p.loc, p.text, p.occurrence) or (line, col)
        out.append(Finding(p.file, line, col, p.check, p.severity, p.message, p.hint))
    return out


def process(job: tuple[str, str, str], data: bytes | None = None) -> FileResult:
    """One file of a workspace (``data``: its content, when not the file on disk)."""
    from nitet.model import RECORD_KINDS, Workflow

    path_s, rel, folder = job
    path = Path(path_s)
    model: type[BaseModel] | None = Workflow if folder == "workflows" else RECORD_KINDS.get(folder)
    if model is None:
        return FileResult(rel, "", path.stem, None, [Finding(
            rel, 1, 1, "unknown-kind", ERROR,
            t("ไม่รู้จักชนิดระเบียน '{k}' (โฟลเดอร์แรกใต้ records/)", "unknown record kind '{k}' (first folder under records/)",
              k=folder or "records/"),
            t("ย้ายไฟล์ไปไว้ใน records/ ชนิดใดชนิดหนึ่ง: {ks}", "move the file under one of records/{ks}",
              ks=", ".join(RECORD_KINDS)))])
    return validate_file(path, rel, model, data=data)


def process_chunk(args: tuple[str, list[tuple[str, str, str]]]) -> list[FileResult]:
    lang, jobs = args
    i18n.set_lang(lang)
    gc.disable()
    return [process(j) for j in jobs]

