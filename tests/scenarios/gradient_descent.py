"""Sample submissions for `gradient_descent`: the chapter's common mistakes, correct alternatives.

Each scenario replaces whole solution cells (by grade_id) of the source notebook:
derivative_code, descent_loop_code, report_code, loss_plot_code, ill_conditioned_code,
conditioning_code.
"""

from autograder.scenarios import Scenario

ALL_PROBLEMS = ("derivative", "descent_loop", "report", "loss_plot", "ill_conditioned", "conditioning")

# ------------------------------------------------------------------ correct cells, reused below
DERIVATIVE_OK = '''
def f(x):
    return x**4 - 3 * x**3 + 2


def df(x):
    return 4 * x**3 - 9 * x**2
'''

LOOP_OK = '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    history = np.zeros(steps + 1)
    history[0] = x0
    for k in range(steps):
        history[k + 1] = history[k] - lr * df(history[k])
    return history
'''

ILL_OK = '''
def grad_ill(p):
    return np.array([2 * p[0], 20 * p[1]], dtype=float)


def gd_path(grad, start, lr, steps):
    p = np.array(start, dtype=float)
    path = [p.copy()]
    for _ in range(steps):
        p = p - lr * grad(p)
        path.append(p.copy())
    return np.array(path)


def classify_lr(lr, curvatures=(2.0, 20.0)):
    rate = lr * max(curvatures)
    if abs(rate - 2) <= 1e-9:
        return "oscillates"
    if rate < 2:
        return "converges"
    return "diverges"
'''

KAPPA_OK = '''

def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    def grad(p):
        return np.array([2 * p[0], 2 * kappa * p[1]])
    return iterations_to_converge(grad, start, 1 / (2 * kappa), tol, max_iter=100_000)
'''

ITERATIONS_OK = '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    p = np.array(start, dtype=float)
    for k in range(max_iter + 1):
        g = grad(p)
        if np.linalg.norm(g) < tol:
            return k
        p = p - lr * g
    return -1
''' + KAPPA_OK


def _raise(signature: str) -> str:
    return f"def {signature}:\n    raise ValueError('not done')\n"


