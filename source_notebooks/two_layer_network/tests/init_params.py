"""Public check of init_params: shapes, zero biases and the stated draws of default_rng(42)."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "init_params"
points = 6

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=4, failure_message=f"the parameters of the chapter's 4-3-1 network {REMINDER}")
def the_chapters_network(init_params):
    params = init_params()
    expect_equal(sorted(params), ["W1", "W2", "b1", "b2"], what="the keys of init_params()")
    for key, shape in (("W1", (4, 3)), ("b1", (1, 3)), ("W2", (3, 1)), ("b2", (1, 1))):
        expect_equal(np.shape(params[key]), shape, what=f"shape of params[{key!r}]")
        expect_true(isinstance(params[key], np.ndarray) and params[key].dtype == np.float64,
                    f"params[{key!r}] must be a float64 NumPy array")
    expect_close(params["b1"], np.zeros((1, 3)), what="params['b1'], which starts at zero")
    expect_close(params["b2"], np.zeros((1, 1)), what="params['b2'], which starts at zero")
    # the first draw of default_rng(42) is 0.3047..., times sqrt(1/4)
    expect_close(params["W1"][0, 0], 0.15235854, rtol=1e-5, what="params['W1'][0, 0] (the stated draws)")
    expect_close(params["W2"][1, 0], 0.65081301, rtol=1e-5, what="params['W2'][1, 0] (the stated draws)")


@test_case(hidden=False, points=2, failure_message=f"the seed decides the weights {REMINDER}")
def the_seed_decides(init_params):
    expect_close(init_params(7)["W1"], init_params(7)["W1"], rtol=0, atol=0, what="W1 of two calls with seed 7")
    expect_true(not np.allclose(init_params(7)["W1"], init_params(8)["W1"]),
                "init_params(7) and init_params(8) must give other weights: use the seed argument")
