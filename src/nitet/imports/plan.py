"""Before anything is written: duplicates inside the import, then create / update / unchanged.

An existing record is compared only on the fields the sheet speaks for (its columns), so what
the supervisor added by hand (a follow-up marked done, a note) stays. A change is written as a
round-trip edit of the file: comments and key order are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nitet.core.i18n import t
from nitet.imports.mapping import Candidate, Context, Reject, RowError, validate
from nitet.imports.visits import same_visit
from nitet.model import Record, School, Visit
from nitet.storage.writer import ordered, put, schema_comment

#: Mapping fields of which a sheet owns only some keys (the rest are kept from the file).
PARTIAL = {"follow_up": {"date", "action"}}


@dataclass
class Change:
    action: str  # "create" | "update" | "unchanged"
    candidate: Candidate
    text: str | None = None
    fields: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.candidate.path


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    skipped: int = 0

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    def writes(self) -> list[Change]:
        return [c for c in self.changes if c.action != "unchanged"]


def dedupe(candidates: list[Candidate], rejects: list[Reject]) -> tuple[list[Candidate], int]:
    """The same record twice counts once (skipped); the same record with other data is rejected."""
    first: dict[Path, Candidate] = {}
    skipped = 0
    for c in candidates:
        seen = first.get(c.path)
        if seen is None:
            first[c.path] = c
        elif seen.identity() == c.identity():
            skipped += len(c.origins)
        else:
            for o in c.origins:
                rejects.append(Reject(o, t(
                    "ซ้ำกับ {w} (ระเบียนเดียวกัน: {p}) แต่ข้อมูลต่างกัน: ลบแถวใดแถวหนึ่ง",
                    "duplicates {w} (the same record: {p}) with different data: keep one of the rows",
                    w=seen.origins[0].where(), p=c.path.stem)))
    return list(first.values()), skipped


def make_plan(ctx: Context, candidates: list[Candidate], rejects: list[Reject], skipped: int = 0,
              render: Any = None) -> Plan:
    unique, dup = dedupe(candidates, rejects)
    plan = Plan(rejects=rejects, skipped=skipped + dup)
    by_path: dict[str, dict[str, Any]] = {}
    for kind in {c.model.KIND for c in unique}:
        for e in ctx.loaded.of(kind):
            by_path[e.path] = {"entry": e}
    for c in unique:
        rel = ctx.ws.rel(c.path)
        hit = by_path.get(rel)
        entry = hit["entry"] if hit else None
        if entry is None and c.model is School:
            entry = ctx.schools.by_key.get(c.data["code"])
            if entry is not None:
                c.path = ctx.ws.root / entry.path
        elif entry is None and c.model is Visit:
            entry = same_visit(ctx, c.data)
            if entry is not None:
                c.path = ctx.ws.root / entry.path
                c.data["id"] = entry.id
        try:
            if entry is None:
                if c.path.exists():
                    raise RowError(t(
                        "มีไฟล์ {p} อยู่แล้วแต่มีข้อผิดพลาด: แก้ตามที่ nitet check แจ้งก่อนนำเข้า",
                        "{p} exists but has problems: fix what nitet check reports, then import", p=rel))
                text = (render or render_new)(ctx, c)
                plan.changes.append(Change("create", c, text, sorted(c.data)))
            else:
                plan.changes.append(_compare(ctx, c, entry.data))
        except RowError as e:
            plan.rejects.extend(Reject(o, str(e)) for o in c.origins)
    return plan


def render_new(ctx: Context, c: Candidate) -> str:
    """The text of a new record (the same bytes ``writer.render`` gives; validated already)."""
    from nitet.storage.fastdump import dump

    key = (c.path.parent, c.model.KIND)
    head = _HEADS.get(key)
    if head is None:
        head = _HEADS[key] = schema_comment(ctx.ws, c.path, c.model.KIND)
    return head + dump(ordered(c.model, c.data))


_HEADS: dict[tuple[Path, str], str] = {}


def _merged(c: Candidate, old: dict[str, Any]) -> dict[str, Any]:
    merged = dict(old)
    for f in c.owned:
        new = c.data.get(f)
        keep = PARTIAL.get(f)
        if keep is not None and isinstance(old.get(f), dict):
            new = {**{k: v for k, v in old[f].items() if k not in keep}, **(new or {})}
        keys = c.owned_keys.get(f)
        if keys is not None and isinstance(new, list) and isinstance(old.get(f), list):
            before = {p.get("name"): p for p in old[f] if isinstance(p, dict)}
            new = [{**p, **{k: v for k, v in before.get(p.get("name"), {}).items() if k not in keys and k not in p}}
                   if isinstance(p, dict) else p for p in new]
        if new in (None, "", [], {}):
            merged.pop(f, None)
        else:
            merged[f] = new
    return merged


def _dump(model: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    try:
        return model.model_validate(data).model_dump(mode="json", exclude_none=True)
    except ValidationError:
        validate(model, data)  # raises RowError with the reason
        raise


def _compare(ctx: Context, c: Candidate, old: dict[str, Any]) -> Change:
    merged = _merged(c, old)
    new = _dump(c.model, merged)
    changed = [f for f in sorted(c.owned - c.quiet) if new.get(f) != old.get(f)]
    if not changed:
        return Change("unchanged", c)
    from nitet.storage.writer import _plain
    from nitet.storage.yamlrt import dump_rt, load_rt

    text = c.path.read_text(encoding="utf-8-sig")
    doc = load_rt(text)
    for f in [*changed, *sorted(c.quiet)]:
        if f in c.owned:
            put(doc, c.model, f, merged.get(f))
    validate(c.model, _plain(doc))
    out = dump_rt(doc)
    if text.startswith("# yaml-language-server") and not out.startswith("# yaml-language-server"):
        out = text.splitlines(keepends=True)[0] + out
    return Change("update", c, out, changed)
