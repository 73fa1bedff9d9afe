"""The pytest plugin that turns a hidden suite run into typed TestResults.

It provides the fixtures `student`, `reference` and `rng`, reads each test's
`@pytest.mark.points(n, problem=..., visibility=...)` marker, and records one TestResult per test
on the submission it graded. A test's outcome becomes fields, never prose to parse later:
- passed -> kind "passed";
- CheckFailed from the comparison helpers -> "wrong_value", with the named mistake and what was
  compared (the helper's fields);
- a StudentFailure (raised, timed out, not defined, crashed, unreadable, notebook unusable) -> its
  kind, the student's function and, for an exception, its type;
- a bare `assert` in a suite -> "wrong_value" with a generic message (its text could quote hidden code);
- anything else -> "grader_fault", scored 0 and reported as a fault of the grader.

The worker of a submission lives exactly as long as that submission's tests: the setup hook of its
first test opens it (the notebook's cells run then) and the teardown hook of its last test closes it.
"""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from ..errors import StudentFailure
from ..figures import FigureData
from ..report import (GRADER_FAULT, PASSED, WRONG_VALUE, Comparison, NamedMistake, TestResult)
from .compare import CheckFailed

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
MARKER_HELP = ("points(n, problem, visibility='visible'): the points of a hidden test, the grade_id of "
               "the notebook problem it scores, and its Gradescope visibility")
BARE_ASSERT = "a hidden check of this test failed"
FIGURES_PER_TEST = 4  # plotting calls kept per test for the feedback


class StudentProxy:
    """`student.softmax(z)` calls the student's softmax in the worker; only plain data comes back.

    Every call that returns a figure is recorded on the run (`figure_calls`), with its arguments,
    so that the reference's figure for the same call can be drawn beside it afterwards.
    """

    def __init__(self, session, figure_calls: list | None = None):
        self._session = session
        self._figure_calls = figure_calls
        # what the latest call did besides returning (sandbox.worker_session.CallEffects): the arguments
        # it changed in place and the warnings it raised; compare.expect_unchanged / expect_no_warnings
        self.last_call = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args, **kwargs):
            return self.call(name, *args, **kwargs)

        call.__name__ = name
        return call

    def call(self, name: str, *args, **kwargs):
        self.last_call = None
        value = self._session.request("call", name, args, kwargs)
        self.last_call = getattr(self._session, "last_call", None)
        if isinstance(value, FigureData) and self._figure_calls is not None \
                and len(self._figure_calls) < FIGURES_PER_TEST:
            self._figure_calls.append((name, args, kwargs, value))
        return value

    def get(self, name: str):
        """The value of a global variable of the notebook."""
        return self._session.request("get", name)

    def has(self, name: str) -> bool:
        return bool(self._session.request("has", name))


def marker_problem(item) -> tuple[float, str, str]:
    """(points, problem, visibility) of a test; raise pytest.UsageError naming the test otherwise."""
    markers = list(item.iter_markers("points"))
    where = f"{item.nodeid}"
    if len(markers) != 1:
        raise pytest.UsageError(f"{where}: a hidden test needs exactly one @pytest.mark.points(...) "
                                f"marker, found {len(markers)}")
    marker = markers[0]
    if len(marker.args) != 1 or not isinstance(marker.args[0], (int, float)) or marker.args[0] <= 0:
        raise pytest.UsageError(f"{where}: points must be one positive number, got {marker.args!r}")
    problem = marker.kwargs.get("problem")
    if not isinstance(problem, str) or not problem:
        raise pytest.UsageError(f"{where}: the points marker needs problem='<grade_id>'")
    visibility = marker.kwargs.get("visibility", "visible")
    if visibility not in VISIBILITIES:
        raise pytest.UsageError(f"{where}: visibility {visibility!r} is not one of {VISIBILITIES}")
    unknown = set(marker.kwargs) - {"problem", "visibility"}
    if unknown:
        raise pytest.UsageError(f"{where}: unknown points marker argument(s) {sorted(unknown)}")
    return float(marker.args[0]), problem, visibility


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def submission_index(item) -> int | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("submission") if callspec is not None else None


