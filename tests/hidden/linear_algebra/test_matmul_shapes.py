"""Hidden tests for problem `matmul_shapes`: the shapes rule and matrix multiplication by hand.

Contracts:
- result_shape(shape_a, shape_b): (m, n) and (n, p) give the tuple (m, p); ValueError when the
  inner dimensions differ.
- matmul(A, B): 2-D arrays A (m, n) and B (n, p); C[i, j] = sum_k A[i, k] B[k, j], shape (m, p);
  ValueError when A.shape[1] != B.shape[0] (also when a loop would silently run anyway).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_equal, expect_raises

PROBLEM = "matmul_shapes"


def _expect_value_error(call, what, hint=""):
    """The student's call must raise ValueError; NotImplementedError passes through unchanged."""
    expect_raises(call, "ValueError", what=what,
                  why=f"the inner dimensions differ, so the product is not defined{hint}")


def _matmul_mistakes(A, B):
    product = A @ B
    mistakes = [
        Mistake("matmul returned the transpose of A @ B: C[i, j] pairs ROW i of A with COLUMN j of B, "
                "and C has shape (m, p)",
                lambda got: as_numbers(got).shape == product.T.shape and np.allclose(as_numbers(got), product.T)),
    ]
    if A.shape == B.shape:
        mistakes.append(Mistake("matmul computed the element-wise (Hadamard) product A * B: a matrix "
                                "product sums A[i, k] * B[k, j] over k",
                                lambda got: np.allclose(as_numbers(got), A * B)))
    if A.shape[0] == B.shape[1]:
        mistakes.append(Mistake("matmul computed B @ A: the order matters (matrix products do not "
                                "commute)", lambda got: np.allclose(as_numbers(got), B @ A)))
    return mistakes


def _check_matmul(student, A, B, what="matmul(A, B)"):
    expect_close(student.matmul(A, B), A @ B, what=what, inputs={"A": A, "B": B},
                 mistakes=_matmul_mistakes(A, B))


@pytest.mark.points(1, problem=PROBLEM)
def test_matmul_reproduces_the_hand_calculations(student):
    """Exercise B1 gives [14, -3]; the chapter's 3x2 by 2x3 walkthrough gives [[27, 30, 33], ...]."""
    A = np.array([[2.0, 3.0], [1.0, -1.0]])
    B = np.array([[1.0], [4.0]])
    expect_close(student.matmul(A, B), np.array([[14.0], [-3.0]]),
                 what="matmul(A, B) for exercise B1 (a (2, 1) column [14, -3])", inputs={"A": A, "B": B},
                 mistakes=_matmul_mistakes(A, B))
    A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    B = np.array([[7.0, 8.0, 9.0], [10.0, 11.0, 12.0]])
    _check_matmul(student, A, B, "matmul(A, B) for the (3, 2) @ (2, 3) walkthrough")


@pytest.mark.points(2, problem=PROBLEM)
def test_matmul_matches_the_definition_on_random_shapes(student, rng):
    """Random matrices of many shapes, including single rows, single columns and 1x1."""
    shapes = [(1, 1, 1), (1, 4, 1), (4, 1, 3), (3, 3, 3), (2, 5, 4), (6, 2, 1), (1, 3, 5), (5, 4, 5)]
    for m, n, p in shapes:
        A = rng.normal(0.0, 2.0, size=(m, n))
        B = rng.normal(0.0, 2.0, size=(n, p))
        _check_matmul(student, A, B, f"matmul(A, B) for shapes ({m}, {n}) @ ({n}, {p})")
    A = rng.integers(-5, 6, size=(3, 4))
    B = rng.integers(-5, 6, size=(4, 2))
    _check_matmul(student, A, B, "matmul(A, B) for integer matrices")


@pytest.mark.points(1, problem=PROBLEM)
def test_matmul_raises_value_error_when_inner_dimensions_differ(student, rng):
    """(2, 2) @ (3, 1), (2, 3) @ (2, 3) and (3, 2) @ (3, 2) are not defined: ValueError."""
    A, B = rng.normal(size=(2, 3)), rng.normal(size=(3, 2))   # a defined product must still work
    _check_matmul(student, A, B, "matmul(A, B) for shapes (2, 3) @ (3, 2)")
    cases = [((2, 2), (3, 1), " (a loop over k in range(A.shape[1]) runs without error here and silently "
                              "ignores the last row of B: compare the shapes first)"),
             ((2, 3), (2, 3), ""), ((3, 2), (3, 2), ""), ((1, 4), (5, 1), "")]
    for shape_a, shape_b, hint in cases:
        A = rng.normal(size=shape_a)
        B = rng.normal(size=shape_b)
        _expect_value_error(lambda: student.matmul(A, B), f"matmul(A, B) with shapes {shape_a} @ {shape_b}",
                            hint)


def _shape_mistakes(shape_a, shape_b):
    (m, n), (_, p) = shape_a, shape_b
    return [
        Mistake("the outer dimensions come in the order (rows of A, columns of B), not (p, m)",
                lambda got: tuple(got) == (p, m) and (p, m) != (m, p)),
        Mistake("the inner dimension disappears in the product: (m, n) @ (n, p) gives (m, p), "
                "not (m, n, p)", lambda got: tuple(got) == (m, n, p)),
        Mistake("the result keeps the rows of A and the columns of B: (m, n) @ (n, p) gives (m, p), "
                "not (n, n)", lambda got: tuple(got) == (n, n) and (n, n) != (m, p)),
        Mistake("result_shape must return a tuple of two ints such as (64, 10)",
                lambda got: not isinstance(got, (tuple, list))),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_result_shape_answers_mcq_1_and_random_shapes(student, rng):
    """(64, 128) @ (128, 10) has shape (64, 10), and so on for random compatible shapes."""
    cases = [((64, 128), (128, 10)), ((784, 256), (256, 10)), ((1, 5), (5, 1)), ((5, 1), (1, 5))]
    cases += [((int(m), int(n)), (int(n), int(p))) for m, n, p in rng.integers(1, 300, size=(4, 3))]
    for shape_a, shape_b in cases:
        expected = (shape_a[0], shape_b[1])
        expect_equal(student.result_shape(shape_a, shape_b), expected, what="result_shape(shape_a, shape_b)",
                     inputs={"shape_a": shape_a, "shape_b": shape_b}, mistakes=_shape_mistakes(shape_a, shape_b))


@pytest.mark.points(1, problem=PROBLEM)
def test_result_shape_raises_value_error_for_incompatible_shapes(student):
    """(100, 5) @ (100, 3) (the chapter's Mistake 2) and other mismatches raise ValueError."""
    expect_equal(student.result_shape((100, 5), (5, 3)), (100, 3), what="result_shape((100, 5), (5, 3))",
                 mistakes=_shape_mistakes((100, 5), (5, 3)))
    for shape_a, shape_b in [((100, 5), (100, 3)), ((64, 128), (10, 128)), ((3, 2), (3, 2))]:
        _expect_value_error(lambda: student.result_shape(shape_a, shape_b),
                            f"result_shape({shape_a}, {shape_b})")
