"""Hidden tests: problem "epochs" (entropy and cross-entropy of predictions during training, plot)."""

import re

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true
from autograder.figures import FigureData, find_line


def _close(got, value):
    return np.allclose(as_numbers(got), value, rtol=1e-6, atol=1e-9)


def _random_distribution(rng, c, zeros=0):
    p = rng.uniform(0.05, 1.0, size=c)
    p[rng.choice(c, size=zeros, replace=False)] = 0.0
    return p / p.sum()


def _entropy_mistakes(p):
    positive = p[p > 0]
    h = -np.sum(positive * np.log(positive))
    return [
        Mistake("entropy returned nan: a zero probability contributes 0 (0 log 0 = 0); skip zero "
                "entries or use np.where", lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("entropy is negative: H(p) = -sum p log p, with a minus sign", lambda got: _close(got, -h)),
        Mistake("entropy used log base 2 or 10: the course measures entropy in nats (np.log)",
                lambda got: _close(got, h / np.log(2)) or _close(got, h / np.log(10))),
    ]


def _cross_entropy_mistakes(p, q):
    qc = np.clip(q, 1e-15, 1.0)
    pc = np.clip(p, 1e-15, 1.0)
    value = -np.sum(p * np.log(qc))
    return [
        Mistake("cross_entropy returned nan: clip q to [1e-15, 1] before the log (0 * log 0 is nan "
                "in floating point)", lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("cross_entropy(p, q) swapped its arguments: H(p, q) = -sum p log q, where p is the "
                "true distribution and q the prediction", lambda got: _close(got, -np.sum(q * np.log(pc)))),
        Mistake("cross_entropy is negative: H(p, q) = -sum p log q, with a minus sign",
                lambda got: _close(got, -value)),
        Mistake("cross_entropy used log base 2 or 10: use the natural log (nats)",
                lambda got: _close(got, value / np.log(2)) or _close(got, value / np.log(10))),
        Mistake("cross_entropy returned the entropy of the prediction, H(q), not H(p, q)",
                lambda got: _close(got, -np.sum(q[q > 0] * np.log(q[q > 0])))),
    ]


# ------------------------------------------------------------------ entropy and cross-entropy
@pytest.mark.points(1, problem="epochs")
def test_entropy_of_the_four_epoch_predictions(student, reference):
    """Entropy in nats of the predictions after 1, 10, 50 and 100 epochs."""
    for epoch, q in zip(reference.EPOCHS, reference.EPOCH_PREDICTIONS):
        expect_close(student.entropy(q), reference.entropy(q), what=f"entropy of the epoch-{epoch} prediction",
                     inputs={"p": q}, mistakes=_entropy_mistakes(q))


@pytest.mark.points(1, problem="epochs")
def test_entropy_of_random_distributions_including_zeros(student, reference, rng):
    """Entropy of random distributions, where zero probabilities contribute 0."""
    cases = [_random_distribution(rng, c, zeros) for c, zeros in [(3, 0), (6, 2), (4, 1), (8, 3)]]
    cases += [np.array([1.0, 0.0, 0.0]), np.full(4, 0.25), np.array([0.5, 0.5])]
    for p in cases:
        expect_close(student.entropy(p), reference.entropy(p), what="entropy(p)", inputs={"p": p},
                     mistakes=_entropy_mistakes(p))


@pytest.mark.points(1, problem="epochs")
def test_cross_entropy_of_the_epoch_predictions_against_the_true_label(student, reference):
    """Cross-entropy of each epoch's prediction against the one-hot label of class 0."""
    p = reference.EPOCH_TRUE_LABEL
    for epoch, q in zip(reference.EPOCHS, reference.EPOCH_PREDICTIONS):
        expect_close(student.cross_entropy(p, q), reference.cross_entropy(p, q),
                     what=f"cross_entropy(true_label, prediction at epoch {epoch})",
                     inputs={"p": p, "q": q}, mistakes=_cross_entropy_mistakes(p.astype(float), q))


@pytest.mark.points(1, problem="epochs")
def test_cross_entropy_of_soft_targets(student, reference, rng):
    """Cross-entropy H(p, q) for random (not one-hot) distributions p and q."""
    for c in [3, 5, 7]:
        for _ in range(3):
            p, q = _random_distribution(rng, c), _random_distribution(rng, c)
            expect_close(student.cross_entropy(p, q), reference.cross_entropy(p, q),
                         what="cross_entropy(p, q)", inputs={"p": p, "q": q},
                         mistakes=_cross_entropy_mistakes(p, q))


@pytest.mark.points(1, problem="epochs")
def test_cross_entropy_clips_zero_predictions(student, reference):
    """cross_entropy clips q to [1e-15, 1]: no nan, and a zero prediction costs -log(1e-15)."""
    cases = [
        (np.array([1.0, 0.0, 0.0]), np.array([0.6, 0.4, 0.0])),
        (np.array([0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0])),
        (np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.5, 0.5])),
    ]
    for p, q in cases:
        expect_close(student.cross_entropy(p, q), reference.cross_entropy(p, q),
                     what="cross_entropy(p, q) with zero predicted probabilities", inputs={"p": p, "q": q},
                     mistakes=_cross_entropy_mistakes(p, q) + [
                         Mistake("clip q to [1e-15, 1] (eps = 1e-15, as stated in the docstring): a zero "
                                 "predicted probability for the true class costs -log(1e-15) = 34.54",
                                 lambda got: np.isinf(as_numbers(got)).any()
                                 or as_numbers(got) > 0)])


