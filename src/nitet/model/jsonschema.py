"""JSON Schemas of every record kind, generated from the models (draft-07 compatible)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

DRAFT = "http://json-schema.org/draft-07/schema#"


def _schema_models() -> dict[str, type[BaseModel]]:
    from nitet.model import KINDS, Config

    models: dict[str, type[BaseModel]] = dict(KINDS)
    models["config"] = Config
    return models


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    s = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    if "$defs" in s:
        s["definitions"] = s.pop("$defs")
    title = getattr(model, "TITLE_TH", "") or s.get("title", "")
    out: dict[str, Any] = {"$schema": DRAFT, "title": title}
    out.update({k: v for k, v in s.items() if k != "title"})
    return out


def render_all() -> dict[str, str]:
    """File name -> JSON text for schemas/."""
    return {
        f"{name}.schema.json": json.dumps(schema_of(m), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for name, m in _schema_models().items()
    }
