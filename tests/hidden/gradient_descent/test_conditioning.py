"""Hidden tests for problem `conditioning`: iterations to converge versus the condition number.

Contracts:
- iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000): with p_0 = start and
  p_{k+1} = p_k - lr * grad(p_k), the smallest k in 0..max_iter with ||grad(p_k)||_2 < tol (strict),
  else -1 (a nan gradient never passes the test). An int (a NumPy integer is accepted, a float is
  not). `grad` is called with NumPy arrays of shape (d,) and returns one; `start` (list, tuple or
  array) is not modified.
- iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6): the same on x**2 + kappa y**2 with
  grad = (2x, 2 kappa y), lr = 1 / (2 kappa) and max_iter = 100_000.
Counts must match exactly. Random cases are drawn so that no gradient norm of the reference run lies
within a relative 1e-9 of tol (where rounding could decide the count); the cases on the boundary
are built so that every way of computing the norm gives exactly tol.

Named mistakes are precise: each known wrong way of counting is run here on the same input and named
only when the student's count equals its count and no other known wrong way gives the same count.
"""

import functools
import math
from typing import Callable, NamedTuple

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_equal, expect_true, expect_unchanged, naming_raised
from autograder.sandbox.values import remote_function

PROBLEM = "conditioning"
KAPPA_MAX_ITER = 100_000


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def grad_tilted_bowl(p):
    return np.array([3.0 * p[0] + p[1], p[0] + 2.0 * p[1]])


def grad_three_d(p):
    return np.array([2.0 * p[0], 6.0 * p[1], 0.5 * p[2]])


def grad_round(p):
    return 2.0 * p


# ------------------------------------------------------------------------------ ways of counting
class Rule(NamedTuple):
    """A stopping rule: `norm` of a gradient (a sequence of floats) and `passes(norm, tol)` (for floats and,
    element-wise, for arrays); `norm_xy(gx, gy)` is the same norm of 2-D gradients given as two arrays, with
    the same floating-point operations (sum(...) starts at the int 0, and 0 + gx*gx + gy*gy is
    gx*gx + gy*gy exactly: a square is never -0.0)."""
    norm: Callable
    passes: Callable
    norm_xy: Callable


STRICT = Rule(lambda g: math.sqrt(sum(v * v for v in g)), lambda n, tol: n < tol,
              lambda gx, gy: np.sqrt(gx * gx + gy * gy))
VARIANTS = {  # the stopping rules of the known wrong ways of counting
    "non-strict": Rule(STRICT.norm, lambda n, tol: n <= tol, STRICT.norm_xy),
    "squared": Rule(lambda g: sum(v * v for v in g), lambda n, tol: n < tol, lambda gx, gy: gx * gx + gy * gy),
    "l1": Rule(lambda g: sum(abs(v) for v in g), lambda n, tol: n < tol, lambda gx, gy: np.abs(gx) + np.abs(gy)),
    "max": Rule(lambda g: math.nan if any(v != v for v in g) else max(abs(v) for v in g),  # nan wins, as in np.max
                lambda n, tol: n < tol, lambda gx, gy: np.maximum(np.abs(gx), np.abs(gy))),  # np.maximum: nan wins
    "nan-passes": Rule(STRICT.norm, lambda n, tol: np.logical_not(n >= tol), STRICT.norm_xy),  # not n >= tol
}


def _count(grad, start, lr, tol, max_iter, rule=STRICT, after_update=False):
    """Gradient descent counted here with plain floats (fast); `rule`: the stopping Rule; `after_update`:
    the test applied after each update instead of before it."""
    norm, passes = rule.norm, rule.passes
    p = [float(v) for v in start]

    def gradient(point):
        with np.errstate(over="ignore", invalid="ignore"):
            return [float(v) for v in grad(np.array(point))]

    def step(point, g):
        return [v - lr * w for v, w in zip(point, g)]

    with np.errstate(over="ignore", invalid="ignore"):
        if after_update:
            for k in range(max_iter):
                p = step(p, gradient(p))
                n = _safe(norm, gradient(p))
                if passes(n, tol):
                    return k
                if math.isnan(n):
                    return -1
            return -1
        for k in range(max_iter + 1):
            g = gradient(p)
            n = _safe(norm, g)
            if passes(n, tol):
                return k
            if math.isnan(n):
                return -1  # nan never passes and never leaves
            p = step(p, g)
    return -1


