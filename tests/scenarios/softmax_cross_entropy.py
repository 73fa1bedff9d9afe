"""Sample submissions for `softmax_cross_entropy`: the chapter's common mistakes, correct alternatives.

Each scenario replaces whole solution cells (by grade_id) of the source notebook:
softmax_code, log_softmax_code, cross_entropy_code, gradient_code, gradient_check_code, epochs_code.
"""

from autograder.scenarios import Scenario

# ------------------------------------------------------------------ correct cells, reused below
SOFTMAX_OK = '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=-1, keepdims=True)
'''

GRADIENT_CHECK_OK = '''
def numerical_gradient(f, z, h=1e-5):
    z = np.asarray(z, dtype=float)
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        plus, minus = z.copy(), z.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (f(plus) - f(minus)) / (2 * h)
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))
'''

EPOCHS_FUNCTIONS_OK = '''
def entropy(p):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


def cross_entropy(p, q, eps=1e-15):
    q = np.clip(np.asarray(q, dtype=float), eps, 1.0)
    return float(-np.sum(np.asarray(p) * np.log(q)))


def epoch_metrics(predictions, true_label):
    entropies = np.array([entropy(q) for q in predictions])
    cross_entropies = np.array([cross_entropy(true_label, q) for q in predictions])
    return entropies, cross_entropies
'''

PLOT_OK = '''
def plot_epoch_metrics(epochs, entropies, cross_entropies):
    fig, ax = plt.subplots()
    ax.plot(epochs, entropies, "o-", label="entropy")
    ax.plot(epochs, cross_entropies, "s-", label="cross-entropy")
    ax.set_xlabel("epoch")
    ax.set_ylabel("nats")
    ax.set_title("Entropy and cross-entropy over training")
    ax.legend()
    return ax
'''

ALL_PROBLEMS = ("softmax", "log_softmax", "cross_entropy", "gradient", "gradient_check", "epochs")

SCENARIOS = [
    # ============================================================== wrong submissions
    Scenario(
        name="softmax_without_max_shift",
        summary="The textbook formula exp(z) / sum(exp(z)) with no shift: nan for logits like 1000.",
        cells={"softmax_code": '''
def softmax(z):
    exps = np.exp(z)
    return exps / np.sum(exps, axis=-1, keepdims=True)
'''},
        loses=("softmax",),
        message=r"subtract the maximum",
        mistakes=("softmax-no-max-shift",),
    ),
    Scenario(
        name="softmax_over_the_wrong_axis",
        summary="Max and sum over axis 0: right for one vector, normalises the columns of a batch.",
        cells={"softmax_code": '''
def softmax(z):
    shifted = z - np.max(z, axis=0, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=0, keepdims=True)
'''},
        loses=("softmax",),
        message=r"normalised the columns \(axis 0\)",
        mistakes=("softmax-wrong-axis",),
    ),
    Scenario(
        name="softmax_shifted_by_the_global_maximum",
        summary="np.max(z) without an axis: rows far below the batch's maximum underflow to 0/0.",
        cells={"softmax_code": '''
def softmax(z):
    exps = np.exp(z - np.max(z))
    return exps / np.sum(exps, axis=-1, keepdims=True)
'''},
        loses=("softmax",),
        message=r"one global maximum",
        mistakes=("softmax-global-max-shift",),
    ),
    Scenario(
        name="log_softmax_as_log_of_softmax",
        summary="np.log(softmax(z)): fine for small logits, -inf once a probability underflows.",
        cells={"log_softmax_code": '''
def log_softmax(z):
    return np.log(softmax(z))
