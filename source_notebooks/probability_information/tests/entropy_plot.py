"""Public check of plot_coin_entropy."""

OK_FORMAT = False

import matplotlib.pyplot as plt
import numpy as np
from otter.test_files import test_case

from public_compare import expect_true

name = "entropy_plot"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# p = 0, 0.1, ..., 1 and the entropies H(p) of those coins in bits (what coin_entropy of Problem 6 gives),
# written here so that this check needs only your plot_coin_entropy.
GRID = np.linspace(0.0, 1.0, 11)
ENTROPIES = np.array([0.0, 0.46899559358928117, 0.7219280948873623, 0.8812908992306927, 0.9709505944546688, 1.0,
                      0.9709505944546686, 0.8812908992306926, 0.7219280948873623, 0.46899559358928117, 0.0])


def own_labels(ax):
    """The labels given with label=... (matplotlib names unlabelled artists '_child0', ...)."""
    return {str(a.get_label()) for a in list(ax.get_lines()) + list(ax.collections)
            if not str(a.get_label()).startswith("_")}


@test_case(hidden=False, failure_message=f"the curve of the coin's entropy and its maximum {REMINDER}")
def the_plot(plot_coin_entropy):
    result = plot_coin_entropy(GRID)
    expect_true(result is not None, "return the Axes you drew on")
    ax = result.axes[0] if isinstance(result, plt.Figure) else result  # a Figure is accepted too
    expect_true(any(len(line.get_xdata()) == len(GRID) and np.allclose(line.get_xdata(), GRID)
                    and np.allclose(line.get_ydata(), ENTROPIES) for line in ax.get_lines()),
                "draw a line with x = p_values and y = coin_entropy(p_values) (this check compares with the right "
                "entropies in bits: if the check of coin_entropy fails too, fix coin_entropy first; the hidden tests "
                "accept a plot of your own coin_entropy)")
    legend = ax.get_legend()
    texts = [t.get_text() for t in legend.get_texts()] if legend is not None else []
    given = [text for text in texts if text not in own_labels(ax)]  # labels handed to ax.legend([...])
    points_xy = [(line.get_label(), line.get_xydata()) for line in ax.get_lines()]
    points_xy += [(c.get_label(), np.asarray(c.get_offsets())) for c in ax.collections]
    labels = []
    for label, xy in points_xy:
        if np.shape(xy) == (1, 2) and np.allclose(xy, [[0.5, 1.0]]):
            labels += [str(label)] if not str(label).startswith("_") else given
    expect_true(any("max" in label.lower() for label in labels),
                "mark the point (0.5, 1.0) with a label containing 'max'")
    expect_true("bit" in ax.get_ylabel().lower(), "the y label must say the unit (bits)")
    expect_true(ax.get_xlabel() and ax.get_title(), "label the x axis and give a title")
    expect_true(legend is not None, "add a legend")
