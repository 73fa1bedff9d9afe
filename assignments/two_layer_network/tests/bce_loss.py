"""Public check of bce_loss: exercise B4, worked example 2, shapes, clipping and eps."""

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
    b4 = bce_loss(np.array([1, 0, 1, 0]), np.array([0.9, 0.2, 0.7, 0.1]))
    expect_true(isinstance(b4, (float, np.floating)),
                f"bce_loss must return one float, not {type(b4).__name__} (no array, even of one number)")
    expect_close(b4, 0.197635, atol=1e-6, what="exercise B4")
    expect_close(bce_loss(np.array([1, 0, 1]), np.array([0.8, 0.3, 0.6])), 0.3635, atol=1e-4,
                 what="worked example 2")
    column = bce_loss(np.array([[1], [0], [1], [0]]), np.array([[0.9], [0.2], [0.7], [0.1]]))
    expect_true(isinstance(column, (float, np.floating)),
                f"bce_loss of (N, 1) columns must return one float too, not {type(column).__name__}")


@test_case(hidden=False, points=3, failure_message=f"label shapes (N,) and (N, 1), clipping and eps {REMINDER}")
def shapes_and_clipping(bce_loss):
    expect_close(bce_loss(Y_DEMO, A2_DEMO), 0.8801641286678082, what="the loss of the demo batch")
    expect_close(bce_loss(Y_DEMO.ravel(), A2_DEMO), 0.8801641286678082,
                 what="the loss of the demo batch with labels of shape (5,) and A2 of shape (5, 1)")
    y_hat = np.array([0.0, 0.0])
    zero = bce_loss(np.array([1.0, 0.0]), y_hat)
    expect_true(np.isfinite(zero), f"a prediction of exactly 0 must give a finite loss (clip before the log), "
                                   f"got {zero}")
    expect_true(np.array_equal(y_hat, [0.0, 0.0]), f"bce_loss changed its argument y_hat: it is now {y_hat} "
                                                   f"(clip a copy)")
    expect_close(bce_loss(np.array([1.0]), np.array([1e-14])), -np.log(1e-12), rtol=1e-3,
                 what="a prediction of 1e-14 for a positive sample (clipped up to eps = 1e-12)")
    expect_close(bce_loss(np.array([1.0]), np.array([0.0]), eps=1e-4), -np.log(1e-4), rtol=1e-3,
                 what="bce_loss(y, y_hat, eps=1e-4) for a prediction of 0 (clipped up to eps)")
