"""Hidden tests for `report_table(history, f, every=100)` (problem `report`).

Contract: a Python list (not a NumPy array) of rows (step, x, fx), one for each
step = 0, every, 2*every, ... with step <= len(history) - 1, in increasing order; a row is a tuple
(a list is accepted too); step is an integer (int or NumPy integer, never a float), x = history[step]
and fx = f(history[step]) are floats (or NumPy floats). `history` is an array or a list and is not
modified; it may come from a diverging run (huge values, inf, nan): the rows then hold inf/nan, no
exception. Values are checked, not printing. `f` is passed with `remote_function`, so a wrong `f` of
the notebook does not cost points here.
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_equal, expect_true,
                                      expect_unchanged, is_number, naming_raised)
from autograder.sandbox.values import remote_function

PROBLEM = "report"


def loss_cubic(x):
    return x**3 - 2.0 * x + 1.0


def notebook_f(x):
    return x**4 - 3 * x**3 + 2


def _same(a, b) -> bool:
    a, b = as_numbers(a), as_numbers(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True))


def _precise(expected, known, same=_same):
    """Mistakes from (id, message, [wrong answers]): each is named only when the answer is one of its own
    wrong answers and that answer is neither right nor given by another known mistake."""
    def own(mistake_id):
        others = [w for other, _, answers in known if other != mistake_id for w in answers]
        mine = next(answers for other, _, answers in known if other == mistake_id)
        return [v for v in mine if not same(v, expected) and not any(same(v, w) for w in others)]

    return [Mistake(message, lambda got, i=mistake_id: any(same(got, v) for v in own(i)), id=mistake_id)
            for mistake_id, message, _ in known]


def _same_steps(a, b) -> bool:
    return [int(s) for s in a] == [int(s) for s in b]


def _step_mistakes(n, every):
    """Known wrong lists of steps (the first value of each row)."""
    right = list(range(0, n, every))
    return _precise(right, [
        ("report-drops-last-row", "the last row is missing: use every step = 0, every, 2*every, ... up to and "
                                  "including len(history) - 1 (for a 1001-value history and every=100 the last "
                                  "row is step 1000)", [list(range(0, n - 1, every))]),
        ("report-starts-at-every", "the rows must start at step 0 (the starting point) and go up by `every`",
         [list(range(every, n, every))]),
        ("report-ignores-every", "the interval is the argument `every`, not a fixed 100",
         [list(range(0, n, 100))]),
        ("report-row-number-not-step", "the first value of a row is the step (0, every, 2*every, ...), not the "
                                       "row's number (0, 1, 2, ...)", [list(range(len(right)))]),
    ], same=_same_steps)


def _column_mistakes(history, steps, f_local, column):
    """Known wrong x columns (column 1) or f(x) columns (column 2)."""
    x = history[steps]
    with np.errstate(over="ignore", invalid="ignore"):
        fx = f_local(x)
        if column == 1:
            return _precise(x, [
                ("report-columns-swapped", "each row is (step, x, f(x)): x second, f(x) third", [fx]),
                ("report-x-is-step", "the second value of a row is the iterate x = history[step], not the step",
                 [steps.astype(float)]),
            ])
        return _precise(fx, [
            ("report-columns-swapped", "each row is (step, x, f(x)): x second, f(x) third", [x]),
            ("report-f-of-step", "the third value is f evaluated at the iterate history[step], not at the step "
                                 "number", [f_local(steps.astype(float))]),
            ("report-ignores-f-argument", "evaluate the function passed as the argument `f` (the tests pass other "
                                          "functions), not the notebook's own f", [notebook_f(x)]),
        ])


def _check_rows(got, history, f_local, every, what):
    history = np.asarray(history, dtype=float)
    steps = np.arange(0, len(history), every)
    inputs = {"history": history, "every": every}
    expect_true(got is not None, f"{what}: report_table returned None",
                mistake=Mistake("report_table must return the list of rows (it may print them too, but the "
                                "rows are graded)", lambda _: True, id="report-returns-none"))
    expect_true(isinstance(got, (list, tuple)),
                f"{what}: expected a list of (step, x, fx) rows, got {describe(got)}",
                mistake=Mistake("report_table must return a Python list of rows, not a NumPy array (an array "
                                "would turn every step into a float)", lambda _: True, id="report-not-a-list")
                if isinstance(got, np.ndarray) else None)
    rows = list(got)
    bad = [row for row in rows if not (isinstance(row, (list, tuple)) and len(row) == 3)]
    expect_true(not bad, f"{what}: every row must be a tuple (step, x, fx) of three values; "
                         f"found {describe(bad[0]) if bad else ''}")
    expect_equal([row[0] for row in rows], [int(s) for s in steps],
                 what=f"{what}: the steps of the rows", inputs=inputs, mistakes=_step_mistakes(len(history), every))
    not_int = [row[0] for row in rows if isinstance(row[0], (bool, np.bool_)) or not isinstance(row[0], (int, np.integer))]
    expect_true(not not_int, f"{what}: the steps must be integers; found {describe(not_int[0]) if not_int else ''}",
                mistake=Mistake("the step of a row must be an int (0, 100, 200 ...), not a float: take it from "
                                "range(0, len(history), every)", lambda _: True, id="report-step-not-int"))
    for column, name in ((1, "the x column (x = history[step])"), (2, "the fx column (f evaluated at history[step])")):
        values = [row[column] for row in rows]
        odd = [v for v in values if not is_number(v)]
        expect_true(not odd, f"{what}: {name} must hold numbers (floats); found {describe(odd[0]) if odd else ''}")
        with np.errstate(over="ignore", invalid="ignore"):
            expected = history[steps] if column == 1 else f_local(history[steps])
        expect_close(values, expected, what=f"{what}: {name}", inputs=inputs,
                     mistakes=_column_mistakes(history, steps, f_local, column))


@pytest.mark.points(1, problem=PROBLEM)
def test_rows_for_the_seed_run_every_100_steps(student, reference):
    """The table of the run from 6: steps 0, 100, ..., 1000 with x and f(x)."""
    history = reference.gradient_descent(reference.df, 6.0, 0.01, 1000)
    got = student.report_table(history, remote_function(reference.f), 100)
    expect_unchanged(student.last_call, what="report_table(history, f, 100)")
    _check_rows(got, history, reference.f, 100, "report_table(history, f, every=100) for the run "
                                                "from 6 with lr=0.01")


@pytest.mark.points(2, problem=PROBLEM)
def test_rows_for_random_histories_and_intervals(student, rng):
    """Tables of random histories (arrays and lists) for random intervals, with the f passed in."""
    for index in range(6):
        n = int(rng.integers(2, 60))
        every = int(rng.integers(1, 20))
        history = rng.uniform(-3.0, 3.0, size=n)
        sent = history.tolist() if index % 2 else history
        got = student.report_table(sent, remote_function(loss_cubic), every)
        expect_unchanged(student.last_call, what="report_table(history, f, every)")
        _check_rows(got, history, loss_cubic, every, "report_table(history, f, every)"
                    + (" with history given as a list" if index % 2 else ""))


@pytest.mark.points(1, problem=PROBLEM)
def test_last_step_is_included_only_when_it_is_a_multiple_of_every(student, rng):
    """The last index is a row exactly when it is a multiple of every; one value gives one row."""
    for n, every in [(1001, 100), (1000, 100), (5, 10), (4, 1), (1, 3), (21, 7), (22, 7)]:
        history = rng.uniform(-2.0, 3.0, size=n)
        got = student.report_table(history, remote_function(loss_cubic), every)
        _check_rows(got, history, loss_cubic, every, f"report_table for a history of {n} values "
                                                     f"and every={every}")


@pytest.mark.points(1, problem=PROBLEM)
def test_rows_of_a_diverging_run_hold_inf_and_nan_without_raising(student, reference):
    """A diverging run's history (as an array and as a list) gives rows with inf/nan, no exception."""
    history = reference.gradient_descent(reference.df, 6.0, 0.1, 12)
    overflow = Mistake("evaluate f on NumPy floats (history = np.asarray(history, dtype=float)): with the Python "
                       "floats of a list, x**4 raises OverflowError on a diverging run instead of giving inf",
                       lambda raised: raised.exc_type == "OverflowError", id="report-python-floats-overflow")
    for sent, kind in ((history.tolist(), "a list"), (history, "an array")):
        with naming_raised(overflow):
            got = student.report_table(sent, remote_function(notebook_f), 5)
        _check_rows(got, history, notebook_f, 5, f"report_table of the diverging run from 6 with lr=0.1 "
                                                 f"(history given as {kind}, every=5)")
