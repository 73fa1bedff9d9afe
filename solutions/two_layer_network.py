"""Reference solution: the forward pass of a two-layer network in NumPy.

Architecture (chapter seed 000, programming problem D3): 4 inputs -> 3 hidden units (ReLU)
-> 1 output unit (sigmoid), trained with binary cross-entropy.

Conventions shared with the student notebook:

* Samples are rows. A batch ``X`` has shape (N, D); a layer computes ``Z = X @ W + b`` with
  ``W`` of shape (D, H) and ``b`` of shape (1, H) (a 1-D ``b`` of shape (H,) broadcasts the same way).
* ``params`` is a plain dict with the keys "W1", "b1", "W2", "b2".
* ``init_params`` draws from ``np.random.default_rng(seed)``: W1 first, then W2, each a standard
  normal scaled by sqrt(1 / fan_in); the biases are zeros and consume no draws.
"""

import numpy as np

N_INPUTS = 4
N_HIDDEN = 3
N_OUTPUTS = 1

#: Default clipping bound of `bce_loss`: predictions are clipped to [BCE_EPS, 1 - BCE_EPS].
BCE_EPS = 1e-12

SHAPE_KEYS = ("X", "Z1", "A1", "Z2", "A2")


def init_params(seed=42):
    """Return the parameters of the 4 -> 3 -> 1 network: a dict with exactly the keys W1, b1, W2, b2,
    each a float64 ndarray.

    Draw order (all from one ``rng = np.random.default_rng(seed)`` made inside the call, so that the
    same seed always gives the same parameters):
      1. W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
      2. W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)   (the very next draws: nothing in between)
    b1 = zeros of shape (1, 3) and b2 = zeros of shape (1, 1); they use no random draws.
    """
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((N_INPUTS, N_HIDDEN)) * np.sqrt(1 / N_INPUTS)
    W2 = rng.standard_normal((N_HIDDEN, N_OUTPUTS)) * np.sqrt(1 / N_HIDDEN)
    b1 = np.zeros((1, N_HIDDEN))
    b2 = np.zeros((1, N_OUTPUTS))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def relu(z):
    """Elementwise max(0, z) as a new float ndarray of the same shape as ``z`` (relu(0) = 0).

    ``z``: a float ndarray of one or more dimensions; it is not modified.
    """
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0)


def sigmoid(z):
    """Elementwise 1 / (1 + exp(-z)) as a new float ndarray of the shape of ``z``, every entry in
    [0, 1], computed without overflow for any float ``z`` (no nan, no RuntimeWarning).

    For z >= 0 it uses 1 / (1 + exp(-z)); for z < 0 the equal form exp(z) / (1 + exp(z)).
    Each branch only exponentiates a non-positive number, so exp never overflows.
    ``z``: a float ndarray of one or more dimensions; it is not modified.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(X, params):
    """Forward pass of the two-layer network.

    X: ndarray (N, D), N >= 1. params: dict with W1 (D, H), b1 (1, H) or (H,), W2 (H, K), b2 (1, K)
    or (K,) (the notebook uses K = 1). Neither X nor params (nor an array in it) is modified.
    Returns the tuple ``(A2, cache)`` where A2 is an ndarray of shape (N, K) and ``cache`` is a dict
    of ndarrays (more keys allowed) with Z1 = X @ W1 + b1 (N, H), A1 = relu(Z1) (N, H),
    Z2 = A1 @ W2 + b2 (N, K), A2 = sigmoid(Z2) (N, K); cache["A2"] holds the values of A2.
    """
    X = np.asarray(X, dtype=float)
    Z1 = X @ params["W1"] + params["b1"]
    A1 = relu(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def bce_loss(y, y_hat, eps=BCE_EPS):
    """Mean binary cross-entropy -(1/N) sum[y log(p) + (1 - y) log(1 - p)], p = clip(y_hat).

    y: ndarray of labels 0 or 1 (int or float); y_hat: ndarray of predicted probabilities in [0, 1];
    N >= 1. Each may have shape (N,) or (N, 1); both are flattened first, so a (N,) ``y`` with an
    (N, 1) ``y_hat`` pairs sample i with sample i. y_hat is clipped to [eps, 1 - eps] (both ends
    included) before the logs; neither argument is modified. Returns a float (a Python float or a
    NumPy float scalar, never an array).
    """
    y = np.asarray(y, dtype=float).reshape(-1)
    p = np.clip(np.asarray(y_hat, dtype=float).reshape(-1), eps, 1.0 - eps)
    losses = -(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
    return float(np.mean(losses))


def shapes_report(X, params):
    """Return a dict with exactly the keys "X", "Z1", "A1", "Z2", "A2", each mapped to that array's
    shape as a tuple of ints (what ``array.shape`` gives; not a list)."""
    A2, cache = forward(X, params)
    report = {"X": tuple(np.shape(X))}
    for key in SHAPE_KEYS[1:]:
        report[key] = tuple(cache[key].shape)
    return report


def chapter_batch():
    """The chapter's demo batch: the same numbers as ``np.random.seed(42); np.random.randn(5, 4)``,
    drawn without touching NumPy's global state, and its labels y of shape (5, 1)."""
    X = np.random.RandomState(42).randn(5, 4)
    y = np.array([[1], [0], [1], [0], [1]])
    return X, y
