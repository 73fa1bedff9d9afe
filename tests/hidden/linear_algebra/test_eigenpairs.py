"""Hidden tests for problem `eigenpairs`: eigenvalues and eigenvectors, checked by A v = lambda v.

Contracts (no function modifies its arguments):
- symmetric_eigenpairs(A): A symmetric (n, n). Returns the pair (values, vectors): values, a NumPy float
  array (n,) in ASCENDING order; vectors, a NumPy float array (n, n) with orthonormal COLUMNS, column i
  belonging to values[i]. Eigenvectors are compared up to their sign (v and -v are both right); for a
  repeated eigenvalue any orthonormal basis of its eigenspace is right.
- eigen_residuals(A, values, vectors): ||A v_i - values[i] v_i||_2 for every column v_i, a NumPy float
  array of shape (k,), no normalisation.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true, expect_unchanged

PROBLEM = "eigenpairs"


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _random_symmetric(rng, n, gap=0.2):
    """A symmetric matrix whose eigenvalues are at least `gap` apart (eigenvectors well defined), some < 0."""
    values = np.cumsum(rng.uniform(gap, 2.0, size=n)) - rng.uniform(0.0, 2.0 * n)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    A = Q @ np.diag(values) @ Q.T
    return (A + A.T) / 2.0


NOT_A_PAIR = Mistake("symmetric_eigenpairs must return the pair (values, vectors), e.g. `return values, vectors`",
                     lambda _: True, id="eigenpairs-not-a-pair")


def _pair(got, call):
    if not (isinstance(got, (tuple, list)) and len(got) == 2):
        # describe(got) only for a failure: rendering every right pair (two arrays) cost more than the check
        expect_true(False, f"{call} must return a pair (values, vectors); got {describe(got)}", mistake=NOT_A_PAIR)
    return got


def _value_mistakes(expected):
    def same(value):
        return lambda got: as_numbers(got).shape == expected.shape and bool(np.allclose(as_numbers(got), value,
                                                                                           atol=1e-9))

    return [
        Mistake("the eigenvalues must be a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                id="returns-list-not-array"),
        Mistake("the eigenvalues are not in ascending order: np.linalg.eigh returns them ascending, np.linalg.eig "
                "in no particular order (and a sort with [::-1] reverses them); sort them ascending, and reorder the "
                "eigenvector columns with them", lambda got: (not np.array_equal(as_numbers(got), np.sort(as_numbers(got)))
                                                              and same(expected)(np.sort(as_numbers(got)))),
                id="eigenvalues-not-ascending"),
        Mistake("the eigenvalues lost their sign: negative eigenvalues stay negative",
                lambda got: bool(np.any(expected < 0)) and same(np.sort(np.abs(expected)))(np.sort(as_numbers(got))),
                id="eigenvalues-abs"),
    ]


def _check_values(student, A, reference, call):
    values, _ = _pair(_call(student, "symmetric_eigenpairs", A), call)
    expected, _ = reference.symmetric_eigenpairs(A)
    expect_close(values, expected, what=f"the eigenvalues returned by {call}", inputs={"A": A},
                 atol=1e-9, strict_type=True, mistakes=_value_mistakes(expected))


def _aligned(got_vectors, expected_vectors):
    """got with each column's sign flipped to agree with the expected column."""
    signs = np.sign(np.sum(got_vectors * expected_vectors, axis=0))
    signs[signs == 0] = 1.0
    return got_vectors * signs


def _is_eigenvector(A, v, value, tol=1e-7):
    return bool(np.linalg.norm(v) > 1e-9 and np.linalg.norm(A @ v - value * v) <= tol * max(1.0, np.linalg.norm(v)))


def _vector_mistakes(A, expected_values):
    n = A.shape[0]

    def columns(got):
        return [as_numbers(got)[:, i] for i in range(n)]

    def rows_are_eigenvectors(got):
        V = as_numbers(got)
        return (V.shape == (n, n) and all(_is_eigenvector(A, V[i, :], expected_values[i]) for i in range(n))
                and not all(_is_eigenvector(A, V[:, i], expected_values[i]) for i in range(n)))

    def columns_in_another_order(got):
        cols = columns(got)
        own = [any(_is_eigenvector(A, c, value) for value in expected_values) for c in cols]
        placed = [_is_eigenvector(A, c, expected_values[i]) for i, c in enumerate(cols)]
        unit = np.allclose([np.linalg.norm(c) for c in cols], 1.0, atol=1e-6)
        return all(own) and not all(placed) and unit

    def not_unit(got):
        cols = columns(got)
        placed = [_is_eigenvector(A, c, expected_values[i]) for i, c in enumerate(cols)]
        return all(placed) and not np.allclose([np.linalg.norm(c) for c in cols], 1.0, atol=1e-6)

    return [
        Mistake("the eigenvectors must be a NumPy array (n, n), not a list", lambda got: isinstance(got, (list, tuple)),
                id="returns-list-not-array"),
        Mistake("the eigenvectors are the ROWS of your array: return them as COLUMNS, vectors[:, i] "
                "belongs to values[i] (np.linalg.eigh already does this)", rows_are_eigenvectors,
                id="eigenvectors-as-rows"),
        Mistake("the eigenvector columns are not in the order of the ascending eigenvalues: reorder the "
                "columns together with the values (vectors[:, order])", columns_in_another_order,
                id="eigenvectors-not-reordered"),
        Mistake("the eigenvectors do not have length 1: divide each column by its norm", not_unit,
                id="eigenvectors-not-unit"),
    ]


