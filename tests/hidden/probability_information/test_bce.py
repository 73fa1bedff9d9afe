"""Hidden tests: problem "bce" (binary_cross_entropy).

Contract: binary_cross_entropy(y_true, y_pred, eps=1e-15) clips y_pred to [eps, 1 - eps] and returns
the MEAN over the n examples of -[y log(y_pred) + (1 - y) log(1 - y_pred)] (natural log) as a float.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "bce"
# Clipping 1 - y_pred from below at eps, instead of y_pred from above at 1 - eps, is equally valid;
# for eps = 1e-15 the two differ by about 0.3% (1 - (1 - 1e-15) is 1.11e-15 in float64).
CLIP_RTOL = 1e-2


def _near(got, value):
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), value, rtol=1e-6, atol=1e-9))


def _mistakes(y, y_pred, eps=1e-15):
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(y_pred, dtype=float), eps, 1 - eps)
    terms = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    n = y.size
    mean = terms.mean()
    return [
        Mistake("binary_cross_entropy gave inf or nan: clip y_pred to [eps, 1 - eps] before the logs "
                "(log(0) is -inf and 0 * log(0) is nan)",
                lambda got: not np.all(np.isfinite(as_numbers(got)))),
        Mistake("binary_cross_entropy returned one loss per example: return their MEAN, one number",
                lambda got: np.ndim(got) > 0 and np.size(got) > 1),
        Mistake("binary_cross_entropy sums over the examples: the loss is the MEAN (divide by n)",
                lambda got: n > 1 and _near(got, terms.sum())),
        Mistake("binary_cross_entropy has the wrong sign: the loss is MINUS the mean log-likelihood, "
                "never negative", lambda got: _near(got, -mean)),
        Mistake("the two terms are swapped: y multiplies log(y_pred) and (1 - y) multiplies log(1 - y_pred)",
                lambda got: _near(got, -(y * np.log(1 - p) + (1 - y) * np.log(p)).mean())),
        Mistake("binary_cross_entropy uses log base 10 or 2: use the natural log np.log",
                lambda got: _near(got, mean / np.log(10)) or _near(got, mean / np.log(2))),
        Mistake("binary_cross_entropy kept only the y = 1 term: add (1 - y) log(1 - y_pred)",
                lambda got: (y == 0).any() and _near(got, -(y * np.log(p)).mean())),
    ]


def _other_eps(reference, y, y_pred, eps, message):
    """Mistakes: the result matches clipping with another eps than the one asked for."""
    return [Mistake(message.format(other=other),
                    lambda got, other=other: bool(np.isclose(float(as_numbers(got)),
                                                             reference.binary_cross_entropy(y, y_pred, eps=other),
                                                             rtol=CLIP_RTOL)))
            for other in (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7) if other != eps]


def _check(student, reference, y, y_pred, what, rtol=1e-6, extra=(), **kwargs):
    expected = reference.binary_cross_entropy(y, y_pred, **kwargs)
    expect_close(student.binary_cross_entropy(y, y_pred, **kwargs), expected, what=what,
                 inputs={"y_true": y, "y_pred": y_pred, **kwargs}, rtol=rtol,
                 mistakes=_mistakes(y, y_pred, **kwargs) + list(extra))


@pytest.mark.points(1, problem=PROBLEM)
def test_bce_of_exercise_b4(student, reference):
    """Exercise B4: y = [1, 0, 1, 0], y_pred = [0.9, 0.2, 0.7, 0.1] give 0.197635 (printed 0.1977)."""
    _check(student, reference, reference.B4_LABELS, reference.B4_PREDICTIONS,
           "binary_cross_entropy for exercise B4 (exact 0.197635; the chapter rounds to 0.1977)")


@pytest.mark.points(1, problem=PROBLEM)
def test_bce_of_the_chapter_examples(student, reference):
    """Worked example 2 (0.3635) and the good and bad models of the code lab (0.0952 and 1.3086)."""
    _check(student, reference, np.array([1, 0, 1]), np.array([0.8, 0.3, 0.6]),
           "binary_cross_entropy for worked example 2 (0.3635)")
    labels = np.array([1, 0, 1, 1, 0])
    _check(student, reference, labels, np.array([0.9, 0.1, 0.85, 0.95, 0.05]),
           "binary_cross_entropy of the code lab's good model")
    _check(student, reference, labels, np.array([0.3, 0.8, 0.4, 0.2, 0.7]),
           "binary_cross_entropy of the code lab's bad model")


@pytest.mark.points(1, problem=PROBLEM)
def test_bce_of_random_batches(student, reference, rng):
    """binary_cross_entropy of random labels and predictions, batches of 1 to 64 examples."""
    for n in (1, 3, 10, 64):
        y = rng.integers(0, 2, size=n)
        if n > 1:
            y[:2] = [0, 1]
        y_pred = rng.uniform(0.01, 0.99, size=n)
        _check(student, reference, y, y_pred, f"binary_cross_entropy for a random batch of {n}")
    y = rng.integers(0, 2, size=6).astype(float)
    _check(student, reference, y, np.full(6, 0.3), "binary_cross_entropy with float labels and a constant prediction")


@pytest.mark.points(1, problem=PROBLEM)
def test_bce_clips_predictions_of_zero_and_one(student, reference):
    """Predictions of exactly 0 or 1 are clipped to [eps, 1 - eps]: finite losses, and eps is used."""
    y, y_pred = np.array([1, 0]), np.array([0.0, 0.5])
    _check(student, reference, y, y_pred,
           "binary_cross_entropy with a prediction of 0 for a positive example (default eps = 1e-15)",
           extra=_other_eps(reference, y, y_pred, 1e-15,
                            "the default eps is not 1e-15: the result matches eps = {other:g}; the "
                            "contract fixes binary_cross_entropy(y_true, y_pred, eps=1e-15)"))
    _check(student, reference, np.array([0, 1]), np.array([1.0, 1.0]),
           "binary_cross_entropy with a prediction of 1 for a negative example (default eps = 1e-15)",
           rtol=CLIP_RTOL)
    _check(student, reference, np.array([1, 0]), np.array([1.0, 0.0]),
           "binary_cross_entropy of perfect predictions (about 0: 0 * log(0) must never happen)")
    y, y_pred = np.array([1, 1, 0]), np.array([0.0, 0.5, 0.25])
    _check(student, reference, y, y_pred,
           "binary_cross_entropy(y_true, y_pred, eps=1e-3) (clip y_pred to [eps, 1 - eps])", eps=1e-3,
           extra=_other_eps(reference, y, y_pred, 1e-3,
                            "binary_cross_entropy ignores its eps argument: with eps=1e-3 the result "
                            "is the one for eps = {other:g}"))
