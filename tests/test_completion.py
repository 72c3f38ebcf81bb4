"""Shell completion through the shells' own protocol: what a Tab shows in bash, zsh and fish.

Each test runs ``nitet`` the way the installed completion script does — the environment variables
``_NITET_COMPLETE=complete_<shell>`` and ``COMP_WORDS``/``COMP_CWORD`` (bash) or
``_TYPER_COMPLETE_ARGS`` (zsh, fish) — in a subprocess, and reads what the shell would get:
school codes with names (a part of a name, an SMIS or OBEC code finds them), case ids with
titles, workflow and plan ids, command and option names. Where bash, zsh or fish is installed, the
script that ``nitet --show-completion`` prints is loaded into the real shell too (zsh: an
interactive shell with compinit on a pseudo-terminal, a real Tab).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nitet.cli.completion import complete_case, complete_school
from nitet.model import Case, Plan, School
from nitet.storage import ids
from nitet.storage.workspace import open_workspace
from nitet.storage.writer import create

BIN = str(Path(sys.executable).parent)


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One command table for the session (built on the first Tab), away from the user's cache."""
    return str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def filled(ws: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    w = open_workspace(ws)
    for code, name, smis, obec in (("1063020130", "โรงเรียนบ้านแม่ละเมา", "63020130", "020130"),
                                   ("1063020131", "โรงเรียนบ้านห้วยไร่", None, None),
                                   ("1063020140", "โรงเรียนบ้านห้วยนกแล", None, None),
                                   ("1063990001", "โรงเรียนอุ้มผางวิทยาคม", "63990001", None)):
        data = {"code": code, "name": name, "smis": smis, "obec": obec}
        create(w, ids.school_path(w, code), School, {k: v for k, v in data.items() if v})
    create(w, ids.case_path(w, "area-supervision", 2569, "aaa111"), Case, {
        "id": "area-supervision-2569-aaa111", "workflow": "area-supervision", "title": "นิเทศบูรณาการ ปี 2569",
        "fiscal_year": 2569, "started": "2025-10-15"})
    create(w, ids.case_path(w, "krs-report", 2569, "bbb222"), Case, {
        "id": "krs-report-2569-bbb222", "workflow": "krs-report", "title": "รายงาน KRS", "fiscal_year": 2569,
        "started": "2025-10-01", "status": "done", "finished": "2025-12-31"})
    create(w, ids.plan_path(w, "dltv-2569"), Plan, {"id": "dltv-2569", "fiscal_year": 2569,
                                                     "title": "โครงการนิเทศ DLTV"})
    monkeypatch.chdir(ws)
    return ws


def _env(cache_home: str, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NITET_LANG", "COMP_WORDS", "COMP_CWORD")}
    return {**env, "XDG_CACHE_HOME": cache_home, "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}", **more}


def bash(line: str, cwd: Path, cache_home: str) -> list[str]:
    """What typer's bash script gets for ``line`` (the cursor at its end)."""
    words = line.split()
    cword = len(words) - (0 if line.endswith(" ") else 1)
    r = subprocess.run([sys.executable, "-m", "nitet"], cwd=cwd, capture_output=True, text=True, timeout=120,
                       env=_env(cache_home, _NITET_COMPLETE="complete_bash", COMP_WORDS=line, COMP_CWORD=str(cword)))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return [x for x in r.stdout.split("\n") if x]


def zsh(line: str, cwd: Path, cache_home: str) -> str:
    r = subprocess.run([sys.executable, "-m", "nitet"], cwd=cwd, capture_output=True, text=True, timeout=120,
                       env=_env(cache_home, _NITET_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=line))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout


def fish(line: str, cwd: Path, cache_home: str, action: str = "get-args") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nitet"], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=_env(cache_home, _NITET_COMPLETE="complete_fish", _TYPER_COMPLETE_ARGS=line,
                                   _TYPER_COMPLETE_FISH_ACTION=action))