def _safe(norm, g):
    try:
        return norm(g)
    except OverflowError:
        return math.inf


class _Coordinate:
    """One coordinate of gradient descent on the diagonal bowl a/2 x^2 + b/2 y^2: v_0 = start and
    v_{k+1} = v_k - lr * (c * v_k) with plain floats (x and y do not interact), computed only as far as
    asked. Once v_k == v_{k-2} (a fixed point or a 2-cycle: the step is deterministic, and equal floats
    differ at most in the sign of a zero, which no norm or comparison sees) or v_k is nan (nan stays nan),
    the rest repeats the last two values and is filled in without computing it."""

    def __init__(self, c, lr, start):
        self.c, self.lr = c, lr
        self.values = np.array([start])
        self.repeating = False

    def first(self, count):
        """v_0 .. v_{count-1} as an array."""
        known = len(self.values)
        if known >= count:
            return self.values[:count]
        if self.repeating:
            tail = np.empty(count - known)
            tail[0::2], tail[1::2] = self.values[-2], self.values[-1]
            self.values = np.concatenate([self.values, tail])
            return self.values
        v, c, lr = float(self.values[-1]), self.c, self.lr
        values = np.concatenate([self.values, [v := v - lr * (c * v) for _ in range(count - known)]])
        back = np.concatenate([[np.nan, np.nan], values])[known:-2]  # v_{k-2} for k = known ..; nan: none
        ends = np.isnan(values[known:]) | (values[known:] == back)
        if ends.any():
            end = known + int(ends.argmax())
            self.values = np.append(values[:end + 1], np.nan) if np.isnan(values[end]) else values[:end + 1]
            self.repeating = True
            return self.first(count)
        self.values = values
        return values


def _coordinate(c, lr, start):
    """The coordinate run of (c, lr, start), shared by every count on it (most known mistakes differ only in
    the stopping rule, tol or max_iter); keyed by the floats' exact bits (0.0 and -0.0 apart)."""
    return _coordinate_run(float(c).hex(), float(lr).hex(), float(start).hex())


@functools.lru_cache(maxsize=32)  # a run of 100 000 updates holds 0.8 MB
def _coordinate_run(c, lr, start):
    return _Coordinate(float.fromhex(c), float.fromhex(lr), float.fromhex(start))


def _diag_count(a, b, start, lr, tol, max_iter, rule=STRICT, after_update=False):
    """_count for the diagonal bowl a/2 x^2 + b/2 y^2 without NumPy gradients: the same floating-point
    operations as grad(p) = (a x, b y) and p - lr * grad(p), on plain floats (_Coordinate), with the
    stopping rule applied to whole stretches of the run at once (NumPy, element by element: the same
    operations again). The run is taken in growing stretches, so that a short run costs little."""
    a, b = float(a), float(b)
    checks = max_iter if after_update else max_iter + 1  # test number k is on p_{k + shift}
    shift = 1 if after_update else 0
    xs, ys = _coordinate(a, lr, start[0]), _coordinate(b, lr, start[1])
    length = 0
    while length < checks:
        length = min(checks, max(64, 4 * length))
        found = _first_stop(xs.first(length + shift)[shift:], ys.first(length + shift)[shift:], a, b, rule, tol)
        if found is not None:
            return found
    return -1


def _first_stop(x, y, a, b, rule, tol):
    """The count given by the tested points (x[k], y[k]), k = 0, 1, ...: the first k that passes, -1 when
    a point that never passes (and never leaves) comes first, None when none of these points ends the run.
    Never passing: a nan norm, an inf one (unless the rule passes nan), or a point equal to the one two
    tests back (a cycle of period 1 or 2 repeats forever; only once two earlier points were tested)."""
    with np.errstate(all="ignore"):
        n = rule.norm_xy(a * x, b * y)
        passed = np.asarray(rule.passes(n, tol), dtype=bool)
        never = np.isnan(n) if rule.passes(math.nan, tol) else np.isnan(n) | np.isinf(n)
        never[2:] |= (x[2:] == x[:-2]) & (y[2:] == y[:-2])
    ends = passed | never
    if not ends.any():
        return None
    k = int(ends.argmax())
    return k if passed[k] else -1


