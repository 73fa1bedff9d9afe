"""Public check of cosine_similarity, angle_between and the projections."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "similarity"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"cosines and angles of the examples {REMINDER}")
def cosines_and_angles(cosine_similarity, angle_between):
    expect_close(cosine_similarity(np.array([3.0, 4.0]), np.array([1.0, 2.0])), 11 / (5 * np.sqrt(5)),
                 what="cosine_similarity([3, 4], [1, 2])")
    expect_close(angle_between(np.array([1.0, 0.0]), np.array([0.0, 1.0])), np.pi / 2,
                 what="angle_between([1, 0], [0, 1]) in radians")
    expect_close(angle_between(np.array([1.0, 7, 8]), np.array([3.0, 4, 7]), degrees=True), 18.698, atol=1e-3,
                 what="angle_between([1, 7, 8], [3, 4, 7], degrees=True)")
    v = np.array([1.1, 2.2, 3.3])
    for factor in (2.0, 3.0, 7.0, 0.3, -3.0, -0.3):
        cosine = cosine_similarity(v, factor * v)
        expect_true(-1.0 <= cosine <= 1.0, f"cosine_similarity(v, {factor} * v) is {cosine!r}, outside [-1, 1]: "
                                           "clip it (rounding pushes parallel vectors past 1)")
        expect_close(angle_between(v, factor * v), 0.0 if factor > 0 else np.pi, rtol=0, atol=1e-7,
                     what=f"the angle between v and {factor} v (clip the cosine before np.arccos)", inputs={"v": v})


@test_case(hidden=False, points=2, failure_message=f"the projections of the examples {REMINDER}")
def projections(scalar_projection, vector_projection):
    expect_close(scalar_projection(np.array([2.0, 2]), np.array([1.0, 0])), 2.0,
                 what="scalar_projection([2, 2], [1, 0])")
    expect_close(vector_projection(np.array([2.0, 2]), np.array([1.0, 0])), [2.0, 0.0],
                 what="vector_projection([2, 2], [1, 0])")
    expect_close(scalar_projection(np.array([-1.0, 0]), np.array([3.0, 0])), -1.0,
                 what="scalar_projection([-1, 0], [3, 0])")
