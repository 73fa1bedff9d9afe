"""One grade, whichever tool asks: nbgrader's own commands (autograde, generate_feedback,
release_feedback, fetch_feedback, zip_collect) give the hidden suites' grades and pages, exactly as
`autograder grade` and `autograder grade-all` do.

A class submits through nbgrader's exchange (release, fetch, submit, collect); the course is then
graded twice, by stock `nbgrader autograde` under the project's nbgrader_config.py and, in a copy,
by `autograder grade-all`, and the two gradebooks are compared row by row.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from autograder.config import course_secret, tool_environment
from autograder.scenarios import Scenario, build_submission, load_scenarios

from conftest import ROOT, generated_course
from test_assignments import hidden_code_lines

ASSIGNMENT = "gradient_descent"
COURSE_ID = "dl-math-toolkit"
BIN = Path(sys.executable).parent
LATE_POLICY = '\nc.LateSubmissionPlugin.penalty_method = "zero"\n'
TA_COMMENT = "Nice derivation; look again at the sign of the cubic term."


def released_points(assignment: str) -> int:
    """The assignment's total: the points of the released notebook's grade cells (nbgrader's max score)."""
    notebook = json.loads((ROOT / "assignments" / assignment / f"{assignment}.ipynb").read_text())
    points = sum(cell["metadata"]["nbgrader"].get("points", 0) for cell in notebook["cells"]
                 if cell["metadata"].get("nbgrader", {}).get("grade"))
    return int(points) if float(points).is_integer() else points


MAX = released_points(ASSIGNMENT)


def nbgrader_command(*args, exchange: Path, user: str = "instructor", home: Path | None = None):
    env = tool_environment() | {"USER": user, "LOGNAME": user}
    if home is not None:
        env["HOME"] = str(home)
    return [str(BIN / "nbgrader"), *args, f"--Exchange.root={exchange}"], env


def nbgrader(*args, cwd: Path, exchange: Path, user: str = "instructor", home: Path | None = None,
             check: bool = True):
    argv, env = nbgrader_command(*args, exchange=exchange, user=user, home=home)
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def every_student(step, students: dict[str, Path], exchange: Path, *args) -> None:
    """One nbgrader command per student (each in their home, as themselves), all at once."""
    running = {}
    for student, home in students.items():
        argv, env = nbgrader_command(step, ASSIGNMENT, "--course", COURSE_ID, *args, f"--student={student}"
                                     if step != "fetch_assignment" else "--log-level=WARN",
                                     exchange=exchange, user=student, home=home)
        running[student] = subprocess.Popen(argv, cwd=home, env=env, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True)
    for student, process in running.items():
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, f"{student}: nbgrader {step}:\n{out}\n{err}"


def wrong_scenario() -> Scenario:
    """The first wrong scenario of the catalogue that names its mistake, built on the solved release."""
    scenario = next(s for s in load_scenarios(ASSIGNMENT) if not s.full_marks and s.message and s.cells)
    return Scenario(scenario.name, scenario.summary, scenario.cells, loses=scenario.loses,
                    message=scenario.message, base="solved")


def tampered_notebook() -> dict:
    """A solved notebook whose locked imports cell was edited and whose 'report' grade cell was deleted."""
    notebook = build_submission(ASSIGNMENT, Scenario("tampered", "", base="solved"))
    cells = []
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id == "imports":
            cell["source"] = "import numpy as np\nimport matplotlib.pyplot as plt\nprint('edited')"
        if grade_id == "report":
            continue
        cells.append(cell)
    notebook["cells"] = cells
    return notebook


def edited_metadata_notebook() -> dict:
    """A solved notebook whose nbgrader metadata the student edited: a grade cell's points are text, its
    grade flag is off, and a solution cell's metadata is not even a dict."""
    notebook = build_submission(ASSIGNMENT, Scenario("meta", "", base="solved"))
    for cell in notebook["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade_id") == "derivative":
            cell["metadata"]["nbgrader"] = {**meta, "points": "all of them", "grade": "yes"}
        if meta.get("grade_id") == "report_code":
            cell["metadata"]["nbgrader"] = "trust me"
    return notebook


def class_notebooks() -> dict[str, dict]:
    return {
        "meta": edited_metadata_notebook(),
        "stub": build_submission(ASSIGNMENT, Scenario("stub", "", base="release")),
        "perfect": build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved")),
        "wrong": build_submission(ASSIGNMENT, wrong_scenario()),
        "tampered": tampered_notebook(),
        "late": build_submission(ASSIGNMENT, Scenario("late", "", base="solved")),
    }


def gradebook_rows(database: Path) -> dict[str, list]:
    """Every row nbgrader's autograde writes: students, submissions, notebooks, grades, comments."""
    queries = {
        "students": "select id, first_name, last_name, email, lms_user_id from student order by 1",
        "submissions": "select student_id, timestamp from submitted_assignment order by 1",
        "notebooks": ("select sa.student_id, sn.late_submission_penalty, sn.flagged from submitted_notebook sn "
                      "join submitted_assignment sa on sn.assignment_id = sa.id order by 1"),
        "grades": ("select sa.student_id, c.name, g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade "
                   "from grade g join base_cell c on g.cell_id = c.id join submitted_notebook sn on g.notebook_id = sn.id "
                   "join submitted_assignment sa on sn.assignment_id = sa.id order by 1, 2"),
        "comments": ("select sa.student_id, c.name, m.auto_comment, m.manual_comment from comment m "
                     "join base_cell c on m.cell_id = c.id join submitted_notebook sn on m.notebook_id = sn.id "
                     "join submitted_assignment sa on sn.assignment_id = sa.id order by 1, 2"),
    }
    with sqlite3.connect(database) as connection:
        return {name: connection.execute(query).fetchall() for name, query in queries.items()}


def problem_grades(database: Path) -> dict[str, dict[str, float]]:
    grades: dict[str, dict[str, float]] = {}
    for student, problem, auto, manual, extra, _ in gradebook_rows(database)["grades"]:
        grades.setdefault(student, {})[problem] = manual if manual is not None else auto
    return grades


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class submitted through the exchange, then graded by `nbgrader autograde` (course/) and by
    `autograder grade-all` (a copy of it, cli/)."""
    base = tmp_path_factory.mktemp("nbgrader_commands")
    course, exchange, homes = base / "course", base / "exchange", base / "homes"
    for folder in (course, exchange, homes):
        folder.mkdir()
    exchange.chmod(0o777)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(LATE_POLICY)
    shutil.copytree(ROOT / "source_notebooks" / ASSIGNMENT, course / "source_notebooks" / ASSIGNMENT)
    due = datetime.now(timezone.utc) + timedelta(days=1)
    nbgrader("db", "assignment", "add", ASSIGNMENT, f"--duedate={due:%Y-%m-%d %H:%M:%S} UTC",
             cwd=course, exchange=exchange)
    nbgrader("generate_assignment", ASSIGNMENT, "--force", cwd=course, exchange=exchange)
    nbgrader("release_assignment", ASSIGNMENT, cwd=course, exchange=exchange)
    notebooks = class_notebooks()
    students = {student: homes / student for student in notebooks}
    for home in students.values():
        home.mkdir()
    every_student("fetch_assignment", students, exchange)
    for student, notebook in notebooks.items():
        (students[student] / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(notebook))
    every_student("submit", students, exchange)
    nbgrader("collect", ASSIGNMENT, cwd=course, exchange=exchange)
    late = course / "submitted" / "late" / ASSIGNMENT / "timestamp.txt"
    late.write_text(f"{due + timedelta(hours=5):%Y-%m-%d %H:%M:%S.%f} UTC")
    course_secret(course)  # the course's secret (both copies grade with it: the same hidden inputs)
    cli = base / "cli"
    shutil.copytree(course, cli)

    # both fronts at once, each on its own copy of the course
    argv, env = nbgrader_command("autograde", ASSIGNMENT, exchange=exchange)
    autograde = subprocess.Popen(argv, cwd=course, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    batch = subprocess.Popen([str(BIN / "autograder"), "grade-all", ASSIGNMENT, "--quiet"], cwd=cli,
                             env=tool_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    autograde_out, autograde_err = autograde.communicate(timeout=600)
    batch_out, batch_err = batch.communicate(timeout=600)
    assert autograde.returncode == 0, autograde_out + autograde_err
    assert batch.returncode == 0, batch_out + batch_err
    return {"course": course, "cli": cli, "exchange": exchange, "homes": homes,
            "autograde_log": autograde_out + autograde_err, "batch": batch_out}


def single_grades(course: Path, students) -> dict[str, dict[str, float]]:
    """`autograder grade` of each submitted notebook, on the hidden inputs its autograding drew (the salt
    in autograded/.../report.json): problem -> score, from its results.json."""
    runs = {}
    for student in students:
        notebook = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        results = course.parent / f"single-{student}.json"
        salt = json.loads((course / "autograded" / student / ASSIGNMENT / "report.json").read_text())["salt"]
        runs[student] = (results, subprocess.Popen(
            [str(BIN / "autograder"), "grade", "--assignment", ASSIGNMENT, str(notebook), "--results", str(results),
             "--salt", salt, "--quiet"], env=tool_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True))
    grades = {}
    for student, (results, process) in runs.items():
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        scores: dict[str, float] = {}
        for test in json.loads(results.read_text())["tests"]:
            problem = test["name"].split(":", 1)[0]
            scores[problem] = scores.get(problem, 0.0) + test["score"]
        grades[student] = scores
    return grades


def joined(text) -> str:
    """A notebook text field: a string or a list of lines."""
    return "".join(text) if isinstance(text, list) else text


# ----------------------------------------------------------------------------- autograde
def test_nbgrader_autograde_gives_each_problem_the_score_of_autograder_grade(graded):
    course = graded["course"]
    recorded = problem_grades(course / "gradebook.db")
    assert set(recorded) == set(class_notebooks())
    single = single_grades(course, recorded)
    for student, scores in recorded.items():
        assert scores == pytest.approx(single[student], abs=1e-9), student
    assert set(recorded["stub"].values()) == {0.0}
    full = {problem: points for problem, points in single["perfect"].items()}
    assert recorded["perfect"] == full and sum(full.values()) == MAX
    wrong = recorded["wrong"]
    assert 0 < sum(wrong.values()) < MAX
    assert all(wrong[problem] < full[problem] for problem in wrong_scenario().loses)
    assert recorded["tampered"] == full  # the edited locked cell restored, the deleted grade cell put back
    assert "cannot be converted to a float" not in graded["autograde_log"]


def test_nbgrader_autograde_and_grade_all_leave_identical_gradebook_rows(graded):
    by_nbgrader = gradebook_rows(graded["course"] / "gradebook.db")
    by_grade_all = gradebook_rows(graded["cli"] / "gradebook.db")
    for table in by_nbgrader:
        assert by_nbgrader[table] == by_grade_all[table], table
    penalties = {student: penalty for student, penalty, _ in by_nbgrader["notebooks"]}
    assert penalties["late"] == MAX and not penalties["perfect"]  # the course's 'zero' late policy
    # nbgrader's own export agrees with the class table grade-all printed
    nbgrader("export", cwd=graded["cli"], exchange=graded["exchange"])
    with open(graded["cli"] / "grades.csv", newline="") as handle:
        exported = {row["student_id"]: row["score"] for row in csv.DictReader(handle)}
    printed = {line.split()[0]: next(token for token in reversed(line.split()) if re.fullmatch(rf"[\d.]+/{MAX}", token))
               for line in graded["batch"].splitlines() if line.split() and line.split()[0] in exported}
    assert printed.keys() == exported.keys()
    for student, score in exported.items():
        assert float(score) == float(printed[student].split("/")[0]), (student, score, printed[student])
    comments = {(s, cell): auto for s, cell, auto, _ in by_nbgrader["comments"]}
    assert comments[("stub", "derivative_code")] == "No response."
    assert comments[("perfect", "derivative_code")] is None


def test_graded_notebooks_show_the_lost_points_in_their_grade_cells_and_no_hidden_code(graded):
    hidden = hidden_code_lines(ASSIGNMENT)
    for root in (graded["course"], graded["cli"]):
        notebook = json.loads((root / "autograded" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
        text = {}
        for cell in notebook["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                text[meta["grade_id"]] = "".join(joined(o.get("text", "")) + joined(o.get("data", {}).get("text/plain", ""))
                                                 for o in cell["outputs"])
        losing = wrong_scenario().loses[0]
        assert f"{losing}: " in text[losing] and "lost" in text[losing], text[losing]
        message = wrong_scenario().message
        assert re.search(message, " ".join(text[losing].split())), (message, text[losing])
        everything = "\n".join(text.values())
        assert not [line for line in hidden if line in everything]


# ----------------------------------------------------------------------------- feedback and manual grades
def test_manual_grades_survive_regrading_and_reach_the_feedback_released_by_nbgrader(graded, tmp_path):
    from nbgrader.api import Gradebook

    # copies of the graded courses: the module's courses stay as graded for the other tests
    course, cli = (shutil.copytree(graded[name], tmp_path / name) for name in ("course", "cli"))
    exchange = graded["exchange"]
    problem = wrong_scenario().loses[0]
    for root in (course, cli):
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
            grade = gradebook.find_grade(problem, ASSIGNMENT, ASSIGNMENT, "wrong")
            grade.manual_score = 2.5
            grade.needs_manual_grade = False  # as formgrader does when a TA enters a score
            comment = gradebook.find_comment(f"{problem}_code", ASSIGNMENT, ASSIGNMENT, "wrong")
            comment.manual_comment = TA_COMMENT
            gradebook.db.commit()
    nbgrader("autograde", ASSIGNMENT, "--force", "--student=wrong", cwd=course, exchange=exchange)
    again = subprocess.run([str(BIN / "autograder"), "grade-all", ASSIGNMENT, "--student", "wrong"], cwd=cli,
                           env=tool_environment(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert gradebook_rows(course / "gradebook.db") == gradebook_rows(cli / "gradebook.db")
    rows = {(s, p): (auto, manual, flag) for s, p, auto, manual, _, flag in gradebook_rows(course / "gradebook.db")["grades"]}
    auto, manual, flagged = rows[("wrong", problem)]
    assert manual == 2.5 and not flagged and auto != manual
    row = next(line for line in again.stdout.splitlines() if line.startswith("wrong "))
    assert "2.5/" in row and "*" in row  # the terminal table shows the score the gradebook exports

    nbgrader("generate_feedback", ASSIGNMENT, "--force", cwd=course, exchange=exchange)
    page = (course / "feedback" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert TA_COMMENT.replace("'", "&#39;") in page and "scored by the course staff" in page
    cli_page = (cli / "feedback" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert page == cli_page  # the same page, whichever command wrote it
    nbgrader("release_feedback", ASSIGNMENT, cwd=course, exchange=exchange)
    home = graded["homes"] / "wrong"
    nbgrader("fetch_feedback", ASSIGNMENT, "--course", COURSE_ID, "--student=wrong", cwd=home, exchange=exchange,
             user="wrong", home=home)
    fetched = list((home / ASSIGNMENT / "feedback").glob("*/*.html"))
    assert len(fetched) == 1
    released = fetched[0].read_text()
    assert re.search(wrong_scenario().message, released)
    assert TA_COMMENT.replace("'", "&#39;") in released
    total = sum(score for (s, _), (a, m, _) in rows.items() if s == "wrong" for score in [m if m is not None else a])
    assert f"Score: {total:g} / {MAX}" in released


def test_generate_feedback_of_every_student_is_the_page_grade_all_wrote(graded):
    course, cli, exchange = graded["course"], graded["cli"], graded["exchange"]
    nbgrader("generate_feedback", ASSIGNMENT, "--force", cwd=course, exchange=exchange)
    for student in class_notebooks():
        ours = (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        assert "Hidden tests compared your functions" in ours
        assert (course / "feedback" / student / ASSIGNMENT / "submission_secret.txt").exists()
        assert ours == (cli / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(), student
    late = (course / "feedback" / "late" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert f"Late submission: {MAX} point(s) deducted" in late and f"Score: 0 / {MAX}" in late
    nbgrader("release_feedback", ASSIGNMENT, cwd=course, exchange=exchange)


# ----------------------------------------------------------------------------- collection
def test_canvas_resubmissions_and_renamed_notebooks_keep_their_grade_in_the_gradebook(tmp_path):
    """zip_collect of a Canvas download (a `-1` resubmission, a LATE marker, a renamed file), then
    grade-all: each student's gradebook row holds the score grade-all printed."""
    course, exchange = tmp_path / "course", tmp_path / "exchange"
    exchange.mkdir()
    shutil.copytree(generated_course(ASSIGNMENT), course)  # after nbgrader generate_assignment
    solved = json.dumps(build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved")))
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "submissions.zip", "w") as bundle:
        bundle.writestr(f"ann_LATE_1234_5678_{ASSIGNMENT}-1.ipynb", solved)
        bundle.writestr(f"bob_2345_6789_{ASSIGNMENT}.ipynb", solved)
    nbgrader("zip_collect", ASSIGNMENT, "--force", cwd=course, exchange=exchange)
    assert (course / "submitted" / "ann" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    renamed = course / "submitted" / "cat" / ASSIGNMENT
    renamed.mkdir(parents=True)
    (renamed / "my work (final).ipynb").write_text(solved)
    two = course / "submitted" / "dan" / ASSIGNMENT
    two.mkdir(parents=True)
    (two / "draft.ipynb").write_text(solved)
    (two / "final.ipynb").write_text(solved)
    batch = subprocess.run([str(BIN / "autograder"), "grade-all", ASSIGNMENT], cwd=course, env=tool_environment(),
                           capture_output=True, text=True, timeout=300)
    assert batch.returncode == 0, batch.stdout + batch.stderr
    printed = {line.split()[0]: line.split()[-1] for line in batch.stdout.splitlines()
               if line.split() and line.split()[0] in ("ann", "bob", "cat", "dan")}
    grades = problem_grades(course / "gradebook.db")
    for student in ("ann", "bob", "cat"):
        assert printed[student] == f"{MAX}/{MAX}" and sum(grades[student].values()) == MAX, student
    assert printed["dan"] == f"0/{MAX}" and sum(grades["dan"].values()) == 0
    assert "not graded: dan: the submission holds 2 notebooks" in batch.stdout
    assert "note: cat: graded my work (final).ipynb as gradient_descent.ipynb" in batch.stdout
    flagged = {(s, p): flag for s, p, _, _, _, flag in gradebook_rows(course / "gradebook.db")["grades"]}
    assert all(flagged[("dan", p)] for p in grades["dan"]) and not any(flagged[("cat", p)] for p in grades["cat"])
    for student in ("ann", "bob", "cat", "dan"):  # formgrader finds every graded notebook
        assert (course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()


# ----------------------------------------------------------------------------- set-up
def test_venv_nbgrader_creates_a_gradebook_without_the_venv_on_path(tmp_path):
    """nbgrader runs `alembic` by name when it creates a gradebook; nbgrader_config.py puts the venv's
    bin/ on PATH, so `.venv/bin/nbgrader ...` works from a shell that never activated the venv."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "source_notebooks" / "two_layer_network", tmp_path / "source_notebooks" / "two_layer_network")
    done = subprocess.run([str(BIN / "nbgrader"), "generate_assignment", "two_layer_network", "--log-level=ERROR"],
                          cwd=tmp_path, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "gradebook.db").exists()
    assert (tmp_path / "assignments" / "two_layer_network" / "two_layer_network.ipynb").exists()


@pytest.mark.parametrize("path", ["gradebook.db", "grades.csv", "grades_canvas.csv", "downloaded/a/archive/x.zip",
                                  "submitted/s/a/a.ipynb", "autograded/s/a/report.json", "feedback/s/a/a.html",
                                  "reports/a.html"])
def test_student_data_is_git_ignored(path):
    done = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT)
    assert done.returncode == 0, f"{path} holds student data and must be git-ignored"
