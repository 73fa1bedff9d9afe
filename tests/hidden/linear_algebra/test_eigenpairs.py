"""Hidden tests for problem `eigenpairs`: eigenvalues and eigenvectors, checked by A v = lambda v.

Contracts:
- symmetric_eigenpairs(A): A symmetric (n, n). Returns (values, vectors): values (n,) in ASCENDING
  order; vectors (n, n) with orthonormal COLUMNS, column i belonging to values[i]. Eigenvectors are
  compared up to their sign (v and -v are both right); for a repeated eigenvalue any orthonormal basis
  of its eigenspace is right.
- eigen_residuals(A, values, vectors): ||A v_i - values[i] v_i||_2 for every column v_i, shape (k,).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true

PROBLEM = "eigenpairs"


def _random_symmetric(rng, n, gap=0.2):
    """A symmetric matrix whose eigenvalues are at least `gap` apart (eigenvectors well defined)."""
    values = np.cumsum(rng.uniform(gap, 2.0, size=n)) - rng.uniform(0.0, 2.0 * n)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    A = Q @ np.diag(values) @ Q.T
    return (A + A.T) / 2.0


def _pair(got, call):
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                f"{call} must return a pair (values, vectors); got {describe(got)}")
    return got


def _value_mistakes(expected):
    return [
        Mistake("the eigenvalues are in descending order: return them in ASCENDING order (np.linalg.eigh does)",
                lambda got: np.allclose(as_numbers(got), expected[::-1])),
        Mistake("the eigenvalues are not sorted: np.linalg.eig returns them in no particular order; sort them "
                "in ascending order (and reorder the eigenvector columns the same way)",
                lambda got: np.allclose(np.sort(as_numbers(got)), expected)),
        Mistake("the eigenvalues lost their sign: negative eigenvalues stay negative",
                lambda got: np.allclose(np.sort(as_numbers(got)), np.sort(np.abs(expected)))),
    ]


def _check_values(student, A, reference, call):
    values, _ = _pair(student.symmetric_eigenpairs(A), call)
    expected, _ = reference.symmetric_eigenpairs(A)
    expect_close(values, expected, what=f"the eigenvalues returned by {call}", inputs={"A": A},
                 atol=1e-9, mistakes=_value_mistakes(expected))


def _aligned(got_vectors, expected_vectors):
    """got with each column's sign flipped to agree with the expected column."""
    signs = np.sign(np.sum(got_vectors * expected_vectors, axis=0))
    signs[signs == 0] = 1.0
    return got_vectors * signs


def _check_vectors(student, A, reference, call):
    values, vectors = _pair(student.symmetric_eigenpairs(A), call)
    expected_values, expected = reference.symmetric_eigenpairs(A)
    n = A.shape[0]
    expect_true(isinstance(vectors, np.ndarray) and vectors.shape == (n, n),
                f"the eigenvectors returned by {call} must be an ({n}, {n}) array; got {describe(vectors)}")
    got = as_numbers(vectors)
    mistakes = [
        Mistake("the eigenvectors are the ROWS of your array: return them as COLUMNS, vectors[:, i] "
                "belongs to values[i] (np.linalg.eigh already does this)",
                lambda v: np.allclose(np.abs(as_numbers(v).T), np.abs(expected), atol=1e-7)),
        Mistake("the eigenvector columns are not in the order of the ascending eigenvalues: reorder the "
                "columns together with the values (vectors[:, order])",
                lambda v: np.allclose(np.sort(np.abs(as_numbers(v)), axis=None), np.sort(np.abs(expected), axis=None),
                                      atol=1e-7)),
        Mistake("the eigenvectors do not have length 1: divide each column by its norm",
                lambda v: not np.allclose(np.linalg.norm(as_numbers(v), axis=0), 1.0, atol=1e-6)),
    ]
    expect_close(_aligned(got, expected), expected, what=f"the eigenvectors (columns, compared up to sign) of {call}",
                 inputs={"A": A}, atol=1e-8, mistakes=mistakes)


@pytest.mark.points(1, problem=PROBLEM)
def test_eigenpairs_of_the_chapter_matrices(student, reference):
    """[[2, 1], [1, 2]] has eigenvalues 1 and 3; [[4, 2], [2, 3]] has (7 - sqrt 17) / 2 and (7 + sqrt 17) / 2."""
    for A in (np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([[4.0, 2.0], [2.0, 3.0]])):
        call = f"symmetric_eigenpairs({A.tolist()})"
        _check_values(student, A, reference, call)
        _check_vectors(student, A, reference, call)


@pytest.mark.points(1, problem=PROBLEM)
def test_eigenvalues_of_random_symmetric_matrices_ascending(student, reference, rng):
    """Random symmetric matrices of size 1 to 8 (negative eigenvalues too): ascending eigenvalues."""
    for n in (1, 3, 5, 8):
        _check_values(student, _random_symmetric(rng, n), reference, f"symmetric_eigenpairs(A) with A {n}x{n}")
    A = np.diag([3.0, -1.0, 2.0])
    _check_values(student, A, reference, "symmetric_eigenpairs(diag(3, -1, 2))")


