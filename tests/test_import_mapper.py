"""The column mapper on a real terminal (a pty): nitet asks about the column it does not know,
the answer is used at once and saved, and the next sheet of that layout is read without asking."""

from __future__ import annotations

import codecs
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from nitet.storage.yamlfast import parse_fast
from test_import import SCHOOLS, csv_file, records, xlsx
from test_import_columns import form_rows

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")


def _controlling_terminal() -> None:
    """In the child: the pty is its terminal, so Ctrl-C typed there interrupts it (also when the
    tests run in the background, where a shell starts them with SIGINT ignored)."""
    import fcntl
    import signal
    import termios

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """``nitet`` in a pseudo-terminal: read what it shows, type answers."""

    def __init__(self, *args: str, cwd: Path) -> None:
        import pty

        self.fd, slave = pty.openpty()
        env = {**os.environ, "COLUMNS": "200", "LINES": "50", "TERM": "xterm"}
        env.pop("NITET_LANG", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "nitet", *args], stdin=slave, stdout=slave, stderr=slave,
                                     cwd=cwd, env=env, close_fds=True, start_new_session=True,
                                     preexec_fn=_controlling_terminal)
        os.close(slave)
        self.text = ""
        self._decode = codecs.getincrementaldecoder("utf-8")("replace")

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal
            data = b""
        if not data:
            return False
        self.text += self._decode.decode(data)
        return True

    def expect(self, pattern: str, limit: float = 120.0) -> re.Match[str]:
        """Wait for ``pattern`` in the output (a hang guard, not a timing: the limit is generous)."""
        end = time.monotonic() + limit
        while True:
            m = re.search(pattern, self.text)
            if m:
                return m
            if time.monotonic() > end or not self._read(min(1.0, max(end - time.monotonic(), 0.01))):
                raise AssertionError(f"never saw {pattern!r}; the terminal shows:\n{self.text[-3000:]}")

    def type(self, line: str) -> None:
        os.write(self.fd, (line + "\r").encode("utf-8"))

    def finish(self, limit: float = 120.0) -> int:
        end = time.monotonic() + limit
        while time.monotonic() < end and self._read(0.5):
            pass
        try:
            return self.proc.wait(timeout=max(end - time.monotonic(), 1))
        finally:
            os.close(self.fd)


