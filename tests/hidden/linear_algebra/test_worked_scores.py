"""Hidden tests for problem `worked_scores`: the chapter's IRCTC and Jio score examples.

Contracts:
- scores(X, w): X (n, d) with one sample per row; w (d,) gives (n,), w (d, k) gives (n, k): X @ w.
- churn_probabilities(X, w): sigmoid(X @ w) = 1 / (1 + exp(-X @ w)), same shape as scores.
- ranking(X, w): row indices (0-based) from the highest score to the lowest, ties keep the lower
  index first; a permutation of 0 .. n-1 (list or int array).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_equal

PROBLEM = "worked_scores"

IRCTC_SCORES = np.array([-0.675, 0.45, 1.61, -0.295, 1.17])   # P1 = -0.675 and P3 = 1.61 in the chapter
JIO_SCORES = np.array([2.295, -0.105, 5.095])
JIO_PROBABILITIES = 1.0 / (1.0 + np.exp(-JIO_SCORES))            # 0.908, 0.474, 0.994 in the chapter


def _score_mistakes(X, w):
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    mistakes = []
    if w.ndim == 1:
        mistakes.append(Mistake("scores multiplied element-wise: X * w broadcasts w over the rows and gives an "
                                "(n, d) table (Hadamard product); the score of a row is its dot product "
                                "with w: X @ w", lambda got: as_numbers(got).shape == X.shape
                                and np.allclose(as_numbers(got), X * w)))
        mistakes.append(Mistake("scores returned one number: keep one score per row (X @ w has shape (n,))",
                                lambda got: np.size(got) == 1 and X.shape[0] > 1))
        mistakes.append(Mistake("scores has shape (n, 1): with a 1-D w of shape (d,), X @ w is 1-D, shape (n,)",
                                lambda got: as_numbers(got).shape == (X.shape[0], 1)))
    mistakes.append(Mistake("scores summed the columns of X times w: the score of row i is "
                            "sum_j X[i, j] * w[j]", lambda got: np.allclose(as_numbers(got), X.sum(axis=1))))
    return mistakes


@pytest.mark.points(1, problem=PROBLEM)
def test_irctc_scores_of_the_five_passengers(student, reference):
    """The IRCTC example: P1 scores -0.675 and P3 scores 1.61; X @ w for all five passengers."""
    X, w = reference.IRCTC_X, reference.IRCTC_W
    expect_close(student.scores(X, w), IRCTC_SCORES, what="scores(IRCTC_X, IRCTC_W)",
                 inputs={"w": w}, mistakes=_score_mistakes(X, w))
    column = w.reshape(4, 1)
    expect_close(student.scores(X, column), IRCTC_SCORES.reshape(5, 1),
                 what="scores(IRCTC_X, w) with w as a (4, 1) column (the result is a (5, 1) column)",
                 inputs={"w": column}, mistakes=_score_mistakes(X, column))


def _probability_mistakes(z):
    return [
        Mistake("churn_probabilities returned the raw scores: apply the sigmoid 1 / (1 + exp(-z))",
                lambda got: np.allclose(as_numbers(got), z)),
        Mistake("the sigmoid has the wrong sign: 1 / (1 + exp(-z)) is above 0.5 for a positive score",
                lambda got: np.allclose(as_numbers(got), 1.0 / (1.0 + np.exp(z)))),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_jio_churn_probabilities(student, reference):
    """The Jio example: scores 2.295, -0.105, 5.095 become probabilities 0.908, 0.474, 0.994."""
    X, w = reference.JIO_X, reference.JIO_W
    expect_close(student.scores(X, w), JIO_SCORES, what="scores(JIO_X, JIO_W)", inputs={"w": w},
                 mistakes=_score_mistakes(X, w))
    expect_close(student.churn_probabilities(X, w), JIO_PROBABILITIES, what="churn_probabilities(JIO_X, JIO_W)",
                 inputs={"w": w}, mistakes=_probability_mistakes(JIO_SCORES))


@pytest.mark.points(1, problem=PROBLEM)
def test_scores_and_probabilities_on_random_data(student, reference, rng):
    """Random data sets: weight vectors (d,) and weight matrices (d, k)."""
    for n, d, k in [(1, 3, None), (7, 4, None), (10, 1, None), (6, 5, 2), (4, 3, 1)]:
        X = rng.normal(0.0, 2.0, size=(n, d))
        w = rng.normal(0.0, 1.0, size=(d,) if k is None else (d, k))
        expect_close(student.scores(X, w), reference.scores(X, w), what="scores(X, w)",
                     inputs={"X": X, "w": w}, mistakes=_score_mistakes(X, w))
        z = reference.scores(X, w)
        expect_close(student.churn_probabilities(X, w), reference.churn_probabilities(X, w),
                     what="churn_probabilities(X, w)", inputs={"X": X, "w": w},
                     mistakes=_probability_mistakes(z))


def _ranking_mistakes(s):
    ascending = np.argsort(s, kind="stable")
    descending = np.argsort(-s, kind="stable")
    return [
        Mistake("ranking is in ascending order: the first index must be the row with the HIGHEST score",
                lambda got: list(got) == list(ascending)),
        Mistake("ranking uses passenger numbers 1 .. n: return 0-based row indices",
                lambda got: list(got) == list(descending + 1)),
        Mistake("ranking returned the sorted scores instead of the row indices",
                lambda got: np.allclose(as_numbers(got), np.sort(s)[::-1])),
        Mistake("ranking returned the rank of each row (argsort of argsort) instead of the rows in "
                "order: position 0 holds the index of the best row",
                lambda got: list(got) == list(np.argsort(descending))),
        Mistake("equal scores are in the wrong order: np.argsort(s)[::-1] puts the LATER row first; "
                "ties keep the lower index first (np.argsort(-s, kind=\"stable\"))",
                lambda got: list(got) == list(ascending[::-1])),
    ]


def _as_index_list(got):
    if isinstance(got, np.ndarray) and got.dtype.kind in "iu":
        return [int(i) for i in got]
    return got


@pytest.mark.points(1, problem=PROBLEM)
def test_ranking_puts_p3_first_for_irctc_and_keeps_ties_in_row_order(student, reference, rng):
    """IRCTC ranking is [2, 4, 1, 3, 0] (P3 first); random data with ties keep the lower index first."""
    X, w = reference.IRCTC_X, reference.IRCTC_W
    expect_equal(_as_index_list(student.ranking(X, w)), [2, 4, 1, 3, 0], what="ranking(IRCTC_X, IRCTC_W)",
                 mistakes=_ranking_mistakes(reference.scores(X, w)))
    tied = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0], [0.0, 0.0], [1.0, 0.0]])   # scores 1, 1, 1, 0, 1
    for X in [tied] + [rng.integers(-3, 4, size=(n, 2)).astype(float) for n in (1, 6, 9)]:
        w = np.array([1.0, 1.0])
        expected = [int(i) for i in reference.ranking(X, w)]
        expect_equal(_as_index_list(student.ranking(X, w)), expected, what="ranking(X, w) (ties keep row order)",
                     inputs={"X": X, "w": w}, mistakes=_ranking_mistakes(reference.scores(X, w)))
