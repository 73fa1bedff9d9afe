"""Public check of scores, ranking and churn_probabilities on the IRCTC and Jio examples."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal

name = "worked_scores"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The chapter's worked examples (the notebook's IRCTC_X, IRCTC_W, JIO_X, JIO_W), written here so that this
# check needs only your own functions.
IRCTC_X = np.array([
    [28.0, 1450.0, 850.0, 3.0],
    [45.0, 3200.0, 1200.0, 2.0],
    [32.0, 5800.0, 2100.0, 1.0],
    [56.0, 1800.0, 950.0, 3.0],
    [23.0, 4500.0, 1800.0, 1.0],
])
IRCTC_W = np.array([0.01, 0.0002, 0.0003, -0.5])
JIO_X = np.array([
    [12.0, 399.0, 45.0],
    [5.0, 199.0, 80.0],
    [25.0, 599.0, 20.0],
])
JIO_W = np.array([0.1, 0.005, -0.02])


@test_case(hidden=False, points=2, failure_message=f"the IRCTC scores and ranking {REMINDER}")
def irctc(scores, ranking):
    s = scores(IRCTC_X, IRCTC_W)
    expect_equal(np.shape(s), (5,), what="shape of the IRCTC scores")
    expect_close(s[0], -0.675, what="the score of the first IRCTC passenger")
    expect_close(s[2], 1.61, what="the score of the third IRCTC passenger")
    expect_equal(np.shape(scores(IRCTC_X, IRCTC_W.reshape(4, 1))), (5, 1),
                 what="shape of the scores for a weight column of shape (4, 1)")
    expect_equal([int(i) for i in ranking(IRCTC_X, IRCTC_W)], [2, 4, 1, 3, 0], what="the IRCTC ranking")
    tied = np.array([[2, 1, 1, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 1, 2, 2, 1, 1, 1, 2, 0, 2, 2, 0]], dtype=float).T
    expected = [int(i) for i in np.argsort(-tied[:, 0], kind="stable")]
    expect_equal([int(i) for i in ranking(tied, np.array([1.0]))], expected,
                 what="the ranking of 24 rows with scores 0, 1, 2 (equal scores keep the lower index first)")


@test_case(hidden=False, points=2, failure_message=f"the Jio scores and churn probabilities {REMINDER}")
def jio(scores, churn_probabilities):
    expect_close(scores(JIO_X, JIO_W), [2.295, -0.105, 5.095], what="the Jio scores")
    expect_close(churn_probabilities(JIO_X, JIO_W), [0.908, 0.474, 0.994], atol=1e-3,
                 what="the Jio churn probabilities (to three decimals)")
