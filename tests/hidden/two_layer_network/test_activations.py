"""Hidden tests for `relu(z)` and `sigmoid(z)`: elementwise on float arrays of any shape.

Contract: relu(z) = max(0, z) as floats (relu(0) = 0); sigmoid(z) = 1 / (1 + exp(-z)) computed
without overflow, so sigmoid(-1000) = 0 and sigmoid(1000) = 1, never nan.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close

SHAPES = [(7,), (3, 4), (2, 3, 5), (1, 1)]


def _relu_mistakes(z):
    return [
        Mistake("relu returned the boolean mask z > 0 instead of the values max(0, z)",
                lambda got: np.asarray(got).dtype == bool),
        Mistake("relu has the wrong sign: keep the positive inputs and set the negative ones to 0 "
                "(np.maximum(0, z)), not max(0, -z) or min(0, z)",
                lambda got: np.allclose(got, np.maximum(0, -z))
                or np.allclose(got, np.minimum(0, z))),
        Mistake("relu returned the input unchanged: negative inputs must become 0",
                lambda got: np.allclose(got, z)),
        Mistake("relu returned |z|: negative inputs must become 0, not their absolute value",
                lambda got: np.allclose(got, np.abs(z))),
    ]


def _sigmoid_mistakes(z, reference):
    return [
        Mistake("sigmoid overflows for large |z| and gives nan (exp(z) / (1 + exp(z)) at z = 1000 "
                "is inf / inf): use a form that only exponentiates non-positive numbers",
                lambda got: np.isnan(np.asarray(got, dtype=float)).any()),
        Mistake("sigmoid has the sign flipped: it computed 1 / (1 + exp(z)) = sigma(-z); "
                "sigma(z) = 1 / (1 + exp(-z)) is above 0.5 for positive z",
                lambda got: np.allclose(got, reference.sigmoid(-z), atol=1e-9)),
        Mistake("sigmoid returned a shape different from its input: it works elementwise",
                lambda got: np.shape(got) != np.shape(z)),
    ]


@pytest.mark.points(1, problem="activations")
def test_relu_matches_reference_on_random_arrays_of_any_shape(student, reference, rng):
    for shape in SHAPES:
        z = rng.normal(0.0, 3.0, size=shape)
        expect_close(student.relu(z), reference.relu(z), what="relu(z)", inputs={"z": z},
                     mistakes=_relu_mistakes(z))


@pytest.mark.points(1, problem="activations")
def test_relu_is_zero_at_zero_and_for_negatives_and_keeps_positives(student, reference):
    z = np.array([[-1e6, -2.5, -1e-300, 0.0], [1e-300, 0.5, 3.0, 1e6]])
    expect_close(student.relu(z), reference.relu(z), what="relu(z) on edge values",
                 inputs={"z": z}, mistakes=_relu_mistakes(z))
    zero = np.zeros((2, 2))
    expect_close(student.relu(zero), zero, what="relu of zeros (relu(0) = 0)",
                 inputs={"z": zero}, mistakes=_relu_mistakes(zero))


@pytest.mark.points(1, problem="activations")
def test_sigmoid_matches_reference_on_random_arrays(student, reference, rng):
    for shape in SHAPES:
        z = rng.normal(0.0, 4.0, size=shape)
        expect_close(student.sigmoid(z), reference.sigmoid(z), what="sigmoid(z)",
                     inputs={"z": z}, mistakes=_sigmoid_mistakes(z, reference))
    z = np.array([0.0, 0.97, 0.03, 2.295, -0.105, 5.095])  # the chapter's hand-worked values
    expect_close(student.sigmoid(z), reference.sigmoid(z), what="sigmoid(z)", inputs={"z": z},
                 mistakes=_sigmoid_mistakes(z, reference))


@pytest.mark.points(2, problem="activations")
def test_sigmoid_is_stable_for_large_magnitudes(student, reference):
    z = np.array([-1000.0, -800.0, -745.0, -710.0, -100.0, -30.0, 0.0, 30.0, 100.0, 710.0,
                  745.0, 800.0, 1000.0])
    expect_close(student.sigmoid(z), reference.sigmoid(z), what="sigmoid(z) for large |z|",
                 inputs={"z": z}, mistakes=_sigmoid_mistakes(z, reference))
    batch = np.array([[-1000.0, 1000.0, 0.0], [750.0, -750.0, 1.0]])
    expect_close(student.sigmoid(batch), reference.sigmoid(batch),
                 what="sigmoid(z) for a (2, 3) batch with large |z|", inputs={"z": batch},
                 mistakes=_sigmoid_mistakes(batch, reference))
