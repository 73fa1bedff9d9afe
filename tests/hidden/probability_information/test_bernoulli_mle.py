"""Hidden tests: problem "bernoulli_mle" (bernoulli_mle and bernoulli_log_likelihood).

Contract: bernoulli_mle(x) = sum(x) / n as a float; bernoulli_log_likelihood(x, p) =
k log p + (n - k) log(1 - p) (a sum, natural log), where a zero count contributes 0 and an
observation of probability 0 gives -inf (never nan).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "bernoulli_mle"


def _near(got, value):
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), value, rtol=1e-6, atol=1e-9))


def _labels(rng, n, p):
    """n random 0/1 labels with probability p of a 1, as ints."""
    return (rng.uniform(size=n) < p).astype(int)


def _chapter_samples(rng):
    """PhonePe (47 ones in 1000, shuffled) and exercise B5 (160 ones in 200, shuffled)."""
    phonepe = np.zeros(1000)
    phonepe[:47] = 1.0
    zomato = np.array([1] * 160 + [0] * 40)
    return rng.permutation(phonepe), rng.permutation(zomato)


# ------------------------------------------------------------------ the estimate
def _mle_mistakes(x):
    x = np.asarray(x, dtype=float)
    k, n = float(x.sum()), x.size
    return [
        Mistake("bernoulli_mle returned the number of ones: divide by the number of observations n",
                lambda got: k != k / n and _near(got, k)),
        Mistake("bernoulli_mle returned the fraction of zeros: p is the probability of a 1, so p_hat = "
                "(number of ones) / n", lambda got: _near(got, 1 - k / n) and k / n != 0.5),
    ]


def _check_mle(student, reference, x, what):
    expect_close(student.bernoulli_mle(x), reference.bernoulli_mle(x), what=what, inputs={"x": x},
                 mistakes=_mle_mistakes(x))


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_mle_of_the_chapter_data(student, reference, rng):
    """PhonePe: 47 frauds in 1000 give 0.047; exercise B5: 160 on time out of 200 give 0.80."""
    phonepe, zomato = _chapter_samples(rng)
    _check_mle(student, reference, phonepe, "bernoulli_mle of the 1000 PhonePe transactions (47 frauds)")
    _check_mle(student, reference, zomato, "bernoulli_mle of the 200 Zomato orders (160 on time)")


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_mle_of_random_samples(student, reference, rng):
    """bernoulli_mle of random 0/1 samples of several sizes, including all zeros and all ones."""
    for n, p in [(1, 0.5), (5, 0.3), (37, 0.6), (200, 0.1)]:
        _check_mle(student, reference, _labels(rng, n, p), f"bernoulli_mle of {n} random labels")
    _check_mle(student, reference, np.zeros(6, dtype=int), "bernoulli_mle of six zeros")
    _check_mle(student, reference, np.ones(4), "bernoulli_mle of four ones (floats)")


# ------------------------------------------------------------------ the log-likelihood
def _ll_mistakes(x, p, expected):
    x = np.asarray(x, dtype=float)
    k, n = float(x.sum()), x.size
    mistakes = [
        Mistake("bernoulli_log_likelihood gave nan: a count of 0 times log(0) must count as 0 "
                "(0 log 0 = 0); count the ones and the zeros and add a term only when its count is "
                "positive", lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("bernoulli_log_likelihood returned -inf where an outcome that never occurs should "
                "contribute 0 (0 log 0 = 0): a term whose count is 0 adds nothing",
                lambda got: np.isfinite(expected) and float(as_numbers(got)) == -np.inf),
        Mistake("bernoulli_log_likelihood must be -inf when an observed outcome has probability 0 "
                "(a 1 with p = 0, or a 0 with p = 1)",
                lambda got: expected == -np.inf and np.isfinite(as_numbers(got)).all()),
    ]
    if np.isfinite(expected) and expected != 0:
        mistakes += [
            Mistake("bernoulli_log_likelihood is the SUM over the observations, not the mean",
                    lambda got: n > 1 and _near(got, expected / n)),
            Mistake("bernoulli_log_likelihood has the wrong sign: log-likelihoods of 0/1 data are <= 0",
                    lambda got: _near(got, -expected)),
            Mistake("bernoulli_log_likelihood uses log base 10 or 2: use the natural log np.log",
                    lambda got: _near(got, expected / np.log(10)) or _near(got, expected / np.log(2))),
            Mistake("the two terms are swapped: the ones contribute log(p) and the zeros log(1 - p)",
                    lambda got: 0 < p < 1 and _near(got, k * np.log(1 - p) + (n - k) * np.log(p))),
            Mistake("bernoulli_log_likelihood returned the likelihood L(p) itself: return its log",
                    lambda got: _near(got, np.exp(expected)) and abs(np.exp(expected) - expected) > 1e-6),
        ]
    return mistakes


def _check_ll(student, reference, x, p, what):
    expected = reference.bernoulli_log_likelihood(x, p)
    expect_close(student.bernoulli_log_likelihood(x, p), expected, what=what, inputs={"x": x, "p": p},
                 mistakes=_ll_mistakes(x, p, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_log_likelihood_of_the_chapter_data(student, reference, rng):
    """Exercise B5: 160 ln 0.8 + 40 ln 0.2 = -100.08; PhonePe at 0.047: -189.59."""
    phonepe, zomato = _chapter_samples(rng)
    _check_ll(student, reference, zomato, 0.8, "bernoulli_log_likelihood(Zomato orders, 0.8) (exercise B5)")
    _check_ll(student, reference, phonepe, 0.047, "bernoulli_log_likelihood(PhonePe transactions, 0.047)")


@pytest.mark.points(1, problem=PROBLEM)
def test_log_likelihood_at_other_values_of_p(student, reference, rng):
    """bernoulli_log_likelihood of random samples at several values of p strictly between 0 and 1."""
    for n, truth in [(1, 0.5), (8, 0.4), (50, 0.7), (300, 0.2)]:
        x = _labels(rng, n, truth)
        for p in (float(rng.uniform(0.02, 0.98)), 0.5, 0.93):
            _check_ll(student, reference, x, p, f"bernoulli_log_likelihood of {n} random labels at p = {p:.4g}")


@pytest.mark.points(1, problem=PROBLEM)
def test_log_likelihood_at_p_zero_and_one(student, reference):
    """At p = 0 or 1 an absent outcome contributes 0 and an impossible observation gives -inf."""
    cases = [
        (np.zeros(5), 0.0),                 # all zeros at their MLE 0: log-likelihood 0
        (np.ones(3), 1.0),                  # all ones at their MLE 1: 0
        (np.array([0, 1, 1]), 1.0),         # a zero is impossible when p = 1: -inf
        (np.array([1, 0, 0, 0]), 0.0),      # a one is impossible when p = 0: -inf
        (np.array([1.0, 1.0]), 0.0),        # -inf
    ]
    for x, p in cases:
        _check_ll(student, reference, x, p, f"bernoulli_log_likelihood(x, {p})")
