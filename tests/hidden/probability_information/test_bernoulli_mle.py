"""Hidden tests: problem "bernoulli_mle" (bernoulli_mle and bernoulli_log_likelihood).

Contract (the notebook's docstrings): x is an int or float np.ndarray of 0s and 1s of shape (n,),
n >= 1 (up to many thousands of observations), not modified. bernoulli_mle(x) = sum(x) / n as a
float; bernoulli_log_likelihood(x, p) = k log p + (n - k) log(1 - p) (a SUM, natural log) for p in
[0, 1], where a zero count contributes 0 and an observation of probability 0 gives -inf (never nan);
it stays finite for any number of observations when 0 < p < 1 (a product of probabilities would
underflow to 0). A float is a Python or NumPy float scalar, not an array.

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's value is exactly what that formula gives there and no other known mistake gives it.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true, expect_unchanged, is_number

PROBLEM = "bernoulli_mle"


def _near(got, value):
    """got is one number equal to value (inf matching inf of the same sign)."""
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), float(value), rtol=1e-6, atol=1e-9))


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


def _float_result(name):
    return Mistake(f"{name} returned an array: the docstring asks for one float (a Python or NumPy float; "
                   "convert a 0-d or one-element result with float(...))",
                   lambda got: isinstance(got, np.ndarray) or isinstance(got, (list, tuple)),
                   id="number-returned-as-array")


def _check(student, name, args, expected, what, inputs, mistakes):
    got = getattr(student, name)(*args)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs=inputs, mistakes=list(mistakes) + [_float_result(name)])
    expect_true(not isinstance(got, np.ndarray),
                f"{what}: {name} must return a float; it returned an np.ndarray of shape {getattr(got, 'shape', ())}",
                mistake=_float_result(name))
    expect_unchanged(effects, what=what)


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
def _mle_mistakes(x, expected):
    x = np.asarray(x, dtype=float)
    k, n = float(x.sum()), x.size
    return _distinct([
        ("mle-returns-count", "bernoulli_mle returned the number of ones: divide by the number of observations n",
         lambda: k),
        ("mle-fraction-of-zeros", "bernoulli_mle returned the fraction of zeros: p is the probability of a 1, so "
         "p_hat = (number of ones) / n", lambda: 1 - k / n),
        ("mle-floor-division", "bernoulli_mle used floor division //: the fraction of ones is a float, "
         "sum(x) / n with a single slash", lambda: k // n),
        ("mle-divides-by-n-minus-1", "bernoulli_mle divided by n - 1: the fraction of ones is sum(x) / n",
         lambda: k / (n - 1)),
    ], expected)


def _check_mle(student, reference, x, what):
    expected = reference.bernoulli_mle(x)
    _check(student, "bernoulli_mle", (x,), expected, what, {"x": x}, _mle_mistakes(x, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_mle_of_the_chapter_data(student, reference, rng):
    """PhonePe: 47 frauds in 1000 give 0.047; exercise B5: 160 on time out of 200 give 0.80."""
    phonepe, zomato = _chapter_samples(rng)
    _check_mle(student, reference, phonepe, "bernoulli_mle of the 1000 PhonePe transactions (47 frauds)")
    _check_mle(student, reference, zomato, "bernoulli_mle of the 200 Zomato orders (160 on time, as ints)")


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_mle_of_random_samples(student, reference, rng):
    """bernoulli_mle of random 0/1 samples of several sizes, one observation, all zeros and all ones."""
    for n, p in [(5, 0.3), (37, 0.6), (200, 0.1)]:
        x = _labels(rng, n, p)
        x[:2] = [0, 1]
        _check_mle(student, reference, x, f"bernoulli_mle of {n} random labels")
    _check_mle(student, reference, np.array([1]), "bernoulli_mle([1]), a single observation")
    _check_mle(student, reference, np.zeros(6, dtype=int), "bernoulli_mle of six zeros")
    _check_mle(student, reference, np.ones(4), "bernoulli_mle of four ones (floats)")


# ------------------------------------------------------------------ the log-likelihood
def _ll_mistakes(x, p, expected):
    x = np.asarray(x, dtype=float)
    k, n = float(x.sum()), x.size
    edge = p in (0.0, 1.0)
    mistakes = []
    if edge:
        mistakes.append(Mistake(
            "bernoulli_log_likelihood gave nan: at p = 0 or p = 1 a count of 0 times log(0) must count as 0 "
            "(0 log 0 = 0); count the ones and the zeros and add a term only when its count is positive",
            lambda got: np.isnan(as_numbers(got)).any(), id="ll-nan-at-edges"))
    if edge and np.isfinite(expected):
        mistakes.append(Mistake(
            "bernoulli_log_likelihood returned -inf where the outcome of probability 0 never occurs: a term "
            "whose count is 0 adds nothing (0 log 0 = 0)",
            lambda got: float(as_numbers(got)) == -np.inf, id="ll-absent-outcome-minus-inf"))
    if expected == -np.inf:
        mistakes.append(Mistake(
            "bernoulli_log_likelihood must be -inf when an observed outcome has probability 0 (a 1 with p = 0, "
            "or a 0 with p = 1); your result is finite (clipping p, or adding a small eps inside the log, hides "
            "the impossibility)", lambda got: bool(np.isfinite(as_numbers(got)).all()), id="ll-impossible-not-minus-inf"))
    if not edge and expected < np.log(np.finfo(float).tiny):
        # the likelihood exp(expected) is below the smallest normal float: its log is -inf (underflow to 0.0)
        # or, just above the underflow, off in the 4th digit (subnormal floats keep only a few digits)
        mistakes.append(Mistake(
            f"bernoulli_log_likelihood is wrong for {n} observations at p = {p:.4g}: the likelihood, a product of "
            f"{n} probabilities, is below 1e-308 and underflows in float64 (to 0.0, or to a number with few exact "
            "digits); add the logarithms (k log p + (n - k) log(1 - p)) instead of taking the log of a product",
            lambda got: float(as_numbers(got)) == -np.inf
            or abs(float(as_numbers(got)) - expected) <= 1e-2 * abs(expected), id="ll-product-underflow"))
    if np.isfinite(expected) and expected != 0 and 0 < p < 1:
        mistakes += _distinct([
            ("ll-mean-not-sum", "bernoulli_log_likelihood is the SUM over the observations, not the mean",
             lambda: expected / n),
            ("ll-wrong-sign", "bernoulli_log_likelihood has the wrong sign: log-likelihoods of 0/1 data are <= 0 "
             "(that is the negative log-likelihood, a loss)", lambda: -expected),
            ("ll-wrong-log-base", "bernoulli_log_likelihood uses log base 10: use the natural log np.log",
             lambda: expected / np.log(10)),
            ("ll-wrong-log-base", "bernoulli_log_likelihood uses log base 2: use the natural log np.log",
             lambda: expected / np.log(2)),
            ("ll-terms-swapped", "the two terms are swapped: the ones contribute log(p) and the zeros log(1 - p)",
             lambda: k * np.log(1 - p) + (n - k) * np.log(p)),
            ("ll-not-log", "bernoulli_log_likelihood returned the likelihood L(p) itself: return its logarithm",
             lambda: np.exp(expected)),
            ("ll-ones-only", "bernoulli_log_likelihood kept only the ones' term k log p: the zeros add "
             "(n - k) log(1 - p)", lambda: k * np.log(p)),
        ], expected)
    return mistakes


def _check_ll(student, reference, x, p, what):
    expected = reference.bernoulli_log_likelihood(x, p)
    _check(student, "bernoulli_log_likelihood", (x, p), expected, what, {"x": x, "p": p},
           _ll_mistakes(x, p, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_log_likelihood_of_the_chapter_data(student, reference, rng):
    """Exercise B5: 160 ln 0.8 + 40 ln 0.2 = -100.08; PhonePe at 0.047: -189.59."""
    phonepe, zomato = _chapter_samples(rng)
    _check_ll(student, reference, zomato, 0.8, "bernoulli_log_likelihood(Zomato orders, 0.8) (exercise B5)")
    _check_ll(student, reference, phonepe, 0.047, "bernoulli_log_likelihood(PhonePe transactions, 0.047)")


@pytest.mark.points(1, problem=PROBLEM)
def test_log_likelihood_at_other_values_of_p(student, reference, rng):
    """bernoulli_log_likelihood of random samples (1 to 5000 labels) at several p strictly between 0 and 1."""
    for n, truth in [(1, 0.5), (8, 0.4), (50, 0.7), (300, 0.2)]:
        x = _labels(rng, n, truth)
        if n > 1:
            x[:2] = [0, 1]
        for p in (float(rng.uniform(0.02, 0.98)), 0.5, 0.93):
            _check_ll(student, reference, x, p, f"bernoulli_log_likelihood of {n} random labels at p = {p:.4g}")
    # 5000 observations: the likelihood itself (about 1e-2000) is far below the smallest float
    many = _labels(rng, 5000, 0.3)
    _check_ll(student, reference, many, 0.3, "bernoulli_log_likelihood of 5000 random labels at p = 0.3")


@pytest.mark.points(1, problem=PROBLEM)
def test_log_likelihood_at_p_zero_and_one(student, reference):
    """At p = 0 or 1 an absent outcome contributes 0 and an impossible observation gives -inf."""
    cases = [
        (np.zeros(5), 0.0),                 # all zeros at their MLE 0: log-likelihood 0
        (np.ones(3), 1.0),                  # all ones at their MLE 1: 0
        (np.array([0, 1, 1]), 1.0),         # a zero is impossible when p = 1: -inf
        (np.array([1, 0, 0, 0]), 0.0),      # a one is impossible when p = 0: -inf
        (np.array([1.0, 1.0]), 0.0),        # -inf
        (np.array([0]), 1.0),               # one observation, impossible: -inf
    ]
    for x, p in cases:
        _check_ll(student, reference, x, p, f"bernoulli_log_likelihood(x, {p})")