@pytest.fixture
def schools(ws: Path, run: Any, tmp_path: Path) -> Path:
    assert run("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS))).exit_code == 0
    return ws


def test_the_mapper_asks_saves_and_the_next_sheet_uses_the_answer(schools: Path, run: Any, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "แบบนิเทศ (การตอบกลับ).xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]), title="การตอบแบบฟอร์ม 1")
    term = Terminal("-C", str(schools), "import", "visits", str(f), cwd=tmp_path)
    term.expect("คอลัมน์ในไฟล์ \\(หัวตารางแถว 1\\):")
    # each column with what nitet reads there and a sample value
    term.expect(r"F  ข้อค้นพบ / ผลการนิเทศ\s+→ ผลการนิเทศ\s+\(ครูใช้คำถามกระตุ้นการคิด\)")
    term.expect(r"I  ข้อสังเกตเพิ่มเติม\s+→ \?\s+\(ครูเตรียมสื่อเอง\)")
    note = term.expect(r"(\d+)\) หมายเหตุ \[note\]").group(1)
    assert "[findings]" not in term.text  # a field a column already feeds is not offered again
    term.expect("คอลัมน์ I “ข้อสังเกตเพิ่มเติม”: มีข้อมูล 2 แถว เช่น “ครูเตรียมสื่อเอง”")
    term.expect("เป็นฟิลด์ใด")
    term.type("99")  # not a field: asked again
    term.expect("ตอบหมายเลข 1 ถึง")
    term.type(note)
    term.expect("→ หมายเหตุ")
    term.expect("บันทึกการจับคู่คอลัมน์นี้ไว้ใช้กับไฟล์ที่มีหัวตารางแบบเดียวกันครั้งต่อไป\\?")
    term.type("y")
    term.expect(re.escape("ชื่อการจับคู่ (ชื่อไฟล์ใน imports/) [แบบนิเทศ-การตอบกลับ]"))
    term.type("")
    term.expect("บันทึกการจับคู่คอลัมน์ไว้ที่ imports/แบบนิเทศ-การตอบกลับ.yaml")
    term.expect("นำเข้าแล้ว: สร้างใหม่ 2")
    assert term.finish() == 0, term.text[-3000:]

    saved = schools / "imports" / "แบบนิเทศ-การตอบกลับ.yaml"
    data = parse_fast(saved.read_bytes())
    assert data == {
        "kind": "visits",
        "headers": ["ประทับเวลา", "ที่อยู่อีเมล", "ชื่อโรงเรียน", "วันที่นิเทศ", "วิธีการนิเทศ", "ข้อค้นพบ / ผลการนิเทศ",
                    "ข้อเสนอแนะ", "คะแนนความพึงพอใจ", "ข้อสังเกตเพิ่มเติม"],
        "columns": {"ประทับเวลา": "ignore", "ที่อยู่อีเมล": "ignore", "ชื่อโรงเรียน": "school_name",
                    "วันที่นิเทศ": "date", "วิธีการนิเทศ": "methods", "ข้อค้นพบ / ผลการนิเทศ": "findings",
                    "ข้อเสนอแนะ": "suggestions", "คะแนนความพึงพอใจ": "ignore", "ข้อสังเกตเพิ่มเติม": "note"}}
    assert saved.read_text(encoding="utf-8").startswith("# การจับคู่คอลัมน์สำหรับ nitet import visits")
    assert sorted(v.get("note") for v in records(schools, "visits").values()) == ["ครูเตรียมสื่อเอง", "ควรติดตามอีกครั้ง"]

    # next week's download of the same form: read with the saved mapping, nothing asked
    rows = form_rows(["ข้อสังเกตเพิ่มเติม"])
    rows[1][3], rows[2][3] = rows[1][3].replace(day=2), rows[2][3].replace(day=3)
    nxt = xlsx(tmp_path / "สัปดาห์ถัดไป.xlsx", rows)
    r = run("import", "visits", str(nxt), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["mappings"] == ["imports/แบบนิเทศ-การตอบกลับ.yaml"]
    assert "ใช้การจับคู่คอลัมน์ที่บันทึกไว้ imports/แบบนิเทศ-การตอบกลับ.yaml" in r.stderr
    assert len(records(schools, "visits")) == 4


def test_enter_leaves_the_column_out_and_ctrl_c_writes_nothing(schools: Path, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "form.xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]))
    term = Terminal("-C", str(schools), "import", "visits", str(f), "--dry-run", cwd=tmp_path)
    term.expect("เป็นฟิลด์ใด")
    term.type("")
    term.expect("→ ไม่ใช้")
    term.expect("บันทึกการจับคู่คอลัมน์นี้")
    term.type("n")
    term.expect("ทดลองนำเข้า \\(ไม่ได้เขียนไฟล์\\): สร้างใหม่ 2")
    assert term.finish() == 0
    assert not (schools / "imports").exists()

    term = Terminal("-C", str(schools), "import", "visits", str(f), cwd=tmp_path)
    term.expect("เป็นฟิลด์ใด")
    os.write(term.fd, b"\x03")  # Ctrl-C
    assert term.finish() == 130
    assert not records(schools, "visits") and not (schools / "imports").exists()


def test_the_saved_mapping_is_committed_with_the_import(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from conftest import make_runner
    from nitet.domain.initialize import create_workspace

    root = tmp_path / "ws"
    create_workspace(root, office="สพป.ตาก เขต ๒", supervisor="นางสาวทดสอบ ระบบ")
    for args in (["init", "-q"], ["config", "user.name", "ทดสอบ"], ["config", "user.email", "t@example.com"],
                 ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    assert make_runner(root)("import", "schools", str(csv_file(tmp_path / "s.csv", SCHOOLS)), "--commit").exit_code == 0
    f = xlsx(tmp_path / "form.xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]))
    term = Terminal("-C", str(root), "import", "visits", str(f), "--commit", cwd=tmp_path)
    term.expect("เป็นฟิลด์ใด")
    term.type("")
    term.expect("บันทึกการจับคู่คอลัมน์นี้")
    term.type("y")
    term.expect("ชื่อการจับคู่")
    term.type("แบบฟอร์มนิเทศ")
    assert term.finish() == 0, term.text[-3000:]
    tracked = subprocess.run(["git", "-c", "core.quotepath=false", "ls-files", "imports"], cwd=root,
                             capture_output=True, text=True).stdout
    assert tracked.splitlines() == ["imports/แบบฟอร์มนิเทศ.yaml"]


def test_a_sheet_with_no_header_nitet_knows_is_mapped_column_by_column(schools: Path, run: Any,
                                                                      tmp_path: Path) -> None:
    """Without a terminal such a file is refused ("no table header"); on one, nitet asks."""
    rows = [["วันไปนิเทศ", "ร.ร.", "สิ่งที่เห็น"], ["25/11/2569", "บ้านแม่ละเมา", "ครูใช้สื่อ"],
            ["26/11/2569", "1063020131", "นักเรียนอ่านคล่อง"]]
    f = xlsx(tmp_path / "own.xlsx", rows)
    assert run("import", "visits", str(f)).exit_code == 1
    term = Terminal("-C", str(schools), "import", "visits", str(f), cwd=tmp_path)
    fields = {}
    for key in ("date", "school_name", "findings"):
        fields[key] = term.expect(rf"(\d+)\) [^\[\n]+ \[{key}\]").group(1)
    for key in ("date", "school_name", "findings"):
        term.expect("เป็นฟิลด์ใด")
        term.type(fields[key])
        term.text = term.text[term.text.rindex("เป็นฟิลด์ใด") + 1:]
    term.expect("บันทึกการจับคู่คอลัมน์นี้")
    term.type("y")
    term.expect("ชื่อการจับคู่")
    term.type("แบบของเขต")
    term.expect("นำเข้าแล้ว: สร้างใหม่ 2")
    assert term.finish() == 0, term.text[-3000:]
    got = sorted(records(schools, "visits").values(), key=lambda v: v["date"])
    assert [(v["date"], v["school"], v["findings"]) for v in got] == [
        ("2026-11-25", "1063020130", "ครูใช้สื่อ"), ("2026-11-26", "1063020131", "นักเรียนอ่านคล่อง")]
    assert parse_fast((schools / "imports" / "แบบของเขต.yaml").read_bytes())["columns"] == {
        "วันไปนิเทศ": "date", "ร.ร.": "school_name", "สิ่งที่เห็น": "findings"}
    # the next file of that layout imports without a terminal
    rows[1][2] = "ครูใช้สื่อของจริง"
    r = run("import", "visits", str(xlsx(tmp_path / "own2.xlsx", rows)), "--json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["updated"], r.json()["mappings"]) == (1, ["imports/แบบของเขต.yaml"])


def test_no_input_on_a_terminal_never_asks(schools: Path, tmp_path: Path) -> None:
    f = xlsx(tmp_path / "form.xlsx", form_rows(["ข้อสังเกตเพิ่มเติม"]))
    term = Terminal("--no-input", "-C", str(schools), "import", "visits", str(f), cwd=tmp_path)
    assert term.finish() == 1
    assert "คอลัมน์ I “ข้อสังเกตเพิ่มเติม”: มีข้อมูล 2 แถว" in term.text and "เป็นฟิลด์ใด" not in term.text
    assert not records(schools, "visits")
