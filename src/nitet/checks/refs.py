"""Reference checks: every school, workflow, case, step and project named must exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded


def _school_aliases(loaded: Loaded) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for e in loaded.of("school"):
        for k in ("smis", "obec", "name"):
            v = e.data.get(k)
            if v:
                aliases.setdefault(str(v), e.id)
    return aliases


def school_refs(loaded: Loaded) -> list[Problem]:
    """A visit or screening names a registered school by its key."""
    schools = loaded.index("school")
    broken = loaded.known("school")  # a school file with an error reports it itself
    aliases: dict[str, str] | None = None
    out: list[Problem] = []
    for kind in ("visit", "screening"):
        for e in loaded.of(kind):
            ref = e.data.get("school")
            if ref in schools or ref in broken:
                continue
            if aliases is None:
                aliases = _school_aliases(loaded)
            key = aliases.get(str(ref))
            if key:
                out.append(Problem(
                    e.path, ("school",), "school-ref",
                    t("'{r}' ตรงกับโรงเรียน {k} แต่ระเบียนต้องเก็บรหัสหลัก", "'{r}' matches school {k}, but records store its key",
                      r=ref, k=key),
                    t("เปลี่ยนเป็น school: '{k}'", "write school: '{k}'", k=key)))
            else:
                out.append(Problem(
                    e.path, ("school",), "unknown-school",
                    t("ไม่พบโรงเรียน '{r}' ในทะเบียน", "school '{r}' is not in the registry", r=ref),
                    t("เพิ่มโรงเรียนด้วย 'nitet school add' หรือแก้รหัส (ดู 'nitet school list')",
                      "register it with 'nitet school add' or fix the code (see 'nitet school list')")))
    return out


def workflow_refs(loaded: Loaded) -> list[Problem]:
    """Cases and plans name known workflows."""
    workflows = loaded.index("workflow")
    known = loaded.known("workflow")
    out: list[Problem] = []
    for kind in ("case", "plan"):
        for e in loaded.of(kind):
            wf = e.data.get("workflow")
            if wf and wf not in workflows and wf not in known:
                out.append(Problem(
                    e.path, ("workflow",), "unknown-workflow",
                    t("ไม่พบกระบวนงาน '{w}'", "workflow '{w}' does not exist", w=wf),
                    t("ดูรหัสที่ใช้ได้ด้วย 'nitet flow list'", "see valid ids with 'nitet flow list'")))
    return out


def case_refs(loaded: Loaded) -> list[Problem]:
    """Steps of cases exist in their workflow; visits link to existing cases and steps."""
    workflows = {w.id: w for w in loaded.models("workflow")}
    cases = loaded.index("case")
    out: list[Problem] = []
    for e in loaded.of("case"):
        wf = workflows.get(e.data.get("workflow", ""))
        if wf is None:
            continue
        for i, s in enumerate(e.data.get("steps", [])):
            if wf.step(s.get("step", "")) is None:
                out.append(Problem(
                    e.path, ("steps", i, "step"), "unknown-step",
                    t("กระบวนงาน {w} ไม่มีขั้นตอน {s}", "workflow {w} has no step {s}", w=wf.id, s=s.get("step")),
                    t("ดูขั้นตอนด้วย 'nitet flow show {w}'", "see its steps with 'nitet flow show {w}'", w=wf.id)))
    for e in loaded.of("visit"):
        cid = e.data.get("case")
        if not cid:
            continue
        case = cases.get(cid)
        if case is None and cid in loaded.known("case"):
            continue  # the case file reports its own error
        if case is None:
            out.append(Problem(
                e.path, ("case",), "unknown-case",
                t("ไม่พบงาน '{c}'", "case '{c}' does not exist", c=cid),
                t("ดูรหัสงานด้วย 'nitet flow status'", "see case ids with 'nitet flow status'")))
            continue
        step = e.data.get("step")
        wf = workflows.get(case.data.get("workflow", ""))
        if step and wf is not None and wf.step(step) is None:
            out.append(Problem(
                e.path, ("step",), "unknown-step",
                t("กระบวนงาน {w} ไม่มีขั้นตอน {s}", "workflow {w} has no step {s}", w=wf.id, s=step),
                t("ดูขั้นตอนด้วย 'nitet flow show {w}'", "see its steps with 'nitet flow show {w}'", w=wf.id)))
    return out


def project_refs(loaded: Loaded) -> list[Problem]:
    """A visit's project is a project of nitet.yaml or a plan id (warning: it may be new)."""
    known = set(loaded.ws.config.projects) | loaded.known("plan")
    out: list[Problem] = []
    for e in loaded.of("visit"):
        p = e.data.get("project")
        if p and p not in known:
            out.append(Problem(
                e.path, ("project",), "unknown-project",
                t("ไม่รู้จักโครงการ '{p}'", "unknown project '{p}'", p=p),
                t("เพิ่มใน projects ของ nitet.yaml หรือใช้รหัสโครงการในแผน (records/plans/)",
                  "add it to projects in nitet.yaml or use a plan id (records/plans/)"),
                WARNING))
    return out
