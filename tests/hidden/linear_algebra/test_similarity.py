"""Hidden tests for problem `similarity`: cosine similarity, angles and projections.

Contracts (a, b: non-zero 1-D vectors of the same length; no function modifies its arguments):
- cosine_similarity(a, b) = a.b / (||a|| ||b||), a float in [-1, 1] (also for parallel vectors, whose
  computed cosine can round to 1.0000000000000002: clip it); ValueError when a or b is the zero vector.
- angle_between(a, b, degrees=False) = arccos of the cosine clipped to [-1, 1]: radians in [0, pi]
  (degrees in [0, 180] with degrees=True); parallel vectors give 0, never nan.
- scalar_projection(a, b) = a.b / ||b|| (a float);  vector_projection(a, b) = (a.b / b.b) b (a NumPy
  float array of the shape of b).
Values are compared with a relative tolerance (atol = 0 where the values can be tiny).
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, expect_close, expect_raises, expect_true,
                                      expect_unchanged, is_number)

PROBLEM = "similarity"


def _call(student, name, *args, **kwargs):
    """The student's function; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args, **kwargs)
    expect_unchanged(student.last_call)
    return got


def _near(value):
    value = np.asarray(value, dtype=float)
    return lambda got: (as_numbers(got).shape == value.shape
                        and bool(np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-12)))


def _cosine(a, b):
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def _cosine_mistakes(a, b):
    dot = float(np.dot(a, b))
    norm_a, norm_b = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    cosine = float(np.clip(_cosine(a, b), -1.0, 1.0))
    return [
        Mistake("cosine_similarity returned the plain dot product: divide by ||a|| ||b||", _near(dot),
                id="cosine-plain-dot"),
        Mistake("cosine_similarity divided by the squared lengths: divide by ||a|| ||b|| (square roots)",
                _near(dot / (np.dot(a, a) * np.dot(b, b))), id="cosine-squared-lengths"),
        Mistake("cosine_similarity divided by the L1 norms: use the L2 (Euclidean) lengths",
                _near(dot / (np.sum(np.abs(a)) * np.sum(np.abs(b)))), id="cosine-l1-norms"),
        Mistake("cosine_similarity divided by one length only: the cosine is a.b / (||a|| ||b||)",
                lambda got: _near(dot / norm_a)(got) or _near(dot / norm_b)(got), id="cosine-one-length"),
        Mistake("cosine_similarity returned 1 - cos (the cosine distance): return the cosine itself",
                _near(1.0 - cosine), id="cosine-distance"),
        Mistake("cosine_similarity returned the angle arccos(cos): return the cosine itself",
                _near(np.arccos(cosine)), id="cosine-returns-angle"),
    ]


def _check_cosine(student, a, b, expected, what="cosine_similarity(a, b)"):
    expect_close(_call(student, "cosine_similarity", a, b), expected, what=what, inputs={"a": a, "b": b},
                 atol=1e-12, mistakes=_cosine_mistakes(a, b))


@pytest.mark.points(1, problem=PROBLEM)
def test_cosine_similarity_of_the_chapter_vectors_and_random_pairs(student, reference, rng):
    """cos([3, 4], [1, 2]) = 11 / (5 sqrt 5) = 0.98387; random pairs of lengths 2 to 30, tiny and huge ones."""
    pairs = [(np.array([3.0, 4.0]), np.array([1.0, 2.0])),
             (np.array([1.0, 7.0, 8.0]), np.array([3.0, 4.0, 7.0]))]
    pairs += [(rng.normal(size=n), rng.normal(size=n)) for n in (2, 3, 10, 30)]
    pairs += [(rng.normal(size=4) * 1e-7, rng.normal(size=4) * 1e-7), (rng.normal(size=3) * 1e6, rng.normal(size=3))]
    for a, b in pairs:
        _check_cosine(student, a, b, reference.cosine_similarity(a, b))


ABOVE_ONE = Mistake("rounding pushed your cosine of two parallel vectors past 1 (or below -1): the contract "
                    "promises a value in [-1, 1], so clip it (np.clip(cosine, -1.0, 1.0))", lambda _: True,
                    id="cosine-not-clipped")
ZERO_NOT_REJECTED = Mistake("a zero vector was not rejected: its length is 0, so the cosine is undefined; check "
                            "both lengths and raise ValueError", lambda _: True, id="zero-vector-not-rejected")


