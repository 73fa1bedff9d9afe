"""Public check of normal_equation: noise-free and noisy data, ridge, and two nearly equal columns."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "normal_equation"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"least squares on 100 samples, with and without ridge {REMINDER}")
def least_squares(normal_equation):
    rng = np.random.default_rng(42)
    X = rng.normal(size=(100, 3))
    w_true = np.array([1.0, -2.0, 3.0])
    expect_close(normal_equation(X, X @ w_true), w_true, what="the weights recovered from noise-free targets")
    y = X @ w_true + 0.5 * rng.normal(size=100)
    w = normal_equation(X, y)
    expect_close(X.T @ (y - X @ w), np.zeros(3), atol=1e-9,
                 what="X^T (y - X w), which is zero: the residual is orthogonal to the columns of X")
    expect_close(w, np.linalg.lstsq(X, y, rcond=None)[0], what="the weights against np.linalg.lstsq")
    expect_true(np.linalg.norm(normal_equation(X, y, lam=10.0)) < np.linalg.norm(w),
                "ridge (lam = 10) must shrink the weights")
    expect_close(normal_equation(X, y, lam=10.0), np.linalg.solve(X.T @ X + 10.0 * np.eye(3), X.T @ y),
                 what="the ridge weights for lam = 10 against (X^T X + 10 I) w = X^T y")
    expect_equal(np.shape(normal_equation(rng.normal(size=(3, 5)), rng.normal(size=3), lam=1.0)), (5,),
                 what="shape of the ridge weights for 3 samples and 5 features")


@test_case(hidden=False, points=2, failure_message=f"solve, not invert, on two nearly equal columns {REMINDER}")
def nearly_equal_columns(normal_equation):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 4))
    X[:, 3] = X[:, 2] + 1e-6 * rng.normal(size=30)
    y = X @ np.array([1.0, -2.0, 0.5, 0.5]) + 0.1 * rng.normal(size=30)
    gram, rhs = X.T @ X, X.T @ y
    w = normal_equation(X, y)
    residual = np.linalg.norm(gram @ w - rhs) / (np.linalg.norm(gram, 2) * np.linalg.norm(w) + np.linalg.norm(rhs))
    expect_true(residual < 1e-12, f"the relative residual of the normal equations is {residual:.1e}, above 1e-12: "
                                  "use np.linalg.solve, not np.linalg.inv")
