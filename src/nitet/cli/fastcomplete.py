"""Shell completion in a few milliseconds: the answer to one Tab without typer.

The completion scripts nitet installs (typer's: bash, zsh, fish) run ``nitet`` with
``_NITET_COMPLETE=complete_<shell>`` and the command line in ``COMP_WORDS``/``COMP_CWORD``
(bash) or ``_TYPER_COMPLETE_ARGS`` (zsh, fish). :func:`answer` reads them, finds where the
cursor is from the command table (:mod:`nitet.cli.completion_spec`, cached) and prints the
candidates in the shell's own format: commands and options with their help, and for a school,
case, workflow or plan its value with the name or title (:mod:`nitet.cli.completion_index`),
matched on any part of the name and on SMIS/OBEC codes. Importing this module costs nothing
beyond the standard library; typer is imported only to build the table the first time.

Whatever goes wrong, :func:`answer` returns False and typer's own completion answers instead.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported on a Tab: it costs more than the rest
if TYPE_CHECKING:
    from typing import Any

COMPLETE_VAR = "_NITET_COMPLETE"
FILES = "<files>"
DIRS = "<dirs>"
#: nitet's global options (``nitet -C DIR``): accepted before or after the command.
DIRECTORY = ("-C", "--directory")
Candidates = list[tuple[str, str]]


def _split(text: str) -> list[str]:
    """Words as a POSIX shell splits them: quotes and backslashes honoured; an unclosed quote
    runs to the end (the word being typed). Never raises; no ``shlex`` (it imports ``re``)."""
    out: list[str] = []
    word: list[str] = []
    started = False
    quote = ""
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
            elif c == "\\" and quote == '"' and i + 1 < len(text) and text[i + 1] in '"\\$`':
                i += 1
                word.append(text[i])
            else:
                word.append(c)
        elif c in "'\"":
            quote, started = c, True
        elif c == "\\" and i + 1 < len(text):
            i += 1
            word.append(text[i])
            started = True
        elif c in " \t\n":
            if started:
                out.append("".join(word))
                word, started = [], False
        else:
            word.append(c)
            started = True
        i += 1
    if started:
        out.append("".join(word))
    return out


def words(shell: str) -> tuple[list[str], str] | None:
    """(the words before the cursor without the program's name, the word being typed)."""
    if shell == "bash":
        cwords = _split(os.environ.get("COMP_WORDS", ""))
        try:
            cword = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            return None
        return cwords[1:cword], (cwords[cword] if cword < len(cwords) else "")
    line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    cwords = _split(line)[1:]
    if cwords and not line.endswith(" "):
        return cwords[:-1], cwords[-1]
    return cwords, ""


def _option(commands: dict[str, Any], path: str, name: str) -> dict[str, Any] | None:
    """The option ``name`` of the command at ``path``, or one of nitet's global options."""
    for where in (path, ""):
        for opt in commands.get(where, {}).get("options", []):
            if name in opt["names"]:
                return opt
    return None


def locate(spec: dict[str, Any], args: list[str]) -> dict[str, Any]:
    """Where the cursor is: the command, the option waiting for its value, the argument index,
    and the ``-C`` / ``--lang`` given anywhere on the line."""
    commands = spec["commands"]
    path, position, waiting, directory, lang, only_arguments = "", 0, None, None, None, False
    for token in args:
        if waiting is not None:
            if set(waiting["names"]) & set(DIRECTORY):
                directory = token
            elif "--lang" in waiting["names"]:
                lang = token
            waiting = None
            continue
        if not only_arguments and token == "--":
            only_arguments = True
            continue
        if not only_arguments and token.startswith("-") and token != "-":
            name, eq, value = token.partition("=")
            if token.startswith("-C") and len(token) > 2 and not eq:
                directory = token[2:]
                continue
            opt = _option(commands, path, name)
            if opt is not None and opt["value"]:
                if eq:
                    directory = value if set(opt["names"]) & set(DIRECTORY) else directory
                    lang = value if "--lang" in opt["names"] else lang
                else:
                    waiting = opt
            continue
        entry = commands.get(path, {})
        if not only_arguments and any(token == s[0] for s in entry.get("subs", [])):
            path, position = f"{path} {token}".strip(), 0
            continue
        position += 1
    return {"path": path, "position": position, "waiting": waiting, "directory": directory, "lang": lang}


def _values(spec_item: dict[str, Any], typed: str, where: dict[str, Any]) -> tuple[Candidates, bool]:
    """(candidates, whether they are records: value plus name) for an option value or argument."""
    kind = spec_item.get("complete")
    if kind == "file":
        return [(FILES, "")], False
    if kind == "dir":
        return [(DIRS, "")], False
    if kind in ("school", "case", "workflow", "plan"):
        from nitet.cli.completion_index import find_root, load_index, matches

        start = where["directory"] or "."
        root = find_root(start if os.path.isdir(start) else ".")
        if root is None:
            return [], True
        return matches(kind, load_index(root)[kind], typed, _status_words(where)), True
    return [(v, h) for v, h in spec_item.get("choices", []) if v.startswith(typed)], False


def _status_words(where: dict[str, Any]) -> dict[str, str]:
    if where.get("lang_used") == "en":
        return {"done": "done", "cancelled": "cancelled"}
    return {"done": "ดำเนินการแล้วเสร็จ", "cancelled": "ยกเลิก"}


def candidates(spec: dict[str, Any], args: list[str], typed: str) -> tuple[Candidates, bool, dict[str, Any]]:
    where = locate(spec, args)
    where["lang_used"] = spec.get("lang", "th")
    commands = spec["commands"]
    entry = commands.get(where["path"], {})
    if where["waiting"] is not None:
        return (*_values(where["waiting"], typed, where), where)
    if typed.startswith("-"):
        out: Candidates = []
        pool = entry.get("options", []) + (commands.get("", {}).get("options", []) if where["path"] else [])
        seen: set[str] = set()
        for opt in pool:
            if opt.get("hidden"):
                continue
            for name in opt["names"]:
                if name.startswith(typed) and name not in seen:
                    seen.add(name)
                    out.append((name, opt["help"]))
        return out, False, where
    if entry.get("subs"):
        return [(n, h) for n, h in entry["subs"] if n.startswith(typed)], False, where
    arguments = entry.get("args", [])
    if not arguments:
        return [], False, where
    item = arguments[where["position"]] if where["position"] < len(arguments) else arguments[-1]
    if where["position"] >= len(arguments) and not item.get("many"):
        return [], False, where
    return (*_values(item, typed, where), where)


# --------------------------------------------------------------------------- each shell's format


def _bash(found: Candidates, records: bool, typed: str, lang: str) -> str:
    if found and found[0][0] in (FILES, DIRS):
        return ""  # the script's `complete -o default` completes file names
    if records and len(found) > 1:  # shown as a list: the name beside each code
        lines = [f"{value}  {help_text}".rstrip() for value, help_text in found]
        if typed and not all(value.startswith(typed) for value, _ in found):
            # Found by a part of a name (or an SMIS/OBEC code): bash would replace what was typed
            # with the codes' common beginning. A first line that shares no beginning with them
            # keeps what was typed (readline keeps the text when the matches share nothing).
            lines.insert(0, f"({len(found)} รายการที่ตรงกับ {typed})" if lang == "th"
                         else f"({len(found)} matches for {typed})")
        return "\n".join(lines)
    return "\n".join(value for value, _ in found)


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh(found: Candidates, records: bool, typed: str) -> str:
    if found and found[0][0] == FILES:
        return "_files"
    if found and found[0][0] == DIRS:
        return "_files -/"
    if not found:
        return ""
    if records:  # -U: a part of a name may be what was typed; the code replaces it
        values = " ".join(_zsh_quote(v) for v, _ in found)
        shown = " ".join(_zsh_quote(f"{v}  {h}".rstrip()) for v, h in found)
        add = f"local -a _nitet_v _nitet_d; _nitet_v=({values}); _nitet_d=({shown}); " \
              "compadd -U -l -d _nitet_d -a _nitet_v"
        if len(found) > 1 and not all(v.startswith(typed) for v, _ in found):
            add += "; compstate[insert]=menu"  # found by a name: a menu of codes, not their common start
        return add

    def esc(s: str) -> str:  # as typer's own zsh format
        return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

    items = "\n".join(f'"{esc(v)}":"{esc(h)}"' if h else f'"{esc(v)}"' for v, h in found)
    return f"_arguments '*: :(({items}))'"


def _fish(found: Candidates) -> tuple[str, int]:
    action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    real = [(v, h) for v, h in found if v not in (FILES, DIRS)]
    if action == "is-args":
        return "", 0 if real else 1
    return "\n".join(f"{v}\t{' '.join(h.split())}" if h else v for v, h in real), 0


# --------------------------------------------------------------------------- the entry point


def _language(args: list[str]) -> str:
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1].lower().startswith("en") else "th"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1].lower().startswith("en") else "th"
    if os.environ.get("NITET_LANG"):
        return "en" if os.environ["NITET_LANG"].lower().startswith("en") else "th"
    from nitet.cli.completion_index import find_root

    root = find_root(".")
    if root:
        try:
            with open(os.path.join(root, "nitet.yaml"), encoding="utf-8") as f:
                for line in f:
                    if line.startswith("lang:"):
                        value = line[5:].split("#")[0].strip().strip("'\"")
                        return "en" if value.lower().startswith("en") else "th"
        except OSError:
            pass
    return "th"


def _spec(lang: str) -> dict[str, Any]:
    from nitet.cli import completion_spec

    spec = completion_spec.cached(lang)
    if spec is None:
        from nitet.core import i18n

        i18n.set_lang(lang)
        spec = completion_spec.build()
        completion_spec.store(lang, spec)
    spec["lang"] = lang
    return spec


def answer() -> bool:
    """Answer the Tab described by the environment; False: let typer's completion answer."""
    instruction = os.environ.get(COMPLETE_VAR, "")
    verb, _, shell = instruction.partition("_")
    if verb != "complete" or shell not in ("bash", "zsh", "fish"):
        return False
    try:
        got = words(shell)
        if got is None:
            return False
        args, typed = got
        spec = _spec(_language(args))
        found, records, _where = candidates(spec, args, typed)
        code = 0
        if shell == "bash":
            text = _bash(found, records, typed, spec.get("lang", "th"))
        elif shell == "zsh":
            text = _zsh(found, records, typed)
        else:
            text, code = _fish(found)
    except Exception:  # noqa: BLE001 - never a traceback in a shell: typer answers instead
        return False
    if text:
        sys.stdout.write(text + "\n")
    sys.stdout.flush()
    if code:
        sys.exit(code)
    return True
