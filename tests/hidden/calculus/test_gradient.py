"""Hidden tests for problem `gradient`: L(w1, w2) = (2 w1 + 3 w2 - 7)^2.

Contracts: L(w) is a single number; grad_L(w) is an np.ndarray (not a list) of shape (2,) equal to
[4r, 6r] with r = 2 w1 + 3 w2 - 7. The point w may be a list, a tuple or an array of shape (2,),
of ints or floats; it is not modified.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_unchanged

PROBLEM = "gradient"


def _close(got, value):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _residual(w):
    return 2.0 * float(w[0]) + 3.0 * float(w[1]) - 7.0


def _loss_mistakes(w):
    r = _residual(w)
    return [
        Mistake("L is the square of 2 w1 + 3 w2 - 7, not the residual itself", lambda got: _close(got, r),
                id="loss-not-squared"),
        Mistake("L is (2 w1 + 3 w2 - 7)^2, the residual squared, not doubled (** 2, not * 2)",
                lambda got: _close(got, 2.0 * r), id="loss-doubled-not-squared"),
        Mistake("L is (2 w1 + 3 w2 - 7)^2 without a factor 1/2 (the 1/2 r^2 convention is another loss)",
                lambda got: _close(got, 0.5 * r * r), id="loss-half-factor"),
        Mistake("L is (2 w1 + 3 w2 - 7)^2: the constant is -7", lambda got: _close(got, (r + 14.0) ** 2),
                id="loss-constant-sign"),
        Mistake("L must be a single number", lambda got: np.ndim(as_numbers(got)) != 0, id="loss-not-a-number"),
    ]


def _grad_mistakes(w):
    r = _residual(w)
    right = np.array([4 * r, 6 * r])
    return [
        Mistake("grad_L returned a Python list: return a NumPy array, np.array([dL/dw1, dL/dw2])",
                lambda got: isinstance(got, (list, tuple)) and _close(got, right), id="grad-list-not-ndarray"),
        Mistake("the outer derivative is missing its factor 2: d/dr r^2 = 2r, so the gradient is "
                "[2r * 2, 2r * 3] = [4r, 6r]", lambda got: _close(got, [2 * r, 3 * r]), id="grad-outer-factor-missing"),
        Mistake("the inner derivatives are missing: d/dw1 (2 w1 + 3 w2 - 7) = 2 and d/dw2 (...) = 3, "
                "so the gradient is [2r * 2, 2r * 3]", lambda got: _close(got, [2 * r, 2 * r]),
                id="grad-inner-factor-missing"),
        Mistake("the two components are swapped: dL/dw1 = 4r (the coefficient of w1 is 2) and "
                "dL/dw2 = 6r", lambda got: _close(got, [6 * r, 4 * r]), id="grad-components-swapped"),
        Mistake("grad_L returned the descent direction -grad L: the gradient itself points uphill",
                lambda got: _close(got, -right), id="grad-descent-direction"),
        Mistake("the residual is r = 2 w1 + 3 w2 - 7: the constant is -7, not +7",
                lambda got: _close(got, [4 * (r + 14.0), 6 * (r + 14.0)]), id="grad-constant-sign"),
        Mistake("grad_L returned the loss L, not the vector of partial derivatives",
                lambda got: _close(got, r**2) or _close(got, [r**2, r**2]), id="grad-returned-loss"),
        Mistake("grad_L must return an array of shape (2,): [dL/dw1, dL/dw2]",
                lambda got: np.shape(as_numbers(got)) != (2,), id="grad-shape"),
    ]


def _check_grad(student, w, expected, what="grad_L(w)"):
    got = student.grad_L(w)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs={"w": w}, mistakes=_grad_mistakes(w), strict_type=True)
    expect_unchanged(effects, what="grad_L(w)")


@pytest.mark.points(1, problem=PROBLEM)
def test_loss_at_1_1_and_at_random_points(student, reference, rng):
    """L(1, 1) = 4 and L on random points given as lists, tuples and arrays."""
    points = [[1.0, 1.0], (2.0, 1.0), np.array([0.0, 0.0]), [1, 1]] + [rng.uniform(-5.0, 5.0, size=2) for _ in range(5)]
    for w in points:
        expect_close(student.L(w), reference.L(w), what="L(w)", inputs={"w": w}, mistakes=_loss_mistakes(w))


@pytest.mark.points(1, problem=PROBLEM)
def test_gradient_at_1_1_is_minus_8_minus_12(student, reference):
    """grad L(1, 1) = [-8, -12] for a list, a tuple and an array; zero on the line 2 w1 + 3 w2 = 7."""
    for w in ([1, 1], (1.0, 1.0), np.array([1.0, 1.0])):
        _check_grad(student, w, np.array([-8.0, -12.0]))
    for w in (np.array([2.0, 1.0]), np.array([3.5, 0.0]), np.array([-1.0, 3.0])):
        _check_grad(student, w, reference.grad_L(w), what="grad_L(w) at a minimum (2 w1 + 3 w2 = 7)")


@pytest.mark.points(2, problem=PROBLEM)
def test_gradient_matches_4r_6r_on_random_points(student, reference, rng):
    """grad L = [4r, 6r], r = 2 w1 + 3 w2 - 7, at random points near and far from the minimum."""
    for scale in (0.5, 3.0, 50.0):
        for _ in range(4):
            w = rng.normal(0.0, scale, size=2)
            _check_grad(student, w, reference.grad_L(w))
