"""Sample submissions for `two_layer_network`: realistic mistakes and correct alternatives.

Each scenario replaces whole solution cells (by grade_id) of the instructor's notebook.
Solution cells: init_params_code, activations_code, forward_code, bce_loss_code, shapes_code.
"""

from autograder.scenarios import Scenario

# ----------------------------------------------------------------------------- building blocks
INIT_OK = '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''

RELU_OK = '''
def relu(z):
    return np.maximum(0, z)
'''

SIGMOID_OK = '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
'''

FORWARD_OK = '''
def forward(X, params):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = relu(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
'''

BCE_OK = '''
def bce_loss(y, y_hat, eps=1e-12):
    y = np.asarray(y, dtype=float).reshape(-1)
    p = np.clip(np.asarray(y_hat, dtype=float).reshape(-1), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''


def _forward_with(hidden_line="A1 = relu(Z1)", z1_line='Z1 = X @ params["W1"] + params["b1"]',
                  z2_line='Z2 = A1 @ params["W2"] + params["b2"]'):
    return f'''
def forward(X, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    {z1_line}
    {hidden_line}
    {z2_line}
    A2 = sigmoid(Z2)
    cache = {{"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}}
    return A2, cache
'''


def _bce_with(body):
    return f'''
def bce_loss(y, y_hat, eps=1e-12):
{body}
'''


SCENARIOS = [
    # ------------------------------------------------------------------ wrong: init_params
    Scenario(
        name="init_params_with_global_seed",
        summary="seeds NumPy's global generator (np.random.seed + randn) as the chapter's starter does",
        cells={"init_params_code": '''
def init_params(seed=42):
    np.random.seed(seed)
    W1 = np.random.randn(4, 3) * np.sqrt(1 / 4)
    W2 = np.random.randn(3, 1) * np.sqrt(1 / 3)
    b1 = np.zeros((1, 3))
    b2 = np.zeros((1, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
'''},
        loses=("init_params",),
        message=r"global generator",
        mistakes=("init-global-generator",),
    ),
    Scenario(
        name="init_params_draws_w2_first",
        summary="draws W2 before W1 from the right generator",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''},
        loses=("init_params",),
        message=r"W2 was drawn before W1",
        mistakes=("init-w2-drawn-first",),
    ),
    Scenario(
        name="init_params_without_scaling",
        summary="forgets the sqrt(1 / fan_in) scale of the weights",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((4, 3))
    W2 = rng.standard_normal((3, 1))
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''},
        loses=("init_params",),
        message=r"W1 is not scaled",
        mistakes=("init-weights-not-scaled",),
    ),
    Scenario(
        name="init_params_with_1d_biases",
        summary="makes the biases 1-D vectors instead of (1, H) rows",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)
    b1 = np.zeros(3)
    b2 = np.zeros(1)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
'''},
        loses=("init_params",),
        message=r"b1 is 1-D: biases are 2-D rows",
        mistakes=("init-biases-1d",),
    ),
    Scenario(
        name="init_params_draws_random_biases",
        summary="draws the biases from the generator too, between W1 and W2",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    b1 = rng.standard_normal((1, 3))
    W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)
    b2 = rng.standard_normal((1, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
'''},
        loses=("init_params",),
        message=r"the biases must start at zero|W2 is not the draw that follows W1",
        mistakes=("init-biases-not-zero", "init-draws-between-w1-and-w2"),
    ),
    # ------------------------------------------------------------------ wrong: activations
    Scenario(
        name="relu_returns_boolean_mask",
        summary="returns the mask z > 0 (the derivative's shape) instead of max(0, z)",
        cells={"activations_code": '''
def relu(z):
    return z > 0
''' + SIGMOID_OK},
        loses=("activations", "forward"),
        message=r"relu returned the boolean mask",
        mistakes=("relu-returns-mask",),
    ),
    Scenario(
        name="relu_with_the_wrong_sign",
        summary="uses np.minimum instead of np.maximum",
        cells={"activations_code": '''
def relu(z):
    return np.minimum(0, z)
''' + SIGMOID_OK},
        loses=("activations", "forward"),
        message=r"relu keeps the negative part",
        mistakes=("relu-uses-minimum",),
    ),
    Scenario(
        name="sigmoid_overflows_to_nan",
        summary="writes sigmoid as exp(z) / (1 + exp(z)), which is inf / inf = nan for large z",
        cells={"activations_code": RELU_OK + '''
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
'''},
        loses=("activations", "forward"),
        message=r"sigmoid overflows for large z and gives nan",
        mistakes=("sigmoid-overflow-nan",),
    ),
    Scenario(
        name="sigmoid_with_the_sign_flipped",
        summary="forgets the minus sign in exp(-z)",
        cells={"activations_code": RELU_OK + '''
def sigmoid(z):
    return 1 / (1 + np.exp(z))
'''},
        loses=("activations", "forward"),
        message=r"sigmoid has the sign flipped",
        mistakes=("sigmoid-sign-flipped",),
    ),
    Scenario(
        name="sigmoid_with_math_exp_in_a_loop",
        summary="loops with math.exp, which raises OverflowError for z = -1000",
        cells={"activations_code": RELU_OK + '''
import math

def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros_like(z)
    for i, v in np.ndenumerate(z):
        out[i] = 1 / (1 + math.exp(-v))
    return out
'''},
        loses=("activations", "forward"),
        message=r"OverflowError",
        mistakes=(),
    ),
    # ------------------------------------------------------------------ wrong: forward
    Scenario(
        name="forward_forgets_the_hidden_bias",
        summary="computes Z1 = X @ W1 without b1",
        cells={"forward_code": _forward_with(z1_line="Z1 = X @ W1")},
        loses=("forward",),
        message=r"the bias b1 is missing",
        mistakes=("forward-missing-b1",),
    ),
    Scenario(
        name="forward_forgets_the_output_bias",
        summary="computes Z2 = A1 @ W2 without b2",
        cells={"forward_code": _forward_with(z2_line="Z2 = A1 @ W2")},
        loses=("forward",),
        message=r"the bias b2 is missing",
        mistakes=("forward-missing-b2",),
    ),
    Scenario(
        name="forward_with_sigmoid_in_the_hidden_layer",
        summary="uses sigmoid for the hidden layer instead of relu",
        cells={"forward_code": _forward_with(hidden_line="A1 = sigmoid(Z1)")},
        loses=("forward",),
        message=r"the hidden layer uses sigmoid",
        mistakes=("forward-sigmoid-hidden",),
    ),
    Scenario(
        name="forward_multiplies_w1_at_x",
        summary="writes W1 @ X (the column convention) for row-major batches: a shape error",
        cells={"forward_code": _forward_with(z1_line="Z1 = W1 @ X + b1")},
        loses=("forward", "shapes"),
        message=r"matmul|mismatch|shapes",
        mistakes=(),
    ),
    Scenario(
        name="forward_transposes_the_bias",
        summary="adds b1.T, which broadcasts (N, 3) + (3, 1) into the wrong shape or fails",
        cells={"forward_code": _forward_with(z1_line="Z1 = X @ W1 + b1.T")},
        loses=("forward", "shapes"),
        message=r"broadcast|wrong shape|expected shape",
        mistakes=("forward-bias-as-column",),
    ),
    # ------------------------------------------------------------------ wrong: bce_loss
    Scenario(
        name="bce_without_clipping",
        summary="takes logs of the raw predictions",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    y_hat = np.ravel(y_hat)
    return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))''')},
        loses=("bce_loss",),
        message=r"clip y_hat",
        mistakes=("bce-no-clipping",),
    ),
    Scenario(
        name="bce_sums_instead_of_mean",
        summary="sums the per-sample losses",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    p = np.clip(np.ravel(y_hat), eps, 1 - eps)
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))''')},
        loses=("bce_loss",),
        message=r"sums over the batch instead of taking the mean",
        mistakes=("bce-sum-not-mean",),
    ),
    Scenario(
        name="bce_with_swapped_terms",
        summary="pairs y with log(1 - y_hat) and (1 - y) with log(y_hat)",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    p = np.clip(np.ravel(y_hat), eps, 1 - eps)
    return -np.mean(y * np.log(1 - p) + (1 - y) * np.log(p))''')},
        loses=("bce_loss",),
        message=r"the two terms of BCE are swapped",
        mistakes=("bce-swapped-terms",),
    ),
    Scenario(
        name="bce_broadcasts_n_against_n_by_1",
        summary="does not flatten, so y of shape (N,) and y_hat of shape (N, 1) make an (N, N) table",
        cells={"bce_loss_code": _bce_with('''    p = np.clip(y_hat, eps, 1 - eps)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))''')},
        loses=("bce_loss",),
        message=r"broadcast to an \(N, N\) table",
        mistakes=("bce-broadcast-table",),
    ),
    Scenario(
        name="bce_with_the_chapter_eps",
        summary="hard-codes the chapter snippet's eps = 1e-15 and ignores the eps argument",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    p = np.clip(np.ravel(y_hat), 1e-15, 1 - 1e-15)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))''')},
        loses=("bce_loss",),
        message=r"the default eps is not 1e-12|ignores its eps argument",
        mistakes=("bce-default-eps-not-1e-12", "bce-ignores-eps"),
    ),
    # ------------------------------------------------------------------ wrong: shapes
    Scenario(
        name="shapes_with_the_input_width_for_the_hidden_layer",
        summary="computes the shapes by hand with W1.shape[0] (D) where W1.shape[1] (H) belongs",
        cells={"shapes_code": '''
def shapes_report(X, params):
    N, D = X.shape
    H = params["W1"].shape[0]
    return {"X": (N, D), "Z1": (N, H), "A1": (N, H), "Z2": (N, 1), "A2": (N, 1)}
'''},
        loses=("shapes",),
        message=r"the hidden layer has H = W1.shape\[1\] columns",
        mistakes=("shapes-hidden-width-from-d",),
    ),
    Scenario(
        name="shapes_of_the_weights_instead_of_the_activations",
        summary="reports the shapes of W1 and W2 as if they were Z1 and Z2",
        cells={"shapes_code": '''
def shapes_report(X, params):
    return {"X": X.shape, "Z1": params["W1"].shape, "A1": params["W1"].shape,
            "Z2": params["W2"].shape, "A2": params["W2"].shape}
'''},
        loses=("shapes",),
        message=r"Z1 reports the shape of W1: Z1 has one row per sample",
        mistakes=("shapes-weight-shapes",),
    ),
    # ------------------------------------------------------------------ wrong: values-only and contract
    Scenario(
        name="init_params_with_he_scale",
        summary="scales the weights by sqrt(2 / fan_in) (He initialisation) instead of sqrt(1 / fan_in)",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(2 / 4)
    W2 = rng.standard_normal((3, 1)) * np.sqrt(2 / 3)
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''},
        loses=("init_params",),
        message=r"right draws with the wrong scale",
        mistakes=("init-weights-wrong-scale",),
    ),
    Scenario(
        name="init_params_with_a_generator_per_matrix",
        summary="makes a fresh default_rng(seed) for W1 and another one for W2",
        cells={"init_params_code": '''
def init_params(seed=42):
    W1 = np.random.default_rng(seed).standard_normal((4, 3)) * np.sqrt(1 / 4)
    W2 = np.random.default_rng(seed).standard_normal((3, 1)) * np.sqrt(1 / 3)
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''},
        loses=("init_params",),
        message=r"W2 comes from a second generator",
        mistakes=("init-two-generators",),
    ),
    Scenario(
        name="init_params_with_a_generator_made_once",
        summary="creates rng = default_rng(seed) once at the top of the cell and draws from it in every call",
        cells={"init_params_code": '''
rng = np.random.default_rng(42)


def init_params(seed=42):
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''},
        loses=("init_params",),
        message=r"two calls init_params\(7\) gave different weights",
        mistakes=("init-not-reproducible",),
    ),
    Scenario(
        name="init_params_draws_b1_first",
        summary="draws a random b1 row before W1 and W2, then zeros for b2",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    b1 = rng.standard_normal((1, 3)) * 0.01
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": np.zeros((1, 1))}
'''},
        loses=("init_params",),
        message=r"something took random numbers before W1",
        mistakes=("init-biases-not-zero", "init-draws-before-w1"),
    ),
    Scenario(
        name="init_params_with_integer_zero_biases",
        summary="writes the biases as np.zeros((1, 3), dtype=int)",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    W2 = rng.standard_normal((3, 1)) * np.sqrt(1 / 3)
    return {"W1": W1, "b1": np.zeros((1, 3), dtype=int), "W2": W2, "b2": np.zeros((1, 1), dtype=int)}
'''},
        loses=("init_params",),
        message=r"integer dtype",
        mistakes=("init-integer-biases",),
    ),
    Scenario(
        name="relu_in_place",
        summary="sets the negative entries of z to 0 in place and returns z",
        cells={"activations_code": '''
def relu(z):
    z[z < 0] = 0
    return z
''' + SIGMOID_OK},
        loses=("activations", "forward"),
        message=r"changed its argument",
        mistakes=("modifies-argument", "forward-z1-overwritten"),
    ),
    Scenario(
        name="relu_leaky",
        summary="writes a leaky relu with slope 0.01 for the negative inputs",
        cells={"activations_code": '''
def relu(z):
    return np.where(z > 0, z, 0.01 * z)
''' + SIGMOID_OK},
        loses=("activations", "forward"),
        message=r"relu is leaky",
        mistakes=("relu-leaky",),
    ),
    Scenario(
        name="relu_with_np_max",
        summary="writes np.max(z, 0), which reduces along axis 0, for the elementwise maximum",
        cells={"activations_code": '''
def relu(z):
    return np.max(z, 0)
''' + SIGMOID_OK},
        loses=("activations", "forward"),
        message=r"np.max\(z, 0\) is the largest entry along axis 0",
        mistakes=("relu-np-max-reduces", "shapes-one-dimensional"),
    ),
    Scenario(
        name="init_params_with_w2_as_a_row",
        summary="draws W2 with shape (1, 3), the transpose of the stated (3, 1)",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(1 / 4)
    W2 = rng.standard_normal((1, 3)) * np.sqrt(1 / 3)
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''},
        loses=("init_params",),
        message=r"W2 has the transposed shape \(1, 3\)",
        mistakes=("init-transposed-shape",),
    ),
    Scenario(
        name="sigmoid_textbook_formula_warns",
        summary="1 / (1 + np.exp(-z)): right values, but an overflow warning for z = -1000",
        cells={"activations_code": RELU_OK + '''
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
'''},
        loses=("activations",),
        message=r"raised a RuntimeWarning",
        mistakes=("raises-warning",),
    ),
    Scenario(
        name="sigmoid_where_evaluates_both_branches",
        summary="the two stable forms inside np.where, which computes both of them on every entry",
        cells={"activations_code": RELU_OK + '''
def sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
'''},
        loses=("activations",),
        message=r"np.where evaluates BOTH",
        mistakes=("raises-warning",),
    ),
    Scenario(
        name="sigmoid_through_tanh_without_halving",
        summary="uses the tanh identity but forgets to halve z: (1 + tanh(z)) / 2",
        cells={"activations_code": RELU_OK + '''
def sigmoid(z):
    return 0.5 * (1 + np.tanh(z))
'''},
        loses=("activations", "forward"),
        message=r"forgets to halve z|with z halved inside",
        mistakes=("sigmoid-tanh-without-half",),
    ),
    Scenario(
        name="sigmoid_clips_at_20",
        summary="clips z to [-20, 20] against overflow before the textbook formula",
        cells={"activations_code": RELU_OK + '''
def sigmoid(z):
    z = np.clip(z, -20, 20)
    return 1 / (1 + np.exp(-z))
'''},
        loses=("activations", "forward"),
        message=r"clips z to a small range",
        mistakes=("sigmoid-clips-input",),
    ),
    Scenario(
        name="forward_sigmoid_applied_twice",
        summary="stores the activated output as Z2 and applies the sigmoid again for A2",
        cells={"forward_code": _forward_with(z2_line='Z2 = sigmoid(A1 @ params["W2"] + params["b2"])')},
        loses=("forward",),
        message=r"applies it a second time",
        mistakes=("forward-double-sigmoid",),
    ),
    Scenario(
        name="forward_bias_inside_the_product",
        summary="adds the bias to the weights before multiplying: X @ (W1 + b1)",
        cells={"forward_code": _forward_with(z1_line='Z1 = X @ (W1 + b1)')},
        loses=("forward",),
        message=r"inside the product",
        mistakes=("forward-bias-inside-product",),
    ),
    Scenario(
        name="forward_with_tanh_in_the_hidden_layer",
        summary="uses np.tanh as the hidden activation",
        cells={"forward_code": _forward_with(hidden_line="A1 = np.tanh(Z1)")},
        loses=("forward",),
        message=r"the hidden layer uses tanh",
        mistakes=("forward-tanh-hidden",),
    ),
    Scenario(
        name="forward_reshapes_the_biases_inside_params",
        summary="turns 1-D biases into rows by assigning params[\"b1\"] = params[\"b1\"].reshape(1, -1)",
        cells={"forward_code": '''
def forward(X, params):
    params["b1"] = np.reshape(params["b1"], (1, -1))
    params["b2"] = np.reshape(params["b2"], (1, -1))
    Z1 = X @ params["W1"] + params["b1"]
    A1 = relu(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
'''},
        loses=("forward",),
        message=r"changed its argument `params`",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="forward_with_the_biases_swapped",
        summary="adds b2 in the hidden layer and b1 at the output (a typo between the two layers)",
        cells={"forward_code": _forward_with(z1_line="Z1 = X @ W1 + b2", z2_line="Z2 = A1 @ W2 + b1")},
        loses=("forward", "shapes"),
        message=r"Z1 got the bias b2",
        mistakes=("forward-biases-swapped",),
    ),
    Scenario(
        name="forward_centres_x_in_place",
        summary="centres the batch with X -= X.mean(axis=0) before the first layer",
        cells={"forward_code": _forward_with(z1_line='X -= X.mean(axis=0)\n    Z1 = X @ W1 + b1')},
        loses=("forward",),
        message=r"changed its argument `X`",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="forward_flattens_the_output",
        summary="returns Z2 and A2 as 1-D arrays of N numbers (ravel), so the shapes report shows (N,)",
        cells={"forward_code": _forward_with(z2_line='Z2 = (A1 @ params["W2"] + params["b2"]).ravel()')},
        loses=("forward", "shapes"),
        message=r"flattened to 1-D",
        mistakes=("forward-flattened", "shapes-one-dimensional"),
    ),
    Scenario(
        name="bce_with_log10",
        summary="takes np.log10 for the logs",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    p = np.clip(np.ravel(y_hat), eps, 1 - eps)
    return -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))''')},
        loses=("bce_loss",),
        message=r"log base 10",
        mistakes=("bce-log10",),
    ),
    Scenario(
        name="bce_mean_over_axis_0",
        summary="keeps (N, 1) columns and averages with np.mean(..., axis=0), which returns an array",
        cells={"bce_loss_code": _bce_with('''    y = np.asarray(y, dtype=float).reshape(-1, 1)
    p = np.clip(np.asarray(y_hat, dtype=float).reshape(-1, 1), eps, 1 - eps)
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)), axis=0)''')},
        loses=("bce_loss",),
        message=r"returned an array",
        mistakes=("bce-returns-array",),
    ),
    Scenario(
        name="bce_clips_in_place",
        summary="clips y_hat in place with np.clip(..., out=...) on a flattened view",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    p = np.ravel(y_hat)
    np.clip(p, eps, 1 - eps, out=p)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))''')},
        loses=("bce_loss",),
        message=r"changed its argument `y_hat`",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="bce_only_the_positive_term",
        summary="writes the loss as -mean(y log y_hat), forgetting the (1 - y) term",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    p = np.clip(np.ravel(y_hat), eps, 1 - eps)
    return -np.mean(y * np.log(p))''')},
        loses=("bce_loss",),
        message=r"kept only the y = 1 term",
        mistakes=("bce-missing-negative-term",),
    ),
    Scenario(
        name="bce_log_of_y_hat_twice",
        summary="copies the first log into the second term: (1 - y) * np.log(p) instead of np.log(1 - p)",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y)
    p = np.clip(np.ravel(y_hat), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(p)))''')},
        loses=("bce_loss",),
        message=r"the \(1 - y\) term takes log\(y_hat\)",
        mistakes=("bce-log-of-y-hat-in-both-terms",),
    ),
    Scenario(
        name="bce_guards_only_exact_zeros_and_ones",
        summary="replaces only predictions equal to 0 or 1 by eps and 1 - eps",
        cells={"bce_loss_code": _bce_with('''    y = np.ravel(y).astype(float)
    p = np.ravel(y_hat).astype(float)
    p = np.where(p == 0, eps, np.where(p == 1, 1 - eps, p))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))''')},
        loses=("bce_loss",),
        message=r"guards only predictions of exactly 0 or 1",
        mistakes=("bce-clips-only-exact-zero-one",),
    ),
    Scenario(
        name="shapes_as_lists",
        summary="reports each shape as a list, list(array.shape)",
        cells={"shapes_code": '''
def shapes_report(X, params):
    A2, cache = forward(X, params)
    report = {"X": list(X.shape)}
    for key in ("Z1", "A1", "Z2", "A2"):
        report[key] = list(cache[key].shape)
    return report
'''},
        loses=("shapes",),
        message=r"a shape is a tuple of ints",
        mistakes=("shapes-not-a-tuple",),
    ),
    Scenario(
        name="shapes_as_text",
        summary="reports each shape as the text str(array.shape), as it would print",
        cells={"shapes_code": '''
def shapes_report(X, params):
    A2, cache = forward(X, params)
    report = {"X": str(X.shape)}
    for key in ("Z1", "A1", "Z2", "A2"):
        report[key] = str(cache[key].shape)
    return report
'''},
        loses=("shapes",),
        message=r"X is given as a str: a shape is a tuple of ints",
        mistakes=("shapes-not-a-tuple",),
    ),
    Scenario(
        name="shapes_copied_from_the_chapter",
        summary="returns the shapes of the chapter's example whatever X and params are",
        cells={"shapes_code": '''
def shapes_report(X, params):
    return {"X": (5, 4), "Z1": (5, 3), "A1": (5, 3), "Z2": (5, 1), "A2": (5, 1)}
'''},
        loses=("shapes",),
        message=r"fixed to the chapter's batch",
        mistakes=("shapes-hard-coded",),
    ),
    Scenario(
        name="shapes_with_the_parameters_too",
        summary="adds the shapes of W1, b1, W2 and b2 to the report",
        cells={"shapes_code": '''
def shapes_report(X, params):
    A2, cache = forward(X, params)
    report = {"X": X.shape, "Z1": cache["Z1"].shape, "A1": cache["A1"].shape,
              "Z2": cache["Z2"].shape, "A2": cache["A2"].shape}
    for name in ("W1", "b1", "W2", "b2"):
        report[name] = np.shape(params[name])
    return report
'''},
        loses=("shapes",),
        message=r"more than the five shapes",
        mistakes=("shapes-extra-keys",),
    ),
    # ------------------------------------------------------------------ robustness
    Scenario(
        name="raises_everywhere",
        summary="every function raises ValueError",
        cells={
            "init_params_code": 'def init_params(seed=42):\n    raise ValueError("not done")\n',
            "activations_code": ('def relu(z):\n    raise ValueError("not done")\n\n\n'
                                 'def sigmoid(z):\n    raise ValueError("not done")\n'),
            "forward_code": 'def forward(X, params):\n    raise ValueError("not done")\n',
            "bce_loss_code": 'def bce_loss(y, y_hat, eps=1e-12):\n    raise ValueError("not done")\n',
            "shapes_code": 'def shapes_report(X, params):\n    raise ValueError("not done")\n',
        },
        loses=("init_params", "activations", "forward", "bce_loss", "shapes"),
        message=r"ValueError",
        mistakes=(),
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="a leftover top-level `while True: pass` in the bce_loss cell",
        cells={"bce_loss_code": '''
# quick experiment, forgot to remove
while True:
    pass
''' + BCE_OK},
        loses=("bce_loss",),
        message=r"did not finish within|does not define bce_loss",
        mistakes=(),
    ),
    # ------------------------------------------------------------------ correct alternatives
    Scenario(
        name="init_params_one_draw_of_fifteen",
        summary="draws all 15 weights at once and cuts W1 and W2 from them (W2 as a (1, 3) row transposed)",
        cells={"init_params_code": '''
def init_params(seed=42):
    draws = np.random.default_rng(seed).standard_normal(15)
    W1 = draws[:12].reshape(4, 3) / np.sqrt(4)
    W2 = draws[12:].reshape(1, 3).T / np.sqrt(3)
    return {"W1": W1, "b1": np.zeros((1, 3)), "W2": W2, "b2": np.zeros((1, 1))}
'''},
        full_marks=True,
    ),
    Scenario(
        name="activations_with_abs_and_clipped_exponent",
        summary="relu as (z + |z|) / 2; sigmoid clips z to [-500, 500], where exp cannot overflow",
        cells={"activations_code": '''
def relu(z):
    return (z + np.abs(z)) / 2


def sigmoid(z):
    z = np.clip(z, -500, 500)
    return 1.0 / (1.0 + np.exp(-z))
'''},
        full_marks=True,
    ),
    Scenario(
        name="forward_with_local_bias_rows_and_np_dot",
        summary="reshapes the biases into local rows (params untouched) and multiplies with np.dot",
        cells={"forward_code": '''
def forward(X, params):
    b1 = np.reshape(params["b1"], (1, -1))
    b2 = np.reshape(params["b2"], (1, -1))
    Z1 = np.dot(X, params["W1"]) + b1
    A1 = relu(Z1)
    Z2 = np.dot(A1, params["W2"]) + b2
    A2 = sigmoid(Z2)
    cache = dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)
    return A2, cache
'''},
        full_marks=True,
    ),
    Scenario(
        name="bce_with_log1p_and_a_copy",
        summary="copies y_hat, clips the copy in place and uses np.log1p(-p) for log(1 - p)",
        cells={"bce_loss_code": _bce_with('''    y = np.array(y, dtype=float).flatten()
    p = np.array(y_hat, dtype=float).flatten()
    np.clip(p, eps, 1 - eps, out=p)
    return float(-(y * np.log(p) + (1 - y) * np.log1p(-p)).sum() / y.size)''')},
        full_marks=True,
    ),
    Scenario(
        name="shapes_as_numpy_integers",
        summary="builds each shape with tuple(np.array(...)), so the entries are NumPy integers",
        cells={"shapes_code": '''
def shapes_report(X, params):
    A2, cache = forward(X, params)
    arrays = {"X": X, "Z1": cache["Z1"], "A1": cache["A1"], "Z2": cache["Z2"], "A2": cache["A2"]}
    return {name: tuple(np.array(array.shape)) for name, array in arrays.items()}
'''},
        full_marks=True,
    ),
    Scenario(
        name="init_params_with_rng_normal",
        summary="draws with rng.normal(0, scale, size) and builds the dict with dict(...)",
        cells={"init_params_code": '''
def init_params(seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0.0, 0.5, size=(4, 3))
    W2 = rng.normal(0.0, 1 / np.sqrt(3), size=(3, 1))
    return dict(W1=W1, b1=np.zeros((1, 3)), W2=W2, b2=np.zeros((1, 1)))
'''},
        full_marks=True,
    ),
    Scenario(
        name="activations_with_where_and_tanh",
        summary="relu with np.where, sigmoid through the identity sigma(z) = (1 + tanh(z / 2)) / 2",
        cells={"activations_code": '''
def relu(z):
    return np.where(z > 0, z, 0.0)


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))
'''},
        full_marks=True,
    ),
    Scenario(
        name="activations_with_masks_and_naive_positive_branch",
        summary="relu by multiplying with the mask; sigmoid split by boolean masks, each side stable",
        cells={"activations_code": '''
def relu(z):
    z = np.array(z, dtype=float)
    return z * (z > 0)


def sigmoid(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out
'''},
        full_marks=True,
    ),
    Scenario(
        name="forward_loop_over_samples",
        summary="runs the network one sample at a time with np.dot and stacks the rows",
        cells={"forward_code": '''
def forward(X, params):
    W1, b1 = params["W1"], np.ravel(params["b1"])
    W2, b2 = params["W2"], np.ravel(params["b2"])
    z1_rows, a1_rows, z2_rows = [], [], []
    for x in X:
        z1 = np.dot(x, W1) + b1
        a1 = relu(z1)
        z2 = np.dot(a1, W2) + b2
        z1_rows.append(z1)
        a1_rows.append(a1)
        z2_rows.append(z2)
    Z1, A1, Z2 = np.array(z1_rows), np.array(a1_rows), np.array(z2_rows)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "X": X}
'''},
        full_marks=True,
    ),
    Scenario(
        name="forward_in_column_convention",
        summary="computes with samples as columns (W1.T @ X.T) and transposes back",
        cells={"forward_code": '''
def forward(X, params):
    b1 = np.reshape(params["b1"], (-1, 1))
    b2 = np.reshape(params["b2"], (-1, 1))
    Z1_T = params["W1"].T @ X.T + b1      # (H, N)
    A1_T = relu(Z1_T)
    Z2_T = params["W2"].T @ A1_T + b2     # (1, N)
    A2_T = sigmoid(Z2_T)
    cache = {"Z1": Z1_T.T, "A1": A1_T.T, "Z2": Z2_T.T, "A2": A2_T.T}
    return cache["A2"], cache
'''},
        full_marks=True,
    ),
    Scenario(
        name="bce_with_where_and_log_of_eps_shift",
        summary="picks the term with np.where and guards the log by adding eps instead of clipping",
        cells={"bce_loss_code": _bce_with('''    y = np.asarray(y).ravel()
    y_hat = np.asarray(y_hat, dtype=float).ravel()
    per_sample = np.where(y == 1, -np.log(y_hat + eps), -np.log(1 - y_hat + eps))
    return per_sample.mean()''')},
        full_marks=True,
    ),
    Scenario(
        name="bce_loop_with_math_log",
        summary="a plain loop over the samples with math.log and min/max clipping",
        cells={"bce_loss_code": _bce_with('''    import math
    labels = np.asarray(y, dtype=float).flatten()
    probs = np.asarray(y_hat, dtype=float).flatten()
    total = 0.0
    for label, prob in zip(labels, probs):
        prob = min(max(prob, eps), 1 - eps)
        total += -(label * math.log(prob) + (1 - label) * math.log(1 - prob))
    return total / len(labels)''')},
        full_marks=True,
    ),
    Scenario(
        name="shapes_by_arithmetic",
        summary="computes the shapes from the parameter shapes without running forward",
        cells={"shapes_code": '''
def shapes_report(X, params):
    n = X.shape[0]
    hidden = params["W1"].shape[1]
    out = params["W2"].shape[1]
    return {"X": X.shape, "Z1": (n, hidden), "A1": (n, hidden), "Z2": (n, out), "A2": (n, out)}
'''},
        full_marks=True,
    ),
]
