"""Hidden tests for `f(x)` and `df(x)` (problem `derivative`).

Contract: f(x) = x**4 - 3 x**3 + 2 and the exact derivative df(x) = 4 x**3 - 9 x**2, element-wise:
a number for a number (float, NumPy float, int), a NumPy array of the same shape for an array (not
a list), the argument left unchanged. Values are compared with the default tolerances, except at
points where the exact derivative is computed without rounding (0, 2.25, 6, ...): there 1e-12, which
no finite-difference approximation meets.

Named mistakes are precise: each known wrong formula is computed here on the same input, and it is
named only when the student's answer equals it and no other known wrong formula gives that answer
on this input (at x = 0 most wrong derivatives agree with the right one, so none is named there).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_unchanged, naming_raised

PROBLEM = "derivative"
SHAPES = [(9,), (3, 4), (2, 2, 3)]
EXACT = 1e-12


def _same(a, b) -> bool:
    """The same numbers: equal shapes, values within the suite's tolerances (nan where nan)."""
    a, b = as_numbers(a), as_numbers(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True))


def _precise(expected, known):
    """Mistakes from (id, message, [wrong answers on this input]): each is named only when the answer
    is one of its own wrong answers and that answer is neither right nor given by another mistake."""
    values = {mistake_id: [np.asarray(v, dtype=float) for v in answers] for mistake_id, _, answers in known}

    def own(mistake_id):
        others = [w for other, answers in values.items() if other != mistake_id for w in answers]
        return [v for v in values[mistake_id]
                if not _same(v, expected) and not any(_same(v, w) for w in others)]

    return [Mistake(message, lambda got, i=mistake_id: any(_same(got, v) for v in own(i)), id=mistake_id)
            for mistake_id, message, _ in known]


def _returns_list(name):
    return Mistake(f"{name} must return a NumPy array for an array input (x**4 and the other operators "
                   "already work element-wise on arrays), not a list",
                   lambda got: isinstance(got, (list, tuple)), id=f"{name}-returns-list")


SCALAR_ONLY = Mistake("f and df must work element-wise on NumPy arrays too: math.pow, math functions and float(x) "
                      "accept single numbers only; write x**4 - 3*x**3 + 2 with the operators (or np.power)",
                      # NumPy's words for an array where a single number was needed: "only size-1 arrays"
                      # (1.x), "only length-1 arrays" (older), "only 0-dimensional arrays" (2.x), all
                      # "... can be converted to Python scalars"
                      lambda raised: raised.exc_type == "TypeError"
                      and "can be converted to Python scalars" in raised.message,
                      id="derivative-scalar-only")


def _f_mistakes(x):
    x = np.asarray(x, dtype=float)
    return [_returns_list("f")] + _precise(x**4 - 3 * x**3 + 2, [
        ("f-missing-constant", "f is missing the constant: f(x) = x^4 - 3x^3 + 2",
         [x**4 - 3 * x**3]),
        ("f-sign-error", "f has a sign error: f(x) = x^4 - 3x^3 + 2 (minus 3x^3, plus 2)",
         [x**4 + 3 * x**3 + 2, x**4 - 3 * x**3 - 2]),
        ("f-is-the-derivative", "f returned the derivative; f itself is x^4 - 3x^3 + 2",
         [4 * x**3 - 9 * x**2]),
        ("f-times-not-power", "x*4 (or x*3) multiplies; a power is x**4 (x**3): f(x) = x**4 - 3*x**3 + 2",
         [4 * x - 3 * x**3 + 2, x**4 - 9 * x + 2, 4 * x - 9 * x + 2]),
    ])


