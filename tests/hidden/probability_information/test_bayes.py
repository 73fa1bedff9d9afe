"""Hidden tests: problem "bayes" (posterior and bayes_posterior).

Contract: posterior(prior, likelihood, false_positive_rate) = L pi / (L pi + f (1 - pi)),
elementwise; bayes_posterior(priors, likelihoods) = priors * likelihoods / sum(priors * likelihoods).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "bayes"


def _close(got, value):
    got = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return got.shape == value.shape and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _posterior_mistakes(prior, likelihood, fpr, expected):
    prior, likelihood, fpr = (np.asarray(v, dtype=float) for v in (prior, likelihood, fpr))
    joint = likelihood * prior
    shape = np.shape(expected)

    def differs(value):
        return not np.allclose(np.broadcast_to(value, shape), expected, rtol=1e-6, atol=1e-9)

    candidates = [
        ("posterior returned the likelihood P(E | H): Bayes' rule turns it into P(H | E) = "
         "P(E | H) P(H) / P(E)", likelihood),
        ("posterior returned P(E | H) P(H) without dividing by the evidence P(E)", joint),
        ("the evidence P(E) = P(E | H) P(H) + P(E | not H) (1 - P(H)): the false-positive term must "
         "be weighted by 1 - P(H)", joint / (joint + fpr)),
        ("false_positive_rate is P(E | not H) itself: do not take 1 - false_positive_rate",
         joint / (joint + (1 - fpr) * (1 - prior))),
        ("the evidence is missing its first term P(E | H) P(H): P(E) = P(E | H) P(H) + "
         "P(E | not H) (1 - P(H))", joint / (fpr * (1 - prior))),
    ]
    return [Mistake(message, lambda got, value=np.broadcast_to(value, shape): _close(got, value))
            for message, value in candidates if differs(value)]


def _check_posterior(student, reference, prior, likelihood, fpr, what):
    expected = reference.posterior(prior, likelihood, fpr)
    with np.errstate(divide="ignore", invalid="ignore"):
        mistakes = _posterior_mistakes(prior, likelihood, fpr, expected)
    expect_close(student.posterior(prior, likelihood, fpr), expected, what=what,
                 inputs={"prior": prior, "likelihood": likelihood, "false_positive_rate": fpr},
                 mistakes=mistakes)


@pytest.mark.points(1, problem=PROBLEM)
def test_posterior_of_the_fraud_alert(student, reference):
    """Prior 0.047, an alert with likelihood 0.95 and false-positive rate 0.02: P(fraud | alert) = 0.7008."""
    _check_posterior(student, reference, reference.ALERT_PRIOR, reference.ALERT_HIT_RATE,
                     reference.ALERT_FALSE_POSITIVE_RATE, "posterior(0.047, 0.95, 0.02)")


@pytest.mark.points(1, problem=PROBLEM)
def test_posterior_is_elementwise(student, reference, rng):
    """posterior on random arrays of priors, likelihoods and false-positive rates, and with broadcasting."""
    prior = rng.uniform(0.01, 0.6, size=6)
    likelihood = rng.uniform(0.5, 0.99, size=6)
    fpr = rng.uniform(0.01, 0.3, size=6)
    _check_posterior(student, reference, prior, likelihood, fpr, "posterior with arrays of shape (6,)")
    _check_posterior(student, reference, prior, 0.9, 0.05, "posterior(prior array, 0.9, 0.05)")
    _check_posterior(student, reference, 0.2, likelihood[:3], fpr[:3], "posterior(0.2, likelihood array, rate array)")


@pytest.mark.points(1, problem=PROBLEM)
def test_posterior_at_certain_priors_and_perfect_tests(student, reference):
    """A prior of 0 stays 0, a prior of 1 stays 1, and evidence that never appears without H gives 1."""
    _check_posterior(student, reference, np.array([0.0, 1.0]), 0.8, 0.1, "posterior with priors 0 and 1")
    _check_posterior(student, reference, 0.3, 0.6, 0.0, "posterior(0.3, 0.6, false_positive_rate=0)")
    _check_posterior(student, reference, 0.3, 0.0, 0.2, "posterior(0.3, likelihood=0, 0.2)")


def _general_mistakes(priors, likelihoods, expected):
    joint = priors * likelihoods
    candidates = [
        ("bayes_posterior is not normalised: divide priors * likelihoods by their sum, the evidence", joint),
        ("bayes_posterior ignores the priors: the posterior is proportional to prior * likelihood",
         likelihoods / likelihoods.sum()),
        ("bayes_posterior returned the priors: multiply them by the likelihoods and normalise", priors),
    ]
    return [Mistake(message, lambda got, value=value: _close(got, value))
            for message, value in candidates if not np.allclose(value, expected)]


def _check_general(student, reference, priors, likelihoods, what):
    expected = reference.bayes_posterior(priors, likelihoods)
    expect_close(student.bayes_posterior(priors, likelihoods), expected, what=what,
                 inputs={"priors": priors, "likelihoods": likelihoods},
                 mistakes=_general_mistakes(priors, likelihoods, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_bayes_posterior_over_several_hypotheses(student, reference, rng):
    """The spelling example gives [0.8333, 0.125, 0.0417]; random priors and likelihoods, K = 2 to 6."""
    _check_general(student, reference, reference.SPELLING_PRIORS, reference.SPELLING_LIKELIHOODS,
                   "bayes_posterior for the intents behind 'i phone'")
    for k in (2, 4, 6):
        priors = rng.uniform(0.1, 1.0, size=k)
        _check_general(student, reference, priors / priors.sum(), rng.uniform(0.01, 0.9, size=k),
                       f"bayes_posterior over {k} hypotheses")
    _check_general(student, reference, np.array([0.25, 0.75]), np.array([0.0, 0.4]),
                   "bayes_posterior with a likelihood of 0")
