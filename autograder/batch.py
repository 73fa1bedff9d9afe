"""`autograder grade-all A`: grade every collected submission into nbgrader's gradebook.

Reads `submitted/<student>/<A>/` (left by `nbgrader collect` or `zip_collect`; course.py decides
which notebook is graded), grades the submissions in parallel (`--jobs`, one grading process per
core, engine.grade_chunk), and for each student writes, in the parent process only (one writer for
the gradebook):
    gradebook.db                              automatic scores, one transaction per submission
    autograded/<student>/<A>/<nb>.ipynb       the graded notebook, report.json, results.json
    feedback/<student>/<A>/<nb>.html          what `nbgrader release_feedback` releases
and, after a full run (no --student), the class report reports/<A>.html (for the staff only).
`nbgrader autograde` gives the same rows and pages (autograder/nbgrader_plugin.py).
"""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from . import course
from .config import GradingConfig
from .engine import grade_chunk
from .errors import UsageError
from .progress import Progress
from .report import Report
from .suite.run import check_assignment
from .sinks.class_report import write_class_report
from .sinks.common import write_text
from .sinks.feedback_html import write_feedback
from .sinks.gradebook import (RecordedGrades, find_assignment, late_submission_plugin, open_gradebook,
                              record_report, writing)
from .sinks.notebook_outputs import graded_notebook


@dataclass(frozen=True)
class Graded:
    """One student's result: the Report of the hidden suite and what the gradebook now holds."""

    student: str
    report: Report
    recorded: RecordedGrades | None = None
    note: str = ""  # what was decided about the submitted files (course.Submission.note)


