"""`autograder grade-all A`: grade every collected submission into nbgrader's gradebook.

Reads `submitted/<student>/<A>/` (left by `nbgrader collect` or `zip_collect`; course.py decides
which notebook is graded), grades the submissions in parallel (`--jobs`, one grading process per
core, engine.grade_chunk), and for each student writes, in the parent process only (one writer for
the gradebook):
    gradebook.db                              automatic scores, one transaction per submission
    autograded/<student>/<A>/<nb>.ipynb       the graded notebook, report.json, results.json
    feedback/<student>/<A>/<nb>.html          what `nbgrader release_feedback` releases
and, after a full run (no --student), the class report reports/<A>.html (for the staff only).
Every recorded score that changes is printed (before -> after, the tests that changed) and recorded
under reports/regrades/ (regrades.py); `--regrade` records the run even when nothing changed, and
`--dry-run` grades and compares with the gradebook but writes nothing.
`nbgrader autograde` gives the same rows and pages (autograder/nbgrader_plugin.py).
"""

from __future__ import annotations

import functools
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from . import course, regrades
from .config import SECRET_FILE as COURSE_SECRET_FILE, GradingConfig, course_secret, feedback_detail
from .engine import fault_report, grade_chunk
from .errors import UsageError
from .progress import Progress
from .report import Report, without_figures
from .suite.run import check_assignment
from .sinks.class_report import write_class_report
from .sinks.common import printable, write_text
from .sinks.feedback_html import write_feedback
from .sinks.gradebook import (RecordedGrades, find_assignment, late_submission_plugin, open_gradebook,
                              read_recorded_grades, record_report, writing)
from .sinks.notebook_outputs import graded_notebook
from .sinks.terminal import class_table


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
                        recorded: RecordedGrades | None, release: dict | None, max_bytes: int,
                        detail: str = "explain") -> None:
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
    course.write_grading_files(autograded, report, timestamp, secret, detail)

    feedback = Path(course_root) / "feedback" / submission.student / assignment
    write_feedback(report, feedback / f"{name}.html", student=submission.student, recorded=recorded, detail=detail)
    write_text(feedback / course.TIMESTAMP_FILE, course.timestamp_text(timestamp))
    write_text(feedback / course.SECRET_FILE, secret)


def grade_all(assignment: str, config: GradingConfig, course_root: Path, jobs: int = 1,
              quiet: bool = False, only=None, out=print, scheduler: str | None = None,
              regrade: bool = False, dry_run: bool = False, reason: str = "") -> tuple[int, list[Graded]]:
    """Grade, record and print the class table; return (exit status, [Graded] by student).
    `scheduler`: the address of a Dask scheduler whose workers grade the chunks (cluster.py).
    `regrade`: a regrade of graded submissions (recorded with `reason` even when nothing changed);
    `dry_run`: grade and print what would change, write nothing."""
    check_assignment(config, assignment)
    database = course_root / "gradebook.db"
    if not database.exists():
        raise UsageError(f"no gradebook at {database}: run `nbgrader generate_assignment {assignment}` first")
    if (regrade or dry_run) and not _has_recorded_grades(database, assignment):
        raise UsageError(f"nothing of {assignment!r} is graded yet: grade it once (without --regrade or "
                         "--dry-run) before a regrade or a dry run")
    if dry_run and config.secret is None and not config.salt and not (course_root / COURSE_SECRET_FILE).is_file():
        raise UsageError(f"no course secret at {course_root / COURSE_SECRET_FILE}: a dry run draws the hidden "
                         "inputs of the recorded grading, so grade once first")
    cluster = None
    if scheduler:  # connected and checked before anything is written
        from .cluster import connect

        cluster = connect(scheduler, config, assignment, out)
    if config.secret is None and not config.salt:
        config = replace(config, secret=course_secret(course_root))
    gradebook = open_gradebook(database) if cluster is None else _open_or_close(database, cluster)
    try:
        found = find_assignment(gradebook, assignment)
        notebooks = [notebook.name for notebook in found.notebooks]
        detail = feedback_detail(config.feedback_detail, found.duedate)
        if len(notebooks) != 1:
            raise UsageError(f"assignment {assignment!r} has {len(notebooks)} notebooks in the gradebook; "
                             "the hidden suites grade exactly one notebook per assignment")
        submissions = course.find_submissions(course_root, assignment, notebooks[0], only)
        if not submissions:
            raise UsageError(f"no submissions under {course_root / 'submitted'}/<student>/{assignment}/")
        gradebook.db.rollback()  # hold no transaction open while grading
        command = "autograder grade-all" + (" --regrade" if regrade else "") + (" --dry-run" if dry_run else "")
        log = regrades.GradingLog(course_root, assignment, command, regrades.suite_version(config.root, assignment),
                                  reason=reason, regrade=regrade, dry_run=dry_run)
        graded = _grade_in_pool(submissions, assignment, config, jobs, quiet, gradebook, course_root, detail,
                                cluster, log)
        log.close()
    finally:
        gradebook.close()
        if cluster is not None:
            cluster.close()
    out(class_table(graded))
    for line in regrades.summary_lines(log):
        out(line)
    if dry_run:
        return (3 if any(g.report.grader_fault for g in graded) else 0), graded
    out(f"feedback: {course_root / 'feedback'}/<student>/{assignment}/   gradebook: {database}")
    if only is None:  # a regrade of some students would leave the others out of the class report
        try:
            similar, similar_note = _similar_pairs(course_root, assignment, len(graded))
            runs = regrades.read_runs(course_root, assignment)
            path = write_class_report([(g.student, g.report) for g in graded],
                                      course_root / "reports" / f"{assignment}.html",
                                      recorded={g.student: g.recorded for g in graded if g.recorded},
                                      last_run=next((run for run in reversed(runs) if run.changes or
                                                     run.header.get("regrade")), None),
                                      similar=similar, similar_note=similar_note)
            out(f"class report: {path}")
        except Exception as exc:  # the grades are recorded; a report that fails to draw loses nothing
            out(f"class report not written: {type(exc).__name__}: {exc}")
    return (3 if any(g.report.grader_fault for g in graded) else 0), graded


