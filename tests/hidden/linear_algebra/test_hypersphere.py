"""Hidden tests for problem `hypersphere`: is a point inside, on or outside a (hyper)sphere?

Contracts (r > 0; center a 1-D point, default the origin; d2 = sum_i (p_i - c_i)^2):
- sphere_position(p, r, center=None) -> "on" when |d2 - r^2| <= 1e-9 r^2, else "inside" (d2 < r^2)
  or "outside" (d2 > r^2).
- inside_mask(P, r, center=None): P of shape (N, n) -> bool array (N,), True where the row is "inside".
Random points lie at least a relative 1e-6 away from the sphere, so any reasonable tolerance agrees.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_close, expect_equal, expect_true

PROBLEM = "hypersphere"


def _position_mistakes(p, r, center, expected):
    c = np.zeros(len(p)) if center is None else np.asarray(center, dtype=float)
    d2 = float(np.sum((np.asarray(p, dtype=float) - c) ** 2))
    d2_origin = float(np.sum(np.asarray(p, dtype=float) ** 2))

    def label(value, radius_squared):
        if abs(value - radius_squared) <= 1e-9 * radius_squared:
            return "on"
        return "inside" if value < radius_squared else "outside"

    swapped = {"inside": "outside", "outside": "inside", "on": "on"}
    return [
        Mistake("sphere_position ignored the center: measure the distance from the center, p - center",
                lambda got: center is not None and got == label(d2_origin, r * r) and got != expected),
        Mistake("sphere_position compared the squared distance with r instead of r^2 (or the distance "
                "with r^2)", lambda got: expected != "on" and got == label(d2, r)
                and label(d2, r) != expected),
        Mistake("'inside' and 'outside' are swapped: the point is inside when its squared distance is "
                "smaller than r^2", lambda got: expected != "on" and got == swapped[expected]),
        Mistake("a point on the sphere is 'on' only up to rounding: compare |d2 - r^2| <= 1e-9 * r^2 "
                "instead of testing d2 == r^2 exactly", lambda got: expected == "on" and got in ("inside", "outside")),
        Mistake("sphere_position must return one of the strings 'inside', 'on', 'outside'",
                lambda got: got not in ("inside", "on", "outside")),
    ]


def _as_text(got):
    """A NumPy string (np.str_ or a 0-d string array, e.g. from np.where) as a plain str."""
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind == "U":
        return str(got[()])
    if isinstance(got, np.str_):
        return str(got)
    return got


def _check_position(student, p, r, center=None, what="sphere_position(p, r)"):
    expected = "on"
    c = np.zeros(len(p)) if center is None else np.asarray(center, dtype=float)
    d2 = float(np.sum((np.asarray(p, dtype=float) - c) ** 2))
    if abs(d2 - r * r) > 1e-9 * r * r:
        expected = "inside" if d2 < r * r else "outside"
    args = (p, r) if center is None else (p, r, center)
    inputs = {"p": p, "r": r} if center is None else {"p": p, "r": r, "center": center}
    expect_equal(_as_text(student.sphere_position(*args)), expected, what=what, inputs=inputs,
                 mistakes=_position_mistakes(p, r, center, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_sphere_position_for_circles_spheres_and_hyperspheres(student):
    """(3, 4) is on the circle of radius 5; (1, 2, 2) is on the sphere of radius 3; nine ones are on radius 3."""
    cases = [((3.0, 4.0), 5.0), ((1.0, 1.0), 2.0), ((3.0, 3.0), 4.0), ((0.0, 0.0), 1.0),
             ((1.0, 2.0, 2.0), 3.0), ((1.0, 2.0, 2.0), 3.5), ((2.0, 2.0, 2.0), 3.0),
             (tuple([1.0] * 9), 3.0), (tuple([1.0] * 9), 2.9), (tuple([1.0] * 9), 3.1), ((0.5,), 0.4)]
    for p, r in cases:
        _check_position(student, np.array(p), r, what=f"sphere_position(p, r) in {len(p)}-D")


@pytest.mark.points(1, problem=PROBLEM)
def test_sphere_position_with_random_points_dimensions_and_centers(student, rng):
    """Random points in 2 to 10 dimensions around random centers, clearly inside or outside."""
    done = 0
    while done < 12:
        n = int(rng.integers(2, 11))
        center = rng.normal(0.0, 2.0, size=n)
        r = float(rng.uniform(0.5, 3.0))
        p = center + rng.normal(0.0, r / np.sqrt(n) * 1.2, size=n)
        d2 = float(np.sum((p - center) ** 2))
        if abs(d2 - r * r) <= 1e-6 * r * r:
            continue
        _check_position(student, p, r, center, what=f"sphere_position(p, r, center) in {n}-D")
        done += 1


@pytest.mark.points(1, problem=PROBLEM)
def test_sphere_position_of_points_on_the_sphere_despite_rounding(student, rng):
    """(0.5, 1.2) is on the circle of radius 1.3, and so are rounded points r * u + center: the answer is 'on'."""
    _check_position(student, np.array([0.5, 1.2]), 1.3, what="sphere_position((0.5, 1.2), 1.3)")
    _check_position(student, np.array([0.8, 1.5]), 1.7, what="sphere_position((0.8, 1.5), 1.7)")
    _check_position(student, np.array([0.1, 0.7, 0.7]), np.sqrt(0.99), what="sphere_position(p, sqrt(0.99))")
    for n in (2, 3, 6):
        u = rng.normal(size=n)
        u /= np.linalg.norm(u)
        r = float(rng.uniform(0.3, 4.0))
        center = rng.normal(size=n)
        _check_position(student, center + r * u, r, center, what="sphere_position(center + r * u, r, center)")


def _mask_mistakes(expected, outside, without_center):
    return [
        Mistake("inside_mask ignored the center: measure the distances from the center, P - center",
                lambda got: without_center is not None and np.array_equal(np.asarray(got, dtype=bool), without_center)),
        Mistake("inside_mask is inverted: True marks the points INSIDE the sphere",
                lambda got: np.array_equal(np.asarray(got, dtype=bool), outside)),
        Mistake("inside_mask compared distances per coordinate or over the wrong axis: sum the squared "
                "differences along each ROW (axis=1), one value per point",
                lambda got: np.shape(got) != expected.shape),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_inside_mask_marks_the_rows_inside(student, reference, rng):
    """A batch of N points in n dimensions gives one True/False per row, around the origin or a center."""
    for N, n, with_center in [(1, 2, False), (20, 2, False), (50, 3, True), (30, 10, True), (5, 1, False)]:
        P = rng.uniform(-1.5, 1.5, size=(N, n))
        center = rng.normal(0.0, 0.3, size=n) if with_center else None
        r = 1.0 if not with_center else float(rng.uniform(0.8, 1.6))
        args = (P, r) if center is None else (P, r, center)
        expected = reference.inside_mask(*args)
        got = student.inside_mask(*args)
        outside = ~expected
        without_center = None if center is None else reference.inside_mask(P, r)
        if without_center is not None and np.array_equal(without_center, expected):
            without_center = None
        expect_true(isinstance(got, (np.ndarray, list, tuple)),
                    f"inside_mask must return a boolean array of shape ({N},); got {describe(got)}")
        expect_close(got, expected, what=f"inside_mask(P, r{'' if center is None else ', center'})",
                     inputs={"P": P, "r": r} | ({} if center is None else {"center": center}),
                     mistakes=_mask_mistakes(expected, outside, without_center))
