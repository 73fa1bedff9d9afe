"""Public check of forward on the chapter's demo batch X_demo with init_params(42)."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "forward"
points = 7

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the forward pass of the demo batch {REMINDER}")
def demo_batch(forward, init_params, X_demo):
    A2, cache = forward(X_demo, init_params(42))
    for key, shape in (("Z1", (5, 3)), ("A1", (5, 3)), ("Z2", (5, 1)), ("A2", (5, 1))):
        expect_equal(np.shape(cache[key]), shape, what=f"shape of cache[{key!r}]")
    expect_equal(np.shape(A2), (5, 1), what="shape of A2")
    expect_close(cache["A2"], A2, rtol=0, atol=0, what="cache['A2'] against the returned A2")
    expect_true(np.all(np.asarray(cache["A1"]) >= 0), "A1 = relu(Z1) is never negative")
    expect_close(np.ravel(A2), [0.62758589, 0.59372764, 0.50336096, 0.81077496, 0.50512552],
                 what="A2 of the demo batch")
