"""Public check of numerical_gradient and relative_error on the worked example."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "gradient_check"
points = 9

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The worked example's loss as a function of the logits, -log softmax(z)[0] = log(sum(exp(z))) - z[0], and
# its gradient softmax(z) - [1, 0, 0], written here so that this check needs only your own functions.
LOSS = lambda z: np.log(np.sum(np.exp(z))) - z[0]
ANALYTIC = np.array([-0.3409988611140321, 0.24243297070471392, 0.09856589040931818])
# A fast wave, whose central difference depends on the step: with the default h = 1e-5 at z = 0.3 it is
# (sin(100 (0.3 + 1e-5)) - sin(100 (0.3 - 1e-5))) / 2e-5, written out here.
WAVE = lambda z: np.sum(np.sin(100.0 * z))
WAVE_AT = np.array([0.3])
WAVE_CENTRAL = (np.sin(100.0 * (0.3 + 1e-5)) - np.sin(100.0 * (0.3 - 1e-5))) / 2e-5


@test_case(hidden=False, points=5, failure_message=f"the numerical gradient of the worked example's loss {REMINDER}")
def numerical_against_analytic(numerical_gradient, relative_error):
    logits = np.array([2.0, 1.0, 0.1])
    numeric = numerical_gradient(LOSS, logits)
    expect_true(isinstance(numeric, np.ndarray), f"numerical_gradient must return an np.ndarray, got "
                                                 f"{type(numeric).__name__}")
    expect_close(logits, [2.0, 1.0, 0.1], rtol=0, atol=0,
                 what="the logits after numerical_gradient (it must not modify them)")
    error = relative_error(numeric, ANALYTIC)
    expect_true(error < 1e-7, f"the relative error between the numerical and the analytic gradient is {error}, "
                              "above 1e-7")
    Z = np.array([[1.0, 2.0], [3.0, 4.0]])
    expect_close(numerical_gradient(lambda w: np.sum(w ** 2), Z), 2 * Z, rtol=1e-6, atol=1e-6, strict_type=True,
                 what="the numerical gradient of sum(w ** 2) at a (2, 2) matrix")
    expect_close(numerical_gradient(WAVE, WAVE_AT), [WAVE_CENTRAL], rtol=1e-9, atol=1e-9,
                 what="numerical_gradient(sum(sin(100 z)), [0.3]) with the default step h = 1e-5")


@test_case(hidden=False, points=4, failure_message=f"relative_error on small cases {REMINDER}")
def relative_error_cases(relative_error):
    expect_close(relative_error(np.zeros(3), np.zeros(3)), 0.0, what="relative_error of two zero vectors")
    expect_close(relative_error(np.array([1.0, -2.0]), np.array([-1.0, 2.0])), 1.0,
                 what="relative_error of opposite vectors")
    expect_close(relative_error(1.0, 2.0), 1 / 3, what="relative_error(1.0, 2.0)")
    expect_close(relative_error(np.array([1.0, 2.0]), np.array([1.0, 4.0])), 1 / 3,
                 what="relative_error([1, 2], [1, 4]) (the largest ELEMENT-WISE ratio)")
    expect_close(relative_error(np.array([3e-9]), np.array([1e-9])), 0.2,
                 what="relative_error([3e-9], [1e-9]) (|a| + |b| is below the floor: 2e-9 / max(4e-9, 1e-8))")
