"""Canvas's side of the course: its submission downloads, its roster, the identities its importer matches.

A round trip: Canvas's "Download Submissions" zip -> `nbgrader zip_collect` (CanvasCollector, below)
-> `autograder canvas-roster` (import_roster) -> grading -> `autograder export --format canvas`
(autograder/export.py, which reads `roster_identities`) -> Canvas's Grades > Import.

**File names.** Canvas names each file of the download

    <name slug>[_LATE]_<Canvas user id>_<submission id>_<original file name>

for example `smithjohn_LATE_123456_7890123_gradient_descent-1.ipynb`. Canvas renames a file whose
name the student already used (`gradient_descent-1.ipynb`, `-2`, ...): the `-N` is dropped unless the
name with it is a released notebook. When one student's download holds several files of one name,
the highest `-N` wins (then the highest submission id); the others are skipped, never an error.

**Who is who.** The Canvas user id is the key. A Canvas user whose id is some student's
`Student.lms_user_id` in the gradebook (the roster import sets it) is collected under that
student's nbgrader id. A Canvas user the gradebook does not know is collected under the name slug
(`CanvasCollector.unknown_student = "canvas_id"`: under the Canvas user id), and the collector
records the Canvas user id as that student's `lms_user_id`, so the export still fills `ID`. Two
unknown users with one slug (two John Smiths), or a slug that already belongs to another Canvas user,
get `<slug>-<Canvas user id>`. The collector writes these `Student` rows itself, when it plans the
collection (nbgrader's zip_collect has no step after collecting): nbgrader's autograde and
`autograder grade-all` keep an existing student's row as it is.

**Lateness.** Canvas's names carry a LATE marker and no time. When the assignment has a due date in
the gradebook (`nbgrader db assignment add A --duedate=...`), the collector gives every file a
timestamp that zip_collect writes into timestamp.txt: the student's due date (with nbgrader's
extension, if any) for a file on time, one second past it for a LATE one, so nbgrader's late policy
(`c.LateSubmissionPlugin.penalty_method`) applies whichever command grades. Without a due date
there is nothing to be late against: no timestamp, no penalty, and a warning names each LATE file.

**Roster.** Canvas's gradebook export (Grades > Export) is the roster: `Student` ("Last, First"),
`ID` (the Canvas user id), `SIS User ID`, `SIS Login ID`, `Section`, then assignment columns and a
"Points Possible" row, which are ignored. Importing it creates or updates one `Student` per row
(first and last name, `lms_user_id` = ID); a new student's nbgrader id is the row's SIS User ID
(`id_source` "sis_login_id": its SIS Login ID; "canvas_id": its Canvas user id), or its Canvas user id
when that column is empty. A student the gradebook already knows by its Canvas user id keeps its
nbgrader id. Each row's identities, as Canvas wrote them, are kept in the table `canvas_roster` of
gradebook.db (nbgrader ignores tables it does not know), for the export's SIS and Section columns.
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Enum

from .errors import UsageError

# ----------------------------------------------------------------------------- file names
CANVAS_NAME = re.compile(r"^(?P<slug>.+?)(?P<late>_LATE)?_(?P<user>[0-9]+)_(?P<submission>[0-9]+)_(?P<name>.+)$")
RESUBMISSION = re.compile(r"^(?P<stem>.+)-(?P<number>[0-9]+)(?P<ext>\.[^./]+)$")
LATE_DELAY = timedelta(seconds=1)


@dataclass(frozen=True)
class CanvasFile:
    """One file of a Canvas download, as its name describes it."""

    path: str
    slug: str
    late: bool
    canvas_user_id: str
    submission_id: int
    file_id: str        # the original file name without Canvas's `-N`
    resubmission: int   # that N (0 for the first upload)

    @property
    def order(self) -> tuple:
        """Of two files of one name, the one with the larger order is the student's last."""
        return (self.resubmission, self.submission_id, self.path)


