"""Hidden tests for problem `hypersphere`: is a point inside, on or outside a (hyper)sphere?

Contracts (r > 0; center a 1-D point, default the origin; d2 = sum_i (p_i - c_i)^2; no function modifies
its arguments):
- sphere_position(p, r, center=None) -> the string "on" when |d2 - r^2| <= 1e-9 r^2 (the threshold
  itself included), else "inside" (d2 < r^2) or "outside" (d2 > r^2). The tolerance is relative: it
  scales with r^2, for radii of 1e-3 as for radii of 1e3.
- inside_mask(P, r, center=None): P of shape (N, n) -> a boolean NumPy array (N,), True exactly where the
  row is "inside" (points "on" the sphere are not inside).
Points on the tolerance's threshold are built so that |d2 - r^2| equals 1e-9 * r^2 exactly in floating
point, whichever way d2 and r^2 are computed; the other test points lie at least 0.5e-9 r^2 (relative)
away from the threshold.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_equal, expect_true,
                                      expect_unchanged)

PROBLEM = "hypersphere"
RTOL = 1e-9

# (r, p): points p (center: the origin) with |d2 - r**2| == 1e-9 * r**2 EXACTLY in floating point (d2 below
# r**2: the "inside" side of the threshold). The coordinates are dyadic numbers with few bits, so that d2 is
# exact however it is summed, and r**2, r * r and the usual forms of the rule (|d2 - r2| / r2 <= 1e-9,
# |d2 / r2 - 1| <= 1e-9, np.isclose(d2, r2, rtol=1e-9, atol=0), math.isclose(d2, r2, rel_tol=1e-9) and
# |sqrt(d2) - r| <= 0.5e-9 r) all say "on" here, while the strict |d2 - r2| < 1e-9 * r2 says "inside".
THRESHOLD_POINTS = [
    (2.316343784915104, [2.316343754529953, 0.00036793947219848633, 4.470348358154297e-06, 1.4901161193847656e-07]),
    (1507.0941503557747, [1507.0941467285156, 0.093048095703125, 0.001617431640625, 0.00115966796875]),
    (0.002896541527772759, [0.0028965414967387915, 4.1391467675566673e-07, 6.9267116487026215e-09,
                            4.3655745685100555e-09]),
]


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _d2(p, center):
    p = np.asarray(p, dtype=float)
    c = np.zeros(p.shape[-1]) if center is None else np.asarray(center, dtype=float)
    return np.sum((p - c) ** 2, axis=-1)


def _label(d2, r2, tolerance, strict=False):
    """inside / on / outside of a squared distance d2 against r2 with an absolute tolerance."""
    gap = abs(d2 - r2)
    if gap < tolerance or (not strict and gap <= tolerance):
        return "on"
    return "inside" if d2 < r2 else "outside"


def _as_text(got):
    """A NumPy string (np.str_ or a 0-d string array, e.g. from np.where) as a plain str."""
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind == "U":
        return str(got[()])
    if isinstance(got, np.str_):
        return str(got)
    return got


# ------------------------------------------------------------------------------------ sphere_position
def _rules(case):
    """Each known wrong rule's answer for one case (p, r, center)."""
    p, r, center = case
    d2, r2 = float(_d2(p, center)), float(r) ** 2
    d2_origin = float(_d2(p, None))
    swap = {"inside": "outside", "outside": "inside", "on": "on"}
    return {
        "sphere-ignores-center": _label(d2_origin, r2, RTOL * r2),
        "sphere-compares-with-r": _label(d2, r, RTOL * r),
        "sphere-distance-with-r-squared": _label(np.sqrt(d2), r2, RTOL * r2),
        "sphere-inside-outside-swapped": swap[_label(d2, r2, RTOL * r2)],
        "sphere-absolute-tolerance": _label(d2, r2, RTOL),
        "sphere-tolerance-times-r": _label(d2, r2, RTOL * r),
        "sphere-strict-inequality": _label(d2, r2, RTOL * r2, strict=True),
    }


RULE_MESSAGES = {
    "sphere-ignores-center": "sphere_position ignored the center: measure the distance from the center, p - center",
    "sphere-compares-with-r": "sphere_position compared the squared distance d2 with r instead of r**2",
    "sphere-distance-with-r-squared": "sphere_position compared the distance sqrt(d2) with r**2: compare d2 with "
                                      "r**2 (or the distance with r)",
    "sphere-inside-outside-swapped": "'inside' and 'outside' are swapped: the point is inside when its squared "
                                     "distance is smaller than r**2",
    "sphere-absolute-tolerance": "the tolerance must be relative, 1e-9 * r**2: an absolute 1e-9 is far too loose "
                                 "for a small sphere and far too strict for a large one",
    "sphere-tolerance-times-r": "the tolerance is 1e-9 * r**2 (relative to r**2, the quantity compared), not "
                                "1e-9 * r",
    "sphere-strict-inequality": "a point exactly at the threshold, |d2 - r**2| = 1e-9 * r**2, is 'on': the rule "
                                "is |d2 - r**2| <= 1e-9 * r**2 (<=, not <)",
}


