"""Hidden tests for `init_params(seed=42)` of the two-layer network assignment.

Contract (stated in the notebook): one generator ``rng = np.random.default_rng(seed)``;
W1 = rng.standard_normal((4, 3)) * sqrt(1/4) is drawn first, then W2 = rng.standard_normal((3, 1))
* sqrt(1/3); b1 = zeros (1, 3) and b2 = zeros (1, 1) use no draws. The result is a dict.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close, expect_true

KEYS = ("W1", "b1", "W2", "b2")
SHAPES = {"W1": (4, 3), "b1": (1, 3), "W2": (3, 1), "b2": (1, 1)}
SCALES = {"W1": np.sqrt(1 / 4), "W2": np.sqrt(1 / 3)}


def _params(got, call):
    expect_true(isinstance(got, dict),
                f"{call} must return a dict with the keys W1, b1, W2, b2; it returned "
                f"{type(got).__name__}")
    missing = [key for key in KEYS if key not in got]
    expect_true(not missing, f"{call} returned a dict without the key(s) {missing}; "
                             f"expected the keys W1, b1, W2, b2")
    return got


def _proportional(got, raw):
    """True when `got` has the shape of `raw` and equals c * raw for one nonzero constant c."""
    got = np.asarray(got, dtype=float)
    if got.shape != raw.shape or not np.all(np.isfinite(got)) or np.any(raw == 0):
        return False
    ratio = got / raw
    return bool(ratio.flat[0] != 0 and np.allclose(ratio, ratio.flat[0], rtol=1e-6, atol=0))


def _weight_mistakes(name, seed):
    """Known wrong ways of drawing W1 or W2, as named predicates."""
    shape = SHAPES[name]
    scale = SCALES[name]
    fresh = np.random.default_rng(seed)
    w1_raw = fresh.standard_normal((4, 3))
    w2_raw = fresh.standard_normal((3, 1))
    swapped = np.random.default_rng(seed)
    w2_first = swapped.standard_normal((3, 1))
    w1_second = swapped.standard_normal((4, 3))
    legacy = np.random.RandomState(seed)
    legacy_w1 = legacy.randn(4, 3)
    legacy_w2 = legacy.randn(3, 1)
    transposed = np.random.default_rng(seed)
    w1_t = transposed.standard_normal((3, 4)).T
    w2_t = transposed.standard_normal((1, 3)).T
    raw = w1_raw if name == "W1" else w2_raw
    mistakes = [
        Mistake(f"{name} is not scaled: multiply the standard-normal draws by sqrt(1 / fan_in) "
                f"= {scale:.4f}",
                lambda got: np.allclose(np.asarray(got, dtype=float), raw, rtol=1e-6)),
        Mistake(f"{name} holds the right draws with the wrong scale: multiply by sqrt(1 / fan_in) "
                f"= {scale:.4f}",
                lambda got: _proportional(got, raw)),
        Mistake("W2 was drawn before W1: the stated draw order is W1 first, then W2 "
                "(from the same default_rng(seed))",
                lambda got: _proportional(got, w2_first if name == "W2" else w1_second)),
        Mistake(f"{name} comes from NumPy's global generator (np.random.seed / np.random.randn): "
                f"draw from rng = np.random.default_rng(seed) as the docstring states",
                lambda got: _proportional(got, legacy_w1 if name == "W1" else legacy_w2)),
        Mistake(f"{name} was drawn with the transposed shape and then transposed: draw shape "
                f"{shape} directly",
                lambda got: _proportional(got, w1_t if name == "W1" else w2_t)),
    ]
    if name == "W2":
        mistakes.append(Mistake(
            "W2 is not the next draw after W1: draw nothing in between (the biases are zeros and "
            "use no random numbers) and use one generator for both",
            lambda got: np.asarray(got).shape == shape))
    else:
        mistakes.append(Mistake(
            "W1 is not the first draw of np.random.default_rng(seed).standard_normal((4, 3))",
            lambda got: np.asarray(got).shape == shape))
    return mistakes


def _check_weights(student, reference, seed, call_default=False):
    call = "init_params()" if call_default else f"init_params(seed={seed})"
    got = _params(student.init_params() if call_default else student.init_params(seed), call)
    expected = reference.init_params(seed)
    for name in ("W1", "W2"):
        expect_close(got[name], expected[name], what=f"{name} of {call}",
                     mistakes=_weight_mistakes(name, seed))


@pytest.mark.points(1, problem="init_params")
def test_init_params_returns_arrays_of_the_exact_shapes(student):
    got = _params(student.init_params(42), "init_params(42)")
    for name in KEYS:
        value = got[name]
        expect_true(isinstance(value, np.ndarray),
                    f"{name} must be a NumPy array, got {type(value).__name__}")
        hint = " (biases are 2-D rows, not 1-D vectors)" if name.startswith("b") else ""
        expect_true(tuple(value.shape) == SHAPES[name],
                    f"{name} must have shape {SHAPES[name]}{hint}, got {tuple(value.shape)}")


@pytest.mark.points(1, problem="init_params")
def test_init_params_biases_start_at_zero(student):
    got = _params(student.init_params(42), "init_params(42)")
    for name in ("b1", "b2"):
        value = np.asarray(got[name])
        expect_true(value.dtype.kind in "iuf" and value.size > 0 and np.all(value == 0),
                    f"{name} must be all zeros (biases start at zero), got {value!r}")


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
        expect_close(again[name], first[name], rtol=0, atol=0,
                     what=f"{name} of a second call init_params(7) (must repeat the first call)")
    for name in ("W1", "W2"):
        w7, w8 = first[name], other[name]
        same = (isinstance(w7, np.ndarray) and isinstance(w8, np.ndarray)
                and w7.shape == w8.shape and np.array_equal(w7, w8))
        expect_true(not same,
                    f"init_params(7) and init_params(8) returned the same {name}: the seed must "
                    f"select the generator (np.random.default_rng(seed))")
