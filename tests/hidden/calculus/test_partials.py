"""Hidden tests for problem `partials`: f(x, y) = 3x^2 y + 2x y^3.

Contracts (element-wise with NumPy broadcasting; numbers in, a number out):
f_xy(x, y) = 3x^2 y + 2x y^3, df_dx(x, y) = 6xy + 2y^3, df_dy(x, y) = 3x^2 + 6xy^2.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "partials"


def _close(got, value):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _dx_mistakes(x, y):
    return [
        Mistake("df_dx returned df/dy: the two partial derivatives are swapped",
                lambda got: _close(got, 3 * x**2 + 6 * x * y**2)),
        Mistake("in 3x^2 y the factor y is a constant when differentiating in x: d/dx (3x^2 y) = 6xy, not 6x",
                lambda got: _close(got, 6 * x + 2 * y**3)),
        Mistake("y^3 is a constant when differentiating in x: d/dx (2x y^3) = 2y^3, not 6xy^2",
                lambda got: _close(got, 6 * x * y + 6 * x * y**2)),
        Mistake("d/dx (3x^2 y) = 6xy: the power rule lowers x^2 to 2x", lambda got: _close(got, 3 * x * y + 2 * y**3)),
    ]


def _dy_mistakes(x, y):
    return [
        Mistake("df_dy returned df/dx: the two partial derivatives are swapped",
                lambda got: _close(got, 6 * x * y + 2 * y**3)),
        Mistake("in 2x y^3 the factor x is a constant when differentiating in y: d/dy (2x y^3) = 6xy^2, not 6y^2",
                lambda got: _close(got, 3 * x**2 + 6 * y**2)),
        Mistake("d/dy (3x^2 y) = 3x^2 (x is a constant): the term was dropped or differentiated in x",
                lambda got: _close(got, 6 * x * y**2) or _close(got, 6 * x + 6 * x * y**2)),
        Mistake("d/dy (2x y^3) = 6xy^2: the power rule lowers y^3 to 3y^2", lambda got: _close(got, 3 * x**2 + 2 * x * y**2)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_f_xy_matches_reference(student, reference, rng):
    """f(1, 2) = 22 and f at random points (numbers and arrays)."""
    expect_close(student.f_xy(1.0, 2.0), 22.0, what="f_xy(1, 2)")
    x, y = rng.uniform(-3.0, 3.0, size=(2, 6))
    expect_close(student.f_xy(x, y), reference.f_xy(x, y), what="f_xy(x, y)", inputs={"x": x, "y": y},
                 mistakes=[Mistake("f_xy is 3x^2 y + 2x y^3 (mind which variable carries the power)",
                                   lambda got: _close(got, 3 * y**2 * x + 2 * y * x**3))])


@pytest.mark.points(1, problem=PROBLEM)
def test_df_dx_is_6xy_plus_2y3(student, reference, rng):
    """df/dx (1, 2) = 28 and df/dx at random points, y held constant."""
    expect_close(student.df_dx(1.0, 2.0), 28.0, what="df_dx(1, 2)", mistakes=_dx_mistakes(1.0, 2.0))
    for _ in range(3):
        x, y = rng.uniform(-3.0, 3.0, size=(2, 5))
        expect_close(student.df_dx(x, y), reference.df_dx(x, y), what="df_dx(x, y)", inputs={"x": x, "y": y},
                     mistakes=_dx_mistakes(x, y))


@pytest.mark.points(1, problem=PROBLEM)
def test_df_dy_is_3x2_plus_6xy2(student, reference, rng):
    """df/dy (1, 2) = 27 and df/dy at random points, x held constant."""
    expect_close(student.df_dy(1.0, 2.0), 27.0, what="df_dy(1, 2)", mistakes=_dy_mistakes(1.0, 2.0))
    for _ in range(3):
        x, y = rng.uniform(-3.0, 3.0, size=(2, 5))
        expect_close(student.df_dy(x, y), reference.df_dy(x, y), what="df_dy(x, y)", inputs={"x": x, "y": y},
                     mistakes=_dy_mistakes(x, y))


@pytest.mark.points(1, problem=PROBLEM)
def test_partials_broadcast_on_a_grid_and_agree_with_central_differences(student, reference, rng):
    """On a grid (x of shape (3, 1), y of shape (1, 4)) both partials match f's central differences."""
    x = rng.uniform(-2.0, 2.0, size=(3, 1))
    y = rng.uniform(-2.0, 2.0, size=(1, 4))
    h = 1e-5
    numeric_x = (reference.f_xy(x + h, y) - reference.f_xy(x - h, y)) / (2 * h)
    numeric_y = (reference.f_xy(x, y + h) - reference.f_xy(x, y - h)) / (2 * h)
    expect_close(student.df_dx(x, y), numeric_x, rtol=1e-6, atol=1e-7,
                 what="df_dx(x, y) on a 3 x 4 grid against a central difference of f in x",
                 inputs={"x": x, "y": y}, mistakes=_dx_mistakes(x, y))
    expect_close(student.df_dy(x, y), numeric_y, rtol=1e-6, atol=1e-7,
                 what="df_dy(x, y) on a 3 x 4 grid against a central difference of f in y",
                 inputs={"x": x, "y": y}, mistakes=_dy_mistakes(x, y))
