"""Public check of ln_sin, dy_dx and in_domain."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "chain_rule"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"y = ln(sin(3x^2)) and its derivative {REMINDER}")
def values_and_slopes(ln_sin, dy_dx):
    expect_close(ln_sin(1.0), -1.958144629610086, what="ln_sin(1.0)")
    expect_close(dy_dx(1.0), -42.09151530860721, what="dy_dx(1.0)")
    expect_close(dy_dx(0.5), 3.220278445648132, what="dy_dx(0.5)")
    xs = np.array([0.3, -0.7, 1.5, -1.6, 2.2])
    expect_close(dy_dx(xs), [6.503873840271801, -0.4247841359190719, 17.858377813279468, -1.6872826019364295,
                             -5.315659402283168], what="dy_dx of five points of the domain", inputs={"x": xs})


@test_case(hidden=False, points=2, failure_message=f"where y is defined {REMINDER}")
def domain(in_domain):
    inside = in_domain(np.array([0.3, -0.7, 1.5, -1.6, 2.2]))
    expect_true(isinstance(inside, np.ndarray) and inside.dtype == bool,
                f"in_domain of an array must be a boolean array (True / False), got {type(inside).__name__} "
                f"of dtype {getattr(inside, 'dtype', None)}")
    expect_equal(bool(np.all(inside)), True, what="in_domain of five points inside the domain")
    flags = [in_domain(v) for v in (0.0, 0.5, 1.2, 1.5, 0)]
    expect_true(all(isinstance(flag, (bool, np.bool_)) for flag in flags),
                f"in_domain of a number must be True or False, got {[type(flag).__name__ for flag in flags]}")
    expect_equal([bool(flag) for flag in flags], [False, True, False, True, False], what="in_domain of 0.0, 0.5, 1.2, 1.5, 0")
