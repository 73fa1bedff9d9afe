"""Public check of log_softmax: the worked example, large logits and a batch."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close

name = "log_softmax"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
Z = np.array([2.0, 1.0, 0.1])


@test_case(hidden=False, points=2, failure_message=f"log_softmax of the worked example {REMINDER}")
def worked_example(log_softmax):
    lp = log_softmax(Z)
    expect_close(lp, [-0.41703002, -1.41703002, -2.31703002], what="log_softmax(z)", inputs={"z": Z})
    expect_close(np.exp(lp), [0.6590011388859679, 0.24243297070471392, 0.09856589040931818],
                 what="exp(log_softmax(z)), which is softmax(z)", inputs={"z": Z})


@test_case(hidden=False, points=2, failure_message=f"log_softmax of large logits and of a batch {REMINDER}")
def large_logits_and_a_batch(log_softmax):
    expect_close(log_softmax(np.array([1000.0, 2000.0, 3000.0])), [-2000.0, -1000.0, 0.0],
                 what="log_softmax([1000.0, 2000.0, 3000.0]) (finite values expected)")
    expect_close(log_softmax(np.array([[0.0, 1000.0], [1.0, 1.0]])), [[-1000.0, 0.0], [np.log(0.5), np.log(0.5)]],
                 what="log_softmax of the batch [[0, 1000], [1, 1]]")
