"""Public check of softmax_ce_gradient: the worked example and batches of two and of one."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close

name = "gradient"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# softmax([2.0, 1.0, 0.1]) of the worked example, written here so that this check needs only your own functions
PROBS = np.array([0.6590011388859679, 0.24243297070471392, 0.09856589040931818])


@test_case(hidden=False, points=3, failure_message=f"the gradient of the worked example {REMINDER}")
def worked_example(softmax_ce_gradient):
    p = PROBS.copy()
    before = np.array(p, copy=True)
    g = softmax_ce_gradient(p, 0)
    expect_close(g, [-0.34099886, 0.24243297, 0.09856589], what="the gradient of the worked example (y = 0)",
                 strict_type=True)
    expect_close(np.sum(g), 0.0, what="the sum of the gradient")
    expect_close(p, before, rtol=0, atol=0, what="probs after the call (it must not be modified)")


@test_case(hidden=False, points=2, failure_message=f"the gradient of a batch of two and of a batch of one {REMINDER}")
def a_batch(softmax_ce_gradient):
    P = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    G = softmax_ce_gradient(P, np.array([0, 2]))
    expect_close(G, np.array([[-0.3, 0.2, 0.1], [0.1, 0.1, -0.2]]) / 2, strict_type=True,
                 what="the batch gradient (divided by N = 2)")
    expect_close(P, [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], rtol=0, atol=0, what="probs after the call (unchanged)")
    expect_close(softmax_ce_gradient(np.array([[0.2, 0.8]]), np.array([1])), [[0.2, -0.2]], strict_type=True,
                 what="the gradient of a batch of one, probs [[0.2, 0.8]], y_true [1] (shape (1, 2), N = 1)")
