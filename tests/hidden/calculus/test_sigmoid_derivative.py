"""Hidden tests for problem `sigmoid_derivative`.

Contracts:
- sigmoid(z) = 1 / (1 + e^-z) and sigmoid_prime(z) = sigma(z) (1 - sigma(z)), element-wise on numbers
  and arrays (a number for a number, an array of z's shape for an array), never nan and without a
  RuntimeWarning (numpy's overflow warning) for any z: sigmoid(+-1000) = 1 and 0,
  sigmoid_prime(+-1000) = 0. z is not modified.
- vanishing_product(n_layers) = 0.25 ** n_layers, the largest possible product of n sigmoid
  derivatives (a number; 1.0 for n_layers = 0).
- gradient_through_layers(pre_activations) = the product of sigma'(z_k) over a 1-D sequence of
  pre-activations (a number; 1.0 for an empty one).
Products of many small factors are compared with a relative tolerance only (atol = 0): the default
absolute tolerance would accept any tiny number. Pre-activations stay in [-4, 4], where
sigma (1 - sigma) has no cancellation problem. A nan is blamed on overflow only when it sits where
|z| is large (exp(|z|) overflows from |z| = 710 on).
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_no_warnings, expect_unchanged

PROBLEM = "sigmoid_derivative"
PRODUCT_RTOL = 1e-9
NO_WARNING_WHY = ("the contract asks for no overflow: exponentiate only non-positive numbers (np.where computes "
                  "both of its branches for every entry, so both must be safe)")


def _close(got, value, atol=1e-9):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=atol)


def _sig(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _nan_from_overflow(got, z):
    """nan in the result, and only at entries whose |z| is large enough for exp(|z|) to overflow."""
    values = as_numbers(got)
    z = np.asarray(z, dtype=float)
    if values.shape != z.shape:
        return False
    nan = np.isnan(values)
    return bool(nan.any()) and bool(np.all(np.abs(z[nan]) > 700.0))


def _distinct_rows(right, rows, close):
    """Mistakes from (message, id, wrong values) rows: a wrong value equal to the right one or to one of
    another row's at this input is dropped (it cannot tell which mistake was made; at z = 0,
    sigma(z) (1 - z) = sigma(z)), and a row left without values too (it never applies).
    The pairwise comparisons run only when a check fails (on the first `applies` call of a row)."""
    @functools.lru_cache(maxsize=None)
    def kept(index):
        others = [v for j, row in enumerate(rows) if j != index for v in row[2]]
        return [v for v in rows[index][2] if not close(v, right) and not any(close(v, o) for o in others)]

    return [Mistake(message, lambda got, index=index: any(close(got, v) for v in kept(index)), id=mistake_id)
            for index, (message, mistake_id, _) in enumerate(rows)]


def _prime_mistakes(z):
    s = _sig(z)
    z = np.asarray(z, dtype=float)
    named = _distinct_rows(s * (1 - s), [
        ("sigmoid_prime returned sigma(z), not its derivative sigma(z) (1 - sigma(z))",
         "sigmoid-prime-returned-sigmoid", [s]),
        ("sigma'(z) = sigma(z) (1 - sigma(z)): the factor is 1 - sigma(z), not 1 - z", "sigmoid-prime-one-minus-z",
         [s * (1 - z)]),
        ("sigma'(z) = sigma(z) (1 - sigma(z)), not sigma(z)^2 or 1 - sigma(z)", "sigmoid-prime-wrong-product",
         [s**2, 1 - s]),
        ("sigmoid_prime applied the sigmoid twice: sigma'(z) = sigma(z) (1 - sigma(z)) at z itself, not "
         "sigma'(sigma(z))", "sigmoid-applied-twice", [_sig(s) * (1 - _sig(s))]),
        ("sigmoid_prime has a sign error: sigma is increasing, so sigma'(z) > 0", "sigmoid-prime-sign",
         [-s * (1 - s)]),
    ], _close)
    return [Mistake("sigmoid_prime gives nan for large |z| (for example e^-z / (1 + e^-z)^2 is inf / inf at "
                    "z = -1000): use sigma(z) * (1 - sigma(z)) with a stable sigma",
                    lambda got: _nan_from_overflow(got, z), id="sigmoid-prime-nan-large-z")] + named + [
        Mistake("sigmoid_prime returned a result of another shape than z (it works element-wise)",
                lambda got: np.shape(as_numbers(got)) != np.shape(z), id="sigmoid-shape")]


def _sigmoid_mistakes(z):
    z = np.asarray(z, dtype=float)
    named = _distinct_rows(_sig(z), [
        ("sigmoid has the sign flipped: sigma(z) = 1 / (1 + e^-z) is above 0.5 for z > 0", "sigmoid-sign-flipped",
         [_sig(-z)]),
        ("sigmoid returned sigma(|z|) for negative z: for z < 0 the stable form is e^z / (1 + e^z), which is below "
         "0.5", "sigmoid-branches-swapped", [_sig(np.abs(z)), _sig(-np.abs(z))]),
    ], _close)
    return [Mistake("sigmoid gives nan for large |z| (exp(z) / (1 + exp(z)) is inf / inf at z = 1000): only "
                    "exponentiate non-positive numbers", lambda got: _nan_from_overflow(got, z),
                    id="sigmoid-nan-large-z")] + named + [
        Mistake("sigmoid returned a result of another shape than z (it works element-wise)",
                lambda got: np.shape(as_numbers(got)) != np.shape(z), id="sigmoid-shape")]


def _check(student, reference, name, z, what, mistakes, **tolerances):
    got = getattr(student, name)(z)
    effects = student.last_call
    expect_close(got, getattr(reference, name)(z), what=what, inputs={"z": z}, mistakes=mistakes,
                 strict_type=isinstance(z, np.ndarray), **tolerances)
    expect_unchanged(effects, what=f"{name}(z)")
    expect_no_warnings(effects, category="RuntimeWarning", what=f"{name}(z)", why=NO_WARNING_WHY)
    return got


@pytest.mark.points(1, problem=PROBLEM)
def test_sigmoid_prime_matches_reference_on_random_arrays(student, reference, rng):
    """sigma'(z) = sigma(z) (1 - sigma(z)) on random arrays of several shapes (one element included)."""
    for shape in [(7,), (3, 4), (2, 2, 3), (1,)]:
        z = rng.normal(0.0, 3.0, size=shape)
        _check(student, reference, "sigmoid_prime", z, "sigmoid_prime(z)", _prime_mistakes(z))


