"""Hidden tests: problem "epochs" (entropy and cross-entropy of predictions during training, plot).

Contract (the notebook's docstrings): entropy(p) and cross_entropy(p, q, eps=1e-15) return one number
in nats, p and q (C,) float arrays that are not modified; a zero p_i contributes 0 to the entropy; q is
clipped to [eps, 1] before the log, with the eps given (adding eps inside the log is accepted too: no
test puts a q_i between 0 and eps under a p_i > 0), so np.log never sees 0 (no warning).
epoch_metrics returns a pair (tuple or list) of two np.ndarrays of shape (E,), in epoch order.
plot_epoch_metrics draws on a new Axes each call two lines with x = epochs, named "entropy" and
"cross-entropy" in a legend (label= on each line or ax.legend([...]) in drawing order), an x label
containing "epoch", a y label and a title, and returns the Axes (or its Figure).

Every known mistake is a re-enactment of the wrong computation on the test's own input.
"""

import functools
import re

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, expect_close, expect_no_warnings, expect_true,
                                      expect_unchanged)
from autograder.figures import FigureData, find_line

EPS = 1e-15
OTHER_FLOORS = [1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-16, 1e-20, 1e-100, 1e-300,
                float(np.finfo(float).eps), float(np.finfo(float).tiny)]
CLIP_WHY = ("clip q to [eps, 1] BEFORE taking the log (np.clip(q, eps, 1.0)): np.log(0) warns 'divide by "
            "zero' even when the nan or inf is replaced afterwards")


class Variants(tuple):
    """Several values one known mistake may give (e.g. a base-2 or a base-10 logarithm)."""


def _same(got, value, rtol=1e-6, atol=1e-9):
    """got has value's shape and values (nan matching nan, inf matching inf of the same sign)."""
    try:
        got, value = as_numbers(got), np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == value.shape and bool(np.allclose(got, value, rtol=rtol, atol=atol, equal_nan=True))


def _values(compute):
    """The value(s) a re-enacted wrong computation gives on the test's input ([] when it cannot run)."""
    try:
        with np.errstate(all="ignore"):
            value = compute()
    except (ValueError, IndexError, TypeError, ZeroDivisionError, FloatingPointError):
        return []
    found = list(value) if isinstance(value, Variants) else [value]
    return [value for value in found if value is not None]


