"""Attacks on the staff and on the course folder from a security review, one class per test group:

1. spoofing what the staff read: student text (exception messages, notes, student ids that are folder
   names, file names) on the terminal, and student-controlled cells of the Canvas CSV (formulas);
2. symbolic links (and other non-files) in submitted folders: the grader never follows them out of a
   submission, for reading or for writing, and the batch goes on.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.config import tool_environment
from autograder.export import StudentRow, csv_text, write_canvas_csv
from autograder import report as rp
from autograder.scenarios import Scenario, build_submission
from autograder.sinks.common import printable
from autograder.sinks.terminal import class_table

from conftest import make_course

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent
FAKE_LINES = "\n  ok  derivative 4/4\nscore: 35/35"
# one of each way to act on a terminal or to fool the eye
ATTACKS = {
    "fake lines": FAKE_LINES,
    "carriage return": "lost everything\r  ok all tests passed           ",
    "clear screen and home": "\x1b[2J\x1b[H score: 28/28",
    "colour": "\x1b[32mPASSED\x1b[0m",
    "cursor up and erase": "\x1b[1A\x1b[2K",
    "OSC title and hyperlink": "\x1b]0;pwned\x07\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "C1 CSI and NEL": "\x9b2J\x85next line",
    "backspace and delete": "abc\b\b\bxyz\x7f",
    "bidi override": "\u202escore: 0/28\u202c and \u2066isolate\u2069",
    "zero width": "a\u200bb\u200cc\u200dd\ufeffe\u2060",
    "line and paragraph separators": "one\u2028two\u2029three\x0b\x0cfour",
    "zalgo": "z" + "\u0301" * 50,
}
FORBIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def shown_safely(text: str) -> bool:
    """Nothing a terminal acts on: no control, format, separator, surrogate or unassigned character."""
    return not any(unicodedata.category(char) in FORBIDDEN_CATEGORIES for char in text)


# ============================================================================ 1a. the terminal
@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_printable_shows_every_attack_on_one_inert_line(attack):
    shown = printable(attack, 200)
    assert shown_safely(shown), ascii(shown)
    assert len(shown) <= 200
    if attack.startswith("\n"):
        assert shown.startswith("\\n")  # visible, not obeyed


def test_printable_neutralises_every_code_point_and_keeps_ordinary_text():
    """Exhaustive over Unicode: whatever a student writes, nothing that acts on a terminal is left."""
    for start in range(0, 0x110000, 0x4000):
        chunk = "".join(chr(code) for code in range(start, min(start + 0x4000, 0x110000)))
        shown = printable(chunk, 10 ** 7)
        assert shown_safely(shown), hex(start)
        kept = {char for char in chunk if unicodedata.category(char)[0] in "LNPS" or char == " "}
        assert kept <= set(shown), hex(start)
    for ordinary in ("Zoë Ångström-Müller", "李小龙", "x⁴ − 3x³ + 2 ≥ 0", "naïve café 😀", "résumé (final).ipynb",
                     "expected [[1. 2.] [3. 4.]], got [[1. 2.] [3. 5.]] (largest error 1)"):
        assert printable(ordinary, 200) == ordinary


def test_printable_caps_the_length_at_a_whole_escape():
    assert printable("x" * 1000, 50) == "x" * 47 + "..."
    shown = printable("ab" + "\x1b" * 100, 20)
    assert len(shown) <= 20 and shown.endswith("...") and shown.startswith("ab\\x1b")
    assert "\\x1b" in shown and not shown[:-3].endswith(("\\", "\\x", "\\x1"))


def hostile_notebook() -> dict:
    """Full marks except for relu, which raises with fake lines; and a cell that raises the same
    (a note). Every attack of ATTACKS is in the message."""
    message = FAKE_LINES + "".join(ATTACKS.values())
    cells = {"activations_code": (
        "import numpy as np\n"
        f"def relu(z):\n    raise ValueError({message!r})\n"
        "def sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n"
        "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"),
        "shapes_code": build_cell("shapes_code") + f"\nraise RuntimeError({message!r})\n"}
    return build_submission(ASSIGNMENT, Scenario("hostile", "", cells, base="solved"))


def build_cell(grade_id: str) -> str:
    notebook = build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved"))
    return next("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"] for cell in notebook["cells"]
                if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def run(*argv, cwd, timeout=300):
    return subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True,
                          env=tool_environment(), timeout=timeout)


def test_grade_summary_of_a_hostile_notebook_cannot_print_a_fake_line(tmp_path):
    notebook = tmp_path / "evil\x1b[2J\nscore: 28.ipynb"
    notebook.write_text(json.dumps(hostile_notebook()))
    done = run(BIN / "autograder", "grade", "--assignment", ASSIGNMENT, notebook, "--call-seconds", "5", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert shown_safely(done.stdout.replace("\n", "")), ascii(done.stdout)
    allowed = (f"{ASSIGNMENT}: ", "isolation: ", "  ok ", "  -- ", "lost points:", "  - test_", "note: ", "score: ")
    assert all(line.startswith(allowed) for line in lines), "\n".join(lines)
    assert [line for line in lines if line.startswith("score: ")] == [lines[-1]]
    assert lines[-1].startswith("score: 16/28")
    assert not any(line.lstrip().startswith("ok  derivative") for line in lines)
    assert any(line.startswith("  - test_relu") and "\\n  ok  derivative 4/4\\nscore: 35/35" in line for line in lines)
    # the cell is named as the student sees it ("code cell 6, which starts ..."), its message inert
    assert any(line.startswith("note: code cell ") and "raised RuntimeError: \\n  ok" in line for line in lines)


def result(name, problem, score, maximum, kind, message=""):
    return rp.TestResult(name, problem, score, maximum, kind, message)


def test_class_table_keeps_each_student_on_one_line():
    """Every student-controlled text of the table (ids, problem names, notes, reasons) is inert."""
    bad = "\x1b[2J\rmallory\n" + "alice  6/6  28/28" + ATTACKS["bidi override"]
    entries = []
    for index, student in enumerate(["alice", bad, *ATTACKS.values()]):
        report = rp.Report(ASSIGNMENT, "x.ipynb", (result("t", "relu" + ATTACKS["colour"], 1, 1, rp.PASSED),
                                                   result("u", "forward", 0, 2, rp.RAISED, FAKE_LINES)),
                        "bwrap", unusable=FAKE_LINES if index % 2 else "")
        entries.append(SimpleNamespace(student=student, report=report, recorded=None, note=f"graded {student}"))
    table = class_table(entries).split("\n")
    assert all(shown_safely(line) for line in table), ascii(table)
    assert len(table) == 2 + len(entries) + len(entries)  # header, rule, one row each, one note each
    rows = table[2:2 + len(entries)]
    assert [row.split("  ")[0] for row in rows] == [printable(e.student, 40).split("  ")[0] for e in entries]
    assert all(row.rstrip().endswith("1/3") for row in rows)
    assert sum(line.startswith("alice") for line in table) == 1
    assert all(line.startswith(("not graded: ", "note: ")) for line in table[2 + len(entries):])


def test_grade_all_prints_hostile_folder_names_and_messages_inertly(tmp_path):
    """A real class: a student id (a folder name) with escapes and a fake row, and a notebook whose
    messages carry fake lines: each student is one row of the printed table."""
    perfect = build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved"))
    # a folder name holds no "/": U+2215 (division slash) looks the same
    fake_row = "\x1b[2J\x1b[Hmallory\r\nbob      6\u22156  5\u22155  7\u22157  7\u22157  3\u22153  28\u221528\x1b]0;x\x07"
    course = make_course(tmp_path / "course", ASSIGNMENT, {"bob": perfect, "eve": hostile_notebook(),
                                                            fake_row: hostile_notebook()})
    done = run(BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course, "--jobs", "2", "--quiet",
               "--call-seconds", "5", cwd=course)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert shown_safely(done.stdout.replace("\n", "")), ascii(done.stdout)
    assert [line.split("  ")[0] for line in lines[2:5]] == [printable(fake_row, 40).split("  ")[0], "bob", "eve"]
    assert sum(line.startswith("bob") for line in lines) == 1
    assert lines[5].startswith("feedback: ")


def test_progress_lines_show_student_ids_inertly():
    from io import StringIO

    from autograder.progress import Progress

    stream = StringIO()
    Progress(1, "grading a", quiet=True, stream=stream).advance("mallory\nbob: 28/28\x1b[2J", "0/28")
    assert stream.getvalue().count("\n") == 1 and "\x1b" not in stream.getvalue()


# ============================================================================ 1b. the Canvas CSV
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+9)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "＝1+1", "-", "@"]


def is_formula(cell: str) -> bool:
    return cell.lstrip(" \u00a0\u3000").startswith(("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠"))


def test_student_controlled_csv_cells_cannot_be_formulas(tmp_path):
    from autograder.canvas import RosterEntry

    rows = []
    for index, formula in enumerate(FORMULAS):
        rows.append(StudentRow(f"s{index}", formula, formula, {"a1": 5.0}, str(1000 + index),
                               RosterEntry(formula, str(1000 + index), formula, formula, formula)))
        rows.append(StudentRow(formula, formula, "", {"a1": 0.0}))  # no roster: the gradebook's names and id
    rows.append(StudentRow("n", "Ana", "-Smith", {"a1": 1.5}, "2000", RosterEntry("-Smith, Ana", "2000", "-123",
                                                                                   "42", "=Section")))
    write_canvas_csv([("a1", 10.0)], rows, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as handle:
        written = list(csv.reader(handle))
    for row in written[2:]:
        for cell in row[:5]:
            plain_number = cell.lstrip("+-").replace(".", "", 1).isdigit()
            assert not is_formula(cell) or plain_number, row
    for row in written[2:2 + 2 * len(FORMULAS)]:
        assert all(cell == "" or cell.startswith("'") for cell in row[:5] if not cell.isdigit()), row
    last = written[-1]
    assert last == ["'-Smith, Ana", "2000", "-123", "42", "'=Section", "1.5"]  # numbers untouched, Canvas matches
    assert [row[1] for row in written[2:-1:2]] == [str(1000 + i) for i in range(len(FORMULAS))]
    assert {row[5] for row in written[2:]} <= {"5", "0", "1.5"}


def test_csv_text_strips_nothing_from_safe_values():
    for value in ("Lovelace, Ada", "1001", "-5", "+44", "3.25", "", "Section A", "O'Brien", '"quoted"'):
        assert csv_text(value) == value
    for value in FORMULAS:
        assert csv_text(value) == "'" + value


# ============================================================================ 2. links in submitted folders
def snapshot(paths) -> dict:
    """Bytes, mtime and (for a folder) listing of each path, not following links."""
    state = {}
    for path in paths:
        for item in [Path(path)] + (sorted(Path(path).rglob("*")) if Path(path).is_dir() else []):
            info = os.lstat(item)
            state[str(item)] = (info.st_mtime_ns, item.read_bytes() if item.is_file() else
                                sorted(os.listdir(item)) if item.is_dir() else None)
    return state


def regular_files(root: Path):
    for folder, _, files in os.walk(root):  # never follows a link
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink() and path.is_file():
                yield path


@pytest.fixture(scope="module")
def linked_class(tmp_path_factory):
    """A class whose submitted folders hold links to files and folders outside the course (and one to
    another student's notebook), /dev/zero as a notebook, a folder named like the notebook; two plain
    students; graded by one real `autograder grade-all`."""
    base = tmp_path_factory.mktemp("links")
    perfect = build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved"))
    outside = base / "outside"
    outside.mkdir()
    marked = dict(perfect, cells=perfect["cells"] + [{"cell_type": "markdown", "metadata": {}, "id": "m",
                                                       "source": "OUTSIDE-NOTEBOOK-MARKER"}])
    (outside / "notebook.ipynb").write_text(json.dumps(marked))
    (outside / "timestamp.txt").write_text("2001-02-03 04:05:06.000000 UTC")
    (outside / "secret.txt").write_text("OUTSIDE-SECRET-MARKER")
    for folder in (outside / "student" / ASSIGNMENT, outside / "assignment"):
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(marked))
        (folder / "timestamp.txt").write_text("2001-02-03 04:05:06.000000 UTC")

    course = make_course(base / "course", ASSIGNMENT, {"alice": perfect, "bob": perfect, "links": perfect})
    submitted = course / "submitted"
    nb = f"{ASSIGNMENT}.ipynb"
    links = {"zero": "/dev/zero", "passwd": "/etc/passwd", "outsider": str(outside / "notebook.ipynb"),
             "copycat": f"../../alice/{ASSIGNMENT}/{nb}"}
    for student, target in links.items():
        (submitted / student / ASSIGNMENT).mkdir(parents=True)
        os.symlink(target, submitted / student / ASSIGNMENT / nb)
    folder = submitted / "links" / ASSIGNMENT
    (folder / "timestamp.txt").unlink()
    os.symlink(outside / "timestamp.txt", folder / "timestamp.txt")
    os.symlink(outside / "secret.txt", folder / "submission_secret.txt")
    (submitted / "dirnb" / ASSIGNMENT / nb).mkdir(parents=True)
    (submitted / "dirnb" / ASSIGNMENT / nb / "inner.ipynb").write_text(json.dumps(perfect))
    os.symlink(outside / "student", submitted / "linkedstudent")
    (submitted / "linkedassignment").mkdir()
    os.symlink(outside / "assignment", submitted / "linkedassignment" / ASSIGNMENT)

    watched = [outside, "/etc/passwd"]
    before = snapshot(watched)
    done = run(BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course, "--jobs", "2", "--quiet",
               "--call-seconds", "5", cwd=course, timeout=300)  # /dev/zero read to the end would never finish
    return SimpleNamespace(course=course, outside=outside, done=done, before=before, after=snapshot(watched),
                           watched=watched)


def results(course: Path, student: str) -> dict:
    return json.loads((course / "autograded" / student / ASSIGNMENT / "results.json").read_text())


def test_linked_notebooks_end_as_refusals_with_a_reason_and_the_batch_goes_on(linked_class):
    course, done = linked_class.course, linked_class.done
    assert done.returncode == 0, done.stdout + done.stderr
    for student in ("alice", "bob", "links"):
        assert results(course, student)["score"] == 28, student
    for student in ("zero", "passwd", "outsider", "copycat", "dirnb"):
        graded = results(course, student)
        assert graded["score"] == 0, student
        assert f"{ASSIGNMENT}.ipynb is not a plain file" in graded["output"], graded["output"][:300]
        line = next(line for line in done.stdout.splitlines() if line.startswith(f"not graded: {student}: "))
        assert "holds no notebook to grade" in line and "not a plain file" in line
        assert (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").is_file()
    assert (course / "reports" / f"{ASSIGNMENT}.html").is_file()
    assert "class report: " in done.stdout


def test_linked_timestamp_and_secret_are_neither_read_nor_written(linked_class):
    course, outside = linked_class.course, linked_class.outside
    folder = course / "submitted" / "links" / ASSIGNMENT
    assert os.readlink(folder / "submission_secret.txt") == str(outside / "secret.txt")
    assert os.readlink(folder / "timestamp.txt") == str(outside / "timestamp.txt")
    for kept in (course / "autograded" / "links" / ASSIGNMENT, course / "feedback" / "links" / ASSIGNMENT):
        assert "2001-02-03" not in (kept / "timestamp.txt").read_text()
        secret = (kept / "submission_secret.txt").read_text()
        assert secret and secret != "OUTSIDE-SECRET-MARKER"
        assert not (kept / "timestamp.txt").is_symlink() and not (kept / "submission_secret.txt").is_symlink()


def test_nothing_outside_the_course_is_read_into_results_or_changed(linked_class):
    course = linked_class.course
    assert linked_class.after == linked_class.before  # bytes, mtimes and listings of every link target
    with open("/etc/passwd", encoding="utf-8", errors="replace") as handle:
        passwd_line = handle.readline().strip()
    markers = ["OUTSIDE-NOTEBOOK-MARKER", "OUTSIDE-SECRET-MARKER", "2001-02-03", passwd_line]
    for path in regular_files(course):
        if path.suffix in (".ipynb",) and "submitted" in path.parts:
            continue  # the students' own files
        data = path.read_bytes()
        for marker in markers:
            assert marker.encode() not in data, (path, marker)
    for marker in markers:
        assert marker not in linked_class.done.stdout + linked_class.done.stderr


def test_a_linked_student_or_assignment_folder_ends_with_a_reason(linked_class):
    course, done = linked_class.course, linked_class.done
    for student in ("linkedstudent", "linkedassignment"):
        assert any(line.startswith(f"not graded: {student}: ") for line in done.stdout.splitlines()), done.stdout
        assert results(course, student)["score"] == 0


def test_a_folder_or_a_pipe_named_like_the_timestamp_or_the_secret_does_not_stop_the_batch(tmp_path):
    """Not links, but not files either: a folder named submission_secret.txt (never written into),
    pipes named timestamp.txt and submission_secret.txt (never opened to wait for a writer/reader)."""
    perfect = build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved"))
    course = make_course(tmp_path / "course", ASSIGNMENT, {"alice": perfect, "bob": perfect, "carol": perfect})
    (course / "submitted" / "alice" / ASSIGNMENT / "submission_secret.txt").mkdir()
    carol = course / "submitted" / "carol" / ASSIGNMENT
    (carol / "timestamp.txt").unlink()
    os.mkfifo(carol / "timestamp.txt")
    os.mkfifo(carol / "submission_secret.txt")
    done = run(BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course, "--jobs", "1", "--quiet",
               "--call-seconds", "5", cwd=course, timeout=240)  # a pipe opened for reading would never end
    assert done.returncode == 0, done.stderr[-2000:]
    assert {student: results(course, student)["score"] for student in ("alice", "bob", "carol")} == \
        {"alice": 28, "bob": 28, "carol": 28}
    assert (course / "submitted" / "alice" / ASSIGNMENT / "submission_secret.txt").is_dir()
    assert all(os.path.exists(carol / name) and not (carol / name).is_file()
               for name in ("timestamp.txt", "submission_secret.txt"))
    assert (course / "reports" / f"{ASSIGNMENT}.html").is_file()
