"""grade(submission, assignment) -> Report: the whole grading of one notebook (grade_many: a chunk).

load & validate the notebook -> run its code cells in a worker -> run the hidden suite in this
process (the `student` fixture calls into the worker) -> one Report, built in one place
(SubmissionRun.report) from what the plugin recorded on the run.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
from dataclasses import replace
import os
import sys
import time
from pathlib import Path

import pytest

from ..config import GradingConfig
from ..errors import GraderFault, NotebookUnusable, UsageError
from ..notebook import (Notebook, code_with_locked_cells_restored, load_notebook, parse_notebook,
                        read_submission_file, solution_cells_answered)
from ..figures import FigurePair, expected_figure
from ..report import Report, TestResult
from ..sandbox.isolation import resolve_mode
from ..sandbox.worker_session import WorkerSession
from .plugin import GradingPlugin

_REFERENCE_CACHE: dict[Path, object] = {}

# A lean pytest: no output capture (the suites print nothing; the student's output stays in the
# worker), no tracebacks (the plugin keeps the exception; rendering one costs ~40 ms), no
# assertion rewriting (its text could quote hidden code), no search of the installed packages for
# plugins (~0.1 s with nbgrader and otter installed) and none of pytest's own plugins that a
# grading run does not use; they cost more than the tests themselves.
PYTEST_ARGS = ["-qq", "-s", "--tb=no", "--assert=plain", "--import-mode=importlib", "-W", "ignore",
               "--disable-plugin-autoload",
               *[arg for plugin in ("cacheprovider", "logging", "faulthandler", "doctest",
                                    "junitxml", "pastebin", "stepwise", "warnings", "legacypath",
                                    "unraisableexception", "threadexception", "setuponly", "setupplan")
                 for arg in ("-p", f"no:{plugin}")]]


class UnusableNotebookSession:
    """Stands in for a worker when the notebook cannot be run: every request names the problem."""

    def __init__(self, reason: str):
        self.reason = reason

    def request(self, op, name, args=(), kwargs=None):
        raise NotebookUnusable(self.reason)


def derive_salt(secret: bytes | None, notebook: bytes) -> str:
    """The salt of a submission's hidden inputs: from the course's secret and the notebook's bytes, so
    that regrading the same notebook draws the same inputs and any change draws new ones (answers
    copied from earlier feedback do not fit them); random when there is no secret."""
    import hashlib
    import hmac
    import secrets

    if secret is None:
        return secrets.token_hex(16)
    return hmac.new(secret, hashlib.sha256(notebook).digest(), hashlib.sha256).hexdigest()[:32]


def load_reference(config: GradingConfig, assignment: str):
    path = config.solutions_dir / f"{assignment}.py"
    if path in _REFERENCE_CACHE:
        return _REFERENCE_CACHE[path]
    if not path.is_file():
        raise GraderFault(f"no reference solution at {path}")
    name = f"solutions.{assignment}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look their module up by name
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise GraderFault(f"the reference {path} does not import: {exc!r}") from None
    _REFERENCE_CACHE[path] = module
    return module


def load_release(config: GradingConfig, assignment: str) -> Notebook | None:
    """The released student notebook, the reference for locked cells (None if not generated)."""
    path = config.root / "assignments" / assignment / f"{assignment}.ipynb"
    try:
        return load_notebook(path, config.limits.notebook_mb << 20)
    except NotebookUnusable:
        return None


def check_assignment(config: GradingConfig, assignment: str) -> Path:
    suite = config.suites_dir / assignment
    if not suite.is_dir():
        known = ", ".join(config.assignments()) or "none"
        raise UsageError(f"unknown assignment {assignment!r} (known: {known})")
    return suite


def problem_points(release: Notebook | None) -> dict[str, float]:
    """problem -> its points, from the released notebook (never from a submission, whose metadata
    the student controls)."""
    if release is None:
        return {}
    points = {}
    for cell in release.cells:
        if cell.is_test_cell and cell.grade_id:
            try:
                points[cell.grade_id] = float(cell.nbgrader.get("points", 0))
            except (TypeError, ValueError):
                points[cell.grade_id] = 0.0
    return points


def cell_labels(notebook: Notebook) -> dict[int, str]:
    """Each code cell as the student sees it: its position among the notebook's code cells and its
    first line ("code cell 7, which starts `def plot_history(history, f):`")."""
    labels, position = {}, 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        position += 1
        first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
        first = first if len(first) <= 60 else first[:57] + "..."
        labels[cell.index] = f"code cell {position}" + (f", which starts `{first}`" if first else "")
    return labels


def cell_notes(outcomes, labels: dict | None = None) -> list[str]:
    notes = []
    for outcome in outcomes:
        if outcome.status in ("timeout", "crashed"):
            notes.append(f"{outcome.message}; it was skipped and grading went on without it")
        elif outcome.status == "error":
            notes.append(f"{(labels or {}).get(outcome.index, f'cell {outcome.index}')} raised {outcome.message}")
    return notes


# Each suite's own imported test modules, kept between its runs in one process (importing them
# again for every chunk would cost more than the tests).
_SUITE_MODULES: dict[Path, dict[str, object]] = {}


def _is_inside(module, folder: Path) -> bool:
    path = getattr(module, "__file__", None)
    return path is not None and Path(path).resolve().is_relative_to(folder)


@contextlib.contextmanager
def suite_modules(suite: Path):
    """sys.modules as this suite must see it: pytest's importlib mode names a suite's
    `test_report.py` plain `test_report` and returns whatever module of that name is already in
    sys.modules, so another suite's (or the project's own tests') module of the same name would be
    graded instead. Same-named modules from elsewhere step aside for the run and come back after;
    the suite's own go into its cache."""
    folder = suite.resolve()
    names = {path.stem for path in folder.rglob("*.py")}
    clashes = lambda name: name.partition(".")[0] in names  # noqa: E731
    stepped_aside = {name: sys.modules.pop(name) for name in list(sys.modules) if clashes(name)}
    sys.modules.update(_SUITE_MODULES.get(folder, {}))
    try:
        yield
    finally:
        own = {name: sys.modules.pop(name) for name in list(sys.modules) if clashes(name)}
        _SUITE_MODULES[folder] = {name: module for name, module in own.items() if _is_inside(module, folder)}
        sys.modules.update(stepped_aside)


