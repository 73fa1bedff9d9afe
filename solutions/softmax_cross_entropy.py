"""Reference solution: softmax, cross-entropy and gradient checking (NumPy only).

Conventions shared by every function of the assignment:
- logits and probabilities are float arrays; a batch is a 2-D array (N, C) with one example per
  row, and everything is computed along the last axis (the classes);
- labels are integer class indices in 0 .. C-1 (not one-hot vectors);
- logarithms are natural logarithms, so losses and entropies are in nats;
- the batch loss is the MEAN over the batch, so the batch gradient is divided by N.
"""

import numpy as np

# Probabilities are clipped to [EPS, 1] before taking a logarithm, so log(0) never happens.
EPS = 1e-15
# Floor of the denominator of relative_error (CS231n's value), so 0/0 cannot happen.
REL_ERROR_FLOOR = 1e-8

# Seed 001, Exercise 4: predictions of one 5-class model after 1, 10, 50 and 100 epochs.
EPOCHS = np.array([1, 10, 50, 100])
EPOCH_PREDICTIONS = np.array([
    [0.30, 0.20, 0.20, 0.15, 0.15],
    [0.50, 0.15, 0.15, 0.10, 0.10],
    [0.80, 0.07, 0.07, 0.03, 0.03],
    [0.95, 0.02, 0.01, 0.01, 0.01],
])
EPOCH_TRUE_LABEL = np.array([1, 0, 0, 0, 0])


# ---------------------------------------------------------------- problem "softmax"
def softmax(z):
    """Softmax along the last axis, stable for large logits.

    z: float np.ndarray of shape (C,) or (N, C), N >= 1 (not modified). Returns an np.ndarray of
    floats of the same shape whose entries along the last axis are in [0, 1] and sum to 1. Each
    row is shifted by its own maximum first: softmax(z) = softmax(z - c) for any constant c, and
    after the shift the largest exponent is exp(0) = 1, so nothing overflows and numpy raises no
    RuntimeWarning, for logits like 1000 or -1000 too.
    """
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=-1, keepdims=True)


# ---------------------------------------------------------------- problem "log_softmax"
def log_softmax(z):
    """log(softmax(z)) along the last axis, computed without forming softmax(z).

    z: float np.ndarray of shape (C,) or (N, C) (not modified); returns an np.ndarray of floats of
    the same shape. log softmax(z)_i = (z_i - m) - log(sum_j exp(z_j - m)) with m the row maximum:
    <= 0, finite and without RuntimeWarning even where softmax(z)_i underflows to 0.
    """
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


# ---------------------------------------------------------------- problem "cross_entropy"
def cross_entropy_loss(probs, y_true, eps=EPS):
    """Cross-entropy of predicted probabilities against integer labels, in nats.

    probs: shape (C,) with y_true an int, or shape (N, C) with y_true an int array of shape (N,),
    N >= 1 (a batch of one is a batch); probs is not modified.
    Returns a Python float: -log p[y] for one example, the MEAN of -log p[n, y[n]] for a batch.
    The probabilities are clipped to [eps, 1] before the log (the eps given), so a zero probability
    costs -log(eps) and np.log never sees 0. (The notebook accepts -log(p + eps) as well: the two
    readings differ only for picked probabilities between 0 and far below 1e-9, and no test uses one.)
    """
    probs = np.clip(np.asarray(probs, dtype=float), eps, 1.0)
    if probs.ndim == 1:
        return float(-np.log(probs[int(y_true)]))
    labels = np.asarray(y_true, dtype=int)
    picked = probs[np.arange(probs.shape[0]), labels]
    return float(np.mean(-np.log(picked)))


