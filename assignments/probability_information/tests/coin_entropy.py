"""Public check of coin_entropy on the coins of the table."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "coin_entropy"
points = 3

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the entropies of the coins of the table {REMINDER}")
def coins(coin_entropy):
    expect_close(coin_entropy(np.array([0.5, 0.9, 0.99, 1.0])), [1.0, 0.46899559, 0.08079314, 0.0],
                 what="coin_entropy([0.5, 0.9, 0.99, 1.0]) in bits", strict_type=True)
    fair = coin_entropy(0.5)
    expect_close(fair, 1.0, what="coin_entropy(0.5)")
    expect_true(not isinstance(fair, np.ndarray),
                "coin_entropy(0.5) must be a float, not an np.ndarray (convert a 0-d result with float(...))")
    expect_close(coin_entropy(0.0), 0.0, what="coin_entropy(0.0)")
    expect_close(coin_entropy(0.3), coin_entropy(0.7), what="coin_entropy(0.3) against coin_entropy(0.7)")
