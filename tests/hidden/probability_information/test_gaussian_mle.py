"""Hidden tests: problem "gaussian_mle" (gaussian_mle and gaussian_log_likelihood).

Contract (the notebook's docstrings): x is a float np.ndarray of shape (n,), n >= 1, not modified.
gaussian_mle(x) returns the pair (mu_hat, sigma_hat) = (mean(x), sqrt(mean((x - mu_hat)^2))) as a
tuple of two floats (a list of two floats is accepted too, an array is not): the MLE divides by n
(ddof=0) and gives a standard deviation, 0.0 for one sample. gaussian_log_likelihood(x, mu, sigma) =
the SUM of log N(x_i; mu, sigma^2) = -n/2 log(2 pi sigma^2) - sum((x - mu)^2) / (2 sigma^2), natural
log, a float, finite even for samples far from the mean (where the density itself underflows to 0).
A float is a Python or NumPy float scalar, not an array.

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's value is exactly what that formula gives there and no other known mistake gives it.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true, expect_unchanged

PROBLEM = "gaussian_mle"
HAND_EXAMPLE = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])


def _near(got, value, rtol=1e-6, atol=0.0):
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), float(value), rtol=rtol, atol=atol))


def _distinct(candidates, expected):
    """Mistakes (id, message, value) whose value differs from the right answer and from the value of
    every other known mistake on this input: an answer two mistakes would both give names none.

    Nothing is re-enacted until a check fails (the first `applies` call): most answers are right, and
    re-enacting and cross-comparing every mistake for each of them was most of the grader's time. Every
    candidate gets its Mistake, in order; one whose value is not its own on this input never applies."""
    candidates = list(candidates)

    @functools.lru_cache(maxsize=None)
    def own():
        """{index: value} of the candidates that name their mistake on this input."""
        values = []
        for index, (mistake_id, _, compute) in enumerate(candidates):
            try:
                with np.errstate(all="ignore"):
                    values.append((index, mistake_id, float(compute())))
            except (ValueError, TypeError, ZeroDivisionError, OverflowError):
                continue
        found = {}
        for index, mistake_id, value in values:
            if np.isnan(value) or _near(value, expected):
                continue
            if any(other_id != mistake_id and _near(value, other) for _, other_id, other in values):
                continue
            found[index] = value
        return found

    return [Mistake(message, lambda got, index=index: index in own() and _near(got, own()[index]), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(candidates)]


ARRAY_NOT_TUPLE = Mistake("gaussian_mle returned an np.ndarray: the docstring asks for a tuple of two floats, "
                          "return mu_hat, sigma_hat", lambda _: True, id="pair-returned-as-array")
ARRAY_NOT_FLOAT = Mistake("the docstring asks for floats (Python or NumPy float scalars), not arrays: convert a "
                          "0-d or one-element result with float(...)", lambda _: True, id="number-returned-as-array")


def _pair(got, what):
    """The two entries of a returned pair: a tuple (or a list) of two numbers."""
    hint = " (add `return mu_hat, sigma_hat`)" if got is None else ""
    expect_true(not isinstance(got, np.ndarray),
                f"{what}: gaussian_mle must return a tuple (mu_hat, sigma_hat); it returned an np.ndarray of shape "
                f"{getattr(got, 'shape', ())}", mistake=ARRAY_NOT_TUPLE)
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                f"{what}: gaussian_mle must return the pair (mu_hat, sigma_hat){hint}; got {describe(got)}")
    for name, value in zip(("mu_hat", "sigma_hat"), got):
        expect_true(not isinstance(value, (np.ndarray, list, tuple)),
                    f"{what}: {name} must be a float; it is {describe(value)}", mistake=ARRAY_NOT_FLOAT)
    return got[0], got[1]


def _check_mle(student, reference, x, what, atol=1e-9):
    x = np.asarray(x, dtype=float)
    mu, sigma = reference.gaussian_mle(x)
    got = student.gaussian_mle(x)
    effects = student.last_call
    got_mu, got_sigma = _pair(got, what)
    n = x.size
    unbiased = float(np.std(x, ddof=1)) if n > 1 else np.nan
    swapped = Mistake("gaussian_mle returned (sigma_hat, mu_hat): the mean comes first",
                      lambda _: _near(got_mu, sigma) and _near(got_sigma, mu) and not _near(mu, sigma),
                      id="mle-pair-swapped")
    expect_close(got_mu, mu, what=f"mu_hat of {what}", inputs={"x": x}, atol=atol, mistakes=[swapped] + _distinct([
        ("mu-hat-is-the-median", "mu_hat is the median: the MLE of the mean is the sample mean", lambda: np.median(x)),
        ("mu-hat-divides-by-n-minus-1", "mu_hat divides the sum by n - 1: the sample mean divides by n",
         lambda: np.sum(x) / (n - 1)),
    ], mu))
    sigma_mistakes = [swapped]
    if n == 1:
        sigma_mistakes.append(Mistake(
            "sigma_hat is nan for a single sample: dividing by n - 1 = 0 (ddof=1) is not the MLE; the MLE divides by "
            "n and gives 0.0", lambda got: np.isnan(as_numbers(got)).any(), id="sigma-hat-ddof-1"))
    sigma_mistakes += _distinct([
        ("sigma-hat-ddof-1", "sigma_hat divides by n - 1 (ddof=1, the unbiased variance): the MLE divides by n, as "
         "np.std(x) does with its default ddof=0", lambda: unbiased),
        ("sigma-hat-is-the-variance", "gaussian_mle returned the variance: sigma_hat is the standard deviation, the "
         "square root of mean((x - mu_hat) ** 2)", lambda: sigma ** 2),
        ("sigma-hat-is-the-variance", "gaussian_mle returned the variance (with ddof=1): sigma_hat is the standard "
         "deviation with ddof=0, the square root of mean((x - mu_hat) ** 2)", lambda: unbiased ** 2),
        ("sigma-hat-mean-abs-deviation", "sigma_hat is the mean absolute deviation: it is the square root of the "
         "mean SQUARED deviation", lambda: np.mean(np.abs(x - mu))),
        ("sigma-hat-not-centred", "sigma_hat = sqrt(mean(x ** 2)) forgets to subtract mu_hat: use (x - mu_hat) ** 2",
         lambda: np.sqrt(np.mean(x ** 2))),
    ], sigma)
    expect_close(got_sigma, sigma, what=f"sigma_hat of {what}", inputs={"x": x}, atol=atol, mistakes=sigma_mistakes)
    expect_unchanged(effects, what=f"gaussian_mle of {what}")


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
    """gaussian_mle of random samples of several sizes, means and spreads, down to a spread of 1e-8."""
    for n in (2, 3, 10, 57):
        x = rng.normal(float(rng.uniform(-50, 50)), float(rng.uniform(0.2, 15)), size=n)
        _check_mle(student, reference, x, f"gaussian_mle of {n} random samples")
    # tiny values: compared relatively (atol = 0), so that a wrong estimate cannot hide below the tolerance
    _check_mle(student, reference, rng.normal(3e-8, 1e-8, size=12), "gaussian_mle of 12 samples of N(3e-8, (1e-8)^2)",
               atol=0.0)


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_mle_of_a_single_sample(student, reference):
    """One sample x gives (x, 0.0): the MLE's sigma_hat is 0, not nan."""
    for value in (3.7, -1.25):
        _check_mle(student, reference, np.array([value]), f"gaussian_mle([{value}])")


