"""Hidden tests for `gradient_descent(df, x0=6.0, lr=0.01, steps=1000)` (problem `descent_loop`).

Contract: returns the history, a NumPy array (np.ndarray, not a list) of shape (steps + 1,) and
dtype float64 with history[0] = x0 and history[k + 1] = history[k] - lr * df(history[k]). The
derivative is an argument: most tests pass the reference's df (or another derivative) with
`remote_function`, so the loop is graded on its own; one test passes the student's own df. A
diverging run fills the history with inf/nan: it must not raise, not stop early, and the inf/nan
positions must match the reference. Overflow warnings are allowed (the notebook says so).

Named mistakes are precise: each known wrong loop is run here on the same input and named only when
the student's history equals it and no other known wrong loop gives that history.
"""

import functools
import math

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true, naming_raised
from autograder.sandbox.values import remote_function, student_function

PROBLEM = "descent_loop"


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


# Other derivatives for the loop, sent with remote_function (they may use np and math only).
def df_parabola(x):
    return 2.0 * (x - 3.0)


def df_wave(x):
    return math.cos(x) + 0.5 * x


def _run(df, x0, lr, steps, sign=-1.0):
    history = np.empty(steps + 1)
    history[0] = x0
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            history[k + 1] = history[k] + sign * lr * df(np.float64(history[k]))
    return history


def _same(a, b) -> bool:
    a, b = as_numbers(a), as_numbers(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True))


def _precise(expected, known):
    """Mistakes from (id, message, function giving [wrong histories]): each is named only when the answer
    is one of its own wrong histories and that history is neither right nor given by another known
    mistake. `expected` is a function too: the histories are computed on the first failure only (a
    passing answer needs none of them)."""
    @functools.lru_cache(maxsize=None)
    def table():
        return expected(), {mistake_id: answers() for mistake_id, _, answers in known}

    def own(mistake_id):
        right, answers = table()
        others = [w for other, wrong in answers.items() if other != mistake_id for w in wrong]
        return [v for v in answers[mistake_id] if not _same(v, right) and not any(_same(v, w) for w in others)]

    return [Mistake(message, lambda got, i=mistake_id: any(_same(got, v) for v in own(i)), id=mistake_id)
            for mistake_id, message, _ in known]


PYTHON_FLOATS = Mistake("keep the iterates as NumPy floats (write them into np.empty(steps + 1)): with plain Python "
                        "floats x**3 raises OverflowError on a diverging run instead of giving inf",
                        lambda raised: raised.exc_type == "OverflowError", id="loop-python-floats-overflow")


def _length(got) -> int:
    return len(as_numbers(got).reshape(-1))


def _mistakes(df, x0, lr, steps, reference):
    # The right history and the wrong ones are computed only when a check fails (most answers pass).
    right = functools.lru_cache(maxsize=None)(lambda: _run(df, x0, lr, steps))
    known = [
        ("loop-gradient-ascent", "the update goes uphill: gradient descent subtracts, x <- x - lr * df(x)",
         lambda: [_run(df, x0, lr, steps, sign=+1.0)] if steps > 0 else []),
        ("history-missing-x0", "the history misses its first entry: history[0] must be the start x0, followed "
                               "by the steps updates (steps + 1 values)", lambda: [right()[1:]] if steps > 0 else []),
        ("history-missing-last-update", "the history misses the last update: keep x0 and all steps updates "
                                        "(steps + 1 values)", lambda: [right()[:-1]] if steps > 0 else []),
        ("history-one-update-too-many", "the history has one update too many: steps updates give steps + 1 values",
         lambda: [_run(df, x0, lr, steps + 1)]),
        ("loop-ignores-df-argument", "the loop must call the derivative passed as the argument `df` (the tests "
                                     "pass other functions), not the notebook's own df",
         lambda: [] if df is reference.df else [_run(reference.df, x0, lr, steps)]),
    ]

    def diverges():
        return not np.isfinite(right()).all()

    return [
        Mistake("gradient_descent must return the whole history (an array of steps + 1 values), "
                "not only the final x", lambda got: isinstance(got, (int, float, np.number)) and steps > 0,
                id="history-final-value-only"),
        Mistake("the history must be a NumPy array (np.ndarray), not a list: make it with np.empty(steps + 1) "
                "or convert the list with np.array(history)", lambda got: isinstance(got, (list, tuple)),
                id="history-not-ndarray"),
        Mistake("the history must have dtype float64 (np.empty(steps + 1) or dtype=float): an integer or float32 "
                "array rounds the iterates", lambda got: isinstance(got, np.ndarray) and got.dtype != np.float64,
                id="history-not-float64"),
        Mistake("the history stops early: a diverging run must still return steps + 1 values "
                "(inf/nan are fine, do not break out of the loop)",
                lambda got: diverges() and 0 < _length(got) < steps + 1 and _same(got, right()[:_length(got)]),
                id="history-stops-early"),
        *_precise(right, known),
    ]


