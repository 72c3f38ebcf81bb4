"""Which column is which: common Thai and English headers per kind, and ``--map MAP.yaml``.

A header is compared after normalising: lower case, no spaces or zero-width spaces, no
``. - _ : / * ' "``; a part in brackets (``วันที่นิเทศ (วว/ดด/ปปปป)``) may be left out.
Under a merged two-row header a column is known by its lower label, or by upper + lower
(``อ่านออกเสียง`` + ``ดีมาก`` = the count of pupils at ดีมาก in อ่านออกเสียง).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from nitet.core.errors import UsageError
from nitet.core.i18n import t
from nitet.model.screening import ASPECTS, ASPECTS_TH, LEVELS, LEVELS_TH

_NOISE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00a0.\-_:/*'\"“”]+")
_BRACKETS = re.compile(r"[(\[（].*?[)\]）]")

#: Fields a column may hold in several columns (every code column of a school list).
MULTI = {"code_any", "ignore"}

_SCHOOL_REF = {
    "school": ["รหัสโรงเรียน", "รหัสสถานศึกษา", "รหัส", "school_code", "schoolcode", "code", "รหัสsmis",
               "smis", "รหัส10หลัก", "รหัสกระทรวง", "รหัสobec", "รหัสสพฐ"],
    "school_name": ["ชื่อโรงเรียน", "โรงเรียน", "ชื่อสถานศึกษา", "สถานศึกษา", "school", "school_name",
                    "schoolname"],
}

SYNONYMS: dict[str, dict[str, list[str]]] = {
    "schools": {
        "code_any": ["รหัสโรงเรียน", "รหัสสถานศึกษา", "รหัส", "school_code", "schoolcode", "code"],
        "moe": ["รหัส10หลัก", "รหัสกระทรวง", "รหัสกระทรวงศึกษาธิการ", "moe", "moe_code", "รหัสmoe"],
        "smis": ["รหัสsmis", "smis", "รหัส8หลัก", "smis_code", "รหัสsmis8หลัก"],
        "obec": ["รหัสobec", "obec", "รหัสสพฐ", "รหัส6หลัก", "obec_code"],
        "name": ["ชื่อโรงเรียน", "ชื่อสถานศึกษา", "โรงเรียน", "สถานศึกษา", "school", "school_name", "name"],
        "district": ["อำเภอ", "district"],
        "subdistrict": ["ตำบล", "subdistrict"],
        "network": ["เครือข่าย", "กลุ่มเครือข่าย", "กลุ่มโรงเรียน", "กลุ่มเครือข่ายสถานศึกษา",
                    "เครือข่ายสถานศึกษา", "network"],
        "students": ["จำนวนนักเรียน", "นักเรียน", "นักเรียนทั้งหมด", "จำนวนนักเรียนทั้งหมด", "students"],
        "teachers": ["จำนวนครู", "ครู", "จำนวนข้าราชการครู", "teachers"],
        "principal": ["ผู้อำนวยการ", "ผู้อำนวยการโรงเรียน", "ผู้บริหาร", "ชื่อผู้บริหาร", "ผู้บริหารสถานศึกษา",
                      "principal"],
        "dltv": ["dltv", "โรงเรียนdltv", "การศึกษาทางไกลผ่านดาวเทียม"],
        "size": ["ขนาดโรงเรียน", "ขนาด", "size"],
        "target": ["กลุ่มเป้าหมาย", "โรงเรียนกลุ่มเป้าหมาย", "โรงเรียนเป้าหมาย", "target"],
        "note": ["หมายเหตุ", "note"],
    },
    "visits": {
        **_SCHOOL_REF,
        "date": ["วันที่นิเทศ", "วันที่", "วันเดือนปี", "วันเดือนปีที่นิเทศ", "date", "visit_date"],
        "supervisors": ["ผู้นิเทศ", "ศึกษานิเทศก์", "ชื่อผู้นิเทศ", "ชื่อศึกษานิเทศก์", "supervisor", "supervisors"],
        "kind": ["ลักษณะการนิเทศ", "kind"],
        "project": ["โครงการ", "project"],
        "methods": ["วิธีการนิเทศ", "วิธีการ", "รูปแบบการนิเทศ", "method", "methods"],
        "supervisee": ["ผู้รับการนิเทศ", "ชื่อผู้รับการนิเทศ", "ครูผู้รับการนิเทศ", "ชื่อครู", "ชื่อสกุลผู้รับการนิเทศ",
                       "supervisee", "teacher"],
        "position": ["ตำแหน่ง", "position"],
        "subject": ["กลุ่มสาระการเรียนรู้", "กลุ่มสาระ", "วิชา", "subject"],
        "grade": ["ชั้น", "ระดับชั้น", "ชั้นเรียน", "grade"],
        "topics": ["เรื่องที่นิเทศ", "ประเด็นการนิเทศ", "หัวข้อ", "หัวข้อการนิเทศ", "topic", "topics"],
        "findings": ["ผลการนิเทศ", "findings"],
        "strengths": ["จุดเด่น", "strengths"],
        "improvements": ["จุดที่ควรพัฒนา", "จุดควรพัฒนา", "improvements"],
        "suggestions": ["ข้อเสนอแนะ", "suggestions"],
        "follow_up_date": ["วันที่ติดตาม", "วันที่ติดตามผล", "follow_up_date", "followup_date"],
        "follow_up_action": ["การติดตามผล", "สิ่งที่จะติดตาม", "follow_up", "follow_up_action"],
        "evidence": ["หลักฐาน", "evidence"],
        "note": ["หมายเหตุ", "note"],
    },
    "screening": {
        **_SCHOOL_REF,
        "academic_year": ["ปีการศึกษา", "academic_year"],
        "semester": ["ภาคเรียน", "ภาคเรียนที่", "semester"],
        "grade": ["ชั้น", "ระดับชั้น", "ชั้นเรียน", "grade"],
        "number": ["ที่", "ลำดับ", "ลำดับที่", "เลขที่", "no"],
        "student_id": ["เลขประจำตัว", "เลขประจำตัวนักเรียน", "รหัสนักเรียน", "student_id"],
        "pupil": ["ชื่อสกุล", "ชื่อนามสกุล", "ชื่อนักเรียน", "ชื่อสกุลนักเรียน", "pupil", "student", "name"],
        "assessed": ["จำนวนนักเรียนที่คัดกรอง", "จำนวนนักเรียนที่ได้รับการคัดกรอง", "จำนวนผู้เข้ารับการคัดกรอง",
                     "ผู้เข้ารับการคัดกรอง", "จำนวนที่คัดกรอง", "assessed"],
        **{a: [ASPECTS_TH[a], "การ" + ASPECTS_TH[a], a] for a in ASPECTS},
        **{f"{a}.{lv}": [p + ASPECTS_TH[a] + LEVELS_TH[lv] for p in ("", "การ")] + [f"{a}{lv}"]
           for a in ASPECTS for lv in LEVELS},
    },
}

#: The Thai label of every field (messages, templates, rejects).
LABELS_TH: dict[str, str] = {
    "school": "รหัสโรงเรียน", "school_name": "ชื่อโรงเรียน", "code_any": "รหัสโรงเรียน",
    "moe": "รหัส 10 หลัก", "smis": "รหัส SMIS", "obec": "รหัส สพฐ.", "name": "ชื่อโรงเรียน",
    "district": "อำเภอ", "subdistrict": "ตำบล", "network": "กลุ่มเครือข่าย", "students": "จำนวนนักเรียน",
    "teachers": "จำนวนครู", "principal": "ผู้อำนวยการ", "dltv": "DLTV", "size": "ขนาดโรงเรียน",
    "target": "กลุ่มเป้าหมาย", "note": "หมายเหตุ", "date": "วันที่นิเทศ", "supervisors": "ผู้นิเทศ",
    "kind": "ลักษณะการนิเทศ", "project": "โครงการ", "methods": "วิธีการนิเทศ",
    "supervisee": "ผู้รับการนิเทศ", "position": "ตำแหน่ง", "subject": "กลุ่มสาระการเรียนรู้",
    "grade": "ชั้น", "topics": "เรื่องที่นิเทศ", "findings": "ผลการนิเทศ", "strengths": "จุดเด่น",
    "improvements": "จุดที่ควรพัฒนา", "suggestions": "ข้อเสนอแนะ", "follow_up_date": "วันที่ติดตามผล",
    "follow_up_action": "การติดตามผล", "evidence": "หลักฐาน", "academic_year": "ปีการศึกษา",
    "semester": "ภาคเรียน", "number": "ที่", "student_id": "เลขประจำตัว (ไม่บันทึก)",
    "pupil": "ชื่อนักเรียน (ไม่บันทึก ใช้ตรวจแถวซ้ำเท่านั้น)",
    "assessed": "จำนวนนักเรียนที่คัดกรอง",
    **ASPECTS_TH,
    **{f"{a}.{lv}": f"{ASPECTS_TH[a]} {LEVELS_TH[lv]}" for a in ASPECTS for lv in LEVELS},
}


def normalize(label: Any) -> str:
    return _NOISE.sub("", str(label)).lower()


#: A question number in front of a header, as form exports write them: "1. ", "๒) ", "ข้อ 3 ", "2.1 ".
_NUMBERED = re.compile(r"^\s*(?:ข้อ\s*)?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*(?:\s*[.)]\s*|\s+)")


def candidates(label: str) -> list[str]:
    """The normalised forms under which a header label is looked up: as written, without a
    trailing bracket, and without a leading question number (Google Forms: "1. ชื่อโรงเรียน")."""
    forms: list[str] = []
    for text in dict.fromkeys((label, _NUMBERED.sub("", label))):
        for form in (normalize(text), normalize(_BRACKETS.sub("", text))):
            if form and form not in forms:
                forms.append(form)
    return forms


class Lexicon:
    """Header → field for one kind, with the user's ``--map`` taking precedence."""

    def __init__(self, kind: str, user_map: dict[str, str] | None = None):
        self.kind = kind
        self.fields = SYNONYMS[kind]
        self._lookup: dict[str, str] = {}
        for field, words in self.fields.items():
            for w in words:
                self._lookup.setdefault(normalize(w), field)
        self._user = {normalize(k): v for k, v in (user_map or {}).items()}

    def field_of(self, labels: list[str]) -> str | None:
        """The field of the first label (most specific first) that is known, or None."""
        for label in labels:
            for c in candidates(label):
                if c in self._user:
                    return self._user[c]
        for label in labels:
            for c in candidates(label):
                if c in self._lookup:
                    return self._lookup[c]
        return None


