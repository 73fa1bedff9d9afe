"""Public check of sigmoid, sigmoid_prime, vanishing_product and gradient_through_layers."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "sigmoid_derivative"
points = 6

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"the sigmoid and its slope, without overflow {REMINDER}")
def slope(sigmoid, sigmoid_prime):
    zs = np.array([-1000.0, -5.0, -2.0, 0.0, 2.0, 5.0, 1000.0])
    # an overflow (exp of a large number) raises here instead of only warning: the functions must avoid it
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = sigmoid(zs)
        slopes = sigmoid_prime(zs)
    expect_close(values, [0.0, 0.00669285092428, 0.119202922022, 0.5, 0.880797077978, 0.993307149076, 1.0],
                 what="sigmoid(z)", inputs={"z": zs})
    expect_close(slopes, [0.0, 0.0066480567, 0.1049935854, 0.25, 0.1049935854, 0.0066480567, 0.0],
                 what="sigmoid_prime(z)", inputs={"z": zs})
    expect_close(zs, [-1000.0, -5.0, -2.0, 0.0, 2.0, 5.0, 1000.0], what="z after the calls (it must not change)")
    grid = np.linspace(-8, 8, 1601)
    expect_close(grid[np.argmax(sigmoid_prime(grid))], 0.0, what="where sigmoid_prime is largest on [-8, 8]")
    expect_true(np.all(np.isfinite(sigmoid_prime(grid))), "sigmoid_prime must be finite everywhere")


@test_case(hidden=False, points=3, failure_message=f"gradients through a chain of sigmoids {REMINDER}")
def through_layers(vanishing_product, gradient_through_layers):
    expect_close(vanishing_product(10), 9.5367431640625e-07, rtol=1e-12, atol=0, what="vanishing_product(10)")
    expect_close(vanishing_product(0), 1.0, what="vanishing_product(0)")
    expect_close(gradient_through_layers([0.5, -1.0, 2.0]), 0.004851179704919531, rtol=1e-9, atol=0,
                 what="gradient_through_layers([0.5, -1.0, 2.0])")
    expect_close(gradient_through_layers(np.zeros(10)), vanishing_product(10), rtol=1e-12, atol=0,
                 what="gradient_through_layers of ten zeros against vanishing_product(10)")
    expect_close(gradient_through_layers([]), 1.0, what="gradient_through_layers([]) (no layer)")
