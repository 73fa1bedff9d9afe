"""`autograder grade-all A`: grade every collected submission into nbgrader's gradebook.

Reads `submitted/<student>/<A>/*.ipynb` (left by `nbgrader collect` or `zip_collect`), grades them
in parallel (`--jobs`, one grading process per core), and for each student writes, in the parent
process only (one writer for the gradebook):
    gradebook.db                                  automatic scores, one transaction per submission
    autograded/<student>/<A>/<nb>.ipynb           the graded notebook and results.json
    feedback/<student>/<A>/<nb>.html              what `nbgrader release_feedback` releases
and, after a full run (no --student), the class report reports/<A>.html (for the staff only).
"""

from __future__ import annotations

import multiprocessing
import secrets
import shutil
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .config import GradingConfig
from .errors import UsageError
from .progress import Progress
from .report import GRADER_ERROR, Report, TestResult
from .runner import check_assignment, grade, grade_many
from .sinks.class_report import write_class_report
from .sinks.feedback_html import write_feedback
from .sinks.figure_png import with_pngs
from .sinks.gradebook import find_assignment, open_gradebook, record_report, writing
from .sinks.results_json import write_results

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"


@dataclass(frozen=True)
class Submission:
    student: str
    notebook: Path

    @property
    def folder(self) -> Path:
        return self.notebook.parent


def find_submissions(course_root: Path, assignment: str, only=None) -> list[Submission]:
    submitted = course_root / "submitted"
    found = []
    for student_dir in sorted(p for p in submitted.glob("*") if p.is_dir()):
        if only and student_dir.name not in only:
            continue
        folder = student_dir / assignment
        notebook = folder / f"{assignment}.ipynb"
        if not notebook.exists():
            candidates = sorted(folder.glob("*.ipynb"))
            if len(candidates) != 1:
                continue
            notebook = candidates[0]
        found.append(Submission(student_dir.name, notebook))
    return found


def read_timestamp(folder: Path) -> datetime:
    """nbgrader's timestamp.txt if present, else the notebook's modification time (UTC)."""
    stamp = folder / "timestamp.txt"
    if stamp.exists():
        from nbgrader.utils import parse_utc

        try:
            return parse_utc(stamp.read_text().strip())
        except Exception:
            pass
    notebooks = sorted(folder.glob("*.ipynb"))
    mtime = notebooks[0].stat().st_mtime if notebooks else 0.0
    return datetime.fromtimestamp(mtime, timezone.utc).replace(tzinfo=None)


def _fault_report(submission: Submission, assignment: str, config: GradingConfig, exc: Exception) -> Report:
    return Report(assignment, str(submission.notebook),
                  (TestResult("grading", "grader", 0.0, 0.0, GRADER_ERROR, f"{exc!r}"),),
                  isolation=config.isolation, grader_fault=f"{type(exc).__name__}: {exc}")


def _with_pngs(report: Report) -> Report:
    try:
        return with_pngs(report)  # the feedback's plots are drawn here, on every core
    except Exception:
        return report  # the feedback page draws them itself


def _grade_chunk(chunk: list[Submission], assignment: str, config: GradingConfig) -> list[Report]:
    """Runs in a pool process: one suite run for the chunk. A fault of the grader becomes a Report
    (the chunk's submissions are then graded one by one), never a lost submission."""
    try:
        reports = grade_many([s.notebook for s in chunk], assignment, config)
    except Exception:
        reports = []
        for submission in chunk:
            try:
                reports.append(grade(submission.notebook, assignment, config))
            except Exception as exc:  # the batch goes on; the fault is recorded and shown
                reports.append(_fault_report(submission, assignment, config, exc))
    return [_with_pngs(report) for report in reports]


