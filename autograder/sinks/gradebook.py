"""Write a Report into nbgrader's gradebook (SQLite) through nbgrader's own models.

Each problem of the Report is one nbgrader grade cell (`grade_id` = problem), so the automatic
score of that `Grade` row is the problem's score. One transaction per submission: the student, the
submission rows and the scores are committed together or not at all. Manual scores that a grader
entered in formgrader (`manual_score`) are never touched.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import UsageError
from ..report import Report


def open_gradebook(db_path: Path):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{Path(db_path).resolve()}")


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


def _find_or_mirror_submission(gradebook, assignment, student_id: str, timestamp: datetime):
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
    else:
        submission.timestamp = timestamp
    return submission


def find_assignment(gradebook, name: str):
    from nbgrader.api import Assignment

    assignment = gradebook.db.query(Assignment).filter(Assignment.name == name).one_or_none()
    if assignment is None:
        raise UsageError(f"assignment {name!r} is not in the gradebook: run "
                         f"`nbgrader generate_assignment {name}` (or `make assignments`) first")
    return assignment


def record_report(gradebook, report: Report, student_id: str, notebook_name: str,
                  timestamp: datetime | None = None) -> None:
    """Store the Report's problem scores as the automatic scores of the student's grade rows."""
    timestamp = timestamp or datetime.now(timezone.utc).replace(tzinfo=None)
    db = gradebook.db
    try:
        assignment = find_assignment(gradebook, report.assignment)
        submission = _find_or_mirror_submission(gradebook, assignment, student_id, timestamp)
        scores = report.problems()
        for submitted in submission.notebooks:
            if submitted.notebook.name != notebook_name:
                continue
            for grade in submitted.grades:
                problem = grade.cell.name
                if problem not in scores:
                    continue  # a task or manually graded cell: not ours
                grade.auto_score = scores[problem][0]
                grade.needs_manual_grade = grade.manual_score is not None
        db.commit()
    except BaseException:
        db.rollback()
        raise
