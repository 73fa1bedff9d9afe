"""Hidden tests for `shapes_report(X, params)`.

Contract: a dict with the keys "X", "Z1", "A1", "Z2", "A2", each mapped to that array's shape as a
tuple of ints: X (N, D), Z1 and A1 (N, H), Z2 and A2 (N, 1). Extra keys are ignored.
"""

import numpy as np
import pytest

from autograder.suite.compare import expect_true

KEYS = ("X", "Z1", "A1", "Z2", "A2")


def _as_shape(value):
    """The value as a tuple of ints, or None when it is not a sequence of integers."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, (tuple, list)):
        return None
    items = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)):
            return None
        items.append(int(item))
    return tuple(items)


def _check(got, X, params, reference, call):
    expect_true(isinstance(got, dict),
                f"{call} must return a dict with the keys {list(KEYS)}, got {type(got).__name__}")
    missing = [key for key in KEYS if key not in got]
    expect_true(not missing, f"{call} returned a dict without the key(s) {missing}")
    expected = reference.shapes_report(X, params)
    shapes_of_params = {name: tuple(np.shape(params[name])) for name in ("W1", "b1", "W2", "b2")}
    for key in KEYS:
        shape = _as_shape(got[key])
        expect_true(shape is not None,
                    f'{call}["{key}"] must be a shape tuple of ints like {expected[key]}, got '
                    f"{got[key]!r}")
        if shape == expected[key]:
            continue
        hint = ""
        confused = [name for name, s in shapes_of_params.items() if s == shape]
        if confused and key != "X":
            hint = (f" ({shape} is the shape of {confused[0]}: {key} has one row per sample, "
                    f"N = {expected['X'][0]})")
        elif key != "X" and shape == expected["X"]:
            hint = (f" (that is the shape of X: the hidden layer has H = W1.shape[1] = "
                    f"{shapes_of_params['W1'][1]} columns)" if key in ("Z1", "A1") else
                    " (that is the shape of X: the output has one column)")
        elif shape == expected[key][::-1]:
            hint = " (rows and columns swapped: samples are rows)"
        elif len(shape) == 1:
            hint = " (a 1-D shape: every step of the forward pass keeps 2-D arrays)"
        expect_true(False, f'shape of {key} in {call}: expected {expected[key]}, got {shape}{hint}')


@pytest.mark.points(1, problem="shapes")
def test_shapes_report_on_the_chapter_batch(student, reference):
    X, _ = reference.chapter_batch()
    params = reference.init_params(42)
    _check(student.shapes_report(X, params), X, params, reference,
           "shapes_report(X, init_params(42)) for the chapter's 5x4 batch")


@pytest.mark.points(2, problem="shapes")
def test_shapes_report_follows_the_batch_and_layer_sizes(student, reference, rng):
    for N, D, H in [(1, 4, 3), (8, 4, 3), (3, 2, 5), (6, 7, 2)]:
        X = rng.normal(size=(N, D))
        params = {"W1": rng.normal(size=(D, H)), "b1": np.zeros((1, H)),
                  "W2": rng.normal(size=(H, 1)), "b2": np.zeros((1, 1))}
        _check(student.shapes_report(X, params), X, params, reference,
               f"shapes_report(X, params) with X {N}x{D} and hidden size {H}")
