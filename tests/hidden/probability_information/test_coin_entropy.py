"""Hidden tests: problem "coin_entropy" (the entropy of a coin in bits, elementwise).

Contract (the notebook's docstring): coin_entropy(p) = -p log2 p - (1 - p) log2(1 - p) with
0 log 0 = 0, for p a number or a float np.ndarray of any shape with entries in [0, 1] (not
modified); a number gives a float (a Python or NumPy float scalar, not a 0-d array), an array gives
a float np.ndarray of the same shape (a shape (1,) stays (1,)); p = 0 and p = 1 give 0, never nan.

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's values are exactly what that formula gives there and no other known mistake gives them.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close, expect_true, expect_unchanged, is_number

PROBLEM = "coin_entropy"


def _same(got, value):
    got, value = as_numbers(got), np.asarray(value, dtype=float)
    return got.shape == value.shape and bool(np.allclose(got, value, rtol=1e-6, atol=1e-9))


def _xlog(p, log):
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)
    return np.where(p > 0, p * log(safe), 0.0)


def _distinct(candidates, expected):
    """Mistakes (id, message, value) whose values differ from the right answer and from the values of
    every other known mistake on this input: an answer two mistakes would both give names none.

    Nothing is re-enacted until a check fails (the first `applies` call): most answers are right, and
    re-enacting and cross-comparing every mistake for each of them was most of the grader's time. Every
    candidate gets its Mistake, in order; one whose value is not its own on this input never applies."""
    candidates = list(candidates)

    @functools.lru_cache(maxsize=None)
    def own():
        """{index: value} of the candidates that name their mistake on this input."""
        values = []
        for index, (mistake_id, _, compute) in enumerate(candidates):
            try:
                with np.errstate(all="ignore"):
                    values.append((index, mistake_id, np.asarray(compute(), dtype=float)))
            except (ValueError, TypeError, IndexError):
                continue
        found = {}
        for index, mistake_id, value in values:
            if _same(value, expected):
                continue
            if any(other_id != mistake_id and _same(value, other) for _, other_id, other in values):
                continue
            found[index] = value
        return found

    return [Mistake(message, lambda got, index=index: index in own() and _same(got, own()[index]), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(candidates)]


def _mistakes(p, expected):
    pf = np.asarray(p, dtype=float)
    heads, tails = _xlog(pf, np.log2), _xlog(1 - pf, np.log2)
    bits = -(heads + tails)
    mistakes = []
    if not np.ndim(expected):
        mistakes.append(Mistake("coin_entropy returned an np.ndarray for a number: a number gives a float (a Python "
                                "or NumPy float scalar); np.where and np.asarray return 0-d arrays, convert them with "
                                "float(...)", lambda got: isinstance(got, np.ndarray) and got.size == 1,
                                id="number-returned-as-array"))
    if np.ndim(expected):
        mistakes.append(Mistake(f"coin_entropy returned a single number for an array of shape {np.shape(expected)}: an "
                                "array gives an np.ndarray of the same shape (even of shape (1,))",
                                lambda got: is_number(got) and not isinstance(got, np.ndarray),
                                id="array-returned-as-number"))
    if np.any((pf == 0) | (pf == 1)):
        mistakes.append(Mistake("coin_entropy gave nan: at p = 0 or p = 1 one term is 0 log 0, which counts as 0",
                                lambda got: np.isnan(as_numbers(got)).any(), id="coin-entropy-nan-0-log-0"))
    candidates = [
        ("coin-entropy-in-nats", "coin_entropy is in nats: the coin's entropy is measured in BITS (log base 2)",
         lambda: bits * np.log(2)),
        ("coin-entropy-in-nats", "coin_entropy is in decimal digits (log base 10): the coin's entropy is measured in "
         "BITS (log base 2)", lambda: bits * np.log(2) / np.log(10)),
        ("coin-entropy-heads-only", "coin_entropy kept only the heads term -p log2 p: add the tails term "
         "-(1 - p) log2(1 - p)", lambda: -heads),
        ("coin-entropy-wrong-sign", "coin_entropy has the wrong sign: H(p) = MINUS the sum, which is >= 0",
         lambda: -bits),
        ("coin-entropy-tails-uses-p", "the tails term is -(1 - p) log2(1 - p): both its factors use 1 - p",
         lambda: -(heads + (1 - pf) * np.log2(np.where(pf > 0, pf, 1.0)))),
    ]
    if pf.ndim >= 1:
        # stacking [p, 1 - p] along a new FIRST axis and summing over the last one mixes different coins
        stacked = np.stack([pf, 1 - pf])
        candidates.append(("coin-entropy-summed-over-wrong-axis", "coin_entropy summed over the wrong axis: with "
                           "np.stack([p, 1 - p]) the heads and tails of ONE coin are along axis 0; sum over axis=0 "
                           "so that the result has p's shape",
                           lambda: -np.sum(_xlog(stacked, np.log2), axis=-1)))
    return mistakes + _distinct(candidates, expected)


def _check(student, reference, p, what):
    expected = reference.coin_entropy(p)
    got = student.coin_entropy(p)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs={"p_heads": p}, mistakes=_mistakes(p, expected))
    if isinstance(expected, float):
        expect_true(not isinstance(got, np.ndarray),
                    f"{what}: a number gives a float, but coin_entropy returned an np.ndarray of shape {getattr(got, 'shape', ())} "
                    "(np.where and np.asarray give 0-d arrays: convert with float(...))",
                    mistake=Mistake("coin_entropy returned a 0-d array where the docstring asks for a float",
                                    lambda _: True, id="number-returned-as-array"))
    else:
        expect_true(isinstance(got, np.ndarray) and got.dtype.kind == "f",
                    f"{what}: an array gives a float np.ndarray; coin_entropy returned a {type(got).__name__}",
                    mistake=Mistake("coin_entropy returned a list where the docstring asks for an np.ndarray",
                                    lambda _: True, id="list-returned-not-ndarray"))
    expect_unchanged(effects, what=what)


@pytest.mark.points(1, problem=PROBLEM)
def test_coin_entropy_of_the_chapter_coins(student, reference):
    """Fair coin 1 bit, biased coin (0.9) 0.469 bits, 0.99 gives 0.081, a certain coin 0 bits."""
    _check(student, reference, 0.5, "coin_entropy(0.5), the fair coin")
    _check(student, reference, 0.9, "coin_entropy(0.9), the biased coin")
    _check(student, reference, 0.99, "coin_entropy(0.99)")
    _check(student, reference, reference.COIN_HEADS, "coin_entropy([0.5, 0.9, 1.0])")


@pytest.mark.points(1, problem=PROBLEM)
def test_coin_entropy_is_elementwise_and_symmetric(student, reference, rng):
    """coin_entropy of random arrays of probabilities (1-D, 2-D and of one entry), including p and 1 - p."""
    p = rng.uniform(0.001, 0.999, size=9)
    _check(student, reference, np.concatenate([p, 1 - p]), "coin_entropy of 18 probabilities (p and 1 - p)")
    _check(student, reference, rng.uniform(0.0, 1.0, size=(3, 4)), "coin_entropy of a (3, 4) array")
    _check(student, reference, np.array([0.3, 0.8]), "coin_entropy of two coins, [0.3, 0.8]")
    _check(student, reference, np.array([0.2]), "coin_entropy of an array of one coin, [0.2]")


@pytest.mark.points(1, problem=PROBLEM)
def test_coin_entropy_of_certain_coins(student, reference):
    """A certain coin (p = 0 or 1) has entropy 0, as a number and inside an array, without nan."""
    _check(student, reference, 0.0, "coin_entropy(0.0)")
    _check(student, reference, 1.0, "coin_entropy(1.0)")
    _check(student, reference, np.array([0.0, 0.25, 0.5, 1.0]), "coin_entropy([0, 0.25, 0.5, 1])")
    _check(student, reference, np.array([[1.0, 0.0], [0.0, 1.0]]), "coin_entropy of a (2, 2) array of certain coins")
