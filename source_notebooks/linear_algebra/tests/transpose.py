"""Public check of transpose and transpose_of_product."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "transpose"
points = 3

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the transpose of the example and (AB)^T = B^T A^T {REMINDER}")
def transposes(transpose, transpose_of_product):
    A = np.array([[1, 2, 3], [4, 5, 6]])
    expect_close(transpose(A), [[1, 4], [2, 5], [3, 6]], rtol=0, atol=0, what="transpose(A)", inputs={"A": A})
    rng = np.random.default_rng(1)
    B = rng.normal(size=(3, 4))
    expect_close(transpose_of_product(A, B), (A @ B).T, what="transpose_of_product(A, B) against (A @ B).T",
                 inputs={"A": A, "B": B})
    S, T = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    expect_close(transpose_of_product(S, T), (S @ T).T, what="transpose_of_product(S, T) against (S @ T).T",
                 inputs={"S": S, "T": T})
    expect_true(not np.allclose(transpose_of_product(S, T), S.T @ T.T),
                "transpose_of_product(S, T) equals S.T @ T.T: the order must reverse, (ST)^T = T^T S^T")
