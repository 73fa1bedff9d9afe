"""Hidden tests: problems "softmax" and "log_softmax" (stable, along the last axis)."""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close


HUGE_LOGITS = [
    np.array([1000.0, 2000.0, 3000.0]),
    np.array([-1000.0, -2000.0, -3000.0]),
    np.array([800.0, 800.0, -800.0, 0.0]),
    np.array([1e5, 1e5 + 1.0, 1e5 - 1.0]),
]


def _naive_softmax(z, axis=-1):
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def _softmax_along(z, axis):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def _has_nan_or_inf(got):
    return not np.all(np.isfinite(as_numbers(got)))


NO_MAX_SHIFT = Mistake(
    "softmax overflows or divides 0 by 0 for large logits: subtract the maximum of each row "
    "before np.exp (z - np.max(z, axis=-1, keepdims=True))",
    _has_nan_or_inf)


def _wrong_axis_mistakes(z, reference):
    """Known ways a batch softmax goes wrong, as Mistakes for a batch z of shape (N, C)."""
    return [
        NO_MAX_SHIFT,
        Mistake("softmax normalised the columns (axis 0) instead of each row: for a batch (N, C) "
                "use axis=-1 with keepdims=True",
                lambda got: np.allclose(got, _softmax_along(z, 0), rtol=1e-6)),
        Mistake("softmax divided by the sum over the whole batch: each row must sum to 1 on its own "
                "(np.sum(..., axis=-1, keepdims=True))",
                lambda got: np.allclose(got, reference / z.shape[0], rtol=1e-6)),
        Mistake("the rows of softmax(z) do not sum to 1: normalise along the last axis",
                lambda got: not np.allclose(np.sum(got, axis=-1), 1.0)),
    ]


# ------------------------------------------------------------------ softmax
@pytest.mark.points(2, problem="softmax")
def test_softmax_matches_reference_on_random_vectors(student, reference, rng):
    """softmax of random vectors (and of the worked example [2.0, 1.0, 0.1])."""
    for size in [2, 3, 5, 10, 1]:
        for _ in range(4):
            z = rng.normal(0.0, 3.0, size=size)
            expected = reference.softmax(z)
            expect_close(student.softmax(z), expected, what="softmax(z) for a vector", inputs={"z": z},
                         mistakes=[NO_MAX_SHIFT,
                                   Mistake("softmax(z) does not sum to 1: divide by the sum of the "
                                           "exponentials", lambda got: abs(np.sum(got) - 1) > 1e-6)])
    z = np.array([2.0, 1.0, 0.1])
    expect_close(student.softmax(z), reference.softmax(z), what="softmax of the worked example",
                 inputs={"z": z})


@pytest.mark.points(2, problem="softmax")
def test_softmax_of_huge_logits_has_no_overflow(student, reference):
    """softmax of logits like [1000, 2000, 3000] gives no nan or inf."""
    for z in HUGE_LOGITS:
        expect_close(student.softmax(z), reference.softmax(z), what="softmax(z) for huge logits",
                     inputs={"z": z}, mistakes=[NO_MAX_SHIFT])


@pytest.mark.points(2, problem="softmax")
def test_softmax_normalises_each_row_of_a_batch(student, reference, rng):
    """For a batch (N, C) every row is a separate softmax."""
    for shape in [(4, 3), (2, 5), (6, 4), (1, 3), (3, 3)]:
        z = rng.normal(0.0, 2.0, size=shape)
        expected = reference.softmax(z)
        expect_close(student.softmax(z), expected, what=f"softmax(z) for a batch of shape {shape}",
                     inputs={"z": z}, mistakes=_wrong_axis_mistakes(z, expected))


@pytest.mark.points(1, problem="softmax")
def test_softmax_shifts_each_row_by_its_own_maximum(student, reference):
    """Rows of very different scale in one batch are each handled stably."""
    z = np.array([[0.0, 1.0, 2.0],
                  [1000.0, 1001.0, 1002.0],
                  [-1000.0, -999.0, -1001.0]])
    expected = reference.softmax(z)
    mistakes = [
        Mistake("softmax shifted the whole batch by one global maximum: rows far below it underflow "
                "to 0/0; shift each row by its own maximum (np.max(z, axis=-1, keepdims=True))",
                lambda got: np.allclose(as_numbers(got)[1], expected[1])
                and not np.allclose(as_numbers(got)[0], expected[0])),
    ] + _wrong_axis_mistakes(z, expected)
    expect_close(student.softmax(z), expected, what="softmax(z) for rows of very different scales",
                 inputs={"z": z}, mistakes=mistakes)


@pytest.mark.points(1, problem="softmax")
def test_softmax_is_invariant_to_adding_a_constant(student, reference, rng):
    """softmax(z + c) equals softmax(z)."""
    for _ in range(5):
        z = rng.normal(0.0, 2.0, size=4)
        shift = float(rng.uniform(-50.0, 50.0))
        expect_close(student.softmax(z + shift), reference.softmax(z), what="softmax(z + c)",
                     inputs={"z": z, "c": shift}, mistakes=[NO_MAX_SHIFT])


# ------------------------------------------------------------------ log_softmax
LOG_OF_SOFTMAX = Mistake(
    "log_softmax returned -inf (or nan): np.log(softmax(z)) takes log(0) when a probability "
    "underflows; compute (z - m) - log(sum(exp(z - m))) with m the row maximum",
    _has_nan_or_inf)


@pytest.mark.points(2, problem="log_softmax")
def test_log_softmax_matches_reference_on_random_vectors_and_batches(student, reference, rng):
    """log_softmax of random vectors and batches, along the last axis."""
    for shape in [(3,), (5,), (1,), (4, 3), (2, 6)]:
        z = rng.normal(0.0, 3.0, size=shape)
        expected = reference.log_softmax(z)
        mistakes = [
            LOG_OF_SOFTMAX,
            Mistake("log_softmax returned the softmax probabilities, not their logarithm",
                    lambda got: np.allclose(got, np.exp(expected))),
            Mistake("log_softmax is missing the log-sum-exp term: subtract log(sum(exp(z - m)))",
                    lambda got: np.allclose(got, z - np.max(z, axis=-1, keepdims=True))),
        ]
        if z.ndim == 2:
            mistakes.append(Mistake(
                "log_softmax normalised over the wrong axis: for a batch (N, C) reduce over the last "
                "axis (axis=-1, keepdims=True)",
                lambda got: np.allclose(got, np.log(_softmax_along(z, 0)))))
        expect_close(student.log_softmax(z), expected, what=f"log_softmax(z) for shape {shape}",
                     inputs={"z": z}, mistakes=mistakes)


@pytest.mark.points(2, problem="log_softmax")
def test_log_softmax_is_finite_for_large_magnitudes(student, reference):
    """log_softmax stays finite for large logits, e.g. [1000, 2000, 3000] -> [-2000, -1000, 0]."""
    cases = HUGE_LOGITS + [
        np.array([0.0, 1000.0]),
        np.array([[0.0, 1000.0, -1000.0], [-500.0, 500.0, 0.0]]),
    ]
    for z in cases:
        expect_close(student.log_softmax(z), reference.log_softmax(z),
                     what="log_softmax(z) for large magnitudes", inputs={"z": z},
                     mistakes=[LOG_OF_SOFTMAX])
