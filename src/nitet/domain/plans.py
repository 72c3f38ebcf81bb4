"""Plan projects (โครงการตามแผนปฏิบัติการ): reading their quarters and recording a quarter's result.

Library code shared by ``nitet plan``, the plan checks and the KRS report: no printing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from nitet.core.errors import DataError, UsageError
from nitet.core.i18n import t
from nitet.core.thai import to_arabic_digits
from nitet.model.patterns import KEY_PATTERN

PLAN_ID = re.compile(KEY_PATTERN)

#: What a person may type for an activity status (English keys and the Thai labels).
STATUS_WORDS = {
    "not_started": "not_started", "not-started": "not_started", "ยังไม่ดำเนินการ": "not_started",
    "in_progress": "in_progress", "in-progress": "in_progress", "กำลังดำเนินการ": "in_progress",
    "อยู่ระหว่างดำเนินการ": "in_progress",
    "done": "done", "ดำเนินการแล้ว": "done", "เสร็จ": "done", "เสร็จแล้ว": "done", "ดำเนินการแล้วเสร็จ": "done",
}


#: Where a counted indicator's result comes from (Thai, English).
COUNTED_FROM = {"visits": ("บันทึกการนิเทศ", "visit records"),
                "screening": ("ผลการคัดกรองการอ่านการเขียน", "screening records"),
                "cases": ("งานตามกระบวนงาน", "case records")}


def parse_number(text: str, what: str) -> int | float:
    """A number typed by a person: Thai or Arabic digits, thousands commas allowed (``๑๒,๕๐๐``)."""
    s = to_arabic_digits(str(text)).strip().replace(",", "").replace(" ", "")
    try:
        value = float(s)
    except ValueError:
        raise UsageError(t("{w} ต้องเป็นตัวเลข (ได้ '{v}')", "{w} must be a number (got '{v}')", w=what, v=text),
                         t("เขียนเป็นตัวเลข เช่น 12500 หรือ ๑๒,๕๐๐", "write a number such as 12500")) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UsageError(t("{w} ต้องเป็นตัวเลข (ได้ '{v}')", "{w} must be a number (got '{v}')", w=what, v=text))
    return int(value) if value.is_integer() else value


def parse_pairs(items: Iterable[str], what: str) -> dict[str, str]:
    """``["a1=done", "a2=in_progress"]`` -> ``{"a1": "done", ...}``; a missing ``=`` is a usage error."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(
                t("{w} ต้องเขียนเป็น รหัส=ค่า (ได้ '{v}')", "{w} must be written ID=VALUE (got '{v}')", w=what, v=item),
                t("เช่น --activity a1=done หรือ --indicator satisfaction=85",
                  "e.g. --activity a1=done or --indicator satisfaction=85"))
        out[key.strip()] = value.strip()
    return out


def parse_status(text: str) -> str:
    status = STATUS_WORDS.get(text.strip().lower(), STATUS_WORDS.get(text.strip()))
    if status is None:
        raise UsageError(
            t("ไม่รู้จักสถานะ '{s}'", "unknown status '{s}'", s=text),
            t("ใช้ not_started (ยังไม่ดำเนินการ), in_progress (อยู่ระหว่างดำเนินการ) หรือ done (ดำเนินการแล้วเสร็จ)",
              "use not_started, in_progress or done"))
    return status


def result_of(plan: dict[str, Any], quarter: int) -> dict[str, Any]:
    """The result entry of ``quarter`` (the first one if a hand-edited file repeats it), or {}."""
    for r in plan.get("results", []):
        if r.get("quarter") == quarter:
            return dict(r)
    return {}


def spent_to(plan: dict[str, Any], quarter: int, *, start: int = 1) -> float:
    """Money spent in quarters ``start``..``quarter`` (sum of the results' ``spent``)."""
    return sum(float(r.get("spent", 0)) for r in plan.get("results", [])
               if start <= int(r.get("quarter", 0)) <= quarter)


