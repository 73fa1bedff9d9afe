"""Public check of Problem 4 (loss_plot): the loss curve of a fixed history."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_true

name = "loss_plot"
points = 5

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
# Written here so that this check needs only your plot_history: f(x) = x^4 - 3x^3 + 2 of Problem 1 and the
# first iterates of the worked example (6 -> 0.6, then on towards the minimum 2.25).
F = lambda x: x**4 - 3 * x**3 + 2
HISTORY = np.array([6.0, 0.6, 1.0, 2.0, 2.25])
LOSSES = [650.0, 1.4816, 0.0, -6.0, -6.54296875]


def axes_of(result):
    """The Axes plot_history returned (its Figure's axes are accepted too)."""
    if hasattr(result, "get_lines"):
        return [result]
    return list(getattr(result, "axes", []))


def loss_line(axes_list, xs, ys):
    """The axes and line with these x and y data, or (None, None)."""
    for ax in axes_list:
        for line in ax.get_lines():
            x = np.asarray(line.get_xdata(), dtype=float)
            y = np.asarray(line.get_ydata(), dtype=float)
            if x.shape == np.shape(xs) and y.shape == np.shape(ys) and np.allclose(x, xs) and np.allclose(y, ys):
                return ax, line
    return None, None


@test_case(hidden=False, points=3, failure_message=f"the loss curve of the worked example's first iterates {REMINDER}")
def loss_curve(plot_history):
    axes_list = axes_of(plot_history(HISTORY, F))
    expect_true(axes_list, "plot_history must return the Axes holding the line (`return ax`)")
    ax, line = loss_line(axes_list, np.arange(5.0), LOSSES)
    expect_true(line is not None, "no line has x = 0, 1, 2, 3, 4 (the steps) and y = f(history) = "
                                  f"{LOSSES} (the losses, not the iterates)")
    expect_true(ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), "label both axes and give a title")


@test_case(hidden=False, points=2, failure_message=f"a list history, then a new figure for the next call {REMINDER}")
def a_list_and_a_new_figure(plot_history):
    first = plot_history(list(HISTORY), F)
    expect_true(loss_line(axes_of(first), np.arange(5.0), LOSSES)[1] is not None,
                "plot_history(history, f) must accept history as a list too (convert it with np.asarray)")
    second = plot_history(np.array([2.25]), F)
    expect_true(loss_line(axes_of(second), np.arange(5.0), LOSSES)[1] is None,
                "the second call's plot still holds the first call's line: create a new figure in each call")
    expect_true(loss_line(axes_of(second), [0.0], [-6.54296875])[1] is not None,
                "a one-value history gives a one-point line at step 0")
