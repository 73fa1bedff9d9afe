"""The Canvas round trip (autograder/canvas.py, autograder/export.py): Canvas's submissions zip ->
`nbgrader zip_collect` -> `autograder canvas-roster` -> `autograder grade-all` -> `autograder export
--format canvas`, checked against the rules of Canvas's gradebook importer.

Canvas's importer (GradebookImporter of instructure/canvas-lms) reads a header whose first column
holds "Student" and second "ID", then `SIS User ID`, `SIS Login ID` (optional) and `Section`, the last
student column; every later column is an assignment (or a custom column Canvas already has). A row
whose first cell holds "Points Possible" sets the points. Each other row is matched to a student of
the course by `ID`, else by `SIS User ID`, else by `SIS Login ID`, else by name or sortable name; an
unmatched row becomes an unknown student. `canvas_import` below applies these rules and demands
more than Canvas does: exactly one candidate at the rule that decides, and one row per student.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from autograder.canvas import (CanvasCollector, RosterEntry, latest_files, parse_file_name, read_roster,
                               submission_time)
from autograder.cli import main
from autograder.config import tool_environment
from autograder.errors import UsageError
from autograder.scenarios import Scenario, build_submission, load_scenarios

from conftest import ROOT

ASSIGNMENT = "two_layer_network"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
BIN = Path(sys.executable).parent
DUE = datetime(2026, 11, 20, 23, 59, 0)
LATE_POLICY = '\nc.LateSubmissionPlugin.penalty_method = "zero"\n'


# ----------------------------------------------------------------------------- Canvas's side
@dataclass(frozen=True)
class CanvasUser:
    """A student of the Canvas course, as Canvas's importer looks them up."""

    id: int
    sortable_name: str
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""

    @property
    def name(self) -> str:
        last, _, first = self.sortable_name.partition(", ")
        return f"{first} {last}".strip()

    @property
    def slug(self) -> str:
        return "".join(c for c in self.sortable_name.lower() if c.isalnum())


# The Canvas course. Barbara Liskov enrolled after the instructor exported the roster; Emmy Noether
# has no SIS User ID; two students are named John Smith (one name slug, two Canvas users).
COURSE = [
    CanvasUser(1001, "Lovelace, Ada", "S1001", "ada", "Section A"),
    CanvasUser(1002, "Hopper, Grace", "S1002", "grace", "Section A"),
    CanvasUser(1003, "Turing, Alan", "S1003", "alan", "Section B"),
    CanvasUser(1004, "Noether, Emmy", "", "emmy", "Section B"),
    CanvasUser(1005, "Liskov, Barbara", "S1005", "barbara", "Section B"),
    CanvasUser(1006, "Smith, John", "S1006", "jsmith1", "Section A"),
    CanvasUser(1007, "Smith, John", "S1007", "jsmith2", "Section B"),
]
IN_ROSTER = [user for user in COURSE if user.id != 1005]


def canvas_gradebook_export(path: Path, users) -> Path:
    """Canvas's Grades > Export, as Canvas writes it: a BOM, an assignment column and the
    computed columns, a "Points Possible" row."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Quiz 1 (555)",
                         "Current Score", "Final Score"])
        writer.writerow(["    Points Possible", "", "", "", "", "10", "(read only)", "(read only)"])
        for user in users:
            writer.writerow([user.sortable_name, str(user.id), user.sis_user_id, user.sis_login_id, user.section,
                             "7", "70", "70"])
    return path


def canvas_import(path: Path, course, assignments) -> dict[int, list[str]]:
    """Canvas's importer on our file: Canvas user id -> the row it updates. Fails where Canvas would
    not match a row, or would match it by a guess (several candidates)."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert len(header) > 3 and "Student" in header[0] and "ID" in header[1], header
    if "SIS Login ID" in header[2]:
        student_columns, sis_user, sis_login = 4, None, 2
    else:
        assert "SIS User ID" in header[2] and "SIS Login ID" in header[3], header
        student_columns, sis_user, sis_login = 5, 2, 3
    assert "Section" in header[student_columns - 1], header
    assert header[student_columns:] == list(assignments), "every column after Section is read as an assignment"
    assert "Points Possible" in rows[1][0]
    assert all(float(points) > 0 for points in rows[1][student_columns:])
    matched: dict[int, list[str]] = {}
    for row in rows[2:]:
        assert len(row) == len(header), row
        candidates = []
        if row[1].strip().isdigit():
            candidates = [u for u in course if u.id == int(row[1])]
        if not candidates and sis_user is not None and row[sis_user]:
            candidates = [u for u in course if u.sis_user_id == row[sis_user]]
        if not candidates and row[sis_login]:
            candidates = [u for u in course if u.sis_login_id == row[sis_login]]
        if not candidates:
            candidates = [u for u in course if row[0] in (u.name, u.sortable_name)]
        assert len(candidates) == 1, f"row {row[:5]} matches {len(candidates)} Canvas students"
        user = candidates[0]
        assert user.id not in matched, f"two rows for {user}"
        matched[user.id] = row
    return matched


