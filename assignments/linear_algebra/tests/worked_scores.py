"""Public check of scores, ranking and churn_probabilities on the IRCTC and Jio examples."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal

name = "worked_scores"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=2, failure_message=f"the IRCTC scores and ranking {REMINDER}")
def irctc(scores, ranking, IRCTC_X, IRCTC_W):
    s = scores(IRCTC_X, IRCTC_W)
    expect_equal(np.shape(s), (5,), what="shape of the IRCTC scores")
    expect_close(s[0], -0.675, what="the score of the first IRCTC passenger")
    expect_close(s[2], 1.61, what="the score of the third IRCTC passenger")
    expect_equal(np.shape(scores(IRCTC_X, IRCTC_W.reshape(4, 1))), (5, 1),
                 what="shape of the scores for a weight column of shape (4, 1)")
    expect_equal([int(i) for i in ranking(IRCTC_X, IRCTC_W)], [2, 4, 1, 3, 0], what="the IRCTC ranking")


@test_case(hidden=False, points=2, failure_message=f"the Jio scores and churn probabilities {REMINDER}")
def jio(scores, churn_probabilities, JIO_X, JIO_W):
    expect_close(scores(JIO_X, JIO_W), [2.295, -0.105, 5.095], what="the Jio scores")
    expect_close(churn_probabilities(JIO_X, JIO_W), [0.908, 0.474, 0.994], atol=1e-3,
                 what="the Jio churn probabilities (to three decimals)")
