"""The grading plugin, on its own, with pytest's `pytester`: markers, typed results, the worker's
lifetime. No sandbox here: each submission is a small session object that answers calls from a dict
(the end-to-end tests grade real notebooks through real workers)."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.errors import MissingName, StudentCodeError, StudentTimeout
from autograder.report import (GRADER_FAULT, NOT_DEFINED, NOT_IMPLEMENTED, PASSED, RAISED, TIMED_OUT,
                               WRONG_VALUE)
from autograder.suite.plugin import BARE_ASSERT, GradingPlugin

pytest_plugins = ["pytester"]


class AnswersSession:
    """A submission's functions as a dict: a value, or an exception to raise."""

    def __init__(self, answers: dict):
        self.answers = answers

    def request(self, op, name, args=(), kwargs=None):
        if name not in self.answers:
            raise MissingName(name)
        answer = self.answers[name]
        if isinstance(answer, BaseException):
            raise answer
        return answer(*args) if callable(answer) else answer


class Run:
    """The plugin's view of a submission (suite.run.SubmissionRun's protocol), with a journal."""

    def __init__(self, name: str, answers: dict, journal: list):
        self.name, self.answers, self.journal = name, answers, journal
        self.session = None
        self.results, self.faults, self.figure_calls = [], [], []

    def open(self):
        self.journal.append(("open", self.name))
        self.session = AnswersSession(self.answers)
        return self.session

    def close(self):
        if self.session is not None:
            self.journal.append(("close", self.name))
        self.session = None

    def record(self, result, figure_calls, fault=""):
        self.journal.append(("test", self.name, result.name))
        self.results.append(result)
        if fault:
            self.faults.append(fault)


SUITE = '''
import numpy as np
import pytest
from autograder.suite.compare import Mistake, expect_close, expect_raises

DOUBLED = Mistake("doubled instead of squared: x**2, not 2*x", lambda got: got == 2 * 3.0, id="doubled")


@pytest.mark.points(2, problem="square")
def test_square(student):
    """square(3) is 9."""
    expect_close(student.square(3.0), 9.0, what="square(x)", inputs={"x": 3.0}, mistakes=[DOUBLED])


@pytest.mark.points(1, problem="square")
def test_square_rejects_text(student):
    expect_raises(lambda: student.square("a"), "TypeError", what="square('a')")


@pytest.mark.points(1, problem="other")
def test_bare_assert(student):
    assert student.other() == 1


@pytest.mark.points(1, problem="other")
def test_a_broken_test(student):
    {}["missing key"]


@pytest.mark.points(1, problem="other")
def test_rng_is_seeded_per_test(student, rng):
    student.record(rng.integers(1 << 30))
'''


def plugin_for(answers: dict[str, dict]) -> tuple[GradingPlugin, list]:
    journal = []
    runs = [Run(name, functions, journal) for name, functions in answers.items()]
    return GradingPlugin(runs, reference_module=None, seed=1), journal


def by_name(run) -> dict:
    return {result.name: result for result in run.results}


