"""Hidden tests: problem "entropy_plot" (plot_coin_entropy), graded from the figure's data.

Contract (the notebook's docstring): returns the Axes it drew on (a Figure is accepted too) with a
line x = p_values, y = coin_entropy(p_values) in bits (a curve of the student's own coin_entropy is
accepted too: a wrong coin_entropy loses its points in "coin_entropy" only) that has a label; one
marker at (0.5, 1.0) drawn with ax.plot or ax.scatter whose label contains "max"; an x label, a y
label mentioning bits, a title and a legend on the Axes. Labels may be given with label=... or as a
list to ax.legend([...]) (both readings are right).
"""

import re

import numpy as np
import pytest

from autograder.errors import MissingName, StudentCodeError
from autograder.figures import FigureData, find_line
from autograder.suite.compare import Mistake, describe, expect_true

PROBLEM = "entropy_plot"
RTOL = 1e-6


def _mistake(message, mistake_id):
    return Mistake(message, lambda _: True, id=mistake_id)


def _bits(p):
    p = np.asarray(p, dtype=float)
    out = np.zeros_like(p)
    for prob in (p, 1 - p):
        safe = np.where(prob > 0, prob, 1.0)
        out -= np.where(prob > 0, prob * np.log2(safe), 0.0)
    return out


def _figure(student, p_values) -> FigureData:
    got = student.plot_coin_entropy(p_values)
    if got is None:
        expect_true(False, "plot_coin_entropy returned None: add `return ax` at the end (the grader reads the plot "
                           "from the Axes it returns)",
                    mistake=_mistake("plot_coin_entropy returns nothing: return the Axes it drew on", "plot-returns-none"))
    expect_true(isinstance(got, FigureData),
                f"plot_coin_entropy must return the matplotlib Axes it drew on; got {describe(got)}",
                mistake=_mistake("plot_coin_entropy returned something else than a matplotlib Axes or Figure",
                                 "plot-returns-no-axes"))
    expect_true(bool(got.all_lines()) or any(axes.collections for axes in got.axes),
                "plot_coin_entropy drew nothing on the Axes it returned: plot the curve with "
                "ax.plot(p_values, coin_entropy(p_values)) on that Axes")
    return got


def _grids(rng):
    inner = np.sort(rng.uniform(0.0, 1.0, size=23))
    return [np.linspace(0.0, 1.0, 101), np.concatenate([[0.0], inner, [0.5, 1.0]])]


def _own_entropies(student, p):
    """The student's coin_entropy(p) when it is an array of p's shape, else None (it may raise)."""
    try:
        own = student.coin_entropy(p)
    except (StudentCodeError, MissingName):
        return None
    if isinstance(own, (list, tuple, np.ndarray)):
        own = np.asarray(own)
        if own.shape == p.shape and own.dtype.kind in "iuf":
            return own.astype(float)
    return None


def _curve(figure, p, own=None):
    line = find_line(figure, y=_bits(p), x=p, rtol=RTOL)
    if line is None and own is not None:
        # A wrong coin_entropy is graded in its own problem: plotting its values is not a second mistake.
        line = find_line(figure, y=own, x=p, rtol=RTOL)
    return line


@pytest.mark.points(2, problem=PROBLEM)
def test_plot_draws_the_entropy_curve_over_p(student, rng):
    """The plot has a line with x = p_values and y = the entropies in bits, for two grids of p."""
    for p in _grids(rng):
        h = _bits(p)
        figure = _figure(student, p)
        if _curve(figure, p, _own_entropies(student, p)) is not None:
            continue
        expect_true(find_line(figure, y=h * np.log(2), x=p, rtol=RTOL) is None,
                    "plot_coin_entropy: the curve is in nats (natural log)",
                    mistake=_mistake("the curve is in nats: plot the entropy in BITS (log base 2), as coin_entropy "
                                     "returns it", "plot-curve-in-nats"))
        line = find_line(figure, y=h, rtol=RTOL)
        expect_true(line is None, "plot_coin_entropy: the entropies are right but the x values are not p_values; your "
                                  f"x data start {describe(line.x[:3]) if line is not None else ''}",
                    mistake=_mistake("the x values of the curve are not p_values: plot "
                                     "ax.plot(p_values, coin_entropy(p_values))", "plot-x-not-p-values"))
        sizes = sorted({len(line.y) for line in figure.all_lines()})
        expect_true(False, f"plot_coin_entropy: no line shows coin_entropy(p_values) against p_values ({len(p)} "
                           f"points); the lines found have {sizes} points")


def _list_given(axes):
    """Legend entries that are no artist's own label: the labels handed to ax.legend([...])."""
    own = {item.label for item in (*axes.lines, *axes.collections) if not item.label.startswith("_")}
    return [text for text in axes.legend if text not in own]


