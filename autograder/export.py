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
import re
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
    from nbgrader.api import Gradebook, MissingEntry

    from .canvas import roster_identities

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
            canvas_id = (student.lms_user_id or "").strip()
            rows.append(StudentRow(student.id, student.first_name or "", student.last_name or "", scores,
                                   canvas_id, roster.get(canvas_id) if canvas_id else None))
    return assignments, rows


def canvas_header(name: str, canvas_ids: dict) -> str:
    return f"{name} ({canvas_ids[name]})" if name in canvas_ids else name


def refuse_to_overwrite(path: Path, force: bool) -> None:
    if Path(path).exists() and not force:
        raise UsageError(f"{path} exists: pass --force to replace it, or --output to write another file")


# OWASP "CSV Injection": a cell that starts with one of these is read as a formula by Excel, LibreOffice
# or Google Sheets (=, +, -, @, tab, carriage return; line feed and the full-width forms as well, also
# after leading spaces, which some spreadsheets skip)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def csv_text(value) -> str:
    """A cell the grader did not produce (a name, an id or a section from the gradebook or Canvas's
    roster) as the CSV may hold it: one that a spreadsheet would run as a formula gets a leading `'`
    (OWASP), which Excel hides and which keeps the text as text. A plain number (Canvas's user id,
    a numeric SIS id) is left as it is, so Canvas still matches it; scores never come here."""
    text = "" if value is None else str(value)
    if text.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


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
