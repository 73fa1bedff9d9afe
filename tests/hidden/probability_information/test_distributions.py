"""Hidden tests: problem "distributions" (bernoulli_pmf and gaussian_pdf, both elementwise).

Contract: bernoulli_pmf(x, p) = p ** x * (1 - p) ** (1 - x) for x in {0, 1} and p in [0, 1]
(edges included, no nan); gaussian_pdf(x, mu, sigma) is the N(mu, sigma^2) density with sigma the
standard deviation. Arguments broadcast; numbers give a number, arrays the broadcast shape.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "distributions"


def _close(got, value):
    got = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return got.shape == value.shape and np.allclose(got, value, rtol=1e-6, atol=1e-12)


# ------------------------------------------------------------------ Bernoulli
def _bernoulli_mistakes(x, p):
    x = np.asarray(x, dtype=float)
    p = np.asarray(p, dtype=float)
    shape = np.broadcast(x, p).shape
    return [
        Mistake("bernoulli_pmf gave nan: at p = 0 or p = 1 a form like exp(x log p + ...) computes "
                "0 * log(0) = nan; p ** x * (1 - p) ** (1 - x) works (NumPy's 0.0 ** 0 is 1), "
                "and so does np.where(x == 1, p, 1 - p)",
                lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("bernoulli_pmf swapped p and 1 - p: P(X = 1) = p and P(X = 0) = 1 - p",
                lambda got: _close(got, np.power(1 - p, x) * np.power(p, 1 - x))),
        Mistake("bernoulli_pmf ignores x: it must give p where x = 1 and 1 - p where x = 0",
                lambda got: (x == 0).any() and _close(got, np.broadcast_to(p, shape))),
    ]


def _check_bernoulli(student, reference, x, p, what):
    expect_close(student.bernoulli_pmf(x, p), reference.bernoulli_pmf(x, p), what=what,
                 inputs={"x": x, "p": p}, mistakes=_bernoulli_mistakes(x, p))


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_pmf_of_the_phonepe_fraud_rate(student, reference):
    """With p = 0.047, P(fraud) = 0.047 and P(legitimate) = 0.953, for numbers and for an array."""
    p = reference.PHONEPE_FRAUDS / reference.PHONEPE_TRANSACTIONS
    _check_bernoulli(student, reference, 1, p, "bernoulli_pmf(1, 0.047)")
    _check_bernoulli(student, reference, 0, p, "bernoulli_pmf(0, 0.047)")
    _check_bernoulli(student, reference, np.array([1, 0, 0, 1]), p, "bernoulli_pmf(array of labels, 0.047)")


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_pmf_is_elementwise_over_x_and_p(student, reference, rng):
    """bernoulli_pmf broadcasts x and p: arrays of labels and of probabilities, of several shapes."""
    x = rng.integers(0, 2, size=12)
    x[:2] = [0, 1]
    p = rng.uniform(0.02, 0.98, size=12)
    _check_bernoulli(student, reference, x, p, "bernoulli_pmf(x, p) with x and p of shape (12,)")
    grid = rng.integers(0, 2, size=(2, 3)).astype(float)
    grid[0, 0], grid[1, 2] = 0.0, 1.0
    _check_bernoulli(student, reference, grid, 0.3, "bernoulli_pmf(x, 0.3) with x of shape (2, 3)")
    _check_bernoulli(student, reference, 1, p[:5], "bernoulli_pmf(1, p) with p of shape (5,)")


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_pmf_at_p_zero_and_one(student, reference):
    """At p = 0 and p = 1 the pmf is exactly 0 or 1, without nan."""
    _check_bernoulli(student, reference, np.array([0, 1, 0, 1]), np.array([0.0, 0.0, 1.0, 1.0]),
                     "bernoulli_pmf at the edges p = 0 and p = 1")
    _check_bernoulli(student, reference, 0, 0.0, "bernoulli_pmf(0, 0.0)")
    _check_bernoulli(student, reference, 1, 1.0, "bernoulli_pmf(1, 1.0)")


# ------------------------------------------------------------------ Gaussian
def _gaussian_mistakes(x, mu, sigma):
    x, mu, sigma = (np.asarray(v, dtype=float) for v in (x, mu, sigma))
    var = sigma ** 2
    square = (x - mu) ** 2
    return [
        Mistake("gaussian_pdf treats sigma as the variance: sigma is the standard deviation, so the "
                "formula needs sigma ** 2 in the exponent and under the square root",
                lambda got: _close(got, np.exp(-square / (2 * sigma)) / np.sqrt(2 * np.pi * sigma))),
        Mistake("the normalising factor is 1 / sqrt(2 pi sigma^2): the square root is missing",
                lambda got: _close(got, np.exp(-square / (2 * var)) / (2 * np.pi * var))),
        Mistake("the normalising factor 1 / sqrt(2 pi sigma^2) is missing",
                lambda got: _close(got, np.exp(-square / (2 * var)))),
        Mistake("the exponent is -(x - mu)^2 / (2 sigma^2): the factor 2 is missing",
                lambda got: _close(got, np.exp(-square / var) / np.sqrt(2 * np.pi * var))),
        Mistake("operator precedence: 1 / np.sqrt(2 * np.pi) * sigma MULTIPLIES by sigma; divide by "
                "sigma (or by np.sqrt(2 * np.pi * sigma ** 2))",
                lambda got: _close(got, np.exp(-square / (2 * var)) * sigma / np.sqrt(2 * np.pi))),
        Mistake("the exponent has the wrong sign: it is MINUS (x - mu)^2 / (2 sigma^2)",
                lambda got: _close(got, np.exp(square / (2 * var)) / np.sqrt(2 * np.pi * var))),
    ]


def _check_gaussian(student, reference, x, mu, sigma, what):
    expect_close(student.gaussian_pdf(x, mu, sigma), reference.gaussian_pdf(x, mu, sigma), what=what,
                 inputs={"x": x, "mu": mu, "sigma": sigma}, mistakes=_gaussian_mistakes(x, mu, sigma))


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_pdf_of_the_zomato_delivery_times(student, reference):
    """Densities of N(35, 8^2) at 25, 30, 35, 40 and 50 minutes (0.0228 ... 0.0086)."""
    _check_gaussian(student, reference, reference.ZOMATO_TIMES, reference.ZOMATO_MEAN, reference.ZOMATO_STD,
                    "gaussian_pdf(times, mu=35, sigma=8)")
    _check_gaussian(student, reference, 35.0, 35.0, 8.0, "gaussian_pdf(35.0, 35.0, 8.0)")


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_pdf_of_random_points_for_narrow_and_wide_curves(student, reference, rng):
    """gaussian_pdf on random points for several means and standard deviations (0.3 to 12)."""
    for sigma in (0.3, 2.5, 12.0):
        mu = float(rng.uniform(-20.0, 20.0))
        x = mu + sigma * rng.normal(0.0, 1.5, size=7)
        _check_gaussian(student, reference, x, mu, sigma, f"gaussian_pdf(x, mu, sigma={sigma})")


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_pdf_broadcasts_mu_and_sigma(student, reference, rng):
    """x, mu and sigma broadcast together: arrays for each of them, and a (3, 1) against a (4,)."""
    x = rng.normal(0.0, 3.0, size=5)
    mu = rng.normal(0.0, 2.0, size=5)
    sigma = rng.uniform(0.5, 4.0, size=5)
    _check_gaussian(student, reference, x, mu, sigma, "gaussian_pdf(x, mu, sigma), all of shape (5,)")
    _check_gaussian(student, reference, 1.0, 0.0, sigma[:4], "gaussian_pdf(1.0, 0.0, sigma of shape (4,))")
    column = rng.normal(0.0, 2.0, size=(3, 1))
    means = np.array([-1.0, 0.0, 0.5, 2.0])
    _check_gaussian(student, reference, column, means, 1.7, "gaussian_pdf(x of shape (3, 1), mu of shape (4,), 1.7)")
