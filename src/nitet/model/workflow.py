"""Workflow (กระบวนงาน): a work process of the manual, as numbered steps.

Every part says where it comes from (``origin``): ``manual`` — the operations manual sets it — or
``added`` — nitet (or the office) added it; the manual gives no evidence, roles of processes 1–3 or
due dates, for instance. An origin left out is that of the part around it: evidence and a due date
take their step's, a step its parent step's, top-level steps and roles the workflow's ``source``.
Evidence is a suggestion (a missing piece is a warning) unless an item says ``required: true``.
Evidence and roles are written as plain text or as ``{title: ..., origin: ..., required: ...}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from nitet.model.base import Bool, NitetModel, Quarter, Record
from nitet.model.values import Choice, Whole

STEP_ID = re.compile(r"^[1-9][0-9]*(\.[1-9][0-9]*)*$")
Origin = Literal["manual", "added"]
ORIGIN_HELP = ("manual = ตามคู่มือ, added = nitet เพิ่ม (คู่มือไม่ได้กำหนด); "
               "ไม่ระบุ = ตามที่มาของส่วนที่ครอบอยู่ (ขั้นตอน หรือ source ของกระบวนงาน)")


def _titled(value: Any) -> Any:
    """A list item written as plain text is its title: ``แผนการนิเทศ`` = ``{title: แผนการนิเทศ}``."""
    if isinstance(value, list):
        return [{"title": v} if isinstance(v, str) else v for v in value]
    return value


ORIGIN_TH = {"manual": "ตามคู่มือการปฏิบัติงาน", "added": "nitet เพิ่ม (คู่มือไม่ได้กำหนด)"}
OriginChoice = Annotated[Origin, Choice(ORIGIN_TH)]


class Due(NitetModel):
    model_config = ConfigDict(title="กำหนดเสร็จ")

    quarter: Annotated[Quarter, Field(
        title="ไตรมาส", description="ครบกำหนดเมื่อสิ้นไตรมาสนี้ (1–4) ของปีงบประมาณของงาน")]
    days: Annotated[Annotated[int, Whole(0, 366)], Field(
        title="จำนวนวันหลังสิ้นไตรมาส", description="ครบกำหนดกี่วันหลังสิ้นไตรมาส (0 = วันสิ้นไตรมาส)")] = 0
    origin: Annotated[OriginChoice | None, Field(title="ที่มาของกำหนดเสร็จ", description=ORIGIN_HELP)] = None


class Evidence(NitetModel):
    model_config = ConfigDict(title="หลักฐาน")

    title: Annotated[str, Field(title="หลักฐาน", description="ชื่อเอกสาร/ผลงานที่เป็นหลักฐาน", min_length=1)]
    origin: Annotated[OriginChoice | None, Field(title="ที่มาของหลักฐาน", description=ORIGIN_HELP)] = None
    required: Annotated[Bool, Field(
        title="ต้องมี", description="true = ขั้นตอนบันทึกว่าเสร็จไม่ได้หากไม่มีหลักฐาน (เว้นแต่ระบุเหตุผลด้วย --force); "
                                   "false (ค่าเริ่มต้น) = หลักฐานที่แนะนำ ขาดแล้วเตือน")] = False


class Role(NitetModel):
    model_config = ConfigDict(title="บุคคล/หน่วยงานที่เกี่ยวข้อง")

    title: Annotated[str, Field(title="บุคคล/หน่วยงาน", description="ชื่อบุคคลหรือหน่วยงานตามคู่มือ", min_length=1)]
    origin: Annotated[OriginChoice | None, Field(title="ที่มา", description=ORIGIN_HELP)] = None


class Step(NitetModel):
    model_config = ConfigDict(title="ขั้นตอน")

    id: Annotated[str, Field(title="เลขขั้นตอน", description='เลขตามคู่มือ ในเครื่องหมายคำพูด เช่น "1", "2.1", "4.2.1"')]
    title: Annotated[str, Field(title="ชื่อขั้นตอน", description="ชื่อขั้นตอนตามคู่มือ", min_length=1)]
    origin: Annotated[OriginChoice | None, Field(title="ที่มา", description=ORIGIN_HELP)] = None
    evidence: Annotated[list[Evidence | str], BeforeValidator(_titled), Field(
        title="หลักฐาน", description="ข้อความ หรือ {title, origin, required}: หลักฐานที่แนะนำ (required: true = ต้องมี)")] = []
    due: Annotated[Due | None, Field(title="กำหนดเสร็จ", description="ครบกำหนดเมื่อใดของปีงบประมาณ")] = None
    steps: Annotated[list[Step], Field(title="ขั้นตอนย่อย", description="ขั้นตอนย่อย เช่น 2.1, 2.2")] = []
    parallel: Annotated[Bool, Field(
        title="ขั้นตอนย่อยดำเนินการคู่ขนาน",
        description="true = ขั้นตอนย่อยดำเนินการพร้อมกันได้ในลำดับใดก็ได้ ขั้นตอนนี้เสร็จเมื่อขั้นตอนย่อยเสร็จครบ; "
                    "false (ค่าเริ่มต้น) = ขั้นตอนย่อยทำตามลำดับ")] = False

    def evidence_items(self) -> list[Evidence]:
        """The step's evidence as items (plain text is read as ``{title: ...}``)."""
        return [e if isinstance(e, Evidence) else Evidence(title=e) for e in self.evidence]

    def required_evidence(self) -> list[Evidence]:
        return [e for e in self.evidence_items() if e.required]