def _check(student, reference, df_remote, df_local, x0, lr, steps, what="gradient_descent(df, x0, lr, steps)"):
    got = student.gradient_descent(df_remote, x0, lr, steps)
    _expect_history(got, _run(df_local, x0, lr, steps), what, {"x0": x0, "lr": lr, "steps": steps},
                    _mistakes(df_local, x0, lr, steps, reference))


def _expect_history(got, expected, what, inputs, mistakes):
    expect_close(got, expected, what=what, inputs=inputs, strict_type=True, mistakes=mistakes)
    # the values are right: the type must be too (an int or float32 array of the right values)
    expect_true(got.dtype == np.float64, f"{what}: the history has dtype {got.dtype}, not float64",
                mistake=next(m for m in mistakes if m.id == "history-not-float64"))


@pytest.mark.points(1, problem=PROBLEM)
def test_history_starts_at_x0_and_has_steps_plus_one_values(student, reference):
    """The history holds x0 first and one value per update: steps + 1 values (one value for steps = 0)."""
    df = remote_function(reference.df)
    for x0, lr, steps in [(6.0, 0.01, 5), (1.5, 0.02, 1), (-0.5, 0.01, 0), (4.0, 0.005, 20)]:
        _check(student, reference, df, reference.df, x0, lr, steps)


@pytest.mark.points(2, problem=PROBLEM)
def test_history_matches_reference_for_random_starts_rates_and_steps(student, reference, rng):
    """The loop matches the reference for several derivatives, starts, rates and step counts."""
    cases = [(remote_function(reference.df), reference.df, rng.uniform(-1.0, 4.5), rng.uniform(0.001, 0.02))
             for _ in range(4)]
    cases += [(remote_function(df_parabola), df_parabola, rng.uniform(-10, 10), rng.uniform(0.05, 0.9))
              for _ in range(3)]
    cases += [(remote_function(df_wave), df_wave, rng.uniform(-5, 5), rng.uniform(0.1, 1.0))
              for _ in range(2)]
    for remote, local, x0, lr in cases:
        steps = int(rng.integers(1, 150))
        _check(student, reference, remote, local, float(x0), float(lr), steps)


@pytest.mark.points(1, problem=PROBLEM)
def test_seed_run_from_6_with_lr_001_converges_to_the_minimum_2_25(student, reference):
    """From 6 with lr = 0.01 the 1000-step run ends at the global minimum 2.25."""
    got = student.gradient_descent(remote_function(reference.df), 6.0, 0.01, 1000)
    expected = reference.gradient_descent(reference.df, 6.0, 0.01, 1000)
    _expect_history(got, expected, "gradient_descent(df, x0=6.0, lr=0.01, steps=1000)", None,
                    _mistakes(reference.df, 6.0, 0.01, 1000, reference))
    expect_true(abs(float(got[-1]) - 2.25) < 1e-6,
                "the run from x0 = 6 with lr = 0.01 must end next to the global minimum 2.25")


@pytest.mark.points(1, problem=PROBLEM)
def test_default_arguments_are_x0_6_lr_001_and_1000_steps(student, reference):
    """The defaults are x0 = 6.0, lr = 0.01, steps = 1000."""
    got = student.gradient_descent(remote_function(reference.df))
    expected = reference.gradient_descent(reference.df)
    _expect_history(got, expected, "gradient_descent(df) with the default arguments (x0=6.0, lr=0.01, steps=1000)",
                    None, _mistakes(reference.df, 6.0, 0.01, 1000, reference))


@pytest.mark.points(2, problem=PROBLEM)
def test_diverging_learning_rates_give_inf_and_nan_without_raising(student, reference):
    """Too large a rate gives inf/nan where the reference does, with no exception."""
    df = remote_function(reference.df)
    for x0, lr, steps in [(6.0, 0.1, 12), (6.0, 0.05, 40), (6.0, 0.02, 25), (-3.0, 0.05, 30)]:
        expected = _run(reference.df, x0, lr, steps)
        _suite_check(not np.isfinite(expected).all(), f"the case x0={x0}, lr={lr} must diverge")
        with naming_raised(PYTHON_FLOATS):
            got = student.gradient_descent(df, x0, lr, steps)
        _expect_history(got, expected, "a diverging gradient_descent run (inf/nan must appear where the "
                                       "reference overflows)", {"x0": x0, "lr": lr, "steps": steps},
                        _mistakes(reference.df, x0, lr, steps, reference))


@pytest.mark.points(1, problem=PROBLEM)
def test_works_with_the_students_own_df(student, reference):
    """The loop with your own df reproduces the reference run from 6."""
    got = student.gradient_descent(student_function("df"), 6.0, 0.01, 1000)
    expected = reference.gradient_descent(reference.df, 6.0, 0.01, 1000)
    what = ("gradient_descent(your own df, x0=6.0, lr=0.01, steps=1000) (if the other loop tests pass, "
            "the loop is fine and your df is wrong: see the derivative problem)")
    _expect_history(got, expected, what, None, _mistakes(reference.df, 6.0, 0.01, 1000, reference))
