"""Hidden tests for problem `chain_rule`: y = ln(sin(3x^2)).

Contracts (element-wise, a number for a number and an array of x's shape for an array):
- ln_sin(x) = ln(sin(3x^2)) and dy_dx(x) = 6x cot(3x^2), graded on points of the domain only;
- in_domain(x): True exactly where sin(3x^2) > 0 (x = 0 is not in the domain). Random points are
  kept where |sin(3x^2)| > 1e-3, away from the edges of the domain, so rounding never decides.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_equal, expect_true

PROBLEM = "chain_rule"


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def _close(got, value):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _domain_points(rng, shape, low=-3.0, high=3.0):
    """Random points with sin(3x^2) > 1e-3 (inside the domain, not next to its edges)."""
    points = []
    while len(points) < int(np.prod(shape)):
        x = float(rng.uniform(low, high))
        if np.sin(3.0 * x * x) > 1e-3:
            points.append(x)
    return np.array(points).reshape(shape)


def _dy_dx_mistakes(x):
    x = np.asarray(x, dtype=float)
    u = 3.0 * x**2
    with np.errstate(all="ignore"):
        cot = np.cos(u) / np.sin(u)
        return [
            Mistake("the derivative of the inner function 3x^2 is missing: by the chain rule "
                    "dy/dx = (1 / sin(3x^2)) * cos(3x^2) * 6x", lambda got: _close(got, cot)),
            Mistake("the inner derivative is d/dx (3x^2) = 6x, not 2x or 3x",
                    lambda got: _close(got, 2 * x * cot) or _close(got, 3 * x * cot)),
            Mistake("the factor x is missing: the inner derivative is 6x, not 6",
                    lambda got: _close(got, 6 * cot)),
            Mistake("(1 / sin u) * cos u is cot u = cos u / sin u, not tan u",
                    lambda got: _close(got, 6 * x * np.tan(u))),
            Mistake("sign error: d/du sin(u) = +cos(u), so dy/dx = +6x cot(3x^2)",
                    lambda got: _close(got, -6 * x * cot)),
            Mistake("the outer derivative d/dv ln(v) = 1 / v is missing: divide by sin(3x^2)",
                    lambda got: _close(got, 6 * x * np.cos(u))),
            Mistake("the middle derivative d/du sin(u) = cos(u) is missing",
                    lambda got: _close(got, 6 * x / np.sin(u))),
            Mistake("dy_dx returned y = ln(sin(3x^2)) itself, not its derivative",
                    lambda got: _close(got, np.log(np.sin(u)))),
            Mistake("dy_dx returned a result of another shape than x (it works element-wise)",
                    lambda got: np.shape(as_numbers(got)) != np.shape(x)),
        ]


@pytest.mark.points(1, problem=PROBLEM)
def test_ln_sin_matches_reference_on_points_of_the_domain(student, reference, rng):
    """ln(sin(3x^2)) on random points of its domain, for a number and for arrays."""
    for shape in [(6,), (2, 3)]:
        x = _domain_points(rng, shape)
        expect_close(student.ln_sin(x), reference.ln_sin(x), what="ln_sin(x)", inputs={"x": x}, mistakes=[
            Mistake("ln_sin used sin(3x)^2 or sin(x^2): the function is ln(sin(3 * x**2))",
                    lambda got: _close(got, np.log(np.sin(3 * x) ** 2)) or _close(got, np.log(np.sin(x**2)))),
            Mistake("ln_sin used log base 10: ln is the natural logarithm np.log",
                    lambda got: _close(got, np.log10(np.sin(3 * x**2))))])
    expect_close(student.ln_sin(1.0), reference.ln_sin(1.0), what="ln_sin(1.0) (= ln(sin 3))")


@pytest.mark.points(2, problem=PROBLEM)
def test_dy_dx_matches_6x_cot_3x2_on_random_points_of_the_domain(student, reference, rng):
    """dy/dx = 6x cot(3x^2) on random points of the domain, positive and negative."""
    for shape, (low, high) in [((8,), (-1.0, 1.0)), ((8,), (-3.0, 3.0)), ((3, 4), (-2.5, 2.5))]:
        x = _domain_points(rng, shape, low, high)
        expect_close(student.dy_dx(x), reference.dy_dx(x), what="dy_dx(x)", inputs={"x": x},
                     mistakes=_dy_dx_mistakes(x))


@pytest.mark.points(1, problem=PROBLEM)
def test_dy_dx_worked_example_and_agreement_with_a_central_difference(student, reference, rng):
    """dy_dx(1.0) = 6 cot(3) = -42.09..., a number for a number, and it matches a central difference."""
    _suite_check(abs(reference.dy_dx(1.0) + 42.0915153086) < 1e-8, "6 cot 3")
    got = student.dy_dx(1.0)
    expect_close(got, -42.09151530860721, what="dy_dx(1.0)", inputs={"x": 1.0},
                 mistakes=_dy_dx_mistakes(1.0))
    expect_true(np.ndim(as_numbers(got)) == 0, f"dy_dx(1.0) must be a single number, got {describe(got)}")
    x = _domain_points(rng, (5,), -2.0, 2.0)
    h = 1e-6
    numeric = (reference.ln_sin(x + h) - reference.ln_sin(x - h)) / (2 * h)
    expect_close(student.dy_dx(x), numeric, rtol=1e-5, atol=1e-6,
                 what="dy_dx(x) against the central difference of ln(sin(3x^2)) with h = 1e-6",
                 inputs={"x": x}, mistakes=_dy_dx_mistakes(x))


def _flags(got):
    """got as a bool array, for the in_domain predicates; raises (= no match) for None, text, dicts."""
    if got is None or isinstance(got, (str, bytes, dict)):
        raise TypeError(f"{type(got).__name__} is not flags")
    return np.asarray(got, dtype=float) > 0


def _domain_mistakes(x):
    x = np.asarray(x, dtype=float)
    s = np.sin(3.0 * x**2)
    return [
        Mistake("sin(3x^2) = 0 (for example at x = 0) is outside the domain: ln(0) is undefined, the "
                "condition is sin(3x^2) > 0, strictly", lambda got: np.array_equal(_flags(got), s >= 0)),
        Mistake("where sin(3x^2) < 0 the logarithm is undefined too: the domain is sin(3x^2) > 0, "
                "not sin(3x^2) != 0", lambda got: np.array_equal(_flags(got), s != 0)),
        Mistake("the domain is not one interval: sin(3x^2) > 0 holds on every ring "
                "sqrt(2k pi / 3) < |x| < sqrt((2k + 1) pi / 3), k = 0, 1, 2, ...",
                lambda got: np.array_equal(_flags(got), (x != 0) & (np.abs(x) < np.sqrt(np.pi / 3)))),
        Mistake("the domain was tested with x > 0: negative x are fine too, since only x^2 enters",
                lambda got: np.array_equal(_flags(got), (s > 0) & (x > 0))),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_in_domain_is_sin_3x2_strictly_positive(student, reference, rng):
    """in_domain(x) is True exactly where sin(3x^2) > 0: not at 0, and on several rings of |x|."""
    x = rng.uniform(-4.0, 4.0, size=40)
    x = x[np.abs(np.sin(3.0 * x**2)) > 1e-3]
    x = np.concatenate([x, [0.0, 1.0, -1.0, 1.2, -1.2, 1.5, -1.5, 2.0]])
    expected = reference.in_domain(x)
    _suite_check(expected.any() and not expected.all(), "points on both sides of the domain")
    expect_close(student.in_domain(x), expected, what="in_domain(x)", inputs={"x": x},
                 mistakes=_domain_mistakes(x))
    for point in (0.0, 0.5, 1.2):
        got = student.in_domain(point)
        if isinstance(got, np.bool_) or (isinstance(got, np.ndarray) and got.shape == () and got.dtype == bool):
            got = bool(got)
        expect_equal(got, reference.in_domain(point), what="in_domain for a single number",
                     inputs={"x": point}, mistakes=_domain_mistakes(point))
