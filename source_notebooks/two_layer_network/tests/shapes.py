"""Public check of shapes_report on the demo batch and on other sizes."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_equal, expect_true

name = "shapes"
points = 3

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The chapter's demo batch (the notebook's X_demo) and the parameters init_params(42) gives (Problem 1),
# written here so that this check needs only your own functions.
X_DEMO = np.random.RandomState(42).randn(5, 4)
PARAMS = {
    "W1": np.array([[0.15235853987721568, -0.5199920531202478, 0.3752255979032286],
                    [0.47028235819560693, -0.9755175943269182, -0.651089753431159],
                    [0.06392020158364269, -0.1581212961717911, -0.0084005787521444],
                    [-0.42652196378679, 0.4396989874314143, 0.38889596771447416]]),
    "b1": np.zeros((1, 3)),
    "W2": np.array([[0.03812284101174684], [0.6508130142846323], [0.2699166445978834]]),
    "b2": np.zeros((1, 1)),
}
# another network: 2 samples of 3 features, a layer of H = 2 units
X_SMALL = np.arange(6.0).reshape(2, 3)
PARAMS_SMALL = {"W1": np.ones((3, 2)), "b1": np.zeros((1, 2)), "W2": np.ones((2, 1)), "b2": np.zeros((1, 1))}


def check_report(report, expected, what):
    expect_true(isinstance(report, dict), f"shapes_report must return a dict, not {type(report).__name__}")
    expect_true(all(isinstance(shape, tuple) for shape in report.values()),
                "every shape must be a tuple, as array.shape gives it (not a list)")
    expect_equal(report, expected, what=what)


@test_case(hidden=False, failure_message=f"the shapes of the demo batch's forward pass {REMINDER}")
def demo_batch_shapes(shapes_report):
    check_report(shapes_report(X_DEMO, PARAMS), {"X": (5, 4), "Z1": (5, 3), "A1": (5, 3), "Z2": (5, 1), "A2": (5, 1)},
                 "shapes_report(X_demo, params) of the demo batch")
    check_report(shapes_report(X_SMALL, PARAMS_SMALL),
                 {"X": (2, 3), "Z1": (2, 2), "A1": (2, 2), "Z2": (2, 1), "A2": (2, 1)},
                 "shapes_report for 2 samples of 3 features and H = 2")
