"""JSON Schemas of every record kind, generated from the models (draft-07).

What the models give pydantic (:mod:`nitet.model.values`: patterns with Thai digits, the CE-year
rule for dates, code lengths, described lists) is tidied for the editors supervisors use (VS Code
with the YAML extension, i.e. yaml-language-server): a Thai title and description on the record
and on every key, no ``default: null`` (an editor would insert ``${1:null}``), ``$ref`` wrapped
in ``allOf`` when it has neighbours (draft-07 readers ignore a ``$ref``'s neighbours), and
completion snippets (``defaultSnippets``) for a new record and each kind of list item. Strings in
a snippet start with ``^`` so the editor inserts them as written: quotes on codes included.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

DRAFT = "http://json-schema.org/draft-07/schema#"

#: A new record of each kind (the editor offers it in an empty file).
_RECORD_SNIPPETS: dict[str, dict[str, Any]] = {
    "school": {"code": "^'${1:1063020130}'", "name": "^${2:โรงเรียนบ้าน}", "district": "^${3:แม่สอด}",
               "network": "^${4}", "students": "^${5:0}", "dltv": "^${6:false}"},
    "visit": {"date": "^${1:2026-11-25}", "school": "^'${2:1063020130}'", "kind": "^${3:school-based}",
              "methods": ["^${4:observation}"],
              "supervisees": [{"name": "^${5}", "position": "^${6:ครู}", "subject": "^${7:ภาษาไทย}",
                               "grade": "^${8:ป.1}"}],
              "topics": ["^${9}"], "findings": "^${10}", "suggestions": "^${11}"},
    "case": {"workflow": "^${1:area-supervision}", "title": "^${2}", "fiscal_year": "^${3:2569}",
             "started": "^${4:2025-10-01}", "status": "^active"},
    "plan": {"fiscal_year": "^${1:2569}", "title": "^${2:โครงการ}", "owner": "^${3}", "budget": "^${4:0}",
             "activities": [{"id": "^a1", "title": "^${5:กิจกรรม}", "quarters": ["^${6:1}"]}],
             "indicators": [{"id": "^${7:schools}", "title": "^${8:ตัวชี้วัด}", "unit": "^${9:โรงเรียน}",
                             "target": "^${10:0}", "source": "^${11:manual}"}]},
    "screening": {"school": "^'${1:1063020130}'", "academic_year": "^${2:2568}", "semester": "^${3:1}",
                  "grade": "^${4:1}", "assessed": "^${5:0}",
                  "read_aloud": {"excellent": "^0", "good": "^0", "fair": "^0", "improve": "^0"}},
    "target": {"fiscal_year": "^${1:2569}", "project": "^${2:dltv}", "title": "^${3:โรงเรียนกลุ่มเป้าหมาย}",
               "schools": ["^'${4:1063020130}'"]},
    "workflow": {"id": "^${1:my-process}", "title": "^${2:ชื่อกระบวนงาน}", "source": "^added",
                 "steps": [{"id": "^'1'", "title": "^${3:ขั้นตอนแรก}"}]},
}

#: A new item of a list, by the item model's class name.
_ITEM_SNIPPETS: dict[str, tuple[str, dict[str, Any]]] = {
    "Supervisee": ("ผู้รับการนิเทศ", {"name": "^${1}", "position": "^${2:ครู}", "subject": "^${3:ภาษาไทย}",
                                      "grade": "^${4:ป.1}"}),
    "FollowUp": ("การติดตามผล", {"date": "^${1:2026-12-15}", "action": "^${2}"}),
    "CompletedStep": ("ขั้นตอนที่เสร็จ", {"step": "^'${1:1}'", "date": "^${2:2026-01-15}", "note": "^${3}"}),
    "Activity": ("กิจกรรม", {"id": "^${1:a1}", "title": "^${2}", "quarters": ["^${3:1}"], "budget": "^${4:0}"}),
    "Indicator": ("ตัวชี้วัด", {"id": "^${1}", "title": "^${2}", "unit": "^${3:โรงเรียน}", "target": "^${4:0}",
                                "source": "^${5:manual}"}),
    "QuarterResult": ("ผลรายไตรมาส", {"quarter": "^${1:1}", "spent": "^${2:0}", "problems": "^${3}",
                                        "suggestions": "^${4}"}),
    "Step": ("ขั้นตอน", {"id": "^'${1:1}'", "title": "^${2}"}),
}


def _schema_models() -> dict[str, type[BaseModel]]:
    from nitet.model import KINDS, Config

    models: dict[str, type[BaseModel]] = dict(KINDS)
    models["config"] = Config
    return models


def _no_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_no_nulls(v) for v in value]
    return value


def _tidy(node: Any, definitions: dict[str, Any]) -> Any:
    """Drop nulls and empty defaults; wrap a ``$ref`` that has neighbours (titled as its model)."""
    if isinstance(node, list):
        return [_tidy(x, definitions) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: (_no_nulls(v) if k == "default" else _tidy(v, definitions)) for k, v in node.items()}
    if "default" in out and out["default"] in (None, [], {}):
        del out["default"]
    if "$ref" in out and len(out) > 1:
        ref = out.pop("$ref")
        out["allOf"] = [{"$ref": ref}]
        target = definitions.get(ref.rsplit("/", 1)[-1], {})
        if "title" not in out and "title" in target:  # pydantic leaves out a title equal to the model's
            out["title"] = target["title"]
    return out


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    s = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = s.pop("$defs", {})
    title = getattr(model, "TITLE_TH", "") or s.get("title", "")
    out: dict[str, Any] = {"$schema": DRAFT, "title": title}
    description = getattr(model, "DESCRIPTION_TH", "")
    if description:
        out["description"] = description
    out.update({k: v for k, v in s.items() if k not in ("title", "description")})
    kind = getattr(model, "KIND", "")
    if kind in _RECORD_SNIPPETS:
        out["defaultSnippets"] = [{"label": title, "description": description, "body": _RECORD_SNIPPETS[kind]}]
    for name, d in definitions.items():
        if name in _ITEM_SNIPPETS:
            label, body = _ITEM_SNIPPETS[name]
            d["defaultSnippets"] = [{"label": label, "body": body}]
    if definitions:
        out["definitions"] = definitions
    return _tidy(out, definitions)  # type: ignore[no-any-return]


def render_all() -> dict[str, str]:
    """File name -> JSON text for schemas/."""
    return {
        f"{name}.schema.json": json.dumps(schema_of(m), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for name, m in _schema_models().items()
    }
