"""Reference solutions for the assignment `calculus`.

Problems (grade ids of the source notebook):
    numerical_derivative  numerical_derivative(f, x, h) (central difference) and
                          derivative_errors(f, df, x, hs) against the exact derivative
    chain_rule            ln_sin(x) = ln(sin(3x^2)), dy_dx(x) = 6x cot(3x^2), in_domain(x)
    gradient              L(w) = (2 w1 + 3 w2 - 7)^2 and grad_L(w)
    partials              f_xy(x, y) = 3x^2 y + 2x y^3, df_dx(x, y), df_dy(x, y)
    sigmoid_derivative    sigmoid, sigmoid_prime, vanishing_product, gradient_through_layers
    jacobian_hessian      jacobian(x), hessian(a, b, c), classify_definiteness(H),
                          condition_number(H)
    adam_vs_gd            grad_quad, gd, adam (paths), plot_paths

Only NumPy is imported at module level; matplotlib is imported inside `plot_paths`.
"""

import numpy as np

# ---------------------------------------------------------------------------------------------
# numerical_derivative
# ---------------------------------------------------------------------------------------------

#: Default step of the central difference (the chapter's choice).
H_DEFAULT = 1e-7


def numerical_derivative(f, x, h=H_DEFAULT):
    """Central difference (f(x + h) - f(x - h)) / (2h), element-wise.

    `f` works element-wise (a number for a number, an array for an array). `x` is a number or an
    array of any shape (integers allowed) and is not modified; the result is a float for a number
    and a float64 ndarray of x's shape for an array (shape (1,) stays (1,)).
    """
    x = np.asarray(x, dtype=np.float64)
    slope = (f(x + h) - f(x - h)) / (2.0 * h)
    return float(slope) if np.ndim(slope) == 0 else np.asarray(slope, dtype=np.float64)


