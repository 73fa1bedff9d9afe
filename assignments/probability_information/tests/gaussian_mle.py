"""Public check of gaussian_mle and gaussian_log_likelihood."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "gaussian_mle"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3,
           failure_message=f"the estimates of the hand example, 100 draws and one sample {REMINDER}")
def estimates(gaussian_mle):
    samples = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    pair = gaussian_mle(samples)
    expect_true(isinstance(pair, (tuple, list)) and len(pair) == 2,
                f"gaussian_mle must return the tuple (mu_hat, sigma_hat), got {type(pair).__name__}")
    mu_hat, sigma_hat = pair
    expect_close(mu_hat, 5.0, what="mu_hat of the hand example")
    expect_close(sigma_hat, 2.0, what="sigma_hat of the hand example (the MLE divides by n: 2.0, not 2.138)")
    expect_true(samples.tolist() == [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], "gaussian_mle must not modify x")
    mu_hat, sigma_hat = gaussian_mle(np.random.RandomState(42).normal(5.0, 2.0, size=100))
    expect_close(mu_hat, 4.79230697, what="mu_hat of 100 draws of N(5, 2^2)")
    expect_close(sigma_hat, 1.80723235, what="sigma_hat of 100 draws of N(5, 2^2)")
    mu_one, sigma_one = gaussian_mle(np.array([3.7]))
    expect_close(mu_one, 3.7, what="mu_hat of one sample")
    expect_close(sigma_one, 0.0, what="sigma_hat of one sample (0, not nan)")


@test_case(hidden=False, points=2, failure_message=f"log-likelihoods under two Gaussians {REMINDER}")
def log_likelihoods(gaussian_log_likelihood, gaussian_mle):
    expect_close(gaussian_log_likelihood(np.array([1.0, 2.0, 3.0]), 2.0, 1.0), -1.5 * np.log(2 * np.pi) - 1.0,
                 what="the log-likelihood of [1, 2, 3] under N(2, 1)")
    draws = np.random.RandomState(42).normal(5.0, 2.0, size=100)
    mu_hat, sigma_hat = gaussian_mle(draws)
    expect_true(gaussian_log_likelihood(draws, mu_hat, sigma_hat) > gaussian_log_likelihood(draws, 5.0, 2.0),
                "the estimates must fit the draws better than the true parameters (5, 2) do")
    expect_close(gaussian_log_likelihood(np.array([40.0]), 0.0, 1.0), -800.91893853,
                 what="one sample 40 standard deviations out (its density underflows to 0: use the formula)")
