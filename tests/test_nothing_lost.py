"""No lost grades: a batch killed half way and started again, two graders at once on one gradebook,
repeatable results, and a class mixing every hostile case with correct submissions."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


from autograder.config import tool_environment
from autograder.scenarios import Scenario, build_submission, load_scenarios

from conftest import ROOT, make_course

BIN = Path(sys.executable).parent
GRADE_ROWS = """SELECT s.student_id, COUNT(g.id), SUM(g.auto_score), SUM(g.auto_score IS NULL)
                FROM submitted_assignment s JOIN submitted_notebook n ON n.assignment_id = s.id
                JOIN grade g ON g.notebook_id = n.id GROUP BY s.student_id"""


def grade_all_command(root: Path, assignment: str, *extra) -> list[str]:
    return [str(BIN / "autograder"), "grade-all", assignment, "--course-root", str(root), "--quiet",
            "--call-seconds", "2", "--submission-seconds", "40", *extra]


def gradebook_rows(root: Path) -> dict[str, tuple]:
    with sqlite3.connect(root / "gradebook.db") as db:
        return {row[0]: row[1:] for row in db.execute(GRADE_ROWS)}


def small_class(assignment: str) -> dict[str, dict]:
    scenarios = [Scenario("perfect", ""), Scenario("stub", "", base="release")]
    scenarios += [s for s in load_scenarios(assignment) if s.name != "infinite_loop_in_a_cell"][:6]
    return {f"s{i:02d}_{s.name}"[:40]: build_submission(assignment, s) for i, s in enumerate(scenarios)}


def slowed(notebook: dict, seconds: float) -> dict:
    """The notebook with a first code cell that sleeps (well within the cell limit)."""
    pause = {"cell_type": "code", "id": "pause", "metadata": {}, "outputs": [], "execution_count": None,
             "source": f"import time\ntime.sleep({seconds})\n"}
    return {**notebook, "cells": [pause, *notebook["cells"]]}


def test_a_batch_killed_half_way_and_restarted_grades_everyone_exactly_once(tmp_path):
    assignment = "two_layer_network"
    notebooks = small_class(assignment)
    # the second half of the class takes seconds to grade, so the kill lands before the end, on any machine
    later = sorted(notebooks)[len(notebooks) // 2:]
    notebooks.update({student: slowed(notebooks[student], 1.5) for student in later})
    course = make_course(tmp_path, assignment, notebooks)
    batch = subprocess.Popen(grade_all_command(course, assignment, "--jobs", "1"), env=tool_environment(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and batch.poll() is None:
        if (course / "gradebook.db").exists() and len(gradebook_rows(course)) >= 2:
            break
        time.sleep(0.05)
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    graded_before_kill = gradebook_rows(course)
    assert 2 <= len(graded_before_kill) < 8, "the kill should land half way"
    assert all(nulls == 0 for _, _, nulls in graded_before_kill.values()), "a partial submission was recorded"

    restarted = subprocess.run(grade_all_command(course, assignment), env=tool_environment(), capture_output=True, text=True)
    assert restarted.returncode == 0, restarted.stderr
    rows = gradebook_rows(course)
    assert len(rows) == 8
    assert all(count == 5 and nulls == 0 for count, _, nulls in rows.values())
    for student, (_, score, _) in graded_before_kill.items():
        assert rows[student][1] == score  # regrading gave the same score, in the same rows


def test_two_graders_at_once_on_one_gradebook(tmp_path):
    assignment = "two_layer_network"
    course = make_course(tmp_path, assignment, small_class(assignment))
    students = sorted(p.name for p in (course / "submitted").iterdir())
    first = subprocess.Popen(grade_all_command(course, assignment, "--jobs", "1"), env=tool_environment(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second_args = [arg for student in students[::2] for arg in ("--student", student)]
    second = subprocess.Popen(grade_all_command(course, assignment, "--jobs", "1", *second_args),
                              env=tool_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for process in (first, second):
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = gradebook_rows(course)
    assert sorted(rows) == students
    assert all(count == 5 and nulls == 0 for count, _, nulls in rows.values())


def test_grading_twice_gives_the_same_result(tmp_path):
    from autograder.suite.run import grade

    notebook = tmp_path / "submission.ipynb"
    wrong = next(s for s in load_scenarios("softmax_cross_entropy") if not s.full_marks)
    notebook.write_text(json.dumps(build_submission("softmax_cross_entropy", wrong)))
    first, second = (grade(notebook, "softmax_cross_entropy") for _ in range(2))
    strip = lambda report: [(r.name, r.score, r.message) for r in report.results]  # noqa: E731
    assert strip(first) == strip(second)


def scratch_left(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.glob("autograder-zygote-*"))


def test_no_scratch_folder_is_left_behind_by_a_batch_or_a_single_grade(tmp_path):
    """Pool processes end without atexit handlers: their sandboxes' scratch folders must still go."""
    (tmp_path / "course").mkdir()
    root = make_course(tmp_path / "course", "two_layer_network", small_class("two_layer_network"))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    environment = {**tool_environment(), "TMPDIR": str(tmp)}
    batch = subprocess.run(grade_all_command(root, "two_layer_network", "--jobs", "2"), cwd=root,
                           env=environment, capture_output=True, text=True, timeout=300)
    assert batch.returncode == 0, batch.stderr
    assert scratch_left(tmp) == []
    notebook = next((root / "submitted").glob("*/two_layer_network/two_layer_network.ipynb"))
    single = subprocess.run([str(BIN / "autograder"), "grade", "--assignment", "two_layer_network", str(notebook),
                             "--quiet"], env=environment, capture_output=True, text=True, timeout=300)
    assert single.returncode == 0, single.stderr
    assert scratch_left(tmp) == []


def test_the_scratch_folder_of_a_killed_grader_is_removed_by_the_next_one(tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = tmp_path / f"autograder-zygote-{gone.pid}-abcd1234"
    (stale / "code").mkdir(parents=True)
    alive = tmp_path / f"autograder-zygote-{os.getpid()}-efgh5678"   # this process's: kept
    alive.mkdir()
    notebook = ROOT / "source_notebooks" / "concept_quiz" / "concept_quiz.ipynb"
    single = subprocess.run([str(BIN / "autograder"), "grade", "--assignment", "concept_quiz", str(notebook),
                             "--quiet"], env={**tool_environment(), "TMPDIR": str(tmp_path)},
                            capture_output=True, text=True, timeout=300)
    assert single.returncode == 0, single.stderr
    assert scratch_left(tmp_path) == [alive.name]
