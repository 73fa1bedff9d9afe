"""Reference solutions for the assignment `gradient_descent`.

Problems (grade ids of the source notebook):
    derivative       f(x) = x**4 - 3x**3 + 2 and its derivative df
    descent_loop     gradient_descent(df, x0, lr, steps) -> history
    report           report_table(history, f, every) -> rows (step, x, f(x))
    loss_plot        plot_history(history, f) -> matplotlib Axes
    ill_conditioned  GD on f(x, y) = x**2 + 10 y**2: grad_ill, gd_path, classify_lr
    conditioning     iterations_to_converge, iterations_for_kappa

Only NumPy is imported at module level; matplotlib is imported inside `plot_history`.
"""

import numpy as np

# ---------------------------------------------------------------------------------------------
# derivative
# ---------------------------------------------------------------------------------------------


def f(x):
    """f(x) = x**4 - 3 x**3 + 2, element-wise: a number for a number, a NumPy array of the same shape
    for an array (x not modified)."""
    return x**4 - 3 * x**3 + 2


def df(x):
    """f'(x) = 4 x**3 - 9 x**2, element-wise: a number for a number, a NumPy array of the same shape
    for an array (x not modified).

    Stationary points: x = 0 (flat, not an extremum: f' <= 0 on both sides)
    and x = 9/4 (the global minimum, f(9/4) = -6.54296875).
    """
    return 4 * x**3 - 9 * x**2


# ---------------------------------------------------------------------------------------------
# descent_loop
# ---------------------------------------------------------------------------------------------


def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    """Run `steps` updates x <- x - lr * df(x) starting from x0.

    Returns the history: a NumPy array (not a list) of shape (steps + 1,) and dtype float64 with
    history[0] = x0 and history[k + 1] = history[k] - lr * df(history[k]). `df` is called with NumPy
    float64 values, so a diverging run overflows to inf/nan (no exception; warnings are allowed) and
    the loop still returns all steps + 1 values.
    """
    history = np.empty(steps + 1, dtype=np.float64)
    history[0] = x0
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            history[k + 1] = history[k] - lr * df(history[k])
    return history


# ---------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------


def report_table(history, f, every=100):
    """Rows (step, x, f(x)) for step = 0, every, 2*every, ... up to len(history) - 1.

    A Python list (not a NumPy array) of rows; a row is a tuple (a list is accepted too); `step` is an
    int (a NumPy integer is accepted, a float is not), `x` and `f(x)` are floats (or NumPy floats).
    The last index is included only when it is a multiple of `every`. `history` (an array or a list)
    is not modified; it may come from a diverging run: f is evaluated on NumPy floats, so the rows
    hold inf/nan instead of raising OverflowError.
    """
    history = np.asarray(history, dtype=np.float64)
    rows = []
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(0, len(history), every):
            x = float(history[step])
            rows.append((step, x, float(f(history[step]))))
    return rows


# ---------------------------------------------------------------------------------------------
# loss_plot
# ---------------------------------------------------------------------------------------------


def plot_history(history, f):
    """Plot the loss curve: f(history[k]) against the step k = 0, 1, ..., len(history) - 1.

    A line on a new figure (other lines are allowed); x label, y label and title (ax.set_title) are
    set. `history` is an array or a list of one or more values, not modified. Returns the Axes (its
    Figure is accepted too).
    """
    import matplotlib.pyplot as plt

    history = np.asarray(history, dtype=np.float64)
    steps = np.arange(len(history))
    with np.errstate(over="ignore", invalid="ignore"):
        losses = f(history)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(steps, losses, label="f(x)")
    ax.set_xlabel("step")
    ax.set_ylabel("f(x)")
    ax.set_title("Gradient descent on f(x) = x^4 - 3x^3 + 2")
    return ax


# ---------------------------------------------------------------------------------------------
# ill_conditioned
# ---------------------------------------------------------------------------------------------

# Setup of the exercise: f(x, y) = x**2 + 10 y**2 from START_ILL with these learning rates.
START_ILL = (1.8, 1.5)
LEARNING_RATES = (0.01, 0.05, 0.1)
STEPS_ILL = 50


def grad_ill(p):
    """Gradient of f(x, y) = x**2 + 10 y**2 at p = (x, y) (floats; a list, tuple or array, not
    modified): a new float64 NumPy array([2x, 20y])."""
    return np.array([2.0 * p[0], 20.0 * p[1]])


def gd_path(grad, start, lr, steps):
    """Gradient descent in several dimensions, keeping every iterate.

    Returns a float64 NumPy array (not a list) of shape (steps + 1, d), d = len(start): row 0 is
    `start` and row k + 1 = row k - lr * grad(row k). `grad` is called with NumPy arrays and returns
    a float64 one. `start` (a list, tuple or array) is not modified. Diverging runs overflow to inf/nan
    without raising.
    """
    start = np.asarray(start, dtype=np.float64)
    path = np.empty((steps + 1, start.shape[0]), dtype=np.float64)
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            path[k + 1] = path[k] - lr * np.asarray(grad(path[k]), dtype=np.float64)
    return path


def classify_lr(lr, curvatures=(2.0, 20.0)):
    """Long-run behaviour of gradient descent with step lr > 0 on sum_i c_i / 2 * x_i**2.

    Along coordinate i one update multiplies x_i by r_i = 1 - lr * c_i (c_i > 0 is the
    curvature, the second derivative). r_i < 1 always, so only the largest curvature L matters:
        lr * L < 2   "converges"   (every |r_i| < 1)
        lr * L == 2  "oscillates"  (r_i = -1: that coordinate flips sign with constant size)
        lr * L > 2   "diverges"    (r_i < -1: that coordinate grows without bound)
    |lr * L - 2| <= 1e-9 counts as equality (an absolute tolerance on the product, not on lr).
    `curvatures`: a tuple, list or array of one or more, in any order. For x**2 + 10 y**2 the
    curvatures are (2, 20).
    """
    rate = lr * max(curvatures)
    if abs(rate - 2.0) <= 1e-9:
        return "oscillates"
    return "converges" if rate < 2.0 else "diverges"


# ---------------------------------------------------------------------------------------------
# conditioning
# ---------------------------------------------------------------------------------------------


def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    """Number of gradient descent updates until the gradient is small.

    Stopping rule: with p_0 = start and p_{k+1} = p_k - lr * grad(p_k), return the smallest
    k in 0, 1, ..., max_iter with ||grad(p_k)||_2 < tol (Euclidean norm, strict inequality), as an
    int (a NumPy integer is accepted, a float is not). Return -1 when there is none (too few
    iterations, or the run diverged to inf/nan: nan never passes the test). `grad` is called with
    NumPy arrays and returns a float64 one; `start` (a list, tuple or array) is not modified.
    """
    p = np.asarray(start, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(max_iter + 1):
            g = np.asarray(grad(p), dtype=np.float64)
            if np.linalg.norm(g) < tol:
                return k
            p = p - lr * g
    return -1


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    """Iterations gradient descent needs on f(x, y) = x**2 + kappa * y**2 (kappa >= 1).

    The Hessian is diag(2, 2 kappa): its condition number is kappa and its largest
    eigenvalue L = 2 kappa. The step is the standard safe choice lr = 1 / L = 1 / (2 kappa).
    Returns iterations_to_converge(grad, start, lr, tol, max_iter=100_000) with
    grad(x, y) = (2x, 2 kappa y).
    """

    def grad(p):
        return np.array([2.0 * p[0], 2.0 * kappa * p[1]])

    return iterations_to_converge(grad, start, 1.0 / (2.0 * kappa), tol=tol, max_iter=100_000)
