"""Hidden tests for `f(x)` and `df(x)` (problem `derivative`).

Contract: f(x) = x**4 - 3 x**3 + 2 and the exact derivative df(x) = 4 x**3 - 9 x**2, element-wise
for a number (float, NumPy float, int) and for an array of any shape (same shape back). Values are
compared with the default tolerances, except at points where the exact derivative is computed
without rounding (0, 2.25, 6, ...): there 1e-12, which no finite-difference approximation meets.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close

PROBLEM = "derivative"
SHAPES = [(9,), (3, 4), (2, 2, 3)]
EXACT = 1e-12


def _f_mistakes(x):
    x = np.asarray(x, dtype=float)
    exact = x**4 - 3 * x**3 + 2
    return [
        Mistake("f is missing the constant: f(x) = x^4 - 3x^3 + 2", lambda got: np.allclose(got, exact - 2)),
        Mistake("f has a sign error: f(x) = x^4 - 3x^3 + 2 (minus 3x^3)",
                lambda got: np.allclose(got, x**4 + 3 * x**3 + 2)),
        Mistake("f returned the derivative; f itself is x^4 - 3x^3 + 2",
                lambda got: np.allclose(got, 4 * x**3 - 9 * x**2)),
    ]


def _df_mistakes(x):
    x = np.asarray(x, dtype=float)
    exact = 4 * x**3 - 9 * x**2
    return [
        Mistake("the derivative of -3x^3 is -9x^2, not -9x: the power drops by one, x^3 -> x^2",
                lambda got: np.allclose(got, 4 * x**3 - 9 * x)),
        Mistake("power rule: the exponent multiplies the coefficient, d/dx(-3x^3) = -9x^2 "
                "(not -3x^2), d/dx(x^4) = 4x^3",
                lambda got: np.allclose(got, 4 * x**3 - 3 * x**2) or np.allclose(got, x**3 - 3 * x**2)
                or np.allclose(got, x**3 - 9 * x**2)),
        Mistake("sign error: f'(x) = 4x^3 - 9x^2 (the term -3x^3 gives -9x^2)",
                lambda got: np.allclose(got, 4 * x**3 + 9 * x**2)),
        Mistake("the constant 2 has derivative 0: df must not add it",
                lambda got: np.allclose(got, exact + 2)),
        Mistake("df returned f(x) instead of its derivative f'(x) = 4x^3 - 9x^2",
                lambda got: np.allclose(got, x**4 - 3 * x**3 + 2)),
        Mistake("df looks like a finite-difference approximation: write the exact derivative "
                "4x^3 - 9x^2 (a difference quotient is only accurate to about 1e-8)",
                lambda got: np.allclose(got, exact, rtol=1e-4, atol=1e-4)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_f_matches_the_formula_for_numbers_and_arrays(student, reference, rng):
    """f(x) = x^4 - 3x^3 + 2 for numbers and element-wise for arrays."""
    for x in [6.0, 2.25, 0.0, -1.0, 1.0, *rng.uniform(-4.0, 5.0, size=4)]:
        x = float(x)
        expect_close(student.f(x), reference.f(x), what="f(x)", inputs={"x": x}, mistakes=_f_mistakes(x))
    for shape in SHAPES:
        x = rng.uniform(-4.0, 5.0, size=shape)
        expect_close(student.f(x), reference.f(x), what="f(x) on an array (element-wise)",
                     inputs={"x": x}, mistakes=_f_mistakes(x))


@pytest.mark.points(2, problem=PROBLEM)
def test_df_matches_the_exact_derivative_on_random_arrays(student, reference, rng):
    """df(x) = 4x^3 - 9x^2 element-wise on random arrays of several shapes."""
    for shape in SHAPES:
        x = rng.uniform(-4.0, 5.0, size=shape)
        expect_close(student.df(x), reference.df(x), what="df(x) on an array (element-wise)",
                     inputs={"x": x}, mistakes=_df_mistakes(x))
    x = np.linspace(-3.0, 6.0, 37)  # includes 0 and 2.25
    expect_close(student.df(x), reference.df(x), what="df(x) on a grid through 0 and 2.25",
                 inputs={"x": x}, mistakes=_df_mistakes(x))


@pytest.mark.points(1, problem=PROBLEM)
def test_df_on_numbers_vanishes_at_the_stationary_points(student, reference, rng):
    """df on single numbers: exactly 0 at 0 and 2.25, exact values elsewhere."""
    # At these points every exact formula (4x^3 - 9x^2, x^2 (4x - 9), Horner ...) gives the value
    # without rounding, so a tight tolerance separates the exact derivative from finite differences.
    known = [(6.0, 540.0), (1.0, -5.0), (-1.0, -13.0), (3.0, 27.0), (0.0, 0.0), (2.25, 0.0)]
    for x, value in known:
        expect_close(student.df(x), value, what="df(x) (exact here: compared to 1e-12)", inputs={"x": x},
                     rtol=EXACT, atol=EXACT, mistakes=_df_mistakes(x))
    for x in rng.uniform(-4.0, 5.0, size=4):
        x = np.float64(x)
        expect_close(student.df(x), reference.df(x), what="df(x) for a NumPy float",
                     inputs={"x": x}, mistakes=_df_mistakes(x))
    expect_close(student.df(3), 27, what="df(x) for an int", inputs={"x": 3}, mistakes=_df_mistakes(3))
