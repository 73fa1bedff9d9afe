"""Hidden tests for problem `similarity`: cosine similarity, angles and projections.

Contracts (a, b: non-zero 1-D vectors of the same length):
- cosine_similarity(a, b) = a.b / (||a|| ||b||), a float in [-1, 1]; ValueError for a zero vector.
- angle_between(a, b, degrees=False) = arccos of the cosine clipped to [-1, 1]: radians in [0, pi]
  (degrees in [0, 180] with degrees=True); parallel vectors give 0, never nan.
- scalar_projection(a, b) = a.b / ||b||;  vector_projection(a, b) = (a.b / b.b) b.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_raises

PROBLEM = "similarity"


def _near(value):
    return lambda got: np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-12)


def _cosine_mistakes(a, b):
    dot = float(np.dot(a, b))
    return [
        Mistake("cosine_similarity returned nan: check for zero vectors, and make sure no norm is 0",
                lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("cosine_similarity returned the plain dot product: divide by ||a|| ||b||", _near(dot)),
        Mistake("cosine_similarity divided by the squared lengths: divide by ||a|| ||b|| (square roots)",
                _near(dot / (np.dot(a, a) * np.dot(b, b)))),
        Mistake("cosine_similarity divided by the L1 norms: use the L2 (Euclidean) lengths",
                _near(dot / (np.sum(np.abs(a)) * np.sum(np.abs(b))))),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_cosine_similarity_of_the_chapter_vectors_and_random_pairs(student, reference, rng):
    """cos([3, 4], [1, 2]) = 11 / (5 sqrt 5) = 0.98387; random pairs of lengths 2 to 30."""
    pairs = [(np.array([3.0, 4.0]), np.array([1.0, 2.0])),
             (np.array([1.0, 7.0, 8.0]), np.array([3.0, 4.0, 7.0]))]
    pairs += [(rng.normal(size=n), rng.normal(size=n)) for n in (2, 3, 10, 30)]
    for a, b in pairs:
        expect_close(student.cosine_similarity(a, b), reference.cosine_similarity(a, b),
                     what="cosine_similarity(a, b)", inputs={"a": a, "b": b}, mistakes=_cosine_mistakes(a, b))


def _expect_value_error(call, what):
    expect_raises(call, "ValueError", what=what, why="the zero vector has no direction")


@pytest.mark.points(1, problem=PROBLEM)
def test_cosine_similarity_extremes_and_the_zero_vector(student, reference, rng):
    """Same direction gives 1, opposite gives -1, orthogonal gives 0; a zero vector raises ValueError."""
    a = rng.normal(size=4)
    orthogonal = np.array([1.0, 2.0, 0.0, -3.0]), np.array([3.0, 0.0, 5.0, 1.0])
    cases = [(a, 3.5 * a, 1.0), (a, -0.2 * a, -1.0), (orthogonal[0], orthogonal[1], 0.0),
             (np.array([1.0, 0.0]), np.array([0.0, 2.0]), 0.0)]
    for u, v, expected in cases:
        expect_close(student.cosine_similarity(u, v), expected, what="cosine_similarity(a, b)",
                     inputs={"a": u, "b": v}, atol=1e-12, mistakes=_cosine_mistakes(u, v))
    _expect_value_error(lambda: student.cosine_similarity(np.zeros(3), np.array([1.0, 2.0, 3.0])),
                        "cosine_similarity(zero vector, b)")
    _expect_value_error(lambda: student.cosine_similarity(np.array([1.0, 2.0]), np.zeros(2)),
                        "cosine_similarity(a, zero vector)")


def _angle_mistakes(a, b, degrees):
    theta = reference_angle = float(np.arccos(np.clip(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)),
                                                       -1.0, 1.0)))
    other_unit = np.degrees(theta) if not degrees else theta
    return [
        Mistake("angle_between returned nan: rounding can push the cosine of parallel vectors just above 1 "
                "(1.0000000000000002); clip it to [-1, 1] before np.arccos",
                lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("angle_between returned the cosine, not the angle: apply np.arccos",
                _near(np.cos(reference_angle))),
        Mistake("angle_between mixed up radians and degrees: radians by default, degrees only with "
                "degrees=True", _near(other_unit)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_angle_between_in_radians_and_degrees(student, reference, rng):
    """[1, 7, 8] and [3, 4, 7] are 18.70 degrees apart; orthogonal vectors are pi / 2; random pairs."""
    pairs = [(np.array([1.0, 7.0, 8.0]), np.array([3.0, 4.0, 7.0])),
             (np.array([1.0, 0.0]), np.array([0.0, 1.0])), (np.array([2.0, 1.0]), np.array([-4.0, -2.0]))]
    pairs += [(rng.normal(size=n), rng.normal(size=n)) for n in (2, 5, 12)]
    for a, b in pairs:
        expect_close(student.angle_between(a, b), reference.angle_between(a, b), what="angle_between(a, b)",
                     inputs={"a": a, "b": b}, atol=1e-7, mistakes=_angle_mistakes(a, b, False))
        expect_close(student.angle_between(a, b, degrees=True), reference.angle_between(a, b, degrees=True),
                     what="angle_between(a, b, degrees=True)", inputs={"a": a, "b": b}, atol=1e-5,
                     mistakes=_angle_mistakes(a, b, True))


@pytest.mark.points(1, problem=PROBLEM)
def test_angle_between_parallel_vectors_is_zero_not_nan(student):
    """Parallel vectors whose computed cosine rounds to 1.0000000000000002 have angle 0 (clip first)."""
    base = np.array([1.1, 2.2, 3.3])
    for a, b, expected in [(base, 2.0 * base, 0.0), (base, 0.1 * base, 0.0), (np.array([1.0, 2.0, 3.0]),
                                                                              1e5 * np.array([1.0, 2.0, 3.0]), 0.0),
                           (base, -2.0 * base, np.pi)]:
        expect_close(student.angle_between(a, b), expected, what="angle_between(a, b) for parallel vectors",
                     inputs={"a": a, "b": b}, atol=1e-7, mistakes=_angle_mistakes(a, b, False))


def _projection_mistakes(a, b):
    dot = float(np.dot(a, b))
    return [
        Mistake("the projection went the wrong way: this projects b onto a; project a onto b",
                _near((dot / np.dot(a, a)) * a)),
        Mistake("vector_projection forgot to divide by b.b: (a.b / b.b) b", _near(dot * b)),
        Mistake("vector_projection divided by ||b|| only once: the factor is a.b / ||b||^2 = a.b / b.b",
                _near(dot / np.linalg.norm(b) * b)),
    ]


def _scalar_mistakes(a, b):
    dot = float(np.dot(a, b))
    return [
        Mistake("scalar_projection projected b onto a: it is a.b / ||b||", _near(dot / np.linalg.norm(a))),
        Mistake("scalar_projection divided by b.b: the length of the projection is a.b / ||b||",
                _near(dot / np.dot(b, b))),
        Mistake("scalar_projection returned the plain dot product: divide by ||b||", _near(dot)),
        Mistake("scalar_projection lost its sign: it is negative when the angle is above 90 degrees",
                _near(abs(dot) / np.linalg.norm(b))),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_scalar_and_vector_projections(student, reference, rng):
    """Projections of a onto b: ([2, 2] on [1, 0]) gives 2 and [2, 0]; random pairs, obtuse angles."""
    pairs = [(np.array([2.0, 2.0]), np.array([1.0, 0.0])), (np.array([3.0, 4.0]), np.array([1.0, 2.0])),
             (np.array([1.0, 1.0]), np.array([-2.0, -0.5]))]
    pairs += [(rng.normal(size=n), rng.normal(size=n) * 3.0) for n in (2, 3, 7)]
    for a, b in pairs:
        expect_close(student.scalar_projection(a, b), reference.scalar_projection(a, b),
                     what="scalar_projection(a, b)", inputs={"a": a, "b": b}, mistakes=_scalar_mistakes(a, b))
        expect_close(student.vector_projection(a, b), reference.vector_projection(a, b),
                     what="vector_projection(a, b)", inputs={"a": a, "b": b}, mistakes=_projection_mistakes(a, b))
