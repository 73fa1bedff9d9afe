"""Public check of Problem 4 (loss_plot): the loss curve of the run from x0 = 6."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_true

name = "loss_plot"
points = 4

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the loss curve of the worked example {REMINDER}")
def loss_curve(plot_history, gradient_descent, f, df):
    history = gradient_descent(df, 6.0, 0.01, 1000)
    ax = plot_history(history, f)
    expect_true(hasattr(ax, "get_lines") and ax.get_lines(), "plot_history must return the Axes holding the line")
    line = ax.get_lines()[0]
    expect_close(np.asarray(line.get_xdata(), dtype=float), np.arange(1001.0), what="x data of the line")
    expect_close(np.asarray(line.get_ydata(), dtype=float), f(history), rtol=1e-5, what="y data of the line")
    expect_true(ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), "label both axes and give a title")
