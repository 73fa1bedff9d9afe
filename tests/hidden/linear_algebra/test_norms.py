"""Hidden tests for problem `norms`: L1, L2 and L-infinity norms and unit vectors.

Contracts:
- vector_norms(v): v 1-D of length n >= 1; returns the dict {"l1": sum |v_i|, "l2": sqrt(sum v_i^2),
  "linf": max |v_i|} with float values (Python or NumPy floats).
- unit_vector(v): v / ||v||_2, a NumPy float array of the shape of v; ValueError for the zero vector
  (every entry 0), and only for it: tiny non-zero vectors have a direction too.
Neither function modifies its argument. Values are compared with a relative tolerance only (atol = 0), so
that vectors of size 1e-8 are checked as strictly as vectors of size 1.
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_raises, expect_true,
                                      expect_unchanged)

PROBLEM = "norms"
KEYS = ("l1", "l2", "linf")


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _near(value):
    return lambda got: bool(np.isclose(float(as_numbers(got)), value, rtol=1e-6, atol=0.0))


def _norm_mistakes(key, v):
    n = len(v)
    absolute = np.abs(v)
    l1, l2 = float(np.sum(absolute)), float(np.sqrt(np.sum(v * v)))
    if key == "l1":
        return [Mistake("the L1 norm sums ABSOLUTE values: sum |v_i|, not sum v_i", _near(np.sum(v)), id="l1-no-abs"),
                Mistake("that is the L2 norm: the L1 norm is sum |v_i|", _near(l2), id="l1-is-l2"),
                Mistake("the L1 norm is the SUM of |v_i|, not their mean", lambda got: n > 1 and _near(l1 / n)(got),
                        id="l1-mean-not-sum")]
    if key == "l2":
        return [Mistake("the L2 norm takes a square root: sqrt(sum v_i^2), not sum v_i^2", _near(np.sum(v * v)),
                        id="l2-no-sqrt"),
                Mistake("the L2 norm squares the entries before summing: sqrt(sum v_i^2), not sqrt(|sum v_i|)",
                        _near(np.sqrt(abs(np.sum(v)))), id="l2-no-squares"),
                Mistake("the L2 norm is sqrt(SUM of v_i^2), not the root of their mean",
                        lambda got: n > 1 and _near(l2 / np.sqrt(n))(got), id="l2-mean-not-sum"),
                Mistake("that is the L1 norm: the L2 norm is sqrt(sum v_i^2)", _near(l1), id="l2-is-l1")]
    return [Mistake("the L-infinity norm is the largest ABSOLUTE value max |v_i|, not max v_i",
                    _near(np.max(v)), id="linf-no-abs"),
            Mistake("the L-infinity norm is the largest absolute value, not the smallest", _near(np.min(absolute)),
                    id="linf-min-not-max")]


NOT_A_DICT = Mistake('vector_norms must return a dict with the three keys "l1", "l2" and "linf" (lower case), '
                     "for example {\"l1\": ..., \"l2\": ..., \"linf\": ...}", lambda _: True, id="norms-not-a-dict")


def _check_norms(student, reference, v):
    got = _call(student, "vector_norms", v)
    expect_true(isinstance(got, dict) and all(key in got for key in KEYS),
                f"vector_norms must return a dict with the keys 'l1', 'l2', 'linf'; got {describe(got)}",
                mistake=NOT_A_DICT)
    expected = reference.vector_norms(v)
    for key in KEYS:
        expect_close(got[key], expected[key], what=f'vector_norms(v)["{key}"]', inputs={"v": v}, atol=0.0,
                     mistakes=_norm_mistakes(key, v))


@pytest.mark.points(1, problem=PROBLEM)
def test_norms_of_the_chapter_vectors(student, reference):
    """[3, -4, 1] has norms 8, 5.099 and 4; [3, 4] has norms 7, 5 and 4; a single entry; the zero vector."""
    for v in (np.array([3.0, -4.0, 1.0]), np.array([3.0, 4.0]), np.array([-2.0]), np.array([-1.0, -5.0, 2.0]),
              np.zeros(3)):
        _check_norms(student, reference, v)


@pytest.mark.points(1, problem=PROBLEM)
def test_norms_of_random_vectors(student, reference, rng):
    """Random vectors of length 1 to 100 with mixed signs; also entries of size 1e-8 and 1e100."""
    for n in (1, 2, 5, 17, 100):
        _check_norms(student, reference, rng.normal(0.0, 3.0, size=n))
    _check_norms(student, reference, np.array([1e-8, -3e-8, 2e-8]))
    _check_norms(student, reference, np.array([-7e100, 2e100, 1.0]))


def _unit_mistakes(v):
    v = np.asarray(v, dtype=float)
    length = np.sqrt(np.sum(v * v))

    def same(value):
        return lambda got: (as_numbers(got).shape == v.shape
                            and bool(np.allclose(as_numbers(got), value, rtol=1e-6, atol=0.0)))

    return [
        Mistake("unit_vector must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                id="returns-list-not-array"),
        Mistake("unit_vector divided by the L1 norm: a unit vector has L2 length 1, v / ||v||_2",
                same(v / np.sum(np.abs(v))), id="unit-vector-l1"),
        Mistake("unit_vector divided by the squared length: divide by ||v||_2 = sqrt(v . v)",
                same(v / np.dot(v, v)), id="unit-vector-squared-length"),
        Mistake("unit_vector divided by the largest entry: divide by the L2 norm",
                same(v / np.max(np.abs(v))), id="unit-vector-max"),
        Mistake("unit_vector multiplied by the length: divide v by ||v||_2", same(v * length),
                id="unit-vector-multiplied"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_unit_vector_has_length_one_and_the_same_direction(student, reference, rng):
    """unit_vector([3, 4]) = [0.6, 0.8]; random vectors give v / ||v||_2."""
    cases = [np.array([3.0, 4.0]), np.array([0.0, -5.0, 0.0]), np.array([2.5]), np.array([-0.5])]
    cases += [rng.normal(0.0, 4.0, size=n) for n in (2, 3, 8, 50)]
    for v in cases:
        expect_close(_call(student, "unit_vector", v), reference.unit_vector(v), what="unit_vector(v)",
                     inputs={"v": v}, atol=0.0, strict_type=True, mistakes=_unit_mistakes(v))


ZERO_NOT_REJECTED = Mistake("unit_vector returned a value for the zero vector, which has no direction: check for "
                            "it first and raise ValueError (dividing by its length 0 only gives nan and a warning)",
                            lambda _: True,
                            id="zero-vector-not-rejected")


@pytest.mark.points(1, problem=PROBLEM)
def test_unit_vector_of_the_zero_vector_raises_value_error_and_tiny_vectors_work(student, reference):
    """The zero vector has no direction: ValueError (not nan, not a division warning); [3e-10, -4e-10] works."""
    for v in (np.array([0.0, 3.0, -4.0]), np.array([3e-10, -4e-10]), np.array([0.0, 1e-12, 0.0])):
        expect_close(_call(student, "unit_vector", v), reference.unit_vector(v), what="unit_vector(v)",
                     inputs={"v": v}, atol=0.0, strict_type=True, mistakes=_unit_mistakes(v))
    for v in (np.zeros(3), np.zeros(1)):
        expect_raises(lambda: student.unit_vector(v), "ValueError", what=f"unit_vector({v.tolist()})",
                      why="the zero vector has length 0 and no direction; raise ValueError instead of dividing by 0",
                      mistakes=[ZERO_NOT_REJECTED])
