"""Answers cannot be harvested from feedback: every notebook is tested on hidden inputs of its own (a
salt from the course's secret and the notebook's bytes), and before the due date the students' feedback
says what was compared, on which input, and what came, never the expected value."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from autograder.config import GradingConfig, feedback_detail
from autograder.scenarios import build_submission, load_scenarios
from autograder.sinks.feedback_html import render
from autograder.sinks.results_json import to_gradescope
from autograder.suite.run import derive_salt, grade_many

from conftest import TEST_LIMITS, make_course, write_notebook

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent


def wrong_notebook() -> dict:
    """A realistic wrong submission that fails tests on random hidden inputs."""
    scenario = next(s for s in load_scenarios(ASSIGNMENT) if s.name == "sigmoid_with_the_sign_flipped")
    return build_submission(ASSIGNMENT, scenario)


def with_comment(notebook: dict) -> dict:
    """The same code with one more comment: another notebook, as a resubmission is."""
    cells = [dict(cell) for cell in notebook["cells"]]
    first = next(i for i, cell in enumerate(cells) if cell["cell_type"] == "code")
    cells[first]["source"] = "# resubmitted\n" + "".join(cells[first]["source"])
    return {**notebook, "cells": cells}


def inputs_of(report) -> list[str]:
    return [r.comparison.inputs for r in report.results if r.comparison is not None and r.comparison.inputs]


def test_the_same_notebook_draws_the_same_inputs_and_another_notebook_draws_new_ones(tmp_path):
    config = GradingConfig(limits=TEST_LIMITS, secret=b"a course secret")
    first = write_notebook(tmp_path, wrong_notebook(), "first.ipynb")
    again = write_notebook(tmp_path, wrong_notebook(), "again.ipynb")
    resubmitted = write_notebook(tmp_path, with_comment(wrong_notebook()), "resubmitted.ipynb")
    reports = grade_many([first, again, resubmitted], ASSIGNMENT, config)
    assert reports[0].salt == reports[1].salt == derive_salt(b"a course secret", first.read_bytes())
    assert inputs_of(reports[0]) == inputs_of(reports[1]) and inputs_of(reports[0])  # a regrade is reproducible
    assert reports[2].salt != reports[0].salt
    assert inputs_of(reports[2]) != inputs_of(reports[0])  # fresh hidden inputs for a changed notebook
    assert reports[2].score == reports[0].score  # the same mistake loses the same points on any inputs
    other_course = grade_many([first], ASSIGNMENT, GradingConfig(limits=TEST_LIMITS, secret=b"another course"))[0]
    assert inputs_of(other_course) != inputs_of(reports[0])  # and another course (or term) draws its own


def test_before_the_due_date_the_feedback_never_shows_an_expected_value(grade_batch):
    report = grade_batch(ASSIGNMENT, {"wrong": wrong_notebook()})["wrong"]
    revealing = [r.comparison for r in report.results if r.comparison is not None and r.comparison.reveals]
    assert revealing, "the scenario must fail value comparisons"
    explained = render(report, "s", detail="explain") + json.dumps(to_gradescope(report, "explain"))
    full = render(report, "s", detail="full") + json.dumps(to_gradescope(report, "full"))
    for comparison in revealing:
        hidden = comparison.expected
        assert hidden not in explained, f"an expected value reached the students' feedback: {hidden[:80]}"
        assert hidden in full.replace("&#39;", "'"), "after the due date the feedback shows it"
        assert comparison.got[:40] in explained.replace("&#39;", "'")  # what came is shown
    assert "the expected values are shown once the due date has passed" in " ".join(explained.split())


def test_the_detail_of_feedback_follows_the_due_date():
    now = datetime(2026, 12, 1, 12, 0)
    assert feedback_detail("auto", None, now) == "explain"
    assert feedback_detail("auto", now + timedelta(hours=1), now) == "explain"
    assert feedback_detail("auto", now - timedelta(hours=1), now) == "full"
    assert feedback_detail("explain", now - timedelta(days=9), now) == "explain"
    assert feedback_detail("full", None, now) == "full"


def test_grade_all_shows_expected_values_only_once_the_due_date_has_passed(tmp_path):
    def expected_shown(due: str) -> bool:
        course = make_course(tmp_path / due.replace(" ", "_"), ASSIGNMENT, {"ada": wrong_notebook()})
        added = subprocess.run([str(BIN / "nbgrader"), "db", "assignment", "add", ASSIGNMENT, f"--duedate={due}"],
                               cwd=course, capture_output=True, text=True)
        assert added.returncode == 0, added.stderr
        done = subprocess.run([str(BIN / "autograder"), "grade-all", ASSIGNMENT, "--quiet"], cwd=course,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        page = (course / "feedback" / "ada" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        stored = json.loads((course / "autograded" / "ada" / ASSIGNMENT / "report.json").read_text())
        values = [r["comparison"]["expected"] for r in stored["results"]
                  if r["comparison"] and r["comparison"]["reveals"]]
        assert values
        return any(value in page.replace("&#39;", "'") for value in values)

    assert not expected_shown("2999-01-01 00:00:00 UTC")
    assert expected_shown("2000-01-01 00:00:00 UTC")
