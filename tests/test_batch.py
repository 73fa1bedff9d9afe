"""Batch grading into nbgrader's gradebook: `autograder grade-all`, then nbgrader's own export."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.config import tool_environment

from conftest import collected_class

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent


def run(*argv, cwd):
    return subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True,
                          env=tool_environment(), timeout=300)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with the assignment released and three collected submissions."""
    root = tmp_path_factory.mktemp("course")
    collected_class(root, ASSIGNMENT)
    batch = grade_all(root)
    assert batch.returncode == 0, batch.stdout + batch.stderr
    return root, batch


def grade_all(course):
    return run(BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course, "--jobs", "2",
               "--quiet", "--call-seconds", "3", cwd=course)


def exported_scores(course) -> dict[str, float]:
    exported = run(BIN / "nbgrader", "export", cwd=course)
    assert exported.returncode == 0, exported.stderr
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)
                if row["assignment"] == ASSIGNMENT}


def single_scores(course) -> dict[str, float]:
    scores = {}
    for notebook in sorted((course / "submitted").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")):
        results = course / f"{notebook.parts[-3]}.json"
        salt = json.loads((course / "autograded" / notebook.parts[-3] / ASSIGNMENT / "report.json").read_text())["salt"]
        graded = run(BIN / "autograder", "grade", "--assignment", ASSIGNMENT, notebook, "--results", results,
                     "--salt", salt, "--quiet", "--call-seconds", "3", cwd=course)
        assert graded.returncode == 0, graded.stderr
        scores[notebook.parts[-3]] = json.loads(results.read_text())["score"]
    return scores


def test_grade_all_fills_the_gradebook_with_the_single_submission_scores(course):
    course, batch = course
    assert "grading two_layer_network 3/3" in batch.stderr  # progress, line by line with --quiet
    exported = exported_scores(course)
    assert exported == single_scores(course)
    assert exported["stub"] == 0 and 0 < exported["wrong"] < exported["perfect"]


def test_feedback_lands_where_release_feedback_looks(course):
    course, _ = course
    for student in ("perfect", "stub", "wrong"):
        folder = course / "feedback" / student / ASSIGNMENT
        page = (folder / f"{ASSIGNMENT}.html").read_text()
        assert "Score:" in page
        assert (folder / "timestamp.txt").exists() and (folder / "submission_secret.txt").exists()
        assert (course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()


def test_regrading_keeps_manual_scores_unflagged_and_adds_no_rows(course, tmp_path):
    """A TA's manual score (formgrader clears the flag when it is entered) survives a regrade: it is
    neither replaced nor flagged for manual grading again, and the class table shows it."""
    from nbgrader.api import Gradebook, SubmittedAssignment

    course = shutil.copytree(course[0], tmp_path / "course")  # the module's course stays as graded
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        grade = gradebook.find_submission(ASSIGNMENT, "wrong").notebooks[0].grades[0]
        problem = grade.cell.name
        grade.manual_score = 0.5
        grade.needs_manual_grade = False
        gradebook.db.commit()
    again = grade_all(course)
    assert again.returncode == 0, again.stderr
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.db.query(SubmittedAssignment).count() == 3
        grade = gradebook.find_submission(ASSIGNMENT, "wrong").notebooks[0].grades[0]
        assert grade.manual_score == 0.5 and not grade.needs_manual_grade
        maximum = grade.max_score
    header, _, *rows = again.stdout.splitlines()
    wrong = next(row.split() for row in rows if row.startswith("wrong "))
    assert wrong[header.split().index(problem)] == f"0.5/{maximum:g}*", again.stdout
    assert "scored by a TA" in again.stdout