def _position_mistakes(cases, answers, expected):
    """Mistakes judged on the answers to ALL the cases of a test at once: a rule is blamed only when the
    student's answers follow it everywhere (so that one coincidence does not blame a rule not written)."""
    texts = [_as_text(a) for a in answers]
    # every rule's answers, worked out on the first failed check only (most answers are right)
    rules = functools.lru_cache(maxsize=None)(lambda: [_rules(case) for case in cases])

    def follows(rule_id):
        """The answers are this rule's everywhere, and no other rule gives the same answers on these cases."""
        if texts == expected or not all(t == rule[rule_id] for t, rule in zip(texts, rules())):
            return False
        return not any(other != rule_id and all(rule[other] == rule[rule_id] for rule in rules())
                       for other in RULE_MESSAGES)

    mistakes = [Mistake(message, lambda _, rule_id=rule_id: follows(rule_id), id=rule_id)
                for rule_id, message in RULE_MESSAGES.items()]

    def side(case):
        return "inside" if float(_d2(case[0], case[2])) < float(case[1]) ** 2 else "outside"

    def deviations():
        return [(t, e, c) for t, e, c in zip(texts, expected, cases) if t != e]

    def too_narrow(_):
        wrong = deviations()
        return bool(wrong) and all(e == "on" and t == side(c) for t, e, c in wrong)

    def too_wide(_):
        wrong = deviations()
        return bool(wrong) and all(e != "on" and t == "on" for t, e, c in wrong)

    mistakes += [
        Mistake("a point on the sphere up to rounding must count as 'on': compare |d2 - r**2| <= 1e-9 * r**2 "
                "instead of testing d2 == r**2 exactly (or with a smaller tolerance)", too_narrow,
                id="sphere-tolerance-too-narrow"),
        Mistake("your tolerance is wider than the contract's 1e-9 * r**2 (np.isclose's defaults, rtol=1e-5 and "
                "atol=1e-8, are much wider): points clearly off the sphere were called 'on'", too_wide,
                id="sphere-tolerance-too-wide"),
        Mistake("sphere_position must return one of the strings 'inside', 'on', 'outside' (lower case)",
                lambda got: _as_text(got) not in ("inside", "on", "outside"), id="sphere-position-strings"),
    ]
    return mistakes


def _check_positions(student, reference, cases, what):
    """sphere_position on every case (p, r, center), each compared with the reference."""
    answers, expected = [], []
    for p, r, center in cases:
        args = (p, r) if center is None else (p, r, center)
        answers.append(_call(student, "sphere_position", *args))
        expected.append(reference.sphere_position(*args))
    mistakes = _position_mistakes(cases, answers, expected)
    for (p, r, center), got, wanted in zip(cases, answers, expected):
        inputs = {"p": p, "r": r} if center is None else {"p": p, "r": r, "center": center}
        expect_equal(_as_text(got), wanted, what=what, inputs=inputs, strict_type=True, mistakes=mistakes)


def _at(r, relative, n, rng, center=None):
    """A point whose squared distance to center is r**2 * (1 + relative) (up to rounding), in n dimensions."""
    u = rng.normal(size=n)
    u /= np.linalg.norm(u)
    point = r * np.sqrt(1.0 + relative) * u
    return point if center is None else center + point


@pytest.mark.points(1, problem=PROBLEM)
def test_sphere_position_for_circles_spheres_and_hyperspheres(student, reference):
    """(3, 4) is on the circle of radius 5; (1, 2, 2) is on the sphere of radius 3; nine ones are on radius 3."""
    cases = [((3.0, 4.0), 5.0), ((1.0, 1.0), 2.0), ((3.0, 3.0), 4.0), ((0.0, 0.0), 1.0), ((1.0, 2.0, 2.0), 3.0),
             ((1.0, 2.0, 2.0), 3.5), ((2.0, 2.0, 2.0), 3.0), ((1.0, 0.5), 1.0), ((0.3, -0.2), 0.5),
             (tuple([1.0] * 9), 3.0), (tuple([1.0] * 9), 2.9), (tuple([1.0] * 9), 3.1), ((0.5,), 0.4), ((-0.5,), 0.6)]
    _check_positions(student, reference, [(np.array(p), r, None) for p, r in cases], "sphere_position(p, r)")


