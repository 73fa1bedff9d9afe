"""Public check of Problem 1 (derivative): f and f' at the values listed in the text."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "derivative"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"f and df must give the values listed in Problem 1 {REMINDER}")
def values_from_the_text(f, df):
    expect_close(f(6.0), 650.0, what="f(6.0)")
    expect_close(f(2.25), -6.54296875, what="f(2.25), the minimum")
    expect_close(df(6.0), 540.0, what="df(6.0)")
    expect_close(df(1.0), -5.0, what="df(1.0)")
    expect_close(df(0.0), 0.0, rtol=0, atol=0, what="df(0.0), a stationary point (exactly 0)")
    expect_close(df(2.25), 0.0, rtol=0, atol=0, what="df(2.25), a stationary point (exactly 0)")
    x = np.array([-1.0, 1.0, 3.0])
    slopes = df(x)
    expect_true(isinstance(slopes, np.ndarray), f"df of an array must return a NumPy array, not {type(slopes).__name__}")
    expect_close(slopes, [-13.0, -5.0, 27.0], what="df(np.array([-1.0, 1.0, 3.0]))")
    values = f(x)
    expect_true(isinstance(values, np.ndarray), f"f of an array must return a NumPy array, not {type(values).__name__}")
    expect_close(values, [6.0, 0.0, 2.0], what="f(np.array([-1.0, 1.0, 3.0]))")
    expect_true(np.array_equal(x, [-1.0, 1.0, 3.0]), "f and df must not change their argument")
