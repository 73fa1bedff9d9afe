"""Hidden tests: problem "coin_entropy" (the entropy of a coin in bits, elementwise).

Contract: coin_entropy(p) = -p log2 p - (1 - p) log2(1 - p) with 0 log 0 = 0; a number gives a
number, an array an array of the same shape; p = 0 and p = 1 give 0, never nan.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "coin_entropy"


def _close(got, value):
    got = as_numbers(got)
    value = np.asarray(value, dtype=float)
    return got.shape == value.shape and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _xlog(p, log):
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)
    return np.where(p > 0, p * log(safe), 0.0)


def _mistakes(p):
    bits = -(_xlog(p, np.log2) + _xlog(1 - np.asarray(p, dtype=float), np.log2))
    return [
        Mistake("coin_entropy gave nan: at p = 0 or p = 1 one term is 0 log 0, which counts as 0",
                lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("coin_entropy is in nats: the coin's entropy is measured in BITS (log base 2)",
                lambda got: _close(got, bits * np.log(2))),
        Mistake("coin_entropy uses log base 10: the coin's entropy is in bits (log base 2)",
                lambda got: _close(got, bits * np.log(2) / np.log(10))),
        Mistake("coin_entropy kept only the heads term -p log2 p: add the tails term "
                "-(1 - p) log2(1 - p)", lambda got: _close(got, -_xlog(p, np.log2))),
        Mistake("coin_entropy has the wrong sign: H(p) = MINUS the sum, which is >= 0",
                lambda got: _close(got, -bits) and np.any(bits > 0)),
    ]


def _check(student, reference, p, what):
    expect_close(student.coin_entropy(p), reference.coin_entropy(p), what=what, inputs={"p_heads": p},
                 mistakes=_mistakes(p))


@pytest.mark.points(1, problem=PROBLEM)
def test_coin_entropy_of_the_chapter_coins(student, reference):
    """Fair coin 1 bit, biased coin (0.9) 0.469 bits, 0.99 gives 0.081, a certain coin 0 bits."""
    _check(student, reference, 0.5, "coin_entropy(0.5), the fair coin")
    _check(student, reference, 0.9, "coin_entropy(0.9), the biased coin")
    _check(student, reference, 0.99, "coin_entropy(0.99)")
    _check(student, reference, reference.COIN_HEADS, "coin_entropy([0.5, 0.9, 1.0])")


@pytest.mark.points(1, problem=PROBLEM)
def test_coin_entropy_is_elementwise_and_symmetric(student, reference, rng):
    """coin_entropy of random arrays of probabilities (1-D and 2-D), including p and 1 - p."""
    p = rng.uniform(0.001, 0.999, size=9)
    _check(student, reference, np.concatenate([p, 1 - p]), "coin_entropy of 18 probabilities (p and 1 - p)")
    _check(student, reference, rng.uniform(0.0, 1.0, size=(3, 4)), "coin_entropy of a (3, 4) array")


@pytest.mark.points(1, problem=PROBLEM)
def test_coin_entropy_of_certain_coins(student, reference):
    """A certain coin (p = 0 or 1) has entropy 0, as a number and inside an array, without nan."""
    _check(student, reference, 0.0, "coin_entropy(0.0)")
    _check(student, reference, 1.0, "coin_entropy(1.0)")
    _check(student, reference, np.array([0.0, 0.25, 0.5, 1.0]), "coin_entropy([0, 0.25, 0.5, 1])")
