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
    expect_close(condition_number(np.diag([1.0, 1e-3])), 1000.0, what="condition_number(diag(1, 1e-3))")


@test_case(hidden=False, points=3, failure_message=f"He against Xavier in the experiment of the text {REMINDER}")
def experiment(spectra_experiment):
    table = spectra_experiment((50, 100, 200), seed=0)
    expect_close(np.array(table["he"]["radius"]) / np.array(table["xavier"]["radius"]), [np.sqrt(2)] * 3,
                 what="the spectral radius of He over that of Xavier for n = 50, 100, 200")
    expect_close(table["he"]["cond"], table["xavier"]["cond"], what="the condition numbers of He against Xavier")


@test_case(hidden=False, points=2, failure_message=f"the plots of the two spectra {REMINDER}")
def plots(plot_spectra, init_weights, sorted_spectra):
    matrices = [init_weights(200, "xavier", 0), init_weights(200, "he", 0)]
    ax = plot_spectra(matrices, ["Xavier n=200", "He n=200"])
    expect_equal(len(ax.get_lines()), 2, what="the number of lines")
    expect_close(np.asarray(ax.get_lines()[0].get_xdata(), dtype=float), np.arange(1.0, 201.0),
                 what="x data of the first line (the ranks 1 .. n)")
    expect_close(np.asarray(ax.get_lines()[1].get_ydata(), dtype=float), sorted_spectra(matrices[1])[1],
                 what="y data of the second line (the singular values of He)")
    expect_true(ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), "label both axes and give a title")
    expect_true(ax.get_legend() is not None, "add a legend")
    ax = plot_spectra(matrices, ["Xavier n=200", "He n=200"], kind="eigen")
    expect_close(np.asarray(ax.get_lines()[0].get_ydata(), dtype=float), sorted_spectra(matrices[0])[0],
                 what="y data of the first line with kind='eigen' (the eigenvalue magnitudes of Xavier)")
