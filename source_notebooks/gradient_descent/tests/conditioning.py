"""Public check of Problem 6 (conditioning): iterations for kappa = 1, 10, 100 and three edge cases."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_equal

name = "conditioning"
points = 7

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The gradient (2x, 20y) of x^2 + 10y^2 (Problem 5), written here so that this check needs only your functions
GRAD = lambda p: np.array([2.0 * p[0], 20.0 * p[1]])


@test_case(hidden=False, points=4, failure_message=f"the iteration counts of the worked example {REMINDER}")
def counts_of_the_worked_example(iterations_for_kappa):
    counts = {kappa: iterations_for_kappa(kappa) for kappa in (1, 10, 100)}
    expect_equal(counts, {1: 1, 10: 138, 100: 1444}, what="iterations from (1, 1) for kappa = 1, 10, 100")


@test_case(hidden=False, points=3, failure_message=f"a start at the minimum, too few steps, divergence {REMINDER}")
def edge_cases(iterations_to_converge):
    expect_equal(iterations_to_converge(GRAD, (0.0, 0.0), 0.01), 0, what="a start at the minimum")
    expect_equal(iterations_to_converge(GRAD, (1.0, 1.0), 0.01, max_iter=5), -1, what="max_iter=5")
    expect_equal(iterations_to_converge(GRAD, (1.0, 1.0), 0.2), -1, what="lr = 0.2, a diverging run")
