"""Hidden tests for problem `spectra`: spectra and condition numbers of Xavier and He matrices.

Contracts:
- init_weights(n, scheme="xavier", seed=0): rng = np.random.default_rng(seed), ONE draw
  rng.standard_normal((n, n)), times sqrt(1 / n) for "xavier" and sqrt(2 / n) for "he".
- sorted_spectra(W): (|eigenvalues|, singular values) of a square W, both descending, shape (n,).
- condition_number(W): sigma_max / sigma_min (a float; inf when sigma_min is 0).
- spectra_experiment(sizes, seed): {"xavier": {"radius": [...], "cond": [...]}, "he": {...}}, one
  entry per size, W = init_weights(n, scheme, seed), radius = max |eigenvalue|.
- plot_spectra(matrices, labels, kind="singular"): returns the Axes; one line per matrix with
  x = 1, 2, ..., n and y = the sorted singular values (kind="singular") or eigenvalue magnitudes
  (kind="eigen"), labelled with its label; x label, y label, title and legend.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true
from autograder.figures import FigureData, find_line

PROBLEM = "spectra"


def _proportional(got, raw):
    got = as_numbers(got)
    if got.shape != raw.shape or not np.all(np.isfinite(got)):
        return False
    ratio = got / raw
    return bool(np.allclose(ratio, ratio.flat[0], rtol=1e-6, atol=0))


def _init_mistakes(n, scheme, seed):
    gain = {"xavier": 1.0, "he": 2.0}[scheme]
    raw = np.random.default_rng(seed).standard_normal((n, n))
    legacy = np.random.RandomState(seed).randn(n, n)
    mistakes = [
        Mistake("the draws come from NumPy's global generator (np.random.seed / np.random.randn): use "
                "rng = np.random.default_rng(seed) and rng.standard_normal((n, n))",
                lambda got: _proportional(got, legacy)),
        Mistake(f"the scale is missing its square root: multiply by sqrt({gain:g} / n), not {gain:g} / n",
                lambda got: n > 1 and np.allclose(as_numbers(got), raw * gain / n)),
        Mistake("the draws are not scaled: multiply by sqrt(gain / n)", lambda got: n > 1 and np.allclose(as_numbers(got), raw)),
    ]
    if scheme == "he":
        mistakes.append(Mistake("He initialisation uses the gain 2: sqrt(2 / n), not sqrt(1 / n)",
                                lambda got: np.allclose(as_numbers(got), raw / np.sqrt(n))))
    else:
        mistakes.append(Mistake("Xavier initialisation (for an n x n layer) uses sqrt(1 / n), not sqrt(2 / n)",
                                lambda got: np.allclose(as_numbers(got), raw * np.sqrt(2.0 / n))))
    mistakes.append(Mistake("the right numbers times the wrong scale: the scale is sqrt(1 / n) for Xavier and "
                            "sqrt(2 / n) for He", lambda got: _proportional(got, raw)))
    return mistakes


@pytest.mark.points(2, problem=PROBLEM)
def test_init_weights_follow_the_stated_generator_and_scale(student, reference):
    """Seeds 0, 1, 42 and sizes 1 to 12: one default_rng(seed) draw times sqrt(1/n) or sqrt(2/n)."""
    for n, seed in [(1, 0), (3, 0), (5, 1), (12, 42), (8, 2024)]:
        for scheme in ("xavier", "he"):
            expect_close(student.init_weights(n, scheme, seed), reference.init_weights(n, scheme, seed),
                         what=f'init_weights({n}, "{scheme}", seed={seed})', mistakes=_init_mistakes(n, scheme, seed))
    expect_close(student.init_weights(4), reference.init_weights(4), what="init_weights(4) (defaults: xavier, seed 0)",
                 mistakes=_init_mistakes(4, "xavier", 0))


def _spectra_mistakes(W, kind):
    eigenvalues = np.linalg.eigvals(W)
    singular = np.linalg.svd(W, compute_uv=False)
    if kind == "eigen":
        return [
            Mistake("the eigenvalue magnitudes are in ascending order: sort them largest first",
                    lambda got: np.allclose(as_numbers(got), np.sort(np.abs(eigenvalues)))),
            Mistake("the eigenvalues of a non-symmetric matrix are complex: sort their moduli np.abs(lambda), "
                    "not their real parts", lambda got: np.allclose(np.sort(as_numbers(got)),
                                                                    np.sort(eigenvalues.real))
                    or np.allclose(np.sort(as_numbers(got)), np.sort(np.abs(eigenvalues.real)))),
            Mistake("these are the singular values: the first array holds the eigenvalue magnitudes",
                    lambda got: np.allclose(as_numbers(got), singular)),
        ]
    return [
        Mistake("the singular values are in ascending order: sort them largest first",
                lambda got: np.allclose(as_numbers(got), singular[::-1])),
        Mistake("these are the squared singular values (eigenvalues of W^T W): take their square roots",
                lambda got: np.allclose(as_numbers(got), singular ** 2)),
        Mistake("these are the eigenvalue magnitudes: the second array holds the singular values",
                lambda got: np.allclose(as_numbers(got), np.sort(np.abs(eigenvalues))[::-1])),
    ]


def _test_matrices(rng):
    rotation = np.array([[0.0, -1.0], [1.0, 0.0]])         # eigenvalues +-i, singular values 1, 1
    return [rng.normal(size=(n, n)) / np.sqrt(n) for n in (2, 5, 9)] + [
        rotation, np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([[0.0, 3.0], [2.0, 1.0]]), np.array([[4.0]])]


@pytest.mark.points(1, problem=PROBLEM)
def test_sorted_spectra_of_square_matrices(student, reference, rng):
    """|eigenvalues| and singular values, both largest first, for symmetric and non-symmetric matrices."""
    for W in _test_matrices(rng):
        got = student.sorted_spectra(W)
        expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                    f"sorted_spectra must return a pair (eigenvalue magnitudes, singular values); got {describe(got)}")
        expected = reference.sorted_spectra(W)
        expect_close(got[0], expected[0], what="the eigenvalue magnitudes of sorted_spectra(W)", inputs={"W": W},
                     rtol=1e-6, atol=1e-9, mistakes=_spectra_mistakes(W, "eigen"))
        expect_close(got[1], expected[1], what="the singular values of sorted_spectra(W)", inputs={"W": W},
                     rtol=1e-6, atol=1e-9, mistakes=_spectra_mistakes(W, "singular"))


def _cond_mistakes(W):
    singular = np.linalg.svd(W, compute_uv=False)
    moduli = np.abs(np.linalg.eigvals(W))
    near = lambda value: (lambda got: np.isclose(float(as_numbers(got)), value, rtol=1e-6))  # noqa: E731
    return [
        Mistake("the condition number is sigma_max / sigma_min (>= 1), not sigma_min / sigma_max",
                near(singular[-1] / singular[0])),
        Mistake("this is the condition number of W^T W (squared singular values): use the singular values "
                "of W itself", near((singular[0] / singular[-1]) ** 2)),
        Mistake("the ratio of eigenvalue magnitudes is not the condition number of a non-symmetric matrix: "
                "use the singular values (np.linalg.svd or np.linalg.cond)",
                near(moduli.max() / moduli.min()) if moduli.min() > 0 else (lambda got: False)),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_condition_number_is_the_ratio_of_extreme_singular_values(student, reference, rng):
    """diag(1, 1e-3) has condition number 1000, a rotation has 1, random matrices as np.linalg.cond."""
    cases = _test_matrices(rng) + [np.diag([1.0, 1e-3]), np.array([[1.0, 1.0], [0.0, 1.0]]) * 3.0]
    for W in cases:
        expect_close(student.condition_number(W), reference.condition_number(W), what="condition_number(W)",
                     inputs={"W": W}, rtol=1e-6, mistakes=_cond_mistakes(W))
    singular_matrix = np.array([[1.0, 2.0], [2.0, 4.0]])
    got = student.condition_number(singular_matrix)
    expect_true(isinstance(got, (int, float, np.floating)) and not isinstance(got, bool)
                and (np.isinf(got) or float(got) > 1e7),
                f"condition_number of the singular matrix [[1, 2], [2, 4]] must be huge (> 1e7) or inf; got "
                f"{describe(got)}")


def _experiment_mistakes(scheme, key, reference, sizes, seed):
    other = reference.spectra_experiment(sizes, seed)["xavier" if scheme == "he" else "he"][key]
    return [Mistake(f'the "{scheme}" entry holds the numbers of the other scheme: xavier uses sqrt(1 / n), he '
                    f"sqrt(2 / n)", lambda got: key == "radius" and np.allclose(as_numbers(got), other))]


@pytest.mark.points(1, problem=PROBLEM)
def test_spectra_experiment_reports_radius_and_condition_per_size(student, reference):
    """Spectral radius and condition number per size; He radii are sqrt(2) times Xavier's, same conditions."""
    for sizes, seed in [((4, 8, 16), 0), ((10, 3), 7)]:
        got = student.spectra_experiment(sizes, seed)
        expected = reference.spectra_experiment(sizes, seed)
        expect_true(isinstance(got, dict) and all(isinstance(got.get(s), dict) for s in ("xavier", "he")),
                    'spectra_experiment must return {"xavier": {"radius": [...], "cond": [...]}, "he": {...}}; '
                    f"got {describe(got)}")
        for scheme in ("xavier", "he"):
            for key in ("radius", "cond"):
                expect_true(key in got[scheme], f'spectra_experiment(...)["{scheme}"] has no key "{key}"')
                expect_close(got[scheme][key], expected[scheme][key],
                             what=f'spectra_experiment(sizes={sizes}, seed={seed})["{scheme}"]["{key}"]',
                             rtol=1e-6, mistakes=_experiment_mistakes(scheme, key, reference, sizes, seed))


