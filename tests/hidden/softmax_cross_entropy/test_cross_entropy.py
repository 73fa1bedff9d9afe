"""Hidden tests: problems "cross_entropy" (the loss) and "gradient" (p - onehot(y)).

Contract (the notebook's docstrings): probs is a float np.ndarray, (C,) with an int label or (N, C)
with an int np.ndarray of labels of shape (N,), N >= 1 (a batch of one is still a batch); probs is
not modified. cross_entropy_loss returns one number: -log p[y], or the MEAN over the batch, with probs
clipped to [eps, 1] before the log (the eps it is given; np.log never sees 0, so no warning; adding eps
inside the log is accepted too: no test uses a picked probability between 0 and eps where the two
readings differ by more than the tolerance). softmax_ce_gradient returns an np.ndarray of probs' shape:
p - onehot(y), divided by N for a batch.

Every known mistake is a re-enactment of the wrong computation on the test's own input.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_no_warnings, expect_unchanged


WORKED_Z = np.array([2.0, 1.0, 0.1])
WORKED_Y = 0
EPS = 1e-15
# Other floors a student might clip with instead of the eps given (machine epsilon, the smallest normal...).
OTHER_FLOORS = [1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-16, 1e-20, 1e-100, 1e-300,
                float(np.finfo(float).eps), float(np.finfo(float).tiny)]
CLIP_WHY = ("clip probs to [eps, 1] BEFORE taking the log (np.clip(probs, eps, 1.0)): np.log(0) warns "
            "'divide by zero' even when the infinite loss is replaced afterwards")


def _random_batch(rng, n, c):
    """Probabilities (n, c) from random logits, and labels that include the first and last class."""
    logits = rng.normal(0.0, 2.0, size=(n, c))
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    labels = rng.integers(0, c, size=n)
    labels[0], labels[-1] = c - 1, 0
    return probs, labels


class Variants(tuple):
    """Several values one known mistake may give (e.g. a base-2 or a base-10 logarithm)."""


def _same(got, value, rtol=1e-6, atol=1e-9):
    """got has value's shape and values (nan matching nan, inf matching inf of the same sign)."""
    try:
        got, value = as_numbers(got), np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == value.shape and bool(np.allclose(got, value, rtol=rtol, atol=atol, equal_nan=True))


def _values(compute):
    """The value(s) a re-enacted wrong computation gives on the test's input ([] when it cannot run)."""
    try:
        with np.errstate(all="ignore"):
            value = compute()
    except (ValueError, IndexError, TypeError, ZeroDivisionError, FloatingPointError):
        return []
    found = list(value) if isinstance(value, Variants) else [value]
    return [value for value in found if value is not None]


