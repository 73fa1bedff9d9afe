"""Public check of entropy, kl_divergence and cross_entropy on the Swiggy example."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "information"
points = 7

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The chapter's Swiggy example (the notebook's SWIGGY_TRUE, SWIGGY_MODEL_A, SWIGGY_MODEL_B), written here so
# that this check needs only your own functions.
SWIGGY_TRUE = np.array([0.4, 0.3, 0.2, 0.1])
SWIGGY_MODEL_A = np.array([0.35, 0.30, 0.25, 0.10])
SWIGGY_MODEL_B = np.array([0.10, 0.10, 0.10, 0.70])


@test_case(hidden=False, points=5, failure_message=f"entropy, KL and cross-entropy of the Swiggy example {REMINDER}")
def swiggy(entropy, kl_divergence, cross_entropy):
    h = entropy(SWIGGY_TRUE)
    expect_close(h, 1.27985423, what="H(p) of the true distribution")
    expect_true(not isinstance(h, np.ndarray), "entropy must return a float, not an np.ndarray")
    kl_a, kl_b = kl_divergence(SWIGGY_TRUE, SWIGGY_MODEL_A), kl_divergence(SWIGGY_TRUE, SWIGGY_MODEL_B)
    expect_close(kl_a, 0.00878385, what="KL(p || q_A)")
    expect_close(kl_b, 0.82813985, what="KL(p || q_B)")
    expect_close(cross_entropy(SWIGGY_TRUE, SWIGGY_MODEL_A), h + kl_a, what="H(p, q_A) against H(p) + KL(p || q_A)")
    expect_close(cross_entropy(SWIGGY_TRUE, SWIGGY_MODEL_B), h + kl_b, what="H(p, q_B) against H(p) + KL(p || q_B)")
    expect_true(not np.isclose(kl_divergence(SWIGGY_MODEL_B, SWIGGY_TRUE), kl_b),
                "KL(q_B || p) equals KL(p || q_B): KL is not symmetric, check the order of the arguments")


@test_case(hidden=False, points=2, failure_message=f"bits, 0 log 0 and an impossible event {REMINDER}")
def edge_cases(entropy, kl_divergence):
    expect_close(entropy(np.full(4, 0.25), base=2), 2.0, what="the entropy of four equal outcomes in bits")
    certain = np.array([1.0, 0.0, 0.0])
    expect_close(entropy(certain), 0.0, what="entropy([1, 0, 0]) (0 log 0 = 0)")
    expect_true(certain.tolist() == [1.0, 0.0, 0.0], "entropy must not modify p: skip or mask the zeros instead")
    expect_close(kl_divergence(np.array([0.5, 0.5]), np.array([1.0, 0.0])), np.inf,
                 what="KL([0.5, 0.5] || [1, 0]) (q = 0 where p > 0)")
