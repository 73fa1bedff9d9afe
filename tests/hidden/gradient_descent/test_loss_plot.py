"""Hidden tests for `plot_history(history, f)` (problem `loss_plot`).

Contract: returns the matplotlib Axes (a Figure is accepted too) holding a line with
x = 0, 1, ..., len(history) - 1 (the steps) and y = f(history) (the losses), with a non-empty
x label, y label and title. Graded from the figure's data, never from pixels. Extra lines (a
marker for the minimum, say) are allowed.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_true
from autograder.figures import FigureData, find_line
from autograder.sandbox.values import remote_function

PROBLEM = "loss_plot"
RTOL = 1e-6


def loss_cubic(x):
    return x**3 - 2.0 * x + 1.0


def _figure(got) -> FigureData:
    hint = " (add `return ax` at the end)" if got is None else ""
    expect_true(isinstance(got, FigureData),
                f"plot_history must return the matplotlib Axes it drew on{hint}; got {describe(got)}")
    expect_true(bool(got.all_lines()), "plot_history drew no line: plot the losses with ax.plot(...)")
    return got


PLOTS_ITERATES = Mistake("plot_history: the curve shows the iterates x, not the loss: plot f(history), the "
                         "value of the function at each step", lambda figure: True, id="plot-shows-iterates")
WRONG_X_DATA = Mistake("plot_history: the losses are right but the x data are not the step numbers: plot "
                       "against np.arange(len(history)) (or just ax.plot(losses))", lambda figure: True,
                       id="plot-x-not-steps")
POINTS_PER_STEP = Mistake("plot_history: no line has one point per step (len(history) points)", lambda figure: True,
                          id="plot-points-per-step")


def _diagnose(figure: FigureData, history, losses) -> tuple[Mistake | None, str]:
    """Why no line matched: the known mistake when one fits, and what was found."""
    if find_line(figure, y=history, rtol=RTOL) is not None:
        return PLOTS_ITERATES, "a line holds the history itself"
    line = find_line(figure, y=losses, rtol=RTOL)
    if line is not None:
        return WRONG_X_DATA, (f"expected x = 0 .. {len(history) - 1}; your x data start {describe(line.x[:3])}")
    sizes = sorted({len(line.y) for line in figure.all_lines()})
    if len(history) not in sizes:
        return POINTS_PER_STEP, f"expected {len(history)} points, found lines with {sizes} points"
    return None, ("plot_history: no line shows f(history) against the step number: expected y = f(history[k]) "
                  f"at x = k, starting {describe(losses[:3])}")


def _check_loss_line(figure: FigureData, history, losses):
    line = find_line(figure, y=losses, x=np.arange(len(history)), rtol=RTOL)
    if line is None:
        mistake, found = _diagnose(figure, history, losses)
        expect_true(False, found, mistake=mistake)
    return line


def _axes_of(figure: FigureData, line):
    return next(axes for axes in figure.axes if any(candidate is line for candidate in axes.lines))


@pytest.mark.points(2, problem=PROBLEM)
def test_line_shows_the_loss_against_the_step_for_the_seed_run(student, reference):
    """The plot has a line with y = f(history) against the steps 0, 1, ..., 1000."""
    history = reference.gradient_descent(reference.df, 6.0, 0.01, 1000)
    figure = _figure(student.plot_history(history, remote_function(reference.f)))
    _check_loss_line(figure, history, reference.f(history))


@pytest.mark.points(1, problem=PROBLEM)
def test_line_uses_the_given_f_on_a_random_history(student, rng):
    """The plotted losses come from the f passed in."""
    history = np.sort(rng.uniform(-2.0, 2.0, size=40))[::-1].copy()
    figure = _figure(student.plot_history(history, remote_function(loss_cubic)))
    _check_loss_line(figure, history, loss_cubic(history))


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
    expect_true(not missing, f"the loss curve is missing: {', '.join(missing)} "
                             "(set them with ax.set_xlabel, ax.set_ylabel and ax.set_title)")
