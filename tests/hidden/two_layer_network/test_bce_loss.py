"""Hidden tests for `bce_loss(y, y_hat, eps=1e-12)`.

Contract: labels y are 0 or 1, predictions y_hat are probabilities; each has shape (N,) or (N, 1)
(the two may differ); y_hat is clipped to [eps, 1 - eps]; the result is the MEAN over the N samples
of -[y log(y_hat) + (1 - y) log(1 - y_hat)] (natural log), returned as a float.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close

# Exact values of the chapter's worked examples (the chapter rounds each term to 4 decimals
# before averaging, which is why it prints 0.1977 for the first one).
EXERCISE_B4 = (np.array([1, 0, 1, 0]), np.array([0.9, 0.2, 0.7, 0.1]), 0.19763488164214868)
WORKED_EXAMPLE_2 = (np.array([1, 0, 1]), np.array([0.8, 0.3, 0.6]), 0.36354803967297755)

# Clipping edge cases compare with a looser tolerance: clipping 1 - y_hat from below instead of
# y_hat from above (or adding eps inside the log) is equally valid and differs by ~3e-6 relative.
CLIP_RTOL = 1e-4


def _terms(y, y_hat):
    y = np.asarray(y, dtype=float).reshape(-1)
    p = np.clip(np.asarray(y_hat, dtype=float).reshape(-1), 1e-12, 1 - 1e-12)
    return y, p


def _mistakes(y, y_hat):
    """Known wrong losses for these inputs (flattened, clipped like the reference)."""
    y1, p = _terms(y, y_hat)
    per_sample = -(y1 * np.log(p) + (1 - y1) * np.log(1 - p))
    swapped = -(y1 * np.log(1 - p) + (1 - y1) * np.log(p))
    yc = np.asarray(y, dtype=float).reshape(-1, 1)
    pr = p.reshape(1, -1)
    table = -(yc * np.log(pr) + (1 - yc) * np.log(1 - pr))  # (N, 1) against (1, N)
    n = len(y1)

    def near(value):
        return lambda got: np.isclose(float(np.asarray(got, dtype=float)), value, rtol=1e-6)

    mistakes = [
        Mistake("bce_loss gives inf or nan: clip y_hat to [eps, 1 - eps] before taking logs "
                "(log(0) is -inf and 0 * log(0) is nan)",
                lambda got: not np.all(np.isfinite(np.asarray(got, dtype=float)))),
        Mistake("bce_loss returned an array: reduce to one number, the mean over the batch",
                lambda got: np.ndim(got) > 0 and np.size(got) > 1),
    ]
    if n > 1:
        mistakes.append(Mistake("bce_loss sums over the batch instead of taking the mean "
                                "(divide by N)", near(per_sample.sum())))
    mistakes += [
        Mistake("the two terms of BCE are swapped: y multiplies log(y_hat) and (1 - y) multiplies "
                "log(1 - y_hat)", near(swapped.mean())),
        Mistake("bce_loss has the wrong sign: the loss is -mean[y log(y_hat) + (1 - y) log(1 - y_hat)] "
                "and is never negative", near(-per_sample.mean())),
        Mistake("bce_loss uses log base 10 (or 2): use the natural log np.log",
                lambda got: near(per_sample.mean() / np.log(10))(got)
                or near(per_sample.mean() / np.log(2))(got)),
        Mistake("y of shape (N,) combined with y_hat of shape (N, 1) broadcast to an (N, N) table: "
                "flatten both (reshape(-1)) before combining them", near(table.mean())),
        Mistake("bce_loss kept only the y = 1 term: add (1 - y) log(1 - y_hat)",
                near(-(y1 * np.log(p)).mean())),
    ]
    return mistakes


def _check(student, y, y_hat, expected, what, rtol=None, extra_mistakes=(), **kwargs):
    got = student.bce_loss(y, y_hat, **kwargs)
    tolerance = {} if rtol is None else {"rtol": rtol}
    expect_close(got, expected, what=what, inputs={"y": y, "y_hat": y_hat, **kwargs},
                 mistakes=_mistakes(y, y_hat) + list(extra_mistakes), **tolerance)


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_reproduces_exercise_b4(student):
    y, y_hat, expected = EXERCISE_B4
    _check(student, y, y_hat, expected,
           "bce_loss(y, y_hat) for exercise B4 (exact value 0.197635; the chapter rounds to 0.1977)")


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_reproduces_worked_example_2(student):
    y, y_hat, expected = WORKED_EXAMPLE_2
    _check(student, y, y_hat, expected, "bce_loss(y, y_hat) for worked example 2 (0.3635)")


@pytest.mark.points(2, problem="bce_loss")
def test_bce_loss_matches_reference_on_random_batches(student, reference, rng):
    for n in (1, 2, 5, 17, 64):
        y = rng.integers(0, 2, size=n)
        y_hat = rng.uniform(0.01, 0.99, size=n)
        for shape in ((n,), (n, 1)):
            labels = y.reshape(shape).astype(float) if shape == (n, 1) else y
            probs = y_hat.reshape(shape)
            _check(student, labels, probs, reference.bce_loss(labels, probs),
                   f"bce_loss(y, y_hat) for a random batch of shape {shape}")


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_pairs_samples_when_the_shapes_are_n_and_n_by_1(student, reference, rng):
    n = 6
    y = rng.integers(0, 2, size=n)
    y[:2] = [0, 1]
    y_hat = rng.uniform(0.05, 0.95, size=n)
    expected = reference.bce_loss(y, y_hat)
    _check(student, y, y_hat.reshape(n, 1), expected, "bce_loss(y of shape (6,), y_hat of shape (6, 1))")
    _check(student, y.reshape(n, 1), y_hat, expected, "bce_loss(y of shape (6, 1), y_hat of shape (6,))")


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_clips_predictions_of_exactly_zero_and_one(student, reference):
    y = np.array([1.0, 0.0, 1.0, 0.0])
    y_hat = np.array([0.0, 1.0, 1.0, 0.0])
    expected = reference.bce_loss(y, y_hat)  # about 13.8155 = (-log(1e-12) * 2) / 4
    other_eps = [
        Mistake(f"the default eps is not 1e-12: the result matches eps = {eps:g}; the contract "
                f"fixes bce_loss(y, y_hat, eps=1e-12)",
                lambda got, eps=eps: np.isclose(float(np.asarray(got, dtype=float)),
                                                reference.bce_loss(y, y_hat, eps=eps), rtol=CLIP_RTOL))
        for eps in (1e-15, 1e-10, 1e-9, 1e-8, 1e-7)]
    _check(student, y, y_hat, expected,
           "bce_loss(y, y_hat) with y_hat exactly 0 and 1 (default eps = 1e-12)", rtol=CLIP_RTOL,
           extra_mistakes=other_eps)
    confident = np.array([1.0, 0.0])
    _check(student, confident, confident, 0.0,
           "bce_loss(y, y_hat) for perfect predictions y_hat = y = [1, 0] (about 0; 0 * log(0) "
           "must never happen)")


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_uses_its_eps_argument_for_clipping(student, reference):
    y = np.array([[1.0], [0.0], [1.0]])
    y_hat = np.array([[0.0], [1.0], [0.5]])
    for eps in (1e-7, 1e-4):
        ignored = [
            Mistake(f"bce_loss ignores its eps argument: with eps={eps:g} the result is the one "
                    f"for a fixed eps of {fixed:g}",
                    lambda got, fixed=fixed: np.isclose(float(np.asarray(got, dtype=float)),
                                                        reference.bce_loss(y, y_hat, eps=fixed),
                                                        rtol=CLIP_RTOL))
            for fixed in (1e-12, 1e-15, 1e-10, 1e-9, 1e-8)]
        _check(student, y, y_hat, reference.bce_loss(y, y_hat, eps=eps),
               f"bce_loss(y, y_hat, eps={eps}) (clip y_hat to [eps, 1 - eps])", rtol=CLIP_RTOL,
               extra_mistakes=ignored, eps=eps)