'''},
        loses=("log_softmax",),
        message=r"took np\.log of the probabilities",
        mistakes=("log-softmax-as-log-of-softmax",),
    ),
    Scenario(
        name="cross_entropy_sums_over_the_batch",
        summary="The batch loss is the sum of the per-example losses instead of their mean.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs = np.clip(probs, eps, 1.0)
    if probs.ndim == 1:
        return float(-np.log(probs[y_true]))
    return float(np.sum(-np.log(probs[np.arange(len(y_true)), y_true])))
'''},
        loses=("cross_entropy",),
        message=r"sum over the examples: it must be the MEAN",
        mistakes=("loss-sum-not-mean",),
    ),
    Scenario(
        name="cross_entropy_missing_minus_sign",
        summary="log(p_y) instead of -log(p_y): the loss comes out negative.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs = np.clip(probs, eps, 1.0)
    if probs.ndim == 1:
        return float(np.log(probs[y_true]))
    return float(np.mean(np.log(probs[np.arange(len(y_true)), y_true])))
'''},
        loses=("cross_entropy",),
        message=r"with a minus sign",
        mistakes=("loss-missing-minus-sign",),
    ),
    Scenario(
        name="cross_entropy_one_based_labels",
        summary="Treats the labels as 1-based (probs[y - 1]): the log of the wrong class.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs = np.clip(probs, eps, 1.0)
    if probs.ndim == 1:
        return float(-np.log(probs[y_true - 1]))
    return float(np.mean(-np.log(probs[np.arange(len(y_true)), y_true - 1])))
'''},
        loses=("cross_entropy",),
        message=r"wrong class",
        mistakes=("loss-label-off-by-one",),
    ),
    Scenario(
        name="cross_entropy_without_clipping",
        summary="No clipping: a zero probability for the true class gives an infinite loss.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true):
    if probs.ndim == 1:
        return float(-np.log(probs[y_true]))
    return float(np.mean(-np.log(probs[np.arange(len(y_true)), y_true])))
'''},
        loses=("cross_entropy",),
        message=r"were not clipped",
        mistakes=("loss-not-clipped",),
    ),
    Scenario(
        name="cross_entropy_fancy_indexing_block",
        summary="probs[:, y_true] for a batch: an (N, N) block whose mean is not the loss.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs = np.clip(probs, eps, 1.0)
    if probs.ndim == 1:
        return float(-np.log(probs[y_true]))
    return float(np.mean(-np.log(probs[:, y_true])))
'''},
        loses=("cross_entropy",),
        message=r"probs\[:, y_true\] picks a whole \(N, N\) block",
        mistakes=("loss-picks-a-block",),
    ),
    Scenario(
        name="gradient_without_onehot_subtraction",
        summary="Returns the probabilities as the gradient (forgets the - onehot(y)).",
        cells={"gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    if probs.ndim == 1:
        return probs.copy()
    return probs / probs.shape[0]
'''},
        loses=("gradient",),
        message=r"missing the one-hot subtraction",
        mistakes=("gradient-missing-onehot",),
    ),
    Scenario(
        name="gradient_of_a_batch_not_divided_by_n",
        summary="P - onehot(y) for a batch, although the batch loss is a mean.",
        cells={"gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    onehot = np.eye(probs.shape[-1])[y_true]
    return probs - onehot
'''},
        loses=("gradient",),
        message=r"not divided by N",
        mistakes=("gradient-not-divided-by-n",),
    ),
    Scenario(
        name="gradient_with_the_wrong_sign",
        summary="onehot(y) - p: the negative of the gradient.",
        cells={"gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    onehot = np.eye(probs.shape[-1])[y_true]
    if probs.ndim == 1:
        return onehot - probs
    return (onehot - probs) / probs.shape[0]
'''},
        loses=("gradient",),
        message=r"wrong sign",
        mistakes=("gradient-wrong-sign",),
    ),
    Scenario(
        name="numerical_gradient_one_sided",
        summary="Forward difference (f(z + h) - f(z)) / h: error of order h instead of h^2.",
        cells={"gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    grad = np.zeros_like(z, dtype=float)
    f_z = f(z)
    for index in np.ndindex(z.shape):
        z_plus = z.copy()
        z_plus[index] += h
        grad[index] = (f(z_plus) - f_z) / h
    return grad


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))
'''},
        loses=("gradient_check",),
        message=r"one-sided difference",
        mistakes=("numerical-gradient-one-sided",),
    ),
    Scenario(
        name="numerical_gradient_modifies_z_in_place",
        summary="Perturbs z itself and never puts the entry back: later entries see a shifted point.",
        cells={"gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    grad = np.zeros_like(z, dtype=float)
    for index in np.ndindex(z.shape):
        z[index] += h
        f_plus = f(z)
        z[index] -= 2 * h
        f_minus = f(z)
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))
'''},
        loses=("gradient_check",),
        message=r"modified z in place",
        mistakes=("numerical-gradient-drifting-z", "modifies-argument"),
    ),
    Scenario(
        name="numerical_gradient_aliased_copy",
        summary="z_plus = z and z_minus = z are the same array, so the difference is half a one-sided one.",
        cells={"gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    grad = np.zeros_like(z, dtype=float)
    for index in np.ndindex(z.shape):
        z_plus = z
        z_plus[index] += h
        f_plus = f(z_plus)
        z_minus = z
        z_minus[index] -= h
        f_minus = f(z_minus)
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))
'''},
        loses=("gradient_check",),
        message=r"half the gradient: z_plus = z does not copy",
        mistakes=("numerical-gradient-aliased-copy",),
    ),
    Scenario(
        name="numerical_gradient_loops_over_len_only",
        summary="for i in range(len(z)): right for vectors, moves whole rows of a 2-D z.",
        cells={"gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    grad = np.zeros_like(z, dtype=float)
    for i in range(len(z)):
        z_plus = z.copy()
        z_minus = z.copy()
        z_plus[i] += h
        z_minus[i] -= h
        grad[i] = (f(z_plus) - f(z_minus)) / (2 * h)
    return grad


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))
'''},
        loses=("gradient_check",),
        message=r"perturbed a whole row of a 2-D z",
        mistakes=("numerical-gradient-whole-rows",),
    ),
    Scenario(
        name="relative_error_without_absolute_values",
        summary="(a - b) / max(a + b, 1e-8): signs cancel and the floor kicks in for negative sums.",
        cells={"gradient_check_code": GRADIENT_CHECK_OK.replace(
            "np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8))",
            "np.max((a - b) / np.maximum(a + b, 1e-8))")},
        loses=("gradient_check",),
        message=r"missing absolute values",
        mistakes=("relative-error-missing-abs",),
    ),
    Scenario(
        name="entropy_in_bits_and_nan_for_zeros",
        summary="np.log2 for entropy and cross-entropy, and no care for zero probabilities.",
        cells={"epochs_code": '''