def test_the_checker_refuses_what_canvas_would_guess(tmp_path):
    """The checker itself: a row known by name only, when two students share it, is refused."""
    path = tmp_path / "guess.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "a"])
        writer.writerow(["    Points Possible", "", "", "", "", "10"])
        writer.writerow(["Smith, John", "", "", "", "", "5"])
    with pytest.raises(AssertionError, match="matches 2 Canvas students"):
        canvas_import(path, COURSE, ["a"])


# ----------------------------------------------------------------------------- file names
def test_canvas_file_names_give_slug_lateness_user_submission_and_notebook():
    late = parse_file_name("/x/smithjohn_LATE_123456_7890123_gradient_descent-1.ipynb", {"gradient_descent.ipynb"})
    assert (late.slug, late.late, late.canvas_user_id, late.submission_id) == ("smithjohn", True, "123456", 7890123)
    assert (late.file_id, late.resubmission) == ("gradient_descent.ipynb", 1)
    plain = parse_file_name("smithjohn_123456_7890124_gradient_descent.ipynb")
    assert (plain.late, plain.file_id, plain.resubmission) == (False, "gradient_descent.ipynb", 0)
    underscores = parse_file_name("smithjohn_12_34_2_layer_net-12.ipynb")
    assert (underscores.canvas_user_id, underscores.file_id, underscores.resubmission) == ("12", "2_layer_net.ipynb", 12)
    # a released notebook whose own name ends in -N keeps it
    assert parse_file_name("ann_1_2_lab-2.ipynb", {"lab-2.ipynb"}).file_id == "lab-2.ipynb"
    assert parse_file_name("gradient_descent.ipynb") is None
    assert parse_file_name("smithjohn_LATE_gradient_descent.ipynb") is None


def test_the_highest_resubmission_wins_then_the_highest_submission_id():
    files = [parse_file_name(name) for name in (
        "ann_1_10_nb.ipynb", "ann_1_11_nb-2.ipynb", "ann_1_12_nb-1.ipynb",   # -2 wins
        "bob_2_20_nb.ipynb", "bob_2_21_nb.ipynb",                            # same name twice: 21 wins
        "ann_1_13_other.ipynb")]                                             # another file of ann's
    winners, superseded = latest_files(files)
    assert sorted(winners) == ["ann_1_11_nb-2.ipynb", "ann_1_13_other.ipynb", "bob_2_21_nb.ipynb"]
    assert superseded == {"ann_1_10_nb.ipynb": winners["ann_1_11_nb-2.ipynb"],
                          "ann_1_12_nb-1.ipynb": winners["ann_1_11_nb-2.ipynb"],
                          "bob_2_20_nb.ipynb": winners["bob_2_21_nb.ipynb"]}


def test_submission_time_is_the_due_date_or_one_second_past_it_and_none_without_one():
    assert submission_time(DUE, late=False) == DUE
    assert submission_time(DUE, late=True) == DUE + timedelta(seconds=1)
    assert submission_time(None, late=True) is None


# ----------------------------------------------------------------------------- roster
def import_roster(course: Path, roster: Path, *flags) -> int:
    return main(["canvas-roster", str(roster), "--course-root", str(course), *flags])


