"""Hidden tests: problem "gradient_check" (numerical_gradient and relative_error)."""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_equal, expect_true
from autograder.sandbox.values import remote_function


# Student and reference numerical gradients run the same arithmetic on the same function values, so
# they agree to a few ulps; the known mistakes (one-sided differences, drifting z, ...) are off by
# about h * f'' ~ 1e-5 relative. 1e-7 separates the two with a wide margin on both sides.
GRAD_RTOL = 1e-7
GRAD_ATOL = 1e-9


# Functions sent to the student's numerical_gradient (re-defined in the worker: np only).
def coupled_smooth(z):
    """A smooth function of an array of any shape in which every entry is coupled to every other."""
    return float(np.sum(np.sin(z) * z ** 2) + np.exp(np.sum(z) / 4.0) + 0.5 * np.sum(z) ** 2)


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


# Local re-enactments of wrong numerical gradients, to name the mistake in the feedback.
def _forward_difference(f, z, h):
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        plus = z.copy()
        plus[index] += h
        grad[index] = (f(plus) - f(z)) / h
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


def _numerical_gradient_mistakes(f, z, h, expected):
    def close(got, value):
        return np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-9)

    return [
        Mistake("numerical_gradient used a one-sided difference (f(z + h) - f(z)) / h: use the central "
                "difference (f(z + h e_i) - f(z - h e_i)) / (2h)",
                lambda got: close(got, _forward_difference(f, z, h))),
        Mistake("numerical_gradient gave half the gradient: z_plus = z does not copy, so both "
                "perturbations hit the same array; use z.copy() for each perturbed point",
                lambda got: close(got, _forward_difference(f, z, h) / 2)),
        Mistake("numerical_gradient modified z in place without restoring it, so later entries are "
                "evaluated at a shifted point: perturb copies of z (or restore each entry)",
                lambda got: close(got, _drifting_z(f, z, h))),
        Mistake("numerical_gradient divided by h instead of 2h (the central difference spans 2h)",
                lambda got: close(got, 2 * expected)),
        Mistake("numerical_gradient perturbed a whole row of a 2-D z at once: perturb one entry at a "
                "time, for every index (for example with np.ndindex(z.shape))",
                lambda got: np.ndim(z) == 2 and close(got, _whole_rows(f, z, h))),
    ]


@pytest.mark.points(2, problem="gradient_check")
def test_numerical_gradient_matches_reference_on_a_smooth_function(student, reference, rng):
    """Central differences for a smooth function of a vector, with the default h = 1e-5."""
    for size in [1, 3, 6]:
        z = rng.uniform(-2.0, 2.0, size=size)
        expected = reference.numerical_gradient(coupled_smooth, z)
        got = student.numerical_gradient(remote_function(coupled_smooth), z)
        expect_close(got, expected, rtol=GRAD_RTOL, atol=GRAD_ATOL,
                     what="numerical_gradient(f, z) with the default h",
                     inputs={"f": "sum(sin(z) z^2) + exp(sum(z)/4) + (sum z)^2 / 2", "z": z},
                     mistakes=_numerical_gradient_mistakes(coupled_smooth, z, 1e-5, expected))


@pytest.mark.points(2, problem="gradient_check")
def test_numerical_gradient_of_a_2d_input_has_its_shape(student, reference, rng):
    """numerical_gradient works entry by entry for a 2-D z and returns z's shape."""
    for shape in [(2, 3), (3, 2), (4, 4)]:
        z = rng.uniform(-1.5, 1.5, size=shape)
        expected = reference.numerical_gradient(coupled_smooth, z)
        got = student.numerical_gradient(remote_function(coupled_smooth), z)
        expect_close(got, expected, rtol=GRAD_RTOL, atol=GRAD_ATOL,
                     what=f"numerical_gradient(f, z) for z of shape {shape}",
                     inputs={"f": "sum(sin(z) z^2) + exp(sum(z)/4) + (sum z)^2 / 2", "z": z},
                     mistakes=_numerical_gradient_mistakes(coupled_smooth, z, 1e-5, expected))


@pytest.mark.points(1, problem="gradient_check")
def test_numerical_gradient_uses_the_given_step_h(student, reference, rng):
    """numerical_gradient uses the step h it is given."""
    z = rng.uniform(-2.0, 2.0, size=4)
    for h in [1e-2, 1e-3]:
        expected = reference.numerical_gradient(coupled_smooth, z, h)
        got = student.numerical_gradient(remote_function(coupled_smooth), z, h)
        mistakes = [Mistake(f"numerical_gradient ignored its argument h (called with h={h}): "
                            "use h, not a fixed step",
                            lambda got: np.allclose(got, reference.numerical_gradient(coupled_smooth, z),
                                                    rtol=1e-9))]
        mistakes += _numerical_gradient_mistakes(coupled_smooth, z, h, expected)
        expect_close(got, expected, rtol=GRAD_RTOL, atol=GRAD_ATOL,
                     what=f"numerical_gradient(f, z, h={h})", inputs={"z": z, "h": h},
                     mistakes=mistakes)


