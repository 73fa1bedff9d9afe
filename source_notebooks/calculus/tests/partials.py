"""Public check of f_xy, df_dx and df_dy."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close

name = "partials"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the partial derivatives at (1, 2) and on a grid {REMINDER}")
def partial_derivatives(f_xy, df_dx, df_dy):
    expect_close(f_xy(1.0, 2.0), 22.0, what="f_xy(1.0, 2.0)")
    expect_close(df_dx(1.0, 2.0), 28.0, what="df_dx(1.0, 2.0)")
    expect_close(df_dy(1.0, 2.0), 27.0, what="df_dy(1.0, 2.0)")
    xs, ys, h = np.array([[0.5], [-1.0], [2.0]]), np.array([[1.0, -0.5, 0.0, 1.5]]), 1e-6
    expect_close(df_dx(xs, ys), (f_xy(xs + h, ys) - f_xy(xs - h, ys)) / (2 * h), rtol=1e-5, atol=1e-6,
                 what="df_dx on a (3, 1) by (1, 4) grid against central differences")
    expect_close(df_dy(xs, ys), (f_xy(xs, ys + h) - f_xy(xs, ys - h)) / (2 * h), rtol=1e-5, atol=1e-6,
                 what="df_dy on a (3, 1) by (1, 4) grid against central differences")
