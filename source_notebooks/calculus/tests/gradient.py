"""Public check of L and grad_L."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "gradient"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the loss and its gradient at the points of the text {REMINDER}")
def loss_and_gradient(L, grad_L):
    expect_close(L([1, 1]), 4.0, what="L([1, 1])")
    gradient = grad_L([1, 1])
    expect_true(isinstance(gradient, np.ndarray), f"grad_L must return a NumPy array, not {type(gradient).__name__}")
    expect_close(gradient, [-8.0, -12.0], what="grad_L([1, 1])")
    expect_close(grad_L(np.array([1.0, 1.0])), [-8.0, -12.0], what="grad_L(np.array([1.0, 1.0]))")
    expect_close(grad_L((2.0, 1.0)), [0.0, 0.0], what="grad_L((2.0, 1.0)), on the line 2 w1 + 3 w2 = 7")
    w, h = np.array([0.3, -1.2]), 1e-6
    numeric = [(L(w + h * e) - L(w - h * e)) / (2 * h) for e in np.eye(2)]
    expect_close(grad_L(w), numeric, rtol=1e-6, atol=1e-8, what="grad_L against central differences of L",
                 inputs={"w": w})