# ------------------------------------------------------------------------------------------ the plot
def _figure(got):
    hint = " (add `return ax` at the end)" if got is None else ""
    expect_true(isinstance(got, FigureData),
                f"plot_spectra must return the matplotlib Axes it drew on{hint}; got {describe(got)}")
    expect_true(bool(got.all_lines()), "plot_spectra drew no line: plot each spectrum with ax.plot(x, values)")
    return got


def _diagnose(figure, values, x, other_values):
    if find_line(figure, y=values, rtol=1e-6) is not None:
        line = find_line(figure, y=values, rtol=1e-6)
        return (f"the values are right but the x data are not 1, 2, ..., {len(values)}: plot against "
                f"np.arange(1, n + 1); your x data start {describe(line.x[:3])}")
    if find_line(figure, y=values[::-1], rtol=1e-6) is not None:
        return "the spectrum is sorted in ascending order: plot the values largest first"
    if find_line(figure, y=other_values, x=x, rtol=1e-6) is not None:
        return "this line shows the other spectrum: kind='singular' plots singular values, kind='eigen' |eigenvalues|"
    return f"no line has x = 1 .. {len(values)} and y = the sorted values, which start {describe(values[:3])}"


@pytest.mark.points(2, problem=PROBLEM)
def test_plot_spectra_draws_one_sorted_spectrum_per_matrix(student, reference, rng):
    """kind='singular' and kind='eigen': one line per matrix, x = 1 .. n, y = the sorted spectrum."""
    matrices = [reference.init_weights(12, "xavier", 1), reference.init_weights(12, "he", 1),
                rng.normal(size=(7, 7)) / np.sqrt(7)]
    labels = ["Xavier n=12", "He n=12", "random n=7"]
    for kind, index in (("singular", 1), ("eigen", 0)):
        figure = _figure(student.plot_spectra(matrices, labels, kind))
        for W, label in zip(matrices, labels):
            spectra = reference.sorted_spectra(W)
            values, other = spectra[index], spectra[1 - index]
            x = np.arange(1, len(values) + 1)
            line = find_line(figure, y=values, x=x, rtol=1e-6)
            expect_true(line is not None, f'plot_spectra(matrices, labels, kind="{kind}"), matrix "{label}": '
                                          + _diagnose(figure, values, x, other))


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_spectra_has_labelled_lines_a_legend_axis_labels_and_a_title(student, reference):
    """Each line carries its matrix's label, the legend shows them, and the axes have labels and a title."""
    matrices = [reference.init_weights(6, "xavier", 3), reference.init_weights(6, "he", 3)]
    labels = ["Xavier", "He"]
    figure = _figure(student.plot_spectra(matrices, labels))
    for W, label in zip(matrices, labels):
        values = reference.sorted_spectra(W)[1]
        line = find_line(figure, y=values, rtol=1e-6)
        expect_true(line is not None, f"plot_spectra(matrices, labels) has no line of the singular values of the "
                                      f'"{label}" matrix (the default kind is "singular")')
        expect_true(line.label == label, f'the line of the "{label}" matrix must be labelled "{label}" '
                                         f"(ax.plot(..., label=label)); got {line.label!r}")
    axes = next(a for a in figure.axes if a.lines)
    expect_true(all(label in axes.legend for label in labels),
                f"the plot needs a legend with the labels {labels}: call ax.legend() after plotting "
                f"(legend entries found: {list(axes.legend)})")
    missing = [name for name, text in (("x label", axes.xlabel), ("y label", axes.ylabel), ("title", axes.title))
               if not text.strip()]
    expect_true(not missing, f"the spectrum plot is missing: {', '.join(missing)}")
