"""Hidden tests: problem "gradient_check" (numerical_gradient and relative_error).

Contract (the notebook's docstrings): numerical_gradient(f, z, h=1e-5) returns an np.ndarray of z's
shape (z of any shape: 1-D, 2-D, 3-D ...) holding the central differences (f(z + h e_i) - f(z - h e_i))
/ (2h), with the h it is given (1e-5 by default); z is not modified (perturbed in place and put back
exactly counts as not modified). relative_error(a, b) = max_i |a_i - b_i| / max(|a_i| + |b_i|, 1e-8), the
floor applied entry by entry, for numbers or arrays; one number comes back; a and b are not modified.

Every known mistake is a re-enactment of the wrong computation on the test's own input.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true, expect_unchanged
from autograder.sandbox.values import remote_function


# Student and reference numerical gradients run the same arithmetic on the same function values, so
# they agree to a few ulps; the known mistakes (one-sided differences, drifting z, another step ...) are
# off by far more. 1e-7 separates the two with a wide margin on both sides.
GRAD_RTOL = 1e-7
GRAD_ATOL = 1e-9
DEFAULT_H = 1e-5
OTHER_STEPS = [1e-1, 1e-2, 1e-3, 1e-4, 2e-5, 5e-6, 1e-6, 1e-7, 1e-8, 1e-10]


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


# Functions sent to the student's numerical_gradient (re-defined in the worker: np only).
def coupled_smooth(z):
    """A smooth function of an array of any shape in which every entry is coupled to every other."""
    return float(np.sum(np.sin(z) * z ** 2) + np.exp(np.sum(z) / 4.0) + 0.5 * np.sum(z) ** 2)


def fast_wave(z):
    """A smooth function whose third derivative is large: its central difference depends on the step h
    (relative error about h^2 w^2 / 6 = 7e-7 for h = 1e-5, 7e-5 for h = 1e-4), so the step can be told."""
    return float(np.sum(np.sin(200.0 * z)) + 0.5 * np.sum(z ** 2))


def cross_entropy_of_logits(z):
    """Mean softmax cross-entropy of logits z (rows = examples); row n has label (C - 1 - n) mod C."""
    z2 = np.atleast_2d(z)
    shifted = z2 - np.max(z2, axis=1, keepdims=True)
    log_p = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    n, c = z2.shape
    labels = (c - 1 - np.arange(n)) % c
    return float(-np.mean(log_p[np.arange(n), labels]))


def _cross_entropy_labels(z):
    n, c = np.atleast_2d(z).shape
    labels = (c - 1 - np.arange(n)) % c
    return int(labels[0]) if np.ndim(z) == 1 else labels


FUNCTION_TEXT = {coupled_smooth: "sum(sin(z) z^2) + exp(sum(z)/4) + (sum z)^2 / 2",
                 fast_wave: "sum(sin(200 z)) + sum(z^2) / 2",
                 cross_entropy_of_logits: "the mean softmax cross-entropy of the logits z"}


# Local re-enactments of wrong numerical gradients, to name the mistake in the feedback.
def _central(f, z, h):
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        plus, minus = z.copy(), z.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (f(plus) - f(minus)) / (2 * h)
    return grad


def _one_sided(f, z, h, sign):
    """Forward (sign 1) or backward (sign -1) differences."""
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        moved = z.copy()
        moved[index] += sign * h
        grad[index] = sign * (f(moved) - f(z)) / h
    return grad


def _drifting_z(f, z, h):
    """z modified in place and never restored: z[i] += h; f; z[i] -= 2h; f (z ends h lower)."""
    z = z.copy()
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        z[index] += h
        f_plus = f(z)
        z[index] -= 2 * h
        grad[index] = (f_plus - f(z)) / (2 * h)
    return grad


def _whole_rows(f, z, h):
    """for i in range(len(z)): z[i] += h moves a whole row of a 2-D z at once."""
    grad = np.zeros_like(z)
    for i in range(len(z)):
        plus, minus = z.copy(), z.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / (2 * h)
    return grad


def _grad_same(got, value):
    return _same(got, value, rtol=GRAD_RTOL, atol=GRAD_ATOL)


def _numerical_gradient_mistakes(f, z, h, expected, given_h=True):
    z = np.asarray(z, dtype=float)
    known = [
        ("numerical-gradient-one-sided",
         "numerical_gradient used a one-sided difference (f(z + h e_i) - f(z)) / h: use the central difference "
         "(f(z + h e_i) - f(z - h e_i)) / (2h)",
         lambda: Variants((_one_sided(f, z, h, 1), _one_sided(f, z, h, -1)))),
        ("numerical-gradient-aliased-copy",
         "numerical_gradient gave half the gradient: z_plus = z does not copy, so both perturbations hit the same "
         "array; use z.copy() for each perturbed point",
         lambda: _one_sided(f, z, h, 1) / 2),
        ("numerical-gradient-drifting-z",
         "numerical_gradient modified z in place without restoring it, so later entries are evaluated at a shifted "
         "point: perturb copies of z (or put each entry back)",
         lambda: _drifting_z(f, z, h)),
        ("numerical-gradient-divided-by-h", "numerical_gradient divided by h instead of 2h (the central difference "
         "spans 2h)", lambda: 2 * expected),
        ("numerical-gradient-perturbs-all-entries",
         "numerical_gradient perturbed every entry at once (z + h): perturb one entry at a time, z + h e_i with e_i "
         "zero except at index i",
         lambda: np.full(z.shape, (f(z + h) - f(z - h)) / (2 * h))),
        ("numerical-gradient-whole-rows",
         "numerical_gradient perturbed a whole row of a 2-D z at once: perturb one entry at a time, for every index "
         "(for example with np.ndindex(z.shape))",
         lambda: _whole_rows(f, z, h)),
    ]
    if given_h:
        known.insert(0, ("numerical-gradient-ignores-h",
                         f"numerical_gradient ignored its argument h (called with h={h:g}): use the h it is given, "
                         "not a fixed step", lambda: _central(f, z, DEFAULT_H)))
    else:
        known.append(("numerical-gradient-wrong-default-h",
                      "numerical_gradient's default step is not h = 1e-5, the value the docstring states "
                      "(def numerical_gradient(f, z, h=1e-5))",
                      lambda: Variants(_central(f, z, step) for step in OTHER_STEPS)))
    return [
        Mistake("numerical_gradient returned a Python list: the docstring asks for an np.ndarray of z's shape",
                lambda got: isinstance(got, (list, tuple)) and _grad_same(got, expected), id="returns-list-not-ndarray"),
        Mistake(f"numerical_gradient came back flattened or reshaped: it has z's shape {z.shape}",
                lambda got: np.shape(got) != z.shape and np.size(got) == z.size
                and _grad_same(np.reshape(as_numbers(got), z.shape), expected), id="numerical-gradient-changed-shape"),
    ] + _telling(expected, known, same=_grad_same)


def _check_numerical_gradient(student, reference, f, z, seen, h=None, what=None):
    args = (remote_function(f), z) if h is None else (remote_function(f), z, h)
    expected = reference.numerical_gradient(f, z) if h is None else reference.numerical_gradient(f, z, h)
    got = student.numerical_gradient(*args)
    seen.append(student.last_call)
    inputs = {"f": FUNCTION_TEXT[f], "z": z} if h is None else {"f": FUNCTION_TEXT[f], "z": z, "h": h}
    expect_close(got, expected, rtol=GRAD_RTOL, atol=GRAD_ATOL, strict_type=True,
                 what=what or ("numerical_gradient(f, z) with the default h" if h is None
                               else f"numerical_gradient(f, z, h={h:g})"),
                 inputs=inputs,
                 mistakes=_numerical_gradient_mistakes(f, z, DEFAULT_H if h is None else h, expected,
                                                       given_h=h is not None))
    return got


def _not_modified(seen):
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(1, problem="gradient_check")
def test_numerical_gradient_matches_reference_on_a_smooth_function(student, reference, rng):
    """Central differences for a smooth function of a vector (one entry included), with the default h = 1e-5."""
    seen = []
    for size in [1, 3, 6]:
        _check_numerical_gradient(student, reference, coupled_smooth, rng.uniform(-2.0, 2.0, size=size), seen)
    _not_modified(seen)


@pytest.mark.points(2, problem="gradient_check")
def test_numerical_gradient_of_a_2d_or_3d_input_has_its_shape(student, reference, rng):
    """numerical_gradient works entry by entry for z of any shape (2-D, 3-D, one row) and returns z's shape."""
    seen = []
    for shape in [(2, 3), (3, 2), (4, 4), (1, 3), (2, 2, 2)]:
        z = rng.uniform(-1.5, 1.5, size=shape)
        _check_numerical_gradient(student, reference, coupled_smooth, z, seen,
                                  what=f"numerical_gradient(f, z) for z of shape {shape}")
    _not_modified(seen)


