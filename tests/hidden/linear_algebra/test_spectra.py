"""Hidden tests for problem `spectra`: spectra and condition numbers of Xavier and He matrices.

Contracts (no function modifies its arguments):
- init_weights(n, scheme="xavier", seed=0): a NumPy float array (n, n): rng = np.random.default_rng(seed)
  (a fresh generator at every call, so the same arguments give the same matrix), ONE draw
  rng.standard_normal((n, n)), times sqrt(1 / n) for "xavier" and sqrt(2 / n) for "he".
- sorted_spectra(W): (|eigenvalues|, singular values) of a square W, two NumPy float arrays (n,), both
  descending.
- condition_number(W): sigma_max / sigma_min, a float; inf when sigma_min is 0, returned without a
  division-by-zero warning.
- spectra_experiment(sizes, seed): {"xavier": {"radius": [...], "cond": [...]}, "he": {...}}, lists of
  floats, one entry per size in the order of sizes (a tuple or a list), W = init_weights(n, scheme, seed),
  radius = max |eigenvalue|.
- plot_spectra(matrices, labels, kind="singular"): returns the Axes (or its Figure) of a new plot made at every
  call (lines of an earlier call must not show); one line per matrix (extra decoration such as ax.axhline is
  not graded) with x = 1, 2, ..., n and y = the sorted singular values (kind="singular") or eigenvalue
  magnitudes (kind="eigen"), labelled with its label (label= or ax.legend(labels), both read the same);
  x label, y label, title and legend.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_no_warnings, expect_true,
                                      expect_unchanged, is_number)
from autograder.figures import FigureData, find_line

PROBLEM = "spectra"


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _proportional(got, raw):
    """got is raw times one factor (never true by coincidence: raw has more than one entry)."""
    got = as_numbers(got)
    if raw.size < 2 or got.shape != raw.shape or not np.all(np.isfinite(got)):
        return False
    ratio = got / raw
    return bool(np.allclose(ratio, ratio.flat[0], rtol=1e-6, atol=0))


def _init_mistakes(n, scheme, seed):
    gain = {"xavier": 1.0, "he": 2.0}[scheme]
    # The re-enacted draws (generators of their own, not the test's rng) are made on the first failed check
    # only, then kept: most answers are right, and drawing them for each was most of this helper's time.
    raw = functools.lru_cache(maxsize=None)(lambda: np.random.default_rng(seed).standard_normal((n, n)))
    legacy = functools.lru_cache(maxsize=None)(lambda: np.random.RandomState(seed).randn(n, n))
    unseeded_zero = functools.lru_cache(maxsize=None)(
        lambda: np.random.default_rng(0).standard_normal((n, n)) * np.sqrt(gain / n))

    def same(value):
        return lambda got: as_numbers(got).shape == (n, n) and bool(np.allclose(as_numbers(got), value))

    mistakes = [
        Mistake("init_weights must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                id="returns-list-not-array"),
        Mistake("the draws come from NumPy's global generator (np.random.seed / np.random.randn): use "
                "rng = np.random.default_rng(seed) and rng.standard_normal((n, n))",
                lambda got: _proportional(got, legacy()), id="init-global-generator"),
        Mistake("the seed argument is ignored: create the generator with np.random.default_rng(seed)",
                lambda got: seed != 0 and same(unseeded_zero())(got), id="init-seed-ignored"),
        Mistake("the draws fill the matrix column by column (the transpose of one draw of shape (n, n)): take "
                "the one draw rng.standard_normal((n, n)) as it comes",
                lambda got: n > 1 and same(raw().T * np.sqrt(gain / n))(got), id="init-draws-transposed"),
        Mistake(f"the scale is missing its square root: multiply by sqrt({gain:g} / n), not {gain:g} / n",
                lambda got: n > 1 and same(raw() * gain / n)(got), id="init-scale-no-sqrt"),
        Mistake("the draws are not scaled: multiply by sqrt(gain / n)", lambda got: n > 1 and same(raw())(got),
                id="init-not-scaled"),
    ]
    if scheme == "he":
        mistakes.append(Mistake("He initialisation uses the gain 2: sqrt(2 / n), not sqrt(1 / n)",
                                lambda got: same(raw() / np.sqrt(n))(got), id="init-he-gain"))
    else:
        mistakes.append(Mistake("Xavier initialisation (for an n x n layer) uses sqrt(1 / n), not sqrt(2 / n)",
                                lambda got: same(raw() * np.sqrt(2.0 / n))(got), id="init-xavier-gain"))
    mistakes.append(Mistake("the right draws times the wrong scale: the scale is sqrt(1 / n) for Xavier and "
                            "sqrt(2 / n) for He", lambda got: _proportional(got, raw()), id="init-wrong-scale"))
    return mistakes


NOT_REPRODUCIBLE = Mistake("init_weights gave two different matrices for the same arguments: create a fresh "
                           "generator np.random.default_rng(seed) inside the function at every call (not one "
                           "shared generator, not an unseeded one)", lambda _: True, id="init-not-reproducible")


@pytest.mark.points(2, problem=PROBLEM)
def test_init_weights_follow_the_stated_generator_and_scale(student, reference):
    """Seeds 0, 1, 42 and sizes 1 to 12: one default_rng(seed) draw times sqrt(1/n) or sqrt(2/n), the same
    matrix every time the same arguments come."""
    first = _call(student, "init_weights", 5, "he", 3)
    second = _call(student, "init_weights", 5, "he", 3)
    expect_true(np.shape(first) == np.shape(second) and np.array_equal(as_numbers(first), as_numbers(second)),
                'init_weights(5, "he", 3) called twice returned two different matrices', mistake=NOT_REPRODUCIBLE)
    for n, seed in [(3, 0), (5, 1), (12, 42), (8, 2024), (1, 0)]:
        for scheme in ("xavier", "he"):
            expect_close(_call(student, "init_weights", n, scheme, seed), reference.init_weights(n, scheme, seed),
                         what=f'init_weights({n}, "{scheme}", seed={seed})', strict_type=True,
                         mistakes=_init_mistakes(n, scheme, seed))
    expect_close(student.init_weights(4), reference.init_weights(4), what="init_weights(4) (defaults: xavier, seed 0)",
                 strict_type=True, mistakes=_init_mistakes(4, "xavier", 0))


def _spectra_rules(W, kind):
    """(the right array, [(mistake id, message, [wrong arrays])]) of sorted_spectra(W)'s first (kind="eigen") or
    second (kind="singular") array."""
    eigenvalues = np.linalg.eigvals(W)
    moduli = np.sort(np.abs(eigenvalues))[::-1]
    singular = np.linalg.svd(W, compute_uv=False)
    if kind == "eigen":
        return moduli, [
            ("spectra-ascending", "the eigenvalue magnitudes are in ascending order: sort them largest first",
             [moduli[::-1]]),
            ("spectra-unsorted", "the eigenvalue magnitudes are not sorted: np.linalg.eigvals returns them in no "
                                 "particular order; sort the moduli, largest first", [np.abs(eigenvalues)]),
            ("spectra-sorted-before-abs", "the eigenvalues were sorted before taking their moduli (np.sort orders "
                                          "complex numbers by their real part): take np.abs first, then sort",
             [np.abs(np.sort(eigenvalues))[::-1]]),
            ("spectra-real-parts", "these are the real parts of the eigenvalues: a non-symmetric matrix has complex "
                                   "eigenvalues, return their moduli np.abs(lambda)",
             [np.sort(eigenvalues.real)[::-1], np.sort(np.abs(eigenvalues.real))[::-1]]),
            ("spectra-swapped", "these are the singular values: the first array holds the eigenvalue magnitudes",
             [singular]),
        ]
    return singular, [
        ("spectra-ascending", "the singular values are in ascending order: sort them largest first", [singular[::-1]]),
        ("spectra-squared-singular-values", "these are the squared singular values (eigenvalues of W^T W): take "
                                            "their square roots", [singular ** 2]),
        ("spectra-swapped", "these are the eigenvalue magnitudes: the second array holds the singular values",
         [moduli]),
    ]


def _spectra_mistakes(matrices, answers, kind):
    """Mistakes judged on the answers for ALL the matrices of the test: a rule is blamed only when every answer
    is right or follows it, and no other rule explains the answers as well."""
    def close(got, value):
        try:
            got = as_numbers(got)
        except (TypeError, ValueError):
            return False
        return got.shape == np.shape(value) and bool(np.allclose(got, value, atol=1e-9))

    table = [_spectra_rules(W, kind) for W in matrices]
    rule_ids = [rule_id for rule_id, _, _ in table[0][1]]

    def follows(rule_id):
        wrong = False
        for got, (correct, rules) in zip(answers, table):
            if close(got, correct):
                continue
            values = next(values for other, _, values in rules if other == rule_id)
            if not any(close(got, v) for v in values):
                return False
            wrong = True
        return wrong

    def named(rule_id):
        return follows(rule_id) and not any(follows(other) for other in rule_ids if other != rule_id)

    mistakes = [Mistake("sorted_spectra must return two NumPy arrays, not lists",
                        lambda got: isinstance(got, (list, tuple)), id="returns-list-not-array")]
    if kind == "eigen":
        mistakes.append(Mistake("the eigenvalues of a non-symmetric matrix are complex: return their moduli "
                                "np.abs(lambda), real numbers", lambda got: np.iscomplexobj(got),
                                id="spectra-complex-eigenvalues"))
    mistakes += [Mistake(message, lambda _, rule_id=rule_id: named(rule_id), id=rule_id)
                 for rule_id, message, _ in table[0][1]]
    return mistakes


def _test_matrices(rng):
    rotation = np.array([[0.0, -1.0], [1.0, 0.0]])         # eigenvalues +-i, singular values 1, 1
    return [rng.normal(size=(n, n)) / np.sqrt(n) for n in (2, 5, 9)] + [
        rotation, np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([[0.0, 3.0], [2.0, 1.0]]), np.array([[4.0]]),
        np.array([[-3.0, 0.0], [0.0, 1.0]])]


NOT_A_PAIR = Mistake("sorted_spectra must return the pair (magnitudes, singular), e.g. `return magnitudes, singular`",
                     lambda _: True, id="spectra-not-a-pair")


@pytest.mark.points(1, problem=PROBLEM)
def test_sorted_spectra_of_square_matrices(student, reference, rng):
    """|eigenvalues| and singular values, both largest first, for symmetric and non-symmetric matrices."""
    matrices = _test_matrices(rng)
    answers = []
    for W in matrices:
        got = _call(student, "sorted_spectra", W)
        if not (isinstance(got, (tuple, list)) and len(got) == 2):
            # describe(got) only for a failure: rendering every right pair cost more than the check
            expect_true(False, "sorted_spectra must return a pair (eigenvalue magnitudes, singular values); got "
                        f"{describe(got)}", mistake=NOT_A_PAIR)
        answers.append(got)
    eigen_mistakes = _spectra_mistakes(matrices, [got[0] for got in answers], "eigen")
    singular_mistakes = _spectra_mistakes(matrices, [got[1] for got in answers], "singular")
    for W, got in zip(matrices, answers):
        expected = reference.sorted_spectra(W)
        expect_close(got[0], expected[0], what="the eigenvalue magnitudes of sorted_spectra(W)", inputs={"W": W},
                     rtol=1e-6, atol=1e-9, strict_type=True, mistakes=eigen_mistakes)
        expect_close(got[1], expected[1], what="the singular values of sorted_spectra(W)", inputs={"W": W},
                     rtol=1e-6, atol=1e-9, strict_type=True, mistakes=singular_mistakes)


def _cond_mistakes(W):
    singular = np.linalg.svd(W, compute_uv=False)
    moduli = np.abs(np.linalg.eigvals(W))
    correct = singular[0] / singular[-1]

    def near(value):
        return lambda got: (bool(np.isclose(float(as_numbers(got)), value, rtol=1e-6))
                            and not np.isclose(value, correct, rtol=1e-6))

    return [
        Mistake("the condition number is sigma_max / sigma_min (>= 1), not sigma_min / sigma_max",
                near(singular[-1] / singular[0]), id="cond-inverted"),
        Mistake("this is the condition number of W^T W (squared singular values): use the singular values "
                "of W itself", near(correct ** 2), id="cond-squared"),
        Mistake("the ratio of eigenvalue magnitudes is not the condition number of a non-symmetric matrix: "
                "use the singular values (np.linalg.svd or np.linalg.cond)",
                near(moduli.max() / moduli.min()) if moduli.min() > 0 else (lambda got: False),
                id="cond-from-eigenvalues"),
        Mistake("the condition number divides the extreme singular values, sigma_max / sigma_min, not their "
                "difference", near(singular[0] - singular[-1]), id="cond-difference"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_condition_number_is_the_ratio_of_extreme_singular_values(student, reference, rng):
    """diag(1, 1e-3) has condition number 1000, a rotation has 1, random matrices as np.linalg.cond; a singular
    matrix has inf (no division warning)."""
    cases = _test_matrices(rng) + [np.diag([1.0, 1e-3]), np.array([[1.0, 1.0], [0.0, 1.0]]) * 3.0]
    for W in cases:
        expect_close(_call(student, "condition_number", W), reference.condition_number(W), what="condition_number(W)",
                     inputs={"W": W}, rtol=1e-6, mistakes=_cond_mistakes(W))
    nearly_singular = np.array([[1.0, 2.0], [2.0, 4.0]])
    got = _call(student, "condition_number", nearly_singular)
    expect_true(is_number(got) and (np.isinf(got) or float(got) > 1e7),
                f"condition_number of the singular matrix [[1, 2], [2, 4]] must be huge (> 1e7) or inf; got "
                f"{describe(got)}")
    for W in (np.diag([2.0, 0.0]), np.array([[0.0, 0.0, 0.0], [0.0, 3.0, 0.0], [1.0, 0.0, 0.0]])):
        got = _call(student, "condition_number", W)
        expect_no_warnings(student.last_call, category="RuntimeWarning", what=f"condition_number({W.tolist()})",
                           why="its smallest singular value is exactly 0: return inf without dividing by 0 "
                               "(check for 0 first)")
        expect_close(got, float("inf"), what=f"condition_number({W.tolist()}) (smallest singular value 0)",
                     mistakes=[Mistake("the smallest singular value is 0 here: the condition number is inf, not "
                                       "nan (0 / 0 happens when both are 0, never here)", lambda g: bool(np.isnan(g)),
                                       id="cond-nan-for-singular")])


def _experiment_mistakes(scheme, key, sizes, seed):
    def matrix(n, which=scheme):
        return np.random.default_rng(seed).standard_normal((n, n)) * np.sqrt({"xavier": 1.0, "he": 2.0}[which] / n)

    other = "xavier" if scheme == "he" else "he"

    def same(compute):
        # the wrong numbers (eigenvalues, SVDs of every size) are computed on the first failed check only
        values = functools.lru_cache(maxsize=None)(compute)
        return lambda got: (np.shape(got) == (len(sizes),)
                            and bool(np.allclose(as_numbers(got), values(), rtol=1e-6)))

    if key == "radius":
        return [
            Mistake(f'the "{scheme}" entry holds the numbers of the other scheme: xavier uses sqrt(1 / n), he '
                    f"sqrt(2 / n)",
                    same(lambda: [np.max(np.abs(np.linalg.eigvals(matrix(n, other)))) for n in sizes]),
                    id="experiment-schemes-swapped"),
            Mistake("the spectral radius is the largest eigenvalue MAGNITUDE max |lambda|, not the largest "
                    "singular value", same(lambda: [np.linalg.svd(matrix(n), compute_uv=False)[0] for n in sizes]),
                    id="experiment-radius-from-singular-values"),
        ]
    return [Mistake("cond is the condition number sigma_max / sigma_min from the singular values, not a ratio of "
                    "eigenvalue magnitudes",
                    same(lambda: [(lambda m: m.max() / m.min())(np.abs(np.linalg.eigvals(matrix(n)))) for n in sizes]),
                    id="cond-from-eigenvalues")]


def _built_on_own_init(student, scheme, key, sizes, seed):
    """The experiment is right for the matrices the student's own (wrong) init_weights returns."""
    def applies(got):
        matrices = [as_numbers(student.init_weights(n, scheme, seed)) for n in sizes]
        if all(np.allclose(W, np.random.default_rng(seed).standard_normal((n, n))
                           * np.sqrt({"xavier": 1.0, "he": 2.0}[scheme] / n)) for W, n in zip(matrices, sizes)):
            return False   # init_weights is right: the mistake is elsewhere
        if key == "radius":
            own = [np.max(np.abs(np.linalg.eigvals(W))) for W in matrices]
        else:
            own = [(lambda s: s[0] / s[-1])(np.linalg.svd(W, compute_uv=False)) for W in matrices]
        return np.shape(got) == (len(sizes),) and bool(np.allclose(as_numbers(got), own, rtol=1e-6))

    return Mistake("these are the right numbers for the matrices YOUR init_weights returns, but init_weights itself "
                   "does not follow its contract (see its test): fix it and this result follows", applies,
                   id="experiment-built-on-wrong-init")