def _markers_at_maximum(figure):
    """(label, axes) of every single point drawn at (0.5, 1.0), as a line or a scatter."""
    found = []
    for axes in figure.axes:
        for line in axes.lines:
            if line.x.shape == (1,) and line.y.shape == (1,) and np.allclose([line.x[0], line.y[0]], [0.5, 1.0], atol=1e-9):
                found.append((line.label, axes))
        for collection in axes.collections:
            offsets = np.asarray(collection.offsets, dtype=float).reshape(-1, 2) if collection.offsets.size else None
            if offsets is not None and offsets.shape[0] == 1 and np.allclose(offsets[0], [0.5, 1.0], atol=1e-9):
                found.append((collection.label, axes))
    return found


def _marker_labels(markers):
    """What each marker is called: its own label, or, when it has none, the entries given to ax.legend([...])."""
    labels = []
    for label, axes in markers:
        labels.extend([label] if not label.startswith("_") else _list_given(axes))
    return labels


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_marks_the_maximum_at_one_half(student, rng):
    """One point at (0.5, 1.0) marks the maximum, with a label containing 'max'."""
    p = _grids(rng)[0]
    figure = _figure(student, p)
    markers = _markers_at_maximum(figure)
    if not markers:
        nats = [axes for axes in figure.axes for line in axes.lines
                if line.x.shape == (1,) and line.y.shape == (1,)
                and np.allclose([line.x[0], line.y[0]], [0.5, np.log(2)], atol=1e-9)]
        nats += [axes for axes in figure.axes for collection in axes.collections
                 if np.asarray(collection.offsets).reshape(-1, 2).shape[0] == 1
                 and np.allclose(np.asarray(collection.offsets).reshape(-1, 2)[0], [0.5, np.log(2)], atol=1e-9)]
        expect_true(not nats, "the maximum is marked at (0.5, ln 2 = 0.693)",
                    mistake=_mistake("the maximum is marked in nats: in bits the fair coin's entropy is 1.0, so mark "
                                     "(0.5, 1.0)", "plot-maximum-in-nats"))
        single = [(float(line.x[0]), float(line.y[0])) for axes in figure.axes for line in axes.lines
                  if line.x.shape == (1,) and line.y.shape == (1,)]
        expect_true(False, "mark the maximum with ONE point at (0.5, 1.0), for example "
                           "ax.plot([0.5], [1.0], 'o', label='maximum: 1 bit at p = 0.5'); "
                           f"single points found: {single}",
                    mistake=_mistake("the maximum (0.5, 1.0) is not marked with a single point", "plot-maximum-not-marked"))
    labels = _marker_labels(markers)
    expect_true(any(re.search("max", label, re.I) for label in labels),
                "the marker at (0.5, 1.0) needs a label containing 'max' (for example "
                "ax.plot([0.5], [1.0], 'o', label='maximum: 1 bit at p = 0.5'), or the same text in the list given "
                "to ax.legend([...]); " + (f"its label is {labels}" if labels else "it has no label"),
                mistake=_mistake("the marker of the maximum has no label containing 'max'", "plot-maximum-unlabelled"))


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_has_axis_labels_a_title_and_a_legend(student, rng):
    """The Axes has an x label, a y label naming bits, a title, and a legend naming the curve and the maximum."""
    p = _grids(rng)[0]
    figure = _figure(student, p)
    line = _curve(figure, p, _own_entropies(student, p))
    axes = next((a for a in figure.axes if line is not None and any(c is line for c in a.lines)),
                next((a for a in figure.axes if a.lines), figure.axes[0]))
    missing = [name for name, text in (("x label", axes.xlabel), ("y label", axes.ylabel), ("title", axes.title))
               if not text.strip()]
    expect_true(not missing, f"the plot is missing: {', '.join(missing)} (ax.set_xlabel, ax.set_ylabel, ax.set_title)",
                mistake=_mistake("the plot needs an x label, a y label and a title", "plot-missing-labels"))
    expect_true(re.search("bit", axes.ylabel, re.I) is not None,
                f"the y label must say that the entropy is in bits, got {axes.ylabel!r}",
                mistake=_mistake("the y label does not name the unit, bits", "plot-ylabel-without-bits"))
    expect_true(bool(axes.legend), "the plot has no legend on its Axes: call ax.legend() (or plt.legend()) after "
                                   "drawing the labelled curve and marker",
                mistake=_mistake("the plot has no legend", "plot-no-legend"))
    expect_true(any(re.search("max", text, re.I) for text in axes.legend),
                f"the legend must list the maximum (an entry containing 'max'); its entries are {list(axes.legend)}",
                mistake=_mistake("the legend does not list the maximum", "plot-legend-without-maximum"))
    labelled = line is not None and (not line.label.startswith("_") or len(axes.legend) >= 2)
    expect_true(line is None or labelled,
                f"the curve needs a label (label='H(p)', or a first entry in ax.legend([...])); the legend lists only "
                f"{list(axes.legend)}", mistake=_mistake("the entropy curve has no label", "plot-curve-unlabelled"))