def entropy(p):
    return float(-np.sum(p * np.log2(p)))


def cross_entropy(p, q, eps=1e-15):
    return float(-np.sum(p * np.log2(np.clip(q, eps, 1.0))))


def epoch_metrics(predictions, true_label):
    entropies = np.array([entropy(q) for q in predictions])
    cross_entropies = np.array([cross_entropy(true_label, q) for q in predictions])
    return entropies, cross_entropies
''' + PLOT_OK},
        loses=("epochs",),
        message=r"log base 2",
        mistakes=("entropy-log-wrong-base", "ce-log-wrong-base"),
    ),
    Scenario(
        name="epochs_plot_without_labels_or_legend",
        summary="Plots both curves but gives them no labels, no legend and no axis labels.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK + '''

def plot_epoch_metrics(epochs, entropies, cross_entropies):
    fig, ax = plt.subplots()
    ax.plot(epochs, entropies)
    ax.plot(epochs, cross_entropies)
    return ax
'''},
        loses=("epochs",),
        message=r"has no legend",
        mistakes=("plot-no-legend",),
    ),
    Scenario(
        name="epochs_plot_against_the_index",
        summary="Plots the curves against 0, 1, 2, ... instead of the epochs.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK + PLOT_OK.replace(
            "ax.plot(epochs, entropies,", "ax.plot(entropies,").replace(
            "ax.plot(epochs, cross_entropies,", "ax.plot(cross_entropies,")},
        loses=("epochs",),
        message=r"not over the epochs",
        mistakes=("plot-against-the-index",),
    ),
    Scenario(
        name="softmax_result_never_assigned_to_the_output",
        summary="Computes softmax into another variable and returns the stub's `probs = None`.",
        cells={"softmax_code": '''
def softmax(z):
    probs = None
    shifted = z - np.max(z, axis=-1, keepdims=True)
    result = np.exp(shifted) / np.sum(np.exp(shifted), axis=-1, keepdims=True)
    return probs
'''},
        loses=("softmax",),
        message=r"got NoneType",
        mistakes=(),
    ),
    Scenario(
        name="raises_everywhere",
        summary="Every function raises ValueError.",
        cells={cell: body for cell, body in [
            ("softmax_code", "def softmax(z):\n    raise ValueError('not done')\n"),
            ("log_softmax_code", "def log_softmax(z):\n    raise ValueError('not done')\n"),
            ("cross_entropy_code", "def cross_entropy_loss(probs, y_true, eps=1e-15):\n"
                                   "    raise ValueError('not done')\n"),
            ("gradient_code", "def softmax_ce_gradient(probs, y_true):\n    raise ValueError('not done')\n"),
            ("gradient_check_code", "def numerical_gradient(f, z, h=1e-5):\n    raise ValueError('not done')\n\n\n"
                                    "def relative_error(a, b):\n    raise ValueError('not done')\n"),
            ("epochs_code", "def entropy(p):\n    raise ValueError('not done')\n\n\n"
                            "def cross_entropy(p, q, eps=1e-15):\n    raise ValueError('not done')\n\n\n"
                            "def epoch_metrics(predictions, true_label):\n    raise ValueError('not done')\n\n\n"
                            "def plot_epoch_metrics(epochs, entropies, cross_entropies):\n"
                            "    raise ValueError('not done')\n"),
        ]},
        loses=ALL_PROBLEMS,
        message=r"raised ValueError: not done",
        mistakes=(),
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="The epochs cell ends with a top-level `while True: pass`: it never finishes.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK + PLOT_OK + '''

# wait for the plot to show up
while True:
    pass
'''},
        loses=("epochs",),
        message=r"does not define|did not finish|time limit",
        mistakes=(),
    ),

    # ---------------------------------------------------------- values-only and contract mistakes (issue 13)
    Scenario(
        name="softmax_shifts_z_in_place",
        summary="Subtracts the row maximum with `z -= ...`: right probabilities, but the caller's logits change.",
        cells={"softmax_code": '''
def softmax(z):
    z -= np.max(z, axis=-1, keepdims=True)
    exps = np.exp(z)
    return exps / np.sum(exps, axis=-1, keepdims=True)
'''},
        loses=("softmax",),
        message=r"changed its argument `z` in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="softmax_promotes_vectors_to_a_batch",
        summary="np.atleast_2d to handle both cases, but a vector comes back as a (1, C) batch.",
        cells={"softmax_code": '''