def _built_on_own_helpers(student, scheme, key, sizes, seed):
    """The experiment follows from the student's own (wrong) sorted_spectra or condition_number."""
    gain = {"xavier": 1.0, "he": 2.0}[scheme]
    matrices = [np.random.default_rng(seed).standard_normal((n, n)) * np.sqrt(gain / n) for n in sizes]

    def applies(got):
        if key == "radius":
            own = [float(as_numbers(student.sorted_spectra(W)[0])[0]) for W in matrices]
            correct = [np.max(np.abs(np.linalg.eigvals(W))) for W in matrices]
        else:
            own = [float(student.condition_number(W)) for W in matrices]
            correct = [np.linalg.cond(W) for W in matrices]
        return (not np.allclose(own, correct, rtol=1e-6) and np.shape(got) == (len(sizes),)
                and bool(np.allclose(as_numbers(got), own, rtol=1e-6)))

    helper = "sorted_spectra" if key == "radius" else "condition_number"
    return Mistake(f"these numbers follow from YOUR {helper}, which is wrong (see its test): fix it and this "
                   "result follows", applies, id="experiment-built-on-wrong-helper")


NOT_THE_STRUCTURE = Mistake('spectra_experiment must return {"xavier": {"radius": [...], "cond": [...]}, '
                            '"he": {"radius": [...], "cond": [...]}}', lambda _: True, id="experiment-structure")
