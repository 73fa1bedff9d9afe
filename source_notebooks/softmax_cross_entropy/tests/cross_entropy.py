"""Public check of cross_entropy_loss: the worked example, a batch, a zero probability and eps."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "cross_entropy"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# softmax([2.0, 1.0, 0.1]) of the worked example, written here so that this check needs only your own functions
PROBS = np.array([0.6590011388859679, 0.24243297070471392, 0.09856589040931818])


def checked_loss(cross_entropy_loss, probs, y, **eps):
    """The loss with numpy's log(0) and 0/0 turned into errors; probs must come back unchanged."""
    given = np.array(probs, dtype=float)
    before = given.copy()
    try:
        with np.errstate(divide="raise", invalid="raise"):
            loss = cross_entropy_loss(given, y, **eps)
    except FloatingPointError as error:
        expect_true(False, f"cross_entropy_loss took the log of 0 ({error}): clip probs to [eps, 1] BEFORE np.log")
    expect_true(np.array_equal(given, before), "cross_entropy_loss changed its argument probs in place")
    return loss


@test_case(hidden=False, points=3, failure_message=f"the losses of the worked example and of a batch of two {REMINDER}")
def worked_example_and_batch(cross_entropy_loss):
    expect_close(checked_loss(cross_entropy_loss, PROBS, 0), 0.41703002, what="the loss of the worked example (y = 0)",
                 inputs={"probs": PROBS, "y_true": 0})
    P = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    expect_close(checked_loss(cross_entropy_loss, P, np.array([0, 2])), (-np.log(0.7) - np.log(0.8)) / 2,
                 what="the batch loss (the MEAN over the rows)", inputs={"probs": P, "y_true": np.array([0, 2])})


@test_case(hidden=False, points=2, failure_message=f"the loss of a zero probability, with the eps given {REMINDER}")
def zero_probability(cross_entropy_loss):
    expect_close(checked_loss(cross_entropy_loss, np.array([1.0, 0.0, 0.0]), 1), -np.log(1e-15),
                 what="the loss when the true class has probability 0 (clip at eps = 1e-15)")
    expect_close(checked_loss(cross_entropy_loss, np.array([1.0, 0.0, 0.0]), 1, eps=1e-3), -np.log(1e-3),
                 what="cross_entropy_loss([1, 0, 0], 1, eps=1e-3) (clip at the eps given)")
