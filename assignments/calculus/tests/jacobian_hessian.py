"""Public check of jacobian, hessian, classify_definiteness and condition_number."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "jacobian_hessian"
points = 10

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=4, failure_message=f"the Jacobian at (2, 3) and the Hessians of the text {REMINDER}")
def derivatives(jacobian, hessian):
    J = jacobian([2.0, 3.0])
    expect_true(isinstance(J, np.ndarray), f"jacobian must return a NumPy array, not {type(J).__name__}")
    expect_close(J, [[4, 0], [3, 2], [0, 6]], what="jacobian([2.0, 3.0])")
    expect_equal(np.shape(jacobian([1.0, 1.0])), (3, 2), what="shape of jacobian([1.0, 1.0])")
    H = hessian()
    expect_true(isinstance(H, np.ndarray), f"hessian must return a NumPy array, not {type(H).__name__}")
    expect_close(H, [[2, 4], [4, 2]], what="hessian() of x^2 + 4xy + y^2")
    expect_close(hessian(0.5, -1.0, 3.0), [[1, -1], [-1, 6]], what="hessian(0.5, -1.0, 3.0)")


@test_case(hidden=False, points=6, failure_message=f"definiteness and condition numbers {REMINDER}")
def definiteness(classify_definiteness, condition_number):
    H = np.array([[2.0, 4.0], [4.0, 2.0]])
    for matrix, expected in ((H, "indefinite"), (np.diag([1.0, 3.0]), "positive definite"),
                             (-np.eye(3), "negative definite"),
                             (np.array([[1.0, 1.0], [1.0, 1.0]]), "positive semidefinite"),
                             (np.diag([-2.0, 0.0]), "negative semidefinite"),
                             (np.zeros((2, 2)), "positive semidefinite")):
        expect_equal(classify_definiteness(matrix), expected, what="classify_definiteness(H)", inputs={"H": matrix})
    # with tol = 0.25 an eigenvalue equal to 0.25 counts as zero
    expect_equal(classify_definiteness(np.diag([0.25, 3.0]), 0.25), "positive semidefinite",
                 what="classify_definiteness(diag(0.25, 3), tol=0.25)")
    expect_close(condition_number(H), 3.0, what="condition_number(H)", inputs={"H": H})
    expect_close(condition_number(np.diag([1.0, 100.0])), 100.0, what="condition_number(diag(1, 100))")
    expect_equal(condition_number(np.diag([1.0, 0.0])), float("inf"), what="condition_number(diag(1, 0))")
    expect_equal(condition_number(np.diag([0.25, 2.0]), 0.25), float("inf"),
                 what="condition_number(diag(0.25, 2), tol=0.25)")
