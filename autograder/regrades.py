"""What a grading changed, and the record of it: a score never changes silently.

Both fronts (`autograder grade-all`, and `nbgrader autograde` or formgrader's Autograde button
through nbgrader_plugin.py) pass every recorded grading of a student through a `GradingLog`:

    reports/history/<a>/<student>.jsonl   one line per recorded grading of the student: when, by which
                                          command, the suite's version, the score, per problem, per test
    reports/regrades/<a>/<run>.jsonl      a run that changed a recorded score (and every `--regrade`):
                                          a header line (when, command, reason, the suite's git commit
                                          and digests), then one line per student whose score changed:
                                          before and after, per problem, and the tests that changed

A change is a difference in what the gradebook holds for the student (the total after manual scores
and the late penalty, or any problem's score), between the grades read just before recording and
the grades read just after. The tests that changed come from the student's previous history line.
`autograder regrades <a>` prints the records (`--student S` the student's whole history: what a TA
needs to answer a regrade request); the class report shows the last record. Everything here is
staff-only (under reports/, which is git-ignored with the other student data).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .sinks.common import printable

TOLERANCE = 1e-6  # scores are stored rounded to 6 places


@dataclass(frozen=True)
class Snapshot:
    """One student's grades at one moment: the gradebook's (problems, total) and the suite's tests."""

    score: float
    max_score: float
    problems: dict[str, float]            # problem -> the gradebook's score (manual over automatic)
    tests: dict[str, float] | None = None  # "problem: test" -> points; None when not known
    late_penalty: float = 0.0
    submission: str = ""                   # a digest of the graded notebook's bytes ("" unknown)


def snapshot(recorded, report=None, submission: str = "") -> Snapshot | None:
    """The Snapshot of RecordedGrades (sinks/gradebook.py) and, when given, the Report's tests."""
    if recorded is None:
        return None
    tests = None
    if report is not None:
        tests = {test_key(r.problem, r.name): round(r.score, 6) for r in report.results}
    return Snapshot(recorded.score, recorded.max_score,
                    {problem: round(grade.score, 6) for problem, grade in recorded.problems.items()},
                    tests, recorded.late_penalty, submission)


def test_key(problem: str, name: str) -> str:
    return f"{problem}: {name}"


def notebook_digest(path: Path, max_bytes: int = 64 << 20) -> str:
    """A short digest of a notebook's bytes ("" when it cannot be read as a plain file)."""
    import hashlib

    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


@dataclass(frozen=True)
class Change:
    """A student whose recorded score changed: before and after, per problem and per test."""

    student: str
    before: Snapshot
    after: Snapshot

    @property
    def problems(self) -> list[tuple[str, float | None, float | None]]:
        names = list(dict.fromkeys([*self.before.problems, *self.after.problems]))
        return [(p, self.before.problems.get(p), self.after.problems.get(p)) for p in names
                if not _same(self.before.problems.get(p), self.after.problems.get(p))]

    @property
    def tests(self) -> list[tuple[str, float | None, float | None]] | None:
        """The tests whose points changed; None when the earlier tests are not known."""
        if self.before.tests is None or self.after.tests is None:
            return None
        names = list(dict.fromkeys([*self.before.tests, *self.after.tests]))
        return [(t, self.before.tests.get(t), self.after.tests.get(t)) for t in names
                if not _same(self.before.tests.get(t), self.after.tests.get(t))]

    @property
    def new_submission(self) -> bool:
        """True when a different notebook was graded (a resubmission, not a change of the suite)."""
        return bool(self.before.submission and self.after.submission and
                    self.before.submission != self.after.submission)

    def to_json(self) -> dict:
        return {"student": self.student, "before": asdict(self.before), "after": asdict(self.after),
                "problems": self.problems, "tests": self.tests, "new_submission": self.new_submission}

    @classmethod
    def from_json(cls, data: dict) -> "Change":
        return cls(data["student"], Snapshot(**data["before"]), Snapshot(**data["after"]))


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE


def changed(student: str, before: Snapshot | None, after: Snapshot | None) -> Change | None:
    """The Change of a student's recorded grades, or None (first grading, or the same scores)."""
    if before is None or after is None:
        return None
    change = Change(student, before, after)
    if _same(before.score, after.score) and not change.problems:
        return None
    return change


# ----------------------------------------------------------------------------- the suite's version
def suite_version(root: Path, assignment: str) -> dict:
    """The git commit of the checkout that holds the suite (with whether the suite's files differ
    from it) and the digests of what grading reads (cluster.checkout_digests), shortened."""
    from .cluster import checkout_digests

    paths = [f"tests/hidden/{assignment}", f"solutions/{assignment}.py", f"assignments/{assignment}"]
    commit, dirty = "", None
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=20, check=True).stdout.strip()
        status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", *paths],
                                capture_output=True, text=True, timeout=20, check=True).stdout
        dirty = bool(status.strip())
    except (OSError, subprocess.SubprocessError):
        commit = ""  # not a git checkout (a copied course folder): the digests still say what ran
    digests = {part: digest[:12] for part, digest in checkout_digests(root, assignment).items()}
    return {"commit": commit, "suite_differs_from_commit": dirty, "digests": digests}


# ----------------------------------------------------------------------------- the record
def history_path(course_root: Path, assignment: str, student: str) -> Path:
    if not student or student in (".", "..") or "/" in student or "\0" in student:
        raise ValueError(f"not a student id: {student!r}")
    return Path(course_root) / "reports" / "history" / assignment / f"{student}.jsonl"


def regrades_folder(course_root: Path, assignment: str) -> Path:
    return Path(course_root) / "reports" / "regrades" / assignment


def last_history(course_root: Path, assignment: str, student: str) -> dict | None:
    """The student's last history line (None when there is none or it cannot be read)."""
    try:
        path = history_path(course_root, assignment, student)
        with open(path, "rb") as handle:
            handle.seek(max(0, path.stat().st_size - (1 << 20)))  # the last line is small
            lines = handle.read().splitlines()
        return json.loads(lines[-1]) if lines else None
    except (OSError, ValueError, IndexError):
        return None


def earlier_tests(course_root: Path, assignment: str, student: str) -> tuple[dict | None, str]:
    """The tests and submission digest of the student's previous recorded grading."""
    line = last_history(course_root, assignment, student)
    if not isinstance(line, dict):
        return None, ""
    tests = line.get("tests")
    return (tests if isinstance(tests, dict) else None), str(line.get("submission") or "")


def _append(path: Path, lines: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))


@dataclass
class GradingLog:
    """The record of one grading run (one command) of one assignment; `dry_run` writes nothing.

    Writers append under the gradebook's lock (sinks/gradebook.writing), so two commands grading the
    same assignment at once keep whole lines."""

    course_root: Path
    assignment: str
    command: str                     # "autograder grade-all", "nbgrader autograde", ...
    suite: dict                      # suite_version()
    reason: str = ""
    regrade: bool = False            # --regrade: the run is recorded even when nothing changed
    dry_run: bool = False
    when: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    changes: list[Change] = field(default_factory=list)
    graded: int = 0
    unwritten: list[str] = field(default_factory=list)  # records that could not be written, with why

    @property
    def run_id(self) -> str:
        return f"{self.when:%Y%m%dT%H%M%SZ}-{os.getpid()}"

    @property
    def path(self) -> Path:
        return regrades_folder(self.course_root, self.assignment) / f"{self.run_id}.jsonl"

    def header(self) -> dict:
        return {"run": self.run_id, "when": self.when.isoformat(timespec="seconds"), "command": self.command,
                "assignment": self.assignment, "reason": self.reason, "regrade": self.regrade,
                "suite": self.suite}

    def note(self, student: str, before: Snapshot | None, after: Snapshot | None) -> Change | None:
        """Record one student's grading (history, and the run's record when the score changed)."""
        self.graded += 1
        change = changed(student, before, after)
        if change is not None:
            self.changes.append(change)
        if self.dry_run:
            return change
        try:  # the grades are recorded already; a record that cannot be written is named, not fatal
            if after is not None:
                line = {"run": self.run_id, "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        "command": self.command, "commit": self.suite.get("commit", ""),
                        "suite": self.suite.get("digests", {}).get(f"tests/hidden/{self.assignment}/", ""),
                        **asdict(after)}
                _append(history_path(self.course_root, self.assignment, student), [line])
            if change is not None:
                fresh = not self.path.exists()
                _append(self.path, ([self.header()] if fresh else []) + [change.to_json()])
        except (OSError, ValueError) as exc:
            self.unwritten.append(f"{printable(student, 40)}: {type(exc).__name__}: {exc}")
        return change

    def close(self) -> None:
        """A --regrade is recorded even when no score changed."""
        if not self.dry_run and self.regrade and not self.path.exists():
            _append(self.path, [self.header()])


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class RunRecord:
    header: dict
    changes: list[Change]
    path: Path


