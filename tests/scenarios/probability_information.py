"""Sample submissions for `probability_information`: the chapter's mistakes, correct alternatives.

Each scenario replaces whole solution cells (by grade_id) of the source notebook:
distributions_code, bernoulli_mle_code, gaussian_mle_code, bce_code, information_code,
coin_entropy_code, loss_gradients_code, bayes_code, entropy_plot_code.
"""

from autograder.scenarios import Scenario

# ------------------------------------------------------------------ correct cells, reused below
BERNOULLI_OK = '''
def bernoulli_pmf(x, p):
    return np.where(np.asarray(x) == 1, p, 1.0 - np.asarray(p, dtype=float)) * 1.0
'''

GAUSSIAN_OK = '''
def gaussian_pdf(x, mu, sigma):
    z = (np.asarray(x, dtype=float) - mu) / sigma
    return np.exp(-0.5 * z ** 2) / (np.sqrt(2 * np.pi) * sigma)
'''

BERNOULLI_MLE_OK = '''
def bernoulli_mle(x):
    return float(np.mean(x))
'''

LOG_LIKELIHOOD_OK = '''
def bernoulli_log_likelihood(x, p):
    k = np.sum(x)
    n = len(x)
    ll = 0.0
    if k > 0:
        ll += k * np.log(p) if p > 0 else -np.inf
    if n - k > 0:
        ll += (n - k) * np.log(1 - p) if p < 1 else -np.inf
    return float(ll)
'''

GAUSSIAN_MLE_OK = '''
def gaussian_mle(x):
    return float(np.mean(x)), float(np.std(x))


def gaussian_log_likelihood(x, mu, sigma):
    return float(np.sum(np.log(np.exp(-(x - mu) ** 2 / (2 * sigma ** 2)) / np.sqrt(2 * np.pi * sigma ** 2))))
'''

BCE_OK = '''
def binary_cross_entropy(y_true, y_pred, eps=1e-15):
    y_pred = np.clip(y_pred, eps, 1 - eps)
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
'''

INFORMATION_OK = '''
def entropy(p, base=np.e):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(np.sum(p[m] * np.log(p[m] / q[m])))


def cross_entropy(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(-np.sum(p[m] * np.log(q[m])))
'''

COIN_OK = '''
def coin_entropy(p_heads):
    p = np.asarray(p_heads, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
    h = np.where((p == 0) | (p == 1), 0.0, h)
    return float(h) if h.ndim == 0 else h
'''

GRADIENTS_OK = '''
def mse_loss_and_grad(y, y_hat):
    return (y - y_hat) ** 2, -2 * (y - y_hat)


def ce_loss_and_grad(y, y_hat):
    loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    grad = -y / y_hat + (1 - y) / (1 - y_hat)
    return loss, grad
'''

BAYES_OK = '''
def posterior(prior, likelihood, false_positive_rate):
    evidence = likelihood * prior + false_positive_rate * (1 - prior)
    return likelihood * prior / evidence


def bayes_posterior(priors, likelihoods):
    joint = np.asarray(priors) * np.asarray(likelihoods)
    return joint / joint.sum()
'''

PLOT_OK = '''
def plot_coin_entropy(p_values):
    fig, ax = plt.subplots()
    ax.plot(p_values, coin_entropy(p_values), label="H(p)")
    ax.plot([0.5], [1.0], "ro", label="maximum")
    ax.set_xlabel("P(heads)")
    ax.set_ylabel("bits")
    ax.set_title("Binary entropy")
    ax.legend()
    return ax
'''

ALL_PROBLEMS = ("distributions", "bernoulli_mle", "gaussian_mle", "bce", "information", "coin_entropy",
                "loss_gradients", "bayes", "entropy_plot")


def _raise(*signatures: str) -> str:
    return "\n\n".join(f"def {signature}:\n    raise ValueError('not done')\n" for signature in signatures)