def latest_value(plan: dict[str, Any], indicator: str, quarter: int) -> float | None:
    """A manual indicator's value: the latest given in the results of quarters up to ``quarter``."""
    best: tuple[int, float] | None = None
    for r in plan.get("results", []):
        q = int(r.get("quarter", 0))
        value = (r.get("indicators") or {}).get(indicator)
        if value is not None and q <= quarter and (best is None or q >= best[0]):
            best = (q, float(value))
    return None if best is None else best[1]


def check_result_ids(plan: dict[str, Any], activities: Iterable[str], indicators: Iterable[str]) -> None:
    """Refuse activity or indicator ids the plan does not have (and manual values for counted indicators)."""
    known_a = {a["id"] for a in plan.get("activities", [])}
    known_i = {i["id"]: i for i in plan.get("indicators", [])}
    for a in activities:
        if a not in known_a:
            raise DataError(
                t("โครงการ {p} ไม่มีกิจกรรม '{a}'", "plan {p} has no activity '{a}'", p=plan.get("id"), a=a),
                t("กิจกรรมที่มี: {k}", "its activities: {k}", k=", ".join(sorted(known_a)) or "-"))
    for i in indicators:
        if i not in known_i:
            raise DataError(
                t("โครงการ {p} ไม่มีตัวชี้วัด '{i}'", "plan {p} has no indicator '{i}'", p=plan.get("id"), i=i),
                t("ตัวชี้วัดที่มี: {k}", "its indicators: {k}", k=", ".join(sorted(known_i)) or "-"))
        source = known_i[i].get("source", "manual")
        if source != "manual":
            raise DataError(
                t("ตัวชี้วัด '{i}' นับจาก{w}โดยอัตโนมัติ ไม่ต้องกรอกค่า",
                  "indicator '{i}' is counted from the {we}; it takes no value", i=i, w=COUNTED_FROM[source][0],
                  we=COUNTED_FROM[source][1]),
                t("บันทึก{w}ใน nitet แล้วผลจะนับเองในรายงาน", "record the {we} in nitet; the report counts them",
                  w=COUNTED_FROM[source][0], we=COUNTED_FROM[source][1]))


def apply_result(doc: Any, quarter: int, *, spent: int | float | None = None,
                 activities: dict[str, str] | None = None, indicators: dict[str, int | float] | None = None,
                 problems: str | None = None, suggestions: str | None = None, by: str | None = None,
                 outcomes: dict[str, str] | None = None) -> None:
    """Create or update the result entry of ``quarter`` in a round-trip plan document.

    Values given replace the stored ones; activity and indicator maps are merged key by key.
    """
    from ruamel.yaml.comments import CommentedMap

    from nitet.model import Plan
    from nitet.storage.writer import place, put
    from nitet.storage.yamlrt import to_commented

    results = doc.get("results")
    if not results:
        put(doc, Plan, "results", [{"quarter": quarter}])
        entry = doc["results"][0]
    else:
        entry = next((r for r in results if r.get("quarter") == quarter), None)
        if entry is None:
            entry = CommentedMap([("quarter", quarter)])
            at = sum(1 for r in results if int(r.get("quarter", 0)) < quarter)
            results.insert(at, entry)
    order = ("quarter", "spent", "activities", "outcomes", "indicators", "problems", "suggestions", "by")

    def set_key(key: str, value: Any) -> None:
        place(entry, order, key, value)

    if spent is not None:
        set_key("spent", spent)
    for key, new in (("activities", activities), ("outcomes", outcomes), ("indicators", indicators)):
        if new:
            current = entry.get(key)
            if current is None:
                set_key(key, to_commented(dict(new)))
                entry[key].fa.set_flow_style()  # {a1: done}, as in the SPEC's example
            else:
                for k, v in new.items():
                    current[k] = v
    for key, text in (("problems", problems), ("suggestions", suggestions)):
        if text is not None:
            set_key(key, to_commented(text))
    if by:
        set_key("by", by)