def _precise(expected, known):
    """Mistakes from (id, message, thunk giving [wrong counts]): each is named only when the count is one
    of its own and neither right nor given by another known mistake (the counts are computed once, on
    the first failure)."""
    @functools.lru_cache(maxsize=None)
    def values():
        return {mistake_id: tuple(thunk()) for mistake_id, _, thunk in known}

    def own(mistake_id):
        table = values()
        others = {w for other, answers in table.items() if other != mistake_id for w in answers}
        return {v for v in table[mistake_id] if v != expected and v not in others}

    return [Mistake(message, lambda got, i=mistake_id: _plain(got) in own(i), id=mistake_id)
            for mistake_id, message, _ in known]


def _plain(got):
    if isinstance(got, (list, tuple)):
        return tuple(_plain(g) for g in got)
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        raise TypeError("not a count")
    return int(got)


NOT_INT = Mistake("the count must be an int (k, or -1 when the tolerance is never reached), not a float or None",
                  lambda _: True, id="count-not-int")


COUNTING = {  # the known wrong ways of counting, shared by both functions
    "count-one-too-high": "the count is one too high: k is the number of updates made before the test passes (0 "
                          "when the start already passes; check the gradient before each update)",
    "count-one-too-low": "the count is one too low: the test is applied to p_k before the k-th update; check the "
                         "gradient at the start first (a start that passes gives 0)",
    "count-max-iter-not-minus-one": "return -1 when the tolerance is never reached within max_iter updates (not "
                                    "max_iter)",
    "count-skips-last-check": "the run reaches the tolerance after exactly max_iter updates: the test must also be "
                              "applied at k = max_iter (max_iter + 1 checks in all)",
    "count-non-strict": "the stopping test is strict: ||grad|| < tol (a gradient norm equal to tol does not stop "
                        "the run)",
    "count-squared-norm": "compare the norm itself with tol: ||g||_2 = sqrt(g_1^2 + ... + g_d^2) (or compare g @ g "
                          "with tol**2)",
    "count-not-euclidean-norm": "the stopping test uses the Euclidean norm ||g||_2 = sqrt(sum of squares) "
                                "(np.linalg.norm(g)), not the sum or the largest of the |g_i|",
    "count-nan-taken-as-converged": "a diverging run's gradient becomes nan, and every comparison with nan is False: "
                                    "`while norm >= tol` then stops as if converged; test norm < tol (nan never "
                                    "passes) and return -1",
}


def _counting_known(expected, max_iter, count):
    """The known wrong ways of counting; `count(**variant)` counts one of them on the case at hand."""
    def one(value):
        return lambda: [value] if value is not None else []

    variants = {
        "count-one-too-high": one(expected + 1 if expected >= 0 else None),
        "count-one-too-low": lambda: [count(after_update=True)],
        "count-max-iter-not-minus-one": lambda: [max_iter, max_iter + 1] if expected == -1 else [],
        "count-skips-last-check": one(-1 if expected == max_iter else None),
        "count-non-strict": lambda: [count(rule=VARIANTS["non-strict"])],
        "count-squared-norm": lambda: [count(rule=VARIANTS["squared"])],
        "count-not-euclidean-norm": lambda: [count(rule=VARIANTS["l1"]), count(rule=VARIANTS["max"])],
        "count-nan-taken-as-converged": lambda: [count(rule=VARIANTS["nan-passes"])],
    }
    return [(mistake_id, COUNTING[mistake_id], thunk) for mistake_id, thunk in variants.items()]


def _expect_count(got, expected, what, inputs, mistakes):
    integer = isinstance(got, (int, np.integer)) and not isinstance(got, (bool, np.bool_))
    expect_true(integer, f"{what} for {inputs}: expected an int, got {describe(got)}", mistake=NOT_INT)
    expect_equal(got, expected, what=what, inputs=inputs, mistakes=mistakes)


SEQUENCE_TO_GRAD = Mistake("convert start with np.array(start, dtype=float) before the first call of grad: grad is called "
                           "with NumPy arrays, and a tuple or list given to it fails (2.0 * (x, y) raises TypeError)",
                           lambda raised: raised.exc_type == "TypeError" and "can't multiply sequence" in raised.message,
                           id="grad-called-with-a-sequence")


