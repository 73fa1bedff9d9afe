"""Hidden tests for `shapes_report(X, params)`.

Contract: a dict with exactly the keys "X", "Z1", "A1", "Z2", "A2", each mapped to that array's shape
as a tuple of ints (what array.shape gives; a list is not a tuple): X (N, D), Z1 and A1 (N, H),
Z2 and A2 (N, 1), following X and params (nothing fixed to the chapter's sizes).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_equal, expect_true

KEYS = ("X", "Z1", "A1", "Z2", "A2")
CHAPTER = {"X": (5, 4), "Z1": (5, 3), "A1": (5, 3), "Z2": (5, 1), "A2": (5, 1)}


def _is_int(item):
    return isinstance(item, (int, np.integer)) and not isinstance(item, (bool, np.bool_))


def _as_tuple(value):
    """A list, tuple or 1-D integer array of ints as a tuple, or None."""
    if isinstance(value, np.ndarray):
        value = value.tolist() if value.ndim == 1 else None
    if not isinstance(value, (tuple, list)) or not all(_is_int(item) for item in value):
        return None
    return tuple(int(item) for item in value)


def _mistakes(key, expected, shapes_of_params, all_expected):
    N, D = all_expected["X"]
    H = shapes_of_params["W1"][1]

    def shape_is(target):
        return lambda got: _as_tuple(got) == target

    mistakes = [
        Mistake(
            f"the shapes are fixed to the chapter's batch (5 samples, 4 features, 3 hidden units): read N "
            f"from X and H from W1 instead", lambda got: (N, D, H) != (5, 4, 3) and _as_tuple(got) == CHAPTER[key]
            and CHAPTER[key] != expected, id="shapes-hard-coded"),
    ]
    if key in ("Z1", "A1"):
        mistakes += [
            Mistake(f"{key} has D = W1.shape[0] columns: the hidden layer has H = W1.shape[1] columns "
                    f"(W1 is (D, H))", lambda got: D != H and shape_is((N, D))(got), id="shapes-hidden-width-from-d"),
            Mistake(f"{key} reports the shape of W1: {key} has one row per sample (N rows), W1 has one row "
                    f"per input feature", lambda got: N != D and shape_is(shapes_of_params["W1"])(got),
                    id="shapes-weight-shapes"),
            Mistake(f"{key} keeps 3 hidden units whatever W1 is: read H from W1.shape[1]",
                    lambda got: H != 3 and shape_is((N, 3))(got), id="shapes-hidden-width-hard-coded"),
        ]
    if key in ("Z2", "A2"):
        mistakes.append(Mistake(f"{key} reports the shape of W2: {key} has one row per sample (N rows), W2 "
                                f"has one row per hidden unit",
                                lambda got: N != H and shape_is(shapes_of_params["W2"])(got),
                                id="shapes-weight-shapes"))
    mistakes += [
        Mistake(f"{key} has rows and columns swapped: samples are rows, so the shape starts with N",
                lambda got: expected[0] != expected[1] and shape_is(expected[::-1])(got), id="shapes-transposed"),
        Mistake(f"{key} is reported 1-D: every step of the forward pass keeps 2-D arrays (N, ...)",
                lambda got: (t := _as_tuple(got)) is not None and len(t) == 1, id="shapes-one-dimensional"),
    ]
    return mistakes


def _check(got, X, params, reference, call):
    expect_true(isinstance(got, dict),
                f"{call} must return a dict with the keys {list(KEYS)}, got {type(got).__name__}")
    missing = [key for key in KEYS if key not in got]
    expect_true(not missing, f"{call} returned a dict without the key(s) {missing}")
    extra = sorted(str(key) for key in got if key not in KEYS)
    expect_true(not extra, f"{call} returned the extra key(s) {extra}: the report holds exactly the keys "
                           f"{list(KEYS)}",
                mistake=Mistake("the report holds more than the five shapes: keep exactly the keys X, Z1, A1, "
                                "Z2, A2", lambda _: True, id="shapes-extra-keys"))
    expected = reference.shapes_report(X, params)
    shapes_of_params = {name: tuple(np.shape(params[name])) for name in ("W1", "b1", "W2", "b2")}
    for key in KEYS:
        value = got[key]
        not_tuple = Mistake(f'{key} is given as a {type(value).__name__}: a shape is a tuple of ints, as '
                            f'array.shape gives it (tuple(...) if you built a list)',
                            lambda _: True, id="shapes-not-a-tuple")
        expect_true(isinstance(value, tuple) and all(_is_int(item) for item in value),
                    f'{call}["{key}"] must be a tuple of ints like X.shape, got {type(value).__name__} '
                    f"{describe(value)}",
                    mistake=not_tuple if _as_tuple(value) is not None or isinstance(value, str) else None)
        expect_equal(value, expected[key], what=f'the shape of {key} in {call}',
                     mistakes=_mistakes(key, expected[key], shapes_of_params, expected))


@pytest.mark.points(1, problem="shapes")
def test_shapes_report_on_the_chapter_batch(student, reference):
    X, _ = reference.chapter_batch()
    params = reference.init_params(42)
    _check(student.shapes_report(X, params), X, params, reference,
           "shapes_report(X, init_params(42)) for the chapter's 5x4 batch")


@pytest.mark.points(2, problem="shapes")
def test_shapes_report_follows_the_batch_and_layer_sizes(student, reference, rng):
    for N, D, H in [(1, 4, 3), (8, 4, 3), (3, 2, 5), (6, 7, 2), (2, 3, 1)]:
        X = rng.normal(size=(N, D))
        params = {"W1": rng.normal(size=(D, H)), "b1": np.zeros((1, H)),
                  "W2": rng.normal(size=(H, 1)), "b2": np.zeros((1, 1))}
        _check(student.shapes_report(X, params), X, params, reference,
               f"shapes_report(X, params) with X {N}x{D} and hidden size {H}")
