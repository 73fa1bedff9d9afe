"""Hidden tests: problem "entropy_plot" (plot_coin_entropy), graded from the figure's data.

Contract: returns the Axes (a Figure is accepted too) with a line x = p_values,
y = coin_entropy(p_values) in bits (a curve of the student's own coin_entropy is accepted too: a
wrong coin_entropy loses its points in "coin_entropy" only); one marker at (0.5, 1.0) drawn with
ax.plot or ax.scatter whose label contains "max"; an x label, a y label mentioning bits, a title
and a legend.
"""

import re

import numpy as np
import pytest

from autograder.suite.compare import describe, expect_true
from autograder.errors import MissingName, StudentCodeError
from autograder.figures import FigureData, find_line

PROBLEM = "entropy_plot"
RTOL = 1e-6


def _bits(p):
    p = np.asarray(p, dtype=float)
    out = np.zeros_like(p)
    for prob in (p, 1 - p):
        safe = np.where(prob > 0, prob, 1.0)
        out -= np.where(prob > 0, prob * np.log2(safe), 0.0)
    return out


def _figure(student, p_values) -> FigureData:
    got = student.plot_coin_entropy(p_values)
    hint = " (add `return ax` at the end)" if got is None else ""
    expect_true(isinstance(got, FigureData),
                f"plot_coin_entropy must return the matplotlib Axes it drew on{hint}; got {describe(got)}")
    expect_true(bool(got.all_lines()) or any(axes.collections for axes in got.axes),
                "plot_coin_entropy drew nothing: plot the curve with ax.plot(p_values, coin_entropy(p_values))")
    return got


def _grids(rng):
    inner = np.sort(rng.uniform(0.0, 1.0, size=23))
    return [np.linspace(0.0, 1.0, 101), np.concatenate([[0.0], inner, [0.5, 1.0]])]


def _diagnose(figure, p, h):
    if find_line(figure, y=h * np.log(2), x=p, rtol=RTOL) is not None:
        return "the curve is in nats: plot the entropy in BITS (log base 2), as coin_entropy returns it"
    line = find_line(figure, y=h, rtol=RTOL)
    if line is not None:
        return (f"the entropies are right but the x values are not p_values: plot "
                f"ax.plot(p_values, coin_entropy(p_values)); your x data start {describe(line.x[:3])}")
    sizes = sorted({len(line.y) for line in figure.all_lines()})
    return (f"no line shows coin_entropy(p_values) against p_values ({len(p)} points); the lines found "
            f"have {sizes} points")


def _markers_at_maximum(figure):
    """(label, axes) of every single point drawn at (0.5, 1.0), as a line or a scatter."""
    found = []
    for axes in figure.axes:
        for line in axes.lines:
            if line.x.shape == (1,) and np.allclose([line.x[0], line.y[0]], [0.5, 1.0], atol=1e-9):
                found.append((line.label, axes))
        for collection in axes.collections:
            offsets = np.asarray(collection.offsets, dtype=float).reshape(-1, 2) if collection.offsets.size else None
            if offsets is not None and offsets.shape[0] == 1 and np.allclose(offsets[0], [0.5, 1.0], atol=1e-9):
                found.append((collection.label, axes))
    return found


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


@pytest.mark.points(2, problem=PROBLEM)
def test_plot_draws_the_entropy_curve_over_p(student, rng):
    """The plot has a line with x = p_values and y = the entropies in bits, for two grids of p."""
    for p in _grids(rng):
        h = _bits(p)
        figure = _figure(student, p)
        line = find_line(figure, y=h, x=p, rtol=RTOL)
        if line is None:
            # A wrong coin_entropy is graded in its own problem: plotting its values is not a second mistake.
            own = _own_entropies(student, p)
            if own is not None and np.all(np.isfinite(own)):
                line = find_line(figure, y=own, x=p, rtol=RTOL)
        expect_true(line is not None, "plot_coin_entropy: " + _diagnose(figure, p, h))


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_marks_the_maximum_at_one_half(student, rng):
    """One point at (0.5, 1.0) marks the maximum, with a label containing 'max'."""
    p = _grids(rng)[0]
    figure = _figure(student, p)
    markers = _markers_at_maximum(figure)
    if not markers:
        nats = [axes for axes in figure.axes for line in axes.lines
                if line.x.shape == (1,) and np.allclose([line.x[0], line.y[0]], [0.5, np.log(2)], atol=1e-9)]
        expect_true(not nats, "the maximum is marked at (0.5, ln 2 = 0.693): in bits the fair coin's "
                              "entropy is 1.0, so mark (0.5, 1.0)")
        single = [(float(line.x[0]), float(line.y[0])) for axes in figure.axes for line in axes.lines
                  if line.x.shape == (1,)]
        expect_true(False, "mark the maximum with ONE point at (0.5, 1.0), for example "
                           "ax.plot([0.5], [1.0], 'o', label='maximum: 1 bit at p = 0.5'); "
                           f"single points found: {single}")
    labels = [label for label, _ in markers if not label.startswith("_")]
    expect_true(any(re.search("max", label, re.I) for label in labels),
                "the marker at (0.5, 1.0) needs a label containing 'max' (for example "
                "ax.plot([0.5], [1.0], 'o', label='maximum: 1 bit at p = 0.5'); "
                + (f"its label is {labels}" if labels else "it has no label"))


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_has_axis_labels_a_title_and_a_legend(student, rng):
    """The Axes has an x label, a y label naming bits, a title and a legend listing the maximum."""
    p = _grids(rng)[0]
    figure = _figure(student, p)
    line = find_line(figure, y=_bits(p), x=p, rtol=RTOL)
    axes = next((a for a in figure.axes if line is not None and any(c is line for c in a.lines)),
                next((a for a in figure.axes if a.lines), figure.axes[0]))
    missing = [name for name, text in (("x label", axes.xlabel), ("y label", axes.ylabel), ("title", axes.title))
               if not text.strip()]
    expect_true(not missing, f"the plot is missing: {', '.join(missing)} (ax.set_xlabel, ax.set_ylabel, "
                             "ax.set_title)")
    expect_true(re.search("bit", axes.ylabel, re.I) is not None,
                f"the y label must say that the entropy is in bits, got {axes.ylabel!r}")
    expect_true(any(re.search("max", text, re.I) for text in axes.legend),
                "the plot needs a legend that lists the maximum: call ax.legend() after drawing the "
                f"labelled marker (legend entries found: {list(axes.legend)})")