def _check_count(student, grad, start, lr, tol, max_iter, reference, what=None):
    expected = reference.iterations_to_converge(grad, start, lr, tol, max_iter)
    with naming_raised(SEQUENCE_TO_GRAD):
        got = student.iterations_to_converge(remote_function(grad), start, lr, tol, max_iter)
    expect_unchanged(student.last_call, what="iterations_to_converge(grad, start, lr, tol, max_iter)")

    def count(**variant):
        return _count(grad, start, lr, tol, max_iter, **variant)

    _expect_count(got, expected, what or "iterations_to_converge(grad, start, lr, tol, max_iter)",
                  {"grad": grad.__name__, "start": start, "lr": lr, "tol": tol, "max_iter": max_iter},
                  _precise(expected, _counting_known(expected, max_iter, count)))


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
                 what="iterations_to_converge on a diverging run (lr * 20 > 2: the gradient overflows to inf, "
                      "then nan)")
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


@pytest.mark.points(1, problem=PROBLEM)
def test_the_stopping_test_is_strict_and_max_iter_zero_allows_only_the_start(student, reference):
    """A gradient norm exactly equal to tol does not stop the run; max_iter = 0 checks the start only."""
    # From (0, 0.25) with lr = 0.1 on x^2 + 10y^2, y flips between 0.25 and -0.25 forever: every gradient
    # is (0, +-5) exactly, so its norm is exactly 5 however it is computed, and tol = 5 is never beaten.
    norms = _norms(reference.grad_ill, (0.0, 0.25), 0.1, 50)
    _suite_check(bool(np.all(norms == 5.0)), "the oscillating run's gradient norms must be exactly 5")
    _check_count(student, reference.grad_ill, (0.0, 0.25), 0.1, 5.0, 50, reference,
                 what="iterations_to_converge where every gradient norm equals tol exactly (5 = tol)")
    _check_count(student, reference.grad_ill, (0.0, 0.0), 0.01, 1e-6, 0, reference,
                 what="iterations_to_converge with max_iter = 0, starting at the minimum")
    _check_count(student, reference.grad_ill, (1.0, 1.0), 0.01, 1e-6, 0, reference,
                 what="iterations_to_converge with max_iter = 0, starting away from the minimum")


@pytest.mark.points(1, problem=PROBLEM)
def test_start_may_be_a_list_a_tuple_or_an_array_and_is_not_modified(student, reference):
    """start as a tuple, a list or a float array (left unchanged); grad is called with NumPy arrays."""
    # a slow rate (each update multiplies p by 0.96) spreads the counts of the known wrong norms apart
    for start in ((1.0, -2.0), [0.5, 1.5], np.array([-1.5, 0.25]), np.array([2.0, 1.0, -0.5])):
        _suite_check(_robust(grad_round, start, 0.02, 1e-6, 400), f"the run from {start} must be robust")
        _check_count(student, grad_round, start, 0.02, 1e-6, 10_000, reference,
                     what=f"iterations_to_converge on x^2 + y^2 (grad(p) = 2.0 * p) with start given as a "
                          f"{type(start).__name__}")


# ------------------------------------------------------------------------------ iterations_for_kappa
def _kappa_counts(cases, **variant):
    """Counts of iterations_for_kappa's cases (kappa, start, tol) by a variant of the recipe."""
    lr_of = variant.pop("lr_of", lambda kappa: 1.0 / (2.0 * kappa))
    factor = variant.pop("factor", 2.0)
    max_iter = variant.pop("max_iter", KAPPA_MAX_ITER)
    fixed_tol, fixed_start = variant.pop("tol", None), variant.pop("start", None)
    return tuple(_diag_count(2.0, factor * kappa, fixed_start or start, lr_of(kappa), fixed_tol or tol, max_iter,
                             **variant) for kappa, start, tol in cases)


@functools.lru_cache(maxsize=None)
def _reference_counts(reference, cases):
    return tuple(reference.iterations_for_kappa(kappa, start, tol) for kappa, start, tol in cases)


