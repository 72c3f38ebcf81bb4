"""One place that turns exceptions into exit codes (SPEC §3).

Expected errors (:class:`NitetError`) print a Thai message and a hint: exit 1 or 2. Anything
else is a bug: the traceback goes to a log file, the user is told where, exit 3.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

from nitet.core.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_USAGE, NitetError
from nitet.core.i18n import t


def report_error(e: NitetError) -> int:
    from nitet.cli.ui import say

    say(t("ข้อผิดพลาด: ", "error: ") + e.message)
    if e.hint:
        say("  " + t("แนะนำ: ", "hint: ") + e.hint)
    return e.exit_code


def _log_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "nitet"


def report_bug(exc: BaseException) -> int:
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path: Path | None = None
    for d in (_log_dir(), Path(tempfile.gettempdir()) / "nitet"):
        try:
            d.mkdir(parents=True, exist_ok=True)
            path = d / f"crash-{stamp}-{os.getpid()}.log"
            path.write_text(f"nitet {' '.join(sys.argv[1:])}\n\n{text}", encoding="utf-8")
            break
        except OSError:
            path = None
    sys.stderr.write(t(
        "nitet ขัดข้องภายใน (ข้อบกพร่องของโปรแกรม ไม่ใช่ความผิดของผู้ใช้): {e}\n",
        "nitet hit an internal error (a bug, not your fault): {e}\n", e=type(exc).__name__))
    if path:
        sys.stderr.write(t("รายละเอียดอยู่ที่ {p} — โปรดส่งไฟล์นี้ให้ผู้ดูแล nitet\n",
                           "details are in {p} — please send this file to nitet's maintainers\n", p=path))
    return EXIT_BUG


def report_usage(e: Exception) -> int:
    """A command-line mistake (typer's usage errors), said like every other nitet error."""
    from nitet.cli.ui import say
    from nitet.cli.usage import describe, next_step

    code = int(getattr(e, "exit_code", EXIT_USAGE))
    if type(e).__name__ == "NoArgsIsHelpError":  # the group's help is already on the screen
        return code
    say(t("ข้อผิดพลาด: ", "error: ") + describe(e))
    hint = next_step(e)
    if hint:
        say("  " + t("แนะนำ: ", "hint: ") + hint)
    return code


def _cancelled() -> int:
    sys.stderr.write("\n" + t("ยกเลิกแล้ว ไม่มีการบันทึก\n", "cancelled, nothing written\n"))
    return EXIT_INTERRUPTED


def run(app_call: object) -> None:
    """Call the typer app (not in standalone mode) and map every outcome to an exit code."""
    import typer

    try:
        code = app_call()  # type: ignore[operator]
    except NitetError as e:
        sys.exit(report_error(e))
    except (KeyboardInterrupt, typer.Abort):  # Ctrl-C or end of input at a prompt: before any write
        sys.exit(_cancelled())
    except typer.TyperException as e:  # usage errors: missing option, bad value, unknown command
        sys.exit(report_usage(e))
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        sys.exit(0)
    except SystemExit:
        raise
    except Exception as e:
        sys.exit(report_bug(e))
    if isinstance(code, int) and code:  # typer.Exit(n); Ctrl-C while a command ran comes back as 130
        sys.exit(code)
