"""Public check of posterior and bayes_posterior."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "bayes"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the fraud alert and the typed query {REMINDER}")
def posteriors(posterior, bayes_posterior):
    alert = posterior(prior=0.047, likelihood=0.95, false_positive_rate=0.02)
    expect_close(alert, 0.70083189, what="P(fraud | alert)")
    expect_true(not isinstance(alert, np.ndarray), "posterior of three numbers must be a float, not an np.ndarray")
    expect_close(posterior(np.array([0.0, 1.0]), 0.9, 0.1), [0.0, 1.0], what="the posteriors of priors 0 and 1",
                 strict_type=True)
    priors = np.array([0.5, 0.3, 0.2])
    intents = bayes_posterior(priors, np.array([0.4, 0.1, 0.05]))
    expect_close(intents, [0.2 / 0.24, 0.03 / 0.24, 0.01 / 0.24], what="P(intent | typed 'i phone')",
                 strict_type=True)
    expect_true(priors.tolist() == [0.5, 0.3, 0.2], "bayes_posterior must not modify the priors")
