"""Hidden tests: problem "bayes" (posterior and bayes_posterior).

Contract (the notebook's docstrings): posterior(prior, likelihood, false_positive_rate) =
L pi / (L pi + f (1 - pi)), elementwise, for numbers or float np.ndarrays in [0, 1] that broadcast
(the edges 0 and 1 included, the evidence > 0); a float for number inputs (a Python or NumPy float
scalar, not a 0-d array), a float np.ndarray of the broadcast shape otherwise (a shape (1,) stays
(1,)). bayes_posterior(priors, likelihoods) = priors * likelihoods / sum(priors * likelihoods) for
float np.ndarrays of shape (K,), K >= 1, as a float np.ndarray of shape (K,). Arguments are not
modified.

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's values are exactly what that formula gives there and no other known mistake gives them.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true, expect_unchanged, is_number

PROBLEM = "bayes"


def _same(got, value):
    got, value = as_numbers(got), np.asarray(value, dtype=float)
    return got.shape == value.shape and bool(np.allclose(got, value, rtol=1e-6, atol=1e-9))


def _distinct(candidates, expected):
    """Mistakes (id, message, value) whose values differ from the right answer and from the values of
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
                    value = np.broadcast_to(np.asarray(compute(), dtype=float), np.shape(expected))
            except (ValueError, TypeError, IndexError):
                continue
            if not np.all(np.isfinite(value)):
                continue
            values.append((index, mistake_id, value))
        found = {}
        for index, mistake_id, value in values:
            if _same(value, expected):
                continue
            if any(other_id != mistake_id and _same(value, other) for _, other_id, other in values):
                continue
            found[index] = value
        return found

    return [Mistake(message, lambda got, index=index: index in own() and _same(got, own()[index]), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(candidates)]


def _expect_type(got, expected, name, what):
    if np.ndim(expected) == 0:
        expect_true(not isinstance(got, np.ndarray),
                    f"{what}: number inputs give a float, but {name} returned an np.ndarray of shape {getattr(got, 'shape', ())} "
                    "(convert a 0-d result with float(...))",
                    mistake=Mistake(f"{name} returned a 0-d array where the docstring asks for a float",
                                    lambda _: True, id="number-returned-as-array"))
    else:
        expect_true(isinstance(got, np.ndarray) and got.dtype.kind == "f",
                    f"{what}: the result is a float np.ndarray; {name} returned a {type(got).__name__}",
                    mistake=Mistake(f"{name} returned a list where the docstring asks for an np.ndarray",
                                    lambda _: True, id="list-returned-not-ndarray"))


def _number_as_array(name, expected):
    return Mistake(f"{name} returned an np.ndarray for number inputs: numbers give a float (a Python or NumPy float "
                   "scalar); np.asarray and np.where return 0-d arrays, convert them with float(...)",
                   lambda got: np.ndim(expected) == 0 and isinstance(got, np.ndarray) and got.size == 1,
                   id="number-returned-as-array")


def _array_as_number(name, expected):
    return Mistake(f"{name} returned a single number for array inputs: they give an np.ndarray of shape "
                   f"{np.shape(expected)} (even of shape (1,))",
                   lambda got: np.ndim(expected) > 0 and is_number(got) and not isinstance(got, np.ndarray),
                   id="array-returned-as-number")


def _posterior_mistakes(prior, likelihood, fpr, expected):
    prior, likelihood, fpr = (np.asarray(v, dtype=float) for v in (prior, likelihood, fpr))
    joint = likelihood * prior
    return [_number_as_array("posterior", expected), _array_as_number("posterior", expected)] + _distinct([
        ("posterior-is-the-likelihood", "posterior returned the likelihood P(E | H): Bayes' rule turns it into "
         "P(H | E) = P(E | H) P(H) / P(E)", lambda: likelihood),
        ("posterior-without-evidence", "posterior returned P(E | H) P(H) without dividing by the evidence P(E)",
         lambda: joint),
        ("posterior-evidence-unweighted-fpr", "the evidence P(E) = P(E | H) P(H) + P(E | not H) (1 - P(H)): the "
         "false-positive term must be weighted by 1 - P(H)", lambda: joint / (joint + fpr)),
        ("posterior-evidence-unweighted", "the evidence P(E) weights each likelihood by the probability of its "
         "hypothesis: P(E | H) P(H) + P(E | not H) (1 - P(H)), not P(E | H) + P(E | not H)",
         lambda: joint / (likelihood + fpr)),
        ("posterior-one-minus-fpr", "false_positive_rate is P(E | not H) itself: do not take 1 - false_positive_rate",
         lambda: joint / (joint + (1 - fpr) * (1 - prior))),
        ("posterior-evidence-missing-first-term", "the evidence is missing its first term P(E | H) P(H): P(E) = "
         "P(E | H) P(H) + P(E | not H) (1 - P(H))", lambda: joint / (fpr * (1 - prior))),
        ("posterior-fpr-weighted-by-prior", "the false-positive term is weighted by 1 - P(H), the probability of "
         "not H, not by P(H)", lambda: joint / (joint + fpr * prior)),
    ], expected)


def _check_posterior(student, reference, prior, likelihood, fpr, what):
    expected = reference.posterior(prior, likelihood, fpr)
    got = student.posterior(prior, likelihood, fpr)
    effects = student.last_call
    expect_close(got, expected, what=what,
                 inputs={"prior": prior, "likelihood": likelihood, "false_positive_rate": fpr},
                 mistakes=_posterior_mistakes(prior, likelihood, fpr, expected))
    _expect_type(got, expected, "posterior", what)
    expect_unchanged(effects, what=what)


@pytest.mark.points(1, problem=PROBLEM)
def test_posterior_of_the_fraud_alert(student, reference):
    """Prior 0.047, an alert with likelihood 0.95 and false-positive rate 0.02: P(fraud | alert) = 0.7008."""
    _check_posterior(student, reference, reference.ALERT_PRIOR, reference.ALERT_HIT_RATE,
                     reference.ALERT_FALSE_POSITIVE_RATE, "posterior(0.047, 0.95, 0.02)")
    _check_posterior(student, reference, 0.5, 0.8, 0.3, "posterior(0.5, 0.8, 0.3)")


@pytest.mark.points(1, problem=PROBLEM)
def test_posterior_is_elementwise(student, reference, rng):
    """posterior on random arrays of priors, likelihoods and false-positive rates, with broadcasting and of one."""
    prior = rng.uniform(0.01, 0.6, size=6)
    likelihood = rng.uniform(0.5, 0.99, size=6)
    fpr = rng.uniform(0.01, 0.3, size=6)
    _check_posterior(student, reference, prior, likelihood, fpr, "posterior with arrays of shape (6,)")
    _check_posterior(student, reference, prior, 0.9, 0.05, "posterior(prior array, 0.9, 0.05)")
    _check_posterior(student, reference, 0.2, likelihood[:3], fpr[:3], "posterior(0.2, likelihood array, rate array)")
    _check_posterior(student, reference, np.array([[0.1], [0.5]]), np.array([0.6, 0.9, 0.99]), 0.1,
                     "posterior(prior of shape (2, 1), likelihood of shape (3,), 0.1)")
    _check_posterior(student, reference, np.array([0.3]), 0.7, 0.2, "posterior(prior of shape (1,), 0.7, 0.2)")


@pytest.mark.points(1, problem=PROBLEM)
def test_posterior_at_certain_priors_and_perfect_tests(student, reference):
    """A prior of 0 stays 0, a prior of 1 stays 1, and evidence that never appears without H gives 1."""
    _check_posterior(student, reference, np.array([0.0, 1.0]), 0.8, 0.1, "posterior with priors 0 and 1")
    _check_posterior(student, reference, 0.3, 0.6, 0.0, "posterior(0.3, 0.6, false_positive_rate=0)")
    _check_posterior(student, reference, 0.3, 0.0, 0.2, "posterior(0.3, likelihood=0, 0.2)")
    _check_posterior(student, reference, 1.0, 0.4, 0.9, "posterior(1.0, 0.4, 0.9)")


def _general_mistakes(priors, likelihoods, expected):
    joint = priors * likelihoods
    return _distinct([
        ("bayes-posterior-not-normalised", "bayes_posterior is not normalised: divide priors * likelihoods by their "
         "sum, the evidence", lambda: joint),
        ("bayes-posterior-ignores-priors", "bayes_posterior ignores the priors: the posterior is proportional to "
         "prior * likelihood", lambda: likelihoods / likelihoods.sum()),
        ("bayes-posterior-returned-priors", "bayes_posterior returned the priors: multiply them by the likelihoods "
         "and normalise", lambda: priors),
        ("bayes-posterior-normalised-likelihoods", "bayes_posterior normalised the likelihoods before multiplying "
         "by the priors: normalise the PRODUCTS priors * likelihoods (the likelihoods need not sum to 1)",
         lambda: priors * likelihoods / likelihoods.sum()),
    ], expected)


def _check_general(student, reference, priors, likelihoods, what):
    expected = reference.bayes_posterior(priors, likelihoods)
    got = student.bayes_posterior(priors, likelihoods)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs={"priors": priors, "likelihoods": likelihoods},
                 mistakes=[_array_as_number("bayes_posterior", expected)]
                 + _general_mistakes(priors, likelihoods, expected))
    _expect_type(got, expected, "bayes_posterior", what)
    expect_unchanged(effects, what=what)


@pytest.mark.points(1, problem=PROBLEM)
def test_bayes_posterior_over_several_hypotheses(student, reference, rng):
    """The spelling example gives [0.8333, 0.125, 0.0417]; random priors and likelihoods, K = 1 to 6."""
    _check_general(student, reference, reference.SPELLING_PRIORS, reference.SPELLING_LIKELIHOODS,
                   "bayes_posterior for the intents behind 'i phone'")
    for k in (2, 4, 6):
        priors = rng.uniform(0.1, 1.0, size=k)
        _check_general(student, reference, priors / priors.sum(), rng.uniform(0.01, 0.9, size=k),
                       f"bayes_posterior over {k} hypotheses")
    _check_general(student, reference, np.array([0.25, 0.75]), np.array([0.0, 0.4]),
                   "bayes_posterior with a likelihood of 0")
    _check_general(student, reference, np.array([1.0]), np.array([0.3]), "bayes_posterior of a single hypothesis")
