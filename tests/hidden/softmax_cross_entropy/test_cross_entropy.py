"""Hidden tests: problems "cross_entropy" (the loss) and "gradient" (p - onehot(y))."""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close


WORKED_Z = np.array([2.0, 1.0, 0.1])
WORKED_Y = 0
EPS = 1e-15


def _random_batch(rng, n, c):
    """Probabilities (n, c) from random logits, and labels that include the first and last class."""
    logits = rng.normal(0.0, 2.0, size=(n, c))
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    labels = rng.integers(0, c, size=n)
    labels[0], labels[-1] = c - 1, 0
    return probs, labels


def _per_example_loss(probs, labels):
    return -np.log(np.clip(probs, EPS, 1.0)[np.arange(len(labels)), labels])


def _onehot(labels, c):
    return np.eye(c)[labels]


def _close(got, value):
    return np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-9)


# ------------------------------------------------------------------ cross_entropy
def _single_loss_mistakes(probs, y):
    c = len(probs)
    return [
        Mistake("the loss is negative: cross-entropy is -log(p[y]), with a minus sign",
                lambda got: _close(got, np.log(probs[y]))),
        Mistake("the loss used the wrong class: take -log(probs[y_true]) with y_true as a 0-based index",
                lambda got: any(_close(got, -np.log(probs[(y + k) % c])) for k in (-1, 1))),
        Mistake("the loss used a base-10 or base-2 logarithm: use the natural log (np.log)",
                lambda got: _close(got, -np.log10(probs[y])) or _close(got, -np.log2(probs[y]))),
    ]


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_of_the_worked_example(student, reference):
    """The loss of softmax([2.0, 1.0, 0.1]) with label 0 is -ln 0.6590 = 0.4170."""
    probs = reference.softmax(WORKED_Z)
    expected = reference.cross_entropy_loss(probs, WORKED_Y)
    expect_close(student.cross_entropy_loss(probs, WORKED_Y), expected,
                 what="cross_entropy_loss(softmax([2.0, 1.0, 0.1]), 0)", inputs={"probs": probs, "y_true": 0},
                 mistakes=_single_loss_mistakes(probs, WORKED_Y))


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_of_one_example_for_every_class(student, reference, rng):
    """For one example the loss is -log p[y], for every label 0 .. C-1."""
    for c in [2, 3, 5]:
        probs, _ = _random_batch(rng, 1, c)
        probs = probs[0]
        for y in range(c):
            expect_close(student.cross_entropy_loss(probs, y), reference.cross_entropy_loss(probs, y),
                         what="cross_entropy_loss(probs, y) for one example",
                         inputs={"probs": probs, "y_true": y}, mistakes=_single_loss_mistakes(probs, y))


def _batch_loss_mistakes(probs, labels, expected):
    n, c = probs.shape
    per_example = _per_example_loss(probs, labels)
    clipped = np.clip(probs, EPS, 1.0)
    return [
        Mistake("the batch loss is the sum over the examples: it must be the MEAN (divide by N)",
                lambda got: _close(got, per_example.sum())),
        Mistake("the batch loss came back per example: return one number, the mean over the batch",
                lambda got: np.shape(got) == (n,)),
        Mistake("the loss is negative: cross-entropy is -log(p[y]), with a minus sign",
                lambda got: _close(got, -expected)),
        Mistake("probs[:, y_true] picks a whole (N, N) block: pick one entry per row with "
                "probs[np.arange(N), y_true]",
                lambda got: _close(got, np.mean(-np.log(clipped[:, labels])))),
        Mistake("the loss used the wrong class (off by one): labels are 0-based indices",
                lambda got: any(_close(got, _per_example_loss(probs, (labels + k) % c).mean())
                                for k in (-1, 1))),
    ]


@pytest.mark.points(2, problem="cross_entropy")
def test_cross_entropy_of_a_batch_is_the_mean_over_examples(student, reference, rng):
    """The loss of a batch (N, C) with labels (N,) is the mean of -log p[n, y_n]."""
    for n, c in [(4, 3), (5, 10), (3, 2), (8, 5)]:
        probs, labels = _random_batch(rng, n, c)
        expected = reference.cross_entropy_loss(probs, labels)
        expect_close(student.cross_entropy_loss(probs, labels), expected,
                     what=f"cross_entropy_loss(probs, y_true) for a batch of {n} examples",
                     inputs={"probs": probs, "y_true": labels},
                     mistakes=_batch_loss_mistakes(probs, labels, expected))


