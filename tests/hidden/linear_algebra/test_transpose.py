"""Hidden tests for problem `transpose`: the transpose and the identity (AB)^T = B^T A^T.

Contracts:
- transpose(A): A of shape (m, n) gives T of shape (n, m) with T[i, j] = A[j, i].
- transpose_of_product(A, B): A (m, n), B (n, p); returns (A B)^T, shape (p, m), computed as B^T A^T.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "transpose"


def _transpose_mistakes(A):
    m, n = A.shape
    return [
        Mistake("transpose used reshape: A.reshape(n, m) keeps the reading order of the entries and only "
                "changes the shape; the transpose moves entry (j, i) to (i, j)",
                lambda got: (m, n) != (1, 1) and min(m, n) > 1 and np.allclose(as_numbers(got), A.reshape(n, m))),
        Mistake("transpose returned A unchanged: rows must become columns",
                lambda got: np.allclose(as_numbers(got), A)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_transpose_of_the_chapter_matrix_and_random_shapes(student, rng):
    """[[1, 2, 3], [4, 5, 6]] becomes a (3, 2) matrix; random square, wide, tall, row and column matrices."""
    cases = [np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])]
    cases += [rng.normal(size=shape) for shape in [(3, 3), (2, 5), (5, 2), (1, 4), (4, 1), (1, 1), (6, 4)]]
    cases.append(rng.integers(-9, 10, size=(3, 4)))
    for A in cases:
        expect_close(student.transpose(A), A.T, what="transpose(A)", inputs={"A": A},
                     mistakes=_transpose_mistakes(A))


def _product_mistakes(A, B):
    mistakes = [
        Mistake("transpose_of_product returned A B without transposing it",
                lambda got: np.allclose(as_numbers(got), A @ B)),
    ]
    if A.shape[0] == A.shape[1] == B.shape[1]:
        mistakes.insert(0, Mistake(
            "transpose_of_product computed A^T B^T: transposing a product reverses the order, "
            "(A B)^T = B^T A^T", lambda got: np.allclose(as_numbers(got), A.T @ B.T)))
        mistakes.append(Mistake("transpose_of_product computed B A: transpose both factors too, "
                                "(A B)^T = B^T A^T", lambda got: np.allclose(as_numbers(got), B @ A)))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_transpose_of_product_for_square_matrices(student, rng):
    """For square A and B, (A B)^T equals B^T A^T (and differs from A^T B^T)."""
    for n in (2, 3, 5):
        A = rng.normal(size=(n, n))
        B = rng.normal(size=(n, n))
        expect_close(student.transpose_of_product(A, B), (A @ B).T, what="transpose_of_product(A, B)",
                     inputs={"A": A, "B": B}, mistakes=_product_mistakes(A, B))


@pytest.mark.points(1, problem=PROBLEM)
def test_transpose_of_product_for_rectangular_matrices(student, rng):
    """(2, 3) @ (3, 4) gives a (4, 2) transpose; rows and columns of length 1 work too."""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    shapes = [((2, 3), (3, 4)), ((1, 4), (4, 3)), ((5, 1), (1, 2)), ((3, 4), (4, 1))]
    for index, (shape_a, shape_b) in enumerate(shapes):
        left = A if index == 0 else rng.normal(size=shape_a)
        B = rng.normal(size=shape_b)
        expect_close(student.transpose_of_product(left, B), (left @ B).T,
                     what=f"transpose_of_product(A, B) for shapes {shape_a} @ {shape_b}",
                     inputs={"A": left, "B": B}, mistakes=_product_mistakes(left, B))