def test_bash_offers_school_codes_with_names(filled: Path, cache_home: str) -> None:
    assert bash("nitet visit add --school 106302", filled, cache_home) == [
        "1063020130  โรงเรียนบ้านแม่ละเมา", "1063020131  โรงเรียนบ้านห้วยไร่", "1063020140  โรงเรียนบ้านห้วยนกแล"]
    # one school left: the code alone, as bash inserts it
    assert bash("nitet visit add --school 10639", filled, cache_home) == ["1063990001"]


def test_bash_finds_schools_by_any_part_of_the_name_and_by_smis_or_obec(filled: Path, cache_home: str) -> None:
    # several found by a name: a first line that keeps what was typed (bash would otherwise put
    # the codes' common beginning in its place), then each code with its name
    assert bash("nitet school show ห้วย", filled, cache_home) == [
        "(2 รายการที่ตรงกับ ห้วย)", "1063020131  โรงเรียนบ้านห้วยไร่", "1063020140  โรงเรียนบ้านห้วยนกแล"]
    assert bash("nitet school show นกแล", filled, cache_home) == ["1063020140"]
    assert len(bash("nitet school show โรง", filled, cache_home)) == 1 + 4
    assert bash("nitet visit add --school 6399", filled, cache_home) == ["1063990001"]
    assert bash("nitet visit add --school 63", filled, cache_home) == [
        "(2 รายการที่ตรงกับ 63)", "1063020130  โรงเรียนบ้านแม่ละเมา (63020130)",
        "1063990001  โรงเรียนอุ้มผางวิทยาคม (63990001)"]
    assert bash("nitet visit add --school 0201", filled, cache_home) == ["1063020130"]  # OBEC 020130
    assert bash("nitet visit add --school 999", filled, cache_home) == []


def test_case_workflow_and_plan_ids_come_with_titles(filled: Path, cache_home: str) -> None:
    assert bash("nitet flow advance ", filled, cache_home) == [
        "area-supervision-2569-aaa111  นิเทศบูรณาการ ปี 2569", "krs-report-2569-bbb222  รายงาน KRS (ดำเนินการแล้วเสร็จ)"]
    assert bash("nitet flow advance บูรณาการ", filled, cache_home) == ["area-supervision-2569-aaa111"]
    assert bash("nitet flow advance Krs", filled, cache_home) == ["krs-report-2569-bbb222"]  # letter case aside
    assert bash("nitet --lang en flow advance ", filled, cache_home) == [
        "area-supervision-2569-aaa111  นิเทศบูรณาการ ปี 2569", "krs-report-2569-bbb222  รายงาน KRS (done)"]
    assert bash("nitet visit add --case kr", filled, cache_home) == ["krs-report-2569-bbb222"]
    assert bash("nitet plan result --plan ", filled, cache_home) == ["dltv-2569"]
    started = bash("nitet flow start media", filled, cache_home)
    assert [x.split()[0] for x in started] == ["media-innovation", "media-research"]
    assert "งานวิจัยเพื่อพัฒนาสื่อ" in started[1]


