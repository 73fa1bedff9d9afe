"""Hidden tests for `init_params(seed=42)` of the two-layer network assignment.

Contract (stated in the notebook): a dict with exactly the keys W1, b1, W2, b2, each a float64
ndarray; one generator ``rng = np.random.default_rng(seed)`` made inside the call;
W1 = rng.standard_normal((4, 3)) * sqrt(1/4) is drawn first, then, as the very next draws,
W2 = rng.standard_normal((3, 1)) * sqrt(1/3); b1 = zeros (1, 3) and b2 = zeros (1, 1) use no draws;
the same seed always gives the same parameters; init_params() is init_params(42).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close, expect_equal, expect_true

KEYS = ("W1", "b1", "W2", "b2")
SHAPES = {"W1": (4, 3), "b1": (1, 3), "W2": (3, 1), "b2": (1, 1)}
SCALES = {"W1": np.sqrt(1 / 4), "W2": np.sqrt(1 / 3)}
DRAWN = {"W1": 12, "W2": 3}  # numbers each weight matrix takes from the generator


def _params(got, call):
    expect_true(isinstance(got, dict),
                f"{call} must return a dict with the keys W1, b1, W2, b2; it returned "
                f"{type(got).__name__}")
    missing = [key for key in KEYS if key not in got]
    expect_true(not missing, f"{call} returned a dict without the key(s) {missing}; "
                             f"it must hold the keys W1, b1, W2, b2")
    return got


def _ratio(got, raw):
    """The constant c with got == c * raw (same shape, every entry), or None."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    if got.shape != raw.shape or not np.all(np.isfinite(got)) or np.any(raw == 0):
        return None
    ratio = got / raw
    c = float(ratio.flat[0])
    if c == 0 or not np.allclose(ratio, c, rtol=1e-6, atol=0):
        return None
    return c


def _proportional(got, raw):
    return _ratio(got, raw) is not None


def _stream(seed, count=40):
    """The first `count` standard normals of np.random.default_rng(seed), in draw order."""
    return np.random.default_rng(seed).standard_normal(count)