def _telling(expected, known, same=_same):
    """One Mistake per known wrong computation (id, explanation, compute). It names a wrong answer only when
    the answer equals what that computation gives on this input and neither the right answer nor another
    known computation gives the same value: an input that cannot tell two mistakes apart names neither.

    Nothing is re-enacted until a check fails (the first `applies` call): most answers are right, and
    re-enacting and cross-comparing every mistake for each of them was most of the grader's time."""
    @functools.lru_cache(maxsize=None)
    def values():
        return [_values(compute) for _, _, compute in known]

    @functools.lru_cache(maxsize=None)
    def own(index):
        found = values()
        others = [expected] + [value for other, them in enumerate(found) if other != index for value in them]
        return [value for value in found[index] if not any(same(value, other) for other in others)]

    return [Mistake(message, lambda got, index=index: any(same(got, value) for value in own(index)), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(known)]


def _random_distribution(rng, c, zeros=0):
    p = rng.uniform(0.05, 1.0, size=c)
    p[rng.choice(c, size=zeros, replace=False)] = 0.0
    return p / p.sum()


def _one_number(name, expected):
    return Mistake(f"{name} came back as an array: return one number (a float), the sum over the classes",
                   lambda got: isinstance(got, (np.ndarray, list, tuple)) and np.size(got) == 1
                   and _same(np.ravel(as_numbers(got))[0], expected), id=f"{name.replace('_', '-')}-returned-array")


# ------------------------------------------------------------------ entropy
def _entropy(p, log=np.log):
    positive = p[p > 0]
    return float(-np.sum(positive * log(positive)))


def _entropy_mistakes(p, expected):
    p = np.asarray(p, dtype=float)
    positive = p[p > 0]
    known = [
        ("entropy-nan-for-zero",
         "entropy returned nan: a zero probability contributes 0 (0 log 0 = 0); skip the zero entries (p[p > 0]) "
         "before the log", lambda: -np.sum(p * np.log(p))),
        ("entropy-missing-minus-sign", "entropy is negative: H(p) = -sum p log p, with a minus sign",
         lambda: -expected),
        ("entropy-log-wrong-base", "entropy used log base 2 or 10: the course measures entropy in nats (np.log)",
         lambda: Variants((_entropy(p, np.log2), _entropy(p, np.log10)))),
        ("entropy-mean-not-sum", "entropy averaged the terms p_i log p_i: it is their sum, -sum_i p_i log p_i",
         lambda: Variants((expected / p.size, expected / positive.size))),
        ("entropy-not-summed", "entropy returned the terms -p_i log p_i: sum them into one number",
         lambda: Variants((np.where(p > 0, -p * np.log(np.where(p > 0, p, 1.0)), 0.0),
                           -positive * np.log(positive)))),
        ("entropy-missing-weights", "entropy dropped the weights p_i: it is -sum_i p_i log p_i, not -sum_i log p_i",
         lambda: -np.sum(np.log(positive))),
    ]
    return [_one_number("entropy", expected)] + _telling(expected, known)


def _check_entropy(student, reference, p, what, seen):
    expected = reference.entropy(p)
    got = student.entropy(p)
    seen.append(student.last_call)
    expect_close(got, expected, what=what, inputs={"p": p}, mistakes=_entropy_mistakes(p, expected))


@pytest.mark.points(1, problem="epochs")
def test_entropy_of_the_four_epoch_predictions(student, reference):
    """Entropy in nats of the predictions after 1, 10, 50 and 100 epochs."""
    seen = []
    for epoch, q in zip(reference.EPOCHS, reference.EPOCH_PREDICTIONS):
        _check_entropy(student, reference, q, f"entropy of the epoch-{epoch} prediction", seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(1, problem="epochs")
def test_entropy_of_random_distributions_including_zeros(student, reference, rng):
    """Entropy of random distributions, one-hot and uniform ones: zero probabilities contribute 0."""
    cases = [_random_distribution(rng, c, zeros) for c, zeros in [(3, 0), (6, 2), (4, 1), (8, 3)]]
    cases += [np.array([1.0, 0.0, 0.0]), np.full(4, 0.25), np.array([0.5, 0.5]), np.array([1.0]),
              np.array([0.0, 0.0, 1.0, 0.0])]
    seen = []
    for p in cases:
        _check_entropy(student, reference, p, "entropy(p)", seen)
    for effects in seen:
        expect_unchanged(effects)


# ------------------------------------------------------------------ cross_entropy
def _ce(p, q, eps=EPS, log=np.log):
    return float(-np.sum(p * log(np.clip(q, eps, 1.0))))


def _cross_entropy_mistakes(p, q, expected, eps=EPS, given_eps=False):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    known = [
        ("ce-not-clipped",
         "cross_entropy did not clip q: a zero prediction gives log(0) = -inf (and 0 * log 0 = nan); clip q to "
         "[eps, 1] before the log", lambda: -np.sum(p * np.log(q))),
        ("ce-skips-zero-predictions",
         "cross_entropy skipped the zero predictions: a zero q_i under a p_i > 0 costs p_i * (-log eps), so clip q "
         "to [eps, 1] instead of dropping those terms", lambda: -np.sum(p[q > 0] * np.log(q[q > 0]))),
        ("ce-clip-wrong-floor",
         "cross_entropy clipped q with another floor than eps: clip to [eps, 1] with the eps argument "
         "(default 1e-15)", lambda: Variants(_ce(p, q, floor) for floor in OTHER_FLOORS)),
        ("ce-arguments-swapped",
         "cross_entropy(p, q) swapped its arguments: H(p, q) = -sum p log q, where p is the true distribution and "
         "q the prediction", lambda: Variants((_ce(q, p, eps), -np.sum(q * np.log(p))))),
        ("ce-missing-minus-sign", "cross_entropy is negative: H(p, q) = -sum p log q, with a minus sign",
         lambda: -expected),
        ("ce-log-wrong-base", "cross_entropy used log base 2 or 10: use the natural log (nats)",
         lambda: Variants((_ce(p, q, eps, np.log2), _ce(p, q, eps, np.log10)))),
        ("ce-returned-entropy-of-q", "cross_entropy returned the entropy of the prediction, H(q), not H(p, q)",
         lambda: _entropy(q)),
        ("ce-computed-kl",
         "cross_entropy computed the KL divergence sum p log(p / q): the cross-entropy is -sum p log q "
         "(= H(p) + KL(p || q))", lambda: _ce(p, q, eps) - _entropy(p)),
        ("ce-assumes-one-hot",
         "cross_entropy only looked at the class where p is largest (-log q[argmax p]): that is right for a one-hot "
         "p only; for soft targets sum over every class, -sum_i p_i log q_i",
         lambda: -np.log(np.clip(q[np.argmax(p)], eps, 1.0))),
        ("ce-mean-not-sum", "cross_entropy averaged the terms p_i log q_i over the classes: it is their sum",
         lambda: expected / p.size),
    ]
    if given_eps:
        known.insert(0, ("ce-ignores-eps-argument",
                         f"cross_entropy ignored its argument eps (called with eps={eps:g}): clip with the eps it is "
                         "given, not a fixed 1e-15", lambda: _ce(p, q, EPS)))
    return [_one_number("cross_entropy", expected)] + _telling(expected, known)


def _check_cross_entropy(student, reference, p, q, what, seen, **eps):
    expected = reference.cross_entropy(p, q, **eps)
    got = student.cross_entropy(p, q, **eps)
    seen.append(student.last_call)
    mistakes = _cross_entropy_mistakes(p, q, expected, eps.get("eps", EPS), given_eps=bool(eps))
    expect_close(got, expected, what=what, inputs={"p": p, "q": q, **eps}, mistakes=mistakes)


@pytest.mark.points(1, problem="epochs")
def test_cross_entropy_of_the_epoch_predictions_against_the_true_label(student, reference):
    """Cross-entropy of each epoch's prediction against the one-hot label of class 0."""
    seen = []
    p = reference.EPOCH_TRUE_LABEL.astype(float)
    for epoch, q in zip(reference.EPOCHS, reference.EPOCH_PREDICTIONS):
        _check_cross_entropy(student, reference, p, q, f"cross_entropy(true_label, prediction at epoch {epoch})",
                             seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(1, problem="epochs")
def test_cross_entropy_of_soft_targets(student, reference, rng):
    """Cross-entropy H(p, q) for random (not one-hot) distributions p and q."""
    seen = []
    for c in [3, 5, 7]:
        for _ in range(3):
            p, q = _random_distribution(rng, c), _random_distribution(rng, c)
            _check_cross_entropy(student, reference, p, q, "cross_entropy(p, q)", seen)
    for effects in seen:
        expect_unchanged(effects)


@pytest.mark.points(1, problem="epochs")
def test_cross_entropy_clips_zero_predictions(student, reference):
    """cross_entropy clips q to [1e-15, 1] before the log: no nan, no warning, a zero prediction costs -log(1e-15)."""
    seen = []
    cases = [
        (np.array([1.0, 0.0, 0.0]), np.array([0.6, 0.4, 0.0])),
        (np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.5, 0.5])),
        (np.array([0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0])),
        (np.array([0.25, 0.75]), np.array([0.0, 1.0])),
    ]
    for p, q in cases:
        _check_cross_entropy(student, reference, p, q, "cross_entropy(p, q) with zero predicted probabilities", seen)
    for effects in seen:
        expect_unchanged(effects)
    for effects in seen:
        expect_no_warnings(effects, category="RuntimeWarning", why=CLIP_WHY)


@pytest.mark.points(1, problem="epochs")
def test_cross_entropy_of_distributions_clips_with_the_eps_it_is_given(student, reference):
    """cross_entropy(p, q, eps) clips q with that eps: a zero prediction under p_i costs -p_i log(eps)."""
    seen = []
    cases = [
        (np.array([0.0, 1.0, 0.0]), np.array([0.7, 0.0, 0.3]), 1e-3),
        (np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.0, 0.5, 0.5]), 0.01),
        (np.array([0.0, 0.0, 1.0]), np.array([0.5, 0.5, 1e-12]), 1e-4),
    ]
    for p, q, eps in cases:
        _check_cross_entropy(student, reference, p, q, f"cross_entropy(p, q, eps={eps:g})", seen, eps=eps)
    for effects in seen:
        expect_unchanged(effects)


