"""nitet fmt: normalise record files (issue: daily use)."""

from __future__ import annotations

from ..errors import UsageError
from ..i18n import t


def fmt() -> None:
    raise UsageError(t("ยังไม่รองรับคำสั่งนี้", "not implemented yet"))
