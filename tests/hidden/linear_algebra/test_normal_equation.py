"""Hidden tests for problem `normal_equation`: least squares by the normal equation, solve not inverse.

Contract: normal_equation(X, y, lam=0.0) with X (n, d), y (n,), lam >= 0 (lam = 0: plain least squares)
returns w, a NumPy float array of shape (d,), solving (X^T X + lam I) w = X^T y without forming an
inverse (np.linalg.solve; a Cholesky or QR solve or lstsq are as accurate). X and y are not modified.
The ill-conditioned test measures the backward error ||G w - b|| / (||G||_2 ||w|| + ||b||) with
G = X^T X + lam I, b = X^T y: a backward-stable solver (solve, Cholesky, lstsq, QR) stays near 1e-16,
forming inv(G) does not.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true, expect_unchanged

PROBLEM = "normal_equation"

#: Largest accepted backward error; backward-stable solvers reach ~1e-16, the explicit inverse ~1e-9.
BACKWARD_LIMIT = 1e-12


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def _call(student, *args):
    """The student's normal_equation; the notebook's convention: arguments are never modified."""
    got = student.normal_equation(*args)
    expect_unchanged(student.last_call)
    return got


def _solve(G, b):
    """np.linalg.solve, or None when G is singular (a wrong formula's system need not be solvable)."""
    try:
        return np.linalg.solve(G, b)
    except np.linalg.LinAlgError:
        return None


def _mistakes(X, y, lam):
    n, d = X.shape
    G = X.T @ X
    b = X.T @ y

    def same(value):
        if value is None:
            return lambda got: False
        return lambda got: (as_numbers(got).shape == (d,)
                            and bool(np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-9)))

    def same_as(compute):
        """same(compute()), with the wrong system solved on the first failed check only (most answers are right)."""
        value = functools.lru_cache(maxsize=None)(compute)
        return lambda got: same(value())(got)

    mistakes = [
        Mistake("normal_equation must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                id="returns-list-not-array"),
        Mistake("normal_equation returned a column of shape (d, 1): return w with shape (d,)",
                lambda got: as_numbers(got).shape == (d, 1), id="normal-equation-column-shape"),
    ]
    if lam > 0:
        scaled = functools.lru_cache(maxsize=None)(
            lambda: [_solve(G + factor * lam * np.eye(d), b) for factor in (n, 2.0, 0.5, 1.0 / n) if factor != 1.0])
        mistakes += [
            Mistake("lam is ignored: the ridge system is (X^T X + lam I) w = X^T y",
                    same_as(lambda: np.linalg.lstsq(X, y, rcond=None)[0]), id="ridge-lambda-ignored"),
            Mistake("lam was added to EVERY entry of X^T X: add lam * I, on the diagonal only (np.eye(d))",
                    same_as(lambda: _solve(G + lam, b)), id="ridge-lambda-everywhere"),
            Mistake("lam was subtracted: the ridge system is (X^T X + lam I) w = X^T y",
                    same_as(lambda: _solve(G - lam * np.eye(d), b)), id="ridge-lambda-subtracted"),
            Mistake("lam is scaled (by n, 2 or 1/2): the contract's system puts lam itself on the diagonal, "
                    "(X^T X + lam I) w = X^T y", lambda got: any(same(value)(got) for value in scaled()),
                    id="ridge-lambda-scaled"),
        ]
    return mistakes


def _check(student, reference, X, y, lam=None, what="normal_equation(X, y)"):
    args = (X, y) if lam is None else (X, y, lam)
    expected = reference.normal_equation(*args)
    inputs = {"X": X, "y": y} if lam is None else {"X": X, "y": y, "lam": lam}
    expect_close(_call(student, *args), expected, what=what, inputs=inputs, strict_type=True,
                 mistakes=_mistakes(X, y, 0.0 if lam is None else lam))


@pytest.mark.points(1, problem=PROBLEM)
def test_noise_free_data_recovers_the_true_weights(student, rng):
    """When y = X w_true exactly, the least-squares weights are w_true."""
    for n, d in [(10, 3), (4, 4), (25, 1), (50, 6)]:
        X = rng.normal(size=(n, d))
        w_true = rng.uniform(-3.0, 3.0, size=d)
        y = X @ w_true
        expect_close(_call(student, X, y), w_true, what="normal_equation(X, X @ w_true)",
                     inputs={"X": X, "y": y}, rtol=1e-6, atol=1e-8, strict_type=True, mistakes=_mistakes(X, y, 0.0))


@pytest.mark.points(2, problem=PROBLEM)
def test_noisy_data_matches_the_least_squares_solution(student, reference, rng):
    """Noisy targets: w matches the reference, and the residual y - X w is orthogonal to the columns of X."""
    for n, d in [(30, 3), (100, 10), (8, 2), (12, 5)]:
        X = rng.normal(size=(n, d))
        y = X @ rng.normal(size=d) + 0.5 * rng.normal(size=n)
        _check(student, reference, X, y, what=f"normal_equation(X, y) for X of shape {(n, d)}")
        got = as_numbers(_call(student, X, y)).reshape(-1)
        residual = y - X @ got
        worst = float(np.max(np.abs(X.T @ residual)))
        scale = np.linalg.norm(X) ** 2 * np.linalg.norm(got) + np.linalg.norm(X) * np.linalg.norm(y)
        expect_true(worst <= 1e-7 * scale,
                    f"the residual y - X w is not orthogonal to the columns of X: max |X^T (y - X w)| = "
                    f"{worst:.3g}; at the least-squares solution it is 0")


@pytest.mark.points(1, problem=PROBLEM)
def test_ridge_lambda_goes_on_the_diagonal(student, reference, rng):
    """lam > 0 adds lam I to X^T X; it even fixes more features than samples (d > n), down to one sample."""
    for n, d, lam in [(20, 4, 0.5), (40, 8, 10.0), (5, 8, 1.0), (3, 3, 0.01), (1, 3, 2.0), (10, 1, 3.0)]:
        X = rng.normal(size=(n, d))
        y = rng.normal(size=n)
        _check(student, reference, X, y, lam, what=f"normal_equation(X, y, lam={lam}) for X of shape {(n, d)}")
    X = rng.normal(size=(15, 3))
    y = rng.normal(size=15)
    _check(student, reference, X, y, 0.0, what="normal_equation(X, y, lam=0.0)")


INVERSE = Mistake("w misses the normal equations by far more than rounding: an explicit inverse of X^T X "
                  "(np.linalg.inv, or np.linalg.pinv of X^T X) multiplies the rounding errors by the condition "
                  "number; solve the system with np.linalg.solve", lambda _: True, id="normal-equation-inverse")


def _ill_conditioned_case(seed):
    """Two almost equal columns: cond(X^T X) is about 4e12."""
    generator = np.random.default_rng(seed)
    n = 30
    X = generator.normal(size=(n, 4))
    X[:, 3] = X[:, 2] + 1e-6 * generator.normal(size=n)
    y = X @ np.array([1.0, -2.0, 0.5, 0.5]) + 0.1 * generator.normal(size=n)
    return X, y


@pytest.mark.points(1, problem=PROBLEM)
def test_ill_conditioned_system_is_solved_not_inverted(student, reference):
    """With two nearly equal columns, w satisfies the normal equations to machine precision (solve, not inv)."""
    for seed in (0, 1, 2, 3):
        X, y = _ill_conditioned_case(seed)
        G, b = X.T @ X, X.T @ y
        inverse_error = reference.normal_equation_backward_error(X, y, np.linalg.inv(G) @ b)
        _suite_check(inverse_error > 100 * BACKWARD_LIMIT, "the explicit inverse must be visibly worse here")
        _suite_check(reference.normal_equation_backward_error(X, y, reference.normal_equation(X, y))
                     < BACKWARD_LIMIT / 100, "the reference must be backward stable")
        got = _call(student, X, y)
        if not (isinstance(got, (np.ndarray, list, tuple)) and np.shape(got) in ((4,), (4, 1))):
            # describe(got) only for a failure: rendering every right answer cost more than the check
            expect_true(False, f"normal_equation(X, y) must return w of shape (4,); got {describe(got)}")
        w = as_numbers(got).reshape(-1)
        expect_true(np.all(np.isfinite(w)),
                    "normal_equation returned inf/nan on an ill-conditioned (but invertible) system")
        error = reference.normal_equation_backward_error(X, y, w)
        expect_true(error <= BACKWARD_LIMIT,
                    f"on an ill-conditioned system (cond(X^T X) = {np.linalg.cond(G):.1e}) your w satisfies "
                    f"(X^T X) w = X^T y only up to a relative residual of {error:.1e}; np.linalg.solve "
                    f"reaches about 1e-16. Forming the inverse (np.linalg.inv(X.T @ X) @ X.T @ y, residual "
                    f"{inverse_error:.1e} here) loses accuracy: solve the system instead", mistake=INVERSE)