SCENARIOS = [
    # ============================================================== distributions
    Scenario(
        name="bernoulli_pmf_through_exp_and_log",
        summary="P(X = x) = exp(x log p + (1 - x) log(1 - p)): nan at p = 0 and p = 1.",
        cells={"distributions_code": '''
def bernoulli_pmf(x, p):
    return np.exp(x * np.log(p) + (1 - x) * np.log(1 - p))
''' + GAUSSIAN_OK},
        loses=("distributions",),
        message=r"0 \* log\(0\) = nan",
    ),
    Scenario(
        name="gaussian_pdf_with_sigma_as_variance",
        summary="Uses sigma where the formula has sigma^2 (reads N(mu, sigma) as mean and variance).",
        cells={"distributions_code": BERNOULLI_OK + '''
def gaussian_pdf(x, mu, sigma):
    return np.exp(-(x - mu) ** 2 / (2 * sigma)) / np.sqrt(2 * np.pi * sigma)
'''},
        loses=("distributions",),
        message=r"treats sigma as the variance",
    ),
    Scenario(
        name="gaussian_pdf_precedence_bug",
        summary="coeff = 1 / np.sqrt(2 * np.pi) * sigma multiplies by sigma instead of dividing.",
        cells={"distributions_code": BERNOULLI_OK + '''
def gaussian_pdf(x, mu, sigma):
    coeff = 1 / np.sqrt(2 * np.pi) * sigma
    return coeff * np.exp(-(x - mu) ** 2 / (2 * sigma ** 2))
'''},
        loses=("distributions",),
        message=r"operator precedence",
    ),
    # ============================================================== bernoulli_mle
    Scenario(
        name="log_likelihood_by_the_textbook_formula",
        summary="sum(x log p + (1 - x) log(1 - p)): right inside (0, 1), nan at the edges p = 0, 1.",
        cells={"bernoulli_mle_code": BERNOULLI_MLE_OK + '''
def bernoulli_log_likelihood(x, p):
    return float(np.sum(x * np.log(p) + (1 - x) * np.log(1 - p)))
'''},
        loses=("bernoulli_mle",),
        message=r"0 log 0 = 0",
    ),
    Scenario(
        name="log_likelihood_averaged",
        summary="Returns the mean log-likelihood per observation instead of the sum.",
        cells={"bernoulli_mle_code": BERNOULLI_MLE_OK + LOG_LIKELIHOOD_OK.replace(
            "return float(ll)", "return float(ll / n)")},
        loses=("bernoulli_mle",),
        message=r"SUM over the observations",
    ),
    Scenario(
        name="mle_returns_the_count",
        summary="bernoulli_mle returns the number of ones, not the fraction.",
        cells={"bernoulli_mle_code": '''
def bernoulli_mle(x):
    return float(np.sum(x))
''' + LOG_LIKELIHOOD_OK},
        loses=("bernoulli_mle",),
        message=r"number of ones",
    ),
    # ============================================================== gaussian_mle
    Scenario(
        name="gaussian_mle_with_ddof_1",
        summary="sigma_hat = np.std(x, ddof=1), the unbiased estimate, not the MLE.",
        cells={"gaussian_mle_code": GAUSSIAN_MLE_OK.replace("np.std(x)", "np.std(x, ddof=1)")},
        loses=("gaussian_mle",),
        message=r"ddof=1",
    ),
    Scenario(
        name="gaussian_mle_returns_the_variance",
        summary="Returns (mean, variance) instead of (mean, standard deviation).",
        cells={"gaussian_mle_code": GAUSSIAN_MLE_OK.replace("np.std(x)", "np.var(x)")},
        loses=("gaussian_mle",),
        message=r"returned the variance",
    ),
    Scenario(
        name="gaussian_log_likelihood_averaged",
        summary="The Gaussian log-likelihood is averaged over the samples (np.mean instead of np.sum).",
        cells={"gaussian_mle_code": GAUSSIAN_MLE_OK.replace("float(np.sum(np.log(", "float(np.mean(np.log(")},
        loses=("gaussian_mle",),
        message=r"SUM of the log-densities",
    ),
    # ============================================================== bce
    Scenario(
        name="bce_without_clipping",
        summary="No clipping: a prediction of exactly 0 or 1 gives inf or nan.",
        cells={"bce_code": '''
def binary_cross_entropy(y_true, y_pred, eps=1e-15):
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
'''},
        loses=("bce",),
        message=r"clip y_pred to \[eps, 1 - eps\]",
    ),
    Scenario(
        name="bce_summed_over_the_batch",
        summary="Sums the per-example losses instead of averaging them.",
        cells={"bce_code": BCE_OK.replace("-np.mean(", "-np.sum(")},
        loses=("bce",),
        message=r"the loss is the MEAN",
    ),
    # ============================================================== information
    Scenario(
        name="entropy_without_masking_zeros",
        summary="-sum(p log p) over every entry: 0 * log 0 gives nan for a zero probability.",
        cells={"information_code": INFORMATION_OK.replace('''    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))''', '''    return float(-np.sum(p * np.log(p)) / np.log(base))''')},
        loses=("information",),
        message=r"entropy gave nan",
    ),
    Scenario(
        name="entropy_ignores_its_base",
        summary="entropy accepts base but always returns nats.",
        cells={"information_code": INFORMATION_OK.replace(" / np.log(base))", ")")},
        loses=("information",),
        message=r"ignores its base argument",
    ),
    Scenario(
        name="kl_divergence_with_swapped_arguments",
        summary="Computes sum q log(q / p), i.e. KL(q || p).",
        cells={"information_code": '''
def entropy(p, base=np.e):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))


def kl_divergence(p, q):
    p, q = np.asarray(q, dtype=float), np.asarray(p, dtype=float)
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(np.sum(p[m] * np.log(p[m] / q[m])))


def cross_entropy(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    return float(-np.sum(p[m] * np.log(q[m])))
'''},
        loses=("information",),
        message=r"arguments are swapped",
    ),
    Scenario(
        name="information_clipped_like_the_code_lab",
        summary="The chapter's code lab versions: q clipped to [1e-15, 1], so q_i = 0 gives a large finite "
                "number instead of inf.",
        cells={"information_code": '''
def entropy(p, base=np.e):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))


def kl_divergence(p, q, eps=1e-15):
    p = np.asarray(p, dtype=float)
    q = np.clip(q, eps, 1.0)
    m = p > 0
    return float(np.sum(p[m] * np.log(p[m] / q[m])))


def cross_entropy(p, q, eps=1e-15):
    q = np.clip(q, eps, 1.0)
    return float(-np.sum(p * np.log(q)))
'''},
        loses=("information",),
        message=r"must be inf when q_i = 0",
    ),
    # ============================================================== coin_entropy
    Scenario(
        name="coin_entropy_in_nats",
        summary="Uses np.log instead of np.log2: the entropy of the fair coin comes out as 0.693.",
        cells={"coin_entropy_code": COIN_OK.replace("np.log2", "np.log")},
        loses=("coin_entropy",),
        message=r"measured in BITS",
    ),
    Scenario(
        name="coin_entropy_heads_term_only",
        summary="H(p) = -p log2 p, forgetting the tails term.",
        cells={"coin_entropy_code": COIN_OK.replace(" + (1 - p) * np.log2(1 - p)", "")},
        loses=("coin_entropy",),
        message=r"add the tails term",
    ),
    # ============================================================== loss_gradients
    Scenario(
        name="ce_gradient_with_respect_to_the_logit",
        summary="Returns y_hat - y, the gradient through the sigmoid, instead of d/dy_hat.",
        cells={"loss_gradients_code": GRADIENTS_OK.replace(
            "grad = -y / y_hat + (1 - y) / (1 - y_hat)", "grad = y_hat - y")},
        loses=("loss_gradients",),
        message=r"derivative with respect to the logit z",
    ),
    Scenario(
        name="mse_gradient_with_the_wrong_sign",
        summary="d/dy_hat (y - y_hat)^2 written as 2 (y - y_hat).",
        cells={"loss_gradients_code": GRADIENTS_OK.replace("-2 * (y - y_hat)", "2 * (y - y_hat)")},
        loses=("loss_gradients",),
        message=r"the gradient has the wrong sign",
    ),
    Scenario(
        name="ce_gradient_of_the_positive_term_only",
        summary="Uses the chapter's -1 / y_hat for every example, so y = 0 gets a zero gradient.",
        cells={"loss_gradients_code": GRADIENTS_OK.replace(
            "grad = -y / y_hat + (1 - y) / (1 - y_hat)", "grad = -y / y_hat")},
        loses=("loss_gradients",),
        message=r"for y = 0 the derivative is",
    ),
    # ============================================================== bayes
    Scenario(
        name="posterior_is_the_likelihood",
        summary="Confuses P(alert | fraud) with P(fraud | alert) and returns the likelihood.",
        cells={"bayes_code": BAYES_OK.replace(
            "    return likelihood * prior / evidence", "    return likelihood * np.ones_like(np.asarray(prior, dtype=float))")},
        loses=("bayes",),
        message=r"returned the likelihood P\(E \| H\)",
    ),
    Scenario(
        name="posterior_without_the_evidence",
        summary="Returns likelihood * prior, forgetting to divide by P(E).",
        cells={"bayes_code": BAYES_OK.replace("likelihood * prior / evidence", "likelihood * prior")},
        loses=("bayes",),
        message=r"without dividing by the evidence",
    ),
    Scenario(
        name="bayes_posterior_not_normalised",
        summary="The general form returns priors * likelihoods without dividing by their sum.",
        cells={"bayes_code": BAYES_OK.replace("return joint / joint.sum()", "return joint")},
        loses=("bayes",),
        message=r"not normalised",
    ),
    # ============================================================== entropy_plot
    Scenario(
        name="plot_in_nats",
        summary="Plots -p ln p - (1 - p) ln(1 - p) and marks (0.5, ln 2).",
        cells={"entropy_plot_code": '''
def plot_coin_entropy(p_values):
    fig, ax = plt.subplots()
    h = coin_entropy(p_values) * np.log(2)
    ax.plot(p_values, h, label="H(p)")
    ax.plot([0.5], [np.log(2)], "ro", label="maximum")
    ax.set_xlabel("p")
    ax.set_ylabel("entropy (bits)")
    ax.set_title("Binary entropy")
    ax.legend()
    return ax
'''},
        loses=("entropy_plot",),
        message=r"in nats",
    ),
    Scenario(
        name="plot_marks_the_maximum_without_a_label",
        summary="The maximum is drawn but neither labelled nor in the legend.",
        cells={"entropy_plot_code": PLOT_OK.replace('"ro", label="maximum"', '"ro"')},
        loses=("entropy_plot",),
        message=r"label containing 'max'",
    ),
    Scenario(
        name="plot_forgets_to_return_the_axes",
        summary="Draws everything with plt.* and calls plt.show() but returns nothing.",
        cells={"entropy_plot_code": '''
def plot_coin_entropy(p_values):
    plt.plot(p_values, coin_entropy(p_values), label="H(p)")
    plt.plot([0.5], [1.0], "o", label="max")
    plt.xlabel("p")
    plt.ylabel("bits")
    plt.title("Entropy of a coin")
    plt.legend()
    plt.show()
'''},
        loses=("entropy_plot",),
        message=r"add `return ax`",
    ),
    # ============================================================== whole notebook
    Scenario(
        name="raises_everywhere",
        summary="Every function raises ValueError.",
        cells={
            "distributions_code": _raise("bernoulli_pmf(x, p)", "gaussian_pdf(x, mu, sigma)"),
            "bernoulli_mle_code": _raise("bernoulli_mle(x)", "bernoulli_log_likelihood(x, p)"),
            "gaussian_mle_code": _raise("gaussian_mle(x)", "gaussian_log_likelihood(x, mu, sigma)"),
            "bce_code": _raise("binary_cross_entropy(y_true, y_pred, eps=1e-15)"),
            "information_code": _raise("entropy(p, base=np.e)", "kl_divergence(p, q)", "cross_entropy(p, q)"),
            "coin_entropy_code": _raise("coin_entropy(p_heads)"),
            "loss_gradients_code": _raise("mse_loss_and_grad(y, y_hat)", "ce_loss_and_grad(y, y_hat)"),
            "bayes_code": _raise("posterior(prior, likelihood, false_positive_rate)",
                                 "bayes_posterior(priors, likelihoods)"),
            "entropy_plot_code": _raise("plot_coin_entropy(p_values)"),
        },
        loses=ALL_PROBLEMS,
        message=r"raised ValueError: not done",
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="The bayes cell ends with a top-level `while True: pass` left over from an experiment.",
        cells={"bayes_code": BAYES_OK + '''

# try the alert until it stops firing
while True:
    pass
'''},
        loses=("bayes",),
        message=r"does not define|did not finish|time limit",
    ),

    # ============================================================== correct alternatives
    Scenario(
        name="loops_and_the_math_module",
        summary="Scalar formulas with math.* wrapped in np.vectorize, counting loops for the likelihood, "
                "statistics.pstdev for the MLE.",
        full_marks=True,
        cells={
            "distributions_code": '''
import math


def _pmf(x, p):
    return p if x == 1 else 1 - p


def _pdf(x, mu, sigma):
    return math.exp(-((x - mu) / sigma) ** 2 / 2) / (sigma * math.sqrt(2 * math.pi))


def bernoulli_pmf(x, p):
    out = np.vectorize(_pmf, otypes=[float])(x, p)
    return float(out) if out.ndim == 0 else out


def gaussian_pdf(x, mu, sigma):
    out = np.vectorize(_pdf, otypes=[float])(x, mu, sigma)
    return float(out) if out.ndim == 0 else out
''',
            "bernoulli_mle_code": '''
import math


def bernoulli_mle(x):
    ones = 0
    for value in x:
        ones += int(value == 1)
    return ones / len(x)


def bernoulli_log_likelihood(x, p):
    total = 0.0
    for value in x:
        prob = p if value == 1 else 1 - p
        if prob == 0:
            return -math.inf
        total += math.log(prob)
    return total
''',
            "gaussian_mle_code": '''
import math
import statistics


def gaussian_mle(x):
    values = [float(v) for v in x]
    return statistics.fmean(values), statistics.pstdev(values)


def gaussian_log_likelihood(x, mu, sigma):
    return sum(-0.5 * math.log(2 * math.pi * sigma ** 2) - (v - mu) ** 2 / (2 * sigma ** 2) for v in x)
''',
            "coin_entropy_code": '''
import math


def _h(p):
    return -sum(q * math.log2(q) for q in (p, 1 - p) if q > 0)


def coin_entropy(p_heads):
    out = np.vectorize(_h, otypes=[float])(p_heads)
    return float(out) if out.ndim == 0 else out
''',
        },
    ),
    Scenario(
        name="kl_from_the_identity_and_masked_logs",
        summary="entropy via np.log2 / np.log10 by cases, cross_entropy with np.where masking and "
                "KL = H(p, q) - H(p); coin_entropy reuses entropy in bits.",
        full_marks=True,
        cells={
            "information_code": '''
def entropy(p, base=np.e):
    p = np.asarray(p, dtype=float)
    logs = np.log(np.where(p > 0, p, 1.0))
    return float(-(p * logs).sum() / np.log(base))


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if np.any((p > 0) & (q == 0)):
        return float("inf")
    logs = np.log(np.where(p > 0, q, 1.0))
    return float(-(p * logs).sum())


def kl_divergence(p, q):
    ce = cross_entropy(p, q)
    if ce == float("inf"):
        return ce
    return ce - entropy(p)
''',
            "coin_entropy_code": '''
def coin_entropy(p_heads):
    p = np.asarray(p_heads, dtype=float)
    flat = [entropy(np.array([v, 1 - v]), base=2) for v in p.ravel()]
    result = np.array(flat).reshape(p.shape)
    return result if result.ndim else float(result)
''',
        },
    ),
    Scenario(
        name="other_valid_formulas",
        summary="BCE with np.where and 1 - y_pred clipped from below, gradients as (y_hat - y) / "
                "(y_hat (1 - y_hat)), the posterior through the general form, lists returned as pairs.",
        full_marks=True,
        cells={
            "bce_code": '''
def binary_cross_entropy(y_true, y_pred, eps=1e-15):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred, dtype=float)
    pos = -np.log(np.maximum(y_pred, eps))
    neg = -np.log(np.maximum(1 - y_pred, eps))
    return np.where(y_true == 1, pos, neg).mean()
''',
            "loss_gradients_code": '''
def mse_loss_and_grad(y, y_hat):
    diff = np.subtract(y_hat, y)
    return [diff * diff, 2 * diff]


def ce_loss_and_grad(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    loss = np.where(y == 1, -np.log(y_hat), -np.log1p(-y_hat))
    grad = (y_hat - y) / (y_hat * (1 - y_hat))
    if loss.ndim == 0:
        return [loss.item(), grad.item()]
    return [loss, grad]
''',
            "bayes_code": '''
def bayes_posterior(priors, likelihoods):
    joint = [p * l for p, l in zip(priors, likelihoods)]
    total = sum(joint)
    return np.array([j / total for j in joint])


def posterior(prior, likelihood, false_positive_rate):
    prior, likelihood, fpr = np.broadcast_arrays(*(np.asarray(v, dtype=float)
                                                   for v in (prior, likelihood, false_positive_rate)))
    out = np.array([bayes_posterior([a, 1 - a], [b, c])[0]
                    for a, b, c in zip(prior.ravel(), likelihood.ravel(), fpr.ravel())]).reshape(prior.shape)
    return out if out.ndim else float(out)
''',
        },
    ),
    Scenario(
        name="plot_with_scatter_returning_the_figure",
        summary="The curve with plt.plot, the maximum with plt.scatter, extra guide lines, and the Figure "
                "returned instead of the Axes.",
        full_marks=True,
        cells={"entropy_plot_code": '''
def plot_coin_entropy(p_values):
    fig = plt.figure(figsize=(5, 3))
    plt.plot(p_values, coin_entropy(p_values), color="k", label="binary entropy")
    plt.axhline(1.0, linestyle=":", color="grey")
    plt.axvline(0.5, linestyle=":", color="grey")
    plt.scatter([0.5], [1.0], color="red", zorder=3, label="Max at p=0.5 (1 bit)")
    plt.xlabel("probability of heads")
    plt.ylabel("H [bits]")
    plt.title("How uncertain is a coin?")
    plt.legend(loc="lower center")
    return fig
'''},
    ),
]
