"""Hidden tests for problem `ill_conditioned`: gradient descent on f(x, y) = x**2 + 10 y**2.

Contracts:
- grad_ill(p) = array([2x, 20y]) for a point p = (x, y) of floats (list, tuple or array, not
  modified): a new NumPy array of shape (2,) and dtype float64.
- gd_path(grad, start, lr, steps): a NumPy array (not a list) of shape (steps + 1, 2) and dtype
  float64, row 0 = start, row k + 1 = row k - lr * grad(row k); `grad` is called with NumPy arrays
  of shape (2,) and returns one; `start` (list, tuple or array) is not modified; diverging runs give
  inf/nan, never an exception. The gradient is passed with `remote_function`, so the path is graded
  on its own.
- classify_lr(lr, curvatures=(2.0, 20.0)): with L = max(curvatures) (a tuple, list or array of one
  or more positive floats, in any order), "oscillates" when |lr*L - 2| <= 1e-9 (an absolute
  tolerance on the product), else "converges" if lr*L < 2 and "diverges" if lr*L > 2. The tests use
  products exactly 2, within 5e-10 of 2, or at least 1.5e-9 away from 2 (never within rounding of
  the tolerance itself).

Named mistakes are precise: each known wrong answer is computed here on the same inputs and named
only when the student's answer equals it and no other known wrong answer gives the same.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, expect_close, expect_equal, expect_true,
                                      expect_unchanged, naming_raised)
from autograder.sandbox.values import remote_function

PROBLEM = "ill_conditioned"
OUTCOMES = ("converges", "oscillates", "diverges")


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def grad_tilted_bowl(p):
    return np.array([3.0 * p[0] + p[1], p[0] + 2.0 * p[1]])


def grad_round(p):
    return 2.0 * p


def _same(a, b) -> bool:
    a, b = as_numbers(a), as_numbers(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True))


def _precise(expected, known, same=_same):
    """Mistakes from (id, message, [wrong answers]): each is named only when the answer is one of its own
    wrong answers and that answer is neither right nor given by another known mistake. `expected` and the
    lists of wrong answers may be given as functions instead: they are then computed on the first failure
    only (a passing answer needs none of them)."""
    @functools.lru_cache(maxsize=None)
    def table():
        return (expected() if callable(expected) else expected,
                {mistake_id: answers() if callable(answers) else answers for mistake_id, _, answers in known})

    def own(mistake_id):
        right, answers = table()
        others = [w for other, wrong in answers.items() if other != mistake_id for w in wrong]
        return [v for v in answers[mistake_id] if not same(v, right) and not any(same(v, w) for w in others)]

    return [Mistake(message, lambda got, i=mistake_id: any(same(got, v) for v in own(i)), id=mistake_id)
            for mistake_id, message, _ in known]


# ------------------------------------------------------------------------------------------ grad_ill
def _grad_mistakes(p):
    x, y = (float(v) for v in p)
    return [
        Mistake("grad_ill must return a NumPy array (np.array([...])), not a list or tuple",
                lambda got: isinstance(got, (list, tuple)), id="grad-ill-not-ndarray"),
        Mistake("grad_ill must return a float64 array: build it from floats (2.0 * x) or pass dtype=float",
                lambda got: isinstance(got, np.ndarray) and got.shape == (2,) and got.dtype != np.float64,
                id="grad-ill-not-float64"),
        *_precise(np.array([2 * x, 20 * y]), [
            ("grad-ill-y-factor-10", "the y component is d/dy (10 y^2) = 20y, not 10y", [[2 * x, 10 * y]]),
            ("grad-ill-missing-factor-2", "power rule: d/dx x^2 = 2x and d/dy 10y^2 = 20y (the factor 2 is missing)",
             [[x, 10 * y]]),
            ("grad-ill-returns-f", "grad_ill returned f(x, y) instead of the gradient (2x, 20y)",
             [x**2 + 10 * y**2]),
            ("grad-ill-components-mixed-up", "the first component is d/dx = 2x, the second d/dy = 20y",
             [[20 * x, 2 * y], [20 * y, 2 * x], [2 * y, 20 * x]]),
        ]),
    ]


def _check_grad(student, p, what="grad_ill(p)"):
    got = student.grad_ill(p)
    expect_unchanged(student.last_call, what=what)
    expected = np.array([2.0 * float(p[0]), 20.0 * float(p[1])])
    # the exact formula has no rounding to speak of: relative tolerance only, so tiny points count too
    expect_close(got, expected, what=what, inputs={"p": p}, strict_type=True, atol=0.0, mistakes=_grad_mistakes(p))
    expect_true(got.dtype == np.float64, f"{what}: the gradient has dtype {got.dtype}",
                mistake=_grad_mistakes(p)[1])


@pytest.mark.points(1, problem=PROBLEM)
def test_grad_ill_matches_2x_20y_on_random_points(student, rng):
    """grad_ill(p) = (2x, 20y) as a float64 array, for points given as arrays, lists and tuples."""
    points = [np.array([1.8, 1.5]), np.zeros(2), *rng.uniform(-5.0, 5.0, size=(6, 2))]
    for p in points:
        _check_grad(student, p)
    for p in ([0.5, -2.25], (-1.25, 0.75), (1e-12, -3e-13), [4e6, -2.5e5]):
        _check_grad(student, p, what=f"grad_ill(p) for p given as a {type(p).__name__}")


# ------------------------------------------------------------------------------------------ gd_path
def _path(grad, start, lr, steps, sign=-1.0):
    path = np.empty((steps + 1, len(start)))
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            path[k + 1] = path[k] + sign * lr * grad(path[k].copy())
    return path


def _path_mistakes(grad, start, lr, steps, reference):
    # The right path and the wrong ones are computed only when a check fails (each run of a long path
    # costs milliseconds, and most answers pass).
    right = functools.lru_cache(maxsize=None)(lambda: _path(grad, start, lr, steps))
    prefix = lambda got: _same(got, right()[:len(got)])  # noqa: E731
    known = [
        ("path-same-array-object", "every row of the path is the same array object: updating p in place "
                                   "(p -= ...) and appending p stores one array many times; append p.copy() or "
                                   "write into a preallocated (steps + 1, 2) array",
         lambda: [np.tile(right()[-1], (steps + 1, 1))] if steps > 0 else []),
        ("path-gradient-ascent", "the update goes uphill: gradient descent subtracts, p <- p - lr * grad(p)",
         lambda: [_path(grad, start, lr, steps, sign=1.0)] if steps > 0 else []),
        ("path-missing-start", "the path misses its first row: row 0 must be the start, followed by one row per "
                               "update (steps + 1 rows)", lambda: [right()[1:]] if steps > 0 else []),
        ("path-missing-last-update", "the path misses the last update: steps updates give steps + 1 rows",
         lambda: [right()[:-1]] if steps > 0 else []),
        ("path-transposed", "the path is transposed: expected shape (steps + 1, 2), one row per point",
         lambda: [right().T]),
        ("path-ignores-grad-argument", "gd_path must call the gradient passed as the argument `grad` (the tests "
                                       "pass other bowls), not grad_ill",
         lambda: [] if grad is reference.grad_ill else [_path(reference.grad_ill, start, lr, steps)]),
    ]
    return [
        Mistake("gd_path must return a NumPy array of shape (steps + 1, 2): convert the list of points with "
                "np.array(path)", lambda got: isinstance(got, (list, tuple)), id="path-not-ndarray"),
        Mistake("the path must have dtype float64 (np.empty((steps + 1, 2)) or dtype=float)",
                lambda got: isinstance(got, np.ndarray) and got.shape == (steps + 1, len(start))
                and got.dtype != np.float64, id="path-not-float64"),
        Mistake("the path stops early: a diverging run must still return steps + 1 rows (inf/nan are fine)",
                lambda got: not np.isfinite(right()).all() and 0 < len(got) < steps + 1 and prefix(got),
                id="path-stops-early"),
        *_precise(right, known),
    ]


SEQUENCE_TO_GRAD = Mistake("convert start with np.array(start, dtype=float) before the first update: grad is called with "
                           "NumPy arrays, and a tuple or list given to it fails (2.0 * (x, y) raises TypeError)",
                           lambda raised: raised.exc_type == "TypeError" and "can't multiply sequence" in raised.message,
                           id="grad-called-with-a-sequence")


def _check_path(student, reference, grad, start, lr, steps, what="gd_path(grad, start, lr, steps)", expected=None):
    """`expected`: the right path where already computed (else computed here)."""
    with naming_raised(SEQUENCE_TO_GRAD):
        got = student.gd_path(remote_function(grad), start, lr, steps)
    expect_unchanged(student.last_call, what=what)
    mistakes = _path_mistakes(grad, start, lr, steps, reference)
    expected = _path(grad, start, lr, steps) if expected is None else expected
    expect_close(got, expected, what=what, strict_type=True,
                 inputs={"start": start, "lr": lr, "steps": steps, "grad": grad.__name__}, mistakes=mistakes)
    expect_true(got.dtype == np.float64, f"{what}: the path has dtype {got.dtype}", mistake=mistakes[1])


@pytest.mark.points(2, problem=PROBLEM)
def test_gd_path_matches_reference_on_random_runs(student, reference, rng):
    """Paths match the reference for random starts, rates and step counts on two bowls."""
    for _ in range(4):
        start = tuple(float(v) for v in rng.uniform(-2.0, 2.0, size=2))
        _check_path(student, reference, reference.grad_ill, start, float(rng.uniform(0.005, 0.095)),
                    int(rng.integers(1, 40)))
    for _ in range(3):
        start = rng.uniform(-3.0, 3.0, size=2)
        _check_path(student, reference, grad_tilted_bowl, start, float(rng.uniform(0.02, 0.5)),
                    int(rng.integers(1, 40)))


@pytest.mark.points(1, problem=PROBLEM)
def test_gd_path_for_the_exercise_learning_rates(student, reference):
    """The exercise's paths from (1.8, 1.5): 50 steps at lr = 0.01, 0.05, 0.1; and steps = 0."""
    for lr in reference.LEARNING_RATES:
        _check_path(student, reference, reference.grad_ill, reference.START_ILL, lr, reference.STEPS_ILL,
                    what="gd_path(grad_ill, (1.8, 1.5), lr, 50)")
    _check_path(student, reference, reference.grad_ill, (1.8, 1.5), 0.05, 0,
                what="gd_path with steps=0 (just the start)")