def _ll_mistakes(x, mu, sigma, expected):
    x = np.asarray(x, dtype=float)
    n = x.size
    square = np.sum((x - mu) ** 2)
    mistakes = []
    if np.isfinite(expected):
        mistakes.append(Mistake(
            "gaussian_log_likelihood gave -inf for samples far from the mean: their density underflows to 0.0, so "
            "np.log(density) is -inf; use the formula -n/2 log(2 pi sigma^2) - sum((x - mu)^2) / (2 sigma^2), "
            "which never takes the log of a tiny number",
            lambda got: float(as_numbers(got)) == -np.inf, id="gaussian-ll-log-of-underflowed-pdf"))
    return mistakes + _distinct([
        ("gaussian-ll-mean-not-sum", "gaussian_log_likelihood is the SUM of the log-densities, not their mean",
         lambda: expected / n if n > 1 else np.nan),
        ("gaussian-ll-sigma-as-variance", "gaussian_log_likelihood treats sigma as the variance: sigma is the "
         "standard deviation", lambda: -0.5 * n * np.log(2 * np.pi * sigma) - square / (2 * sigma)),
        ("gaussian-ll-missing-normaliser", "gaussian_log_likelihood is missing the normalising term "
         "-n/2 log(2 pi sigma^2)", lambda: -square / (2 * sigma ** 2)),
        ("gaussian-ll-missing-2pi", "gaussian_log_likelihood is missing -n/2 log(2 pi): the term is "
         "-n/2 log(2 pi sigma^2)", lambda: -n * np.log(sigma) - square / (2 * sigma ** 2)),
        ("gaussian-ll-normaliser-once", "the normalising term -1/2 log(2 pi sigma^2) counts once PER SAMPLE: "
         "multiply it by n", lambda: -0.5 * np.log(2 * np.pi * sigma ** 2) - square / (2 * sigma ** 2)),
        ("gaussian-ll-wrong-sign", "gaussian_log_likelihood has the wrong sign (that is the negative "
         "log-likelihood)", lambda: -expected),
        ("gaussian-ll-own-estimates", "gaussian_log_likelihood uses its own estimates: evaluate it at the mu and "
         "sigma it is given", lambda: -0.5 * n * np.log(2 * np.pi * np.var(x)) - 0.5 * n),
        ("gaussian-ll-wrong-log-base", "gaussian_log_likelihood uses log base 10: use the natural log np.log",
         lambda: expected / np.log(10)),
    ], expected)


