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
    expect_close(entropies, ENTROPIES, what="the entropies per epoch (an np.ndarray)", strict_type=True)
    expect_close(cross_entropies, CROSS_ENTROPIES, what="the cross-entropies per epoch (an np.ndarray)",
                 strict_type=True)
    first_two = epoch_metrics(PREDICTIONS[:2], TRUE_LABEL)
    expect_close(first_two[0], ENTROPIES[:2], what="the entropies of the first two epochs only (use the arguments)",
                 strict_type=True)
    expect_close(entropy(np.array([1.0, 0.0])), 0.0, what="entropy([1.0, 0.0]) (0 log 0 = 0)")
    expect_close(cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 0.0])), -np.log(1e-15),
                 what="cross_entropy([0, 1], [1, 0]) (clip at 1e-15)")
    expect_close(cross_entropy(np.array([0.5, 0.5]), np.array([0.25, 0.75])), -0.5 * np.log(0.25) - 0.5 * np.log(0.75),
                 what="cross_entropy([0.5, 0.5], [0.25, 0.75]) (soft targets: -sum p_i log q_i)")


def the_axes(drawn):
    """The Axes plot_epoch_metrics drew on (it may return the Axes or its Figure)."""
    axes = drawn.axes[0] if hasattr(drawn, "get_axes") and not hasattr(drawn, "get_lines") else drawn
    expect_true(hasattr(axes, "get_lines"), f"plot_epoch_metrics must return its Axes (or Figure), got "
                                            f"{type(drawn).__name__}")
    return axes


@test_case(hidden=False, points=4, failure_message=f"the plot of both curves {REMINDER}")
def the_plot(plot_epoch_metrics):
    ax = the_axes(plot_epoch_metrics(EPOCHS, ENTROPIES, CROSS_ENTROPIES))
    drawn = [(np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float))
             for line in ax.get_lines()]
    for values, what in ((ENTROPIES, "entropies"), (CROSS_ENTROPIES, "cross-entropies")):
        expect_true(any(x.shape == EPOCHS.shape and np.allclose(x, EPOCHS) and y.shape == values.shape
                        and np.allclose(y, values) for x, y in drawn),
                    f"no line shows the {what} against the epochs {EPOCHS.tolist()} (x = epochs, y = {what})")
    legend = ax.get_legend()
    expect_true(legend is not None, "add a legend")
    names = [text.get_text() for text in legend.get_texts()]
    expect_true(any("cross" in n.lower() for n in names), f"the legend must name the cross-entropy line (it shows "
                                                           f"{names})")
    expect_true(any("entropy" in n.lower() and "cross" not in n.lower() for n in names),
                f"the legend must name the entropy line (it shows {names})")
    expect_true("epoch" in ax.get_xlabel().lower(), "the x label must mention the epoch")
    expect_true(ax.get_ylabel().strip() != "", "the y axis needs a label")
    expect_true(ax.get_title().strip() != "", "the plot needs a title")
    again = the_axes(plot_epoch_metrics(EPOCHS, ENTROPIES, CROSS_ENTROPIES))
    expect_true(again is not ax, "a second call drew on the same Axes: create a new one in every call "
                                 "(fig, ax = plt.subplots())")
