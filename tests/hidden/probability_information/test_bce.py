"""Hidden tests: problem "bce" (binary_cross_entropy).

Contract (the notebook's docstring): binary_cross_entropy(y_true, y_pred, eps=1e-15) takes 0/1 labels
(ints or floats) and predictions, np.ndarrays of the same shape (n,), n >= 1, and modifies neither;
it clips y_pred to [eps, 1 - eps] (a value exactly on a bound is kept) and returns the MEAN over the
n examples of -[y log(y_pred) + (1 - y) log(1 - y_pred)] (natural log) as a float (a Python or NumPy
float scalar, not an array, also for n = 1).

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's value is exactly what that formula gives there and no other known mistake gives it.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true, expect_unchanged

PROBLEM = "bce"
# Clipping 1 - y_pred from below at eps, instead of y_pred from above at 1 - eps, is equally valid;
# for eps = 1e-15 the two differ by about 0.3% (1 - (1 - 1e-15) is 1.11e-15 in float64).
CLIP_RTOL = 1e-2
OTHER_EPS = (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6)


def _near(got, value, rtol=1e-6):
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), float(value), rtol=rtol, atol=1e-9))


def _bce(y, y_pred, eps, log=np.log):
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(y_pred, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * log(p) + (1 - y) * log(1 - p)))


def _distinct(candidates, expected, rtol=1e-6):
    """Mistakes (id, message, value) whose value differs from the right answer and from the value of
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
                    values.append((index, mistake_id, float(compute())))
            except (ValueError, TypeError, ZeroDivisionError, OverflowError):
                continue
        found = {}
        for index, mistake_id, value in values:
            if not np.isfinite(value) or _near(value, expected, rtol):
                continue
            if any(other_id != mistake_id and _near(value, other, rtol) for _, other_id, other in values):
                continue
            found[index] = value
        return found

    return [Mistake(message, lambda got, index=index: index in own() and _near(got, own()[index], rtol), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(candidates)]


def _mistakes(y, y_pred, eps, expected):
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(y_pred, dtype=float), eps, 1 - eps)
    terms = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    n = y.size
    extreme = bool(np.any((np.asarray(y_pred) <= 0) | (np.asarray(y_pred) >= 1)))
    mistakes = [
        Mistake("binary_cross_entropy returned one loss per example: return their MEAN, one float",
                lambda got: n > 1 and np.shape(got) == (n,) and np.allclose(as_numbers(got), terms, rtol=CLIP_RTOL),
                id="bce-per-example-losses"),
        Mistake("binary_cross_entropy returned an array: the docstring asks for one float, also for a single example "
                "(convert with float(...))", lambda got: isinstance(got, (np.ndarray, list, tuple)),
                id="number-returned-as-array"),
    ]
    if extreme:
        mistakes.append(Mistake(
            "binary_cross_entropy gave inf or nan for a prediction of exactly 0 or 1: clip y_pred to [eps, 1 - eps] "
            "(both bounds) before the logs (log(0) is -inf and 0 * log(0) is nan)",
            lambda got: not np.all(np.isfinite(as_numbers(got))), id="bce-not-clipped"))
    return mistakes + _distinct([
        ("bce-sum-not-mean", "binary_cross_entropy sums over the examples: the loss is the MEAN (divide by n)",
         lambda: terms.sum() if n > 1 else np.nan),
        ("bce-wrong-sign", "binary_cross_entropy has the wrong sign: the loss is MINUS the mean log-likelihood, "
         "never negative", lambda: -expected),
        ("bce-terms-swapped", "the two terms are swapped: y multiplies log(y_pred) and (1 - y) multiplies "
         "log(1 - y_pred)", lambda: -np.mean(y * np.log(1 - p) + (1 - y) * np.log(p))),
        ("bce-wrong-log-base", "binary_cross_entropy uses log base 10: use the natural log np.log",
         lambda: expected / np.log(10)),
        ("bce-wrong-log-base", "binary_cross_entropy uses log base 2: use the natural log np.log",
         lambda: expected / np.log(2)),
        ("bce-positive-term-only", "binary_cross_entropy kept only the y = 1 term: add (1 - y) log(1 - y_pred), the "
         "loss of the negative examples", lambda: -np.mean(y * np.log(p))),
        ("bce-mean-over-positives", "binary_cross_entropy divides by the number of positive examples: the mean is "
         "over all n examples", lambda: terms.sum() / y.sum()),
    ], expected)


