"""Hidden tests for problem `sigmoid_derivative`.

Contracts:
- sigmoid(z) = 1 / (1 + e^-z) and sigmoid_prime(z) = sigma(z) (1 - sigma(z)), element-wise on numbers
  and arrays, never nan: sigmoid_prime(+-1000) = 0.
- vanishing_product(n_layers) = 0.25 ** n_layers, the largest possible product of n sigmoid
  derivatives (a float).
- gradient_through_layers(pre_activations) = the product of sigma'(z_k) over a 1-D sequence of
  pre-activations (1.0 for an empty one).
Products of many small factors are compared with a relative tolerance only (atol = 0): the default
absolute tolerance would accept any tiny number. Pre-activations stay in [-4, 4], where
sigma (1 - sigma) has no cancellation problem.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "sigmoid_derivative"
PRODUCT_RTOL = 1e-9


def _close(got, value, atol=1e-9):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=atol)


def _sig(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _prime_mistakes(z):
    s = _sig(z)
    return [
        Mistake("sigmoid_prime gives nan for large |z| (for example e^-z / (1 + e^-z)^2 is inf / inf at "
                "z = -1000): use sigma(z) * (1 - sigma(z)) with a stable sigma",
                lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("sigmoid_prime returned sigma(z), not its derivative sigma(z) (1 - sigma(z))",
                lambda got: _close(got, s)),
        Mistake("sigma'(z) = sigma(z) (1 - sigma(z)): the factor is 1 - sigma(z), not 1 - z",
                lambda got: _close(got, s * (1 - np.asarray(z, dtype=float)))),
        Mistake("sigma'(z) = sigma(z) (1 - sigma(z)), not sigma(z)^2 or 1 - sigma(z)",
                lambda got: _close(got, s**2) or _close(got, 1 - s)),
        Mistake("sigmoid_prime has a sign error: sigma is increasing, so sigma'(z) > 0",
                lambda got: _close(got, -s * (1 - s))),
        Mistake("sigmoid_prime returned a result of another shape than z (it works element-wise)",
                lambda got: np.shape(as_numbers(got)) != np.shape(z)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_sigmoid_prime_matches_reference_on_random_arrays(student, reference, rng):
    """sigma'(z) = sigma(z) (1 - sigma(z)) on random arrays of several shapes."""
    for shape in [(7,), (3, 4), (2, 2, 3)]:
        z = rng.normal(0.0, 3.0, size=shape)
        expect_close(student.sigmoid_prime(z), reference.sigmoid_prime(z), what="sigmoid_prime(z)",
                     inputs={"z": z}, mistakes=_prime_mistakes(z))


@pytest.mark.points(2, problem=PROBLEM)
def test_sigmoid_prime_is_a_quarter_at_zero_and_vanishes_for_large_z(student, reference):
    """sigma'(0) = 0.25 is the maximum; sigma'(z) -> 0 for large |z|, never nan."""
    expect_close(student.sigmoid_prime(0.0), 0.25, what="sigmoid_prime(0)", mistakes=_prime_mistakes(0.0))
    z = np.array([-1000.0, -745.0, -100.0, -40.0, -5.0, -1.0, 0.0, 1.0, 5.0, 40.0, 100.0, 745.0, 1000.0])
    expect_close(student.sigmoid_prime(z), reference.sigmoid_prime(z), what="sigmoid_prime(z) for large |z|",
                 inputs={"z": z}, mistakes=_prime_mistakes(z))
    grid = np.linspace(-6.0, 6.0, 241)
    got = student.sigmoid_prime(grid)
    expect_close(got, reference.sigmoid_prime(grid), what="sigmoid_prime on a grid from -6 to 6",
                 inputs={"z": grid}, mistakes=_prime_mistakes(grid))


@pytest.mark.points(1, problem=PROBLEM)
def test_sigmoid_is_stable_and_matches_reference(student, reference, rng):
    """sigma(z) on random values and on +-1000 (0 and 1, never nan)."""
    z = np.concatenate([rng.normal(0.0, 4.0, size=8), [-1000.0, -710.0, 0.0, 710.0, 1000.0]])
    expect_close(student.sigmoid(z), reference.sigmoid(z), what="sigmoid(z)", inputs={"z": z}, mistakes=[
        Mistake("sigmoid gives nan for large |z| (exp(z) / (1 + exp(z)) is inf / inf at z = 1000): "
                "only exponentiate non-positive numbers", lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("sigmoid has the sign flipped: sigma(z) = 1 / (1 + e^-z) is above 0.5 for z > 0",
                lambda got: _close(got, _sig(-z)))])


@pytest.mark.points(1, problem=PROBLEM)
def test_vanishing_product_is_a_quarter_to_the_power_n(student, reference):
    """0.25^n for n = 0, 1, ..., 12 and 50: after 10 layers about 1e-6."""
    for n in list(range(13)) + [20, 50]:
        expect_close(student.vanishing_product(n), reference.vanishing_product(n), rtol=PRODUCT_RTOL, atol=0.0,
                     what="vanishing_product(n_layers)", inputs={"n_layers": n}, mistakes=[
                         Mistake("the factors multiply: 0.25 ** n_layers, not 0.25 * n_layers",
                                 lambda got: _close(got, 0.25 * n, atol=0.0)),
                         Mistake("the largest sigmoid derivative is sigma'(0) = 0.25, not the largest "
                                 "sigmoid value 0.5", lambda got: _close(got, 0.5**n, atol=0.0)),
                         Mistake("n layers give n factors 0.25 (an off-by-one in the power)",
                                 lambda got: _close(got, 0.25 ** (n + 1), atol=0.0)
                                 or _close(got, 0.25 ** (n - 1), atol=0.0))])


def _product_mistakes(z):
    z = np.asarray(z, dtype=float)
    s = _sig(z)
    d = s * (1 - s)
    return [
        Mistake("the chain rule multiplies the local derivatives: use the product, not the sum",
                lambda got: _close(got, np.sum(d), atol=0.0)),
        Mistake("the product must be of the derivatives sigma'(z_k), not of the activations sigma(z_k)",
                lambda got: _close(got, np.prod(s), atol=0.0)),
        Mistake("gradient_through_layers took the mean (or the largest) derivative, not their product",
                lambda got: _close(got, np.mean(d), atol=0.0) or _close(got, np.max(d), atol=0.0)
                or _close(got, np.min(d), atol=0.0)),
        Mistake("gradient_through_layers must return one number, the product over all layers",
                lambda got: np.ndim(as_numbers(got)) != 0),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_gradient_through_layers_is_the_product_of_the_local_derivatives(student, reference, rng):
    """Products of sigma'(z_k) for random chains, ten zeros (0.25^10) and an empty chain (1.0)."""
    chains = [rng.uniform(-4.0, 4.0, size=n) for n in (1, 3, 6, 15)] + [np.zeros(10), [0.5, -0.25]]
    for z in chains:
        expect_close(student.gradient_through_layers(z), reference.gradient_through_layers(z),
                     rtol=PRODUCT_RTOL, atol=0.0, what="gradient_through_layers(pre_activations)",
                     inputs={"pre_activations": np.asarray(z)}, mistakes=_product_mistakes(z))
    expect_close(student.gradient_through_layers(np.zeros(0)), 1.0, rtol=PRODUCT_RTOL, atol=0.0,
                 what="gradient_through_layers of an empty chain (the empty product is 1)",
                 mistakes=[Mistake("an empty chain has the empty product 1.0 (no factor at all)",
                                   lambda got: _close(got, 0.0))])
