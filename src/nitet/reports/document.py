"""What every official document says at its end: who reports, in which position, on which day.

The signature block as Thai offices write it::

    (ลงชื่อ) ........................................ ผู้รายงาน
    (นางสาวสมใจ ใฝ่นิเทศ)
    ตำแหน่ง ศึกษานิเทศก์
    วันที่ ๑๐ มกราคม ๒๕๖๙

A name or position nitet does not know is left as a dotted line to fill in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nitet.core import thai

SIGN_DOTS = "." * 40


@dataclass
class Signer:
    """Who signs a document: the reporter's name and position, and the report's date."""
    name: str | None
    position: str | None
    day: date

    def lines(self, thai_digits: bool, role: str = "ผู้รายงาน") -> list[str]:
        """The signature block, one line each, in the document's digits."""
        return [thai.digits(line, thai_digits) for line in (
            f"(ลงชื่อ) {SIGN_DOTS} {role}",
            f"({self.name or SIGN_DOTS})",
            f"ตำแหน่ง {self.position or SIGN_DOTS}",
            "วันที่ " + thai.format_date(self.day, "full", thai_digits))]
