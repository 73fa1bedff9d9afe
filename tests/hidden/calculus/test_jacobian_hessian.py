"""Hidden tests for problem `jacobian_hessian`.

Contracts:
- jacobian(x) of f(x1, x2) = [x1^2, x1 x2, x2^2]: shape (3, 2), J[i, j] = d f_i / d x_j.
- hessian(a=1.0, b=4.0, c=1.0) of a x^2 + b xy + c y^2: [[2a, b], [b, 2c]].
- classify_definiteness(H, tol=1e-10): from the eigenvalues of the symmetric H (|lambda| <= tol
  counts as 0), one of "positive definite", "negative definite", "indefinite",
  "positive semidefinite", "negative semidefinite".
- condition_number(H, tol=1e-10) = max |lambda| / min |lambda|, inf when min |lambda| <= tol.
Random test matrices are Q diag(lambda) Q^T with a random orthogonal Q and chosen eigenvalues:
non-zero ones have |lambda| >= 0.5, zero ones come out below 1e-13 in floating point.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_equal

PROBLEM = "jacobian_hessian"
CLASSES = ("positive definite", "negative definite", "indefinite", "positive semidefinite",
           "negative semidefinite")


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def _close(got, value):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=1e-9)


# ------------------------------------------------------------------ jacobian
def _jacobian_mistakes(x):
    x1, x2 = float(x[0]), float(x[1])
    right = np.array([[2 * x1, 0.0], [x2, x1], [0.0, 2 * x2]])
    return [
        Mistake("the Jacobian is transposed: it has one ROW per output f_i and one column per input x_j, "
                "shape (3, 2)", lambda got: _close(got, right.T)),
        Mistake("row 2 is the gradient of x1 x2: d/dx1 (x1 x2) = x2 and d/dx2 (x1 x2) = x1, so [x2, x1]",
                lambda got: _close(got, [[2 * x1, 0.0], [x1, x2], [0.0, 2 * x2]])),
        Mistake("d/dx1 x1^2 = 2 x1 and d/dx2 x2^2 = 2 x2: the factor 2 is missing",
                lambda got: _close(got, [[x1, 0.0], [x2, x1], [0.0, x2]])),
        Mistake("jacobian returned f(x) = [x1^2, x1 x2, x2^2], not its derivatives",
                lambda got: _close(got, [x1**2, x1 * x2, x2**2])),
        Mistake("jacobian must return an array of shape (3, 2)", lambda got: np.shape(as_numbers(got)) != (3, 2)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_jacobian_at_2_3(student, reference):
    """J(2, 3) = [[4, 0], [3, 2], [0, 6]], for a list and for an array."""
    expected = np.array([[4.0, 0.0], [3.0, 2.0], [0.0, 6.0]])
    _suite_check(np.array_equal(reference.jacobian([2.0, 3.0]), expected), "J(2, 3)")
    for x in ([2.0, 3.0], np.array([2.0, 3.0])):
        expect_close(student.jacobian(x), expected, what="jacobian(x)", inputs={"x": x},
                     mistakes=_jacobian_mistakes(x))


@pytest.mark.points(1, problem=PROBLEM)
def test_jacobian_at_random_points(student, reference, rng):
    """The Jacobian of [x1^2, x1 x2, x2^2] at random points, including a zero coordinate."""
    points = [rng.uniform(-4.0, 4.0, size=2) for _ in range(5)] + [np.array([0.0, -1.5]), np.array([2.5, 0.0])]
    for x in points:
        expect_close(student.jacobian(x), reference.jacobian(x), what="jacobian(x)", inputs={"x": x},
                     mistakes=_jacobian_mistakes(x))


# ------------------------------------------------------------------ hessian
def _hessian_mistakes(a, b, c):
    return [
        Mistake("d^2/dx^2 (a x^2) = 2a: the diagonal needs the factor 2 (for x^2 + 4xy + y^2: 2 and 2)",
                lambda got: _close(got, [[a, b], [b, c]])),
        Mistake("d^2/dxdy (b xy) = b: the mixed entries are b (4 for x^2 + 4xy + y^2), not b / 2 or 2b",
                lambda got: _close(got, [[2 * a, b / 2], [b / 2, 2 * c]]) or _close(got, [[2 * a, 2 * b], [2 * b, 2 * c]])),
        Mistake("the mixed derivative d^2 f / dx dy = b belongs off the diagonal, in both [0, 1] and [1, 0]",
                lambda got: _close(got, [[2 * a, 0.0], [0.0, 2 * c]]) or _close(got, [[b, 2 * a], [2 * c, b]])),
        Mistake("hessian must return an array of shape (2, 2)", lambda got: np.shape(as_numbers(got)) != (2, 2)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_hessian_of_x2_plus_4xy_plus_y2(student):
    """hessian() with the default coefficients is [[2, 4], [4, 2]]."""
    expect_close(student.hessian(), np.array([[2.0, 4.0], [4.0, 2.0]]), what="hessian() for x^2 + 4xy + y^2",
                 mistakes=_hessian_mistakes(1.0, 4.0, 1.0))


@pytest.mark.points(1, problem=PROBLEM)
def test_hessian_for_random_coefficients(student, reference, rng):
    """hessian(a, b, c) = [[2a, b], [b, 2c]] for random coefficients."""
    for _ in range(5):
        a, b, c = (float(v) for v in rng.uniform(-5.0, 5.0, size=3))
        expect_close(student.hessian(a, b, c), reference.hessian(a, b, c), what="hessian(a, b, c)",
                     inputs={"a": a, "b": b, "c": c}, mistakes=_hessian_mistakes(a, b, c))


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


def _classify_mistakes(h):
    lam = np.linalg.eigvalsh(h)
    diagonal = np.diag(h)
    by_diagonal = ("positive definite" if np.all(diagonal > 0) else
                   "negative definite" if np.all(diagonal < 0) else "indefinite")
    has_zero = np.any(np.abs(lam) <= 1e-10)
    return [
        Mistake('classify_definiteness must return one of the strings "positive definite", "negative '
                'definite", "indefinite", "positive semidefinite", "negative semidefinite"',
                lambda got: got not in CLASSES),
        Mistake("an eigenvalue equal to 0 (|lambda| <= tol, rounding gives about 1e-16) makes the matrix "
                "semidefinite, not definite or indefinite: compare with the tolerance tol, not with 0",
                lambda got: has_zero and got in ("positive definite", "negative definite", "indefinite")),
        Mistake("the signs of the diagonal entries do not decide definiteness: use the eigenvalues "
                "(np.linalg.eigvalsh); x^2 + 4xy + y^2 has a positive diagonal but eigenvalues 6 and -2",
                lambda got: got == by_diagonal),
    ]


def _check_classify(student, reference, h, what="classify_definiteness(H)"):
    expected = reference.classify_definiteness(h)
    expect_equal(student.classify_definiteness(h), expected, what=what, inputs={"H": h},
                 mistakes=_classify_mistakes(h))


@pytest.mark.points(2, problem=PROBLEM)
def test_classify_definiteness_of_the_chapter_hessian_and_random_matrices(student, reference, rng):
    """x^2 + 4xy + y^2 is indefinite (a saddle); random definite and indefinite matrices of sizes 2 to 4."""
    _suite_check(reference.classify_definiteness(reference.hessian()) == "indefinite", "the chapter's Hessian")
    _check_classify(student, reference, np.array([[2.0, 4.0], [4.0, 2.0]]),
                    what="classify_definiteness(H) for the Hessian of x^2 + 4xy + y^2")
    for kind in ("positive definite", "negative definite", "indefinite") * 2:
        h = _symmetric(rng, _random_eigenvalues(rng, kind, int(rng.integers(2, 5))))
        _suite_check(reference.classify_definiteness(h) == kind, f"a random {kind} matrix")
        _check_classify(student, reference, h)


@pytest.mark.points(1, problem=PROBLEM)
def test_classify_semidefinite_and_small_matrices(student, reference, rng):
    """Singular matrices are semidefinite (an eigenvalue 0 within tol); 1 x 1 and diagonal cases."""
    cases = [np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[-2.0, 2.0], [2.0, -2.0]]),
             np.diag([3.0, 0.0, 1.0]), np.array([[5.0]]), np.array([[-0.5]]), np.diag([2.0, -1.0, 0.0])]
    for kind in ("positive semidefinite", "negative semidefinite"):
        for n in (2, 3, 4):
            cases.append(_symmetric(rng, _random_eigenvalues(rng, kind, n)))
    for h in cases:
        _check_classify(student, reference, h)


# ------------------------------------------------------------------ condition number
def _condition_mistakes(h):
    lam = np.linalg.eigvalsh(h)
    absolute = np.abs(lam)
    return [
        Mistake("the condition number uses absolute values: max |lambda| / min |lambda| (for x^2 + 4xy + y^2: "
                "6 / |-2| = 3), not the signed largest / smallest eigenvalue",
                lambda got: _close(got, lam[-1] / lam[0]) or _close(got, lam[0] / lam[-1])),
        Mistake("the condition number is max |lambda| / min |lambda|, so it is >= 1: the ratio is upside down",
                lambda got: _close(got, absolute.min() / absolute.max())),
        Mistake("a singular matrix (an eigenvalue 0 within tol) has condition number inf: return "
                "float('inf'), not a huge finite number", lambda got: absolute.min() <= 1e-10
                and np.isfinite(as_numbers(got)).all()),
        Mistake("take the absolute value of each eigenvalue first: |lambda_max| / |lambda_min| of the signed "
                "extremes is not max |lambda| / min |lambda|",
                lambda got: _close(got, abs(lam[-1]) / abs(lam[0])) or _close(got, abs(lam[0]) / abs(lam[-1]))),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_condition_number_is_3_for_the_chapter_hessian_and_matches_on_random_matrices(student, reference, rng):
    """kappa = 6 / 2 = 3 for x^2 + 4xy + y^2; random matrices; inf for a singular one."""
    h = np.array([[2.0, 4.0], [4.0, 2.0]])
    expect_close(student.condition_number(h), 3.0, what="condition_number(H) for x^2 + 4xy + y^2",
                 inputs={"H": h}, mistakes=_condition_mistakes(h))
    for kind in ("positive definite", "indefinite", "negative definite", "indefinite"):
        h = _symmetric(rng, _random_eigenvalues(rng, kind, int(rng.integers(2, 5))))
        expect_close(student.condition_number(h), reference.condition_number(h), what="condition_number(H)",
                     inputs={"H": h}, mistakes=_condition_mistakes(h))
    for h in (np.array([[1.0, 1.0], [1.0, 1.0]]), np.diag([4.0, 0.0, -1.0])):
        _suite_check(reference.condition_number(h) == float("inf"), "a singular matrix")
        expect_close(student.condition_number(h), float("inf"), what="condition_number(H) for a singular H",
                     inputs={"H": h}, mistakes=_condition_mistakes(h))
