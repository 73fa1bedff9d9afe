"""Every setting of the grader in one place: limits, paths and the grading seed."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Limits:
    """Limits on one submission's worker. Each has a command-line flag of the same name."""

    call_seconds: float = 10.0          # wall clock for one function call or one notebook cell
    submission_seconds: float = 120.0   # wall clock for the whole submission
    cpu_seconds: int = 120              # CPU time of the worker process
    memory_mb: int = 2048               # address space of the worker process
    output_bytes: int = 16 << 20        # largest reply the grader reads from the worker (bounds its memory)
    file_mb: int = 64                   # largest file the worker may write
    processes: int = 64                 # processes/threads the worker's user may run
    notebook_mb: int = 50               # largest notebook file the grader reads


@dataclass(frozen=True)
class GradingConfig:
    root: Path = PROJECT_ROOT
    limits: Limits = field(default_factory=Limits)
    seed: int = 20261121
    # "auto": bubblewrap when it works here, else the weaker "process" mode; or force either.
    isolation: str = "auto"
    # The course's secret: each submission's hidden inputs are drawn from a salt derived from it and
    # the notebook's content (a regrade of the same notebook draws the same inputs; any change draws
    # new ones). None: a random salt per grading (fresh inputs, kept in the Report to reproduce them).
    secret: bytes | None = None
    # a salt to use as it is (reproducing a grading: `autograder grade --salt`), else derived
    salt: str = ""
    # What the students' feedback (pages, results.json) shows of a wrong value: "explain" (what was
    # compared, the input, what came, what differs: never the expected value), "full" (the expected
    # value too), or "auto": explain until the assignment's due date has passed, then full.
    feedback_detail: str = "auto"

    @property
    def suites_dir(self) -> Path:
        return self.root / "tests" / "hidden"

    @property
    def solutions_dir(self) -> Path:
        return self.root / "solutions"

    def assignments(self) -> list[str]:
        return sorted(p.name for p in self.suites_dir.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


FEEDBACK_DETAILS = ("auto", "explain", "full")


def feedback_detail(policy: str, due=None, now=None) -> str:
    """"explain" or "full" for a policy of FEEDBACK_DETAILS: `auto` gives full detail only once the due
    date (naive UTC, as nbgrader stores it) has passed; without a due date it explains."""
    from datetime import datetime, timezone

    if policy in ("explain", "full"):
        return policy
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    return "full" if due is not None and now > due else "explain"


SECRET_FILE = ".autograder-secret"  # beside gradebook.db; git-ignored; never released


def course_secret(course_root: Path) -> bytes:
    """The course's secret (created on first use, readable by its owner only)."""
    import secrets

    path = Path(course_root) / SECRET_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) >= 32:
            return bytes.fromhex(text)
    except (OSError, ValueError):
        pass
    text = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(text + "\n")
    return bytes.fromhex(text)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def tool_environment() -> dict[str, str]:
    """The environment for nbgrader's commands: this venv's bin first on PATH.

    nbgrader runs `alembic` by name when it creates a gradebook, so the venv must be on PATH even
    when nobody activated it.
    """
    env = dict(os.environ)
    bin_dir = os.path.dirname(sys.executable)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    return env


def skip_slow_optional_imports() -> None:
    """Keep jsonschema from loading rfc3987_syntax, an optional IRI checker it imports when present.

    nbgrader's API imports nbformat, whose jsonschema then builds that package's grammar: about 2 s
    of every command that touches the gradebook. The grader validates no IRIs; jsonschema treats
    the missing module as an absent optional checker.
    """
    if "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None
