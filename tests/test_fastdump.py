"""fastdump writes exactly the bytes ruamel writes (the record files must not depend on the path taken)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nitet.storage.fastdump import dump, fast
from nitet.storage.yamlfast import parse_fast
from nitet.storage.yamlrt import dump_rt, to_commented

# characters that matter to YAML quoting, Thai, and the odd ones a spreadsheet carries
ALPHABET = st.sampled_from(list("abcXYZ019 -:#,?[]{}&*!|>'\"%@`.~_=+/\\\n\t") +
                           list("กขคงนิเทศโรงเรียนบ้านแม่ละเมา๑๒๓") + ["\u200b", "\xa0", "\ufeff", "…", "“", "😀", "\r"])
text = st.text(ALPHABET, max_size=30)
#: without the characters that always send a record to ruamel (tab, CR, BOM, ', \\), so the fast path is exercised
CLEAN = st.sampled_from(list("abcXYZ019 -:#,?[]{}&*!|>\"%@`.~_=+/\n") + list("กขคงนิเทศโรงเรียน๑๒๓") + ["\u200b", "\xa0", "…"])
clean = st.text(CLEAN, max_size=30)
words = st.sampled_from(["yes", "no", "on", "Off", "null", "~", "true", "False", "010", "0x1F", "1_000", "1e3",
                         ".5", "-1", "+2", "1:20", "2026-11-25", "1063020130", "---", "...", "- a", "a: b",
                         "a #b", "a#b", "?", ":a", "", " ", "ok", "ดี\nมาก", "x\n", "x\n\n", "\nx"])
scalar = st.one_of(text, clean, clean, words, st.integers(-10**12, 10**12), st.booleans())
keys = st.one_of(st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True),
                 st.sampled_from(["id", "date", "yes", "null", "true", "1", "a b", "ชื่อ"]))
leaf_dict = st.dictionaries(keys, scalar, min_size=1, max_size=4)
value = st.one_of(scalar, leaf_dict, st.lists(st.one_of(scalar, leaf_dict), min_size=1, max_size=3))
record = st.dictionaries(keys, value, min_size=1, max_size=8)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record)
def test_same_bytes_as_ruamel(data: dict[str, Any]) -> None:
    expected = dump_rt(to_commented(data))
    assert dump(data) == expected
    got = fast(data)
    assert got is None or got == expected


def test_realistic_records_take_the_fast_path() -> None:
    visit = {"id": "2026-11-25-1063020130-1a2b3c", "date": "2026-11-25", "school": "1063020130",
             "supervisors": ["นางสาวทดสอบ ระบบ"], "kind": "project-based", "project": "dltv",
             "methods": ["observation", "plc"],
             "supervisees": [{"name": "นางสาวสมศรี ดีงาม", "position": "ครู", "subject": "ภาษาไทย", "grade": "ป.1"}],
             "topics": ["การอ่านออกเสียง", "สื่อ DLTV: ใช้ทุกคาบ"], "findings": "ครูใช้สื่อ\nนักเรียนสนใจ",
             "suggestions": "ควรเพิ่มกิจกรรม (PLC) #1", "follow_up": {"date": "2026-12-15", "action": "ดูแผน"}}
    screening = {"id": "1063020130-2569-2-p1", "school": "1063020130", "academic_year": 2569, "semester": 2,
                 "grade": 1, "assessed": 30, "read_aloud": {"excellent": 1, "good": 2, "fair": 3, "improve": 4},
                 "source": "คัดกรอง.xlsx#ป.1"}
    for data in (visit, screening):
        text = fast(data)
        assert text is not None and text == dump_rt(to_commented(data))
        assert parse_fast(text.encode()) == data
