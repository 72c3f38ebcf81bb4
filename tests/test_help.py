"""Every command has help text, `--help` works in Thai (default) and English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

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
    assert "─ คำสั่ง ─" in top and "ติดตั้งการเติมคำสั่งด้วยปุ่ม Tab" in top
    assert "ตัวเลือก" in _help(["visit"])  # a group without its command shows its help
    assert "[ค่าเริ่มต้น: 7]" in _help(["todo", "-h"])
    en = _help(["plan", "copy", "-h"], lang="en")
    assert "─ Options ─" in en and "[required]" in en and "Show this message and exit." in en


# --------------------------------------------------------------------------- values in words

_RENDER = r"""
import json, sys
import typer
from typer.testing import CliRunner
from nitet.cli import app

out = {}
def walk(cmd, path):
    own = sum((getattr(p, "help", None) or "").count("…") for p in cmd.params) + (cmd.help or "").count("…")
    own += sum((getattr(s, "help", None) or "").count("…") for s in (getattr(cmd, "commands", None) or {}).values())
    for width in (60, 80, 100):
        r = CliRunner().invoke(app, [*path, "--help"], prog_name="nitet", terminal_width=width,
                               env={"COLUMNS": str(width), "TERM": "dumb", "NO_COLOR": "1"})
        out[" ".join(["nitet", *path]) + f" @{width}"] = [r.stdout, own]
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        if not sub.hidden:
            walk(sub, [*path, name])

walk(typer.main.get_command(app), [])
json.dump(out, sys.stdout, ensure_ascii=False)
"""


@cache
def rendered(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NITET_LANG"}
    env["NITET_LANG"] = lang
    r = subprocess.run([sys.executable, "-c", _RENDER], env=env, capture_output=True, text=True, timeout=300,
                       check=True)
    return json.loads(r.stdout)


PYTHON_TYPES = re.compile(r"<(?:str|int|float|bool|Path|list\[[^\]]*\]|[a-z]+ range)>")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_values_are_named_in_words_and_no_help_is_cut(lang: str) -> None:
    """``--fy <ปี>``, ``-o <ไฟล์>`` rather than ``<int>``/``<Path>``; a flag shows no type; and a
    narrow terminal folds an option's help rather than cutting its format with "…" (at 60
    columns words fold too: typer's layout leaves the help little room)."""
    for name, (text, own) in rendered(lang).items():
        assert not PYTHON_TYPES.search(text), f"{name}: {PYTHON_TYPES.search(text).group(0)}"  # type: ignore[union-attr]
        assert text.count("…") <= own, f"{name} cuts a text short:\n{text}"  # only the help's own "…"
    krs = rendered(lang)["nitet report krs @100"][0]
    words = ("<ปี>", "<ไตรมาส>", "<ไฟล์>") if lang == "th" else ("<year>", "<quarter>", "<file>")
    assert all(w in krs for w in words), krs
    for width in (80, 100):  # a value's format stays whole beside help that wraps
        visit = rendered(lang)[f"nitet visit add @{width}"][0]
        assert ("<รายการ=คะแนน>" if lang == "th" else "<item=score>") in visit
    narrow = rendered("th")["nitet visit add @60"][0]
    assert "ชื่อ|ตำแหน่ง|กลุ่มสาระ|ชั้น" in narrow.replace("\n", "").replace("│", "").replace(" ", "")


def test_the_command_reference_names_values_in_words() -> None:
    """docs/commands.md (generated from the help) shows no Python or click type as a value."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    assert not PYTHON_TYPES.search(text), PYTHON_TYPES.search(text).group(0)  # type: ignore[union-attr]
    assert not re.search(r"\b(?:TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILENAME|DIRECTORY)\b", text)
    assert "<ปี>" in text and "<ไฟล์>" in text and "<ไตรมาส>" in text


def test_completion_is_installed_and_shown_in_the_users_language(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NITET_LANG"}
    env.update({"HOME": str(tmp_path), "NITET_SHELL": "bash", "XDG_CACHE_HOME": str(tmp_path / "cache")})
    r = subprocess.run([sys.executable, "-m", "nitet", "--install-completion"], env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    script = tmp_path / ".bash_completions" / "nitet.sh"
    assert r.stderr.splitlines() == [
        f"ติดตั้งการเติมคำสั่งด้วยปุ่ม Tab สำหรับ bash แล้วที่ {script}",
        f"  แนะนำ: เปิดเทอร์มินัลใหม่ หรือพิมพ์ source {script} เพื่อใช้ในเทอร์มินัลนี้"]
    assert "_NITET_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    env["NITET_LANG"] = "en"
    r = subprocess.run([sys.executable, "-m", "nitet", "--install-completion"], env={**env, "NITET_SHELL": "zsh"},
                       capture_output=True, text=True, timeout=120)
    assert r.stderr.splitlines()[0] == f"Tab completion for zsh is installed in {tmp_path / '.zfunc' / '_nitet'}"
    r = subprocess.run([sys.executable, "-m", "nitet", "--show-completion"], env={**env, "NITET_SHELL": "tcsh"},
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == ["error: nitet cannot complete commands in the tcsh shell",
                                     "  hint: bash, zsh, fish and PowerShell are supported: name one with "
                                     "NITET_SHELL, e.g. NITET_SHELL=bash"]
