"""A large class (issue 14): what must hold whatever the class size, checked on synthetic classes of
hundreds and thousands of students built from really graded notebooks (benchmarks/large_class.py).
Timings are `make bench`'s, never a test's.

- recording one more submission costs the same statements at 50 and at 500 students, and none of
  them reads a whole table of the class (the gradebook's indexes);
- the Canvas export gives every student of a 300-student class the score `nbgrader export` gives
  (manual scores, late penalties, a student who never submitted);
- the class report of 5,200 students stays under its page size, lists the first 5,000 and says so, the
  CSV beside it holds every student, and the page opens in a real browser;
- grade-all keeps each Report without its pictures once its files are written.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from autograder.config import tool_environment
from autograder.scenarios import Scenario, build_submission, load_scenarios

from conftest import ROOT, make_course

sys.path.insert(0, str(ROOT / "benchmarks"))
import large_class  # noqa: E402

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent
PAGE_LIMIT = 3 << 20   # bytes of the class report page, whatever the class size


@pytest.fixture(scope="module")
def reports(grade_batch) -> list:
    """Real Reports of four submissions: full marks, the stub, two realistic mistakes (at least three scores)."""
    wrong = [s for s in load_scenarios(ASSIGNMENT) if not s.full_marks][:2]
    notebooks = {"perfect": build_submission(ASSIGNMENT, Scenario("perfect", "")),
                 "stub": build_submission(ASSIGNMENT, Scenario("stub", "", base="release")),
                 **{s.name: build_submission(ASSIGNMENT, s) for s in wrong}}
    graded = grade_batch(ASSIGNMENT, notebooks)
    assert len({report.score for report in graded.values()}) >= 3  # full marks, the stub and a wrong one differ
    return list(graded.values())


@pytest.fixture(scope="module")
def gradebooks(tmp_path_factory, reports) -> dict[int, Path]:
    """Gradebooks holding 50 and 500 graded students (prefilled: record_report, then copies)."""
    root = make_course(tmp_path_factory.mktemp("prefilled"), ASSIGNMENT)
    small = root / "gradebook-50.db"
    large_class.prefill(root, 500, reports, snapshots=[(50, small)], assignment=ASSIGNMENT)
    return {50: small, 500: root / "gradebook.db"}


# ----------------------------------------------------------------------------- recording
def record_one(database: Path, report, student: str) -> list[tuple[str, tuple]]:
    """Record one new student's Report as grade-all does; every SQL statement it sent."""
    from sqlalchemy import event

    from autograder.sinks.gradebook import open_gradebook, record_report

    gradebook = open_gradebook(database)
    sent = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    event.listen(gradebook.db.get_bind(), "before_cursor_execute", seen)
    try:
        record_report(gradebook, report, student, ASSIGNMENT, datetime(2026, 11, 20, 10))
    finally:
        event.remove(gradebook.db.get_bind(), "before_cursor_execute", seen)
        gradebook.close()
    return sent


PER_STUDENT_TABLES = ("student", "submitted_assignment", "submitted_notebook", "grade", "comment")


def test_recording_a_submission_costs_the_same_statements_at_50_and_500_students(gradebooks, reports):
    sent = {size: record_one(database, reports[2], "newcomer") for size, database in gradebooks.items()}
    shapes = {size: [re.sub(r"\s+", " ", statement) for statement, _ in statements]
              for size, statements in sent.items()}
    assert len(shapes[50]) == len(shapes[500]) and shapes[50] == shapes[500]


def test_no_statement_of_a_recording_reads_a_whole_table_of_the_class(gradebooks, reports):
    """SQLite's plan of every statement: a table of the class (a row per student, per grade, per comment)
    is searched by an index, never scanned (a scan is O(class size) for every submission)."""
    database = gradebooks[500]
    sent = record_one(database, reports[1], "latecomer")
    connection = sqlite3.connect(database)
    scans = []
    for statement, parameters in sent:
        if not statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
            continue
        if isinstance(parameters, list) and parameters and isinstance(parameters[0], (tuple, list, dict)):
            parameters = parameters[0]  # an executemany: one row of its parameters is enough for the plan
        for row in connection.execute("EXPLAIN QUERY PLAN " + statement, parameters):
            found = re.match(r"SCAN (\w+)", row[-1])
            if found and found.group(1) in PER_STUDENT_TABLES:
                scans.append((row[-1], " ".join(statement.split())[:160]))
    connection.close()
    assert not scans, scans


