"""What a commit would hold: the record files in git's index, with their staged content.

``nitet check --staged`` (the pre-commit hook) checks exactly these: a record file nobody has
``git add``-ed yet (a draft) is not part of the commit and is left out; a file changed again after
``git add`` is checked as it was added (its blob, ``git cat-file``), not as it is on disk; a file
deleted on disk but still staged is checked from its blob. Cross-record checks then look across
this set. nitet.yaml is read from disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from nitet.core.errors import UsageError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

FOLDERS = ("records", "workflows")


def _run(root: Path, *args: str, data: bytes | None = None) -> bytes:
    r = subprocess.run(["git", *args], cwd=root, input=data, capture_output=True, timeout=120, check=False,
                       env={**os.environ, "GIT_LITERAL_PATHSPECS": "1"})
    if r.returncode != 0:
        raise UsageError(t("อ่านสิ่งที่จะ commit จาก git ไม่ได้: {e}", "cannot read what is staged from git: {e}",
                           e=r.stderr.decode("utf-8", "replace").strip() or r.returncode),
                         t("--staged ใช้ในคลัง git (เช่น ใน pre-commit) ตรวจทั้งพื้นที่ทำงานด้วย nitet check",
                           "--staged works in a git repository (as in pre-commit); check the whole workspace with nitet check"))
    return r.stdout


def staged_files(ws: Workspace) -> dict[str, bytes | None]:
    """Relative path → the staged bytes where they differ from the file on disk, or None where the
    file on disk is what is staged, for every ``.yaml`` under records/ and workflows/ in the index."""
    if shutil.which("git") is None:
        raise UsageError(t("ไม่พบโปรแกรม git", "git is not installed"),
                         t("ติดตั้ง git หรือตรวจทั้งพื้นที่ทำงานด้วย nitet check", "install git, or check the whole workspace with nitet check"))
    root = ws.root
    listed: dict[str, str] = {}
    for entry in _run(root, "ls-files", "-s", "-z", "--", *FOLDERS).split(b"\0"):
        if not entry:
            continue
        meta, _, raw = entry.partition(b"\t")
        rel = raw.decode("utf-8", "surrogateescape")
        _mode, sha, stage = meta.decode().split()
        if rel.endswith(".yaml") and not any(part.startswith(".") for part in rel.split("/")) and stage in ("0", "2"):
            listed[rel] = sha  # in a merge conflict, "ours" (stage 2); the file on disk has the markers
    changed = {p.decode("utf-8", "surrogateescape")
               for p in _run(root, "diff-files", "--name-only", "--relative", "-z", "--", *FOLDERS).split(b"\0") if p}
    out: dict[str, bytes | None] = {rel: None for rel in listed}
    need = [rel for rel in listed if rel in changed or not (root / rel).is_file()]
    if need:
        blob = _run(root, "cat-file", "--batch", data="".join(f"{listed[rel]}\n" for rel in need).encode())
        at = 0
        for rel in need:
            header_end = blob.index(b"\n", at)
            size = int(blob[at:header_end].split()[2])
            out[rel] = blob[header_end + 1:header_end + 1 + size]
            at = header_end + 1 + size + 1
    return out