@pytest.mark.points(1, problem=PROBLEM)
def test_gd_path_takes_lists_tuples_and_arrays_and_leaves_the_start_unchanged(student, reference):
    """start as a list, a tuple or a float array (left as it was); grad gets NumPy arrays; one step."""
    for start, steps in (([1.5, -0.5], 6), ((2.0, 1.0), 1), (np.array([-1.25, 0.5]), 8), (np.array([3.0, -2.0]), 1)):
        _check_path(student, reference, grad_round, start, 0.2, steps,
                    what=f"gd_path(grad, start, 0.2, {steps}) on x^2 + y^2 (grad(p) = 2.0 * p) with start "
                         f"given as a {type(start).__name__}")


@pytest.mark.points(1, problem=PROBLEM)
def test_gd_path_diverging_runs_give_inf_and_nan_without_raising(student, reference):
    """Diverging paths give inf/nan where the reference does, with no exception."""
    for grad, start, lr, steps in [(reference.grad_ill, (1.0, 1.0), 0.5, 400),
                                   (reference.grad_ill, (1.8, -1.5), 0.15, 1100),
                                   (grad_tilted_bowl, (1.0, -2.0), 1.0, 800)]:
        expected = _path(grad, start, lr, steps)
        _suite_check(not np.isfinite(expected).all(), f"the case lr={lr} must diverge")
        _check_path(student, reference, grad, start, lr, steps, expected=expected,
                    what="a diverging gd_path run (inf/nan must appear where the reference overflows)")