def load_map(path: Path, kind: str) -> dict[str, str]:
    """``--map MAP.yaml``: ``{header text: field}`` (optionally under ``columns:``).

    A field may be ``ignore`` to leave a column out on purpose.
    """
    from nitet.storage.yamlfast import parse_fast
    from nitet.storage.yamlrules import YamlProblem

    try:
        raw = parse_fast(path.read_bytes())
    except OSError as e:
        raise UsageError(t("อ่านไฟล์ --map {p} ไม่ได้: {e}", "cannot read --map {p}: {e}", p=path, e=e.strerror),
                         t("ตรวจชื่อไฟล์", "check the file name")) from None
    except YamlProblem as e:
        raise UsageError(t("ไฟล์ --map {p} ไม่ใช่ YAML ที่ถูกต้อง: {m} (บรรทัด {l})",
                           "--map {p} is not valid YAML: {m} (line {l})", p=path, m=e.message, l=e.line),
                         t("เขียนเป็นบรรทัด หัวคอลัมน์: ชื่อฟิลด์", "write 'header: field' lines")) from None
    if isinstance(raw, dict) and isinstance(raw.get("columns"), dict):
        raw = raw["columns"]
    valid = set(SYNONYMS[kind]) | {"ignore"}
    if not isinstance(raw, dict):
        raise UsageError(t("ไฟล์ --map {p} ต้องเป็น หัวคอลัมน์: ชื่อฟิลด์", "--map {p} must map header: field", p=path),
                         t("ฟิลด์ที่ใช้ได้: {f}", "fields: {f}", f=", ".join(sorted(valid))))
    out: dict[str, str] = {}
    for header, field in raw.items():
        if str(field) not in valid:
            raise UsageError(
                t("ไฟล์ --map: ไม่รู้จักฟิลด์ '{f}' (ของคอลัมน์ '{h}')", "--map: unknown field '{f}' (column '{h}')",
                  f=field, h=header),
                t("ฟิลด์ที่ใช้ได้สำหรับ {k}: {v}", "fields for {k}: {v}", k=kind, v=", ".join(sorted(valid))))
        out[str(header)] = str(field)
    return out