def softmax(z):
    Z = np.atleast_2d(np.asarray(z, dtype=float))
    exps = np.exp(Z - Z.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)
'''},
        loses=("softmax",),
        message=r"changed the shape",
        mistakes=("softmax-changed-shape",),
    ),
    Scenario(
        name="softmax_sum_without_keepdims",
        summary="keepdims on the maximum but not on the sum: crashes for (N, C) batches, wrong for square ones.",
        cells={"softmax_code": '''
def softmax(z):
    exps = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return exps / np.sum(exps, axis=-1)
'''},
        loses=("softmax",),
        message=r"without keepdims=True",
        mistakes=("softmax-missing-keepdims",),
    ),
    Scenario(
        name="log_softmax_without_the_shift",
        summary="The log-sum-exp identity without subtracting the maximum: z - log(sum(exp(z))).",
        cells={"log_softmax_code": '''
def log_softmax(z):
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))
'''},
        loses=("log_softmax",),
        message=r"without the shift",
        mistakes=("log-softmax-no-max-shift",),
    ),
    Scenario(
        name="log_softmax_with_log10",
        summary="np.log10 for the log-sum-exp term: finite and stable, but in the wrong base.",
        cells={"log_softmax_code": '''
def log_softmax(z):
    m = np.max(z, axis=-1, keepdims=True)
    return (z - m) - np.log10(np.sum(np.exp(z - m), axis=-1, keepdims=True))
'''},
        loses=("log_softmax",),
        message=r"base-10 or base-2",
        mistakes=("log-softmax-log-wrong-base",),
    ),
    Scenario(
        name="cross_entropy_applies_softmax_to_the_probabilities",
        summary="Treats probs as logits and runs softmax again before the log (softmax applied twice).",
        cells={"cross_entropy_code": SOFTMAX_OK.replace("def softmax(z)", "def _softmax(z)") + '''

def cross_entropy_loss(probs, y_true, eps=1e-15):
    p = np.clip(_softmax(probs), eps, 1.0)
    if p.ndim == 1:
        return float(-np.log(p[y_true]))
    return float(np.mean(-np.log(p[np.arange(len(y_true)), y_true])))