SCENARIOS = [
    # ============================================================== derivative
    Scenario(
        name="derivative_power_not_lowered",
        summary="d/dx(-3x^3) written as -9x: the power of the second term is not lowered.",
        cells={"derivative_code": DERIVATIVE_OK.replace("4 * x**3 - 9 * x**2", "4 * x**3 - 9 * x")},
        # the loop test that uses the student's own df loses too
        loses=("derivative", "descent_loop"),
        message=r"not -9x",
        mistakes=('df-power-not-lowered-enough',),
    ),
    Scenario(
        name="derivative_sign_error",
        summary="df(x) = 4x^3 + 9x^2: the minus of -3x^3 is lost.",
        cells={"derivative_code": DERIVATIVE_OK.replace("4 * x**3 - 9 * x**2", "4 * x**3 + 9 * x**2")},
        loses=("derivative", "descent_loop"),
        message=r"sign error",
        mistakes=('df-sign-error',),
    ),
    Scenario(
        name="derivative_by_finite_differences",
        summary="df approximated with a central difference instead of the exact derivative.",
        cells={"derivative_code": '''
def f(x):
    return x**4 - 3 * x**3 + 2


def df(x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)
'''},
        loses=("derivative",),
        message=r"finite-difference approximation",
        mistakes=('df-finite-difference',),
    ),
    # ============================================================== descent_loop
    Scenario(
        name="loop_gradient_ascent",
        summary="The update adds the gradient: x <- x + lr * df(x).",
        cells={"descent_loop_code": LOOP_OK.replace("history[k] - lr", "history[k] + lr")},
        loses=("descent_loop",),
        message=r"goes uphill",
        mistakes=('loop-gradient-ascent',),
    ),
    Scenario(
        name="loop_history_without_x0",
        summary="The history records x after each update only, so x0 is missing (steps values).",
        cells={"descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    x = np.float64(x0)
    history = []
    for step in range(steps):
        x = x - lr * df(x)
        history.append(x)
    return np.array(history)
'''},
        loses=("descent_loop",),
        message=r"misses its first entry",
        mistakes=('history-missing-x0',),
    ),
    Scenario(
        name="loop_python_floats_overflow",
        summary="Plain Python floats: a diverging run raises OverflowError in x**3 instead of giving inf.",
        cells={"descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    x = float(x0)
    history = [x]
    for step in range(steps):
        x = x - lr * df(x)
        history.append(x)
    return np.array(history)
'''},
        loses=("descent_loop",),
        message=r"OverflowError",
        mistakes=("loop-python-floats-overflow",),
    ),
    Scenario(
        name="loop_stops_when_diverging",
        summary="Breaks out of the loop as soon as x is no longer finite: the history is too short.",
        cells={"descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    history = [np.float64(x0)]
    for step in range(steps):
        x = history[-1] - lr * df(history[-1])
        if not np.isfinite(x):
            print("diverged at step", step)
            break
        history.append(x)
    return np.array(history)
'''},
        loses=("descent_loop",),
        message=r"stops early",
        mistakes=('history-stops-early',),
    ),
    # ============================================================== report
    Scenario(
        name="report_drops_the_last_row",
        summary="range(0, len(history) - 1, every) leaves out step 1000.",
        cells={"report_code": '''
def report_table(history, f, every=100):
    history = np.asarray(history, dtype=float)
    rows = []
    for step in range(0, len(history) - 1, every):
        rows.append((step, float(history[step]), float(f(history[step]))))
    return rows
'''},
        loses=("report",),
        message=r"last row is missing",
        mistakes=('report-drops-last-row',),
    ),
    Scenario(
        name="report_uses_the_notebook_f",
        summary="Evaluates the notebook's global test function instead of the f passed in.",
        cells={"report_code": '''
def report_table(history, loss, every=100):
    rows = []
    for step in range(0, len(history), every):
        x = history[step]
        rows.append((step, float(x), float(x**4 - 3 * x**3 + 2)))
    return rows
'''},
        loses=("report",),
        message=r"evaluate the function passed as the argument `f`",
        # it also evaluates its formula on a list's Python floats, which overflow on a diverging run
        mistakes=('report-ignores-f-argument', 'report-python-floats-overflow'),
    ),
    # ============================================================== loss_plot
    Scenario(
        name="plot_shows_the_iterates",
        summary="Plots the history of x instead of the loss f(x).",
        cells={"loss_plot_code": '''
def plot_history(history, f):
    fig, ax = plt.subplots()
    ax.plot(history)
    ax.set_xlabel("step")
    ax.set_ylabel("x")
    ax.set_title("gradient descent")
    return ax
'''},
        loses=("loss_plot",),
        message=r"shows the iterates x, not the loss",
        mistakes=('plot-shows-iterates',),
    ),
    Scenario(
        name="plot_without_labels",
        summary="The right curve, but no axis labels and no title.",
        cells={"loss_plot_code": '''
def plot_history(history, f):
    fig, ax = plt.subplots()
    ax.plot(f(np.asarray(history)))
    return ax
'''},
        loses=("loss_plot",),
        message=r"is missing: x label, y label, title",
        mistakes=('plot-missing-labels',),
    ),
    Scenario(
        name="plot_returns_nothing",
        summary="Draws the plot and calls plt.show() but returns nothing.",
        cells={"loss_plot_code": '''
def plot_history(history, f):
    losses = [f(x) for x in history]
    plt.figure()
    plt.plot(losses)
    plt.xlabel("step")
    plt.ylabel("loss")
    plt.title("loss curve")
    plt.show()
'''},
        loses=("loss_plot",),
        message=r"must return the Axes it drew on",
        mistakes=('plot-returns-none',),
    ),
    # ============================================================== ill_conditioned
    Scenario(
        name="path_appends_the_same_array",
        summary="Updates p in place and appends it each step: every row is the final point.",
        cells={"ill_conditioned_code": ILL_OK.replace('''    p = np.array(start, dtype=float)
    path = [p.copy()]
    for _ in range(steps):
        p = p - lr * grad(p)
        path.append(p.copy())''', '''    p = np.array(start, dtype=float)
    path = [p]
    for _ in range(steps):
        p -= lr * grad(p)
        path.append(p)''')},
        loses=("ill_conditioned",),
        message=r"same array object",
        mistakes=('path-same-array-object',),
    ),
    Scenario(
        name="grad_ill_forgets_the_factor_two",
        summary="grad_ill returns (2x, 10y): d/dy of 10y^2 taken as 10y.",
        cells={"ill_conditioned_code": ILL_OK.replace("20 * p[1]", "10 * p[1]")},
        loses=("ill_conditioned",),
        message=r"20y, not 10y",
        mistakes=('grad-ill-y-factor-10',),
    ),
    Scenario(
        name="classify_with_limit_one",
        summary="Takes lr * L < 1 as the stability condition (confuses 1/L with 2/L).",
        cells={"ill_conditioned_code": ILL_OK.replace("abs(rate - 2)", "abs(rate - 1)").replace(
            "if rate < 2:", "if rate < 1:")},
        loses=("ill_conditioned",),
        message=r"not lr \* L < 1",
        mistakes=('classify-limit-one',),
    ),
    Scenario(
        name="classify_with_the_smallest_curvature",
        summary="Uses the smallest curvature (the slow direction) to decide stability.",
        cells={"ill_conditioned_code": ILL_OK.replace("max(curvatures)", "min(curvatures)")},
        loses=("ill_conditioned",),
        message=r"LARGEST curvature",
        mistakes=('classify-smallest-curvature',),
    ),
    # ============================================================== conditioning
    Scenario(
        name="iterations_count_one_too_many",
        summary="Counts the gradient evaluations (k + 1) instead of the updates made.",
        cells={"conditioning_code": ITERATIONS_OK.replace("            return k\n",
                                                          "            return k + 1\n")},
        loses=("conditioning",),
        message=r"one too high",
        mistakes=('count-one-too-high',),
    ),
    Scenario(
        name="iterations_returns_max_iter_when_not_converged",
        summary="Returns max_iter instead of -1 when the tolerance is never reached.",
        cells={"conditioning_code": ITERATIONS_OK.replace("    return -1\n", "    return max_iter\n")},
        loses=("conditioning",),
        message=r"not max_iter",
        mistakes=('count-max-iter-not-minus-one',),
    ),
    Scenario(
        name="iterations_skip_the_last_check",
        summary="Tests the gradient only before each of the max_iter updates, never after the last.",
        cells={"conditioning_code": ITERATIONS_OK.replace("range(max_iter + 1)", "range(max_iter)")},
        loses=("conditioning",),
        message=r"applied at k = max_iter",
        mistakes=('count-skips-last-check',),
    ),
    Scenario(
        name="kappa_step_one_over_kappa",
        summary="Uses lr = 1 / kappa instead of 1 / L = 1 / (2 kappa).",
        cells={"conditioning_code": ITERATIONS_OK.replace("1 / (2 * kappa)", "1 / kappa")},
        loses=("conditioning",),
        message=r"not 1 / kappa",
        mistakes=('kappa-lr-one-over-kappa',),
    ),
    # ============================================================== values-only and contract mistakes
    Scenario(
        name="derivative_times_instead_of_power",
        summary="A typo in df: 9 * x*2 (nine times x times two) where 9 * x**2 was meant.",
        cells={"derivative_code": DERIVATIVE_OK.replace("4 * x**3 - 9 * x**2", "4 * x**3 - 9 * x*2")},
        loses=("derivative", "descent_loop"),
        message=r"a power is x\*\*2",
        mistakes=("df-times-not-power",),
    ),
    Scenario(
        name="f_without_the_constant",
        summary="f drops the + 2 (the constant 'does not matter' for the minimum).",
        cells={"derivative_code": DERIVATIVE_OK.replace("x**4 - 3 * x**3 + 2", "x**4 - 3 * x**3")},
        loses=("derivative",),
        message=r"missing the constant",
        mistakes=("f-missing-constant",),
    ),
    Scenario(
        name="loop_returns_a_list",
        summary="Appends NumPy-float iterates to a list and returns the list itself.",
        cells={"descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    x = np.float64(x0)
    history = [x]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            x = x - lr * df(x)
            history.append(x)
    return history
'''},
        loses=("descent_loop",),
        message=r"must be a NumPy array",
        mistakes=("history-not-ndarray",),
    ),
    Scenario(
        name="loop_calls_the_notebooks_df",
        summary="The parameter is named grad, but the update calls the notebook's global df.",
        cells={"descent_loop_code": '''
def gradient_descent(grad, x0=6.0, lr=0.01, steps=1000):
    history = np.empty(steps + 1)
    history[0] = x0
    for k in range(steps):
        history[k + 1] = history[k] - lr * df(history[k])
    return history
'''},
        loses=("descent_loop",),
        message=r"derivative passed as the argument",
        mistakes=("loop-ignores-df-argument",),
    ),
    Scenario(
        name="report_prints_the_rows",
        summary="Prints each row of the log (as the chapter's exercise says) and returns nothing.",
        cells={"report_code": '''
def report_table(history, f, every=100):
    history = np.asarray(history, dtype=float)
    for step in range(0, len(history), every):
        print(f"step {step:5d}  x = {history[step]:.6f}  f(x) = {f(history[step]):.6f}")
'''},
        loses=("report",),
        message=r"must return the list of rows",
        mistakes=("report-returns-none",),
    ),
    Scenario(
        name="report_numbers_the_rows",
        summary="enumerate(history[::every]) puts the row number 0, 1, 2, ... where the step belongs.",
        cells={"report_code": '''
def report_table(history, f, every=100):
    history = np.asarray(history, dtype=float)
    return [(i, float(x), float(f(x))) for i, x in enumerate(history[::every])]
'''},
        loses=("report",),
        message=r"not the row's number",
        mistakes=("report-row-number-not-step",),
    ),
    Scenario(
        name="report_returns_an_array",
        summary="Builds the rows and returns np.array(rows): every step becomes a float.",
        cells={"report_code": '''
def report_table(history, f, every=100):
    history = np.asarray(history, dtype=float)
    rows = [(step, history[step], f(history[step])) for step in range(0, len(history), every)]
    return np.array(rows)
'''},
        loses=("report",),
        message=r"not a NumPy array",
        mistakes=("report-not-a-list",),
    ),
    Scenario(
        name="plot_without_a_new_figure",
        summary="Draws with plt.plot on whatever figure is current and returns plt.gca().",
        cells={"loss_plot_code": '''
def plot_history(history, f):
    history = np.asarray(history, dtype=float)
    plt.plot(np.arange(len(history)), f(history))
    plt.xlabel("step")
    plt.ylabel("loss")
    plt.title("loss curve")
    return plt.gca()
'''},
        loses=("loss_plot",),
        message=r"new figure each time",
        mistakes=("plot-no-new-figure",),
    ),
    Scenario(
        name="plot_steps_from_one",
        summary="Numbers the steps 1, 2, ..., len(history) on the x axis.",
        cells={"loss_plot_code": '''
def plot_history(history, f):
    history = np.asarray(history, dtype=float)
    fig, ax = plt.subplots()
    ax.plot(np.arange(1, len(history) + 1), f(history))
    ax.set_xlabel("iteration")
    ax.set_ylabel("loss")
    ax.set_title("loss curve")
    return ax
'''},
        loses=("loss_plot",),
        message=r"x data are not the step numbers",
        mistakes=("plot-x-not-steps",),
    ),
    Scenario(
        name="grad_ill_returns_a_list",
        summary="grad_ill returns the plain list [2x, 20y].",
        cells={"ill_conditioned_code": ILL_OK.replace("return np.array([2 * p[0], 20 * p[1]], dtype=float)",
                                                      "return [2 * p[0], 20 * p[1]]")},
        loses=("ill_conditioned",),
        message=r"must return a NumPy array",
        mistakes=("grad-ill-not-ndarray",),
    ),
    Scenario(
        name="path_updates_the_callers_start",
        summary="np.asarray(start, dtype=float) does not copy a float array, and p -= ... then changes it.",
        cells={"ill_conditioned_code": ILL_OK.replace(
            "    p = np.array(start, dtype=float)\n    path = [p.copy()]\n    for _ in range(steps):\n"
            "        p = p - lr * grad(p)\n",
            "    p = np.asarray(start, dtype=float)\n    path = [p.copy()]\n    for _ in range(steps):\n"
            "        p -= lr * grad(p)\n")},
        loses=("ill_conditioned",),
        message=r"changed its argument `start` in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="path_returns_a_list",
        summary="gd_path returns its list of points instead of an array.",
        cells={"ill_conditioned_code": ILL_OK.replace("    return np.array(path)\n", "    return path\n")},
        loses=("ill_conditioned",),
        message=r"convert the list of points",
        mistakes=("path-not-ndarray",),
    ),
    Scenario(
        name="classify_with_exact_equality",
        summary="Tests lr * L == 2 exactly, without the tolerance 1e-9.",
        cells={"ill_conditioned_code": ILL_OK.replace("if abs(rate - 2) <= 1e-9:", "if rate == 2:")},
        loses=("ill_conditioned",),
        message=r"floating point",
        mistakes=("classify-no-tolerance",),
    ),
    Scenario(
        name="classify_tolerance_on_the_rate",
        summary="Compares lr with the limit 2 / L within 1e-9 (the tolerance lands on lr, not on lr * L).",
        cells={"ill_conditioned_code": ILL_OK.replace("if abs(rate - 2) <= 1e-9:",
                                                      "if abs(lr - 2 / max(curvatures)) <= 1e-9:")},
        loses=("ill_conditioned",),
        message=r"not to lr itself",
        mistakes=("classify-tolerance-on-lr",),
    ),
    Scenario(
        name="classify_with_np_isclose_defaults",
        summary="np.isclose(lr * L, 2) with NumPy's default tolerances for the oscillation case.",
        cells={"ill_conditioned_code": ILL_OK.replace("if abs(rate - 2) <= 1e-9:", "if np.isclose(rate, 2):")},
        loses=("ill_conditioned",),
        message=r"far looser",
        mistakes=("classify-tolerance-too-loose",),
    ),
    Scenario(
        name="classify_for_the_exercise_bowl_only",
        summary="Hard-codes L = 20, the largest curvature of x^2 + 10y^2, ignoring the argument.",
        cells={"ill_conditioned_code": ILL_OK.replace("rate = lr * max(curvatures)", "rate = lr * 20")},
        loses=("ill_conditioned",),
        message=r"curvatures passed as the argument",
        mistakes=("classify-ignores-curvatures",),
    ),
    Scenario(
        name="iterations_with_a_non_strict_test",
        summary="Stops when ||grad|| <= tol instead of < tol.",
        cells={"conditioning_code": ITERATIONS_OK.replace("np.linalg.norm(g) < tol", "np.linalg.norm(g) <= tol")},
        loses=("conditioning",),
        message=r"strict",
        mistakes=("count-non-strict",),
    ),
    Scenario(
        name="iterations_while_norm_at_least_tol",
        summary="A while loop `while norm >= tol` that exits (as converged) once the norm is nan.",
        cells={"conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    p = np.array(start, dtype=float)
    k = 0
    g = grad(p)
    while np.linalg.norm(g) >= tol:
        if k == max_iter:
            return -1
        p = p - lr * g
        g = grad(p)
        k += 1
    return k
''' + KAPPA_OK},
        loses=("conditioning",),
        message=r"comparison with nan is False",
        mistakes=("count-nan-taken-as-converged",),
    ),
    Scenario(
        name="iterations_squared_norm_against_tol",
        summary="Compares g @ g (the squared norm) with tol.",
        cells={"conditioning_code": ITERATIONS_OK.replace("np.linalg.norm(g) < tol", "g @ g < tol")},
        loses=("conditioning",),
        message=r"compare the norm itself",
        mistakes=("count-squared-norm",),
    ),
    Scenario(
        name="iterations_with_the_l1_norm",
        summary="Measures the gradient with np.sum(np.abs(g)) instead of the Euclidean norm.",
        cells={"conditioning_code": ITERATIONS_OK.replace("np.linalg.norm(g) < tol", "np.sum(np.abs(g)) < tol")},
        loses=("conditioning",),
        message=r"Euclidean norm",
        mistakes=("count-not-euclidean-norm",),
    ),
    Scenario(
        name="iterations_update_the_callers_start",
        summary="np.asarray(start, dtype=float) and p -= lr * g: a float array start is changed in place.",
        cells={"conditioning_code": ITERATIONS_OK.replace("    p = np.array(start, dtype=float)\n",
                                                          "    p = np.asarray(start, dtype=float)\n").replace(
            "        p = p - lr * g\n", "        p -= lr * g\n")},
        loses=("conditioning",),
        message=r"changed its argument `start` in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="kappa_step_written_one_half_times_kappa",
        summary="lr = 1 / 2 * kappa: Python reads it as (1 / 2) * kappa.",
        cells={"conditioning_code": ITERATIONS_OK.replace("1 / (2 * kappa)", "1 / 2 * kappa")},
        loses=("conditioning",),
        message=r"1 / 2 \* kappa is",
        mistakes=("kappa-lr-precedence",),
    ),
    Scenario(
        name="kappa_with_the_default_max_iter",
        summary="iterations_for_kappa forgets max_iter=100_000 and keeps the default 10_000.",
        cells={"conditioning_code": ITERATIONS_OK.replace(", max_iter=100_000)", ")")},
        loses=("conditioning",),
        message=r"max_iter = 100_000",
        mistakes=("kappa-default-max-iter",),
    ),
    Scenario(
        name="kappa_drops_the_tolerance",
        summary="iterations_for_kappa does not pass tol on, so the default 1e-6 is always used.",
        cells={"conditioning_code": ITERATIONS_OK.replace("1 / (2 * kappa), tol, max_iter=100_000)",
                                                          "1 / (2 * kappa), max_iter=100_000)")},
        loses=("conditioning",),
        message=r"pass the tolerance",
        mistakes=("kappa-ignores-tol",),
    ),
    Scenario(
        name="derivative_with_math_pow",
        summary="f and df written with math.pow, which takes single numbers only.",
        cells={"derivative_code": '''
import math


def f(x):
    return math.pow(x, 4) - 3 * math.pow(x, 3) + 2


def df(x):
    return 4 * math.pow(x, 3) - 9 * math.pow(x, 2)
'''},
        loses=("derivative",),
        message=r"f raised TypeError: only .*arrays can be converted to Python scalars",
        mistakes=("derivative-scalar-only",),
    ),
    Scenario(
        name="report_on_python_floats",
        summary="Indexes the history as given: a list's Python floats overflow in f on a diverging run.",
        cells={"report_code": '''
def report_table(history, f, every=100):
    rows = []
    for step in range(0, len(history), every):
        rows.append((step, float(history[step]), float(f(history[step]))))
    return rows
'''},
        loses=("report",),
        message=r"OverflowError",
        mistakes=("report-python-floats-overflow",),
    ),
    Scenario(
        name="plot_f_on_the_list",
        summary="Applies f to history as given, which fails for a list.",
        cells={"loss_plot_code": '''
def plot_history(history, f):
    fig, ax = plt.subplots()
    ax.plot(range(len(history)), f(history))
    ax.set_xlabel("step")
    ax.set_ylabel("f(x)")
    ax.set_title("loss")
    return ax
'''},
        loses=("loss_plot",),
        message=r"plot_history raised TypeError: unsupported operand type\(s\) for \*\* or pow\(\): 'list'",
        mistakes=("plot-f-on-a-list",),
    ),
    Scenario(
        name="path_from_the_tuple_start",
        summary="gd_path starts from start as given, so grad first receives a tuple.",
        cells={"ill_conditioned_code": ILL_OK.replace('''    p = np.array(start, dtype=float)
    path = [p.copy()]''', '''    p = start
    path = [np.array(p, dtype=float)]''')},
        loses=("ill_conditioned",),
        message=r"gd_path raised TypeError: can't multiply sequence by non-int of type 'float'",
        mistakes=("grad-called-with-a-sequence",),
    ),
    # ============================================================== whole-notebook failures
    Scenario(
        name="raises_everywhere",
        summary="Every function raises ValueError.",
        cells={
            "derivative_code": _raise("f(x)") + "\n\n" + _raise("df(x)"),
            "descent_loop_code": _raise("gradient_descent(df, x0=6.0, lr=0.01, steps=1000)"),
            "report_code": _raise("report_table(history, f, every=100)"),
            "loss_plot_code": _raise("plot_history(history, f)"),
            "ill_conditioned_code": "\n\n".join(_raise(s) for s in (
                "grad_ill(p)", "gd_path(grad, start, lr, steps)", "classify_lr(lr, curvatures=(2.0, 20.0))")),
            "conditioning_code": "\n\n".join(_raise(s) for s in (
                "iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000)",
                "iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6)")),
        },
        loses=ALL_PROBLEMS,
        message=r"raised ValueError: not done",
        mistakes=(),
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="The conditioning cell ends with a top-level `while True: pass` (waiting for a result).",
        cells={"conditioning_code": ITERATIONS_OK + '''

count = 0
while True:
    pass
'''},
        loses=("conditioning",),
        message=r"does not define|did not finish|time limit",
        mistakes=(),
    ),

    # ============================================================== correct alternatives
    Scenario(
        name="factored_formulas_and_scalar_loop",
        summary="df as x^2 (4x - 9), f by repeated products, a NumPy-float scalar loop with -=.",
        full_marks=True,
        cells={
            "derivative_code": '''
def f(x):
    return x * x * x * x - 3 * x * x * x + 2


def df(x):
    return x**2 * (4 * x - 9)
''',
            "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    x = np.float64(x0)
    history = [x]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            x -= lr * df(x)
            history.append(x)
    return np.array(history, dtype=float)
''',
        },
    ),
    Scenario(
        name="lists_of_lists_and_pyplot_state",
        summary="report rows as lists from a comprehension over history[::every]; plot via plt.* "
                "returning plt.gca(); preallocated path without errstate; np.isclose with the stated "
                "tolerance on the product (it used np.isclose(lr, 2 / L) with NumPy's loose defaults, "
                "which the docstring's |lr * L - 2| <= 1e-9 rules out).",
        full_marks=True,
        cells={
            "report_code": '''
def report_table(history, f, every=100):
    history = np.asarray(history, dtype=float)
    steps = range(0, len(history), every)
    return [[step, history[step], f(history[step])] for step in steps]
''',
            "loss_plot_code": '''
def plot_history(history, f):
    losses = np.array([f(x) for x in np.asarray(history, dtype=float)])
    plt.figure(figsize=(7, 3))
    plt.plot(range(len(losses)), losses, color="crimson", label="loss")
    plt.axhline(losses.min(), linestyle="--", color="gray")
    plt.xlabel("iteration")
    plt.ylabel("loss f(x)")
    plt.title("Training curve")
    plt.legend()
    return plt.gca()
''',
            "ill_conditioned_code": '''
def grad_ill(p):
    x, y = p
    return np.array([2.0 * x, 20.0 * y])


def gd_path(grad, start, lr, steps):
    path = np.zeros((steps + 1, len(start)))
    path[0, :] = start
    for k in range(1, steps + 1):
        path[k, :] = path[k - 1, :] - lr * grad(path[k - 1, :])
    return path


def classify_lr(lr, curvatures=(2.0, 20.0)):
    product = lr * max(curvatures)
    if np.isclose(product, 2.0, rtol=0.0, atol=1e-9):
        return "oscillates"
    elif product < 2:
        return "converges"
    else:
        return "diverges"
''',
        },
    ),
    Scenario(
        name="while_loops_and_squared_norms",
        summary="iterations_to_converge with a while loop and g @ g < tol**2; kappa by its own loop; "
                "a figure (not Axes) returned from the plot.",
        full_marks=True,
        cells={
            "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    p = np.asarray(start, dtype=float).copy()
    k = 0
    while True:
        g = np.asarray(grad(p), dtype=float)
        if g @ g < tol**2:
            return k
        if k == max_iter or not np.all(np.isfinite(g)):
            return -1
        p = p - lr * g
        k += 1


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    lr = 0.5 / kappa
    x, y = float(start[0]), float(start[1])
    for k in range(100_001):
        gx, gy = 2 * x, 2 * kappa * y
        if np.sqrt(gx**2 + gy**2) < tol:
            return k
        x, y = x - lr * gx, y - lr * gy
    return -1
''',
            "loss_plot_code": '''
def plot_history(history, f):
    fig = plt.figure()
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(f(np.array(history)))
    ax.set(xlabel="step k", ylabel="f(x_k)", title="loss")
    return fig
''',
        },
    ),
    Scenario(
        name="vectorised_and_stacked",
        summary="np.polyval for f and df, a preallocated loop with np.empty, gd_path by np.vstack, "
                "classification from the factors |1 - lr c|.",
        full_marks=True,
        cells={
            "derivative_code": '''
def f(x):
    return np.polyval([1, -3, 0, 0, 2], x)


def df(x):
    return np.polyval([4, -9, 0, 0], x)
''',
            "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    history = np.empty(steps + 1)
    x = history[0] = x0
    for k in range(1, steps + 1):
        x = history[k - 1] - lr * df(history[k - 1])
        history[k] = x
    return history
''',
            "ill_conditioned_code": '''
def grad_ill(p):
    return np.asarray(p, dtype=float) * np.array([2.0, 20.0])


def gd_path(grad, start, lr, steps):
    rows = [np.asarray(start, dtype=float)]
    for _ in range(steps):
        rows.append(rows[-1] - lr * grad(rows[-1]))
    return np.vstack(rows)


def classify_lr(lr, curvatures=(2.0, 20.0)):
    factors = np.abs(1 - lr * np.asarray(curvatures, dtype=float))
    worst = factors.max()
    if abs(worst - 1) <= 1e-9:
        return "oscillates"
    return "converges" if worst < 1 else "diverges"
''',
        },
    ),
    Scenario(
        name="legend_list_numpy_steps_and_keyword_calls",
        summary="Plot labelled through ax.legend([...]) on a fig.add_subplot axes with markers; report rows "
                "with NumPy-integer steps from np.arange; counts with np.sqrt(np.sum(g**2)) in a "
                "k <= max_iter while loop; kappa's run called with keyword arguments.",
        full_marks=True,
        cells={
            "loss_plot_code": '''
def plot_history(history, f):
    xs = np.asarray(history, dtype=float)
    fig = plt.figure()
    ax = fig.add_subplot(111)
    ax.plot(np.arange(xs.size), f(xs), "o-", markersize=2)
    ax.legend(["f(x_k)"])
    ax.set_xlabel("k")
    ax.set_ylabel("loss")
    ax.set_title("gradient descent")
    return ax
''',
            "report_code": '''
def report_table(history, f, every=100):
    xs = np.array(history, dtype=np.float64)
    with np.errstate(all="ignore"):
        return [(step, xs[step], f(xs[step])) for step in np.arange(0, len(xs), every)]
''',
            "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    p = np.array(start, dtype=float)
    k = 0
    while k <= max_iter:
        g = np.asarray(grad(p), dtype=float)
        if np.sqrt(np.sum(g**2)) < tol:
            return k
        p = p - lr * g
        k += 1
    return -1


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    L = 2 * kappa
    return iterations_to_converge(grad=lambda p: np.array([2 * p[0], L * p[1]]), start=start, lr=1 / L,
                                  tol=tol, max_iter=100_000)
''',
        },
    ),
    Scenario(
        name="append_loop_multiply_gradient_and_factor_rule",
        summary="gradient_descent with np.append in a loop; grad_ill via np.multiply on a float copy; "
                "gd_path writing rows of a zeros array; classify_lr by the size of the worst factor "
                "|1 - lr L| with an explicit 1e-9 band around lr * L = 2.",
        full_marks=True,
        cells={
            "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    history = np.array([x0], dtype=float)
    for _ in range(steps):
        with np.errstate(over="ignore", invalid="ignore"):
            history = np.append(history, history[-1] - lr * df(history[-1]))
    return history
''',
            "ill_conditioned_code": '''
def grad_ill(p):
    return np.multiply(np.array(p, dtype=float), [2.0, 20.0])


def gd_path(grad, start, lr, steps):
    path = np.zeros((steps + 1, 2))
    path[0] = np.array(start, dtype=float)
    for k in range(steps):
        path[k + 1] = path[k] - lr * grad(path[k].copy())
    return path


def classify_lr(lr, curvatures=(2.0, 20.0)):
    L = float(np.max(curvatures))
    if 2 - 1e-9 <= lr * L <= 2 + 1e-9:
        return "oscillates"
    worst = abs(1 - lr * L)
    return "converges" if worst < 1 else "diverges"
''',
        },
    ),
]