def run_suite(suite: Path, plugin: GradingPlugin, collect_only: bool = False) -> int:
    # --confcutdir: the suite's folder only; a conftest.py above it (the project's own tests/conftest.py)
    # is not the grader's and must not run in a grading run
    args = [str(suite), *(["--collect-only"] if collect_only else []), *PYTEST_ARGS,
            "-c", os.devnull, "--rootdir", str(suite), "--confcutdir", str(suite)]
    with contextlib.redirect_stdout(io.StringIO()) as captured, suite_modules(suite):
        code = pytest.main(args, plugins=[plugin])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        plugin.faults.append(f"pytest exited with {code!r}: {captured.getvalue()[-2000:]}")
    return int(code)


class SubmissionRun:
    """One submission inside a grading run: its notebook, its worker, what its tests recorded
    (results, faults of the grader, figures), its notes and its time; `report()` builds its Report."""

    def __init__(self, path: Path, config: GradingConfig, mode: str, release: Notebook | None,
                 refused: str = ""):
        """`refused`: a reason not to run this submission at all (for example, no notebook to grade)."""
        self.path, self.config, self.mode, self.release = Path(path), config, mode, release
        self.notes: list[str] = []
        self.session = None
        self.seconds = 0.0
        self.salt = config.salt or ""   # the hidden inputs' salt (suite.plugin's rng), set when read
        self.results: list[tuple[TestResult, tuple]] = []  # (result, its figure calls), in test order
        self.faults: list[str] = []                         # faults of the grader on this submission
        self.figure_calls: list = []                        # the current test's plotting calls
        self.notebook: Notebook | None = None
        self.unusable = refused   # why the notebook cannot be run at all ("" when it can)
        if refused:
            self.notes.append(str(NotebookUnusable(refused)))
            return
        try:
            raw = read_submission_file(self.path, config.limits.notebook_mb << 20)
            self.salt = self.salt or derive_salt(config.secret, raw)
            self.notebook = parse_notebook(raw)
        except NotebookUnusable as problem:
            self.notes.append(str(problem))
            self.unusable = problem.reason
        self.salt = self.salt or derive_salt(config.secret, b"")

    def open(self):
        """Start the worker and run the notebook's cells (called when the first test needs them)."""
        self._started = time.monotonic()
        if self.notebook is None:
            self.session = UnusableNotebookSession(self.unusable)
            return self.session
        self.session = WorkerSession(self.mode, self.config.limits)
        self.session.cell_labels = cell_labels(self.notebook)
        code, restored = code_with_locked_cells_restored(self.notebook, self.release)
        self.notes.extend(restored)
        self.notes.extend(cell_notes(self.session.run_notebook(code), self.session.cell_labels))
        return self.session

    def close(self) -> None:
        if self.session is not None and hasattr(self.session, "close"):
            self.session.close()
        if self.session is not None:
            self.seconds = round(time.monotonic() - self._started, 3)
        self.session = None

    def record(self, result: TestResult, figure_calls: tuple, fault: str = "") -> None:
        """What one test found (called by the plugin)."""
        self.results.append((result, figure_calls))
        if fault:
            self.faults.append(fault)

    def report(self, assignment: str, reference, suite_faults: list[str]) -> Report:
        """The submission's Report: each result with its figures beside the reference's."""
        results = tuple(replace(result, figures=_figure_pairs(reference, calls)) if calls else result
                        for result, calls in self.results)
        answered, unanswered = solution_cells_answered(self.notebook, self.release) if self.notebook else ((), ())
        return Report(assignment=assignment, submission=str(self.path), results=results, isolation=self.mode,
                      notes=tuple(self.notes), grader_fault="; ".join(suite_faults + self.faults),
                      seconds=self.seconds, problem_points=problem_points(self.release), answered=answered,
                      unanswered=unanswered, unusable=self.unusable, salt=self.salt)


