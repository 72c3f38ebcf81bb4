"""Editor support: every record nitet writes names its schema; VS Code maps each folder to it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import make_runner
from nitet.model import KINDS, RECORD_KINDS
from nitet.storage import ids
from nitet.storage.workspace import open_workspace
from nitet.storage.writer import create, render

MINIMAL = {
    "school": ({"code": "1063020130", "name": "โรงเรียนบ้านทดสอบ"},
               lambda ws: ids.school_path(ws, "1063020130")),
    "visit": ({"id": "2025-11-25-1063020130-abc123", "date": "2025-11-25", "school": "1063020130"},
              lambda ws: ids.visit_path(ws, date(2025, 11, 25), "1063020130", "abc123")),
    "case": ({"id": "area-supervision-2569-abc123", "workflow": "area-supervision", "title": "นิเทศ",
              "fiscal_year": 2569, "started": "2025-11-01"},
             lambda ws: ids.case_path(ws, "area-supervision", 2569, "abc123")),
    "plan": ({"id": "dltv-2569", "fiscal_year": 2569, "title": "โครงการ DLTV"},
             lambda ws: ids.plan_path(ws, "dltv-2569")),
    "screening": ({"id": "1063020130-2568-2-p1", "school": "1063020130", "academic_year": 2568,
                   "semester": 2, "grade": 1, "assessed": 10},
                  lambda ws: ids.screening_path(ws, "1063020130", 2568, 2, 1)),
    "target": ({"id": "dltv-2569", "fiscal_year": 2569, "project": "dltv", "schools": ["1063020130"]},
               lambda ws: ids.target_path(ws, 2569, "dltv")),
}


def _schema_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("# yaml-language-server: $schema=")
    return (path.parent / first.split("$schema=", 1)[1]).resolve()


def test_every_record_kind_is_covered() -> None:
    assert set(MINIMAL) == {cls.KIND for cls in RECORD_KINDS.values()}


@pytest.mark.parametrize("kind", sorted(MINIMAL))
def test_every_record_nitet_writes_starts_with_its_schema(ws: Path, kind: str) -> None:
    w = open_workspace(ws)
    data, where = MINIMAL[kind]
    path = where(w)
    text = render(w, path, KINDS[kind], data)
    assert text.startswith("# yaml-language-server: $schema=")
    create(w, path, KINDS[kind], data)
    target = _schema_target(path)
    assert target == (ws / "schemas" / f"{kind}.schema.json").resolve()
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["title"] == KINDS[kind].TITLE_TH  # Thai hover text in the editor


def test_workflow_files_copied_by_init_name_their_schema(ws: Path) -> None:
    files = sorted((ws / "workflows").glob("*.yaml"))
    assert files
    for f in files:
        assert _schema_target(f) == (ws / "schemas" / "workflow.schema.json").resolve(), f.name


def test_init_maps_each_records_folder_to_its_schema_for_vscode(tmp_path: Path) -> None:
    r = make_runner(tmp_path)("init", "office", "--office", "สพป.ตาก เขต ๒")
    assert r.exit_code == 0, r.stderr
    root = tmp_path / "office"
    w = open_workspace(root)
    paths = {}
    for kind, (data, where) in MINIMAL.items():
        paths[kind] = where(w)
        create(w, paths[kind], KINDS[kind], data)
    paths["workflow"] = root / "workflows" / "area-supervision.yaml"
    paths["config"] = root / "nitet.yaml"
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema, globs in mapping.items():
        assert (root / schema).is_file(), schema
        kind = Path(schema).name.removesuffix(".schema.json")
        matched = {p.resolve() for g in globs for p in root.glob(g)}
        assert paths[kind].resolve() in matched, (kind, globs)
        others = {paths[k].resolve() for k in paths if k != kind}
        assert not (matched & others), (kind, globs)
    assert set(Path(s).name.removesuffix(".schema.json") for s in mapping) == set(paths)