def test_each_outcome_becomes_a_typed_result(pytester):
    pytester.makepyfile(test_suite=SUITE)
    seen = []
    answers = {
        "right": {"square": lambda x: x * x if isinstance(x, float) else (_ for _ in ()).throw(
                      StudentCodeError("square", "TypeError", "bad", "")),
                  "other": 1, "record": seen.append},
        "doubled": {"square": lambda x: 2 * x if isinstance(x, float) else 0.0, "other": 2, "record": seen.append},
        "stub": {"square": StudentCodeError("square", "NotImplementedError", "", ""),
                 "other": StudentTimeout("other", 2.0), "record": seen.append},
        "empty": {},
    }
    plugin, _ = plugin_for(answers)
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    right, doubled, stub, empty = (by_name(run) for run in plugin.runs)

    assert {name: r.kind for name, r in right.items()} == {
        "test_square": PASSED, "test_square_rejects_text": PASSED, "test_bare_assert": PASSED,
        "test_a_broken_test": GRADER_FAULT, "test_rng_is_seeded_per_test": PASSED}
    assert right["test_square"].score == 2 and right["test_square"].description == "square(3) is 9."

    wrong = doubled["test_square"]
    assert (wrong.kind, wrong.score, wrong.max_score) == (WRONG_VALUE, 0.0, 2.0)
    assert (wrong.mistake.id, wrong.mistake.text) == ("doubled", "doubled instead of squared: x**2, not 2*x")
    assert (wrong.comparison.what, wrong.comparison.inputs, wrong.comparison.expected, wrong.comparison.got) == \
           ("square(x)", "x = 3", "9", "6")
    assert wrong.message.startswith("doubled instead of squared") and "expected 9, got 6" in wrong.message
    returned = doubled["test_square_rejects_text"]
    assert returned.kind == WRONG_VALUE and "returned 0 instead of raising TypeError" in returned.message
    assert doubled["test_bare_assert"].message == BARE_ASSERT  # never pytest's text (it could quote hidden code)

    assert (stub["test_square"].kind, stub["test_square"].function) == (NOT_IMPLEMENTED, "square")
    assert stub["test_square_rejects_text"].kind == NOT_IMPLEMENTED  # expect_raises lets the stub through
    assert (stub["test_bare_assert"].kind, stub["test_bare_assert"].function) == (TIMED_OUT, "other")
    assert {r.kind for r in empty.values()} == {NOT_DEFINED, GRADER_FAULT}

    assert [run.faults != [] for run in plugin.runs] == [True] * 4  # the broken test, on every submission
    assert len(set(seen)) == 1 and len(seen) == 3  # one seed per test: the same input for every submission


def test_a_submissions_worker_is_opened_before_its_first_test_and_closed_after_its_last(pytester):
    pytester.makepyfile(test_suite=SUITE)
    plugin, journal = plugin_for({"a": {}, "b": {}, "c": {}})
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    events = [entry[:2] for entry in journal]
    for name in "abc":
        opened, closed = events.index(("open", name)), events.index(("close", name))
        tests = [i for i, entry in enumerate(journal) if entry[:2] == ("test", name)]
        assert len(tests) == 5 and opened < min(tests) and max(tests) < closed
        assert events.count(("open", name)) == 1 and events.count(("close", name)) == 1
    assert events.index(("close", "a")) < events.index(("open", "b")) < events.index(("close", "b"))


@pytest.mark.parametrize("marker, complaint", [
    ("", "needs exactly one @pytest.mark.points"),
    ("@pytest.mark.points(0, problem='p')", "points must be one positive number"),
    ("@pytest.mark.points(1)", "needs problem='<grade_id>'"),
    ("@pytest.mark.points(1, problem='p', visibility='secret')", "visibility 'secret' is not one of"),
    ("@pytest.mark.points(1, problem='p', weight=2)", "unknown points marker argument"),
])
def test_a_bad_points_marker_stops_the_run_naming_the_test(pytester, marker, complaint):
    pytester.makepyfile(test_bad=f"import pytest\n\n{marker}\ndef test_unmarked(student):\n    pass\n")
    plugin, _ = plugin_for({"a": {}})
    result = pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    assert result.ret == pytest.ExitCode.USAGE_ERROR or result.ret == pytest.ExitCode.INTERNAL_ERROR
    assert not plugin.runs[0].results


def test_raised_exceptions_keep_their_type(pytester):
    pytester.makepyfile(test_suite=SUITE)
    plugin, _ = plugin_for({"a": {"square": StudentCodeError("square", "ZeroDivisionError", "division by zero", ""),
                                  "other": 1, "record": lambda x: None}})
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    square = by_name(plugin.runs[0])["test_square"]
    assert (square.kind, square.exception, square.function) == (RAISED, "ZeroDivisionError", "square")
    rejects = by_name(plugin.runs[0])["test_square_rejects_text"]
    assert rejects.kind == WRONG_VALUE and "raised ZeroDivisionError" in rejects.message
    assert np.isclose(sum(r.score for r in plugin.runs[0].results), 2.0)  # the bare assert and the rng test passed


