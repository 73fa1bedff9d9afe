"""Hidden tests for problem `transpose`: the transpose and the identity (AB)^T = B^T A^T.

Contracts:
- transpose(A): A of shape (m, n) gives a NumPy array T of shape (n, m) with T[i, j] = A[j, i] (the dtype
  of A or float).
- transpose_of_product(A, B): A (m, n), B (n, p); returns (A B)^T as a NumPy array of shape (p, m)
  (the task asks to compute it as B^T A^T; only the result is graded).
Neither function modifies its arguments.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_unchanged

PROBLEM = "transpose"


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _same(got, value):
    array = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return array.shape == value.shape and bool(np.allclose(array, value, rtol=1e-6, atol=1e-9))


def _not_an_array(function):
    return Mistake(f"{function} must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                   id="returns-list-not-array")


def _transpose_mistakes(A):
    m, n = A.shape
    A = np.asarray(A, dtype=float)
    mistakes = [
        _not_an_array("transpose"),
        Mistake("transpose used reshape: A.reshape(n, m) keeps the reading order of the entries and only "
                "changes the shape; the transpose moves entry (j, i) to (i, j)",
                lambda got: min(m, n) > 1 and _same(got, A.reshape(n, m)), id="transpose-by-reshape"),
        Mistake("transpose returned A unchanged: rows must become columns",
                lambda got: _same(got, A), id="transpose-unchanged"),
    ]
    if not np.allclose(A, np.trunc(A)):
        mistakes.append(Mistake("the transpose was stored in an integer array, which cuts off the decimals: keep "
                                "the dtype of A (np.empty((n, m), dtype=A.dtype)) or use floats",
                                lambda got: _same(got, np.trunc(A).T), id="transpose-integer-result"))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_transpose_of_the_chapter_matrix_and_random_shapes(student, rng):
    """[[1, 2, 3], [4, 5, 6]] becomes a (3, 2) matrix; random square, wide, tall, row and column matrices."""
    cases = [np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])]
    cases += [rng.normal(size=shape) for shape in [(3, 3), (2, 5), (5, 2), (1, 4), (4, 1), (1, 1), (6, 4)]]
    cases.append(rng.integers(-9, 10, size=(3, 4)))
    for A in cases:
        expect_close(_call(student, "transpose", A), A.T, what="transpose(A)", inputs={"A": A}, strict_type=True,
                     mistakes=_transpose_mistakes(A))


def _product(left, right):
    """left @ right when it is defined, else None."""
    return left @ right if left.shape[1] == right.shape[0] else None


def _built_on_wrong_helpers(student, A, B):
    """transpose_of_product is B^T A^T computed with the student's own transpose (and matmul), one of them wrong."""
    correct = (np.asarray(A, dtype=float) @ np.asarray(B, dtype=float)).T

    def applies(got):
        own_a, own_b = as_numbers(student.transpose(A)), as_numbers(student.transpose(B))
        candidates = []
        if own_b.ndim == 2 and own_a.ndim == 2 and own_b.shape[1] == own_a.shape[0]:
            candidates.append(own_b @ own_a)
            candidates.append(as_numbers(student.matmul(own_b, own_a)))
        return any(_same(got, value) and not _same(value, correct) for value in candidates)

    return Mistake("transpose_of_product is B^T A^T computed with YOUR transpose and matmul, and one of them is "
                   "wrong (see its test): fix it and this follows", applies, id="product-built-on-wrong-helpers")


def _product_mistakes(A, B, student=None):
    built_on_transpose = [] if student is None else [_built_on_wrong_helpers(student, A, B)]
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    candidates = [
        ("transpose_of_product returned A B without transposing it", A @ B, "product-not-transposed"),
        ("transpose_of_product computed A^T B^T: transposing a product reverses the order, (A B)^T = B^T A^T",
         _product(A.T, B.T), "product-transpose-keeps-order"),
        ("transpose_of_product computed B A: transpose both factors too, (A B)^T = B^T A^T",
         _product(B, A), "product-transpose-no-transposes"),
    ]
    mistakes = [_not_an_array("transpose_of_product")] + built_on_transpose
    for message, value, mistake_id in candidates:
        if value is not None:
            mistakes.append(Mistake(message, lambda got, v=value: _same(got, v), id=mistake_id))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_transpose_of_product_for_square_matrices(student, rng):
    """For square A and B, (A B)^T equals B^T A^T (and differs from A^T B^T)."""
    for n in (2, 3, 5):
        A = rng.normal(size=(n, n))
        B = rng.normal(size=(n, n))
        expect_close(_call(student, "transpose_of_product", A, B), (A @ B).T, what="transpose_of_product(A, B)",
                     inputs={"A": A, "B": B}, strict_type=True, mistakes=_product_mistakes(A, B, student))


@pytest.mark.points(1, problem=PROBLEM)
def test_transpose_of_product_for_rectangular_matrices(student, rng):
    """(2, 3) @ (3, 2) gives a (2, 2) transpose and (2, 3) @ (3, 4) a (4, 2) one; rows and columns of length 1 too."""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    shapes = [((2, 3), (3, 2)), ((2, 3), (3, 4)), ((1, 4), (4, 3)), ((5, 1), (1, 2)), ((3, 4), (4, 1))]
    for index, (shape_a, shape_b) in enumerate(shapes):
        left = A if index == 0 else rng.normal(size=shape_a)
        B = rng.normal(size=shape_b)
        expect_close(_call(student, "transpose_of_product", left, B), (left @ B).T,
                     what=f"transpose_of_product(A, B) for shapes {shape_a} @ {shape_b}", strict_type=True,
                     inputs={"A": left, "B": B}, mistakes=_product_mistakes(left, B, student))
    A = rng.integers(-4, 5, size=(2, 3))
    B = rng.integers(-4, 5, size=(3, 2))
    expect_close(_call(student, "transpose_of_product", A, B), (A @ B).T,
                 what="transpose_of_product(A, B) for integer matrices", strict_type=True,
                 inputs={"A": A, "B": B}, mistakes=_product_mistakes(A, B, student))