def result_of(item, excinfo) -> tuple[TestResult, str]:
    """The test's TestResult from its outcome, and a description of a grader fault ("" otherwise)."""
    points, problem, visibility = marker_problem(item)
    common = {"name": item.originalname, "problem": problem, "max_score": points, "visibility": visibility,
              "description": _first_line(getattr(item.function, "__doc__", ""))}
    if excinfo is None:
        return TestResult(score=points, kind=PASSED, **common), ""
    error = excinfo.value
    if isinstance(error, CheckFailed):
        mistake = error.mistake
        named = NamedMistake(mistake.id, mistake.message) if mistake is not None else None
        comparison = (Comparison(error.what, error.inputs, error.expected, error.got, error.detail, error.reveals,
                                 error.summary) if error.what else Comparison(error.check, reveals=False))
        return TestResult(score=0.0, kind=WRONG_VALUE, message=str(error), mistake=named, comparison=comparison,
                          **common), ""
    if isinstance(error, StudentFailure):
        mistake = getattr(error, "mistake", None)  # compare.naming_raised: a mistake known by its exception
        named = NamedMistake(mistake.id, mistake.message) if mistake is not None else None
        return TestResult(score=0.0, kind=error.kind, message=str(error), function=error.function,
                          exception=str(getattr(error, "exc_type", "") or ""), mistake=named, **common), ""
    if isinstance(error, AssertionError):
        # a bare `assert` in a suite: its text may quote hidden test code, so it is not shown
        return TestResult(score=0.0, kind=WRONG_VALUE, message=BARE_ASSERT, **common), ""
    detail = f"{type(error).__name__}: {str(error)[:300]}"
    message = f"the grader could not check this test ({detail}); the course staff will look at it"
    return TestResult(score=0.0, kind=GRADER_FAULT, message=message, **common), f"{item.originalname}: {detail}"


class GradingPlugin:
    """Grades one or more submissions in one pytest run.

    Every test that uses `student` is parametrized over the submissions, and the items are ordered
    submission by submission. One run for many submissions spares pytest's start-up, which costs
    more than grading a submission (benchmarks/).
    `runs` are suite.run.SubmissionRun objects (`open()`, `close()`, `session`, and the lists
    `results`, `faults`, `figure_calls` that this plugin fills); None for a collect-only run.
    """

    def __init__(self, runs, reference_module, seed: int):
        self.runs = list(runs or [])
        self.reference_module = reference_module
        self.seed = seed
        self.faults: list[str] = []                       # faults of the suite, for every submission
        self.collected: dict[str, tuple[float, str, str]] = {}  # test name -> marker values
        self._open: int | None = None

    def _close_open_run(self) -> None:
        if self._open is not None:
            self.runs[self._open].close()
            self._open = None

    # -------------------------------------------------------------- fixtures
    @pytest.fixture
    def submission(self, request):
        return request.param

    @pytest.fixture
    def student(self, submission):
        run = self.runs[submission]
        return StudentProxy(run.session, run.figure_calls)

    @pytest.fixture
    def reference(self):
        return self.reference_module

    @pytest.fixture
    def rng(self, request):
        """Seeded by the test and by the submission's salt (suite.run.derive_salt): a test draws the
        same inputs when the same notebook is graded again, fresh ones for any other notebook."""
        test_id = request.node.nodeid.split("[", 1)[0]
        index = request.node.callspec.params.get("submission") if hasattr(request.node, "callspec") else None
        salt = self.runs[index].salt if index is not None and getattr(self.runs[index], "salt", "") else "0"
        return np.random.default_rng([self.seed, zlib.crc32(test_id.encode()), int(salt, 16) % (1 << 63)])

    # -------------------------------------------------------------- hooks
    def pytest_configure(self, config):
        config.addinivalue_line("markers", MARKER_HELP)

    def pytest_generate_tests(self, metafunc):
        if self.runs and "submission" in metafunc.fixturenames:
            metafunc.parametrize("submission", range(len(self.runs)), indirect=True,
                                 ids=[f"submission{i}" for i in range(len(self.runs))])

    def pytest_collection_modifyitems(self, items):
        defined: dict[str, set[str]] = {}
        for item in items:
            self.collected[item.originalname] = marker_problem(item)  # a bad marker fails, naming the test
            defined.setdefault(item.originalname, set()).add(f"{item.path.name}::{item.function.__qualname__}")
        for name, places in sorted(defined.items()):
            if len(places) > 1:  # results and points are keyed by the test's name: two would merge silently
                self.faults.append(f"the suite defines two tests named {name} ({', '.join(sorted(places))}): "
                                   "rename one")
        items.sort(key=lambda item: submission_index(item) or 0)  # stable: test order kept

    def pytest_collectreport(self, report):
        if report.failed:
            self.faults.append(f"could not collect {report.nodeid}: {str(report.longrepr)[-2000:]}")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        """The first test of a submission opens its worker (and runs the notebook's cells)."""
        index = submission_index(item)
        if index is not None and index != self._open:
            self._close_open_run()
            self._open = index
            self.runs[index].open()
        for run in self._targets(item):
            run.figure_calls.clear()  # every test starts with no figures

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item, nextitem):
        """The last test of a submission closes its worker (and everything it started)."""
        index = submission_index(item)
        if index is not None and (nextitem is None or submission_index(nextitem) != index):
            self._close_open_run()

    def pytest_sessionfinish(self, session):
        self._close_open_run()

    def _targets(self, item) -> list:
        index = submission_index(item)
        return [self.runs[index]] if index is not None else self.runs

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if call.when == "call" or (call.when == "setup" and report.failed):
            for run in self._targets(item):
                result, fault = result_of(item, call.excinfo)
                run.record(result, tuple(run.figure_calls), fault)
                run.figure_calls.clear()
