"""`autograder export --format canvas`: nbgrader's gradebook as a CSV for Canvas's gradebook import.

Canvas reads (Grades > Import) the layout of its own gradebook export:

    Student,ID,SIS User ID,SIS Login ID,Section,<assignment>,<assignment> (<Canvas id>),...
        Points Possible,,,,,<max points>,<max points>,...
    "Last, First",,<student id>,,,<score>,<score>,...

- Canvas finds each row's student by `ID` (Canvas's own numeric user id), then `SIS User ID`, then
  `SIS Login ID`, then by name. nbgrader does not know Canvas's internal ids, and a number put in `ID`
  could match the wrong person, so `ID` stays empty and the nbgrader student id goes into
  `SIS User ID` (`--canvas-id sis_login_id` puts it into `SIS Login ID` instead, for courses whose
  nbgrader ids are logins). `Student` is "Last, First" when the gradebook has names (Canvas's
  sortable name, its last resort), else the student id. `Section` is left empty.
- A column named `<title> (<Canvas id>)` updates that Canvas assignment; a bare title updates the
  assignment of that exact title, or creates it. `--canvas-assignment-id A=123` gives the id.
- The "Points Possible" row carries each assignment's maximum (nbgrader's max_score).

Scores are nbgrader's own: per grade the manual score where one was entered, else the automatic
one (plus extra credit), summed over the assignment, less the late penalty, never below 0; a
student without a submission scores 0. They equal the `score` column of `nbgrader export`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
POINTS_POSSIBLE = "    Points Possible"  # as Canvas writes it in its own exports
ID_COLUMNS = {"sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID"}


@dataclass(frozen=True)
class StudentRow:
    student_id: str
    first_name: str
    last_name: str
    scores: dict  # assignment name -> score, as in `nbgrader export`

    @property
    def display_name(self) -> str:
        if self.last_name and self.first_name:
            return f"{self.last_name}, {self.first_name}"
        return self.last_name or self.first_name or self.student_id


def number(value: float) -> str:
    """A score as Canvas reads it: no exponent, no trailing zeros."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def read_gradebook(database: Path, only=None) -> tuple[list[tuple[str, float]], list[StudentRow]]:
    """[(assignment, max score)] in the gradebook's order and one StudentRow per student."""
    from nbgrader.api import Gradebook, MissingEntry

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
        rows = []
        for student in gradebook.students:
            scores = {}
            for name, _ in assignments:
                try:
                    submission = gradebook.find_submission(name, student.id)
                except MissingEntry:
                    scores[name] = 0.0
                else:
                    scores[name] = max(0.0, submission.score - submission.late_submission_penalty)
            rows.append(StudentRow(student.id, student.first_name or "", student.last_name or "", scores))
    return assignments, rows


def canvas_header(name: str, canvas_ids: dict) -> str:
    return f"{name} ({canvas_ids[name]})" if name in canvas_ids else name


def write_canvas_csv(assignments, rows, path: Path, id_column: str = "sis_user_id",
                     canvas_ids: dict | None = None) -> Path:
    canvas_ids = canvas_ids or {}
    column = ID_COLUMNS[id_column]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(CANVAS_COLUMNS) + [canvas_header(name, canvas_ids) for name, _ in assignments])
        writer.writerow([POINTS_POSSIBLE, "", "", "", ""] + [number(points) for _, points in assignments])
        for row in rows:
            identity = {"Student": row.display_name, column: row.student_id}
            writer.writerow([identity.get(name, "") for name in CANVAS_COLUMNS]
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


def export_canvas(course_root: Path, output: Path, assignments=None, id_column: str = "sis_user_id",
                  canvas_ids: dict | None = None) -> tuple[Path, int]:
    """Write the Canvas CSV; return (its path, the number of students)."""
    found, rows = read_gradebook(Path(course_root) / "gradebook.db", assignments)
    unknown = sorted(set(canvas_ids or {}) - {name for name, _ in found})
    if unknown:
        raise UsageError(f"--canvas-assignment-id names assignments not exported: {', '.join(unknown)}")
    return write_canvas_csv(found, rows, output, id_column, canvas_ids), len(rows)
