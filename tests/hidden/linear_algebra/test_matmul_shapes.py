"""Hidden tests for problem `matmul_shapes`: the shapes rule and matrix multiplication by hand.

Contracts:
- result_shape(shape_a, shape_b): (m, n) and (n, p) give the tuple (m, p) (a tuple, not a list or an
  array) of two ints (Python or NumPy integers); ValueError when the inner dimensions differ.
- matmul(A, B): 2-D arrays A (m, n) and B (n, p) of ints or floats; returns a NumPy array (m, p) with
  C[i, j] = sum_k A[i, k] B[k, j]; ValueError when A.shape[1] != B.shape[0] (also when a loop would
  silently run anyway). Its arguments are not modified.
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_equal, expect_raises,
                                      expect_true, expect_unchanged)

PROBLEM = "matmul_shapes"


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _same(got, value, atol=1e-9):
    array = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return array.shape == value.shape and bool(np.allclose(array, value, rtol=1e-6, atol=atol))


NOT_AN_ARRAY = Mistake("matmul must return a NumPy array (for example the np.zeros((m, p)) you filled), not a "
                       "list", lambda got: isinstance(got, (list, tuple)), id="returns-list-not-array")


def _matmul_mistakes(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    product = A @ B
    n = A.shape[1]
    mistakes = [NOT_AN_ARRAY,
                Mistake("matmul returned the transpose of A @ B: C[i, j] pairs ROW i of A with COLUMN j of B, "
                        "and C has shape (m, p)", lambda got: _same(got, product.T) and not _same(got, product),
                        id="matmul-transposed")]
    if A.shape == B.shape:
        mistakes.append(Mistake("matmul computed the element-wise (Hadamard) product A * B: a matrix "
                                "product sums A[i, k] * B[k, j] over k", lambda got: _same(got, A * B),
                                id="matmul-is-hadamard"))
    if A.shape[0] == B.shape[1]:
        mistakes.append(Mistake("matmul computed B @ A: the order matters (matrix products do not "
                                "commute)", lambda got: _same(got, B @ A), id="matmul-reversed-order"))
    swapped = [value for value in (A @ B.T if B.shape[0] == B.shape[1] else None,
                                   A.T @ B if A.shape[0] == A.shape[1] else None) if value is not None]
    if swapped:
        mistakes.append(Mistake("the indices are mixed up: C[i, j] sums A[i, k] * B[k, j] (k runs along the row "
                                "of A and down the column of B), not A[k, i] or B[j, k]",
                                lambda got: any(_same(got, value) and not _same(got, product) for value in swapped),
                                id="matmul-wrong-indices"))
    if A.shape != product.shape:
        mistakes.append(Mistake("C has the shape of A: create it with shape (m, p) = (A.shape[0], B.shape[1]), "
                                "not np.zeros_like(A)", lambda got: as_numbers(got).shape == A.shape,
                                id="matmul-result-shape-of-a"))
    if n > 1:
        missing = [A[:, 1:] @ B[1:, :], A[:, :-1] @ B[:-1, :]]
        mistakes.append(Mistake("the sum over k skipped one term: k runs over all n values 0, 1, ..., n - 1 "
                                "(range(A.shape[1]))", lambda got: any(_same(got, m) for m in missing),
                                id="matmul-sum-skips-a-term"))
        mistakes.append(Mistake("C[i, j] kept only the last product A[i, k] * B[k, j]: accumulate the sum with "
                                "+= (starting from 0) instead of overwriting it", lambda got:
                                _same(got, np.outer(A[:, -1], B[-1, :])), id="matmul-overwrites-the-sum"))
    if not np.allclose(product, np.trunc(product)) and np.any(np.abs(product) >= 1.0):
        mistakes.append(Mistake("the result was stored in an integer array, which cuts off the decimals: create "
                                "C with a float dtype (np.zeros((m, p)))",
                                lambda got: _same(got, np.trunc(product)), id="matmul-integer-result"))
    return mistakes


def _check_matmul(student, A, B, what="matmul(A, B)"):
    expect_close(_call(student, "matmul", A, B), A @ B, what=what, inputs={"A": A, "B": B}, strict_type=True,
                 mistakes=_matmul_mistakes(A, B))


@pytest.mark.points(1, problem=PROBLEM)
def test_matmul_reproduces_the_hand_calculations(student):
    """Exercise B1 gives [14, -3]; the chapter's 3x2 by 2x3 walkthrough gives [[27, 30, 33], ...]."""
    A = np.array([[2.0, 3.0], [1.0, -1.0]])
    B = np.array([[1.0], [4.0]])
    expect_close(_call(student, "matmul", A, B), np.array([[14.0], [-3.0]]),
                 what="matmul(A, B) for exercise B1 (a (2, 1) column)", inputs={"A": A, "B": B},
                 strict_type=True, mistakes=_matmul_mistakes(A, B))
    A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    B = np.array([[7.0, 8.0, 9.0], [10.0, 11.0, 12.0]])
    _check_matmul(student, A, B, "matmul(A, B) for the (3, 2) @ (2, 3) walkthrough")
    A = np.array([[2, 3], [1, -1]])
    B = np.array([[1], [4]])
    _check_matmul(student, A, B, "matmul(A, B) for exercise B1 with integer matrices")


