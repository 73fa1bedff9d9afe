"""Hidden tests: problem "loss_gradients" (mse_loss_and_grad and ce_loss_and_grad).

Contract: elementwise pairs (loss, d loss / d y_hat), derivatives taken with respect to the
PREDICTION y_hat: MSE (y - y_hat)^2 and -2 (y - y_hat); binary cross-entropy
-[y log y_hat + (1 - y) log(1 - y_hat)] and -y / y_hat + (1 - y) / (1 - y_hat). No mean, no clipping.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true

PROBLEM = "loss_gradients"


def _close(got, value):
    got = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return got.shape == value.shape and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _pair(got, name):
    hint = " (add `return loss, grad`)" if got is None else ""
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                f"{name} must return the pair (loss, grad){hint}; got {describe(got)}")
    return got[0], got[1]


def _mean_mistake(name, shape):
    return Mistake(f"{name} averaged over the examples: it works elementwise and returns one value "
                   "per example (no mean)", lambda got: len(shape) > 0 and np.ndim(got) == 0)


# ------------------------------------------------------------------ MSE
def _check_mse(student, reference, y, y_hat, what):
    loss, grad = reference.mse_loss_and_grad(y, y_hat)
    got_loss, got_grad = _pair(student.mse_loss_and_grad(y, y_hat), "mse_loss_and_grad")
    y_f, y_hat_f = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    shape = np.shape(loss)
    inputs = {"y": y, "y_hat": y_hat}
    expect_close(got_loss, loss, what=f"the squared error of {what}", inputs=inputs, mistakes=[
        _mean_mistake("mse_loss_and_grad", shape),
        Mistake("the loss is (y - y_hat) ** 2: the square is missing", lambda got: _close(got, y_f - y_hat_f)),
        Mistake("the loss and the gradient are swapped: return (loss, grad)", lambda got: _close(got, grad)),
    ])
    expect_close(got_grad, grad, what=f"d/dy_hat of the squared error for {what}", inputs=inputs, mistakes=[
        _mean_mistake("mse_loss_and_grad", shape),
        Mistake("the gradient has the wrong sign: the derivative of (y - y_hat)^2 with respect to the "
                "PREDICTION y_hat is -2 (y - y_hat) (+2 (y - y_hat) is the derivative with respect to y)",
                lambda got: _close(got, -grad)),
        Mistake("the factor 2 of the derivative is missing: d/dy_hat (y - y_hat)^2 = -2 (y - y_hat)",
                lambda got: _close(got, grad / 2) or _close(got, -grad / 2)),
        Mistake("that is the derivative with respect to the logit z through a sigmoid; this function "
                "returns the derivative with respect to the prediction y_hat: -2 (y - y_hat)",
                lambda got: _close(got, grad * y_hat_f * (1 - y_hat_f))),
    ])


@pytest.mark.points(1, problem=PROBLEM)
def test_mse_of_the_confidently_wrong_prediction(student, reference):
    """y = 1, y_hat = 0.01: squared error 0.9801 and derivative -1.98 with respect to y_hat."""
    _check_mse(student, reference, reference.WRONG_LABEL, reference.WRONG_PREDICTION, "y = 1, y_hat = 0.01")


@pytest.mark.points(1, problem=PROBLEM)
def test_mse_is_elementwise_on_random_batches(student, reference, rng):
    """mse_loss_and_grad on arrays of labels and predictions returns one loss and one derivative each."""
    for n in (4, 11):
        y = rng.integers(0, 2, size=n).astype(float)
        y[:2] = [0.0, 1.0]
        _check_mse(student, reference, y, rng.uniform(0.01, 0.99, size=n), f"a batch of {n} examples")
    _check_mse(student, reference, 0.0, 0.7, "y = 0, y_hat = 0.7")


# ------------------------------------------------------------------ cross-entropy
def _check_ce(student, reference, y, y_hat, what):
    loss, grad = reference.ce_loss_and_grad(y, y_hat)
    got_loss, got_grad = _pair(student.ce_loss_and_grad(y, y_hat), "ce_loss_and_grad")
    y_f, y_hat_f = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    shape = np.shape(loss)
    has_zero = bool(np.any(y_f == 0))
    inputs = {"y": y, "y_hat": y_hat}
    expect_close(got_loss, loss, what=f"the cross-entropy of {what}", inputs=inputs, mistakes=[
        _mean_mistake("ce_loss_and_grad", shape),
        Mistake("the loss has the wrong sign: it is -[y log y_hat + (1 - y) log(1 - y_hat)] >= 0",
                lambda got: _close(got, -loss)),
        Mistake("the loss keeps only the y = 1 term: for y = 0 it is -log(1 - y_hat)",
                lambda got: has_zero and _close(got, -y_f * np.log(y_hat_f))),
        Mistake("the loss uses log base 10 or 2: use the natural log np.log",
                lambda got: _close(got, loss / np.log(10)) or _close(got, loss / np.log(2))),
        Mistake("the loss and the gradient are swapped: return (loss, grad)", lambda got: _close(got, grad)),
    ])
    expect_close(got_grad, grad, what=f"d/dy_hat of the cross-entropy for {what}", inputs=inputs, mistakes=[
        _mean_mistake("ce_loss_and_grad", shape),
        Mistake("the gradient has the wrong sign: d/dy_hat of -log(y_hat) is -1 / y_hat, negative for y = 1",
                lambda got: _close(got, -grad)),
        Mistake("that is the derivative with respect to the logit z (y_hat - y, through a sigmoid); "
                "this function returns the derivative with respect to the prediction y_hat: "
                "-y / y_hat + (1 - y) / (1 - y_hat)", lambda got: _close(got, y_hat_f - y_f)),
        Mistake("the gradient keeps only the y = 1 term -y / y_hat: for y = 0 the derivative is "
                "+1 / (1 - y_hat)", lambda got: has_zero and _close(got, -y_f / y_hat_f)),
        Mistake("the second term of the gradient has the wrong sign: d/dy_hat of -(1 - y) log(1 - y_hat) "
                "is +(1 - y) / (1 - y_hat)",
                lambda got: has_zero and _close(got, -y_f / y_hat_f - (1 - y_f) / (1 - y_hat_f))),
    ])


@pytest.mark.points(1, problem=PROBLEM)
def test_ce_of_the_confidently_wrong_prediction(student, reference):
    """y = 1, y_hat = 0.01: cross-entropy 4.6052 and derivative -100 with respect to y_hat."""
    _check_ce(student, reference, reference.WRONG_LABEL, reference.WRONG_PREDICTION, "y = 1, y_hat = 0.01")


@pytest.mark.points(2, problem=PROBLEM)
def test_ce_is_elementwise_for_both_labels(student, reference, rng):
    """ce_loss_and_grad on arrays with labels 0 and 1: for y = 0 the derivative is +1 / (1 - y_hat)."""
    for n in (5, 12):
        y = rng.integers(0, 2, size=n).astype(float)
        y[:2] = [0.0, 1.0]
        _check_ce(student, reference, y, rng.uniform(0.01, 0.99, size=n), f"a batch of {n} examples")
    _check_ce(student, reference, 0.0, 0.99, "y = 0, y_hat = 0.99 (confidently wrong the other way)")
