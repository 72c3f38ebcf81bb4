"""Workflow (กระบวนงาน): a work process of the manual, as numbered steps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from nitet.model.base import NitetModel, Record

STEP_ID = re.compile(r"^[1-9][0-9]*(\.[1-9][0-9]*)*$")


class Due(NitetModel):
    quarter: Annotated[int, Field(title="ไตรมาส", description="ครบกำหนดเมื่อสิ้นไตรมาสนี้ของปีงบประมาณของงาน", ge=1, le=4)]
    days: Annotated[int, Field(title="จำนวนวันหลังสิ้นไตรมาส", ge=0, le=366)] = 0


class Step(NitetModel):
    id: Annotated[str, Field(title="เลขขั้นตอน", description='เลขตามคู่มือ เช่น "1", "2.1", "4.2.1"')]
    title: Annotated[str, Field(title="ชื่อขั้นตอน", min_length=1)]
    origin: Annotated[Literal["manual", "added"], Field(
        title="ที่มา", description="manual = ตามคู่มือ, added = nitet เพิ่ม")] = "manual"
    evidence: Annotated[list[str], Field(title="หลักฐานที่ต้องมี")] = []
    due: Annotated[Due | None, Field(title="กำหนดเสร็จ")] = None
    steps: Annotated[list[Step], Field(title="ขั้นตอนย่อย")] = []
    parallel: Annotated[bool, Field(
        title="ขั้นตอนย่อยดำเนินการคู่ขนาน",
        description="true = ขั้นตอนย่อยดำเนินการพร้อมกันได้ในลำดับใดก็ได้ ขั้นตอนนี้เสร็จเมื่อขั้นตอนย่อยเสร็จครบ; "
                    "false (ค่าเริ่มต้น) = ขั้นตอนย่อยทำตามลำดับ")] = False


class Workflow(Record):
    KIND: ClassVar[str] = "workflow"
    FOLDER: ClassVar[str] = "workflows"
    TITLE_TH: ClassVar[str] = "กระบวนงาน"
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "id", "title", "source", "nature", "references", "roles", "steps")

    id: Annotated[str, Field(title="รหัสกระบวนงาน", pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Annotated[str, Field(title="ชื่อกระบวนงาน", min_length=1)]
    source: Annotated[Literal["manual", "added"], Field(title="ที่มา")] = "manual"
    nature: Annotated[str | None, Field(title="ลักษณะงาน")] = None
    references: Annotated[list[str], Field(title="กฎหมาย ระเบียบและเอกสารที่เกี่ยวข้อง")] = []
    roles: Annotated[list[str], Field(title="บุคคล/หน่วยงานที่เกี่ยวข้อง")] = []
    steps: Annotated[list[Step], Field(title="ขั้นตอนการปฏิบัติงาน", min_length=1)]

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
        return self

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