@pytest.mark.points(2, problem=PROBLEM)
def test_matmul_matches_the_definition_on_random_shapes(student, rng):
    """Random matrices of many shapes, including single rows, single columns and 1x1."""
    shapes = [(3, 3, 3), (2, 5, 4), (1, 4, 1), (4, 1, 3), (6, 2, 1), (1, 3, 5), (5, 4, 5), (3, 2, 2), (1, 1, 1)]
    for m, n, p in shapes:
        A = rng.normal(0.0, 2.0, size=(m, n))
        B = rng.normal(0.0, 2.0, size=(n, p))
        _check_matmul(student, A, B, f"matmul(A, B) for shapes ({m}, {n}) @ ({n}, {p})")
    A = rng.integers(-5, 6, size=(3, 4))
    B = rng.integers(-5, 6, size=(4, 2))
    _check_matmul(student, A, B, "matmul(A, B) for integer matrices")
    A = rng.normal(0.0, 1e-6, size=(2, 3))
    B = rng.normal(0.0, 1e-6, size=(3, 2))
    expect_close(_call(student, "matmul", A, B), A @ B, what="matmul(A, B) for entries of size 1e-6",
                 inputs={"A": A, "B": B}, atol=0.0, strict_type=True, mistakes=_matmul_mistakes(A, B))


NO_SHAPE_CHECK = Mistake("matmul returned a result for shapes whose inner dimensions differ: compare "
                         "A.shape[1] with B.shape[0] before the loops and raise ValueError",
                         lambda got: True, id="matmul-no-shape-check")


@pytest.mark.points(1, problem=PROBLEM)
def test_matmul_raises_value_error_when_inner_dimensions_differ(student, rng):
    """(2, 2) @ (3, 1), (2, 3) @ (2, 3), (3, 2) @ (3, 2) and (1, 4) @ (5, 1) are not defined: ValueError."""
    A, B = rng.normal(size=(2, 3)), rng.normal(size=(3, 2))   # a defined product must still work
    _check_matmul(student, A, B, "matmul(A, B) for shapes (2, 3) @ (3, 2)")
    cases = [((2, 2), (3, 1), " (a loop over k in range(A.shape[1]) runs without error here and silently "
                              "ignores the last row of B: compare the shapes first)"),
             ((2, 3), (2, 3), ""), ((3, 2), (3, 2), ""), ((1, 4), (5, 1), "")]
    for shape_a, shape_b, hint in cases:
        A = rng.normal(size=shape_a)
        B = rng.normal(size=shape_b)
        expect_raises(lambda: student.matmul(A, B), "ValueError",
                      what=f"matmul(A, B) with shapes {shape_a} @ {shape_b}",
                      why=f"the inner dimensions differ, so the product is not defined{hint}",
                      mistakes=[NO_SHAPE_CHECK])


