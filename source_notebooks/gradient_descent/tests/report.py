"""Public check of Problem 3 (report): the rows of the log of a fixed 1001-value history."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "report"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# Written here so that this check needs only your report_table: f(x) = x^4 - 3x^3 + 2 of Problem 1 and a
# history of 1001 values from 6.0 (the worked example's start) down to 2.25 (its minimum) in equal steps.
F = lambda x: x**4 - 3 * x**3 + 2
HISTORY = np.linspace(6.0, 2.25, 1001)
# The first six iterates of Problem 2's diverging run (x0 = 6, lr = 0.1), as a plain list: the sixth is so
# large that x**4 overflows (to inf with NumPy floats, an OverflowError with Python floats).
WILD = [6.0, -48.0, 46262.4, -3.960256779e13, 2.484448679e40, -6.134089110e120]


def is_step(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


@test_case(hidden=False, points=2, failure_message=f"the 11 rows of a 1001-value history, every 100 steps {REMINDER}")
def rows_every_100_steps(report_table):
    rows = report_table(HISTORY, F, every=100)
    expect_true(isinstance(rows, (list, tuple)), f"report_table must return a list of rows, not {type(rows).__name__}")
    expect_equal([row[0] for row in rows], list(range(0, 1001, 100)), what="the steps of the rows")
    expect_true(all(is_step(row[0]) for row in rows), "every step must be an int (0, 100, ...), not a float")
    expect_equal(tuple(rows[0]), (0, 6.0, 650.0), what="the first row, (0, x0, f(x0))")
    expect_close(rows[1][1:], (5.625, F(5.625)), what="x and f(x) in the row of step 100 (x = history[100])")
    expect_close(rows[-1][1], 2.25, what="x in the last row (step 1000)")
    expect_close(rows[-1][2], -6.54296875, what="f(x) in the last row, the minimum f(2.25)")


@test_case(hidden=False, points=2, failure_message=f"the steps of a short history {REMINDER}")
def a_short_history(report_table):
    rows = report_table(np.arange(7.0), F, every=3)
    expect_equal([row[0] for row in rows], [0, 3, 6], what="the steps for 7 values and every=3")
    expect_close([row[2] for row in rows], [2.0, 2.0, 650.0], what="f(x) in the rows of the history 0, 1, ..., 6")


@test_case(hidden=False, points=1, failure_message=f"a diverging run given as a list {REMINDER}")
def a_diverging_run_as_a_list(report_table):
    rows = report_table(list(WILD), F, every=5)
    expect_equal([row[0] for row in rows], [0, 5], what="the steps for 6 values and every=5")
    expect_true(np.isinf(rows[1][2]), f"f of {WILD[5]:.3g} overflows: the row must hold inf, not {rows[1][2]!r}")
