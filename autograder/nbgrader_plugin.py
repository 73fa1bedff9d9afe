"""nbgrader's own commands, and formgrader's buttons that run them, grade with the hidden suites.

Registered in the course's `nbgrader_config.py`:

    c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS    (nbgrader autograde, "Autograde")
    c.GenerateFeedback.exporter_class = FEEDBACK_EXPORTER             (nbgrader generate_feedback)

- `GradeWithHiddenSuites` takes the place of nbgrader's `Execute`: it grades the student's submitted
  notebook with the same engine as `autograder grade-all` (runner.grade: the sandboxed worker, the
  limits, the hidden suite) and writes each grade cell's outputs from the Report, so that nbgrader's
  own `SaveAutoGrades` records the problem's points (sinks/notebook_outputs.py). It also leaves
  report.json and results.json beside the graded notebook (course.py).
- `KeepReviewedGrades` runs after `SaveAutoGrades`: nbgrader flags every cell that has a manual
  score as needing manual grading again; this restores the rule of sinks/gradebook.py (a manual
  score stays and is not flagged again; only a fault of the grader needs a person).
- `RecordGradeChanges` runs last: a recorded score that this grading changed is logged and recorded
  under reports/regrades/ as grade-all records it (regrades.py), so a regrade with
  `nbgrader autograde --force` never changes a score silently either.
- `FeedbackPage` is nbgrader's generate_feedback exporter: the project's feedback page (the lost
  points, the plots, the scores and comments entered in formgrader), rendered from report.json and
  the gradebook, in place of nbgrader's page of the notebook.
Both fronts therefore leave the same gradebook rows and the same pages (tests/test_nbgrader_commands.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from nbconvert.exporters import Exporter
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Integer, Unicode

from .config import PROJECT_ROOT, GradingConfig, Limits, course_secret, feedback_detail, skip_slow_optional_imports

_log = logging.getLogger(__name__)


def _coursedir(preprocessor):
    """nbgrader's CourseDirectory of the converter running this preprocessor or exporter."""
    node = preprocessor
    while node is not None:
        coursedir = getattr(node, "coursedir", None)
        if coursedir is not None:
            return coursedir
        node = getattr(node, "parent", None)
    raise RuntimeError("this step runs only inside nbgrader's converters (no CourseDirectory found)")


def _due_date(db_url: str, assignment: str):
    """The assignment's due date in the gradebook (naive UTC), or None."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gradebook:
        try:
            return gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            return None


class RestoreReleasedMetadata(NbGraderPreprocessor):
    """Before nbgrader's OverwriteCells: every cell's nbgrader metadata as released.

    The metadata is the student's to edit (a notebook is JSON): points that are not a number, a flag
    flipped, a dict replaced by text would make nbgrader's own steps fail for that student, or trust
    what the student wrote. A cell whose grade_id the release knows gets the release's metadata back;
    any other cell loses malformed metadata and keeps being an ordinary cell.
    """

    def preprocess(self, nb, resources):
        import json

        from nbformat import from_dict

        info = resources["nbgrader"]
        coursedir = _coursedir(self)
        release = Path(coursedir.format_path(coursedir.release_directory, ".", info["assignment"])) / \
            f"{info['notebook']}.ipynb"
        try:
            released = {cell["metadata"]["nbgrader"]["grade_id"]: cell["metadata"]["nbgrader"]
                        for cell in json.loads(release.read_text(encoding="utf-8"))["cells"]
                        if isinstance(cell.get("metadata", {}).get("nbgrader"), dict)
                        and cell["metadata"]["nbgrader"].get("grade_id")}
        except (OSError, ValueError, KeyError, TypeError):
            released = {}
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta is None:
                continue
            grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
            if isinstance(grade_id, str) and grade_id in released:
                cell.metadata["nbgrader"] = from_dict(dict(released[grade_id]))
            elif not isinstance(meta, dict) or not isinstance(grade_id, str):
                del cell.metadata["nbgrader"]
        return nb, resources


class GradeWithHiddenSuites(NbGraderPreprocessor):
    """Grade the submission with the hidden suite; each grade cell gets its problem's score."""

    isolation = Unicode("auto", help="bwrap, process or auto (as `autograder --isolation`)").tag(config=True)
    call_seconds = Float(Limits.call_seconds, help="wall clock of one call or cell").tag(config=True)
    submission_seconds = Float(Limits.submission_seconds, help="wall clock of a submission").tag(config=True)
    memory_mb = Integer(Limits.memory_mb, help="memory of the worker").tag(config=True)
    suites_root = Unicode("", help="folder holding tests/hidden and solutions (default: this checkout)").tag(config=True)
    feedback_detail = Unicode("auto", help="students' feedback: explain, full, or auto (full after the due "
                                           "date); generate_feedback reads it here too").tag(config=True)

    def grading_config(self, course_root: Path) -> GradingConfig:
        limits = Limits(call_seconds=self.call_seconds, submission_seconds=self.submission_seconds,
                        memory_mb=self.memory_mb)
        root = Path(self.suites_root).resolve() if self.suites_root else PROJECT_ROOT
        return GradingConfig(root=root, limits=limits, isolation=self.isolation, secret=course_secret(course_root),
                             feedback_detail=self.feedback_detail)

    def preprocess(self, nb, resources):
        from . import course
        from .engine import grade_submission
        from .regrades import notebook_digest
        from .sinks.notebook_outputs import fill_grade_cells

        skip_slow_optional_imports()
        info = resources["nbgrader"]
        student, assignment, notebook = info["student"], info["assignment"], info["notebook"]
        coursedir = _coursedir(self)
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
        autograded = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
        submission = course.Submission(student, submitted, submitted / f"{notebook}.ipynb", notebook)
        config = self.grading_config(Path(coursedir.root))
        before = _grades_before(info, Path(coursedir.root), student, assignment, notebook)
        report = grade_submission(submission, assignment, config)
        detail = feedback_detail(config.feedback_detail, _due_date(info["db_url"], assignment))
        course.write_grading_files(autograded, report, course.read_timestamp(submitted),
                                   course.submission_secret(submitted), detail)
        fill_grade_cells(nb.cells, report)
        resources.setdefault("autograder", {}).update(report=report, before=before, root=config.root,
                                                       notebook_digest=notebook_digest(submission.notebook))
        self.log.info("graded %s/%s with the hidden suite: %g/%g", student, assignment, report.score,
                      report.max_score)
        if report.grader_fault:
            self.log.error("grader fault for %s/%s: %s", student, assignment, report.grader_fault[:500])
        return nb, resources