def parse_file_name(path: str, released=()) -> CanvasFile | None:
    """The parts of a Canvas download's file name; None when the name is not Canvas's."""
    match = CANVAS_NAME.match(os.path.basename(path))
    if match is None:
        return None
    name, number = match["name"], 0
    resubmitted = RESUBMISSION.match(name)
    if resubmitted and name not in released:
        name, number = resubmitted["stem"] + resubmitted["ext"], int(resubmitted["number"])
    return CanvasFile(path, match["slug"], bool(match["late"]), match["user"], int(match["submission"]),
                      name, number)


def latest_files(files) -> tuple[dict[str, CanvasFile], dict[str, CanvasFile]]:
    """({path: file} of the files to collect, {path: the file that supersedes it} of the others):
    per Canvas user and file name, the highest `-N`, then the highest submission id."""
    best: dict[tuple[str, str], CanvasFile] = {}
    for canvas_file in files:
        key = (canvas_file.canvas_user_id, canvas_file.file_id)
        if key not in best or canvas_file.order > best[key].order:
            best[key] = canvas_file
    winners = {f.path: f for f in best.values()}
    superseded = {f.path: best[(f.canvas_user_id, f.file_id)] for f in files if f.path not in winners}
    return winners, superseded


def submission_time(duedate: datetime | None, late: bool) -> datetime | None:
    """The time written to timestamp.txt: the due date when on time, one second past it when Canvas
    says LATE; None without a due date (nothing to be late against)."""
    if duedate is None:
        return None
    return duedate + LATE_DELAY if late else duedate


# ----------------------------------------------------------------------------- the roster
ID_SOURCES = {"sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID", "canvas_id": "ID"}
ROSTER_TABLE = "canvas_roster"


@dataclass(frozen=True)
class RosterEntry:
    """One student of Canvas's gradebook export, as Canvas wrote them."""

    name: str              # Canvas's sortable name, "Last, First"
    canvas_user_id: str
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""

    @property
    def last_name(self) -> str:
        return self.name.split(",", 1)[0].strip() if "," in self.name else self.name.strip()

    @property
    def first_name(self) -> str:
        return self.name.split(",", 1)[1].strip() if "," in self.name else ""

    def value(self, id_source: str) -> str:
        return {"sis_user_id": self.sis_user_id, "sis_login_id": self.sis_login_id,
                "canvas_id": self.canvas_user_id}[id_source]


def read_roster(path: Path) -> list[RosterEntry]:
    """The students of Canvas's gradebook export CSV (header, "Points Possible" and muted rows skipped)."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no roster at {path}")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise UsageError(f"{path} is empty")
    header = [cell.strip() for cell in rows[0]]
    if "Student" not in header or "ID" not in header:
        raise UsageError(f"{path} is not Canvas's gradebook export: its header has no 'Student' and 'ID' columns "
                         f"(Grades > Export in Canvas writes them)")
    column = {name: header.index(name) for name in ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
              if name in header}

    def cell(row, name):
        index = column.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    entries = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row) or "Points Possible" in row[0]:
            continue
        if all(re.fullmatch(r"\s*(Muted|Manual Posting.*)?\s*", c, re.IGNORECASE) for c in row):
            continue
        canvas_id = cell(row, "ID")
        if not canvas_id.isdigit():
            raise UsageError(f"{path}, line {line}: ID {canvas_id!r} is not a Canvas user id")
        entries.append(RosterEntry(cell(row, "Student"), canvas_id, cell(row, "SIS User ID"),
                                   cell(row, "SIS Login ID"), cell(row, "Section")))
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.canvas_user_id in seen:
            raise UsageError(f"{path}: Canvas user {entry.canvas_user_id} appears twice "
                             f"({seen[entry.canvas_user_id]!r}, {entry.name!r})")
        seen[entry.canvas_user_id] = entry.name
    return entries


@dataclass
class RosterImport:
    """What an import did."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)          # (nbgrader id kept, id the roster gives)
    from_canvas_id: list[tuple[str, str]] = field(default_factory=list)  # (nbgrader id, name): column empty

    @property
    def students(self) -> int:
        return len(self.created) + len(self.updated)


