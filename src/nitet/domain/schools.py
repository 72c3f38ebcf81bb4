"""Finding a school by what people type: 10-digit code, SMIS, OBEC, exact or partial name."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nitet.core.errors import DataError
from nitet.core.i18n import t
from nitet.core.thai import to_arabic_digits

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded

_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_PREFIXES = ("โรงเรียน", "ร.ร.", "รร.", "ร.ร", "รร")


def normalize_code(text: object) -> str:
    """``' 1063 020 130 '``, ``1063020130.0`` or Thai digits → ``'1063020130'``."""
    s = to_arabic_digits(str(text))
    s = _SPACES.sub("", s)
    if re.fullmatch(r"\d+\.0+", s):
        s = s.split(".")[0]
    return s


def normalize_name(text: str) -> str:
    """Name without the โรงเรียน / ร.ร. prefix and spacing, for matching."""
    s = _SPACES.sub("", str(text))
    for p in _PREFIXES:
        if s.startswith(p):
            s = s[len(p):]
            break
    return s


@dataclass
class SchoolIndex:
    """Every way to name a school, mapped to its key (``code``)."""

    by_key: dict[str, Entry]
    by_alias: dict[str, str]
    by_name: dict[str, list[str]]

    @classmethod
    def of(cls, loaded: Loaded) -> SchoolIndex:
        by_key = loaded.index("school")
        by_alias: dict[str, str] = {}
        by_name: dict[str, list[str]] = {}
        for key, e in by_key.items():
            for field in ("smis", "obec"):
                v = e.data.get(field)
                if v:
                    by_alias.setdefault(str(v), key)
            by_name.setdefault(normalize_name(e.data.get("name", "")), []).append(key)
        return cls(by_key, by_alias, by_name)

    def find(self, text: Any) -> str | None:
        """The key of the school ``text`` names, or None (ambiguous names give None)."""
        if text is None:
            return None
        code = normalize_code(text)
        if code in self.by_key:
            return code
        if code in self.by_alias:
            return self.by_alias[code]
        keys = self.by_name.get(normalize_name(str(text)), [])
        return keys[0] if len(keys) == 1 else None

    def search(self, text: str, limit: int = 10) -> list[str]:
        """Keys whose code starts with, or whose name contains, ``text`` (for prompts)."""
        q = normalize_name(text)
        code = normalize_code(text)
        hits = [k for k, e in self.by_key.items()
                if (code and (k.startswith(code) or str(e.data.get("smis", "")).startswith(code)))
                or (q and q in normalize_name(e.data.get("name", "")))]
        return hits[:limit]

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Close matches by name or code, for 'did you mean …'."""
        names = {normalize_name(e.data.get("name", "")): k for k, e in self.by_key.items()}
        close = difflib.get_close_matches(normalize_name(text), list(names), n=n, cutoff=0.6)
        out = [names[c] for c in close]
        code = normalize_code(text)
        if code.isdigit():
            out += difflib.get_close_matches(code, list(self.by_key), n=n, cutoff=0.8)
        return list(dict.fromkeys(out))[:n]

    def label(self, key: str) -> str:
        e = self.by_key.get(key)
        return f"{key} {e.data.get('name', '')}" if e else key

    def matches(self, text: str) -> list[str]:
        """Every school ``text`` may mean, in Thai order: the one its code, SMIS or OBEC code names;
        else those with exactly that name; else those whose name contains it (a part of a name)."""
        code = normalize_code(text)
        if code in self.by_key:
            return [code]
        if code in self.by_alias:
            return [self.by_alias[code]]
        q = normalize_name(str(text))
        if not q or q.isdigit():  # a code matches whole or not at all: a typo must not pick a school
            return []
        keys = self.by_name.get(q) or [k for k, e in self.by_key.items() if q in normalize_name(e.data.get("name", ""))]
        return self.in_thai_order(keys)

    def in_thai_order(self, keys: list[str]) -> list[str]:
        if len(keys) < 2:
            return list(keys)
        names = {k: str(self.by_key[k].data.get("name", "")) for k in keys}
        order = thai_sort_key(names.values())
        return sorted(keys, key=lambda k: (order(names[k]), k))

    def require(self, text: str) -> str:
        """The key of the one school ``text`` names (code, SMIS, OBEC, exact name or a part of one);
        :class:`AmbiguousSchool` listing the matches when several fit; a DataError that suggests
        close matches when none does."""
        key = self.find(text)
        if key is not None:
            return key
        found = self.matches(text)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousSchool(self, text, found)
        if not self.by_key:
            raise DataError(
                t("ยังไม่มีโรงเรียนในทะเบียน", "the school registry is empty"),
                t("เพิ่มด้วย 'nitet school add' หรือนำเข้าด้วย 'nitet import schools ไฟล์.xlsx'",
                  "add one with 'nitet school add' or 'nitet import schools FILE.xlsx'"))
        near = self.suggest(text)
        hint = (t("หรือหมายถึง: ", "did you mean: ") + ", ".join(self.label(k) for k in near)) if near else \
            t("ดูรายชื่อด้วย 'nitet school list'", "see 'nitet school list'")
        raise DataError(t("ไม่พบโรงเรียน '{s}' ในทะเบียน", "school '{s}' is not registered", s=text), hint)


class AmbiguousSchool(DataError):
    """A name that fits several schools: the message lists up to :attr:`SHOWN` of them with their
    codes (``matches`` holds all, in Thai order); the hint asks for the code."""

    SHOWN = 10

    def __init__(self, index: SchoolIndex, text: str, matches: list[str]) -> None:
        self.matches = matches
        shown = [f"  {index.label(k)}" for k in matches[:self.SHOWN]]
        if len(matches) > self.SHOWN:
            shown.append(t("  … และอีก {n} โรง", "  … and {n} more", n=len(matches) - self.SHOWN))
        super().__init__(
            t("'{s}' ตรงกับโรงเรียน {n} โรง:", "'{s}' matches {n} schools:", s=text, n=len(matches))
            + "\n" + "\n".join(shown),
            t("ระบุด้วยรหัสโรงเรียน (๑๐ หลัก, SMIS หรือ สพฐ.) เช่น {k} หรือชื่อที่ยาวพอให้ตรงโรงเดียว",
              "name it by its code (10-digit, SMIS or OBEC), e.g. {k}, or by enough of the name to fit one school",
              k=matches[0]))


def thai_sort_key(texts: Iterable[str]) -> Callable[[str], tuple[int, str]]:
    """A sort key that puts the given texts in Thai dictionary order (PyThaiNLP's collate).

    School names are compared without the โรงเรียน / ร.ร. prefix, so "ร.ร.บ้านกง" sorts with
    "โรงเรียนบ้านกง". Texts not among ``texts`` sort last.
    """
    from pythainlp.util import collate

    normal = {s: normalize_name(s) for s in set(texts)}
    rank = {n: i for i, n in enumerate(collate(set(normal.values())))}
    return lambda s: (rank.get(normal.get(s, normalize_name(s)), len(rank)), s)