def _df_mistakes(x):
    x = np.asarray(x, dtype=float)
    exact = 4 * x**3 - 9 * x**2
    return [_returns_list("df")] + _precise(exact, [
        ("df-power-not-lowered-enough", "the derivative of -3x^3 is -9x^2, not -9x: the power drops by one, "
                                        "x^3 -> x^2", [4 * x**3 - 9 * x]),
        ("df-exponent-kept", "the power rule lowers the exponent by one: d/dx x^n = n x^(n-1), so "
                             "d/dx x^4 = 4x^3 and d/dx(-3x^3) = -9x^2", [4 * x**4 - 9 * x**3]),
        ("df-power-rule-coefficient", "power rule: the exponent multiplies the coefficient, d/dx(-3x^3) = -9x^2 "
                                      "(not -3x^2), d/dx(x^4) = 4x^3",
         [4 * x**3 - 3 * x**2, x**3 - 3 * x**2, x**3 - 9 * x**2]),
        ("df-sign-error", "sign error: f'(x) = 4x^3 - 9x^2 (the term -3x^3 gives -9x^2)",
         [4 * x**3 + 9 * x**2, -4 * x**3 + 9 * x**2]),
        ("df-keeps-constant", "the constant 2 has derivative 0: df must not add it", [exact + 2]),
        ("df-returns-f", "df returned f(x) instead of its derivative f'(x) = 4x^3 - 9x^2",
         [x**4 - 3 * x**3 + 2]),
        ("df-times-not-power", "x*2 (or x*3) multiplies; a power is x**2 (x**3): f'(x) = 4*x**3 - 9*x**2",
         [4 * x**3 - 18 * x, 12 * x - 9 * x**2, 12 * x - 18 * x]),
    ]) + [
        Mistake("df looks like a finite-difference approximation: write the exact derivative "
                "4x^3 - 9x^2 (a difference quotient is only accurate to about 1e-8)",
                lambda got: as_numbers(got).shape == exact.shape
                and bool(np.allclose(as_numbers(got), exact, rtol=1e-4, atol=1e-4)), id="df-finite-difference"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_f_matches_the_formula_for_numbers_and_arrays(student, reference, rng):
    """f(x) = x^4 - 3x^3 + 2 for numbers and element-wise for arrays (a NumPy array back, x unchanged)."""
    for x in [6.0, 2.25, 0.0, -1.0, 1.0, *rng.uniform(-4.0, 5.0, size=4)]:
        x = float(x)
        expect_close(student.f(x), reference.f(x), what="f(x)", inputs={"x": x}, mistakes=_f_mistakes(x))
    expect_close(student.f(3), 2, what="f(x) for an int", inputs={"x": 3}, mistakes=_f_mistakes(3))
    for shape in SHAPES:
        x = rng.uniform(-4.0, 5.0, size=shape)
        with naming_raised(SCALAR_ONLY):
            got = student.f(x)
        expect_unchanged(student.last_call, what="f(x)")
        expect_close(got, reference.f(x), what="f(x) on an array (element-wise)", strict_type=True,
                     inputs={"x": x}, mistakes=_f_mistakes(x))


@pytest.mark.points(2, problem=PROBLEM)
def test_df_matches_the_exact_derivative_on_random_arrays(student, reference, rng):
    """df(x) = 4x^3 - 9x^2 element-wise on random arrays of several shapes (a NumPy array back)."""
    for shape in SHAPES:
        x = rng.uniform(-4.0, 5.0, size=shape)
        with naming_raised(SCALAR_ONLY):
            got = student.df(x)
        expect_unchanged(student.last_call, what="df(x)")
        expect_close(got, reference.df(x), what="df(x) on an array (element-wise)", strict_type=True,
                     inputs={"x": x}, mistakes=_df_mistakes(x))
    x = np.linspace(-3.0, 6.0, 37)  # includes 0 and 2.25
    expect_close(student.df(x), reference.df(x), what="df(x) on a grid through 0 and 2.25", strict_type=True,
                 inputs={"x": x}, mistakes=_df_mistakes(x))
    x = np.array([2.25])  # an array of one value is still an array
    expect_close(student.df(x), reference.df(x), what="df(x) on an array of one value", strict_type=True,
                 inputs={"x": x}, mistakes=_df_mistakes(x))


@pytest.mark.points(1, problem=PROBLEM)
def test_df_on_numbers_vanishes_at_the_stationary_points(student, reference, rng):
    """df on single numbers: exactly 0 at 0 and 2.25, exact values elsewhere."""
    # At these points every exact formula (4x^3 - 9x^2, x^2 (4x - 9), Horner ...) gives the value
    # without rounding, so a tight tolerance separates the exact derivative from finite differences.
    known = [(6.0, 540.0), (1.0, -5.0), (-1.0, -13.0), (3.0, 27.0), (0.0, 0.0), (2.25, 0.0), (0.5, -1.75)]
    for x, value in known:
        expect_close(student.df(x), value, what="df(x) (exact here: compared to 1e-12)", inputs={"x": x},
                     rtol=EXACT, atol=EXACT, mistakes=_df_mistakes(x))
    for x in rng.uniform(-4.0, 5.0, size=4):
        x = np.float64(x)
        expect_close(student.df(x), reference.df(x), what="df(x) for a NumPy float",
                     inputs={"x": x}, mistakes=_df_mistakes(x))
    expect_close(student.df(3), 27, what="df(x) for an int", inputs={"x": 3}, mistakes=_df_mistakes(3))