def _check_vectors(student, A, reference, call):
    values, vectors = _pair(_call(student, "symmetric_eigenpairs", A), call)
    expected_values, expected = reference.symmetric_eigenpairs(A)
    n = A.shape[0]
    mistakes = _vector_mistakes(A, expected_values)
    if not (isinstance(vectors, np.ndarray) and vectors.shape == (n, n) and vectors.dtype.kind in "iuf"):
        expect_close(vectors, expected, what=f"the eigenvectors of {call}", inputs={"A": A}, strict_type=True,
                     mistakes=mistakes)
    expect_close(_aligned(as_numbers(vectors), expected), expected,
                 what=f"the eigenvectors (columns, compared up to sign) of {call}", inputs={"A": A}, atol=1e-8,
                 mistakes=[Mistake(m.message, lambda _, m=m: m.matches(vectors), id=m.id) for m in mistakes])


def _mismatched_pairs(A, values, vectors):
    """The named mistake when every column is an eigenvector and the values are the eigenvalues, but column i
    does not belong to values[i] (one of the two was reordered without the other); else None."""
    expected = np.linalg.eigvalsh(A)
    try:
        V, lam = as_numbers(vectors), as_numbers(values)
        if (V.ndim != 2 or lam.shape != expected.shape or not np.allclose(np.sort(lam), expected, atol=1e-9)
                or not all(any(_is_eigenvector(A, V[:, i], value) for value in expected) for i in range(V.shape[1]))):
            return None
    except (TypeError, ValueError):
        return None
    return Mistake("values and vectors do not belong together: column i of vectors must be the eigenvector of "
                   "values[i]; when you reorder the values, reorder the columns the same way (vectors[:, order])",
                   lambda _: True, id="eigenpairs-mismatched-order")


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
    for n in (1, 2, 4, 6):
        A = _random_symmetric(rng, n)
        call = f"symmetric_eigenpairs(A) with A {n}x{n}"
        _check_vectors(student, A, reference, call)
        values, vectors = _pair(_call(student, "symmetric_eigenpairs", A), call)
        residual = np.linalg.norm(A @ as_numbers(vectors) - as_numbers(vectors) * as_numbers(values), axis=0)
        expect_true(np.all(residual < 1e-8),
                    f"A v = lambda v fails for your pairs: ||A v_i - lambda_i v_i|| = {np.round(residual, 10)}",
                    mistake=_mismatched_pairs(A, values, vectors))


@pytest.mark.points(1, problem=PROBLEM)
def test_a_repeated_eigenvalue_accepts_any_orthonormal_eigenbasis(student, reference, rng):
    """Eigenvalues 2, 2, 5: any orthonormal basis of the 2-D eigenspace is right; A V = V diag(values)."""
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    A = Q @ np.diag([2.0, 2.0, 5.0]) @ Q.T
    A = (A + A.T) / 2.0
    call = "symmetric_eigenpairs(A) with eigenvalues 2, 2, 5"
    _check_values(student, A, reference, call)
    values, vectors = _pair(_call(student, "symmetric_eigenpairs", A), call)
    V, lam = as_numbers(vectors), as_numbers(values)
    expect_true(V.shape == (3, 3), f"the eigenvectors must form a (3, 3) array; got shape {V.shape}")
    named = next((m for m in _vector_mistakes(A, lam) if m.matches(vectors)), None)
    expect_true(np.allclose(A @ V, V * lam, atol=1e-8),
                "A V = V diag(values) fails: column i of vectors must be an eigenvector for values[i]", mistake=named)
    expect_true(np.allclose(V.T @ V, np.eye(3), atol=1e-8),
                "the eigenvector columns must be orthonormal (V^T V = I), also for the repeated eigenvalue 2: "
                "np.linalg.eig does not promise that, np.linalg.eigh does",
                mistake=Mistake("the eigenvectors of the repeated eigenvalue are not orthonormal: np.linalg.eig "
                                "does not make them so; use np.linalg.eigh for a symmetric matrix",
                                lambda _: True, id="eigenvectors-not-orthonormal"))
    identity = np.eye(4)
    _check_values(student, identity, reference, "symmetric_eigenpairs(I) (all eigenvalues 1)")


