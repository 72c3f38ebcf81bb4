"""Laying out a workspace: folders, nitet.yaml, built-in workflows and templates, schemas."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from nitet.model import RECORD_KINDS
from nitet.storage.atomic import atomic_write
from nitet.storage.workspace import CONFIG_FILE, DEFAULTS_DIR

GITIGNORE = """# nitet: local cache and logs (never commit)
.nitet/
# spreadsheets and reports you generate (made again from the records at any time)
*.xlsx
# ...but evidence files belong with the cases and visits that name them: always shared
!/evidence/**
# Office lock files (~$name.xlsx), also in evidence/
~$*
"""

CONFIG_TEMPLATE = """# yaml-language-server: $schema=schemas/config.schema.json
# การตั้งค่าของพื้นที่ทำงาน nitet — nitet settings of this workspace
office: {office}
group: กลุ่มงานส่งเสริมและพัฒนาสื่อ นวัตกรรมและเทคโนโลยีทางการศึกษา
supervisor: {supervisor}
# รหัสหลักของโรงเรียน: moe = ๑๐ หลัก, smis = ๘ หลัก
school_key: moe
# ตัวเลขในรายงาน: thai = เลขไทย, arabic = เลขอารบิก
digits: thai
# commit git ทุกครั้งที่บันทึก (true/false)
autocommit: false
# เกณฑ์ขนาดโรงเรียนตามจำนวนนักเรียน
school_sizes:
  small_max: 119
  medium_max: 719
  large_max: 1679
# ปฏิทินการศึกษา: ภาคเรียนโดยทั่วไป (MM-DD) และปีที่เลื่อน (YYYY-MM-DD)
academic_calendar:
  default:
    - {{semester: 1, start: 05-16, end: 10-11}}
    - {{semester: 2, start: 11-01, end: 04-01}}
  years: {{}}
# โครงการที่ใช้ในบันทึกการนิเทศ (รหัส: ชื่อ)
projects:
  dltv: โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)
  reading: โครงการนิเทศติดตามการอ่านการเขียนตามนโยบาย สพฐ.
report:
  krs_title: รายงานผลการปฏิบัติงานตามแผนปฏิบัติการประจำปีงบประมาณ (KRS)
  reporter: {supervisor}
  reporter_position: ศึกษานิเทศก์
  krs_due_days: 15
"""


def _yaml_text(value: str) -> str:
    """A YAML-safe scalar for the config template."""
    from nitet.storage.yamlrt import dump_rt

    if not value:
        return "''"
    return dump_rt({"v": value})[3:].strip()


def vscode_settings() -> str:
    schemas = {f"./schemas/{cls.KIND}.schema.json": [f"records/{folder}/**/*.yaml"]
               for folder, cls in RECORD_KINDS.items()}
    schemas["./schemas/workflow.schema.json"] = ["workflows/*.yaml"]
    schemas["./schemas/config.schema.json"] = ["nitet.yaml"]
    return json.dumps({"yaml.schemas": schemas, "files.encoding": "utf8", "files.eol": "\n"},
                      ensure_ascii=False, indent=2) + "\n"


def create_workspace(root: Path, *, office: str, supervisor: str, demo: bool = False) -> None:
    from nitet.model.jsonschema import render_all

    root.mkdir(parents=True, exist_ok=True)
    for folder in RECORD_KINDS:
        (root / "records" / folder).mkdir(parents=True, exist_ok=True)
        keep = root / "records" / folder / ".gitkeep"
        if not keep.exists():
            keep.write_text("", encoding="utf-8")
    for sub in ("workflows", "templates"):
        (root / sub).mkdir(exist_ok=True)
        for src in sorted((DEFAULTS_DIR / sub).glob("*")):
            if src.is_file() and not (root / sub / src.name).exists():
                shutil.copyfile(src, root / sub / src.name)
    for name, text in render_all().items():
        atomic_write(root / "schemas" / name, text)
    if not (root / ".gitignore").exists():
        atomic_write(root / ".gitignore", GITIGNORE)
    vs = root / ".vscode" / "settings.json"
    if not vs.exists():
        atomic_write(vs, vscode_settings())
    if demo and not office:
        office = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตาก เขต ๒"
    if demo and not supervisor:
        supervisor = "นางสาวสมใจ ใฝ่นิเทศ"
    atomic_write(root / CONFIG_FILE, CONFIG_TEMPLATE.format(
        office=_yaml_text(office), supervisor=_yaml_text(supervisor)))
    if demo:
        from nitet.domain.demo import write_demo
        from nitet.storage.workspace import open_workspace

        write_demo(open_workspace(root))
