"""Hidden tests: problems "softmax" and "log_softmax" (stable, along the last axis).

Contract (the notebook's docstrings): z is a float np.ndarray of shape (C,) or (N, C), N >= 1, C >= 1,
and is not modified; the result is an np.ndarray (not a list) of z's shape. softmax: entries in
[0, 1] summing to 1 along the last axis, each row shifted by its own maximum, so logits like +-1000
give no inf, no nan and no RuntimeWarning. log_softmax: (z - m) - log(sum(exp(z - m))) per row,
finite for any finite z (no warning either), even where softmax underflows to 0.

Every known mistake below is a re-enactment of the wrong computation on the test's own input, so a
mistake is named only when the student's values are exactly what that mistake produces.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_no_warnings, expect_unchanged


HUGE_LOGITS = [
    np.array([1000.0, 2000.0, 3000.0]),
    np.array([-1000.0, -2000.0, -3000.0]),
    np.array([800.0, 800.0, -800.0, 0.0]),
    np.array([1e5, 1e5 + 1.0, 1e5 - 1.0]),
    np.array([1000.0]),
    np.array([-1000.0]),
]
# Rows of very different scales in one batch: a shift by one global maximum underflows the low rows.
MIXED_SCALES = np.array([[0.0, 1.0, 2.0],
                         [1000.0, 1002.5, 1001.0],
                         [-1000.0, -999.5, -1003.0]])
NO_WARNING_WHY = ("shift each row by its own maximum before np.exp, so that no exponential overflows "
                  "and no 0/0 happens (the docstring asks for no overflow warning)")


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


def _shifted(z, axis=-1):
    return z - np.max(z, axis=axis, keepdims=True)


def _ratio(numerators, axis=-1, keepdims=True):
    return numerators / np.sum(numerators, axis=axis, keepdims=keepdims)


# ------------------------------------------------------------------ mistakes shared by both functions
def _type_and_shape_mistakes(z, expected, name):
    return [
        Mistake(f"{name} returned a Python list: the docstring asks for an np.ndarray (np.array(...) "
                "around the result, or compute with NumPy arrays throughout)",
                lambda got: isinstance(got, (list, tuple)) and _same(got, expected), id="returns-list-not-ndarray"),
        Mistake(f"{name} changed the shape: for z of shape {z.shape} the result has z's shape (a vector stays a "
                "vector; reshape back after np.atleast_2d, and do not squeeze a batch of one)",
                lambda got: np.shape(got) != z.shape and np.size(got) == z.size
                and _same(np.reshape(as_numbers(got), z.shape), expected), id=f"{name.replace('_', '-')}-changed-shape"),
    ]


# ------------------------------------------------------------------ softmax
def _softmax_mistakes(z, expected):
    z = np.asarray(z, dtype=float)
    known = [
        ("softmax-no-max-shift",
         "softmax overflows (or divides 0 by 0) for large logits: subtract the maximum of each row before np.exp "
         "(z - np.max(z, axis=-1, keepdims=True))",
         lambda: _ratio(np.exp(z))),
        ("softmax-not-normalised", "softmax is not normalised: divide the exponentials by their sum along the last axis",
         lambda: Variants((np.exp(_shifted(z)), np.exp(z)))),
        ("softmax-missing-exp",
         "softmax is missing the exponential: it is exp(z_i - m) / sum_j exp(z_j - m), not a ratio of the logits",
         lambda: Variants((_ratio(_shifted(z)), _ratio(z)))),
        ("softmax-wrong-shift",
         "softmax shifted the logits by their minimum or their mean: only the maximum makes the largest exponent "
         "exp(0) = 1, so that nothing overflows; subtract np.max(z, axis=-1, keepdims=True)",
         lambda: Variants((_ratio(np.exp(z - np.min(z, axis=-1, keepdims=True))),
                           _ratio(np.exp(z - np.mean(z, axis=-1, keepdims=True)))))),
        ("softmax-wrong-axis",
         "softmax normalised the columns (axis 0) instead of each row: for a batch (N, C) use axis=-1 with "
         "keepdims=True",
         lambda: Variants((_ratio(np.exp(_shifted(z, 0)), axis=0), _ratio(np.exp(_shifted(z)), axis=0)))),
        ("softmax-whole-batch-sum",
         "softmax divided by the sum over the whole batch: each row must sum to 1 on its own "
         "(np.sum(..., axis=-1, keepdims=True))",
         lambda: Variants((np.exp(_shifted(z)) / np.sum(np.exp(_shifted(z))),
                           np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)))))),
        ("softmax-global-max-shift",
         "softmax shifted the whole batch by one global maximum: rows far below it underflow to 0/0; shift each row "
         "by its own maximum (np.max(z, axis=-1, keepdims=True))",
         lambda: _ratio(np.exp(z - np.max(z)))),
        ("softmax-missing-keepdims",
         "softmax reduced without keepdims=True: np.max / np.sum(..., axis=-1) give an (N,) vector that broadcasts "
         "across the columns of an (N, N) batch; pass keepdims=True",
         lambda: Variants((_ratio(np.exp(z - np.max(z, axis=-1)), keepdims=False),
                           _ratio(np.exp(_shifted(z)), keepdims=False)))),
    ]
    return _type_and_shape_mistakes(z, expected, "softmax") + _telling(expected, known)


def _check_softmax(student, reference, z, what, effects_seen):
    expected = reference.softmax(z)
    got = student.softmax(z)
    effects_seen.append(student.last_call)
    expect_close(got, expected, what=what, inputs={"z": z}, strict_type=True, mistakes=_softmax_mistakes(z, expected))


def _no_side_effects(effects_seen, warnings_too=False):
    for effects in effects_seen:
        expect_unchanged(effects)
    if warnings_too:
        for effects in effects_seen:
            expect_no_warnings(effects, category="RuntimeWarning", why=NO_WARNING_WHY)


@pytest.mark.points(2, problem="softmax")
def test_softmax_matches_reference_on_random_vectors(student, reference, rng):
    """softmax of random vectors of 1 to 10 classes (and of the worked example [2.0, 1.0, 0.1])."""
    seen = []
    for size in [2, 3, 5, 10, 1]:
        for _ in range(3):
            _check_softmax(student, reference, rng.normal(0.0, 3.0, size=size), "softmax(z) for a vector", seen)
    _check_softmax(student, reference, np.array([2.0, 1.0, 0.1]), "softmax of the worked example", seen)
    _no_side_effects(seen)


@pytest.mark.points(2, problem="softmax")
def test_softmax_of_huge_logits_has_no_overflow(student, reference):
    """softmax of logits like [1000, 2000, 3000] or [-1000, -2000, -3000]: no nan, no inf, no warning."""
    seen = []
    for z in HUGE_LOGITS:
        _check_softmax(student, reference, z, "softmax(z) for huge logits", seen)
    _no_side_effects(seen, warnings_too=True)


@pytest.mark.points(2, problem="softmax")
def test_softmax_normalises_each_row_of_a_batch(student, reference, rng):
    """For a batch (N, C) every row is a separate softmax, including a batch of one."""
    seen = []
    for shape in [(4, 3), (2, 5), (6, 4), (3, 3), (1, 3), (1, 1), (5, 1)]:
        z = rng.normal(0.0, 2.0, size=shape)
        _check_softmax(student, reference, z, f"softmax(z) for a batch of shape {shape}", seen)
    _no_side_effects(seen)


@pytest.mark.points(1, problem="softmax")
def test_softmax_shifts_each_row_by_its_own_maximum(student, reference):
    """Rows of very different scales in one batch are each handled stably."""
    seen = []
    for z in (MIXED_SCALES, MIXED_SCALES[::-1].copy(), MIXED_SCALES[:2] - 500.0):
        _check_softmax(student, reference, z, "softmax(z) for rows of very different scales", seen)
    _no_side_effects(seen, warnings_too=True)


@pytest.mark.points(1, problem="softmax")
def test_softmax_is_invariant_to_adding_a_constant(student, reference, rng):
    """softmax(z + c) equals softmax(z)."""
    seen = []
    for _ in range(5):
        z = rng.normal(0.0, 2.0, size=4)
        shift = float(rng.uniform(-50.0, 50.0))
        _check_softmax(student, reference, z + shift, "softmax(z + c)", seen)
    _no_side_effects(seen)


# ------------------------------------------------------------------ log_softmax
def _log_sum_exp(values, axis=-1, keepdims=True, log=np.log):
    return log(np.sum(np.exp(values), axis=axis, keepdims=keepdims))


def _log_softmax_mistakes(z, expected):
    z = np.asarray(z, dtype=float)
    known = [
        ("log-softmax-as-log-of-softmax",
         "log_softmax took np.log of the probabilities: where a probability underflows to 0 that gives -inf (or nan); "
         "compute (z - m) - log(sum(exp(z - m))) with m the row maximum instead",
         lambda: Variants((np.log(_ratio(np.exp(_shifted(z)))), np.log(_ratio(np.exp(z)))))),
        ("log-softmax-no-max-shift",
         "log_softmax computed z - log(sum(exp(z))) without the shift: exp overflows (or every term underflows) for "
         "large logits; subtract the row maximum m first: (z - m) - log(sum(exp(z - m)))",
         lambda: z - _log_sum_exp(z)),
        ("log-softmax-returned-probabilities", "log_softmax returned the softmax probabilities, not their logarithm",
         lambda: np.exp(expected)),
        ("log-softmax-missing-log-sum-exp", "log_softmax is missing the log-sum-exp term: subtract log(sum(exp(z - m)))",
         lambda: _shifted(z)),
        ("log-softmax-max-not-subtracted",
         "log_softmax subtracted the maximum m inside the exponential but not from z itself: it is "
         "(z - m) - log(sum(exp(z - m)))",
         lambda: z - _log_sum_exp(_shifted(z))),
        ("log-softmax-whole-batch-sum",
         "log_softmax summed the exponentials over the whole batch: each row has its own log-sum-exp "
         "(np.sum(..., axis=-1, keepdims=True))",
         lambda: Variants(((z - np.max(z)) - np.log(np.sum(np.exp(z - np.max(z)))),
                           _shifted(z) - np.log(np.sum(np.exp(_shifted(z))))))),
        ("log-softmax-wrong-sign",
         "log_softmax has the wrong sign: it is (z - m) - log(sum(exp(z - m))), all entries <= 0",
         lambda: -expected),
        ("log-softmax-log-wrong-base",
         "log_softmax used a base-10 or base-2 logarithm for the log-sum-exp term: use the natural log (np.log)",
         lambda: Variants((_shifted(z) - _log_sum_exp(_shifted(z), log=np.log10),
                           _shifted(z) - _log_sum_exp(_shifted(z), log=np.log2)))),
        ("log-softmax-wrong-axis",
         "log_softmax normalised over the wrong axis: for a batch (N, C) reduce over the last axis "
         "(axis=-1, keepdims=True)",
         lambda: _shifted(z, 0) - _log_sum_exp(_shifted(z, 0), axis=0)),
        ("log-softmax-global-max-shift",
         "log_softmax shifted the whole batch by one global maximum: rows far below it underflow and give -inf; use "
         "each row's own maximum (np.max(z, axis=-1, keepdims=True))",
         lambda: (z - np.max(z)) - _log_sum_exp(z - np.max(z))),
        ("log-softmax-missing-keepdims",
         "log_softmax reduced without keepdims=True: the (N,) row results broadcast across the columns of an (N, N) "
         "batch; pass keepdims=True",
         lambda: Variants(((z - np.max(z, axis=-1)) - _log_sum_exp(z - np.max(z, axis=-1), keepdims=False),
                           _shifted(z) - _log_sum_exp(_shifted(z), keepdims=False)))),
    ]
    return _type_and_shape_mistakes(z, expected, "log_softmax") + _telling(expected, known)


def _check_log_softmax(student, reference, z, what, effects_seen):
    expected = reference.log_softmax(z)
    got = student.log_softmax(z)
    effects_seen.append(student.last_call)
    expect_close(got, expected, what=what, inputs={"z": z}, strict_type=True,
                 mistakes=_log_softmax_mistakes(z, expected))


@pytest.mark.points(1, problem="log_softmax")
def test_log_softmax_matches_reference_on_random_vectors_and_batches(student, reference, rng):
    """log_softmax of random vectors and batches (a batch of one included), along the last axis."""
    seen = []
    for shape in [(3,), (5,), (1,), (4, 3), (2, 6), (3, 3), (1, 4), (1, 1)]:
        z = rng.normal(0.0, 3.0, size=shape)
        _check_log_softmax(student, reference, z, f"log_softmax(z) for shape {shape}", seen)
    _no_side_effects(seen)


@pytest.mark.points(2, problem="log_softmax")
def test_log_softmax_is_finite_for_large_magnitudes(student, reference):
    """log_softmax stays finite, without warnings, for logits like [1000, 2000, 3000] -> [-2000, -1000, 0]."""
    seen = []
    for z in HUGE_LOGITS + [np.array([0.0, 1000.0]), np.array([[0.0, 1000.0, -1000.0], [-500.0, 500.0, 0.0]])]:
        _check_log_softmax(student, reference, z, "log_softmax(z) for large magnitudes", seen)
    _no_side_effects(seen, warnings_too=True)


@pytest.mark.points(1, problem="log_softmax")
def test_log_softmax_shifts_each_row_by_its_own_maximum(student, reference):
    """Rows of very different scales in one batch each stay finite."""
    seen = []
    for z in (MIXED_SCALES, MIXED_SCALES[::-1].copy()):
        _check_log_softmax(student, reference, z, "log_softmax(z) for rows of very different scales", seen)
    _no_side_effects(seen, warnings_too=True)
