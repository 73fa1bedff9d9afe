"""Hidden tests: problem "information" (entropy, kl_divergence, cross_entropy).

Contract (the notebook's docstrings): p and q are float np.ndarrays of shape (C,), C >= 1,
probability distributions, not modified. entropy(p, base=e) = -sum p log p / log(base);
kl_divergence(p, q) = sum p log(p / q) and cross_entropy(p, q) = -sum p log q, both in nats,
without clipping. Terms with p_i = 0 contribute 0 (never nan, even where q_i = 0 too); p_i > 0
with q_i = 0 gives inf. H(p, q) = H(p) + KL(p || q). Each returns a float (a Python or NumPy float
scalar, not an array).

Every known mistake is a re-enactment of the wrong formula on the test's own input, named only when
the student's value is exactly what that formula gives there and no other known mistake gives it.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import (Mistake, as_numbers, describe, expect_close, expect_true, expect_unchanged,
                                      is_number)

PROBLEM = "information"


def _near(got, value):
    """got is one number equal to value (inf matching inf of the same sign)."""
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), float(value), rtol=1e-6, atol=1e-9))


def _distinct(candidates, expected):
    """Mistakes (id, message, value) whose value differs from the right answer and from the value of
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
                    values.append((index, mistake_id, float(compute())))
            except (ValueError, TypeError, ZeroDivisionError, OverflowError, IndexError):
                continue
        found = {}
        for index, mistake_id, value in values:
            if np.isnan(value) or _near(value, expected):
                continue
            if any(other_id != mistake_id and _near(value, other) for _, other_id, other in values):
                continue
            found[index] = value
        return found

    return [Mistake(message, lambda got, index=index: index in own() and _near(got, own()[index]), id=mistake_id)
            for index, (mistake_id, message, _) in enumerate(candidates)]


def _distribution(rng, c, zeros=0):
    p = rng.uniform(0.05, 1.0, size=c)
    if zeros:
        p[rng.choice(c, size=zeros, replace=False)] = 0.0
    return p / p.sum()


def _xlogy(a, b):
    """sum of a * log(b) over the entries with a > 0 (0 log anything = 0)."""
    mask = a > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(a[mask] * np.log(b[mask])))


def _array_result(name):
    return Mistake(f"{name} returned an array: the docstring asks for one float (a Python or NumPy float; convert a "
                   "0-d result with float(...))", lambda got: isinstance(got, (np.ndarray, list, tuple)),
                   id="number-returned-as-array")


def _check(student, name, args, kwargs, expected, what, inputs, mistakes):
    got = getattr(student, name)(*args, **kwargs)
    effects = student.last_call
    expect_close(got, expected, what=what, inputs=inputs, mistakes=[_array_result(name)] + list(mistakes))
    expect_true(not isinstance(got, np.ndarray),
                f"{what}: {name} must return a float; it returned an np.ndarray of shape {getattr(got, 'shape', ())}",
                mistake=_array_result(name))
    expect_unchanged(effects, what=what)


# ------------------------------------------------------------------ entropy
def _entropy_mistakes(p, base):
    h_e = -_xlogy(p, p)
    h = h_e / np.log(base)
    mistakes = []
    if (p == 0).any():
        mistakes.append(Mistake("entropy gave nan: a zero probability contributes 0 (0 log 0 = 0); skip the zero "
                                "entries (p[p > 0]) or mask them", lambda got: np.isnan(as_numbers(got)).any(),
                                id="entropy-nan-0-log-0"))
    candidates = [
        ("entropy-wrong-sign", "entropy has the wrong sign: H(p) = MINUS sum p log p, which is >= 0", lambda: -h),
        ("entropy-mean-not-sum", "entropy averages the terms: H(p) is the SUM of -p_i log p_i over the outcomes",
         lambda: h / p.size),
        ("entropy-base-multiplied", "entropy multiplied by log(base) instead of dividing: H_b(p) = H_e(p) / ln(b)",
         lambda: h_e * np.log(base)),
        ("entropy-wrong-log-base", "entropy takes log base 2 before dividing by log(base): use the natural log, "
         "np.log(p) / np.log(base)", lambda: h_e / np.log(2) / np.log(base)),
    ]
    if base != np.e:
        candidates.append(("entropy-ignores-base", f"entropy ignores its base argument: with base={base:g} divide the "
                           "natural-log entropy by log(base)", lambda: h_e))
    if base != 2:
        candidates.append(("entropy-wrong-log-base", "entropy always uses log base 2: the default base is e (nats); "
                           "use np.log(p) / np.log(base)", lambda: h_e / np.log(2)))
    if base != 10:
        candidates.append(("entropy-wrong-log-base", "entropy always uses log base 10: the default base is e (nats); "
                           "use np.log(p) / np.log(base)", lambda: h_e / np.log(10)))
    return mistakes + _distinct(candidates, h)


