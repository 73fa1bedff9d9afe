"""Public check of Problem 3 (report): the rows of the log of a fixed 1001-value history."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal

name = "report"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# Written here so that this check needs only your report_table: f(x) = x^4 - 3x^3 + 2 of Problem 1 and a
# history of 1001 values from 6.0 (the worked example's start) down to 2.25 (its minimum) in equal steps.
F = lambda x: x**4 - 3 * x**3 + 2
HISTORY = np.linspace(6.0, 2.25, 1001)


@test_case(hidden=False, failure_message=f"the 11 rows of a 1001-value history, every 100 steps {REMINDER}")
def rows_every_100_steps(report_table):
    rows = report_table(HISTORY, F, every=100)
    expect_equal([row[0] for row in rows], list(range(0, 1001, 100)), what="the steps of the rows")
    expect_equal(tuple(rows[0]), (0, 6.0, 650.0), what="the first row, (0, x0, f(x0))")
    expect_close(rows[1][1:], (5.625, F(5.625)), what="x and f(x) in the row of step 100 (x = history[100])")
    expect_close(rows[-1][1], 2.25, what="x in the last row (step 1000)")
    expect_close(rows[-1][2], -6.54296875, what="f(x) in the last row, the minimum f(2.25)")


@test_case(hidden=False, failure_message=f"the steps of a short history {REMINDER}")
def a_short_history(report_table):
    rows = report_table(np.arange(7.0), F, every=3)
    expect_equal([row[0] for row in rows], [0, 3, 6], what="the steps for 7 values and every=3")
    expect_close([row[2] for row in rows], [2.0, 2.0, 650.0], what="f(x) in the rows of the history 0, 1, ..., 6")
