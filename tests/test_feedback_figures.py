"""Plots in the feedback: the student's figure (data from the worker) beside the reference's figure for
the same call, drawn to PNG and embedded in the page; never for hidden tests; never a crash."""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import replace
from html import escape

import matplotlib.image
import numpy as np
import pytest

from autograder.config import GradingConfig, Limits
from autograder.figures import (AxesData, CollectionData, FigureData, FigurePair, LineData, expected_figure,
                                figure_from_matplotlib)
from autograder.report import PASSED, Report
from autograder.suite.run import grade, load_reference
from autograder.scenarios import Scenario, build_submission, load_scenarios
from autograder.sinks.common import explanation
from autograder.sinks.feedback_html import render
from autograder.plots import render_png, with_pngs
from autograder.sandbox.values import remote_function

from conftest import ROOT, code_notebook, released_assignments, write_notebook

PLOT_PROBLEM = "loss_plot"


def scenario(assignment: str, name: str) -> Scenario:
    return next(s for s in load_scenarios(assignment) if s.name == name)


def graded(tmp_path_factory, assignment: str, chosen: Scenario, config) -> Report:
    folder = tmp_path_factory.mktemp(f"{assignment}_{chosen.name or 'source'}")
    path = folder / f"{assignment}.ipynb"
    path.write_text(json.dumps(build_submission(assignment, chosen)))
    return grade(path, assignment, config)


@pytest.fixture(scope="module")
def module_config():
    return GradingConfig(limits=replace(Limits(), call_seconds=5.0, submission_seconds=90.0))


@pytest.fixture(scope="module")
def perfect(tmp_path_factory, module_config) -> Report:
    return graded(tmp_path_factory, "gradient_descent", Scenario("perfect", ""), module_config)


@pytest.fixture(scope="module")
def iterates(tmp_path_factory, module_config) -> Report:
    """Plots the iterates x instead of the loss: a wrong plot."""
    return graded(tmp_path_factory, "gradient_descent", scenario("gradient_descent", "plot_shows_the_iterates"),
                  module_config)


def images(html: str) -> list[bytes]:
    return [base64.b64decode(data) for data in re.findall(r"src='data:image/png;base64,([^']+)'", html)]


def figure_blocks(html: str) -> list[str]:
    return re.findall(r"<figure class='plots'>.*?</div></figure>", html, re.S)


def assert_same_figure(got: FigureData, expected: FigureData) -> None:
    assert len(got.axes) == len(expected.axes)
    for a, b in zip(got.axes, expected.axes):
        assert (a.title, a.xlabel, a.ylabel, a.xscale, a.yscale, a.legend) == \
               (b.title, b.xlabel, b.ylabel, b.xscale, b.yscale, b.legend)
        assert [line.label for line in a.lines] == [line.label for line in b.lines]
        for line, other in zip(a.lines, b.lines):
            np.testing.assert_allclose(line.x, other.x, rtol=1e-12, atol=0, equal_nan=True)
            np.testing.assert_allclose(line.y, other.y, rtol=1e-12, atol=0, equal_nan=True)
        assert len(a.collections) == len(b.collections)


# ----------------------------------------------------------------------------- figures on results
def test_plot_tests_carry_the_students_figure_and_the_expected_one(perfect):
    plot_results = [r for r in perfect.results if r.problem == PLOT_PROBLEM]
    assert plot_results and all(r.figures for r in plot_results)
    for result in plot_results:
        for pair in result.figures:
            assert isinstance(pair, FigurePair) and pair.function == "plot_history"
            assert isinstance(pair.student, FigureData) and isinstance(pair.expected, FigureData)
    # tests that draw nothing carry nothing
    assert not any(r.figures for r in perfect.results if r.problem != PLOT_PROBLEM)


def reference_plot_assignments() -> list[str]:
    return [a for a in released_assignments() if "\ndef plot_" in (ROOT / "solutions" / f"{a}.py").read_text()]


def load_reference_module(assignment: str):
    return load_reference(GradingConfig(), assignment)


@pytest.mark.parametrize("assignment", reference_plot_assignments())
def test_worker_and_grader_extract_the_reference_plot_alike(assignment, tmp_path, module_config):
    """A notebook made of the reference module itself: the worker's extraction of its figures (student
    side) and the grader's extraction of the reference's figures (expected side) are the same data."""
    source = (ROOT / "solutions" / f"{assignment}.py").read_text()
    report = grade(write_notebook(tmp_path, code_notebook(source)), assignment, module_config)
    pairs = [pair for result in report.results for pair in result.figures]
    assert pairs, f"no figure recorded for {assignment}"
    for pair in pairs:
        assert pair.expected is not None, pair.function
        assert_same_figure(pair.student, pair.expected)


