"""Public check of bernoulli_pmf and gaussian_pdf on the chapter's examples."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "distributions"
points = 6

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"the Bernoulli pmf of the fraud example and at p = 0, 1 {REMINDER}")
def bernoulli(bernoulli_pmf):
    fraud = bernoulli_pmf(1, 0.047)
    expect_close(fraud, 0.047, what="bernoulli_pmf(1, 0.047)")
    expect_true(not isinstance(fraud, np.ndarray),
                "bernoulli_pmf(1, 0.047) must be a float, not an np.ndarray (convert a 0-d result with float(...))")
    expect_close(bernoulli_pmf(0, 0.047), 0.953, what="bernoulli_pmf(0, 0.047)")
    labels = np.array([0, 1, 0, 1])
    expect_close(bernoulli_pmf(labels, np.array([0.0, 0.0, 1.0, 1.0])), [1.0, 0.0, 0.0, 1.0],
                 what="the pmf at the edges p = 0 and p = 1 (no nan)", strict_type=True)
    one = bernoulli_pmf(np.array([0]), 0.3)
    expect_true(isinstance(one, np.ndarray) and one.shape == (1,),
                f"bernoulli_pmf(np.array([0]), 0.3) must be an array of shape (1,), got {one!r}")
    expect_true(labels.tolist() == [0, 1, 0, 1], "bernoulli_pmf must not modify its argument x")


@test_case(hidden=False, points=3, failure_message=f"the Gaussian densities of the delivery times {REMINDER}")
def gaussian(gaussian_pdf):
    times = np.array([25, 30, 35, 40, 50])
    expect_close(gaussian_pdf(times, mu=35, sigma=8),
                 [0.02283114, 0.04102012, 0.04986779, 0.04102012, 0.00859828], rtol=1e-6, atol=1e-8,
                 what="gaussian_pdf(x, mu=35, sigma=8)", inputs={"x": times}, strict_type=True)
    peak = gaussian_pdf(0.0, 0.0, 0.1)
    expect_close(peak, 3.98942280, what="gaussian_pdf(0, 0, 0.1) (sigma is the standard deviation)")
    expect_true(not isinstance(peak, np.ndarray), "gaussian_pdf of three numbers must be a float, not an np.ndarray")
    expect_close(gaussian_pdf(20.0, 0.0, 1.0), 5.52094836e-88, rtol=1e-6, atol=0.0,
                 what="gaussian_pdf(20, 0, 1), twenty standard deviations out (compared relatively)")