@pytest.mark.points(2, problem=PROBLEM)
def test_sigmoid_prime_is_a_quarter_at_zero_and_vanishes_for_large_z(student, reference):
    """sigma'(0) = 0.25 is the maximum; sigma'(z) -> 0 for large |z|, never nan, no overflow warning."""
    zero = np.array([0.0])
    _check(student, reference, "sigmoid_prime", zero, "sigmoid_prime(z) at z = 0", _prime_mistakes(zero))
    grid = np.linspace(-6.0, 6.0, 241)
    _check(student, reference, "sigmoid_prime", grid, "sigmoid_prime on a grid from -6 to 6", _prime_mistakes(grid))
    z = np.array([-1000.0, -745.0, -100.0, -40.0, -5.0, -1.0, 0.0, 1.0, 5.0, 40.0, 100.0, 745.0, 1000.0])
    _check(student, reference, "sigmoid_prime", z, "sigmoid_prime(z) for large |z|", _prime_mistakes(z))


@pytest.mark.points(1, problem=PROBLEM)
def test_sigmoid_is_stable_and_matches_reference(student, reference, rng):
    """sigma(z) on a grid around 0, on random values and on +-1000 (0 and 1, never nan, no overflow warning).

    (Called on arrays only: a 0-d array, what np.where gives for a number, reaches the grader as shape (1,).)"""
    grid = np.linspace(-3.0, 3.0, 25)
    _check(student, reference, "sigmoid", grid, "sigmoid on a grid from -3 to 3", _sigmoid_mistakes(grid))
    z = np.concatenate([rng.normal(0.0, 4.0, size=8), [-1000.0, -710.0, -0.5, 0.0, 0.5, 710.0, 1000.0]])
    _check(student, reference, "sigmoid", z, "sigmoid(z)", _sigmoid_mistakes(z))


def _named(right, rows):
    """Rows of wrong numbers compared with a relative tolerance only (products of small factors)."""
    return _distinct_rows(right, rows, lambda a, b: _close(a, b, atol=0.0))


