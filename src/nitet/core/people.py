"""People's names as offices write them: the same person with or without a title or spacing."""

from __future__ import annotations

import functools
import re

_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
#: titles written before a name (longest first: นางสาว before นาง)
TITLES = ("ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.หญิง", "ว่าที่ ร.ต.", "นางสาว", "น.ส.", "นาง", "นาย",
          "ดร.", "Mrs.", "Miss", "Mr.", "Ms.", "Dr.")


@functools.lru_cache(maxsize=4096)
def person_key(name: str) -> str:
    """``'น.ส. สมใจ  ใฝ่นิเทศ'`` and ``'นางสาวสมใจ ใฝ่นิเทศ'`` → the same key: titles, spaces and
    letter case do not make another person. Cached: a report asks for the same few names
    thousands of times."""
    s = _SPACES.sub(" ", str(name)).strip()
    changed = True
    while changed:
        changed = False
        for title in TITLES:
            if s.lower().startswith(title.lower()):
                s = s[len(title):].lstrip()
                changed = True
                break
    return _SPACES.sub("", s).lower()
