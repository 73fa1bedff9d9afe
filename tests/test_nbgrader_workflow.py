"""The instructor's and the student's workflow of the README, with nbgrader's real commands:
generate, release, fetch, submit, collect, zip_collect, grade-all, release/fetch feedback, export."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from autograder.config import tool_environment

from conftest import ROOT

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent


def nbgrader(*args, cwd: Path, exchange: Path, user: str = "instructor"):
    env = tool_environment() | {"USER": user}
    done = subprocess.run([str(BIN / "nbgrader"), *args, f"--Exchange.root={exchange}", "--log-level=ERROR"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def test_release_submit_collect_grade_feedback_export(tmp_path):
    course, exchange, student_home = tmp_path / "course", tmp_path / "exchange", tmp_path / "student"
    for folder in (course, exchange, student_home):
        folder.mkdir()
    os.chmod(exchange, 0o777)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source_notebooks" / ASSIGNMENT, course / "source_notebooks" / ASSIGNMENT)

    nbgrader("generate_assignment", ASSIGNMENT, "--force", cwd=course, exchange=exchange)
    nbgrader("release_assignment", ASSIGNMENT, cwd=course, exchange=exchange)
    # the student fetches, works (here: keeps the stubs) and submits
    nbgrader("fetch_assignment", ASSIGNMENT, "--course", "dl-math-toolkit", cwd=student_home, exchange=exchange)
    assert (student_home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    nbgrader("submit", ASSIGNMENT, "--course", "dl-math-toolkit", cwd=student_home, exchange=exchange)
    nbgrader("collect", ASSIGNMENT, cwd=course, exchange=exchange)
    # a second student's work arrives as an LMS download
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "lms.zip", "w") as bundle:
        bundle.write(ROOT / "source_notebooks" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                     f"zoe_1234_5678_{ASSIGNMENT}.ipynb")
    nbgrader("zip_collect", ASSIGNMENT, "--force", cwd=course, exchange=exchange)
    submitted = sorted(p.parts[-3] for p in (course / "submitted").glob(f"*/{ASSIGNMENT}/*.ipynb"))
    assert len(submitted) == 2 and "zoe" in submitted

    graded = subprocess.run([str(BIN / "autograder"), "grade-all", ASSIGNMENT, "--quiet", "--call-seconds", "3"],
                            cwd=course, env=tool_environment(), capture_output=True, text=True, timeout=300)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    nbgrader("release_feedback", ASSIGNMENT, cwd=course, exchange=exchange)
    nbgrader("fetch_feedback", ASSIGNMENT, "--course", "dl-math-toolkit", cwd=student_home, exchange=exchange)
    fetched = list((student_home / ASSIGNMENT / "feedback").glob("*/*.html"))
    assert len(fetched) == 1 and "Score: 0 / 28" in fetched[0].read_text()

    nbgrader("export", cwd=course, exchange=exchange)
    with open(course / "grades.csv", newline="") as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert scores["zoe"] == 28.0
    assert sorted(scores.values()) == [0.0, 28.0]
