"""Public check of matmul and result_shape: exercise B1, the walk-through and two shape errors."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "matmul_shapes"
points = 6

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=4, failure_message=f"matmul on the examples of the text {REMINDER}")
def products_of_the_text(matmul, result_shape):
    A, B = np.array([[2, 3], [1, -1]]), np.array([[1], [4]])
    expect_close(matmul(A, B), [[14], [-3]], what="exercise B1", inputs={"A": A, "B": B})
    left, right = np.array([[1, 2], [3, 4], [5, 6]]), np.array([[7, 8, 9], [10, 11, 12]])
    expect_close(matmul(left, right), [[27, 30, 33], [61, 68, 75], [95, 106, 117]],
                 what="the (3, 2) @ (2, 3) walk-through")
    rng = np.random.default_rng(0)
    X, W = rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    expect_close(matmul(X, W), X @ W, what="matmul(X, W) against X @ W", inputs={"X": X, "W": W})
    expect_equal(result_shape((64, 128), (128, 10)), (64, 10), strict_type=True,
                 what="result_shape((64, 128), (128, 10)) (a tuple, not a list)")


@test_case(hidden=False, points=2, failure_message=f"matmul refuses shapes that do not fit {REMINDER}")
def shapes_that_do_not_fit(matmul):
    for a, b in ((np.ones((2, 2)), np.ones((3, 1))), (np.ones((100, 5)), np.ones((100, 3)))):
        raised = False
        try:
            matmul(a, b)
        except ValueError:
            raised = True
        expect_true(raised, f"matmul must raise ValueError for the shapes {a.shape} @ {b.shape}")