def test_a_wrong_plot_keeps_both_figures_and_they_differ(iterates):
    failed = [r for r in iterates.results if r.problem == PLOT_PROBLEM and r.status != PASSED]
    assert failed and all(r.figures for r in failed)
    pair = failed[0].figures[0]
    student_y = pair.student.all_lines()[0].y
    expected_y = pair.expected.all_lines()[0].y
    assert student_y.shape == expected_y.shape and not np.allclose(student_y, expected_y)


def test_a_plot_that_returns_nothing_records_no_figure(tmp_path_factory, module_config):
    report = graded(tmp_path_factory, "gradient_descent", scenario("gradient_descent", "plot_returns_nothing"),
                    module_config)
    plot_results = [r for r in report.results if r.problem == PLOT_PROBLEM]
    assert plot_results and not any(r.figures for r in plot_results)
    assert PLOT_PROBLEM in render(report) and "<img" not in render(report)


# ----------------------------------------------------------------------------- the page
def test_feedback_shows_your_plot_beside_the_expected_one_for_a_wrong_plot(iterates):
    html = render(iterates, "student")
    blocks = figure_blocks(html)
    assert blocks, "no figure block in the feedback"
    for block in blocks:
        assert "Your plot" in block and "Expected" in block and block.count("<img") == 2
        assert "plot_history(...)" in block
    pictures = images(html)
    assert len(pictures) == 2 * len(blocks)
    for png in pictures:
        pixels = matplotlib.image.imread(io.BytesIO(png), format="png")
        assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    # the wrong plot and the expected plot are different pictures
    first = re.findall(r"base64,([^']+)'", blocks[0])
    assert first[0] != first[1]
    # the lost points come first in the problem's table, with their explanation as the headline
    section = html[html.index(f"id='{PLOT_PROBLEM}'"):]
    assert section.index("✗") < section.index("✓")
    assert "<span class='headline'>plot_history: the curve shows the iterates x, not the loss" in section


def test_identical_plots_of_several_checks_are_drawn_once(perfect):
    """Two checks that make the same call (calculus does) show one picture, captioned with both."""
    first = next(r for r in perfect.results if r.figures)
    twin = replace(first, name=first.name + "_again", description="The same call, checked again.")
    doubled = replace(perfect, results=perfect.results + (twin,))
    blocks = figure_blocks(render(doubled))
    assert len(blocks) == len(figure_blocks(render(perfect))) >= 2  # the twin adds no picture of its own
    assert sum("The same call, checked again" in block for block in blocks) == 1
    assert sum("as called by the checks:" in block for block in blocks) == 1


def test_pictures_drawn_ahead_give_the_same_page(iterates):
    """A batch draws the plots in its grading processes (with_pngs); the page is the same."""
    drawn = with_pngs(iterates)
    pairs = [pair for result in drawn.results for pair in result.figures]
    assert pairs and all(pair.student_png.startswith(b"\x89PNG") for pair in pairs)
    assert render(drawn, "s") == render(iterates, "s")
    broken = replace(drawn, results=tuple(
        replace(r, figures=tuple(replace(p, student_png=b"") for p in r.figures)) for r in drawn.results))
    assert "(this figure could not be drawn)" in render(broken)


def test_full_marks_fold_the_checks_and_plots_away(perfect):
    html = render(perfect)
    assert html.count("<details>") == len(perfect.problems())
    assert "All checks passed (show the checks and your plots)" in html


def test_figures_of_hidden_tests_are_not_shown(iterates):
    hidden = replace(iterates, results=tuple(
        replace(r, visibility="hidden") if r.problem == PLOT_PROBLEM else r for r in iterates.results))
    html = render(hidden)
    assert not figure_blocks(html) and "<img" not in html
    shown_later = replace(iterates, results=tuple(
        replace(r, visibility="after_published") if r.problem == PLOT_PROBLEM else r for r in iterates.results))
    assert figure_blocks(render(shown_later))


def test_a_failed_hidden_test_shows_only_its_lost_points(iterates):
    failed = [r for r in iterates.results if r.status != PASSED]
    assert failed, "the iterates scenario loses points"
    hidden = replace(iterates, results=tuple(replace(r, visibility="hidden") for r in iterates.results))
    html = render(hidden)
    for result in failed:
        assert f"{result.score:g}/{result.max_score:g} lost" in html
        assert escape(explanation(result)[0]) not in html
        assert escape(result.description) not in html
    assert html.count("a hidden check") == len(failed)
    assert "The details of hidden checks are not shown." in html
    visible_html = render(iterates)
    assert all(escape(explanation(r)[0]) in visible_html for r in failed)


def test_the_feedback_is_built_without_a_pyplot_figure_left_open(iterates):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    render(replace(iterates))
    assert plt.get_fignums() == before