def _check_entropy(student, reference, p, what, base=None):
    kwargs = {} if base is None else {"base": base}
    _check(student, "entropy", (p,), kwargs, reference.entropy(p, **kwargs), what, {"p": p, **kwargs},
           _entropy_mistakes(p, np.e if base is None else base))


@pytest.mark.points(1, problem=PROBLEM)
def test_entropy_of_the_swiggy_distribution(student, reference):
    """H([0.4, 0.3, 0.2, 0.1]) = 1.2799 nats; uniform distributions give log C; one outcome gives 0."""
    _check_entropy(student, reference, reference.SWIGGY_TRUE, "entropy of the Swiggy distribution (1.2799 nats)")
    _check_entropy(student, reference, np.full(4, 0.25), "entropy of the uniform distribution over 4 outcomes")
    _check_entropy(student, reference, np.full(10, 0.1), "entropy of the uniform distribution over 10 outcomes")
    _check_entropy(student, reference, np.array([1.0]), "entropy([1.0]), a single outcome")


@pytest.mark.points(1, problem=PROBLEM)
def test_entropy_in_bits_and_other_bases(student, reference, rng):
    """entropy(p, base=2) is in bits (uniform over 4 = 2 bits), base=10 in decimal digits."""
    _check_entropy(student, reference, np.full(4, 0.25), "entropy(uniform over 4, base=2)", base=2)
    _check_entropy(student, reference, np.array([0.97, 0.01, 0.01, 0.01]),
                   "entropy([0.97, 0.01, 0.01, 0.01], base=2)", base=2)
    for c, base in [(3, 2), (6, 10), (5, 3)]:
        _check_entropy(student, reference, _distribution(rng, c), f"entropy(p, base={base})", base=base)


@pytest.mark.points(1, problem=PROBLEM)
def test_entropy_with_zero_probabilities(student, reference, rng):
    """Zero probabilities contribute 0: H([1, 0, 0]) = 0, H([0.5, 0.5, 0]) = ln 2, no nan."""
    _check_entropy(student, reference, np.array([1.0, 0.0, 0.0]), "entropy of a certain outcome")
    _check_entropy(student, reference, np.array([0.5, 0.5, 0.0]), "entropy([0.5, 0.5, 0.0])")
    _check_entropy(student, reference, np.array([0.0, 0.25, 0.75]), "entropy([0, 0.25, 0.75], base=2)", base=2)
    for c, zeros in [(5, 2), (8, 3)]:
        _check_entropy(student, reference, _distribution(rng, c, zeros), "entropy(p) with zero entries")


# ------------------------------------------------------------------ KL divergence
def _kl_mistakes(p, q, expected):
    zero_p = bool((p == 0).any())
    mistakes = []
    if zero_p:
        mistakes.append(Mistake(
            "kl_divergence gave nan: a term with p_i = 0 contributes 0 (0 log 0 = 0, and 0 times the log of any "
            "q_i); sum only over the entries with p_i > 0", lambda got: np.isnan(as_numbers(got)).any(),
            id="kl-nan-0-log-0"))
    if expected == np.inf:
        mistakes.append(Mistake(
            "kl_divergence must be inf when q_i = 0 for some p_i > 0 (the model calls possible data impossible); "
            "your result is finite: do not clip q, add an eps to it, or skip those terms",
            lambda got: bool(np.isfinite(as_numbers(got)).all()), id="kl-finite-where-q-zero"))
        return mistakes
    if bool(((p == 0) & (q == 0)).any()):
        mistakes.append(Mistake(
            "kl_divergence gave inf although q_i = 0 only where p_i = 0 too: those terms contribute 0; the result is "
            "inf only when q_i = 0 where p_i > 0", lambda got: float(as_numbers(got)) == np.inf,
            id="kl-inf-where-p-zero"))
    mask = p > 0
    h = -_xlogy(p, p)
    cross = -_xlogy(p, q)
    q_mask = q > 0
    reverse = float(np.sum(q[q_mask] * np.log(q[q_mask] / p[q_mask]))) if np.all(p[q_mask] > 0) else np.inf
    return mistakes + _distinct([
        ("kl-arguments-swapped", "kl_divergence(p, q) computed KL(q || p): the arguments are swapped (KL is not "
         "symmetric); D_KL(p || q) = sum p log(p / q)", lambda: reverse),
        ("kl-wrong-sign", "kl_divergence has the wrong sign: D_KL(p || q) = sum p log(p / q) >= 0", lambda: -expected),
        ("kl-returned-cross-entropy", "kl_divergence returned the cross-entropy H(p, q): subtract the entropy H(p)",
         lambda: cross),
        ("kl-wrong-log-base", "kl_divergence uses log base 2: use the natural log (nats)",
         lambda: expected / np.log(2)),
        ("kl-wrong-log-base", "kl_divergence uses log base 10: use the natural log (nats)",
         lambda: expected / np.log(10)),
        ("kl-mean-not-sum", "kl_divergence averages the terms: D_KL is the SUM of p_i log(p_i / q_i)",
         lambda: expected / p.size),
        ("kl-missing-weights", "kl_divergence forgot the weights p_i: D_KL = sum p_i log(p_i / q_i)",
         lambda: float(np.sum(np.log(p[mask] / q[mask])))),
        ("kl-entropy-plus-cross", "kl_divergence added H(p) to H(p, q): D_KL(p || q) = H(p, q) - H(p)",
         lambda: cross + h),
    ], expected)


