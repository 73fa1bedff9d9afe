"""Hidden tests: problem "distributions" (bernoulli_pmf and gaussian_pdf, both elementwise).

Contract (the notebook's docstrings): bernoulli_pmf(x, p) = p ** x * (1 - p) ** (1 - x) for x in
{0, 1} and p in [0, 1] (the edges 0 and 1 included, never nan); gaussian_pdf(x, mu, sigma) is the
N(mu, sigma^2) density with sigma the STANDARD DEVIATION (> 0). Numbers and np.ndarrays broadcast
like NumPy arithmetic; number inputs give a float (a Python or NumPy float scalar, not a 0-d array),
anything with an array gives a float np.ndarray of the broadcast shape (a shape (1,) stays (1,)).
Arguments are not modified.

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's values are exactly what that formula gives there and no other known mistake gives the
same values.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true, expect_unchanged, is_number

PROBLEM = "distributions"


def _same(got, value, rtol=1e-6, atol=0.0):
    """got has value's shape and values (relative comparison: densities can be tiny)."""
    got, value = as_numbers(got), np.asarray(value, dtype=float)
    return got.shape == value.shape and bool(np.allclose(got, value, rtol=rtol, atol=atol))


def _quiet(compute):
    try:
        with np.errstate(all="ignore"):
            return np.asarray(compute(), dtype=float)
    except (ValueError, TypeError, ZeroDivisionError, FloatingPointError):
        return None


def _distinct(candidates, expected):
    """Mistakes (id, message, value) whose value differs from the right answer and from the value of
    every other known mistake on this input: an answer that two mistakes would both give names none.

    Nothing is re-enacted until a check fails (the first `applies` call): most answers are right, and
    re-enacting and cross-comparing every mistake for each of them was most of the grader's time. Every
    candidate gets its Mistake, in order; one whose value is not its own on this input never applies."""
    candidates = list(candidates)

    @functools.lru_cache(maxsize=None)
    def own():
        """{index: value} of the candidates that name their mistake on this input."""
        values = [(index, mistake_id, _quiet(compute)) for index, (mistake_id, _, compute) in enumerate(candidates)]
        found = {}
        for index, mistake_id, value in values:
            if value is None or _same(value, expected):
                continue
            if any(other_id != mistake_id and other is not None and _same(value, other)
                   for _, other_id, other in values):
                continue
            found[index] = value
        return found

    return [Mistake(message, lambda got, index=index: index in own() and _same(got, own()[index]), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(candidates)]


def _type_mistakes(name, expected):
    """The returned type against the contract: a float for numbers, an array of the broadcast shape else."""
    if isinstance(expected, float):
        return [Mistake(f"{name} returned an np.ndarray for number inputs: numbers give a float (a Python or NumPy "
                        "float scalar); np.where, np.asarray and np.vectorize return 0-d arrays, convert them with "
                        "float(...)", lambda got: isinstance(got, np.ndarray) and got.size == 1,
                        id="number-returned-as-array")]
    return [Mistake(f"{name} returned a single number for array inputs of shape {np.shape(expected)}: only number "
                    "inputs give a float; an array input (even of shape (1,)) gives an np.ndarray of the broadcast "
                    "shape", lambda got: is_number(got) and not isinstance(got, np.ndarray), id="array-returned-as-number")]


def _expect_type(got, expected, name, what):
    """A float for number inputs (Python or NumPy scalar, not a 0-d array); a float np.ndarray otherwise."""
    if isinstance(expected, float):
        expect_true(not isinstance(got, np.ndarray),
                    f"{what}: number inputs give a float, but {name} returned an np.ndarray of shape "
                    f"{getattr(got, 'shape', ())} (np.where, np.asarray or np.vectorize give 0-d arrays: convert with float(...))",
                    mistake=Mistake(f"{name} returned a 0-d array where the docstring asks for a float", lambda _: True,
                                    id="number-returned-as-array"))
        return
    expect_true(isinstance(got, np.ndarray),
                f"{what}: array inputs give an np.ndarray, but {name} returned a {type(got).__name__}",
                mistake=Mistake(f"{name} returned a {type(got).__name__} where the docstring asks for an np.ndarray",
                                lambda _: True, id="list-returned-not-ndarray"))
    expect_true(got.dtype.kind == "f", f"{what}: the result must be a float array; {name} returned dtype {got.dtype}")


def _check(student, name, expected, args, what, inputs, mistakes, rtol=1e-6, atol=1e-9):
    got = getattr(student, name)(*args)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs=inputs, rtol=rtol, atol=atol,
                 mistakes=_type_mistakes(name, expected) + mistakes)
    _expect_type(got, expected, name, what)
    expect_unchanged(effects, what=what)


