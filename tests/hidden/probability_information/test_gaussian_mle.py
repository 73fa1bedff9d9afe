"""Hidden tests: problem "gaussian_mle" (gaussian_mle and gaussian_log_likelihood).

Contract: gaussian_mle(x) returns the pair (mu_hat, sigma_hat) = (mean(x), sqrt(mean((x -
mu_hat)^2))): the MLE divides by n (ddof=0) and gives a standard deviation, 0.0 for one sample.
gaussian_log_likelihood(x, mu, sigma) = sum of log N(x_i; mu, sigma^2), natural log.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true

PROBLEM = "gaussian_mle"
HAND_EXAMPLE = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])


def _near(got, value):
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), value, rtol=1e-6, atol=1e-9))


def _pair(got, what):
    """The two entries of a returned pair (a tuple, a list or an array of two numbers)."""
    ok = (isinstance(got, (tuple, list)) and len(got) == 2) or \
        (isinstance(got, np.ndarray) and got.shape == (2,))
    hint = " (add `return mu_hat, sigma_hat`)" if got is None else ""
    expect_true(ok, f"{what} must return the pair (mu_hat, sigma_hat){hint}; got {describe(got)}")
    return got[0], got[1]


def _check_mle(student, reference, x, what):
    x = np.asarray(x, dtype=float)
    mu, sigma = reference.gaussian_mle(x)
    got_mu, got_sigma = _pair(student.gaussian_mle(x), what)
    n = x.size
    unbiased = float(np.std(x, ddof=1)) if n > 1 else np.nan
    swapped = Mistake("gaussian_mle returned (sigma_hat, mu_hat): the mean comes first",
                      lambda got: _near(got_mu, sigma) and _near(got_sigma, mu) and abs(mu - sigma) > 1e-9)
    expect_close(got_mu, mu, what=f"mu_hat of {what}", inputs={"x": x}, mistakes=[swapped])
    expect_close(got_sigma, sigma, what=f"sigma_hat of {what}", inputs={"x": x}, mistakes=[
        swapped,
        Mistake("sigma_hat divides by n - 1 (ddof=1, the unbiased variance): the MLE divides by n, "
                "as np.std(x) does with its default ddof=0",
                lambda got: n > 1 and _near(got, unbiased)),
        Mistake("sigma_hat is nan for a single sample: dividing by n - 1 = 0 (ddof=1) is not the MLE; "
                "the MLE divides by n and gives 0.0",
                lambda got: n == 1 and np.isnan(as_numbers(got)).any()),
        Mistake("gaussian_mle returned the variance: sigma_hat is the standard deviation, the square "
                "root of mean((x - mu_hat) ** 2)",
                lambda got: abs(sigma - 1) > 1e-6 and (_near(got, sigma ** 2) or (n > 1 and _near(got, unbiased ** 2)))),
    ])


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_mle_of_the_hand_example(student, reference):
    """The samples [2, 4, 4, 4, 5, 5, 7, 9] give mu_hat = 5 and sigma_hat = 2 (not 2.138)."""
    _check_mle(student, reference, HAND_EXAMPLE, "gaussian_mle([2, 4, 4, 4, 5, 5, 7, 9])")


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_mle_of_the_chapter_experiment(student, reference):
    """100 samples of N(5, 2^2) from RandomState(42) give about (4.7923, 1.8072)."""
    samples = np.random.RandomState(42).normal(5.0, 2.0, size=100)
    _check_mle(student, reference, samples, "gaussian_mle of the chapter's 100 samples of N(5, 2^2)")


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_mle_of_random_samples(student, reference, rng):
    """gaussian_mle of random samples of several sizes, means and spreads."""
    for n in (2, 3, 10, 57):
        x = rng.normal(float(rng.uniform(-50, 50)), float(rng.uniform(0.2, 15)), size=n)
        _check_mle(student, reference, x, f"gaussian_mle of {n} random samples")


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_mle_of_a_single_sample(student, reference):
    """One sample x gives (x, 0.0): the MLE's sigma_hat is 0, not nan."""
    for value in (3.7, -1.25):
        _check_mle(student, reference, np.array([value]), f"gaussian_mle([{value}])")


def _ll_mistakes(x, mu, sigma, expected):
    x = np.asarray(x, dtype=float)
    n = x.size
    square = np.sum((x - mu) ** 2)
    return [
        Mistake("gaussian_log_likelihood is the SUM of the log-densities, not their mean",
                lambda got: n > 1 and _near(got, expected / n)),
        Mistake("gaussian_log_likelihood treats sigma as the variance: sigma is the standard deviation",
                lambda got: _near(got, -0.5 * n * np.log(2 * np.pi * sigma) - square / (2 * sigma))),
        Mistake("gaussian_log_likelihood is missing the normalising term -n/2 log(2 pi sigma^2)",
                lambda got: _near(got, -square / (2 * sigma ** 2))),
        Mistake("gaussian_log_likelihood is missing -n/2 log(2 pi): the term is -n/2 log(2 pi sigma^2)",
                lambda got: _near(got, -n * np.log(sigma) - square / (2 * sigma ** 2))),
        Mistake("gaussian_log_likelihood has the wrong sign", lambda got: _near(got, -expected)),
        Mistake("gaussian_log_likelihood uses its own estimates: evaluate it at the mu and sigma it is given",
                lambda got: _near(got, -0.5 * n * np.log(2 * np.pi * np.var(x)) - 0.5 * n)
                and not _near(expected, -0.5 * n * np.log(2 * np.pi * np.var(x)) - 0.5 * n)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_log_likelihood_of_random_samples(student, reference, rng):
    """gaussian_log_likelihood(x, mu, sigma) is the sum of the log-densities, at several mu and sigma."""
    cases = [(np.array([1.0, 2.0, 3.0]), 2.0, 1.0)]
    for n in (1, 4, 30):
        x = rng.normal(3.0, 2.0, size=n)
        cases.append((x, float(rng.uniform(1.0, 5.0)), float(rng.uniform(0.4, 3.0))))
    for x, mu, sigma in cases:
        expected = reference.gaussian_log_likelihood(x, mu, sigma)
        expect_close(student.gaussian_log_likelihood(x, mu, sigma), expected,
                     what=f"gaussian_log_likelihood(x, mu={mu:.4g}, sigma={sigma:.4g})",
                     inputs={"x": x}, mistakes=_ll_mistakes(x, mu, sigma, expected))