def derivative_errors(f, df, x, hs):
    """For each step h in `hs`: max over the points x of |numerical_derivative(f, x, h) - df(x)|.

    Returns a float64 ndarray of shape (len(hs),). `x` is a number or a 1-D array of points (not
    modified); `hs` holds one step or more.
    """
    x = np.asarray(x, dtype=np.float64)
    exact = np.asarray(df(x), dtype=np.float64)
    errors = [np.max(np.abs(np.asarray(numerical_derivative(f, x, h)) - exact)) for h in hs]
    return np.array(errors, dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# chain_rule
# ---------------------------------------------------------------------------------------------


def ln_sin(x):
    """y(x) = ln(sin(3 x^2)), element-wise; defined where sin(3 x^2) > 0."""
    x = np.asarray(x, dtype=np.float64)
    return np.log(np.sin(3.0 * x**2))


def dy_dx(x):
    """dy/dx of ln(sin(3 x^2)) by the chain rule: (1 / sin(u)) * cos(u) * 6x = 6x cot(3 x^2).

    Element-wise for x in the domain (sin(3 x^2) > 0).
    """
    x = np.asarray(x, dtype=np.float64)
    u = 3.0 * x**2
    return 6.0 * x * np.cos(u) / np.sin(u)


def in_domain(x):
    """True where ln(sin(3 x^2)) is defined, i.e. sin(3 x^2) > 0 (strictly), element-wise.

    The domain is the union over k = 0, 1, 2, ... of sqrt(2k pi / 3) < |x| < sqrt((2k + 1) pi / 3);
    x = 0 is not in it (sin 0 = 0). Returns a bool for a number (np.bool_ counts as one), an ndarray
    of dtype bool for an array (ints allowed in x).
    """
    inside = np.sin(3.0 * np.asarray(x, dtype=np.float64) ** 2) > 0
    return bool(inside) if np.ndim(inside) == 0 else inside


# ---------------------------------------------------------------------------------------------
# gradient
# ---------------------------------------------------------------------------------------------


def L(w):
    """L(w1, w2) = (2 w1 + 3 w2 - 7)^2, a number; w is a sequence or array of shape (2,)."""
    r = 2.0 * w[0] + 3.0 * w[1] - 7.0
    return float(r**2)


def grad_L(w):
    """The gradient [dL/dw1, dL/dw2] = [4r, 6r] with r = 2 w1 + 3 w2 - 7: an ndarray (not a list) of
    shape (2,). w is not modified."""
    r = 2.0 * w[0] + 3.0 * w[1] - 7.0
    return np.array([4.0 * r, 6.0 * r], dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# partials
# ---------------------------------------------------------------------------------------------


def f_xy(x, y):
    """f(x, y) = 3 x^2 y + 2 x y^3, element-wise with broadcasting."""
    return 3 * x**2 * y + 2 * x * y**3


def df_dx(x, y):
    """df/dx = 6 x y + 2 y^3 (y held constant), element-wise with broadcasting."""
    return 6 * x * y + 2 * y**3


def df_dy(x, y):
    """df/dy = 3 x^2 + 6 x y^2 (x held constant), element-wise with broadcasting."""
    return 3 * x**2 + 6 * x * y**2


# ---------------------------------------------------------------------------------------------
# sigmoid_derivative
# ---------------------------------------------------------------------------------------------


def sigmoid(z):
    """1 / (1 + exp(-z)), element-wise, without overflow (only exp of non-positive numbers): never nan,
    no RuntimeWarning for any z, and z is not modified."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)), element-wise; 0.25 at z = 0, -> 0 as |z| -> inf.

    Computed as sigma(z) * sigma(-z) (the same number, without the cancellation in 1 - sigma). No
    RuntimeWarning for any z; z is not modified.
    """
    return sigmoid(z) * sigmoid(-np.asarray(z, dtype=np.float64))


def vanishing_product(n_layers):
    """The largest possible product of n_layers sigmoid derivatives: 0.25 ** n_layers (a number)."""
    return float(0.25**n_layers)


def gradient_through_layers(pre_activations):
    """The product of sigma'(z_k) over the pre-activations z_k of a chain of sigmoid layers.

    `pre_activations` is a 1-D sequence; the empty product is 1.0. Returns a number.
    """
    z = np.asarray(pre_activations, dtype=np.float64)
    return float(np.prod(sigmoid_prime(z)))


# ---------------------------------------------------------------------------------------------
# jacobian_hessian
# ---------------------------------------------------------------------------------------------

#: An eigenvalue with |lambda| <= EIG_TOL counts as zero.
EIG_TOL = 1e-10


def jacobian(x):
    """Jacobian of f(x1, x2) = [x1^2, x1 x2, x2^2]: J[i, j] = d f_i / d x_j, shape (3, 2).

    [[2 x1, 0], [x2, x1], [0, 2 x2]] as an ndarray (not a list).
    """
    x1, x2 = float(x[0]), float(x[1])
    return np.array([[2.0 * x1, 0.0], [x2, x1], [0.0, 2.0 * x2]])


def hessian(a=1.0, b=4.0, c=1.0):
    """Hessian of f(x, y) = a x^2 + b x y + c y^2: [[2a, b], [b, 2c]] (constant), an ndarray (2, 2).

    The defaults give the chapter's x^2 + 4xy + y^2: [[2, 4], [4, 2]], eigenvalues -2 and 6.
    """
    return np.array([[2.0 * a, b], [b, 2.0 * c]], dtype=np.float64)


def classify_definiteness(H, tol=EIG_TOL):
    """Definiteness of a symmetric matrix from the signs of its eigenvalues.

    With the eigenvalues lam (np.linalg.eigvalsh), an eigenvalue counts as zero when
    |lam| <= tol (|lam| = tol included; the tol given is used). In this order:
        all lam > tol                      "positive definite"
        all lam < -tol                     "negative definite"
        some lam > tol and some lam < -tol "indefinite"
        all lam >= -tol                    "positive semidefinite"  (also the zero matrix)
        otherwise (all lam <= tol)         "negative semidefinite"
    """
    lam = np.linalg.eigvalsh(np.asarray(H, dtype=np.float64))
    if np.all(lam > tol):
        return "positive definite"
    if np.all(lam < -tol):
        return "negative definite"
    if np.any(lam > tol) and np.any(lam < -tol):
        return "indefinite"
    if np.all(lam >= -tol):
        return "positive semidefinite"
    return "negative semidefinite"


def condition_number(H, tol=EIG_TOL):
    """max |lambda| / min |lambda| over the eigenvalues of the symmetric matrix H (a float).

    Returns inf when H is singular (min |lambda| <= tol, equality included). For [[2, 4], [4, 2]]:
    6 / 2 = 3.
    """
    lam = np.abs(np.linalg.eigvalsh(np.asarray(H, dtype=np.float64)))
    if lam.min() <= tol:
        return float("inf")
    return float(lam.max() / lam.min())


# ---------------------------------------------------------------------------------------------
# adam_vs_gd
# ---------------------------------------------------------------------------------------------

# The exercise (seed 002, section 2.3): f(x, y) = x^2 + 4 y^2 from (3, 3);
# gradient descent with lr = 0.1 for 50 steps, Adam with lr = 0.01 for 100 steps.
START = (3.0, 3.0)
GD_LR, GD_STEPS = 0.1, 50
ADAM_LR, ADAM_STEPS = 0.01, 100


def f_quad(p):
    """f(x, y) = x^2 + 4 y^2."""
    return float(p[0] ** 2 + 4.0 * p[1] ** 2)


def grad_quad(p):
    """Gradient of x^2 + 4 y^2 at p = (x, y): an ndarray (not a list), array([2x, 8y])."""
    return np.array([2.0 * p[0], 8.0 * p[1]])


def gd(grad, start, lr, steps):
    """Gradient descent keeping every point: float64 array of shape (steps + 1, d), d = len(start).

    path[0] = start and path[k + 1] = path[k] - lr * grad(path[k]). `start` (a tuple, list or array,
    ints allowed, d >= 1) is not modified; every call starts a new path.
    """
    start = np.asarray(start, dtype=np.float64)
    path = np.empty((steps + 1, start.shape[0]), dtype=np.float64)
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            path[k + 1] = path[k] - lr * np.asarray(grad(path[k]), dtype=np.float64)
    return path


def adam(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam keeping every point: float64 array of shape (steps + 1, d), d = len(start).

    m_0 = v_0 = 0 (arrays of d zeros); for t = 1, ..., steps with g = grad(theta_{t-1}):
        m_t = beta1 m_{t-1} + (1 - beta1) g
        v_t = beta2 v_{t-1} + (1 - beta2) g^2
        m_hat = m_t / (1 - beta1^t),  v_hat = v_t / (1 - beta2^t)
        theta_t = theta_{t-1} - lr * m_hat / (sqrt(v_hat) + eps)
    path[0] = start and path[t] = theta_t. `start` (a tuple, list or array, ints allowed, d >= 1) is
    not modified; every call starts a new path.
    """
    start = np.asarray(start, dtype=np.float64)
    path = np.empty((steps + 1, start.shape[0]), dtype=np.float64)
    path[0] = start
    m = np.zeros_like(start)
    v = np.zeros_like(start)
    for t in range(1, steps + 1):
        g = np.asarray(grad(path[t - 1]), dtype=np.float64)
        m = beta1 * m + (1.0 - beta1) * g
        v = beta2 * v + (1.0 - beta2) * g**2
        m_hat = m / (1.0 - beta1**t)
        v_hat = v / (1.0 - beta2**t)
        path[t] = path[t - 1] - lr * m_hat / (np.sqrt(v_hat) + eps)
    return path


def plot_paths(gd_path, adam_path):
    """Both paths in the (x, y) plane on one new Axes; returns the Axes (its Figure is accepted too).

    One line per path with x = path[:, 0] and y = path[:, 1], labelled "gradient descent" (or "GD")
    and "Adam" (with label= and ax.legend(), or with ax.legend([...]) in the order the lines were
    drawn); a legend, axis labels and a title. (A contour of f in the background is optional.)
    """
    import matplotlib.pyplot as plt

    gd_path = np.asarray(gd_path, dtype=np.float64)
    adam_path = np.asarray(adam_path, dtype=np.float64)
    fig, ax = plt.subplots(figsize=(6, 5))
    xs, ys = np.meshgrid(np.linspace(-3.5, 3.5, 120), np.linspace(-3.5, 3.5, 120))
    ax.contour(xs, ys, xs**2 + 4.0 * ys**2, levels=12, cmap="Greys", linewidths=0.6)
    ax.plot(gd_path[:, 0], gd_path[:, 1], "o-", markersize=3, label="gradient descent")
    ax.plot(adam_path[:, 0], adam_path[:, 1], "s-", markersize=2, label="Adam")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Gradient descent vs Adam on x^2 + 4y^2")
    ax.legend()
    return ax
