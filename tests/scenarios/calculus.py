"""Sample submissions for `calculus`: the chapter's common mistakes and correct alternatives.

Each scenario replaces whole solution cells (by grade_id) of the source notebook:
numerical_derivative_code, chain_rule_code, gradient_code, partials_code, sigmoid_derivative_code,
jacobian_hessian_code, adam_vs_gd_code.
"""

from autograder.scenarios import Scenario

ALL_PROBLEMS = ("numerical_derivative", "chain_rule", "gradient", "partials", "sigmoid_derivative",
                "jacobian_hessian", "adam_vs_gd")

# ------------------------------------------------------------------ correct cells, reused below
NUMERICAL_OK = '''
def numerical_derivative(f, x, h=1e-7):
    if np.ndim(x) == 0:
        return float((f(x + h) - f(x - h)) / (2 * h))
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (2 * h)


def derivative_errors(f, df, x, hs):
    x = np.asarray(x, dtype=float)
    errors = []
    for h in hs:
        diff = numerical_derivative(f, x, h) - df(x)
        errors.append(np.max(np.abs(diff)))
    return np.array(errors)
'''

CHAIN_OK = '''
def ln_sin(x):
    return np.log(np.sin(3 * np.asarray(x, dtype=float) ** 2))


def dy_dx(x):
    x = np.asarray(x, dtype=float)
    u = 3 * x**2
    return 6 * x * np.cos(u) / np.sin(u)


def in_domain(x):
    return np.sin(3 * np.asarray(x, dtype=float) ** 2) > 0
'''

GRADIENT_OK = '''
def L(w):
    return (2 * w[0] + 3 * w[1] - 7) ** 2


def grad_L(w):
    r = 2 * w[0] + 3 * w[1] - 7
    return np.array([4 * r, 6 * r], dtype=float)
'''

PARTIALS_OK = '''
def f_xy(x, y):
    return 3 * x**2 * y + 2 * x * y**3


def df_dx(x, y):
    return 6 * x * y + 2 * y**3


def df_dy(x, y):
    return 3 * x**2 + 6 * x * y**2
'''

SIGMOID_OK = '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def vanishing_product(n_layers):
    return 0.25 ** n_layers


def gradient_through_layers(pre_activations):
    product = 1.0
    for z in pre_activations:
        product = product * float(sigmoid_prime(z))
    return product
'''

JACOBIAN_OK = '''
def jacobian(x):
    x1, x2 = x
    return np.array([[2 * x1, 0], [x2, x1], [0, 2 * x2]], dtype=float)


def hessian(a=1.0, b=4.0, c=1.0):
    return np.array([[2 * a, b], [b, 2 * c]], dtype=float)


def classify_definiteness(H, tol=1e-10):
    lam = np.linalg.eigvalsh(H)
    if np.all(lam > tol):
        return "positive definite"
    if np.all(lam < -tol):
        return "negative definite"
    if np.any(lam > tol) and np.any(lam < -tol):
        return "indefinite"
    if np.all(lam >= -tol):
        return "positive semidefinite"
    return "negative semidefinite"


def condition_number(H, tol=1e-10):
    lam = np.abs(np.linalg.eigvalsh(H))
    if lam.min() <= tol:
        return float("inf")
    return lam.max() / lam.min()
'''

ADAM_OK = '''
def grad_quad(p):
    return np.array([2 * p[0], 8 * p[1]], dtype=float)