@pytest.mark.points(1, problem=PROBLEM)
def test_cosine_similarity_extremes_and_the_zero_vector(student, reference, rng):
    """Same direction gives 1, opposite gives -1, orthogonal gives 0, never outside [-1, 1]; a zero vector
    raises ValueError."""
    a = rng.normal(size=4)
    orthogonal = np.array([1.0, 2.0, 0.0, -3.0]), np.array([3.0, 0.0, 5.0, 1.0])
    cases = [(a, 3.5 * a, 1.0), (a, -0.2 * a, -1.0), (orthogonal[0], orthogonal[1], 0.0),
             (np.array([1.0, 0.0]), np.array([0.0, 2.0]), 0.0)]
    for u, v, expected in cases:
        _check_cosine(student, u, v, expected)
    base = np.array([1.1, 2.2, 3.3])
    # a.b / (||a|| ||b||) rounds to +-1.0000000000000002 for some of these (which ones depends on how the dot
    # products are summed, and so on the memory layout of the arrays)
    for factor in (2.0, 3.0, -3.0, 7.0, -0.3, 0.3, 5.0, -7.0):
        b = factor * base
        what = f"cosine_similarity(a, {factor:g} * a) for a = {base.tolist()}"
        got = _call(student, "cosine_similarity", base, b)
        expect_close(got, 1.0 if factor > 0 else -1.0, what=what, atol=1e-12, mistakes=_cosine_mistakes(base, b))
        expect_true(-1.0 <= float(got) <= 1.0, f"{what} returned {float(got)!r}, outside [-1, 1]", mistake=ABOVE_ONE)
    for zero_first, (u, v) in ((True, (np.zeros(3), np.array([1.0, 2.0, 3.0]))),
                               (False, (np.array([1.0, 2.0]), np.zeros(2)))):
        expect_raises(lambda: student.cosine_similarity(u, v), "ValueError",
                      what=f"cosine_similarity({'zero vector, b' if zero_first else 'a, zero vector'})",
                      why="the zero vector has no direction", mistakes=[ZERO_NOT_REJECTED])


def _built_on_wrong_cosine(student, a, b, degrees):
    """angle_between is the arccos of the student's own (wrong) cosine_similarity."""
    def applies(got):
        own = student.cosine_similarity(a, b)
        if np.isclose(float(own), _cosine(a, b), rtol=1e-6, atol=1e-12):
            return False   # cosine_similarity is right: the mistake is elsewhere
        theta = float(np.arccos(np.clip(float(own), -1.0, 1.0)))
        return _near(np.degrees(theta) if degrees else theta)(got)

    return Mistake("angle_between is the arccos of YOUR cosine_similarity, and cosine_similarity itself is wrong "
                   "(see its test): fix it and the angles follow", applies, id="angle-built-on-wrong-cosine")


