"""Public check of hadamard and product_rules."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "hadamard"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"the gate example, S (.) S and a shape mismatch {REMINDER}")
def element_wise_products(hadamard):
    gate, data = np.array([[1, 0, 1], [0, 1, 0]]), np.array([[5, 3, 8], [2, 7, 4]])
    expect_close(hadamard(gate, data), [[5, 0, 8], [0, 7, 0]], rtol=0, atol=0, what="hadamard(gate, data)")
    S = np.array([[1.0, 2.0], [3.0, 4.0]])
    T = np.array([[2.0, 0.5], [1.0, 3.0]])
    expect_close(hadamard(S, T), [[2, 1], [3, 12]], what="hadamard(S, T)", inputs={"S": S, "T": T})
    expect_true(np.array_equal(S, [[1.0, 2.0], [3.0, 4.0]]) and np.array_equal(T, [[2.0, 0.5], [1.0, 3.0]]),
                "hadamard(S, T) changed S or T: build a new array instead of multiplying in place")
    raised = False
    try:
        hadamard(np.ones((2, 3)), np.ones((1, 3)))
    except ValueError:
        raised = True
    expect_true(raised, "hadamard must refuse the shapes (2, 3) and (1, 3) with ValueError, "
                        "even though * broadcasts them")


@test_case(hidden=False, points=1, failure_message=f"which products the shapes allow {REMINDER}")
def rules(product_rules):
    for shapes, allowed in ((((2, 3), (2, 3)), (True, False)), (((2, 3), (3, 2)), (False, True)),
                            (((3, 3), (3, 3)), (True, True))):
        got = product_rules(*shapes)
        expect_true(isinstance(got, tuple), f"product_rules{shapes} must return a tuple, not {type(got).__name__}")
        expect_equal(tuple(bool(v) for v in got), allowed, what=f"product_rules{shapes}")