# ------------------------------------------------------------------------------------------ classify_lr
def _rule(lr, curvatures, *, pick=max, limit=2.0, tol=1e-9, on_lr=False, loose=False, oscillation=True,
          converge_at_limit=False):
    """The classification, or a known wrong variant of it."""
    largest = float(pick(list(curvatures)))
    rate = lr * largest
    if oscillation:
        if on_lr:
            close = abs(lr - limit / largest) <= tol
        elif loose:
            close = bool(np.isclose(rate, limit))  # NumPy's defaults: rtol 1e-5, atol 1e-8
        else:
            close = abs(rate - limit) <= tol
        if close:
            return "oscillates"
    if rate < limit or (converge_at_limit and rate == limit):
        return "converges"
    return "diverges"


def _classify_mistakes(cases):
    def answers(**variant):
        return [tuple(_rule(lr, curvatures, **variant) for lr, curvatures in cases)]

    expected = tuple(_rule(lr, c) for lr, c in cases)
    return [
        Mistake('classify_lr must return one of the strings "converges", "oscillates", "diverges"',
                lambda got: isinstance(got, (list, tuple)) and any(g not in OUTCOMES for g in got),
                id="classify-unknown-outcome"),
        *_precise(expected, [
            ("classify-smallest-curvature", "stability is decided by the LARGEST curvature L (the steepest "
                                            "direction): converges when lr * L < 2", answers(pick=min)),
            ("classify-limit-one", "the stability limit is lr * L < 2, not lr * L < 1 (a factor 1 - lr * L "
                                   "between -1 and 0 still shrinks the coordinate)", answers(limit=1.0)),
            ("classify-ignores-curvatures", "use the curvatures passed as the argument `curvatures` (the tests "
                                            "pass other bowls), not the default (2, 20)",
             [tuple(_rule(lr, (2.0, 20.0)) for lr, _ in cases)]),
            ("classify-curvature-by-position", "L is the largest curvature, wherever it stands in `curvatures`: "
                                               "use max(curvatures), not the first or the last one",
             answers(pick=lambda c: c[-1]) + answers(pick=lambda c: c[0])),
            ("classify-no-oscillation-case", "at lr * L = 2 the factor 1 - lr * L is exactly -1: the coordinate "
                                             "keeps flipping sign with the same size, so the answer is "
                                             "\"oscillates\" (a third case between converging and diverging)",
             answers(oscillation=False) + answers(oscillation=False, converge_at_limit=True)),
            ("classify-no-tolerance", "lr * L is computed in floating point: treat |lr * L - 2| <= 1e-9 as equal "
                                      "to 2 instead of testing == 2", answers(tol=0.0) + answers(tol=0.0, on_lr=True)),
            ("classify-tolerance-on-lr", "the tolerance 1e-9 applies to the product lr * L (|lr * L - 2| <= 1e-9), "
                                         "not to lr itself (|lr - 2 / L|): the two differ when L is far from 1",
             answers(on_lr=True)),
            ("classify-tolerance-too-loose", "np.isclose's default tolerances (rtol 1e-5, atol 1e-8) are far looser "
                                             "than the rule |lr * L - 2| <= 1e-9", answers(loose=True)),
        ], same=lambda a, b: tuple(a) == tuple(b)),
    ]


