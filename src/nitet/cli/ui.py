"""Terminal output: data to stdout, diagnostics to stderr, user text never read as markup."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from nitet.storage.gitops import Committed
    from nitet.storage.loaded import Loaded
    from nitet.storage.workspace import Workspace


def _console(**options: Any) -> Console:
    """A rich console that never sends a control character of the text it shows (an ESC in a school
    name, a bidi override): rich's own styling still reaches the terminal (:mod:`nitet.core.controls`)."""
    from rich.console import Console
    from rich.segment import Segment

    from nitet.core.controls import CONTROLS

    class Shown(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                Segment(CONTROLS.sub("", s.text), s.style, s.control)
                if not s.control and CONTROLS.search(s.text) else s for s in buffer)

    return Shown(highlight=False, soft_wrap=True, **options)


@cache
def out() -> Console:
    return _console()


@cache
def err() -> Console:
    return _console(stderr=True)


def say(text: str) -> None:
    """A message for the person (stderr), printed as-is: no markup, no emoji codes, no wrapping
    (and no rich import for a command that only says one line). Control characters of record text
    are left out: shown, never obeyed."""
    from nitet.core.controls import strip_controls

    text = strip_controls(text)
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def warn_left_out(*loads: Loaded) -> None:
    """Say on stderr how many files with errors are left out of what this command lists, counts,
    exports or reports (nothing when there are none). Call once per command, after loading."""
    from nitet.core.i18n import t

    n = sum(len(loaded.left_out()) for loaded in loads)
    if n:
        say(t("คำเตือน: {n} ไฟล์มีข้อผิดพลาดและไม่ถูกนับรวม — ดู 'nitet check'",
              "warning: {n} file(s) with errors left out — see 'nitet check'", n=n))


def data(text: str) -> None:
    """Data for stdout, printed as-is but for control characters (a terminal would obey them;
    ``--json`` and ``export`` keep the records' text exactly)."""
    from nitet.core.controls import strip_controls

    text = strip_controls(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def escape(text: object) -> str:
    from rich.markup import escape as _escape

    return _escape(str(text))


def commit(ws: Workspace, paths: Sequence[Path], message: str, commit: bool | None, *,
           evidence: Iterable[str] = ()) -> bool:
    """Commit what a command wrote when asked to (:func:`nitet.storage.gitops.maybe_commit`) and
    say what happened. True when a commit was made."""
    from nitet.storage import gitops

    return committed(gitops.maybe_commit(ws, paths, message, commit, evidence=evidence), commit)


def committed(done: Committed | None, commit: bool | None) -> bool:
    """Say what a commit did; a ``--commit`` that could not commit makes the command exit 1 once its
    output is printed (the files are saved: the notes say which are left and how to commit them)."""
    from nitet.cli import context

    if done is None:
        return False
    for note in done.notes:
        say(note)
    if done.failed and commit:
        context.state.exit_code = max(context.state.exit_code, 1)
    return done.made