NOT_LISTS = Mistake('spectra_experiment must hold plain lists of floats, e.g. {"radius": [1.02, 0.98], ...}, not '
                    "NumPy arrays or tuples", lambda _: True, id="experiment-not-lists")


@pytest.mark.points(1, problem=PROBLEM)
def test_spectra_experiment_reports_radius_and_condition_per_size(student, reference):
    """Spectral radius and condition number per size (sizes as a tuple or a list, one size too); He radii are
    sqrt(2) times Xavier's, same conditions."""
    for sizes, seed in [((4, 8, 16), 0), ((10, 3), 7), ([6], 2)]:
        got = _call(student, "spectra_experiment", sizes, seed)
        expected = reference.spectra_experiment(sizes, seed)
        expect_true(isinstance(got, dict) and all(isinstance(got.get(s), dict) and "radius" in got[s] and "cond"
                                                  in got[s] for s in ("xavier", "he")),
                    'spectra_experiment must return {"xavier": {"radius": [...], "cond": [...]}, "he": {...}}; '
                    f"got {describe(got)}", mistake=NOT_THE_STRUCTURE)
        for scheme in ("xavier", "he"):
            for key in ("radius", "cond"):
                value = got[scheme][key]
                what = f'spectra_experiment(sizes={sizes}, seed={seed})["{scheme}"]["{key}"]'
                expect_close(value, expected[scheme][key], what=what, rtol=1e-6,
                             mistakes=[_built_on_own_init(student, scheme, key, sizes, seed),
                                       _built_on_own_helpers(student, scheme, key, sizes, seed)]
                             + _experiment_mistakes(scheme, key, sizes, seed))
                expect_true(isinstance(value, list) and all(is_number(v) for v in value),
                            f"{what} is {describe(value)}: the contract asks for a list of floats", mistake=NOT_LISTS)