def _vanishing_mistakes(n):
    return _named(0.25**n, [
        ("the factors multiply: 0.25 ** n_layers, not 0.25 * n_layers", "vanishing-times-not-power", [0.25 * n]),
        ("the largest sigmoid derivative is sigma'(0) = 0.25, not the largest sigmoid value 0.5",
         "vanishing-half-not-quarter", [0.5**n]),
        ("the base and the exponent are swapped: 0.25 ** n_layers, not n_layers ** 0.25", "vanishing-power-swapped",
         [float(n) ** 0.25]),
        ("n layers give n factors 0.25 (an off-by-one in the power)", "vanishing-off-by-one",
         [0.25 ** (n + 1), 0.25 ** (n - 1)]),
    ])


@pytest.mark.points(1, problem=PROBLEM)
def test_vanishing_product_is_a_quarter_to_the_power_n(student, reference):
    """0.25^n for n = 0, 1, ..., 12, 20 and 50: after 10 layers about 1e-6."""
    for n in [3, 5, 10, 20, 50, 0, 1, 2, 4, 6, 7, 8, 9, 11, 12]:
        expect_close(student.vanishing_product(n), reference.vanishing_product(n), rtol=PRODUCT_RTOL, atol=0.0,
                     what="vanishing_product(n_layers)", inputs={"n_layers": n}, mistakes=_vanishing_mistakes(n))


def _product_mistakes(z):
    z = np.asarray(z, dtype=float)
    s = _sig(z)
    d = s * (1 - s)
    twice = _sig(s) * (1 - _sig(s))
    mistakes = _named(float(np.prod(d)), [
        ("the chain rule multiplies the local derivatives: use the product, not the sum", "product-summed",
         [np.sum(d)]),
        ("the product must be of the derivatives sigma'(z_k), not of the activations sigma(z_k)",
         "product-of-activations", [np.prod(s)]),
        ("gradient_through_layers applied the sigmoid twice: the factors are sigma'(z_k) at the pre-activations "
         "z_k themselves, not sigma'(sigma(z_k))", "sigmoid-applied-twice", [np.prod(twice)]),
        ("gradient_through_layers returned the bound 0.25 ** n: the product depends on the pre-activations, "
         "sigma'(z_k) is 0.25 only at z_k = 0", "product-ignores-pre-activations", [0.25 ** len(z)]),
        ("gradient_through_layers took the mean (or the largest) derivative, not their product",
         "product-mean-or-max", [np.mean(d), np.max(d), np.min(d)]),
    ])
    return mistakes + [Mistake("gradient_through_layers must return one number, the product over all layers",
                               lambda got: np.ndim(as_numbers(got)) != 0, id="product-not-a-number")]


def _inherits_sigmoid_prime(student, z):
    """gradient_through_layers multiplied the student's own sigmoid_prime values, and those are wrong."""
    z = np.asarray(z, dtype=float)
    right = _sig(z) * (1 - _sig(z))

    def applies(got):
        own = as_numbers(student.sigmoid_prime(z))
        return (own.shape == z.shape and not np.allclose(own, right, rtol=1e-6, atol=1e-12)
                and _close(got, float(np.prod(own)), atol=0.0))

    return Mistake("gradient_through_layers is off because your sigmoid_prime is (see the sigmoid_prime tests): the "
                   "product itself is taken correctly", applies, id="product-inherits-sigmoid-prime")


@pytest.mark.points(1, problem=PROBLEM)
def test_gradient_through_layers_is_the_product_of_the_local_derivatives(student, reference, rng):
    """Products of sigma'(z_k) for random chains, ten zeros (0.25^10), a chain of one layer, a list,
    and an empty chain (1.0)."""
    chains = [rng.uniform(-4.0, 4.0, size=n) for n in (3, 6, 15, 1)] + [np.zeros(10), [0.5, -0.25]]
    for z in chains:
        expect_close(student.gradient_through_layers(z), reference.gradient_through_layers(z),
                     rtol=PRODUCT_RTOL, atol=0.0, what="gradient_through_layers(pre_activations)",
                     inputs={"pre_activations": np.asarray(z)},
                     mistakes=_product_mistakes(z) + [_inherits_sigmoid_prime(student, z)])
    expect_close(student.gradient_through_layers(np.zeros(0)), 1.0, rtol=PRODUCT_RTOL, atol=0.0,
                 what="gradient_through_layers of an empty chain (the empty product is 1)",
                 mistakes=[Mistake("an empty chain has the empty product 1.0 (no factor at all)",
                                   lambda got: _close(got, 0.0), id="product-empty-chain")])