def _weight_mistakes(name, seed, got_params):
    """Known wrong ways of drawing W1 (compared first) or W2 (compared once W1 is right)."""
    shape, scale = SHAPES[name], SCALES[name]
    stream = _stream(seed)
    start = 0 if name == "W1" else DRAWN["W1"]
    raw = stream[start:start + DRAWN[name]].reshape(shape)

    def scaled_by(c_wanted):
        return lambda got: (c := _ratio(got, raw)) is not None and np.isclose(c, c_wanted, rtol=1e-6)

    def wrong_scale(got):
        c = _ratio(got, raw)
        return c is not None and not np.isclose(abs(c), 1.0, rtol=1e-6) \
            and not np.isclose(c, scale, rtol=1e-6)

    mistakes = [
        Mistake(f"{name} is not scaled: multiply the standard-normal draws by sqrt(1 / fan_in) "
                f"= {scale:.4f}", scaled_by(1.0), id="init-weights-not-scaled"),
        Mistake(f"{name} holds the right draws with the wrong scale: multiply by sqrt(1 / fan_in) "
                f"= {scale:.4f} (fan_in = {shape[0]}, the number of rows of {name})",
                wrong_scale, id="init-weights-wrong-scale"),
    ]
    global_state = np.random.RandomState(seed)
    legacy = {"W1": global_state.randn(4, 3)}
    legacy["W2"] = global_state.randn(3, 1)
    mistakes.append(Mistake(
        f"{name} comes from NumPy's global generator (np.random.seed / np.random.randn): draw from "
        f"rng = np.random.default_rng(seed) as the docstring states",
        lambda got: _proportional(got, legacy[name]), id="init-global-generator"))
    if name == "W1":
        # W2 made of the generator's first three numbers: it was drawn before W1 (and not, say, b1)
        w2_drawn_first = _proportional(got_params.get("W2"), stream[:3].reshape(3, 1))
        if seed != 42:
            seed_42 = _stream(42)[:12].reshape(4, 3)
            mistakes.append(Mistake(
                f"init_params({seed}) gave the weights of seed 42: pass the seed argument to "
                f"np.random.default_rng(seed) instead of a fixed 42",
                lambda got: _proportional(got, seed_42), id="init-ignores-seed"))
        after_w2 = stream[3:15].reshape(4, 3)
        transposed = stream[:12].reshape(3, 4).T
        uniform = np.random.default_rng(seed).random((4, 3))
        mistakes += [
            Mistake("W2 was drawn before W1: the stated draw order is W1 first, then W2 "
                    "(from the same default_rng(seed))",
                    lambda got: w2_drawn_first and _proportional(got, after_w2), id="init-w2-drawn-first"),
            Mistake("W1 was drawn with the transposed shape (3, 4) and then transposed: draw shape "
                    "(4, 3) directly, rng.standard_normal((4, 3))",
                    lambda got: _proportional(got, transposed), id="init-transposed-draw"),
            Mistake("W1 holds uniform numbers in [0, 1) (rng.random): the weights are standard-normal "
                    "draws, rng.standard_normal((4, 3))",
                    lambda got: _proportional(got, uniform), id="init-uniform-draws"),
        ]
        skipped = [stream[k:k + 12].reshape(4, 3) for k in range(1, 5)]
        mistakes.append(Mistake(
            "W1 is not the first draw of the generator: something took random numbers before W1 "
            "(the biases are zeros and use no draws)",
            lambda got: not w2_drawn_first and any(_proportional(got, other) for other in skipped),
            id="init-draws-before-w1"))
    else:
        # (W2 drawn as a (1, 3) row and transposed holds the same numbers: not a mistake)
        W1 = got_params.get("W1")
        w1_ok = (isinstance(W1, np.ndarray) and W1.shape == (4, 3)
                 and np.allclose(W1, stream[:12].reshape(4, 3) * SCALES["W1"]))
        fresh_first = stream[:3].reshape(3, 1)
        uniform_rng = np.random.default_rng(seed)
        uniform_rng.standard_normal((4, 3))
        uniform = uniform_rng.random((3, 1))
        skipped = [stream[k:k + 3].reshape(3, 1) for k in range(13, 22)]
        mistakes += [
            Mistake("W2 comes from a second generator: make ONE rng = np.random.default_rng(seed) "
                    "and draw W2 from it right after W1",
                    lambda got: w1_ok and _proportional(got, fresh_first), id="init-two-generators"),
            Mistake("W2 holds uniform numbers in [0, 1) (rng.random): the weights are standard-normal "
                    "draws, rng.standard_normal((3, 1))",
                    lambda got: _proportional(got, uniform), id="init-uniform-draws"),
            Mistake("W2 is not the draw that follows W1: something took random numbers in between "
                    "(the biases are zeros and use no draws)",
                    lambda got: w1_ok and any(_proportional(got, other) for other in skipped),
                    id="init-draws-between-w1-and-w2"),
        ]
    return mistakes


def _check_weights(student, reference, seed, call_default=False):
    call = "init_params()" if call_default else f"init_params(seed={seed})"
    got = _params(student.init_params() if call_default else student.init_params(seed), call)
    expected = reference.init_params(seed)
    for name in ("W1", "W2"):
        expect_close(got[name], expected[name], what=f"{name} of {call}", strict_type=True,
                     mistakes=_weight_mistakes(name, seed, got))


NOT_ZERO = Mistake("the biases must start at zero (np.zeros((1, 3)) and np.zeros((1, 1))): they take "
                   "no random draws and are not ones", lambda got: np.any(np.asarray(got) != 0),
                   id="init-biases-not-zero")