def gd(grad, start, lr, steps):
    x = np.array(start, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * grad(x)
        path.append(x.copy())
    return np.array(path)


def adam(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
    x = np.array(start, dtype=float)
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    path = [x.copy()]
    for t in range(1, steps + 1):
        g = grad(x)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        x = x - lr * m_hat / (np.sqrt(v_hat) + eps)
        path.append(x.copy())
    return np.array(path)


def plot_paths(gd_path, adam_path):
    fig, ax = plt.subplots()
    ax.plot(gd_path[:, 0], gd_path[:, 1], "o-", label="gradient descent")
    ax.plot(adam_path[:, 0], adam_path[:, 1], ".-", label="Adam")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("GD vs Adam")
    ax.legend()
    return ax
'''


def _raise(signature: str) -> str:
    return f"def {signature}:\n    raise ValueError('not done')\n"


def _replaced(text: str, old: str, new: str) -> str:
    """text with old replaced by new; fails loudly when old is not there (a stale scenario)."""
    if old not in text:
        raise ValueError(f"scenario building block does not contain {old!r}")
    return text.replace(old, new)


SCENARIOS = [
    # ============================================================== numerical_derivative
    Scenario(
        name="numerical_forward_difference",
        summary="(f(x + h) - f(x)) / h: the one-sided quotient of the definition instead of the central one.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace(
            "(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x)) / h")},
        loses=("numerical_derivative",),
        message=r"one-sided difference",
        mistakes=("nd-forward-difference", "errors-forward-difference"),
    ),
    Scenario(
        name="numerical_divides_by_h",
        summary="(f(x + h) - f(x - h)) / h: the distance between the two points is 2h.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace(
            "(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x - h)) / h")},
        loses=("numerical_derivative",),
        message=r"divided by h instead of 2h",
        mistakes=("nd-divides-by-h", "errors-divides-by-h"),
    ),
    Scenario(
        name="numerical_operator_precedence",
        summary="(f(x + h) - f(x - h)) / 2 * h: multiplies by h instead of dividing.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace(
            "(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x - h)) / 2 * h")},
        loses=("numerical_derivative",),
        message=r"forgot the parentheses",
        mistakes=("nd-parentheses",),
    ),
    Scenario(
        name="numerical_always_returns_an_array",
        summary="np.atleast_1d on the result: a number in gives an array of shape (1,) out.",
        cells={"numerical_derivative_code": '''
def numerical_derivative(f, x, h=1e-7):
    x = np.atleast_1d(np.asarray(x, dtype=float))
    return (f(x + h) - f(x - h)) / (2 * h)


def derivative_errors(f, df, x, hs):
    return np.array([np.max(np.abs(numerical_derivative(f, x, h) - df(np.asarray(x, dtype=float))))
                     for h in hs])
'''},
        loses=("numerical_derivative",),
        message=r"another shape than x",
        mistakes=("nd-shape",),
    ),
    Scenario(
        name="errors_without_absolute_value",
        summary="derivative_errors takes the max of the signed differences.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace("np.max(np.abs(diff))", "np.max(diff)")},
        loses=("numerical_derivative",),
        message=r"absolute values",
        mistakes=("errors-no-absolute-value",),
    ),
    Scenario(
        name="errors_averaged",
        summary="derivative_errors reports the mean error over the points instead of the largest.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace("np.max(np.abs(diff))", "np.mean(np.abs(diff))")},
        loses=("numerical_derivative",),
        message=r"averaged the errors",
        mistakes=("errors-averaged",),
    ),
    # ============================================================== chain_rule
    Scenario(
        name="chain_rule_without_inner_derivative",
        summary="dy/dx = cot(3x^2): stops after the outer two layers.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "6 * x * np.cos(u) / np.sin(u)", "np.cos(u) / np.sin(u)")},
        loses=("chain_rule",),
        message=r"inner function 3x\^2 is missing",
        mistakes=("chain-no-inner-derivative",),
    ),
    Scenario(
        name="chain_rule_tan_instead_of_cot",
        summary="Writes sin/cos instead of cos/sin: 6x tan(3x^2).",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "6 * x * np.cos(u) / np.sin(u)", "6 * x * np.tan(u)")},
        loses=("chain_rule",),
        message=r"not tan u",
        mistakes=("chain-tan-not-cot",),
    ),
    Scenario(
        name="domain_includes_zero",
        summary="in_domain uses sin(3x^2) >= 0, so x = 0 (where ln 0 is undefined) counts as inside.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "** 2) > 0", "** 2) >= 0")},
        loses=("chain_rule",),
        message=r"strictly",
        mistakes=("domain-not-strict",),
    ),
    Scenario(
        name="domain_only_the_first_ring",
        summary="in_domain returns 0 < |x| < sqrt(pi / 3), missing the outer rings.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "    return np.sin(3 * np.asarray(x, dtype=float) ** 2) > 0",
                                            "    x = np.asarray(x, dtype=float)\n"
                                            "    return (x != 0) & (np.abs(x) < np.sqrt(np.pi / 3))")},
        loses=("chain_rule",),
        message=r"not one interval",
        mistakes=("domain-one-interval",),
    ),
    # ============================================================== gradient
    Scenario(
        name="gradient_without_the_outer_factor_two",
        summary="grad L = [2r, 3r]: the derivative of r^2 taken as r.",
        cells={"gradient_code": _replaced(GRADIENT_OK, "[4 * r, 6 * r]", "[2 * r, 3 * r]")},
        loses=("gradient",),
        message=r"missing its factor 2",
        mistakes=("grad-outer-factor-missing",),
    ),
    Scenario(
        name="gradient_returns_the_descent_direction",
        summary="Returns -grad L = [8, 12] at (1, 1), the direction to move in.",
        cells={"gradient_code": _replaced(GRADIENT_OK, "[4 * r, 6 * r]", "[-4 * r, -6 * r]")},
        loses=("gradient",),
        message=r"descent direction",
        mistakes=("grad-descent-direction",),
    ),
    # ============================================================== partials
    Scenario(
        name="partials_swapped",
        summary="df_dx and df_dy exchanged.",
        cells={"partials_code": PARTIALS_OK.replace("return 6 * x * y + 2 * y**3", "return TMP").replace(
            "return 3 * x**2 + 6 * x * y**2", "return 6 * x * y + 2 * y**3").replace(
            "return TMP", "return 3 * x**2 + 6 * x * y**2")},
        loses=("partials",),
        message=r"swapped",
        mistakes=("partials-swapped",),
    ),
    Scenario(
        name="partials_constant_factor_dropped",
        summary="d/dx (3x^2 y) written as 6x and d/dy (2x y^3) as 6y^2: the held-constant factor is lost.",
        cells={"partials_code": _replaced(_replaced(PARTIALS_OK, "6 * x * y + 2 * y**3", "6 * x + 2 * y**3"),
                                          "3 * x**2 + 6 * x * y**2", "3 * x**2 + 6 * y**2")},
        loses=("partials",),
        message=r"y is a constant when differentiating in x",
        mistakes=("partials-constant-factor-dropped",),
    ),
    # ============================================================== sigmoid_derivative
    Scenario(
        name="sigmoid_prime_overflows",
        summary="sigma'(z) = exp(-z) / (1 + exp(-z))^2 directly: inf / inf = nan at z = -1000.",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, "    s = sigmoid(z)\n    return s * (1 - s)",
                                                    "    z = np.asarray(z, dtype=float)\n"
                                                    "    return np.exp(-z) / (1 + np.exp(-z)) ** 2")},
        loses=("sigmoid_derivative",),
        message=r"nan for large \|z\|",
        mistakes=("sigmoid-prime-nan-large-z",),
    ),
    Scenario(
        name="sigmoid_prime_one_minus_z",
        summary="sigma(z) * (1 - z): the complement taken of z instead of sigma(z).",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, "return s * (1 - s)", "return s * (1 - z)")},
        loses=("sigmoid_derivative",),
        message=r"not 1 - z",
        mistakes=("sigmoid-prime-one-minus-z", "product-inherits-sigmoid-prime"),
    ),
    Scenario(
        name="vanishing_product_with_one_half",
        summary="0.5 ** n: the largest sigmoid value instead of the largest derivative.",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, "0.25 ** n_layers", "0.5 ** n_layers")},
        loses=("sigmoid_derivative",),
        message=r"not the largest sigmoid value 0.5",
        mistakes=("vanishing-half-not-quarter",),
    ),
    Scenario(
        name="gradient_through_layers_sums",
        summary="Adds the local derivatives instead of multiplying them.",
        cells={"sigmoid_derivative_code": _replaced(_replaced(
            SIGMOID_OK, "product = 1.0", "product = 0.0"), "product * float", "product + float")},
        loses=("sigmoid_derivative",),
        message=r"not the sum",
        mistakes=("product-summed",),
    ),
    # ============================================================== jacobian_hessian
    Scenario(
        name="jacobian_transposed",
        summary="One column per output: a (2, 3) matrix.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "[[2 * x1, 0], [x2, x1], [0, 2 * x2]]",
                                                  "[[2 * x1, x2, 0], [0, x1, 2 * x2]]")},
        loses=("jacobian_hessian",),
        message=r"transposed",
        mistakes=("jacobian-transposed",),
    ),
    Scenario(
        name="hessian_halves_the_mixed_term",
        summary="Puts b / 2 off the diagonal (the symmetric-matrix form of the quadratic, not its Hessian).",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "[[2 * a, b], [b, 2 * c]]",
                                                  "[[2 * a, b / 2], [b / 2, 2 * c]]")},
        loses=("jacobian_hessian",),
        message=r"not b / 2",
        mistakes=("hessian-mixed-factor",),
    ),
    Scenario(
        name="classify_without_tolerance",
        summary="Compares the eigenvalues with 0 instead of tol, so rounding noise decides semidefinite cases.",
        cells={"jacobian_hessian_code": JACOBIAN_OK.replace("lam > tol", "lam > 0").replace(
            "lam < -tol", "lam < 0").replace("lam >= -tol", "lam >= 0")},
        loses=("jacobian_hessian",),
        message=r"counts as 0",
        mistakes=("definiteness-tolerance",),
    ),
    Scenario(
        name="classify_by_the_diagonal",
        summary="Decides definiteness from the signs of the diagonal entries.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "lam = np.linalg.eigvalsh(H)\n    if",
                                                  "lam = np.diag(np.asarray(H, dtype=float))\n    if")},
        loses=("jacobian_hessian",),
        message=r"signs of the diagonal entries",
        mistakes=("definiteness-by-diagonal",),
    ),
    Scenario(
        name="condition_number_signed",
        summary="lambda_max / lambda_min of the signed eigenvalues: -3 for x^2 + 4xy + y^2.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, '''    lam = np.abs(np.linalg.eigvalsh(H))
    if lam.min() <= tol:
        return float("inf")
    return lam.max() / lam.min()''', '''    lam = np.linalg.eigvalsh(H)
    if np.abs(lam).min() <= tol:
        return float("inf")
    return lam.max() / lam.min()''')},
        loses=("jacobian_hessian",),
        message=r"uses absolute values",
        mistakes=("condition-signed-ratio",),
    ),
    Scenario(
        name="condition_number_np_cond_without_guard",
        summary="np.linalg.cond(H): right for invertible H, about 6e16 instead of inf for [[1, 1], [1, 1]].",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, '''    lam = np.abs(np.linalg.eigvalsh(H))
    if lam.min() <= tol:
        return float("inf")
    return lam.max() / lam.min()''', "    return np.linalg.cond(H)")},
        loses=("jacobian_hessian",),
        message=r"H is singular: .* condition number is inf",
        mistakes=("condition-singular-finite",),
    ),
    # ============================================================== adam_vs_gd
    Scenario(
        name="adam_without_bias_correction",
        summary="Uses m and v directly: the first steps are far too small.",
        cells={"adam_vs_gd_code": _replaced(_replaced(ADAM_OK, "m / (1 - beta1**t)", "m"), "v / (1 - beta2**t)", "v")},
        loses=("adam_vs_gd",),
        message=r"bias correction is missing",
        mistakes=("adam-no-bias-correction",),
    ),
    Scenario(
        name="adam_eps_inside_the_root",
        summary="lr * m_hat / sqrt(v_hat + eps).",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "(np.sqrt(v_hat) + eps)", "np.sqrt(v_hat + eps)")},
        loses=("adam_vs_gd",),
        message=r"eps goes after the square root",
        mistakes=("adam-eps-inside-sqrt",),
    ),
    Scenario(
        name="adam_counts_t_from_zero",
        summary="for t in range(steps): the first bias correction divides by 1 - beta^0 = 0.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "for t in range(1, steps + 1):", "for t in range(steps):")},
        loses=("adam_vs_gd",),
        message=r"start at t = 1",
        mistakes=("adam-t-from-zero",),
    ),
    Scenario(
        name="gd_appends_the_same_array",
        summary="x -= lr * grad(x) in place and path.append(x): every row is the last point.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, '''    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * grad(x)
        path.append(x.copy())''', '''    path = [x]
    for _ in range(steps):
        x -= lr * grad(x)
        path.append(x)''')},
        loses=("adam_vs_gd",),
        message=r"same array object",
        mistakes=("path-rows-aliased",),
    ),
    Scenario(
        name="adam_returns_only_the_final_point",
        summary="Adam keeps only the current point and returns it, as an optimiser in a library would.",
        cells={"adam_vs_gd_code": _replaced(_replaced(ADAM_OK, "        path.append(x.copy())\n    return np.array(path)\n\n\ndef plot",
                                                      "    return x\n\n\ndef plot"),
                                            "    path = [x.copy()]\n    for t in", "    for t in")},
        loses=("adam_vs_gd",),
        message=r"not only the final one",
        mistakes=("path-final-point-only",),
    ),
    Scenario(
        name="gd_returns_final_point_and_path",
        summary="gd returns (x, path) like the chapter's demo function instead of the path alone.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "        path.append(x.copy())\n    return np.array(path)\n\n\ndef adam",
                                            "        path.append(x.copy())\n    return x, np.array(path)\n\n\ndef adam")},
        loses=("adam_vs_gd",),
        message=r"not a tuple such as \(final point, path\)",
        mistakes=("path-returned-tuple",),
    ),
    Scenario(
        name="plot_coordinates_against_steps",
        summary="Plots x and y of each path against the step number instead of the path in the plane.",
        cells={"adam_vs_gd_code": _replaced(_replaced(
            ADAM_OK, 'ax.plot(gd_path[:, 0], gd_path[:, 1], "o-", label="gradient descent")',
            'ax.plot(gd_path[:, 0], label="gradient descent x")\n    ax.plot(gd_path[:, 1], label="gradient descent y")'),
            'ax.plot(adam_path[:, 0], adam_path[:, 1], ".-", label="Adam")',
            'ax.plot(adam_path[:, 0], label="Adam x")\n    ax.plot(adam_path[:, 1], label="Adam y")')},
        loses=("adam_vs_gd",),
        message=r"plotted against the step number",
        mistakes=("plot-coordinate-vs-step",),
    ),
    Scenario(
        name="plot_without_labels_or_legend",
        summary="The two paths are drawn but unlabelled: no legend, no axis labels, no title.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, '''    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("GD vs Adam")
    ax.legend()
''', "")},
        loses=("adam_vs_gd",),
        message=r"missing: x label, y label, title",
        mistakes=("plot-missing-labels",),
    ),
    # ============================================================== values-only and contract mistakes (issue 13)
    Scenario(
        name="numerical_single_point_as_a_number",
        summary="numerical_derivative returns float(...) whenever x has one element, so np.array([0.7]) gives a "
                "number instead of an array of shape (1,).",
        cells={"numerical_derivative_code": _replaced(
            NUMERICAL_OK, "    if np.ndim(x) == 0:\n        return float((f(x + h) - f(x - h)) / (2 * h))",
            "    if np.size(x) == 1:\n        return np.asarray((f(x + h) - f(x - h)) / (2 * h)).item()")},
        loses=("numerical_derivative",),
        message=r"array of one element stays an array",
        mistakes=("nd-shape",),
    ),
    Scenario(
        name="errors_max_over_the_steps",
        summary="derivative_errors builds the table of |errors| (one row per h) and takes the maximum over axis 0, "
                "one number per point instead of one per step.",
        cells={"numerical_derivative_code": _replaced(NUMERICAL_OK, """    errors = []
    for h in hs:
        diff = numerical_derivative(f, x, h) - df(x)
        errors.append(np.max(np.abs(diff)))
    return np.array(errors)""", """    table = np.array([np.abs(numerical_derivative(f, x, h) - df(x)) for h in hs])
    return table.max(axis=0)""")},
        loses=("numerical_derivative",),
        message=r"one number per step",
        mistakes=("errors-max-over-wrong-axis",),
    ),
    Scenario(
        name="ln_sin_log10",
        summary="ln_sin uses np.log10 (the 'log' key of a calculator); dy_dx is right.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "return np.log(np.sin(", "return np.log10(np.sin(")},
        loses=("chain_rule",),
        message=r"natural logarithm",
        mistakes=("ln-wrong-base",),
    ),
    Scenario(
        name="chain_rule_reads_3x_squared_as_9x_squared",
        summary="Reads 3x^2 as (3x)^2 everywhere: ln(sin(9x^2)), 18x cot(9x^2) and sin(9x^2) > 0.",
        cells={"chain_rule_code": CHAIN_OK.replace("3 * np.asarray(x, dtype=float) ** 2",
                                                   "(3 * np.asarray(x, dtype=float)) ** 2").replace(
            "    u = 3 * x**2\n    return 6 * x * np.cos(u) / np.sin(u)",
            "    u = (3 * x) ** 2\n    return 18 * x * np.cos(u) / np.sin(u)")},
        loses=("chain_rule",),
        message=r"three times x squared",
        mistakes=("three-x-squared-misread",),
    ),
    Scenario(
        name="domain_as_numbers",
        summary="in_domain returns (sin(3x^2) > 0).astype(float): 1.0 and 0.0 instead of True and False.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "    return np.sin(3 * np.asarray(x, dtype=float) ** 2) > 0",
                                            "    return (np.sin(3 * np.asarray(x, dtype=float) ** 2) > 0).astype(float)")},
        loses=("chain_rule",),
        message=r"must return booleans",
        mistakes=("domain-not-boolean",),
    ),
    Scenario(
        name="loss_with_the_half_convention",
        summary="L = 0.5 r^2 (the machine-learning convention) and its gradient [2r, 3r].",
        cells={"gradient_code": _replaced(_replaced(GRADIENT_OK, "return (2 * w[0] + 3 * w[1] - 7) ** 2",
                                                    "return 0.5 * (2 * w[0] + 3 * w[1] - 7) ** 2"),
                                          "[4 * r, 6 * r]", "[2 * r, 3 * r]")},
        loses=("gradient",),
        message=r"without a factor 1/2",
        mistakes=("loss-half-factor", "grad-outer-factor-missing"),
    ),
    Scenario(
        name="gradient_constant_plus_seven",
        summary="The residual written as 2 w1 + 3 w2 + 7 in both L and grad_L.",
        cells={"gradient_code": GRADIENT_OK.replace("- 7", "+ 7")},
        loses=("gradient",),
        message=r"the constant is -7",
        mistakes=("loss-constant-sign", "grad-constant-sign"),
    ),
    Scenario(
        name="gradient_as_a_list",
        summary="grad_L returns the Python list [4r, 6r] although the contract asks for an np.ndarray.",
        cells={"gradient_code": _replaced(GRADIENT_OK, "return np.array([4 * r, 6 * r], dtype=float)",
                                          "return [4 * r, 6 * r]")},
        loses=("gradient",),
        message=r"grad_L returned a Python list",
        mistakes=("grad-list-not-ndarray",),
    ),
    Scenario(
        name="partials_power_rule_coefficient",
        summary="d/dy (2x y^3) written as 3x y^2: the coefficient 2 of the term is lost (a factor off).",
        cells={"partials_code": _replaced(PARTIALS_OK, "return 3 * x**2 + 6 * x * y**2", "return 3 * x**2 + 3 * x * y**2")},
        loses=("partials",),
        message=r"power rule gives 3 \* 2 = 6",
        mistakes=("partials-power-rule",),
    ),
    Scenario(
        name="sigmoid_applied_twice",
        summary="sigmoid_prime computes s = sigmoid(z) and then sigmoid(s) * (1 - sigmoid(s)); "
                "gradient_through_layers uses it, so its products are off too.",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, "    s = sigmoid(z)\n    return s * (1 - s)",
                                                    "    s = sigmoid(z)\n    return sigmoid(s) * (1 - sigmoid(s))")},
        loses=("sigmoid_derivative",),
        message=r"applied the sigmoid twice",
        mistakes=("sigmoid-applied-twice",),
    ),
    Scenario(
        name="sigmoid_naive_overflow_warning",
        summary="sigmoid as 1 / (1 + np.exp(-z)): the values are right (exp(1000) = inf gives 0) but numpy warns "
                "'overflow encountered in exp', which the contract rules out.",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, """    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))""", """    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))""")},
        loses=("sigmoid_derivative",),
        message=r"raised a RuntimeWarning",
        mistakes=("raises-warning",),
    ),
    Scenario(
        name="sigmoid_overwrites_its_argument",
        summary="A stable sigmoid written with boolean masks into z itself (np.asarray makes no copy of a float "
                "array), so the caller's array is overwritten by the result.",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, """    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))""", """    z = np.asarray(z, dtype=float)
    positive = z >= 0
    e = np.exp(-np.abs(z))
    z[positive] = 1 / (1 + e[positive])
    z[~positive] = e[~positive] / (1 + e[~positive])
    return z""")},
        loses=("sigmoid_derivative",),
        message=r"changed its argument",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="vanishing_product_power_swapped",
        summary="n_layers ** 0.25 instead of 0.25 ** n_layers.",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, "return 0.25 ** n_layers", "return n_layers ** 0.25")},
        loses=("sigmoid_derivative",),
        message=r"base and the exponent are swapped",
        mistakes=("vanishing-power-swapped",),
    ),
    Scenario(
        name="classify_ignores_tol",
        summary="classify_definiteness compares with the constant 1e-10 instead of its argument tol.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, """    lam = np.linalg.eigvalsh(H)
    if np.all(lam > tol):""", """    lam = np.linalg.eigvalsh(H)
    tol = 1e-10
    if np.all(lam > tol):""")},
        loses=("jacobian_hessian",),
        message=r"with the tol that classify_definiteness is given",
        mistakes=("definiteness-tolerance",),
    ),
    Scenario(
        name="classify_non_strict_at_tol",
        summary="classify_definiteness counts an eigenvalue with lambda >= tol as positive (and <= -tol as "
                "negative): the boundary |lambda| = tol is read the wrong way.",
        cells={"jacobian_hessian_code": JACOBIAN_OK.replace("lam > tol", "lam >= tol").replace("lam < -tol", "lam <= -tol")},
        loses=("jacobian_hessian",),
        message=r"exactly equal to tol",
        mistakes=("definiteness-tolerance",),
    ),
    Scenario(
        name="classify_negative_semidefinite_first",
        summary="Checks 'every lambda <= tol' (negative semidefinite) before 'every lambda >= -tol', so the zero "
                "matrix comes out negative semidefinite.",
        cells={"jacobian_hessian_code": _replaced(
            JACOBIAN_OK,
            '    if np.all(lam >= -tol):\n        return "positive semidefinite"\n    return "negative semidefinite"',
            '    if np.all(lam <= tol):\n        return "negative semidefinite"\n    return "positive semidefinite"')},
        loses=("jacobian_hessian",),
        message=r"all 0 \(within tol\)",
        mistakes=("definiteness-zero-matrix",),
    ),
    Scenario(
        name="condition_number_strict_at_tol",
        summary="condition_number treats H as singular only when min |lambda| < tol, so an eigenvalue equal to tol "
                "gives a finite ratio.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "    if lam.min() <= tol:", "    if lam.min() < tol:")},
        loses=("jacobian_hessian",),
        message=r"equal to tol",
        mistakes=("condition-singular-finite",),
    ),
    Scenario(
        name="jacobian_as_nested_lists",
        summary="jacobian returns the nested Python list [[2 x1, 0], [x2, x1], [0, 2 x2]].",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "    return np.array([[2 * x1, 0], [x2, x1], [0, 2 * x2]], dtype=float)",
                                                  "    return [[2 * x1, 0.0], [x2, x1], [0.0, 2 * x2]]")},
        loses=("jacobian_hessian",),
        message=r"returned a Python list",
        mistakes=("jacobian-list-not-ndarray",),
    ),
    Scenario(
        name="gd_updates_the_start_in_place",
        summary="gd takes x = np.asarray(start, dtype=float) (no copy of a float array) and updates it with "
                "x -= lr * grad(x): the path is right, the caller's start is overwritten.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, """    x = np.array(start, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * grad(x)""", """    x = np.asarray(start, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x -= lr * grad(x)""")},
        loses=("adam_vs_gd",),
        message=r"changed its argument `start`",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="gd_path_default_argument",
        summary="gd keeps its points in a default argument path=[], so every call appends to the same list.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, """def gd(grad, start, lr, steps):
    x = np.array(start, dtype=float)
    path = [x.copy()]""", """def gd(grad, start, lr, steps, path=[]):
    x = np.array(start, dtype=float)
    path.append(x.copy())""")},
        loses=("adam_vs_gd",),
        message=r"keeps points from an earlier call",
        mistakes=("path-shared-between-calls",),
    ),
    Scenario(
        name="adam_eps_outside_the_fraction",
        summary="x = x - lr * m_hat / np.sqrt(v_hat) + eps: the parentheses around the denominator are missing.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "x = x - lr * m_hat / (np.sqrt(v_hat) + eps)",
                                            "x = x - lr * m_hat / np.sqrt(v_hat) + eps")},
        loses=("adam_vs_gd",),
        message=r"eps belongs in the denominator",
        mistakes=("adam-eps-outside-fraction",),
    ),
    Scenario(
        name="plot_scatter_instead_of_lines",
        summary="plot_paths draws each path with ax.scatter: points without the line through them.",
        cells={"adam_vs_gd_code": _replaced(_replaced(
            ADAM_OK, 'ax.plot(gd_path[:, 0], gd_path[:, 1], "o-", label="gradient descent")',
            'ax.scatter(gd_path[:, 0], gd_path[:, 1], label="gradient descent")'),
            'ax.plot(adam_path[:, 0], adam_path[:, 1], ".-", label="Adam")',
            'ax.scatter(adam_path[:, 0], adam_path[:, 1], label="Adam")')},
        loses=("adam_vs_gd",),
        message=r"not as a scatter",
        mistakes=("plot-scatter-not-line",),
    ),
    Scenario(
        name="plot_on_the_current_axes",
        summary="plot_paths draws with plt.plot and returns plt.gca(): no new figure, so the second call's plot "
                "still holds the first call's lines.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, """    fig, ax = plt.subplots()
    ax.plot(gd_path[:, 0], gd_path[:, 1], "o-", label="gradient descent")""", """    ax = plt.gca()
    ax.plot(gd_path[:, 0], gd_path[:, 1], "o-", label="gradient descent")""")},
        loses=("adam_vs_gd",),
        message=r"must draw on a new Axes",
        mistakes=("plot-reuses-axes",),
    ),
    Scenario(
        name="errors_as_a_norm_over_the_points",
        summary="derivative_errors reports np.linalg.norm of the errors over the points instead of the largest one.",
        cells={"numerical_derivative_code": _replaced(NUMERICAL_OK, "errors.append(np.max(np.abs(diff)))",
                                                      "errors.append(np.linalg.norm(diff))")},
        loses=("numerical_derivative",),
        message=r"took a norm of the errors",
        mistakes=("errors-norm-not-max",),
    ),
    Scenario(
        name="domain_as_a_list",
        summary="in_domain builds a list [bool(np.sin(3 * v**2) > 0) for v in x] for an array x.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "    return np.sin(3 * np.asarray(x, dtype=float) ** 2) > 0",
                                            "    if np.ndim(x) == 0:\n"
                                            "        return bool(np.sin(3 * x**2) > 0)\n"
                                            "    return [bool(np.sin(3 * v**2) > 0) for v in np.ravel(x)]")},
        loses=("chain_rule",),
        message=r"in_domain returned a Python list",
        mistakes=("domain-list-not-ndarray",),
    ),
    Scenario(
        name="condition_number_tests_the_signed_minimum",
        summary="condition_number declares H singular when the smallest signed eigenvalue is <= tol, so every "
                "matrix with a negative eigenvalue (x^2 + 4xy + y^2 included) gets inf.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, '''    lam = np.abs(np.linalg.eigvalsh(H))
    if lam.min() <= tol:
        return float("inf")
    return lam.max() / lam.min()''', '''    lam = np.linalg.eigvalsh(H)
    if lam.min() <= tol:
        return float("inf")
    return np.abs(lam).max() / np.abs(lam).min()''')},
        loses=("jacobian_hessian",),
        message=r"a negative eigenvalue is not a zero one",
        mistakes=("condition-signed-singularity-test",),
    ),
    Scenario(
        name="adam_corrects_v_after_the_root",
        summary="Adam divides by sqrt(v) / (1 - beta2**t) + eps: the bias correction of v taken outside the root.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "x = x - lr * m_hat / (np.sqrt(v_hat) + eps)",
                                            "x = x - lr * m_hat / (np.sqrt(v) / (1 - beta2**t) + eps)")},
        loses=("adam_vs_gd",),
        message=r"bias correction of v goes inside the square root",
        mistakes=("adam-v-correction-outside-sqrt",),
    ),
    # ============================================================== whole-notebook failures
    Scenario(
        name="raises_everywhere",
        summary="Every function raises ValueError.",
        cells={
            "numerical_derivative_code": "\n\n".join(_raise(s) for s in (
                "numerical_derivative(f, x, h=1e-7)", "derivative_errors(f, df, x, hs)")),
            "chain_rule_code": "\n\n".join(_raise(s) for s in ("ln_sin(x)", "dy_dx(x)", "in_domain(x)")),
            "gradient_code": "\n\n".join(_raise(s) for s in ("L(w)", "grad_L(w)")),
            "partials_code": "\n\n".join(_raise(s) for s in ("f_xy(x, y)", "df_dx(x, y)", "df_dy(x, y)")),
            "sigmoid_derivative_code": "\n\n".join(_raise(s) for s in (
                "sigmoid(z)", "sigmoid_prime(z)", "vanishing_product(n_layers)",
                "gradient_through_layers(pre_activations)")),
            "jacobian_hessian_code": "\n\n".join(_raise(s) for s in (
                "jacobian(x)", "hessian(a=1.0, b=4.0, c=1.0)", "classify_definiteness(H, tol=1e-10)",
                "condition_number(H, tol=1e-10)")),
            "adam_vs_gd_code": "\n\n".join(_raise(s) for s in (
                "grad_quad(p)", "gd(grad, start, lr, steps)",
                "adam(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8)",
                "plot_paths(gd_path, adam_path)")),
        },
        loses=ALL_PROBLEMS,
        message=r"raised ValueError: not done",
        mistakes=(),
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="The Adam cell ends with a top-level `while True: pass` (waiting for a run to converge).",
        cells={"adam_vs_gd_code": ADAM_OK + '''

converged = False
while True:
    pass
'''},
        loses=("adam_vs_gd",),
        message=r"does not define|did not finish|time limit",
        mistakes=(),
    ),

    # ============================================================== correct alternatives
    Scenario(
        name="loops_and_explicit_formulas",
        summary="Central differences entry by entry with np.ndindex and / 2 / h; dy/dx as 6x / tan(3x^2); "
                "in_domain returning np.bool_ for a number; grad_L built from Python floats; partials with explicit "
                "products.",
        full_marks=True,
        cells={
            "numerical_derivative_code": '''
def numerical_derivative(f, x, h=1e-7):
    if np.isscalar(x):
        return (f(x + h) - f(x - h)) / 2 / h
    x = np.asarray(x, dtype=float)
    out = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        out[index] = (f(x[index] + h) - f(x[index] - h)) / 2 / h
    return out


def derivative_errors(f, df, x, hs):
    points = np.atleast_1d(np.asarray(x, dtype=float))
    table = np.zeros(len(hs))
    for i, h in enumerate(hs):
        worst = 0.0
        for p in points:
            worst = max(worst, abs(numerical_derivative(f, p, h) - df(p)))
        table[i] = worst
    return table
''',
            "chain_rule_code": '''
def ln_sin(x):
    return np.log(np.sin(3 * np.square(x)))


def dy_dx(x):
    x = np.asarray(x, dtype=float)
    return 6 * x / np.tan(3 * x * x)


def in_domain(x):
    value = np.sin(3 * np.asarray(x, dtype=float) ** 2)
    return np.greater(value, 0.0)
''',
            "gradient_code": '''
def L(w):
    w1, w2 = w
    residual = 2 * w1 + 3 * w2 - 7
    return residual * residual


def grad_L(w):
    w1, w2 = float(w[0]), float(w[1])
    residual = 2 * w1 + 3 * w2 - 7
    return np.array([2 * residual * 2, 2 * residual * 3])
''',
            "partials_code": '''
def f_xy(x, y):
    return 3 * x * x * y + 2 * x * y * y * y


def df_dx(x, y):
    return 6 * x * y + 2 * y * y * y


def df_dy(x, y):
    return 3 * x * x + 6 * x * y * y
''',
        },
    ),
    Scenario(
        name="naive_sigmoid_and_symmetric_derivative",
        summary="sigmoid as 1 / (1 + exp(-z)) (overflow warnings, right values); sigma' = e^-|z| / (1 + e^-|z|)^2; "
                "np.power and np.prod for the products.",
        full_marks=True,
        cells={"sigmoid_derivative_code": '''
def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def sigmoid_prime(z):
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))
    return e / (1 + e) ** 2


