"""Atomic writes: a reader (or a crash) never sees half a file.

Temp file in the same folder, flush + fsync, ``os.replace``; UTF-8 with ``\\n`` line ends.

A temp file is named ``.NAME.PID.RANDOM.tmp``: the leading dot keeps the loader from reading it,
the process id tells a temp file of a running nitet from one a killed nitet left behind
(:func:`stale_temp`), which the next command removes (:mod:`nitet.storage.journal`).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

#: ``.NAME.PID.RANDOM.tmp`` (this version) or ``.NAME.RANDOM.tmp`` (earlier versions: no pid)
_TEMP = re.compile(r"^\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.(?P<rand>[A-Za-z0-9_]+)\.tmp$")
#: a temp file without a process id older than this is left over (a write takes milliseconds)
UNTAGGED_GRACE_SECONDS = 60.0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_error(path: Path, e: OSError) -> Exception:
    """A clear, Thai-first :class:`~nitet.core.errors.DataError` for a file nitet cannot write."""
    import errno

    from nitet.core.errors import DataError
    from nitet.core.i18n import t

    reason = e.strerror or type(e).__name__
    if e.errno == errno.EROFS:
        hint = t("พื้นที่ทำงานนี้อ่านได้อย่างเดียว: คัดลอก (git clone) ไปยังโฟลเดอร์ที่เขียนได้ แล้วทำงานที่นั่น",
                 "this workspace is read-only: clone it to a writable folder and work there")
    elif e.errno == errno.ENOSPC:
        hint = t("ดิสก์เต็ม: ลบไฟล์ที่ไม่ใช้แล้วลองอีกครั้ง", "the disk is full: free some space and try again")
    else:
        hint = t("ตรวจสิทธิ์การเขียนของโฟลเดอร์ {d} (เช่น chmod u+w) หรือเลือกโฟลเดอร์อื่น",
                 "check that you may write to {d} (e.g. chmod u+w) or choose another folder", d=path.parent)
    err = DataError(t("เขียนไฟล์ {p} ไม่ได้: {r} — ไม่มีไฟล์ใดถูกเปลี่ยน", "cannot write {p}: {r} — nothing was changed",
                      p=path, r=reason), hint)
    err.__cause__ = e
    return err


def temp_beside(path: Path) -> tuple[int, str]:
    """A temporary file in ``path``'s folder with ordinary permissions (not mkstemp's 0600).

    Its name starts with ``.`` (the loader never reads it as a record). A folder nitet cannot
    write to raises a DataError that says so (exit 1), never a traceback.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise write_error(path, e) from e
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o666 & ~_umask())
    return fd, tmp


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line ends so a reader never sees half a file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise write_error(path, e) from e
        raise


def pid_alive(pid: int) -> bool:
    """True when a process with this id runs (or may run: we may not signal it)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def stale_temp(path: Path, now: float | None = None) -> bool:
    """True for a temp file of an atomic write that no running process will finish: its process
    is gone (or, for a name without a process id, it is older than a minute)."""
    m = _TEMP.match(path.name)
    if m is None:
        return False
    if m.group("pid") is not None:
        pid = int(m.group("pid"))
        return pid != os.getpid() and not pid_alive(pid)
    try:
        age = (now or time.time()) - path.lstat().st_mtime
    except OSError:
        return False
    return age > UNTAGGED_GRACE_SECONDS