def _angle_mistakes(a, b, degrees, student=None):
    cascade = [] if student is None else [_built_on_wrong_cosine(student, a, b, degrees)]
    raw = _cosine(a, b)
    theta = float(np.arccos(np.clip(raw, -1.0, 1.0)))
    parallel = abs(abs(raw) - 1.0) < 1e-12
    if degrees:
        return cascade + [
            Mistake("angle_between(..., degrees=True) returned radians: convert with np.degrees(theta) "
                    "(theta * 180 / pi)", _near(theta), id="angle-degrees-ignored"),
            Mistake("the conversion went the wrong way: degrees = radians * 180 / pi, not radians * pi / 180",
                    _near(theta * np.pi / 180.0), id="angle-wrong-conversion"),
            Mistake("angle_between returned the cosine, not the angle: apply np.arccos",
                    _near(np.cos(theta)), id="angle-returns-cosine"),
            Mistake("angle_between returned nan: rounding pushed the cosine of these parallel vectors just past "
                    "+-1; clip it to [-1, 1] before np.arccos", lambda got: parallel and bool(np.isnan(as_numbers(got)).any()),
                    id="angle-not-clipped"),
        ]
    return cascade + [
        Mistake("angle_between returned the cosine, not the angle: apply np.arccos",
                _near(np.cos(theta)), id="angle-returns-cosine"),
        Mistake("angle_between returned degrees by default: radians unless degrees=True",
                _near(np.degrees(theta)), id="angle-degrees-by-default"),
        Mistake("angle_between returned nan: rounding pushed the cosine of these parallel vectors just past "
                "+-1; clip it to [-1, 1] before np.arccos", lambda got: parallel and bool(np.isnan(as_numbers(got)).any()),
                id="angle-not-clipped"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_angle_between_in_radians_and_degrees(student, reference, rng):
    """[1, 7, 8] and [3, 4, 7] are 18.70 degrees apart; orthogonal vectors are pi / 2; random pairs."""
    pairs = [(np.array([1.0, 7.0, 8.0]), np.array([3.0, 4.0, 7.0])),
             (np.array([1.0, 0.0]), np.array([0.0, 1.0])), (np.array([2.0, 1.0]), np.array([-4.0, -2.5]))]
    pairs += [(rng.normal(size=n), rng.normal(size=n)) for n in (2, 5, 12)]
    for a, b in pairs:
        expect_close(_call(student, "angle_between", a, b), reference.angle_between(a, b), what="angle_between(a, b)",
                     inputs={"a": a, "b": b}, atol=1e-7, mistakes=_angle_mistakes(a, b, False, student))
        expect_close(_call(student, "angle_between", a, b, degrees=True), reference.angle_between(a, b, degrees=True),
                     what="angle_between(a, b, degrees=True)", inputs={"a": a, "b": b}, atol=1e-5,
                     mistakes=_angle_mistakes(a, b, True, student))


@pytest.mark.points(1, problem=PROBLEM)
def test_angle_between_parallel_vectors_is_zero_not_nan(student):
    """Parallel vectors whose computed cosine rounds to 1.0000000000000002 have angle 0 (clip first); opposite
    ones pi, or 180 degrees."""
    base = np.array([1.1, 2.2, 3.3])
    cases = [(base, factor * base, 0.0 if factor > 0 else np.pi) for factor in (2.0, 3.0, 7.0, 0.3, 5.0, -3.0, -0.3)]
    cases.append((np.array([1.0, 2.0, 3.0]), 1e5 * np.array([1.0, 2.0, 3.0]), 0.0))
    for a, b, expected in cases:
        expect_close(_call(student, "angle_between", a, b), expected, what="angle_between(a, b) for parallel vectors",
                     inputs={"a": a, "b": b}, atol=1e-7, mistakes=_angle_mistakes(a, b, False, student))
    a, b = base, -3.0 * base
    expect_close(_call(student, "angle_between", a, b, degrees=True), 180.0,
                 what="angle_between(a, b, degrees=True) for opposite vectors", inputs={"a": a, "b": b}, atol=1e-5,
                 mistakes=_angle_mistakes(a, b, True, student))


def _projection_mistakes(a, b):
    dot = float(np.dot(a, b))
    return [
        Mistake("vector_projection must return a NumPy array (a vector along b), not a list",
                lambda got: isinstance(got, (list, tuple)), id="returns-list-not-array"),
        Mistake("vector_projection returned a number: the projection is the VECTOR (a.b / b.b) b",
                lambda got: is_number(got), id="vector-projection-is-a-number"),
        Mistake("the projection went the wrong way: this projects b onto a; project a onto b",
                _near((dot / np.dot(a, a)) * a), id="projection-wrong-way"),
        Mistake("vector_projection forgot to divide by b.b: (a.b / b.b) b", _near(dot * b),
                id="vector-projection-no-division"),
        Mistake("vector_projection divided by ||b|| only once: the factor is a.b / ||b||^2 = a.b / b.b",
                _near(dot / np.linalg.norm(b) * b), id="vector-projection-divides-once"),
    ]


def _scalar_mistakes(a, b):
    dot = float(np.dot(a, b))
    return [
        Mistake("scalar_projection projected b onto a: it is a.b / ||b||", _near(dot / np.linalg.norm(a)),
                id="projection-wrong-way"),
        Mistake("scalar_projection divided by b.b: the length of the projection is a.b / ||b||",
                _near(dot / np.dot(b, b)), id="scalar-projection-divides-twice"),
        Mistake("scalar_projection returned the plain dot product: divide by ||b||", _near(dot),
                id="scalar-projection-no-division"),
        Mistake("scalar_projection lost its sign: it is negative when the angle is above 90 degrees",
                _near(abs(dot) / np.linalg.norm(b)), id="scalar-projection-abs"),
        Mistake("scalar_projection returned the cosine: the signed length is a.b / ||b|| = ||a|| cos(theta)",
                _near(dot / (np.linalg.norm(a) * np.linalg.norm(b))), id="scalar-projection-is-cosine"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_scalar_and_vector_projections(student, reference, rng):
    """Projections of a onto b: ([2, 2] on [1, 0]) gives 2 and [2, 0]; random pairs, obtuse angles, tiny vectors."""
    pairs = [(np.array([2.0, 2.0]), np.array([1.0, 0.0])), (np.array([3.0, 4.0]), np.array([1.0, 2.0])),
             (np.array([1.0, 1.0]), np.array([-2.0, -0.5]))]
    pairs += [(rng.normal(size=n), rng.normal(size=n) * 3.0) for n in (2, 3, 7)]
    pairs += [(rng.normal(size=3) * 1e-6, rng.normal(size=3) * 1e-6)]
    for a, b in pairs:
        scale = 1e-12 * float(np.linalg.norm(a))
        expect_close(_call(student, "scalar_projection", a, b), reference.scalar_projection(a, b),
                     what="scalar_projection(a, b)", inputs={"a": a, "b": b}, atol=scale,
                     mistakes=_scalar_mistakes(a, b))
        expect_close(_call(student, "vector_projection", a, b), reference.vector_projection(a, b),
                     what="vector_projection(a, b)", inputs={"a": a, "b": b}, atol=scale, strict_type=True,
                     mistakes=_projection_mistakes(a, b))