@pytest.mark.points(2, problem="epochs")
def test_epoch_metrics_returns_entropies_and_cross_entropies_in_epoch_order(student, reference, rng):
    """epoch_metrics returns (entropies, cross_entropies), one entry per epoch, in order."""
    datasets = [(reference.EPOCH_PREDICTIONS, reference.EPOCH_TRUE_LABEL)]
    predictions = np.array([_random_distribution(rng, 4, zeros) for zeros in (0, 1, 0, 2, 0, 0)])
    datasets.append((predictions, np.array([0, 0, 1, 0])))
    for predictions, true_label in datasets:
        got = student.epoch_metrics(predictions, true_label)
        expected_h, expected_ce = reference.epoch_metrics(predictions, true_label)
        expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                    "epoch_metrics must return a pair (entropies, cross_entropies); got "
                    f"{type(got).__name__}" + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""))
        got_h, got_ce = got
        swapped = Mistake("epoch_metrics returned (cross_entropies, entropies): the entropies come first",
                          lambda value: _close(got_h, expected_ce) and _close(got_ce, expected_h))
        expect_close(got_h, expected_h, what="entropies returned by epoch_metrics",
                     inputs={"predictions": predictions}, mistakes=[swapped])
        expect_close(got_ce, expected_ce, what="cross-entropies returned by epoch_metrics",
                     inputs={"predictions": predictions, "true_label": true_label}, mistakes=[swapped])


# ------------------------------------------------------------------ plot
def _plot(student, epochs, entropies, cross_entropies):
    got = student.plot_epoch_metrics(epochs, entropies, cross_entropies)
    expect_true(isinstance(got, FigureData),
                "plot_epoch_metrics must return the matplotlib Axes it drew on (or its Figure); got "
                f"{type(got).__name__}")
    expect_true(len(got.all_lines()) > 0,
                "plot_epoch_metrics drew no lines: plot the entropies and the cross-entropies with ax.plot")
    return got


def _plot_datasets(reference, rng):
    h, ce = reference.epoch_metrics(reference.EPOCH_PREDICTIONS, reference.EPOCH_TRUE_LABEL)
    other_epochs = np.array([1, 2, 3, 5, 8])
    return [(reference.EPOCHS, h, ce),
            (other_epochs, rng.uniform(0.5, 1.5, size=5), rng.uniform(0.1, 2.0, size=5))]


@pytest.mark.points(2, problem="epochs")
def test_plot_draws_both_curves_over_the_epochs(student, reference, rng):
    """The plot has one line per quantity, with the epochs as x values."""
    for epochs, h, ce in _plot_datasets(reference, rng):
        figure = _plot(student, epochs, h, ce)
        for values, name in [(h, "entropies"), (ce, "cross-entropies")]:
            line = find_line(figure, values, x=epochs)
            if line is None and find_line(figure, values) is not None:
                expect_true(False, f"the line of the {name} is there, but not over the epochs: use the "
                                   f"epochs {np.asarray(epochs).tolist()} as x values")
            expect_true(line is not None,
                        f"plot_epoch_metrics has no line with x = epochs {np.asarray(epochs).tolist()} and y = the "
                        f"{name} {np.round(values, 4).tolist()}")


def _lines_with_y(figure, values):
    """(axes, line) pairs of every line whose y data equals values."""
    values = np.asarray(values, dtype=float)
    return [(axes, line) for axes in figure.axes for line in axes.lines
            if line.y.shape == values.shape and np.allclose(line.y, values, rtol=1e-6, atol=1e-9)]


@pytest.mark.points(1, problem="epochs")
def test_plot_has_labelled_lines_a_legend_and_axis_labels(student, reference, rng):
    """The lines are labelled, with a legend, an x label 'epoch', a y label and a title."""
    epochs, h, ce = _plot_datasets(reference, rng)[0]
    figure = _plot(student, epochs, h, ce)
    entropy_lines, cross_lines = _lines_with_y(figure, h), _lines_with_y(figure, ce)
    expect_true(entropy_lines and cross_lines,
                "plot_epoch_metrics must draw the entropies and the cross-entropies as two lines")
    labelled_entropy = [(axes, line) for axes, line in entropy_lines
                        if re.search("entropy", line.label, re.I) and not re.search("cross", line.label, re.I)]
    expect_true(labelled_entropy, "the entropy line must be labelled 'entropy' (ax.plot(..., label='entropy')), "
                f"got {[line.label for _, line in entropy_lines]}")
    labelled_cross = [(axes, line) for axes, line in cross_lines if re.search("cross", line.label, re.I)]
    expect_true(labelled_cross, "the cross-entropy line must be labelled 'cross-entropy' "
                f"(ax.plot(..., label='cross-entropy')), got {[line.label for _, line in cross_lines]}")
    axes = labelled_entropy[0][0]
    expect_true(any(re.search("cross", text, re.I) for text in axes.legend)
                and any(re.search("entropy", text, re.I) and not re.search("cross", text, re.I)
                        for text in axes.legend),
                "the plot needs a legend naming both curves: call ax.legend() after plotting the "
                f"labelled lines (legend entries found: {list(axes.legend)})")
    expect_true(re.search("epoch", axes.xlabel, re.I),
                f"the x axis must be labelled 'epoch', got {axes.xlabel!r}")
    expect_true(axes.ylabel.strip() != "", "the y axis needs a label (for example 'nats')")
    expect_true(axes.title.strip() != "", "the plot needs a title")