# ------------------------------------------------------------------ epoch_metrics
@pytest.mark.points(1, problem="epochs")
def test_epoch_metrics_returns_entropies_and_cross_entropies_in_epoch_order(student, reference, rng):
    """epoch_metrics returns (entropies, cross_entropies): two arrays with one entry per epoch, in order."""
    datasets = [(reference.EPOCH_PREDICTIONS, reference.EPOCH_TRUE_LABEL)]
    predictions = np.array([_random_distribution(rng, 4, zeros) for zeros in (0, 1, 0, 2, 0, 0)])
    datasets.append((predictions, np.array([0, 0, 1, 0])))
    datasets.append((predictions[:1], np.array([0, 1, 0, 0])))
    seen = []
    for predictions, true_label in datasets:
        got = student.epoch_metrics(predictions, true_label)
        seen.append(student.last_call)
        expected_h, expected_ce = reference.epoch_metrics(predictions, true_label)
        expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                    "epoch_metrics must return a pair (entropies, cross_entropies); got "
                    f"{type(got).__name__}" + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""),
                    mistake=Mistake("epoch_metrics must return a pair: return entropies, cross_entropies",
                                    lambda _: True, id="epoch-metrics-not-a-pair"))
        got_h, got_ce = got
        labels = np.asarray(true_label, dtype=float)
        swapped = Mistake("epoch_metrics returned (cross_entropies, entropies): the entropies come first",
                          lambda _: _same(got_h, expected_ce) and _same(got_ce, expected_h), id="epoch-metrics-swapped")

        def as_lists(expected):
            return Mistake("epoch_metrics returned Python lists: the docstring asks for two np.ndarrays "
                           "(np.array(...) around each list)",
                           lambda value: isinstance(value, (list, tuple)) and _same(value, expected),
                           id="returns-list-not-ndarray")

        globals_h, globals_ce = reference.epoch_metrics(reference.EPOCH_PREDICTIONS, reference.EPOCH_TRUE_LABEL)
        uses_globals = Mistake(
            "epoch_metrics used the notebook's EPOCH_PREDICTIONS / EPOCH_TRUE_LABEL instead of its arguments: "
            "compute with the predictions and true_label it is given",
            lambda value: (_same(value, globals_h) or _same(value, globals_ce))
            and not (_same(globals_h, expected_h) and _same(globals_ce, expected_ce)),
            id="epoch-metrics-uses-notebook-globals")
        mistakes_h = [as_lists(expected_h), swapped, uses_globals]
        mistakes_ce = [as_lists(expected_ce), swapped, uses_globals] + _telling(expected_ce, [
            ("epoch-metrics-ce-arguments-swapped",
             "epoch_metrics called cross_entropy(prediction, true_label): the true label comes first, "
             "cross_entropy(true_label, predictions[e])",
             lambda: np.array([_ce(q, labels) for q in predictions])),
        ])
        expect_close(got_h, expected_h, what="entropies returned by epoch_metrics", strict_type=True,
                     inputs={"predictions": predictions}, mistakes=mistakes_h)
        expect_close(got_ce, expected_ce, what="cross-entropies returned by epoch_metrics", strict_type=True,
                     inputs={"predictions": predictions, "true_label": true_label}, mistakes=mistakes_ce)
    for effects in seen:
        expect_unchanged(effects)