'''},
        loses=("cross_entropy",),
        message=r"applied softmax to probs",
        mistakes=("loss-softmax-of-probs",),
    ),
    Scenario(
        name="cross_entropy_mean_of_onehot_times_log",
        summary="-np.mean(onehot * log p): the mean runs over the classes as well, so the loss is C times too small.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    onehot = np.eye(probs.shape[-1])[y_true]
    return float(-np.mean(onehot * np.log(np.clip(probs, eps, 1.0))))
'''},
        loses=("cross_entropy",),
        message=r"averaged over all the classes",
        mistakes=("loss-mean-over-classes",),
    ),
    Scenario(
        name="cross_entropy_clips_the_loss_after_the_log",
        summary="Takes -log(p) first and caps the infinite loss at -log(eps): right values, but log(0) warns.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    if probs.ndim == 1:
        picked = probs[y_true]
    else:
        picked = probs[np.arange(len(y_true)), y_true]
    losses = np.minimum(-np.log(picked), -np.log(eps))
    return float(np.mean(losses))
'''},
        loses=("cross_entropy",),
        message=r"raised a RuntimeWarning",
        mistakes=("raises-warning",),
    ),
    Scenario(
        name="cross_entropy_ignores_its_eps_argument",
        summary="Clips with a hard-coded 1e-15 whatever eps is passed.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs = np.clip(probs, 1e-15, 1.0)
    if probs.ndim == 1:
        return float(-np.log(probs[y_true]))
    return float(np.mean(-np.log(probs[np.arange(len(y_true)), y_true])))
'''},
        loses=("cross_entropy",),
        message=r"ignored its argument eps",
        mistakes=("loss-ignores-eps-argument",),
    ),
    Scenario(
        name="cross_entropy_clips_probs_in_place",
        summary="probs[probs < eps] = eps: the right loss, but the caller's probabilities are changed.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs[probs < eps] = eps
    if probs.ndim == 1:
        return float(-np.log(probs[y_true]))
    return float(np.mean(-np.log(probs[np.arange(len(y_true)), y_true])))
'''},
        loses=("cross_entropy",),
        message=r"changed its argument `probs` in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="gradient_subtracts_in_place",
        summary="probs[y] -= 1 on the argument itself: the right gradient, but probs is destroyed.",
        cells={"gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    if probs.ndim == 1:
        probs[y_true] -= 1
        return probs
    n = probs.shape[0]
    probs[np.arange(n), y_true] -= 1
    return probs / n
'''},
        loses=("gradient",),
        message=r"changed its argument `probs` in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="gradient_divided_by_the_number_of_classes",
        summary="Divides a batch gradient by probs.shape[1] (C) instead of probs.shape[0] (N).",
        cells={"gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    grad = probs - np.eye(probs.shape[-1])[y_true]
    if probs.ndim == 2:
        grad = grad / probs.shape[1]
    return grad
'''},
        loses=("gradient",),
        message=r"divided by the number of classes",
        mistakes=("gradient-divided-by-c",),
    ),
    Scenario(
        name="gradient_applies_softmax_to_the_probabilities",
        summary="softmax(probs) - onehot(y): treats the probabilities as logits once more.",
        cells={"gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    e = np.exp(probs - probs.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True)
    grad = p - np.eye(probs.shape[-1])[y_true]
    if probs.ndim == 2:
        grad = grad / probs.shape[0]
    return grad
'''},
        loses=("gradient",),
        message=r"applied softmax to probs",
        mistakes=("gradient-softmax-of-probs",),
    ),
    Scenario(
        name="numerical_gradient_perturbs_every_entry_at_once",
        summary="f(z + h) - f(z - h) for every index: the whole vector moves, not one entry.",
        cells={"gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    grad = np.zeros_like(z, dtype=float)
    for index in np.ndindex(z.shape):
        grad[index] = (f(z + h) - f(z - h)) / (2 * h)
    return grad
''' + GRADIENT_CHECK_OK[GRADIENT_CHECK_OK.index("def relative_error"):]},
        loses=("gradient_check",),
        message=r"perturbed every entry at once",
        mistakes=("numerical-gradient-perturbs-all-entries",),
    ),
    Scenario(
        name="numerical_gradient_default_step_1e_4",
        summary="Right central differences, but the default step is h=1e-4 instead of the stated 1e-5.",
        cells={"gradient_check_code": GRADIENT_CHECK_OK.replace("def numerical_gradient(f, z, h=1e-5):",
                                                                "def numerical_gradient(f, z, h=1e-4):")},
        loses=("gradient_check",),
        message=r"default step is not h = 1e-5",
        mistakes=("numerical-gradient-wrong-default-h",),
    ),
    Scenario(
        name="relative_error_adds_the_floor",
        summary="|a - b| / (|a| + |b| + 1e-8): the floor added instead of taken as a maximum.",
        cells={"gradient_check_code": GRADIENT_CHECK_OK.replace(
            "np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8))",
            "np.max(np.abs(a - b) / (np.abs(a) + np.abs(b) + 1e-8))")},
        loses=("gradient_check",),
        message=r"added 1e-8 to the denominator",
        mistakes=("relative-error-floor-added",),
    ),
    Scenario(
        name="relative_error_with_norms",
        summary="||a - b|| / max(||a|| + ||b||, 1e-8): one ratio of norms instead of the largest element-wise ratio.",
        cells={"gradient_check_code": GRADIENT_CHECK_OK.replace(
            "return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))",
            "return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-8))")},
        loses=("gradient_check",),
        message=r"by their norms",
        mistakes=("relative-error-norm-based",),
    ),
    Scenario(
        name="entropy_with_np_mean",
        summary="-np.mean(p log p) over the nonzero entries: the sum divided by the number of classes used.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK.replace(
            "return float(-np.sum(p * np.log(p)))", "return float(-np.mean(p * np.log(p)))") + PLOT_OK},
        loses=("epochs",),
        message=r"averaged the terms",
        mistakes=("entropy-mean-not-sum",),
    ),
    Scenario(
        name="cross_entropy_as_kl_divergence",
        summary="sum p log(p / q) over p > 0: the KL divergence, equal to H(p, q) only for one-hot p.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK.replace('''def cross_entropy(p, q, eps=1e-15):
    q = np.clip(np.asarray(q, dtype=float), eps, 1.0)
    return float(-np.sum(np.asarray(p) * np.log(q)))''', '''def cross_entropy(p, q, eps=1e-15):
    q = np.clip(np.asarray(q, dtype=float), eps, 1.0)
    mask = p > 0
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))''') + PLOT_OK},
        loses=("epochs",),
        message=r"KL divergence",
        mistakes=("ce-computed-kl",),
    ),
    Scenario(
        name="cross_entropy_skips_zero_predictions",
        summary="Drops the terms where q is 0 (as entropy drops p = 0) instead of clipping q.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK.replace('''def cross_entropy(p, q, eps=1e-15):
    q = np.clip(np.asarray(q, dtype=float), eps, 1.0)
    return float(-np.sum(np.asarray(p) * np.log(q)))''', '''def cross_entropy(p, q, eps=1e-15):
    keep = q > 0
    return float(-np.sum(p[keep] * np.log(q[keep])))''') + PLOT_OK},
        loses=("epochs",),
        message=r"skipped the zero predictions",
        mistakes=("ce-skips-zero-predictions",),
    ),
    Scenario(
        name="epoch_metrics_returns_lists",
        summary="Appends to Python lists and returns them as they are, not as arrays.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK.replace('''    entropies = np.array([entropy(q) for q in predictions])
    cross_entropies = np.array([cross_entropy(true_label, q) for q in predictions])''', '''    entropies, cross_entropies = [], []
    for q in predictions:
        entropies.append(entropy(q))
        cross_entropies.append(cross_entropy(true_label, q))''') + PLOT_OK},
        loses=("epochs",),
        message=r"returned Python lists",
        mistakes=("returns-list-not-ndarray",),
    ),
    Scenario(
        name="plot_on_the_current_axes",
        summary="plt.plot on whatever figure is current and returns plt.gca(): every call adds to the same Axes.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK + '''

