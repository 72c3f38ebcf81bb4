"""README.md: set-up lines on top, every tutorial command really runs; docs/commands.md is the
commands' own help, in sync."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nitet.devtools import commands_doc

README = commands_doc.DOC.parent.parent / "README.md"


def _readme() -> str:
    if not README.is_file():
        pytest.skip("README.md is not beside the package (installed from a wheel)")
    return README.read_text(encoding="utf-8")


def sh_blocks(text: str) -> list[str]:
    """The ```sh blocks of a Markdown text (also indented ones inside lists), dedented."""
    blocks, current, indent = [], None, ""
    for line in text.split("\n"):
        if current is None:
            m = re.match(r"^(\s*)```sh\s*$", line)
            if m:
                current, indent = [], m.group(1)
        elif line.strip() == "```" and line.startswith(indent):
            blocks.append(textwrap.dedent("\n".join(current)))
            current = None
        else:
            current.append(line)
    return blocks


def test_the_first_lines_are_the_two_set_up_commands() -> None:
    first = _readme().split("\n")[:8]
    assert "make demo" in first and "make test" in first
    assert first.index("make test") == first.index("make demo") + 1
    assert sh_blocks(_readme())[0].strip() == "make demo\nmake test"


def test_the_command_reference_is_generated_from_the_commands() -> None:
    _readme()
    r = subprocess.run([sys.executable, "-m", "nitet.devtools.commands_doc", "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    text = commands_doc.DOC.read_text(encoding="utf-8")
    for name in ("nitet", "nitet visit add", "nitet report krs", "nitet import screening", "nitet export csv"):
        assert f"$ {name} --help\n" in text
    assert "(docs/commands.md)" in _readme()


def test_the_readme_is_a_short_guide_not_a_reference() -> None:
    text = _readme()
    assert "--help\n" not in text and "<details>" not in text
    assert len(text.split("\n")) < 300


def test_links_to_local_files_exist() -> None:
    text = _readme()
    for target in re.findall(r"\]\(([^)#:]+)\)", text):
        assert (README.parent / target).exists(), target


class Tutorial:
    """Runs a README's shell lines in this process: nitet through typer's runner (fast), the few
    shell words the tutorial uses (cd, mkdir -p, echo/printf > file, cat >> file <<'EOF', VAR=$(...))
    by hand, git as a real process. Anything else fails loudly, so the README stays runnable."""

    def __init__(self, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.home, self.mp, self.vars = home, monkeypatch, {"HOME": str(home)}
        self.out: list[str] = []
        monkeypatch.chdir(home)
        for k, v in {"HOME": str(home), "GIT_AUTHOR_NAME": "สมใจ", "GIT_AUTHOR_EMAIL": "somjai@example.org",
                     "GIT_COMMITTER_NAME": "สมใจ", "GIT_COMMITTER_EMAIL": "somjai@example.org",
                     "GIT_CONFIG_NOSYSTEM": "1"}.items():
            monkeypatch.setenv(k, v)

    def words(self, line: str) -> list[str]:
        for name, value in self.vars.items():
            line = line.replace(f'"${name}"', shlex.quote(value)).replace(f"${name}", shlex.quote(value))
        return [str(self.home) + w[1:] if w.startswith("~/") else w for w in shlex.split(line)]

    def nitet(self, args: list[str]) -> str:
        from typer.testing import CliRunner

        from nitet.cli import context
        from nitet.cli.root import app
        from nitet.core import i18n
        from nitet.core.errors import NitetError

        context.reset()
        i18n.set_lang("th")
        r = CliRunner().invoke(app, args, catch_exceptions=True)
        code = r.exit_code
        if isinstance(r.exception, NitetError):
            code = r.exception.exit_code
            self.out.append(r.exception.message)
        elif r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        assert code == 0, f"nitet {' '.join(args)} → exit {code}\n{r.stdout}\n{r.stderr}\n{self.out[-1:]}"
        self.out.append(r.stdout)
        return r.stdout

    def run(self, script: str) -> None:
        lines = iter(script.split("\n"))
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            heredoc = re.match(r"^cat >> (\S+) <<'EOF'$", line)
            assign = re.match(r"^(\w+)=\$\((.*)\)$", line)
            if heredoc:
                body = []
                for more in lines:
                    if more.strip() == "EOF":
                        break
                    body.append(more)
                with open(self.words(heredoc.group(1))[0], "a", encoding="utf-8") as f:
                    f.write("\n".join(body) + "\n")
            elif assign:
                self.vars[assign.group(1)] = self.nitet(self.words(assign.group(2))[1:]).strip()
            else:
                self.command(self.words(line))

    def command(self, w: list[str]) -> None:
        if w[0] == "nitet":
            self.nitet(w[1:])
        elif w[0] == "cd":
            self.mp.chdir(w[1])
        elif w[:2] == ["mkdir", "-p"]:
            Path(w[2]).mkdir(parents=True, exist_ok=True)
        elif w[0] in ("echo", "printf") and w[-2] == ">":
            text = w[1] + "\n" if w[0] == "echo" else w[1].replace("\\n", "\n")
            Path(w[-1]).write_text(text, encoding="utf-8")
        elif w[0] == "git":
            subprocess.run(w, check=True, capture_output=True, timeout=60)
        else:
            raise AssertionError(f"the README test does not know the shell command: {' '.join(w)}")


def test_the_tutorial_runs_from_a_fresh_demo_to_a_quarter_report(tmp_path: Path, monkeypatch) -> None:
    """Every ```sh block after the set-up one, in order, as a new user would type them."""
    tour = Tutorial(tmp_path, monkeypatch)
    tour.nitet(["--no-input", "init", "demo", "--demo"])  # what make demo does
    for block in sh_blocks(_readme())[1:]:
        tour.run(block)
    out = "\n".join(tour.out)
    heading = "ไตรมาสที่ ๑ (๑ ต.ค. ๒๕๖๘ – ๓๑ ธ.ค. ๒๕๖๘)"
    assert out.count(heading) >= 2  # the demo's report and the reader's own
    own = tmp_path / "nitet-records"
    assert (own / "krs-2569-q1.xlsx").is_file()
    assert "| จำนวนโรงเรียน DLTV ที่ได้รับการนิเทศ | โรงเรียน | ๑๐ | ๑ | ๑ | ๑๐.๐๐ | ไม่บรรลุ |" in out
    assert len(list((own / "records" / "screenings").rglob("*.yaml"))) == 1
    assert len(list((own / "records" / "schools").glob("*.yaml"))) == 3
    assert (own / "visits-2569.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (own / ".git").is_dir()


def console_blocks(text: str) -> list[list[tuple[str, list[str]]]]:
    """The ```console blocks of a Markdown text: each a list of (command line after '$ ', the lines it prints)."""
    blocks = []
    for body in re.findall(r"^```console\n(.*?)^```", text, flags=re.M | re.S):
        runs: list[tuple[str, list[str]]] = []
        for line in body.split("\n"):
            if line.startswith("$ "):
                runs.append((line[2:], []))
            elif runs and line:
                runs[-1][1].append(line)
        blocks.append(runs)
    return blocks


def test_readmes_quoted_outputs_are_what_the_commands_print(tmp_path: Path) -> None:
    """Each ```console block: its commands run in a fresh demo (as make demo leaves it), as a real
    process (the real error handler), and print exactly the lines shown; '…' stands for a path."""
    blocks = console_blocks(_readme())
    assert blocks, "README.md quotes no output"
    r = subprocess.run([sys.executable, "-m", "nitet", "--no-input", "init", "demo", "--demo"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    env = {k: v for k, v in os.environ.items() if k != "NITET_LANG"}
    env.update({"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"})
    for runs in blocks:
        for command, shown in runs:
            words = shlex.split(command)
            assert words[0] == "nitet", command
            r = subprocess.run([sys.executable, "-m", "nitet", *words[1:]], cwd=tmp_path / "demo", env=env,
                               capture_output=True, text=True, timeout=120)
            printed = [line.rstrip() for line in (r.stdout + r.stderr).splitlines() if line.strip()]
            assert len(printed) == len(shown), f"$ {command}\n{r.stdout}{r.stderr}"
            for want, got in zip(shown, printed, strict=True):
                assert re.fullmatch(".*".join(map(re.escape, want.rstrip().split("…"))), got), \
                    f"$ {command}\nREADME: {want}\nprints: {got}"
