"""Hidden tests for problem `ill_conditioned`: gradient descent on f(x, y) = x**2 + 10 y**2.

Contracts:
- grad_ill(p) = array([2x, 20y]) for a point p = (x, y).
- gd_path(grad, start, lr, steps): float array of shape (steps + 1, 2), row 0 = start,
  row k + 1 = row k - lr * grad(row k); diverging runs give inf/nan, never an exception.
  The gradient is passed with `remote_function`, so the path is graded on its own.
- classify_lr(lr, curvatures=(2.0, 20.0)): with L = max(curvatures), "converges" if lr*L < 2,
  "oscillates" if lr*L == 2 (|lr*L - 2| <= 1e-9), "diverges" if lr*L > 2. The tests keep lr*L at
  least 1e-6 away from 2 unless the product is exactly 2 in floating point.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close, expect_equal
from autograder.sandbox.values import remote_function

PROBLEM = "ill_conditioned"

def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")



def grad_tilted_bowl(p):
    return np.array([3.0 * p[0] + p[1], p[0] + 2.0 * p[1]])


def _path(grad, start, lr, steps, sign=-1.0):
    path = np.empty((steps + 1, len(start)))
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            path[k + 1] = path[k] + sign * lr * grad(path[k])
    return path


def _path_mistakes(grad, start, lr, steps):
    right = _path(grad, start, lr, steps)
    return [
        Mistake("every row of the path is the same array object: updating p in place (p -= ...) and "
                "appending p stores one array many times; append p.copy() or write into a "
                "preallocated (steps + 1, 2) array",
                lambda got: steps > 0 and np.shape(got) == right.shape
                and np.allclose(np.asarray(got, dtype=float), right[-1], equal_nan=True)),
        Mistake("the update goes uphill: gradient descent subtracts, p <- p - lr * grad(p)",
                lambda got: steps > 0 and np.allclose(got, _path(grad, start, lr, steps, sign=1.0))),
        Mistake("the path misses its first row: row 0 must be the start, followed by one row per "
                "update (steps + 1 rows)", lambda got: steps > 0 and np.allclose(got, right[1:])),
        Mistake("the path misses the last update: steps updates give steps + 1 rows",
                lambda got: steps > 0 and np.allclose(got, right[:-1])),
        Mistake("the path is transposed: expected shape (steps + 1, 2), one row per point",
                lambda got: np.shape(got) == right.T.shape and np.allclose(np.transpose(got), right)),
        Mistake("the path stops early: a diverging run must still return steps + 1 rows "
                "(inf/nan are fine)", lambda got: len(got) < steps + 1 and not np.isfinite(right).all()),
    ]


def _check_path(student, grad, start, lr, steps, what="gd_path(grad, start, lr, steps)"):
    got = student.gd_path(remote_function(grad), start, lr, steps)
    expect_close(got, _path(grad, start, lr, steps), what=what,
                 inputs={"start": start, "lr": lr, "steps": steps, "grad": grad.__name__},
                 mistakes=_path_mistakes(grad, start, lr, steps))


@pytest.mark.points(1, problem=PROBLEM)
def test_grad_ill_matches_2x_20y_on_random_points(student, reference, rng):
    """grad_ill(p) = (2x, 20y) on random points."""
    points = [np.array([1.8, 1.5]), np.zeros(2), *rng.uniform(-5.0, 5.0, size=(8, 2))]
    for p in points:
        expected = reference.grad_ill(p)
        expect_close(student.grad_ill(p), expected, what="grad_ill(p)", inputs={"p": p}, mistakes=[
            Mistake("the y component is d/dy (10 y^2) = 20y, not 10y",
                    lambda got: np.allclose(got, [2 * p[0], 10 * p[1]])),
            Mistake("power rule: d/dx x^2 = 2x and d/dy 10y^2 = 20y (the factor 2 is missing)",
                    lambda got: np.allclose(got, [p[0], 10 * p[1]])),
            Mistake("grad_ill returned f(x, y) instead of the gradient (2x, 20y)",
                    lambda got: np.allclose(got, p[0] ** 2 + 10 * p[1] ** 2)),
        ])


@pytest.mark.points(2, problem=PROBLEM)
def test_gd_path_matches_reference_on_random_runs(student, reference, rng):
    """Paths match the reference for random starts, rates and step counts on two bowls."""
    for _ in range(4):
        start = tuple(float(v) for v in rng.uniform(-2.0, 2.0, size=2))
        _check_path(student, reference.grad_ill, start, float(rng.uniform(0.005, 0.095)),
                    int(rng.integers(1, 40)))
    for _ in range(3):
        start = rng.uniform(-3.0, 3.0, size=2)
        _check_path(student, grad_tilted_bowl, start, float(rng.uniform(0.02, 0.5)), int(rng.integers(1, 40)))


@pytest.mark.points(1, problem=PROBLEM)
def test_gd_path_for_the_exercise_learning_rates(student, reference):
    """The exercise's paths from (1.8, 1.5): 50 steps at lr = 0.01, 0.05, 0.1; and steps = 0."""
    for lr in reference.LEARNING_RATES:
        _check_path(student, reference.grad_ill, reference.START_ILL, lr, reference.STEPS_ILL,
                    what="gd_path(grad_ill, (1.8, 1.5), lr, 50)")
    _check_path(student, reference.grad_ill, (1.8, 1.5), 0.05, 0, what="gd_path with steps=0 (just the start)")