class Workflow(Record):
    KIND: ClassVar[str] = "workflow"
    FOLDER: ClassVar[str] = "workflows"
    TITLE_TH: ClassVar[str] = "กระบวนงาน"
    DESCRIPTION_TH: ClassVar[str] = ("กระบวนงานหนึ่งตามคู่มือการปฏิบัติงาน: ลักษณะงาน กฎหมายระเบียบ ผู้เกี่ยวข้อง "
                                     "และขั้นตอนตามเลขในคู่มือ ไฟล์ workflows/<รหัส>.yaml")
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "title", "source", "nature", "references", "roles", "steps")

    id: Annotated[str, Field(title="รหัสกระบวนงาน", description="อักษรอังกฤษตัวเล็ก ตัวเลข และ - เท่ากับชื่อไฟล์",
                             pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Annotated[str, Field(title="ชื่อกระบวนงาน", description="ชื่อกระบวนงานตามคู่มือ", min_length=1)]
    source: Annotated[OriginChoice, Field(
        title="ที่มา", description="manual = กระบวนงานตามคู่มือ, added = nitet เพิ่ม; "
                                   "เป็นที่มาตั้งต้นของขั้นตอนและบุคคลที่ไม่ได้ระบุ origin")] = "manual"
    nature: Annotated[str | None, Field(title="ลักษณะงาน", description="ลักษณะงานตามคู่มือ")] = None
    references: Annotated[list[str], Field(
        title="กฎหมาย ระเบียบและเอกสารที่เกี่ยวข้อง", description="กฎหมาย ระเบียบ เอกสารอ้างอิง (คนละบรรทัด)")] = []
    roles: Annotated[list[Role | str], BeforeValidator(_titled), Field(
        title="บุคคล/หน่วยงานที่เกี่ยวข้อง", description="ข้อความ หรือ {title, origin}")] = []
    steps: Annotated[list[Step], Field(
        title="ขั้นตอนการปฏิบัติงาน", description="ขั้นตอนตามเลขในคู่มือ: 1, 2, 2.1 …", min_length=1)]

    @model_validator(mode="after")
    def _numbering(self) -> Workflow:
        seen: set[str] = set()

        def walk(steps: list[Step], parent: str, at: str) -> None:
            for i, s in enumerate(steps):
                here = f"{at}.{i}.id" if at else f"steps.{i}.id"
                if not STEP_ID.match(s.id):
                    raise PydanticCustomError(
                        "step_number", "step id {sid} is not a number like 1, 2.1 or 4.2.1",
                        {"sid": s.id, "at": here})
                if s.id in seen:
                    raise PydanticCustomError(
                        "duplicate_step", "step id {sid} appears twice", {"sid": s.id, "at": here})
                seen.add(s.id)
                if s.parallel and len(s.steps) < 2:
                    raise PydanticCustomError(
                        "parallel_without_strands",
                        "step {sid} is marked parallel but has fewer than two sub-steps to run side by side",
                        {"sid": s.id, "at": here[: -len(".id")] + ".parallel"})
                expected = f"{parent}.{i + 1}" if parent else str(i + 1)
                if s.id != expected:
                    raise PydanticCustomError(
                        "step_order", "step {sid} should be numbered {expected}",
                        {"sid": s.id, "expected": expected, "at": here})
                walk(s.steps, s.id, here[: -len(".id")] + ".steps")

        walk(self.steps, "", "")
        self._resolve_origins()
        return self

    def _resolve_origins(self) -> None:
        """Fill every origin left out with that of the part around it (see the module docstring)."""

        def rec(steps: list[Step], around: Origin) -> None:
            for s in steps:
                s.origin = s.origin or around
                s.evidence = [e.model_copy(update={"origin": e.origin or s.origin})
                              for e in s.evidence_items()]
                if s.due is not None and s.due.origin is None:
                    s.due.origin = s.origin
                rec(s.steps, s.origin)

        rec(self.steps, self.source)
        self.roles = [r.model_copy(update={"origin": r.origin or self.source}) for r in self.role_items()]

    def role_items(self) -> list[Role]:
        return [r if isinstance(r, Role) else Role(title=r) for r in self.roles]

    def walk(self) -> Iterator[tuple[Step, int]]:
        """Every step in manual order with its depth (0 = top level)."""

        def rec(steps: list[Step], depth: int) -> Iterator[tuple[Step, int]]:
            for s in steps:
                yield s, depth
                yield from rec(s.steps, depth + 1)

        return rec(self.steps, 0)

    def step(self, step_id: str) -> Step | None:
        return next((s for s, _ in self.walk() if s.id == step_id), None)

    def leaves(self) -> list[Step]:
        """Steps without sub-steps, in manual order: the ones a case completes one by one."""
        return [s for s, _ in self.walk() if not s.steps]

    def path(self, step_id: str) -> list[Step]:
        """The steps from the top level down to ``step_id`` (empty when there is no such step)."""

        def rec(steps: list[Step], trail: list[Step]) -> list[Step]:
            for s in steps:
                if s.id == step_id:
                    return [*trail, s]
                found = rec(s.steps, [*trail, s])
                if found:
                    return found
            return []

        return rec(self.steps, [])

    def open_leaves(self, complete: set[str] | frozenset[str]) -> list[str]:
        """The leaves that can be completed next, in manual order, given the leaves already complete.

        Steps run in sequence (the first step not complete is the one open) except under a step
        marked ``parallel``, whose sub-steps — strands — are all open at once until each is done.
        """

        def rec(steps: list[Step], parallel: bool) -> list[str]:
            out: list[str] = []
            for s in steps:
                here = ([s.id] if s.id not in complete else []) if not s.steps else rec(s.steps, s.parallel)
                out += here
                if here and not parallel:
                    break
            return out

        return rec(self.steps, False)

    def prerequisites(self, step_id: str) -> list[str]:
        """The leaves that must be complete before ``step_id`` can be: in a sequence every leaf of the
        steps before it, at each level down to it; strands of a ``parallel`` step wait for none of
        their siblings."""
        out: list[str] = []
        siblings, parallel = self.steps, False
        for s in self.path(step_id):
            if not parallel:
                for before in siblings[:siblings.index(s)]:
                    out += [x.id for x, _ in _walk([before]) if not x.steps]
            siblings, parallel = s.steps, s.parallel
        return out


def _walk(steps: list[Step]) -> Iterator[tuple[Step, int]]:
    for s in steps:
        yield s, 0
        yield from _walk(s.steps)
