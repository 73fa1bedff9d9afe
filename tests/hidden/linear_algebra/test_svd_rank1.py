"""Hidden tests for problem `svd_rank1`: low-rank approximations from the SVD.

Contracts (M of shape (m, n); 1 <= k <= min(m, n); no function modifies its arguments):
- rank1_approximation(M) = s_1 u_1 v_1^T, a NumPy float array (m, n).
- rank_k_approximation(M, k) = sum_{i <= k} s_i u_i v_i^T (the best rank-k approximation), a NumPy float
  array (m, n).
- approximation_error(M, k) = ||M - M_k||_F (Frobenius norm), = sqrt(s_{k+1}^2 + ... ), a float (0 up to
  rounding for k = min(m, n)).
Singular vectors are defined up to sign, so only the reconstructions are compared; tolerances scale with
the size of M (matrices of size 1e-6 are checked as strictly as matrices of size 1).
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_unchanged

PROBLEM = "svd_rank1"


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _approximation_mistakes(M, k, function):
    # The SVD and the wrong reconstructions are computed on the first failed check only (cached thunks): most
    # answers are right, and building every reconstruction for each of them was most of this helper's time.
    svd = functools.lru_cache(maxsize=None)(lambda: np.linalg.svd(M, full_matrices=False))
    atol = 1e-8 * max(float(np.linalg.norm(M)), 1e-300)

    def close(compute):
        value = functools.lru_cache(maxsize=None)(compute)
        return lambda got: (as_numbers(got).shape == value().shape
                            and bool(np.allclose(as_numbers(got), value(), rtol=1e-6, atol=atol)))

    def terms(indices):
        U, s, Vt = svd()
        return sum((s[i] * np.outer(U[:, i], Vt[i, :]) for i in indices), np.zeros(M.shape))

    r = min(M.shape)  # the number of singular values (reduced SVD)
    mistakes = [
        Mistake(f"{function} must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                id="returns-list-not-array"),
        Mistake("the singular values are missing: each rank-1 term is s_i * outer(u_i, v_i)",
                close(lambda: svd()[0][:, :k] @ svd()[2][:k, :]), id="svd-singular-value-missing"),
        Mistake("the SMALLEST singular values were used: np.linalg.svd sorts them largest first, so keep the "
                "first k", close(lambda: terms(range(r - k, r))), id="svd-smallest-terms"),
    ]
    if k == 1:
        slices = functools.lru_cache(maxsize=None)(lambda: _wrong_slices(M))
        mistakes.append(Mistake("u_1 is the first COLUMN of U and v_1 the first ROW of Vt (U[:, 0] and Vt[0, :]); "
                                "you used a row of U or a column of Vt",
                                lambda got: any(as_numbers(got).shape == value.shape
                                                and bool(np.allclose(as_numbers(got), value, rtol=1e-6, atol=atol))
                                                for value in slices()), id="svd-wrong-slices"))
    if k > 1:
        mistakes.append(Mistake("this is the rank-1 approximation: keep the first k singular triplets",
                                close(lambda: terms([0])), id="svd-rank-one-only"))
        mistakes.append(Mistake("this keeps k - 1 singular triplets: keep k (s_1 .. s_k)",
                                close(lambda: terms(range(k - 1))), id="svd-one-term-short"))
        mistakes.append(Mistake("only the k-th singular triplet was kept: sum the first k",
                                close(lambda: terms([k - 1])), id="svd-only-kth-term"))
    if k < r:
        mistakes.append(Mistake("this keeps k + 1 singular triplets: keep the first k (indices 0 .. k-1)",
                                close(lambda: terms(range(k + 1))), id="svd-one-term-too-many"))
    return mistakes


def _wrong_slices(M):
    """Rank-1 terms built from a row of U and/or a column of Vt, from the full and the reduced SVD."""
    terms = []
    for full in (True, False):
        U, s, Vt = np.linalg.svd(M, full_matrices=full)
        terms += [s[0] * np.outer(U[0, :], Vt[0, :]), s[0] * np.outer(U[:, 0], Vt[:, 0]),
                  s[0] * np.outer(U[0, :], Vt[:, 0])]
    return terms


def _check(student, name, M, k, expected, what):
    args = (M,) if k is None else (M, k)
    atol = 1e-9 * max(float(np.linalg.norm(M)), 1e-300)
    expect_close(_call(student, name, *args), expected, what=what, inputs={"M": M} if k is None else {"M": M, "k": k},
                 atol=atol, strict_type=True, mistakes=_approximation_mistakes(M, 1 if k is None else k, name))


@pytest.mark.points(1, problem=PROBLEM)
def test_rank1_approximation_of_the_chapter_matrix(student, reference):
    """M = [[1, 2, 3], [4, 5, 6]] is approximated by [[1.57, 2.08, 2.59], [3.76, 4.97, 6.17]]."""
    M = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    _check(student, "rank1_approximation", M, None, reference.rank1_approximation(M), "rank1_approximation(M)")


@pytest.mark.points(1, problem=PROBLEM)
def test_rank1_approximation_of_random_tall_wide_and_square_matrices(student, reference, rng):
    """Random (m, n) matrices, of size 1 and of size 1e-6; the reconstruction is compared, so either sign of u_1,
    v_1 is fine."""
    for shape in [(3, 3), (6, 2), (2, 7), (5, 4), (1, 4), (4, 1), (1, 1)]:
        M = rng.normal(size=shape)
        _check(student, "rank1_approximation", M, None, reference.rank1_approximation(M),
               f"rank1_approximation(M) for M of shape {shape}")
    M = rng.normal(size=(4, 3)) * 1e-6
    _check(student, "rank1_approximation", M, None, reference.rank1_approximation(M),
           "rank1_approximation(M) for entries of size 1e-6")


@pytest.mark.points(1, problem=PROBLEM)
def test_a_rank_one_matrix_is_its_own_rank1_approximation(student, rng):
    """M = outer(a, b) has one non-zero singular value: the rank-1 approximation returns M itself."""
    for m, n in [(3, 4), (5, 2)]:
        M = np.outer(rng.normal(size=m), rng.normal(size=n))
        _check(student, "rank1_approximation", M, None, M, "rank1_approximation(outer(a, b))")


@pytest.mark.points(1, problem=PROBLEM)
def test_rank_k_approximation_for_every_k(student, reference, rng):
    """k = 1 .. min(m, n); k = min(m, n) gives M back; entries of size 1e-6 too."""
    for shape, scale in [((4, 3), 1.0), ((3, 5), 1.0), ((6, 6), 1.0), ((5, 3), 1e-6)]:
        M = rng.normal(size=shape) * scale
        for k in range(1, min(shape) + 1):
            _check(student, "rank_k_approximation", M, k, reference.rank_k_approximation(M, k),
                   f"rank_k_approximation(M, k={k}) for M of shape {shape}")


def _error_mistakes(M, k):
    s = np.linalg.svd(M, compute_uv=False)
    frobenius = float(np.sqrt(np.sum(s[k:] ** 2)))

    def near(value):
        return lambda got: (bool(np.isclose(float(as_numbers(got)), value, rtol=1e-6, atol=1e-12 * s[0]))
                            and not np.isclose(value, frobenius, rtol=1e-6, atol=1e-12 * s[0]))

    mistakes = [Mistake("approximation_error returned the squared Frobenius norm: take the square root",
                        near(frobenius ** 2), id="svd-error-squared")]
    if k < len(s):
        mistakes.append(Mistake("approximation_error returned the spectral norm s_(k+1): the contract asks for "
                                "the Frobenius norm ||M - M_k||_F = sqrt(s_(k+1)^2 + ...)", near(float(s[k])),
                                id="svd-error-spectral-norm"))
        mistakes.append(Mistake("approximation_error added the dropped singular values: the Frobenius norm is the "
                                "square root of the sum of their SQUARES", near(float(np.sum(s[k:]))),
                                id="svd-error-sum-not-squares"))
    mistakes.append(Mistake("approximation_error is off by one in k: the error of the rank-k approximation "
                            "leaves out s_1 .. s_k", lambda got: near(float(np.sqrt(np.sum(s[k - 1:] ** 2))))(got)
                            or (k + 1 <= len(s) and near(float(np.sqrt(np.sum(s[k + 1:] ** 2))))(got)),
                            id="svd-error-off-by-one"))
    mistakes.append(Mistake("approximation_error returned the relative error: the contract asks for "
                            "||M - M_k||_F itself", near(frobenius / float(np.linalg.norm(M))),
                            id="svd-error-relative"))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_approximation_error_is_the_frobenius_norm_of_the_residual(student, reference, rng):
    """||M - M_k||_F for k = 1 .. min(m, n) (0 at full rank), on the chapter's matrix and random ones, of size 1
    and of size 1e-6."""
    cases = [np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])] + [rng.normal(size=shape) for shape in [(5, 3), (3, 3)]]
    cases.append(rng.normal(size=(4, 3)) * 1e-6)
    for M in cases:
        for k in range(1, min(M.shape) + 1):
            expect_close(_call(student, "approximation_error", M, k), reference.approximation_error(M, k),
                         what=f"approximation_error(M, k={k})", inputs={"M": M, "k": k}, rtol=1e-6,
                         atol=1e-9 * float(np.linalg.norm(M)), mistakes=_error_mistakes(M, k))
