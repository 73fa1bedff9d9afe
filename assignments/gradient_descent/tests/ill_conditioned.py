"""Public check of Problem 5 (ill_conditioned): paths from (1.8, 1.5) on x^2 + 10 y^2."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal

name = "ill_conditioned"
points = 8

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
START = (1.8, 1.5)


@test_case(hidden=False, points=4, failure_message=f"the gradient and the paths from (1.8, 1.5) {REMINDER}")
def gradient_and_paths(grad_ill, gd_path):
    expect_close(grad_ill(np.array([1.8, 1.5])), [3.6, 30.0], what="grad_ill(np.array([1.8, 1.5]))")
    for lr in (0.01, 0.05, 0.1):
        path = gd_path(grad_ill, START, lr, 50)
        expect_equal(np.shape(path), (51, 2), what=f"shape of the path of 50 steps with lr = {lr}")
        expect_close(path[0], START, what=f"the first point of the path with lr = {lr}")
    expect_close(gd_path(grad_ill, START, 0.01, 50)[1], [1.764, 1.2], what="the second point with lr = 0.01")
    expect_close(gd_path(grad_ill, START, 0.1, 50)[-1, 1], 1.5, what="y of the last point with lr = 0.1")


@test_case(hidden=False, points=4, failure_message=f"the behaviour of the three learning rates {REMINDER}")
def behaviours(classify_lr):
    expect_equal([classify_lr(lr) for lr in (0.01, 0.05, 0.1)], ["converges", "converges", "oscillates"],
                 what="classify_lr of 0.01, 0.05 and 0.1")
    expect_equal(classify_lr(0.15), "diverges", what="classify_lr(0.15)")
