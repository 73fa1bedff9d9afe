"""Public check of init_weights, sorted_spectra, condition_number, spectra_experiment and plot_spectra."""

OK_FORMAT = False

import numpy as np
from otter.test_files import test_case

from public_compare import expect_close, expect_equal, expect_true

name = "spectra"
points = 8

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, points=3,
           failure_message=f"the weights of seed 0, a rotation and a diagonal matrix {REMINDER}")
def weights_and_spectra(init_weights, sorted_spectra, condition_number):
    W = init_weights(4, "xavier", seed=0)
    expect_close(W, np.random.default_rng(0).standard_normal((4, 4)) * 0.5,
                 what="init_weights(4, 'xavier', seed=0)")
    expect_close(init_weights(4, "he", seed=0), np.sqrt(2) * W, what="init_weights(4, 'he', seed=0)")
    magnitudes, singular = sorted_spectra(np.array([[0.0, -1.0], [1.0, 0.0]]))
    expect_close(magnitudes, [1.0, 1.0], what="the eigenvalue magnitudes of a rotation by 90 degrees")
    expect_close(singular, [1.0, 1.0], what="the singular values of a rotation by 90 degrees")
    magnitudes, _ = sorted_spectra(np.array([[0.0, -2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 0.5]]))
    expect_close(magnitudes, [2.0, 2.0, 0.5], what="the eigenvalue magnitudes of [[0, -2, 0], [2, 0, 0], [0, 0, 0.5]] "
                                                    "(eigenvalues 2i, -2i and 0.5: take np.abs, then sort)")
    expect_close(condition_number(np.diag([1.0, 1e-3])), 1000.0, what="condition_number(diag(1, 1e-3))")
    with np.errstate(divide="raise", invalid="raise"):
        try:
            kappa = condition_number(np.diag([2.0, 0.0]))
        except FloatingPointError:
            kappa = None
    expect_true(kappa is not None and np.isinf(kappa),
                "condition_number(diag(2, 0)) must return inf without dividing by 0 (check for 0 first)")


@test_case(hidden=False, points=3, failure_message=f"He against Xavier in the experiment of the text {REMINDER}")
def experiment(spectra_experiment):
    table = spectra_experiment((50, 100, 200), seed=0)
    expect_close(np.array(table["he"]["radius"]) / np.array(table["xavier"]["radius"]), [np.sqrt(2)] * 3,
                 what="the spectral radius of He over that of Xavier for n = 50, 100, 200")
    expect_close(table["he"]["cond"], table["xavier"]["cond"], what="the condition numbers of He against Xavier")


@test_case(hidden=False, points=2, failure_message=f"the plots of the two spectra {REMINDER}")
def plots(plot_spectra, init_weights, sorted_spectra):
    def axes_of(result):   # the Axes, or the first Axes of a returned Figure
        return result if hasattr(result, "get_lines") else result.axes[0]

    def find(ax, y):   # the index of the line with x = 1 .. n and these y values, or None
        for index, line in enumerate(ax.get_lines()):
            x_data = np.asarray(line.get_xdata(), dtype=float)
            y_data = np.asarray(line.get_ydata(), dtype=float)
            if (y_data.shape == np.shape(y) and np.allclose(y_data, y)
                    and np.array_equal(x_data, np.arange(1.0, len(y) + 1.0))):
                return index
        return None

    def label_of(ax, index):   # label= on the line, or the text ax.legend(labels) gave it
        own = ax.get_lines()[index].get_label()
        texts = [t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() is not None else []
        return own if not own.startswith("_") or index >= len(texts) else texts[index]

    matrices = [init_weights(200, "xavier", 0), init_weights(200, "he", 0)]
    labels = ["Xavier n=200", "He n=200"]
    ax = axes_of(plot_spectra(matrices, labels))
    for matrix, label in zip(matrices, labels):
        index = find(ax, sorted_spectra(matrix)[1])
        expect_true(index is not None, f"no line with x = 1 .. 200 and y = the singular values of {label!r} "
                                       "(sorted largest first)")
        expect_equal(label_of(ax, index), label, what=f"the label of the line of {label!r}")
    expect_true(ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), "label both axes and give a title")
    expect_true(ax.get_legend() is not None, "add a legend")
    ax = axes_of(plot_spectra(matrices, labels, kind="eigen"))
    expect_true(find(ax, sorted_spectra(matrices[0])[0]) is not None,
                "no line with x = 1 .. 200 and y = the eigenvalue magnitudes of Xavier for kind='eigen'")
    expect_true(find(ax, sorted_spectra(matrices[0])[1]) is None,
                "the plot for kind='eigen' still shows the singular values of the first call: make a new figure at "
                "every call (fig, ax = plt.subplots())")
