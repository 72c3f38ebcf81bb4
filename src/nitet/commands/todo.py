"""nitet todo: the week at a glance."""

from __future__ import annotations

from ..errors import UsageError
from ..i18n import t


def todo() -> None:
    raise UsageError(t("ยังไม่รองรับคำสั่งนี้", "not implemented yet"))
