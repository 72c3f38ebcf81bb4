"""Provenance: each step, evidence item, role and due date says whether the manual or nitet set it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nitet.storage.workspace import DEFAULTS_DIR

BUILT_IN = sorted(p.stem for p in (DEFAULTS_DIR / "workflows").glob("*.yaml"))


def workflow(name: str):  # noqa: ANN201
    from nitet.model import Workflow
    from nitet.storage.yamlfast import parse_fast

    return Workflow.model_validate(parse_fast((DEFAULTS_DIR / "workflows" / f"{name}.yaml").read_bytes()))


@pytest.mark.parametrize("name", BUILT_IN)
def test_the_manual_sets_no_evidence_and_no_due_date(name: str) -> None:
    wf = workflow(name)
    for step, _ in wf.walk():
        assert step.origin in ("manual", "added")
        for e in step.evidence_items():
            assert (e.origin, e.required) == ("added", False), (step.id, e.title)
        if step.due is not None:
            assert step.due.origin == "added", step.id


def test_roles_are_the_manuals_only_in_process_4() -> None:
    assert {r.origin for r in workflow("area-supervision").role_items()} == {"manual"}
    for name in ("media-innovation", "media-research", "career-teacher", "krs-report", "target-schools"):
        assert {r.origin for r in workflow(name).role_items()} == {"added"}, name


def test_an_origin_left_out_is_that_of_the_part_around_it() -> None:
    from nitet.model import Workflow

    wf = Workflow.model_validate({
        "id": "mine", "title": "x", "source": "added", "roles": ["ก", {"title": "ข", "origin": "manual"}],
        "steps": [{"id": "1", "title": "หนึ่ง", "origin": "manual", "evidence": ["แผน"], "due": {"quarter": 1},
                   "steps": [{"id": "1.1", "title": "ย่อย", "evidence": [{"title": "บันทึก", "origin": "added"}]}]},
                  {"id": "2", "title": "สอง"}]})
    assert [(r.title, r.origin) for r in wf.role_items()] == [("ก", "added"), ("ข", "manual")]
    one, sub, two = (s for s, _ in wf.walk())
    assert (one.origin, one.evidence_items()[0].origin, one.due.origin if one.due else None) == ("manual",) * 3
    assert (sub.origin, sub.evidence_items()[0].origin) == ("manual", "added")
    assert two.origin == "added"


def test_show_json_gives_each_part_its_origin(run) -> None:
    data = run("flow", "show", "area-supervision", "--json").json()
    step1 = data["steps"][0]
    assert step1["origin"] == "manual"
    assert step1["evidence"] == [{"title": "ข้อมูลสารสนเทศ", "origin": "added", "required": False}]
    assert data["roles"][0] == {"title": "ผู้บริหารระดับเขตพื้นที่การศึกษา", "origin": "manual"}


def test_an_older_workspace_workflow_with_plain_evidence_loads(ws: Path, run) -> None:
    """Workspaces made before keep their copy of workflows/: plain text evidence, roles and steps load."""
    (ws / "workflows/old.yaml").write_text(
        'id: old\ntitle: เก่า\nroles: [ศึกษานิเทศก์]\nsteps:\n  - id: "1"\n    title: หนึ่ง\n'
        '    evidence:\n      - แผน\n', encoding="utf-8")
    assert run("check").exit_code == 0
    show = run("flow", "show", "old").stdout
    assert "หลักฐานที่แนะนำ: แผน" in show and "[nitet เพิ่ม]" not in show
