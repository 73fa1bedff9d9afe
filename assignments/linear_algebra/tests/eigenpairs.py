"""Public check of symmetric_eigenpairs and eigen_residuals."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close

name = "eigenpairs"
points = 6

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=4, failure_message=f"the eigenpairs of the two symmetric examples {REMINDER}")
def eigenpairs_of_the_examples(symmetric_eigenpairs):
    A = np.array([[4.0, 2.0], [2.0, 3.0]])
    values, vectors = symmetric_eigenpairs(A)
    expect_close(values, [(7 - np.sqrt(17)) / 2, (7 + np.sqrt(17)) / 2], what="the eigenvalues of A (ascending)",
                 inputs={"A": A})
    for i in range(2):
        v = vectors[:, i]
        expect_close(np.linalg.norm(v), 1.0, what=f"the length of eigenvector {i}")
        expect_close(A @ v, values[i] * v, what=f"A v against lambda v for eigenpair {i}")
    values, vectors = symmetric_eigenpairs(np.array([[2.0, 1.0], [1.0, 2.0]]))
    expect_close(values, [1.0, 3.0], what="the eigenvalues of [[2, 1], [1, 2]]")
    expect_close(np.abs(vectors[:, 1]), [1 / np.sqrt(2)] * 2, what="|eigenvector| of 3 for [[2, 1], [1, 2]]")
    T = np.array([[2.0, 1.0, 0.0], [1.0, 2.0, 1.0], [0.0, 1.0, 2.0]])
    values, vectors = symmetric_eigenpairs(T)
    expect_close(values, [2 - np.sqrt(2), 2.0, 2 + np.sqrt(2)], what="the eigenvalues of T (ascending)", inputs={"T": T})
    for i in range(3):
        expect_close(T @ vectors[:, i], values[i] * vectors[:, i],
                     what=f"T v against lambda v for COLUMN {i} of the eigenvectors", inputs={"T": T})


@test_case(hidden=False, points=2, failure_message=f"the residuals of two candidate eigenpairs {REMINDER}")
def residuals(eigen_residuals):
    M = np.array([[0.0, 3.0], [2.0, 1.0]])
    expect_close(eigen_residuals(M, np.array([3.0, 1.0]), np.array([[1.0, 1.0], [1.0, 0.0]])), [0.0, np.sqrt(5)],
                 what="eigen_residuals of M = [[0, 3], [2, 1]] for the values [3, 1]")