def _kappa_mistakes(cases, expected):
    def over(per_case):
        """A known counting mistake of iterations_to_converge, case by case."""
        return lambda: [tuple(per_case(e) for e in expected)]

    known = [
        ("count-one-too-high", COUNTING["count-one-too-high"], over(lambda e: e + 1 if e >= 0 else -1)),
        ("count-one-too-low", COUNTING["count-one-too-low"], lambda: [_kappa_counts(cases, after_update=True)]),
        ("count-max-iter-not-minus-one", COUNTING["count-max-iter-not-minus-one"],
         over(lambda e: KAPPA_MAX_ITER if e == -1 else e)),
        ("count-skips-last-check", COUNTING["count-skips-last-check"],
         over(lambda e: -1 if e == KAPPA_MAX_ITER else e)),
        ("count-non-strict", COUNTING["count-non-strict"], lambda: [_kappa_counts(cases, rule=VARIANTS["non-strict"])]),
        ("count-squared-norm", COUNTING["count-squared-norm"], lambda: [_kappa_counts(cases, rule=VARIANTS["squared"])]),
        ("count-not-euclidean-norm", COUNTING["count-not-euclidean-norm"],
         lambda: [_kappa_counts(cases, rule=VARIANTS["l1"]), _kappa_counts(cases, rule=VARIANTS["max"])]),
        ("kappa-lr-one-over-kappa", "the step must be lr = 1 / L with L = 2 * kappa, the largest eigenvalue of the "
                                    "Hessian diag(2, 2 kappa), not 1 / kappa",
         lambda: [_kappa_counts(cases, lr_of=lambda kappa: 1.0 / kappa)]),
        ("kappa-lr-precedence", "1 / 2 * kappa is (1 / 2) * kappa = kappa / 2: write 1 / (2 * kappa)",
         lambda: [_kappa_counts(cases, lr_of=lambda kappa: kappa / 2.0)]),
        ("kappa-gradient-factor", "f(x, y) = x^2 + kappa y^2 has the gradient (2x, 2 kappa y)",
         lambda: [_kappa_counts(cases, factor=1.0)]),
        ("kappa-ignores-tol", "pass the tolerance `tol` on to iterations_to_converge (the tests use other values "
                              "than 1e-6)", lambda: [_kappa_counts(cases, tol=1e-6)]),
        ("kappa-ignores-start", "start the run at the argument `start` (the tests use other points than (1, 1))",
         lambda: [_kappa_counts(cases, start=(1.0, 1.0))]),
        ("kappa-default-max-iter", "iterations_for_kappa must allow max_iter = 100_000 updates: with the default "
                                   "10_000 a large kappa never reaches the tolerance",
         lambda: [_kappa_counts(cases, max_iter=10_000)]),
    ]
    return _precise(expected, known)


