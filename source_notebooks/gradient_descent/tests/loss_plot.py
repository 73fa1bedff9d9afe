"""Public check of Problem 4 (loss_plot): the loss curve of a fixed history."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "loss_plot"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# Written here so that this check needs only your plot_history: f(x) = x^4 - 3x^3 + 2 of Problem 1 and the
# first iterates of the worked example (6 -> 0.6, then on towards the minimum 2.25).
F = lambda x: x**4 - 3 * x**3 + 2
HISTORY = np.array([6.0, 0.6, 1.0, 2.0, 2.25])


@test_case(hidden=False, failure_message=f"the loss curve of the worked example's first iterates {REMINDER}")
def loss_curve(plot_history):
    ax = plot_history(HISTORY, F)
    expect_true(hasattr(ax, "get_lines") and ax.get_lines(), "plot_history must return the Axes holding the line")
    line = ax.get_lines()[0]
    expect_close(np.asarray(line.get_xdata(), dtype=float), np.arange(5.0), what="x data of the line (the steps)")
    expect_close(np.asarray(line.get_ydata(), dtype=float), [650.0, 1.4816, 0.0, -6.0, -6.54296875],
                 what="y data of the line (the losses f(history[k]), not the iterates)")
    expect_true(ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), "label both axes and give a title")