# ------------------------------------------------------------------ plot
PLOT_NOT_A_FIGURE = Mistake("plot_epoch_metrics must return the matplotlib Axes it drew on (ax), or its Figure",
                            lambda _: True, id="plot-returns-no-axes")


def _plot(student, epochs, entropies, cross_entropies, seen):
    got = student.plot_epoch_metrics(epochs, entropies, cross_entropies)
    seen.append(student.last_call)
    expect_true(isinstance(got, FigureData),
                f"plot_epoch_metrics returned {type(got).__name__}, not a matplotlib Axes or Figure",
                mistake=PLOT_NOT_A_FIGURE)
    expect_true(len(got.all_lines()) > 0,
                "plot_epoch_metrics drew no lines: plot the entropies and the cross-entropies with ax.plot",
                mistake=Mistake("plot_epoch_metrics drew no lines on the Axes it returned", lambda _: True,
                                id="plot-no-lines"))
    return got


def _plot_datasets(reference, rng):
    h, ce = reference.epoch_metrics(reference.EPOCH_PREDICTIONS, reference.EPOCH_TRUE_LABEL)
    other_epochs = np.array([1, 2, 3, 5, 8])
    return [(reference.EPOCHS, h, ce),
            (other_epochs, rng.uniform(0.5, 1.5, size=5), rng.uniform(0.1, 2.0, size=5))]


