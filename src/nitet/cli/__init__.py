"""The command line's plumbing: the typer app and its lazy command groups (``app``, ``lazycli``),
global options (``context``), terminal output (``ui``), prompts, completion, help chrome and the
one error handler. The commands themselves live in ``nitet.commands``.

``nitet.cli:main`` is the entry point. The app is built only when ``main`` runs or ``app`` is
asked for, so importing a plumbing module (``nitet.cli.ui``) does not build it.
"""

from __future__ import annotations


def main() -> None:
    import os

    if os.environ.get("_NITET_COMPLETE", "").startswith("complete_"):  # a Tab: answer without typer
        from nitet.cli.fastcomplete import answer

        if answer():
            return
    from nitet.cli.root import main as run

    run()


def __getattr__(name: str) -> object:
    if name == "app":
        from nitet.cli.root import app

        return app
    raise AttributeError(name)
