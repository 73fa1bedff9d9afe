"""Public check of log_softmax: the worked example, large logits and a batch."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "log_softmax"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
Z = np.array([2.0, 1.0, 0.1])
WORKED = [-0.41703002, -1.41703002, -2.31703002]


def checked_log_softmax(log_softmax, z):
    """log_softmax(z) with numpy's overflow, 0/0 and log(0) turned into errors; z must come back unchanged."""
    given = np.array(z, dtype=float)
    before = given.copy()
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            lp = log_softmax(given)
    except FloatingPointError as error:
        expect_true(False, f"log_softmax({z.tolist()}) overflowed or took log(0) ({error}): compute "
                           "(z - m) - log(sum(exp(z - m))) with m the maximum of each row")
    expect_true(np.array_equal(given, before), f"log_softmax changed its argument z in place (z = {z.tolist()})")
    return lp


@test_case(hidden=False, points=2, failure_message=f"log_softmax of the worked example {REMINDER}")
def worked_example(log_softmax):
    lp = checked_log_softmax(log_softmax, Z)
    expect_close(lp, WORKED, what="log_softmax(z)", inputs={"z": Z}, strict_type=True)
    expect_close(np.exp(lp), [0.6590011388859679, 0.24243297070471392, 0.09856589040931818],
                 what="exp(log_softmax(z)), which is softmax(z)", inputs={"z": Z})


@test_case(hidden=False, points=2, failure_message=f"log_softmax of large logits and of a batch {REMINDER}")
def large_logits_and_a_batch(log_softmax):
    expect_close(checked_log_softmax(log_softmax, np.array([1000.0, 2000.0, 3000.0])), [-2000.0, -1000.0, 0.0],
                 what="log_softmax([1000.0, 2000.0, 3000.0]) (finite values expected)", strict_type=True)
    expect_close(checked_log_softmax(log_softmax, np.array([[0.0, 1000.0], [1.0, 1.0]])),
                 [[-1000.0, 0.0], [np.log(0.5), np.log(0.5)]], what="log_softmax of the batch [[0, 1000], [1, 1]]",
                 strict_type=True)
    expect_close(checked_log_softmax(log_softmax, np.array([[2.0, 1.0, 0.1], [1000.0, 2000.0, 3000.0]])),
                 [WORKED, [-2000.0, -1000.0, 0.0]], strict_type=True,
                 what="log_softmax of the batch [[2, 1, 0.1], [1000, 2000, 3000]] (each row shifted by ITS OWN maximum)")
