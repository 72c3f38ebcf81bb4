"""The workspace lock: parallel nitet processes in one workspace write and commit one at a time.

Every command that writes takes it (:func:`locked`) around reading what it changes, writing and
committing, so two ``visit edit`` of one visit each apply their change to what the other wrote,
and ten ``visit add --commit`` make ten commits instead of fighting over git's ``index.lock``.

The lock is an OS lock (``flock``; a byte-range lock on Windows) on ``.nitet/lock``, so it is let go
when its process ends however it ends. The file also says who holds it — pid, command, since when
— so a waiting command can name the holder, and so the next command can tell that the last holder
was killed in the middle of a write: the file is emptied on every clean release, and text left in
it means "finish or roll back what that process left" (:func:`nitet.storage.recovery.recover`).

A process takes the lock once; nested ``locked`` blocks in it share it. A waiting command waits
(``NITET_LOCK_TIMEOUT`` seconds, default 60), then stops with a message naming the holder.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nitet.core.errors import DataError
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

LOCK_NAME = "lock"
DEFAULT_TIMEOUT = 60.0
_WINDOWS_OFFSET = 1 << 30  # the byte locked on Windows, far from the holder text


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) the lock."""

    pid: int
    command: str
    since: str  #: ISO local time
    host: str = ""

    @classmethod
    def me(cls, command: str) -> Holder:
        return cls(os.getpid(), command, _dt.datetime.now().isoformat(timespec="seconds"), socket.gethostname())

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            d = json.loads(text)
            return cls(int(d["pid"]), str(d["command"]), str(d["since"]), str(d.get("host", "")))
        except (ValueError, KeyError, TypeError):
            return None

    def dump(self) -> str:
        return json.dumps({"pid": self.pid, "command": self.command, "since": self.since, "host": self.host},
                          ensure_ascii=False)

    def describe(self) -> str:
        """``nitet visit add (pid 4242) ตั้งแต่ 10:32:05 (12 วินาทีที่แล้ว)``"""
        try:
            start = _dt.datetime.fromisoformat(self.since)
            ago = max(0, int((_dt.datetime.now() - start).total_seconds()))
            when = t("ตั้งแต่ {s} ({n} วินาทีที่แล้ว)", "since {s} ({n} s ago)", s=start.strftime("%H:%M:%S"), n=ago) \
                if ago < 86400 else t("ตั้งแต่ {s}", "since {s}", s=self.since)
        except ValueError:
            when = self.since
        host = "" if not self.host or self.host == socket.gethostname() else f" @{self.host}"
        return f"{self.command} (pid {self.pid}{host}) {when}"


class Busy(Exception):
    """The lock is held by another process (``timeout`` passed)."""

    def __init__(self, holder: Holder | None) -> None:
        super().__init__(holder)
        self.holder = holder


#: root → [descriptor, depth] of the locks this process holds
_held: dict[str, list[int]] = {}


def held(ws: Workspace) -> bool:
    return str(ws.root) in _held


def timeout_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("NITET_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        b = os.read(fd, 65536)
        if not b:
            break
        chunks.append(b)
    return b"".join(chunks).decode("utf-8", "replace").strip()


def _write(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    if text:
        os.write(fd, text.encode("utf-8"))


def holder_of(ws: Workspace) -> Holder | None:
    """Who holds the workspace's lock now (or held it last and was killed), if anyone says so."""
    try:
        return Holder.parse((ws.state_dir / LOCK_NAME).read_text(encoding="utf-8"))
    except OSError:
        return None


def _open(ws: Workspace) -> tuple[int, bool]:
    """The lock file's descriptor (never through a link) and whether it was just made."""
    from nitet.storage.atomic import write_error

    state = ws.require_state_dir()
    path = state / LOCK_NAME
    new = not path.exists()
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags, 0o666), new
    except OSError as e:
        raise write_error(path, e) from e


def _busy_error(holder: Holder | None, waited: float) -> DataError:
    who = holder.describe() if holder else t("nitet อีกกระบวนการหนึ่ง", "another nitet process")
    pid = holder.pid if holder else "PID"
    return DataError(
        t("พื้นที่ทำงานนี้กำลังถูกเขียนโดย {w} — รอแล้ว {s} วินาที จึงไม่ได้ทำคำสั่งนี้ (ไม่มีการเปลี่ยนแปลงใด)",
          "this workspace is being written by {w} — waited {s} s, so this command did nothing", w=who, s=int(waited)),
        t("รอให้คำสั่งนั้นเสร็จแล้วลองใหม่ (ถ้าค้าง หยุดด้วย Ctrl-C ในหน้าต่างนั้นหรือ kill {p}); "
          "รอนานขึ้นได้ด้วย NITET_LOCK_TIMEOUT=วินาที",
          "let it finish and try again (if it hangs, stop it with Ctrl-C or kill {p}); wait longer with "
          "NITET_LOCK_TIMEOUT=SECONDS", p=pid))


@contextlib.contextmanager
def locked(ws: Workspace, command: str = "nitet", *, timeout: float | None = None,
           waiting: Callable[[Holder | None], None] | None = None) -> Iterator[list[str]]:
    """Hold the workspace lock for the block; yields the notes of what was recovered from a
    killed holder (for the caller to print). ``waiting`` is told once when the wait is noticeable."""
    key = str(ws.root)
    if key in _held:
        _held[key][1] += 1
        try:
            yield []
        finally:
            _held[key][1] -= 1
        return
    fd, new = _open(ws)
    try:
        limit = timeout_seconds() if timeout is None else timeout
        start = time.monotonic()
        told, pause = False, 0.02
        while not _try_lock(fd):
            waited = time.monotonic() - start
            holder = Holder.parse(_read(fd))
            if waited >= limit:
                if timeout == 0:
                    raise Busy(holder)
                raise _busy_error(holder, waited)
            if waiting is not None and not told and waited > 1.0:
                waiting(holder)
                told = True
            time.sleep(min(pause, max(0.0, limit - waited)))
            pause = min(pause * 1.5, 0.25)
    except BaseException:
        os.close(fd)
        raise
    _held[key] = [fd, 1]
    try:
        from nitet.storage.recovery import recover

        left = _read(fd)
        notes = recover(ws, Holder.parse(left) if left else None, everywhere=new or bool(left))
        _write(fd, Holder.me(command).dump())
        yield notes
    finally:
        with contextlib.suppress(OSError):
            _write(fd, "")
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)
        del _held[key]


def recover_if_needed(ws: Workspace) -> list[str]:
    """At the start of any command: when the last holder of the lock was killed (its text is
    still in the lock file) and nobody holds it now, finish or roll back what it left and tidy
    its temp files. Cheap otherwise (one small read). Notes for the person, as data."""
    if ws.state_dir_refused():
        return []
    path = ws.state_dir / LOCK_NAME
    try:
        if path.is_file() and not path.read_bytes().strip():
            from nitet.storage.recovery import tidy_root

            return tidy_root(ws)
    except OSError:
        return []
    try:
        with locked(ws, "nitet", timeout=0) as notes:
            return notes
    except (Busy, DataError, OSError):
        return []


def lock_path(ws: Workspace) -> Path:
    return ws.state_dir / LOCK_NAME