@pytest.mark.points(2, problem="epochs")
def test_plot_draws_both_curves_over_the_epochs_on_a_new_axes(student, reference, rng):
    """The plot has one line per quantity, with the epochs as x values, on a new Axes at every call."""
    seen = []
    figures = []
    datasets = _plot_datasets(reference, rng)
    for epochs, h, ce in datasets:
        figure = _plot(student, epochs, h, ce, seen)
        figures.append(figure)
        for values, name in [(h, "entropies"), (ce, "cross-entropies")]:
            line = find_line(figure, values, x=epochs)
            if line is None and find_line(figure, values) is not None:
                expect_true(False, f"the line of the {name} is there, but not over the epochs: use the "
                                   f"epochs {np.asarray(epochs).tolist()} as x values",
                            mistake=Mistake("plot_epoch_metrics drew the curves against 0, 1, 2, ... instead of the "
                                            "epochs: pass the epochs as x, ax.plot(epochs, values)", lambda _: True,
                                            id="plot-against-the-index"))
            swapped_axes = find_line(figure, np.asarray(epochs, dtype=float), x=values) is not None
            expect_true(not (line is None and swapped_axes),
                        f"the {name} are drawn on the x axis and the epochs on the y axis",
                        mistake=Mistake("plot_epoch_metrics swapped the axes: ax.plot(x, y) takes the epochs first, "
                                        "ax.plot(epochs, values)", lambda _: True, id="plot-axes-swapped"))
            expect_true(line is not None,
                        f"plot_epoch_metrics has no line with x = epochs {np.asarray(epochs).tolist()} and y = the "
                        f"{name} {np.round(values, 4).tolist()}",
                        mistake=Mistake(f"plot_epoch_metrics did not draw the {name} it was given", lambda _: True,
                                        id="plot-line-missing"))
    first_h, first_ce = datasets[0][1:]
    left_over = [values for values in (first_h, first_ce) if find_line(figures[1], values) is not None]
    expect_true(not left_over,
                "the second call's Axes still holds the lines of the first call: plot_epoch_metrics must draw on a "
                "new Axes every time",
                mistake=Mistake("plot_epoch_metrics drew on an Axes left from an earlier call (plt.plot / plt.gca() "
                                "without a new figure): create one with fig, ax = plt.subplots() in each call",
                                lambda _: True, id="plot-reuses-axes"))
    for effects in seen:
        expect_unchanged(effects)


