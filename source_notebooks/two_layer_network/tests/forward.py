"""Public check of forward on the chapter's demo batch X_demo with init_params(42)."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "forward"
points = 7

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
A2_DEMO = [0.62758589, 0.59372764, 0.50336096, 0.81077496, 0.50512552]
A2_BIASED = [0.72565465, 0.69639919, 0.62650598, 0.870554, 0.62815622]


def unchanged(before, after):
    return before.keys() == after.keys() and all(np.array_equal(before[k], after[k]) and
                                                 np.shape(before[k]) == np.shape(after[k]) for k in before)


@test_case(hidden=False, failure_message=f"the forward pass of the demo batch {REMINDER}")
def demo_batch(forward):
    X = X_DEMO.copy()
    params = {key: value.copy() for key, value in PARAMS.items()}
    A2, cache = forward(X, params)
    expect_true(np.array_equal(X, X_DEMO) and unchanged(PARAMS, params),
                "forward changed its arguments X or params: leave both as they were")
    for key, shape in (("Z1", (5, 3)), ("A1", (5, 3)), ("Z2", (5, 1)), ("A2", (5, 1))):
        expect_equal(np.shape(cache[key]), shape, what=f"shape of cache[{key!r}]")
    expect_equal(np.shape(A2), (5, 1), what="shape of A2")
    expect_close(cache["A2"], A2, rtol=0, atol=0, what="cache['A2'] against the returned A2")
    expect_true(np.all(np.asarray(cache["A1"]) >= 0), "A1 = relu(Z1) is never negative")
    expect_true(np.any(np.asarray(cache["Z1"]) < 0),
                "Z1 of the demo batch has negative entries: relu must not overwrite Z1 (build A1 as a new array)")
    expect_close(np.ravel(A2), A2_DEMO, what="A2 of the demo batch")
    flat = {"W1": PARAMS["W1"], "b1": np.zeros(3), "W2": PARAMS["W2"], "b2": np.zeros(1)}
    given = {key: value.copy() for key, value in flat.items()}
    A2_flat, _ = forward(X_DEMO.copy(), given)
    expect_true(unchanged(flat, given), "forward changed params given 1-D biases b1 (3,) and b2 (1,): "
                                        "reshape into new local names, never into params")
    expect_close(np.ravel(A2_flat), A2_DEMO, what="A2 of the demo batch with 1-D biases b1 (3,) and b2 (1,)")
    biased = dict(PARAMS, b1=np.array([[0.1, -0.2, 0.3]]), b2=np.array([[0.5]]))
    A2_biased, _ = forward(X_DEMO.copy(), biased)
    expect_close(np.ravel(A2_biased), A2_BIASED,
                 what="A2 of the demo batch with the biases b1 = [[0.1, -0.2, 0.3]] and b2 = [[0.5]]")