@pytest.mark.points(1, problem=PROBLEM)
def test_sphere_position_with_random_points_dimensions_and_centers(student, reference, rng):
    """Random points in 1 to 10 dimensions around random centers, clearly inside or outside (or on)."""
    cases = []
    for index in range(14):
        n = int(rng.integers(1, 11))
        center = rng.normal(0.0, 2.0, size=n)
        r = float(rng.uniform(0.5, 3.0))
        relative = float(rng.choice([-0.6, -0.2, 0.3, 0.9])) if index % 5 else 0.0
        cases.append((_at(r, relative, n, rng, center), r, center))
    _check_positions(student, reference, cases, "sphere_position(p, r, center)")


@pytest.mark.points(1, problem=PROBLEM)
def test_sphere_position_on_the_sphere_at_the_threshold_and_at_every_scale(student, reference, rng):
    """(0.5, 1.2) is on the circle of radius 1.3 despite rounding; |d2 - r**2| = 1e-9 r**2 exactly is 'on', 1.5e-9
    r**2 is not; radii 1e-3 to 1e3 (the tolerance is relative)."""
    cases = [(np.array([0.5, 1.2]), 1.3, None), (np.array([0.8, 1.5]), 1.7, None),
             (np.array([0.1, 0.7, 0.7]), float(np.sqrt(0.99)), None)]
    for r, p in THRESHOLD_POINTS:
        cases.append((np.array(p), r, None))
    for r in (1e-3, 0.7, 2.5, 1e3):
        for relative in (0.5e-9, -0.5e-9, 1.5e-9, -1.5e-9, 2e-8, -2e-7, 0.0, -0.75):
            n = int(rng.integers(2, 7))
            center = rng.normal(0.0, r, size=n) if relative < 0 else None
            cases.append((_at(r, relative, n, rng, center), r, center))
    _check_positions(student, reference, cases, "sphere_position(p, r) near the sphere")


# ------------------------------------------------------------------------------------ inside_mask
MASK_RULES = {
    "sphere-ignores-center": "inside_mask ignored the center: measure the distances from the center, P - center",
    "mask-counts-on-points": "inside_mask counted points ON the sphere (within 1e-9 * r**2 of it) as inside: they "
                             "are 'on', so False",
    "mask-inverted": "inside_mask is inverted: True marks the points INSIDE the sphere",
    "sphere-strict-inequality": "a point exactly at the threshold, |d2 - r**2| = 1e-9 * r**2, is 'on', so not "
                                "inside: the rule is |d2 - r**2| <= 1e-9 * r**2 (<=, not <)",
    "sphere-absolute-tolerance": "the tolerance must be relative, 1e-9 * r**2, not an absolute 1e-9",
    "sphere-compares-with-r": "inside_mask compared the squared distances with r instead of r**2",
}


def _mask_rules(P, r, center):
    """Each known wrong rule's masks (some rules have several forms) for the batch P."""
    d2, r2 = _d2(P, center), float(r) ** 2
    gap = np.abs(d2 - r2)
    d2_origin = _d2(P, None)
    inside = (d2 < r2) & (gap > RTOL * r2)
    return {
        "sphere-ignores-center": [(d2_origin < r2) & (np.abs(d2_origin - r2) > RTOL * r2)] if center is not None
        else [],
        "mask-counts-on-points": [d2 < r2, (d2 < r2) | (gap <= RTOL * r2)],
        "mask-inverted": [~inside, (d2 > r2) & (gap > RTOL * r2), d2 > r2, d2 >= r2],
        "sphere-strict-inequality": [(d2 < r2) & (gap >= RTOL * r2)],
        "sphere-absolute-tolerance": [(d2 < r2) & (gap > RTOL)],
        "sphere-compares-with-r": [(d2 < r) & (np.abs(d2 - r) > RTOL * r)],
    }


