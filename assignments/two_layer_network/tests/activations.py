"""Public check of relu and sigmoid on the chapter's values."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "activations"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
Z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])


@test_case(hidden=False, points=2, failure_message=f"relu on the values of the text {REMINDER}")
def relu_values(relu):
    z = Z.copy()
    got = relu(z)
    expect_true(np.array_equal(z, Z), f"relu changed its argument: z is now {z} (work on a new array)")
    expect_true(isinstance(got, np.ndarray), f"relu must return a NumPy array, not {type(got).__name__}")
    expect_close(got, [0.0, 0.0, 0.0, 0.5, 2.0], rtol=0, atol=0, what="relu(z)", inputs={"z": Z})
    expect_equal(np.shape(relu(np.zeros((2, 3)))), (2, 3), what="shape of relu(np.zeros((2, 3)))")


@test_case(hidden=False, points=3, failure_message=f"sigmoid on the chapter's values and at +-1000 {REMINDER}")
def sigmoid_values(sigmoid):
    expect_close(sigmoid(np.array([0.0])), [0.5], what="sigmoid(np.array([0.0]))")
    expect_close(sigmoid(np.array([0.97, 0.03])), [0.725, 0.507], atol=1e-3,
                 what="sigmoid of the chapter's values 0.97 and 0.03")
    z = Z.copy()
    expect_close(sigmoid(-z), 1 - sigmoid(z), what="sigmoid(-z) against 1 - sigmoid(z)", inputs={"z": Z})
    expect_true(np.array_equal(z, Z), f"sigmoid changed its argument: z is now {z} (work on a new array)")
    # an overflow (or an inf / inf) inside sigmoid becomes an error here, as the hidden tests count any warning
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        extreme = sigmoid(np.array([[-1000.0, 1000.0]]))
    expect_close(extreme, [[0.0, 1.0]], what="sigmoid(np.array([[-1000.0, 1000.0]]))")
