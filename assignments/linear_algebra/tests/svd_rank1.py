"""Public check of rank1_approximation, rank_k_approximation and approximation_error."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "svd_rank1"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
EXAMPLE = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


@test_case(hidden=False, points=3, failure_message=f"the rank-1 approximation of the example {REMINDER}")
def rank_one(rank1_approximation, approximation_error):
    approx = rank1_approximation(EXAMPLE)
    expect_equal(np.linalg.matrix_rank(approx), 1, what="the rank of rank1_approximation(M)", inputs={"M": EXAMPLE})
    expect_close(approx, [[1.5745, 2.0801, 2.5857], [3.7594, 4.9664, 6.1735]], atol=1e-4,
                 what="rank1_approximation(M) (to four decimals)", inputs={"M": EXAMPLE})
    expect_close(approximation_error(EXAMPLE, 1), 0.77287, atol=1e-5, what="approximation_error(M, 1)",
                 inputs={"M": EXAMPLE})
    R = np.random.default_rng(3).normal(size=(5, 4))
    U, s, Vt = np.linalg.svd(R)
    expect_close(rank1_approximation(R), s[0] * np.outer(U[:, 0], Vt[0, :]),
                 what="rank1_approximation(R) for a random 5 x 4 matrix R (column 0 of U, row 0 of Vt)")


@test_case(hidden=False, points=2, failure_message=f"more terms, smaller error {REMINDER}")
def more_terms(rank_k_approximation, approximation_error):
    expect_close(rank_k_approximation(EXAMPLE, 2), EXAMPLE, what="rank_k_approximation(M, 2), which is M itself",
                 inputs={"M": EXAMPLE})
    expect_true(approximation_error(EXAMPLE, 2) < 1e-12, "approximation_error(M, 2) must be 0 (up to rounding)")
    R = np.random.default_rng(3).normal(size=(5, 4))
    U, s, Vt = np.linalg.svd(R)
    expect_close(approximation_error(R, 1), np.sqrt(np.sum(s[1:] ** 2)),
                 what="approximation_error(R, 1) = sqrt(s_2^2 + s_3^2 + s_4^2) for a random 5 x 4 matrix R")
    errors = [approximation_error(R, k) for k in range(1, 5)]
    expect_true(all(a >= b for a, b in zip(errors, errors[1:])),
                f"the errors for k = 1 .. 4 must not grow (more terms, smaller error): {errors}")
