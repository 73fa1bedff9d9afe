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
    expect_equal(sphere_position(np.array([600.0, 800.0000003125]), 1000.0), "on",
                 what="sphere_position([600, 800.0000003125], 1000) (d2 - r**2 = 5e-4 <= 1e-9 * r**2: the "
                      "tolerance is relative)")
    threshold = np.array([2.316343754529953, 0.00036793947219848633, 4.470348358154297e-06, 1.4901161193847656e-07])
    expect_equal(sphere_position(threshold, 2.316343784915104), "on",
                 what="sphere_position(p, r) for a point whose d2 misses r**2 by exactly 1e-9 * r**2 (<=, not <)")


@test_case(hidden=False, points=1, failure_message=f"inside_mask of four points {REMINDER}")
def mask(inside_mask):
    result = inside_mask(np.array([[0.0, 0.0], [3.0, 4.0], [0.5, -0.5], [9.0, 0.0]]), 5.0)
    expect_true(isinstance(result, np.ndarray) and result.dtype == bool,
                f"inside_mask must return a boolean NumPy array, not {type(result).__name__} "
                f"of dtype {np.asarray(result).dtype}")
    expect_equal(result.tolist(), [True, False, True, False],
                 what="inside_mask of [0, 0], [3, 4], [0.5, -0.5], [9, 0] with r = 5")
    result = inside_mask(np.array([[0.5, 1.2], [0.3, 0.3], [1.2, -0.5]]), 1.3)
    expect_equal(np.asarray(result).tolist(), [False, True, False],
                 what="inside_mask of [0.5, 1.2] (on the circle, up to rounding), [0.3, 0.3], [1.2, -0.5] with r = 1.3")
