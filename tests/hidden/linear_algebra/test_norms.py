"""Hidden tests for problem `norms`: L1, L2 and L-infinity norms and unit vectors.

Contracts:
- vector_norms(v): v 1-D; returns {"l1": sum |v_i|, "l2": sqrt(sum v_i^2), "linf": max |v_i|}.
- unit_vector(v): v / ||v||_2, same shape as v; ValueError for the zero vector.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true, expect_raises

PROBLEM = "norms"
KEYS = ("l1", "l2", "linf")


def _near(value):
    return lambda got: np.isclose(float(as_numbers(got)), value, rtol=1e-6, atol=1e-12)


def _norm_mistakes(key, v):
    if key == "l1":
        return [Mistake("the L1 norm sums ABSOLUTE values: sum |v_i|, not sum v_i", _near(np.sum(v))),
                Mistake("that is the L2 norm: the L1 norm is sum |v_i|", _near(np.linalg.norm(v)))]
    if key == "l2":
        return [Mistake("the L2 norm takes a square root: sqrt(sum v_i^2), not sum v_i^2", _near(np.sum(v * v))),
                Mistake("the L2 norm squares the entries before summing: sqrt(sum v_i^2)",
                        _near(np.sqrt(abs(np.sum(v)))))]
    return [Mistake("the L-infinity norm is the largest ABSOLUTE value max |v_i|, not max v_i",
                    _near(np.max(v))),
            Mistake("the L-infinity norm is the largest absolute value, not the smallest", _near(np.min(np.abs(v))))]


def _check_norms(student, reference, v):
    got = student.vector_norms(v)
    expect_true(isinstance(got, dict) and all(key in got for key in KEYS),
                f"vector_norms must return a dict with the keys 'l1', 'l2', 'linf'; got {describe(got)}")
    expected = reference.vector_norms(v)
    for key in KEYS:
        expect_close(got[key], expected[key], what=f'vector_norms(v)["{key}"]', inputs={"v": v},
                     mistakes=_norm_mistakes(key, v))


@pytest.mark.points(1, problem=PROBLEM)
def test_norms_of_the_chapter_vectors(student, reference):
    """[3, -4, 1] has norms 8, 5.099 and 4; [3, 4] has norms 7, 5 and 4."""
    for v in (np.array([3.0, -4.0, 1.0]), np.array([3.0, 4.0]), np.array([-2.0]), np.zeros(3)):
        _check_norms(student, reference, v)


@pytest.mark.points(1, problem=PROBLEM)
def test_norms_of_random_vectors(student, reference, rng):
    """Random vectors of length 1 to 100 with mixed signs; also small and large entries."""
    for n in (1, 2, 5, 17, 100):
        _check_norms(student, reference, rng.normal(0.0, 3.0, size=n))
    _check_norms(student, reference, np.array([1e-8, -3e-8]))
    _check_norms(student, reference, np.array([-7e100, 2e100, 1.0]))


def _unit_mistakes(v):
    return [
        Mistake("unit_vector divided by the L1 norm: a unit vector has L2 length 1, v / ||v||_2",
                lambda got: np.allclose(as_numbers(got), v / np.sum(np.abs(v)))),
        Mistake("unit_vector divided by the squared length: divide by ||v||_2 = sqrt(v . v)",
                lambda got: np.allclose(as_numbers(got), v / np.dot(v, v))),
        Mistake("unit_vector divided by the largest entry: divide by the L2 norm",
                lambda got: np.allclose(as_numbers(got), v / np.max(np.abs(v)))),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_unit_vector_has_length_one_and_the_same_direction(student, reference, rng):
    """unit_vector([3, 4]) = [0.6, 0.8]; random vectors give v / ||v||_2."""
    cases = [np.array([3.0, 4.0]), np.array([0.0, -5.0, 0.0]), np.array([2.5])]
    cases += [rng.normal(0.0, 4.0, size=n) for n in (2, 3, 8, 50)]
    for v in cases:
        expect_close(student.unit_vector(v), reference.unit_vector(v), what="unit_vector(v)", inputs={"v": v},
                     mistakes=_unit_mistakes(v))


@pytest.mark.points(1, problem=PROBLEM)
def test_unit_vector_of_the_zero_vector_raises_value_error(student, reference):
    """The zero vector has no direction: ValueError (not nan, not a division warning)."""
    v = np.array([0.0, 3.0, -4.0])   # a non-zero vector must still work
    expect_close(student.unit_vector(v), reference.unit_vector(v), what="unit_vector(v)", inputs={"v": v},
                 mistakes=_unit_mistakes(v))
    for v in (np.zeros(3), np.zeros(1)):
        expect_raises(lambda: student.unit_vector(v), "ValueError", what=f"unit_vector({v.tolist()})",
                      why="the zero vector has length 0 and no direction; raise ValueError instead of dividing by 0")
