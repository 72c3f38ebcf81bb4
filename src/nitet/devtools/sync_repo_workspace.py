"""Refresh the project repository's own workspace from the built-ins and the demo.

The repository is itself a nitet workspace: its top-level ``nitet.yaml``, ``records/`` (demo
data), ``workflows/``, ``templates/`` and ``schemas/`` are what ``nitet init --demo`` makes.
Run ``make sync-defaults`` after changing the defaults, the models or the demo;
``tests/test_repo_workspace.py`` fails while they are out of sync.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from nitet.domain.initialize import create_workspace

SYNCED = ("nitet.yaml", "records", "workflows", "templates", "schemas")


def repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


def build(target: Path) -> Path:
    """A fresh demo workspace in ``target`` (what the repository should hold)."""
    create_workspace(target, office="", supervisor="", demo=True)
    return target


def main() -> None:
    root = repo_root()
    if not (root / "pyproject.toml").exists():
        raise SystemExit(f"not a source checkout: {root}")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = build(Path(tmp) / "ws")
        for name in SYNCED:
            dst = root / name
            if dst.is_dir():
                shutil.rmtree(dst)
            elif dst.exists():
                dst.unlink()
            src = fresh / name
            if src.is_dir():
                shutil.copytree(src, dst)
            else:
                shutil.copyfile(src, dst)
    print(f"synced {', '.join(SYNCED)} in {root}")


if __name__ == "__main__":
    main()
