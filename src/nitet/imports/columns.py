"""Which column is which: common Thai and English headers per kind, and ``--map MAP.yaml``.

A header is compared after normalising (lower case, Thai digits as digits, no spaces, zero-width
spaces or ``. - _ : / * ' "``) and taken apart by :mod:`headers`. :meth:`Lexicon.read` tries, in
order: the user's ``--map``; the whole header; its core without question number, brackets,
digit count and note (``๒) จำนวนนักเรียน (คน)``, ``ชื่อโรงเรียน:``); the known names ignored on
purpose (:data:`USELESS`); any of the names joined in it (``ข้อค้นพบ / ผลการนิเทศ``) — when
they name different fields the header is ambiguous, not guessed; a name in its brackets. A school
list's code column is made specific by its digit count (``รหัสสถานศึกษา ๑๐ หลัก`` = the
10-digit code) or a named kind (``รหัสโรงเรียน (SMIS)``). The reading's score (how much of the
header the name covers, then how exactly) decides when two columns claim one field.
Under a merged two-row header a column is known by its lower label, or by upper + lower
(``อ่านออกเสียง`` + ``ดีมาก`` = the count of pupils at ดีมาก in อ่านออกเสียง).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nitet.core.errors import UsageError
from nitet.core.i18n import t
from nitet.imports import headers
from nitet.model.screening import ASPECTS, ASPECTS_TH, LEVELS, LEVELS_TH

normalize = headers.normalize

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
        "findings": ["ผลการนิเทศ", "ข้อค้นพบ", "ข้อค้นพบจากการนิเทศ", "สิ่งที่พบ", "สิ่งที่พบจากการนิเทศ",
                     "ผลการสังเกตการสอน", "findings"],
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


#: Columns that carry nothing nitet keeps, ignored by name (and said so once): when a form was
#: sent, who sent it, a running number, a score or rating; and the columns a rejects file adds.
USELESS = ["ประทับเวลา", "เวลาประทับ", "timestamp", "วันเวลาที่ส่ง", "อีเมล", "อีเมล์", "ที่อยู่อีเมล",
           "ที่อยู่อีเมล์", "email", "e-mail", "emailaddress", "ที่", "ลำดับ", "ลำดับที่", "no", "คะแนน",
           "คะแนนรวม", "score", "totalscore", "rating", "ความพึงพอใจ", "ระดับความพึงพอใจ",
           "เหตุผล", "ไฟล์", "ชีต", "แถว"]
#: ... and per kind: a screening sheet's remarks are about one pupil ("ย้าย"), never kept.
USELESS_BY_KIND = {"screening": ["หมายเหตุ", "note"]}
#: ... also when the header starts with one of these ("คะแนนความพึงพอใจต่อการนิเทศ (1-5)").
USELESS_PREFIXES = ("คะแนน", "ความพึงพอใจ", "ระดับความพึงพอใจ", "score", "rating")
#: A school list's code columns, and which one a digit count names ("รหัสสถานศึกษา ๑๐ หลัก").
CODE_FIELDS = ("code_any", "moe", "smis", "obec")
_BY_DIGITS = {10: "moe", 8: "smis", 6: "obec"}


def multi(kind: str) -> set[str]:
    """Fields several columns may feed: every code column of a school list; the school of a
    visit or screening row by 10-digit code, SMIS, OBEC and name side by side."""
    return {"code_any", "ignore"} if kind == "schools" else {"school", "school_name", "ignore"}


@dataclass(frozen=True)
class Reading:
    """What a header says: its field (None: unknown), how it was found, and how fully it matched."""

    field: str | None
    how: str  # user | whole | core | part | useless | ambiguous | unknown
    score: tuple[float, int] = (0.0, 0)  # (share of the header the name covers, exactness)
    alternatives: tuple[str, ...] = ()  # the fields an ambiguous header names


class Lexicon:
    """Header → field for one kind, with the user's ``--map`` taking precedence."""

    def __init__(self, kind: str, user_map: dict[str, str] | None = None):
        self.kind = kind
        self.fields = SYNONYMS[kind]
        self.multi = multi(kind)
        self._lookup: dict[str, str] = {}
        for field, words in self.fields.items():
            for w in words:
                self._lookup.setdefault(normalize(w), field)
        self._useless = {normalize(w) for w in (*USELESS, *USELESS_BY_KIND.get(kind, []))} - set(self._lookup)
        self._user = {normalize(k): v for k, v in (user_map or {}).items()}
        self._memo: dict[str, Reading] = {}

    def field_of(self, labels: list[str]) -> str | None:
        return self.read(labels).field

    def read(self, labels: list[str]) -> Reading:
        """The reading of the first label (most specific first) that names a field."""
        for label in labels:
            for form in user_forms(label):
                if form in self._user:
                    return Reading(self._user[form], "user", (1.0, 9))
        found = Reading(None, "unknown")
        for label in labels:
            r = self._memo.get(label)
            if r is None:
                r = self._memo[label] = self._read(label)
            if r.field is not None:
                return r
            if found.how == "unknown":
                found = r
        return found

    def _read(self, label: str) -> Reading:
        h = headers.parse(label)
        body = max(len(h.body), 1)
        for form, how, level in ((h.whole, "whole", 3), (h.core, "core", 2)):
            if form in self._lookup:
                return self._refine(Reading(self._lookup[form], how, (min(len(form) / body, 1.0), level)), h)
        if self._is_useless(h):
            return Reading("ignore", "useless")
        hits = {p: self._lookup[p] for p in h.parts if p in self._lookup}
        fields = list(dict.fromkeys(hits.values()))
        if set(fields) == {"school", "school_name"}:  # "รหัสหรือชื่อโรงเรียน": a name column reads codes too
            fields = ["school_name"]
        if len(fields) == 1:
            covered = sum(len(p) for p in hits) / body
            return self._refine(Reading(fields[0], "part", (min(covered, 1.0), 1)), h)
        if len(fields) > 1:
            return Reading(None, "ambiguous", alternatives=tuple(fields))
        named = list(dict.fromkeys(self._lookup[q] for q in h.qualifiers if q in self._lookup))
        if len(named) == 1:  # "ร.ร. (ชื่อโรงเรียน)"
            return self._refine(Reading(named[0], "part", (0.1, 1)), h)
        return Reading(None, "unknown")

    def _is_useless(self, h: headers.Header) -> bool:
        if h.whole in self._useless or h.core in self._useless:
            return True
        if h.parts and all(p in self._useless for p in h.parts):
            return True
        return h.core.startswith(USELESS_PREFIXES)

    def _refine(self, r: Reading, h: headers.Header) -> Reading:
        """A school list's code column made specific by a digit count or a named code kind."""
        if self.kind != "schools" or r.field not in CODE_FIELDS:
            return r
        specific = {self._lookup[x] for x in (*h.parts, *h.qualifiers)
                    if self._lookup.get(x) in ("moe", "smis", "obec")}
        if h.digits in _BY_DIGITS:
            specific = {_BY_DIGITS[h.digits]}
        if len(specific) == 1:
            return Reading(specific.pop(), r.how, r.score)
        return r


def user_forms(label: str) -> list[str]:
    """How a header is looked up in a ``--map``: as written, and without number, brackets, note."""
    h = headers.parse(label)
    return list(dict.fromkeys(x for x in (h.whole, h.body, h.core) if x))


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
