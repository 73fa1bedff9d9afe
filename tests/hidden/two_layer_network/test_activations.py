"""Hidden tests for `relu(z)` and `sigmoid(z)`: elementwise on float arrays of one or more dimensions.

Contract: relu(z) = max(0, z) as a new float ndarray of z's shape (relu(0) = 0); sigmoid(z) =
1 / (1 + exp(-z)) as a new float ndarray of z's shape, every entry in [0, 1], computed without
overflow: sigmoid(-1000) = 0 and sigmoid(1000) = 1, no nan and no overflow warning. Neither function
modifies its argument.
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, expect_close, expect_no_warnings, expect_true,
                                      expect_unchanged)

SHAPES = [(7,), (3, 4), (2, 3, 5), (1, 1), (1,)]
# relu is exact: compare relatively, so that tiny entries such as 1e-300 count as much as large ones
RELU_RTOL, RELU_ATOL = 1e-12, 0.0
EXP_OVERFLOW = np.log(np.finfo(float).max)  # about 709.78: np.exp overflows above it
NO_WARNING = ("sigmoid must not overflow: exponentiate only numbers <= 0 (np.where evaluates BOTH of its "
              "branches on every entry, so each branch must be safe on its own)")


def _numbers(got):
    array = np.asarray(got)
    if array.dtype.kind not in "iuf":
        raise TypeError("not numbers")
    return array.astype(float)


def _relu_mistakes(z):
    z = np.asarray(z, dtype=float)
    negative = z < 0

    def same(got, value):
        array = _numbers(got)
        return array.shape == z.shape and np.allclose(array, value, rtol=1e-9, atol=0)

    def leaky(got):
        array = _numbers(got)
        if array.shape != z.shape or not negative.any() or not same(got, np.where(negative, array, z)):
            return False
        slope = array[negative] / z[negative]
        return bool(0 < slope[0] < 1 and np.allclose(slope, slope[0], rtol=1e-6))

    # (message, the wrong result for this z, id): a value names its mistake only when no other candidate
    # (nor the right result) is the same array for this z (for a 1x1 negative z, max(0, -z) and |z| agree)
    candidates = [
        ("relu keeps the negative part: min(0, z) is the wrong side; relu(z) = np.maximum(0, z) keeps the "
         "positive inputs and sets the negative ones to 0", np.minimum(0, z), "relu-uses-minimum"),
        ("relu works on -z: max(0, -z) turns negative inputs into positive outputs; relu(z) = np.maximum(0, z)",
         np.maximum(0, -z), "relu-of-negated-input"),
        ("relu returned the input unchanged: negative inputs must become 0", z, "relu-identity"),
        ("relu returned |z|: negative inputs must become 0, not their absolute value", np.abs(z),
         "relu-absolute-value"),
        ("relu reduced the array: np.max(z, 0) is the largest entry along axis 0, not an elementwise maximum; "
         "use np.maximum(z, 0)", np.max(z, axis=0), "relu-np-max-reduces"),
    ]
    right = np.maximum(z, 0)

    def equal(a, b):
        return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-9, atol=0)

    mistakes = [Mistake("relu returned the boolean mask z > 0 instead of the values max(0, z)",
                        lambda got: np.asarray(got).dtype == bool, id="relu-returns-mask"),
                Mistake("relu returned integers: converting to int cuts off the fractions (0.5 becomes 0); "
                        "return the float array max(0, z)",
                        lambda got: isinstance(got, np.ndarray) and got.dtype.kind in "iu", id="relu-integer-result")]
    for message, value, mistake_id in candidates:
        if not any(equal(value, other) for other in [right] + [v for _, v, i in candidates if i != mistake_id]):
            mistakes.append(Mistake(message, lambda got, value=value: equal(_numbers(got), value), id=mistake_id))
    mistakes.append(Mistake("relu is leaky: negative inputs are multiplied by a small slope instead of becoming "
                            "0 (that is leaky ReLU; relu(z) = max(0, z))", leaky, id="relu-leaky"))
    return mistakes


def _sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_mistakes(z):
    z = np.asarray(z, dtype=float)
    right = _sigmoid(z)

    def overflow_nan(got):
        array = _numbers(got)
        nan = np.isnan(array)
        return (array.shape == z.shape and nan.any() and np.all(z[nan] > EXP_OVERFLOW)
                and np.allclose(array[~nan], right[~nan], atol=1e-9))

    def clipped(got):
        array = _numbers(got)
        if array.shape != z.shape:
            return False
        off = ~np.isclose(array, right, rtol=1e-6, atol=1e-9)
        if not off.any():
            return False
        bound = np.min(np.abs(z[off]))  # the clipping bound is below every entry that differs
        candidates = [c for c in (5, 10, 15, 20, 30, 50, 100, 500) if c < bound]
        return any(np.allclose(array, _sigmoid(np.clip(z, -c, c)), rtol=1e-6, atol=1e-12) for c in candidates)

    tanh_like = [("sigmoid returned tanh(z), a different S-curve with values in (-1, 1); the sigmoid is "
                  "1 / (1 + exp(-z)) (it equals (1 + tanh(z / 2)) / 2)", np.tanh(z), "sigmoid-is-tanh"),
                 ("sigmoid returned (1 + tanh(z)) / 2: through tanh the sigmoid is (1 + tanh(z / 2)) / 2, "
                  "with z halved inside", 0.5 * (1 + np.tanh(z)), "sigmoid-tanh-without-half")]
    return [
        Mistake("sigmoid overflows for large z and gives nan: np.exp(z) / (1 + np.exp(z)) at z = 1000 is "
                "inf / inf; use a form that only exponentiates non-positive numbers",
                overflow_nan, id="sigmoid-overflow-nan"),
        Mistake("sigmoid has the sign flipped: it computed 1 / (1 + exp(z)) = sigma(-z); "
                "sigma(z) = 1 / (1 + exp(-z)) is above 0.5 for positive z",
                lambda got: _numbers(got).shape == z.shape and np.any(z != 0)
                and np.allclose(_numbers(got), _sigmoid(-z), atol=1e-9), id="sigmoid-sign-flipped"),
        Mistake("sigmoid clips z to a small range before exponentiating: for every |z| beyond the bound "
                "it returns the value at the bound, which is measurably off; exponentiate only "
                "non-positive numbers instead of clipping (or clip far out, where the sigmoid is flat)",
                clipped, id="sigmoid-clips-input"),
        *[Mistake(message, lambda got, value=value: _numbers(got).shape == z.shape and np.any(z != 0)
                  and np.allclose(_numbers(got), value, atol=1e-9), id=mistake_id)
          for message, value, mistake_id in tanh_like],
        Mistake("sigmoid returned a shape different from its input: it works elementwise",
                lambda got: np.size(got) == z.size and np.shape(got) != z.shape, id="sigmoid-wrong-shape"),
    ]


def _relu(student, z, what):
    got = student.relu(z)
    expect_unchanged(student.last_call, what=f"relu(z) for z = {what}")
    expect_close(got, np.maximum(np.asarray(z, dtype=float), 0.0), what=f"relu(z) for {what}",
                 inputs={"z": z}, rtol=RELU_RTOL, atol=RELU_ATOL, strict_type=True, mistakes=_relu_mistakes(z))
    expect_true(np.asarray(got).dtype.kind == "f",
                f"relu(z) must return floats for the float array z = {what}; got dtype {np.asarray(got).dtype}")


def _sigmoid_check(student, z, what, warnings=False):
    got = student.sigmoid(z)
    effects = student.last_call
    expect_unchanged(effects, what=f"sigmoid(z) for z = {what}")
    expect_close(got, _sigmoid(z), what=f"sigmoid(z) for {what}", inputs={"z": z}, strict_type=True,
                 mistakes=_sigmoid_mistakes(z))
    array = np.asarray(got)
    expect_true(array.dtype.kind == "f" and np.all((array >= 0) & (array <= 1)),
                f"every entry of sigmoid(z) must be a float in [0, 1] for {what}")
    if warnings:
        expect_no_warnings(effects, category="RuntimeWarning", what=f"sigmoid(z) for {what}", why=NO_WARNING)


@pytest.mark.points(1, problem="activations")
def test_relu_matches_reference_on_random_arrays_of_any_shape(student, rng):
    for shape in SHAPES:
        z = rng.normal(0.0, 3.0, size=shape)
        if z.size > 1:
            z.flat[0], z.flat[1] = -abs(z.flat[0]) - 0.1, abs(z.flat[1]) + 0.1  # both signs present
        _relu(student, z, f"a random array of shape {shape}")


@pytest.mark.points(1, problem="activations")
def test_relu_is_zero_at_zero_and_for_negatives_and_keeps_positives(student):
    z = np.array([[-1e6, -2.5, -1e-300, 0.0], [1e-300, 0.5, 3.0, 1e6]])
    _relu(student, z, "edge values (0, +-1e-300, +-1e6)")
    _relu(student, np.zeros((2, 2)), "zeros (relu(0) = 0)")
    _relu(student, np.array([[-0.75]]), "a 1x1 array holding a negative number")


@pytest.mark.points(1, problem="activations")
def test_sigmoid_matches_reference_on_random_arrays(student, rng):
    for shape in SHAPES:
        z = rng.normal(0.0, 4.0, size=shape)
        _sigmoid_check(student, z, f"a random array of shape {shape}")
    z = np.array([0.0, 0.97, 0.03, 2.295, -0.105, 5.095])  # the chapter's hand-worked values
    _sigmoid_check(student, z, "the chapter's values")


@pytest.mark.points(2, problem="activations")
def test_sigmoid_is_stable_for_large_magnitudes_without_warnings(student):
    z = np.array([-1000.0, -800.0, -745.0, -710.0, -100.0, -30.0, 0.0, 30.0, 100.0, 710.0,
                  745.0, 800.0, 1000.0])
    _sigmoid_check(student, z, "large |z|", warnings=True)
    batch = np.array([[-1000.0, 1000.0, 0.0], [750.0, -750.0, 1.0]])
    _sigmoid_check(student, batch, "a (2, 3) batch with large |z|", warnings=True)
    one = np.array([[-1000.0]])
    _sigmoid_check(student, one, "a 1x1 array holding -1000", warnings=True)
