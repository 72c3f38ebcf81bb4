"""Shared fixtures: a fresh workspace per test and a CLI runner bound to it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nitet.cli import context
from nitet.core import i18n
from nitet.domain.initialize import create_workspace


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NITET_LANG", raising=False)
    # the machine's own git identity (~/.gitconfig) must not decide who a test's supervisor is
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    context.reset()
    i18n.set_lang("th")
    yield
    context.reset()
    i18n.set_lang("th")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """An empty, freshly initialised workspace."""
    root = tmp_path / "ws"
    create_workspace(root, office="สพป.ตาก เขต ๒", supervisor="นางสาวทดสอบ ระบบ")
    return root


@pytest.fixture
def demo_ws(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    create_workspace(root, office="", supervisor="", demo=True)
    return root


Runner = Callable[..., Result]


@pytest.fixture
def run(ws: Path) -> Runner:
    """Run ``nitet -C ws ARGS...`` in-process; stdin is not a terminal."""
    return make_runner(ws)


def make_runner(root: Path) -> Runner:
    from nitet.cli.root import app

    def _run(*args: str, input: str | None = None, lang: str | None = None) -> Result:
        context.reset()
        i18n.set_lang(lang or "th")
        runner = CliRunner()
        argv = ["-C", str(root), *args]
        if lang:
            argv = ["--lang", lang, *argv]
        r = runner.invoke(app, argv, input=input, catch_exceptions=True)
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            from nitet.core.errors import NitetError

            if isinstance(r.exception, NitetError):
                e = r.exception
                return Result(e.exit_code, r.stdout, f"{r.stderr}{e.message}\n{e.hint or ''}")
            raise r.exception
        return Result(r.exit_code, r.stdout, r.stderr)

    return _run