def vanishing_product(n_layers):
    return np.power(0.25, n_layers)


def gradient_through_layers(pre_activations):
    return float(np.prod(sigmoid_prime(np.asarray(pre_activations, dtype=float))))
'''},
    ),
    Scenario(
        name="linalg_alternatives",
        summary="Jacobian stacked from the gradients of the outputs; definiteness from np.linalg.eig and "
                "counts of signs; condition number from np.linalg.cond with a singularity guard.",
        full_marks=True,
        cells={"jacobian_hessian_code": '''
def jacobian(x):
    x1, x2 = float(x[0]), float(x[1])
    rows = [np.array([2 * x1, 0.0]),     # gradient of x1^2
            np.array([x2, x1]),          # gradient of x1 x2
            np.array([0.0, 2 * x2])]     # gradient of x2^2
    return np.vstack(rows)


def hessian(a=1.0, b=4.0, c=1.0):
    H = np.zeros((2, 2))
    H[0, 0] = 2 * a
    H[1, 1] = 2 * c
    H[0, 1] = H[1, 0] = b
    return H


def classify_definiteness(H, tol=1e-10):
    lam = np.real(np.linalg.eig(np.asarray(H, dtype=float))[0])
    positive = int(np.sum(lam > tol))
    negative = int(np.sum(lam < -tol))
    n = len(lam)
    if positive == n:
        return "positive definite"
    if negative == n:
        return "negative definite"
    if positive and negative:
        return "indefinite"
    if negative == 0:
        return "positive semidefinite"
    return "negative semidefinite"


