"""Writing several files all-or-nothing, even under kill -9 or power loss.

    with lock.locked(ws, "nitet import visits"):
        tx = Transaction(ws, "nitet import visits", commit=GitIntent(message, commit_flag))
        for path, text in changes:
            tx.write(path, text, create=True)     # staged in .nitet/txn-PID-RANDOM/, nothing visible yet
        done = tx.apply()                         # → done.paths, done.committed (git notes)

How it holds under a crash:

1. every new text goes to a staging folder inside ``.nitet/`` (same file system), synced to disk;
2. a journal naming each staged file and its target is written and synced, then renamed into
   place: **the decision**. Before it, a crash leaves nothing but the staging folder (rolled back:
   no record changed). After it, the change will happen;
3. each staged file is renamed onto its target (a new record is linked in, never replacing one;
   a replaced file is first linked into the staging folder as a backup), the folders synced;
4. the commit the command asked for (``--commit`` or ``autocommit``) is made;
5. the staging folder with its journal is removed.

A command killed anywhere in 3–4 leaves the journal: the next nitet command (any command that
opens the workspace, :mod:`nitet.storage.recovery`) renames what is left, makes
the commit, and says so. When a rename fails in step 3 (a file appeared, a folder is read-only)
the renames done are undone from the backups (the journal is first renamed ``rollback``, so a kill
during the undo is undone by the next command too). All of this runs under the workspace lock.

The test hook ``NITET_TEST_STOP_AFTER`` kills the process on purpose: ``staged:N`` after N files are
staged, ``N`` after N files are renamed into place (``0``: right after the decision).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.storage.atomic import write_error

if TYPE_CHECKING:
    from nitet.storage.gitops import Committed
    from nitet.storage.workspace import Workspace

PREFIX = "txn-"
JOURNAL = "journal.json"
ROLLBACK = "rollback.json"
DONE = "done.json"
#: staging folders of nitet versions before the journal (imports only): removed when found
OLD_PREFIX = "import-"
#: what ``link`` says on a file system without hard links (FAT, some network shares)
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}
#: staging folders of this process's transactions still being staged or applied
ACTIVE: set[Path] = set()


#: the test hook, read once (see the module docstring)
_STOP = os.environ.get("NITET_TEST_STOP_AFTER", "")


@dataclass(frozen=True)
class GitIntent:
    """The commit a transaction makes once its files are in place (``commit``: ``--commit`` /
    ``--no-commit`` / None for nitet.yaml's ``autocommit``)."""

    message: str
    commit: bool | None = None
    also: tuple[str, ...] = ()  #: other files of the command for the same commit (evidence, written outside)


@dataclass
class Applied:
    """What :meth:`Transaction.apply` did."""

    paths: list[Path] = field(default_factory=list)
    committed: Committed | None = None


def _stop_hook(phase: str, n: int) -> None:
    """``NITET_TEST_STOP_AFTER``: kill this process at a chosen point (tests of crash safety)."""
    want = _STOP
    if not want:
        return
    kind, _, count = want.rpartition(":")
    if (kind or "renamed") == phase and count.isdigit() and int(count) == n:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _fsync_dir(d: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Transaction:
    """Files staged to be written together (see the module docstring)."""

    def __init__(self, ws: Workspace, label: str, *, git: GitIntent | None = None) -> None:
        self.ws = ws
        self.label = label
        self.git = git
        self.entries: list[tuple[str, str, bool]] = []  # (staged name, target rel, create)
        self._targets: set[str] = set()
        self._folders: dict[str, str] = {}  # folder → its workspace-relative path ("" for the top)
        self._stage: Path | None = None
        self._mode = 0o666 & ~_umask()

    def __len__(self) -> int:
        return len(self.entries)

    def _stage_dir(self) -> Path:
        if self._stage is None:
            state = self.ws.require_state_dir()
            self._stage = state / f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
            try:
                self._stage.mkdir()
            except OSError as e:
                raise write_error(self._stage, e) from e
            ACTIVE.add(self._stage)
        return self._stage

    def write(self, path: Path, data: str | bytes, *, create: bool = False) -> None:
        """Stage ``data`` (text: UTF-8, ``\\n``) for ``path``, a file inside the workspace;
        ``create``: the file must not exist when the transaction is applied."""
        folder, name = os.path.split(str(path if path.is_absolute() else self.ws.root / path))
        inside = self._folders.get(folder)
        if inside is None:  # once per folder: 10,000 records live in a handful of them
            inside = self._folders[folder] = workspace_rel(self.ws, Path(folder) / "x").rpartition("/")[0]
        rel = f"{inside}/{name}" if inside else name
        if rel.split("/", 1)[0] in (".git", ".nitet") or not name:
            raise DataError(t("{p} เป็นโฟลเดอร์ภายในของ git/nitet จึงไม่เขียน", "{p} is inside git's or nitet's own folder",
                              p=path))
        if rel in self._targets:
            raise ValueError(f"{rel} staged twice")
        stage = self._stage_dir()
        staged = str(len(self.entries))
        blob = data.encode("utf-8") if isinstance(data, str) else data
        try:
            fd = os.open(os.path.join(stage, staged), os.O_WRONLY | os.O_CREAT | os.O_EXCL, self._mode)
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
        except OSError as e:
            self.discard()
            raise write_error(path, e) from e
        self.entries.append((staged, rel, create))
        self._targets.add(rel)
        _stop_hook("staged", len(self.entries))

    def discard(self) -> None:
        """Forget everything staged (nothing was decided)."""
        if self._stage is not None:
            shutil.rmtree(self._stage, ignore_errors=True)
            ACTIVE.discard(self._stage)
            self._stage = None
        self.entries.clear()
        self._targets.clear()

    def apply(self, progress: Callable[[int], None] | None = None) -> Applied:
        """Decide, move every staged file into place and commit; see the module docstring."""
        from nitet.storage.lock import held, locked

        if not self.entries:
            self.discard()
            return Applied()
        if not held(self.ws):
            with locked(self.ws, self.label):
                return self.apply(progress)
        stage = self._stage_dir()
        root = self.ws.root
        try:
            top = str(root)
            clashes = [rel for _, rel, create in self.entries if create and os.path.lexists(os.path.join(top, rel))]
            if clashes:
                raise DataError(
                    t("มีไฟล์อยู่แล้ว จึงไม่ได้เขียนสิ่งใด: {p}", "files already exist, so nothing was written: {p}",
                      p=", ".join(clashes[:5]) + (" …" if len(clashes) > 5 else "")),
                    t("ทำคำสั่งอีกครั้ง: ระเบียนที่มีอยู่แล้วจะถูกเปรียบเทียบใหม่",
                      "run the command again: existing records are compared anew"))
            for d in sorted(root / f for f in {rel.rpartition("/")[0] for _, rel, _ in self.entries}):
                try:
                    d.mkdir(parents=True, exist_ok=True)
                except OSError as e:
                    raise write_error(d / "x", e) from e
            _sync_files(stage, [name for name, _, _ in self.entries])
            _write_json(stage, JOURNAL, self._journal())
        except BaseException:
            self.discard()
            raise
        _stop_hook("renamed", 0)
        with _ctrl_c_waits():  # decided: Ctrl-C now would only leave the work to the next command
            try:
                move_in(root, stage, self.entries, progress)
            except OSError as e:
                put_back(root, stage, self.entries)
                self.discard()
                raise write_error(root / e.filename if isinstance(e.filename, str) else root, e) from e
            except BaseException:  # left to the next command (the journal decides)
                ACTIVE.discard(stage)
                raise
            out = Applied(paths=[root / rel for _, rel, _ in self.entries])
            out.committed = commit_intent(self.ws, self.git, out.paths)
            with contextlib.suppress(OSError):  # done: a kill while the folder goes leaves nothing to redo
                os.replace(stage / JOURNAL, stage / DONE)
            self.discard()
        return out

    def _journal(self) -> dict[str, Any]:
        from nitet.storage.lock import Holder

        git = self.git
        return {"version": 1, "label": self.label, "holder": Holder.me(self.label).dump(),
                "entries": self.entries,
                "git": None if git is None else {"message": git.message, "commit": git.commit,
                                                  "also": list(git.also)}}


@contextlib.contextmanager
def _ctrl_c_waits() -> Iterator[None]:
    """Ctrl-C is held back until the block is done (moving files in takes a moment; stopping half
    way would only leave the rest to the next command). Main thread only; elsewhere a no-op."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.signal(signal.SIGINT, lambda *_: None)
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def workspace_rel(ws: Workspace, path: Path) -> str:
    """``path`` as a workspace-relative POSIX path; a path outside the workspace, into ``.git``
    or ``.nitet``, or through a folder that is a link out of it, is refused."""
    root = ws.root.resolve()
    p = path if path.is_absolute() else ws.root / path
    try:
        rel = p.parent.resolve().relative_to(root) / p.name
    except (OSError, ValueError):
        raise DataError(t("{p} อยู่นอกพื้นที่ทำงาน {r} จึงไม่เขียน", "{p} is outside the workspace {r}: not written",
                          p=path, r=ws.root),
                        t("โฟลเดอร์ในพื้นที่ทำงานต้องไม่เป็นลิงก์ไปที่อื่น", "folders of the workspace must not link elsewhere")
                        ) from None
    if rel.parts[:1] in ((".git",), (".nitet",)) or not rel.parts:
        raise DataError(t("{p} เป็นโฟลเดอร์ภายในของ git/nitet จึงไม่เขียน", "{p} is inside git's or nitet's own folder",
                          p=path))
    return rel.as_posix()


def _sync_files(stage: Path, names: list[str]) -> None:
    """Every staged file on disk: one ``sync`` for many files, ``fsync`` each for a few."""
    if len(names) > 16 and hasattr(os, "sync"):
        os.sync()
    else:
        for name in names:
            fd = os.open(stage / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(stage)


def _write_json(stage: Path, name: str, doc: dict[str, Any]) -> None:
    tmp = stage / (name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, stage / name)
    _fsync_dir(stage)


def move_in(root: Path, stage: Path, entries: list[Any], progress: Callable[[int], None] | None) -> int:
    """Rename each staged file still in the staging folder onto its target; the number moved.
    Idempotent: a file already moved (or linked and not yet unlinked) is recognised."""
    moved = 0
    dirs: set[str] = set()
    top, staging = str(root), str(stage)
    for n, (name, rel, create) in enumerate(entries, start=1):
        src, dst = os.path.join(staging, name), os.path.join(top, rel)
        if not os.path.lexists(src):
            continue
        dirs.add(os.path.dirname(dst))
        if create:
            try:
                os.link(src, dst)
            except FileExistsError:
                if not os.path.samefile(src, dst):
                    raise
            except OSError as e:
                if e.errno not in _NO_LINKS or os.path.lexists(dst):
                    raise
                os.replace(src, dst)  # a file system without hard links
            with contextlib.suppress(FileNotFoundError):
                os.unlink(src)
        else:
            if os.path.lexists(dst):
                with contextlib.suppress(FileExistsError):
                    _backup(dst, os.path.join(staging, f"b{name}"))
            os.replace(src, dst)
        moved += 1
        if progress:
            progress(n)
        _stop_hook("renamed", n)
    for d in dirs:
        _fsync_dir(Path(d))
    return moved


def _backup(dst: str, backup: str) -> None:
    try:
        os.link(dst, backup)
    except FileExistsError:
        raise
    except OSError:
        shutil.copy2(dst, backup)


def put_back(root: Path, stage: Path, entries: list[Any]) -> int:
    """Undo the renames done (their staged file is gone): restore backups, remove new files."""
    with contextlib.suppress(OSError):
        os.replace(stage / JOURNAL, stage / ROLLBACK)
        _fsync_dir(stage)
    undone = 0
    for name, rel, create in reversed(entries):
        src, dst, backup = stage / name, root / rel, stage / f"b{name}"
        if os.path.lexists(src) and not (create and os.path.lexists(dst) and os.path.samefile(src, dst)):
            continue  # never moved
        with contextlib.suppress(OSError):
            if os.path.lexists(backup):
                os.replace(backup, dst)
            elif os.path.lexists(dst):
                os.unlink(dst)
            undone += 1
    return undone


def commit_intent(ws: Workspace, git: GitIntent | None, paths: list[Path]) -> Committed | None:
    if git is None:
        return None
    from nitet.storage.gitops import maybe_commit

    return maybe_commit(ws, paths, git.message, git.commit, evidence=git.also)
