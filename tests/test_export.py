"""`autograder export --format canvas`: the gradebook as Canvas's import CSV, equal to nbgrader's export."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.cli import main
from autograder.config import tool_environment
from autograder.canvas import RosterEntry
from autograder.export import StudentRow, write_canvas_csv

from conftest import collected_class

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent


def run(*argv, cwd):
    return subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True,
                          env=tool_environment(), timeout=300)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A graded class: three submissions, a manual score over an automatic one, a student who never submitted."""
    from nbgrader.api import Gradebook

    root = tmp_path_factory.mktemp("course")
    collected_class(root, ASSIGNMENT)
    graded = run(BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", root, "--jobs", "2", "--quiet",
                 "--call-seconds", "3", cwd=root)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        gradebook.update_or_create_student("perfect", first_name="Ada", last_name="Lovelace")
        gradebook.add_student("absent", first_name="Ann", last_name="Absent")
        grades = gradebook.find_submission(ASSIGNMENT, "wrong").notebooks[0].grades
        lost = next(g for g in grades if g.auto_score < g.max_score)
        lost.manual_score = lost.max_score  # a TA gave the points back in formgrader
        gradebook.db.commit()
    return root


def nbgrader_scores(course: Path) -> dict[str, tuple[float, float]]:
    """student -> (score, max_score) from `nbgrader export` (which must keep working)."""
    exported = run(BIN / "nbgrader", "export", cwd=course)
    assert exported.returncode == 0, exported.stderr
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: (float(row["score"]), float(row["max_score"]))
                for row in csv.DictReader(handle) if row["assignment"] == ASSIGNMENT}


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def canvas_rows(course: Path, *flags) -> list[list[str]]:
    """The command as an instructor runs it."""
    exported = run(BIN / "autograder", "export", "--format", "canvas", "--course-root", course,
                   "--output", course / "canvas.csv", *flags, cwd=course)
    assert exported.returncode == 0, exported.stderr
    assert "4 students" in exported.stdout
    return read_csv(course / "canvas.csv")


def export_in_process(course: Path, *flags, output: str = "canvas_flags.csv") -> int:
    return main(["export", "--format", "canvas", "--course-root", str(course), "--output", str(course / output),
                 "--force", *flags])


def test_canvas_csv_has_canvas_header_points_possible_and_nbgrader_totals(course):
    expected = nbgrader_scores(course)
    rows = canvas_rows(course)
    header, points, students = rows[0], rows[1], rows[2:]
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", ASSIGNMENT]
    assert points[0].strip() == "Points Possible" and points[1:5] == ["", "", "", ""]
    max_score = {m for _, m in expected.values()}
    assert max_score == {float(points[5])} and float(points[5]) > 0
    by_id = {row[2]: row for row in students}
    assert set(by_id) == set(expected) == {"perfect", "stub", "wrong", "absent"}
    for student, (score, _) in expected.items():
        assert float(by_id[student][5]) == pytest.approx(score), student
    # no roster imported, nothing collected from Canvas: the Canvas user id is unknown, left empty rather than guessed
    assert all(row[1] == "" and row[3] == "" and row[4] == "" for row in students)
    assert by_id["perfect"][0] == "Lovelace, Ada"
    assert by_id["stub"][0] == "stub"
    assert float(by_id["perfect"][5]) == float(points[5])
    assert float(by_id["stub"][5]) == 0 and float(by_id["absent"][5]) == 0


def test_manual_scores_override_automatic_ones_as_in_nbgrader(course):
    from nbgrader.api import Gradebook

    assert export_in_process(course) == 0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        grades = gradebook.find_submission(ASSIGNMENT, "wrong").notebooks[0].grades
        automatic = sum(g.auto_score for g in grades)
        effective = sum(g.manual_score if g.manual_score is not None else g.auto_score for g in grades)
    assert effective > automatic
    wrong = next(row for row in read_csv(course / "canvas_flags.csv")[2:] if row[2] == "wrong")
    assert float(wrong[5]) == pytest.approx(effective)


def test_the_id_can_go_to_sis_login_id_and_columns_can_name_canvas_assignments(course):
    assert export_in_process(course, "--canvas-id", "sis_login_id", "--canvas-assignment-id", f"{ASSIGNMENT}=4711") == 0
    rows = read_csv(course / "canvas_flags.csv")
    assert rows[0][5] == f"{ASSIGNMENT} (4711)"
    assert {row[3] for row in rows[2:]} == {"perfect", "stub", "wrong", "absent"}
    assert all(row[2] == "" for row in rows[2:])


def test_an_unknown_assignment_is_a_usage_error(course, capsys):
    assert export_in_process(course, "--assignment", "no_such_assignment", output="none.csv") == 2
    error = capsys.readouterr().err
    assert "no_such_assignment" in error and ASSIGNMENT in error
    assert not (course / "none.csv").exists()


def test_names_with_commas_and_quotes_stay_in_their_column(tmp_path):
    rows = [StudentRow("s1", 'Ada "The Countess"', "Lovelace, Jr.", {"a1": 7.25}),
            StudentRow("s2", "", "", {"a1": 0.0})]
    write_canvas_csv([("a1", 10.0)], rows, tmp_path / "out.csv")
    written = read_csv(tmp_path / "out.csv")
    assert written[2] == ['Lovelace, Jr., Ada "The Countess"', "", "s1", "", "", "7.25"]
    assert written[3] == ["s2", "", "s2", "", "", "0"]
    assert written[1][5] == "10"


def test_the_canvas_id_and_the_roster_s_identities_fill_their_columns(tmp_path):
    rows = [StudentRow("S1", "Ada", "Lovelace", {"a1": 1.0}, "1001",
                       RosterEntry("Lovelace, Ada", "1001", "S1", "ada", "Section A")),
            StudentRow("smithjohn", "", "", {"a1": 2.0}, "1002"),   # from a Canvas download, not in the roster
            StudentRow("bob", "Bob", "Jones", {"a1": 3.0})]          # from nbgrader's exchange
    write_canvas_csv([("a1", 10.0)], rows, tmp_path / "out.csv", id_column="sis_login_id")
    written = read_csv(tmp_path / "out.csv")
    assert written[2] == ["Lovelace, Ada", "1001", "S1", "ada", "Section A", "1"]
    assert written[3] == ["smithjohn", "1002", "", "", "", "2"]
    assert written[4] == ["Jones, Bob", "", "", "bob", "", "3"]


def test_an_existing_file_is_never_overwritten_without_force(course, capsys):
    target = course / "kept.csv"
    target.write_text("the first export")
    assert export_in_process(course, output="kept.csv") == 0  # (export_in_process passes --force)
    assert target.read_text().startswith("Student,ID")
    target.write_text("the first export")
    assert main(["export", "--format", "canvas", "--course-root", str(course), "--output", str(target)]) == 2
    assert "kept.csv exists: pass --force" in capsys.readouterr().err
    assert target.read_text() == "the first export"


def test_the_default_file_names_the_exported_assignments(course):
    assert main(["export", "--format", "canvas", "--course-root", str(course), "--assignment", ASSIGNMENT]) == 0
    assert (course / f"grades_canvas_{ASSIGNMENT}.csv").exists()
    assert not (course / "grades_canvas.csv").exists()
