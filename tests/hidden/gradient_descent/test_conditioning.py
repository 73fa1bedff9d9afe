"""Hidden tests for problem `conditioning`: iterations to converge versus the condition number.

Contracts:
- iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000): with p_0 = start and
  p_{k+1} = p_k - lr * grad(p_k), the smallest k in 0..max_iter with ||grad(p_k)||_2 < tol, else -1.
- iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6): the same on x**2 + kappa y**2 with
  grad = (2x, 2 kappa y), lr = 1 / (2 kappa) and max_iter = 100_000.
Counts are integers and must match exactly. Random cases are drawn so that no gradient norm of the
reference run lies within a relative 1e-9 of tol (where rounding could decide the count).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_equal
from autograder.sandbox.values import remote_function

PROBLEM = "conditioning"

def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")



def grad_tilted_bowl(p):
    return np.array([3.0 * p[0] + p[1], p[0] + 2.0 * p[1]])


def grad_three_d(p):
    return np.array([2.0 * p[0], 6.0 * p[1], 0.5 * p[2]])


def _norms(grad, start, lr, count):
    """Gradient norms of the first `count` + 1 iterates (here in the grader)."""
    p = np.asarray(start, dtype=float)
    norms = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(count + 1):
            g = grad(p)
            norms.append(float(np.linalg.norm(g)))
            p = p - lr * g
    return np.array(norms)


def _robust(grad, start, lr, tol, count):
    """True when no norm up to the stopping step is within a relative 1e-9 of tol."""
    norms = _norms(grad, start, lr, count)
    return not np.any(np.abs(norms - tol) <= 1e-9 * tol)


def _count_mistakes(expected, max_iter):
    return [
        Mistake("the count is one too high: k is the number of updates made before the test passes "
                "(0 when the start already passes; check the gradient before each update)",
                lambda got: expected >= 0 and got == expected + 1),
        Mistake("the count is one too low: k is the number of updates made before ||grad|| < tol holds; "
                "check the gradient at p_k before updating",
                lambda got: expected >= 0 and got == expected - 1),
        Mistake("return -1 when the tolerance is never reached within max_iter updates (not max_iter)",
                lambda got: expected == -1 and got == max_iter),
        Mistake("the run reaches the tolerance after exactly max_iter updates: the test must also be "
                "applied at k = max_iter (max_iter + 1 checks in all)",
                lambda got: expected == max_iter and got == -1),
        Mistake("iterations_to_converge must return an int (a count, or -1)",
                lambda got: not isinstance(got, (int, np.integer)) or isinstance(got, bool)),
    ]


def _check_count(student, grad, start, lr, tol, max_iter, reference, what=None):
    expected = reference.iterations_to_converge(grad, start, lr, tol, max_iter)
    got = student.iterations_to_converge(remote_function(grad), start, lr, tol, max_iter)
    expect_equal(got, expected, what=what or "iterations_to_converge(grad, start, lr, tol, max_iter)",
                 inputs={"grad": grad.__name__, "start": start, "lr": lr, "tol": tol, "max_iter": max_iter},
                 mistakes=_count_mistakes(expected, max_iter))


@pytest.mark.points(2, problem=PROBLEM)
def test_iterations_to_converge_on_random_quadratics(student, reference, rng):
    """Counts on random bowls (2-D and 3-D), starts, rates and tolerances match exactly."""
    settings = [(reference.grad_ill, 2, (0.005, 0.09)), (grad_tilted_bowl, 2, (0.05, 0.5)),
                (grad_three_d, 3, (0.05, 0.3))]
    done = 0
    while done < 8:
        grad, dim, (low, high) = settings[done % 3]
        start = rng.uniform(-3.0, 3.0, size=dim)
        lr = float(rng.uniform(low, high))
        tol = float(10.0 ** rng.uniform(-8, -2))
        expected = reference.iterations_to_converge(grad, start, lr, tol, 10_000)
        if expected < 1 or not _robust(grad, start, lr, tol, expected):
            continue  # draw again: a count decided by rounding would not be fair
        _check_count(student, grad, start, lr, tol, 10_000, reference)
        done += 1


@pytest.mark.points(1, problem=PROBLEM)
def test_iterations_to_converge_is_zero_at_the_minimum_and_minus_one_without_convergence(student, reference):
    """0 when the start already passes the test; -1 when the run stops short, oscillates or diverges."""
    _check_count(student, reference.grad_ill, (0.0, 0.0), 0.01, 1e-6, 10_000, reference,
                 what="iterations_to_converge starting at the minimum")
    _check_count(student, grad_tilted_bowl, (1e-9, -1e-9), 0.1, 1e-6, 50, reference,
                 what="iterations_to_converge starting where the gradient is already below tol")
    _check_count(student, reference.grad_ill, (1.0, 1.0), 0.01, 1e-6, 5, reference,
                 what="iterations_to_converge with too few iterations allowed")
    _check_count(student, reference.grad_ill, (1.0, 1.0), 0.2, 1e-6, 2_000, reference,
                 what="iterations_to_converge on a diverging run (lr * 20 > 2)")
    _check_count(student, reference.grad_ill, (1.0, 1.0), 0.1, 1e-6, 2_000, reference,
                 what="iterations_to_converge on a run that oscillates forever (lr * 20 = 2)")


@pytest.mark.points(1, problem=PROBLEM)
def test_a_run_needing_exactly_max_iter_updates_counts_max_iter(student, reference):
    """The test is applied after the last allowed update too (k = max_iter)."""
    needed = reference.iterations_to_converge(reference.grad_ill, (1.0, 1.0), 0.01, 1e-6, 10_000)
    _suite_check(needed > 1, "the exact-max_iter case needs a run of several updates")
    for max_iter in (needed, needed - 1, needed + 1):
        _check_count(student, reference.grad_ill, (1.0, 1.0), 0.01, 1e-6, max_iter, reference,
                     what=f"iterations_to_converge with max_iter = {max_iter} (the run needs {needed})")


def _kappa_mistakes(kappa, start, tol, expected):
    def count(lr):
        return reference_count(kappa, start, tol, lr)

    return _count_mistakes(expected, 100_000)[:2] + [
        Mistake("the step must be lr = 1 / L with L = 2 * kappa, the largest eigenvalue of the Hessian "
                "diag(2, 2 kappa), not 1 / kappa", lambda got: got == count(1.0 / kappa)),
        Mistake("f(x, y) = x^2 + kappa y^2 has the gradient (2x, 2 kappa y)",
                lambda got: got == reference_count(kappa, start, tol, 1.0 / (2.0 * kappa), factor=1.0)),
    ]


def reference_count(kappa, start, tol, lr, factor=2.0):
    p = np.asarray(start, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(100_001):
            g = np.array([2.0 * p[0], factor * kappa * p[1]])
            if np.linalg.norm(g) < tol:
                return k
            p = p - lr * g
    return -1


def _check_kappa(student, reference, kappa, start, tol):
    expected = reference.iterations_for_kappa(kappa, start, tol)
    got = student.iterations_for_kappa(kappa, start, tol)
    expect_equal(got, expected, what="iterations_for_kappa(kappa, start, tol)",
                 inputs={"kappa": kappa, "start": start, "tol": tol},
                 mistakes=_kappa_mistakes(kappa, start, tol, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_round_bowl_needs_1_iteration_and_kappa_100_needs_1444(student, reference):
    """The worked example: kappa = 1, 10, 100 from (1, 1) need 1, 138 and 1444 iterations."""
    for kappa, count in [(1, 1), (100, 1444), (10, 138)]:
        _suite_check(reference.iterations_for_kappa(kappa) == count, f"reference count for kappa={kappa}")
        got = student.iterations_for_kappa(kappa)
        expect_equal(got, count, what="iterations_for_kappa(kappa) from (1, 1) with tol 1e-6",
                     inputs={"kappa": kappa},
                     mistakes=_kappa_mistakes(kappa, (1.0, 1.0), 1e-6, count))


@pytest.mark.points(2, problem=PROBLEM)
def test_iterations_for_random_condition_numbers_and_starts(student, reference, rng):
    """iterations_for_kappa matches on random condition numbers, starts and tolerances."""
    done = 0
    while done < 6:
        kappa = float(rng.uniform(1.0, 150.0))
        start = tuple(float(v) for v in rng.uniform(-3.0, 3.0, size=2))
        tol = float(10.0 ** rng.uniform(-8, -3))

        def grad(p, kappa=kappa):
            return np.array([2.0 * p[0], 2.0 * kappa * p[1]])

        expected = reference.iterations_for_kappa(kappa, start, tol)
        if expected < 1 or not _robust(grad, start, 1.0 / (2.0 * kappa), tol, expected):
            continue
        _check_kappa(student, reference, kappa, start, tol)
        done += 1
