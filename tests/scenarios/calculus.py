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
    ),
    Scenario(
        name="numerical_divides_by_h",
        summary="(f(x + h) - f(x - h)) / h: the distance between the two points is 2h.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace(
            "(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x - h)) / h")},
        loses=("numerical_derivative",),
        message=r"divided by h instead of 2h",
    ),
    Scenario(
        name="numerical_operator_precedence",
        summary="(f(x + h) - f(x - h)) / 2 * h: multiplies by h instead of dividing.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace(
            "(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x - h)) / 2 * h")},
        loses=("numerical_derivative",),
        message=r"forgot the parentheses",
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
    ),
    Scenario(
        name="errors_without_absolute_value",
        summary="derivative_errors takes the max of the signed differences.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace("np.max(np.abs(diff))", "np.max(diff)")},
        loses=("numerical_derivative",),
        message=r"absolute values",
    ),
    Scenario(
        name="errors_averaged",
        summary="derivative_errors reports the mean error over the points instead of the largest.",
        cells={"numerical_derivative_code": NUMERICAL_OK.replace("np.max(np.abs(diff))", "np.mean(np.abs(diff))")},
        loses=("numerical_derivative",),
        message=r"averaged the errors",
    ),
    # ============================================================== chain_rule
    Scenario(
        name="chain_rule_without_inner_derivative",
        summary="dy/dx = cot(3x^2): stops after the outer two layers.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "6 * x * np.cos(u) / np.sin(u)", "np.cos(u) / np.sin(u)")},
        loses=("chain_rule",),
        message=r"inner function 3x\^2 is missing",
    ),
    Scenario(
        name="chain_rule_tan_instead_of_cot",
        summary="Writes sin/cos instead of cos/sin: 6x tan(3x^2).",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "6 * x * np.cos(u) / np.sin(u)", "6 * x * np.tan(u)")},
        loses=("chain_rule",),
        message=r"not tan u",
    ),
    Scenario(
        name="domain_includes_zero",
        summary="in_domain uses sin(3x^2) >= 0, so x = 0 (where ln 0 is undefined) counts as inside.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "** 2) > 0", "** 2) >= 0")},
        loses=("chain_rule",),
        message=r"strictly",
    ),
    Scenario(
        name="domain_only_the_first_ring",
        summary="in_domain returns 0 < |x| < sqrt(pi / 3), missing the outer rings.",
        cells={"chain_rule_code": _replaced(CHAIN_OK, "    return np.sin(3 * np.asarray(x, dtype=float) ** 2) > 0",
                                            "    x = np.asarray(x, dtype=float)\n"
                                            "    return (x != 0) & (np.abs(x) < np.sqrt(np.pi / 3))")},
        loses=("chain_rule",),
        message=r"not one interval",
    ),
    # ============================================================== gradient
    Scenario(
        name="gradient_without_the_outer_factor_two",
        summary="grad L = [2r, 3r]: the derivative of r^2 taken as r.",
        cells={"gradient_code": _replaced(GRADIENT_OK, "[4 * r, 6 * r]", "[2 * r, 3 * r]")},
        loses=("gradient",),
        message=r"missing its factor 2",
    ),
    Scenario(
        name="gradient_returns_the_descent_direction",
        summary="Returns -grad L = [8, 12] at (1, 1), the direction to move in.",
        cells={"gradient_code": _replaced(GRADIENT_OK, "[4 * r, 6 * r]", "[-4 * r, -6 * r]")},
        loses=("gradient",),
        message=r"descent direction",
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
    ),
    Scenario(
        name="partials_constant_factor_dropped",
        summary="d/dx (3x^2 y) written as 6x and d/dy (2x y^3) as 6y^2: the held-constant factor is lost.",
        cells={"partials_code": _replaced(_replaced(PARTIALS_OK, "6 * x * y + 2 * y**3", "6 * x + 2 * y**3"),
                                          "3 * x**2 + 6 * x * y**2", "3 * x**2 + 6 * y**2")},
        loses=("partials",),
        message=r"y is a constant when differentiating in x",
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
    ),
    Scenario(
        name="sigmoid_prime_one_minus_z",
        summary="sigma(z) * (1 - z): the complement taken of z instead of sigma(z).",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, "return s * (1 - s)", "return s * (1 - z)")},
        loses=("sigmoid_derivative",),
        message=r"not 1 - z",
    ),
    Scenario(
        name="vanishing_product_with_one_half",
        summary="0.5 ** n: the largest sigmoid value instead of the largest derivative.",
        cells={"sigmoid_derivative_code": _replaced(SIGMOID_OK, "0.25 ** n_layers", "0.5 ** n_layers")},
        loses=("sigmoid_derivative",),
        message=r"not the largest sigmoid value 0.5",
    ),
    Scenario(
        name="gradient_through_layers_sums",
        summary="Adds the local derivatives instead of multiplying them.",
        cells={"sigmoid_derivative_code": _replaced(_replaced(
            SIGMOID_OK, "product = 1.0", "product = 0.0"), "product * float", "product + float")},
        loses=("sigmoid_derivative",),
        message=r"not the sum",
    ),
    # ============================================================== jacobian_hessian
    Scenario(
        name="jacobian_transposed",
        summary="One column per output: a (2, 3) matrix.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "[[2 * x1, 0], [x2, x1], [0, 2 * x2]]",
                                                  "[[2 * x1, x2, 0], [0, x1, 2 * x2]]")},
        loses=("jacobian_hessian",),
        message=r"transposed",
    ),
    Scenario(
        name="hessian_halves_the_mixed_term",
        summary="Puts b / 2 off the diagonal (the symmetric-matrix form of the quadratic, not its Hessian).",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "[[2 * a, b], [b, 2 * c]]",
                                                  "[[2 * a, b / 2], [b / 2, 2 * c]]")},
        loses=("jacobian_hessian",),
        message=r"not b / 2",
    ),
    Scenario(
        name="classify_without_tolerance",
        summary="Compares the eigenvalues with 0 instead of tol, so rounding noise decides semidefinite cases.",
        cells={"jacobian_hessian_code": JACOBIAN_OK.replace("lam > tol", "lam > 0").replace(
            "lam < -tol", "lam < 0").replace("lam >= -tol", "lam >= 0")},
        loses=("jacobian_hessian",),
        message=r"compare with the tolerance",
    ),
    Scenario(
        name="classify_by_the_diagonal",
        summary="Decides definiteness from the signs of the diagonal entries.",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, "lam = np.linalg.eigvalsh(H)\n    if",
                                                  "lam = np.diag(np.asarray(H, dtype=float))\n    if")},
        loses=("jacobian_hessian",),
        message=r"signs of the diagonal entries",
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
    ),
    Scenario(
        name="condition_number_np_cond_without_guard",
        summary="np.linalg.cond(H): right for invertible H, about 6e16 instead of inf for [[1, 1], [1, 1]].",
        cells={"jacobian_hessian_code": _replaced(JACOBIAN_OK, '''    lam = np.abs(np.linalg.eigvalsh(H))
    if lam.min() <= tol:
        return float("inf")
    return lam.max() / lam.min()''', "    return np.linalg.cond(H)")},
        loses=("jacobian_hessian",),
        message=r"singular matrix .* has condition number inf",
    ),
    # ============================================================== adam_vs_gd
    Scenario(
        name="adam_without_bias_correction",
        summary="Uses m and v directly: the first steps are far too small.",
        cells={"adam_vs_gd_code": _replaced(_replaced(ADAM_OK, "m / (1 - beta1**t)", "m"), "v / (1 - beta2**t)", "v")},
        loses=("adam_vs_gd",),
        message=r"bias correction is missing",
    ),
    Scenario(
        name="adam_eps_inside_the_root",
        summary="lr * m_hat / sqrt(v_hat + eps).",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "(np.sqrt(v_hat) + eps)", "np.sqrt(v_hat + eps)")},
        loses=("adam_vs_gd",),
        message=r"eps goes after the square root",
    ),
    Scenario(
        name="adam_counts_t_from_zero",
        summary="for t in range(steps): the first bias correction divides by 1 - beta^0 = 0.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "for t in range(1, steps + 1):", "for t in range(steps):")},
        loses=("adam_vs_gd",),
        message=r"start at t = 1",
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
    ),
    Scenario(
        name="adam_returns_only_the_final_point",
        summary="Adam keeps only the current point and returns it, as an optimiser in a library would.",
        cells={"adam_vs_gd_code": _replaced(_replaced(ADAM_OK, "        path.append(x.copy())\n    return np.array(path)\n\n\ndef plot",
                                                      "    return x\n\n\ndef plot"),
                                            "    path = [x.copy()]\n    for t in", "    for t in")},
        loses=("adam_vs_gd",),
        message=r"not only the final one",
    ),
    Scenario(
        name="gd_returns_final_point_and_path",
        summary="gd returns (x, path) like the chapter's demo function instead of the path alone.",
        cells={"adam_vs_gd_code": _replaced(ADAM_OK, "        path.append(x.copy())\n    return np.array(path)\n\n\ndef adam",
                                            "        path.append(x.copy())\n    return x, np.array(path)\n\n\ndef adam")},
        loses=("adam_vs_gd",),
        message=r"not a tuple such as \(final point, path\)",
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
    ),

    # ============================================================== correct alternatives
    Scenario(
        name="loops_and_explicit_formulas",
        summary="Central differences entry by entry with np.ndindex and / 2 / h; dy/dx as 6x / tan(3x^2); "
                "in_domain returning np.bool_ for a number; grad_L as a list; partials with explicit products.",
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
    return [2 * residual * 2, 2 * residual * 3]
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
]
