"""Public check of numerical_derivative and derivative_errors."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "numerical_derivative"
points = 7

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=4, failure_message=f"central differences of x^2, sin and x^3 {REMINDER}")
def central_differences(numerical_derivative):
    points_x = np.array([-2, -1, 0, 1, 2, 3])
    expect_close(numerical_derivative(lambda t: t**2, points_x), 2.0 * points_x, atol=1e-6,
                 what="the derivative of x^2", inputs={"x": points_x})
    expect_equal(np.ndim(numerical_derivative(np.sin, 1.0)), 0, what="np.ndim of the derivative at one number")
    expect_close(numerical_derivative(np.sin, 1.0, 1e-5), np.cos(1.0), rtol=0, atol=1e-10,
                 what="the derivative of sin at 1 with h = 1e-5")
    expect_close(numerical_derivative(lambda t: t**3, 2.0, 0.1), 12.01, rtol=0, atol=1e-9,
                 what="the derivative of x^3 at 2 with h = 0.1 (the error is h^2 = 0.01)")
    one_point = np.array([0.5])
    slope = numerical_derivative(np.sin, one_point, 1e-5)
    expect_true(isinstance(slope, np.ndarray) and slope.shape == (1,),
                f"an array of one point gives an array of shape (1,), not {type(slope).__name__} {np.shape(slope)}")
    expect_equal(one_point.tolist(), [0.5], what="x after the call (numerical_derivative must not change it)")


@test_case(hidden=False, points=3, failure_message=f"the error of the central difference of sin against h {REMINDER}")
def errors_against_h(derivative_errors):
    hs = [10.0**-k for k in range(1, 13)]
    nine_points = np.linspace(-2.0, 2.0, 9)
    errors = derivative_errors(np.sin, np.cos, nine_points, hs)
    expect_true(isinstance(errors, np.ndarray), f"derivative_errors must return a NumPy array, not {type(errors).__name__}")
    expect_equal(np.shape(errors), (12,), what="shape of the errors for 12 step sizes")
    expect_close(np.asarray(errors)[:3], [1.6658e-3, 1.6667e-5, 1.6667e-7], rtol=1e-3,
                 what="the largest errors for h = 0.1, 0.01, 0.001")
    expect_true(int(np.argmin(errors)) in (3, 4, 5), "the error must be smallest for h between 1e-4 and 1e-6, "
                                                     f"not at h = {hs[int(np.argmin(errors))]:.0e}")
    expect_true(errors[-1] > 1e-6, "for h = 1e-12 rounding errors must dominate (error above 1e-6)")
    expect_close(nine_points, np.linspace(-2.0, 2.0, 9), what="x after the call (derivative_errors must not change it)")
