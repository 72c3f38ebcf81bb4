"""Templates cannot run code (SPEC §4): every report template renders in a Jinja sandbox, and a
template that tries to reach Python (an attribute escape) fails with a clear message, nothing run."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner


@pytest.mark.parametrize("payload", [
    "{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
    "{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}",
    "{{{{ ''.__class__.__mro__[1].__subclasses__() }}}}{{{{ '{marker}' }}}}",
    "{{{{ r|attr('__class__') }}}}{{{{ '{marker}' }}}}",
])
def test_an_attribute_escape_fails_and_runs_nothing(run: Runner, ws: Path, tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "ran"
    (ws / "templates").mkdir(exist_ok=True)
    (ws / "templates" / "visits.md.j2").write_text("# รายงาน\n" + payload.format(marker=marker) + "\n", encoding="utf-8")
    out = tmp_path / "v.md"
    r = run("report", "visits", "--fy", "2569", "-o", str(out))
    assert r.exit_code == 2
    assert "แม่แบบ visits.md.j2:2 พยายามทำสิ่งที่ไม่อนุญาต" in r.stderr
    assert "ไม่ได้เรียกใช้สิ่งใด" in r.stderr and "git log -- templates/" in r.stderr
    assert "Traceback" not in r.stderr
    assert not marker.exists() and not out.exists()


def test_in_english_too(run: Runner, ws: Path) -> None:
    (ws / "templates").mkdir(exist_ok=True)
    (ws / "templates" / "krs.md.j2").write_text("{{ cycler.__init__.__globals__.os.system('id') }}\n", encoding="utf-8")
    (ws / "records/plans/p-2569.yaml").write_text("id: p-2569\nfiscal_year: 2569\ntitle: โครงการ\n", encoding="utf-8")
    r = run("report", "krs", "--fy", "2569", "--quarter", "1", lang="en")
    assert r.exit_code == 2
    assert "template krs.md.j2:1 tried something not allowed" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("body", ["{{ 'x' * 10**10 }}", "{{ 2 ** 100000000 }}",
                                  "{% for i in range(10**9) %}{% endfor %}"])
def test_a_template_cannot_exhaust_memory(run: Runner, ws: Path, body: str) -> None:
    (ws / "templates").mkdir(exist_ok=True)
    (ws / "templates" / "visits.md.j2").write_text(body + "\n", encoding="utf-8")
    r = run("report", "visits", "--fy", "2569")
    assert r.exit_code == 2 and "visits.md.j2" in r.stderr


def test_a_broken_template_names_its_line(run: Runner, ws: Path) -> None:
    (ws / "templates").mkdir(exist_ok=True)
    (ws / "templates" / "visits.md.j2").write_text("ok\n{{ r.no_such_thing }}\n", encoding="utf-8")
    r = run("report", "visits", "--fy", "2569")
    assert r.exit_code == 2 and "แม่แบบรายงาน visits.md.j2:2 ใช้ไม่ได้" in r.stderr


def test_the_environment_is_a_sandbox_for_docx_too(ws: Path) -> None:
    """The factory documents' docxtpl rendering passes as ``jinja_env`` (autoescape for XML)."""
    from jinja2.sandbox import SandboxedEnvironment

    from nitet.reports.render_md import environment
    from nitet.storage.workspace import open_workspace

    env = environment(open_workspace(ws), True, autoescape=True)
    assert isinstance(env, SandboxedEnvironment)
    assert env.from_string("{{ x }} {{ n|num }}").render(x="<ก&ข>", n=1234) == "&lt;ก&amp;ข&gt; ๑,๒๓๔"
