"""Writing records: new files (never overwriting) and round-trip edits (comments kept).

Every write is validated first and lands atomically (temp file + fsync + rename), UTF-8
with ``\\n`` line ends, Thai written as Thai, keys in the kind's stable order.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nitet.core.errors import DataError
from nitet.core.findings import describe_validation_error
from nitet.core.i18n import t
from nitet.model import Record
from nitet.storage.atomic import atomic_write, temp_beside
from nitet.storage.workspace import Workspace
from nitet.storage.yamlrt import dump_rt, load_rt, to_commented


def short_token() -> str:
    """A random suffix that keeps ids of records made in separate clones apart."""
    return secrets.token_hex(3)


def schema_comment(ws: Workspace, path: Path, kind: str) -> str:
    rel = os.path.relpath(ws.schemas_dir / f"{kind}.schema.json", path.parent)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n"


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v not in (None, [], {}) }
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def ordered(model: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    """Keys in the kind's order; empty values dropped (a file says only what is known)."""
    data = _prune(data)
    out = {k: data[k] for k in model.KEY_ORDER if k in data}
    out.update((k, v) for k, v in data.items() if k not in out)
    return out


def validate(model: type[Record], data: dict[str, Any]) -> Record:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        _check, msg, hint, _loc, _ = describe_validation_error(dict(err))
        raise DataError(msg, hint or None) from None


def render(ws: Workspace, path: Path, model: type[Record], data: dict[str, Any]) -> str:
    """The text nitet writes for a record: schema comment + ordered YAML."""
    validate(model, data)
    return schema_comment(ws, path, model.KIND) + dump_rt(to_commented(ordered(model, data)))


#: Record kinds that have an ``nitet KIND edit`` command.
EDIT_COMMANDS = ("school", "visit")


def create(ws: Workspace, path: Path, model: type[Record], data: dict[str, Any]) -> Path:
    """Write a new record; refuse to replace an existing file."""
    return create_text(ws, path, model, render(ws, path, model, data))


def create_from(ws: Workspace, path: Path, model: type[Record], doc: Any) -> Path:
    """Write a new record from a round-trip document (another record's comments and layout kept:
    ``nitet plan copy``); validated first, never replacing a file."""
    validate(model, _plain(doc))
    text = dump_rt(doc)
    if text.startswith("# yaml-language-server:"):  # the other record's own schema line
        text = text.split("\n", 1)[1]
    return create_text(ws, path, model, schema_comment(ws, path, model.KIND) + text)


def create_text(ws: Workspace, path: Path, model: type[Record], text: str) -> Path:
    """Write ``text`` (already validated) as a new file, atomically; refuse to replace one.
    Under the workspace lock (taken here when the command does not hold it already)."""
    from nitet.storage.lock import locked

    with locked(ws, "nitet"):
        return _create_text(ws, path, model, text)


def _create_text(ws: Workspace, path: Path, model: type[Record], text: str) -> Path:
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic create-if-absent
        except FileExistsError:
            rel = ws.rel(path)
            how = (t("แก้ด้วย 'nitet {k} edit' ", "edit it with 'nitet {k} edit' ", k=model.KIND)
                   if model.KIND in EDIT_COMMANDS else t("แก้ไฟล์ {p} โดยตรง ", "edit {p} itself ", p=rel))
            raise DataError(
                t("มีไฟล์ {p} อยู่แล้ว", "{p} already exists", p=rel),
                t("ระเบียนเดิมไม่ถูกเขียนทับ: {how}หรือลบไฟล์เดิมก่อน", "nothing was overwritten: {how}or remove it first",
                  how=how)) from None
        except OSError:
            if path.exists():
                raise
            os.replace(tmp, path)  # file systems without hard links
            tmp = ""
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path


def edit(ws: Workspace, path: Path, model: type[Record], change: Callable[[Any], None]) -> Any:
    """Round-trip edit: load with comments, apply ``change`` to the mapping, validate, write —
    under the workspace lock, so the file read is the file changed (no lost update)."""
    from nitet.storage.lock import locked

    with locked(ws, "nitet"):
        return _edit(ws, path, model, change)


def _edit(ws: Workspace, path: Path, model: type[Record], change: Callable[[Any], None]) -> Any:
    text, new, doc = edited(path, model, change)
    if new != text:
        atomic_write(path, new)
    return doc


def edited(path: Path, model: type[Record], change: Callable[[Any], None]) -> tuple[str, str, Any]:
    """A round-trip edit that writes nothing: ``(the file's text, the text after change, the
    document)``, validated — for a command that stages several files in one transaction."""
    text = path.read_text(encoding="utf-8-sig")
    doc = load_rt(text)
    change(doc)
    validate(model, _plain(doc))
    new = dump_rt(doc)
    if text.startswith("# yaml-language-server") and not new.startswith("# yaml-language-server"):
        new = text.splitlines(keepends=True)[0] + new
    return text, new, doc


def put(doc: Any, model: type[Record], key: str, value: Any) -> None:
    """Set ``key`` in a round-trip mapping; a new key goes to its place in ``KEY_ORDER``.

    ``None`` or an empty value removes the key (files say only what is known).
    """
    if value in (None, [], {}, ""):
        if key in doc:
            del doc[key]
        return
    place(doc, model.KEY_ORDER, key, to_commented(value))


def place(doc: Any, order: tuple[str, ...] | list[str], key: str, value: Any) -> None:
    """Set ``key`` in a round-trip mapping, inserting a new key before the first later one."""
    if key in doc:
        doc[key] = value
        return
    order = list(order)
    if key in order:
        later = set(order[order.index(key) + 1:])
        for i, existing in enumerate(doc):
            if existing in later:
                doc.insert(i, key, value)
                return
    doc[key] = value


def apply_changes(ws: Workspace, path: Path, model: type[Record], changes: dict[str, Any]) -> bool:
    """Round-trip edit setting each of ``changes`` with :func:`put`; True if the file changed."""
    before = path.read_text(encoding="utf-8")

    def change(doc: Any) -> None:
        for k, v in changes.items():
            put(doc, model, k, v)

    edit(ws, path, model, change)
    return path.read_text(encoding="utf-8") != before


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, int) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value
