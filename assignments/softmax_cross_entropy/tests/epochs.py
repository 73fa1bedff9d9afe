"""Public check of the training-curve functions on the four epochs of the text."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "epochs"
points = 10

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# The four epochs of the text (the notebook's EPOCHS, EPOCH_PREDICTIONS, EPOCH_TRUE_LABEL), written here so
# that this check needs only your own functions; their entropies and cross-entropies for the plot.
EPOCHS = np.array([1, 10, 50, 100])
PREDICTIONS = np.array([
    [0.30, 0.20, 0.20, 0.15, 0.15],
    [0.50, 0.15, 0.15, 0.10, 0.10],
    [0.80, 0.07, 0.07, 0.03, 0.03],
    [0.95, 0.02, 0.01, 0.01, 0.01],
])
TRUE_LABEL = np.array([1, 0, 0, 0, 0])
ENTROPIES = np.array([1.57410300, 1.37622660, 0.76120472, 0.26512420])
CROSS_ENTROPIES = -np.log([0.3, 0.5, 0.8, 0.95])


@test_case(hidden=False, points=6, failure_message=f"entropy and cross-entropy over the epochs of the text {REMINDER}")
def metrics_of_the_epochs(epoch_metrics, entropy, cross_entropy):
    entropies, cross_entropies = epoch_metrics(PREDICTIONS, TRUE_LABEL)
    expect_close(entropies, ENTROPIES, what="the entropies per epoch")
    expect_close(cross_entropies, CROSS_ENTROPIES, what="the cross-entropies per epoch")
    expect_close(entropy(np.array([1.0, 0.0])), 0.0, what="entropy([1.0, 0.0]) (0 log 0 = 0)")
    expect_close(cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 0.0])), -np.log(1e-15),
                 what="cross_entropy([0, 1], [1, 0]) (clip at 1e-15)")


@test_case(hidden=False, points=4, failure_message=f"the plot of both curves {REMINDER}")
def the_plot(plot_epoch_metrics):
    ax = plot_epoch_metrics(EPOCHS, ENTROPIES, CROSS_ENTROPIES)
    labels = [line.get_label() for line in ax.get_lines()]
    expect_true(any("cross" in label.lower() for label in labels), f"label the cross-entropy line (labels: {labels})")
    expect_true(any("entropy" in label.lower() and "cross" not in label.lower() for label in labels),
                f"label the entropy line (labels: {labels})")
    expect_true("epoch" in ax.get_xlabel().lower(), "the x label must mention the epoch")
    expect_true(ax.get_legend() is not None, "add a legend")