@pytest.mark.points(1, problem=PROBLEM)
def test_gd_path_diverging_runs_give_inf_and_nan_without_raising(student, reference):
    """Diverging paths give inf/nan where the reference does, with no exception."""
    for grad, start, lr, steps in [(reference.grad_ill, (1.0, 1.0), 0.5, 400),
                                   (reference.grad_ill, (1.8, -1.5), 0.15, 1100),
                                   (grad_tilted_bowl, (1.0, -2.0), 1.0, 800)]:
        _suite_check(not np.isfinite(_path(grad, start, lr, steps)).all(), f"the case lr={lr} must diverge")
        _check_path(student, grad, start, lr, steps,
                    what="a diverging gd_path run (inf/nan must appear where the reference overflows)")


def _classes(lr, curvatures, largest=max):
    rate = lr * largest(curvatures)
    if abs(rate - 2.0) <= 1e-9:
        return "oscillates"
    return "converges" if rate < 2.0 else "diverges"


def _classify_mistakes(lr, curvatures):
    return [
        Mistake("stability is decided by the LARGEST curvature L (the steepest direction): "
                "converges when lr * L < 2", lambda got: got == _classes(lr, curvatures, largest=min)),
        Mistake("the stability limit is lr * L < 2, not lr * L < 1 (a factor 1 - lr * L between -1 "
                "and 0 still shrinks the coordinate)", lambda got: got == (
                    "oscillates" if abs(lr * max(curvatures) - 1.0) <= 1e-9
                    else "converges" if lr * max(curvatures) < 1.0 else "diverges")),
        Mistake("at lr * L = 2 the factor 1 - lr * L is exactly -1: the coordinate keeps flipping sign "
                "with the same size, so the answer is \"oscillates\"",
                lambda got: _classes(lr, curvatures) == "oscillates" and got in ("converges", "diverges")),
        Mistake('classify_lr must return one of the strings "converges", "oscillates", "diverges"',
                lambda got: got not in ("converges", "oscillates", "diverges")),
    ]


def _check_classify(student, lr, curvatures=None):
    if curvatures is None:
        got, curvatures, inputs = student.classify_lr(lr), (2.0, 20.0), {"lr": lr}
    else:
        got, inputs = student.classify_lr(lr, curvatures), {"lr": lr, "curvatures": curvatures}
    expect_equal(got, _classes(lr, curvatures), what="classify_lr", inputs=inputs,
                 mistakes=_classify_mistakes(lr, curvatures))


@pytest.mark.points(1, problem=PROBLEM)
def test_classify_lr_for_the_exercise_learning_rates(student):
    """x^2 + 10y^2: 0.01 and 0.05 converge, 0.1 oscillates, 0.15 and 0.3 diverge."""
    for lr in (0.01, 0.05, 0.1, 0.15, 0.3, 0.001):
        _check_classify(student, lr)


@pytest.mark.points(2, problem=PROBLEM)
def test_classify_lr_on_random_rates_and_curvatures(student, rng):
    """Classification for random curvatures and rates, and exactly on the boundary lr * L = 2."""
    # Exactly on the boundary: lr * L is exactly 2.0 in floating point.
    for lr, curvatures in [(0.25, (8.0, 1.0)), (0.01, (2.0, 200.0)), (0.5, (4.0,)), (1.0, (0.5, 2.0, 1.0))]:
        _suite_check(lr * max(curvatures) == 2.0, f"lr * L must be exactly 2 for {lr}, {curvatures}")
        _check_classify(student, lr, curvatures)
    for _ in range(10):
        curvatures = tuple(float(c) for c in rng.uniform(0.5, 50.0, size=int(rng.integers(1, 5))))
        factor = rng.uniform(0.1, 0.95) if rng.random() < 0.5 else rng.uniform(1.05, 3.0)
        _check_classify(student, float(2.0 / max(curvatures) * factor), curvatures)
