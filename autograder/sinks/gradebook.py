"""Write a Report into nbgrader's gradebook (SQLite) through nbgrader's own models, and read back
the grades a student is shown.

Each problem of the Report is one nbgrader grade cell (`grade_id` = problem), so the automatic
score of that `Grade` row is the problem's score. `autograder grade-all` writes here directly;
`nbgrader autograde` (autograder/nbgrader_plugin.py) writes the same rows through nbgrader's own
preprocessors. Both follow the rules of `record_report`, and a test proves that the rows agree:

- the student and the submission exist (created as nbgrader's autograde creates them); the
  submission's timestamp is the one of `timestamp.txt` when there is one;
- `auto_score` of each problem's grade row is the problem's score;
- `needs_manual_grade` is set only where a person must look (`needs_review`: a fault of the grader,
  or a submission that could not be run at all): a manual score that a TA entered in formgrader
  stays, and is not flagged again;
- the automatic comment of a solution cell left as released is "No response." (nbgrader's rule);
- the late penalty is nbgrader's, from the course's LateSubmissionPlugin.
One transaction per submission: everything is committed together or not at all.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import UsageError
from ..report import GRADER_FAULT, Report

NO_RESPONSE = "No response."  # nbgrader's automatic comment on a solution cell left as released


def open_gradebook(db_path: Path):
    from nbgrader.api import Gradebook

    gradebook = Gradebook(f"sqlite:///{Path(db_path).resolve()}")
    add_indexes(gradebook)
    return gradebook


# nbgrader's schema indexes these foreign keys only as the second column of a UNIQUE pair, which SQLite
# cannot search by: every load of a notebook's grades or comments, and every score nbgrader computes
# (`nbgrader export`, formgrader), read the whole table. With a class of 5,000 that made recording a
# submission 3x slower than with 300, and `nbgrader export` take minutes (N queries x N rows). Extra
# indexes change no row and nothing nbgrader reads; nbgrader's own commands use them too.
INDEXES = {"autograder_grade_notebook": ("grade", "notebook_id"),
           "autograder_comment_notebook": ("comment", "notebook_id"),
           "autograder_submitted_notebook_assignment": ("submitted_notebook", "assignment_id")}


def add_indexes(gradebook) -> None:
    """Create the INDEXES the gradebook lacks (a no-op once they exist; skipped if it cannot be written)."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    try:
        for name, (table, column) in INDEXES.items():
            gradebook.db.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"))
        gradebook.db.commit()
    except OperationalError:  # a read-only or busy gradebook: slower, not wrong
        gradebook.db.rollback()


