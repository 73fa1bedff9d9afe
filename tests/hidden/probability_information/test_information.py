"""Hidden tests: problem "information" (entropy, kl_divergence, cross_entropy).

Contract: entropy(p, base=e) = -sum p log p / log(base); kl_divergence(p, q) = sum p log(p / q) and
cross_entropy(p, q) = -sum p log q, both in nats, without clipping. Terms with p_i = 0 contribute 0
(never nan); p_i > 0 with q_i = 0 gives inf. H(p, q) = H(p) + KL(p || q).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true, is_number

PROBLEM = "information"


def _near(got, value):
    got = as_numbers(got)
    return got.shape == () and bool(np.isclose(float(got), value, rtol=1e-6, atol=1e-9))


def _distribution(rng, c, zeros=0):
    p = rng.uniform(0.05, 1.0, size=c)
    if zeros:
        p[rng.choice(c, size=zeros, replace=False)] = 0.0
    return p / p.sum()


def _nats_entropy(p):
    positive = p[p > 0]
    return float(-np.sum(positive * np.log(positive)))


# ------------------------------------------------------------------ entropy
def _entropy_mistakes(p, base):
    h_e = _nats_entropy(p)
    h = h_e / np.log(base)
    mistakes = [
        Mistake("entropy gave nan: a zero probability contributes 0 (0 log 0 = 0); skip the zero "
                "entries (p[p > 0]) or mask them", lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("entropy has the wrong sign: H(p) = MINUS sum p log p, which is >= 0",
                lambda got: h != 0 and _near(got, -h)),
    ]
    if h_e != 0:
        if base != np.e:
            mistakes.append(Mistake(f"entropy ignores its base argument: with base={base:g} divide the "
                                    f"natural-log entropy by log(base)", lambda got: _near(got, h_e)))
        mistakes += [
            Mistake("entropy multiplied by log(base) instead of dividing: H_b(p) = H_e(p) / ln(b)",
                    lambda got: base != np.e and _near(got, h_e * np.log(base))),
            Mistake("entropy always uses log base 2: the default base is e (nats); use "
                    "np.log(p) / np.log(base)", lambda got: base != 2 and _near(got, h_e / np.log(2))),
            Mistake("entropy always uses log base 10: the default base is e (nats)",
                    lambda got: base != 10 and _near(got, h_e / np.log(10))),
        ]
    return mistakes


def _check_entropy(student, reference, p, what, base=None):
    kwargs = {} if base is None else {"base": base}
    expect_close(student.entropy(p, **kwargs), reference.entropy(p, **kwargs), what=what,
                 inputs={"p": p, **kwargs}, mistakes=_entropy_mistakes(p, np.e if base is None else base))


@pytest.mark.points(1, problem=PROBLEM)
def test_entropy_of_the_swiggy_distribution(student, reference):
    """H([0.4, 0.3, 0.2, 0.1]) = 1.2799 nats; uniform distributions give log C."""
    _check_entropy(student, reference, reference.SWIGGY_TRUE, "entropy of the Swiggy distribution (1.2799 nats)")
    _check_entropy(student, reference, np.full(4, 0.25), "entropy of the uniform distribution over 4 outcomes")
    _check_entropy(student, reference, np.full(10, 0.1), "entropy of the uniform distribution over 10 outcomes")


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
    mask = p > 0
    mistakes = [
        Mistake("kl_divergence gave nan: a term with p_i = 0 contributes 0 (0 log 0 = 0); sum only "
                "over the entries with p_i > 0", lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("kl_divergence must be inf when q_i = 0 for some p_i > 0 (the model calls possible "
                "data impossible); do not clip q here",
                lambda got: expected == np.inf and np.isfinite(as_numbers(got)).all()),
    ]
    if np.isfinite(expected):
        q_mask = q > 0
        reverse = np.sum(q[q_mask] * np.log(q[q_mask] / p[q_mask])) if np.all(p[q_mask] > 0) else np.inf
        cross = -np.sum(p[mask] * np.log(q[mask]))
        mistakes += [
            Mistake("kl_divergence(p, q) computed KL(q || p): the arguments are swapped (KL is not "
                    "symmetric); D_KL(p || q) = sum p log(p / q)",
                    lambda got: abs(reverse - expected) > 1e-6 and _near(got, reverse)),
            Mistake("kl_divergence has the wrong sign: D_KL(p || q) = sum p log(p / q) >= 0",
                    lambda got: expected > 1e-9 and _near(got, -expected)),
            Mistake("kl_divergence returned the cross-entropy H(p, q): subtract the entropy H(p)",
                    lambda got: abs(cross - expected) > 1e-6 and _near(got, cross)),
            Mistake("kl_divergence uses log base 2 or 10: use the natural log (nats)",
                    lambda got: expected > 1e-9 and (_near(got, expected / np.log(2))
                                                     or _near(got, expected / np.log(10)))),
        ]
    return mistakes


def _check_kl(student, reference, p, q, what):
    expected = reference.kl_divergence(p, q)
    expect_close(student.kl_divergence(p, q), expected, what=what, inputs={"p": p, "q": q},
                 mistakes=_kl_mistakes(p, q, expected))


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
    """KL of random distributions; p_i = 0 terms count 0, and q_i = 0 < p_i makes it inf."""
    for c in (2, 5, 8):
        _check_kl(student, reference, _distribution(rng, c), _distribution(rng, c), f"kl_divergence(p, q), {c} outcomes")
    _check_kl(student, reference, _distribution(rng, 6, zeros=2), _distribution(rng, 6),
              "kl_divergence(p, q) with zeros in p")
    _check_kl(student, reference, np.array([0.5, 0.5, 0.0]), np.array([0.2, 0.8, 0.0]),
              "kl_divergence(p, q) with q_i = 0 where p_i = 0 (finite)")
    _check_kl(student, reference, np.array([0.5, 0.5]), np.array([1.0, 0.0]),
              "kl_divergence(p, q) with q_i = 0 where p_i > 0 (infinite)")


# ------------------------------------------------------------------ cross-entropy
def _cross_mistakes(p, q, expected):
    mistakes = [
        Mistake("cross_entropy gave nan: a term with p_i = 0 contributes 0, even where q_i = 0; sum "
                "only over the entries with p_i > 0", lambda got: np.isnan(as_numbers(got)).any()),
        Mistake("cross_entropy must be inf when q_i = 0 for some p_i > 0; here we compute the exact "
                "value, without clipping", lambda got: expected == np.inf and np.isfinite(as_numbers(got)).all()),
    ]
    if np.isfinite(expected):
        q_mask = q > 0
        swapped = -np.sum(q[q_mask] * np.log(p[q_mask])) if np.all(p[q_mask] > 0) else np.inf
        h = _nats_entropy(p)
        mistakes += [
            Mistake("cross_entropy(p, q) swapped its arguments: H(p, q) = -sum p log q, with p the truth",
                    lambda got: abs(swapped - expected) > 1e-6 and _near(got, swapped)),
            Mistake("cross_entropy has the wrong sign: H(p, q) = MINUS sum p log q",
                    lambda got: expected > 1e-9 and _near(got, -expected)),
            Mistake("cross_entropy returned the KL divergence: H(p, q) = H(p) + KL(p || q)",
                    lambda got: h > 1e-6 and _near(got, expected - h)),
            Mistake("cross_entropy returned the entropy H(p) of the truth: use log q, not log p",
                    lambda got: abs(h - expected) > 1e-6 and _near(got, h)),
            Mistake("cross_entropy uses log base 2 or 10: use the natural log (nats)",
                    lambda got: expected > 1e-9 and (_near(got, expected / np.log(2))
                                                     or _near(got, expected / np.log(10)))),
        ]
    return mistakes


def _check_cross(student, reference, p, q, what):
    expected = reference.cross_entropy(p, q)
    expect_close(student.cross_entropy(p, q), expected, what=what, inputs={"p": p, "q": q},
                 mistakes=_cross_mistakes(p, q, expected))


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
    _check_cross(student, reference, np.array([0.3, 0.7]), np.array([0.0, 1.0]),
                 "cross_entropy(p, q) with q_i = 0 where p_i > 0 (infinite)")


@pytest.mark.points(1, problem=PROBLEM)
def test_cross_entropy_is_entropy_plus_kl(student, reference, rng):
    """Your entropy(p) + kl_divergence(p, q) and your cross_entropy(p, q) both equal H(p, q)."""
    cases = [(reference.SWIGGY_TRUE, reference.SWIGGY_MODEL_B)]
    cases += [(_distribution(rng, c, zeros), _distribution(rng, c)) for c, zeros in [(4, 0), (6, 2), (9, 1)]]
    for p, q in cases:
        expected = reference.cross_entropy(p, q)
        h, kl = student.entropy(p), student.kl_divergence(p, q)
        expect_true(is_number(h) and is_number(kl),
                    f"entropy(p) and kl_divergence(p, q) must each return a number; got {describe(h)} "
                    f"and {describe(kl)}")
        expect_close(float(h) + float(kl), expected,
                     what="entropy(p) + kl_divergence(p, q), which must equal the cross-entropy H(p, q)",
                     inputs={"p": p, "q": q})
        expect_close(student.cross_entropy(p, q), expected,
                     what="cross_entropy(p, q), which must equal entropy(p) + kl_divergence(p, q)",
                     inputs={"p": p, "q": q}, mistakes=_cross_mistakes(p, q, expected))
