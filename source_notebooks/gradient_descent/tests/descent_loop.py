"""Public check of Problem 2 (descent_loop): the runs from x0 = 6 with lr = 0.01 and lr = 0.1."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "descent_loop"
points = 8

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# f'(x) = 4x^3 - 9x^2 of Problem 1, written here so that this check needs only your gradient_descent
DF = lambda x: 4 * x**3 - 9 * x**2


@test_case(hidden=False, points=5,
           failure_message=f"the run from x0 = 6 with lr = 0.01 and 1000 steps {REMINDER}")
def converging_run(gradient_descent):
    history = gradient_descent(DF, x0=6.0, lr=0.01, steps=1000)
    expect_true(isinstance(history, np.ndarray), f"history must be a NumPy array, not {type(history).__name__}")
    expect_equal(history.shape, (1001,), what="shape of the history of 1000 steps")
    expect_true(history.dtype == np.float64, f"history must have dtype float64, not {history.dtype}")
    expect_close(history[0], 6.0, what="history[0], the starting point")
    expect_close(history[1], 0.6, what="history[1] = 6 - 0.01 * df(6), with df(6) = 540")
    expect_close(history[-1], 2.25, atol=1e-6, what="history[-1], next to the minimum 2.25")


@test_case(hidden=False, points=3,
           failure_message=f"the run from x0 = 6 with lr = 0.1 blows up and ends in nan {REMINDER}")
def diverging_run(gradient_descent):
    wild = gradient_descent(DF, x0=6.0, lr=0.1, steps=12)
    expect_true(isinstance(wild, np.ndarray), f"history must be a NumPy array, not {type(wild).__name__}")
    expect_equal(wild.shape, (13,), what="shape of the history of 12 steps")
    expect_close(wild[:2], [6.0, -48.0], what="the first two values of the run with lr = 0.1")
    expect_true(np.isnan(wild[-1]), f"with lr = 0.1 the last value must be nan (overflow), not {wild[-1]!r}")
    # the loop must use the derivative it is given: here that of (x - 3)^2, from 0 with lr = 0.25
    expect_close(gradient_descent(lambda x: 2 * (x - 3), x0=0.0, lr=0.25, steps=2), [0.0, 1.5, 2.25],
                 what="gradient_descent(df, 0.0, 0.25, 2) with df(x) = 2 (x - 3), the derivative of (x - 3)^2")
