"""Public check of softmax: the worked example, large logits, a shift and a batch."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "softmax"
points = 8

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
Z = np.array([2.0, 1.0, 0.1])
WORKED = [0.65900114, 0.24243297, 0.09856589]


def checked_softmax(softmax, z):
    """softmax(z) with numpy's overflow, 0/0 and log(0) turned into errors; z must come back unchanged."""
    given = np.array(z, dtype=float)
    before = given.copy()
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            p = softmax(given)
    except FloatingPointError as error:
        expect_true(False, f"softmax({z.tolist()}) overflowed or divided 0 by 0 ({error}): shift each row by its "
                           "own maximum before np.exp")
    expect_true(np.array_equal(given, before), f"softmax changed its argument z in place (z = {z.tolist()})")
    expect_true(isinstance(p, np.ndarray), f"softmax must return an np.ndarray, got {type(p).__name__}")
    return p


@test_case(hidden=False, points=3, failure_message=f"softmax of the worked example [2.0, 1.0, 0.1] {REMINDER}")
def worked_example(softmax):
    p = checked_softmax(softmax, Z)
    expect_close(p, WORKED, what="softmax(z)", inputs={"z": Z}, strict_type=True)
    expect_close(np.sum(p), 1.0, what="the sum of softmax(z)", inputs={"z": Z})
    expect_close(checked_softmax(softmax, Z + 123.4), p, what="softmax(z + 123.4) against softmax(z)", inputs={"z": Z})


@test_case(hidden=False, points=3, failure_message=f"softmax of large logits, without overflow {REMINDER}")
def large_logits(softmax):
    expect_close(checked_softmax(softmax, np.array([1000.0, 2000.0, 3000.0])), [0.0, 0.0, 1.0],
                 what="softmax([1000.0, 2000.0, 3000.0])", strict_type=True)
    expect_close(checked_softmax(softmax, np.array([-1000.0, -2000.0, -3000.0])), [1.0, 0.0, 0.0],
                 what="softmax([-1000.0, -2000.0, -3000.0])", strict_type=True)


@test_case(hidden=False, points=2, failure_message=f"softmax of a batch, row by row {REMINDER}")
def a_batch(softmax):
    P = checked_softmax(softmax, np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]]))
    expect_equal(np.shape(P), (2, 3), what="shape of softmax of a (2, 3) batch")
    expect_close(np.sum(P, axis=1), [1.0, 1.0], what="the row sums of softmax of a (2, 3) batch (each ROW sums to 1)")
    expect_close(P[1], [1 / 3, 1 / 3, 1 / 3], what="softmax of the row [0, 0, 0]")
    mixed = np.array([[2.0, 1.0, 0.1], [1000.0, 2000.0, 3000.0]])
    expect_close(checked_softmax(softmax, mixed), [WORKED, [0.0, 0.0, 1.0]], strict_type=True,
                 what="softmax of the batch [[2, 1, 0.1], [1000, 2000, 3000]] (each row shifted by ITS OWN maximum)")