@pytest.mark.points(1, problem="gradient_check")
def test_numerical_gradient_confirms_the_softmax_ce_gradient(student, reference, rng):
    """Your numerical gradient of the softmax cross-entropy matches p - onehot(y) to a relative error below 1e-7."""
    for shape in [(3,), (5,), (4, 3), (2, 5)]:
        z = rng.normal(0.0, 1.0, size=shape)
        analytic = reference.softmax_ce_gradient(reference.softmax(z), _cross_entropy_labels(z))
        got = student.numerical_gradient(remote_function(cross_entropy_of_logits), z)
        try:
            numeric = as_numbers(got)
        except (TypeError, ValueError):
            numeric = None
        expect_true(numeric is not None, "numerical_gradient(loss, z) must return an array of floats, got "
                    f"{type(got).__name__}")
        expect_equal(numeric.shape, shape, what="shape of numerical_gradient(loss, z)")
        error = reference.relative_error(numeric, analytic)
        expect_true(error < 1e-7,
                    f"the gradient check of the softmax cross-entropy failed for logits of shape {shape}: "
                    f"relative error {error:.2e} between numerical_gradient(loss, z) and p - onehot(y) "
                    "(divided by N for a batch) should be below 1e-7; use central differences with "
                    "h = 1e-5 and perturb one entry of a copy of z at a time")


# ------------------------------------------------------------------ relative_error
def _relative_error_mistakes(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff = np.abs(a - b)
    floor = 1e-8

    def close(got, value):
        return np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-12)

    return [
        Mistake("relative_error is missing absolute values: use |a - b| / max(|a| + |b|, 1e-8)",
                lambda got: any(close(got, value) for value in (
                    np.max((a - b) / np.maximum(a + b, floor)),
                    np.max(diff / np.maximum(a + b, floor)),
                    np.max((a - b) / np.maximum(np.abs(a) + np.abs(b), floor)),
                    np.max(np.abs((a - b) / np.maximum(a + b, floor)))))),
        Mistake("relative_error divided the largest difference by the largest denominator: take the "
                "maximum of the element-wise ratio |a_i - b_i| / max(|a_i| + |b_i|, 1e-8)",
                lambda got: close(got, np.max(diff) / max(np.max(np.abs(a) + np.abs(b)), floor))),
        Mistake("relative_error averaged the element-wise ratios: it is their maximum",
                lambda got: close(got, np.mean(diff / np.maximum(np.abs(a) + np.abs(b), floor)))),
        Mistake("relative_error used max(|a|, |b|) as the denominator: it is |a| + |b| (CS231n)",
                lambda got: close(got, np.max(diff / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)))),
    ]


@pytest.mark.points(2, problem="gradient_check")
def test_relative_error_matches_reference_on_random_arrays(student, reference, rng):
    """relative_error = max_i |a_i - b_i| / max(|a_i| + |b_i|, 1e-8) on random arrays."""
    for shape in [(5,), (8,), (2, 3)]:
        a = rng.normal(0.0, 1.0, size=shape)
        for b in (rng.normal(0.0, 1.0, size=shape), a + rng.normal(0.0, 1e-6, size=shape), -a + 0.1):
            expect_close(student.relative_error(a, b), reference.relative_error(a, b),
                         what="relative_error(a, b)", inputs={"a": a, "b": b},
                         mistakes=_relative_error_mistakes(a, b))


@pytest.mark.points(1, problem="gradient_check")
def test_relative_error_edge_cases(student, reference):
    """relative_error on zeros, opposite vectors, tiny values and plain numbers."""
    cases = [
        (np.zeros(3), np.zeros(3), "two zero arrays (0 / max(0, 1e-8) = 0, not nan)"),
        (np.array([1.0, -2.0, 3.0]), np.array([-1.0, 2.0, -3.0]), "x and -x (the answer is 1)"),
        (np.array([1e-10, 0.0]), np.array([0.0, 0.0]), "tiny values (the floor 1e-8 applies)"),
        (1.0, 2.0, "two numbers"),
        (np.array([2.5, -1.0]), np.array([2.5, -1.0]), "equal arrays"),
    ]
    for a, b, description in cases:
        mistakes = [Mistake("relative_error returned nan: guard the denominator with "
                            "max(|a| + |b|, 1e-8)",
                            lambda got: np.isnan(as_numbers(got)).any())]
        mistakes += _relative_error_mistakes(a, b)
        expect_close(student.relative_error(a, b), reference.relative_error(a, b),
                     what=f"relative_error for {description}", inputs={"a": a, "b": b},
                     mistakes=mistakes)
