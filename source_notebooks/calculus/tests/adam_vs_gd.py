"""Public check of grad_quad, gd, adam and plot_paths on the exercise's numbers."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "adam_vs_gd"
points = 11

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"
START = (3.0, 3.0)
# Two short paths from (3, 3) for the plot (the first points of gd above, and of adam to two decimals), written here so that the
# plot's check needs only your plot_paths.
GD_PATH = np.array([[3.0, 3.0], [2.4, 0.6], [1.92, 0.12], [1.536, 0.024]])
ADAM_PATH = np.array([[3.0, 3.0], [2.99, 2.99], [2.98, 2.98]])


@test_case(hidden=False, points=4, failure_message=f"gradient descent from (3, 3) with lr = 0.1 {REMINDER}")
def plain_gradient_descent(grad_quad, gd):
    expect_close(grad_quad(np.array([3.0, 3.0])), [6.0, 24.0], what="grad_quad(np.array([3.0, 3.0]))")
    path = gd(grad_quad, START, 0.1, 50)
    expect_equal(np.shape(path), (51, 2), what="shape of the path of 50 steps")
    expect_close(path[:3], [[3, 3], [2.4, 0.6], [1.92, 0.12]], what="the first three points")
    expect_close(path[-1], [4.281743078118e-05, 0.0], rtol=1e-6, atol=1e-15, what="the last point")
    expect_equal(np.shape(gd(grad_quad, START, 0.1, 0)), (1, 2), what="shape of the path of 0 steps")


@test_case(hidden=False, points=4, failure_message=f"Adam from (3, 3) with lr = 0.01 {REMINDER}")
def adam_steps(grad_quad, adam):
    path = adam(grad_quad, START, 0.01, 100)
    expect_equal(np.shape(path), (101, 2), what="shape of the Adam path of 100 steps")
    expect_close(path[1], [2.99, 2.99], what="the first Adam step")
    expect_close(path[-1], [2.062446399976, 2.062446398795], rtol=1e-9, what="the last Adam point")
    expect_equal(np.shape(adam(grad_quad, START, 0.01, 0)), (1, 2), what="shape of the Adam path of 0 steps")


@test_case(hidden=False, points=3, failure_message=f"the plot of both paths {REMINDER}")
def the_plot(plot_paths):
    ax = plot_paths(GD_PATH, ADAM_PATH)
    ax = ax if hasattr(ax, "get_lines") else ax.axes[0]  # a returned Figure is accepted too
    expect_true(any(len(line.get_xdata()) == len(GD_PATH) and np.allclose(line.get_xdata(), GD_PATH[:, 0])
                    and np.allclose(line.get_ydata(), GD_PATH[:, 1]) for line in ax.get_lines()),
                "draw the gradient descent path as a line through its points")
    expect_true(any("adam" in str(line.get_label()).lower() for line in ax.get_lines()),
                "label the Adam path with a label containing 'Adam'")
    expect_true(ax.get_legend() is not None, "add a legend")
    expect_true(ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), "label both axes and give a title")