def chunks(submissions: list[Submission], jobs: int, largest: int = 8) -> list[list[Submission]]:
    """Groups of submissions that share one suite run: small enough to keep every core busy and
    the progress moving, large enough to spread pytest's start-up."""
    size = max(1, min(largest, len(submissions) // (4 * max(1, jobs))))
    return [submissions[i:i + size] for i in range(0, len(submissions), size)]


def write_student_files(course_root: Path, submission: Submission, report: Report,
                        timestamp: datetime) -> None:
    assignment = report.assignment
    notebook_name = submission.notebook.stem
    stamp_text = timestamp.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"
    autograded = course_root / "autograded" / submission.student / assignment
    autograded.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(submission.notebook, autograded / submission.notebook.name)
    (autograded / "timestamp.txt").write_text(stamp_text)
    write_results(report, autograded / "results.json")

    feedback = course_root / "feedback" / submission.student / assignment
    write_feedback(report, feedback / f"{notebook_name}.html", student=submission.student)
    (feedback / "timestamp.txt").write_text(stamp_text)
    # release_feedback files the page under a hash of this secret (nbgrader submit writes it)
    secret = submission.folder / "submission_secret.txt"
    secret_text = secret.read_text() if secret.exists() else secrets.token_hex(16)
    if not secret.exists():
        secret.write_text(secret_text)
    (feedback / "submission_secret.txt").write_text(secret_text)


def grade_all(assignment: str, config: GradingConfig, course_root: Path, jobs: int = 1,
              quiet: bool = False, only=None, out=print) -> tuple[int, list[tuple[str, Report]]]:
    """Grade, record and print the class table; return (exit status, [(student, report)])."""
    check_assignment(config, assignment)
    database = course_root / "gradebook.db"
    if not database.exists():
        raise UsageError(f"no gradebook at {database}: run `nbgrader generate_assignment {assignment}` first")
    submissions = find_submissions(course_root, assignment, only)
    if not submissions:
        raise UsageError(f"no submissions under {course_root / 'submitted'}/<student>/{assignment}/")
    gradebook = open_gradebook(database)
    try:
        find_assignment(gradebook, assignment)  # fail early, before any grading
        gradebook.db.rollback()  # hold no transaction open while grading
        reports = _grade_in_pool(submissions, assignment, config, jobs, quiet, gradebook, course_root)
    finally:
        gradebook.close()
    out(class_table(reports))
    out(f"feedback: {course_root / 'feedback'}/<student>/{assignment}/   gradebook: {database}")
    if only is None:  # a regrade of some students would leave the others out of the class report
        try:
            out(f"class report: {write_class_report(reports, course_root / 'reports' / f'{assignment}.html')}")
        except Exception as exc:  # the grades are recorded; a report that fails to draw loses nothing
            out(f"class report not written: {type(exc).__name__}: {exc}")
    return (3 if any(report.grader_fault for _, report in reports) else 0), reports


def _grade_in_pool(submissions, assignment, config, jobs, quiet, gradebook, course_root):
    progress = Progress(len(submissions), f"grading {assignment}", quiet)
    reports = []
    preload_matplotlib()  # once here, instead of once in every pool process
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        futures = {pool.submit(_grade_chunk, chunk, assignment, config): chunk
                   for chunk in chunks(submissions, jobs)}
        for future in as_completed(futures):
            for submission, report in zip(futures[future], future.result()):
                timestamp = read_timestamp(submission.folder)
                write_student_files(course_root, submission, report, timestamp)
                with writing(course_root / "gradebook.db"):
                    record_report(gradebook, report, submission.student, submission.notebook.stem, timestamp)
                reports.append((submission.student, report))
                outcome = f"{report.score:g}/{report.max_score:g}" + (" GRADER FAULT" if report.grader_fault else "")
                progress.advance(submission.student, outcome)
    return sorted(reports)


def preload_matplotlib() -> None:
    """The reference's plots (expected figures) and the feedback's PNGs need pyplot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401


def class_table(reports: list[tuple[str, Report]]) -> str:
    if not reports:
        return "(no submissions)"
    problems = list(dict.fromkeys(p for _, r in reports for p in r.problems()))
    header = ["student"] + problems + ["total"]
    rows = []
    for student, report in reports:
        scores = report.problems()
        cells = [f"{scores[p][0]:g}/{scores[p][1]:g}" if p in scores else "-" for p in problems]
        rows.append([student] + cells + [f"{report.score:g}/{report.max_score:g}"])
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in [header] + rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
