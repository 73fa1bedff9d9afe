"""Reference solution: probability and information theory for deep learning (NumPy only).

Conventions shared by every function of the assignment:
- `log` is the natural logarithm, so log-likelihoods, losses, entropies and KL divergences are in
  nats, except where a function says otherwise (`entropy(p, base=2)` and `coin_entropy` give bits);
- "0 log 0 = 0": a term whose weight is zero (a probability p_i = 0, or an outcome that never
  occurs) contributes nothing, even where the logarithm itself would be -inf;
- a quantity that really is infinite (data that has probability 0 under the model, a KL divergence
  where q puts no mass on an outcome that p can produce) is returned as inf / -inf, not nan;
- inputs are numbers and np.ndarrays (never lists);
- "a float" is a Python float or a NumPy float scalar (np.float64), never an array (not even 0-d);
  "an np.ndarray" is never a list;
- elementwise functions broadcast their arguments like NumPy: numbers give a float, anything with an
  array gives a float np.ndarray of the broadcast shape (shape (1,) stays (1,));
- no function prints, plots (except `plot_coin_entropy`) or modifies its arguments (graded);
- warnings (e.g. of a log(0) that a mask discards) are not part of the contract.
"""

import numpy as np

# ------------------------------------------------------------------ the chapter's numbers
# Seed 000 §2.3.5: PhonePe sees 1000 UPI transactions, 47 of them fraudulent.
PHONEPE_TRANSACTIONS = 1000
PHONEPE_FRAUDS = 47
# Seed 000 §4.3: Zomato delivery times (minutes) modelled as N(35, 8^2).
ZOMATO_MEAN = 35.0
ZOMATO_STD = 8.0
ZOMATO_TIMES = np.array([25, 30, 35, 40, 50])
# Seed 000 §B5: 200 Zomato orders, 160 on time (y = 1) and 40 late (y = 0).
ZOMATO_ORDERS = 200
ZOMATO_ON_TIME = 160
# Seed 000 §B4: labels and predictions of the hand-calculation exercise (BCE 0.1977).
B4_LABELS = np.array([1, 0, 1, 0])
B4_PREDICTIONS = np.array([0.9, 0.2, 0.7, 0.1])
# Seed 000 worked example 3: Swiggy food categories in Bangalore (Biryani, Pizza, Dosa, Other).
SWIGGY_TRUE = np.array([0.4, 0.3, 0.2, 0.1])
SWIGGY_MODEL_A = np.array([0.35, 0.30, 0.25, 0.10])
SWIGGY_MODEL_B = np.array([0.10, 0.10, 0.10, 0.70])
# Seed 000 §2.4.1: the probability of heads of the fair, the biased and the certain coin.
COIN_HEADS = np.array([0.5, 0.9, 1.0])
# Seed 000 §2.4.3: true label 1, confidently wrong prediction 0.01.
WRONG_LABEL = 1.0
WRONG_PREDICTION = 0.01
# Bayes' rule (seed 000 §2.3.3 states the rule without numbers; these numbers are the course's own):
# a fraud alert fires for 95% of frauds and for 2% of legitimate payments; the prior is the
# PhonePe fraud rate 0.047 estimated above.
ALERT_PRIOR = 0.047
ALERT_HIT_RATE = 0.95
ALERT_FALSE_POSITIVE_RATE = 0.02
# Flipkart's spelling correction (seed 000 §2.3.3, numbers are the course's own): the user typed
# "i phone"; three intents with their priors and the likelihood of typing "i phone" under each.
SPELLING_INTENTS = ("iPhone", "iPhone case", "phone")
SPELLING_PRIORS = np.array([0.5, 0.3, 0.2])
SPELLING_LIKELIHOODS = np.array([0.4, 0.1, 0.05])


def _as_output(value):
    """A 0-d result as a Python float, anything else as a float array."""
    value = np.asarray(value, dtype=float)
    return float(value) if value.ndim == 0 else value


