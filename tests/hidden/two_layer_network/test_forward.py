"""Hidden tests for `forward(X, params)` of the two-layer network.

Contract: X (N, D) with N >= 1, W1 (D, H), b1 (1, H) or (H,), W2 (H, 1), b2 (1, 1) or (1,).
Z1 = X @ W1 + b1, A1 = relu(Z1), Z2 = A1 @ W2 + b2, A2 = sigmoid(Z2); returns the tuple (A2, cache)
with A2 an ndarray (N, 1) and cache a dict of ndarrays holding "Z1", "A1", "Z2", "A2" (extra keys are
allowed); neither X nor params is modified.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close, expect_true, expect_unchanged

CACHE_KEYS = ("Z1", "A1", "Z2", "A2")


def _sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _unpack(got, call):
    expect_true(isinstance(got, tuple) and len(got) == 2,
                f"{call} must return the tuple (A2, cache); it returned "
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


def _broadcast(a, b):
    try:
        return np.asarray(a) + np.asarray(b)
    except ValueError:
        return None


def _variants(X, params):
    """The intermediates of known wrong forward passes, keyed by mistake."""
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    variants = {}

    def chain(name, Z1v=None, A1v=None, Z2v=None, A2v=None):
        """A wrong pass from its first wrong step on; the later steps follow from it."""
        steps = {}
        if Z1v is not None:
            steps["Z1"] = Z1v
            A1v = np.maximum(Z1v, 0) if A1v is None else A1v
        if A1v is not None:
            steps["A1"] = A1v
            Z2v = A1v @ W2 + b2 if Z2v is None else Z2v
        if Z2v is not None:
            steps["Z2"] = Z2v
            A2v = _sigmoid(Z2v) if A2v is None else A2v
        steps["A2"] = A2v
        variants[name] = steps

    chain("no_b1", Z1v=X @ W1)
    chain("b1_inside_product", Z1v=X @ (W1 + b1.reshape(1, -1)))
    chain("sigmoid_hidden", A1v=_sigmoid(Z1))
    chain("tanh_hidden", A1v=np.tanh(Z1))
    chain("no_hidden_activation", A1v=Z1)
    chain("relu_minimum", A1v=np.minimum(Z1, 0))
    chain("relu_negated", A1v=np.maximum(-Z1, 0))
    chain("relu_absolute", A1v=np.abs(Z1))
    chain("relu_leaky", A1v=np.where(Z1 > 0, Z1, 0.01 * Z1))
    variants["relu_np_max"] = {"A1": np.max(Z1, axis=0)}
    chain("no_b2", Z2v=A1 @ W2)
    chain("b2_inside_product", Z2v=A1 @ (W2 + b2.reshape(1, -1)))
    chain("z2_from_z1", Z2v=Z1 @ W2 + b2)
    column = _broadcast(X @ W1, b1.reshape(-1, 1))
    if column is not None and column.shape != Z1.shape:
        variants["bias_as_column"] = {"Z1": column}
    chain("no_output_sigmoid", A2v=Z2)
    chain("relu_output", A2v=np.maximum(Z2, 0))
    chain("double_sigmoid", A2v=_sigmoid(_sigmoid(Z2)))
    chain("relu_before_sigmoid", A2v=_sigmoid(np.maximum(Z2, 0)))
    chain("sigmoid_sign_flipped", A2v=_sigmoid(-Z2))
    chain("sigmoid_is_tanh", A2v=np.tanh(Z2))
    chain("sigmoid_tanh_without_half", A2v=0.5 * (1 + np.tanh(Z2)))
    swapped = _broadcast(X @ W1, b2)
    if swapped is not None:
        chain("biases_swapped", Z1v=swapped)
    chain("z2_activated", Z2v=_sigmoid(Z2))
    variants["z1_overwritten"] = {"Z1": A1} if np.any(Z1 < 0) else {}
    variants["right"] = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": _sigmoid(Z2)}
    return variants


MESSAGES = {
    "no_b1": ("the bias b1 is missing: Z1 = X @ W1 + b1", "forward-missing-b1"),
    "b1_inside_product": ("b1 was added to W1 inside the product, X @ (W1 + b1): add it after the product, "
                          "Z1 = X @ W1 + b1", "forward-bias-inside-product"),
    "sigmoid_hidden": ("the hidden layer uses sigmoid: A1 must be relu(Z1) (sigmoid only at the output)",
                       "forward-sigmoid-hidden"),
    "tanh_hidden": ("the hidden layer uses tanh: A1 must be relu(Z1)", "forward-tanh-hidden"),
    "no_hidden_activation": ("the hidden layer has no activation: A1 = relu(Z1)", "forward-no-hidden-activation"),
    "no_b2": ("the bias b2 is missing: Z2 = A1 @ W2 + b2", "forward-missing-b2"),
    "b2_inside_product": ("b2 was added to W2 inside the product, A1 @ (W2 + b2): add it after the product, "
                          "Z2 = A1 @ W2 + b2", "forward-bias-inside-product"),
    "relu_minimum": ("A1 holds min(0, Z1): your relu keeps the negative part; relu(z) = np.maximum(0, z)",
                     "relu-uses-minimum"),
    "relu_negated": ("A1 holds max(0, -Z1): your relu works on -z; relu(z) = np.maximum(0, z)",
                     "relu-of-negated-input"),
    "relu_absolute": ("A1 holds |Z1|: your relu returns the absolute value; negative inputs must become 0",
                      "relu-absolute-value"),
    "relu_np_max": ("A1 is one row: your relu reduces with np.max(z, 0) (the largest entry along axis 0) "
                    "instead of the elementwise np.maximum(z, 0)", "relu-np-max-reduces"),
    "relu_leaky": ("A1 holds 0.01 * Z1 for the negative entries: your relu is leaky; relu(z) = max(0, z)",
                   "relu-leaky"),
    "z2_activated": ("Z2 already went through the sigmoid, and A2 = sigmoid(Z2) applies it a second time: "
                     "Z2 = A1 @ W2 + b2 is the pre-activation", "forward-double-sigmoid"),
    "z2_from_z1": ("Z2 was computed from Z1 instead of A1: Z2 = A1 @ W2 + b2", "forward-z2-from-z1"),
    "bias_as_column": ("the bias b1 was added as a column (H, 1), which broadcasts into the wrong shape: "
                       "add it as a row (1, H) so that it goes to every sample", "forward-bias-as-column"),
    "no_output_sigmoid": ("the output is missing its sigmoid: A2 = sigmoid(Z2)", "forward-no-output-sigmoid"),
    "relu_output": ("the output uses relu: A2 = sigmoid(Z2)", "forward-relu-output"),
    "double_sigmoid": ("the sigmoid is applied twice at the output: A2 = sigmoid(Z2), once",
                       "forward-double-sigmoid"),
    "relu_before_sigmoid": ("the output goes through relu before the sigmoid: A2 = sigmoid(Z2) alone (relu only in "
                            "the hidden layer)", "forward-relu-before-output-sigmoid"),
    "sigmoid_sign_flipped": ("A2 is sigmoid(-Z2): your sigmoid has the sign flipped, 1 / (1 + exp(z))",
                             "sigmoid-sign-flipped"),
    "sigmoid_is_tanh": ("A2 is tanh(Z2): your sigmoid returns tanh, a different S-curve", "sigmoid-is-tanh"),
    "sigmoid_tanh_without_half": ("A2 is (1 + tanh(Z2)) / 2: your sigmoid forgets to halve z inside tanh",
                                  "sigmoid-tanh-without-half"),
    "biases_swapped": ("Z1 got the bias b2: b1 belongs to the hidden layer (Z1 = X @ W1 + b1) and b2 to the output",
                       "forward-biases-swapped"),
    "z1_overwritten": ('cache["Z1"] has lost its negative entries: Z1 was overwritten by relu in place (an '
                       "in-place relu, or A1 = Z1 followed by A1[A1 < 0] = 0, changes Z1 too); keep Z1 and "
                       "build A1 as a new array", "forward-z1-overwritten"),
}


def _mistakes(key, variants, expected_shape):
    """`variants`: a cached thunk giving _variants(...); it and the pairwise comparisons below run only when
    a check fails (the compare helpers call `applies` only then), which spares them for right answers."""
    def same(a, b):
        # tight: a saturated sigmoid makes many wrong passes agree with each other to 1e-8
        return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-6, atol=1e-12)

    @functools.lru_cache(maxsize=None)
    def value_if_distinct(name):
        table = variants()
        value = table.get(name, {}).get(key)
        mistake_id = MESSAGES.get(name, ("", ""))[1]
        # a wrong pass names its mistake only when no pass of another mistake (nor the right one) gives the
        # same numbers for these inputs: then they cannot tell the mistakes apart
        others = [table["right"][key]] + [v[key] for other, v in table.items() if other != "right"
                                          and key in v and MESSAGES[other][1] != mistake_id]
        distinct = value is not None and not any(same(value, other) for other in others)
        return value, distinct

    def close(name):
        def applies(got):
            value, distinct = value_if_distinct(name)
            return distinct and same(np.asarray(got, dtype=float), value)
        return applies

    N = expected_shape[0]
    mistakes = [Mistake(MESSAGES[name][0], close(name), id=MESSAGES[name][1])
                for name in ("z1_overwritten", "bias_as_column", "no_b1", "b1_inside_product",
                             "sigmoid_hidden", "tanh_hidden", "no_hidden_activation", "relu_minimum",
                             "relu_negated", "relu_absolute", "relu_leaky", "relu_np_max", "no_b2",
                             "b2_inside_product", "z2_from_z1", "z2_activated", "no_output_sigmoid",
                             "relu_output", "double_sigmoid", "relu_before_sigmoid", "sigmoid_sign_flipped",
                             "sigmoid_is_tanh", "sigmoid_tanh_without_half", "biases_swapped")]
    mistakes += [
        Mistake(f"{key} was flattened to 1-D: keep every intermediate 2-D with one row per sample, "
                f"shape {expected_shape} (do not ravel or squeeze)",
                lambda got: np.ndim(got) == 1 and np.size(got) == int(np.prod(expected_shape)),
                id="forward-flattened"),
        Mistake(f"{key} has samples as columns: its shape is the transpose of {expected_shape}; samples "
                f"are rows (X @ W, not W.T @ X.T without transposing back)",
                lambda got: N > 1 and expected_shape[0] != expected_shape[1]
                and np.shape(got) == expected_shape[::-1], id="forward-samples-as-columns"),
        Mistake(f"{key} is a boolean array: relu must return the values max(0, z), not the mask z > 0",
                lambda got: np.asarray(got).dtype == bool, id="relu-returns-mask"),
    ]
    if key == "A2":
        mistakes.append(Mistake("A2 has nan where Z2 is large: your sigmoid overflows (np.exp(z) / (1 + np.exp(z)) "
                                "is inf / inf for z > 709.78); use a form that only exponentiates non-positive "
                                "numbers", overflow_nan(variants), id="sigmoid-overflow-nan"))
        mistakes.append(Mistake("A2 is off where |Z2| is large: your sigmoid clips z to a small range before "
                                "exponentiating, so beyond the bound it returns the value at the bound; "
                                "exponentiate only non-positive numbers instead", clipped_sigmoid(variants),
                                id="sigmoid-clips-input"))
    return mistakes


def clipped_sigmoid(variants):
    """True when A2 equals sigmoid(clip(Z2, -c, c)) for a bound c below every |Z2| where A2 is off."""
    def applies(got):
        Z2 = variants()["right"]["Z2"]
        right = _sigmoid(Z2)
        array = np.asarray(got, dtype=float)
        if array.shape != Z2.shape:
            return False
        off = ~np.isclose(array, right, rtol=1e-6, atol=1e-9)
        if not off.any():
            return False
        bound = np.min(np.abs(Z2[off]))
        return any(np.allclose(array, _sigmoid(np.clip(Z2, -c, c)), rtol=1e-6, atol=1e-12)
                   for c in (5, 10, 15, 20, 30, 50, 100, 500) if c < bound)
    return applies


def overflow_nan(variants):
    """True when A2 is right except nan exactly where Z2 overflows np.exp."""
    def applies(got):
        Z2 = variants()["right"]["Z2"]
        right = _sigmoid(Z2)
        array = np.asarray(got, dtype=float)
        nan = np.isnan(array)
        return (array.shape == Z2.shape and nan.any() and np.all(Z2[nan] > np.log(np.finfo(float).max))
                and np.allclose(array[~nan], right[~nan], atol=1e-9))
    return applies


def _compare(student, X, params, reference, call, **tolerance):
    got = student.forward(X, params)
    expect_unchanged(student.last_call, what=call)  # first: a changed X or params explains wrong values
    A2, cache = _unpack(got, call)
    expected_A2, expected = reference.forward(X, params)
    # the wrong passes are needed only to name a mistake once a check fails: computed then, once per call
    variants = functools.lru_cache(maxsize=None)(lambda: _variants(np.asarray(X, dtype=float), params))
    inputs = {"X": X}
    for key in CACHE_KEYS:
        expect_close(cache[key], expected[key], what=f'cache["{key}"] of {call}', inputs=inputs,
                     strict_type=True, mistakes=_mistakes(key, variants, expected[key].shape), **tolerance)
    expect_close(A2, expected_A2, what=f"A2 (first value) of {call}", inputs=inputs, strict_type=True,
                 mistakes=_mistakes("A2", variants, expected_A2.shape), **tolerance)


def _random_params(rng, D, H, bias_shape="row", scale=1.0):
    params = {
        "W1": rng.normal(0.0, 1.0, size=(D, H)),
        "b1": rng.normal(0.0, 0.5 * scale, size=(1, H)),
        "W2": rng.normal(0.0, 1.0, size=(H, 1)),
        "b2": rng.normal(0.0, 0.5 * scale, size=(1, 1)),
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
                 what='A2 returned first must hold the same values as cache["A2"]')


@pytest.mark.points(2, problem="forward")
def test_forward_on_the_chapter_batch_with_seed_42_matches_reference(student, reference):
    X, _ = reference.chapter_batch()
    params = reference.init_params(42)
    _compare(student, X, params, reference, "forward(X, init_params(42)) on the chapter's 5x4 batch")


@pytest.mark.points(2, problem="forward")
def test_forward_intermediates_match_reference_for_random_params_and_batches(student, reference,
                                                                              rng):
    for N, D, H in [(5, 4, 3), (1, 4, 3), (8, 2, 5), (3, 6, 6), (7, 3, 2), (2, 1, 1)]:
        X = rng.normal(0.0, 1.5, size=(N, D))
        params = _random_params(rng, D, H)
        _compare(student, X, params, reference,
                 f"forward(X, params) with X {N}x{D}, hidden size {H}, nonzero biases")
    # a tiny scale: relative errors count (the absolute tolerance is scaled down with the numbers)
    X = rng.normal(0.0, 1e-6, size=(4, 4))
    params = _random_params(rng, 4, 3, scale=1e-6)
    _compare(student, X, params, reference, "forward(X, params) with X and biases of size about 1e-6",
             atol=1e-15)


@pytest.mark.points(1, problem="forward")
def test_forward_accepts_one_dimensional_biases_and_leaves_them_unchanged(student, reference, rng):
    for N, D, H in [(5, 4, 3), (4, 2, 6), (1, 3, 2)]:
        X = rng.normal(0.0, 1.5, size=(N, D))
        params = _random_params(rng, D, H, bias_shape="flat")
        _compare(student, X, params, reference,
                 f"forward(X, params) with 1-D biases b1 ({H},) and b2 (1,)")


@pytest.mark.points(1, problem="forward")
def test_forward_handles_a_single_sample_and_saturated_outputs(student, reference, rng):
    X = rng.normal(0.0, 1.0, size=(1, 4))
    params = _random_params(rng, 4, 3)
    _compare(student, X, params, reference, "forward(X, params) for one sample X of shape (1, 4)")
    # Z2 is about +1101, -598 and -2699 for these three samples: sigmoid must give 1, ~0 and 0.
    X = np.array([[400.0, 0.0, 0.0, 0.0], [0.0, 0.0, 400.0, 0.0], [0.0, 0.0, 0.0, -3000.0]])
    params = {
        "W1": np.array([[1.0, -1.0, 0.5], [0.5, 0.5, -1.0], [-1.0, 1.0, 1.0], [0.2, -0.3, 0.4]]),
        "b1": np.array([[0.1, -0.2, 0.3]]),
        "W2": np.array([[2.0], [-3.0], [1.5]]),
        "b2": np.array([[0.5]]),
    }
    _compare(student, X, params, reference,
             "forward(X, params) for inputs large enough that the output sigmoid saturates")
