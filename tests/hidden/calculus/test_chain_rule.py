"""Hidden tests for problem `chain_rule`: y = ln(sin(3x^2)).

Contracts (element-wise, a number for a number and a NumPy array of x's shape for an array):
- ln_sin(x) = ln(sin(3x^2)) and dy_dx(x) = 6x cot(3x^2), graded on points of the domain only;
- in_domain(x): True exactly where sin(3x^2) > 0 (x = 0 is not in the domain): one bool for a number
  (NumPy's np.bool_ counts as a bool), a boolean array (dtype bool) for an array, ints included.
  Random points are kept where |sin(3x^2)| > 1e-3, away from the edges of the domain, so rounding
  never decides; x = 0 is the one point exactly on an edge.
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


def _ln_sin_mistakes(x):
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):  # a wrong formula may take the log of a negative number: nan, no match
        sin_3x_squared, sin_x2 = np.log(np.sin(3 * x) ** 2), np.log(np.sin(x**2))
        nine = np.log(np.sin(9 * x**2))
        other_bases = np.log10(np.sin(3 * x**2)), np.log2(np.sin(3 * x**2))
    return [
        Mistake("ln_sin used sin(3x)^2 or sin(x^2): the function is ln(sin(3 * x**2))",
                lambda got: _close(got, sin_3x_squared) or _close(got, sin_x2), id="ln-sin-misplaced-square"),
        Mistake("ln_sin computed sin((3x)^2) = sin(9x^2): the argument is 3 * x**2, three times x squared",
                lambda got: _close(got, nine), id="three-x-squared-misread"),
        Mistake("ln_sin used a logarithm in another base (log10 or log2): ln is the natural logarithm np.log",
                lambda got: any(_close(got, v) for v in other_bases), id="ln-wrong-base"),
        Mistake("ln_sin returned sin(3x^2) without the logarithm",
                lambda got: _close(got, np.sin(3 * x**2)), id="ln-sin-no-log"),
    ]


def _dy_dx_mistakes(x):
    x = np.asarray(x, dtype=float)
    u = 3.0 * x**2
    with np.errstate(all="ignore"):  # the wrong formulas are evaluated here, once, without warnings
        cot = np.cos(u) / np.sin(u)
        rows = [
            ("the derivative of the inner function 3x^2 is missing: by the chain rule "
             "dy/dx = (1 / sin(3x^2)) * cos(3x^2) * 6x", [cot], "chain-no-inner-derivative"),
            ("the inner derivative is d/dx (3x^2) = 6x, not 2x or 3x", [2 * x * cot, 3 * x * cot], "chain-inner-factor"),
            ("the factor x is missing: the inner derivative is 6x, not 6", [6 * cot], "chain-inner-missing-x"),
            ("(1 / sin u) * cos u is cot u = cos u / sin u, not tan u", [6 * x * np.tan(u)], "chain-tan-not-cot"),
            ("sign error: d/du sin(u) = +cos(u), so dy/dx = +6x cot(3x^2)", [-6 * x * cot], "chain-sign"),
            ("the outer derivative d/dv ln(v) = 1 / v is missing: divide by sin(3x^2)", [6 * x * np.cos(u)],
             "chain-no-outer-derivative"),
            ("the middle derivative d/du sin(u) = cos(u) is missing", [6 * x / np.sin(u)], "chain-no-middle-derivative"),
            ("dy_dx differentiated sin((3x)^2) = sin(9x^2): the inner function is 3 * x**2, three times x squared, "
             "with derivative 6x", [18 * x / np.tan(3 * u)], "three-x-squared-misread"),
            ("dy_dx returned y = ln(sin(3x^2)) itself, not its derivative", [np.log(np.sin(u))], "chain-returned-y"),
        ]
    return [Mistake(message, lambda got, values=values: any(_close(got, v) for v in values), id=mistake_id)
            for message, values, mistake_id in rows] + [
        Mistake("dy_dx returned a result of another shape than x (it works element-wise)",
                lambda got: np.shape(as_numbers(got)) != np.shape(x), id="chain-shape")]


@pytest.mark.points(1, problem=PROBLEM)
def test_ln_sin_matches_reference_on_points_of_the_domain(student, reference, rng):
    """ln(sin(3x^2)) on random points of its domain, for a number and for arrays."""
    for shape in [(6,), (2, 3), (1,)]:
        x = _domain_points(rng, shape)
        expect_close(student.ln_sin(x), reference.ln_sin(x), what="ln_sin(x)", inputs={"x": x},
                     mistakes=_ln_sin_mistakes(x), strict_type=True)
    got = student.ln_sin(1.0)
    expect_close(got, reference.ln_sin(1.0), what="ln_sin(1.0) (= ln(sin 3))", mistakes=_ln_sin_mistakes(1.0))


@pytest.mark.points(2, problem=PROBLEM)
def test_dy_dx_matches_6x_cot_3x2_on_random_points_of_the_domain(student, reference, rng):
    """dy/dx = 6x cot(3x^2) on random points of the domain, positive and negative."""
    for shape, (low, high) in [((8,), (-1.0, 1.0)), ((8,), (-3.0, 3.0)), ((3, 4), (-2.5, 2.5)), ((1,), (0.2, 1.0))]:
        x = _domain_points(rng, shape, low, high)
        expect_close(student.dy_dx(x), reference.dy_dx(x), what="dy_dx(x)", inputs={"x": x},
                     mistakes=_dy_dx_mistakes(x), strict_type=True)


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
    first_ring = np.abs(x) < np.sqrt(np.pi / 3)
    return [
        Mistake("in_domain returned a Python list: for an array x return a NumPy boolean array of x's shape "
                "(the comparison np.sin(3 * x**2) > 0 is one)",
                lambda got: isinstance(got, (list, tuple)) and np.array_equal(_flags(got), s > 0), id="domain-list-not-ndarray"),
        Mistake("sin(3x^2) = 0 (for example at x = 0) is outside the domain: ln(0) is undefined, the "
                "condition is sin(3x^2) > 0, strictly", lambda got: np.array_equal(_flags(got), s >= 0),
                id="domain-not-strict"),
        Mistake("in_domain is True at points where sin(3x^2) < 0, where the logarithm is undefined too: "
                "the domain is where sin(3x^2) is positive, not merely non-zero",
                lambda got: np.array_equal(_flags(got), s != 0) or np.array_equal(_flags(got), np.sin(3 * x) ** 2 > 0),
                id="domain-nonzero-not-positive"),
        Mistake("the domain is not one interval: sin(3x^2) > 0 holds on every ring "
                "sqrt(2k pi / 3) < |x| < sqrt((2k + 1) pi / 3), k = 0, 1, 2, ...",
                lambda got: np.array_equal(_flags(got), (x != 0) & first_ring) or np.array_equal(_flags(got), first_ring),
                id="domain-one-interval"),
        Mistake("the domain was tested with x > 0: negative x are fine too, since only x^2 enters",
                lambda got: np.array_equal(_flags(got), (s > 0) & (x > 0)), id="domain-positive-x-only"),
        Mistake("in_domain tested sin((3x)^2) = sin(9x^2): the argument is 3 * x**2, three times x squared",
                lambda got: np.array_equal(_flags(got), np.sin(9.0 * x**2) > 0), id="three-x-squared-misread"),
    ]


NOT_BOOLEAN = Mistake("in_domain must return booleans (True / False, a boolean array for an array), not numbers "
                      "such as 1.0 and 0.0: compare with `> 0`",
                      lambda got: not isinstance(got, (bool, np.bool_)) and not (isinstance(got, np.ndarray)
                                                                                and got.dtype == bool),
                      id="domain-not-boolean")


def _single_flag(got):
    """A bool for a number: bool, np.bool_ or a 0-d boolean array; anything else is returned as it is."""
    if isinstance(got, np.bool_) or (isinstance(got, np.ndarray) and got.shape == () and got.dtype == bool):
        return bool(got)
    return got


@pytest.mark.points(1, problem=PROBLEM)
def test_in_domain_is_sin_3x2_strictly_positive(student, reference, rng):
    """in_domain(x) is True exactly where sin(3x^2) > 0: not at 0, and on several rings of |x|;
    booleans for floats and for ints."""
    x = rng.uniform(-4.0, 4.0, size=40)
    x = x[(np.abs(np.sin(3.0 * x**2)) > 1e-3) & (np.abs(np.sin(9.0 * x**2)) > 1e-3)]
    x = np.concatenate([x, [0.0, 1.0, -1.0, 1.2, -1.2, 1.5, -1.5, 2.0]])
    expected = reference.in_domain(x)
    _suite_check(expected.any() and not expected.all(), "points on both sides of the domain")
    for points in (x, np.array([0, 1, -1, 2, -2, 3]), np.array([0.0])):
        expected = reference.in_domain(points)
        got = student.in_domain(points)
        expect_close(got, expected, what="in_domain(x)", inputs={"x": points},
                     mistakes=_domain_mistakes(points), strict_type=True)
        expect_true(got.dtype == bool, f"in_domain(x) for an array x must be a boolean array; it has dtype {got.dtype}",
                    mistake=NOT_BOOLEAN)
    for point in (0.0, 0, 0.5, 1.2, -1.5, 2):
        got = _single_flag(student.in_domain(point))
        expect_equal(got, reference.in_domain(point), what="in_domain for a single number",
                     inputs={"x": point}, mistakes=[m for m in _domain_mistakes(point)
                                                   if isinstance(got, bool)] + [NOT_BOOLEAN])
