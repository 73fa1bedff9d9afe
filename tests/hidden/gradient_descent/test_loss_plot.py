"""Hidden tests for `plot_history(history, f)` (problem `loss_plot`).

Contract: each call draws on a new figure and returns the matplotlib Axes (its Figure is accepted
too) holding a line with x = 0, 1, ..., len(history) - 1 (the steps) and y = f(history) (the losses),
with a non-empty x label, y label and title. `history` is an array or a list (of one value or more)
and is not modified. Graded from the figure's data, never from pixels: colours, styles, legends
(`label=` or `ax.legend([...])`), scales and extra lines (a marker for the minimum, say) are free.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_true, expect_unchanged, naming_raised
from autograder.figures import FigureData, find_line
from autograder.sandbox.values import remote_function

PROBLEM = "loss_plot"
RTOL = 1e-6


def loss_cubic(x):
    return x**3 - 2.0 * x + 1.0


RETURNS_NONE = Mistake("plot_history must return the Axes it drew on: add `return ax` at the end (plt.show() "
                       "or drawing alone returns None)", lambda _: True, id="plot-returns-none")
RETURNS_PAIR = Mistake("plot_history must return the Axes (`return ax`), not the pair (fig, ax)",
                       lambda _: True, id="plot-returns-fig-and-ax")
SCATTER = Mistake("plot_history: the losses are drawn as scattered points; draw them as a line with ax.plot",
                  lambda _: True, id="plot-scatter-not-line")
PLOTS_ITERATES = Mistake("plot_history: the curve shows the iterates x, not the loss: plot f(history), the "
                         "value of the function at each step", lambda _: True, id="plot-shows-iterates")
WRONG_X_DATA = Mistake("plot_history: the losses are right but the x data are not the step numbers: plot "
                       "against np.arange(len(history)) (or just ax.plot(losses))", lambda _: True,
                       id="plot-x-not-steps")
POINTS_PER_STEP = Mistake("plot_history: no line has one point per step (len(history) points)", lambda _: True,
                          id="plot-points-per-step")
NO_NEW_FIGURE = Mistake("plot_history must draw on a new figure each time it is called (fig, ax = plt.subplots()): "
                        "without it the lines of earlier calls pile up on the same axes", lambda _: True,
                        id="plot-no-new-figure")
MISSING_LABELS = Mistake("the loss curve needs an x label, a y label and a title (ax.set_xlabel, ax.set_ylabel, "
                         "ax.set_title)", lambda _: True, id="plot-missing-labels")


def _figure(got) -> FigureData:
    if got is None:
        expect_true(False, "plot_history returned None", mistake=RETURNS_NONE)
    if isinstance(got, (tuple, list)) and any(isinstance(item, FigureData) for item in got):
        expect_true(False, f"plot_history returned {describe(got)}", mistake=RETURNS_PAIR)
    expect_true(isinstance(got, FigureData), f"plot_history must return the matplotlib Axes it drew on; got "
                                             f"{describe(got)}")
    if not got.all_lines():
        scattered = any(len(c.offsets) for axes in got.axes for c in axes.collections)
        expect_true(False, "plot_history drew no line: plot the losses with ax.plot(...)",
                    mistake=SCATTER if scattered else None)
    return got


def _diagnose(figure: FigureData, history, losses) -> tuple[Mistake | None, str]:
    """Why no line matched: the known mistake when one fits, and what was found."""
    if not np.allclose(history, losses, equal_nan=True) and find_line(figure, y=history, rtol=RTOL) is not None:
        return PLOTS_ITERATES, "a line holds the history itself"
    line = find_line(figure, y=losses, rtol=RTOL)
    if line is not None:
        return WRONG_X_DATA, f"expected x = 0 .. {len(history) - 1}; your x data start {describe(line.x[:3])}"
    sizes = sorted({len(line.y) for line in figure.all_lines()})
    if len(history) not in sizes:
        return POINTS_PER_STEP, f"expected {len(history)} points, found lines with {sizes} points"
    first = figure.all_lines()[0]
    return None, ("plot_history: no line shows f(history) against the step number (y = f(history[k]) at x = k); "
                  f"your first line's y data start {describe(first.y[:3])}")


def _check_loss_line(figure: FigureData, history, losses):
    line = find_line(figure, y=losses, x=np.arange(len(history)), rtol=RTOL)
    if line is None:
        mistake, found = _diagnose(figure, np.asarray(history, dtype=float), losses)
        expect_true(False, found, mistake=mistake)
    return line


def _axes_of(figure: FigureData, line):
    return next(axes for axes in figure.axes if any(candidate is line for candidate in axes.lines))


@pytest.mark.points(2, problem=PROBLEM)
def test_line_shows_the_loss_against_the_step_for_the_seed_run(student, reference):
    """The plot has a line with y = f(history) against the steps 0, 1, ..., 1000."""
    history = reference.gradient_descent(reference.df, 6.0, 0.01, 1000)
    figure = _figure(student.plot_history(history, remote_function(reference.f)))
    expect_unchanged(student.last_call, what="plot_history(history, f)")
    _check_loss_line(figure, history, reference.f(history))


@pytest.mark.points(1, problem=PROBLEM)
def test_line_uses_the_given_f_on_a_random_history(student, rng):
    """The plotted losses come from the f passed in."""
    history = np.sort(rng.uniform(-2.0, 2.0, size=40))[::-1].copy()
    figure = _figure(student.plot_history(history, remote_function(loss_cubic)))
    _check_loss_line(figure, history, loss_cubic(history))


@pytest.mark.points(1, problem=PROBLEM)
def test_a_list_history_a_one_value_history_and_a_new_figure_per_call(student, rng):
    """history given as a list, and of one value; each call draws on its own new figure."""
    first = rng.uniform(-2.0, 2.0, size=25)
    on_a_list = Mistake("convert history with np.asarray(history, dtype=float) before applying f: f works element-wise "
                        "on NumPy arrays, and a list given to it raises TypeError",
                        lambda raised: raised.exc_type == "TypeError" and "'list'" in raised.message,
                        id="plot-f-on-a-list")
    with naming_raised(on_a_list):
        figure = _figure(student.plot_history(first.tolist(), remote_function(loss_cubic)))
    _check_loss_line(figure, first, loss_cubic(first))
    second = np.array([1.5])
    figure = _figure(student.plot_history(second, remote_function(loss_cubic)))
    _check_loss_line(figure, second, loss_cubic(second))
    expect_true(find_line(figure, y=loss_cubic(first), rtol=RTOL) is None,
                "the figure of a second call to plot_history still holds the line of the first call",
                mistake=NO_NEW_FIGURE)


@pytest.mark.points(1, problem=PROBLEM)
def test_axes_have_an_x_label_a_y_label_and_a_title(student, reference):
    """The loss curve has an x label, a y label and a title."""
    history = reference.gradient_descent(reference.df, 6.0, 0.01, 200)
    figure = _figure(student.plot_history(history, remote_function(reference.f)))
    # The labels are graded on their own: use the loss line's axes, else the first axes with a line.
    line = find_line(figure, y=reference.f(history), rtol=RTOL)
    axes = _axes_of(figure, line) if line is not None else next(a for a in figure.axes if a.lines)
    missing = [name for name, text in (("x label", axes.xlabel), ("y label", axes.ylabel),
                                       ("title", axes.title)) if not text.strip()]
    expect_true(not missing, f"the loss curve is missing: {', '.join(missing)}", mistake=MISSING_LABELS)
