"""Sample submissions for `probability_information`: the chapter's mistakes, correct alternatives.

Each scenario replaces whole solution cells (by grade_id) of the source notebook:
distributions_code, bernoulli_mle_code, gaussian_mle_code, bce_code, information_code,
coin_entropy_code, loss_gradients_code, bayes_code, entropy_plot_code.
A wrong scenario declares in `mistakes` the exact ids of the named mistakes its grading gives (the
first mistake each failed test meets); a correct alternative must get full marks and no name.
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
    log_densities = -0.5 * np.log(2 * np.pi * sigma ** 2) - (x - mu) ** 2 / (2 * sigma ** 2)
    return float(np.sum(log_densities))
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
        mistakes=("bernoulli-pmf-nan-at-edges",),
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
        mistakes=("gaussian-pdf-sigma-as-variance",),
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
        mistakes=("gaussian-pdf-normaliser-precedence",),
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
        mistakes=("ll-nan-at-edges",),
    ),
    Scenario(
        name="log_likelihood_averaged",
        summary="Returns the mean log-likelihood per observation instead of the sum.",
        cells={"bernoulli_mle_code": BERNOULLI_MLE_OK + LOG_LIKELIHOOD_OK.replace(
            "return float(ll)", "return float(ll / n)")},
        loses=("bernoulli_mle",),
        message=r"SUM over the observations",
        mistakes=("ll-mean-not-sum",),
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
        mistakes=("mle-returns-count",),
    ),
    # ============================================================== gaussian_mle
    Scenario(
        name="gaussian_mle_with_ddof_1",
        summary="sigma_hat = np.std(x, ddof=1), the unbiased estimate, not the MLE.",
        cells={"gaussian_mle_code": GAUSSIAN_MLE_OK.replace("np.std(x)", "np.std(x, ddof=1)")},
        loses=("gaussian_mle",),
        message=r"ddof=1",
        mistakes=("sigma-hat-ddof-1",),
    ),
    Scenario(
        name="gaussian_mle_returns_the_variance",
        summary="Returns (mean, variance) instead of (mean, standard deviation).",
        cells={"gaussian_mle_code": GAUSSIAN_MLE_OK.replace("np.std(x)", "np.var(x)")},
        loses=("gaussian_mle",),
        message=r"returned the variance",
        mistakes=("sigma-hat-is-the-variance",),
    ),
    Scenario(
        name="gaussian_log_likelihood_averaged",
        summary="The Gaussian log-likelihood is averaged over the samples (np.mean instead of np.sum).",
        cells={"gaussian_mle_code": GAUSSIAN_MLE_OK.replace("float(np.sum(log_densities))",
                                                            "float(np.mean(log_densities))")},
        loses=("gaussian_mle",),
        message=r"SUM of the log-densities",
        mistakes=("gaussian-ll-mean-not-sum",),
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
        mistakes=("bce-not-clipped",),
    ),
    Scenario(
        name="bce_summed_over_the_batch",
        summary="Sums the per-example losses instead of averaging them.",
        cells={"bce_code": BCE_OK.replace("-np.mean(", "-np.sum(")},
        loses=("bce",),
        message=r"the loss is the MEAN",
        mistakes=("bce-sum-not-mean",),
    ),
    # ============================================================== information
    Scenario(
        name="entropy_without_masking_zeros",
        summary="-sum(p log p) over every entry: 0 * log 0 gives nan for a zero probability.",
        cells={"information_code": INFORMATION_OK.replace('''    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))''', '''    return float(-np.sum(p * np.log(p)) / np.log(base))''')},
        loses=("information",),
        message=r"entropy gave nan",
        mistakes=("entropy-nan-0-log-0",),
    ),
    Scenario(
        name="entropy_ignores_its_base",
        summary="entropy accepts base but always returns nats.",
        cells={"information_code": INFORMATION_OK.replace(" / np.log(base))", ")")},
        loses=("information",),
        message=r"ignores its base argument",
        mistakes=("entropy-ignores-base",),
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
        mistakes=("kl-arguments-swapped",),
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
        mistakes=("kl-finite-where-q-zero", "ce-finite-where-q-zero"),
    ),
    # ============================================================== coin_entropy
    Scenario(
        name="coin_entropy_in_nats",
        summary="Uses np.log instead of np.log2: the entropy of the fair coin comes out as 0.693.",
        cells={"coin_entropy_code": COIN_OK.replace("np.log2", "np.log")},
        loses=("coin_entropy",),
        message=r"measured in BITS",
        mistakes=("coin-entropy-in-nats",),
    ),
    Scenario(
        name="coin_entropy_heads_term_only",
        summary="H(p) = -p log2 p, forgetting the tails term.",
        cells={"coin_entropy_code": COIN_OK.replace(" + (1 - p) * np.log2(1 - p)", "")},
        loses=("coin_entropy",),
        message=r"add the tails term",
        mistakes=("coin-entropy-heads-only",),
    ),
    # ============================================================== loss_gradients
    Scenario(
        name="ce_gradient_with_respect_to_the_logit",
        summary="Returns y_hat - y, the gradient through the sigmoid, instead of d/dy_hat.",
        cells={"loss_gradients_code": GRADIENTS_OK.replace(
            "grad = -y / y_hat + (1 - y) / (1 - y_hat)", "grad = y_hat - y")},
        loses=("loss_gradients",),
        message=r"derivative with respect to the logit z",
        mistakes=("ce-grad-wrt-logit",),
    ),
    Scenario(
        name="mse_gradient_with_the_wrong_sign",
        summary="d/dy_hat (y - y_hat)^2 written as 2 (y - y_hat).",
        cells={"loss_gradients_code": GRADIENTS_OK.replace("-2 * (y - y_hat)", "2 * (y - y_hat)")},
        loses=("loss_gradients",),
        message=r"the gradient has the wrong sign",
        mistakes=("mse-grad-wrong-sign",),
    ),
    Scenario(
        name="ce_gradient_of_the_positive_term_only",
        summary="Uses the chapter's -1 / y_hat for every example, so y = 0 gets a zero gradient.",
        cells={"loss_gradients_code": GRADIENTS_OK.replace(
            "grad = -y / y_hat + (1 - y) / (1 - y_hat)", "grad = -y / y_hat")},
        loses=("loss_gradients",),
        message=r"for y = 0 the derivative is",
        mistakes=("ce-grad-positive-term-only",),
    ),
    # ============================================================== bayes
    Scenario(
        name="posterior_is_the_likelihood",
        summary="Confuses P(alert | fraud) with P(fraud | alert) and returns the likelihood.",
        cells={"bayes_code": BAYES_OK.replace(
            "    return likelihood * prior / evidence", "    return likelihood * np.ones_like(np.asarray(prior, dtype=float))")},
        loses=("bayes",),
        message=r"returned the likelihood P\(E \| H\)",
        mistakes=("posterior-is-the-likelihood",),
    ),
    Scenario(
        name="posterior_without_the_evidence",
        summary="Returns likelihood * prior, forgetting to divide by P(E).",
        cells={"bayes_code": BAYES_OK.replace("likelihood * prior / evidence", "likelihood * prior")},
        loses=("bayes",),
        message=r"without dividing by the evidence",
        mistakes=("posterior-without-evidence",),
    ),
    Scenario(
        name="bayes_posterior_not_normalised",
        summary="The general form returns priors * likelihoods without dividing by their sum.",
        cells={"bayes_code": BAYES_OK.replace("return joint / joint.sum()", "return joint")},
        loses=("bayes",),
        message=r"not normalised",
        mistakes=("bayes-posterior-not-normalised",),
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
        mistakes=("plot-curve-in-nats", "plot-maximum-in-nats"),
    ),
    Scenario(
        name="plot_marks_the_maximum_without_a_label",
        summary="The maximum is drawn but neither labelled nor in the legend.",
        cells={"entropy_plot_code": PLOT_OK.replace('"ro", label="maximum"', '"ro"')},
        loses=("entropy_plot",),
        message=r"label containing 'max'",
        mistakes=("plot-maximum-unlabelled", "plot-legend-without-maximum"),
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
        mistakes=("plot-returns-none",),
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
        mistakes=(),
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
        mistakes=(),
    ),

    # ============================================================== new: values-only and contract mistakes
    Scenario(
        name="bernoulli_pmf_batch_of_one_as_a_float",
        summary="Converts every one-element result to a float, so x of shape (1,) gives a number instead of an "
                "array of shape (1,).",
        cells={"distributions_code": '''
def bernoulli_pmf(x, p):
    prob = np.asarray(p, dtype=float) ** np.asarray(x) * (1 - np.asarray(p, dtype=float)) ** (1 - np.asarray(x))
    if np.size(prob) == 1:
        return prob.item()
    return prob
''' + GAUSSIAN_OK},
        loses=("distributions",),
        message=r"even of shape \(1,\)",
        mistakes=("array-returned-as-number",),
    ),
    Scenario(
        name="gaussian_pdf_exponent_precedence",
        summary="Writes the exponent as -(x - mu) ** 2 / 2 * sigma ** 2, which multiplies by sigma^2.",
        cells={"distributions_code": BERNOULLI_OK + '''
def gaussian_pdf(x, mu, sigma):
    return np.exp(-(x - mu) ** 2 / 2 * sigma ** 2) / np.sqrt(2 * np.pi * sigma ** 2)
'''},
        loses=("distributions",),
        message=r"precedence in the exponent",
        mistakes=("gaussian-pdf-exponent-precedence",),
    ),
    Scenario(
        name="mle_with_floor_division",
        summary="bernoulli_mle divides with // and gets 0 (or 1 for all ones) instead of the fraction.",
        cells={"bernoulli_mle_code": '''
def bernoulli_mle(x):
    return np.sum(x) // len(x)
''' + LOG_LIKELIHOOD_OK},
        loses=("bernoulli_mle",),
        message=r"floor division",
        mistakes=("mle-floor-division",),
    ),
    Scenario(
        name="log_likelihood_of_the_product",
        summary="Takes np.log of the likelihood np.prod(p ** x * (1 - p) ** (1 - x)): right for small samples, "
                "-inf for 5000 observations whose likelihood underflows to 0.",
        cells={"bernoulli_mle_code": BERNOULLI_MLE_OK + '''
def bernoulli_log_likelihood(x, p):
    likelihood = np.prod(p ** x * (1 - p) ** (1 - x))
    return float(np.log(likelihood))
'''},
        loses=("bernoulli_mle",),
        message=r"underflows in float64",
        mistakes=("ll-product-underflow",),
    ),
    Scenario(
        name="log_likelihood_with_p_clipped",
        summary="Clips p to [1e-12, 1 - 1e-12] before the logs, so an impossible observation costs a finite "
                "amount instead of -inf.",
        cells={"bernoulli_mle_code": BERNOULLI_MLE_OK + '''
def bernoulli_log_likelihood(x, p):
    p = min(max(p, 1e-12), 1 - 1e-12)
    k = np.sum(x)
    return float(k * np.log(p) + (len(x) - k) * np.log(1 - p))
'''},
        loses=("bernoulli_mle",),
        message=r"must be -inf",
        mistakes=("ll-impossible-not-minus-inf",),
    ),
    Scenario(
        name="gaussian_log_likelihood_of_the_pdf",
        summary="Sums np.log of the density: -inf for samples 40 standard deviations out, where the density "
                "underflows to 0.",
        cells={"gaussian_mle_code": '''
def gaussian_mle(x):
    return float(np.mean(x)), float(np.std(x))


def gaussian_log_likelihood(x, mu, sigma):
    density = np.exp(-(x - mu) ** 2 / (2 * sigma ** 2)) / np.sqrt(2 * np.pi * sigma ** 2)
    return float(np.sum(np.log(density)))
'''},
        loses=("gaussian_mle",),
        message=r"far from the mean",
        mistakes=("gaussian-ll-log-of-underflowed-pdf",),
    ),
    Scenario(
        name="gaussian_mle_centres_the_samples_in_place",
        summary="Subtracts the mean with x -= mu_hat to save memory: the estimates are right, the caller's "
                "array is changed.",
        cells={"gaussian_mle_code": '''
def gaussian_mle(x):
    mu_hat = float(np.mean(x))
    x -= mu_hat
    sigma_hat = float(np.sqrt(np.mean(x ** 2)))
    return mu_hat, sigma_hat


def gaussian_log_likelihood(x, mu, sigma):
    return float(-0.5 * len(x) * np.log(2 * np.pi * sigma ** 2) - np.sum((x - mu) ** 2) / (2 * sigma ** 2))
'''},
        loses=("gaussian_mle",),
        message=r"in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="gaussian_mle_returns_an_array",
        summary="Returns np.array([mu_hat, sigma_hat]) instead of the tuple the docstring asks for.",
        cells={"gaussian_mle_code": GAUSSIAN_MLE_OK.replace("return float(np.mean(x)), float(np.std(x))",
                                                            "return np.array([np.mean(x), np.std(x)])")},
        loses=("gaussian_mle",),
        message=r"tuple",
        mistakes=("pair-returned-as-array",),
    ),
    Scenario(
        name="bce_with_log10",
        summary="Writes np.log10 in the loss (the log of the calculator's LOG key).",
        cells={"bce_code": BCE_OK.replace("np.log(", "np.log10(")},
        loses=("bce",),
        message=r"log base 10",
        mistakes=("bce-wrong-log-base",),
    ),
    Scenario(
        name="bce_clips_the_predictions_in_place",
        summary="Clips with np.clip(y_pred, eps, 1 - eps, out=y_pred): the caller's predictions change.",
        cells={"bce_code": '''
def binary_cross_entropy(y_true, y_pred, eps=1e-15):
    np.clip(y_pred, eps, 1 - eps, out=y_pred)
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
'''},
        loses=("bce",),
        message=r"in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="entropy_overwrites_the_zeros",
        summary="Replaces the zero probabilities by 1 in p itself (1 log 1 = 0): right values, modified argument.",
        cells={"information_code": INFORMATION_OK.replace('''    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))''', '''    p[p == 0] = 1.0
    return float(-np.sum(p * np.log(p)) / np.log(base))''')},
        loses=("information",),
        message=r"in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="kl_divergence_in_bits",
        summary="kl_divergence uses np.log2 (as the entropy of a coin does), so the divergence is in bits.",
        cells={"information_code": INFORMATION_OK.replace("np.sum(p[m] * np.log(p[m] / q[m]))",
                                                          "np.sum(p[m] * np.log2(p[m] / q[m]))")},
        loses=("information",),
        message=r"log base 2",
        mistakes=("kl-wrong-log-base",),
    ),
    Scenario(
        name="kl_divergence_skips_the_zeros_of_q",
        summary="Sums only where p > 0 and q > 0, so a q_i = 0 under p_i > 0 is silently dropped instead of "
                "making the divergence infinite.",
        cells={"information_code": INFORMATION_OK.replace('''    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(np.sum(p[m] * np.log(p[m] / q[m])))''', '''    m = (p > 0) & (q > 0)
    return float(np.sum(p[m] * np.log(p[m] / q[m])))''')},
        loses=("information",),
        message=r"must be inf",
        mistakes=("kl-finite-where-q-zero",),
    ),
    Scenario(
        name="coin_entropy_returns_0d_arrays",
        summary="Builds the entropy with np.where and returns it as it is: a 0-d array for a number.",
        cells={"coin_entropy_code": '''
def coin_entropy(p_heads):
    p = np.asarray(p_heads, dtype=float)
    safe = np.where((p > 0) & (p < 1), p, 0.5)
    h = np.where((p > 0) & (p < 1), -(safe * np.log2(safe) + (1 - safe) * np.log2(1 - safe)), 0.0)
    return h
'''},
        loses=("coin_entropy",),
        message=r"0-d arrays",
        mistakes=("number-returned-as-array",),
    ),
    Scenario(
        name="coin_entropy_summed_over_the_wrong_axis",
        summary="Stacks [p, 1 - p] along a new first axis and sums over the last one: right for a number, "
                "wrong for arrays.",
        cells={"coin_entropy_code": '''
def coin_entropy(p_heads):
    p = np.asarray(p_heads, dtype=float)
    both = np.stack([p, 1 - p])
    safe = np.where(both > 0, both, 1.0)
    h = -np.sum(both * np.log2(safe), axis=-1)
    return float(h) if h.ndim == 0 else h
'''},
        loses=("coin_entropy",),
        message=r"wrong axis",
        mistakes=("coin-entropy-summed-over-wrong-axis",),
    ),
    Scenario(
        name="mse_gradient_of_the_mean",
        summary="Divides the gradient by the number of predictions, as for the MEAN squared error of a batch.",
        cells={"loss_gradients_code": GRADIENTS_OK.replace("return (y - y_hat) ** 2, -2 * (y - y_hat)",
                                                           "return (y - y_hat) ** 2, -2 * (y - y_hat) / np.size(y_hat)")},
        loses=("loss_gradients",),
        message=r"divided by the number of examples",
        mistakes=("mse-grad-divided-by-n",),
    ),
    Scenario(
        name="ce_loss_and_grad_clips_the_predictions",
        summary="Clips y_hat to [1e-7, 1 - 1e-7] as a training loss would: wrong exact values near 0 and 1.",
        cells={"loss_gradients_code": GRADIENTS_OK.replace('''    loss = -(y * np.log(y_hat)''', '''    y_hat = np.clip(y_hat, 1e-7, 1 - 1e-7)
    loss = -(y * np.log(y_hat)''')},
        loses=("loss_gradients",),
        message=r"do not clip",
        mistakes=("ce-clips-y-hat",),
    ),
    Scenario(
        name="posterior_with_unweighted_evidence",
        summary="Takes the evidence as P(E | H) + P(E | not H), forgetting to weight it by the priors.",
        cells={"bayes_code": BAYES_OK.replace(
            "evidence = likelihood * prior + false_positive_rate * (1 - prior)",
            "evidence = likelihood + false_positive_rate")},
        loses=("bayes",),
        message=r"weights each likelihood",
        mistakes=("posterior-evidence-unweighted",),
    ),
    Scenario(
        name="bayes_posterior_normalises_the_likelihoods",
        summary="Normalises the likelihoods to sum to 1 and multiplies by the priors, without normalising the "
                "products.",
        cells={"bayes_code": BAYES_OK.replace("return joint / joint.sum()",
                                              "return np.asarray(priors) * np.asarray(likelihoods) / np.sum(likelihoods)")},
        loses=("bayes",),
        message=r"normalised the likelihoods",
        mistakes=("bayes-posterior-normalised-likelihoods",),
    ),
    Scenario(
        name="plot_without_a_legend",
        summary="Labels the curve and the marker but never calls ax.legend().",
        cells={"entropy_plot_code": PLOT_OK.replace("    ax.legend()\n", "")},
        loses=("entropy_plot",),
        message=r"no legend",
        mistakes=("plot-no-legend",),
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
    Scenario(
        name="plot_labels_given_to_the_legend",
        summary="No label= anywhere: the labels are handed to ax.legend([...]) in drawing order, the marker with "
                "ax.scatter.",
        full_marks=True,
        cells={"entropy_plot_code": '''
def plot_coin_entropy(p_values):
    fig, ax = plt.subplots()
    ax.plot(p_values, coin_entropy(p_values))
    ax.scatter([0.5], [1.0], color="red")
    ax.set_xlabel("P(heads)")
    ax.set_ylabel("H(p) in bits")
    ax.set_title("Entropy of a coin")
    ax.legend(["H(p)", "max: 1 bit at p = 0.5"])
    return ax
'''},
    ),
    Scenario(
        name="np_where_odds_and_lists",
        summary="bernoulli_pmf with np.where and .item(), the posterior through the odds (with numpy's "
                "divide-by-zero warnings at the edges), gaussian_mle returning a list, entropy with a tiny eps "
                "inside the log, coin_entropy with np.nan_to_num, BCE in a pure Python loop.",
        full_marks=True,
        cells={
            "distributions_code": '''
def bernoulli_pmf(x, p):
    out = np.where(np.asarray(x) == 1, p, 1 - np.asarray(p, dtype=float)).astype(float)
    return out.item() if out.ndim == 0 else out
''' + GAUSSIAN_OK,
            "gaussian_mle_code": '''
def gaussian_mle(x):
    mu_hat = x.mean()
    return [mu_hat, np.sqrt(((x - mu_hat) ** 2).mean())]


def gaussian_log_likelihood(x, mu, sigma):
    n = len(x)
    return -n / 2 * np.log(2 * np.pi * sigma ** 2) - ((x - mu) ** 2).sum() / (2 * sigma ** 2)
''',
            "bce_code": '''
import math


def binary_cross_entropy(y_true, y_pred, eps=1e-15):
    total = 0.0
    for label, prob in zip(y_true, y_pred):
        prob = min(max(float(prob), eps), 1 - eps)
        total += -math.log(prob) if label == 1 else -math.log(1 - prob)
    return total / len(y_true)
''',
            "information_code": INFORMATION_OK.replace('''    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))''', '''    return float(-np.sum(p * np.log(p + 1e-300)) / np.log(base))'''),
            "coin_entropy_code": '''
def coin_entropy(p_heads):
    p = np.asarray(p_heads, dtype=float)
    h = np.nan_to_num(-(p * np.log2(p) + (1 - p) * np.log2(1 - p)))
    return float(h) if np.ndim(h) == 0 else h
''',
            "bayes_code": '''
def posterior(prior, likelihood, false_positive_rate):
    prior, likelihood, fpr = (np.asarray(v, dtype=float) for v in (prior, likelihood, false_positive_rate))
    # posterior odds = prior odds * likelihood ratio, written as 1 / (1 + against / for)
    post = 1.0 / (1.0 + fpr * (1 - prior) / (likelihood * prior))
    return float(post) if np.ndim(post) == 0 else post


def bayes_posterior(priors, likelihoods):
    joint = priors * likelihoods
    return joint / joint.sum()
''',
        },
    ),
]
