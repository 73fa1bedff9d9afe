"""Hidden tests for problem `hadamard`: the element-wise product versus the matrix product.

Contracts:
- hadamard(A, B): matrices of the SAME shape; a NumPy array with C[i, j] = A[i, j] * B[i, j] (floats, or
  ints for integer matrices); ValueError when the shapes differ, even when NumPy could broadcast them.
- product_rules(shape_a, shape_b): the tuple (hadamard_defined, matmul_defined) of two bools (Python or
  NumPy): equal shapes for the Hadamard product, shape_a[1] == shape_b[0] for A @ B.
Neither function modifies its arguments.
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, expect_close, expect_equal, expect_raises,
                                      expect_unchanged)

PROBLEM = "hadamard"


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _same(got, value):
    array = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return array.shape == value.shape and bool(np.allclose(array, value, rtol=1e-6, atol=1e-9))


def _hadamard_mistakes(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    mistakes = [Mistake("hadamard must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                        id="returns-list-not-array")]
    if A.shape[1] == B.shape[0]:
        mistakes.append(Mistake("hadamard computed the matrix product A @ B (the chapter's Mistake 1): the "
                                "Hadamard product multiplies matching entries, A * B",
                                lambda got: _same(got, A @ B), id="hadamard-is-matmul"))
    mistakes.append(Mistake("hadamard added the matrices: multiply matching entries",
                            lambda got: _same(got, A + B), id="hadamard-adds"))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_hadamard_of_the_chapter_examples(student):
    """A binary gate times data gives [[5, 0, 8], [0, 7, 0]]; the second example gives [[3, 30, 21], ...]."""
    cases = [
        (np.array([[1, 0, 1], [0, 1, 0]]), np.array([[5, 3, 8], [2, 7, 4]]), [[5, 0, 8], [0, 7, 0]]),
        (np.array([[3, 5, 7], [4, 9, 8]]), np.array([[1, 6, 3], [0, 2, 9]]), [[3, 30, 21], [0, 18, 72]]),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), [[1, 4], [9, 16]]),
    ]
    for A, B, expected in cases:
        expect_close(_call(student, "hadamard", A, B), np.array(expected, dtype=float), what="hadamard(A, B)",
                     inputs={"A": A, "B": B}, strict_type=True, mistakes=_hadamard_mistakes(A, B))


@pytest.mark.points(1, problem=PROBLEM)
def test_hadamard_of_random_matrices_differs_from_the_matrix_product(student, rng):
    """Random square and rectangular matrices: the result is A * B, not A @ B."""
    for shape in [(2, 2), (3, 3), (4, 4), (2, 5), (5, 1), (1, 1), (1, 6)]:
        A = rng.normal(size=shape)
        B = rng.normal(size=shape)
        expect_close(_call(student, "hadamard", A, B), A * B, what=f"hadamard(A, B) for shape {shape}",
                     inputs={"A": A, "B": B}, strict_type=True, mistakes=_hadamard_mistakes(A, B))


def _broadcast_mistake(A, B):
    try:
        broadcast = A * B
    except ValueError:
        return []
    return [Mistake("hadamard let NumPy broadcast two different shapes: the Hadamard product is defined only for "
                    "equal shapes, so compare A.shape with B.shape and raise ValueError",
                    lambda got: _same(got, broadcast), id="hadamard-broadcasts")]


@pytest.mark.points(1, problem=PROBLEM)
def test_hadamard_raises_value_error_for_different_shapes_even_if_broadcastable(student, rng):
    """Different shapes raise ValueError: (2, 3) with (1, 3), (3, 1) with (3, 3), (1, 1) with (2, 2), (2, 3) with
    (2, 1), (1, 4) with (4, 1) (as many entries), (2, 2) with (2, 3), (3, 2) with (2, 3)."""
    A, B = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))   # equal shapes must still work
    expect_close(_call(student, "hadamard", A, B), A * B, what="hadamard(A, B) for shape (2, 3)",
                 inputs={"A": A, "B": B}, strict_type=True, mistakes=_hadamard_mistakes(A, B))
    for shape_a, shape_b in [((2, 3), (1, 3)), ((3, 1), (3, 3)), ((1, 1), (2, 2)), ((2, 3), (2, 1)),
                             ((1, 4), (4, 1)), ((2, 2), (2, 3)), ((3, 2), (2, 3))]:
        A = rng.normal(size=shape_a)
        B = rng.normal(size=shape_b)
        mistakes = _broadcast_mistake(A, B)
        hint = ("NumPy's * would broadcast these shapes, but the Hadamard product is defined only for equal "
                "shapes: check A.shape == B.shape and raise ValueError" if mistakes
                else "the shapes differ: compare them first and raise ValueError")
        expect_raises(lambda: student.hadamard(A, B), "ValueError",
                      what=f"hadamard(A, B) with shapes {shape_a} and {shape_b}", why=hint,
                      mistakes=mistakes + [Mistake("hadamard returned a result for two different shapes: compare "
                                                   "A.shape with B.shape and raise ValueError", lambda got: True,
                                                   id="hadamard-no-shape-check")])


# ------------------------------------------------------------------------------------ product_rules
RULE_CASES = [((2, 3), (2, 3)), ((2, 3), (3, 2)), ((3, 3), (3, 3)), ((2, 3), (4, 5)), ((64, 128), (128, 10)),
              ((100, 5), (100, 3)), ((1, 1), (1, 1)), ((5, 1), (1, 5)), ((3, 2), (3, 4)), ((2, 4), (3, 4)),
              ((4, 2), (3, 4)), ((2, 6), (3, 2)), ((3, 3), (3, 4)), ((2, 3), (3, 3))]


def _as_flags(got):
    """A pair of Python or NumPy bools as a tuple of Python bools; anything else unchanged."""
    if isinstance(got, tuple) and len(got) == 2 and all(isinstance(v, (bool, np.bool_)) for v in got):
        return (bool(got[0]), bool(got[1]))
    return got


def _flags(got):
    """A student's answer read leniently as two truth values, for the predicates; None when it cannot be."""
    try:
        values = tuple(got)
    except TypeError:
        return None
    if len(values) != 2 or not all(isinstance(v, (bool, np.bool_, int, np.integer)) for v in values):
        return None
    return (bool(values[0]), bool(values[1]))


