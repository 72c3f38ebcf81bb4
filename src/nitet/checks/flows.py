"""Case checks: completed steps recorded in the manual's order, once each, and consistent with status.

A case file records one completed step per ``advance``. Edited by hand (or merged from two clones) it
can end up with a step completed before a step it waits for, a step recorded twice, a parent recorded
before its sub-steps, a ``done`` status with steps still open, a link to a visit that is gone, a step
dated before the case started or before a step it waits for, or a ``finished`` date before the start
or the last step. What a step waits for is
:meth:`~nitet.model.workflow.Workflow.prerequisites`: every step before it in a sequence, none of
its siblings when it is a strand of a ``parallel`` step (strands complete in any order, and a strand
finished earlier may be recorded later).
Each is a finding at the line of the offending entry.

In a git repository, an evidence file that git ignores, or that is not in git while its case file
is, never reaches a colleague's clone (:func:`evidence_in_git`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.model.workflow import Step, Workflow
    from nitet.storage.loaded import Loaded


def _leaves(step: Step) -> list[str]:
    return [step.id] if not step.steps else [i for s in step.steps for i in _leaves(s)]


def case_steps(loaded: Loaded) -> list[Problem]:
    """Completed steps follow the manual's order, each once; a done case has every step complete."""
    from nitet.model import RECORD_KINDS

    workflows = loaded.workflows()
    visits = loaded.known("visit")  # a visit file with an error still exists
    known: set[str] | None = None  # every record id, built when a case links records
    out: list[Problem] = []
    for e in loaded.of("case"):
        wf = workflows.get(e.data.get("workflow", ""))
        if wf is None:
            continue  # refs.workflow_refs reports it
        out += _case_dates(e.path, e.data, wf)
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
            needed = wf.prerequisites(sid) if not step.steps else _leaves(step)
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
            for j, rid in enumerate(entry.get("records", [])):
                if known is None:
                    known = {x for cls in RECORD_KINDS.values() for x in loaded.known(cls.KIND)}
                if rid not in known:
                    out.append(Problem(
                        e.path, ("steps", i, "records", j), "unknown-record",
                        t("ไม่พบระเบียน '{r}'", "record '{r}' does not exist", r=rid),
                        t("แก้รหัสหรือลบออก (รหัสคือชื่อไฟล์ใน records/ ไม่มี .yaml)",
                          "fix the id or remove it (an id is a file name under records/ without .yaml)")))
            for j, path in enumerate(entry.get("evidence", [])):
                loaded.watched.add(str(path))
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


def _case_dates(path: str, data: dict[str, object], wf: Workflow) -> list[Problem]:
    """No step dated before the case started, nor before a recorded step it waits for (a parent: before
    one of its sub-steps); ``finished`` on or after the start and the last step. Dates are ISO text,
    compared as text."""
    out: list[Problem] = []
    started = str(data.get("started", ""))
    steps = data.get("steps") or []
    assert isinstance(steps, list)
    dated: dict[str, str] = {}  # step -> its date, of the entries above (a step out of order is case-step-order)
    last: tuple[str, str] | None = None  # the latest-dated step
    for i, entry in enumerate(steps):
        sid, day = str(entry.get("step", "")), str(entry.get("date", ""))
        step = wf.step(sid)
        waits = (_leaves(step) if step.steps else wf.prerequisites(sid)) if step is not None else []
        before = max(((w, dated[w]) for w in waits if w in dated and w != sid), key=lambda x: x[1], default=None)
        if day < started:
            out.append(Problem(
                path, ("steps", i, "date"), "case-step-date",
                t("ขั้นตอน {s} ลงวันที่ {d} ก่อนวันเริ่มงาน {b}", "step {s} is dated {d}, before the case started ({b})",
                  s=sid, d=day, b=started),
                t("แก้วันที่ของขั้นตอน หรือแก้ started", "fix the step's date, or 'started'")))
        elif before is not None and day < before[1]:
            out.append(Problem(
                path, ("steps", i, "date"), "case-step-date",
                t("ขั้นตอน {s} ลงวันที่ {d} ก่อนขั้นตอน {p} ที่ต้องเสร็จก่อน ({b})",
                  "step {s} is dated {d}, before step {p}, which comes first ({b})",
                  s=sid, d=day, p=before[0], b=before[1]),
                t("แก้วันที่ให้ขั้นตอนเรียงตามวันที่ที่เสร็จจริง", "fix the dates so each step is dated on or after the one before")))
        dated.setdefault(sid, day)
        if last is None or day > last[1]:
            last = (sid, day)
    finished = data.get("finished")
    if finished:
        f = str(finished)
        if f < started:
            out.append(Problem(
                path, ("finished",), "case-finished-date",
                t("วันที่เสร็จ/ยกเลิก {f} อยู่ก่อนวันเริ่มงาน {b}", "finished {f} is before the case started ({b})",
                  f=f, b=started),
                t("แก้ finished หรือ started", "fix 'finished' or 'started'")))
        elif last is not None and f < last[1]:
            out.append(Problem(
                path, ("finished",), "case-finished-date",
                t("วันที่เสร็จ/ยกเลิก {f} อยู่ก่อนขั้นตอน {s} ที่บันทึกไว้ ({b})",
                  "finished {f} is before step {s}, which is recorded ({b})", f=f, s=last[0], b=last[1]),
                t("แก้ finished ให้ไม่ก่อนขั้นตอนสุดท้ายที่บันทึกไว้", "set 'finished' on or after the last recorded step")))
    return out


