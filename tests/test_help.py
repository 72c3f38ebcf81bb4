"""Every command has help text, `--help` works in Thai (default) and English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from typing import Any

THAI = re.compile(r"[\u0E00-\u0E7F]")

# Run in a fresh interpreter: help texts are chosen when the command modules are imported.
_DUMP = r"""
import json, sys
import typer
from typer.testing import CliRunner
from nitet.cli import app

root = typer.main.get_command(app)
out = []

def walk(cmd, path):
    params = [{"name": p.name, "opts": list(getattr(p, "opts", [])), "help": getattr(p, "help", None) or ""}
              for p in cmd.params if p.name not in ("help", "install_completion", "show_completion")]
    r = CliRunner().invoke(app, [*path, "--help"], prog_name="nitet")
    out.append({"path": path, "help": cmd.help or "", "short": cmd.short_help or "", "params": params,
                "exit": r.exit_code, "output": r.stdout})
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        if not sub.hidden:
            walk(sub, [*path, name])

walk(root, [])
json.dump(out, sys.stdout, ensure_ascii=False)
"""


@cache
def commands(lang: str | None) -> list[dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if k != "NITET_LANG"}
    env.update({"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"})
    if lang:
        env["NITET_LANG"] = lang
    r = subprocess.run([sys.executable, "-c", _DUMP], env=env, capture_output=True, text=True,
                       timeout=120, check=True)
    return json.loads(r.stdout)


def _name(c: dict[str, Any]) -> str:
    return "nitet " + " ".join(c["path"])


def test_the_whole_command_tree_is_there() -> None:
    names = {_name(c) for c in commands(None)}
    for expected in ("nitet init", "nitet check", "nitet fmt", "nitet todo", "nitet export csv",
                     "nitet export xlsx", "nitet visit add", "nitet flow start", "nitet report krs"):
        assert expected in names


def test_help_works_and_is_thai_by_default() -> None:
    for c in commands(None):
        assert c["exit"] == 0, _name(c)
        assert THAI.search(c["help"]), f"{_name(c)} has no Thai help: {c['help']!r}"
        assert THAI.search(c["output"]), _name(c)


def test_every_command_and_option_has_help() -> None:
    missing = [f"{_name(c)} {p['opts'] or p['name']}" for c in commands(None) for p in c["params"]
               if not p["help"].strip()]
    missing += [_name(c) for c in commands(None) if not c["help"].strip()]
    assert missing == [], "\n".join(missing)


def test_help_in_english_is_english() -> None:
    th = {_name(c): c for c in commands(None)}
    untranslated = []
    for c in commands("en"):
        name = _name(c)
        assert c["exit"] == 0, name
        if THAI.search(c["help"]):
            untranslated.append(f"{name}: {c['help']!r}")
        for p, p_th in zip(c["params"], th[name]["params"], strict=True):
            if p["help"] and p["help"] == p_th["help"] and THAI.search(p["help"]):
                untranslated.append(f"{name} {p['opts']}: {p['help']!r}")
    assert untranslated == [], "\n".join(untranslated)


def _help(args: list[str], lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "NITET_LANG"}
    env.update({"COLUMNS": "120", "TERM": "dumb", "NO_COLOR": "1"})
    if lang:
        env["NITET_LANG"] = lang
    r = subprocess.run([sys.executable, "-m", "nitet", *args], env=env, capture_output=True, text=True, timeout=60)
    return r.stdout


def test_typers_own_help_words_follow_the_language() -> None:
    krs = _help(["plan", "copy", "-h"])  # a command with a required option
    assert "─ ตัวเลือก ─" in krs and "[ต้องระบุ]" in krs and "แสดงวิธีใช้นี้แล้วจบ" in krs
    assert "Options" not in krs and "[required]" not in krs and "Show this message" not in krs
    top = _help(["--help"])
    assert "─ คำสั่ง ─" in top and "ติดตั้งการเติมคำสั่งอัตโนมัติ" in top
    assert "ตัวเลือก" in _help(["visit"])  # a group without its command shows its help
    assert "[ค่าเริ่มต้น: 7]" in _help(["todo", "-h"])
    en = _help(["plan", "copy", "-h"], lang="en")
    assert "─ Options ─" in en and "[required]" in en and "Show this message and exit." in en