# ------------------------------------------------------------------------------------------ the plot
NOT_A_FIGURE = Mistake("plot_spectra must return the matplotlib Axes it drew on (or its Figure): end with "
                       "`return ax`", lambda _: True, id="plot-returns-no-axes")


def _figure(got):
    hint = " (add `return ax` at the end)" if got is None else ""
    expect_true(isinstance(got, FigureData),
                f"plot_spectra must return the matplotlib Axes it drew on{hint}; got {describe(got)}",
                mistake=NOT_A_FIGURE)
    expect_true(bool(got.all_lines()), "plot_spectra drew no line: plot each spectrum with ax.plot(x, values)")
    return got


def _diagnose(figure, values, x, other_values, own_values=None):
    """(message, mistake) for a spectrum whose line was not found; own_values() gives the spectrum computed with
    the student's own sorted_spectra."""
    try:
        own = as_numbers(own_values()) if own_values is not None else None
    except Exception:  # noqa: BLE001 - the student's sorted_spectra failed: no diagnosis from it
        own = None
    if (own is not None and own.shape == values.shape and not np.allclose(own, values, rtol=1e-6)
            and find_line(figure, y=own, x=x, rtol=1e-6) is not None):
        return ("this line shows what YOUR sorted_spectra returns", Mistake(
            "the plot draws what YOUR sorted_spectra returns, and sorted_spectra itself is wrong (see its test): fix "
            "it and the plot follows", lambda _: True, id="plot-built-on-wrong-spectra"))
    line = find_line(figure, y=values, rtol=1e-6)
    if line is not None:
        if line.x.shape == values.shape and np.allclose(line.x, np.arange(len(values))):
            return (f"the values are right but the x data are 0, 1, ..., {len(values) - 1}",
                    Mistake("the spectrum is plotted against 0 .. n-1 (ax.plot(values) alone): plot against the "
                            "ranks 1, 2, ..., n, np.arange(1, n + 1)", lambda _: True, id="plot-x-from-zero"))
        return (f"the values are right but the x data are not 1, 2, ..., {len(values)}; your x data start "
                f"{describe(line.x[:3])}", Mistake("plot the spectrum against the ranks 1, 2, ..., n "
                                                   "(np.arange(1, n + 1))", lambda _: True, id="plot-x-wrong"))
    if find_line(figure, y=values[::-1], rtol=1e-6) is not None:
        return ("the spectrum is in ascending order", Mistake("the spectrum is sorted in ascending order: plot the "
                                                              "values largest first", lambda _: True,
                                                              id="plot-ascending"))
    if find_line(figure, y=other_values, rtol=1e-6) is not None:
        return ("this line shows the other spectrum", Mistake("kind='singular' plots the singular values and "
                                                              "kind='eigen' the eigenvalue magnitudes: this line "
                                                              "shows the other one", lambda _: True,
                                                              id="plot-wrong-spectrum"))
    return f"no line has x = 1 .. {len(values)} and y = the sorted values, which start {describe(values[:3])}", None