def _ensure_roster_table(db) -> None:
    from sqlalchemy import text

    db.execute(text(f"CREATE TABLE IF NOT EXISTS {ROSTER_TABLE} (canvas_user_id VARCHAR(128) PRIMARY KEY, "
                    "student_id VARCHAR(128) NOT NULL, name VARCHAR(256), sis_user_id VARCHAR(128), "
                    "sis_login_id VARCHAR(128), section VARCHAR(256))"))


def import_roster(database: Path, entries: list[RosterEntry], id_source: str = "sis_user_id") -> RosterImport:
    """Create or update one nbgrader Student per roster entry, in one transaction (nothing is
    written when a row conflicts with the gradebook)."""
    from nbgrader.api import Gradebook, Student
    from sqlalchemy import text

    if id_source not in ID_SOURCES:
        raise UsageError(f"the nbgrader id comes from one of {', '.join(ID_SOURCES)}, not {id_source!r}")
    wanted_by = defaultdict(list)
    for entry in entries:
        if entry.value(id_source):
            wanted_by[entry.value(id_source)].append(entry.name)
    doubles = {value: names for value, names in wanted_by.items() if len(names) > 1}
    if doubles:
        raise UsageError("the roster gives one " + ID_SOURCES[id_source] + " to several students: "
                         + "; ".join(f"{value}: {', '.join(names)}" for value, names in sorted(doubles.items())))
    done = RosterImport()
    with Gradebook(f"sqlite:///{Path(database).resolve()}") as gradebook:
        db = gradebook.db
        students = db.query(Student).all()
        by_canvas_id = {s.lms_user_id: s for s in students if s.lms_user_id}
        by_id = {s.id: s for s in students}
        conflicts = []
        for entry in entries:
            wanted = entry.value(id_source) or entry.canvas_user_id
            if not entry.value(id_source):
                done.from_canvas_id.append((wanted, entry.name))
            student = by_canvas_id.get(entry.canvas_user_id)
            if student is not None:
                if student.id != wanted:
                    done.kept.append((student.id, wanted))
                done.updated.append(student.id)
            elif wanted in by_id:
                student = by_id[wanted]
                if student.lms_user_id and student.lms_user_id != entry.canvas_user_id:
                    conflicts.append(f"{entry.name} (Canvas user {entry.canvas_user_id}) would be nbgrader student "
                                     f"{wanted!r}, who is Canvas user {student.lms_user_id} in the gradebook")
                    continue
                done.updated.append(student.id)
            else:
                student = Student(id=wanted)
                db.add(student)
                by_id[wanted] = student
                done.created.append(wanted)
            student.first_name, student.last_name = entry.first_name or None, entry.last_name or None
            student.lms_user_id = entry.canvas_user_id
            by_canvas_id[entry.canvas_user_id] = student
        if conflicts:
            db.rollback()
            raise UsageError("nothing imported: " + "; ".join(conflicts))
        _ensure_roster_table(db)
        for entry in entries:
            db.execute(text(f"INSERT OR REPLACE INTO {ROSTER_TABLE} (canvas_user_id, student_id, name, sis_user_id, "
                            "sis_login_id, section) VALUES (:canvas, :student, :name, :sis, :login, :section)"),
                       {"canvas": entry.canvas_user_id, "student": by_canvas_id[entry.canvas_user_id].id,
                        "name": entry.name, "sis": entry.sis_user_id, "login": entry.sis_login_id,
                        "section": entry.section})
        db.commit()
    return done


