"""Public check of vector_norms and unit_vector."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "norms"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=2, failure_message=f"the norms of [3, -4, 1] and [3, 4] {REMINDER}")
def norms_of_the_examples(vector_norms):
    norms = vector_norms(np.array([3.0, -4.0, 1.0]))
    for key, value in (("l1", 8.0), ("l2", np.sqrt(26)), ("linf", 4.0)):
        expect_close(norms[key], value, what=f"vector_norms([3, -4, 1])[{key!r}]")
    norms = vector_norms(np.array([3.0, 4.0]))
    expect_close([norms[key] for key in ("l1", "l2", "linf")], [7.0, 5.0, 4.0],
                 what="the l1, l2 and linf norms of [3, 4]")


@test_case(hidden=False, points=2, failure_message=f"the unit vector of [3, 4] and of the zero vector {REMINDER}")
def unit_vectors(unit_vector):
    v = np.array([3.0, 4.0])
    expect_close(unit_vector(v), [0.6, 0.8], what="unit_vector([3.0, 4.0])")
    expect_true(np.array_equal(v, [3.0, 4.0]), "unit_vector(v) changed v: return a new array (v / length)")
    raised = False
    try:
        unit_vector(np.zeros(3))
    except ValueError:
        raised = True
    expect_true(raised, "unit_vector of the zero vector must raise ValueError")
