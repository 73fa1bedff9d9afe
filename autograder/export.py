"""`autograder export --format canvas`: nbgrader's gradebook as a CSV for Canvas's gradebook import.

Canvas reads (Grades > Import) the layout of its own gradebook export:

    Student,ID,SIS User ID,SIS Login ID,Section,<assignment>,<assignment> (<Canvas id>),...
        Points Possible,,,,,<max points>,<max points>,...
    "Last, First",<Canvas user id>,<SIS User ID>,<SIS Login ID>,<Section>,<score>,<score>,...

- Canvas finds each row's student by `ID` (Canvas's own numeric user id), then `SIS User ID`, then
  `SIS Login ID`, then by name (its name or sortable name "Last, First"); a row it cannot match
  becomes an unknown student it asks about. `ID` is the student's `lms_user_id` in the gradebook,
  which the roster import (`autograder canvas-roster`) and the Canvas collector of `nbgrader
  zip_collect` record (autograder/canvas.py). `SIS User ID`, `SIS Login ID` and `Section` are the
  roster's, as Canvas wrote them, for a student of the imported roster; a student with a Canvas id
  but no roster row leaves them empty (nothing is guessed). A student without a Canvas id (collected
  through nbgrader's exchange, never in a roster) has its nbgrader id in `SIS User ID`
  (`--canvas-id sis_login_id`: in `SIS Login ID`), for courses whose nbgrader ids are SIS ids.
  `Student` is the roster's name, else "Last, First" from the gradebook, else the student id.
- A column named `<title> (<Canvas id>)` updates that Canvas assignment; a bare title updates the
  assignment of that exact title, or creates it. `--canvas-assignment-id A=123` gives the id.
  Canvas reads every column after `Section` that is not one of its own (a custom column such as
  Notes, "Current Score", ...) as an assignment, so the file holds no other column.
- The "Points Possible" row carries each assignment's maximum (nbgrader's max_score).
- The file is never overwritten silently: an existing file is refused unless `force`. The default
  name names the exported assignments (`grades_canvas.csv` for all of them,
  `grades_canvas_<a>.csv` for `--assignment a`), so two exports do not meet.

Scores are nbgrader's own: per grade the manual score where one was entered, else the automatic
one (plus extra credit), summed over the assignment, less the late penalty, never below 0; a
student without a submission scores 0. They equal the `score` column of `nbgrader export`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .sinks.common import csv_text  # the OWASP rule for CSV cells (the class report writes a CSV too)

CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
POINTS_POSSIBLE = "    Points Possible"  # as Canvas writes it in its own exports
ID_COLUMNS = {"sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID"}


@dataclass(frozen=True)
class StudentRow:
    student_id: str
    first_name: str
    last_name: str
    scores: dict  # assignment name -> score, as in `nbgrader export`
    canvas_id: str = ""       # Student.lms_user_id
    roster: object = None     # the student's canvas.RosterEntry, when the imported roster has it

    @property
    def display_name(self) -> str:
        if self.roster is not None and self.roster.name:
            return self.roster.name
        if self.last_name and self.first_name:
            return f"{self.last_name}, {self.first_name}"
        return self.last_name or self.first_name or self.student_id

    def identity(self, id_column: str = "sis_user_id") -> dict[str, str]:
        """The Canvas columns that say who this row is (see the module's text)."""
        columns = {"Student": self.display_name, "ID": self.canvas_id}
        if self.roster is not None:
            columns.update({"SIS User ID": self.roster.sis_user_id, "SIS Login ID": self.roster.sis_login_id,
                            "Section": self.roster.section})
        elif not self.canvas_id:
            columns[ID_COLUMNS[id_column]] = self.student_id
        return columns


def number(value: float) -> str:
    """A score as Canvas reads it: no exponent, no trailing zeros."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def read_gradebook(database: Path, only=None) -> tuple[list[tuple[str, float]], list[StudentRow]]:
    """[(assignment, max score)] in the gradebook's order and one StudentRow per student."""
    from nbgrader.api import Gradebook

    from .canvas import roster_identities
    from .sinks.gradebook import add_indexes

    if not Path(database).exists():
        raise UsageError(f"no gradebook at {database}")
    with Gradebook(f"sqlite:///{Path(database).resolve()}") as gradebook:
        assignments = [(a.name, float(a.max_score or 0.0)) for a in gradebook.assignments]
        if only:
            known = {name for name, _ in assignments}
            unknown = [name for name in only if name not in known]
            if unknown:
                raise UsageError(f"no assignment {', '.join(map(repr, unknown))} in {database} "
                                 f"(known: {', '.join(sorted(known)) or 'none'})")
            assignments = [(name, points) for name, points in assignments if name in only]
        roster = roster_identities(gradebook.db)
        add_indexes(gradebook)  # the grouped queries below join on them (5,000 students: 0.4 s instead of 6 s)
        by_assignment = {name: submission_scores(gradebook, name) for name, _ in assignments}
        rows = []
        for student in gradebook.students:
            scores = {name: by_assignment[name].get(student.id, 0.0) for name, _ in assignments}
            canvas_id = (student.lms_user_id or "").strip()
            rows.append(StudentRow(student.id, student.first_name or "", student.last_name or "", scores,
                                   canvas_id, roster.get(canvas_id) if canvas_id else None))
    return assignments, rows


def submission_scores(gradebook, assignment: str) -> dict[str, float]:
    """student id -> score of the assignment, as `nbgrader export` computes it (the submission's score,
    nbgrader's own SQL expression, less its late penalty, never below 0), for every student with a
    submission. Two grouped queries for the whole class: asking nbgrader for each student's submission
    costs three queries per student (a class of 5,000: minutes before sinks/gradebook.py's indexes,
    still most of the export after them)."""
    from nbgrader.api import Assignment, Grade, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import func

    def per_student(value, *joins):
        query = (gradebook.db.query(SubmittedAssignment.student_id, value)
                 .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                 .outerjoin(SubmittedNotebook, SubmittedNotebook.assignment_id == SubmittedAssignment.id))
        for table, on in joins:
            query = query.outerjoin(table, on)
        return dict(query.filter(Assignment.name == assignment).group_by(SubmittedAssignment.student_id).all())

    raw = per_student(func.coalesce(func.sum(Grade.score), 0.0), (Grade, Grade.notebook_id == SubmittedNotebook.id))
    penalties = per_student(func.coalesce(func.sum(SubmittedNotebook.late_submission_penalty), 0.0))
    return {student: max(0.0, float(raw[student]) - float(penalties.get(student) or 0.0)) for student in raw}


def canvas_header(name: str, canvas_ids: dict) -> str:
    return f"{name} ({canvas_ids[name]})" if name in canvas_ids else name


def refuse_to_overwrite(path: Path, force: bool) -> None:
    if Path(path).exists() and not force:
        raise UsageError(f"{path} exists: pass --force to replace it, or --output to write another file")


def write_canvas_csv(assignments, rows, path: Path, id_column: str = "sis_user_id",
                     canvas_ids: dict | None = None, force: bool = False) -> Path:
    canvas_ids = canvas_ids or {}
    path = Path(path)
    refuse_to_overwrite(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(CANVAS_COLUMNS) + [canvas_header(name, canvas_ids) for name, _ in assignments])
        writer.writerow([POINTS_POSSIBLE, "", "", "", ""] + [number(points) for _, points in assignments])
        for row in rows:
            identity = row.identity(id_column)
            writer.writerow([csv_text(identity.get(name, "")) for name in CANVAS_COLUMNS]
                            + [number(row.scores[name]) for name, _ in assignments])
    temporary.replace(path)
    return path


def parse_canvas_ids(pairs) -> dict:
    ids = {}
    for pair in pairs or ():
        name, _, canvas_id = pair.partition("=")
        if not name or not canvas_id.strip().isdigit():
            raise UsageError(f"--canvas-assignment-id wants ASSIGNMENT=NUMBER, not {pair!r}")
        ids[name] = canvas_id.strip()
    return ids


def default_output(course_root: Path, assignments=None) -> Path:
    """grades_canvas.csv for every assignment, grades_canvas_<a>[_<b>...].csv for some."""
    suffix = "".join(f"_{name}" for name in dict.fromkeys(assignments or ()))
    return Path(course_root) / f"grades_canvas{suffix}.csv"


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: list[StudentRow]

    @property
    def without_canvas_id(self) -> list[str]:
        return [row.student_id for row in self.rows if not row.canvas_id]


def export_canvas(course_root: Path, output: Path | None = None, assignments=None, id_column: str = "sis_user_id",
                  canvas_ids: dict | None = None, force: bool = False) -> Exported:
    """Write the Canvas CSV (never over an existing file unless `force`)."""
    output = Path(output) if output is not None else default_output(course_root, assignments)
    refuse_to_overwrite(output, force)
    found, rows = read_gradebook(Path(course_root) / "gradebook.db", assignments)
    unknown = sorted(set(canvas_ids or {}) - {name for name, _ in found})
    if unknown:
        raise UsageError(f"--canvas-assignment-id names assignments not exported: {', '.join(unknown)}")
    return Exported(write_canvas_csv(found, rows, output, id_column, canvas_ids, force), rows)