def _telling(expected, known, same=_same):
    """One Mistake per known wrong computation (id, explanation, compute). It names a wrong answer only when
    the answer equals what that computation gives on this input and neither the right answer nor another
    known computation gives the same value: an input that cannot tell two mistakes apart names neither.

    Nothing is re-enacted until a check fails (the first `applies` call): most answers are right, and
    re-enacting and cross-comparing every mistake for each of them was most of the grader's time."""
    @functools.lru_cache(maxsize=None)
    def values():
        return [_values(compute) for _, _, compute in known]

    @functools.lru_cache(maxsize=None)
    def own(index):
        found = values()
        others = [expected] + [value for other, them in enumerate(found) if other != index for value in them]
        return [value for value in found[index] if not any(same(value, other) for other in others)]

    return [Mistake(message, lambda got, index=index: any(same(got, value) for value in own(index)), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(known)]


def _softmax_rows(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(shifted) / np.sum(np.exp(shifted), axis=-1, keepdims=True)


# ------------------------------------------------------------------ cross_entropy_loss
def _loss(probs, labels, eps=EPS, log=np.log):
    """The loss as the contract defines it, with a chosen floor and logarithm (for re-enactments)."""
    clipped = np.clip(probs, eps, 1.0)
    if clipped.ndim == 1:
        return -log(clipped[int(labels)])
    return float(np.mean(-log(clipped[np.arange(clipped.shape[0]), labels])))


def _loss_mistakes(probs, y, eps=EPS, given_eps=False):
    """Known wrong losses for one example (probs (C,), y an int) or a batch (probs (N, C), y (N,))."""
    probs = np.asarray(probs, dtype=float)
    batch = probs.ndim == 2
    n, c = (probs.shape if batch else (1, probs.shape[0]))
    labels = np.asarray(y)
    expected = _loss(probs, labels, eps)
    clipped = np.clip(probs, eps, 1.0)
    per_example = -np.log(clipped[np.arange(n), labels]) if batch else np.atleast_1d(expected)
    known = [
        ("loss-missing-minus-sign", "the loss is negative: cross-entropy is -log(p[y]), with a minus sign",
         lambda: -expected),
        ("loss-label-off-by-one",
         "the loss used the wrong class (off by one): labels are 0-based indices, take probs[y_true] "
         "(probs[n, y_true[n]] in a batch)",
         lambda: Variants(_loss(probs, (labels + k) % c, eps) for k in (-1, 1))),
        ("loss-log-wrong-base",
         "the loss used a base-10 or base-2 logarithm: use the natural log (np.log), the loss is in nats",
         lambda: Variants((_loss(probs, labels, eps, np.log10), _loss(probs, labels, eps, np.log2)))),
        ("loss-softmax-of-probs",
         "the loss applied softmax to probs: probs are already probabilities (the output of softmax), take "
         "-log(probs[y_true]) directly",
         lambda: _loss(_softmax_rows(probs), labels, eps)),
        ("loss-not-clipped",
         "the probabilities were not clipped: a zero probability gives log(0) = -inf; clip probs to [eps, 1] "
         "before the log",
         lambda: _loss(probs, labels, 0.0)),
        ("loss-clip-wrong-floor",
         "the probabilities were clipped with another floor than eps: clip to [eps, 1] with the eps argument "
         "(default 1e-15), so that a zero probability costs -log(eps)",
         lambda: Variants(_loss(probs, labels, floor) for floor in OTHER_FLOORS)),
        ("loss-mean-over-classes",
         "the loss was averaged over all the classes too (np.mean of onehot * log p): sum over the classes, then "
         "average over the examples only",
         lambda: expected / c),
        ("loss-labels-as-onehot",
         "the loss treated y_true as one-hot: y_true holds class indices, the loss picks probs[y_true] "
         "(probs[np.arange(N), y_true] in a batch)",
         lambda: Variants((-np.sum(labels * np.log(clipped)), -np.sum(labels * np.log(clipped)) / n,
                           -np.mean(labels * np.log(clipped))))),
        ("loss-uses-predicted-class",
         "the loss used the most probable class (np.max / np.argmax of probs) instead of the true label: take "
         "-log(probs[y_true])",
         lambda: _loss(probs, np.argmax(probs, axis=-1), eps)),
        ("loss-divided-by-c",
         "the batch loss was divided by the number of classes C = probs.shape[1]: average over the N examples, "
         "N = probs.shape[0]",
         lambda: np.sum(per_example) / c if batch else None),
        ("loss-per-example", "the batch loss came back per example: return one number, the mean over the batch",
         lambda: per_example),
        ("loss-sum-not-mean", "the batch loss is the sum over the examples: it must be the MEAN (divide by N)",
         lambda: np.sum(per_example)),
        ("loss-picks-a-block",
         "probs[:, y_true] picks a whole (N, N) block: pick one entry per row with probs[np.arange(N), y_true]",
         lambda: np.mean(-np.log(clipped[:, labels])) if batch else None),
    ]
    if given_eps:
        known.insert(0, ("loss-ignores-eps-argument",
                         f"cross_entropy_loss ignored its argument eps (called with eps={eps:g}): clip with the eps "
                         "it is given, not a fixed 1e-15",
                         lambda: _loss(probs, labels, EPS)))
    return [
        Mistake("the loss came back as an array: return one number (a float), e.g. float(...)",
                lambda got: isinstance(got, (np.ndarray, list, tuple)) and np.size(got) == 1
                and _same(np.ravel(as_numbers(got))[0], expected), id="loss-returned-array"),
    ] + _telling(expected, known)


def _check_loss(student, reference, probs, y, what, seen, **eps):
    expected = reference.cross_entropy_loss(probs, y, **eps)
    got = student.cross_entropy_loss(probs, y, **eps)
    seen.append(student.last_call)
    inputs = {"probs": probs, "y_true": y, **eps}
    expect_close(got, expected, what=what, inputs=inputs,
                 mistakes=_loss_mistakes(probs, y, eps.get("eps", EPS), given_eps=bool(eps)))


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_of_the_worked_example(student, reference):
    """The loss of softmax([2.0, 1.0, 0.1]) with label 0 is -ln 0.6590 = 0.4170 nats."""
    seen = []
    probs = reference.softmax(WORKED_Z)
    _check_loss(student, reference, probs, WORKED_Y, "cross_entropy_loss(softmax([2.0, 1.0, 0.1]), 0)", seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_of_one_example_for_every_class(student, reference, rng):
    """For one example the loss is -log p[y], for every label 0 .. C-1."""
    seen = []
    for c in [2, 3, 5]:
        probs = _random_batch(rng, 1, c)[0][0]
        for y in range(c):
            _check_loss(student, reference, probs, y, "cross_entropy_loss(probs, y) for one example", seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_of_a_batch_is_the_mean_over_examples(student, reference, rng):
    """The loss of a batch (N, C) with labels (N,) is the mean of -log p[n, y_n], also for N = 1."""
    seen = []
    for n, c in [(4, 3), (5, 10), (3, 2), (8, 5), (3, 3), (1, 4)]:
        probs, labels = _random_batch(rng, n, c)
        _check_loss(student, reference, probs, labels,
                    f"cross_entropy_loss(probs, y_true) for a batch of {n} example{'s' if n > 1 else ''}", seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_clips_zero_probabilities_with_eps(student, reference):
    """Probabilities are clipped to [1e-15, 1] before the log: a zero costs -log(1e-15), no inf, no warning."""
    seen = []
    cases = [
        (np.array([1.0, 0.0, 0.0]), 1),
        (np.array([0.5, 0.5, 1e-20]), 2),
        (np.array([0.0, 0.0, 1.0]), 2),
        (np.array([[0.0, 1.0], [0.25, 0.75]]), np.array([0, 1])),
        (np.array([[0.2, 0.8, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]), np.array([2, 0, 0])),
    ]
    for probs, y in cases:
        _check_loss(student, reference, probs, y, "cross_entropy_loss with a zero probability", seen)
    for effects in seen:
        expect_unchanged(effects)
    for effects in seen:
        expect_no_warnings(effects, category="RuntimeWarning", why=CLIP_WHY)


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_clips_with_the_eps_it_is_given(student, reference):
    """cross_entropy_loss(probs, y_true, eps) clips with that eps: a zero probability costs -log(eps)."""
    seen = []
    cases = [
        (np.array([0.6, 0.4, 0.0]), 2, 1e-3),
        (np.array([1.0, 0.0]), 1, 0.01),
        (np.array([[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]]), np.array([2, 0]), 1e-9),
        (np.array([[0.0, 1.0, 0.0], [0.5, 0.5, 1e-12]]), np.array([2, 2]), 1e-4),
        (np.array([0.0, 1.0]), 0, 1e-8),
    ]
    for probs, y, eps in cases:
        _check_loss(student, reference, probs, y, f"cross_entropy_loss(probs, y_true, eps={eps:g}) with a zero "
                    "probability", seen, eps=eps)
    for effects in seen:
        expect_unchanged(effects)


# ------------------------------------------------------------------ gradient
def _onehot(labels, c):
    return np.eye(c)[labels]


def _block_gradient(probs, labels):
    grad = probs.copy()
    grad[:, labels] -= 1.0
    return grad / probs.shape[0]


def _gradient_mistakes(probs, y, expected):
    probs = np.asarray(probs, dtype=float)
    batch = probs.ndim == 2
    c = probs.shape[-1]
    n = probs.shape[0] if batch else 1
    labels = np.asarray(y)
    onehot = _onehot(labels, c)
    known = [
        ("gradient-missing-onehot", "the gradient is missing the one-hot subtraction: it is p - onehot(y), not p",
         lambda: Variants((probs, probs / n))),
        ("gradient-wrong-sign", "the gradient has the wrong sign: it is p - onehot(y), not onehot(y) - p",
         lambda: -expected),
        ("gradient-label-off-by-one",
         "the gradient subtracted 1 at the wrong class (off by one): labels are 0-based indices",
         lambda: Variants((probs - _onehot((labels + k) % c, c)) / n for k in (-1, 1))),
        ("gradient-softmax-of-probs",
         "the gradient applied softmax to probs: probs are already softmax(z), the gradient is probs - onehot(y)",
         lambda: (_softmax_rows(probs) - onehot) / n),
        ("gradient-single-example-divided",
         "the gradient of one example (a 1-D probs) was divided by C = probs.shape[0]: for one example it is "
         "p - onehot(y), without a division",
         lambda: (probs - onehot) / c if not batch else None),
        ("gradient-not-divided-by-n",
         "the batch gradient is not divided by N: the batch loss is a mean, so its gradient is (P - onehot(y)) / N",
         lambda: probs - onehot),
        ("gradient-divided-by-c",
         "the batch gradient was divided by the number of classes C: divide by the number of examples "
         "N = probs.shape[0]",
         lambda: (probs - onehot) / c if batch else None),
        ("gradient-divided-by-n-twice",
         "the batch gradient was divided by N twice: (P - onehot(y)) / N once is the gradient of the mean",
         lambda: (probs - onehot) / n ** 2),
        ("gradient-subtracts-a-block",
         "the gradient subtracted 1 in whole columns (probs[:, y_true] -= 1): subtract it once per row, at "
         "grad[np.arange(N), y_true]",
         lambda: _block_gradient(probs, labels) if batch else None),
        ("gradient-averaged-over-batch",
         "the batch gradient was averaged over the examples into one row: return one row per example, shape (N, C)",
         lambda: Variants((np.mean(probs - onehot, axis=0), np.mean(probs - onehot, axis=0) / n))
         if batch and n >= 2 else None),
    ]
    return [
        Mistake("softmax_ce_gradient returned a Python list: the docstring asks for an np.ndarray",
                lambda got: isinstance(got, (list, tuple)) and _same(got, expected), id="returns-list-not-ndarray"),
        Mistake(f"the gradient came back with another shape: it has probs' shape {probs.shape} (a vector stays a "
                "vector, a batch of one stays (1, C))",
                lambda got: np.shape(got) != probs.shape and np.size(got) == probs.size
                and _same(np.reshape(as_numbers(got), probs.shape), expected), id="gradient-changed-shape"),
    ] + _telling(expected, known)


def _check_gradient(student, reference, probs, y, what, seen):
    expected = reference.softmax_ce_gradient(probs, y)
    got = student.softmax_ce_gradient(probs, y)
    seen.append(student.last_call)
    expect_close(got, expected, what=what, inputs={"probs": probs, "y_true": y}, strict_type=True,
                 mistakes=_gradient_mistakes(probs, y, expected))


@pytest.mark.points(1, problem="gradient")
def test_gradient_of_the_worked_example(student, reference):
    """The gradient for softmax([2.0, 1.0, 0.1]) with label 0 is p - onehot(0)."""
    seen = []
    _check_gradient(student, reference, reference.softmax(WORKED_Z), WORKED_Y,
                    "softmax_ce_gradient(softmax([2.0, 1.0, 0.1]), 0)", seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(2, problem="gradient")
def test_gradient_of_one_example_for_every_class_including_the_last(student, reference, rng):
    """For one example the gradient is p - onehot(y), for every label including the last class."""
    seen = []
    for c in [2, 4, 7]:
        probs = _random_batch(rng, 1, c)[0][0]
        for y in range(c):
            _check_gradient(student, reference, probs, y, "softmax_ce_gradient(probs, y) for one example", seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(2, problem="gradient")
def test_gradient_of_a_batch_is_divided_by_n(student, reference, rng):
    """For a batch the gradient is (P - onehot(y)) / N, because the batch loss is a mean; also for N = 1."""
    seen = []
    for n, c in [(4, 3), (5, 6), (3, 2), (10, 4), (3, 3), (1, 4)]:
        probs, labels = _random_batch(rng, n, c)
        _check_gradient(student, reference, probs, labels,
                        f"softmax_ce_gradient(probs, y_true) for a batch of {n} example{'s' if n > 1 else ''}", seen)
    for effects in seen:
        expect_unchanged(effects)