def test_two_tests_of_one_name_in_two_modules_are_a_fault_of_the_suite(pytester):
    """Results and points are keyed by a test's name: two tests of one name would merge silently."""
    test = "import pytest\n\n@pytest.mark.points(1, problem='{0}')\ndef test_same(student):\n    pass\n"
    pytester.makepyfile(test_one=test.format("p"), test_two=test.format("q"))
    plugin, _ = plugin_for({"a": {}})
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    assert len(plugin.faults) == 1, plugin.faults
    assert "two tests named test_same" in plugin.faults[0]
    assert "test_one.py::test_same" in plugin.faults[0] and "test_two.py::test_same" in plugin.faults[0]
    one = {"a": {}}
    pytester.makepyfile(test_two=test.format("q").replace("test_same", "test_other"))
    plugin, _ = plugin_for(one)
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    assert plugin.faults == [], "distinct names are no fault"


RAISING_SUITE = '''
import pytest
from autograder.suite.compare import Mistake, Raised, naming_raised

AXIS = Mistake("axis=1 on a one-dimensional input: a vector has only axis 0",
               lambda seen: isinstance(seen, Raised) and seen.exc_type == "AxisError", id="axis-on-vector")
SHAPES = Mistake("the sum lost its axis (keepdims=False), so it does not broadcast back",
                 lambda seen: "broadcast" in seen.message, id="no-keepdims")


@pytest.mark.points(1, problem="p")
def test_softmax(student):
    with naming_raised(AXIS, SHAPES):
        student.softmax([1.0, 2.0])
'''


@pytest.mark.parametrize("raised, kind, named", [
    (StudentCodeError("softmax", "AxisError", "axis 1 is out of bounds for array of dimension 1", ""), RAISED,
     "axis-on-vector"),
    (StudentCodeError("softmax", "ValueError", "operands could not be broadcast together", ""), RAISED, "no-keepdims"),
    (StudentCodeError("softmax", "KeyError", "'x'", ""), RAISED, None),
    (StudentCodeError("softmax", "NotImplementedError", "", ""), NOT_IMPLEMENTED, None),
    (StudentTimeout("softmax", 2.0), TIMED_OUT, None),
])
def test_a_mistake_known_by_its_exception_is_named(pytester, raised, kind, named):
    pytester.makepyfile(test_raising=RAISING_SUITE)
    plugin, _ = plugin_for({"a": {"softmax": raised}})
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    result = by_name(plugin.runs[0])["test_softmax"]
    assert (result.kind, result.score, result.function) == (kind, 0.0, "softmax")
    assert (result.mistake.id if result.mistake else None) == named
    from autograder.sinks.common import explanation

    headline, detail = explanation(result, "explain")
    if named:
        assert headline == result.mistake.text and raised.exc_type in detail, "the mistake leads, the exception follows"


def test_each_suite_runs_its_own_modules_whatever_else_of_that_name_was_imported(tmp_path, monkeypatch):
    """pytest's importlib mode names a suite's test_report.py `test_report` and reuses any module of
    that name already in sys.modules: two assignments' suites (or the project's own tests) sharing a
    file name would grade each other's tests."""
    import sys
    import types

    from autograder.suite.run import run_suite

    test = ("import pytest\n\n@pytest.mark.points(1, problem='{0}')\n"
            "def test_{0}(student):\n    assert student.answer() == '{0}'\n")
    suites = {}
    for problem in ("first", "second"):
        suites[problem] = tmp_path / problem
        suites[problem].mkdir()
        (suites[problem] / "test_report.py").write_text(test.format(problem))
    impostor = types.ModuleType("test_report")
    impostor.__file__ = str(tmp_path / "elsewhere" / "test_report.py")
    monkeypatch.setitem(sys.modules, "test_report", impostor)

    for round_ in range(2):  # the second round runs from each suite's cache of its modules
        for problem, suite in suites.items():
            plugin, _ = plugin_for({"a": {"answer": problem}})
            run_suite(suite, plugin)
            results = by_name(plugin.runs[0])
            assert list(results) == [f"test_{problem}"], (round_, problem, list(results))
            assert results[f"test_{problem}"].kind == PASSED
            assert sys.modules["test_report"] is impostor, "a module stepped aside comes back after the run"
