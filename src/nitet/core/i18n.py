"""Thai-first messages with an English twin.

Every message a person reads is written at its call site as a Thai/English pair::

    t("ไม่พบโรงเรียน {code}", "School {code} not found", code=code)

so no message can exist in one language only. The language comes from ``--lang`` or
``NITET_LANG`` (``th`` by default); :func:`set_lang` is called once by the CLI.
"""

from __future__ import annotations

import os

_LANG = "th"


def _initial_lang() -> str:
    env = os.environ.get("NITET_LANG", "").strip().lower()
    return "en" if env.startswith("en") else "th"


_LANG = _initial_lang()


def set_lang(lang: str | None) -> None:
    global _LANG
    if lang:
        _LANG = "en" if lang.lower().startswith("en") else "th"


def lang() -> str:
    return _LANG


def t(th: str, en: str, /, **kwargs: object) -> str:
    """Pick the message for the current language and fill in ``{placeholders}``."""
    text = en if _LANG == "en" else th
    return text.format(**kwargs) if kwargs else text