# ------------------------------------------------------------------ Bernoulli
def _bernoulli_mistakes(x, p, expected):
    xf, pf = np.asarray(x, dtype=float), np.asarray(p, dtype=float)
    shape = np.shape(expected)
    edges = bool(np.any((pf == 0) | (pf == 1)))
    mistakes = _distinct([
        ("bernoulli-pmf-swapped-p", "bernoulli_pmf swapped p and 1 - p: P(X = 1) = p and P(X = 0) = 1 - p",
         lambda: np.power(1 - pf, xf) * np.power(pf, 1 - xf)),
        ("bernoulli-pmf-ignores-x", "bernoulli_pmf ignores x: it gives p where x = 1 and 1 - p where x = 0",
         lambda: np.broadcast_to(pf, shape)),
        ("bernoulli-pmf-missing-factor", "bernoulli_pmf keeps only the factor p ** x: multiply by (1 - p) ** (1 - x), "
         "which is 1 - p for x = 0", lambda: np.broadcast_to(np.power(pf, xf), shape)),
        ("bernoulli-pmf-linear-form", "bernoulli_pmf computed x * p: for x = 0 the probability is 1 - p, not 0",
         lambda: np.broadcast_to(xf * pf, shape)),
    ], expected)
    if edges:
        mistakes.insert(0, Mistake(
            "bernoulli_pmf gave nan at p = 0 or p = 1: a form like exp(x log p + (1 - x) log(1 - p)) computes "
            "0 * log(0) = nan there; p ** x * (1 - p) ** (1 - x) (NumPy's 0.0 ** 0 is 1) or "
            "np.where(x == 1, p, 1 - p) has no logarithm", lambda got: np.isnan(as_numbers(got)).any(),
            id="bernoulli-pmf-nan-at-edges"))
    return mistakes


