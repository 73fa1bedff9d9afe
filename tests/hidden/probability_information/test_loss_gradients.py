"""Hidden tests: problem "loss_gradients" (mse_loss_and_grad and ce_loss_and_grad).

Contract (the notebook's docstrings): elementwise pairs (loss, d loss / d y_hat), the derivatives
taken with respect to the PREDICTION y_hat: MSE (y - y_hat)^2 and -2 (y - y_hat); binary
cross-entropy -[y log y_hat + (1 - y) log(1 - y_hat)] and -y / y_hat + (1 - y) / (1 - y_hat). No mean,
no clipping (0 < y_hat < 1, however close to 0 or 1). y and y_hat are numbers or float np.ndarrays
that broadcast, and are not modified. The pair is a tuple (a list of two is accepted too); each of
its entries is a float for number inputs (a Python or NumPy float scalar, not a 0-d array) and a
float np.ndarray of the broadcast shape otherwise (a shape (1,) stays (1,)).

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's values are exactly what that formula gives there and no other known mistake gives them.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_true, expect_unchanged,
                                      is_number)

PROBLEM = "loss_gradients"
OTHER_EPS = (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4)


def _same(got, value):
    got, value = as_numbers(got), np.asarray(value, dtype=float)
    return got.shape == value.shape and bool(np.allclose(got, value, rtol=1e-6, atol=1e-9))


def _distinct(candidates, expected):
    """Mistakes (id, message, value) whose values differ from the right answer and from the values of
    every other known mistake on this input: an answer two mistakes would both give names none.

    Nothing is re-enacted until a check fails (the first `applies` call): most answers are right, and
    re-enacting and cross-comparing every mistake for each of them was most of the grader's time. Every
    candidate gets its Mistake, in order; one whose value is not its own on this input never applies."""
    candidates = list(candidates)

    @functools.lru_cache(maxsize=None)
    def own():
        """{index: value} of the candidates that name their mistake on this input."""
        values = []
        for index, (mistake_id, _, compute) in enumerate(candidates):
            try:
                with np.errstate(all="ignore"):
                    values.append((index, mistake_id, np.asarray(compute(), dtype=float)))
            except (ValueError, TypeError, IndexError):
                continue
        found = {}
        for index, mistake_id, value in values:
            if _same(value, expected):
                continue
            if any(other_id != mistake_id and _same(value, other) for _, other_id, other in values):
                continue
            found[index] = value
        return found

    return [Mistake(message, lambda got, index=index: index in own() and _same(got, own()[index]), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(candidates)]


def _pair(got, name):
    hint = " (add `return loss, grad`)" if got is None else ""
    expect_true(not isinstance(got, np.ndarray),
                f"{name} must return the tuple (loss, grad); it returned an np.ndarray of shape {getattr(got, 'shape', ())}",
                mistake=Mistake(f"{name} returned an np.ndarray: the docstring asks for the tuple (loss, grad), "
                                "return loss, grad", lambda _: True, id="pair-returned-as-array"))
    if not (isinstance(got, (tuple, list)) and len(got) == 2):
        # describe(got) only for a failure: rendering every right pair (two arrays) cost more than the check
        expect_true(False, f"{name} must return the pair (loss, grad){hint}; got {describe(got)}")
    return got[0], got[1]


def _shape_mistakes(name, expected):
    if np.ndim(expected) == 0:
        return [Mistake(f"{name} returned np.ndarrays for number inputs: numbers give floats (Python or NumPy float "
                        "scalars); np.asarray and np.where return 0-d arrays, convert them with float(...)",
                        lambda got: isinstance(got, np.ndarray) and got.size == 1, id="number-returned-as-array")]
    return [
        Mistake(f"{name} averaged over the examples: it works elementwise and returns one value per example (no mean)",
                lambda got: is_number(got) and np.size(expected) > 1
                and _same(got, np.mean(expected)), id="loss-averaged-over-examples"),
        Mistake(f"{name} returned a single number for arrays of shape {np.shape(expected)}: array inputs give an "
                "np.ndarray of the broadcast shape (even of shape (1,))",
                lambda got: is_number(got) and not isinstance(got, np.ndarray), id="array-returned-as-number"),
    ]


def _expect_entry_type(got, expected, name, what):
    if np.ndim(expected) == 0:
        expect_true(not isinstance(got, np.ndarray),
                    f"{what}: number inputs give floats, but {name} returned an np.ndarray of shape {getattr(got, 'shape', ())} "
                    "(convert a 0-d result with float(...))",
                    mistake=Mistake(f"{name} returned 0-d arrays where the docstring asks for floats", lambda _: True,
                                    id="number-returned-as-array"))
    else:
        expect_true(isinstance(got, np.ndarray) and got.dtype.kind == "f",
                    f"{what}: array inputs give a float np.ndarray; {name} returned a {type(got).__name__}",
                    mistake=Mistake(f"{name} returned a list where the docstring asks for an np.ndarray",
                                    lambda _: True, id="list-returned-not-ndarray"))


# ------------------------------------------------------------------ MSE
def _check_mse(student, reference, y, y_hat, what):
    loss, grad = reference.mse_loss_and_grad(y, y_hat)
    got = student.mse_loss_and_grad(y, y_hat)
    effects = student.last_call
    got_loss, got_grad = _pair(got, "mse_loss_and_grad")
    y_f, y_hat_f = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    n = np.size(loss)
    inputs = {"y": y, "y_hat": y_hat}
    expect_close(got_loss, loss, what=f"the squared error of {what}", inputs=inputs,
                 mistakes=_shape_mistakes("mse_loss_and_grad", loss) + _distinct([
                     ("mse-missing-square", "the loss is (y - y_hat) ** 2: the square is missing",
                      lambda: y_f - y_hat_f),
                     ("mse-missing-square", "the loss is (y - y_hat) ** 2: the square is missing (and the "
                      "difference is reversed)", lambda: y_hat_f - y_f),
                     ("loss-and-grad-swapped", "the loss and the gradient are swapped: return (loss, grad)",
                      lambda: grad),
                     ("mse-halved", "the loss is (y - y_hat) ** 2, without the factor 1/2", lambda: loss / 2),
                 ], loss))
    expect_close(got_grad, grad, what=f"d/dy_hat of the squared error for {what}", inputs=inputs,
                 mistakes=_shape_mistakes("mse_loss_and_grad", grad) + _distinct([
                     ("mse-grad-wrong-sign", "the gradient has the wrong sign: the derivative of (y - y_hat)^2 with "
                      "respect to the PREDICTION y_hat is -2 (y - y_hat) (+2 (y - y_hat) is the derivative with "
                      "respect to y)", lambda: -grad),
                     ("mse-grad-missing-2", "the factor 2 of the derivative is missing: d/dy_hat (y - y_hat)^2 = "
                      "-2 (y - y_hat)", lambda: grad / 2),
                     ("mse-grad-missing-2", "the factor 2 of the derivative is missing and the sign is wrong: "
                      "d/dy_hat (y - y_hat)^2 = -2 (y - y_hat)", lambda: -grad / 2),
                     ("mse-grad-through-sigmoid", "that is the derivative with respect to the logit z through a "
                      "sigmoid; this function returns the derivative with respect to the prediction y_hat: "
                      "-2 (y - y_hat)", lambda: grad * y_hat_f * (1 - y_hat_f)),
                     ("mse-grad-divided-by-n", "the gradient is divided by the number of examples: that is the "
                      "gradient of the MEAN squared error; this function works elementwise, -2 (y - y_hat) for each "
                      "example", lambda: grad / n if n > 1 else np.nan),
                     ("loss-and-grad-swapped", "the loss and the gradient are swapped: return (loss, grad)",
                      lambda: loss),
                 ], grad))
    _expect_entry_type(got_loss, loss, "mse_loss_and_grad", what)
    _expect_entry_type(got_grad, grad, "mse_loss_and_grad", what)
    expect_unchanged(effects, what=f"mse_loss_and_grad for {what}")


@pytest.mark.points(1, problem=PROBLEM)
def test_mse_of_the_confidently_wrong_prediction(student, reference):
    """y = 1, y_hat = 0.01: squared error 0.9801 and derivative -1.98 with respect to y_hat."""
    _check_mse(student, reference, reference.WRONG_LABEL, reference.WRONG_PREDICTION, "the confidently wrong prediction")


@pytest.mark.points(1, problem=PROBLEM)
def test_mse_is_elementwise_on_random_batches(student, reference, rng):
    """mse_loss_and_grad on arrays of labels and predictions returns one loss and one derivative each."""
    for n in (4, 11):
        y = rng.integers(0, 2, size=n).astype(float)
        y[:2] = [0.0, 1.0]
        _check_mse(student, reference, y, rng.uniform(0.01, 0.99, size=n), f"a batch of {n} examples")
    _check_mse(student, reference, 0.0, 0.7, "one negative example")
    _check_mse(student, reference, 1.0, np.array([0.2, 0.6, 0.9]), "one label against three predictions")
    _check_mse(student, reference, np.array([1.0]), np.array([0.25]), "a batch of one example")


# ------------------------------------------------------------------ cross-entropy
def _check_ce(student, reference, y, y_hat, what):
    loss, grad = reference.ce_loss_and_grad(y, y_hat)
    got = student.ce_loss_and_grad(y, y_hat)
    effects = student.last_call
    got_loss, got_grad = _pair(got, "ce_loss_and_grad")
    y_f, y_hat_f = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    has_zero = bool(np.any(y_f == 0))
    inputs = {"y": y, "y_hat": y_hat}

    def clipped(eps):
        p = np.clip(y_hat_f, eps, 1 - eps)
        return -(y_f * np.log(p) + (1 - y_f) * np.log(1 - p)), -y_f / p + (1 - y_f) / (1 - p)

    clip_loss = [("ce-clips-y-hat", f"ce_loss_and_grad clipped y_hat (the result is the one for eps = {eps:g}): "
                  "here 0 < y_hat < 1 is guaranteed and the exact value is asked for, so do not clip",
                  lambda eps=eps: clipped(eps)[0]) for eps in OTHER_EPS]
    clip_grad = [("ce-clips-y-hat", f"ce_loss_and_grad clipped y_hat (the result is the one for eps = {eps:g}): "
                  "here 0 < y_hat < 1 is guaranteed and the exact value is asked for, so do not clip",
                  lambda eps=eps: clipped(eps)[1]) for eps in OTHER_EPS]
    expect_close(got_loss, loss, what=f"the cross-entropy of {what}", inputs=inputs,
                 mistakes=_shape_mistakes("ce_loss_and_grad", loss) + _distinct([
                     ("ce-loss-wrong-sign", "the loss has the wrong sign: it is -[y log y_hat + (1 - y) log(1 - y_hat)]"
                      " >= 0", lambda: -loss),
                     ("ce-loss-positive-term-only", "the loss keeps only the y = 1 term: for y = 0 it is "
                      "-log(1 - y_hat)", lambda: -y_f * np.log(y_hat_f) if has_zero else np.nan),
                     ("ce-loss-wrong-log-base", "the loss uses log base 10: use the natural log np.log",
                      lambda: loss / np.log(10)),
                     ("ce-loss-wrong-log-base", "the loss uses log base 2: use the natural log np.log",
                      lambda: loss / np.log(2)),
                     ("loss-and-grad-swapped", "the loss and the gradient are swapped: return (loss, grad)",
                      lambda: grad),
                 ] + clip_loss, loss))
    expect_close(got_grad, grad, what=f"d/dy_hat of the cross-entropy for {what}", inputs=inputs,
                 mistakes=_shape_mistakes("ce_loss_and_grad", grad) + _distinct([
                     ("ce-grad-wrong-sign", "the gradient has the wrong sign: d/dy_hat of -log(y_hat) is -1 / y_hat, "
                      "negative for y = 1", lambda: -grad),
                     ("ce-grad-wrt-logit", "that is the derivative with respect to the logit z (y_hat - y, through a "
                      "sigmoid); this function returns the derivative with respect to the prediction y_hat: "
                      "-y / y_hat + (1 - y) / (1 - y_hat)", lambda: y_hat_f - y_f),
                     ("ce-grad-positive-term-only", "the gradient keeps only the y = 1 term -y / y_hat: for y = 0 the "
                      "derivative is +1 / (1 - y_hat)", lambda: -y_f / y_hat_f if has_zero else np.nan),
                     ("ce-grad-second-term-sign", "the second term of the gradient has the wrong sign: d/dy_hat of "
                      "-(1 - y) log(1 - y_hat) is +(1 - y) / (1 - y_hat)",
                      lambda: -y_f / y_hat_f - (1 - y_f) / (1 - y_hat_f) if has_zero else np.nan),
                     ("ce-grad-wrong-log-base", "the gradient is the one of a loss in log base 10 (divided by "
                      "ln 10): use the natural log", lambda: grad / np.log(10)),
                     ("loss-and-grad-swapped", "the loss and the gradient are swapped: return (loss, grad)",
                      lambda: loss),
                 ] + clip_grad, grad))
    _expect_entry_type(got_loss, loss, "ce_loss_and_grad", what)
    _expect_entry_type(got_grad, grad, "ce_loss_and_grad", what)
    expect_unchanged(effects, what=f"ce_loss_and_grad for {what}")


@pytest.mark.points(1, problem=PROBLEM)
def test_ce_of_the_confidently_wrong_prediction(student, reference):
    """y = 1, y_hat = 0.01: cross-entropy 4.6052 and derivative -100 with respect to y_hat."""
    _check_ce(student, reference, reference.WRONG_LABEL, reference.WRONG_PREDICTION, "the confidently wrong prediction")


@pytest.mark.points(2, problem=PROBLEM)
def test_ce_is_elementwise_for_both_labels(student, reference, rng):
    """ce_loss_and_grad on arrays with labels 0 and 1: for y = 0 the derivative is +1 / (1 - y_hat); no clipping,
    even for predictions within 1e-10 of 0 or 1."""
    for n in (5, 12):
        y = rng.integers(0, 2, size=n).astype(float)
        y[:2] = [0.0, 1.0]
        _check_ce(student, reference, y, rng.uniform(0.01, 0.99, size=n), f"a batch of {n} examples")
    _check_ce(student, reference, 0.0, 0.99, "a prediction confidently wrong the other way")
    _check_ce(student, reference, np.array([1.0]), np.array([0.4]), "a batch of one example")
    _check_ce(student, reference, np.array([1.0, 0.0, 1.0, 0.0]), np.array([1e-10, 1 - 1e-10, 0.5, 1e-10]),
              "predictions within 1e-10 of 0 and 1 (exact values, no clipping)")