def _mask_mistakes(P, r, center, expected):
    N, n = P.shape
    # every rule's masks, worked out on the first failed check only (most answers are right)
    rules = functools.lru_cache(maxsize=None)(lambda: _mask_rules(P, r, center))

    def named_by(got):
        """The one wrong rule whose mask the answer is; None when no rule or several rules give that mask
        on this batch (then the batch cannot tell them apart, and nothing is blamed)."""
        if not (isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype.kind in "biuf"):
            return None
        answer = got.astype(bool)
        if np.array_equal(answer, expected):
            return None
        matching = {rule_id for rule_id, masks in rules().items() if any(np.array_equal(answer, m) for m in masks)}
        return matching.pop() if len(matching) == 1 else None

    mistakes = [
        Mistake("inside_mask must return a boolean NumPy array (np.ndarray of dtype bool), not a list",
                lambda got: isinstance(got, (list, tuple)), id="returns-list-not-array"),
        Mistake("inside_mask summed over the points (axis=0) instead of over the coordinates of each point: sum "
                "the squared differences along each ROW (axis=1), one value per point",
                lambda got: N != n and np.shape(got) == (n,), id="mask-sum-over-wrong-axis"),
        Mistake("inside_mask returned one value per coordinate: sum the squared differences of each row "
                "(axis=1) to get one squared distance per point", lambda got: np.shape(got) == (N, n) and n > 1,
                id="mask-no-sum-over-coordinates"),
        Mistake("inside_mask has shape (N, 1): return a 1-D array of shape (N,) (no keepdims)",
                lambda got: np.shape(got) == (N, 1), id="mask-column-shape"),
    ]
    mistakes += [Mistake(message, lambda got, rule_id=rule_id: named_by(got) == rule_id, id=rule_id)
                 for rule_id, message in MASK_RULES.items()]
    mistakes.append(Mistake("inside_mask must return booleans (True/False), not numbers: compare, e.g. d2 < r**2, "
                            "which gives a bool array", lambda got: (isinstance(got, np.ndarray) and got.dtype != bool
                                                                    and got.shape == expected.shape
                                                                    and np.array_equal(got, expected.astype(got.dtype))),
                            id="mask-not-boolean"))
    return mistakes


def _check_mask(student, reference, P, r, center, what):
    args = (P, r) if center is None else (P, r, center)
    expected = reference.inside_mask(*args)
    got = _call(student, "inside_mask", *args)
    inputs = {"P": P, "r": r} | ({} if center is None else {"center": center})
    mistakes = _mask_mistakes(P, r, center, expected)
    expect_close(got, expected, what=what, inputs=inputs, strict_type=True, mistakes=mistakes)
    if not (isinstance(got, np.ndarray) and got.dtype == bool):
        # describe(got) only for a failure: rendering every right mask cost more than the check
        expect_true(False, f"{what} returned {describe(got)}: inside_mask must return a boolean array (dtype bool)",
                    mistake=next(m for m in mistakes if m.id == "mask-not-boolean"))


def _batch(rng, N, n, r, center=None):
    """N points at squared distances r**2 * (1 + t) for t spread from -0.9 to 1.5; the first seven (when N >= 7)
    are on the sphere (within the tolerance, on either side, some far closer than 1e-9 r**2) or just off it."""
    if N == 1:
        return np.array([_at(r, -0.5, n, rng, center)])   # a batch of one point, inside
    relatives = list(rng.uniform(-0.9, 1.5, size=N))
    fixed = [-0.5e-9, 0.5e-9, 0.0, -1e-12, -1.5e-9, 1.5e-9, -0.9e-9]   # on the sphere (both sides), just off it
    relatives[:len(fixed)] = fixed[:N]
    for index in range(len(fixed), N, 4):
        relatives[index] = float(rng.choice([0.0, 0.5e-9, -0.5e-9, -1.5e-9, 1.5e-9]))
    order = rng.permutation(N)
    return np.array([_at(r, relatives[i], n, rng, center) for i in order])


@pytest.mark.points(1, problem=PROBLEM)
def test_inside_mask_marks_the_rows_inside(student, reference, rng):
    """A batch of N points in n dimensions gives one True/False per row, around the origin or a center; points on
    the sphere (up to rounding or the tolerance, the threshold included) are not inside."""
    for N, n, with_center in [(1, 2, False), (20, 2, False), (30, 3, True), (25, 10, True), (7, 1, False),
                              (12, 4, True), (8, 3, False)]:
        center = rng.normal(0.0, 0.5, size=n) if with_center else None
        r = float(rng.uniform(0.5, 2.0))
        P = _batch(rng, N, n, r, center)
        _check_mask(student, reference, P, r, center, f"inside_mask(P, r{'' if center is None else ', center'}) "
                                                      f"for {N} points in {n}-D")
    for r, p in THRESHOLD_POINTS:
        P = np.vstack([np.array(p), _batch(rng, 7, 4, r)])
        _check_mask(student, reference, P, r, None, "inside_mask(P, r) with a point exactly at the threshold")
