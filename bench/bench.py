"""``make bench``: nitet at 10,000 visits, measured against a floor taken in the same run.

The floor is what reading and parsing the same record files costs with libyaml and nothing
else (one process, ``yaml.load(..., Loader=CSafeLoader)``). Every target is a ratio to it, so
the numbers mean the same on a fast and a slow machine. Each command runs as a subprocess
several times; the table shows medians.

    python bench/bench.py [--runs 5] [--visits 10000] [--keep] [--strict]

``--keep`` reuses ./bench-workspace when it already holds the records (skips generation).
Exit status is 0 (information) unless ``--strict`` and a target fails.
Standard library + nitet only.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WS = ROOT / "bench-workspace"
PY = sys.executable
_SCRIPT = Path(PY).parent / "nitet"
NITET = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "nitet"]

FLOOR_CODE = """
import os, sys, yaml
from yaml import CSafeLoader
n = 0
for top in sys.argv[1:]:
    for d, _dirs, files in os.walk(top):
        for f in files:
            if f.endswith(".yaml") and not f.startswith("."):
                with open(os.path.join(d, f), "rb") as fh:
                    yaml.load(fh.read(), Loader=CSafeLoader)
                n += 1
print(n)
"""

STARTUP_CODE = """
import sys
import nitet.cli
heavy = sorted(m for m in ("openpyxl", "jinja2", "pythainlp") if m in sys.modules)
print(",".join(heavy))
"""

# --------------------------------------------------------------------------- data

DISTRICTS = ["แม่สอด", "พบพระ", "อุ้มผาง", "แม่ระมาด", "ท่าสองยาง"]
VILLAGES = ["แม่ละเมา", "ห้วยนกแล", "แม่กื๋ดหลวง", "ป่าไร่", "วาเล่ย์", "หนองบัว", "แม่ตาว", "ห้วยไม้แป้น",
            "ทีจอชี", "แม่จัน", "มอเกอ", "ขะเนจื้อ", "แม่ต้าน", "สามหมื่น", "ช่องแคบ", "รวมไทย"]
FIRST = ["สมชาย", "สมหญิง", "วิไลวรรณ", "ประเสริฐ", "อรุณี", "กมล", "นภา", "ธีรพงษ์", "สุดารัตน์", "ชัยวัฒน์"]
LAST = ["ใจดี", "แสงทอง", "บุญมา", "ศรีสุข", "คำแก้ว", "ทองดี", "วงศ์ใหญ่", "สายสุวรรณ"]
POSITIONS = ["ครู", "ครูผู้ช่วย", "ครู คศ.1", "ครู คศ.2", "ผู้อำนวยการโรงเรียน"]
SUBJECTS = ["ภาษาไทย", "คณิตศาสตร์", "วิทยาศาสตร์และเทคโนโลยี", "การงานอาชีพ", "ภาษาอังกฤษ"]
TOPICS = ["การจัดการเรียนรู้ผ่าน DLTV", "การอ่านออกเขียนได้", "การนิเทศภายใน", "การวัดและประเมินผล",
          "การใช้สื่อเทคโนโลยี", "PLC ในโรงเรียน", "การจัดการเรียนรู้เชิงรุก (Active Learning)"]
FINDINGS = [
    "ครูเตรียมการสอนล่วงหน้าตามคู่มือครู DLTV นักเรียนมีส่วนร่วมในกิจกรรม",
    "นักเรียนชั้น ป.1 ยังอ่านสะกดคำไม่คล่อง ครูใช้แบบฝึกเสริมทุกวัน",
    "ห้องเรียนมีอุปกรณ์รับสัญญาณครบ แต่โทรทัศน์ห้อง ป.3 ชำรุด",
    "โรงเรียนมีแผนนิเทศภายในชัดเจน\nดำเนินการตามปฏิทินทุกเดือน",
    "ครูบันทึกหลังสอนสม่ำเสมอ มีการสอนซ่อมเสริมเมื่อไฟฟ้าดับ",
]
SUGGESTIONS = [
    "ควรจัดกิจกรรมซ่อมเสริมการอ่านหลังเลิกเรียน",
    "ประสานเขตพื้นที่เพื่อซ่อมอุปกรณ์ DLTV",
    "ใช้กระบวนการ PLC สัปดาห์ละ ๑ ครั้ง เพื่อแลกเปลี่ยนเรียนรู้",
    "จัดทำสื่อบัตรคำและแบบฝึกเพิ่มเติม",
]
METHODS = ["observation", "coaching", "plc", "document-review", "meeting", "online"]
FY_START = date(2025, 10, 1)  # FY 2569


def school_codes(n: int) -> list[str]:
    return [f"106302{i:04d}" for i in range(1, n + 1)]


def school_rows(n: int, rng: random.Random) -> list[dict[str, object]]:
    out = []
    for i, code in enumerate(school_codes(n)):
        out.append({
            "code": code, "smis": f"6302{i + 1:04d}", "name": f"โรงเรียนบ้าน{VILLAGES[i % len(VILLAGES)]}{'' if i < 16 else f' {i}'}",
            "district": DISTRICTS[i % len(DISTRICTS)], "network": f"เครือข่าย{DISTRICTS[i % 5]} {i % 7 + 1}",
            "students": rng.randint(12, 900), "teachers": rng.randint(2, 40), "dltv": i % 3 == 0,
        })
    return out


def visit_rows(n: int, codes: list[str], rng: random.Random) -> list[dict[str, object]]:
    out = []
    seen: set[tuple[object, ...]] = set()  # one visit per (date, school, teacher, subject, grade)
    while len(out) < n:
        day = FY_START + timedelta(days=rng.randrange(365))
        project = rng.choice(["dltv", "reading", None])
        who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        school, subject, grade = rng.choice(codes), rng.choice(SUBJECTS), f"ป.{rng.randint(1, 6)}"
        if (day, school, who, subject, grade) in seen:
            continue
        seen.add((day, school, who, subject, grade))
        row: dict[str, object] = {
            "date": day, "school": school, "supervisors": ["นางสาวทดสอบ ระบบ"],
            "kind": "project-based" if project else "school-based",
            "methods": rng.sample(METHODS, rng.randint(1, 3)),
            "supervisees": [{"name": who, "position": rng.choice(POSITIONS),
                             "subject": subject, "grade": grade}],
            "topics": rng.sample(TOPICS, 2), "findings": rng.choice(FINDINGS),
            "suggestions": rng.choice(SUGGESTIONS),
        }
        if project:
            row["project"] = project
        if rng.random() < 0.3:
            row["follow_up"] = {"date": (day + timedelta(days=30)).isoformat(),
                                "action": "ติดตามผลการอ่านของนักเรียน"}
        out.append(row)
    return out


def plan_docs() -> list[dict[str, object]]:
    plans = []
    for pid, title, project in (
        ("dltv-2569", "โครงการนิเทศติดตามการจัดการศึกษาทางไกลผ่านดาวเทียม (DLTV)", "dltv"),
        ("reading-2569", "โครงการนิเทศติดตามการอ่านการเขียนตามนโยบาย สพฐ.", "reading"),
        ("supervision-2569", "โครงการนิเทศแบบบูรณาการโดยใช้พื้นที่เป็นฐาน", None),
    ):
        indicators: list[dict[str, object]] = [
            {"id": "schools", "title": "จำนวนโรงเรียนที่ได้รับการนิเทศ", "unit": "โรงเรียน", "target": 100,
             "source": "visits", **({"filter": {"project": project}} if project else {})},
            {"id": "satisfaction", "title": "ร้อยละของครูที่พึงพอใจ", "unit": "ร้อยละ", "target": 80,
             "source": "manual"},
        ]
        plans.append({
            "id": pid, "fiscal_year": 2569, "title": title, "budget": 40000,
            "activities": [{"id": "a1", "title": "นิเทศติดตามโรงเรียน", "quarters": [1, 2, 3], "budget": 30000},
                           {"id": "a2", "title": "สรุปและเผยแพร่ผล", "quarters": [4], "budget": 10000}],
            "indicators": indicators,
            "results": [{"quarter": 1, "spent": 12500, "activities": {"a1": "in_progress"},
                         "indicators": {"satisfaction": 85}, "problems": "ระยะทางไกล การเดินทางลำบาก",
                         "suggestions": "ใช้การนิเทศออนไลน์เสริม"}],
        })
    return plans


# --------------------------------------------------------------------------- generation


def _lock(where: Path) -> object:
    """One bench at a time per workspace folder (a second run waits): runs must not overlap."""
    import fcntl
    import hashlib
    import tempfile

    tag = hashlib.sha1(str(where).encode()).hexdigest()[:12]
    f = (Path(tempfile.gettempdir()) / f"nitet-bench-{tag}.lock").open("w")
    fcntl.flock(f, fcntl.LOCK_EX)
    return f


def _write_records(jobs: list[tuple[str, str, dict[str, object]]]) -> int:
    """(kind, path, data) → files through writer.render (the text nitet itself writes)."""
    from nitet.model import KINDS
    from nitet.storage.workspace import open_workspace
    from nitet.storage.writer import render

    ws = open_workspace(WS, strict=False)
    for kind, path_s, data in jobs:
        path = Path(path_s)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(ws, path, KINDS[kind], data), encoding="utf-8")
    return len(jobs)


def _write_parallel(jobs: list[tuple[str, str, dict[str, object]]]) -> None:
    import multiprocessing as mp

    parts = [jobs[i::2] for i in range(2)]
    try:
        with mp.get_context("fork").Pool(2) as pool:
            pool.map(_write_records, parts)
    except (OSError, ValueError):
        _write_records(jobs)


def import_works() -> bool:
    r = subprocess.run([*NITET, "import", "visits", "--help"], capture_output=True, text=True)
    return r.returncode == 0


CSV_HEADER = ["วันที่นิเทศ", "รหัสโรงเรียน", "ผู้นิเทศ", "ลักษณะการนิเทศ", "โครงการ", "วิธีการนิเทศ",
              "ผู้รับการนิเทศ", "ตำแหน่ง", "กลุ่มสาระการเรียนรู้", "ชั้น", "เรื่องที่นิเทศ", "ผลการนิเทศ",
              "ข้อเสนอแนะ", "วันที่ติดตามผล", "การติดตามผล"]


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    from nitet.core.thai import format_date

    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_HEADER)
        for r in rows:
            sv = r["supervisees"][0]  # type: ignore[index]
            fu: dict[str, str] = r.get("follow_up") or {}  # type: ignore[assignment]
            w.writerow([
                format_date(r["date"], "short"), r["school"], ", ".join(r["supervisors"]),  # type: ignore[arg-type]
                r["kind"], r.get("project", ""), ", ".join(r["methods"]),  # type: ignore[arg-type]
                sv["name"], sv["position"], sv["subject"], sv["grade"],
                ", ".join(r["topics"]), r["findings"], r["suggestions"],  # type: ignore[arg-type]
                fu.get("date", ""), fu.get("action", ""),
            ])


def generate(n_visits: int, n_schools: int, import_runs: int) -> tuple[str, float | None]:
    """Lay out the workspace; return how the visits got there and the median import time."""
    from nitet.domain.initialize import create_workspace
    from nitet.storage.ids import plan_path, school_path, visit_path
    from nitet.storage.workspace import open_workspace

    if WS.exists():
        if not (WS / "nitet.yaml").is_file():
            raise SystemExit(f"{WS} exists and is not a nitet workspace: not removing it")
        shutil.rmtree(WS)
    create_workspace(WS, office="สพป.ตาก เขต ๒", supervisor="นางสาวทดสอบ ระบบ")
    ws = open_workspace(WS, strict=False)
    rng = random.Random(2569)
    schools = school_rows(n_schools, rng)
    codes = [str(s["code"]) for s in schools]
    jobs: list[tuple[str, str, dict[str, object]]] = [
        ("school", str(school_path(ws, str(s["code"]))), s) for s in schools]
    jobs += [("plan", str(plan_path(ws, str(p["id"]))), p) for p in plan_docs()]
    _write_records(jobs)
    visits = visit_rows(n_visits, codes, rng)
    if import_works():
        csv_path = WS / "bench-visits.csv"  # in the workspace, outside records/: never a record
        write_csv(csv_path, visits)
        import tempfile

        scratch = Path(tempfile.mkdtemp(prefix="nitet-bench-import-"))
        spare = scratch / "ws"  # a copy without visits for the repeated imports
        shutil.copytree(WS, spare)
        times = []
        for target in [WS] + [spare] * (import_runs - 1):
            if target is spare and times:
                shutil.rmtree(spare / "records" / "visits", ignore_errors=True)
            t0 = time.perf_counter()
            r = subprocess.run([*NITET, "--no-input", "-C", str(target), "import", "visits", str(csv_path)],
                               capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            if r.returncode != 0:
                break
        shutil.rmtree(scratch, ignore_errors=True)
        if r.returncode == 0:
            return f"nitet import visits ({n_visits} CSV rows)", statistics.median(times)
        print(f"! nitet import visits failed (exit {r.returncode}); writing files directly instead:\n"
              f"  {(r.stderr or r.stdout).strip()[-600:]}")
        how = "writer.render (nitet import visits failed: see above)"
    else:
        how = "writer.render (nitet import visits not available yet)"
    vjobs = []
    for i, v in enumerate(visits):
        day = v["date"]
        assert isinstance(day, date)
        data = {**v, "date": day.isoformat()}
        path = visit_path(ws, day, str(v["school"]), token=f"{i:06x}")
        data["id"] = path.stem
        vjobs.append(("visit", str(path), data))
    _write_parallel(vjobs)
    return how, None


# --------------------------------------------------------------------------- measuring


def timed(cmd: list[str], before: Callable[[], None] | None = None,
          runs: int = 5, ok: tuple[int, ...] = (0,)) -> tuple[float | None, str]:
    """Median wall time of ``cmd`` over ``runs`` runs; None (and the error) if it fails."""
    times = []
    for _ in range(runs):
        if before:
            before()
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if r.returncode not in ok:
            return None, _why(r)
    return statistics.median(times), ""


def _why(r: subprocess.CompletedProcess[str]) -> str:
    """The first line of an error that says something (no rich box borders)."""
    for line in (r.stderr + r.stdout).splitlines():
        text = line.strip(" │╭╮╰╯─")
        if any(c.isalpha() for c in text) and not text.startswith(("Usage", "Try ")):
            return f"exit {r.returncode}: {text}"
    return f"exit {r.returncode}"


def set_workspace(path: Path) -> None:
    global WS
    WS = path


def drop_cache() -> None:
    (WS / ".nitet" / "records.cache").unlink(missing_ok=True)


def drop_fmt_cache() -> None:
    (WS / ".nitet" / "fmt.cache").unlink(missing_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--visits", type=int, default=10_000)
    ap.add_argument("--schools", type=int, default=300)
    ap.add_argument("--import-runs", type=int, default=3, help="imports of the CSV to take the median of")
    ap.add_argument("--keep", action="store_true", help="reuse ./bench-workspace if present")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    ap.add_argument("--workspace", type=Path, default=WS, help="where to generate (default ./bench-workspace)")
    args = ap.parse_args()
    set_workspace(args.workspace.resolve())
    lock = _lock(WS)  # noqa: F841 - held until exit
    sys.path.insert(0, str(ROOT / "src"))

    n_visit_files = sum(1 for _ in (WS / "records" / "visits").rglob("*.yaml")) if WS.exists() else 0
    import_time: float | None = None
    if args.keep and n_visit_files >= args.visits:
        how = f"reused ./bench-workspace ({n_visit_files} visit files)"
    else:
        t0 = time.perf_counter()
        how, import_time = generate(args.visits, args.schools, args.import_runs)
        print(f"generated {WS} in {time.perf_counter() - t0:.1f} s — visits via {how}")
    n = args.runs
    ws = ["-C", str(WS)]
    rows: list[tuple[str, float | None, float | None, float | None, str]] = []

    floor, err = timed([PY, "-c", FLOOR_CODE, str(WS / "records"), str(WS / "workflows")], runs=n)
    assert floor is not None, err
    rows.append(("floor: libyaml read+parse (1 process)", floor, 1.0, None, ""))

    def add(label: str, cmd: list[str], limit: float, base: float, before: Callable[[], None] | None = None,
            runs: int = n) -> None:
        med, error = timed(cmd, before, runs)
        if med is None:
            rows.append((label, None, None, limit, f"skipped: {error}"[:90]))
        else:
            rows.append((label, med, med / base, limit, ""))

    add("nitet check, cold (no cache)", [*NITET, *ws, "check"], 2.0, floor, before=drop_cache)
    # fmt --check on a fresh checkout (no fmt cache): well under check's first run (issue 13), so its
    # ratio is to that run, measured just before on the same files
    cold_check = rows[-1][1] or floor
    add("nitet fmt --check, cold, vs check cold", [*NITET, *ws, "fmt", "--check"], 0.8, cold_check,
        before=drop_fmt_cache)
    timed([*NITET, *ws, "check"], runs=1)  # leave a warm cache
    add("nitet check, warm (nothing changed)", [*NITET, *ws, "check"], 0.3, floor)
    add("nitet report krs --fy 2569 --quarter 1", [*NITET, *ws, "report", "krs", "--fy", "2569", "--quarter", "1"],
        1.0, floor)
    xlsx = WS / "bench-visits.xlsx"
    add("nitet report visits --fy 2569 --format xlsx",
        [*NITET, *ws, "report", "visits", "--fy", "2569", "--format", "xlsx", "-o", str(xlsx)], 2.5, floor)
    if import_time is not None:
        rows.append((f"nitet import visits ({args.visits} rows, {args.import_runs} runs)", import_time,
                     import_time / floor, 10.0, ""))
    else:
        why = "--keep: nothing imported" if args.keep and n_visit_files >= args.visits else \
            "not available (files written directly)"
        rows.append(("nitet import visits", None, None, 10.0, f"skipped: {why}"))

    bare, err = timed([PY, str(HERE / "bare_app.py"), "--help"], runs=n)
    assert bare is not None, err
    rows.append(("bare two-command typer app --help", bare, None, None, "yardstick for --help"))
    add("nitet --help", [*NITET, "--help"], 1.2, bare)

    r = subprocess.run([PY, "-c", STARTUP_CODE], capture_output=True, text=True)
    heavy = r.stdout.strip()

    print()
    print(f"{'measure (median of ' + str(n) + ' runs)':<48} {'seconds':>8} {'ratio':>7} {'target':>7}  result")
    print("-" * 84)
    failed = 0
    for label, sec, ratio, limit, note in rows:
        s = f"{sec:8.3f}" if sec is not None else f"{'-':>8}"
        rt = f"{ratio:6.2f}×" if ratio is not None else f"{'':>7}"
        tg = f"≤{limit:.1f}×" if limit is not None else ""
        if limit is None or ratio is None:
            verdict = note
        elif ratio <= limit:
            verdict = "PASS"
        else:
            verdict = "FAIL"
            failed += 1
        print(f"{label:<48} {s} {rt} {tg:>7}  {verdict}")
    verdict = "PASS" if r.returncode == 0 and not heavy else "FAIL"
    failed += verdict == "FAIL"
    print(f"{'import nitet.cli loads no openpyxl/jinja2/pythainlp':<74}  {verdict}"
          f"{'' if not heavy else ' (loaded: ' + heavy + ')'}")
    print(f"\nvisits: {how}; ratios of --help are to the bare typer app, of fmt --check to check's "
          "first run, all others to the floor.")
    return 1 if (failed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
