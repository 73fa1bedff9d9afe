"""Hidden tests for problem `jacobian_hessian`.

Contracts:
- jacobian(x) of f(x1, x2) = [x1^2, x1 x2, x2^2]: an np.ndarray (not a list) of shape (3, 2),
  J[i, j] = d f_i / d x_j; x is a list, a tuple or an array [x1, x2].
- hessian(a=1.0, b=4.0, c=1.0) of a x^2 + b xy + c y^2: the np.ndarray [[2a, b], [b, 2c]].
- classify_definiteness(H, tol=1e-10): from the eigenvalues of the symmetric H (|lambda| <= tol
  counts as 0, so an eigenvalue exactly equal to +-tol is zero), one of "positive definite",
  "negative definite", "indefinite", "positive semidefinite" (the zero matrix included),
  "negative semidefinite"; for any size n >= 1 and any tol it is given.
- condition_number(H, tol=1e-10) = max |lambda| / min |lambda|, inf when min |lambda| <= tol.
Random test matrices are Q diag(lambda) Q^T with a random orthogonal Q and chosen eigenvalues:
non-zero ones have |lambda| >= 0.5, zero ones come out below 1e-13 in floating point. The matrices
on the boundary |lambda| = tol are diagonal with exactly representable entries (eigvalsh returns
them exactly), so the boundary is decided by the rule and never by rounding.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_equal

PROBLEM = "jacobian_hessian"
CLASSES = ("positive definite", "negative definite", "indefinite", "positive semidefinite",
           "negative semidefinite")
DEFAULT_TOL = 1e-10


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def _close(got, value):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _is_list(got):
    return isinstance(got, (list, tuple))


# ------------------------------------------------------------------ jacobian
def _jacobian_mistakes(x):
    x1, x2 = float(x[0]), float(x[1])
    right = np.array([[2 * x1, 0.0], [x2, x1], [0.0, 2 * x2]])
    return [
        Mistake("jacobian returned a Python list: return a NumPy array, np.array([[...], [...], [...]])",
                lambda got: _is_list(got) and _close(got, right), id="jacobian-list-not-ndarray"),
        Mistake("the Jacobian is transposed: it has one ROW per output f_i and one column per input x_j, "
                "shape (3, 2)", lambda got: _close(got, right.T), id="jacobian-transposed"),
        Mistake("row 2 is the gradient of x1 x2: d/dx1 (x1 x2) = x2 and d/dx2 (x1 x2) = x1, so [x2, x1]",
                lambda got: x1 != x2 and _close(got, [[2 * x1, 0.0], [x1, x2], [0.0, 2 * x2]]), id="jacobian-mixed-row"),
        Mistake("d/dx1 x1^2 = 2 x1 and d/dx2 x2^2 = 2 x2: the factor 2 is missing",
                lambda got: _close(got, [[x1, 0.0], [x2, x1], [0.0, x2]]), id="jacobian-power-rule"),
        Mistake("jacobian returned f(x) = [x1^2, x1 x2, x2^2], not its derivatives",
                lambda got: _close(got, [x1**2, x1 * x2, x2**2]), id="jacobian-returned-f"),
        Mistake("jacobian must return an array of shape (3, 2)", lambda got: np.shape(as_numbers(got)) != (3, 2),
                id="jacobian-shape"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_jacobian_at_2_3(student, reference):
    """J(2, 3) = [[4, 0], [3, 2], [0, 6]], for a list, a tuple and an array."""
    expected = np.array([[4.0, 0.0], [3.0, 2.0], [0.0, 6.0]])
    _suite_check(np.array_equal(reference.jacobian([2.0, 3.0]), expected), "J(2, 3)")
    for x in ([2.0, 3.0], (2.0, 3.0), np.array([2.0, 3.0])):
        expect_close(student.jacobian(x), expected, what="jacobian(x)", inputs={"x": x},
                     mistakes=_jacobian_mistakes(x), strict_type=True)


@pytest.mark.points(1, problem=PROBLEM)
def test_jacobian_at_random_points(student, reference, rng):
    """The Jacobian of [x1^2, x1 x2, x2^2] at random points, including a zero coordinate."""
    points = [rng.uniform(-4.0, 4.0, size=2) for _ in range(5)] + [np.array([0.0, -1.5]), np.array([2.5, 0.0])]
    for x in points:
        expect_close(student.jacobian(x), reference.jacobian(x), what="jacobian(x)", inputs={"x": x},
                     mistakes=_jacobian_mistakes(x), strict_type=True)


# ------------------------------------------------------------------ hessian
def _hessian_mistakes(a, b, c):
    right = np.array([[2 * a, b], [b, 2 * c]])
    return [
        Mistake("hessian returned a Python list: return a NumPy array, np.array([[...], [...]])",
                lambda got: _is_list(got) and _close(got, right), id="hessian-list-not-ndarray"),
        Mistake("d^2/dx^2 (a x^2) = 2a: the diagonal needs the factor 2 (for x^2 + 4xy + y^2: 2 and 2)",
                lambda got: _close(got, [[a, b], [b, c]]), id="hessian-diagonal-factor"),
        Mistake("d^2/dxdy (b xy) = b: the mixed entries are b (4 for x^2 + 4xy + y^2), not b / 2 or 2b",
                lambda got: _close(got, [[2 * a, b / 2], [b / 2, 2 * c]]) or _close(got, [[2 * a, 2 * b], [2 * b, 2 * c]]),
                id="hessian-mixed-factor"),
        Mistake("the mixed derivative d^2 f / dx dy = b belongs off the diagonal, in both [0, 1] and [1, 0]",
                lambda got: _close(got, [[2 * a, 0.0], [0.0, 2 * c]]) or _close(got, [[b, 2 * a], [2 * c, b]]),
                id="hessian-mixed-placement"),
        Mistake("hessian must return an array of shape (2, 2)", lambda got: np.shape(as_numbers(got)) != (2, 2),
                id="hessian-shape"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_hessian_of_x2_plus_4xy_plus_y2(student):
    """hessian() with the default coefficients is [[2, 4], [4, 2]]."""
    expect_close(student.hessian(), np.array([[2.0, 4.0], [4.0, 2.0]]), what="hessian() for x^2 + 4xy + y^2",
                 mistakes=_hessian_mistakes(1.0, 4.0, 1.0), strict_type=True)


@pytest.mark.points(1, problem=PROBLEM)
def test_hessian_for_random_coefficients(student, reference, rng):
    """hessian(a, b, c) = [[2a, b], [b, 2c]] for random coefficients, and with b given by keyword."""
    for _ in range(5):
        a, b, c = (float(v) for v in rng.uniform(-5.0, 5.0, size=3))
        expect_close(student.hessian(a, b, c), reference.hessian(a, b, c), what="hessian(a, b, c)",
                     inputs={"a": a, "b": b, "c": c}, mistakes=_hessian_mistakes(a, b, c), strict_type=True)
    expect_close(student.hessian(b=-2.0), reference.hessian(b=-2.0), what="hessian(b=-2.0) (a = c = 1 by default)",
                 mistakes=_hessian_mistakes(1.0, -2.0, 1.0), strict_type=True)


# ------------------------------------------------------------------ definiteness
def _symmetric(rng, eigenvalues):
    q, _ = np.linalg.qr(rng.normal(size=(len(eigenvalues), len(eigenvalues))))
    h = q @ np.diag(eigenvalues) @ q.T
    return (h + h.T) / 2


def _random_eigenvalues(rng, kind, n):
    magnitudes = rng.uniform(0.5, 5.0, size=n)
    if kind == "positive definite":
        return magnitudes
    if kind == "negative definite":
        return -magnitudes
    if kind == "indefinite":
        signs = rng.choice([-1.0, 1.0], size=n)
        signs[0], signs[1] = 1.0, -1.0
        return magnitudes * signs
    zeros = rng.integers(1, n) if n > 1 else 1
    values = magnitudes.copy()
    values[:zeros] = 0.0
    return values if kind == "positive semidefinite" else -values


def _rules(lam, tol, *, inclusive=False, order=("pd", "nd", "in", "psd", "nsd")):
    """The five rules applied to the eigenvalues `lam` in `order`; `inclusive`: |lambda| = tol counts as
    non-zero (the strict/non-strict mix-up at the boundary). A re-enactment of right and wrong readings."""
    lam = np.asarray(lam, dtype=float)
    pos = lam >= tol if inclusive else lam > tol
    neg = lam <= -tol if inclusive else lam < -tol
    tests = {"pd": ("positive definite", np.all(pos)), "nd": ("negative definite", np.all(neg)),
             "in": ("indefinite", np.any(pos) and np.any(neg)), "psd": ("positive semidefinite", not np.any(neg)),
             "nsd": ("negative semidefinite", not np.any(pos))}
    for key in order:
        name, holds = tests[key]
        if holds:
            return name
    return "negative semidefinite"


def _by_diagonal_signs(h):
    diagonal = np.diag(h)
    return ("positive definite" if np.all(diagonal > 0) else
            "negative definite" if np.all(diagonal < 0) else "indefinite")


def _wrong_readings(h, tol=None, ruled_out=()):
    """Mistake id -> the answers that wrong readings of the rules give for H (only those that differ from
    the right answer). Three readings of the tolerance (none at all, the default instead of the tol
    given, |lambda| = tol counted as non-zero) share one id and one message, which is true of each."""
    h = np.asarray(h, dtype=float)
    lam = np.linalg.eigvalsh(h)
    given = DEFAULT_TOL if tol is None else tol
    right = _rules(lam, given)
    readings = {
        "definiteness-tolerance": {_rules(lam, 0.0), _rules(lam, DEFAULT_TOL), _rules(lam, given, inclusive=True)},
        "definiteness-by-diagonal": {_rules(np.diag(h), given), _by_diagonal_signs(h)},
        "definiteness-zero-matrix": {_rules(lam, given, order=("pd", "nd", "in", "nsd", "psd"))},
        "definiteness-rule-order": {_rules(lam, given, order=("psd", "nsd", "pd", "nd", "in"))},
    }
    return {key: answers - {right} for key, answers in readings.items() if key not in ruled_out}


MESSAGES = {
    "definiteness-tolerance": "an eigenvalue with |lambda| <= tol counts as 0, with the tol that classify_definiteness "
                              "is given: rounding noise such as 1e-16 is a zero, and so is an eigenvalue exactly equal "
                              "to tol; a positive eigenvalue needs lambda > tol (strictly), a negative one lambda < -tol",
    "definiteness-by-diagonal": "the signs of the diagonal entries do not decide definiteness: use the eigenvalues "
                                "(np.linalg.eigvalsh); x^2 + 4xy + y^2 has a positive diagonal but eigenvalues 6 and -2",
    "definiteness-zero-matrix": "the rules are checked in order: a matrix whose eigenvalues are all 0 (within tol) "
                                'satisfies "every lambda >= -tol" first, so it is "positive semidefinite"',
    "definiteness-rule-order": "the rules are checked in order: definite before semidefinite (a matrix with every "
                               'lambda > tol is "positive definite", although its eigenvalues are also >= -tol)',
}


def _classify_mistakes(h, tol=None, ruled_out=()):
    # the wrong readings are needed only once a check has failed: computed on the first `applies` call, once
    readings = functools.lru_cache(maxsize=None)(lambda: _wrong_readings(h, tol, ruled_out))

    def named(key):
        """got is this reading's answer and no other reading's: only then can it name the mistake."""
        def applies(got):
            others = set().union(*(answers for other, answers in readings().items() if other != key))
            return got in readings()[key] and got not in others
        return applies

    # the keys of _wrong_readings, in its order (MESSAGES lists them so), without the ruled-out ones
    return [Mistake('classify_definiteness must return one of the strings "positive definite", "negative '
                    'definite", "indefinite", "positive semidefinite", "negative semidefinite" (spelled exactly so)',
                    lambda got: got not in CLASSES, id="definiteness-unknown-string")] + \
        [Mistake(MESSAGES[key], named(key), id=key) for key in MESSAGES if key not in ruled_out]


def _check_classify(student, reference, h, tol=None, what="classify_definiteness(H)", ruled_out=()):
    if tol is None:
        expected = reference.classify_definiteness(h)
        got = student.classify_definiteness(h)
        inputs = {"H": h}
    else:
        expected = reference.classify_definiteness(h, tol)
        got = student.classify_definiteness(h, tol)
        inputs = {"H": h, "tol": tol}
    _suite_check(expected == _rules(np.linalg.eigvalsh(h), DEFAULT_TOL if tol is None else tol), "the rules")
    expect_equal(got, expected, what=what, inputs=inputs, mistakes=_classify_mistakes(h, tol, ruled_out))


CHAPTER_H = np.array([[2.0, 4.0], [4.0, 2.0]])
# After the student's answer for the chapter's Hessian (positive diagonal, eigenvalues 6 and -2) was
# right, reading definiteness off the diagonal is ruled out: on a diagonal matrix that reading gives
# the same answers as an eigenvalue reading without tolerance, and could not be told apart from it.
EIGENVALUES_USED = ("definiteness-by-diagonal",)


@pytest.mark.points(2, problem=PROBLEM)
def test_classify_definiteness_of_the_chapter_hessian_and_random_matrices(student, reference, rng):
    """x^2 + 4xy + y^2 is indefinite (a saddle); random definite and indefinite matrices of sizes 2 to 4."""
    _suite_check(reference.classify_definiteness(reference.hessian()) == "indefinite", "the chapter's Hessian")
    _check_classify(student, reference, CHAPTER_H, what="classify_definiteness(H) for the Hessian of x^2 + 4xy + y^2")
    for kind in ("positive definite", "negative definite", "indefinite") * 2:
        h = _symmetric(rng, _random_eigenvalues(rng, kind, int(rng.integers(2, 5))))
        _suite_check(reference.classify_definiteness(h) == kind, f"a random {kind} matrix")
        _check_classify(student, reference, h)


@pytest.mark.points(1, problem=PROBLEM)
def test_classify_semidefinite_and_small_matrices(student, reference, rng):
    """Singular matrices are semidefinite (an eigenvalue 0 within tol); the zero matrix is positive
    semidefinite; 1 x 1, diagonal and tiny matrices."""
    _check_classify(student, reference, CHAPTER_H, what="classify_definiteness(H) for the Hessian of x^2 + 4xy + y^2")
    # eigenvalues -1e-12 (within tol: a zero) along (1, -1) and 2 along (1, 1): positive semidefinite
    cases = [np.array([[1.0 - 5e-13, 1.0 + 5e-13], [1.0 + 5e-13, 1.0 - 5e-13]]),
             np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[-2.0, 2.0], [2.0, -2.0]]),
             np.diag([3.0, 0.0, 1.0]), np.array([[5.0]]), np.array([[-0.5]]), np.diag([2.0, -1.0, 0.0]),
             np.zeros((2, 2)), np.array([[0.0]]), 1e-12 * np.eye(3), 1e-9 * np.eye(2), np.diag([-1e-9, -2e-9])]
    for kind in ("positive semidefinite", "negative semidefinite"):
        for n in (2, 3, 4):
            cases.append(_symmetric(rng, _random_eigenvalues(rng, kind, n)))
    for h in cases:
        _check_classify(student, reference, h, ruled_out=EIGENVALUES_USED)


@pytest.mark.points(1, problem=PROBLEM)
def test_classify_uses_tol_and_counts_an_eigenvalue_equal_to_tol_as_zero(student, reference):
    """With tol = 0.25 (given) and eigenvalues exactly +-0.25: |lambda| <= tol counts as zero."""
    _check_classify(student, reference, CHAPTER_H, what="classify_definiteness(H) for the Hessian of x^2 + 4xy + y^2")
    tol = 0.25
    cases = [np.diag([0.25, 3.0]), np.diag([-0.25, -3.0]), np.diag([0.25, -3.0]), np.diag([-0.25, 3.0]),
             np.diag([-0.25, 0.0]), np.array([[0.25]]), np.diag([0.5, 3.0]), np.diag([0.2, -0.2]),
             np.diag([0.5, -0.5]), np.diag([-0.25, 0.1])]
    for h in cases:
        _check_classify(student, reference, h, tol, what="classify_definiteness(H, tol)", ruled_out=EIGENVALUES_USED)
    _check_classify(student, reference, np.diag([1e-12, -3.0]), 1e-14, ruled_out=EIGENVALUES_USED,
                    what="classify_definiteness(H, tol) with tol = 1e-14, below the default")
    _check_classify(student, reference, np.diag([1e-10, 1.0]), ruled_out=EIGENVALUES_USED,
                    what="classify_definiteness(H) with an eigenvalue equal to the default tol 1e-10")


# ------------------------------------------------------------------ condition number
def _named(right, rows):
    """Mistakes from (message, id, wrong numbers) rows: a wrong number that equals the right one or one of
    another row's at this input is dropped (it could not tell which mistake was made), and a row left
    without numbers is dropped."""
    def same(a, b):
        return np.isclose(a, b, rtol=1e-6, atol=1e-9)

    mistakes = []
    for index, (message, mistake_id, values) in enumerate(rows):
        others = [v for j, row in enumerate(rows) if j != index for v in row[2]]
        kept = [v for v in values if not same(v, right) and not any(same(v, o) for o in others)]
        if kept:
            mistakes.append(Mistake(message, lambda got, kept=kept: any(_close(got, v) for v in kept), id=mistake_id))
    return mistakes


def _condition_mistakes(h, tol=None):
    lam = np.linalg.eigvalsh(h)
    absolute = np.abs(lam)
    given = DEFAULT_TOL if tol is None else tol
    singular = absolute.min() <= given
    mistakes = []
    if not singular:
        mistakes = _named(absolute.max() / absolute.min(), [
            ("the condition number uses absolute values: max |lambda| / min |lambda| (for x^2 + 4xy + y^2: "
             "6 / |-2| = 3), not the signed largest / smallest eigenvalue", "condition-signed-ratio",
             [lam[-1] / lam[0], lam[0] / lam[-1]]),
            ("the condition number is max |lambda| / min |lambda|, so it is >= 1: the ratio is upside down",
             "condition-upside-down", [absolute.min() / absolute.max()]),
            ("take the absolute value of each eigenvalue first: |lambda_max| / |lambda_min| of the signed "
             "extremes is not max |lambda| / min |lambda|", "condition-abs-of-extremes", [abs(lam[-1]) / abs(lam[0])]),
        ])
    if singular:
        # a finite answer here is `< tol` instead of `<= tol`, a tol ignored, or no tolerance at all: one
        # message states the rule with this input's numbers, true for each of them
        where = ("equal to" if absolute.min() == given else "below") + f" tol = {given:g}"
        mistakes.append(Mistake(
            f"H is singular: its smallest |lambda| is {absolute.min():.3g}, {where} (|lambda| <= tol counts as 0, "
            "with the tol that condition_number is given), so its condition number is inf: return float('inf'), "
            "not a finite number or nan", lambda got: not np.all(np.isposinf(as_numbers(got))),
            id="condition-singular-finite"))
    elif lam.min() <= given:
        mistakes.append(Mistake(
            "H is singular only when an eigenvalue is zero (min |lambda| <= tol): a negative eigenvalue is not a zero "
            "one, so compare the absolute values |lambda| with tol", lambda got: np.all(np.isposinf(as_numbers(got))),
            id="condition-signed-singularity-test"))
    return mistakes


def _check_condition(student, reference, h, tol=None, what="condition_number(H)"):
    if tol is None:
        expected, got, inputs = reference.condition_number(h), student.condition_number(h), {"H": h}
    else:
        expected, got, inputs = reference.condition_number(h, tol), student.condition_number(h, tol), {"H": h, "tol": tol}
    expect_close(got, expected, what=what, inputs=inputs, mistakes=_condition_mistakes(h, tol))


@pytest.mark.points(1, problem=PROBLEM)
def test_condition_number_is_3_for_the_chapter_hessian_and_matches_on_random_matrices(student, reference, rng):
    """kappa = 6 / 2 = 3 for x^2 + 4xy + y^2; random matrices; inf for a singular one; any scale."""
    h = np.array([[2.0, 4.0], [4.0, 2.0]])
    _suite_check(reference.condition_number(h) == 3.0, "kappa = 3")
    _check_condition(student, reference, h, what="condition_number(H) for x^2 + 4xy + y^2")
    for kind in ("positive definite", "indefinite", "negative definite", "indefinite"):
        h = _symmetric(rng, _random_eigenvalues(rng, kind, int(rng.integers(2, 5))))
        _check_condition(student, reference, h)
    for h in (np.diag([1e-9, 2e-9]), np.diag([1e8, -3e8]), np.array([[5.0]])):
        _check_condition(student, reference, h, what="condition_number(H) for a tiny, a huge or a 1 x 1 H")
    for h in (np.array([[1.0, 1.0], [1.0, 1.0]]), np.diag([4.0, 0.0, -1.0]), np.zeros((2, 2)), 1e-12 * np.eye(2)):
        _suite_check(reference.condition_number(h) == float("inf"), "a singular matrix")
        _check_condition(student, reference, h, what="condition_number(H) for a singular H")


@pytest.mark.points(1, problem=PROBLEM)
def test_condition_number_uses_tol_and_an_eigenvalue_equal_to_tol_is_singular(student, reference):
    """min |lambda| <= tol means singular (inf), also for min |lambda| = tol exactly and for a given tol."""
    _check_condition(student, reference, np.diag([1e-10, 1.0]),
                     what="condition_number(H) with min |lambda| equal to the default tol 1e-10")
    for h in (np.diag([0.25, 2.0]), np.diag([-0.25, 2.0]), np.diag([0.5, 2.0]), np.diag([0.2, -4.0])):
        _check_condition(student, reference, h, 0.25, what="condition_number(H, tol) with tol = 0.25")
