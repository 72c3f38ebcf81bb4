"""Case checks: completed steps recorded in the manual's order, once each, and consistent with status.

A case file records one completed step per ``advance``. Edited by hand (or merged from two clones) it
can end up with a step completed before the one it follows, a step recorded twice, a parent recorded
before its sub-steps, a ``done`` status with steps still open, or a link to a visit that is gone.
Each is a finding at the line of the offending entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import WARNING, Problem
from ..i18n import t

if TYPE_CHECKING:
    from ..model.workflow import Step
    from ..store import Loaded


def _leaves(step: Step) -> list[str]:
    return [step.id] if not step.steps else [i for s in step.steps for i in _leaves(s)]


def case_steps(loaded: Loaded) -> list[Problem]:
    """Completed steps follow the manual's order, each once; a done case has every step complete."""
    workflows = loaded.workflows()
    visits = loaded.index("visit")
    out: list[Problem] = []
    for e in loaded.of("case"):
        wf = workflows.get(e.data.get("workflow", ""))
        if wf is None:
            continue  # refs.workflow_refs reports it
        order = [s.id for s in wf.leaves()]
        seen: dict[str, int] = {}
        done: set[str] = set()
        for i, entry in enumerate(e.data.get("steps", [])):
            sid = str(entry.get("step", ""))
            step = wf.step(sid)
            at = ("steps", i, "step")
            if step is None:
                continue  # refs.case_refs reports unknown steps
            if sid in seen:
                out.append(Problem(
                    e.path, at, "case-step-twice",
                    t("ขั้นตอน {s} บันทึกว่าเสร็จซ้ำ (ครั้งแรกคือรายการที่ {n})",
                      "step {s} is recorded as completed twice (first as entry {n})", s=sid, n=seen[sid] + 1),
                    t("ลบรายการที่ซ้ำ ให้เหลือขั้นตอนละหนึ่งรายการ", "delete the repeated entry: one entry per step")))
                continue
            seen[sid] = i
            needed = order[:order.index(sid)] if not step.steps else _leaves(step)
            missing = [x for x in needed if x not in done]
            if missing:
                what = t("ก่อนขั้นตอน {m}", "before step {m}", m=missing[0]) if not step.steps else \
                    t("ก่อนขั้นตอนย่อย {m}", "before its sub-step {m}", m=missing[0])
                out.append(Problem(
                    e.path, at, "case-step-order",
                    t("ขั้นตอน {s} บันทึกว่าเสร็จ{w} ซึ่งยังไม่เสร็จ", "step {s} is recorded as completed {w}, which is not",
                      s=sid, w=what),
                    t("ขั้นตอนเสร็จตามลำดับของคู่มือ: บันทึกขั้นตอน {m} ก่อน (ดู 'nitet flow show {w}')",
                      "steps complete in the manual's order: record step {m} first (see 'nitet flow show {w}')",
                      m=missing[0], w=wf.id)))
            if not step.steps:
                done.add(sid)
            for j, vid in enumerate(entry.get("visits", [])):
                if vid not in visits:
                    out.append(Problem(
                        e.path, ("steps", i, "visits", j), "unknown-visit",
                        t("ไม่พบบันทึกการนิเทศ '{v}'", "visit '{v}' does not exist", v=vid),
                        t("แก้รหัสหรือลบออก (ดู 'nitet visit list')", "fix the id or remove it (see 'nitet visit list')")))
            for j, path in enumerate(entry.get("evidence", [])):
                if not (loaded.ws.root / path).exists():
                    out.append(Problem(
                        e.path, ("steps", i, "evidence", j), "missing-evidence",
                        t("ไม่พบไฟล์หลักฐาน {p}", "evidence file {p} does not exist", p=path),
                        t("คืนไฟล์ไว้ที่เดิมหรือแก้ที่อยู่ (เทียบกับโฟลเดอร์พื้นที่ทำงาน)",
                          "restore the file or fix the path (relative to the workspace)"), WARNING))
        if e.data.get("status") == "done":
            open_steps = [x for x in order if x not in done]
            if open_steps:
                out.append(Problem(
                    e.path, ("status",), "case-status",
                    t("งานมีสถานะ done แต่ยังไม่ได้บันทึกขั้นตอน {s}", "the case is done but step {s} is not recorded",
                      s=", ".join(open_steps)),
                    t("บันทึกขั้นตอนที่เหลือ หรือเปลี่ยน status เป็น active แล้วใช้ 'nitet flow advance'",
                      "record the remaining steps, or set status: active and use 'nitet flow advance'")))
    return out
