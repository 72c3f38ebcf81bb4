"""What shell completion offers from a workspace: schools, cases, workflows and plans.

``.nitet/complete-index.marshal`` keeps, per record file, its stat key and the few fields completion
shows (a school's code, name, SMIS and OBEC codes; a case's id, title and status; ...). A Tab
stats the files of these four kinds and reads with libyaml only the ones that changed, so it
costs milliseconds on a workspace of any size and never waits for pydantic or the record cache.
A file that cannot be read is left out; nothing here raises for bad content or prints.

:func:`matches` is the one matching rule of every shell: a value that starts with what was typed,
or any part of a name or title, or a school's SMIS or OBEC code.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # typing is not imported on a Tab: it costs more than the rest
if TYPE_CHECKING:
    from typing import Any

#: kind → (folder under the workspace, recursive)
FOLDERS = {"school": ("records/schools", True), "case": ("records/cases", True),
           "plan": ("records/plans", True), "workflow": ("workflows", False)}
INDEX = "complete-index.marshal"
FORMAT = f"1|{sys.version}"  # marshal's format may change with Python
_DEFAULT_WORKFLOWS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "defaults", "workflows")

#: A row: (value, name or title, extra codes or words searched, status)
Row = list[str]


def find_root(start: str) -> str | None:
    """The workspace folder at or above ``start`` (the one holding nitet.yaml)."""
    cur = os.path.abspath(start)
    while True:
        if os.path.isfile(os.path.join(cur, "nitet.yaml")):
            return cur
        parent = os.path.dirname(cur)
        if parent == cur:
            return None
        cur = parent


def _files(root: str) -> list[tuple[str, str, str]]:
    """(kind, path, key in the index) of every file completion reads; a workspace workflow
    hides the built-in one of the same name."""
    out: list[tuple[str, str, str]] = []
    for kind, (folder, deep) in FOLDERS.items():
        top = os.path.join(root, folder)
        for d, dirs, names in os.walk(top):
            dirs[:] = sorted(x for x in dirs if not x.startswith(".")) if deep else []
            out += [(kind, os.path.join(d, n), os.path.relpath(os.path.join(d, n), root))
                    for n in sorted(names) if n.endswith(".yaml") and not n.startswith(".")]
    own = {os.path.basename(p) for k, p, _ in out if k == "workflow"}
    if os.path.isdir(_DEFAULT_WORKFLOWS):
        out += [("workflow", os.path.join(_DEFAULT_WORKFLOWS, n), f"<nitet>/workflows/{n}")
                for n in sorted(os.listdir(_DEFAULT_WORKFLOWS)) if n.endswith(".yaml") and n not in own]
    return out


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None or isinstance(value, dict | list) else str(value).strip()


def _row(kind: str, path: str, data: Any) -> Row | None:
    """What completion needs from one record (None: nothing to offer)."""
    if not isinstance(data, dict):
        return None
    stem = os.path.basename(path)[:-len(".yaml")]
    if kind == "school":
        code = _text(data, "code") or stem
        return [code, _text(data, "name"), " ".join(x for x in (_text(data, "smis"), _text(data, "obec")) if x), ""]
    if kind == "case":
        return [stem, _text(data, "title"), _text(data, "workflow"), _text(data, "status") or "active"]
    if kind == "plan":
        return [stem, _text(data, "title"), _text(data, "fiscal_year"), ""]
    return [_text(data, "id") or stem, _text(data, "title"), "", ""]


def _read(path: str) -> Any:
    from nitet.storage.yamlfast import parse_fast
    from nitet.storage.yamlrules import YamlProblem

    try:
        with open(path, "rb") as f:
            return parse_fast(f.read())
    except (OSError, YamlProblem):
        return None


def _key(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def load_index(root: str) -> dict[str, list[Row]]:
    """kind → rows, from ``.nitet/complete-index.marshal``; files changed since are read again and
    the index rewritten (when the state folder can be written)."""
    state = os.path.join(root, ".nitet")
    path = os.path.join(state, INDEX)
    try:
        with open(path, "rb") as f:
            old = marshal.loads(f.read())
        entries = old["files"] if old.get("format") == FORMAT else {}
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
        entries = {}
    new: dict[str, Any] = {}
    changed = False
    for kind, file, rel in _files(root):
        key = _key(file)
        if key is None:
            continue
        cached = entries.get(rel)
        if isinstance(cached, list) and len(cached) == 3 and cached[0] == key and cached[1] == kind:
            new[rel] = cached
            continue
        new[rel] = [key, kind, _row(kind, file, _read(file))]
        changed = True
    if changed or new.keys() != entries.keys():
        _write(state, path, {"format": FORMAT, "files": new})
    out: dict[str, list[Row]] = {kind: [] for kind in FOLDERS}
    for _stat, kind, row in new.values():
        if row:
            out[kind].append(row)
    return out


def _write(state: str, path: str, data: Any) -> None:
    """Replace the index atomically; a workspace that cannot be written is simply not cached."""
    from nitet.cli.completion_spec import write_marshal

    try:
        if not os.path.isdir(state) or os.path.islink(state):
            os.mkdir(state)
        write_marshal(path, data)
    except OSError:
        pass


def matches(kind: str, rows: list[Row], typed: str, status_words: dict[str, str] | None = None,
            ) -> list[tuple[str, str]]:
    """(value, description) of the rows that fit ``typed``, in the order of their values.

    A value that starts with ``typed`` fits, and so does a row whose name or title contains it
    (letter case ignored) or, for a school, whose SMIS or OBEC code starts with it (then the
    description names that code, so every shell can show why it fits).
    """
    typed = typed.strip()
    low = typed.casefold()
    out: dict[str, str] = {}
    for value, title, extra, status in rows:
        described = title
        if kind == "case" and status and status != "active" and status_words:
            described = f"{title} ({status_words.get(status, status)})"
        if value.startswith(typed) or (low and low in title.casefold()):
            out[value] = described
        elif typed and kind == "school" and any(code.startswith(typed) for code in extra.split()):
            code = next(c for c in extra.split() if c.startswith(typed))
            out[value] = f"{title} ({code})"
        elif typed and kind != "school" and low in extra.casefold():
            out[value] = described
    return sorted(out.items())
