"""Regenerate the help section of README.md from the commands themselves.

    python -m nitet.devtools.readme_help            # rewrite README.md between the markers
    python -m nitet.devtools.readme_help --check    # exit 1 if README.md is out of date

The section lies between ``<!-- help:start -->`` and ``<!-- help:end -->``. Help is rendered in
Thai at a fixed width (COLUMNS=100, TERM=dumb, no colour) in a fresh interpreter, so the text
does not depend on the terminal or language of whoever runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

START = "<!-- help:start -->"
END = "<!-- help:end -->"
README = Path(__file__).resolve().parents[3] / "README.md"

#: The commands whose help the README shows, in tutorial order.
COMMANDS: tuple[tuple[str, ...], ...] = (
    (),
    ("init",),
    ("school", "add"),
    ("visit", "add"),
    ("flow", "start"),
    ("flow", "advance"),
    ("plan", "result"),
    ("report", "krs"),
    ("import", "screening"),
    ("todo",),
    ("fmt",),
    ("export", "csv"),
)

ENV = {"COLUMNS": "100", "LINES": "50", "TERM": "dumb", "NO_COLOR": "1"}


def _render_here() -> str:
    """The section's text; run only in a process started by :func:`render` (see ENV)."""
    from typer.testing import CliRunner

    from nitet.cli import app

    parts = []
    for path in COMMANDS:
        r = CliRunner().invoke(app, [*path, "--help"], prog_name="nitet", env=ENV, terminal_width=100)
        text = "\n".join(line.rstrip() for line in r.stdout.split("\n")).strip("\n")
        name = " ".join(("nitet", *path))
        parts.append(f"<details><summary><code>{name} --help</code></summary>\n\n"
                     f"```text\n$ {name} --help\n{text}\n```\n\n</details>\n")
    return "\n".join(parts)


def render() -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NITET_LANG", "FORCE_COLOR")}
    env.update(ENV)
    r = subprocess.run([sys.executable, "-m", "nitet.devtools.readme_help", "--print"],
                       env=env, capture_output=True, text=True, encoding="utf-8", check=True, timeout=300)
    return r.stdout


def updated(readme: str, section: str) -> str:
    """``readme`` with the text between the markers replaced by ``section``."""
    head, sep, rest = readme.partition(START)
    _old, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise SystemExit(f"README.md needs the markers {START} and {END}")
    return f"{head}{START}\n{section.strip()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    if "--print" in argv:
        sys.stdout.write(_render_here())
        return 0
    readme = README.read_text(encoding="utf-8")
    new = updated(readme, render())
    if "--check" in argv:
        if new != readme:
            sys.stderr.write("README.md help is out of date: run python -m nitet.devtools.readme_help\n")
            return 1
        return 0
    if new != readme:
        README.write_text(new, encoding="utf-8", newline="\n")
        sys.stderr.write("README.md updated\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