def _shape_mistakes(shape_a, shape_b):
    (m, n), (_, p) = shape_a, shape_b
    return [
        Mistake("the outer dimensions come in the order (rows of A, columns of B), not (p, m)",
                lambda got: tuple(got) == (p, m) and (p, m) != (m, p), id="result-shape-reversed"),
        Mistake("the inner dimension disappears in the product: (m, n) @ (n, p) gives (m, p), "
                "not (m, n, p)", lambda got: tuple(got) == (m, n, p), id="result-shape-keeps-inner"),
        Mistake("the result keeps the rows of A and the columns of B: (m, n) @ (n, p) gives (m, p), "
                "not (n, n)", lambda got: tuple(got) == (n, n) and (n, n) != (m, p), id="result-shape-inner-twice"),
        Mistake("that is the shape of one factor: (m, n) @ (n, p) keeps the rows of A and the columns of B",
                lambda got: tuple(got) in ((m, n), (n, p)) and tuple(got) != (m, p), id="result-shape-of-a-factor"),
        Mistake("result_shape must return a tuple, such as (64, 10), not a list or an array",
                lambda got: not isinstance(got, tuple), id="result-shape-not-a-tuple"),
    ]


NOT_INTS = Mistake("result_shape must return a tuple of two ints (the sizes m and p), not floats or bools",
                   lambda got: True, id="result-shape-not-ints")


def _check_result_shape(student, shape_a, shape_b, what="result_shape(shape_a, shape_b)"):
    got = _call(student, "result_shape", shape_a, shape_b)
    expect_equal(got, (shape_a[0], shape_b[1]), what=what, inputs={"shape_a": shape_a, "shape_b": shape_b},
                 strict_type=True, mistakes=_shape_mistakes(shape_a, shape_b))
    expect_true(all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in got),
                f"{what} for shape_a = {shape_a}, shape_b = {shape_b} returned {describe(got)}: the two "
                "entries must be ints", mistake=NOT_INTS)


@pytest.mark.points(1, problem=PROBLEM)
def test_result_shape_answers_mcq_1_and_random_shapes(student, rng):
    """(64, 128) @ (128, 10) has shape (64, 10), and so on for random compatible shapes."""
    cases = [((64, 128), (128, 10)), ((784, 256), (256, 10)), ((1, 5), (5, 1)), ((5, 1), (1, 5)), ((1, 1), (1, 1))]
    cases += [((int(m), int(n)), (int(n), int(p))) for m, n, p in rng.integers(1, 300, size=(4, 3))]
    for shape_a, shape_b in cases:
        _check_result_shape(student, shape_a, shape_b)


NO_RAISE = Mistake("result_shape returned a shape for a product that is not defined: when shape_a[1] != "
                   "shape_b[0], raise ValueError", lambda got: True, id="result-shape-no-check")


@pytest.mark.points(1, problem=PROBLEM)
def test_result_shape_raises_value_error_for_incompatible_shapes(student):
    """(100, 5) @ (100, 3) (the chapter's Mistake 2) and other mismatches raise ValueError."""
    _check_result_shape(student, (100, 5), (5, 3), "result_shape((100, 5), (5, 3))")
    for shape_a, shape_b in [((100, 5), (100, 3)), ((64, 128), (10, 128)), ((3, 2), (3, 2)), ((1, 2), (1, 2))]:
        expect_raises(lambda: student.result_shape(shape_a, shape_b), "ValueError",
                      what=f"result_shape({shape_a}, {shape_b})",
                      why="the inner dimensions differ, so the product is not defined", mistakes=[NO_RAISE])