@pytest.mark.points(2, problem=PROBLEM)
def test_eigenvectors_of_random_symmetric_matrices_up_to_sign(student, reference, rng):
    """Unit eigenvectors as columns, in the order of the eigenvalues; v and -v are both accepted."""
    for n in (2, 4, 6):
        A = _random_symmetric(rng, n)
        call = f"symmetric_eigenpairs(A) with A {n}x{n}"
        _check_vectors(student, A, reference, call)
        values, vectors = _pair(student.symmetric_eigenpairs(A), call)
        residual = np.linalg.norm(A @ as_numbers(vectors) - as_numbers(vectors) * as_numbers(values), axis=0)
        expect_true(np.all(residual < 1e-8),
                    f"A v = lambda v fails for your pairs: ||A v_i - lambda_i v_i|| = {np.round(residual, 10)}")


@pytest.mark.points(1, problem=PROBLEM)
def test_a_repeated_eigenvalue_accepts_any_orthonormal_eigenbasis(student, reference, rng):
    """Eigenvalues 2, 2, 5: any orthonormal basis of the 2-D eigenspace is right; A V = V diag(values)."""
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    A = Q @ np.diag([2.0, 2.0, 5.0]) @ Q.T
    A = (A + A.T) / 2.0
    call = "symmetric_eigenpairs(A) with eigenvalues 2, 2, 5"
    _check_values(student, A, reference, call)
    values, vectors = _pair(student.symmetric_eigenpairs(A), call)
    V, lam = as_numbers(vectors), as_numbers(values)
    expect_true(V.shape == (3, 3), f"the eigenvectors must form a (3, 3) array; got shape {V.shape}")
    expect_true(np.allclose(V.T @ V, np.eye(3), atol=1e-8),
                "the eigenvector columns must be orthonormal (V^T V = I) for a symmetric matrix")
    expect_true(np.allclose(A @ V, V * lam, atol=1e-8),
                "A V = V diag(values) fails: column i of vectors must be an eigenvector for values[i]")
    identity = np.eye(4)
    _check_values(student, identity, reference, "symmetric_eigenpairs(I) (all eigenvalues 1)")


def _residual_mistakes(A, values, vectors):
    return [
        Mistake("eigen_residuals used the ROWS of vectors: the eigenvectors are the columns, vectors[:, i]",
                lambda got: np.allclose(as_numbers(got), np.linalg.norm(vectors @ A.T - vectors * values[:, None],
                                                                      axis=1), atol=1e-9)),
        Mistake("eigen_residuals must return one residual per pair (an array of shape (k,)), not one number",
                lambda got: np.size(got) == 1 and len(values) > 1),
        Mistake("eigen_residuals returned squared norms: use ||A v - lambda v||_2 (with the square root)",
                lambda got: np.allclose(as_numbers(got),
                                        np.linalg.norm(A @ vectors - vectors * values, axis=0) ** 2, atol=1e-9)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_eigen_residuals_are_zero_for_true_pairs_and_positive_otherwise(student, reference, rng):
    """Residuals of the chapter's pair A = [[0, 3], [2, 1]], v = (1, 1), lambda = 3 (zero) and of perturbed pairs."""
    A = np.array([[0.0, 3.0], [2.0, 1.0]])
    values, vectors = np.array([3.0, 1.0]), np.array([[1.0, 1.0], [1.0, 0.0]])
    expect_close(student.eigen_residuals(A, values, vectors), reference.eigen_residuals(A, values, vectors),
                 what="eigen_residuals(A, values, vectors)", inputs={"A": A, "values": values, "vectors": vectors},
                 atol=1e-9, mistakes=_residual_mistakes(A, values, vectors))
    for n in (3, 5):
        A = _random_symmetric(rng, n)
        values, vectors = np.linalg.eigh(A)
        for label, vals, vecs in [("true pairs", values, vectors),
                                  ("perturbed pairs", values + rng.normal(0.0, 0.1, size=n),
                                   vectors + rng.normal(0.0, 0.1, size=(n, n)))]:
            expect_close(student.eigen_residuals(A, vals, vecs), reference.eigen_residuals(A, vals, vecs),
                         what=f"eigen_residuals(A, values, vectors) for {label}",
                         inputs={"A": A, "values": vals, "vectors": vecs}, atol=1e-9,
                         mistakes=_residual_mistakes(A, vals, vecs))
    A = rng.normal(size=(4, 4))
    vals, vecs = rng.normal(size=2), rng.normal(size=(4, 2))
    expect_close(student.eigen_residuals(A, vals, vecs), reference.eigen_residuals(A, vals, vecs),
                 what="eigen_residuals(A, values, vectors) for k = 2 columns of a 4x4 matrix",
                 inputs={"A": A, "values": vals, "vectors": vecs}, atol=1e-9,
                 mistakes=_residual_mistakes(A, vals, vecs))