@pytest.mark.points(1, problem="gradient_check")
def test_numerical_gradient_uses_the_given_step_h(student, reference, rng):
    """numerical_gradient uses the step h it is given."""
    seen = []
    z = rng.uniform(-2.0, 2.0, size=4)
    for h in [1e-2, 1e-3]:
        _check_numerical_gradient(student, reference, coupled_smooth, z, seen, h=h)
    _not_modified(seen)


@pytest.mark.points(1, problem="gradient_check")
def test_numerical_gradient_default_step_is_1e_5(student, reference, rng):
    """Called without h, numerical_gradient uses h = 1e-5 (a function whose central difference depends on h)."""
    seen = []
    for shape in [(3,), (2, 2)]:
        _check_numerical_gradient(student, reference, fast_wave, rng.uniform(-1.0, 1.0, size=shape), seen,
                                  what="numerical_gradient(f, z) with the default h, for a fast-oscillating f")
    _not_modified(seen)


@pytest.mark.points(1, problem="gradient_check")
def test_numerical_gradient_confirms_the_softmax_ce_gradient(student, reference, rng):
    """Your numerical gradient of the softmax cross-entropy matches p - onehot(y) to a relative error below 1e-7."""
    seen = []
    for shape in [(3,), (5,), (4, 3), (2, 5), (1, 4)]:
        z = rng.normal(0.0, 1.0, size=shape)
        got = _check_numerical_gradient(student, reference, cross_entropy_of_logits, z, seen,
                                        what=f"numerical_gradient(loss, z) for logits of shape {shape}")
        analytic = reference.softmax_ce_gradient(reference.softmax(z), _cross_entropy_labels(z))
        error = reference.relative_error(as_numbers(got), analytic)
        expect_true(error < 1e-7,
                    f"the gradient check of the softmax cross-entropy failed for logits of shape {shape}: "
                    f"relative error {error:.2e} between numerical_gradient(loss, z) and p - onehot(y) "
                    "(divided by N for a batch) should be below 1e-7")
    _not_modified(seen)


