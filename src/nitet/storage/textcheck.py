"""``control-character``: record text that carries terminal controls (:mod:`nitet.core.controls`).

Part of reading one file (:func:`nitet.storage.validate.validate_file`), so its findings are cached
with the file's. A file's bytes are searched first (raw control bytes, C1 and bidi characters in
UTF-8, or a backslash: an escape such as ``"\\e"`` in a double-quoted value); only such a file's
values are walked.
"""

from __future__ import annotations

import re
from typing import Any

from nitet.core.controls import CONTROLS, controls_in
from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t

_MAYBE = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f\\]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def control_problems(rel: str, raw: Any, raw_bytes: bytes) -> list[Problem]:
    """A warning for each text value of ``raw`` (the parsed file) that holds control characters."""
    if not _MAYBE.search(raw_bytes):
        return []
    out: list[Problem] = []

    def walk(node: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*loc, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*loc, i))
        elif isinstance(node, str) and CONTROLS.search(node):
            out.append(Problem(
                rel, loc, "control-character",
                t("ข้อความมีอักขระควบคุม {c} ซึ่งสั่งเทอร์มินัลได้ (เช่น เปลี่ยนชื่อหน้าต่าง) หรือกลับทิศข้อความ — "
                  "nitet ไม่แสดงอักขระเหล่านี้",
                  "the text holds control characters {c} that a terminal obeys (retitling the window, say) or that "
                  "reverse the text — nitet never shows them", c=", ".join(controls_in(node))),
                t("ลบด้วย 'nitet fmt' (ตรวจที่มาของข้อความ เช่น ไฟล์ที่นำเข้า)",
                  "remove them with 'nitet fmt' (and look at where the text came from, e.g. an imported sheet)"),
                WARNING))

    walk(raw, ())
    return out