def _other_eps(y, y_pred, eps, message, mistake_id):
    """Mistakes: the result matches clipping with another eps than the one asked for."""
    mine = _bce(y, y_pred, eps)
    return [Mistake(message.format(other=other),
                    lambda got, value=_bce(y, y_pred, other): _near(got, value, CLIP_RTOL), id=mistake_id)
            for other in OTHER_EPS if other != eps and not np.isclose(_bce(y, y_pred, other), mine, rtol=CLIP_RTOL)]


def _check(student, reference, y, y_pred, what, rtol=1e-6, extra=(), **kwargs):
    expected = reference.binary_cross_entropy(y, y_pred, **kwargs)
    eps = kwargs.get("eps", 1e-15)
    got = student.binary_cross_entropy(y, y_pred, **kwargs)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs={"y_true": y, "y_pred": y_pred, **kwargs}, rtol=rtol,
                 mistakes=_mistakes(y, y_pred, eps, expected) + list(extra))
    expect_true(not isinstance(got, np.ndarray),
                f"{what}: binary_cross_entropy must return a float; it returned an np.ndarray of shape {getattr(got, 'shape', ())}",
                mistake=Mistake("binary_cross_entropy returned a 0-d array: convert the mean with float(...)",
                                lambda _: True, id="number-returned-as-array"))
    expect_unchanged(effects, what=what)


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
            y[:3] = [0, 1, 1][:n]
        y_pred = rng.uniform(0.01, 0.99, size=n)
        _check(student, reference, y, y_pred, f"binary_cross_entropy for a random batch of {n}")
    y = rng.integers(0, 2, size=6).astype(float)
    y[:2] = [0.0, 1.0]
    _check(student, reference, y, np.full(6, 0.3), "binary_cross_entropy with float labels and a constant prediction")
    _check(student, reference, np.array([0]), np.array([0.25]), "binary_cross_entropy of one negative example")


@pytest.mark.points(1, problem=PROBLEM)
def test_bce_clips_predictions_of_zero_and_one(student, reference):
    """Predictions of exactly 0 or 1 are clipped to [eps, 1 - eps]: finite losses, eps is used, bounds are kept."""
    y, y_pred = np.array([1, 0]), np.array([0.0, 0.5])
    _check(student, reference, y, y_pred,
           "binary_cross_entropy with a prediction of 0 for a positive example (default eps = 1e-15)",
           extra=_other_eps(y, y_pred, 1e-15,
                            "the default eps is not 1e-15: the result matches eps = {other:g}; the contract fixes "
                            "binary_cross_entropy(y_true, y_pred, eps=1e-15)", "bce-wrong-default-eps"))
    _check(student, reference, np.array([0, 1]), np.array([1.0, 1.0]),
           "binary_cross_entropy with a prediction of 1 for a negative example (default eps = 1e-15)",
           rtol=CLIP_RTOL)
    _check(student, reference, np.array([1, 0]), np.array([1.0, 0.0]),
           "binary_cross_entropy of perfect predictions (about 0: 0 * log(0) must never happen)")
    y, y_pred = np.array([1, 1, 0, 0]), np.array([0.0, 0.5, 0.25, 1.0])
    _check(student, reference, y, y_pred,
           "binary_cross_entropy(y_true, y_pred, eps=1e-3) (clip y_pred to [eps, 1 - eps])", eps=1e-3,
           extra=_other_eps(y, y_pred, 1e-3,
                            "binary_cross_entropy ignores its eps argument: with eps=1e-3 the result is the one "
                            "for eps = {other:g}", "bce-ignores-eps"))
    # predictions on the bounds, just inside and just outside them: only the outside ones move
    y, y_pred = np.array([1, 0, 1, 0, 1, 0]), np.array([0.1, 0.9, 0.05, 0.95, 0.5, 0.1])
    _check(student, reference, y, y_pred, "binary_cross_entropy(y_true, y_pred, eps=0.1), predictions on and past the "
           "bounds 0.1 and 0.9", eps=0.1,
           extra=_other_eps(y, y_pred, 0.1, "binary_cross_entropy ignores its eps argument: with eps=0.1 the result "
                                            "is the one for eps = {other:g}", "bce-ignores-eps"))