SIMILARITY_IN_REPORT = 1000  # larger classes: `autograder similarity` on its own (minutes, not seconds)


def _similar_pairs(course_root: Path, assignment: str, students: int):
    """The class report's most similar pairs, or (None, why not)."""
    if students > SIMILARITY_IN_REPORT:
        return None, (f"Not computed with the grades for a class of {students} (over {SIMILARITY_IN_REPORT}): "
                      f"run `autograder similarity {assignment}` for reports/{assignment}-similarity.html.")
    try:
        from .similarity import similarity_pairs

        return similarity_pairs(course_root, assignment), ""
    except Exception as exc:  # noqa: BLE001 - the report is written without this section's pairs
        return None, f"The similarity of the submissions could not be computed: {type(exc).__name__}: {exc}"


def _has_recorded_grades(database: Path, assignment: str) -> bool:
    """True when the gradebook holds a submission of the assignment (something to regrade)."""
    import sqlite3

    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        row = connection.execute("SELECT 1 FROM submitted_assignment JOIN assignment "
                                 "ON submitted_assignment.assignment_id = assignment.id "
                                 "WHERE assignment.name = ? LIMIT 1", (assignment,)).fetchone()
    return row is not None


def _open_or_close(database: Path, cluster):
    try:
        return open_gradebook(database)
    except BaseException:
        cluster.close()
        raise


def _grade_in_pool(submissions, assignment, config, jobs, quiet, gradebook, course_root, detail,
                   cluster=None, log=None) -> list[Graded]:
    """Grade the chunks on a pool of grading processes; record each submission as it comes.

    Whatever happens to one submission ends as its recorded result: a chunk whose grading failed is
    recorded as grader faults; a chunk whose grading process died (out of memory, a crash of the
    grader) is graded again one submission at a time in a fresh pool, and a submission that kills
    its grading process again is recorded as a grader fault. The batch always goes on.
    """
    progress = Progress(len(submissions), f"grading {assignment}", quiet)
    recorder = Recorder(course_root, assignment, config, gradebook, detail, log)
    graded: list[Graded] = []
    preload_matplotlib()  # once here, instead of once in every pool process
    def deliver(submission, report):
        graded.append(recorder.record(submission, report, progress))

    if cluster is None:  # the local pool, or the Dask cluster of --scheduler (the same contract)
        run = functools.partial(_run_pool, jobs=jobs)
    else:
        run, jobs = cluster.run, cluster.jobs
    died = run(chunks(submissions, jobs), assignment, config, deliver=deliver)
    if died:  # again, one submission per chunk, in a fresh pool
        again = [[submission] for chunk in died for submission in chunk]
        for chunk in run(again, assignment, config, deliver=deliver):
            for submission in chunk:
                deliver(submission, fault_report(submission, assignment, config, RuntimeError(
                    "the grading process died while grading this submission (out of memory?)")))
    return sorted(graded, key=lambda g: g.student)


