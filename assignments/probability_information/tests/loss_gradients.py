"""Public check of mse_loss_and_grad and ce_loss_and_grad."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close

name = "loss_gradients"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"both losses for y = 1 and a prediction of 0.01 {REMINDER}")
def confident_mistake(mse_loss_and_grad, ce_loss_and_grad):
    mse, mse_grad = mse_loss_and_grad(1.0, 0.01)
    expect_close(mse, 0.9801, what="the MSE loss")
    expect_close(mse_grad, -1.98, what="the MSE gradient")
    ce, ce_grad = ce_loss_and_grad(1.0, 0.01)
    expect_close(ce, 4.60517019, what="the cross-entropy loss")
    expect_close(ce_grad, -100.0, what="the cross-entropy gradient")
    mse, mse_grad = mse_loss_and_grad(np.array([1.0, 0.0]), np.array([0.01, 0.5]))
    expect_close(mse_grad, [-1.98, 1.0], what="the MSE gradients of two examples (elementwise: not divided by 2)")


@test_case(hidden=False, points=2, failure_message=f"the cross-entropy of an array of two examples {REMINDER}")
def element_wise(ce_loss_and_grad):
    losses, grads = ce_loss_and_grad(np.array([1.0, 0.0]), np.array([0.8, 0.8]))
    expect_close(losses, [-np.log(0.8), -np.log(0.2)], what="the losses for y = [1, 0] and y_hat = [0.8, 0.8]")
    expect_close(grads, [-1 / 0.8, 1 / 0.2], what="the gradients (for y = 0 it is 1 / (1 - y_hat))")
    loss, grad = ce_loss_and_grad(1.0, 1e-10)
    expect_close(loss, 23.02585093, what="the loss for y_hat = 1e-10 (exact: no clipping)")
    expect_close(grad, -1e10, what="the gradient for y_hat = 1e-10 (exact: no clipping)")
