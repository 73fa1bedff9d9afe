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
import tempfile
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


# --------------------------------------------------------------------------------- make bench's scale rows
SIZES = (300, 5000)       # students already graded in the gradebook
BATCHES = (10, 60)        # the same new submissions graded into each: marginal = (t60 - t10) / 50
ROUNDS = 2                # runs of each (size, batch), interleaved; the median counts
PAGE_LIMIT = 3 << 20      # the class report page, bytes
EXPORT_SECONDS = 60       # "seconds, not minutes"
MEMORY_LIMIT = 1.5        # GiB, peak RSS of grade-all's process tree


def reset(course: Path, gradebook: Path) -> None:
    for name in ("autograded", "feedback", "reports"):
        shutil.rmtree(course / name, ignore_errors=True)
    shutil.copy(gradebook, course / "gradebook.db")


def scale_rows(scratch: Path, pool: list[tuple[str, dict]], template: Path, log=print) -> list:
    """The scale rows of `make bench` (bench.Line): grade-all's marginal seconds per submission with a
    gradebook of 300 and of 5,000 students, its peak memory, `nbgrader export` and the Canvas export of
    5,000 students, and the class report of 5,000 (written from the pool's Reports as grade-all holds
    them, in a child process: its seconds, page size and peak memory)."""
    import statistics
    import time

    from bench import GIB, Line, first_line, timed, verdict

    started = time.perf_counter()
    scratch.mkdir(parents=True, exist_ok=True)
    saved = scratch / "reports.json"  # graded in a child process: no sandbox left in the benchmark's process
    subprocess.run([sys.executable, Path(__file__), "grade-pool", saved], check=True, env=tool_env(),
                   capture_output=True)
    reports = load_reports(saved)
    big = scratch / "gradebook-course"
    shutil.copytree(template, big)
    snapshots = {size: scratch / f"gradebook-{size}.db" for size in SIZES}
    prefill(big, max(SIZES), reports, snapshots=snapshots.items())
    log(f"  [scale] {len(reports)} Reports graded, gradebooks of {' and '.join(map(str, SIZES))} students "
        f"prefilled: {time.perf_counter() - started:.0f} s")
    courses = {}
    for n in BATCHES:
        courses[n] = scratch / f"batch-{n}"
        shutil.copytree(template, courses[n])
        add_submissions(courses[n], pool, n, prefix="b")
    runs: dict[tuple[int, int], list] = {(size, n): [] for size in SIZES for n in BATCHES}
    for _ in range(ROUNDS):
        for n in BATCHES:
            for size in SIZES:
                course = courses[n]
                reset(course, snapshots[size])
                run = timed([BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course, "--quiet"], course,
                            sample=True)
                graded = len(list((course / "autograded").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")))
                if run.ok and graded != n:
                    run.ok, run.error = False, f"only {graded} of {n} graded"
                runs[size, n].append(run)
                log(f"  [scale] grade-all of {n} into a gradebook of {size}: {run.seconds:.2f} s"
                    + ("" if run.ok else f"  FAILED: {first_line(run.error)}"))
    lines = []
    failed = [f"{n} into {size}: {first_line(r.error)}" for (size, n), rs in runs.items() for r in rs if not r.ok]
    if failed:
        lines.append(Line("grade-all into a large gradebook", "", "failed", "-", "-", "-", f"not measured: {failed[0]}"))
    else:
        seconds = {key: statistics.median(r.seconds for r in rs) for key, rs in runs.items()}
        small, large = BATCHES
        marginal = {size: (seconds[size, large] - seconds[size, small]) / (large - small) for size in SIZES}
        for size in SIZES:
            last = size == SIZES[-1]
            ratio = marginal[size] / marginal[SIZES[0]]
            lines.append(Line(
                f"grade-all of {large} and of {small} new submissions into a gradebook of {size:,} students "
                f"({ROUNDS} runs each): marginal = (t{large} - t{small}) / {large - small}",
                f"{large}/{small}", f"{seconds[size, large]:.2f} / {seconds[size, small]:.2f}", f"{marginal[size]:.3f}",
                f"{ratio:.2f}x (vs {SIZES[0]:,})" if last else "1.0",
                f"marginal s/sub at {size:,} <= 1.2x at {SIZES[0]:,}: {ratio:.2f}x" if last else "",
                verdict(ratio <= 1.2) if last else ""))
        peak = max(r.peak_rss for (size, _), rs in runs.items() for r in rs if size == SIZES[-1])
        lines.append(Line(f"grade-all: peak RSS of its process tree, gradebook of {SIZES[-1]:,} students", str(large),
                          "", "", "", f"< {MEMORY_LIMIT} GiB: {peak / GIB:.2f} GiB", verdict(peak < MEMORY_LIMIT * GIB)))
    n = max(SIZES)
    page = scratch / "reports" / f"{ASSIGNMENT}.html"
    child = timed([sys.executable, Path(__file__), "class-report", big / "gradebook.db", saved, str(n), page], scratch,
                  sample=True)
    if child.ok and page.exists():
        rows = len((page.with_name(f"{page.stem}-students.csv")).read_text(encoding="utf-8").splitlines()) - 1 \
            if page.with_name(f"{page.stem}-students.csv").exists() else 0
        size = page.stat().st_size
        lines.append(Line(f"class report of {n:,} students (the Reports as grade-all holds them; page, CSV of "
                          f"{rows:,} rows), in a child process", str(n), f"{child.seconds:.2f}", "", "",
                          f"< {EXPORT_SECONDS} s, page {size / (1 << 20):.2f} MB < {PAGE_LIMIT >> 20} MB "
                          f"(peak RSS {child.peak_rss / GIB:.2f} GiB)",
                          verdict(child.seconds < EXPORT_SECONDS and size < PAGE_LIMIT)))
    else:
        lines.append(Line(f"class report of {n:,} students", str(n), "failed", "-", "-", "-",
                          f"not measured: {first_line(child.error)}"))
    for label, argv in ((f"nbgrader export ({n:,} students)", [BIN / "nbgrader", "export", "--log-level=WARN"]),
                        (f"autograder export --format canvas ({n:,} students)",
                         [BIN / "autograder", "export", "--format", "canvas", "--course-root", big, "--force"])):
        run = timed(argv, big)
        lines.append(Line(label, str(n), f"{run.seconds:.2f}" if run.ok else "failed", "", "",
                          f"< {EXPORT_SECONDS} s" if run.ok else f"not measured: {first_line(run.error)}",
                          verdict(run.ok and run.seconds < EXPORT_SECONDS)))
        log(f"  [scale] {label}: {run.seconds:.2f} s")
    log(f"  [scale] done in {time.perf_counter() - started:.0f} s")
    return lines


def class_report_child(database: Path, saved: Path, n: int, page: Path) -> dict:
    """Write the class report of N students as grade-all does at the end of a batch: one Report per
    student, each its own object, kept as grade-all keeps them (report.without_figures where the grader
    has it), with the gradebook's grades of the prefilled students."""
    import pickle
    import time

    from autograder import report as module
    from autograder.sinks.class_report import write_class_report
    from autograder.sinks.gradebook import open_gradebook, read_recorded_grades

    keep = getattr(module, "without_figures", lambda report: report)
    reports = load_reports(saved)
    gradebook = open_gradebook(database)
    try:
        recorded = [read_recorded_grades(gradebook, ASSIGNMENT, student_id(i, "p"), ASSIGNMENT)
                    for i in range(len(reports))]
    finally:
        gradebook.close()
    blobs = [pickle.dumps(keep(report)) for report in reports]
    held = [(student_id(i, "p"), pickle.loads(blobs[i % len(blobs)])) for i in range(n)]
    grades = {student: recorded[i % len(recorded)] for i, (student, _) in enumerate(held)}
    started = time.perf_counter()
    write_class_report(held, page, recorded=grades)
    return {"seconds": time.perf_counter() - started, "bytes": page.stat().st_size}


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
    graded = sub.add_parser("grade-pool")
    graded.add_argument("out", type=Path)
    child = sub.add_parser("class-report")
    child.add_argument("database", type=Path)
    child.add_argument("reports", type=Path)
    child.add_argument("n", type=int)
    child.add_argument("page", type=Path)
    whole = sub.add_parser("e2e")
    whole.add_argument("folder", type=Path)
    whole.add_argument("n", type=int)
    whole.add_argument("--screenshot", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "grade-pool":
        with tempfile.TemporaryDirectory() as folder:
            save_reports(graded_pool(submission_pool(ASSIGNMENT), Path(folder)), args.out)
        return 0
    if args.command == "class-report":
        print(json.dumps(class_report_child(args.database, args.reports, args.n, args.page)))
        return 0
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