# ----------------------------------------------------------------------------- exports
def test_the_canvas_export_gives_every_student_of_300_the_score_of_nbgrader_export(tmp_path, reports):
    from nbgrader.api import Gradebook

    root = make_course(tmp_path / "course", ASSIGNMENT)
    ids = large_class.prefill(root, 300, reports, assignment=ASSIGNMENT)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for student in ids[10:20]:  # a TA's manual score replaces an automatic one
            grade = gradebook.find_submission(ASSIGNMENT, student).notebooks[0].grades[0]
            grade.manual_score = grade.max_score / 2
        gradebook.add_student("absent", first_name="Ann", last_name="Absent")
        gradebook.db.commit()
    connection = sqlite3.connect(root / "gradebook.db")  # late penalties, as AssignLatePenalties leaves them
    connection.execute("UPDATE submitted_notebook SET late_submission_penalty = 1.5 WHERE assignment_id IN "
                       "(SELECT id FROM submitted_assignment WHERE student_id IN (?, ?, ?))", ids[20:23])
    connection.commit()
    connection.close()
    env = tool_environment()
    for argv in ([BIN / "nbgrader", "export", "--log-level=WARN"],
                 [BIN / "autograder", "export", "--format", "canvas", "--course-root", root, "--output",
                  root / "canvas.csv"]):
        done = subprocess.run([str(a) for a in argv], cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    with open(root / "grades.csv", newline="") as handle:
        nbgrader = {row["student_id"]: round(float(row["score"]), 6) for row in csv.DictReader(handle)}
    with open(root / "canvas.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))[1:]  # after "Points Possible"
    canvas = {row["SIS User ID"]: float(row[ASSIGNMENT]) for row in rows}  # 6 decimals at most (export.number)
    assert len(nbgrader) == 301 and canvas == nbgrader
    assert nbgrader["absent"] == 0.0
    assert any(nbgrader[student] != nbgrader[ids[i % 4]] for i, student in enumerate(ids) if 10 <= i < 23)


# ----------------------------------------------------------------------------- the class report
def test_the_class_report_of_5200_stays_small_and_its_csv_lists_every_student(tmp_path, reports):
    from autograder.report import without_figures
    from autograder.sinks import class_report

    n = class_report.MAX_STUDENT_ROWS + 200
    students = [f"s{i:05d}" for i in range(n - 1)] + ["=cmd|' /C calc'!A0"]  # an id that reads like a formula
    held = [(student, without_figures(reports[i % len(reports)])) for i, student in enumerate(students)]
    page = class_report.write_class_report(held, tmp_path / "reports" / f"{ASSIGNMENT}.html")
    html = page.read_text(encoding="utf-8")
    assert page.stat().st_size < PAGE_LIMIT
    table = html[html.index("id='students'"):]
    assert table.count("<tr><td>") == class_report.MAX_STUDENT_ROWS
    assert f"The first {class_report.MAX_STUDENT_ROWS} of {n} students" in html
    assert f"href='{ASSIGNMENT}-students.csv'" in html
    with open(tmp_path / "reports" / f"{ASSIGNMENT}-students.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == n and {row["student"] for row in rows} == set(students[:-1]) | {"'" + students[-1]}
    scores = {report.score for report in reports}
    assert {float(row["total"]) for row in rows} == scores


def test_the_class_report_of_5200_opens_in_a_real_browser(tmp_path, reports):
    from test_class_report import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make browser` as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    from autograder.report import without_figures
    from autograder.sinks import class_report

    n = class_report.MAX_STUDENT_ROWS + 200
    held = [(f"s{i:05d}", without_figures(reports[i % len(reports)])) for i in range(n)]
    page = class_report.write_class_report(held, tmp_path / f"{ASSIGNMENT}.html")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            view = browser.new_page(viewport={"width": 1100, "height": 1400})
            errors = []
            view.on("pageerror", lambda error: errors.append(str(error)))
            view.goto(page.as_uri(), wait_until="load")
            view.wait_for_function("Array.from(document.images).every(i => i.complete)")
            seen = view.evaluate("""() => ({
                rows: document.querySelectorAll('#students ~ div.wide table tr').length - 1,
                images: Array.from(document.images).filter(i => i.naturalWidth > 0).length,
                last: document.querySelector('#students ~ div.wide table tr:last-child td').innerText})""")
        finally:
            browser.close()
    assert not errors
    assert seen == {"rows": class_report.MAX_STUDENT_ROWS, "images": 2,
                    "last": f"s{class_report.MAX_STUDENT_ROWS - 1:05d}"}


# ----------------------------------------------------------------------------- grade-all's memory
def test_grade_all_keeps_reports_without_pictures_once_the_files_are_written(tmp_path):
    """The feedback and report.json have the plots; the Report grade-all keeps for the class report
    (one per student, until the end of the batch) has none."""
    from autograder.batch import grade_all
    from autograder.config import GradingConfig

    assignment = "gradient_descent"
    plot = next(s for s in load_scenarios(assignment) if s.name == "plot_shows_the_iterates")
    root = make_course(tmp_path / "course", assignment, {"cy": build_submission(assignment, plot)})
    status, graded = grade_all(assignment, GradingConfig(), root, jobs=1, quiet=True, out=lambda *_: None)
    assert status == 0 and [g.student for g in graded] == ["cy"]
    assert not any(result.figures for result in graded[0].report.results)
    stored = json.loads((root / "autograded" / "cy" / assignment / "report.json").read_text())
    assert any(result["figures"] for result in stored["results"])
    assert "data:image/png;base64," in (root / "feedback" / "cy" / assignment / f"{assignment}.html").read_text()