@pytest.mark.points(1, problem="cross_entropy")
def test_cross_entropy_clips_zero_probabilities_with_eps(student, reference):
    """Probabilities are clipped to [1e-15, 1]: a zero costs -log(1e-15), not infinity."""
    cases = [
        (np.array([1.0, 0.0, 0.0]), 1),
        (np.array([0.5, 0.5, 1e-20]), 2),
        (np.array([[0.0, 1.0], [0.25, 0.75]]), np.array([0, 1])),
        (np.array([0.0, 0.0, 1.0]), 2),
    ]
    for probs, y in cases:
        expected = reference.cross_entropy_loss(probs, y)
        if probs.ndim == 2:
            mistakes = _batch_loss_mistakes(probs, y, expected)
        else:
            mistakes = [Mistake("the loss is negative: cross-entropy is -log(p[y]), with a minus sign",
                                lambda got: _close(got, -expected))]
        mistakes += [
            Mistake("log(0) gave inf or nan: clip the probabilities to [1e-15, 1] before the log",
                    lambda got: not np.all(np.isfinite(as_numbers(got)))),
            Mistake("clip the probabilities to [eps, 1] with eps = 1e-15 (the value stated in the "
                    "docstring): a probability of 0, or below eps, costs -log(1e-15) = 34.54",
                    lambda got: bool(np.all(np.isfinite(as_numbers(got)))
                                     and np.all(as_numbers(got) > 0))),
        ]
        expect_close(student.cross_entropy_loss(probs, y), expected,
                     what="cross_entropy_loss with a zero probability", inputs={"probs": probs, "y_true": y},
                     mistakes=mistakes)


# ------------------------------------------------------------------ gradient
def _gradient_mistakes(probs, labels, expected, batch):
    c = probs.shape[-1]
    onehot = _onehot(labels, c)
    n = probs.shape[0] if batch else 1
    return [
        Mistake("the gradient is missing the one-hot subtraction: it is p - onehot(y), not p",
                lambda got: _close(got, probs) or _close(got, probs / n)),
        Mistake("the gradient has the wrong sign: it is p - onehot(y), not onehot(y) - p",
                lambda got: _close(got, -expected)),
        Mistake("the gradient subtracted 1 at the wrong class: labels are 0-based indices",
                lambda got: any(_close(got, (probs - _onehot((labels + k) % c, c)) / n) for k in (-1, 1))),
        Mistake("the batch gradient is not divided by N: the batch loss is a mean, so its gradient is "
                "(P - onehot(y)) / N",
                lambda got: batch and _close(got, probs - onehot)),
        Mistake("the gradient was divided by N for a single example (a 1-D probs): return p - onehot(y)",
                lambda got: not batch and _close(got, (probs - onehot) / c)),
    ]


@pytest.mark.points(1, problem="gradient")
def test_gradient_of_the_worked_example(student, reference):
    """The gradient for softmax([2.0, 1.0, 0.1]) with label 0 is p - onehot(0)."""
    probs = reference.softmax(WORKED_Z)
    expected = reference.softmax_ce_gradient(probs, WORKED_Y)
    expect_close(student.softmax_ce_gradient(probs, WORKED_Y), expected,
                 what="softmax_ce_gradient(softmax([2.0, 1.0, 0.1]), 0)", inputs={"probs": probs, "y_true": 0},
                 mistakes=_gradient_mistakes(probs, np.array(WORKED_Y), expected, batch=False))


@pytest.mark.points(2, problem="gradient")
def test_gradient_of_one_example_for_every_class_including_the_last(student, reference, rng):
    """For one example the gradient is p - onehot(y), for every label including the last class."""
    for c in [2, 4, 7]:
        probs, _ = _random_batch(rng, 1, c)
        probs = probs[0]
        for y in range(c):
            expected = reference.softmax_ce_gradient(probs, y)
            expect_close(student.softmax_ce_gradient(probs, y), expected,
                         what="softmax_ce_gradient(probs, y) for one example",
                         inputs={"probs": probs, "y_true": y},
                         mistakes=_gradient_mistakes(probs, np.array(y), expected, batch=False))


@pytest.mark.points(2, problem="gradient")
def test_gradient_of_a_batch_is_divided_by_n(student, reference, rng):
    """For a batch the gradient is (P - onehot(y)) / N, because the batch loss is a mean."""
    for n, c in [(4, 3), (5, 6), (3, 2), (10, 4)]:
        probs, labels = _random_batch(rng, n, c)
        expected = reference.softmax_ce_gradient(probs, labels)
        expect_close(student.softmax_ce_gradient(probs, labels), expected,
                     what=f"softmax_ce_gradient(probs, y_true) for a batch of {n} examples",
                     inputs={"probs": probs, "y_true": labels},
                     mistakes=_gradient_mistakes(probs, labels, expected, batch=True))
