"""Public check of sphere_position and inside_mask on the examples of the text."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_equal, expect_true

name = "hypersphere"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"inside, on or outside for the points of the text {REMINDER}")
def positions(sphere_position):
    for point, r, expected in (([3.0, 4.0], 5.0, "on"), ([1.0, 1.0], 2.0, "inside"), ([3.0, 3.0], 4.0, "outside"),
                               ([1.0, 2.0, 2.0], 3.0, "on"), ([1.0] * 9, 3.0, "on")):
        expect_equal(sphere_position(np.array(point), r), expected, what=f"sphere_position({point}, {r})")
    expect_equal(sphere_position(np.array([0.5, 1.2]), 1.3), "on",
                 what="sphere_position([0.5, 1.2], 1.3) (compare with a tolerance, not with ==)")
    expect_equal(sphere_position(np.array([4.0, 5.0]), 1.0, center=np.array([4.0, 5.5])), "inside",
                 what="sphere_position([4, 5], 1.0, center=[4, 5.5])")


@test_case(hidden=False, points=1, failure_message=f"inside_mask of four points {REMINDER}")
def mask(inside_mask):
    result = inside_mask(np.array([[0.0, 0.0], [3.0, 4.0], [0.5, -0.5], [9.0, 0.0]]), 5.0)
    dtype = np.asarray(result).dtype
    expect_true(dtype == bool, f"inside_mask must return a boolean array, not one of dtype {dtype}")
    expect_equal(np.asarray(result).tolist(), [True, False, True, False],
                 what="inside_mask of [0, 0], [3, 4], [0.5, -0.5], [9, 0] with r = 5")
