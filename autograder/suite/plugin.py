"""The pytest plugin that turns a hidden suite run into TestResults.

It provides the fixtures `student`, `reference` and `rng`, reads each test's
`@pytest.mark.points(n, problem=..., visibility=...)` marker, and records one TestResult per test.
Student failures (CheckFailed from the comparison helpers, the StudentFailure exceptions) are
failed tests with their message; a bare `assert` fails the test with a generic message (its text
could quote hidden code); any other exception is a grader error, scored 0 and reported as a grader fault.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

import numpy as np
import pytest

from .compare import CheckFailed
from ..errors import StudentFailure
from ..figures import FigureData, FigurePair, expected_figure
from ..report import FAILED, GRADER_ERROR, PASSED, TestResult

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
MARKER_HELP = ("points(n, problem, visibility='visible'): the points of a hidden test, the grade_id of "
               "the notebook problem it scores, and its Gradescope visibility")


FIGURES_PER_TEST = 4  # figure pairs kept per test for the feedback


class FigureRecorder:
    """The figures the student's calls returned during the current test, each beside the reference's."""

    def __init__(self, reference_module):
        self.reference_module = reference_module
        self.pairs: list[FigurePair] = []

    def record(self, name: str, args, kwargs, value) -> None:
        if isinstance(value, FigureData) and len(self.pairs) < FIGURES_PER_TEST:
            try:
                expected = expected_figure(self.reference_module, name, args, kwargs)
            except Exception:  # feedback only: never a reason for a test to fail
                expected = None
            self.pairs.append(FigurePair(name, value, expected))

    def take(self) -> tuple[FigurePair, ...]:
        pairs, self.pairs = tuple(self.pairs), []
        return pairs


class StudentProxy:
    """`student.softmax(z)` calls the student's softmax in the worker; only plain data comes back."""

    def __init__(self, session, recorder: FigureRecorder | None = None):
        self._session = session
        self._recorder = recorder

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args, **kwargs):
            return self.call(name, *args, **kwargs)

        call.__name__ = name
        return call

    def call(self, name: str, *args, **kwargs):
        value = self._session.request("call", name, args, kwargs)
        if self._recorder is not None:
            self._recorder.record(name, args, kwargs, value)
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


class GradingPlugin:
    """Grades one or more submissions in one pytest run.

    Every test that uses `student` is parametrized over the submissions, and the items are ordered
    submission by submission, so that each submission's worker starts once and ends before the
    next one starts. One run for many submissions spares pytest's start-up, which costs more than
    grading a submission (benchmarks/).
    `runs` are objects with `open() -> session` and `close()` (runner.SubmissionRun); None for a
    collect-only run.
    """

    def __init__(self, runs, reference_module, seed: int):
        self.runs = list(runs or [])
        self.figures = FigureRecorder(reference_module)
        self.reference_module = reference_module
        self.seed = seed
        self.results: list[list[TestResult]] = [[] for _ in self.runs]
        self.faults: list[str] = []                       # faults of the suite, for every submission
        self.submission_faults: list[list[str]] = [[] for _ in self.runs]
        self.collected: dict[str, tuple[float, str, str]] = {}  # test name -> marker values
        self._open: int | None = None

    def _session_for(self, index: int):
        if self._open != index:
            self.close_open_run()
            self._open = index
            return self.runs[index].open()
        return self.runs[index].session

    def close_open_run(self) -> None:
        if self._open is not None:
            self.runs[self._open].close()
            self._open = None

    # -------------------------------------------------------------- fixtures
    @pytest.fixture
    def submission(self, request):
        return request.param

    @pytest.fixture
    def student(self, submission):
        return StudentProxy(self._session_for(submission), self.figures)

    @pytest.fixture
    def reference(self):
        return self.reference_module

    @pytest.fixture
    def rng(self, request):
        # seeded by the test, not by the submission: every submission gets the same inputs
        test_id = request.node.nodeid.split("[", 1)[0]
        return np.random.default_rng([self.seed, zlib.crc32(test_id.encode())])

    # -------------------------------------------------------------- hooks
    def pytest_configure(self, config):
        config.addinivalue_line("markers", MARKER_HELP)

    def pytest_generate_tests(self, metafunc):
        if self.runs and "submission" in metafunc.fixturenames:
            metafunc.parametrize("submission", range(len(self.runs)), indirect=True,
                                 ids=[f"submission{i}" for i in range(len(self.runs))])

    def pytest_collection_modifyitems(self, items):
        for item in items:
            self.collected[item.originalname] = marker_problem(item)  # a bad marker fails, naming the test
        items.sort(key=lambda item: submission_index(item) or 0)  # stable: test order kept

    def pytest_collectreport(self, report):
        if report.failed:
            self.faults.append(f"could not collect {report.nodeid}: {str(report.longrepr)[-2000:]}")

    def pytest_runtest_setup(self, item):
        self.figures.take()  # start every test with no figures

    def pytest_sessionfinish(self, session):
        self.close_open_run()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if call.when == "call" or (call.when == "setup" and report.failed):
            index = submission_index(item)
            targets = [index] if index is not None else range(len(self.runs))
            for target in targets:
                result, fault = self._result(item, call)
                self.results[target].append(replace(result, figures=self.figures.take()))
                if fault:
                    self.submission_faults[target].append(fault)

    def _result(self, item, call) -> tuple[TestResult, str]:
        """The test's result and, for a fault of the grader, its description ("" otherwise)."""
        points, problem, visibility = marker_problem(item)
        name = item.originalname
        description = _first_line(getattr(item.function, "__doc__", ""))
        excinfo = call.excinfo
        if excinfo is None:
            return TestResult(name, problem, points, points, PASSED, "", visibility, description), ""
        error = excinfo.value
        if isinstance(error, (StudentFailure, CheckFailed)):
            return TestResult(name, problem, 0.0, points, FAILED, str(error), visibility, description), ""
        if isinstance(error, AssertionError):
            # a bare `assert` in a suite: its text may quote hidden test code, so it is not shown
            message = "a hidden check of this test failed"
            return TestResult(name, problem, 0.0, points, FAILED, message, visibility, description), ""
        detail = f"{type(error).__name__}: {str(error)[:300]}"
        return (TestResult(name, problem, 0.0, points, GRADER_ERROR,
                           f"the grader could not check this test ({detail}); the course staff will look "
                           "at it", visibility, description), f"{item.originalname}: {detail}")