def _residual_mistakes(A, values, vectors):
    A = np.asarray(A, dtype=float)
    values = np.asarray(values, dtype=float)
    vectors = np.asarray(vectors, dtype=float)
    R = A @ vectors - vectors * values
    correct = np.linalg.norm(R, axis=0)

    def same(value):
        value = np.asarray(value, dtype=float)
        return lambda got: (as_numbers(got).shape == value.shape
                            and bool(np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-9))
                            and not np.allclose(value, correct, rtol=1e-6, atol=1e-9))

    mistakes = [
        Mistake("eigen_residuals must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                id="returns-list-not-array"),
        Mistake("eigen_residuals must return one residual per pair (an array of shape (k,)), not one number",
                lambda got: np.size(got) == 1 and len(values) > 1, id="residuals-one-number"),
        Mistake("eigen_residuals returned squared norms: use ||A v - lambda v||_2 (with the square root)",
                same(correct ** 2), id="residuals-squared"),
        Mistake("eigen_residuals scaled the ROWS of vectors by the values (np.diag(values) @ vectors): column i "
                "must be scaled by values[i], vectors * values or vectors @ np.diag(values)",
                same(np.linalg.norm(A @ vectors - values[:, None] * vectors, axis=0)) if vectors.shape[0] == len(values)
                else (lambda got: False), id="residuals-scale-rows"),
        Mistake("eigen_residuals normalised the residuals: the contract asks for ||A v - lambda v||_2 itself",
                lambda got: same(correct / np.linalg.norm(vectors, axis=0))(got)
                or same(correct / np.maximum(np.abs(values), 1e-300))(got), id="residuals-normalised"),
        Mistake("eigen_residuals took the largest entry of each residual: the contract asks for its 2-norm",
                same(np.max(np.abs(R), axis=0)), id="residuals-max-norm"),
    ]
    if R.shape[0] == R.shape[1]:
        mistakes.append(Mistake("eigen_residuals took the norms of the ROWS of A V - V diag(values) (axis=1): "
                                "each pair is a column, so take the norms along axis=0",
                                same(np.linalg.norm(R, axis=1)), id="residuals-wrong-axis"))
        mistakes.append(Mistake("eigen_residuals used the ROWS of vectors: the eigenvectors are the columns, "
                                "vectors[:, i]", same(np.linalg.norm(vectors @ A.T - vectors * values[:, None], axis=1)),
                                id="residuals-rows-as-vectors"))
    return mistakes


def _check_residuals(student, A, values, vectors, what):
    expect_close(_call(student, "eigen_residuals", A, values, vectors),
                 np.linalg.norm(A @ vectors - vectors * values, axis=0), what=what,
                 inputs={"A": A, "values": values, "vectors": vectors}, atol=1e-9, strict_type=True,
                 mistakes=_residual_mistakes(A, values, vectors))


@pytest.mark.points(1, problem=PROBLEM)
def test_eigen_residuals_are_zero_for_true_pairs_and_positive_otherwise(student, rng):
    """Residuals of the chapter's pair A = [[0, 3], [2, 1]], v = (1, 1), lambda = 3 (zero) and of perturbed pairs."""
    A = np.array([[0.0, 3.0], [2.0, 1.0]])
    _check_residuals(student, A, np.array([3.0, 1.0]), np.array([[1.0, 1.0], [1.0, 0.0]]),
                     "eigen_residuals(A, values, vectors)")
    for n in (3, 5):
        A = _random_symmetric(rng, n)
        values, vectors = np.linalg.eigh(A)
        _check_residuals(student, A, values, vectors, "eigen_residuals(A, values, vectors) for true pairs")
        _check_residuals(student, A, values + rng.normal(0.0, 0.1, size=n), vectors + rng.normal(0.0, 0.1, size=(n, n)),
                         "eigen_residuals(A, values, vectors) for perturbed pairs")
    A = rng.normal(size=(4, 4))
    _check_residuals(student, A, rng.normal(size=2), rng.normal(size=(4, 2)),
                     "eigen_residuals(A, values, vectors) for k = 2 columns of a 4x4 matrix")
    A = rng.normal(size=(3, 3))
    _check_residuals(student, A, rng.normal(size=1), rng.normal(size=(3, 1)),
                     "eigen_residuals(A, values, vectors) for k = 1 column")