# ------------------------------------------------------------------ relative_error
FLOOR = 1e-8


def _ratio_same(got, value):
    return _same(got, value, rtol=1e-6, atol=1e-12)


def _relative_error_mistakes(a, b, expected):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff = np.abs(a - b)
    total = np.abs(a) + np.abs(b)
    ratios = diff / np.maximum(total, FLOOR)
    known = [
        ("relative-error-no-floor",
         "relative_error has no floor in its denominator: 0/0 gives nan when both entries are 0, and tiny values are "
         "divided by less than 1e-8; use max(|a_i| + |b_i|, 1e-8)",
         lambda: np.max(diff / total)),
        ("relative-error-missing-abs", "relative_error is missing absolute values: use |a_i - b_i| / "
         "max(|a_i| + |b_i|, 1e-8)",
         lambda: Variants((np.max((a - b) / np.maximum(a + b, FLOOR)), np.max(diff / np.maximum(a + b, FLOOR)),
                           np.max((a - b) / np.maximum(total, FLOOR)),
                           np.max(np.abs((a - b) / np.maximum(a + b, FLOOR))),
                           np.max(diff / np.maximum(np.abs(a + b), FLOOR))))),
        ("relative-error-ratio-of-maxima",
         "relative_error divided the largest difference by the largest denominator: take the maximum of the "
         "element-wise ratio |a_i - b_i| / max(|a_i| + |b_i|, 1e-8)",
         lambda: np.max(diff) / max(np.max(total), FLOOR)),
        ("relative-error-norm-based",
         "relative_error compared whole vectors by their norms: it is the element-wise ratio |a_i - b_i| / "
         "max(|a_i| + |b_i|, 1e-8), maximised over i",
         lambda: np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), FLOOR)),
        ("relative-error-mean-not-max", "relative_error averaged the element-wise ratios: it is their maximum",
         lambda: np.mean(ratios)),
        ("relative-error-max-denominator",
         "relative_error used max(|a_i|, |b_i|) as the denominator: it is |a_i| + |b_i| (CS231n)",
         lambda: np.max(diff / np.maximum(np.maximum(np.abs(a), np.abs(b)), FLOOR))),
        ("relative-error-floor-added",
         "relative_error added 1e-8 to the denominator: the floor is a maximum, max(|a_i| + |b_i|, 1e-8), which "
         "differs from |a_i| + |b_i| + 1e-8 for tiny values",
         lambda: np.max(diff / (total + FLOOR))),
        ("relative-error-wrong-floor", "relative_error used another floor than 1e-8 in max(|a_i| + |b_i|, 1e-8)",
         lambda: Variants(np.max(diff / np.maximum(total, floor))
                          for floor in (1e-6, 1e-7, 1e-9, 1e-10, 1e-12, 1e-15, 1e-16, 1e-20))),
        ("relative-error-absolute-difference",
         "relative_error returned the absolute difference: divide |a_i - b_i| by max(|a_i| + |b_i|, 1e-8)",
         lambda: np.max(diff)),
    ]
    return [
        Mistake("relative_error returned the element-wise ratios: return one number, their maximum",
                lambda got: np.ndim(got) >= 1 and np.size(got) == ratios.size
                and _ratio_same(np.reshape(as_numbers(got), ratios.shape), ratios), id="relative-error-not-maximised"),
    ] + _telling(expected, known, same=_ratio_same)


