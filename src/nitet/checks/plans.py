"""Plan checks: results name the plan's own activities and indicators, once per quarter;
money spent stays within the budget; a counted indicator is set up for its source (a ``visits``
filter on fields visits have, a ``screening`` aspect, a ``cases`` workflow and steps that exist)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Entry, Loaded


def visit_fields() -> set[str]:
    from nitet.model import Visit

    return set(Visit.model_fields) - {"id"}


def plan_records(loaded: Loaded) -> list[Problem]:
    """Every plan: unique ids inside it, results that refer to them, budget, visit filters."""
    out: list[Problem] = []
    fields = visit_fields()
    for e in loaded.of("plan"):
        out.extend(_duplicate_ids(e))
        out.extend(_results(e))
        out.extend(_budget(e))
        out.extend(_filters(e, fields))
        out.extend(_sources(e, loaded))
    return out


def _duplicate_ids(e: Entry) -> list[Problem]:
    out = []
    for key, what_th, what_en in (("activities", "กิจกรรม", "activity"), ("indicators", "ตัวชี้วัด", "indicator")):
        seen: set[str] = set()
        for i, item in enumerate(e.data.get(key, [])):
            if item["id"] in seen:
                out.append(Problem(
                    e.path, (key, i, "id"), "duplicate-plan-item",
                    t("รหัส{w} '{i}' ซ้ำในโครงการเดียวกัน", "{w} id '{i}' is used twice in this plan",
                      w=t(what_th, what_en), i=item["id"]),
                    t("ตั้งรหัสให้ไม่ซ้ำกัน", "give each one its own id")))
            seen.add(item["id"])
    return out


def _results(e: Entry) -> list[Problem]:
    data = e.data
    activities = {a["id"] for a in data.get("activities", [])}
    indicators = {i["id"]: i for i in data.get("indicators", [])}
    seen: dict[int, int] = {}
    out: list[Problem] = []
    for n, r in enumerate(data.get("results", [])):
        q = r["quarter"]
        if q in seen:
            out.append(Problem(
                e.path, ("results", n, "quarter"), "duplicate-quarter",
                t("ผลไตรมาสที่ {q} ถูกบันทึกซ้ำ (ครั้งแรกในรายการที่ {f})",
                  "quarter {q} is listed twice in results (first as item {f})", q=q, f=seen[q] + 1),
                t("รวมผลของไตรมาสเดียวกันไว้ในรายการเดียว", "merge the two entries of that quarter into one")))
        else:
            seen[q] = n
        for key in ("activities", "outcomes"):
            for aid in r.get(key, {}):
                if aid not in activities:
                    out.append(Problem(
                        e.path, ("results", n, key, aid), "unknown-activity",
                        t("ไม่มีกิจกรรม '{a}' ในโครงการนี้", "this plan has no activity '{a}'", a=aid),
                        t("กิจกรรมที่มี: {k}", "its activities: {k}", k=", ".join(sorted(activities)) or "-"),
                        on_key=True))
        for iid in r.get("indicators", {}):
            ind = indicators.get(iid)
            if ind is None:
                out.append(Problem(
                    e.path, ("results", n, "indicators", iid), "unknown-indicator",
                    t("ไม่มีตัวชี้วัด '{i}' ในโครงการนี้", "this plan has no indicator '{i}'", i=iid),
                    t("ตัวชี้วัดที่มี: {k}", "its indicators: {k}", k=", ".join(sorted(indicators)) or "-"),
                    on_key=True))
            elif ind.get("source", "manual") != "manual":
                out.append(Problem(
                    e.path, ("results", n, "indicators", iid), "counted-indicator",
                    t("ตัวชี้วัด '{i}' นับจากข้อมูลในระบบ ({s}) ค่าที่กรอกนี้จะไม่ถูกใช้",
                      "indicator '{i}' is counted from the records ({s}); this value is not used", i=iid,
                      s=ind.get("source")),
                    t("ลบค่านี้ หรือเปลี่ยน source ของตัวชี้วัดเป็น manual",
                      "remove the value or set the indicator's source to manual"),
                    WARNING, on_key=True))
    return out


def _budget(e: Entry) -> list[Problem]:
    budget = e.data.get("budget")
    if budget is None:
        return []
    spent = sum(float(r.get("spent", 0)) for r in e.data.get("results", []))
    if spent <= float(budget):
        return []
    return [Problem(
        e.path, ("budget",), "over-budget",
        t("เบิกจ่ายรวม {s:,.2f} บาท เกินงบประมาณ {b:,.2f} บาท", "total spent {s:,.2f} exceeds the budget {b:,.2f}",
          s=spent, b=float(budget)),
        t("ตรวจยอด spent ในผลรายไตรมาส หรือปรับงบประมาณ (budget) ให้ตรงกับที่ได้รับจริง",
          "check the quarters' spent amounts or correct the budget"),
        WARNING)]


def _filters(e: Entry, fields: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for i, ind in enumerate(e.data.get("indicators", [])):
        flt: dict[str, Any] = ind.get("filter") or {}
        if ind.get("source") == "visits":
            for key in flt:
                if key not in fields:
                    out.append(Problem(
                        e.path, ("indicators", i, "filter", key), "unknown-visit-field",
                        t("บันทึกการนิเทศไม่มีช่อง '{k}' ที่ใช้กรอง", "visits have no field '{k}' to filter on", k=key),
                        t("ใช้ช่องของบันทึกการนิเทศ เช่น project, kind, school, methods, topics",
                          "use a visit field such as project, kind, school, methods, topics"),
                        on_key=True))
        elif flt:
            out.append(Problem(
                e.path, ("indicators", i, "filter"), "filter-unused",
                t("ตัวชี้วัด '{i}' ไม่ได้นับจากบันทึกการนิเทศ (source: {s}) เงื่อนไข filter จะไม่ถูกใช้",
                  "indicator '{i}' does not count visits (source: {s}); its filter is not used", i=ind["id"],
                  s=ind.get("source", "manual")),
                t("ตั้ง source: visits เพื่อนับจากบันทึกการนิเทศ หรือลบ filter",
                  "set source: visits to count visits, or remove the filter"),
                WARNING, on_key=True))
    return out


#: The indicator fields each counted source reads; set on another source they are not used.
SOURCE_FIELDS = {"visits": ("targets",), "screening": ("aspect", "levels", "grade"), "cases": ("workflow", "steps")}


def _sources(e: Entry, loaded: Loaded) -> list[Problem]:
    """A counted indicator names what it counts: a screening aspect; a cases workflow (its own or
    the plan's) and steps of it; fields of another source are flagged as unused."""
    out: list[Problem] = []
    workflows = loaded.workflows()
    for i, ind in enumerate(e.data.get("indicators", [])):
        source = ind.get("source", "manual")
        for other, keys in SOURCE_FIELDS.items():
            for key in keys:
                if other != source and ind.get(key) not in (None, [], False):
                    out.append(Problem(
                        e.path, ("indicators", i, key), "field-unused",
                        t("ตัวชี้วัด '{i}' (source: {s}) ไม่ใช้ {k} ซึ่งใช้กับ source: {o}",
                          "indicator '{i}' (source: {s}) does not use {k}, which is for source: {o}",
                          i=ind["id"], s=source, k=key, o=other),
                        t("ลบ {k} หรือเปลี่ยน source", "remove {k} or change the source", k=key), WARNING, on_key=True))
        if source == "screening" and not ind.get("aspect"):
            out.append(Problem(
                e.path, ("indicators", i, "source"), "indicator-setup",
                t("ตัวชี้วัด '{i}' นับจากผลการคัดกรอง แต่ยังไม่ได้ระบุด้าน (aspect)",
                  "indicator '{i}' counts screening results but names no aspect", i=ind["id"]),
                t("เพิ่ม aspect: read_aloud (อ่านออกเสียง), read_comprehension, write_words หรือ write_story",
                  "add aspect: read_aloud, read_comprehension, write_words or write_story")))
        if source == "cases":
            wf_id = ind.get("workflow") or e.data.get("workflow")
            wf = workflows.get(wf_id) if wf_id else None
            if wf is None:
                out.append(Problem(
                    e.path, ("indicators", i, "workflow" if ind.get("workflow") else "source"), "indicator-setup",
                    t("ตัวชี้วัด '{i}' นับขั้นตอนของงาน แต่ไม่พบกระบวนงาน '{w}'",
                      "indicator '{i}' counts case steps but workflow '{w}' does not exist", i=ind["id"], w=wf_id or "-"),
                    t("ระบุ workflow ของตัวชี้วัดหรือของโครงการ (ดู 'nitet flow list')",
                      "set the indicator's or the plan's workflow (see 'nitet flow list')")))
                continue
            for j, sid in enumerate(ind.get("steps", [])):
                if wf.step(str(sid)) is None:
                    out.append(Problem(
                        e.path, ("indicators", i, "steps", j), "unknown-step",
                        t("กระบวนงาน {w} ไม่มีขั้นตอน {s}", "workflow {w} has no step {s}", w=wf.id, s=sid),
                        t("ดูเลขขั้นตอนด้วย 'nitet flow show {w}'", "see its steps with 'nitet flow show {w}'", w=wf.id)))
    return out