def _figure_pairs(reference, calls) -> tuple[FigurePair, ...]:
    """Each of a test's plotting calls beside what the reference draws for the same arguments. A call of
    a function the reference does not plot with (a figure returned where numbers were due) shows no
    picture: the feedback's plots are the assignment's plots, and the grader draws nothing else."""
    pairs = []
    for name, args, kwargs, figure in calls:
        try:
            expected = expected_figure(reference, name, args, kwargs)
        except Exception:  # feedback only: never a reason for a test to fail
            expected = None
        if expected is not None:
            pairs.append(FigurePair.of(name, figure, expected))
    return tuple(pairs)


def grade_many(submissions, assignment: str, config: GradingConfig | None = None,
               refusals: dict | None = None) -> list[Report]:
    """Grade several notebooks with one run of the hidden suite; one Report each, in order.

    `refusals`: index -> reason, for submissions that must not run (each still gets a Report:
    every test fails with the reason)."""
    config = config or GradingConfig()
    suite = check_assignment(config, assignment)
    reference = load_reference(config, assignment)
    mode = resolve_mode(config.isolation)
    release = load_release(config, assignment)
    refusals = refusals or {}
    runs = [SubmissionRun(path, config, mode, release, refusals.get(index, ""))
            for index, path in enumerate(submissions)]
    plugin = GradingPlugin(runs, reference, config.seed)
    try:
        run_suite(suite, plugin)
    finally:
        for run in runs:  # pytest ended early (a fault of the suite): no worker is left running
            run.close()
    return [run.report(assignment, reference, plugin.faults) for run in runs]


def grade(submission: Path | str, assignment: str, config: GradingConfig | None = None,
          refused: str = "") -> Report:
    """Grade one notebook with the hidden suite of `assignment`."""
    started = time.monotonic()
    report = grade_many([submission], assignment, config, {0: refused} if refused else None)[0]
    return replace(report, seconds=round(time.monotonic() - started, 3))


def suite_points(assignment: str, config: GradingConfig | None = None) -> dict[str, float]:
    """problem -> the sum of its hidden tests' points, read from the suite's markers."""
    config = config or GradingConfig()
    plugin = GradingPlugin(None, None, config.seed)
    run_suite(check_assignment(config, assignment), plugin, collect_only=True)
    if plugin.faults:
        raise GraderFault("; ".join(plugin.faults))
    points: dict[str, float] = {}
    for value, problem, _ in plugin.collected.values():
        points[problem] = points.get(problem, 0.0) + value
    return points