class KeepReviewedGrades(NbGraderPreprocessor):
    """After SaveAutoGrades: flag for manual grading only the problems the grader could not score."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        from .sinks.gradebook import add_indexes, needs_review

        report = resources.get("autograder", {}).get("report")
        if report is None:
            return nb, resources
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            add_indexes(gradebook)  # for the next submissions and `nbgrader export` (sinks/gradebook.py)
            submitted = gradebook.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            for grade in submitted.grades:
                if grade.cell.name in report.problem_points or grade.cell.name in report.problems():
                    grade.needs_manual_grade = needs_review(report, grade.cell.name)
            gradebook.db.commit()
        return nb, resources


def _grades_before(info: dict, course_root: Path, student: str, assignment: str, notebook: str):
    """The student's grades as the gradebook holds them before this grading (regrades.Snapshot)."""
    from dataclasses import replace

    from nbgrader.api import Gradebook

    from .regrades import earlier_tests, snapshot
    from .sinks.gradebook import read_recorded_grades

    with Gradebook(info["db_url"]) as gradebook:
        before = snapshot(read_recorded_grades(gradebook, assignment, student, notebook))
    if before is None:
        return None
    tests, digest = earlier_tests(course_root, assignment, student)
    return replace(before, tests=tests, submission=digest)


_LOGS: dict = {}  # (course root, assignment) -> this process's regrades.GradingLog: one run per command


class RecordGradeChanges(NbGraderPreprocessor):
    """Last: the student's grades after nbgrader recorded them, compared with those before (regrades.py)."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        from .regrades import GradingLog, change_lines, snapshot, suite_version
        from .sinks.gradebook import read_recorded_grades, writing

        mine = resources.get("autograder", {})
        if mine.get("report") is None:
            return nb, resources
        info = resources["nbgrader"]
        course_root = Path(_coursedir(self).root)
        key = (str(course_root), info["assignment"])
        if key not in _LOGS:
            _LOGS[key] = GradingLog(course_root, info["assignment"], "nbgrader autograde",
                                    suite_version(mine["root"], info["assignment"]))
        with Gradebook(info["db_url"]) as gradebook:
            recorded = read_recorded_grades(gradebook, info["assignment"], info["student"], info["notebook"])
        with writing(course_root / "gradebook.db"):
            change = _LOGS[key].note(info["student"], mine.get("before"),
                                     snapshot(recorded, mine["report"], mine.get("notebook_digest", "")))
        if change is not None:
            self.log.warning("score changed (recorded in %s):\n%s", _LOGS[key].path, "\n".join(change_lines(change)))
        return nb, resources


def autograde_preprocessors() -> list:
    """nbgrader's autograde steps with the hidden suites in place of Execute (nbgrader's order)."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput,
                                        SaveAutoGrades)

    return [GradeWithHiddenSuites, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
            KeepReviewedGrades, AssignLatePenalties, CheckCellMetadata, RecordGradeChanges]


class FeedbackPage(Exporter):
    """nbgrader generate_feedback's exporter: the project's feedback page for a graded notebook."""

    output_mimetype = "text/html"
    export_from_notebook = "Feedback (hidden suites)"

    def _file_extension_default(self):
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):
        from nbgrader.api import Gradebook

        from . import course
        from .sinks.feedback_html import render
        from .sinks.gradebook import read_recorded_grades

        skip_slow_optional_imports()
        nb, resources = super().from_notebook_node(nb, resources, **kw)  # runs nbgrader's GetGrades
        info = resources["nbgrader"]
        coursedir = _coursedir(self)
        autograded = Path(coursedir.format_path(coursedir.autograded_directory, info["student"], info["assignment"]))
        report = course.read_report(autograded)
        if report is None:
            raise RuntimeError(f"no {course.REPORT_FILE} in {autograded}: grade the submission first "
                               f"(`nbgrader autograde {info['assignment']}` or `autograder grade-all`)")
        with Gradebook(info["db_url"]) as gradebook:
            recorded = read_recorded_grades(gradebook, info["assignment"], info["student"], info["notebook"])
        policy = self.config.GradeWithHiddenSuites.get("feedback_detail", "auto")
        detail = feedback_detail(policy, _due_date(info["db_url"], info["assignment"]))
        resources["output_extension"] = ".html"
        return render(report, info["student"], recorded, detail), resources


AUTOGRADE_PREPROCESSORS = "autograder.nbgrader_plugin.autograde_preprocessors"
FEEDBACK_EXPORTER = "autograder.nbgrader_plugin.FeedbackPage"