# ---------------------------------------------------------------- problem "gradient"
def softmax_ce_gradient(probs, y_true):
    """Gradient of the cross-entropy loss with respect to the LOGITS z, given probs = softmax(z).

    One example (probs of shape (C,), y_true an int): p - onehot(y), shape (C,).
    A batch (probs (N, C), y_true (N,), N >= 1): (P - onehot(y)) / N, shape (N, C), because the
    batch loss is the mean over the N examples. Returns an np.ndarray; probs is not modified.
    """
    probs = np.asarray(probs, dtype=float)
    grad = probs.copy()
    if probs.ndim == 1:
        grad[int(y_true)] -= 1.0
        return grad
    n = probs.shape[0]
    grad[np.arange(n), np.asarray(y_true, dtype=int)] -= 1.0
    return grad / n


# ---------------------------------------------------------------- problem "gradient_check"
def numerical_gradient(f, z, h=1e-5):
    """Central-difference estimate of the gradient of a scalar function f at z.

    f: takes a float array shaped like z and returns a number. z: float array of any shape
    (it is not modified: a perturbation in place must put each entry back exactly). h: the step,
    1e-5 by default. Returns an np.ndarray of floats of z's shape whose entry at index i is
    (f(z + h e_i) - f(z - h e_i)) / (2 h), e_i being the array with 1 at index i and 0 elsewhere.
    """
    z = np.asarray(z, dtype=float)
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        plus = z.copy()
        minus = z.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (f(plus) - f(minus)) / (2 * h)
    return grad


def relative_error(a, b):
    """CS231n's relative error: max over i of |a_i - b_i| / max(|a_i| + |b_i|, 1e-8).

    a, b: numbers or float arrays of the same shape (not modified). Returns a Python float >= 0:
    the floor applies entry by entry; 0 means equal (zeros included), 1 for b = -a with a nonzero.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    ratio = np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), REL_ERROR_FLOOR)
    return float(np.max(ratio))


# ---------------------------------------------------------------- problem "epochs"
def entropy(p):
    """Shannon entropy H(p) = -sum_i p_i log p_i of a distribution of shape (C,), in nats.

    A zero probability contributes 0 (the limit of p log p as p -> 0). Returns a Python float;
    p is not modified.
    """
    p = np.asarray(p, dtype=float)
    positive = p[p > 0]
    return float(-np.sum(positive * np.log(positive)))


def cross_entropy(p, q, eps=EPS):
    """Cross-entropy H(p, q) = -sum_i p_i log q_i, in nats, with q clipped to [eps, 1].

    p: the true distribution (for example a one-hot label), q: the prediction, both shape (C,),
    not modified; q is clipped before the log with the eps given (-log(q + eps) is accepted too).
    Returns a Python float. For a one-hot p with the 1 at class y this is -log q_y.
    """
    p = np.asarray(p, dtype=float)
    q = np.clip(np.asarray(q, dtype=float), eps, 1.0)
    return float(-np.sum(p * np.log(q)))


def epoch_metrics(predictions, true_label):
    """Entropy of each prediction and its cross-entropy against the true label.

    predictions: shape (E, C), E >= 1, one predicted distribution per epoch, in epoch order.
    true_label: shape (C,), the true distribution (one-hot). Neither is modified.
    Returns (entropies, cross_entropies): two float np.ndarrays (not lists) of shape (E,), in the
    same order.
    """
    entropies = np.array([entropy(q) for q in predictions])
    cross_entropies = np.array([cross_entropy(true_label, q) for q in predictions])
    return entropies, cross_entropies


def plot_epoch_metrics(epochs, entropies, cross_entropies):
    """Plot entropy and cross-entropy against the epoch on a new Axes (one per call) and return it.

    Two lines, x = epochs for both: y = entropies named "entropy", y = cross_entropies named
    "cross-entropy" in the legend (label= on each line, or ax.legend([...]) in drawing order; any
    name containing "entropy", and "cross" for the second, is accepted); an x label containing
    "epoch", a y label ("nats") and a title. Returning the Axes' Figure is accepted too.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot(epochs, entropies, marker="o", label="entropy")
    ax.plot(epochs, cross_entropies, marker="s", label="cross-entropy")
    ax.set_xlabel("epoch")
    ax.set_ylabel("nats")
    ax.set_title("Entropy and cross-entropy of the predictions during training")
    ax.legend()
    return ax
