"""The ``-o`` rule: where a command may write a report, an export, a template or a rejects file.

One rule for every command that writes a file the user names (SPEC §4 "Writes"):

* a relative path is relative to the folder the command was started in (the caller passes an
  absolute path: :func:`nitet.cli.output.output_path` does that);
* nitet never writes an output over a workspace's own files: ``nitet.yaml`` and anything inside
  ``records/``, ``workflows/``, ``templates/``, ``schemas/``, ``.nitet/`` or ``.git/`` of the
  workspace the path falls in (found upward from the path, like every workspace) — refused even
  with ``--force``;
* an existing file of the output's own kind (``.md`` for Markdown, ``.xlsx``, ``.csv``, ``.docx``:
  a report or export made again) is replaced without asking;
* any other existing file is replaced only with the user's consent (``--force``, or a yes on a
  terminal): :attr:`Vetted.needs_consent`.

No I/O beyond looking at the path; the question and ``--force`` belong to the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nitet.core.errors import UsageError
from nitet.core.i18n import t
from nitet.storage.workspace import CONFIG_FILE, find_root

#: the file name endings that are "the same kind" as an output format
KINDS: dict[str, tuple[str, ...]] = {
    "md": (".md", ".markdown"),
    "xlsx": (".xlsx",),
    "csv": (".csv",),
    "docx": (".docx",),
}

#: a workspace's own folders: no output is ever written inside them
OWN_FOLDERS = ("records", "workflows", "templates", "schemas", "imports", ".nitet", ".git")


@dataclass(frozen=True)
class Vetted:
    """An output path that passed the rule: ``path`` (absolute), whether a file is there, and
    whether replacing it needs the user's consent (an existing file of another kind)."""

    path: Path
    exists: bool
    needs_consent: bool


def _where(path: Path) -> Path:
    """``path`` with its folder resolved (symbolic links followed) and its own name kept: the
    place a rename onto ``path`` really writes (a link at ``path`` itself is replaced, not followed)."""
    parent = path.parent
    try:
        parent = parent.resolve()
    except OSError:
        parent = Path(*parent.parts)
    return parent / path.name


def _protected(place: Path) -> str | None:
    """Why ``place`` belongs to a workspace (a message), or None."""
    if ".git" in place.parts:
        return t("อยู่ในโฟลเดอร์ .git ของคลัง git", "it is inside a git repository's .git folder")
    root = find_root(place.parent)
    if root is None:
        return None
    rel = place.relative_to(root)
    if rel.as_posix() == CONFIG_FILE:
        return t("เป็นไฟล์ตั้งค่าของพื้นที่ทำงาน {r}", "it is the settings file of the workspace {r}", r=root)
    if rel.parts and rel.parts[0] in OWN_FOLDERS:
        return t("อยู่ในโฟลเดอร์ {f}/ ของพื้นที่ทำงาน {r} ซึ่ง nitet ดูแลเอง (ระเบียน กระบวนงาน แม่แบบ การจับคู่คอลัมน์ที่บันทึกไว้)",
                 "it is inside {f}/ of the workspace {r}, which holds nitet's own files (records, workflows, templates, saved mappings)",
                 f=rel.parts[0], r=root)
    return None


def vet(path: Path, fmt: str, option: str = "-o") -> Vetted:
    """Check an absolute output ``path`` for an output of format ``fmt`` (``md``, ``xlsx``, ``csv``,
    ``docx``) against the rule; a refused path raises :class:`UsageError` (exit 2)."""
    place = _where(path)
    if place.is_dir():
        raise UsageError(
            t("{o} {p} เป็นโฟลเดอร์ ต้องเป็นชื่อไฟล์", "{o} {p} is a folder, not a file name", o=option, p=path),
            t("เช่น {o} {p}", "e.g. {o} {p}", o=option, p=path / f"report{KINDS.get(fmt, ('.' + fmt,))[0]}"))
    why = _protected(place)
    if why is None and place != path:
        why = _protected(path)  # the path as typed, too (a link to a folder of a workspace)
    if why is not None:
        raise UsageError(
            t("ไม่เขียน {o} {p}: {w}", "will not write {o} {p}: {w}", o=option, p=path, w=why),
            t("nitet ไม่เขียนรายงานหรือไฟล์ส่งออกทับระเบียน nitet.yaml กระบวนงาน หรือแม่แบบ: เลือกไฟล์นอกโฟลเดอร์เหล่านั้น "
              "เช่น {o} รายงาน{s}",
              "nitet never writes a report or export over a record, nitet.yaml, a workflow or a template: choose a "
              "file outside those folders, e.g. {o} report{s}", o=option, s=KINDS.get(fmt, ("." + fmt,))[0]))
    exists = place.exists() or place.is_symlink()
    same_kind = path.suffix.lower() in KINDS.get(fmt, ("." + fmt,))
    return Vetted(path=path, exists=exists, needs_consent=exists and not same_kind)
