"""The course folder as nbgrader lays it out: which notebook of a submission is graded, and the
files grading leaves beside it. Shared by both fronts of the grader: `autograder grade-all` and
`nbgrader autograde` (autograder/nbgrader_plugin.py).

    submitted/<student>/<a>/<nb>.ipynb, timestamp.txt, submission_secret.txt   (nbgrader collect)
    autograded/<student>/<a>/<nb>.ipynb      the graded notebook (grade cells show the lost points)
    autograded/<student>/<a>/report.json     the Report (nbgrader generate_feedback renders it)
    autograded/<student>/<a>/results.json    the same in Gradescope's format
    feedback/<student>/<a>/<nb>.html         what `nbgrader release_feedback` hands out
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .sinks.common import write_text

REPORT_FILE = "report.json"
RESULTS_FILE = "results.json"
TIMESTAMP_FILE = "timestamp.txt"
SECRET_FILE = "submission_secret.txt"


@dataclass(frozen=True)
class Submission:
    """One student's submission of an assignment, as the grader takes it.

    `notebook` is the file that is graded; `notebook_name` the assignment's notebook in the
    gradebook it is graded as (a resubmission saved as `<a>-1.ipynb` is graded as `<a>`).
    `refused` says why nothing can be graded (then every problem scores 0 with that reason);
    `note` tells the student and the staff what was decided about the files.
    """

    student: str
    folder: Path
    notebook: Path
    notebook_name: str
    refused: str = ""
    note: str = ""

    @property
    def recordable(self) -> bool:
        """False when the student's folder name cannot be a gradebook id (not valid UTF-8)."""
        try:
            self.student.encode("utf-8")
            return True
        except UnicodeEncodeError:
            return False