def _run_pool(pending, assignment, config, jobs, deliver) -> list[list]:
    """Grade the chunks on a fresh pool; deliver (submission, report) as they come; return the chunks
    whose grading process died."""
    died = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        futures = {pool.submit(grade_chunk, chunk, assignment, config): chunk for chunk in pending}
        for future in as_completed(futures):
            chunk = futures.pop(future)  # and its result with it: the Reports are recorded, then let go
            try:
                reports = future.result()
            except BrokenProcessPool:
                died.append(chunk)
                continue
            except Exception as exc:  # noqa: BLE001 - the grader's own failure, recorded per submission
                reports = [fault_report(submission, assignment, config, exc) for submission in chunk]
            for submission, report in zip(chunk, reports):
                deliver(submission, report)
    return died


class Recorder:
    """Records one graded submission (the gradebook, autograded/, feedback/) and never raises: a
    failure to record is itself recorded, as a fault of the grader, and the batch goes on."""

    def __init__(self, course_root: Path, assignment: str, config: GradingConfig, gradebook, detail: str,
                 log: regrades.GradingLog | None = None):
        self.course_root, self.assignment, self.config, self.gradebook = course_root, assignment, config, gradebook
        self.detail = detail  # what the students' feedback shows (config.feedback_detail)
        self.log = log        # what changed (regrades.py); a dry run writes nothing
        self.dry_run = log is not None and log.dry_run
        self.max_bytes = config.limits.notebook_mb << 20
        self.release = _read_json(config.root / "assignments" / assignment / f"{assignment}.ipynb", self.max_bytes)
        self.late_plugin = late_submission_plugin(course_root)

    def record(self, submission: course.Submission, report: Report, progress: Progress) -> Graded:
        try:
            recorded = self._record(submission, report)
        except Exception as exc:  # noqa: BLE001 - see the class docstring
            report = fault_report(submission, self.assignment, self.config,
                                  RuntimeError(f"recording the result failed: {type(exc).__name__}: {exc}"))
            try:
                recorded = self._record(submission, report)
            except Exception:  # noqa: BLE001 - nothing more to do: the fault shows in the class table
                recorded = None
        # kept until the class report; its figures are in the files just written (report.without_figures)
        graded = Graded(submission.student, without_figures(report), recorded, submission.note)
        total = recorded.score if recorded is not None else report.score
        progress.advance(printable(submission.student, 40),
                         f"{total:g}/{report.max_score:g}" + (" GRADER FAULT" if report.grader_fault else ""))
        return graded

    def _record(self, submission: course.Submission, report: Report) -> RecordedGrades | None:
        recorded = None
        if submission.recordable:
            with writing(self.course_root / "gradebook.db"):
                before = self._before(submission)
                recorded = record_report(self.gradebook, report, submission.student, submission.notebook_name,
                                         course.read_timestamp(submission.folder), self.late_plugin,
                                         commit=not self.dry_run)
                if self.log is not None:
                    after = regrades.snapshot(recorded, report, regrades.notebook_digest(submission.notebook))
                    self.log.note(submission.student, before, after)
        if not self.dry_run:
            write_student_files(self.course_root, submission, report, recorded, self.release, self.max_bytes,
                                self.detail)
        return recorded

    def _before(self, submission: course.Submission) -> regrades.Snapshot | None:
        """The student's grades as recorded before this grading (None: never graded)."""
        if self.log is None:
            return None
        recorded = read_recorded_grades(self.gradebook, self.assignment, submission.student, submission.notebook_name)
        self.gradebook.db.rollback()  # the read leaves nothing pending before the write transaction
        tests, digest = regrades.earlier_tests(self.course_root, self.assignment, submission.student)
        before = regrades.snapshot(recorded)
        return None if before is None else replace(before, tests=tests, submission=digest)


def preload_matplotlib() -> None:
    """The reference's plots (expected figures) and the feedback's PNGs need pyplot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
