"""Public check of bce_loss: exercise B4, worked example 2, shapes and clipping."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "bce_loss"
points = 7

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The labels of the demo batch (the notebook's y_demo) and the output A2 = forward(X_demo, init_params(42)) of
# Problem 3, written here so that this check needs only your bce_loss.
Y_DEMO = np.array([[1], [0], [1], [0], [1]])
A2_DEMO = np.array([[0.6275858858672627], [0.5937276390004356], [0.5033609562696769], [0.8107749648201017],
                    [0.5051255219375346]])


@test_case(hidden=False, points=4, failure_message=f"the losses of exercise B4 and worked example 2 {REMINDER}")
def losses_of_the_text(bce_loss):
    expect_close(bce_loss(np.array([1, 0, 1, 0]), np.array([0.9, 0.2, 0.7, 0.1])), 0.197635, atol=1e-6,
                 what="exercise B4")
    expect_close(bce_loss(np.array([1, 0, 1]), np.array([0.8, 0.3, 0.6])), 0.3635, atol=1e-4,
                 what="worked example 2")


@test_case(hidden=False, points=3, failure_message=f"label shapes (N,) and (N, 1), and a prediction of 0 {REMINDER}")
def shapes_and_clipping(bce_loss):
    expect_close(bce_loss(Y_DEMO, A2_DEMO), 0.8801641286678082, what="the loss of the demo batch")
    expect_close(bce_loss(Y_DEMO.ravel(), A2_DEMO), 0.8801641286678082,
                 what="the loss of the demo batch with labels of shape (5,) and A2 of shape (5, 1)")
    zero = bce_loss(np.array([1.0, 0.0]), np.array([0.0, 0.0]))
    expect_true(np.isfinite(zero), f"a prediction of exactly 0 must give a finite loss (clip before the log), "
                                   f"got {zero}")