def read_run(path: Path) -> RunRecord | None:
    try:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return RunRecord(lines[0], [Change.from_json(line) for line in lines[1:]], path)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def read_runs(course_root: Path, assignment: str) -> list[RunRecord]:
    """Every recorded run of the assignment, oldest first."""
    folder = regrades_folder(course_root, assignment)
    runs = [read_run(path) for path in sorted(folder.glob("*.jsonl"))] if folder.is_dir() else []
    return sorted((run for run in runs if run is not None), key=lambda run: run.header.get("when", ""))


def read_history(course_root: Path, assignment: str, student: str) -> list[dict]:
    try:
        path = history_path(course_root, assignment, student)
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError):
        return []


# ----------------------------------------------------------------------------- text
def _points(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def change_lines(change: Change, width: int = 40) -> list[str]:
    """Two or three lines per changed student for the terminal and the `regrades` command."""
    before, after = change.before, change.after
    head = f"  {printable(change.student, width)}: {_points(before.score)} -> {_points(after.score)}" \
           f" / {after.max_score:g}" + ("  (a new submission)" if change.new_submission else "")
    lines = [head]
    if change.problems:
        lines.append("      problems: " + "; ".join(f"{p} {_points(a)} -> {_points(b)}" for p, a, b in change.problems))
    tests = change.tests
    if tests is None:
        lines.append("      tests: the earlier grading's tests were not recorded")
    elif tests:
        lines.append("      tests: " + "; ".join(f"{printable(t, 80)} {_points(a)} -> {_points(b)}" for t, a, b in tests))
    elif not change.problems:
        lines.append("      tests: none changed (a manual score or the late penalty did)")
    return lines


def suite_text(suite: dict) -> str:
    commit = suite.get("commit") or "not a git checkout"
    text = f"suite at commit {commit[:12]}"
    if suite.get("suite_differs_from_commit"):
        text += " (with uncommitted changes to the suite)"
    digest = next((v for k, v in suite.get("digests", {}).items() if k.startswith("tests/hidden/")), "")
    return text + (f", suite digest {digest}" if digest else "")


def summary_lines(log: GradingLog) -> list[str]:
    """What grade-all prints after its class table."""
    if not log.changes and not log.regrade:
        return []
    verb = "would change" if log.dry_run else "changed"
    lines = [f"{'regrade' if log.regrade else 'grading'} of {log.assignment}: {len(log.changes)} of {log.graded} "
             f"recorded score(s) {verb}; {suite_text(log.suite)}"]
    for change in sorted(log.changes, key=lambda change: change.student):  # as the class table, not as finished
        lines += change_lines(change)
    if log.dry_run:
        lines.append("dry run: nothing was written (gradebook, feedback, records)")
    else:
        lines.append(f"recorded in {log.path}")
    lines += [f"not recorded: {text}" for text in log.unwritten[:20]]
    return lines