def condition_number(H, tol=1e-10):
    if np.min(np.abs(np.linalg.eigvalsh(H))) <= tol:
        return np.inf
    return float(np.linalg.cond(H))
'''},
    ),
    Scenario(
        name="preallocated_paths_and_folded_adam",
        summary="gd and adam write rows of a preallocated array; Adam with the bias corrections folded into the "
                "step size (the paper's form); the plot through plt.* returning the Figure.",
        full_marks=True,
        cells={"adam_vs_gd_code": '''
def grad_quad(p):
    x, y = p
    return np.array([2.0 * x, 8.0 * y])


def gd(grad, start, lr, steps):
    path = np.zeros((steps + 1, len(start)))
    path[0] = start
    for k in range(steps):
        path[k + 1] = path[k] - lr * np.asarray(grad(path[k]))
    return path


def adam(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
    path = np.zeros((steps + 1, len(start)))
    path[0] = start
    m = np.zeros(len(start))
    v = np.zeros(len(start))
    for t in range(1, steps + 1):
        g = np.asarray(grad(path[t - 1]), dtype=float)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        scale = np.sqrt(1 - beta2**t)
        step = lr * scale / (1 - beta1**t)
        path[t] = path[t - 1] - step * m / (np.sqrt(v) + eps * scale)
    return path


def plot_paths(gd_path, adam_path):
    fig = plt.figure(figsize=(5, 5))
    plt.plot(np.asarray(gd_path)[:, 0], np.asarray(gd_path)[:, 1], "r.-", label="GD (lr = 0.1)")
    plt.plot(np.asarray(adam_path)[:, 0], np.asarray(adam_path)[:, 1], "b.-", label="Adam (lr = 0.01)")
    plt.scatter([0], [0], marker="*", s=100, label="minimum")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.title("Optimisation paths")
    plt.legend()
    return fig
'''},
    ),
    Scenario(
        name="numpy_scalars_and_in_place_moments",
        summary="Adam with in-place moment updates on copies and explicit copies of every point; gd path "
                "by np.vstack; derivative_errors by a list comprehension over hs.",
        full_marks=True,
        cells={
            "adam_vs_gd_code": _replaced(_replaced(ADAM_OK, '''    for t in range(1, steps + 1):
        g = grad(x)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2''', '''    for t in range(1, steps + 1):
        g = np.asarray(grad(x), dtype=float)
        m *= beta1
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * np.square(g)'''), '''    x = np.array(start, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * grad(x)
        path.append(x.copy())
    return np.array(path)''', '''    rows = [np.asarray(start, dtype=float)]
    for _ in range(steps):
        rows.append(rows[-1] - lr * grad(rows[-1]))
    return np.vstack(rows)'''),
            "numerical_derivative_code": '''
def numerical_derivative(f, x, h=1e-7):
    x_arr = np.asarray(x, dtype=np.float64)
    result = 0.5 * (f(x_arr + h) - f(x_arr - h)) / h
    return result if x_arr.ndim else float(result)


def derivative_errors(f, df, x, hs):
    x = np.asarray(x, dtype=np.float64)
    return np.array([np.abs(numerical_derivative(f, x, h) - df(x)).max() for h in hs], dtype=float)
''',
        },
    ),
    Scenario(
        name="legend_from_a_list_and_svd_condition_number",
        summary="plot_paths labels the lines through ax.legend(['gradient descent', 'Adam']) (no label=), over a "
                "contour; the condition number from the singular values (np.linalg.svd, equal to |lambda| for a "
                "symmetric H); in_domain as np.isfinite(ln_sin(x)); grad_L as an integer array for integer w.",
        full_marks=True,
        cells={
            "adam_vs_gd_code": _replaced(ADAM_OK, '''    fig, ax = plt.subplots()
    ax.plot(gd_path[:, 0], gd_path[:, 1], "o-", label="gradient descent")
    ax.plot(adam_path[:, 0], adam_path[:, 1], ".-", label="Adam")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("GD vs Adam")
    ax.legend()''', '''    fig, ax = plt.subplots()
    xs, ys = np.meshgrid(np.linspace(-3, 3, 50), np.linspace(-3, 3, 50))
    ax.contour(xs, ys, xs**2 + 4 * ys**2, levels=10)
    ax.plot(gd_path[:, 0], gd_path[:, 1], "o-")
    ax.plot(adam_path[:, 0], adam_path[:, 1], ".-")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("GD vs Adam")
    ax.legend(["gradient descent", "Adam"])'''),
            "jacobian_hessian_code": _replaced(JACOBIAN_OK, '''    lam = np.abs(np.linalg.eigvalsh(H))
    if lam.min() <= tol:
        return float("inf")
    return lam.max() / lam.min()''', '''    singular_values = np.linalg.svd(np.asarray(H, dtype=float), compute_uv=False)
    if singular_values.min() <= tol:
        return np.inf
    return float(singular_values.max() / singular_values.min())'''),
            "chain_rule_code": _replaced(CHAIN_OK, "    return np.sin(3 * np.asarray(x, dtype=float) ** 2) > 0",
                                         "    with np.errstate(divide='ignore', invalid='ignore'):\n"
                                         "        return np.isfinite(ln_sin(x))"),
            "gradient_code": _replaced(GRADIENT_OK, "return np.array([4 * r, 6 * r], dtype=float)",
                                       "return np.array([4 * r, 6 * r])"),
        },
    ),
    Scenario(
        name="logaddexp_sigmoid_and_list_paths",
        summary="sigmoid as exp(-logaddexp(0, -z)) (stable, no warning) and sigma' as sigma(z) sigma(-z); "
                "vanishing_product by a loop; gd collects Python lists of floats and adam lists of points, "
                "converted at the end; numerical_derivative adds h to copies of x.",
        full_marks=True,
        cells={
            "sigmoid_derivative_code": '''
def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def sigmoid_prime(z):
    z = np.asarray(z, dtype=float)
    return sigmoid(z) * sigmoid(-z)


def vanishing_product(n_layers):
    bound = 1.0
    for _ in range(n_layers):
        bound *= 0.25
    return bound


def gradient_through_layers(pre_activations):
    z = np.asarray(pre_activations, dtype=float)
    return float(np.prod(sigmoid_prime(z))) if z.size else 1.0
''',
            "adam_vs_gd_code": _replaced(_replaced(ADAM_OK, '''    x = np.array(start, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * grad(x)
        path.append(x.copy())
    return np.array(path)''', '''    point = [float(v) for v in start]
    path = [point]
    for _ in range(steps):
        g = grad(np.array(point))
        point = [p - lr * float(gi) for p, gi in zip(point, g)]
        path.append(point)
    return np.array(path, dtype=float)'''), '''        x = x - lr * m_hat / (np.sqrt(v_hat) + eps)
        path.append(x.copy())
    return np.array(path)''', '''        x = x - lr * m_hat / (np.sqrt(v_hat) + eps)
        path.append(list(x))
    return np.array([list(p) for p in path], dtype=float)'''),
            "numerical_derivative_code": '''
def numerical_derivative(f, x, h=1e-7):
    if np.ndim(x) == 0:
        return (f(float(x) + h) - f(float(x) - h)) / (2 * h)
    x = np.array(x, dtype=float)
    forward = x + h
    backward = x - h
    return (f(forward) - f(backward)) / (2 * h)


def derivative_errors(f, df, x, hs):
    x = np.asarray(x, dtype=float)
    exact = df(x)
    return np.array([np.max(np.abs(numerical_derivative(f, x, h) - exact)) for h in hs], dtype=np.float64)
''',
        },
    ),
]