def chunks(submissions: list, jobs: int, largest: int = 8) -> list[list]:
    """Groups of submissions that share one suite run: small enough to keep every core busy and
    the progress moving, large enough to spread pytest's start-up."""
    size = max(1, min(largest, len(submissions) // (4 * max(1, jobs))))
    return [submissions[i:i + size] for i in range(0, len(submissions), size)]


def _read_json(path: Path, max_bytes: int):
    """A notebook's JSON for the graded copy (None when it cannot be read as one)."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("cells"), list) else None


def write_student_files(course_root: Path, submission: course.Submission, report: Report,
                        recorded: RecordedGrades | None, release: dict | None, max_bytes: int) -> None:
    """autograded/<student>/<a>/ (graded notebook, report, results, timestamp, secret) and the
    feedback page, as nbgrader's autograde and generate_feedback leave them."""
    assignment, name = report.assignment, submission.notebook_name
    timestamp = course.read_timestamp(submission.folder)
    secret = course.submission_secret(submission.folder)
    autograded = Path(course_root) / "autograded" / submission.student / assignment
    base = None if submission.refused else _read_json(submission.notebook, max_bytes)
    base = base if base is not None else release
    if base is not None:
        notebook = graded_notebook(base, release, report)
        write_text(autograded / f"{name}.ipynb", json.dumps(notebook, indent=1, ensure_ascii=False))
    course.write_grading_files(autograded, report, timestamp, secret)

    feedback = Path(course_root) / "feedback" / submission.student / assignment
    write_feedback(report, feedback / f"{name}.html", student=submission.student, recorded=recorded)
    write_text(feedback / course.TIMESTAMP_FILE, course.timestamp_text(timestamp))
    write_text(feedback / course.SECRET_FILE, secret)


def grade_all(assignment: str, config: GradingConfig, course_root: Path, jobs: int = 1,
              quiet: bool = False, only=None, out=print) -> tuple[int, list[Graded]]:
    """Grade, record and print the class table; return (exit status, [Graded] by student)."""
    check_assignment(config, assignment)
    database = course_root / "gradebook.db"
    if not database.exists():
        raise UsageError(f"no gradebook at {database}: run `nbgrader generate_assignment {assignment}` first")
    gradebook = open_gradebook(database)
    try:
        notebooks = [notebook.name for notebook in find_assignment(gradebook, assignment).notebooks]
        if len(notebooks) != 1:
            raise UsageError(f"assignment {assignment!r} has {len(notebooks)} notebooks in the gradebook; "
                             "the hidden suites grade exactly one notebook per assignment")
        submissions = course.find_submissions(course_root, assignment, notebooks[0], only)
        if not submissions:
            raise UsageError(f"no submissions under {course_root / 'submitted'}/<student>/{assignment}/")
        gradebook.db.rollback()  # hold no transaction open while grading
        graded = _grade_in_pool(submissions, assignment, config, jobs, quiet, gradebook, course_root)
    finally:
        gradebook.close()
    out(class_table(graded))
    out(f"feedback: {course_root / 'feedback'}/<student>/{assignment}/   gradebook: {database}")
    if only is None:  # a regrade of some students would leave the others out of the class report
        try:
            path = write_class_report([(g.student, g.report) for g in graded],
                                      course_root / "reports" / f"{assignment}.html",
                                      recorded={g.student: g.recorded for g in graded if g.recorded})
            out(f"class report: {path}")
        except Exception as exc:  # the grades are recorded; a report that fails to draw loses nothing
            out(f"class report not written: {type(exc).__name__}: {exc}")
    return (3 if any(g.report.grader_fault for g in graded) else 0), graded


def _grade_in_pool(submissions, assignment, config, jobs, quiet, gradebook, course_root) -> list[Graded]:
    progress = Progress(len(submissions), f"grading {assignment}", quiet)
    max_bytes = config.limits.notebook_mb << 20
    release = _read_json(config.root / "assignments" / assignment / f"{assignment}.ipynb", max_bytes)
    late_plugin = late_submission_plugin(course_root)
    graded = []
    preload_matplotlib()  # once here, instead of once in every pool process
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        futures = {pool.submit(grade_chunk, chunk, assignment, config): chunk
                   for chunk in chunks(submissions, jobs)}
        for future in as_completed(futures):
            for submission, report in zip(futures[future], future.result()):
                with writing(course_root / "gradebook.db"):
                    recorded = record_report(gradebook, report, submission.student, submission.notebook_name,
                                             course.read_timestamp(submission.folder), late_plugin)
                write_student_files(course_root, submission, report, recorded, release, max_bytes)
                graded.append(Graded(submission.student, report, recorded, submission.note))
                total = recorded.score if recorded is not None else report.score
                outcome = f"{total:g}/{report.max_score:g}" + (" GRADER FAULT" if report.grader_fault else "")
                progress.advance(submission.student, outcome)
    return sorted(graded, key=lambda g: g.student)


def preload_matplotlib() -> None:
    """The reference's plots (expected figures) and the feedback's PNGs need pyplot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401


def _cell(grade) -> str:
    text = f"{grade.score:g}/{grade.max_score:g}"
    return text + "*" if grade.by_staff else text


def class_table(graded: list[Graded]) -> str:
    """The class's scores as the gradebook holds them (`nbgrader export`): a `*` marks a problem a
    TA scored by hand; `late -x` a late penalty."""
    if not graded:
        return "(no submissions)"
    problems = list(dict.fromkeys(p for g in graded for p in g.report.problems()))
    header = ["student"] + problems + ["total"]
    rows, manual = [], False
    for entry in graded:
        scores, recorded = entry.report.problems(), entry.recorded
        if recorded is not None:
            cells = [_cell(recorded.problems[p]) if p in recorded.problems else "-" for p in problems]
            manual |= any(grade.by_staff for grade in recorded.problems.values())
            total = f"{recorded.score:g}/{recorded.max_score:g}"
            if recorded.late_penalty:
                total += f" (late -{recorded.late_penalty:g})"
        else:
            cells = [f"{scores[p][0]:g}/{scores[p][1]:g}" if p in scores else "-" for p in problems]
            total = f"{entry.report.score:g}/{entry.report.max_score:g}"
        if entry.report.grader_fault:
            total += " GRADER FAULT"
        rows.append([entry.student] + cells + [total])
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in [header] + rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    if manual:
        lines.append("* scored by a TA in formgrader (the manual score counts)")
    for entry in graded:
        if entry.report.unusable:
            lines.append(f"not graded: {entry.student}: {entry.report.unusable}")
        elif entry.note:
            lines.append(f"note: {entry.student}: {entry.note}")
    return "\n".join(lines)
