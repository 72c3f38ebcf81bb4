"""Target-school lists: every school registered, each once; one list per project and fiscal year;
the file named after its project and year (``dltv-2569.yaml``) so two years never share an id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nitet.core.findings import WARNING, Problem
from nitet.core.i18n import t

if TYPE_CHECKING:
    from nitet.storage.loaded import Loaded


def target_lists(loaded: Loaded) -> list[Problem]:
    lists = loaded.of("target")
    if not lists:
        return []
    schools = loaded.index("school")
    broken = loaded.known("school")
    aliases: dict[str, str] = {}
    for e in schools.values():
        for k in ("smis", "obec", "name"):
            if e.data.get(k):
                aliases.setdefault(str(e.data[k]), e.id)
    projects = set(loaded.ws.config.projects) | loaded.known("plan")
    seen: dict[tuple[int, str], str] = {}
    out: list[Problem] = []
    for e in lists:
        fy, project = e.data.get("fiscal_year"), str(e.data.get("project", ""))
        expected = f"{project}-{fy}"
        if e.id != expected:
            out.append(Problem(
                e.path, ("project",), "target-name",
                t("รายชื่อโรงเรียนกลุ่มเป้าหมายของโครงการ {p} ปีงบประมาณ {y} ควรอยู่ในไฟล์ {x}.yaml",
                  "the target list of project {p}, fiscal year {y}, belongs in the file {x}.yaml", p=project, y=fy,
                  x=expected),
                t("เปลี่ยนชื่อไฟล์เป็น records/targets/{y}/{x}.yaml (รหัสของรายชื่อคือชื่อไฟล์)",
                  "rename it to records/targets/{y}/{x}.yaml (the file name is the list's id)", y=fy, x=expected),
                WARNING))
        other = seen.setdefault((int(fy or 0), project), e.path)
        if other != e.path:
            out.append(Problem(
                e.path, ("project",), "target-duplicate",
                t("มีรายชื่อโรงเรียนกลุ่มเป้าหมายของโครงการ {p} ปีงบประมาณ {y} แล้วใน {o}",
                  "{o} already lists the target schools of project {p}, fiscal year {y}", p=project, y=fy, o=other),
                t("รวมรายชื่อไว้ในไฟล์เดียวแล้วลบไฟล์นี้", "merge the two lists into one file and delete this one")))
        if project and project not in projects:
            out.append(Problem(
                e.path, ("project",), "unknown-project",
                t("ไม่รู้จักโครงการ '{p}'", "unknown project '{p}'", p=project),
                t("ใช้รหัสโครงการเดียวกับ project ของบันทึกการนิเทศ (projects ใน nitet.yaml หรือรหัสโครงการในแผน)",
                  "use the project key visits use (projects in nitet.yaml or a plan id)"), WARNING))
        first: dict[str, int] = {}
        for i, code in enumerate(e.data.get("schools", [])):
            code = str(code)
            if code in first:
                out.append(Problem(
                    e.path, ("schools", i), "target-twice",
                    t("โรงเรียน {c} อยู่ในรายชื่อซ้ำ (ครั้งแรกรายการที่ {n})", "school {c} is listed twice (first as item {n})",
                      c=code, n=first[code] + 1),
                    t("ลบรายการที่ซ้ำ", "delete the repeated item"), WARNING))
                continue
            first[code] = i
            if code in schools or code in broken:
                continue
            key = aliases.get(code)
            if key:
                out.append(Problem(
                    e.path, ("schools", i), "school-ref",
                    t("'{r}' ตรงกับโรงเรียน {k} แต่รายชื่อต้องเก็บรหัสหลัก", "'{r}' matches school {k}, but lists store its key",
                      r=code, k=key),
                    t("เปลี่ยนเป็น '{k}'", "write '{k}'", k=key)))
            else:
                out.append(Problem(
                    e.path, ("schools", i), "unknown-school",
                    t("ไม่พบโรงเรียน '{r}' ในทะเบียน", "school '{r}' is not in the registry", r=code),
                    t("เพิ่มโรงเรียนด้วย 'nitet school add' หรือแก้รหัส (ดู 'nitet school list')",
                      "register it with 'nitet school add' or fix the code (see 'nitet school list')")))
    return out