def _lines_of(figure, values):
    """(axes, index, line) of every line that draws values (as y, or as x when the axes were swapped: that
    is graded by the test of the curves; this one grades the names)."""
    values = np.asarray(values, dtype=float)

    def shows(data):
        return data.shape == values.shape and np.allclose(data, values, rtol=1e-6, atol=1e-9)

    return [(axes, index, line) for axes in figure.axes for index, line in enumerate(axes.lines)
            if shows(line.y) or shows(line.x)]


def _shown_label(axes, index, line):
    """The text the legend shows for a line: its own label (label=...), or, when the legend was given its
    texts directly (ax.legend(["...", "..."])), the text at the line's position in drawing order."""
    own = [other.label for other in axes.lines if not other.label.startswith("_")]
    if list(axes.legend) == own or not axes.legend:
        return "" if line.label.startswith("_") else line.label
    return axes.legend[index] if index < len(axes.legend) else ""


def _names_entropy(text):
    return bool(re.search("entropy", text, re.I)) and not re.search("cross", text, re.I)


def _names_cross_entropy(text):
    return bool(re.search("cross", text, re.I))


@pytest.mark.points(1, problem="epochs")
def test_plot_has_labelled_lines_a_legend_and_axis_labels(student, reference, rng):
    """The lines are named in a legend ('entropy', 'cross-entropy'), with an x label 'epoch', a y label and a title."""
    seen = []
    epochs, h, ce = _plot_datasets(reference, rng)[0]
    figure = _plot(student, epochs, h, ce, seen)
    entropy_lines, cross_lines = _lines_of(figure, h), _lines_of(figure, ce)
    expect_true(entropy_lines and cross_lines,
                "plot_epoch_metrics must draw the entropies and the cross-entropies as two lines",
                mistake=Mistake("plot_epoch_metrics did not draw both curves it was given", lambda _: True,
                                id="plot-line-missing"))
    no_legend = Mistake("the plot has no legend: call ax.legend() after plotting lines drawn with label=..., or "
                        "ax.legend(['entropy', 'cross-entropy'])", lambda _: True, id="plot-no-legend")
    axes_with_legend = [axes for axes, _, _ in entropy_lines + cross_lines if axes.legend]
    expect_true(axes_with_legend, "the Axes of the curves has no legend", mistake=no_legend)
    shown_entropy = [_shown_label(axes, index, line) for axes, index, line in entropy_lines]
    shown_cross = [_shown_label(axes, index, line) for axes, index, line in cross_lines]
    unnamed = Mistake("the legend does not name the curves: label the entropy line 'entropy' and the cross-entropy "
                      "line 'cross-entropy' (label= in ax.plot, or ax.legend([...]) in the order the lines were drawn)",
                      lambda _: True, id="plot-lines-unlabelled")
    expect_true(any(_names_entropy(text) for text in shown_entropy),
                f"the legend must name the entropy line 'entropy'; it shows {shown_entropy}", mistake=unnamed)
    expect_true(any(_names_cross_entropy(text) for text in shown_cross),
                f"the legend must name the cross-entropy line 'cross-entropy'; it shows {shown_cross}", mistake=unnamed)
    axes = entropy_lines[0][0]
    expect_true(re.search("epoch", axes.xlabel, re.I),
                f"the x axis must be labelled 'epoch', got {axes.xlabel!r}",
                mistake=Mistake("the x axis is not labelled with the epoch: ax.set_xlabel('epoch')", lambda _: True,
                                id="plot-no-epoch-xlabel"))
    expect_true(axes.ylabel.strip() != "", "the y axis needs a label (for example 'nats')",
                mistake=Mistake("the y axis has no label: ax.set_ylabel('nats')", lambda _: True, id="plot-no-ylabel"))
    expect_true(axes.title.strip() != "", "the plot needs a title",
                mistake=Mistake("the plot has no title: ax.set_title(...)", lambda _: True, id="plot-no-title"))
    for effects in seen:
        expect_unchanged(effects)