def test_commands_and_options_complete_and_minus_c_counts_anywhere(filled: Path, tmp_path: Path,
                                                                   cache_home: str) -> None:
    assert bash("nitet vi", filled, cache_home) == ["visit"]
    assert bash("nitet report ", filled, cache_home)[:3] == ["krs", "visits", "screening"]
    assert bash("nitet visit add --sc", filled, cache_home) == ["--school"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert bash(f"nitet -C {filled} school show 106302013", elsewhere, cache_home) == [
        "1063020130  โรงเรียนบ้านแม่ละเมา", "1063020131  โรงเรียนบ้านห้วยไร่"]
    assert bash(f"nitet school show -C {filled} 1063020", elsewhere, cache_home)[0].startswith("1063020130")
    assert bash("nitet school show 106", elsewhere, cache_home) == []  # no workspace: nothing, quietly


def test_zsh_shows_names_beside_codes_and_keeps_name_matches(filled: Path, cache_home: str) -> None:
    out = zsh("nitet visit add --school ห้วย", filled, cache_home)
    assert out.startswith("local -a _nitet_v _nitet_d;") and "compadd -U" in out
    assert "'1063020131'" in out and "'1063020131  โรงเรียนบ้านห้วยไร่'" in out
    assert "1063020130" not in out and out.strip().endswith("compstate[insert]=menu")  # a menu, not a prefix
    commands = zsh("nitet report ", filled, cache_home)
    assert commands.startswith("_arguments '*: :((") and '"krs":"' in commands
    assert zsh("nitet fmt ", filled, cache_home).strip() == "_files"


def test_fish_gets_codes_with_names_and_knows_when_to_offer_files(filled: Path, cache_home: str) -> None:
    r = fish("nitet visit add --school ห้วย", filled, cache_home)
    assert r.returncode == 0
    assert r.stdout.split("\n")[:2] == ["1063020131\tโรงเรียนบ้านห้วยไร่", "1063020140\tโรงเรียนบ้านห้วยนกแล"]
    assert fish("nitet visit add --school ห้วย", filled, cache_home, "is-args").returncode == 0
    assert fish("nitet fmt ", filled, cache_home, "is-args").returncode == 1  # fish completes file names


def test_the_index_follows_the_records_and_a_broken_file_is_left_out(filled: Path, cache_home: str) -> None:
    assert bash("nitet school show 10639", filled, cache_home) == ["1063990001"]
    (filled / "records/schools/1063990002.yaml").write_text(
        "code: '1063990002'\nname: โรงเรียนใหม่\n", encoding="utf-8")
    (filled / "records/schools/broken.yaml").write_text("code: [\n", encoding="utf-8")
    assert bash("nitet school show 10639", filled, cache_home) == [
        "1063990001  โรงเรียนอุ้มผางวิทยาคม", "1063990002  โรงเรียนใหม่"]
    (filled / "records/schools/1063990002.yaml").unlink()
    assert bash("nitet school show 10639", filled, cache_home) == ["1063990001"]


def test_english_help_and_titles_in_english_workspaces(filled: Path, cache_home: str) -> None:
    out = bash("nitet --lang en flow advance kr", filled, cache_home)
    assert out == ["krs-report-2569-bbb222"]
    r = subprocess.run([sys.executable, "-m", "nitet"], cwd=filled, capture_output=True, text=True, timeout=120,
                       env=_env(cache_home, NITET_LANG="en", _NITET_COMPLETE="complete_fish",
                                _TYPER_COMPLETE_ARGS="nitet report ", _TYPER_COMPLETE_FISH_ACTION="get-args"))
    assert "krs\t" in r.stdout and "รายงาน" not in r.stdout


def test_a_tab_imports_neither_typer_nor_pydantic(filled: Path, cache_home: str) -> None:
    """What keeps a Tab fast (a few tens of milliseconds, docs/daily.md): nothing heavy loads."""
    bash("nitet visit add --school 106", filled, cache_home)  # the command table is built once
    code = ("import sys; from nitet.cli import main; main(); "
            "print(sorted(m for m in ('typer', 'pydantic', 'rich', 'yaml') if m in sys.modules), file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], cwd=filled, capture_output=True, text=True, timeout=120,
                       env=_env(cache_home, _NITET_COMPLETE="complete_bash",
                                COMP_WORDS="nitet visit add --school ห้วย", COMP_CWORD="4"))
    assert r.stderr.strip() == "[]", r.stderr
    assert r.stdout.split("\n")[1].startswith("1063020131")


def test_the_functions_typer_calls_give_the_same_answers(filled: Path) -> None:
    assert complete_school("ห้วย") == [("1063020131", "โรงเรียนบ้านห้วยไร่"), ("1063020140", "โรงเรียนบ้านห้วยนกแล")]
    assert complete_case("krs") == [("krs-report-2569-bbb222", "รายงาน KRS (ดำเนินการแล้วเสร็จ)")]


# --------------------------------------------------------------------------- the real shells


def _script(shell: str, cache_home: str) -> str:
    r = subprocess.run([sys.executable, "-m", "nitet", "--show-completion"], capture_output=True, text=True,
                       timeout=120, env=_env(cache_home, NITET_SHELL=shell))
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_itself_fills_compreply_from_the_installed_script(filled: Path, tmp_path: Path, cache_home: str) -> None:
    script = tmp_path / "nitet.bash"
    script.write_text(_script("bash", cache_home), encoding="utf-8")
    driver = (f"source {script}\nCOMP_WORDS=(nitet school show ห้วย)\nCOMP_CWORD=3\n"
              "_nitet_completion nitet\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    r = subprocess.run(["bash", "--norc", "--noprofile", "-c", driver], cwd=filled, capture_output=True, text=True,
                       timeout=120, env=_env(cache_home))
    assert r.stdout.split("\n")[:3] == ["(2 รายการที่ตรงกับ ห้วย)", "1063020131  โรงเรียนบ้านห้วยไร่",
                                         "1063020140  โรงเรียนบ้านห้วยนกแล"], r.stderr


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_itself_completes_from_the_installed_script(filled: Path, tmp_path: Path, cache_home: str) -> None:
    script = tmp_path / "nitet.fish"
    script.write_text(_script("fish", cache_home), encoding="utf-8")
    r = subprocess.run(["fish", "--no-config", "-c", f"source {script}; complete -C 'nitet school show ห้วยน'"],
                       cwd=filled, capture_output=True, text=True, timeout=120, env=_env(cache_home))
    assert r.stdout.strip() == "1063020140\tโรงเรียนบ้านห้วยนกแล", r.stderr


_ZSH_DRIVER = r"""
zmodload zsh/zpty
zpty -b z "zsh -f -i"
zpty -w z "PS1='> '; autoload -U compinit; compinit -u -D; source $1; nitet() { print -r -- \"RAN\"\":\$*\" }"
zpty -w -n z "$2"$'\t'
sleep 2
zpty -w -n z $'\r'
out=''
for i in {1..300}; do
  while zpty -r -t z line; do out+="$line"; done
  [[ $out == *RAN:* ]] && break
  sleep 0.1
done
print -r -- "$out"
zpty -d z
"""


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_itself_completes_from_the_installed_script(filled: Path, tmp_path: Path, cache_home: str) -> None:
    """An interactive zsh (compinit, the script ``--show-completion`` prints) on a pseudo-terminal:
    Tab after a part of a name, then Enter; a shell function ``nitet`` shows what the line became."""
    if subprocess.run(["zsh", "-fc", "zmodload zsh/zpty"], capture_output=True, timeout=60).returncode != 0:
        pytest.skip("zsh has no zpty module: no pseudo-terminal to press Tab in")
    script = tmp_path / "_nitet"
    script.write_text(_script("zsh", cache_home), encoding="utf-8")
    driver = tmp_path / "drive.zsh"
    driver.write_text(_ZSH_DRIVER, encoding="utf-8")

    def tab(line: str) -> str:
        r = subprocess.run(["zsh", "-f", str(driver), str(script), line], cwd=filled, capture_output=True,
                           timeout=120, env=_env(cache_home))
        return r.stdout.decode("utf-8", "replace")

    assert "RAN:school show 1063020140" in tab("nitet school show นกแล")  # one school: its code
    shown = tab("nitet school show ห้วย")  # two: a menu of codes with names, the first put in
    assert "1063020131 โรงเรียนบ้านห้วยไร่" in shown and "1063020140 โรงเรียนบ้านห้วยนกแล" in shown, shown
    assert "RAN:school show 1063020131" in shown
    assert "RAN:visit add --school 1063990001" in tab("nitet visit add --school 6399")  # by SMIS