@pytest.mark.points(1, problem="init_params")
def test_init_params_returns_float64_arrays_of_the_exact_shapes_under_exactly_four_keys(student):
    got = _params(student.init_params(42), "init_params(42)")
    extra = sorted(str(key) for key in got if key not in KEYS)
    expect_true(not extra, f"init_params(42) returned the extra key(s) {extra}: the dict holds exactly "
                           f"W1, b1, W2 and b2")
    for name in KEYS:
        value = got[name]
        expect_true(isinstance(value, np.ndarray),
                    f"{name} must be a NumPy array, got {type(value).__name__}")
        hint = " (biases are 2-D rows, not 1-D vectors)" if name.startswith("b") else ""
        transposed = Mistake(f"{name} has the transposed shape {SHAPES[name][::-1]}: it is {SHAPES[name]}, "
                             f"rows = the layer's inputs, columns = its units (Z = X @ W + b)",
                             lambda got, shape=SHAPES[name]: shape[0] != shape[1] and got == shape[::-1],
                             id="init-transposed-shape")
        one_d = Mistake(f"{name} is 1-D: biases are 2-D rows, shape {SHAPES[name]}, so that they broadcast "
                        f"over the samples", lambda got: len(got) == 1, id="init-biases-1d")
        expect_equal(tuple(value.shape), SHAPES[name], what=f"shape of {name}{hint}",
                     mistakes=[transposed, one_d] if name.startswith("b") else [transposed])
        expect_true(value.dtype == np.float64,
                    f"{name} must hold float64 numbers, got dtype {value.dtype} (np.zeros and "
                    f"standard_normal give float64)",
                    mistake=Mistake(f"{name} has an integer dtype: make the zeros floats, np.zeros(shape)",
                                    lambda _: True, id="init-integer-biases")
                    if value.dtype.kind in "iub" and name.startswith("b") else None)


@pytest.mark.points(1, problem="init_params")
def test_init_params_biases_start_at_zero(student):
    got = _params(student.init_params(42), "init_params(42)")
    for name in ("b1", "b2"):  # (their shapes are graded above: here only the values count)
        value = got[name]
        flat = np.ravel(value) if isinstance(value, np.ndarray) else value
        expect_close(flat, np.zeros(int(np.prod(SHAPES[name]))), rtol=0, atol=0, strict_type=True,
                     what=f"the entries of {name} of init_params(42)", mistakes=[NOT_ZERO])


@pytest.mark.points(2, problem="init_params")
def test_init_params_default_seed_42_gives_the_stated_draws(student, reference):
    _check_weights(student, reference, 42)
    _check_weights(student, reference, 42, call_default=True)


@pytest.mark.points(1, problem="init_params")
def test_init_params_matches_the_reference_for_other_seeds(student, reference):
    for seed in (0, 1, 7, 2024, 123456789):
        _check_weights(student, reference, seed)


@pytest.mark.points(1, problem="init_params")
def test_init_params_same_seed_repeats_and_different_seeds_differ(student):
    first = _params(student.init_params(7), "init_params(7)")
    again = _params(student.init_params(7), "init_params(7)")
    other = _params(student.init_params(8), "init_params(8)")
    for name in KEYS:
        not_reproducible = Mistake(
            "two calls init_params(7) gave different weights: create the generator inside init_params "
            "from its seed on every call (a generator made once outside the function goes on drawing)",
            lambda got, before=first[name]: isinstance(got, np.ndarray) and isinstance(before, np.ndarray)
            and got.shape == before.shape, id="init-not-reproducible")
        expect_close(again[name], first[name], rtol=0, atol=0, strict_type=True,
                     what=f"{name} of a second call init_params(7) (must repeat the first call)",
                     mistakes=[not_reproducible])
    for name in ("W1", "W2"):
        w7, w8 = first[name], other[name]
        same = (isinstance(w7, np.ndarray) and isinstance(w8, np.ndarray)
                and w7.shape == w8.shape and np.array_equal(w7, w8))
        expect_true(not same,
                    f"init_params(7) and init_params(8) returned the same {name}: the seed must "
                    f"select the generator (np.random.default_rng(seed))",
                    mistake=Mistake("init_params ignores its seed argument: pass it to "
                                    "np.random.default_rng(seed)", lambda _: True, id="init-ignores-seed"))