def _rule_mistakes(cases, answers):
    """Mistakes judged on the student's answers for ALL the cases at once (so that one coincidence does not
    blame a rule the student did not write)."""
    flags = [_flags(got) for got in answers]

    def follows(rule_index, rule):
        return all(f is not None and f[rule_index] == bool(rule(a, b)) for f, (a, b) in zip(flags, cases))

    def hadamard_rule(a, b):
        return a == b

    def matmul_rule(a, b):
        return a[1] == b[0]

    other_matmul_rules = (lambda a, b: a[0] == b[1], lambda a, b: a[1] == b[1], lambda a, b: a[0] == b[0],
                          lambda a, b: a[0] == b[0] or a[1] == b[1])
    other_hadamard_rules = (lambda a, b: a[0] == b[0], lambda a, b: a[1] == b[1],
                            lambda a, b: a[0] * a[1] == b[0] * b[1], matmul_rule)
    return [
        Mistake("product_rules returned (matmul_defined, hadamard_defined): the Hadamard flag comes first",
                lambda _: follows(0, matmul_rule) and follows(1, hadamard_rule), id="rules-swapped"),
        Mistake("the matrix product A @ B needs the COLUMNS of A to match the ROWS of B (shape_a[1] == "
                "shape_b[0]), not equal shapes", lambda _: follows(0, hadamard_rule) and
                follows(1, hadamard_rule), id="rules-matmul-needs-equal-shapes"),
        Mistake("the matrix product A @ B needs shape_a[1] == shape_b[0] (columns of A, rows of B); your rule "
                "compares other dimensions", lambda _: follows(0, hadamard_rule) and any(
                    follows(1, rule) for rule in other_matmul_rules), id="rules-matmul-wrong-dimensions"),
        Mistake("the Hadamard product needs the SAME shape (both dimensions equal): your rule checks only one "
                "dimension, the number of entries or the matrix-product rule", lambda _: follows(1, matmul_rule)
                and any(follows(0, rule) for rule in other_hadamard_rules), id="rules-hadamard-wrong-dimensions"),
    ]


def _type_mistake(expected):
    return Mistake("product_rules must return a tuple of two bools (hadamard_defined, matmul_defined), not a "
                   "list, an array or numbers", lambda got: _flags(got) == expected,
                   id="rules-not-a-tuple-of-bools")


@pytest.mark.points(1, problem=PROBLEM)
def test_product_rules_tell_which_products_are_defined(student, rng):
    """Equal shapes allow A * B; matching inner dimensions allow A @ B; both, one or neither."""
    cases = list(RULE_CASES) + [((int(a), int(b)), (int(c), int(d))) for a, b, c, d in rng.integers(1, 4, size=(6, 4))]
    answers = [_call(student, "product_rules", shape_a, shape_b) for shape_a, shape_b in cases]
    mistakes = _rule_mistakes(cases, answers)
    for (shape_a, shape_b), got in zip(cases, answers):
        expected = (shape_a == shape_b, shape_a[1] == shape_b[0])
        expect_equal(_as_flags(got), expected, what="product_rules(shape_a, shape_b) = (hadamard_defined, "
                     "matmul_defined)", inputs={"shape_a": shape_a, "shape_b": shape_b}, strict_type=True,
                     mistakes=mistakes + [_type_mistake(expected)])
