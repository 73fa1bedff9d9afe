"""Public check of bce_loss: exercise B4, worked example 2, shapes and clipping."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "bce_loss"
points = 7

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=4, failure_message=f"the losses of exercise B4 and worked example 2 {REMINDER}")
def losses_of_the_text(bce_loss):
    expect_close(bce_loss(np.array([1, 0, 1, 0]), np.array([0.9, 0.2, 0.7, 0.1])), 0.197635, atol=1e-6,
                 what="exercise B4")
    expect_close(bce_loss(np.array([1, 0, 1]), np.array([0.8, 0.3, 0.6])), 0.3635, atol=1e-4,
                 what="worked example 2")


@test_case(hidden=False, points=3, failure_message=f"label shapes (N,) and (N, 1), and a prediction of 0 {REMINDER}")
def shapes_and_clipping(bce_loss, forward, init_params, X_demo, y_demo):
    A2, _ = forward(X_demo, init_params(42))
    expect_close(bce_loss(y_demo.ravel(), A2), bce_loss(y_demo, A2),
                 what="the loss with labels of shape (5,) against labels of shape (5, 1)")
    zero = bce_loss(np.array([1.0, 0.0]), np.array([0.0, 0.0]))
    expect_true(np.isfinite(zero), f"a prediction of exactly 0 must give a finite loss (clip before the log), "
                                   f"got {zero}")
