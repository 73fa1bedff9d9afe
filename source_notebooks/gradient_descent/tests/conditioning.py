"""Public check of Problem 6 (conditioning): iterations for kappa = 1, 10, 100 and a few edge cases."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_equal, expect_true

name = "conditioning"
points = 10

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The gradient (2x, 20y) of x^2 + 10y^2 (Problem 5), written here so that this check needs only your functions
GRAD = lambda p: np.array([2.0 * p[0], 20.0 * p[1]])


def is_count(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


@test_case(hidden=False, points=5, failure_message=f"the iteration counts of the worked example {REMINDER}")
def counts_of_the_worked_example(iterations_for_kappa):
    counts = {kappa: iterations_for_kappa(kappa) for kappa in (1, 10, 100)}
    expect_true(all(is_count(count) for count in counts.values()), f"the counts must be ints: {counts}")
    expect_equal(counts, {1: 1, 10: 138, 100: 1444}, what="iterations from (1, 1) for kappa = 1, 10, 100")
    expect_equal(iterations_for_kappa(10, (0.0, 0.0)), 0, what="iterations_for_kappa(10, start=(0, 0)), at the minimum")
    loose = iterations_for_kappa(10, (1.0, 1.0), 1e-3)
    expect_true(is_count(loose) and 0 < loose < 138, f"with tol = 1e-3 kappa = 10 needs fewer than the 138 iterations of "
                                                     f"tol = 1e-6, got {loose}")
    large = iterations_for_kappa(1000)
    expect_true(large > 10_000, f"kappa = 1000 needs more than 10 000 updates (max_iter = 100_000), got {large}")


@test_case(hidden=False, points=5, failure_message=f"a start at the minimum, too few steps, divergence {REMINDER}")
def edge_cases(iterations_to_converge):
    expect_equal(iterations_to_converge(GRAD, (0.0, 0.0), 0.01), 0, what="a start at the minimum")
    expect_equal(iterations_to_converge(GRAD, (1.0, 1.0), 0.01, max_iter=5), -1, what="max_iter=5")
    expect_equal(iterations_to_converge(GRAD, (1.0, 1.0), 0.2), -1, what="lr = 0.2, a diverging run (nan never passes)")
    expect_equal(iterations_to_converge(GRAD, (0.0, 0.25), 0.1, tol=5.0, max_iter=50), -1,
                 what="every gradient norm exactly 5 = tol (the test is strict: 5 < 5 is false)")
    expect_equal(iterations_to_converge(GRAD, (0.0, 0.0), 0.01, max_iter=0), 0,
                 what="max_iter = 0 at the minimum (the start itself is checked)")
    expect_equal(iterations_to_converge(GRAD, (3e-7, 4e-8), 0.01, tol=1.2e-6), 0,
                 what="a start whose gradient (6e-7, 8e-7) has Euclidean norm 1e-6 < tol = 1.2e-6")
    start = np.array([1.0, 1.0])
    iterations_to_converge(GRAD, start, 0.01)
    expect_true(np.array_equal(start, [1.0, 1.0]), "iterations_to_converge must not change the start array")