def plot_epoch_metrics(epochs, entropies, cross_entropies):
    plt.plot(epochs, entropies, label="entropy")
    plt.plot(epochs, cross_entropies, label="cross-entropy")
    plt.xlabel("epoch")
    plt.ylabel("nats")
    plt.title("Entropy and cross-entropy")
    plt.legend()
    return plt.gca()
'''},
        loses=("epochs",),
        message=r"new Axes every time",
        mistakes=("plot-reuses-axes",),
    ),

    Scenario(
        name="softmax_shifted_by_the_minimum",
        summary="Subtracts the row minimum instead of the maximum: the largest exponent still overflows.",
        cells={"softmax_code": '''
def softmax(z):
    exps = np.exp(z - np.min(z, axis=-1, keepdims=True))
    return exps / np.sum(exps, axis=-1, keepdims=True)
'''},
        loses=("softmax",),
        message=r"minimum or their mean",
        mistakes=("softmax-wrong-shift",),
    ),
    Scenario(
        name="log_softmax_forgets_to_subtract_m_from_z",
        summary="z - log(sum(exp(z - m))): the shift inside the log-sum-exp but not in front of it.",
        cells={"log_softmax_code": '''
def log_softmax(z):
    m = np.max(z, axis=-1, keepdims=True)
    return z - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
'''},
        loses=("log_softmax",),
        message=r"not from z itself",
        mistakes=("log-softmax-max-not-subtracted",),
    ),
    Scenario(
        name="cross_entropy_of_the_predicted_class",
        summary="-log(max(p)): the loss of the most probable class, whatever the label says.",
        cells={"cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs = np.clip(probs, eps, 1.0)
    return float(np.mean(-np.log(np.max(probs, axis=-1))))
'''},
        loses=("cross_entropy",),
        message=r"most probable class",
        mistakes=("loss-uses-predicted-class",),
    ),
    Scenario(
        name="gradient_subtracts_whole_columns",
        summary="grad[:, y_true] -= 1 for a batch: every row loses 1 in every labelled column.",
        cells={"gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    grad = probs.copy()
    if grad.ndim == 1:
        grad[y_true] -= 1
        return grad
    grad[:, y_true] -= 1
    return grad / grad.shape[0]
'''},
        loses=("gradient",),
        message=r"whole columns",
        mistakes=("gradient-subtracts-a-block",),
    ),
    Scenario(
        name="epoch_metrics_reads_the_notebook_globals",
        summary="Loops over the notebook's EPOCH_PREDICTIONS and EPOCH_TRUE_LABEL instead of its arguments.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK.replace('''    entropies = np.array([entropy(q) for q in predictions])
    cross_entropies = np.array([cross_entropy(true_label, q) for q in predictions])''', '''    entropies = np.array([entropy(q) for q in EPOCH_PREDICTIONS])
    cross_entropies = np.array([cross_entropy(EPOCH_TRUE_LABEL, q) for q in EPOCH_PREDICTIONS])''') + PLOT_OK},
        loses=("epochs",),
        message=r"instead of its arguments",
        mistakes=("epoch-metrics-uses-notebook-globals",),
    ),
    Scenario(
        name="plot_with_the_axes_swapped",
        summary="ax.plot(values, epochs): the quantities on the x axis, the epochs on the y axis.",
        cells={"epochs_code": EPOCHS_FUNCTIONS_OK + PLOT_OK.replace(
            'ax.plot(epochs, entropies, "o-", label="entropy")', 'ax.plot(entropies, epochs, "o-", label="entropy")').replace(
            'ax.plot(epochs, cross_entropies, "s-", label="cross-entropy")',
            'ax.plot(cross_entropies, epochs, "s-", label="cross-entropy")')},
        loses=("epochs",),
        message=r"swapped the axes",
        mistakes=("plot-axes-swapped",),
    ),

    # ============================================================== correct alternatives
    Scenario(
        name="loops_instead_of_vectorization",
        summary="Row-by-row Python loops for softmax, log-softmax, the loss and the gradient.",
        full_marks=True,
        mistakes=(),
        cells={
            "softmax_code": '''
def softmax(z):
    z = np.array(z, dtype=float)
    rows = z.reshape(-1, z.shape[-1])
    out = np.empty_like(rows)
    for r in range(rows.shape[0]):
        m = max(rows[r])
        exps = [np.exp(v - m) for v in rows[r]]
        total = sum(exps)
        for c in range(rows.shape[1]):
            out[r, c] = exps[c] / total
    return out.reshape(z.shape)
''',
            "log_softmax_code": '''
def log_softmax(z):
    z = np.array(z, dtype=float)
    rows = z.reshape(-1, z.shape[-1])
    out = np.empty_like(rows)
    for r in range(rows.shape[0]):
        m = rows[r].max()
        log_sum = m + np.log(sum(np.exp(v - m) for v in rows[r]))
        out[r] = rows[r] - log_sum
    return out.reshape(z.shape)
''',
            "cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    probs = np.atleast_2d(probs)
    labels = np.atleast_1d(y_true)
    total = 0.0
    for n in range(probs.shape[0]):
        p = min(max(probs[n, labels[n]], eps), 1.0)
        total += -np.log(p)
    return total / probs.shape[0]
''',
            "gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    single = np.ndim(probs) == 1
    P = np.atleast_2d(np.array(probs, dtype=float))
    labels = np.atleast_1d(y_true)
    grad = np.zeros_like(P)
    for n in range(P.shape[0]):
        for c in range(P.shape[1]):
            grad[n, c] = P[n, c] - (1.0 if c == labels[n] else 0.0)
    if single:
        return grad[0]
    return grad / P.shape[0]
''',
        },
    ),
    Scenario(
        name="log_sum_exp_and_one_hot_formulas",
        summary="Softmax as exp(z - logsumexp(z)), the loss as -sum(onehot * log p) / N, gradient with np.eye.",
        full_marks=True,
        mistakes=(),
        cells={
            "softmax_code": '''
def logsumexp(z):
    m = z.max(axis=-1, keepdims=True)
    return m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True))


