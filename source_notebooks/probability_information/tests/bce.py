"""Public check of binary_cross_entropy on exercise B4, worked example 2 and two models."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "bce"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the losses of the chapter's examples {REMINDER}")
def losses(binary_cross_entropy):
    b4 = binary_cross_entropy(np.array([1, 0, 1, 0]), np.array([0.9, 0.2, 0.7, 0.1]))
    expect_close(b4, 0.19763488, what="exercise B4")
    expect_true(not isinstance(b4, np.ndarray), "binary_cross_entropy must return a float, not an np.ndarray")
    expect_close(binary_cross_entropy(np.array([1, 0, 1]), np.array([0.8, 0.3, 0.6])), 0.36354804,
                 what="worked example 2")
    y = np.array([1, 0, 1, 1, 0])
    good = binary_cross_entropy(y, np.array([0.9, 0.1, 0.85, 0.95, 0.05]))
    bad = binary_cross_entropy(y, np.array([0.3, 0.8, 0.4, 0.2, 0.7]))
    expect_true(good < bad, f"the good model's loss ({good}) must be below the bad model's ({bad})")
    certain = np.array([0.0])
    expect_close(binary_cross_entropy(np.array([1.0]), certain), -np.log(1e-15),
                 what="a prediction of 0 for a positive example (clip at 1e-15)")
    expect_true(certain[0] == 0.0, "binary_cross_entropy must not modify y_pred: clip into a new array")
