"""Hidden tests for problem `numerical_derivative`.

Contracts:
- numerical_derivative(f, x, h=1e-7) = (f(x + h) - f(x - h)) / (2h), element-wise: a number for a
  number (int or float), a NumPy float array of x's shape for an array (integer arrays and arrays of
  one element included: shape (1,) in, shape (1,) out). `f` works element-wise and is sent with
  `remote_function`. x is not modified.
- derivative_errors(f, df, x, hs): an np.ndarray of shape (len(hs),), dtype float64, whose entry i
  is max over the points x (a number or a 1-D array) of
  |numerical_derivative(f, x, hs[i]) - df(x)|. x is not modified.

Tolerances: the student's and the reference's central differences evaluate f at the same points,
so they agree to a few ulps of the result; rtol 1e-9 (atol 1e-12) accepts any arrangement of the
formula while the known mistakes (one-sided differences, a missing factor 2, another step) are off
by at least about h |f''| / 2, more than 1e-8 relative at every step used here. The predicates of
the mistakes re-enact each wrong formula on the same points and match it to 1e-9 relative, so two
mistakes (a forward and a backward difference differ by h f'') are never confused.
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_true,
                                      expect_unchanged)
from autograder.sandbox.values import remote_function

PROBLEM = "numerical_derivative"
ND_RTOL = 1e-9
ND_ATOL = 1e-12


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def _close(got, value, rtol=1e-9, atol=1e-12):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=rtol, atol=atol)


# Functions sent to the student's code (re-defined in the worker: np and math only). They use only
# +, -, * and /, which are correctly rounded, so f gives the same bits whether the student calls it on
# an array, on a NumPy scalar or on a Python float.
def rational(x):
    return (x * x * x - 2.0 * x) / (1.0 + x * x)


def rational_prime(x):
    return (x * x * x * x + 5.0 * x * x - 2.0) / ((1.0 + x * x) * (1.0 + x * x))


def bump(x):
    return 1.0 / (1.0 + x * x)


def bump_prime(x):
    return -2.0 * x / ((1.0 + x * x) * (1.0 + x * x))


def square(x):
    return x * x


def square_prime(x):
    return 2.0 * x


FUNCTIONS = {"rational": (rational, rational_prime, "(x^3 - 2x) / (1 + x^2)"),
             "bump": (bump, bump_prime, "1 / (1 + x^2)"),
             "square": (square, square_prime, "x^2")}


# Local re-enactments of wrong numerical derivatives, to name the mistake in the feedback.
def _forward(f, x, h):
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x)) / h


def _backward(f, x, h):
    x = np.asarray(x, dtype=float)
    return (f(x) - f(x - h)) / h


def _is_list(got):
    return isinstance(got, (list, tuple))


def _derivative_mistakes(f, x, h, reference):
    central = np.asarray(reference.numerical_derivative(f, x, h))
    mistakes = [
        Mistake("numerical_derivative returned a Python list: for an array x return a NumPy array of x's shape",
                lambda got: _is_list(got) and _close(got, central), id="nd-list-not-ndarray"),
        Mistake("numerical_derivative used the one-sided difference (f(x + h) - f(x)) / h: use the "
                "central difference (f(x + h) - f(x - h)) / (2h)", lambda got: _close(got, _forward(f, x, h)),
                id="nd-forward-difference"),
        Mistake("numerical_derivative used the backward difference (f(x) - f(x - h)) / h: use the "
                "central difference (f(x + h) - f(x - h)) / (2h)", lambda got: _close(got, _backward(f, x, h)),
                id="nd-backward-difference"),
        Mistake("numerical_derivative divided by h instead of 2h: the two points x - h and x + h are "
                "2h apart", lambda got: _close(got, 2.0 * central), id="nd-divides-by-h"),
        Mistake("numerical_derivative divided by 2 * h**2 or forgot the parentheses around 2 * h "
                "(a / 2 * h is (a / 2) * h)",
                lambda got: _close(got, central * h * h) or _close(got, central / h), id="nd-parentheses"),
        Mistake("numerical_derivative has the difference the wrong way round: f(x + h) - f(x - h), "
                "not f(x - h) - f(x + h)", lambda got: _close(got, -central), id="nd-sign"),
        Mistake("numerical_derivative returned a result of another shape than x: it works "
                "element-wise, a number for a number and an array of x's shape for an array (an array "
                "of one element stays an array of shape (1,))",
                lambda got: np.shape(as_numbers(got)) != np.shape(x), id="nd-shape"),
    ]
    if h != reference.H_DEFAULT:
        mistakes.insert(1, Mistake(
            f"numerical_derivative ignored its argument h (called with h = {h:g}): use the step it is given",
            lambda got: _close(got, reference.numerical_derivative(f, x), rtol=1e-10), id="nd-ignores-h"))
    return mistakes


def _check_derivative(student, reference, name, x, h=None, what=None):
    f, _, formula = FUNCTIONS[name]
    array_in = isinstance(x, np.ndarray)
    if h is None:
        got = student.numerical_derivative(remote_function(f), x)
        expected = reference.numerical_derivative(f, x)
        mistakes = _derivative_mistakes(f, x, reference.H_DEFAULT, reference)
        mistakes.insert(1, Mistake(
            "numerical_derivative's default step must be h = 1e-7 (the chapter's choice)",
            lambda got: any(_close(got, reference.numerical_derivative(f, x, other), rtol=1e-10)
                            for other in (1e-5, 1e-6, 1e-8, 1e-4, 1e-3)), id="nd-default-step"))
        inputs = {"f": formula, "x": x}
    else:
        got = student.numerical_derivative(remote_function(f), x, h)
        expected = reference.numerical_derivative(f, x, h)
        mistakes = _derivative_mistakes(f, x, h, reference)
        inputs = {"f": formula, "x": x, "h": h}
    effects = student.last_call
    expect_close(got, expected, what=what or "numerical_derivative(f, x, h)", inputs=inputs,
                 rtol=ND_RTOL, atol=ND_ATOL, mistakes=mistakes, strict_type=array_in)
    if array_in:
        expect_true(got.dtype.kind == "f",
                    f"numerical_derivative must return an array of floats; it returned dtype {got.dtype}",
                    mistake=Mistake("numerical_derivative returned an integer array: the slopes are floats",
                                    lambda _: True, id="nd-integer-dtype"))
    expect_unchanged(effects, what="numerical_derivative(f, x, h)")
    return got


@pytest.mark.points(2, problem=PROBLEM)
def test_central_difference_matches_reference_on_random_arrays(student, reference, rng):
    """Central differences of two smooth functions on random arrays for several steps h; x is not modified."""
    for name, shape, h in [("rational", (6,), 1e-3), ("bump", (3, 4), 1e-2), ("rational", (2, 5), 1e-4),
                           ("bump", (7,), 1e-5), ("rational", (1,), 1e-3), ("bump", (1, 1), 1e-2)]:
        x = rng.uniform(-3.0, 3.0, size=shape)
        _check_derivative(student, reference, name, x, h)


@pytest.mark.points(1, problem=PROBLEM)
def test_a_number_in_gives_a_number_out(student, reference, rng):
    """A float or an int x gives a single number (not an array)."""
    for x, h in [(float(rng.uniform(-2.0, 2.0)), 1e-3), (1.5, 1e-4), (2, 1e-3), (0, 1e-2)]:
        got = _check_derivative(student, reference, "rational", x, h,
                                what="numerical_derivative(f, x, h) for a single number x")
        expect_true(np.ndim(as_numbers(got)) == 0,
                    f"numerical_derivative(f, {x!r}, {h:g}) must return a single number for a number x, "
                    f"got {describe(got)}")


@pytest.mark.points(1, problem=PROBLEM)
def test_default_step_on_the_chapter_points_of_x_squared(student, reference):
    """f(x) = x^2 at the integer points -2, ..., 3 with the default step h = 1e-7 gives about 2x."""
    x = np.array([-2, -1, 0, 1, 2, 3])
    got = _check_derivative(student, reference, "square", x,
                            what="numerical_derivative(f, x) with the default h, for an integer array x")
    expect_true(np.allclose(as_numbers(got), 2.0 * x, atol=1e-6),
                "the central difference of x^2 should be within 1e-6 of 2x at these points")
    points = np.array([[0.5, -1.25], [2.75, 3.0]])
    _check_derivative(student, reference, "rational", points,
                      what="numerical_derivative(f, x) with the default h = 1e-7")
    _check_derivative(student, reference, "bump", 0.75, what="numerical_derivative(f, 0.75) with the default h")


def _errors_mistakes(f, df, x, hs, reference):
    x = np.asarray(x, dtype=float)
    exact = df(x)
    signed = [np.asarray(reference.numerical_derivative(f, x, h)) - exact for h in hs]
    table = np.abs(np.array(signed)).reshape(len(hs), -1)
    right = reference.derivative_errors(f, df, x, hs)
    return [
        Mistake("derivative_errors returned a Python list: return a NumPy array, np.array(errors)",
                lambda got: _is_list(got) and _close(got, right, rtol=1e-6, atol=1e-13), id="errors-list-not-ndarray"),
        Mistake("derivative_errors must take absolute values: the error is max |numerical - exact|",
                lambda got: _close(got, [np.max(s) for s in signed], 1e-6, 1e-13)
                or _close(got, [np.max(-s) for s in signed], 1e-6, 1e-13), id="errors-no-absolute-value"),
        Mistake("derivative_errors averaged the errors over the points: take their maximum",
                lambda got: _close(got, table.mean(axis=1), 1e-6, 1e-13), id="errors-averaged"),
        Mistake("derivative_errors added up the errors over the points: take their maximum",
                lambda got: _close(got, table.sum(axis=1), 1e-6, 1e-13), id="errors-summed"),
        Mistake("derivative_errors took a norm of the errors over the points (np.linalg.norm or a root mean "
                "square): it is their largest absolute value, max |numerical - exact|",
                lambda got: table.shape[1] > 1 and (_close(got, np.sqrt((table**2).sum(axis=1)), 1e-6, 1e-13)
                                                   or _close(got, np.sqrt((table**2).mean(axis=1)), 1e-6, 1e-13)),
                id="errors-norm-not-max"),
        Mistake("derivative_errors took the maximum over the steps h for each point: it is one number per "
                "step, the maximum over the points x",
                lambda got: table.shape[1] > 1 and _close(got, table.max(axis=0), 1e-6, 1e-13),
                id="errors-max-over-wrong-axis"),
        Mistake("derivative_errors returned relative errors: it is the absolute error |numerical - exact|",
                lambda got: _close(got, [np.max(np.abs(s) / np.maximum(np.abs(exact), 1e-300)) for s in signed],
                                   1e-6, 1e-13), id="errors-relative"),
        Mistake("derivative_errors ignored the steps hs: call numerical_derivative(f, x, h) with each h of hs",
                lambda got: len(hs) > 1 and _close(got, [np.max(np.abs(np.asarray(reference.numerical_derivative(f, x))
                                                                        - exact))] * len(hs), 1e-6, 1e-13),
                id="errors-ignore-h"),
        Mistake("derivative_errors must return one number per step h (shape (len(hs),)), the largest "
                "error over all the points x", lambda got: np.shape(as_numbers(got)) != (len(hs),),
                id="errors-shape"),
        Mistake("derivative_errors used a one-sided difference somewhere: numerical_derivative is the "
                "central difference (f(x + h) - f(x - h)) / (2h)",
                lambda got: _close(got, [np.max(np.abs(_forward(f, x, h) - exact)) for h in hs], 1e-6, 1e-13),
                id="errors-forward-difference"),
        Mistake("derivative_errors is off because the central difference divides by h instead of 2h "
                "(see the numerical_derivative tests)",
                lambda got: _close(got, [np.max(np.abs(2 * (s + exact) - exact)) for s in signed], 1e-6, 1e-13),
                id="errors-divides-by-h"),
    ]


def _check_errors(student, reference, name, x, hs, what="derivative_errors(f, df, x, hs)"):
    f, df, formula = FUNCTIONS[name]
    expected = reference.derivative_errors(f, df, x, hs)
    got = student.derivative_errors(remote_function(f), remote_function(df), x, list(hs))
    effects = student.last_call
    expect_close(got, expected, what=what, inputs={"f": formula, "x": x, "hs": np.asarray(hs)},
                 rtol=1e-6, atol=1e-13, mistakes=_errors_mistakes(f, df, x, hs, reference), strict_type=True)
    expect_true(got.dtype == np.float64,
                f"derivative_errors must return an array of dtype float64; it returned dtype {got.dtype}",
                mistake=Mistake("derivative_errors returned an array of another dtype than float64 (the errors "
                                "are floats)", lambda _: True, id="errors-dtype"))
    expect_unchanged(effects, what="derivative_errors(f, df, x, hs)")


@pytest.mark.points(2, problem=PROBLEM)
def test_derivative_errors_on_random_points_and_steps(student, reference, rng):
    """The largest absolute error against the exact derivative, one value per step h: arrays of
    points, a single point, a single number and a single step."""
    for name, size in [("rational", (7,)), ("bump", (5,)), ("rational", (1,))]:
        x = rng.uniform(-2.5, 2.5, size=size)
        hs = sorted(10.0 ** rng.uniform(-5.0, -1.0, size=int(rng.integers(2, 6))), reverse=True)
        _check_errors(student, reference, name, x, hs)
    _check_errors(student, reference, "rational", np.array([-1.5, 0.25, 2.0]), [1e-3],
                  what="derivative_errors(f, df, x, hs) for a single step")
    _check_errors(student, reference, "bump", 0.75, [1e-2, 1e-3],
                  what="derivative_errors(f, df, x, hs) for a single number x")


@pytest.mark.points(1, problem=PROBLEM)
def test_derivative_errors_for_steps_from_1e_1_to_1e_12(student, reference):
    """Truncation error shrinks like h^2, then rounding error takes over: the chapter's sweep of h."""
    x = np.linspace(-2.0, 2.0, 9)
    hs = [10.0 ** -k for k in range(1, 13)]
    expected = reference.derivative_errors(rational, rational_prime, x, hs)
    _suite_check(np.argmin(expected) in range(3, 7), "the error of the sweep has its minimum near h = 1e-5")
    _check_errors(student, reference, "rational", x, hs,
                  what="derivative_errors(f, df, x, hs) for hs = 1e-1, 1e-2, ..., 1e-12")