def softmax(z):
    return np.exp(z - logsumexp(z))
''',
            "log_softmax_code": '''
def log_softmax(z):
    return z - logsumexp(z)
''',
            "cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    onehot = np.eye(probs.shape[-1])[y_true]
    per_class = onehot * np.log(np.clip(probs, eps, 1))
    if probs.ndim == 1:
        return -per_class.sum()
    return -per_class.sum() / probs.shape[0]
''',
            "gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    onehot = np.eye(probs.shape[-1])[y_true]
    n = 1 if probs.ndim == 1 else probs.shape[0]
    return (probs - onehot) / n
''',
        },
    ),
    Scenario(
        name="cs231n_style_gradient_check",
        summary="numerical_gradient with np.nditer, perturbing z in place and restoring each entry; "
                "relative_error as an explicit loop over the entries.",
        full_marks=True,
        mistakes=(),
        cells={"gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    grad = np.zeros(z.shape)
    it = np.nditer(z, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        old_value = z[ix]
        z[ix] = old_value + h
        f_plus = f(z)
        z[ix] = old_value - h
        f_minus = f(z)
        z[ix] = old_value
        grad[ix] = (f_plus - f_minus) / (2 * h)
        it.iternext()
    return grad


def relative_error(a, b):
    a = np.atleast_1d(np.asarray(a, dtype=float)).ravel()
    b = np.atleast_1d(np.asarray(b, dtype=float)).ravel()
    worst = 0.0
    for x, y in zip(a, b):
        worst = max(worst, abs(x - y) / max(abs(x) + abs(y), 1e-8))
    return worst
'''},
    ),
    Scenario(
        name="eps_added_inside_the_log",
        summary="log(p + eps) instead of clipping, for both losses; flat-index loop in the gradient check; "
                "epoch_metrics builds lists and returns them as arrays in a list.",
        full_marks=True,
        mistakes=(),
        cells={
            "cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    if probs.ndim == 1:
        return float(-np.log(probs[y_true] + eps))
    picked = probs[np.arange(probs.shape[0]), y_true]
    return float(-np.log(picked + eps).mean())
''',
            "gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    flat = z.astype(float).ravel()
    grad = np.zeros(flat.size)
    for i in range(flat.size):
        step = np.zeros(flat.size)
        step[i] = h
        grad[i] = (f((flat + step).reshape(z.shape)) - f((flat - step).reshape(z.shape))) / (2 * h)
    return grad.reshape(z.shape)


def relative_error(a, b):
    num = np.abs(np.subtract(a, b))
    den = np.maximum(np.abs(a) + np.abs(b), 1e-8)
    return float((num / den).max())
''',
            "epochs_code": '''
def entropy(p):
    p = np.asarray(p, dtype=float)
    terms = np.zeros_like(p)
    mask = p > 0
    terms[mask] = p[mask] * np.log(p[mask])
    return -terms.sum()


def cross_entropy(p, q, eps=1e-15):
    return -np.sum(p * np.log(np.asarray(q) + eps))


def epoch_metrics(predictions, true_label):
    entropies, cross_entropies = [], []
    for q in predictions:
        entropies.append(entropy(q))
        cross_entropies.append(cross_entropy(true_label, q))
    return [np.array(entropies), np.array(cross_entropies)]


def plot_epoch_metrics(epochs, entropies, cross_entropies):
    fig = plt.figure(figsize=(6, 4))
    plt.plot(epochs, entropies, label="Entropy H(q)")
    plt.plot(epochs, cross_entropies, label="Cross-entropy H(p, q)")
    plt.xlabel("Epoch")
    plt.ylabel("loss / uncertainty (nats)")
    plt.title("Training progress")
    plt.legend()
    return fig
''',
        },
    ),
    Scenario(
        name="softmax_via_atleast_2d_and_plot_with_markers",
        summary="Softmax and log-softmax promote a vector to a 1-row batch; the plot draws markers and "
                "lines separately and returns the Axes from plt.gca().",
        full_marks=True,
        mistakes=(),
        cells={
            "softmax_code": '''
def softmax(z):
    Z = np.atleast_2d(z).astype(float)
    Z = Z - Z.max(axis=1)[:, None]
    E = np.exp(Z)
    P = E / E.sum(axis=1)[:, None]
    return P.reshape(np.shape(z))
''',
            "log_softmax_code": '''
def log_softmax(z):
    Z = np.atleast_2d(z).astype(float)
    m = Z.max(axis=1, keepdims=True)
    out = Z - m - np.log(np.exp(Z - m).sum(axis=1, keepdims=True))
    return out.reshape(np.shape(z))
''',
            "epochs_code": EPOCHS_FUNCTIONS_OK + '''

def plot_epoch_metrics(epochs, entropies, cross_entropies):
    plt.figure()
    plt.plot(epochs, entropies, "o", color="C0")
    plt.plot(epochs, entropies, "-", color="C0", label="entropy of the prediction")
    plt.plot(epochs, cross_entropies, "s", color="C1")
    plt.plot(epochs, cross_entropies, "-", color="C1", label="cross-entropy loss")
    plt.xlabel("training epoch")
    plt.ylabel("nats")
    plt.xscale("log")
    plt.title("Uncertainty and loss during training")
    plt.legend()
    return plt.gca()
''',
        },
    ),
    Scenario(
        name="legend_given_its_texts_and_entropy_with_np_where",
        summary="The plot names its curves with ax.legend([...]) instead of label=; entropy with np.where "
                "(log(0) is computed and discarded, which warns but gives the right value); cross_entropy "
                "with np.maximum instead of np.clip.",
        full_marks=True,
        mistakes=(),
        cells={"epochs_code": '''
def entropy(p):
    terms = np.where(p > 0, p * np.log(p), 0.0)
    return float(-terms.sum())


def cross_entropy(p, q, eps=1e-15):
    return float(-(p * np.log(np.maximum(q, eps))).sum())


def epoch_metrics(predictions, true_label):
    entropies = np.zeros(len(predictions))
    cross_entropies = np.zeros(len(predictions))
    for e in range(len(predictions)):
        entropies[e] = entropy(predictions[e])
        cross_entropies[e] = cross_entropy(true_label, predictions[e])
    return entropies, cross_entropies


def plot_epoch_metrics(epochs, entropies, cross_entropies):
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(epochs, entropies, "o-")
    ax.plot(epochs, cross_entropies, "s--")
    ax.legend(["entropy", "cross-entropy"])
    ax.set_xlabel("Epochs")
    ax.set_ylabel("value (nats)")
    ax.set_title("How sure and how right the model is")
    return ax
'''},
    ),
    Scenario(
        name="take_along_axis_and_index_loops",
        summary="Softmax through transposes, the loss with np.take_along_axis and np.maximum, the gradient "
                "through an explicit one-hot matrix, numerical_gradient over flat indices with np.unravel_index "
                "and perturbation in place restored exactly, relative_error with the floor as np.maximum(1e-8, .).",
        full_marks=True,
        mistakes=(),
        cells={
            "softmax_code": '''
def softmax(z):
    if z.ndim == 1:
        e = np.exp(z - z.max())
        return e / e.sum()
    e = np.exp((z.T - z.max(axis=1)).T)
    return (e.T / e.sum(axis=1)).T
''',
            "cross_entropy_code": '''
def cross_entropy_loss(probs, y_true, eps=1e-15):
    if probs.ndim == 1:
        return -np.log(max(probs[y_true], eps))
    picked = np.take_along_axis(probs, y_true[:, None], axis=1)[:, 0]
    return -np.log(np.maximum(picked, eps)).mean()
''',
            "gradient_code": '''
def softmax_ce_gradient(probs, y_true):
    n_classes = probs.shape[-1]
    if probs.ndim == 1:
        onehot = np.zeros(n_classes)
        onehot[y_true] = 1.0
        return probs - onehot
    onehot = np.zeros_like(probs)
    for row, label in enumerate(y_true):
        onehot[row, label] = 1.0
    return (probs - onehot) / len(probs)
''',
            "gradient_check_code": '''
def numerical_gradient(f, z, h=1e-5):
    grad = np.empty(z.shape)
    for flat in range(z.size):
        i = np.unravel_index(flat, z.shape)
        old = z[i]
        z[i] = old + h
        up = f(z)
        z[i] = old - h
        down = f(z)
        z[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
''',
        },
    ),
]