def _check_ll(student, reference, x, mu, sigma, what):
    expected = reference.gaussian_log_likelihood(x, mu, sigma)
    got = student.gaussian_log_likelihood(x, mu, sigma)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs={"x": x, "mu": mu, "sigma": sigma},
                 mistakes=_ll_mistakes(x, mu, sigma, expected)
                 + [Mistake(ARRAY_NOT_FLOAT.message, lambda got: isinstance(got, (np.ndarray, list, tuple)),
                            id=ARRAY_NOT_FLOAT.id)])
    expect_true(not isinstance(got, np.ndarray),
                f"{what}: gaussian_log_likelihood must return a float; it returned an np.ndarray of shape "
                f"{getattr(got, 'shape', ())}", mistake=ARRAY_NOT_FLOAT)
    expect_unchanged(effects, what=what)


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_log_likelihood_of_random_samples(student, reference, rng):
    """gaussian_log_likelihood(x, mu, sigma) is the sum of the log-densities: several mu and sigma, one sample,
    a narrow curve (densities above 1) and samples 30 to 40 standard deviations from the mean."""
    cases = [(np.array([1.0, 2.0, 3.0]), 2.0, 1.0)]
    for n in (1, 4, 30):
        x = rng.normal(3.0, 2.0, size=n)
        cases.append((x, float(rng.uniform(1.0, 5.0)), float(rng.uniform(0.4, 3.0))))
    cases.append((rng.normal(0.5, 0.01, size=6), 0.5, 0.01))
    cases.append((np.array([-40.0, 30.0, 35.0, 2.0]) * 1.5 + 10.0, 10.0, 1.5))
    for x, mu, sigma in cases:
        _check_ll(student, reference, x, mu, sigma, f"gaussian_log_likelihood(x, mu={mu:.4g}, sigma={sigma:.4g})")
