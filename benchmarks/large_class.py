"""A synthetic large class (issue 14, part 2): for `make bench`'s scale rows, the end-to-end run of a
class of thousands, and the scale tests.

    build_class(folder, n, pool)         a course folder as an instructor has it after `nbgrader
                                         collect`: nbgrader_config.py, the source notebook, gradebook.db
                                         (from `nbgrader generate_assignment`) and N submissions
                                         submitted/<student>/<a>/<a>.ipynb with timestamp.txt, the
                                         scenario mix (bench.submission_pool) each varied (bench.varied)
    graded_pool(pool)                    real Reports: each distinct notebook of the pool graded once
    prefill(course, k, reports)          K already-graded students in gradebook.db, through the
                                         grader's own record_report, the pool's Reports reused in turn
                                         (a gradebook of 5,000 without grading 5,000 notebooks)

    .venv/bin/python benchmarks/large_class.py build DIR N       # a course of N collected submissions
    .venv/bin/python benchmarks/large_class.py prefill DIR K     # K graded students in DIR/gradebook.db
    .venv/bin/python benchmarks/large_class.py e2e DIR N         # the whole round trip of a class of N, timed
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench import ASSIGNMENT, BIN, ROOT, submission_pool, tool_env, varied  # noqa: E402

TIMESTAMP = "2026-11-20 10:00:00.000000 UTC"


def student_id(i: int, prefix: str = "s") -> str:
    return f"{prefix}{i:05d}"


def make_template(folder: Path, assignment: str = ASSIGNMENT) -> Path:
    """nbgrader_config.py, the source notebook and gradebook.db (`nbgrader generate_assignment`)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    shutil.copytree(ROOT / "source_notebooks" / assignment, folder / "source_notebooks" / assignment)
    done = subprocess.run([str(BIN / "nbgrader"), "generate_assignment", assignment, "--force", "--log-level=WARN"],
                          cwd=folder, env=tool_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment failed:\n{done.stderr[-3000:]}")
    return folder


def add_submissions(course: Path, pool: list[tuple[str, dict]], n: int, start: int = 0, prefix: str = "s",
                    seed: int = 14, assignment: str = ASSIGNMENT) -> list[str]:
    """submitted/<student>/<a>/<a>.ipynb and timestamp.txt for students start .. start+n-1: the pool's
    notebooks in turn, each varied (no two files equal, as in a real class). Returns the ids."""
    rng = random.Random(seed + start)
    ids = []
    for i in range(start, start + n):
        student = student_id(i, prefix)
        target = course / "submitted" / student / assignment
        target.mkdir(parents=True, exist_ok=True)
        notebook = varied(pool[i % len(pool)][1], rng)
        (target / f"{assignment}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        (target / "timestamp.txt").write_text(TIMESTAMP, encoding="utf-8")
        ids.append(student)
    return ids


def build_class(folder: Path, n: int, pool: list[tuple[str, dict]] | None = None, template: Path | None = None,
                assignment: str = ASSIGNMENT) -> Path:
    """A course of N collected submissions (copying `template`'s gradebook when given)."""
    pool = pool if pool is not None else submission_pool(assignment)
    if template is not None:
        shutil.copytree(template, folder)
    else:
        make_template(folder, assignment)
    add_submissions(folder, pool, n, assignment=assignment)
    return folder


def graded_pool(pool: list[tuple[str, dict]], folder: Path, assignment: str = ASSIGNMENT, config=None) -> list:
    """Each notebook of the pool graded once, by the engine grade-all uses (plots drawn): real Reports."""
    from autograder.config import GradingConfig
    from autograder.course import Submission
    from autograder.engine import grade_chunk

    folder.mkdir(parents=True, exist_ok=True)
    submissions = []
    for i, (name, notebook) in enumerate(pool):
        path = folder / f"{i:02d}-{name}.ipynb"
        path.write_text(json.dumps(notebook), encoding="utf-8")
        submissions.append(Submission(path.stem, folder, path, assignment))
    return grade_chunk(submissions, assignment, config or GradingConfig())


def save_reports(reports: list, path: Path) -> Path:
    from autograder.report import report_to_json

    path.write_text(json.dumps([report_to_json(r) for r in reports]), encoding="utf-8")
    return path


def load_reports(path: Path) -> list:
    from autograder.report import report_from_json

    return [report_from_json(data) for data in json.loads(path.read_text(encoding="utf-8"))]


def prefill(course: Path, k: int, reports: list, start: int = 0, prefix: str = "p", snapshots=(),
            assignment: str = ASSIGNMENT) -> list[str]:
    """K graded students (ids prefix00000 ...) in course/gradebook.db, fast: the first R (one per
    Report, R = len(reports)) recorded by the grader's own record_report, every further student a copy
    of the rows record_report wrote for the (i mod R)-th (student, submission, notebook, grades,
    comments; fresh ids), in one SQLite transaction: 5,000 students in seconds instead of minutes.
    `snapshots`: (size, path) pairs: a copy of the gradebook when it holds that many prefilled
    students. Returns the ids."""
    import sqlite3
    import uuid

    from autograder.sinks.gradebook import open_gradebook, record_report

    database = course / "gradebook.db"
    wanted = dict(snapshots)
    timestamp = datetime(2026, 11, 20, 10, 0, 0)
    ids = [student_id(i, prefix) for i in range(start, start + k)]
    recorded = ids[:len(reports)]
    gradebook = open_gradebook(database)
    try:
        for i, student in enumerate(recorded):
            record_report(gradebook, reports[i], student, assignment, timestamp)
            if i + 1 in wanted:
                shutil.copy(database, wanted[i + 1])
    finally:
        gradebook.close()
    if len(ids) == len(recorded):
        return ids
    connection = sqlite3.connect(database)
    try:
        templates = [_rows_of(connection, student) for student in recorded]
        for i, student in enumerate(ids[len(recorded):], start=len(recorded)):
            _insert_copy(connection, templates[i % len(templates)], student, lambda: uuid.uuid4().hex)
            if i + 1 in wanted:
                connection.commit()
                shutil.copy(database, wanted[i + 1])
        connection.commit()
    finally:
        connection.close()
    return ids


TABLES = ("student", "submitted_assignment", "submitted_notebook", "grade", "comment")


def _rows_of(connection, student: str) -> dict[str, list[dict]]:
    """Every row the gradebook holds for one student (nbgrader's schema), as column -> value."""
    def select(table, where, values):
        marks = ",".join("?" * len(values))
        cursor = connection.execute(f"SELECT * FROM {table} WHERE {where} IN ({marks})", values)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    rows = {"student": select("student", "id", [student])}
    rows["submitted_assignment"] = select("submitted_assignment", "student_id", [student])
    rows["submitted_notebook"] = select("submitted_notebook", "assignment_id",
                                        [row["id"] for row in rows["submitted_assignment"]])
    notebooks = [row["id"] for row in rows["submitted_notebook"]]
    rows["grade"] = select("grade", "notebook_id", notebooks)
    rows["comment"] = select("comment", "notebook_id", notebooks)
    return rows


def _insert_copy(connection, rows: dict[str, list[dict]], student: str, new_id) -> None:
    """The rows of _rows_of for another student: fresh primary keys, the references renamed."""
    renamed = {rows["student"][0]["id"]: student}
    for table in TABLES[1:]:
        for row in rows[table]:
            renamed[row["id"]] = new_id()
    references = {"student": (), "submitted_assignment": ("student_id",), "submitted_notebook": ("assignment_id",),
                  "grade": ("notebook_id",), "comment": ("notebook_id",)}
    for table in TABLES:
        if not rows[table]:
            continue
        names = list(rows[table][0])
        copies = [[renamed[row[name]] if name == "id" or name in references[table] else row[name] for name in names]
                  for row in rows[table]]
        connection.executemany(f"INSERT INTO {table} ({','.join(names)}) VALUES ({','.join('?' * len(names))})",
                               copies)


def run_timed(argv: list, cwd: Path, interval: float = 0.25) -> dict:
    """Run a command: wall clock, peak RSS and CPU of its process tree (bench.TreeSampler), and the time
    at which each line of its output came (seconds from the start)."""
    import time

    from bench import TreeSampler

    started = time.perf_counter()
    process = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=tool_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    sampler = TreeSampler(process.pid, interval)
    sampler.start()
    lines = [(time.perf_counter() - started, line.rstrip("\n")) for line in process.stdout]
    process.wait()
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    return {"seconds": seconds, "status": process.returncode, "peak_rss": sampler.peak_rss,
            "cpu_seconds": sampler.cpu_seconds, "peak_workers": sampler.peak_workers, "lines": lines}


def end_to_end(folder: Path, n: int, screenshot: Path | None = None) -> dict:
    """A class of N (the scenario mix) through `grade-all` (default --jobs), `nbgrader export`,
    `autograder export --format canvas`; the class report (written by grade-all) opened in headless
    chromium. Returns the figures (printed as JSON by `large_class.py e2e`)."""
    import os
    import time

    figures = {"n": n, "load_before": os.getloadavg()}
    started = time.perf_counter()
    build_class(folder, n)
    figures["build_seconds"] = time.perf_counter() - started
    graded = run_timed([BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", folder, "--quiet"], folder)
    lines = graded.pop("lines")
    at = {text.split(":")[0]: when for when, text in lines if text.startswith(("feedback:", "class report"))}
    figures["grade_all"] = {**graded, "graded": len(list((folder / "autograded").glob(f"*/{ASSIGNMENT}/*.ipynb"))),
                            "class_report_seconds": at.get("class report", 0.0) - at.get("feedback", 0.0),
                            "last_lines": [text for _, text in lines[-3:]]}
    figures["load_after_grading"] = os.getloadavg()
    exported = run_timed([BIN / "nbgrader", "export", "--log-level=WARN"], folder)
    exported.pop("lines")
    with open(folder / "grades.csv", encoding="utf-8") as handle:
        exported["rows"] = sum(1 for _ in handle) - 1
    figures["nbgrader_export"] = exported
    canvas = run_timed([BIN / "autograder", "export", "--format", "canvas", "--course-root", folder, "--force"], folder)
    canvas.pop("lines")
    with open(folder / "grades_canvas.csv", encoding="utf-8") as handle:
        canvas["rows"] = sum(1 for _ in handle) - 2
    figures["canvas_export"] = canvas
    page = folder / "reports" / f"{ASSIGNMENT}.html"
    table = folder / "reports" / f"{ASSIGNMENT}-students.csv"
    figures["class_report"] = {"bytes": page.stat().st_size if page.exists() else 0,
                               "csv_rows": (len(table.read_text(encoding="utf-8").splitlines()) - 1)
                               if table.exists() else 0}
    if screenshot is not None and page.exists():
        figures["browser"] = open_in_browser(page, screenshot)
    figures["load_after"] = os.getloadavg()
    figures["total_seconds"] = time.perf_counter() - started
    return figures


def open_in_browser(page: Path, screenshot: Path) -> dict:
    """The page in headless chromium (as tests/test_class_report.py opens it): load time, rows of the
    student table, images drawn, console errors, and a screenshot of its top."""
    import time

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            view = browser.new_page(viewport={"width": 1100, "height": 1400})
            errors = []
            view.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            view.on("pageerror", lambda error: errors.append(str(error)))
            started = time.perf_counter()
            view.goto(page.as_uri(), wait_until="load")
            view.wait_for_function("Array.from(document.images).every(i => i.complete)")
            seconds = time.perf_counter() - started
            seen = view.evaluate("""() => ({
                rows: document.querySelectorAll('#students ~ div.wide table tr').length - 1,
                images: Array.from(document.images).filter(i => i.naturalWidth > 0).length,
                height: document.body.scrollHeight})""")
            view.screenshot(path=str(screenshot))
            view.evaluate("document.getElementById('students').scrollIntoView()")
            view.screenshot(path=str(screenshot.with_name(screenshot.stem + "-students.png")))
        finally:
            browser.close()
    return {"load_seconds": seconds, "errors": errors, **seen}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build")
    build.add_argument("folder", type=Path)
    build.add_argument("n", type=int)
    fill = sub.add_parser("prefill")
    fill.add_argument("folder", type=Path)
    fill.add_argument("k", type=int)
    fill.add_argument("--reports", type=Path, help="reports saved by save_reports (default: grade the pool)")
    whole = sub.add_parser("e2e")
    whole.add_argument("folder", type=Path)
    whole.add_argument("n", type=int)
    whole.add_argument("--screenshot", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "e2e":
        print(json.dumps(end_to_end(args.folder.resolve(), args.n, args.screenshot), indent=1))
        return 0
    pool = submission_pool(ASSIGNMENT)
    if args.command == "build":
        build_class(args.folder.resolve(), args.n, pool)
    else:
        reports = (load_reports(args.reports) if args.reports
                   else graded_pool(pool, args.folder / "pool-reports"))
        prefill(args.folder.resolve(), args.k, reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