def _check_relative_error(student, reference, a, b, what, seen):
    expected = reference.relative_error(a, b)
    got = student.relative_error(a, b)
    seen.append(student.last_call)
    expect_close(got, expected, what=what, inputs={"a": a, "b": b}, mistakes=_relative_error_mistakes(a, b, expected))


@pytest.mark.points(1, problem="gradient_check")
def test_relative_error_matches_reference_on_random_arrays(student, reference, rng):
    """relative_error = max_i |a_i - b_i| / max(|a_i| + |b_i|, 1e-8) on random arrays."""
    seen = []
    for shape in [(5,), (8,), (2, 3)]:
        a = rng.normal(0.0, 1.0, size=shape)
        for b in (rng.normal(0.0, 1.0, size=shape), a + rng.normal(0.0, 1e-6, size=shape), -a + 0.1):
            _check_relative_error(student, reference, a, b, "relative_error(a, b)", seen)
    _not_modified(seen)


@pytest.mark.points(1, problem="gradient_check")
def test_relative_error_edge_cases(student, reference):
    """relative_error on zeros, opposite vectors, tiny values, plain numbers and equal arrays."""
    seen = []
    cases = [
        (np.zeros(3), np.zeros(3), "two zero arrays (0 / max(0, 1e-8) = 0, not nan)"),
        (np.array([1.0, -2.0, 3.0]), np.array([-1.0, 2.0, -3.0]), "x and -x"),
        (np.array([1e-10, 0.0]), np.array([0.0, 0.0]), "tiny values (the floor 1e-8 applies)"),
        (1.0, 2.0, "two numbers"),
        (-3.0, 0.5, "two numbers of opposite signs"),
        (np.array([2.5, -1.0]), np.array([2.5, -1.0]), "equal arrays"),
        (np.array([0.0, 1.0]), np.array([0.0, 1.5]), "a zero entry in both beside a nonzero one"),
    ]
    for a, b, description in cases:
        _check_relative_error(student, reference, a, b, f"relative_error for {description}", seen)
    _not_modified(seen)


@pytest.mark.points(1, problem="gradient_check")
def test_relative_error_floor_boundary_and_scales(student, reference, rng):
    """The floor 1e-8 applies entry by entry, exactly up to |a_i| + |b_i| = 1e-8; tiny and huge scales."""
    seen = []
    cases = [
        (np.array([3e-9]), np.array([1e-9]), "|a| + |b| below the floor"),
        (np.array([5e-9]), np.array([-5e-9]), "|a| + |b| exactly at the floor"),
        (np.array([6e-9]), np.array([5e-9]), "|a| + |b| just above the floor"),
        (np.array([1.0, 3e-9]), np.array([1.0 + 1e-7, 1e-9]), "one entry under the floor, one above"),
        (np.array([2e-7, -4e-7]), np.array([2.2e-7, -4.1e-7]), "a tiny scale (above the floor)"),
    ]
    base = rng.normal(0.0, 1.0, size=5)
    noise = rng.normal(0.0, 1e-3, size=5)
    for scale in (1e-6, 1e8):
        cases.append((scale * base, scale * (base + noise), f"values of order {scale:g}"))
    for a, b, description in cases:
        _check_relative_error(student, reference, a, b, f"relative_error for {description}", seen)
    _not_modified(seen)
