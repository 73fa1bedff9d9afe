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
    gradient = grad_quad(np.array([3.0, 3.0]))
    expect_true(isinstance(gradient, np.ndarray), f"grad_quad must return a NumPy array, not {type(gradient).__name__}")
    expect_close(gradient, [6.0, 24.0], what="grad_quad(np.array([3.0, 3.0]))")
    path = gd(grad_quad, START, 0.1, 50)
    expect_true(isinstance(path, np.ndarray), f"gd must return the path as a NumPy array, not {type(path).__name__}")
    expect_equal(np.shape(path), (51, 2), what="shape of the path of 50 steps")
    expect_close(path[:3], [[3, 3], [2.4, 0.6], [1.92, 0.12]], what="the first three points")
    expect_close(path[-1], [4.281743078118e-05, 0.0], rtol=1e-6, atol=1e-15, what="the last point")
    expect_equal(np.shape(gd(grad_quad, START, 0.1, 0)), (1, 2), what="shape of the path of 0 steps")
    start = np.array([3.0, 3.0])
    gd(grad_quad, start, 0.1, 5)
    expect_equal(start.tolist(), [3.0, 3.0], what="the start array after gd(grad_quad, start, 0.1, 5) (it must not change)")


@test_case(hidden=False, points=4, failure_message=f"Adam from (3, 3) with lr = 0.01 {REMINDER}")
def adam_steps(grad_quad, adam):
    path = adam(grad_quad, START, 0.01, 100)
    expect_true(isinstance(path, np.ndarray), f"adam must return the path as a NumPy array, not {type(path).__name__}")
    expect_equal(np.shape(path), (101, 2), what="shape of the Adam path of 100 steps")
    expect_close(path[1], [2.99, 2.99], what="the first Adam step")
    expect_close(path[-1], [2.062446399976, 2.062446398795], rtol=1e-9, what="the last Adam point")
    expect_equal(np.shape(adam(grad_quad, START, 0.01, 0)), (1, 2), what="shape of the Adam path of 0 steps")
    # one step with eps = 1: m_hat = g and v_hat = g**2, so each coordinate moves by lr * g / (|g| + 1)
    expect_close(adam(grad_quad, START, 0.01, 1, eps=1.0)[1], [3 - 0.01 * 6 / 7, 3 - 0.01 * 24 / 25], rtol=1e-9,
                 what="one Adam step from (3, 3) with lr = 0.01 and eps = 1 (gradient (6, 24))")
    start = np.array([3.0, 3.0])
    adam(grad_quad, start, 0.01, 5)
    expect_equal(start.tolist(), [3.0, 3.0], what="the start array after adam(grad_quad, start, 0.01, 5) (it must not change)")


def _labels(ax):
    """Each line's label: its own, or, when no line has one and the names were given as
    ax.legend(["...", "..."]), the legend's texts in the order the lines were drawn."""
    own = [str(line.get_label()) for line in ax.get_lines()]
    legend = ax.get_legend()
    if legend is not None and all(name.startswith("_") or not name for name in own):
        texts = [text.get_text() for text in legend.get_texts()]
        return texts[:len(own)] + [""] * (len(own) - len(texts))
    return own


def _draws(ax, path):
    return any(len(line.get_xdata()) == len(path) and np.allclose(line.get_xdata(), path[:, 0])
               and np.allclose(line.get_ydata(), path[:, 1]) for line in ax.get_lines())


@test_case(hidden=False, points=3, failure_message=f"the plot of both paths {REMINDER}")
def the_plot(plot_paths):
    first = plot_paths(GD_PATH, ADAM_PATH)
    ax = first if hasattr(first, "get_lines") else first.axes[0]  # a returned Figure is accepted too
    expect_true(_draws(ax, GD_PATH), "draw the gradient descent path as a line through its points")
    expect_true(_draws(ax, ADAM_PATH), "draw the Adam path as a line through its points")
    labels = _labels(ax)
    expect_true(any("adam" in label.lower() for label in labels), "label the Adam path with a label containing 'Adam'")
    expect_true(ax.get_legend() is not None, "add a legend")
    expect_true(ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), "label both axes and give a title")
    second = plot_paths(GD_PATH[:2], ADAM_PATH[:2])
    ax2 = second if hasattr(second, "get_lines") else second.axes[0]
    expect_true(not _draws(ax2, GD_PATH), "a second call must draw on a new Axes (fig, ax = plt.subplots()), "
                                          "not add its lines to the first plot")