def _xlogy(weight, value):
    """weight * log(value) elementwise, with 0 * log(anything) = 0 (also 0 * log 0)."""
    weight = np.asarray(weight, dtype=float)
    value = np.asarray(value, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = weight * np.log(value)
    return np.where(weight == 0, 0.0, terms)


# ---------------------------------------------------------------- problem "distributions"
def bernoulli_pmf(x, p):
    """P(X = x) for X ~ Bernoulli(p): p^x (1 - p)^(1 - x), for x in {0, 1}.

    x: 0/1 (number or int/float array), p: probability in [0, 1] (number or array); they broadcast.
    Returns p where x = 1 and 1 - p where x = 0 (so p = 0 and p = 1 need no special care): a float
    for two numbers, else a float array of the broadcast shape.
    """
    x = np.asarray(x, dtype=float)
    p = np.asarray(p, dtype=float)
    return _as_output(np.power(p, x) * np.power(1.0 - p, 1.0 - x))


def gaussian_pdf(x, mu, sigma):
    """Density of N(mu, sigma^2) at x: exp(-(x - mu)^2 / (2 sigma^2)) / sqrt(2 pi sigma^2).

    sigma is the STANDARD DEVIATION (> 0), not the variance. x, mu, sigma broadcast together.
    Graded relatively (atol 0): tiny densities far from the mean must be right too.
    """
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    sigma = np.asarray(sigma, dtype=float)
    variance = sigma ** 2
    return _as_output(np.exp(-((x - mu) ** 2) / (2.0 * variance)) / np.sqrt(2.0 * np.pi * variance))


# ---------------------------------------------------------------- problem "bernoulli_mle"
def bernoulli_mle(x):
    """Maximum-likelihood estimate of p from 0/1 observations: the fraction of ones, sum(x) / n.

    x: 1-D array (ints or floats) of 0s and 1s, at least one entry. Returns a Python float.
    """
    x = np.asarray(x, dtype=float)
    return float(np.sum(x) / x.size)


def bernoulli_log_likelihood(x, p):
    """Log-likelihood of 0/1 observations x under Bernoulli(p): k log p + (n - k) log(1 - p).

    k = number of ones, n = len(x), natural log, p a number in [0, 1]. Returns a Python float.
    Edge cases: a term whose count is 0 contributes 0 (so all-zero data at p = 0 has log-likelihood
    0), and an observation that has probability 0 (a one when p = 0, a zero when p = 1) makes the
    log-likelihood -inf (exactly). For 0 < p < 1 it is finite for any n (thousands of observations:
    the likelihood itself underflows, so never take the log of the product).
    """
    x = np.asarray(x, dtype=float)
    ones = np.sum(x)
    zeros = x.size - ones
    return float(_xlogy(ones, p) + _xlogy(zeros, 1.0 - p))


# ---------------------------------------------------------------- problem "gaussian_mle"
def gaussian_mle(x):
    """Maximum-likelihood estimates (mu_hat, sigma_hat) of a Gaussian from the samples x.

    mu_hat = mean(x); sigma_hat = sqrt(mean((x - mu_hat)^2)), the BIASED estimate (divide by n,
    NumPy's ddof=0), which is what maximising the likelihood gives. x: 1-D float array, n >= 1.
    Returns a tuple of two Python floats (a list of two floats is accepted, an array is not); a
    single sample gives sigma_hat = 0.
    """
    x = np.asarray(x, dtype=float)
    mu_hat = float(np.mean(x))
    sigma_hat = float(np.sqrt(np.mean((x - mu_hat) ** 2)))
    return mu_hat, sigma_hat


def gaussian_log_likelihood(x, mu, sigma):
    """Sum over the samples x of log N(x_i; mu, sigma^2), in nats, sigma > 0 a standard deviation.

    Equals -n/2 log(2 pi sigma^2) - sum((x - mu)^2) / (2 sigma^2). Returns a Python float, finite
    even for samples far from the mean (where the density itself underflows to 0).
    """
    x = np.asarray(x, dtype=float)
    n = x.size
    return float(-0.5 * n * np.log(2.0 * np.pi * sigma ** 2) - np.sum((x - mu) ** 2) / (2.0 * sigma ** 2))


# ---------------------------------------------------------------- problem "bce"
def binary_cross_entropy(y_true, y_pred, eps=1e-15):
    """Mean binary cross-entropy -(1/n) sum[y log(y_hat) + (1 - y) log(1 - y_hat)], in nats.

    y_true: 0/1 labels, y_pred: predicted probabilities, both 1-D arrays of the same shape (n,),
    n >= 1. y_pred is clipped to [eps, 1 - eps] first (into a new array; a value on a bound stays),
    so a prediction of exactly 0 or 1 costs a large finite amount instead of infinity. Returns a
    Python float, also for n = 1.
    """
    y = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(y_pred, dtype=float), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


# ---------------------------------------------------------------- problem "information"
def entropy(p, base=np.e):
    """Shannon entropy H(p) = -sum_i p_i log(p_i), with the logarithm in the given base.

    p: 1-D array of C >= 1 entries, a probability distribution (entries may be 0; 0 log 0 = 0).
    base: e (default, nats), 2 (bits), 10, ... Returns a Python float >= 0.
    """
    p = np.asarray(p, dtype=float)
    return float((0.0 - np.sum(_xlogy(p, p))) / np.log(base))


def kl_divergence(p, q):
    """Kullback-Leibler divergence D_KL(p || q) = sum_i p_i log(p_i / q_i), in nats.

    p, q: 1-D arrays of the same length, probability distributions. Terms with p_i = 0 contribute
    0; a term with p_i > 0 and q_i = 0 makes the divergence inf. Not symmetric in p and q.
    Returns a Python float >= 0.
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(np.sum(_xlogy(p, p)) - np.sum(_xlogy(p, q)))


def cross_entropy(p, q):
    """Cross-entropy H(p, q) = -sum_i p_i log(q_i), in nats (p: the truth, q: the model).

    p, q: 1-D arrays of the same length. Terms with p_i = 0 contribute 0; p_i > 0 with q_i = 0
    gives inf. No clipping. H(p, q) = H(p) + D_KL(p || q). Returns a Python float.
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(0.0 - np.sum(_xlogy(p, q)))


# ---------------------------------------------------------------- problem "coin_entropy"
def coin_entropy(p_heads):
    """Entropy in BITS of a coin with P(heads) = p_heads: -p log2 p - (1 - p) log2(1 - p).

    p_heads: number or array (any shape) in [0, 1]; elementwise: a float for a number, an array of
    the same shape for an array. A certain coin (p = 0 or 1) has entropy 0.
    """
    p = np.asarray(p_heads, dtype=float)
    return _as_output((0.0 - (_xlogy(p, p) + _xlogy(1.0 - p, 1.0 - p))) / np.log(2.0))


# ---------------------------------------------------------------- problem "loss_gradients"
def mse_loss_and_grad(y, y_hat):
    """Squared error (y - y_hat)^2 and its derivative with respect to the PREDICTION y_hat.

    Elementwise (no mean); y, y_hat numbers or arrays that broadcast. The derivative is
    d/dy_hat (y - y_hat)^2 = -2 (y - y_hat): negative when y_hat is below y, i.e. gradient descent
    (y_hat -= lr * grad) raises y_hat. Returns the tuple (loss, grad) (a list is accepted too).
    """
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    return _as_output((y - y_hat) ** 2), _as_output(-2.0 * (y - y_hat))


def ce_loss_and_grad(y, y_hat):
    """Binary cross-entropy -[y log y_hat + (1 - y) log(1 - y_hat)] and its derivative in y_hat.

    Elementwise (no mean, no clipping: 0 < y_hat < 1, possibly within 1e-10 of 0 or 1); y in {0, 1}.
    The derivative with respect to the prediction y_hat is -y / y_hat + (1 - y) / (1 - y_hat) (for
    y = 1: -1 / y_hat). Returns the tuple (loss, grad) (a list is accepted too).
    """
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    loss = -(y * np.log(y_hat) + (1.0 - y) * np.log(1.0 - y_hat))
    grad = -y / y_hat + (1.0 - y) / (1.0 - y_hat)
    return _as_output(loss), _as_output(grad)


# ---------------------------------------------------------------- problem "bayes"
def posterior(prior, likelihood, false_positive_rate):
    """P(H | E) by Bayes' rule for a hypothesis H and evidence E (for example "alert fired").

    prior = P(H), likelihood = P(E | H), false_positive_rate = P(E | not H); numbers or arrays that
    broadcast. P(H | E) = P(E | H) P(H) / [P(E | H) P(H) + P(E | not H) (1 - P(H))], the
    denominator being the evidence P(E) (assumed > 0).
    """
    prior = np.asarray(prior, dtype=float)
    likelihood = np.asarray(likelihood, dtype=float)
    false_positive_rate = np.asarray(false_positive_rate, dtype=float)
    joint = likelihood * prior
    evidence = joint + false_positive_rate * (1.0 - prior)
    return _as_output(joint / evidence)


def bayes_posterior(priors, likelihoods):
    """Posterior over K exclusive hypotheses: priors_k * likelihoods_k / sum_j priors_j * likelihoods_j.

    priors: 1-D array (K,), K >= 1, summing to 1; likelihoods: 1-D array (K,), P(evidence |
    hypothesis k) (they need not sum to 1). Returns a float np.ndarray (K,) that sums to 1.
    """
    joint = np.asarray(priors, dtype=float) * np.asarray(likelihoods, dtype=float)
    return joint / np.sum(joint)


# ---------------------------------------------------------------- problem "entropy_plot"
def plot_coin_entropy(p_values):
    """Plot the entropy of a coin (bits) against P(heads) and mark its maximum; return the Axes.

    One line with x = p_values and y = coin_entropy(p_values), labelled "H(p)"; a single marker
    at (0.5, 1.0) labelled "maximum: 1 bit at p = 0.5"; x label, y label (bits), title, legend.
    (Labels given as a list to ax.legend([...]) are as right as label=...; the Figure is accepted
    in place of the Axes.)
    """
    import matplotlib.pyplot as plt

    p_values = np.asarray(p_values, dtype=float)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(p_values, coin_entropy(p_values), label="H(p)")
    ax.plot([0.5], [1.0], "o", color="C3", label="maximum: 1 bit at p = 0.5")
    ax.set_xlabel("p = P(heads)")
    ax.set_ylabel("entropy (bits)")
    ax.set_title("Entropy of a coin")
    ax.legend()
    return ax