REUSED_AXES = Mistake("plot_spectra drew on an Axes that already held the lines of an earlier call: make a new "
                      "figure and Axes at every call (fig, ax = plt.subplots()), so that the plot shows one line "
                      "per matrix", lambda _: True, id="plot-reuses-axes")


@pytest.mark.points(2, problem=PROBLEM)
def test_plot_spectra_draws_one_sorted_spectrum_per_matrix(student, reference, rng):
    """kind='singular' and kind='eigen': one line per matrix, x = 1 .. n, y = the sorted spectrum, each call on a
    new plot."""
    matrices = [reference.init_weights(12, "xavier", 1), reference.init_weights(12, "he", 1),
                rng.normal(size=(7, 7)) / np.sqrt(7)]
    labels = ["Xavier n=12", "He n=12", "random n=7"]
    for kind, index in (("singular", 1), ("eigen", 0)):
        figure = _figure(_call(student, "plot_spectra", matrices, labels, kind))
        for W, label in zip(matrices, labels):
            spectra = reference.sorted_spectra(W)
            values, other = spectra[index], spectra[1 - index]
            x = np.arange(1, len(values) + 1)
            line = find_line(figure, y=values, x=x, rtol=1e-6)
            if line is None:
                message, mistake = _diagnose(figure, values, x, other,
                                             lambda W=W, index=index: student.sorted_spectra(W)[index])
                expect_true(False, f'plot_spectra(matrices, labels, kind="{kind}"), matrix "{label}": {message}',
                            mistake=mistake)
        if kind == "eigen":
            # the singular values of the first call must not show up in the plot of the second one
            leftovers = [label for W, label in zip(matrices, labels)
                         if find_line(figure, y=reference.sorted_spectra(W)[1],
                                      x=np.arange(1, W.shape[0] + 1), rtol=1e-6) is not None]
            expect_true(not leftovers, 'plot_spectra(matrices, labels, kind="eigen") also shows the singular values '
                                       f"of {leftovers}, drawn by the call before it", mistake=REUSED_AXES)


