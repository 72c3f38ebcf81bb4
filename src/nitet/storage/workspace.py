"""The workspace: a folder with ``nitet.yaml``, found the way git finds ``.git``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from nitet.core.errors import UsageError
from nitet.core.findings import ERROR, Finding
from nitet.core.i18n import t
from nitet.model.config import Config

CONFIG_FILE = "nitet.yaml"
DEFAULTS_DIR = Path(__file__).parent.parent / "defaults"


@dataclass
class Workspace:
    root: Path
    config: Config
    config_findings: list[Finding] = field(default_factory=list)

    @property
    def records_dir(self) -> Path:
        return self.root / "records"

    @property
    def workflows_dir(self) -> Path:
        return self.root / "workflows"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def state_dir(self) -> Path:
        """Local, git-ignored state (cache, lock, journal of interrupted writes)."""
        return self.root / ".nitet"

    def state_dir_refused(self) -> str | None:
        """Why ``.nitet`` cannot be nitet's own folder (a symbolic link, or not a folder), or None.

        A ``.nitet`` link (committed by someone, say) would make nitet write, and tidy, outside the
        workspace: nitet's own folders are real folders inside it, always."""
        d = self.state_dir
        if d.is_symlink():
            return t("{d} เป็นลิงก์สัญลักษณ์ (symbolic link)", "{d} is a symbolic link", d=d)
        if d.exists() and not d.is_dir():
            return t("{d} ไม่ใช่โฟลเดอร์", "{d} is not a folder", d=d)
        return None

    def require_state_dir(self) -> Path:
        """``.nitet`` as a real folder inside the workspace (made when missing, with a ``.gitignore``
        so git never shares it); a link or a file there is a :class:`DataError` saying what to do."""
        from nitet.core.errors import DataError

        why = self.state_dir_refused()
        if why is not None:
            raise DataError(
                t("โฟลเดอร์ของ nitet ใช้ไม่ได้: {w} — nitet ไม่เขียนหรือลบสิ่งใดผ่านลิงก์นอกพื้นที่ทำงาน",
                  "nitet's own folder cannot be used: {w} — nitet never writes or deletes through it", w=why),
                t("ลบสิ่งนั้นออก (rm {d}) และถ้าอยู่ใน git ให้ git rm --cached {d} แล้ว commit: nitet สร้างโฟลเดอร์ใหม่เอง",
                  "remove it (rm {d}), and if git has it, git rm --cached {d} and commit: nitet makes a new one",
                  d=".nitet"))
        d = self.state_dir
        if not d.is_dir():
            d.mkdir(exist_ok=True)
        gi = d / ".gitignore"
        if not gi.exists():
            gi.write_text("*\n", encoding="utf-8")
        return d

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def thai_digits(self) -> bool:
        return self.config.digits == "thai"

    def require_valid_config(self) -> None:
        errors = [f for f in self.config_findings if f.severity == ERROR]
        if errors:
            f = errors[0]
            raise UsageError(
                t("nitet.yaml มีข้อผิดพลาด: {m} ({f}:{l}:{c})", "nitet.yaml has an error: {m} ({f}:{l}:{c})",
                  m=f.message, f=f.file, l=f.line, c=f.column),
                t("แก้ nitet.yaml แล้วลองอีกครั้ง (nitet check แสดงรายละเอียด)",
                  "fix nitet.yaml and try again (nitet check shows details)"),
            )


def find_root(start: Path) -> Path | None:
    cur = start.resolve()
    for d in (cur, *cur.parents):
        if (d / CONFIG_FILE).is_file():
            return d
    return None


def load_config(root: Path) -> tuple[Config, list[Finding]]:
    """Read and validate nitet.yaml. Problems become findings; defaults fill the gaps."""
    from nitet.storage.validate import validate_file  # local: store imports this module

    path = root / CONFIG_FILE
    result = validate_file(path, CONFIG_FILE, Config, id_from_name=False)
    findings = result.findings
    if result.data is None:
        return Config(), findings
    return Config.model_validate(result.data), findings


def open_workspace(directory: Path | None = None, *, strict: bool = True) -> Workspace:
    """Find the workspace from ``directory`` (or the current folder) upward."""
    start = directory or Path(os.getcwd())
    if directory is not None and not directory.is_dir():
        raise UsageError(
            t("ไม่พบโฟลเดอร์ {d}", "folder {d} does not exist", d=directory),
            t("ตรวจชื่อโฟลเดอร์ที่ให้กับ -C", "check the folder given to -C"),
        )
    root = find_root(start)
    if root is None:
        raise UsageError(
            t("ไม่พบพื้นที่ทำงาน nitet (ไฟล์ nitet.yaml) ใน {d} หรือโฟลเดอร์แม่",
              "no nitet workspace (nitet.yaml) in {d} or any parent folder", d=start),
            t("สร้างด้วย 'nitet init' หรือระบุโฟลเดอร์ด้วย 'nitet -C โฟลเดอร์ ...'",
              "create one with 'nitet init' or name it with 'nitet -C DIR ...'"),
        )
    config, findings = load_config(root)
    ws = Workspace(root=root, config=config, config_findings=findings)
    if strict:
        ws.require_valid_config()
    return ws