def roster_identities(db) -> dict[str, RosterEntry]:
    """Canvas user id -> the identities the last roster import recorded (empty without an import).
    `db` is an open SQLAlchemy session of the gradebook."""
    from sqlalchemy import text

    exists = db.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' AND name = :table"),
                        {"table": ROSTER_TABLE}).first()
    if not exists:
        return {}
    rows = db.execute(text(f"SELECT canvas_user_id, name, sis_user_id, sis_login_id, section FROM {ROSTER_TABLE}"))
    return {row[0]: RosterEntry(row[1] or "", row[0], row[2] or "", row[3] or "", row[4] or "") for row in rows}


# ----------------------------------------------------------------------------- nbgrader zip_collect
@dataclass(frozen=True)
class Collected:
    student_id: str
    file_id: str
    timestamp: datetime | None


class CanvasCollector(FileNameCollectorPlugin):
    """nbgrader zip_collect's collector for Canvas's "Download Submissions" zip (see the module's text).

    Configure it in nbgrader_config.py: `c.ZipCollectApp.collector_plugin = "autograder.canvas.CanvasCollector"`.
    """

    unknown_student = Enum(
        ["slug", "canvas_id"], default_value="slug",
        help="The nbgrader id of a Canvas user the gradebook does not know (not in the imported roster): "
             "the name slug of Canvas's file name, or the Canvas user id.").tag(config=True)

    _plan: dict | None = None

    def collect(self, submitted_file: str):
        _, ext = os.path.splitext(submitted_file)
        if ext not in self.valid_ext:
            self.log.debug("Not a notebook, skipped: %s", submitted_file)
            return None
        key = os.path.realpath(submitted_file)
        if self._plan is None or key not in self._plan:
            self._plan = self.plan(self._files_beside(submitted_file))
        planned = self._plan.get(key)
        if planned is None:
            return None
        if isinstance(planned, str):
            self.log.warning("%s: %s", os.path.basename(submitted_file), planned)
            return None
        info = {"student_id": planned.student_id, "file_id": planned.file_id}
        if planned.timestamp is not None:
            info["timestamp"] = planned.timestamp.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"
        return info

    # -- what nbgrader's app knows
    def _app(self, name: str, default=None):
        return getattr(self.parent, name, default) if self.parent is not None else default

    def _files_beside(self, submitted_file: str) -> list[str]:
        """Every file of the download: the app's extracted folder (and the file's own folder)."""
        folders = {os.path.dirname(submitted_file)}
        format_path = self._app("_format_collect_path")
        extracted = self._app("extracted_directory")
        if format_path is not None and extracted:
            folders.add(format_path(extracted))
        found = set()
        for folder in folders:
            for root, _, names in os.walk(folder):
                found.update(os.path.join(root, name) for name in names)
        found.add(submitted_file)
        return sorted(found)

    def _released(self) -> set[str]:
        from nbgrader.utils import find_all_notebooks

        coursedir = self._app("coursedir")
        if coursedir is None or not coursedir.assignment_id:
            return set()
        folder = coursedir.format_path(coursedir.release_directory, ".", coursedir.assignment_id)
        return set(find_all_notebooks(folder)) if os.path.isdir(folder) else set()

    # -- the plan: who, which file, when
    def plan(self, paths) -> dict[str, Collected | str]:
        """path (resolved) -> what to collect, or the reason it is skipped. Records unknown Canvas
        users' `lms_user_id` in the gradebook."""
        released = self._released()
        plan: dict[str, Collected | str] = {}
        files = []
        for path in sorted({os.path.realpath(p) for p in paths}):
            if os.path.splitext(path)[1] not in self.valid_ext:
                continue
            canvas_file = parse_file_name(path, released)
            if canvas_file is None:
                plan[path] = ("not a Canvas file name (<name>[_LATE]_<Canvas user id>_<submission id>_<file>), "
                              "skipped")
            else:
                files.append(canvas_file)
        winners, superseded = latest_files(files)
        for path, newer in superseded.items():
            plan[path] = f"skipped: {os.path.basename(newer.path)} is the student's later upload of {newer.file_id}"
        if not winners:
            return plan
        users = {}
        for canvas_file in winners.values():
            user = users.setdefault(canvas_file.canvas_user_id, {"slug": canvas_file.slug, "late": False})
            user["late"] |= canvas_file.late
        students, times = self._students_and_times(users)
        for path, canvas_file in winners.items():
            user = canvas_file.canvas_user_id
            plan[path] = Collected(students[user], canvas_file.file_id, times.get(user))
        return plan

    def _students_and_times(self, users: dict) -> tuple[dict[str, str], dict[str, datetime]]:
        from nbgrader.api import Assignment, Gradebook, Student, SubmittedAssignment

        coursedir = self._app("coursedir")
        db_url = coursedir.db_url if coursedir is not None else "sqlite:///gradebook.db"
        assignment_id = coursedir.assignment_id if coursedir is not None else ""
        students: dict[str, str] = {}
        times: dict[str, datetime] = {}
        with Gradebook(db_url) as gradebook:
            db = gradebook.db
            known = defaultdict(list)
            for student in db.query(Student).filter(Student.lms_user_id.in_(list(users))):
                known[student.lms_user_id].append(student.id)
            ambiguous = {user: ids for user, ids in known.items() if len(ids) > 1}
            if ambiguous:
                message = "; ".join(f"Canvas user {user} is nbgrader students {', '.join(sorted(ids))}"
                                    for user, ids in sorted(ambiguous.items()))
                fail = self._app("fail")
                if fail is not None:
                    fail("the gradebook gives one Canvas user id to several students: %s", message)
                raise UsageError(f"the gradebook gives one Canvas user id to several students: {message}")
            roster = roster_identities(db)
            unknown = sorted(user for user in users if user not in known)
            slugs = defaultdict(list)
            for user in unknown:
                slugs[users[user]["slug"]].append(user)
            for user, ids in known.items():
                students[user] = ids[0]
                if roster and user not in roster:
                    self.log.warning("Canvas user %s (%s) is not in the imported roster: collected as %r, as before "
                                     "(import a newer roster with `autograder canvas-roster`)", user,
                                     users[user]["slug"], ids[0])
            for user in unknown:
                slug = users[user]["slug"]
                wanted = user if self.unknown_student == "canvas_id" else slug
                holder = db.get(Student, wanted)
                shared = self.unknown_student == "slug" and len(slugs[slug]) > 1
                if shared or (holder is not None and holder.lms_user_id not in (None, "", user)):
                    wanted = f"{slug}-{user}"
                    holder = db.get(Student, wanted)
                if holder is None:
                    holder = Student(id=wanted)
                    db.add(holder)
                holder.lms_user_id = user
                students[user] = wanted
                if roster:
                    self.log.warning("Canvas user %s (%s) is not in the imported roster: collected as %r "
                                     "(import a newer roster with `autograder canvas-roster`)", user, slug, wanted)
                else:
                    self.log.info("Canvas user %s (%s) collected as %r", user, slug, wanted)
            db.commit()

            assignment = db.query(Assignment).filter(Assignment.name == assignment_id).one_or_none()
            duedate = assignment.duedate if assignment is not None else None
            for user, student_id in students.items():
                late = users[user]["late"]
                if duedate is None:
                    if late:
                        self.log.warning("%s (Canvas user %s) is marked LATE, but assignment %r has no due date in "
                                         "the gradebook: no late penalty (set one with `nbgrader db assignment add "
                                         "%s --duedate=...` and run zip_collect --force again)",
                                         student_id, user, assignment_id, assignment_id)
                    continue
                submission = (db.query(SubmittedAssignment)
                              .filter(SubmittedAssignment.assignment == assignment,
                                      SubmittedAssignment.student_id == student_id).one_or_none())
                due = submission.duedate if submission is not None else duedate
                times[user] = submission_time(due, late)
        return students, times