def _effective_labels(axes):
    """The label each line shows in the legend: its own label (label=...), or, when no line has one, the
    entry of ax.legend([...]) at its position (matplotlib pairs the given texts with the lines in order)."""
    own = [line.label for line in axes.lines]
    if any(not text.startswith("_") for text in own):
        return own
    return [axes.legend[i] if i < len(axes.legend) else own[i] for i in range(len(own))]


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_spectra_has_labelled_lines_a_legend_axis_labels_and_a_title(student, reference):
    """Each line carries its matrix's label (label= or ax.legend(labels)), the legend shows them, and the axes have
    labels and a title."""
    matrices = [reference.init_weights(6, "xavier", 3), reference.init_weights(6, "he", 3)]
    labels = ["Xavier", "He"]
    figure = _figure(_call(student, "plot_spectra", matrices, labels))
    for W, label in zip(matrices, labels):
        magnitudes, values = reference.sorted_spectra(W)
        line = find_line(figure, y=values, rtol=1e-6)
        if line is None:
            message, mistake = _diagnose(figure, values, np.arange(1, len(values) + 1), magnitudes,
                                         lambda W=W: student.sorted_spectra(W)[1])
            expect_true(False, f"plot_spectra(matrices, labels) has no line of the singular values of the "
                               f'"{label}" matrix (the default kind is "singular"): {message}', mistake=mistake)
        axes = next(a for a in figure.axes if any(candidate is line for candidate in a.lines))
        shown = _effective_labels(axes)[next(i for i, candidate in enumerate(axes.lines) if candidate is line)]
        expect_true(shown == label, f'the line of the "{label}" matrix must be labelled "{label}" '
                                    f"(ax.plot(..., label=label)); it shows {shown!r}",
                    mistake=Mistake("each line must carry the label of its own matrix: pass label=labels[i] when "
                                    "plotting matrix i (or ax.legend(labels) in the order of the lines)",
                                    lambda _: True, id="plot-wrong-labels"))
    axes = next(a for a in figure.axes if a.lines)
    expect_true(all(label in axes.legend for label in labels),
                f"the plot needs a legend with the labels {labels}: call ax.legend() after plotting "
                f"(legend entries found: {list(axes.legend)})",
                mistake=Mistake("the legend is missing or does not show the labels: call ax.legend() after "
                                "plotting the labelled lines", lambda _: True, id="plot-no-legend"))
    missing = [name for name, text in (("x label", axes.xlabel), ("y label", axes.ylabel), ("title", axes.title))
               if not text.strip()]
    expect_true(not missing, f"the spectrum plot is missing: {', '.join(missing)}",
                mistake=Mistake("set the x label, the y label and the title (ax.set_xlabel, ax.set_ylabel, "
                                "ax.set_title)", lambda _: True, id="plot-missing-text"))
