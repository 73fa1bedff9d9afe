"""Hidden tests for problem `worked_scores`: the chapter's IRCTC and Jio score examples.

Contracts:
- scores(X, w): X (n, d) float array with one sample per row; w (d,) gives (n,), w (d, k) gives (n, k):
  X @ w, a NumPy float array.
- churn_probabilities(X, w): sigmoid(X @ w) = 1 / (1 + exp(-X @ w)), a NumPy float array of the shape of
  scores (the tests keep |X @ w| < 40).
- ranking(X, w): row indices (0-based) from the highest score to the lowest, ties keep the lower
  index first; a 1-D NumPy int array or a list of ints, a permutation of 0 .. n-1.
No function modifies its arguments.
"""

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_equal, expect_true,
                                      expect_unchanged)

PROBLEM = "worked_scores"

IRCTC_SCORES = np.array([-0.675, 0.45, 1.61, -0.295, 1.17])   # P1 = -0.675 and P3 = 1.61 in the chapter
JIO_SCORES = np.array([2.295, -0.105, 5.095])
JIO_PROBABILITIES = 1.0 / (1.0 + np.exp(-JIO_SCORES))            # 0.908, 0.474, 0.994 in the chapter


def _call(student, name, *args):
    """The student's function on args; the notebook's convention: arguments are never modified."""
    got = getattr(student, name)(*args)
    expect_unchanged(student.last_call)
    return got


def _same(got, value):
    array = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return array.shape == value.shape and bool(np.allclose(array, value, rtol=1e-6, atol=1e-12))


def _not_an_array(function):
    return Mistake(f"{function} must return a NumPy array, not a list", lambda got: isinstance(got, (list, tuple)),
                   id="returns-list-not-array")