def students(course: Path) -> dict[str, tuple]:
    import sqlite3

    with sqlite3.connect(course / "gradebook.db") as connection:
        return {row[0]: row[1:] for row in connection.execute(
            "select id, first_name, last_name, lms_user_id from student")}


def test_the_roster_creates_students_with_names_canvas_ids_and_sis_ids(tmp_path, capsys):
    roster = canvas_gradebook_export(tmp_path / "roster.csv", IN_ROSTER)
    assert [e.canvas_user_id for e in read_roster(roster)] == [str(u.id) for u in IN_ROSTER]
    assert import_roster(tmp_path, roster) == 0
    out = capsys.readouterr().out
    assert "imported 6 students" in out and "6 new" in out and "Noether, Emmy" in out
    assert students(tmp_path) == {
        "S1001": ("Ada", "Lovelace", "1001"), "S1002": ("Grace", "Hopper", "1002"),
        "S1003": ("Alan", "Turing", "1003"), "1004": ("Emmy", "Noether", "1004"),  # no SIS User ID
        "S1006": ("John", "Smith", "1006"), "S1007": ("John", "Smith", "1007")}
    # again, with another id source: the students the gradebook knows keep their ids
    assert import_roster(tmp_path, roster, "--student-id", "sis_login_id") == 0
    out = capsys.readouterr().out
    assert "0 new, 6 updated" in out and "'S1001' keeps its nbgrader id" in out
    assert set(students(tmp_path)) == {"S1001", "S1002", "S1003", "1004", "S1006", "S1007"}


@pytest.mark.parametrize("id_source, expected", [("sis_login_id", "ada"), ("canvas_id", "1001")])
def test_the_nbgrader_id_can_be_the_sis_login_or_the_canvas_id(tmp_path, id_source, expected):
    roster = canvas_gradebook_export(tmp_path / "roster.csv", IN_ROSTER[:1])
    assert import_roster(tmp_path, roster, "--student-id", id_source) == 0
    assert students(tmp_path) == {expected: ("Ada", "Lovelace", "1001")}


def test_a_roster_that_contradicts_the_gradebook_imports_nothing(tmp_path, capsys):
    from nbgrader.api import Gradebook

    roster = canvas_gradebook_export(tmp_path / "roster.csv", IN_ROSTER[:2])
    assert import_roster(tmp_path, roster) == 0
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        gradebook.update_or_create_student("S1002", lms_user_id="999")   # S1002 is another Canvas user now
        gradebook.remove_student("S1001")
    capsys.readouterr()
    assert import_roster(tmp_path, roster) == 2
    assert "nothing imported: Hopper, Grace (Canvas user 1002) would be nbgrader student 'S1002'" in capsys.readouterr().err
    assert "S1001" not in students(tmp_path)


def test_a_file_that_is_not_canvas_s_export_is_refused(tmp_path, capsys):
    (tmp_path / "grades.csv").write_text("student_id,score\nann,3\n")
    assert import_roster(tmp_path, tmp_path / "grades.csv") == 2
    assert "not Canvas's gradebook export" in capsys.readouterr().err
    doubled = tmp_path / "doubled.csv"
    canvas_gradebook_export(doubled, [IN_ROSTER[0], IN_ROSTER[0]])
    with pytest.raises(UsageError, match="Canvas user 1001 appears twice"):
        read_roster(doubled)


def test_names_split_at_canvas_s_first_comma():
    entry = RosterEntry("van der Berg, Anna Maria", "1")
    assert (entry.last_name, entry.first_name) == ("van der Berg", "Anna Maria")
    assert (RosterEntry("Cher", "2").last_name, RosterEntry("Cher", "2").first_name) == ("Cher", "")


