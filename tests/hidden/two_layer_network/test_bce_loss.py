"""Hidden tests for `bce_loss(y, y_hat, eps=1e-12)`.

Contract: labels y are 0 or 1, predictions y_hat are probabilities in [0, 1]; each is an ndarray of
shape (N,) or (N, 1) with N >= 1 (the two may differ); y_hat is clipped to [eps, 1 - eps] (both ends
included); the result is the MEAN over the N samples of -[y log(y_hat) + (1 - y) log(1 - y_hat)]
(natural log), returned as a float (a Python float or a NumPy float scalar, never an array);
neither argument is modified.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_close, expect_true, expect_unchanged

# Exact values of the chapter's worked examples (the chapter rounds each term to 4 decimals
# before averaging, which is why it prints 0.1977 for the first one).
EXERCISE_B4 = (np.array([1, 0, 1, 0]), np.array([0.9, 0.2, 0.7, 0.1]), 0.19763488164214868)
WORKED_EXAMPLE_2 = (np.array([1, 0, 1]), np.array([0.8, 0.3, 0.6]), 0.36354803967297755)

# Clipping edge cases compare with a looser tolerance: clipping 1 - y_hat from below instead of
# y_hat from above (or adding eps inside the log) is equally valid and differs by ~3e-6 relative.
CLIP_RTOL = 1e-4


def _number(got):
    if isinstance(got, (bool, np.bool_, str, dict)) or got is None:
        raise TypeError("not a number")
    return float(np.asarray(got, dtype=float))


def _near(value, rtol=1e-6):
    return lambda got: np.isclose(_number(got), value, rtol=rtol, atol=1e-12)


# (message, id) of the candidate wrong losses, in the order they are tried; _wrong_losses gives their values
CANDIDATES = [
    ("bce_loss sums over the batch instead of taking the mean (divide by N)", "bce-sum-not-mean"),
    ("y of shape (N,) combined with y_hat of shape (N, 1) broadcast to an (N, N) table: flatten both "
     "(reshape(-1)) before combining them", "bce-broadcast-table"),
    ("the two terms of BCE are swapped: y multiplies log(y_hat) and (1 - y) multiplies log(1 - y_hat)",
     "bce-swapped-terms"),
    ("bce_loss has the wrong sign: the loss is -mean[y log(y_hat) + (1 - y) log(1 - y_hat)] and is never "
     "negative", "bce-wrong-sign"),
    ("bce_loss divides the sum by N - 1: the mean divides by N, the number of samples", "bce-divides-by-n-minus-1"),
    ("bce_loss uses log base 10: use the natural log np.log", "bce-log10"),
    ("bce_loss uses log base 2: use the natural log np.log", "bce-log2"),
    ("the (1 - y) term takes log(y_hat): it is (1 - y) log(1 - y_hat), the log of the probability of the "
     "class 0", "bce-log-of-y-hat-in-both-terms"),
    ("bce_loss kept only the y = 1 term: add (1 - y) log(1 - y_hat)", "bce-missing-negative-term"),
    ("bce_loss kept only the y = 0 term: add y log(y_hat)", "bce-missing-positive-term"),
]


def _wrong_losses(y, y_hat, eps):
    """The right loss and its pieces for these inputs (flattened, clipped like the reference), and
    {candidate id: the wrong losses that name it}."""
    y1 = np.asarray(y, dtype=float).reshape(-1)
    raw = np.asarray(y_hat, dtype=float).reshape(-1)
    p = np.clip(raw, eps, 1 - eps)
    per_sample = -(y1 * np.log(p) + (1 - y1) * np.log(1 - p))
    loss = per_sample.mean()
    n = len(y1)
    with np.errstate(divide="ignore", invalid="ignore"):
        unclipped = np.mean(-(y1 * np.log(raw) + (1 - y1) * np.log(1 - raw)))
    needs_clipping = not np.isfinite(unclipped)
    shapes_differ = np.shape(y) != np.shape(y_hat)
    yc, pr = y1.reshape(-1, 1), p.reshape(1, -1)
    table = -(yc * np.log(pr) + (1 - yc) * np.log(1 - pr))  # (N, 1) against (1, N)
    positive = -(y1 * np.log(p)).mean()
    negative = -((1 - y1) * np.log(1 - p)).mean()
    values = {  # in the order of CANDIDATES
        "bce-sum-not-mean": [per_sample.sum()] if n > 1 else [],
        "bce-broadcast-table": [table.mean(), table.sum() / n] if shapes_differ and n > 1 else [],
        "bce-swapped-terms": [-(y1 * np.log(1 - p) + (1 - y1) * np.log(p)).mean()],
        "bce-wrong-sign": [-loss],
        "bce-divides-by-n-minus-1": [per_sample.sum() / (n - 1)] if n > 1 else [],
        "bce-log10": [loss / np.log(10)],
        "bce-log2": [loss / np.log(2)],
        "bce-log-of-y-hat-in-both-terms": [-np.log(p).mean()],
        "bce-missing-negative-term": [positive],
        "bce-missing-positive-term": [negative],
    }

    # a value names its mistake only when no other candidate (nor the right loss) gives the same number for
    # these inputs: then the inputs cannot tell which mistake it was, and naming one would mislead
    def distinct(value, mistake_id):
        others = [loss] + [v for other, vs in values.items() if other != mistake_id for v in vs]
        return not any(np.isclose(value, other, rtol=1e-4, atol=1e-9) for other in others)

    named = {mistake_id: [v for v in vs if distinct(v, mistake_id)] for mistake_id, vs in values.items()}
    return n, per_sample, needs_clipping, named


def _mistakes(y, y_hat, eps=1e-12):
    """Known wrong losses for these inputs. They are computed, with the pairwise comparisons between them,
    only on the first `applies` call, that is once a check has failed (spared for right answers); a
    candidate with no distinct value never applies (as if it were left out)."""
    known = functools.lru_cache(maxsize=None)(lambda: _wrong_losses(y, y_hat, eps))

    def is_array(got):
        return isinstance(got, np.ndarray) and got.ndim > 0

    def per_sample_losses(got):
        n, per_sample, _, _ = known()
        return is_array(got) and got.size == n and n > 1 and np.allclose(np.ravel(got), per_sample)

    def candidate(mistake_id):
        return lambda got: any(_near(v)(got) for v in known()[3][mistake_id])

    mistakes = [
        Mistake("bce_loss gives inf or nan for a prediction of exactly 0 or 1: clip y_hat to [eps, 1 - eps] "
                "(both ends) before taking logs (log(0) is -inf and 0 * log(0) is nan)",
                lambda got: known()[2] and not np.isfinite(_number(got)), id="bce-no-clipping"),
        Mistake("bce_loss returned one loss per sample: take the mean over the batch (one float)",
                per_sample_losses, id="bce-per-sample-losses"),
        Mistake("bce_loss returned an array (or a list): the loss is one float, the mean over all N samples "
                "(np.mean(...) without axis, or float(...) around it)",
                lambda got: is_array(got) or isinstance(got, (list, tuple)), id="bce-returns-array"),
    ]
    return mistakes + [Mistake(message, candidate(mistake_id), id=mistake_id) for message, mistake_id in CANDIDATES]


def _check(student, y, y_hat, expected, what, rtol=None, extra_mistakes=(), **kwargs):
    got = student.bce_loss(y, y_hat, **kwargs)
    effects = student.last_call
    tolerance = {} if rtol is None else {"rtol": rtol}
    expect_close(got, expected, what=what, inputs={"y": y, "y_hat": y_hat, **kwargs},
                 mistakes=_mistakes(y, y_hat, kwargs.get("eps", 1e-12)) + list(extra_mistakes), **tolerance)
    expect_unchanged(effects, what=what)
    return got


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_reproduces_exercise_b4_as_a_float(student):
    y, y_hat, expected = EXERCISE_B4
    got = _check(student, y, y_hat, expected,
                 "bce_loss(y, y_hat) for exercise B4 (exact value 0.197635; the chapter rounds to 0.1977)")
    expect_true(isinstance(got, (float, np.floating)),
                f"bce_loss must return a float (a Python float or a NumPy float scalar), got "
                f"{type(got).__name__} {describe(got)}",
                mistake=Mistake("bce_loss returned an array: the loss is one float (float(...) or np.mean(...) "
                                "without axis)", lambda _: True, id="bce-returns-array")
                if isinstance(got, np.ndarray) else None)
    y2, y_hat2 = y.reshape(-1, 1).astype(float), y_hat.reshape(-1, 1)
    got = _check(student, y2, y_hat2, expected, "bce_loss(y, y_hat) for exercise B4 with both as (4, 1) columns")
    expect_true(isinstance(got, (float, np.floating)),
                f"bce_loss must return a float (a Python float or a NumPy float scalar) for (N, 1) inputs too, "
                f"got {type(got).__name__} {describe(got)}",
                mistake=Mistake("bce_loss returned an array for (N, 1) inputs: a mean over one axis keeps an "
                                "array; average over every sample into one float", lambda _: True,
                                id="bce-returns-array")
                if isinstance(got, np.ndarray) else None)


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_reproduces_worked_example_2(student):
    y, y_hat, expected = WORKED_EXAMPLE_2
    _check(student, y, y_hat, expected, "bce_loss(y, y_hat) for worked example 2 (0.3635)")


@pytest.mark.points(2, problem="bce_loss")
def test_bce_loss_matches_reference_on_random_batches(student, reference, rng):
    for n in (1, 2, 5, 17, 64):
        y = rng.integers(0, 2, size=n)
        if n > 1:
            y[:2] = [0, 1]  # both classes present
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
def test_bce_loss_clips_predictions_of_exactly_zero_and_one_on_a_copy(student, reference):
    y = np.array([1.0, 0.0, 1.0, 0.0])
    y_hat = np.array([0.0, 1.0, 1.0, 0.0])
    expected = reference.bce_loss(y, y_hat)  # (-log(1e-12) * 2) / 4
    other_eps = [
        Mistake(f"the default eps is not 1e-12: the result matches eps = {eps:g}; the contract "
                f"fixes bce_loss(y, y_hat, eps=1e-12)",
                lambda got, eps=eps: np.isclose(_number(got), reference.bce_loss(y, y_hat, eps=eps),
                                                rtol=CLIP_RTOL), id="bce-default-eps-not-1e-12")
        for eps in (1e-15, 1e-10, 1e-9, 1e-8, 1e-7)]
    _check(student, y, y_hat, expected,
           "bce_loss(y, y_hat) with y_hat exactly 0 and 1 (default eps = 1e-12)", rtol=CLIP_RTOL,
           extra_mistakes=other_eps)
    confident = np.array([1.0, 0.0])
    _check(student, confident, confident.copy(), 0.0,
           "bce_loss(y, y_hat) for perfect predictions y_hat = y = [1, 0] (0 * log(0) must never happen)")
    one_sample = (np.array([[1.0]]), np.array([[0.0]]))
    _check(student, *one_sample, reference.bce_loss(*one_sample), rtol=CLIP_RTOL,
           what="bce_loss(y, y_hat) for one sample, y = [[1]] predicted at exactly 0")
    # beyond the bounds without being 0 or 1: clipping must catch these too (adding eps inside the log
    # is within 1e-3 of clipping here, guarding only exact zeros and ones is 16% off)
    beyond = (np.array([1.0, 0.0]), np.array([1e-14, 1 - 1e-14]))
    with np.errstate(divide="ignore"):
        unguarded = float(np.mean(-np.log([1e-14, 1 - (1 - 1e-14)])))
    only_exact = Mistake("bce_loss guards only predictions of exactly 0 or 1: clip EVERY prediction into "
                         "[eps, 1 - eps] (np.clip), so that 1e-14 costs as much as eps",
                         _near(unguarded, rtol=1e-3), id="bce-clips-only-exact-zero-one")
    _check(student, *beyond, reference.bce_loss(*beyond), rtol=1e-3, extra_mistakes=[only_exact],
           what="bce_loss(y, y_hat) with y_hat = 1e-14 for y = 1 and 1 - 1e-14 for y = 0 (beyond the clipping bounds)")


@pytest.mark.points(1, problem="bce_loss")
def test_bce_loss_uses_its_eps_argument_for_clipping(student, reference):
    y = np.array([[1.0], [0.0], [1.0]])
    y_hat = np.array([[0.0], [1.0], [0.5]])
    for eps in (1e-7, 1e-4):
        ignored = [
            Mistake(f"bce_loss ignores its eps argument: with eps={eps:g} the result is the one "
                    f"for a fixed eps of {fixed:g}",
                    lambda got, fixed=fixed: np.isclose(_number(got), reference.bce_loss(y, y_hat, eps=fixed),
                                                        rtol=CLIP_RTOL), id="bce-ignores-eps")
            for fixed in (1e-12, 1e-15, 1e-10, 1e-9, 1e-8)]
        _check(student, y, y_hat, reference.bce_loss(y, y_hat, eps=eps),
               f"bce_loss(y, y_hat, eps={eps}) (clip y_hat to [eps, 1 - eps])", rtol=CLIP_RTOL,
               extra_mistakes=ignored, eps=eps)
