"""Public check of bernoulli_pmf and gaussian_pdf on the chapter's examples."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close

name = "distributions"
points = 6

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"the Bernoulli pmf of the fraud example and at p = 0, 1 {REMINDER}")
def bernoulli(bernoulli_pmf):
    expect_close(bernoulli_pmf(1, 0.047), 0.047, what="bernoulli_pmf(1, 0.047)")
    expect_close(bernoulli_pmf(0, 0.047), 0.953, what="bernoulli_pmf(0, 0.047)")
    expect_close(bernoulli_pmf(np.array([0, 1, 0, 1]), np.array([0.0, 0.0, 1.0, 1.0])), [1.0, 0.0, 0.0, 1.0],
                 what="the pmf at the edges p = 0 and p = 1 (no nan)")


@test_case(hidden=False, points=3, failure_message=f"the Gaussian densities of the delivery times {REMINDER}")
def gaussian(gaussian_pdf):
    times = np.array([25, 30, 35, 40, 50])
    expect_close(gaussian_pdf(times, mu=35, sigma=8),
                 [0.02283114, 0.04102012, 0.04986779, 0.04102012, 0.00859828], rtol=1e-6, atol=1e-8,
                 what="gaussian_pdf(x, mu=35, sigma=8)", inputs={"x": times})
    expect_close(gaussian_pdf(0.0, 0.0, 0.1), 3.98942280,
                 what="gaussian_pdf(0, 0, 0.1) (sigma is the standard deviation)")