# ----------------------------------------------------------------------------- the collector's plan
def collector(course: Path, **config):
    """The collector as zip_collect makes it, its app reduced to the course directory."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config, Configurable

    class App(Configurable):
        pass

    app = App(config=Config({"CanvasCollector": config}))
    app.coursedir = CourseDirectory(root=str(course), db_url=f"sqlite:///{course / 'gradebook.db'}",
                                    assignment_id=ASSIGNMENT)
    return CanvasCollector(parent=app)


def test_the_collector_maps_canvas_users_and_keeps_namesakes_apart(tmp_path):
    from nbgrader.api import Gradebook

    roster = canvas_gradebook_export(tmp_path / "roster.csv", IN_ROSTER[:1])
    assert import_roster(tmp_path, roster) == 0
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        gradebook.add_assignment(ASSIGNMENT, duedate=DUE)
        gradebook.add_student("taken", lms_user_id="777")          # a slug that is another Canvas user's id
        gradebook.add_student("claimed")                            # a slug nobody's Canvas id holds yet
    paths = [f"/d/lovelaceada_LATE_1001_1_{NOTEBOOK}", f"/d/smithjohn_2001_2_{NOTEBOOK}",
             f"/d/smithjohn_2002_3_{NOTEBOOK}", f"/d/taken_2003_4_{NOTEBOOK}", f"/d/claimed_2004_5_{NOTEBOOK}",
             "/d/garbage.ipynb"]
    plan = collector(tmp_path).plan(paths)
    who = {path.split("/")[-1].split("_")[0]: plan[path] for path in paths[:-1]}
    assert {slug: (c.student_id, c.file_id) for slug, c in who.items()} == {
        "lovelaceada": ("S1001", NOTEBOOK), "smithjohn": ("smithjohn-2002", NOTEBOOK),
        "taken": ("taken-2003", NOTEBOOK), "claimed": ("claimed", NOTEBOOK)}
    assert plan[paths[1]].student_id == "smithjohn-2001"
    assert "not a Canvas file name" in plan["/d/garbage.ipynb"]
    assert who["lovelaceada"].timestamp == DUE + timedelta(seconds=1) and who["claimed"].timestamp == DUE
    known = students(tmp_path)
    assert {sid: known[sid][2] for sid in ("smithjohn-2001", "smithjohn-2002", "taken-2003", "claimed", "taken")} == {
        "smithjohn-2001": "2001", "smithjohn-2002": "2002", "taken-2003": "2003", "claimed": "2004", "taken": "777"}
    # planned again (zip_collect --force): the same ids, now found by their Canvas user id
    assert collector(tmp_path).plan(paths) == plan
    assert collector(tmp_path, unknown_student="canvas_id").plan([f"/d/newcomer_3001_6_{NOTEBOOK}"])[
        f"/d/newcomer_3001_6_{NOTEBOOK}"].student_id == "3001"


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's update_or_create_submission
def test_an_extension_moves_the_late_timestamp_and_no_due_date_gives_none(tmp_path):
    from nbgrader.api import Gradebook

    roster = canvas_gradebook_export(tmp_path / "roster.csv", IN_ROSTER[:1])
    assert import_roster(tmp_path, roster) == 0
    late = f"/d/lovelaceada_LATE_1001_1_{NOTEBOOK}"
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        gradebook.add_assignment(ASSIGNMENT)
    assert collector(tmp_path).plan([late])[late].timestamp is None
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        gradebook.update_or_create_assignment(ASSIGNMENT, duedate=DUE)
        gradebook.update_or_create_submission(ASSIGNMENT, "S1001", extension=timedelta(days=2))
    assert collector(tmp_path).plan([late])[late].timestamp == DUE + timedelta(days=2, seconds=1)


def test_a_canvas_user_given_to_two_students_stops_the_collection(tmp_path):
    from nbgrader.api import Gradebook

    roster = canvas_gradebook_export(tmp_path / "roster.csv", IN_ROSTER[:1])
    assert import_roster(tmp_path, roster) == 0
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        gradebook.add_student("ada-again", lms_user_id="1001")
    with pytest.raises(UsageError, match="Canvas user 1001 is nbgrader students S1001, ada-again"):
        collector(tmp_path).plan([f"/d/lovelaceada_1001_1_{NOTEBOOK}"])


# ----------------------------------------------------------------------------- the round trip
def run(*argv, cwd: Path):
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, env=tool_environment(),
                          timeout=600)
    return done


def notebooks() -> dict[str, str]:
    wrong = next(s for s in load_scenarios(ASSIGNMENT) if not s.full_marks and s.cells)
    return {"perfect": json.dumps(build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved"))),
            "stub": json.dumps(build_submission(ASSIGNMENT, Scenario("stub", "", base="release"))),
            "wrong": json.dumps(build_submission(ASSIGNMENT, Scenario(wrong.name, "", wrong.cells, loses=wrong.loses,
                                                                      base="solved")))}


# what each Canvas user hands in: (file name after the ids, notebook); Emmy Noether and the first John
# Smith hand in nothing
DOWNLOAD = {
    1001: [(f"9001_{NOTEBOOK}", "stub"), (f"9002_{ASSIGNMENT}-1.ipynb", "wrong"), (f"9003_{ASSIGNMENT}-2.ipynb", "perfect")],
    1002: [(f"9004_{NOTEBOOK}", "perfect")],             # LATE
    1003: [(f"9005_{ASSIGNMENT}-1.ipynb", "wrong"), ("9005_notes.txt", None)],
    1005: [(f"9006_{NOTEBOOK}", "perfect")],             # not in the roster
    1007: [(f"9007_{NOTEBOOK}", "perfect")],
}
LATE = {1002}


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    base = tmp_path_factory.mktemp("canvas")
    course, exchange = base / "course", base / "exchange"
    course.mkdir(), exchange.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(LATE_POLICY)
    shutil.copytree(ROOT / "source_notebooks" / ASSIGNMENT, course / "source_notebooks" / ASSIGNMENT)
    for argv in (["db", "assignment", "add", ASSIGNMENT, f"--duedate={DUE:%Y-%m-%d %H:%M:%S} UTC"],
                 ["generate_assignment", ASSIGNMENT, "--force"]):
        done = run(BIN / "nbgrader", *argv, f"--Exchange.root={exchange}", cwd=course)
        assert done.returncode == 0, done.stdout + done.stderr

    roster = canvas_gradebook_export(base / "2026-11-21T1000_Grades-DL_Math.csv", IN_ROSTER)
    imported = run(BIN / "autograder", "canvas-roster", roster, cwd=course)
    assert imported.returncode == 0, imported.stderr

    content = notebooks()
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    users = {user.id: user for user in COURSE}
    with zipfile.ZipFile(archive / "submissions.zip", "w") as bundle:
        for canvas_id, files in DOWNLOAD.items():
            marker = "_LATE" if canvas_id in LATE else ""
            for name, kind in files:
                bundle.writestr(f"{users[canvas_id].slug}{marker}_{canvas_id}_{name}",
                                content[kind] if kind else "my notes")
    collected = run(BIN / "nbgrader", "zip_collect", ASSIGNMENT, f"--Exchange.root={exchange}", cwd=course)
    assert collected.returncode == 0, collected.stdout + collected.stderr

    graded = run(BIN / "autograder", "grade-all", ASSIGNMENT, "--jobs", "2", "--quiet", cwd=course)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    exported = run(BIN / "autograder", "export", "--format", "canvas", cwd=course)
    assert exported.returncode == 0, exported.stderr
    return {"course": course, "content": content, "collect_log": collected.stdout + collected.stderr,
            "table": graded.stdout, "export": exported.stdout}


def test_zip_collect_files_each_canvas_user_under_the_roster_s_id_with_the_last_upload(round_trip):
    course, content = round_trip["course"], round_trip["content"]
    submitted = course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["S1001", "S1002", "S1003", "S1007", "liskovbarbara"]
    for folder in submitted.iterdir():
        names = {p.name for p in (folder / ASSIGNMENT).iterdir()}
        assert {n for n in names if not n.endswith(".txt")} == {NOTEBOOK} and "timestamp.txt" in names, names
    assert (submitted / "S1001" / ASSIGNMENT / NOTEBOOK).read_text() == content["perfect"]   # -2 beats -1 and none
    assert (submitted / "S1003" / ASSIGNMENT / NOTEBOOK).read_text() == content["wrong"]     # a lone -1
    assert (submitted / "S1007" / ASSIGNMENT / NOTEBOOK).exists()                             # not the other John Smith
    log = round_trip["collect_log"]
    assert "Canvas user 1005 (liskovbarbara) is not in the imported roster: collected as 'liskovbarbara'" in log
    assert "is the student's later upload of two_layer_network.ipynb" in log
    assert students(course)["liskovbarbara"][2] == "1005"


def test_lateness_comes_from_the_late_marker_and_the_due_date(round_trip):
    from autograder.course import read_timestamp

    submitted = round_trip["course"] / "submitted"
    times = {folder.name: read_timestamp(folder / ASSIGNMENT) for folder in submitted.iterdir()}
    assert times.pop("S1002") == DUE + timedelta(seconds=1)
    assert set(times.values()) == {DUE}
    late_row = next(line for line in round_trip["table"].splitlines() if line.startswith("S1002 "))
    assert "(late -" in late_row


def test_the_export_matches_every_row_to_its_canvas_student_by_id(round_trip):
    course = round_trip["course"]
    assert (course / "grades_canvas.csv").exists() and "7 students" in round_trip["export"]
    matched = canvas_import(course / "grades_canvas.csv", COURSE, [ASSIGNMENT])
    assert sorted(matched) == [user.id for user in COURSE]
    users = {user.id: user for user in COURSE}
    for canvas_id, row in matched.items():
        user = users[canvas_id]
        assert row[1] == str(canvas_id)          # matched by ID, Canvas's first rule
        if canvas_id == 1005:                   # not in the roster: no name, no SIS ids guessed
            assert row[0] == "liskovbarbara" and row[2:5] == ["", "", ""]
        else:
            assert row[0] == user.sortable_name
            assert row[2:5] == [user.sis_user_id, user.sis_login_id, user.section]


def test_the_export_holds_nbgrader_s_scores_less_the_late_penalty(round_trip):
    course = round_trip["course"]
    done = run(BIN / "nbgrader", "export", cwd=course)
    assert done.returncode == 0, done.stderr
    with open(course / "grades.csv", newline="") as handle:
        nbgrader_rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    matched = canvas_import(course / "grades_canvas.csv", COURSE, [ASSIGNMENT])
    by_student = {"S1001": 1001, "S1002": 1002, "S1003": 1003, "1004": 1004, "liskovbarbara": 1005,
                  "S1006": 1006, "S1007": 1007}
    assert set(nbgrader_rows) == set(by_student)
    full = float(nbgrader_rows["S1001"]["max_score"])
    for student, canvas_id in by_student.items():
        assert float(matched[canvas_id][5]) == pytest.approx(float(nbgrader_rows[student]["score"])), student
    scores = {student: float(matched[canvas_id][5]) for student, canvas_id in by_student.items()}
    assert scores["S1001"] == scores["liskovbarbara"] == scores["S1007"] == full
    assert float(nbgrader_rows["S1002"]["raw_score"]) == full and scores["S1002"] == 0   # LATE, 'zero' policy
    assert 0 < scores["S1003"] < full
    assert scores["1004"] == scores["S1006"] == 0


def test_a_second_export_never_overwrites_the_first(round_trip):
    course = round_trip["course"]
    first = (course / "grades_canvas.csv").read_text()
    again = run(BIN / "autograder", "export", "--format", "canvas", cwd=course)
    assert again.returncode == 2 and "grades_canvas.csv exists: pass --force" in again.stderr
    one = run(BIN / "autograder", "export", "--format", "canvas", "--assignment", ASSIGNMENT,
              "--canvas-assignment-id", f"{ASSIGNMENT}=4711", cwd=course)
    assert one.returncode == 0, one.stderr
    assert (course / "grades_canvas.csv").read_text() == first
    canvas_import(course / f"grades_canvas_{ASSIGNMENT}.csv", COURSE, [f"{ASSIGNMENT} (4711)"])
    forced = run(BIN / "autograder", "export", "--format", "canvas", "--force", cwd=course)
    assert forced.returncode == 0, forced.stderr
