"""Hidden tests for problem `svd_rank1`: low-rank approximations from the SVD.

Contracts (M of shape (m, n); 1 <= k <= min(m, n)):
- rank1_approximation(M) = s_1 u_1 v_1^T, an (m, n) array.
- rank_k_approximation(M, k) = sum_{i <= k} s_i u_i v_i^T (the best rank-k approximation).
- approximation_error(M, k) = ||M - M_k||_F (Frobenius norm), = sqrt(s_{k+1}^2 + ... ).
Singular vectors are defined up to sign, so only the reconstructions are compared.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "svd_rank1"


def _approximation_mistakes(M, k):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)

    def close(value):
        return lambda got: as_numbers(got).shape == value.shape and np.allclose(as_numbers(got), value, atol=1e-8)

    mistakes = [
        Mistake("the singular value is missing: the rank-1 term is s_1 * outer(u_1, v_1)",
                close(U[:, :k] @ Vt[:k, :])),
        Mistake("the SMALLEST singular values were used: np.linalg.svd sorts them largest first, so keep the "
                "first k", close((U[:, -k:] * s[-k:]) @ Vt[-k:, :])),
    ]
    if k == 1:
        mistakes.append(Mistake("u_1 is the first COLUMN of U and v_1 the first ROW of Vt (U[:, 0] and Vt[0, :]); "
                                "you used a row of U or a column of Vt",
                                lambda got: any(np.allclose(as_numbers(got), value, atol=1e-8) for value in _wrong_slices(M))))
    if k > 1:
        mistakes.append(Mistake("this is the rank-1 approximation: keep the first k singular triplets",
                                close(s[0] * np.outer(U[:, 0], Vt[0, :]))))
        mistakes.append(Mistake(f"this keeps k - 1 = {k - 1} singular triplets: keep k",
                                close((U[:, :k - 1] * s[:k - 1]) @ Vt[:k - 1, :])))
        mistakes.append(Mistake("only the k-th singular triplet was kept: sum the first k",
                                close(s[k - 1] * np.outer(U[:, k - 1], Vt[k - 1, :]))))
    return mistakes


def _wrong_slices(M):
    """Rank-1 terms built from a row of U and/or a column of Vt (full SVD: U (m, m), Vt (n, n))."""
    U, s, Vt = np.linalg.svd(M, full_matrices=True)
    return [s[0] * np.outer(U[0, :], Vt[0, :]), s[0] * np.outer(U[:, 0], Vt[:, 0]),
            s[0] * np.outer(U[0, :], Vt[:, 0])]


@pytest.mark.points(1, problem=PROBLEM)
def test_rank1_approximation_of_the_chapter_matrix(student, reference):
    """M = [[1, 2, 3], [4, 5, 6]] is approximated by [[1.57, 2.08, 2.59], [3.76, 4.97, 6.17]]."""
    M = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    expect_close(student.rank1_approximation(M), reference.rank1_approximation(M), what="rank1_approximation(M)",
                 inputs={"M": M}, atol=1e-9, mistakes=_approximation_mistakes(M, 1))


@pytest.mark.points(1, problem=PROBLEM)
def test_rank1_approximation_of_random_tall_wide_and_square_matrices(student, reference, rng):
    """Random (m, n) matrices; the reconstruction is compared, so either sign of u_1, v_1 is fine."""
    for shape in [(3, 3), (6, 2), (2, 7), (5, 4), (1, 4), (4, 1)]:
        M = rng.normal(size=shape)
        expect_close(student.rank1_approximation(M), reference.rank1_approximation(M),
                     what=f"rank1_approximation(M) for M of shape {shape}", inputs={"M": M}, atol=1e-9,
                     mistakes=_approximation_mistakes(M, 1))


@pytest.mark.points(1, problem=PROBLEM)
def test_a_rank_one_matrix_is_its_own_rank1_approximation(student, rng):
    """M = outer(a, b) has one non-zero singular value: the rank-1 approximation returns M itself."""
    for m, n in [(3, 4), (5, 2)]:
        M = np.outer(rng.normal(size=m), rng.normal(size=n))
        expect_close(student.rank1_approximation(M), M, what="rank1_approximation(outer(a, b))", inputs={"M": M},
                     atol=1e-9, mistakes=_approximation_mistakes(M, 1))


@pytest.mark.points(1, problem=PROBLEM)
def test_rank_k_approximation_for_every_k(student, reference, rng):
    """k = 1 .. min(m, n); k = min(m, n) gives M back."""
    for shape in [(4, 3), (3, 5), (6, 6)]:
        M = rng.normal(size=shape)
        for k in range(1, min(shape) + 1):
            expect_close(student.rank_k_approximation(M, k), reference.rank_k_approximation(M, k),
                         what=f"rank_k_approximation(M, k={k}) for M of shape {shape}", inputs={"M": M, "k": k},
                         atol=1e-9, mistakes=_approximation_mistakes(M, k))


def _error_mistakes(M, k):
    s = np.linalg.svd(M, compute_uv=False)
    frobenius = float(np.sqrt(np.sum(s[k:] ** 2)))

    def near(value):
        return lambda got: np.isclose(float(as_numbers(got)), value, rtol=1e-6, atol=1e-9)

    mistakes = [Mistake("approximation_error returned the squared Frobenius norm: take the square root",
                        near(frobenius ** 2))]
    if k < len(s):
        mistakes.append(Mistake("approximation_error returned the spectral norm s_(k+1): the contract asks for "
                                "the Frobenius norm ||M - M_k||_F = sqrt(s_(k+1)^2 + ...)", near(float(s[k]))))
    if k + 1 <= len(s):
        mistakes.append(Mistake("approximation_error is off by one in k: the error of the rank-k approximation "
                                "leaves out s_1 .. s_k", near(float(np.sqrt(np.sum(s[k - 1:] ** 2))))))
    mistakes.append(Mistake("approximation_error returned the relative error: the contract asks for "
                            "||M - M_k||_F itself", near(frobenius / float(np.linalg.norm(M)))))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_approximation_error_is_the_frobenius_norm_of_the_residual(student, reference, rng):
    """||M - M_k||_F for k = 1 .. min(m, n) (0 at full rank), on the chapter's matrix and random ones."""
    cases = [np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])] + [rng.normal(size=shape) for shape in [(5, 3), (3, 3)]]
    for M in cases:
        for k in range(1, min(M.shape) + 1):
            expect_close(student.approximation_error(M, k), reference.approximation_error(M, k),
                         what=f"approximation_error(M, k={k})", inputs={"M": M, "k": k}, rtol=1e-6,
                         atol=1e-9 * float(np.linalg.norm(M)), mistakes=_error_mistakes(M, k))
