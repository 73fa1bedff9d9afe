"""Hidden tests for problem `adam_vs_gd`: gradient descent and Adam on f(x, y) = x^2 + 4y^2.

Contracts:
- grad_quad(p) = array([2x, 8y]).
- gd(grad, start, lr, steps) and adam(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
  float arrays of shape (steps + 1, d), d = len(start), row 0 = start, one row per update. Adam
  starts from m = v = 0, counts t = 1, 2, ..., steps, corrects the bias with 1 - beta^t and adds eps
  after the square root. The gradient is sent with `remote_function`, so each optimiser is graded
  on its own.
- plot_paths(gd_path, adam_path): the Axes with one line per path (x = path[:, 0], y = path[:, 1]),
  labelled so that the legend names "gradient descent" (or "GD") and "Adam", with axis labels and a
  title. Graded from the figure's data, never from pixels.

Adam near a minimum can be sensitive to rounding over long runs with large steps. The random
settings (lr <= 0.1, at most 120 steps, betas near the defaults) are kept only when two orderings of
the same arithmetic agree to 1e-8 relative, so any faithful implementation passes at rtol 1e-6.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true
from autograder.figures import FigureData, find_line
from autograder.sandbox.values import remote_function

PROBLEM = "adam_vs_gd"


def _suite_check(condition, what):
    """A check of the suite's own inputs: failing it is a grader fault, never the student's."""
    if not condition:
        raise RuntimeError(f"hidden suite inconsistent with the reference: {what}")


def _close(got, value):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=1e-9, equal_nan=True)


# Gradients sent to the student's optimisers (re-defined in the worker: np and math only).
def grad_tilted_bowl(p):
    return np.array([3.0 * p[0] + p[1], p[0] + 2.0 * p[1]])


def grad_three_d(p):
    return np.array([2.0 * p[0], 6.0 * p[1], 0.5 * p[2]])


def grad_quad(p):
    return np.array([2.0 * p[0], 8.0 * p[1]])


# ------------------------------------------------------------------ local re-enactments
def _gd(grad, start, lr, steps, sign=-1.0):
    path = np.empty((steps + 1, len(start)))
    path[0] = start
    for k in range(steps):
        path[k + 1] = path[k] + sign * lr * grad(path[k])
    return path


def _adam(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8, variant="right"):
    """Adam and its classic wrong variants, one row per step."""
    x = np.array(start, dtype=float)
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    path = [x.copy()]
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = grad(x)
            b1, b2 = (beta2, beta1) if variant == "swapped_betas" else (beta1, beta2)
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * (np.abs(g) if variant == "v_not_squared" else g**2)
            tt = t - 1 if variant == "t_from_zero" else t
            m_hat = m if variant in ("no_bias", "no_m_bias") else m / (1 - b1**tt)
            v_hat = v if variant in ("no_bias", "no_v_bias") else v / (1 - b2**tt)
            if variant == "eps_inside":
                step = m_hat / np.sqrt(v_hat + eps)
            elif variant == "no_sqrt":
                step = m_hat / (v_hat + eps)
            elif variant == "gradient_not_momentum":
                step = g / (np.sqrt(v_hat) + eps)
            else:
                step = m_hat / (np.sqrt(v_hat) + eps)
            x = x - lr * step
            path.append(x.copy())
    return np.array(path)


def _adam_folded(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
    """The same Adam with the bias corrections folded into the step (another rounding order)."""
    x = np.array(start, dtype=float)
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    path = [x.copy()]
    for t in range(1, steps + 1):
        g = grad(x)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        scale = np.sqrt(1 - beta2**t)
        x = x - (lr * scale / (1 - beta1**t)) * m / (np.sqrt(v) + eps * scale)
        path.append(x.copy())
    return np.array(path)


def _well_conditioned(reference, grad, start, lr, steps, beta1, beta2, eps):
    expected = reference.adam(grad, start, lr, steps, beta1, beta2, eps)
    other = _adam_folded(grad, start, lr, steps, beta1, beta2, eps)
    return np.allclose(other, expected, rtol=1e-8, atol=1e-11)


# ------------------------------------------------------------------ mistakes
def _path_shape_mistakes(right, steps):
    return [
        Mistake("return only the path (one array of shape (steps + 1, d)), not a tuple such as (final point, path)",
                lambda got: isinstance(got, tuple) and len(got) == 2 and any(np.ndim(part) == 2 for part in got)),
        Mistake("the path must hold every point, not only the final one: return an array of shape "
                "(steps + 1, d) whose row k is the point after k updates",
                lambda got: np.shape(as_numbers(got)) == right[-1].shape),
        Mistake("every row of the path is the same array object: updating x in place (x -= ...) and "
                "appending x stores one array many times; append x.copy() or write rows into a "
                "preallocated (steps + 1, d) array",
                lambda got: steps > 0 and as_numbers(got).shape == right.shape and _close(got, np.broadcast_to(right[-1], right.shape))),
        Mistake("the path misses its first row: row 0 must be the start, followed by one row per update "
                "(steps + 1 rows)", lambda got: steps > 0 and _close(got, right[1:])),
        Mistake("the path must be an array of shape (steps + 1, d): one row per point, the start first",
                lambda got: as_numbers(got).shape not in (right.shape,)),
    ]


def _gd_mistakes(grad, start, lr, steps):
    right = _gd(grad, start, lr, steps)
    return [Mistake("the update goes uphill: gradient descent subtracts, x <- x - lr * grad(x)",
                    lambda got: steps > 0 and _close(got, _gd(grad, start, lr, steps, sign=1.0)))] + \
        _path_shape_mistakes(right, steps)


def _adam_mistakes(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
    right = _adam(grad, start, lr, steps, beta1, beta2, eps)

    def variant(name):
        return _adam(grad, start, lr, steps, beta1, beta2, eps, variant=name)

    mistakes = [
        Mistake("the bias correction is missing: use m_hat = m / (1 - beta1^t) and v_hat = v / (1 - beta2^t)",
                lambda got: _close(got, variant("no_bias"))),
        Mistake("only one of the two bias corrections was applied: correct both m and v",
                lambda got: _close(got, variant("no_m_bias")) or _close(got, variant("no_v_bias"))),
        Mistake("the step counter must start at t = 1 for the first update: with t = 0 the bias correction "
                "1 - beta^0 = 0 divides by zero", lambda got: _close(got, variant("t_from_zero"))
                or (np.isnan(as_numbers(got)).any() and not np.isnan(right).any())),
        Mistake("eps goes after the square root: lr * m_hat / (sqrt(v_hat) + eps), not sqrt(v_hat + eps)",
                lambda got: _close(got, variant("eps_inside"))),
        Mistake("the update divides by the square root of v_hat: lr * m_hat / (sqrt(v_hat) + eps)",
                lambda got: _close(got, variant("no_sqrt"))),
        Mistake("the update uses the raw gradient g instead of the momentum m_hat in the numerator",
                lambda got: _close(got, variant("gradient_not_momentum"))),
        Mistake("beta1 and beta2 are swapped: m (the mean of g) decays with beta1, v (the mean of g^2) "
                "with beta2", lambda got: _close(got, variant("swapped_betas"))),
        Mistake("v averages the squared gradient g**2, not |g| or g",
                lambda got: _close(got, variant("v_not_squared"))),
        Mistake("the update goes uphill: Adam subtracts, x <- x - lr * m_hat / (sqrt(v_hat) + eps)",
                lambda got: steps > 0 and _close(got, 2 * right[0] - right)),
    ]
    if (beta1, beta2, eps) != (0.9, 0.999, 1e-8):
        mistakes.insert(0, Mistake(
            "adam ignored some of its arguments beta1, beta2, eps (it used the defaults 0.9, 0.999, 1e-8): "
            "use the values it is given", lambda got: _close(got, _adam(grad, start, lr, steps))))
    return mistakes + _path_shape_mistakes(right, steps)


# ------------------------------------------------------------------ checks
def _check_gd(student, reference, grad, start, lr, steps, what="gd(grad, start, lr, steps)"):
    expected = reference.gd(grad, start, lr, steps)
    got = student.gd(remote_function(grad), start, lr, steps)
    expect_close(got, expected, what=what, inputs={"grad": grad.__name__, "start": start, "lr": lr, "steps": steps},
                 mistakes=_gd_mistakes(grad, start, lr, steps))


def _check_adam(student, reference, grad, start, lr, steps, beta1=None, beta2=None, eps=None,
                what="adam(grad, start, lr, steps)"):
    inputs = {"grad": grad.__name__, "start": start, "lr": lr, "steps": steps}
    if beta1 is None:
        expected = reference.adam(grad, start, lr, steps)
        got = student.adam(remote_function(grad), start, lr, steps)
        mistakes = _adam_mistakes(grad, start, lr, steps)
    else:
        expected = reference.adam(grad, start, lr, steps, beta1, beta2, eps)
        got = student.adam(remote_function(grad), start, lr, steps, beta1, beta2, eps)
        mistakes = _adam_mistakes(grad, start, lr, steps, beta1, beta2, eps)
        inputs.update(beta1=beta1, beta2=beta2, eps=eps)
    expect_close(got, expected, what=what, inputs=inputs, mistakes=mistakes)


@pytest.mark.points(1, problem=PROBLEM)
def test_grad_quad_is_2x_8y(student, reference, rng):
    """grad_quad(p) = (2x, 8y) at (3, 3), at the minimum and at random points."""
    points = [np.array([3.0, 3.0]), np.zeros(2)] + [rng.uniform(-4.0, 4.0, size=2) for _ in range(6)]
    for p in points:
        expect_close(student.grad_quad(p), reference.grad_quad(p), what="grad_quad(p)", inputs={"p": p}, mistakes=[
            Mistake("d/dy (4y^2) = 8y, not 4y", lambda got: _close(got, [2 * p[0], 4 * p[1]])),
            Mistake("the power rule gives d/dx x^2 = 2x: the factor 2 is missing",
                    lambda got: _close(got, [p[0], 4 * p[1]])),
            Mistake("grad_quad returned f(x, y) = x^2 + 4y^2 instead of the gradient (2x, 8y)",
                    lambda got: _close(got, p[0] ** 2 + 4 * p[1] ** 2))])


@pytest.mark.points(1, problem=PROBLEM)
def test_gd_path_of_the_exercise(student, reference):
    """Gradient descent from (3, 3) with lr = 0.1 for 50 steps; and steps = 0 (just the start)."""
    _check_gd(student, reference, grad_quad, reference.START, reference.GD_LR, reference.GD_STEPS,
              what="gd(grad_quad, (3, 3), 0.1, 50)")
    _check_gd(student, reference, grad_quad, (3.0, 3.0), 0.1, 0, what="gd with steps = 0")


@pytest.mark.points(2, problem=PROBLEM)
def test_gd_path_on_random_runs(student, reference, rng):
    """gd paths for random starts, rates and step counts on three bowls (2-D and 3-D), bouncing runs included."""
    for grad, dim, (low, high) in [(grad_quad, 2, (0.01, 0.3)), (grad_tilted_bowl, 2, (0.02, 0.5)),
                                   (grad_three_d, 3, (0.05, 0.3)), (grad_quad, 2, (0.2, 0.3))]:
        start = rng.uniform(-3.0, 3.0, size=dim)
        _check_gd(student, reference, grad, start, float(rng.uniform(low, high)), int(rng.integers(1, 60)))


@pytest.mark.points(1, problem=PROBLEM)
def test_adam_path_of_the_exercise(student, reference):
    """Adam from (3, 3) with lr = 0.01 for 100 steps (default betas and eps): it ends near (2.06, 2.06)."""
    args = (grad_quad, reference.START, reference.ADAM_LR, reference.ADAM_STEPS)
    _suite_check(_well_conditioned(reference, *args, 0.9, 0.999, 1e-8), "the exercise's Adam run")
    _check_adam(student, reference, *args, what="adam(grad_quad, (3, 3), 0.01, 100)")


@pytest.mark.points(2, problem=PROBLEM)
def test_adam_path_on_random_runs(student, reference, rng):
    """Adam paths for random starts, learning rates and step counts on three bowls (2-D and 3-D)."""
    settings = [(grad_quad, 2), (grad_tilted_bowl, 2), (grad_three_d, 3)]
    done = attempts = 0
    while done < 6:
        attempts += 1
        _suite_check(attempts < 200, "well-conditioned random Adam settings are found")
        grad, dim = settings[done % 3]
        start = rng.uniform(-3.0, 3.0, size=dim)
        lr, steps = float(rng.uniform(0.005, 0.1)), int(rng.integers(1, 120))
        if not _well_conditioned(reference, grad, start, lr, steps, 0.9, 0.999, 1e-8):
            continue  # draw again: a path decided by rounding would not be fair
        _check_adam(student, reference, grad, start, lr, steps)
        done += 1


@pytest.mark.points(1, problem=PROBLEM)
def test_adam_uses_the_given_beta1_beta2_and_eps(student, reference, rng):
    """Adam with other beta1, beta2 and a large eps (0.5) follows the reference."""
    done = attempts = 0
    while done < 4:
        attempts += 1
        _suite_check(attempts < 200, "well-conditioned random Adam settings are found")
        start = rng.uniform(-3.0, 3.0, size=2)
        lr, steps = float(rng.uniform(0.01, 0.1)), int(rng.integers(5, 80))
        beta1, beta2 = float(rng.uniform(0.8, 0.95)), float(rng.uniform(0.99, 0.9999))
        eps = [0.5, 1e-8, 1e-3, 0.5][done]
        if not _well_conditioned(reference, grad_quad, start, lr, steps, beta1, beta2, eps):
            continue
        _check_adam(student, reference, grad_quad, start, lr, steps, beta1, beta2, eps,
                    what="adam(grad, start, lr, steps, beta1, beta2, eps)")
        done += 1


@pytest.mark.points(1, problem=PROBLEM)
def test_adam_edge_cases(student, reference):
    """steps = 0 gives just the start; a start at the minimum stays there; a zero coordinate stays 0."""
    _check_adam(student, reference, grad_quad, (3.0, 3.0), 0.01, 0, what="adam with steps = 0")
    _check_adam(student, reference, grad_quad, (0.0, 0.0), 0.05, 10,
                what="adam started at the minimum (the gradient is 0: m = v = 0 and no move)")
    _check_adam(student, reference, grad_quad, (2.0, 0.0), 0.05, 30,
                what="adam started on the x axis (the y coordinate must stay 0)")
    _check_adam(student, reference, grad_three_d, (1.0, -1.0, 0.5), 0.1, 1, what="adam, one step in 3-D")


# ------------------------------------------------------------------ plot
def _figure(got) -> FigureData:
    hint = " (add `return ax` at the end)" if got is None else ""
    expect_true(isinstance(got, FigureData),
                f"plot_paths must return the matplotlib Axes it drew on{hint}; got {describe(got)}")
    expect_true(bool(got.all_lines()), "plot_paths drew no line: plot each path with ax.plot(path[:, 0], path[:, 1])")
    return got


def _path_line(figure, path, name):
    line = find_line(figure, y=path[:, 1], x=path[:, 0], rtol=1e-6)
    if line is None:
        steps = np.arange(len(path))
        if find_line(figure, y=path[:, 0], x=steps) is not None or find_line(figure, y=path[:, 1], x=steps) is not None:
            reason = ("a coordinate is plotted against the step number: draw the path in the plane, "
                      "x = path[:, 0] against y = path[:, 1]")
        elif find_line(figure, y=path[:, 0], x=path[:, 1]) is not None:
            reason = "the axes are swapped: x = path[:, 0] goes on the horizontal axis, y = path[:, 1] on the vertical"
        else:
            reason = (f"no line has x = path[:, 0] and y = path[:, 1] for the {name} path "
                      f"({len(path)} points starting {describe(path[0])})")
        expect_true(False, f"plot_paths: {reason}")
    return line


def _paths(reference):
    gd_path = reference.gd(reference.grad_quad, reference.START, reference.GD_LR, reference.GD_STEPS)
    adam_path = reference.adam(reference.grad_quad, reference.START, reference.ADAM_LR, reference.ADAM_STEPS)
    return gd_path, adam_path


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_shows_both_paths_in_the_plane(student, reference, rng):
    """The plot has one line per path with x = path[:, 0] and y = path[:, 1]."""
    gd_path, adam_path = _paths(reference)
    figure = _figure(student.plot_paths(gd_path, adam_path))
    _path_line(figure, gd_path, "gradient descent")
    _path_line(figure, adam_path, "Adam")
    other_gd = reference.gd(reference.grad_quad, rng.uniform(-3, 3, size=2), 0.05, 20)
    other_adam = reference.adam(reference.grad_quad, rng.uniform(-3, 3, size=2), 0.05, 30)
    figure = _figure(student.plot_paths(other_gd, other_adam))
    _path_line(figure, other_gd, "gradient descent (a second, random run)")
    _path_line(figure, other_adam, "Adam (a second, random run)")


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_has_labels_a_title_and_a_legend_naming_both_methods(student, reference):
    """The legend names gradient descent (or GD) and Adam; axis labels and a title are set."""
    gd_path, adam_path = _paths(reference)
    figure = _figure(student.plot_paths(gd_path, adam_path))
    gd_line = find_line(figure, y=gd_path[:, 1], x=gd_path[:, 0], rtol=1e-6)
    adam_line = find_line(figure, y=adam_path[:, 1], x=adam_path[:, 0], rtol=1e-6)
    axes = next((a for a in figure.axes if any(line is gd_line or line is adam_line for line in a.lines)),
                next(a for a in figure.axes if a.lines))
    missing = [name for name, text in (("x label", axes.xlabel), ("y label", axes.ylabel), ("title", axes.title))
               if not text.strip()]
    expect_true(not missing, f"the plot of the paths is missing: {', '.join(missing)} "
                             "(set them with ax.set_xlabel, ax.set_ylabel and ax.set_title)")
    legend = " | ".join(axes.legend).lower()
    expect_true(bool(axes.legend), "the plot needs a legend (ax.legend()) naming the two methods")
    expect_true("adam" in legend and any(word in legend for word in ("gradient", "gd")),
                f"the legend must name both methods, 'gradient descent' (or 'GD') and 'Adam'; it shows {axes.legend!r}")
    if adam_line is not None:
        expect_true("adam" in adam_line.label.lower(),
                    f"the line of the Adam path must carry the label 'Adam'; its label is {adam_line.label!r}")
    if gd_line is not None:
        gd_label = gd_line.label.lower()
        expect_true(("gradient" in gd_label or "gd" in gd_label) and "adam" not in gd_label,
                    "the line of the gradient descent path must carry the label 'gradient descent' (or 'GD'); "
                    f"its label is {gd_line.label!r}")
