"""Public check of bernoulli_mle and bernoulli_log_likelihood (PhonePe and exercise B5)."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "bernoulli_mle"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3, failure_message=f"the estimates and log-likelihoods of the two examples {REMINDER}")
def examples(bernoulli_mle, bernoulli_log_likelihood):
    fraud_flags = np.zeros(1000)
    fraud_flags[:47] = 1
    np.random.default_rng(0).shuffle(fraud_flags)
    p_hat = bernoulli_mle(fraud_flags)
    expect_close(p_hat, 0.047, what="bernoulli_mle of the PhonePe sample (47 frauds in 1000)")
    expect_true(not isinstance(p_hat, np.ndarray), "bernoulli_mle must return a float, not an np.ndarray")
    expect_close(bernoulli_log_likelihood(fraud_flags, p_hat), -189.58533852, what="its log-likelihood")
    expect_true(fraud_flags.sum() == 47, "bernoulli_mle and bernoulli_log_likelihood must not modify x")
    orders = np.array([1] * 160 + [0] * 40)
    expect_close(bernoulli_mle(orders), 0.8, what="bernoulli_mle of exercise B5 (160 of 200)")
    best = bernoulli_log_likelihood(orders, bernoulli_mle(orders))
    expect_close(best, -100.08048471, what="the log-likelihood of exercise B5")
    expect_true(best > bernoulli_log_likelihood(orders, 0.75), "the MLE must maximise the log-likelihood")
    flips = np.tile([0, 1], 2500)
    expect_close(bernoulli_log_likelihood(flips, 0.5), -3465.73590280,
                 what="5000 fair coin flips at p = 0.5 (their likelihood 2^-5000 underflows: add logs)")


@test_case(hidden=False, points=2, failure_message=f"the log-likelihood at p = 0 {REMINDER}")
def edges(bernoulli_log_likelihood):
    expect_close(bernoulli_log_likelihood(np.zeros(5), 0.0), 0.0, what="five zeros at p = 0 (0 log 0 = 0)")
    expect_close(bernoulli_log_likelihood(np.array([0, 1]), 0.0), -np.inf, what="a one at p = 0")
