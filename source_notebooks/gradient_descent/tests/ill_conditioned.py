"""Public check of Problem 5 (ill_conditioned): paths from (1.8, 1.5) on x^2 + 10 y^2."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "ill_conditioned"
points = 10

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
START = (1.8, 1.5)


@test_case(hidden=False, points=5, failure_message=f"the gradient and the paths from (1.8, 1.5) {REMINDER}")
def gradient_and_paths(grad_ill, gd_path):
    g = grad_ill(np.array([1.8, 1.5]))
    expect_true(isinstance(g, np.ndarray) and g.dtype == np.float64,
                f"grad_ill must return a float64 NumPy array, not {type(g).__name__}")
    expect_close(g, [3.6, 30.0], what="grad_ill(np.array([1.8, 1.5]))")
    for lr in (0.01, 0.05, 0.1):
        path = gd_path(grad_ill, START, lr, 50)
        expect_true(isinstance(path, np.ndarray), f"gd_path must return a NumPy array, not {type(path).__name__}")
        expect_equal(path.shape, (51, 2), what=f"shape of the path of 50 steps with lr = {lr}")
        expect_close(path[0], START, what=f"the first point of the path with lr = {lr}")
    expect_close(gd_path(grad_ill, START, 0.01, 50)[1], [1.764, 1.2], what="the second point with lr = 0.01")
    expect_close(gd_path(grad_ill, START, 0.1, 50)[-1, 1], 1.5, what="y of the last point with lr = 0.1")
    start = np.array(START)
    gd_path(grad_ill, start, 0.05, 3)
    expect_true(np.array_equal(start, START), "gd_path must not change the start array it was given")


@test_case(hidden=False, points=5, failure_message=f"the behaviour of the learning rates {REMINDER}")
def behaviours(classify_lr):
    expect_equal([classify_lr(lr) for lr in (0.01, 0.05, 0.1)], ["converges", "converges", "oscillates"],
                 what="classify_lr of 0.01, 0.05 and 0.1")
    expect_equal(classify_lr(0.15), "diverges", what="classify_lr(0.15)")
    expect_equal(classify_lr(0.5, [4.0, 0.5]), "oscillates", what="classify_lr(0.5, [4.0, 0.5]) (lr * L = 2)")
    expect_equal(classify_lr((2 + 5e-10) / 20), "oscillates", what="classify_lr for lr * 20 = 2 + 5e-10 (within 1e-9)")
    expect_equal(classify_lr((2 + 1e-6) / 20), "diverges", what="classify_lr for lr * 20 = 2 + 1e-6 (beyond 1e-9)")
    expect_equal(classify_lr((2 + 5e-10) * 1000, [0.001]), "oscillates",
                 what="classify_lr for lr * L = 2 + 5e-10 with L = 0.001 (the tolerance is on the product lr * L)")
