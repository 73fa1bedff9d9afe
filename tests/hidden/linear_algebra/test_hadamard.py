"""Hidden tests for problem `hadamard`: the element-wise product versus the matrix product.

Contracts:
- hadamard(A, B): matrices of the SAME shape; C[i, j] = A[i, j] * B[i, j]; ValueError when the shapes
  differ, even when NumPy could broadcast them.
- product_rules(shape_a, shape_b): (hadamard_defined, matmul_defined), two bools: equal shapes for the
  Hadamard product, shape_a[1] == shape_b[0] for A @ B.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_equal, expect_raises

PROBLEM = "hadamard"


def _hadamard_mistakes(A, B):
    mistakes = []
    if A.ndim == 2 and A.shape[1] == B.shape[0]:
        mistakes.append(Mistake("hadamard computed the matrix product A @ B (the chapter's Mistake 1): the "
                                "Hadamard product multiplies matching entries, A * B",
                                lambda got: np.allclose(as_numbers(got), A @ B)))
    mistakes.append(Mistake("hadamard added the matrices: multiply matching entries",
                            lambda got: np.allclose(as_numbers(got), A + B)))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_hadamard_of_the_chapter_examples(student):
    """A binary gate times data gives [[5, 0, 8], [0, 7, 0]]; the second example gives [[3, 30, 21], ...]."""
    cases = [
        (np.array([[1, 0, 1], [0, 1, 0]]), np.array([[5, 3, 8], [2, 7, 4]]), [[5, 0, 8], [0, 7, 0]]),
        (np.array([[3, 5, 7], [4, 9, 8]]), np.array([[1, 6, 3], [0, 2, 9]]), [[3, 30, 21], [0, 18, 72]]),
    ]
    for A, B, expected in cases:
        expect_close(student.hadamard(A, B), np.array(expected, dtype=float), what="hadamard(A, B)",
                     inputs={"A": A, "B": B}, mistakes=_hadamard_mistakes(A, B))


@pytest.mark.points(1, problem=PROBLEM)
def test_hadamard_of_random_matrices_differs_from_the_matrix_product(student, rng):
    """Random square and rectangular matrices: the result is A * B, not A @ B."""
    for shape in [(2, 2), (3, 3), (4, 4), (2, 5), (5, 1), (1, 1), (1, 6)]:
        A = rng.normal(size=shape)
        B = rng.normal(size=shape)
        expect_close(student.hadamard(A, B), A * B, what=f"hadamard(A, B) for shape {shape}",
                     inputs={"A": A, "B": B}, mistakes=_hadamard_mistakes(A, B))


@pytest.mark.points(1, problem=PROBLEM)
def test_hadamard_raises_value_error_for_different_shapes_even_if_broadcastable(student, rng):
    """(2, 3) with (1, 3), (3, 1) with (3, 3), (2, 2) with (2, 3), (3, 2) with (2, 3): ValueError."""
    A, B = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))   # equal shapes must still work
    expect_close(student.hadamard(A, B), A * B, what="hadamard(A, B) for shape (2, 3)", inputs={"A": A, "B": B},
                 mistakes=_hadamard_mistakes(A, B))
    for shape_a, shape_b in [((2, 3), (1, 3)), ((3, 1), (3, 3)), ((2, 2), (2, 3)), ((3, 2), (2, 3))]:
        A = rng.normal(size=shape_a)
        B = rng.normal(size=shape_b)
        broadcast = (np.broadcast_shapes(shape_a, shape_b)
                     if all(a == b or 1 in (a, b) for a, b in zip(shape_a, shape_b)) else None)
        hint = (f"NumPy's * broadcast the shapes to {broadcast}, but the Hadamard product is defined only "
                "for equal shapes: check A.shape == B.shape and raise ValueError"
                if broadcast is not None else "the shapes differ: compare them first and raise ValueError")
        expect_raises(lambda: student.hadamard(A, B), "ValueError",
                      what=f"hadamard(A, B) with shapes {shape_a} and {shape_b}", why=hint)


def _rules_mistakes(expected):
    return [
        Mistake("product_rules returned (matmul_defined, hadamard_defined): the Hadamard flag comes first",
                lambda got: tuple(got) == expected[::-1] and expected[0] != expected[1]),
        Mistake("A @ B needs the COLUMNS of A to match the ROWS of B (shape_a[1] == shape_b[0]), not equal "
                "shapes", lambda got: tuple(got)[1] == expected[0] and expected[0] != expected[1]),
        Mistake("product_rules must return a tuple of two bools (hadamard_defined, matmul_defined)",
                lambda got: not isinstance(got, (tuple, list)) or len(got) != 2),
    ]


def _as_bools(got):
    if isinstance(got, (tuple, list)):
        return tuple(bool(v) if isinstance(v, np.bool_) else v for v in got)
    return got


@pytest.mark.points(1, problem=PROBLEM)
def test_product_rules_tell_which_products_are_defined(student, rng):
    """Equal shapes allow A * B; matching inner dimensions allow A @ B; both, one or neither."""
    cases = [((2, 3), (2, 3)), ((2, 3), (3, 2)), ((3, 3), (3, 3)), ((2, 3), (4, 5)), ((64, 128), (128, 10)),
             ((100, 5), (100, 3)), ((1, 1), (1, 1)), ((5, 1), (1, 5))]
    cases += [((int(a), int(b)), (int(c), int(d))) for a, b, c, d in rng.integers(1, 4, size=(6, 4))]
    for shape_a, shape_b in cases:
        expected = (shape_a == shape_b, shape_a[1] == shape_b[0])
        expect_equal(_as_bools(student.product_rules(shape_a, shape_b)), expected,
                     what="product_rules(shape_a, shape_b) = (hadamard_defined, matmul_defined)",
                     inputs={"shape_a": shape_a, "shape_b": shape_b},
                     mistakes=_rules_mistakes(expected))