def _check_kl(student, reference, p, q, what):
    expected = reference.kl_divergence(p, q)
    _check(student, "kl_divergence", (p, q), {}, expected, what, {"p": p, "q": q}, _kl_mistakes(p, q, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_kl_divergence_of_the_swiggy_models(student, reference):
    """KL(p || q_A) = 0.0088, KL(p || q_B) = 0.8281, KL(q_B || p) = 1.0443 and KL(p || p) = 0."""
    p, q_a, q_b = reference.SWIGGY_TRUE, reference.SWIGGY_MODEL_A, reference.SWIGGY_MODEL_B
    _check_kl(student, reference, p, q_a, "kl_divergence(Swiggy truth, model A) (about 0.009)")
    _check_kl(student, reference, p, q_b, "kl_divergence(Swiggy truth, model B) (about 0.828)")
    _check_kl(student, reference, q_b, p, "kl_divergence(model B, Swiggy truth): the other direction")
    _check_kl(student, reference, p, p, "kl_divergence(p, p)")


@pytest.mark.points(1, problem=PROBLEM)
def test_kl_divergence_of_random_distributions_with_zeros(student, reference, rng):
    """KL of random distributions; p_i = 0 terms count 0, q_i = 0 < p_i makes it inf, one-hot p = q gives 0."""
    for c in (2, 5, 8):
        _check_kl(student, reference, _distribution(rng, c), _distribution(rng, c), f"kl_divergence(p, q), {c} outcomes")
    _check_kl(student, reference, _distribution(rng, 6, zeros=2), _distribution(rng, 6),
              "kl_divergence(p, q) with zeros in p")
    _check_kl(student, reference, np.array([0.5, 0.5, 0.0]), np.array([0.2, 0.8, 0.0]),
              "kl_divergence(p, q) with q_i = 0 where p_i = 0 (finite)")
    _check_kl(student, reference, np.array([0.0, 1.0, 0.0]), np.array([0.0, 1.0, 0.0]),
              "kl_divergence of a one-hot p against the same one-hot q (0: identical distributions)")
    _check_kl(student, reference, np.array([0.5, 0.5]), np.array([1.0, 0.0]),
              "kl_divergence(p, q) with q_i = 0 where p_i > 0 (infinite)")
    _check_kl(student, reference, np.array([1.0, 0.0]), np.array([0.0, 1.0]),
              "kl_divergence of one-hot p against a one-hot q elsewhere (infinite)")


# ------------------------------------------------------------------ cross-entropy
def _cross_mistakes(p, q, expected):
    mistakes = []
    both_zero = bool(((p == 0) & (q == 0)).any())
    if both_zero:
        mistakes.append(Mistake(
            "cross_entropy gave nan: a term with p_i = 0 contributes 0, even where q_i = 0 (0 * log(0) is nan in "
            "floating point); sum only over the entries with p_i > 0", lambda got: np.isnan(as_numbers(got)).any(),
            id="ce-nan-0-log-0"))
    if expected == np.inf:
        mistakes.append(Mistake(
            "cross_entropy must be inf when q_i = 0 for some p_i > 0; your result is finite: this function computes "
            "the exact value, so do not clip q, add an eps to it, or skip those terms",
            lambda got: bool(np.isfinite(as_numbers(got)).all()), id="ce-finite-where-q-zero"))
        return mistakes
    if both_zero:
        mistakes.append(Mistake(
            "cross_entropy gave inf although q_i = 0 only where p_i = 0 too: those terms contribute 0; the result is "
            "inf only when q_i = 0 where p_i > 0", lambda got: float(as_numbers(got)) == np.inf,
            id="ce-inf-where-p-zero"))
    q_mask = q > 0
    swapped = -float(np.sum(q[q_mask] * np.log(p[q_mask]))) if np.all(p[q_mask] > 0) else np.inf
    h = -_xlogy(p, p)
    return mistakes + _distinct([
        ("ce-arguments-swapped", "cross_entropy(p, q) swapped its arguments: H(p, q) = -sum p log q, with p the truth",
         lambda: swapped),
        ("ce-wrong-sign", "cross_entropy has the wrong sign: H(p, q) = MINUS sum p log q", lambda: -expected),
        ("ce-returned-kl", "cross_entropy returned the KL divergence: H(p, q) = H(p) + KL(p || q)",
         lambda: expected - h),
        ("ce-returned-entropy", "cross_entropy returned the entropy H(p) of the truth: use log q, not log p",
         lambda: h),
        ("ce-wrong-log-base", "cross_entropy uses log base 2: use the natural log (nats)",
         lambda: expected / np.log(2)),
        ("ce-wrong-log-base", "cross_entropy uses log base 10: use the natural log (nats)",
         lambda: expected / np.log(10)),
        ("ce-mean-not-sum", "cross_entropy averages the terms: H(p, q) is the SUM of -p_i log q_i",
         lambda: expected / p.size),
    ], expected)


def _check_cross(student, reference, p, q, what):
    expected = reference.cross_entropy(p, q)
    _check(student, "cross_entropy", (p, q), {}, expected, what, {"p": p, "q": q}, _cross_mistakes(p, q, expected))


@pytest.mark.points(1, problem=PROBLEM)
def test_cross_entropy_of_the_swiggy_models_and_random_distributions(student, reference, rng):
    """H(p, q_A) = 1.2886 and H(p, q_B) = 2.1080; random and one-hot p; zeros as stated."""
    p = reference.SWIGGY_TRUE
    _check_cross(student, reference, p, reference.SWIGGY_MODEL_A, "cross_entropy(Swiggy truth, model A)")
    _check_cross(student, reference, p, reference.SWIGGY_MODEL_B, "cross_entropy(Swiggy truth, model B)")
    for c in (3, 7):
        _check_cross(student, reference, _distribution(rng, c), _distribution(rng, c), f"cross_entropy(p, q), {c} outcomes")
    _check_cross(student, reference, np.array([0.0, 1.0, 0.0]), np.array([0.0, 0.7, 0.3]),
                 "cross_entropy(one-hot p, q) with q_i = 0 where p_i = 0")
    _check_cross(student, reference, np.array([0.0, 0.0, 1.0]), np.array([0.0, 0.0, 1.0]),
                 "cross_entropy of a one-hot p against the same one-hot q (0: a certain, correct prediction)")
    _check_cross(student, reference, np.array([0.3, 0.7]), np.array([0.0, 1.0]),
                 "cross_entropy(p, q) with q_i = 0 where p_i > 0 (infinite)")


def _one_number(value):
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        return float(value.reshape(-1)[0])
    return value


@pytest.mark.points(1, problem=PROBLEM)
def test_cross_entropy_is_entropy_plus_kl(student, reference, rng):
    """Your entropy(p) + kl_divergence(p, q) and your cross_entropy(p, q) both equal H(p, q)."""
    cases = [(reference.SWIGGY_TRUE, reference.SWIGGY_MODEL_B)]
    cases += [(_distribution(rng, c, zeros), _distribution(rng, c)) for c, zeros in [(4, 0), (6, 2), (9, 1)]]
    for p, q in cases:
        expected = reference.cross_entropy(p, q)
        # the identity is about the values: a one-element array counts as its number here (types are graded above)
        h, kl = (_one_number(value) for value in (student.entropy(p), student.kl_divergence(p, q)))
        expect_true(is_number(h) and is_number(kl),
                    f"entropy(p) and kl_divergence(p, q) must each return a number; got {describe(h)} "
                    f"and {describe(kl)}")
        expect_close(float(h) + float(kl), expected,
                     what="entropy(p) + kl_divergence(p, q), which must equal the cross-entropy H(p, q)",
                     inputs={"p": p, "q": q})
        _check_cross(student, reference, p, q, "cross_entropy(p, q), which must equal entropy(p) + kl_divergence(p, q)")
