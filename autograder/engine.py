"""The one grading engine behind every front (`autograder grade-all`, `nbgrader autograde`, formgrader).

A chunk of submissions is graded by one run of the hidden suite (runner.grade_many); a submission
that cannot be graded (refused, or a fault of the grader) still ends as a Report with its reason;
the plots of the feedback are drawn here, in the grading process.
"""

from __future__ import annotations

from dataclasses import replace

from .config import GradingConfig
from .course import Submission
from .report import Report
from .suite.run import check_assignment, grade, grade_many, load_release, problem_points


def fault_report(submission: Submission, assignment: str, config: GradingConfig, exc: BaseException) -> Report:
    """The Report of a submission the grader itself failed on: no test results, every problem at 0
    of its points, and the fault (a distinct status, flagged for review: never a silent zero)."""
    try:
        points = problem_points(load_release(config, assignment))
    except Exception:
        points = {}
    return Report(assignment, str(submission.notebook), (), isolation=config.isolation,
                  grader_fault=f"{type(exc).__name__}: {exc}"[:2000], problem_points=points)


def _with_note(report: Report, submission: Submission) -> Report:
    return replace(report, notes=(submission.note,) + report.notes) if submission.note else report


MAX_NOTES = 20
FIGURES_PER_PROBLEM = 4   # distinct plots kept per problem (the feedback shows these)
SHOWN_FIGURES = ("visible", "after_due_date", "after_published")  # a "hidden" test's plots are never shown


def bounded(report: Report) -> Report:
    """The Report cut to what its readers use, so that a small notebook cannot make results.json, the
    stored report or the feedback page large, nor the grader draw plots for minutes: at most
    MAX_NOTES notes, and per problem the first FIGURES_PER_PROBLEM distinct plots of tests whose plots
    are shown (the other results keep no figures)."""
    notes = report.notes
    if len(notes) > MAX_NOTES:
        notes = notes[:MAX_NOTES] + (f"... and {len(notes) - MAX_NOTES} more notes",)
    kept: dict[str, set] = {}
    results = []
    for result in report.results:
        figures = []
        if result.visibility in SHOWN_FIGURES:
            seen = kept.setdefault(result.problem, set())
            for pair in result.figures:
                key = (pair.function, pair.student_digest, pair.expected_digest)
                if key in seen or len(seen) < FIGURES_PER_PROBLEM:
                    seen.add(key)
                    figures.append(pair)
        results.append(replace(result, figures=tuple(figures)) if len(figures) != len(result.figures) else result)
    return replace(report, notes=tuple(notes), results=tuple(results))


def _with_pngs(report: Report) -> Report:
    from .plots import with_pngs

    try:
        return with_pngs(report)  # drawn in the grading process, on every core
    except Exception:
        return report  # the feedback page draws them itself


def grade_chunk(chunk: list[Submission], assignment: str, config: GradingConfig) -> list[Report]:
    """One suite run for the chunk; after a fault of the grader the chunk is graded one by one, so
    that every submission gets its own Report."""
    check_assignment(config, assignment)  # a usage error is the caller's, not a submission's fault
    try:
        refusals = {index: s.refused for index, s in enumerate(chunk) if s.refused}
        reports = grade_many([s.notebook for s in chunk], assignment, config, refusals)
    except Exception:
        reports = []
        for submission in chunk:
            try:
                reports.append(grade(submission.notebook, assignment, config, submission.refused))
            except Exception as exc:  # the batch goes on; the fault is recorded and shown
                reports.append(fault_report(submission, assignment, config, exc))
    return [_with_pngs(bounded(_with_note(report, submission))) for report, submission in zip(reports, chunk)]


def grade_submission(submission: Submission, assignment: str, config: GradingConfig) -> Report:
    return grade_chunk([submission], assignment, config)[0]


def grade_file(path, assignment: str, config: GradingConfig, note: str = "") -> Report:
    """One notebook outside a course (`autograder grade`, Gradescope, CI): the same engine."""
    from pathlib import Path

    path = Path(path)
    return grade_submission(Submission(path.stem, path.parent, path, assignment, note=note), assignment, config)