def _score_mistakes(X, w):
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    mistakes = [_not_an_array("scores")]
    if w.ndim == 1:
        mistakes.append(Mistake("scores multiplied element-wise: X * w broadcasts w over the rows and gives an "
                                "(n, d) table (Hadamard product); the score of a row is its dot product "
                                "with w: X @ w", lambda got: _same(got, X * w), id="scores-element-wise"))
        mistakes.append(Mistake("scores summed the products over the rows (axis=0), one number per feature: the "
                                "score of a sample sums over its features, (X * w).sum(axis=1) = X @ w",
                                lambda got: _same(got, (X * w).sum(axis=0)), id="scores-sum-over-wrong-axis"))
        mistakes.append(Mistake("scores returned one number: keep one score per row (X @ w has shape (n,))",
                                lambda got: np.size(got) == 1 and X.shape[0] > 1, id="scores-one-number"))
        mistakes.append(Mistake("scores has shape (n, 1): with a 1-D w of shape (d,), X @ w is 1-D, shape (n,)",
                                lambda got: as_numbers(got).shape == (X.shape[0], 1), id="scores-column-shape"))
    else:
        mistakes.append(Mistake("with a weight matrix w of shape (d, k) the scores keep the shape (n, k), one column "
                                "per model: do not flatten them", lambda got: _same(got, (X @ w).ravel())
                                and (X @ w).shape[1] > 1, id="scores-flattened"))
    mistakes.append(Mistake("scores ignored the weights: the score of row i is sum_j X[i, j] * w[j], not the sum "
                            "of the row", lambda got: _same(got, X.sum(axis=1)) or _same(got, X.sum(axis=1, keepdims=True)),
                            id="scores-ignore-weights"))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_irctc_scores_of_the_five_passengers(student, reference):
    """The IRCTC example: P1 scores -0.675 and P3 scores 1.61; X @ w for all five passengers."""
    X, w = reference.IRCTC_X, reference.IRCTC_W
    expect_close(_call(student, "scores", X, w), IRCTC_SCORES, what="scores(IRCTC_X, IRCTC_W)",
                 inputs={"w": w}, strict_type=True, mistakes=_score_mistakes(X, w))
    column = w.reshape(4, 1)
    expect_close(_call(student, "scores", X, column), IRCTC_SCORES.reshape(5, 1),
                 what="scores(IRCTC_X, w) with w as a (4, 1) column (the result is a (5, 1) column)",
                 inputs={"w": column}, strict_type=True, mistakes=_score_mistakes(X, column))


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _probability_mistakes(X, w):
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    z = X @ w
    return [
        _not_an_array("churn_probabilities"),
        Mistake("churn_probabilities returned the raw scores: apply the sigmoid 1 / (1 + exp(-z))",
                lambda got: _same(got, z), id="sigmoid-missing"),
        Mistake("the sigmoid has the wrong sign: 1 / (1 + exp(-z)) is above 0.5 for a positive score",
                lambda got: _same(got, _sigmoid(-z)), id="sigmoid-wrong-sign"),
        Mistake("the sigmoid was applied twice: sigmoid(sigmoid(z)) squeezes every probability towards "
                "0.5 to 0.73; apply it once to the scores", lambda got: _same(got, _sigmoid(_sigmoid(z))),
                id="sigmoid-applied-twice"),
        Mistake("the sigmoid was applied to X before the product: churn_probabilities is sigmoid(X @ w), the "
                "sigmoid of each score", lambda got: _same(got, _sigmoid(X) @ w), id="sigmoid-before-product"),
        Mistake("the denominator is 1 - exp(-z): the sigmoid is 1 / (1 + exp(-z))",
                lambda got: _same(got, 1.0 / (1.0 - np.exp(-z))), id="sigmoid-minus-in-denominator"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_jio_churn_probabilities(student, reference):
    """The Jio example: scores 2.295, -0.105, 5.095 become probabilities 0.908, 0.474, 0.994."""
    X, w = reference.JIO_X, reference.JIO_W
    expect_close(_call(student, "scores", X, w), JIO_SCORES, what="scores(JIO_X, JIO_W)", inputs={"w": w},
                 strict_type=True, mistakes=_score_mistakes(X, w))
    expect_close(_call(student, "churn_probabilities", X, w), JIO_PROBABILITIES,
                 what="churn_probabilities(JIO_X, JIO_W)", inputs={"w": w}, strict_type=True,
                 mistakes=_probability_mistakes(X, w))


@pytest.mark.points(1, problem=PROBLEM)
def test_scores_and_probabilities_on_random_data(student, reference, rng):
    """Random data sets (one sample, square, one feature): weight vectors (d,) and weight matrices (d, k)."""
    for n, d, k in [(1, 3, None), (7, 4, None), (10, 1, None), (4, 4, None), (6, 5, 2), (4, 3, 1), (1, 2, 3)]:
        X = rng.normal(0.0, 2.0, size=(n, d))
        w = rng.normal(0.0, 1.0, size=(d,) if k is None else (d, k))
        expect_close(_call(student, "scores", X, w), reference.scores(X, w), what="scores(X, w)",
                     inputs={"X": X, "w": w}, strict_type=True, mistakes=_score_mistakes(X, w))
        expect_close(_call(student, "churn_probabilities", X, w), reference.churn_probabilities(X, w),
                     what="churn_probabilities(X, w)", inputs={"X": X, "w": w}, strict_type=True,
                     mistakes=_probability_mistakes(X, w))
    X = np.array([[0.0, 0.0], [3.0, 2.0], [-30.0, 4.0]])   # scores 0 (probability exactly 0.5), 1, -38
    w = np.array([1.0, -1.0])
    expect_close(_call(student, "churn_probabilities", X, w), reference.churn_probabilities(X, w),
                 what="churn_probabilities(X, w) for the scores 0, 1 and -38", inputs={"X": X, "w": w},
                 rtol=1e-6, atol=0.0, strict_type=True, mistakes=_probability_mistakes(X, w))


def _ranking_mistakes(s):
    ascending = np.argsort(s, kind="stable")
    descending = np.argsort(-s, kind="stable")

    def descending_but_ties_unordered(got):
        order = [int(i) for i in got]
        return (sorted(order) == list(range(len(s))) and all(s[a] >= s[b] for a, b in zip(order, order[1:]))
                and order != list(descending))

    return [
        Mistake("ranking is in ascending order: the first index must be the row with the HIGHEST score",
                lambda got: list(got) == list(ascending), id="ranking-ascending"),
        Mistake("ranking uses passenger numbers 1 .. n: return 0-based row indices",
                lambda got: list(got) == list(descending + 1), id="ranking-one-based"),
        Mistake("ranking returned the sorted scores instead of the row indices",
                lambda got: _same(got, np.sort(s)[::-1]), id="ranking-returns-scores"),
        Mistake("ranking returned the rank of each row (argsort of argsort) instead of the rows in "
                "order: position 0 holds the index of the best row",
                lambda got: list(got) == list(np.argsort(descending)), id="ranking-ranks-not-order"),
        Mistake("the rows are sorted by decreasing score, but equal scores are not in row order: "
                "np.argsort(s)[::-1] puts the LATER of two equal rows first, and the default sort of np.argsort "
                "is not stable; use np.argsort(-s, kind=\"stable\") so that ties keep the lower index first",
                descending_but_ties_unordered, id="ranking-ties-out-of-order"),
    ]


def _as_index_list(got):
    """An int array or a list of ints (Python or NumPy) as a list of Python ints; anything else unchanged."""
    if isinstance(got, np.ndarray) and got.dtype.kind in "iu" and got.ndim == 1:
        return [int(i) for i in got]
    if isinstance(got, list) and all(isinstance(i, (int, np.integer)) and not isinstance(i, (bool, np.bool_))
                                     for i in got):
        return [int(i) for i in got]
    return got


NOT_INDICES = Mistake("ranking must return a 1-D NumPy int array or a list of ints (row indices), not floats, "
                      "a tuple or another type", lambda got: not isinstance(_as_index_list(got), list),
                      id="ranking-not-int-indices")


def _check_ranking(student, reference, X, w, what):
    expected = [int(i) for i in reference.ranking(X, w)]
    got = _as_index_list(_call(student, "ranking", X, w))
    expect_equal(got, expected, what=what, inputs={"X": X, "w": w}, strict_type=True,
                 mistakes=_ranking_mistakes(reference.scores(X, w)) + [NOT_INDICES])


@pytest.mark.points(1, problem=PROBLEM)
def test_ranking_puts_p3_first_for_irctc_and_keeps_ties_in_row_order(student, reference, rng):
    """IRCTC ranking is [2, 4, 1, 3, 0] (P3 first); random data with ties keep the lower index first."""
    X, w = reference.IRCTC_X, reference.IRCTC_W
    got = _as_index_list(_call(student, "ranking", X, w))
    expect_equal(got, [2, 4, 1, 3, 0], what="ranking(IRCTC_X, IRCTC_W)", strict_type=True,
                 mistakes=_ranking_mistakes(reference.scores(X, w)) + [NOT_INDICES])
    tied = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0], [0.0, 0.0], [1.0, 0.0]])   # scores 1, 1, 1, 0, 1
    w = np.array([1.0, 1.0])
    _check_ranking(student, reference, tied, w, "ranking(X, w) (ties keep row order)")
    for n in (1, 6, 9):
        X = rng.integers(-3, 4, size=(n, 2)).astype(float)
        _check_ranking(student, reference, X, w, "ranking(X, w) (ties keep row order)")
    X = rng.integers(0, 3, size=(40, 1)).astype(float)   # 40 rows, three distinct scores: long runs of ties
    _check_ranking(student, reference, X, np.array([1.0]), "ranking(X, w) for 40 rows with many equal scores")
