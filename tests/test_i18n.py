"""Every message exists in Thai and English: t("ไทย", "English") pairs checked in the source."""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from pathlib import Path

import pytest

import nitet
from nitet.core import i18n

SRC = Path(nitet.__file__).parent
THAI = re.compile(r"[\u0E00-\u0E7F]")


def _fields(text: str) -> set[str]:
    try:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}
    except ValueError:
        return {"<malformed>"}


@cache
def _t_calls(src: Path | None = None) -> list[tuple[str, int, ast.Call]]:
    calls = []
    src = src or SRC
    for path in sorted(src.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (
                    (isinstance(node.func, ast.Name) and node.func.id == "t")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "t"
                        and isinstance(node.func.value, ast.Name) and node.func.value.id == "i18n")):
                calls.append((path.relative_to(src).as_posix(), node.lineno, node))
    return calls


def _thai_only_as_values(en: str, th: str) -> bool:
    """English may quote the Thai values a user types (``is not เล็ก/กลาง/ใหญ่``), nothing else.

    Each word of the English text that holds Thai must be quoted (‘ข้อมูล’) or a list of values
    (``/`` or ``–`` separated), and every Thai piece of it must appear in the Thai text too.
    """
    for word in re.findall(r"\S*[\u0E00-\u0E7F]\S*", en):
        quoted = word[:1] in "‘“'\"" and word[-1:] in "’”'\""
        if "/" not in word and "–" not in word and not quoted:
            return False
        if any(piece not in th for piece in re.findall(r"[\u0E00-\u0E7F.]+", word)):
            return False
    return True


def _text(node: ast.expr) -> str | None:
    """A literal string argument (implicitly joined literals too); None for variables."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def test_there_are_many_messages_to_check() -> None:
    assert len(_t_calls()) > 100


def test_every_message_has_a_real_english_twin() -> None:
    problems = []
    for where, line, call in _t_calls(SRC):
        if any(isinstance(a, ast.Starred) for a in call.args):
            continue  # t(*pair): the pair is written elsewhere
        if len(call.args) < 2:
            problems.append(f"{where}:{line}: t() needs a Thai and an English text")
            continue
        th, en = _text(call.args[0]), _text(call.args[1])
        if isinstance(call.args[0], ast.JoinedStr) or isinstance(call.args[1], ast.JoinedStr):
            problems.append(f"{where}:{line}: use t('... {{x}}', '... {{x}}', x=...) instead of an f-string")
            continue
        if th is None or en is None:
            continue  # texts held in variables (tables of pairs) are checked where they are written
        if not en.strip():
            problems.append(f"{where}:{line}: empty English text")
        elif en == th and THAI.search(th):
            problems.append(f"{where}:{line}: English text is the Thai text")
        elif not _thai_only_as_values(en, th):
            problems.append(f"{where}:{line}: Thai characters in the English text: {en!r}")
        if not th.strip():
            problems.append(f"{where}:{line}: empty Thai text")
        keywords = {k.arg for k in call.keywords if k.arg}
        missing = (_fields(th) | _fields(en)) - keywords
        if missing and not any(k.arg is None for k in call.keywords):
            problems.append(f"{where}:{line}: placeholders without a value: {sorted(missing)}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("source, complaint", [
    ('t("ไม่พบ", "")', "empty English"),
    ('t("ไม่พบ", "ไม่พบ")', "is the Thai text"),
    ('t("ไม่พบ {x}", "not found: ไม่พบ {x}", x=1)', "Thai characters"),
    ('t("ไม่พบ {x}", "not found {y}", x=1)', "placeholders without a value"),
    ('t("ขนาด {v} ไม่ใช่ เล็ก/กลาง", "size {v} is not เล็ก/ใหญ่", v=1)', "Thai characters"),
    ('t("ไม่พบ {x}", f"not found {x}", x=1)', "f-string"),
])
def test_the_scan_catches_each_kind_of_slip(source: str, complaint: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.py").write_text(f"from nitet.core.i18n import t\nMSG = {source}\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "SRC", tmp_path)
    with pytest.raises(AssertionError, match=complaint):
        test_every_message_has_a_real_english_twin()


def test_t_picks_the_language_and_fills_placeholders() -> None:
    i18n.set_lang("en")
    assert i18n.t("ไม่พบโรงเรียน {c}", "school {c} not found", c="106") == "school 106 not found"
    i18n.set_lang("th")
    assert i18n.t("ไม่พบโรงเรียน {c}", "school {c} not found", c="106") == "ไม่พบโรงเรียน 106"


def test_english_run_prints_english_messages(run) -> None:
    th = run("export", "csv", "visit")
    en = run("export", "csv", "visit", lang="en")
    assert th.exit_code == en.exit_code == 2
    assert THAI.search(th.stderr)
    assert not THAI.search(en.stderr), en.stderr