def _check_kappa(student, reference, cases, what, defaults=False, expected=None):
    """All the cases' counts compared at once (so that a known mistake shows across them); `defaults`:
    call iterations_for_kappa(kappa) alone (the cases then hold the default start and tol); `expected`:
    the right counts where already known (else the reference's)."""
    cases = tuple((kappa, tuple(start), tol) for kappa, start, tol in cases)
    expected = _reference_counts(reference, cases) if expected is None else tuple(expected)
    got = []
    for kappa, start, tol in cases:
        count = student.iterations_for_kappa(kappa) if defaults else student.iterations_for_kappa(kappa, start, tol)
        integer = isinstance(count, (int, np.integer)) and not isinstance(count, (bool, np.bool_))
        expect_true(integer, f"iterations_for_kappa({kappa}{'' if defaults else f', {start}, {tol}'}): expected "
                             f"an int, got {describe(count)}", mistake=NOT_INT)
        got.append(count)
    inputs = {"kappa": [kappa for kappa, _, _ in cases]} if defaults else {"(kappa, start, tol)": list(cases)}
    expect_equal(tuple(got), expected, what=what, inputs=inputs, mistakes=_kappa_mistakes(cases, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_round_bowl_needs_1_iteration_and_kappa_100_needs_1444(student, reference):
    """The worked example: kappa = 1, 10, 100 from (1, 1) need 1, 138 and 1444 iterations."""
    cases = ((1, (1.0, 1.0), 1e-6), (10, (1.0, 1.0), 1e-6), (100, (1.0, 1.0), 1e-6))
    _suite_check(_reference_counts(reference, cases) == (1, 138, 1444), "the worked example's counts")
    _check_kappa(student, reference, cases, "iterations_for_kappa(kappa) with the default start (1, 1) and tol "
                                            "1e-6, one count per kappa", defaults=True)


@pytest.mark.points(2, problem=PROBLEM)
def test_iterations_for_random_condition_numbers_and_starts(student, reference, rng):
    """iterations_for_kappa matches on random condition numbers, starts and tolerances."""
    cases = [(1.2, (1.0, 1.0), 1e-6)]  # kappa close to 1: a step of 1/kappa or kappa/2 is still stable
    counts = [reference.iterations_for_kappa(*cases[0])]  # the reference's counts, each run once
    while len(cases) < 7:
        kappa = float(rng.uniform(1.0, 150.0))
        start = tuple(float(v) for v in rng.uniform(-3.0, 3.0, size=2))
        tol = float(10.0 ** rng.uniform(-8, -3))

        def grad(p, kappa=kappa):
            return np.array([2.0 * p[0], 2.0 * kappa * p[1]])

        expected = reference.iterations_for_kappa(kappa, start, tol)
        if expected < 1 or not _robust(grad, start, 1.0 / (2.0 * kappa), tol, expected):
            continue
        cases.append((kappa, start, tol))
        counts.append(expected)
    _check_kappa(student, reference, cases, "iterations_for_kappa(kappa, start, tol), one count per case",
                 expected=counts)


def _kappa_norms(kappa, start, last):
    """The gradient norms of iterations_for_kappa's run at k = 0 .. last, with plain floats (the same
    operations as grad(p) = (2x, 2 kappa y) and p - lr * grad(p)), as an array; the run is the one
    _diag_count shares (a failed check's known mistakes count on it again)."""
    lr, b = 1.0 / (2.0 * kappa), 2.0 * kappa
    gx = 2.0 * _coordinate(2.0, lr, start[0]).first(last + 1)
    gy = b * _coordinate(b, lr, start[1]).first(last + 1)
    with np.errstate(all="ignore"):
        return STRICT.norm_xy(gx, gy)


@pytest.mark.points(1, problem=PROBLEM)
def test_a_large_condition_number_needs_more_than_the_default_max_iter(student, reference, rng):
    """A large condition number needs more than 10 000 updates: iterations_for_kappa allows 100 000, not one more."""
    # A large kappa shrinks the gradient by 1 - 1/kappa per update: a tolerance between the norms after
    # 99 999 and 100 000 updates needs exactly max_iter = 100 000 updates (count 100 000), one between the
    # norms after 100 000 and 100 001 one update too many (-1). The norms differ by a relative 1/kappa, far
    # above any rounding of the norm. (Each such run costs the student's code a few tenths of a second.)
    kappa = float(rng.uniform(5_000.0, 20_000.0))
    start = (float(rng.uniform(0.5, 2.0)), float(rng.uniform(-2.0, 2.0)))
    norms = _kappa_norms(kappa, start, KAPPA_MAX_ITER + 1)
    # Norms strictly decreasing from k = 0 on, and each tolerance between two consecutive norms, decide
    # the boundary counts: for norms[N] < tol <= norms[N - 1] with N = 100 000 the first k with
    # norms[k] < tol is N (no earlier norm is below norms[N - 1]); for norms[N + 1] < tol <= norms[N] no
    # k <= N = max_iter passes: -1 (the runs hold no nan, inf or cycle). No run of _diag_count is needed.
    _suite_check(bool(np.all(norms[:-1] > norms[1:])), "the large-kappa run's norms must decrease")
    exactly = math.sqrt(float(norms[KAPPA_MAX_ITER - 1]) * float(norms[KAPPA_MAX_ITER]))
    one_more = math.sqrt(float(norms[KAPPA_MAX_ITER]) * float(norms[KAPPA_MAX_ITER + 1]))
    _suite_check(norms[KAPPA_MAX_ITER] < exactly <= norms[KAPPA_MAX_ITER - 1]
                 and norms[KAPPA_MAX_ITER + 1] < one_more <= norms[KAPPA_MAX_ITER],
                 "the boundary tolerances must lie between consecutive norms")
    cases = [(1.0, (1.0, 1.0), 1e-6), (1.2, (1.0, 1.0), 1e-6), (1000.0, (1.0, 1.0), 1e-6),
             (kappa, start, exactly), (kappa, start, one_more)]
    # The boundary runs' counts follow from the norms above (the reference's own run of 2 x 100 000
    # NumPy updates would cost the grader most of a second per submission for the same two numbers).
    counts = _reference_counts(reference, tuple((k, tuple(s), t) for k, s, t in cases[:3])) + (KAPPA_MAX_ITER, -1)
    _suite_check(counts[0] == 1 and counts[2] > 10_000, "kappa = 1000 must need more than 10 000 updates")
    _check_kappa(student, reference, cases, "iterations_for_kappa(kappa, start, tol) for runs that need "
                                            "more than 10 000 updates (the last two need exactly 100 000 and "
                                            "100 001), one count per case", expected=counts)