def _regular_notebooks(folder: Path) -> list[Path]:
    """The .ipynb files of a folder that are plain files (never links, never folders)."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        if path.is_symlink() or not path.is_file():
            continue
        found.append(path)
    return found


def choose_notebook(student: str, folder: Path, notebook_name: str) -> Submission:
    """Which notebook of `folder` is graded as `notebook_name`.

    The one named `<notebook_name>.ipynb` if present; else the only notebook there, whatever its
    name (LMS downloads and resubmissions rename files); else nothing, with the reason.
    """
    expected = folder / f"{notebook_name}.ipynb"
    notebooks = _regular_notebooks(folder)
    names = [path.name for path in notebooks]
    if expected in notebooks:
        others = [name for name in names if name != expected.name]
        note = (f"graded {expected.name}; the other notebook(s) in the submission were ignored: "
                f"{', '.join(others[:5])}") if others else ""
        return Submission(student, folder, expected, notebook_name, note=note)
    if len(notebooks) == 1:
        return Submission(student, folder, notebooks[0], notebook_name,
                          note=f"graded {notebooks[0].name} as {expected.name} (the only notebook submitted)")
    if not notebooks:
        links = [path.name for path in sorted(folder.glob("*.ipynb")) if path.is_symlink() or not path.is_file()]
        detail = f" ({', '.join(links[:3])} is not a plain file)" if links else ""
        return Submission(student, folder, expected, notebook_name,
                          refused=f"the submission holds no notebook to grade{detail}; hand in {expected.name}")
    return Submission(student, folder, expected, notebook_name,
                      refused=f"the submission holds {len(notebooks)} notebooks ({', '.join(names[:5])}) and none "
                              f"is named {expected.name}: hand in exactly one notebook")


def find_submissions(course_root: Path, assignment: str, notebook_name: str, only=None) -> list[Submission]:
    """Every `submitted/<student>/<assignment>/` folder, in student order. A student folder or an
    assignment folder that is a symbolic link is refused with its reason (never followed)."""
    submitted = Path(course_root) / "submitted"
    found = []
    for student_dir in sorted(p for p in submitted.glob("*") if p.is_dir() or p.is_symlink()):
        if only and student_dir.name not in only:
            continue
        folder = student_dir / assignment
        if student_dir.is_symlink() or folder.is_symlink():
            which = "student folder" if student_dir.is_symlink() else f"folder {assignment}/"
            found.append(Submission(student_dir.name, folder, folder / f"{notebook_name}.ipynb", notebook_name,
                                    refused=f"the {which} is a symbolic link, not a folder: it is not followed"))
            continue
        if not folder.is_dir():
            continue
        chosen = choose_notebook(student_dir.name, folder, notebook_name)
        if not chosen.recordable:  # graded and written to autograded/, but no gradebook id can hold it
            chosen = Submission(chosen.student, folder, chosen.notebook, notebook_name,
                                refused="the student's folder name is not valid UTF-8: rename it (nbgrader needs "
                                        "a text id) and grade again")
        found.append(chosen)
    return found


# ----------------------------------------------------------------------------- timestamps, secrets
def inside_course(path: Path) -> bool:
    """False when a folder on the way to `path` is a symbolic link (its files would be elsewhere)."""
    folder = Path(path).parent
    return os.path.realpath(folder) == os.path.abspath(folder)


def read_small_file(path: Path, limit: int = 200) -> str | None:
    """The first `limit` characters of a plain file beside a submission; None for a link, a file in a
    linked folder, a folder, a pipe or a device (never followed, never read forever)."""
    import stat

    if not inside_course(path):
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return os.read(descriptor, limit * 4).decode("utf-8", "replace")[:limit]
    except OSError:
        return None
    finally:
        os.close(descriptor)


def read_timestamp(folder: Path) -> datetime | None:
    """The submission time in `timestamp.txt` (naive UTC, as nbgrader stores it), else None."""
    from nbgrader.utils import parse_utc

    text = (read_small_file(Path(folder) / TIMESTAMP_FILE) or "").strip()
    try:
        return parse_utc(text) if text else None
    except (ValueError, OverflowError, TypeError):
        return None


def timestamp_text(timestamp: datetime | None) -> str:
    when = timestamp or datetime.utcnow()
    return when.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"


def submission_secret(folder: Path) -> str:
    """The secret nbgrader's release_feedback files a feedback page under (`nbgrader submit` writes
    it). A submission collected without one (an LMS download) gets one, kept beside it so that every
    regrade files the page under the same name."""
    path = Path(folder) / SECRET_FILE
    text = (read_small_file(path) or "").strip()
    if text:
        return text
    text = secrets.token_hex(16)
    if inside_course(path) and not os.path.lexists(path):  # never through a link, never into a pipe
        try:
            write_text(path, text)
        except OSError:
            pass  # a read-only submission: the page is filed under this secret this time
    return text


# ----------------------------------------------------------------------------- files written
def write_grading_files(folder: Path, report, timestamp: datetime | None, secret: str,
                        detail: str = "explain") -> None:
    """The files of autograded/<student>/<a>/ that both fronts write: the Report, its Gradescope
    form (with the feedback's detail), the timestamp and the secret (nbgrader's generate_feedback
    copies the last two along)."""
    from .report import report_to_json
    from .sinks.results_json import to_gradescope

    write_text(folder / REPORT_FILE, json.dumps(report_to_json(report), allow_nan=False))
    write_text(folder / RESULTS_FILE, json.dumps(to_gradescope(report, detail), indent=2, allow_nan=False))
    if timestamp is not None or not (folder / TIMESTAMP_FILE).is_file():
        write_text(folder / TIMESTAMP_FILE, timestamp_text(timestamp))
    write_text(folder / SECRET_FILE, secret)


def read_report(folder: Path):
    """The Report stored in autograded/<student>/<a>/ (None when there is none)."""
    from .report import report_from_json

    path = Path(folder) / REPORT_FILE
    if not path.is_file():
        return None
    return report_from_json(json.loads(path.read_text(encoding="utf-8")))