# ----------------------------------------------------------------------------- drawing is defensive
def line(x, y, label="") -> LineData:
    return LineData(np.asarray(x, dtype=float), np.asarray(y, dtype=float), label)


def axes(**fields) -> AxesData:
    base = dict(title="", xlabel="", ylabel="", xscale="linear", yscale="linear", legend=(), lines=(),
                collections=())
    base.update(fields)
    return AxesData(**base)


@pytest.mark.parametrize("figure", [
    FigureData(()),
    FigureData((axes(title=r"$\frac{1}{$ broken mathtext", xlabel="$x", legend=("$a$", "b"),
                     lines=(line([0, 1, 2], [1, 2, 3], "$a$"), line([0, 1], [1, 2, 3, 4]))),)),
    FigureData((axes(xscale="no-such-scale", yscale="log", lines=(line([0, 1, 2], [np.inf, -1.0, np.nan]),),
                     collections=(CollectionData(np.zeros((3, 3)), "bad shape"),
                                  CollectionData(np.array([[1.0, 2.0], [np.inf, 3.0]]), "pts"))),)),
    FigureData(tuple(axes(title=f"panel {i}", lines=(line(np.arange(200_000), np.arange(200_000) ** 0.5),))
                     for i in range(25))),
    FigureData((axes(title="x" * 500, legend=tuple(f"l{i}" for i in range(50)),
                     lines=tuple(line([0, 1], [i, i + 1], f"l{i}") for i in range(200))),)),
], ids=["no-axes", "mathtext-and-ragged", "inf-nan-bad-scale", "many-panels-many-points", "many-lines"])
def test_any_figure_data_draws_to_a_png_or_none_without_raising(figure):
    png = render_png(figure)
    assert png is None or png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png is not None  # all of these are drawable after the sanitising


def test_the_grader_extraction_closes_the_figures_of_the_reference():
    import matplotlib.pyplot as plt

    reference = load_reference_module("gradient_descent")
    before = plt.get_fignums()
    history = np.linspace(3.0, 2.25, 17)
    figure = expected_figure(reference, "plot_history", (history, remote_function(reference.f)), {})
    assert plt.get_fignums() == before
    assert figure is not None and figure.axes[0].xlabel
    np.testing.assert_allclose(figure.all_lines()[0].y, reference.f(history))
    assert expected_figure(reference, "no_such_function", (), {}) is None
    assert expected_figure(reference, "plot_history", ("not an array", None), {}) is None


def test_figure_from_matplotlib_reads_lines_labels_and_scatter():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [4, 5, 6], label="a")
    ax.scatter([1.0, 2.0], [3.0, 4.0], label="s")
    ax.set(title="t", xlabel="x", ylabel="y", yscale="log")
    ax.legend()
    data = figure_from_matplotlib(fig)
    (only,) = data.axes
    assert (only.title, only.xlabel, only.ylabel, only.yscale, only.legend) == ("t", "x", "y", "log", ("a", "s"))
    np.testing.assert_array_equal(only.lines[0].y, [4.0, 5.0, 6.0])
    np.testing.assert_array_equal(only.collections[0].offsets, [[1.0, 3.0], [2.0, 4.0]])
    assert figure_from_matplotlib("not a figure") is None


def test_the_headline_comes_from_the_fields_never_from_the_wording():
    """The named mistake leads and the comparison follows; a bare comparison is its own headline; code
    that did not run is its message; a hidden check shows nothing. No sentence splitting."""
    from autograder.report import (NOT_IMPLEMENTED, WRONG_VALUE, Comparison, NamedMistake, TestResult)

    compared = Comparison("softmax(z)", "z = [1., 2.]", "[0.27, 0.73]", "[nan, nan]", "2 of 2 entries differ. e.g. this")
    named = TestResult("t", "softmax", 0.0, 1.0, WRONG_VALUE, "ignored. prose", mistake=NamedMistake(
        "softmax-overflows", "softmax overflows for large logits: subtract the maximum first"), comparison=compared)
    assert explanation(named) == ("softmax overflows for large logits: subtract the maximum first", compared.text)
    bare = replace(named, mistake=None)
    assert explanation(bare) == (compared.text, "")
    assert compared.text == ("softmax(z) for z = [1., 2.]: expected [0.27, 0.73], got [nan, nan] "
                             "(2 of 2 entries differ. e.g. this)")
    stub = TestResult("t", "softmax", 0.0, 1.0, NOT_IMPLEMENTED, "softmax is not implemented yet", function="softmax")
    assert explanation(stub) == ("softmax is not implemented yet", "")
    assert explanation(replace(named, visibility="hidden")) == ("The details of hidden checks are not shown.", "")