@contextmanager
def writing(db_path: Path):
    """An exclusive lock for one write transaction, shared by every grader on this gradebook.

    SQLite serializes writers too, but a second writer gives up after its busy timeout; the lock
    makes concurrent `grade-all` commands wait their turn instead.
    """
    lock_path = Path(str(Path(db_path).resolve()) + ".lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# ----------------------------------------------------------------------------- the rules
def needs_review(report: Report, problem: str) -> bool:
    """True when a person must look at this problem: the grader could not score it, or the
    submission could not be run at all (no notebook, several, not a notebook: a TA decides).

    A manual score never makes a problem need review again (it was reviewed); a student's failure
    is a score, not a reason for review.
    """
    if report.unusable:
        return True
    if report.grader_fault and problem not in report.problems():
        return True
    return any(r.problem == problem and r.kind == GRADER_FAULT for r in report.results)


def problem_scores(report: Report) -> dict[str, float]:
    """problem -> automatic score; a problem the grader could not score at all counts 0 (and is
    flagged for review by `needs_review`)."""
    scores = {problem: score for problem, (score, _) in report.problems().items()}
    for problem in report.problem_points:
        scores.setdefault(problem, 0.0)
    return scores


# ----------------------------------------------------------------------------- writing
def find_assignment(gradebook, name: str):
    from nbgrader.api import Assignment

    assignment = gradebook.db.query(Assignment).filter(Assignment.name == name).one_or_none()
    if assignment is None:
        raise UsageError(f"assignment {name!r} is not in the gradebook: run "
                         f"`nbgrader generate_assignment {name}` (or `make assignments`) first")
    return assignment


def notebook_names(gradebook, assignment: str) -> list[str]:
    return [notebook.name for notebook in find_assignment(gradebook, assignment).notebooks]


def _find_or_mirror_submission(gradebook, assignment, student_id: str, timestamp: datetime | None):
    """The SubmittedAssignment of this student, created (uncommitted) like nbgrader's add_submission."""
    from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook

    db = gradebook.db
    student = db.query(Student).filter(Student.id == student_id).one_or_none()
    if student is None:
        student = Student(id=student_id)
        db.add(student)
    submission = (db.query(SubmittedAssignment)
                  .filter(SubmittedAssignment.assignment == assignment,
                          SubmittedAssignment.student == student).one_or_none())
    if submission is None:
        with db.no_autoflush:  # build the whole tree first; it is added and flushed as one unit
            submission = SubmittedAssignment(assignment=assignment, student=student, timestamp=timestamp)
            for notebook in assignment.notebooks:
                submitted = SubmittedNotebook(notebook=notebook, assignment=submission)
                for grade_cell in notebook.grade_cells:
                    Grade(cell_id=grade_cell.id, notebook=submitted)
                for solution_cell in notebook.solution_cells:
                    Comment(cell_id=solution_cell.id, notebook=submitted)
                for task_cell in notebook.task_cells:
                    Comment(cell_id=task_cell.id, notebook=submitted)
                    Grade(cell_id=task_cell.id, notebook=submitted)
            db.add(submission)
        db.flush()
        db.expire(submission)  # reload with the relationships resolved from the new rows
    elif timestamp is not None:
        submission.timestamp = timestamp
    return submission


def late_penalty(plugin, student_id: str, submission, notebook) -> float | None:
    """nbgrader's AssignLatePenalties for one notebook: the plugin's penalty, kept within [0, score]."""
    if plugin is None or not submission.total_seconds_late > 0:
        return None
    penalty = plugin.late_submission_penalty(student_id, notebook.score, submission.total_seconds_late)
    if penalty is None:
        return None
    return min(max(penalty, 0), notebook.score)


def record_report(gradebook, report: Report, student_id: str, notebook_name: str,
                  timestamp: datetime | None = None, late_plugin=None, commit: bool = True) -> "RecordedGrades":
    """Store the Report as the student's automatic scores (the rules above); return what the
    gradebook now holds for this notebook (manual scores included). `commit=False` (a dry run)
    returns what it would hold and rolls everything back."""
    db = gradebook.db
    try:
        assignment = find_assignment(gradebook, report.assignment)
        submission = _find_or_mirror_submission(gradebook, assignment, student_id, timestamp)
        scores = problem_scores(report)
        submitted = next((nb for nb in submission.notebooks if nb.notebook.name == notebook_name), None)
        if submitted is None:
            raise UsageError(f"assignment {report.assignment!r} has no notebook {notebook_name!r} in the gradebook")
        for grade in submitted.grades:
            problem = grade.cell.name
            if problem not in scores:
                continue  # a task or manually graded cell: not ours
            grade.auto_score = scores[problem]
            grade.needs_manual_grade = needs_review(report, problem)
        for comment in submitted.comments:
            if comment.cell.name in report.unanswered:
                comment.auto_comment = NO_RESPONSE
            elif comment.cell.name in report.answered:
                comment.auto_comment = None
        db.flush()
        db.expire(submitted)  # the score columns are computed by the database
        submitted.late_submission_penalty = late_penalty(late_plugin, student_id, submission, submitted)
        recorded = recorded_grades(submitted)  # read inside the transaction: a dry run rolls it back
        db.commit() if commit else db.rollback()
    except BaseException:
        db.rollback()
        raise
    return recorded


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class ProblemGrade:
    """One problem as the gradebook holds it: what `nbgrader export` and formgrader show."""

    max_score: float
    auto_score: float | None
    manual_score: float | None = None
    extra_credit: float = 0.0
    needs_manual_grade: bool = False

    @property
    def score(self) -> float:
        base = self.manual_score if self.manual_score is not None else (self.auto_score or 0.0)
        return base + (self.extra_credit or 0.0)

    @property
    def by_staff(self) -> bool:
        """True when a TA's manual score (or extra credit) decides this problem."""
        return self.manual_score is not None or bool(self.extra_credit)


@dataclass(frozen=True)
class RecordedGrades:
    """A notebook's grades in the gradebook: per problem, the TA comments, the late penalty."""

    problems: dict[str, ProblemGrade]
    comments: dict[str, tuple[str, ...]] = field(default_factory=dict)  # problem -> TA comments
    late_penalty: float = 0.0

    @property
    def raw_score(self) -> float:
        return round(sum(grade.score for grade in self.problems.values()), 6)

    @property
    def score(self) -> float:
        """What `nbgrader export` writes: the raw score less the late penalty, never below 0."""
        return round(max(0.0, self.raw_score - self.late_penalty), 6)

    @property
    def max_score(self) -> float:
        return round(sum(grade.max_score for grade in self.problems.values()), 6)


def _comment_problems(notebook) -> dict[str, str]:
    """Comment cell (solution or task cell) -> the problem it belongs to: the first grade cell that
    follows it in the released notebook (its source cells keep the notebook's order)."""
    order = [cell.name for cell in notebook.source_cells]
    graded = {cell.name for cell in notebook.grade_cells}
    owners, pending = {}, []
    for name in order:
        if name in graded:
            for cell in pending:
                owners[cell] = name
            pending = []
            owners.setdefault(name, name)
        else:
            pending.append(name)
    for cell in pending:
        owners[cell] = ""  # after the last grade cell: a general comment
    return owners


def recorded_grades(submitted) -> RecordedGrades:
    """The RecordedGrades of a SubmittedNotebook (nbgrader.api)."""
    problems = {}
    for grade in sorted(submitted.grades, key=lambda g: g.cell.name):
        problems[grade.cell.name] = ProblemGrade(float(grade.max_score), grade.auto_score, grade.manual_score,
                                                 float(grade.extra_credit or 0.0), bool(grade.needs_manual_grade))
    owners = _comment_problems(submitted.notebook)
    order = {name: index for index, name in enumerate(owners)}
    problems = dict(sorted(problems.items(), key=lambda item: order.get(item[0], len(order))))
    comments: dict[str, list[str]] = {}
    for comment in sorted(submitted.comments, key=lambda c: order.get(c.cell.name, len(order))):
        if comment.manual_comment and comment.manual_comment.strip():
            comments.setdefault(owners.get(comment.cell.name, ""), []).append(comment.manual_comment.strip())
    return RecordedGrades(problems, {problem: tuple(texts) for problem, texts in comments.items()},
                          float(submitted.late_submission_penalty or 0.0))


def read_recorded_grades(gradebook, assignment: str, student_id: str, notebook_name: str) -> RecordedGrades | None:
    """The student's grades for a notebook, or None when the gradebook has no such submission."""
    from nbgrader.api import MissingEntry

    try:
        submitted = gradebook.find_submission_notebook(notebook_name, assignment, student_id)
    except MissingEntry:
        return None
    return recorded_grades(submitted)


# ----------------------------------------------------------------------------- nbgrader's settings
def late_submission_plugin(course_root: Path):
    """The course's LateSubmissionPlugin, configured from its nbgrader_config.py as nbgrader's
    AssignLatePenalties would configure it (None when the config cannot be read)."""
    from nbgrader.plugins import LateSubmissionPlugin
    from traitlets.config.loader import PyFileConfigLoader
    from traitlets.utils.importstring import import_item

    path = Path(course_root) / "nbgrader_config.py"
    config = None
    if path.is_file():
        try:
            config = PyFileConfigLoader(path.name, str(path.parent)).load_config()
        except Exception:
            config = None
    plugin_class = LateSubmissionPlugin
    if config is not None and "plugin_class" in config.AssignLatePenalties:
        configured = config.AssignLatePenalties.plugin_class
        plugin_class = import_item(configured) if isinstance(configured, str) else configured
    return plugin_class(config=config) if config is not None else plugin_class()