def _check_classify(student, cases, what):
    got = []
    for lr, curvatures in cases:
        got.append(student.classify_lr(lr) if curvatures is None else student.classify_lr(lr, curvatures))
    cases = [(lr, (2.0, 20.0) if curvatures is None else curvatures) for lr, curvatures in cases]
    shown = [(lr, tuple(float(c) for c in curvatures)) for lr, curvatures in cases]
    expect_equal(tuple(got), tuple(_rule(lr, c) for lr, c in cases), what=what,
                 inputs={"(lr, curvatures)": shown}, mistakes=_classify_mistakes(cases))


@pytest.mark.points(1, problem=PROBLEM)
def test_classify_lr_for_the_exercise_learning_rates(student):
    """x^2 + 10y^2: 0.01 and 0.05 converge, 0.1 oscillates, 0.15 and 0.3 diverge."""
    _check_classify(student, [(lr, None) for lr in (0.01, 0.05, 0.1, 0.15, 0.3, 0.001)],
                    "classify_lr(lr) with the default curvatures (2, 20), one answer per lr")


@pytest.mark.points(2, problem=PROBLEM)
def test_classify_lr_on_random_rates_and_curvatures(student, rng):
    """Classification for random curvatures (tuples, lists, arrays) and exactly on the boundary lr * L = 2."""
    cases = [(0.25, (8.0, 1.0)), (0.01, [2.0, 200.0]), (0.5, (4.0,)), (1.0, np.array([0.5, 2.0, 1.0]))]
    for lr, curvatures in cases:
        _suite_check(lr * max(curvatures) == 2.0, f"lr * L must be exactly 2 for {lr}, {curvatures}")
    for index in range(10):
        curvatures = rng.uniform(0.5, 50.0, size=int(rng.integers(1, 5)))
        factor = rng.uniform(0.1, 0.95) if rng.random() < 0.5 else rng.uniform(1.05, 3.0)
        lr = float(2.0 / curvatures.max() * factor)
        cases.append((lr, curvatures if index % 3 == 0 else
                      curvatures.tolist() if index % 3 == 1 else tuple(curvatures.tolist())))
    _check_classify(student, cases, "classify_lr(lr, curvatures), one answer per case")


@pytest.mark.points(1, problem=PROBLEM)
def test_classify_lr_applies_the_tolerance_to_the_product_at_every_scale(student):
    """|lr * L - 2| <= 1e-9 means "oscillates", 1.5e-9 or more away does not; for L from 1e-3 to 4e4."""
    cases = [(0.1, (2.0, 20.0)), (0.5, (4.0,))]  # exactly 2, beside the near misses
    for largest, others in ((20.0, (2.0,)), (4e4, (3.0, 1e3)), (1e-3, (2e-4,)), (1.0, ())):
        for offset in (5e-10, -5e-10, 1.5e-9, -1.5e-9, 1e-6, -1e-6):
            lr = (2.0 + offset) / largest
            _suite_check(abs(abs(lr * largest - 2.0) - abs(offset)) < 1e-12, f"offset {offset} at L={largest}")
            cases.append((lr, (*others, largest)))
    _check_classify(student, cases, "classify_lr(lr, curvatures) with lr * L within a few 1e-9 of 2, one "
                                    "answer per case")