def evidence_in_git(loaded: Loaded) -> list[Problem]:
    """Evidence files of cases that will not travel with the case through git: ignored by git
    (``evidence-ignored``), or not in git while the case file is (``evidence-uncommitted``).

    One ``git ls-files`` for the whole workspace, run only when cases name existing evidence files
    and the workspace is inside a git repository. An untracked evidence file of a case that is
    itself not committed yet is no finding: the two are committed together.
    """
    from nitet.storage.gitops import evidence_tracking, ignore_rules

    root = loaded.ws.root
    named: list[tuple[str, int, int, str]] = []
    for e in loaded.of("case"):
        for i, entry in enumerate(e.data.get("steps", [])):
            for j, path in enumerate(entry.get("evidence", [])):
                p = str(path)
                if p and not p.startswith("/") and ".." not in p.split("/") and (root / p).is_file():
                    named.append((e.path, i, j, p))
    if not named:
        return []
    tracked = evidence_tracking(root, {p for *_, p in named} | {case for case, *_ in named})
    if tracked is None:
        return []
    out: list[Problem] = []
    rules = ignore_rules(root, sorted({p for *_, p in named if p not in tracked}))
    for case, i, j, p in named:
        if p not in tracked:
            src, line, pattern = rules.get(p, (".gitignore", 0, ""))
            out.append(Problem(
                case, ("steps", i, "evidence", j), "evidence-ignored",
                t("ไฟล์หลักฐาน {p} ถูกละไว้โดย {s} ({r}) จึงไม่ขึ้น git: เพื่อนร่วมทีมที่ clone ไปจะไม่พบไฟล์นี้",
                  "evidence file {p} is ignored by {s} ({r}), so it never reaches git: a colleague's clone "
                  "will not have it", p=p, s=f"{src}:{line}" if line else src, r=pattern or "?"),
                _ignored_hint(p, src), WARNING))
        elif not tracked[p] and tracked.get(case):
            out.append(Problem(
                case, ("steps", i, "evidence", j), "evidence-uncommitted",
                t("ไฟล์หลักฐาน {p} ยังไม่อยู่ใน git แต่ไฟล์งานนี้อยู่แล้ว: เพื่อนร่วมทีมที่ clone ไปจะไม่พบไฟล์นี้",
                  "evidence file {p} is not in git but this case file is: a colleague's clone will not have it",
                  p=p),
                t("git add {p} แล้ว commit (หรือใช้ --commit กับ nitet flow advance ซึ่ง commit หลักฐานไปด้วย)",
                  "git add {p} and commit (or use --commit with nitet flow advance, which commits the evidence too)",
                  p=p), WARNING))
    return out


def _ignored_hint(p: str, src: str) -> str:
    """What to do about an ignored evidence file, depending on which ignore file says so."""
    if src == ".gitignore":  # the workspace's own
        return t("เพิ่มบรรทัด !/evidence/** ท้าย .gitignore (พื้นที่ทำงานจาก nitet รุ่นก่อนละไฟล์ *.xlsx ทุกที่) "
                 "หรือใช้ git add -f {p} แล้ว commit",
                 "add the line !/evidence/** at the end of .gitignore (workspaces made by older nitet ignore "
                 "every *.xlsx), or git add -f {p}, then commit", p=p)
    if not src.startswith("/") and ":" not in src[:3]:  # an ignore file inside the workspace
        return t("แก้ {s} ไม่ให้ละไฟล์นี้ หรือใช้ git add -f {p} แล้ว commit",
                 "change {s} so that it does not ignore this file, or git add -f {p}, then commit", s=src, p=p)
    return t("กฎนี้อยู่นอกพื้นที่ทำงาน ({s}): พื้นที่ทำงานอยู่ในคลัง git ของโฟลเดอร์อื่นที่ละไฟล์นี้ — ให้พื้นที่ทำงานเป็นคลังของตนเอง "
             "(git init ในโฟลเดอร์พื้นที่ทำงาน) หรือแก้ไฟล์นั้น",
             "the rule is outside the workspace ({s}): the workspace sits in another folder's git repository, "
             "which ignores it — make the workspace a repository of its own (git init in it) or change that file",
             s=src)
