"""Public check of Problem 3 (report): the rows of the log of the run from x0 = 6."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal

name = "report"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the 11 rows of the worked example's log {REMINDER}")
def rows_of_the_worked_example(report_table, gradient_descent, f, df):
    rows = report_table(gradient_descent(df, 6.0, 0.01, 1000), f, every=100)
    expect_equal([row[0] for row in rows], list(range(0, 1001, 100)), what="the steps of the rows")
    expect_equal(tuple(rows[0]), (0, 6.0, 650.0), what="the first row")
    expect_close(rows[-1][1], 2.25, rtol=1e-5, what="x in the last row")
    expect_close(rows[-1][2], -6.54296875, rtol=1e-5, what="f(x) in the last row")


@test_case(hidden=False, failure_message=f"the steps of a short history {REMINDER}")
def a_short_history(report_table, f):
    rows = report_table(np.arange(7.0), f, every=3)
    expect_equal([row[0] for row in rows], [0, 3, 6], what="the steps for 7 values and every=3")
