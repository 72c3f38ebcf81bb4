"""The command table shell completion answers from: every command, option and argument.

Built from the typer app itself (so it is never out of step with the commands), once per nitet
version, code change, Python version and language, and kept in the user's cache folder
(``$XDG_CACHE_HOME/nitet/complete-<key>.marshal``: ``marshal`` reads plain data fastest and
imports nothing). :mod:`nitet.cli.fastcomplete` reads it on every
Tab without importing typer, pydantic or any command module.

For each command (``""`` is nitet itself, ``"visit add"`` a sub-command): its sub-commands with
their one-line help, its options (names, help, whether each takes a value and what completes
that value) and its arguments. What completes a value is a kind of record
(``school``/``case``/``workflow``/``plan``, offered from the workspace by
:mod:`nitet.cli.completion_index`), ``file``/``dir`` (the shell's own file completion) or fixed
choices (a ``Choice`` type, or any other completer function, called once here: such a function
must not depend on the workspace).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

TYPE_CHECKING = False  # typing is not imported on a Tab: it costs more than the rest
if TYPE_CHECKING:
    from typing import Any

#: nitet.cli.completion's functions, by the record kind they offer.
RECORD_COMPLETERS = {"complete_school": "school", "complete_case": "case",
                     "complete_workflow": "workflow", "complete_plan": "plan"}
FORMAT = 1
HELP_NAMES = ["-h", "--help"]


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nitet")


def fingerprint(lang: str) -> str:
    """nitet's version, the state of the code that defines commands, and the language."""
    from nitet import __version__

    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [f"{FORMAT}|{__version__}|{lang}|{top}|{sys.version}"]
    for sub in ("cli", "commands"):
        folder = os.path.join(top, sub)
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.endswith(".py"):
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(f"{sub}/{name}:{st.st_size}:{st.st_mtime_ns}")
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def _path(lang: str) -> str:
    return os.path.join(cache_dir(), f"complete-{fingerprint(lang)}.marshal")


def cached(lang: str) -> dict[str, Any] | None:
    try:
        with open(_path(lang), "rb") as f:
            spec = marshal.loads(f.read())
        return spec if isinstance(spec, dict) and spec.get("format") == FORMAT else None
    except (OSError, ValueError, EOFError, TypeError):
        return None


def store(lang: str, spec: dict[str, Any]) -> None:
    try:
        os.makedirs(cache_dir(), exist_ok=True)
        write_marshal(_path(lang), spec)
    except OSError:
        pass


def write_marshal(path: str, data: Any) -> None:
    """Replace ``path`` with ``data`` atomically (a Tab pressed meanwhile reads the old file whole)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(marshal.dumps(data))
    os.replace(tmp, path)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split("\n\n")[0].split())


def _completion(param: Any) -> tuple[str | None, list[list[str]]]:
    """(record kind, file or dir, or None; fixed choices) for one parameter."""
    desc = getattr(param, "type_descriptor", None)
    info = getattr(desc, "parameter_info", None)
    fn = getattr(info, "autocompletion", None)
    if fn is not None:
        kind = RECORD_COMPLETERS.get(getattr(fn, "__name__", ""))
        if kind and getattr(fn, "__module__", "") == "nitet.cli.completion":
            return kind, []
        try:
            values = list(fn(""))
        except Exception:  # noqa: BLE001 - a completer that needs more: offer nothing
            return None, []
        return None, [[str(v[0]), str(v[1]) if len(v) > 1 else ""] if isinstance(v, tuple | list) else [str(v), ""]
                      for v in values]
    choices = getattr(desc, "choices", None)
    if choices:
        return None, [[str(getattr(c, "value", c)), ""] for c in choices]
    if getattr(desc, "is_path", False) or getattr(desc, "is_file", False) or _paths(getattr(desc, "annotation", None)):
        return ("dir" if getattr(desc, "path_type", "") == "directory" else "file"), []
    return None, []


def _paths(annotation: Any) -> bool:
    """``list[Path]``: file names too (typer says is_path only for one path)."""
    from pathlib import PurePath
    from typing import get_args, get_origin

    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        return isinstance(item, type) and issubclass(item, PurePath)
    return False


def _params(cmd: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    options: list[dict[str, Any]] = []
    arguments: list[dict[str, Any]] = []
    for p in getattr(cmd, "params", []):
        kind, choices = _completion(p)
        if getattr(p, "param_type_name", "") == "argument":
            arguments.append({"complete": kind, "choices": choices, "many": p.nargs != 1})
            continue
        takes_value = not getattr(p, "is_flag", False) and not getattr(p, "count", False)
        options.append({"names": [*p.opts, *getattr(p, "secondary_opts", [])], "help": _one_line(p.help),
                        "value": takes_value, "complete": kind, "choices": choices,
                        "hidden": bool(getattr(p, "hidden", False))})
    options.append({"names": HELP_NAMES, "help": _help_help(), "value": False, "complete": None, "choices": [],
                    "hidden": False})
    return options, arguments


def _help_help() -> str:
    from nitet.core.i18n import t

    return t("แสดงวิธีใช้นี้แล้วจบ", "Show this message and exit.")


def build() -> dict[str, Any]:
    """The table, from the typer app (imports every command module: done once, then cached)."""
    import typer

    from nitet.cli.root import app

    commands: dict[str, Any] = {}

    def walk(cmd: Any, path: str) -> None:
        options, arguments = _params(cmd)
        subs: list[list[str]] = []
        children = getattr(cmd, "commands", None) or {}
        for name in list(children):
            sub = children[name]
            if getattr(sub, "hidden", False):
                continue
            subs.append([name, _one_line(getattr(sub, "short_help", None) or getattr(sub, "help", ""))])
            walk(sub, f"{path} {name}".strip())
        commands[path] = {"subs": subs, "options": options, "args": arguments}

    walk(typer.main.get_command(app), "")
    return {"format": FORMAT, "commands": commands}
