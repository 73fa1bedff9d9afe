"""Hidden tests for `report_table(history, f, every=100)` (problem `report`).

Contract: a list of rows (step, x, f(x)), one for each step = 0, every, 2*every, ... with
step <= len(history) - 1; step an int, x = history[step] and f(x) floats. Values are checked, not
printing. Rows may be tuples or lists; `f` is passed with `remote_function`, so a wrong `f` of the
notebook does not cost points here.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_close, expect_equal, expect_true
from autograder.sandbox.values import remote_function

PROBLEM = "report"


def loss_cubic(x):
    return x**3 - 2.0 * x + 1.0


def _step_mistakes(history, every):
    """Known wrong lists of steps (the first value of each row)."""
    n = len(history)
    right = list(range(0, n, every))
    return [
        Mistake("the last row is missing: use every step = 0, every, 2*every, ... up to and including "
                "len(history) - 1 (for a 1001-value history and every=100 the last row is step 1000)",
                lambda steps: list(steps) == right[:-1]),
        Mistake("the rows must start at step 0 (the starting point) and go up by `every`",
                lambda steps: list(steps) in (list(range(every, n, every)), list(range(every, n + 1, every)))),
        Mistake("the table has a row past the end of the history: steps stop at len(history) - 1",
                lambda steps: list(steps)[: len(right)] == right and len(steps) > len(right)),
    ]


def _check_rows(got, history, f_local, every, what):
    history = np.asarray(history, dtype=float)
    expected = [(step, float(history[step]), float(f_local(history[step])))
                for step in range(0, len(history), every)]
    inputs = {"history": history, "every": every}
    if isinstance(got, np.ndarray) and got.ndim == 2 and got.shape[1] == 3:
        got = [tuple(row) for row in got]  # an (n, 3) array of rows is accepted too
    if not isinstance(got, (list, tuple)):
        hint = " (it must return the rows, not print them)" if got is None else ""
        expect_true(False, f"{what}: expected a list of (step, x, f(x)) rows{hint}, got {describe(got)}")
    rows = list(got)
    bad = [row for row in rows if not (isinstance(row, (list, tuple)) and len(row) == 3)]
    expect_true(not bad, f"{what}: every row must be a tuple (step, x, f(x)) of three values; "
                         f"found {describe(bad[0]) if bad else ''}")
    expect_equal([row[0] for row in rows], [row[0] for row in expected],
                 what=f"{what}: the steps of the rows", inputs=inputs,
                 mistakes=_step_mistakes(history, every))
    expect_close([row[1] for row in rows], np.array([row[1] for row in expected]),
                 what=f"{what}: the x column (x = history[step])", inputs=inputs,
                 mistakes=[Mistake("the x column must hold history[step], the iterate after `step` "
                                   "updates, in the second place of each row",
                                   lambda col: not np.allclose(col, [r[1] for r in expected]))])
    expect_close([row[2] for row in rows], np.array([row[2] for row in expected]),
                 what=f"{what}: the f(x) column (f evaluated at history[step])", inputs=inputs,
                 mistakes=[Mistake("the third value of each row must be f(x) for the x of that row "
                                   "(use the f passed as argument)",
                                   lambda col: not np.allclose(col, [r[2] for r in expected]))])


@pytest.mark.points(1, problem=PROBLEM)
def test_rows_for_the_seed_run_every_100_steps(student, reference):
    """The table of the run from 6: steps 0, 100, ..., 1000 with x and f(x)."""
    history = reference.gradient_descent(reference.df, 6.0, 0.01, 1000)
    got = student.report_table(history, remote_function(reference.f), 100)
    _check_rows(got, history, reference.f, 100, "report_table(history, f, every=100) for the run "
                                                "from 6 with lr=0.01")


@pytest.mark.points(2, problem=PROBLEM)
def test_rows_for_random_histories_and_intervals(student, rng):
    """Tables of random histories for random intervals, with the f passed in."""
    for _ in range(6):
        n = int(rng.integers(1, 60))
        every = int(rng.integers(1, 20))
        history = rng.uniform(-3.0, 3.0, size=n)
        got = student.report_table(history, remote_function(loss_cubic), every)
        _check_rows(got, history, loss_cubic, every, "report_table(history, f, every)")


@pytest.mark.points(1, problem=PROBLEM)
def test_last_step_is_included_only_when_it_is_a_multiple_of_every(student, rng):
    """The last index is a row exactly when it is a multiple of every."""
    for n, every in [(1001, 100), (1000, 100), (5, 10), (4, 1), (1, 3), (21, 7)]:
        history = rng.uniform(-2.0, 3.0, size=n)
        got = student.report_table(history, remote_function(loss_cubic), every)
        _check_rows(got, history, loss_cubic, every, f"report_table for a history of {n} values "
                                                     f"and every={every}")
