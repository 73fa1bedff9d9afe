"""Hidden tests for `forward(X, params)` of the two-layer network.

Contract: X (N, D), W1 (D, H), b1 (1, H) or (H,), W2 (H, 1), b2 (1, 1) or (1,).
Z1 = X @ W1 + b1, A1 = relu(Z1), Z2 = A1 @ W2 + b2, A2 = sigmoid(Z2); returns (A2, cache) with
cache a dict holding "Z1", "A1", "Z2", "A2" (extra keys are allowed).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close, expect_true

CACHE_KEYS = ("Z1", "A1", "Z2", "A2")


def _sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _unpack(got, call):
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                f"{call} must return a pair (A2, cache); it returned "
                f"{type(got).__name__}" + (f" of length {len(got)}"
                                           if isinstance(got, (tuple, list)) else ""))
    A2, cache = got
    expect_true(isinstance(cache, dict),
                f"the second value returned by {call} must be the cache dict, got "
                f"{type(cache).__name__}")
    missing = [key for key in CACHE_KEYS if key not in cache]
    expect_true(not missing, f"the cache returned by {call} lacks the key(s) {missing}; "
                             f"it must hold Z1, A1, Z2 and A2")
    return A2, cache


def _variants(X, params):
    """The intermediates of known wrong forward passes, keyed by mistake."""
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    no_b1_Z1 = X @ W1
    no_b1_A1 = np.maximum(no_b1_Z1, 0)
    sig_A1 = _sigmoid(Z1)
    return {
        "no_b1": {"Z1": no_b1_Z1, "A1": no_b1_A1, "Z2": no_b1_A1 @ W2 + b2,
                  "A2": _sigmoid(no_b1_A1 @ W2 + b2)},
        "no_b2": {"Z2": A1 @ W2, "A2": _sigmoid(A1 @ W2)},
        "sigmoid_hidden": {"A1": sig_A1, "Z2": sig_A1 @ W2 + b2, "A2": _sigmoid(sig_A1 @ W2 + b2)},
        "no_hidden_activation": {"A1": Z1, "Z2": Z1 @ W2 + b2, "A2": _sigmoid(Z1 @ W2 + b2)},
        "z2_from_z1": {"Z2": Z1 @ W2 + b2, "A2": _sigmoid(Z1 @ W2 + b2)},
        "no_output_sigmoid": {"A2": A1 @ W2 + b2},
        "relu_output": {"A2": np.maximum(A1 @ W2 + b2, 0)},
    }


def _mistakes(key, variants, expected_shape):
    def close(name):
        return lambda got: (name in variants and key in variants[name]
                            and np.allclose(np.asarray(got, dtype=float), variants[name][key]))
    return [
        Mistake(f"{key} has the wrong shape, expected {expected_shape}: keep every intermediate "
                f"2-D with one row per sample (do not flatten or squeeze)",
                lambda got: np.size(got) == int(np.prod(expected_shape))
                and np.shape(got) != expected_shape),
        Mistake(f"{key} is a boolean array: relu must return the values max(0, z), not the mask "
                f"z > 0", lambda got: np.asarray(got).dtype == bool),
        Mistake(f"{key} is square for a single sample: a bias was added as a column (H, 1); add it "
                f"as a row (1, H) so that it broadcasts over the samples",
                lambda got: expected_shape[0] == 1 and np.ndim(got) == 2
                and np.shape(got)[0] == np.shape(got)[1] > 1),
        Mistake("the bias b1 is missing: Z1 = X @ W1 + b1", close("no_b1")),
        Mistake("the bias b2 is missing: Z2 = A1 @ W2 + b2", close("no_b2")),
        Mistake("the hidden layer uses sigmoid: A1 must be relu(Z1) (sigmoid only at the output)",
                close("sigmoid_hidden")),
        Mistake("the hidden layer has no activation: A1 = relu(Z1)", close("no_hidden_activation")),
        Mistake("Z2 was computed from Z1 instead of A1: Z2 = A1 @ W2 + b2", close("z2_from_z1")),
        Mistake("the output is missing its sigmoid: A2 = sigmoid(Z2)", close("no_output_sigmoid")),
        Mistake("the output uses relu: A2 = sigmoid(Z2)", close("relu_output")),
    ]


def _compare(got, X, params, reference, call):
    A2, cache = _unpack(got, call)
    expected_A2, expected = reference.forward(X, params)
    variants = _variants(np.asarray(X, dtype=float), params)
    inputs = {"X": X}
    for key in CACHE_KEYS:
        expect_close(cache[key], expected[key], what=f'cache["{key}"] of {call}', inputs=inputs,
                     mistakes=_mistakes(key, variants, expected[key].shape))
    expect_close(A2, expected_A2, what=f"A2 (first value) of {call}", inputs=inputs,
                 mistakes=_mistakes("A2", variants, expected_A2.shape))


def _random_params(rng, D, H, bias_shape="row"):
    params = {
        "W1": rng.normal(0.0, 1.0, size=(D, H)),
        "b1": rng.normal(0.0, 0.5, size=(1, H)),
        "W2": rng.normal(0.0, 1.0, size=(H, 1)),
        "b2": rng.normal(0.0, 0.5, size=(1, 1)),
    }
    if bias_shape == "flat":
        params["b1"] = params["b1"].reshape(H)
        params["b2"] = params["b2"].reshape(1)
    return params


@pytest.mark.points(1, problem="forward")
def test_forward_returns_the_output_and_a_cache_of_the_four_intermediates(student, reference):
    X, _ = reference.chapter_batch()
    got = student.forward(X, reference.init_params(42))
    A2, cache = _unpack(got, "forward(X, params)")
    for key, value in (("A2 (the first value)", A2),) + tuple((f'cache["{k}"]', cache[k])
                                                              for k in CACHE_KEYS):
        expect_true(isinstance(value, np.ndarray),
                    f"{key} must be a NumPy array, got {type(value).__name__}")
    expect_true(A2.shape == (5, 1),
                f"A2 for a batch of 5 samples must have shape (5, 1), got {A2.shape}")
    expect_close(A2, cache["A2"], rtol=0, atol=0,
                 what='A2 returned first must be the same array as cache["A2"]')


@pytest.mark.points(2, problem="forward")
def test_forward_on_the_chapter_batch_with_seed_42_matches_reference(student, reference):
    X, _ = reference.chapter_batch()
    params = reference.init_params(42)
    _compare(student.forward(X, params), X, params, reference,
             "forward(X, init_params(42)) on the chapter's 5x4 batch")


@pytest.mark.points(2, problem="forward")
def test_forward_intermediates_match_reference_for_random_params_and_batches(student, reference,
                                                                              rng):
    for N, D, H in [(5, 4, 3), (1, 4, 3), (8, 2, 5), (3, 6, 6), (7, 3, 2)]:
        X = rng.normal(0.0, 1.5, size=(N, D))
        params = _random_params(rng, D, H)
        _compare(student.forward(X, params), X, params, reference,
                 f"forward(X, params) with X {N}x{D}, hidden size {H}, nonzero biases")


@pytest.mark.points(1, problem="forward")
def test_forward_accepts_one_dimensional_biases(student, reference, rng):
    for N, D, H in [(5, 4, 3), (4, 2, 6)]:
        X = rng.normal(0.0, 1.5, size=(N, D))
        params = _random_params(rng, D, H, bias_shape="flat")
        _compare(student.forward(X, params), X, params, reference,
                 f"forward(X, params) with 1-D biases b1 ({H},) and b2 (1,)")


@pytest.mark.points(1, problem="forward")
def test_forward_handles_a_single_sample_and_saturated_outputs(student, reference, rng):
    X = rng.normal(0.0, 1.0, size=(1, 4))
    params = _random_params(rng, 4, 3)
    _compare(student.forward(X, params), X, params, reference,
             "forward(X, params) for one sample X of shape (1, 4)")
    # Z2 is about +1101, -598 and -2699 for these three samples: sigmoid must give 1, ~0 and 0.
    X = np.array([[400.0, 0.0, 0.0, 0.0], [0.0, 0.0, 400.0, 0.0], [0.0, 0.0, 0.0, -3000.0]])
    params = {
        "W1": np.array([[1.0, -1.0, 0.5], [0.5, 0.5, -1.0], [-1.0, 1.0, 1.0], [0.2, -0.3, 0.4]]),
        "b1": np.array([[0.1, -0.2, 0.3]]),
        "W2": np.array([[2.0], [-3.0], [1.5]]),
        "b2": np.array([[0.5]]),
    }
    _compare(student.forward(X, params), X, params, reference,
             "forward(X, params) for inputs large enough that the output sigmoid saturates")