def _check_bernoulli(student, reference, x, p, what):
    expected = reference.bernoulli_pmf(x, p)
    _check(student, "bernoulli_pmf", expected, (x, p), what, {"x": x, "p": p},
           _bernoulli_mistakes(x, p, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_pmf_of_the_phonepe_fraud_rate(student, reference):
    """With p = 0.047, P(fraud) = 0.047 and P(legitimate) = 0.953: floats for numbers, an array for an array."""
    p = reference.PHONEPE_FRAUDS / reference.PHONEPE_TRANSACTIONS
    _check_bernoulli(student, reference, 1, p, "bernoulli_pmf(1, 0.047)")
    _check_bernoulli(student, reference, 0, p, "bernoulli_pmf(0, 0.047)")
    _check_bernoulli(student, reference, np.array([1, 0, 0, 1]), p, "bernoulli_pmf(array of labels, 0.047)")


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_pmf_is_elementwise_over_x_and_p(student, reference, rng):
    """bernoulli_pmf broadcasts x and p: arrays of labels and of probabilities, of several shapes, and of one."""
    x = rng.integers(0, 2, size=12)
    x[:2] = [0, 1]
    p = rng.uniform(0.02, 0.98, size=12)
    p[:2] = [0.3, 0.8]
    _check_bernoulli(student, reference, x, p, "bernoulli_pmf(x, p) with x and p of shape (12,)")
    grid = rng.integers(0, 2, size=(2, 3)).astype(float)
    grid[0, 0], grid[1, 2] = 0.0, 1.0
    _check_bernoulli(student, reference, grid, 0.3, "bernoulli_pmf(x, 0.3) with float labels of shape (2, 3)")
    _check_bernoulli(student, reference, 1, p[:5], "bernoulli_pmf(1, p) with p of shape (5,)")
    _check_bernoulli(student, reference, np.array([[0], [1], [1]]), np.array([0.1, 0.25, 0.6, 0.9]),
                     "bernoulli_pmf(x of shape (3, 1), p of shape (4,))")
    _check_bernoulli(student, reference, np.array([0]), 0.3, "bernoulli_pmf(x of shape (1,), 0.3): a batch of one")


@pytest.mark.points(1, problem=PROBLEM)
def test_bernoulli_pmf_at_p_zero_and_one(student, reference):
    """At p = 0 and p = 1 the pmf is exactly 0 or 1, without nan, for arrays and for numbers."""
    _check_bernoulli(student, reference, np.array([0, 1, 0, 1]), np.array([0.0, 0.0, 1.0, 1.0]),
                     "bernoulli_pmf at the edges p = 0 and p = 1")
    _check_bernoulli(student, reference, 0, 0.0, "bernoulli_pmf(0, 0.0)")
    _check_bernoulli(student, reference, 1, 1.0, "bernoulli_pmf(1, 1.0)")
    _check_bernoulli(student, reference, 1, 0.0, "bernoulli_pmf(1, 0.0)")


# ------------------------------------------------------------------ Gaussian
def _gaussian_mistakes(x, mu, sigma):
    x, mu, sigma = (np.asarray(v, dtype=float) for v in (x, mu, sigma))
    var = sigma ** 2
    square = (x - mu) ** 2
    return _distinct([
        ("gaussian-pdf-sigma-as-variance", "gaussian_pdf treats sigma as the variance: sigma is the standard "
         "deviation, so the formula has sigma ** 2 in the exponent and under the square root",
         lambda: np.exp(-square / (2 * sigma)) / np.sqrt(2 * np.pi * sigma)),
        ("gaussian-pdf-missing-sqrt", "the normalising factor is 1 / sqrt(2 pi sigma^2): the square root is missing",
         lambda: np.exp(-square / (2 * var)) / (2 * np.pi * var)),
        ("gaussian-pdf-missing-normaliser", "the normalising factor 1 / sqrt(2 pi sigma^2) is missing",
         lambda: np.exp(-square / (2 * var))),
        ("gaussian-pdf-variance-in-normaliser", "the normalising factor is 1 / (sigma sqrt(2 pi)): it divides by "
         "sigma, not by sigma ** 2", lambda: np.exp(-square / (2 * var)) / (np.sqrt(2 * np.pi) * var)),
        ("gaussian-pdf-missing-2-in-exponent", "the exponent is -(x - mu)^2 / (2 sigma^2): the factor 2 is missing",
         lambda: np.exp(-square / var) / np.sqrt(2 * np.pi * var)),
        ("gaussian-pdf-exponent-precedence", "operator precedence in the exponent: -(x - mu) ** 2 / 2 * sigma ** 2 "
         "MULTIPLIES by sigma ** 2; write -(x - mu) ** 2 / (2 * sigma ** 2)",
         lambda: np.exp(-square / 2 * var) / np.sqrt(2 * np.pi * var)),
        ("gaussian-pdf-normaliser-precedence", "operator precedence: 1 / np.sqrt(2 * np.pi) * sigma MULTIPLIES by "
         "sigma; divide by sigma (or by np.sqrt(2 * np.pi * sigma ** 2))",
         lambda: np.exp(-square / (2 * var)) * sigma / np.sqrt(2 * np.pi)),
        ("gaussian-pdf-exponent-sign", "the exponent has the wrong sign: it is MINUS (x - mu)^2 / (2 sigma^2)",
         lambda: np.exp(square / (2 * var)) / np.sqrt(2 * np.pi * var)),
    ], np.exp(-square / (2 * var)) / np.sqrt(2 * np.pi * var))


def _check_gaussian(student, reference, x, mu, sigma, what):
    # relative comparison only (atol = 0): densities far from the mean or for a wide curve are tiny
    _check(student, "gaussian_pdf", reference.gaussian_pdf(x, mu, sigma), (x, mu, sigma), what,
           {"x": x, "mu": mu, "sigma": sigma}, _gaussian_mistakes(x, mu, sigma), atol=0.0)


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_pdf_of_the_zomato_delivery_times(student, reference):
    """Densities of N(35, 8^2) at 25, 30, 35, 40 and 50 minutes (0.0228 ... 0.0086), and at 35 alone."""
    _check_gaussian(student, reference, reference.ZOMATO_TIMES, reference.ZOMATO_MEAN, reference.ZOMATO_STD,
                    "gaussian_pdf(times, mu=35, sigma=8)")
    _check_gaussian(student, reference, 35.0, 35.0, 8.0, "gaussian_pdf(35.0, 35.0, 8.0)")
    _check_gaussian(student, reference, 50.0, 35.0, 8.0, "gaussian_pdf(50.0, 35.0, 8.0)")


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_pdf_of_random_points_for_narrow_and_wide_curves(student, reference, rng):
    """gaussian_pdf on random points for standard deviations from 0.001 to 1000, and far from the mean."""
    for sigma in (0.001, 0.3, 2.5, 12.0, 1000.0):
        mu = float(rng.uniform(-20.0, 20.0))
        x = mu + sigma * rng.normal(0.0, 1.5, size=7)
        _check_gaussian(student, reference, x, mu, sigma, f"gaussian_pdf(x, mu, sigma={sigma:g})")
    # 10 to 35 standard deviations out: densities between 1e-23 and 1e-267, still ordinary floats
    far = 3.0 + 0.5 * np.array([-35.0, -20.0, -10.0, 10.0, 25.0, 35.0])
    _check_gaussian(student, reference, far, 3.0, 0.5, "gaussian_pdf(x, 3.0, 0.5) for x 10 to 35 sigmas from the mean")


@pytest.mark.points(1, problem=PROBLEM)
def test_gaussian_pdf_broadcasts_mu_and_sigma(student, reference, rng):
    """x, mu and sigma broadcast together: arrays for each of them, a (3, 1) against a (4,), a batch of one."""
    x = rng.normal(0.0, 3.0, size=5)
    mu = rng.normal(0.0, 2.0, size=5)
    sigma = rng.uniform(0.5, 4.0, size=5)
    _check_gaussian(student, reference, x, mu, sigma, "gaussian_pdf(x, mu, sigma), all of shape (5,)")
    _check_gaussian(student, reference, 1.0, 0.0, sigma[:4], "gaussian_pdf(1.0, 0.0, sigma of shape (4,))")
    column = rng.normal(0.0, 2.0, size=(3, 1))
    means = np.array([-1.0, 0.0, 0.5, 2.0])
    _check_gaussian(student, reference, column, means, 1.7, "gaussian_pdf(x of shape (3, 1), mu of shape (4,), 1.7)")
    _check_gaussian(student, reference, np.array([36.5]), 35.0, 8.0, "gaussian_pdf(x of shape (1,), 35.0, 8.0)")
