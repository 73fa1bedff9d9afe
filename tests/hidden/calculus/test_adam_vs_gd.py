"""Hidden tests for problem `adam_vs_gd`: gradient descent and Adam on f(x, y) = x^2 + 4y^2.

Contracts:
- grad_quad(p) = np.array([2x, 8y]) (an np.ndarray, not a list).
- gd(grad, start, lr, steps) and adam(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
  np.ndarray paths of floats, shape (steps + 1, d), d = len(start) (d = 1 included), row 0 = start,
  one row per update; `start` (a tuple, a list or an array, ints allowed) is not modified, and a call
  keeps nothing from an earlier call. Adam starts from m = v = 0, counts t = 1, 2, ..., steps,
  corrects the bias with 1 - beta^t and adds eps after the square root. The gradient is sent with
  `remote_function`, so each optimiser is graded on its own.
- plot_paths(gd_path, adam_path): a new Axes (or its Figure) with one line per path (x = path[:, 0],
  y = path[:, 1]), the lines labelled "gradient descent" (or "GD") and "Adam" (with label= and
  ax.legend(), or by ax.legend([...]) in the order the lines were drawn), axis labels and a title.
  Graded from the figure's data, never from pixels.

Adam near a minimum can be sensitive to rounding over long runs with large steps. The random
settings (lr <= 0.1, at most 120 steps, betas near the defaults) are kept only when two orderings of
the same arithmetic agree to 1e-8 relative, so any faithful implementation passes at rtol 1e-6.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, describe, expect_close, expect_true, expect_unchanged
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


def grad_one_d(p):
    return np.array([3.0 * p[0]])


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
            elif variant == "eps_outside":
                x = x - lr * m_hat / np.sqrt(v_hat) + eps
                path.append(x.copy())
                continue
            elif variant == "v_correction_outside_sqrt":
                step = m_hat / (np.sqrt(v) / (1 - b2**tt) + eps)
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
def _path_shape_mistakes(right, steps, name):
    """`right`: a thunk giving the right path (re-enacted only when a check fails and a mistake is tried)."""
    return [
        Mistake(f"{name} returned a Python list of points: return the path as one NumPy array of shape "
                "(steps + 1, d), for example np.array(path)",
                lambda got: isinstance(got, list) and _close(got, right()), id="path-list-not-ndarray"),
        Mistake("return only the path (one array of shape (steps + 1, d)), not a tuple such as (final point, path)",
                lambda got: isinstance(got, tuple) and len(got) == 2 and any(np.ndim(part) == 2 for part in got),
                id="path-returned-tuple"),
        Mistake("the path must hold every point, not only the final one: return an array of shape "
                "(steps + 1, d) whose row k is the point after k updates",
                lambda got: np.shape(as_numbers(got)) == right()[-1].shape, id="path-final-point-only"),
        Mistake("every row of the path is the same array object: updating x in place (x -= ...) and "
                "appending x stores one array many times; append x.copy() or write rows into a "
                "preallocated (steps + 1, d) array",
                lambda got: steps > 0 and as_numbers(got).shape == right().shape
                and _close(got, np.broadcast_to(right()[-1], right().shape)), id="path-rows-aliased"),
        Mistake("the path misses its first row: row 0 must be the start, followed by one row per update "
                "(steps + 1 rows)", lambda got: steps > 0 and _close(got, right()[1:]), id="path-misses-start"),
        Mistake(f"the path keeps points from an earlier call of {name} (a default argument such as path=[] or a "
                "global list is shared between calls): start a new path in every call",
                lambda got: as_numbers(got).ndim == 2 and as_numbers(got).shape[0] > right().shape[0]
                and _close(as_numbers(got)[-right().shape[0]:], right()), id="path-shared-between-calls"),
        Mistake("the path must be an array of shape (steps + 1, d): one row per point, the start first",
                lambda got: as_numbers(got).shape != right().shape, id="path-shape"),
    ]


def _gd_mistakes(grad, start, lr, steps):
    right = functools.lru_cache(maxsize=None)(lambda: _gd(grad, start, lr, steps))
    return [Mistake("the update goes uphill: gradient descent subtracts, x <- x - lr * grad(x)",
                    lambda got: steps > 0 and _close(got, _gd(grad, start, lr, steps, sign=1.0)), id="gd-uphill")] + \
        _path_shape_mistakes(right, steps, "gd")


ADAM_VARIANTS = [  # (variant, id, message)
    ("no_bias", "adam-no-bias-correction",
     "the bias correction is missing: use m_hat = m / (1 - beta1^t) and v_hat = v / (1 - beta2^t)"),
    ("no_m_bias", "adam-one-bias-correction", "only one of the two bias corrections was applied: correct both m and v"),
    ("no_v_bias", "adam-one-bias-correction", "only one of the two bias corrections was applied: correct both m and v"),
    ("t_from_zero", "adam-t-from-zero", "the step counter must start at t = 1 for the first update: with t = 0 "
     "the bias correction 1 - beta^0 = 0 divides by zero"),
    ("eps_inside", "adam-eps-inside-sqrt", "eps goes after the square root: lr * m_hat / (sqrt(v_hat) + eps), "
     "not sqrt(v_hat + eps)"),
    ("eps_outside", "adam-eps-outside-fraction", "eps belongs in the denominator: lr * m_hat / (sqrt(v_hat) + eps); "
     "x - lr * m_hat / sqrt(v_hat) + eps adds eps to the point (mind the parentheses)"),
    ("no_sqrt", "adam-no-sqrt", "the update divides by the square root of v_hat: lr * m_hat / (sqrt(v_hat) + eps)"),
    ("v_correction_outside_sqrt", "adam-v-correction-outside-sqrt", "the bias correction of v goes inside the square "
     "root: sqrt(v / (1 - beta2^t)), not sqrt(v) / (1 - beta2^t)"),
    ("gradient_not_momentum", "adam-gradient-not-momentum",
     "the update uses the raw gradient g instead of the momentum m_hat in the numerator"),
    ("swapped_betas", "adam-betas-swapped", "beta1 and beta2 are swapped: m (the mean of g) decays with beta1, "
     "v (the mean of g^2) with beta2"),
    ("v_not_squared", "adam-v-not-squared", "v averages the squared gradient g**2, not |g|"),
]


def _adam_mistakes(grad, start, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8):
    # the re-enactments (and the pairwise comparisons between them) are needed only to name a mistake once a
    # check has failed: computed on the first `applies` call, once; a right answer never pays for them
    right = functools.lru_cache(maxsize=None)(lambda: _adam(grad, start, lr, steps, beta1, beta2, eps))

    @functools.lru_cache(maxsize=None)
    def paths():
        return {variant: _adam(grad, start, lr, steps, beta1, beta2, eps, variant=variant)
                for variant, *_ in ADAM_VARIANTS}

    def alike(a, b):
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True)

    @functools.lru_cache(maxsize=None)
    def distinct(variant, mistake_id):
        # a variant that gives the right path, or the same path as another mistake, cannot name one mistake
        path = paths()[variant]
        return not (alike(path, right()) or any(alike(path, paths()[other]) for other, other_id, _ in ADAM_VARIANTS
                                                if other_id != mistake_id))

    mistakes = [Mistake(message, lambda got, variant=variant, mistake_id=mistake_id: distinct(variant, mistake_id)
                        and _close(got, paths()[variant]), id=mistake_id)
                for variant, mistake_id, message in ADAM_VARIANTS]
    mistakes.append(Mistake("the update goes uphill: Adam subtracts, x <- x - lr * m_hat / (sqrt(v_hat) + eps)",
                            lambda got: steps > 0 and _close(got, 2 * right()[0] - right()), id="adam-uphill"))
    if (beta1, beta2, eps) != (0.9, 0.999, 1e-8):
        mistakes.insert(0, Mistake(
            "adam ignored some of its arguments beta1, beta2, eps (it used the defaults 0.9, 0.999, 1e-8): "
            "use the values it is given", lambda got: _close(got, _adam(grad, start, lr, steps)), id="adam-ignores-arguments"))
    return mistakes + _path_shape_mistakes(right, steps, "adam")


NOT_FLOATS = Mistake("the path must hold floats: with an integer start, np.array(start) is an integer array and "
                     "every point written into it is truncated; use np.array(start, dtype=float)",
                     lambda got: isinstance(got, np.ndarray) and got.dtype.kind in "iub", id="path-integer-dtype")


# ------------------------------------------------------------------ checks
def _path_checks(got, expected, effects, what, inputs, mistakes, name):
    expect_close(got, expected, what=what, inputs=inputs, mistakes=[NOT_FLOATS] + mistakes, strict_type=True)
    expect_true(got.dtype.kind == "f", f"{name} must return a path of floats; it returned dtype {got.dtype}",
                mistake=NOT_FLOATS)
    expect_unchanged(effects, what=f"{name}(grad, start, lr, steps)")


def _check_gd(student, reference, grad, start, lr, steps, what="gd(grad, start, lr, steps)"):
    expected = reference.gd(grad, start, lr, steps)
    got = student.gd(remote_function(grad), start, lr, steps)
    _path_checks(got, expected, student.last_call, what,
                 {"grad": grad.__name__, "start": start, "lr": lr, "steps": steps},
                 _gd_mistakes(grad, start, lr, steps), "gd")


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
    _path_checks(got, expected, student.last_call, what, inputs, mistakes, "adam")


def _grad_quad_mistakes(p):
    x, y = float(p[0]), float(p[1])
    return [
        Mistake("grad_quad returned a Python list: return a NumPy array, np.array([2 * x, 8 * y])",
                lambda got: isinstance(got, (list, tuple)) and _close(got, [2 * x, 8 * y]), id="grad-quad-list-not-ndarray"),
        Mistake("d/dy (4y^2) = 8y, not 4y", lambda got: _close(got, [2 * x, 4 * y]), id="grad-quad-4y"),
        Mistake("the power rule gives d/dx x^2 = 2x: the factor 2 is missing",
                lambda got: _close(got, [x, 4 * y]), id="grad-quad-power-rule"),
        Mistake("grad_quad returned f(x, y) = x^2 + 4y^2 instead of the gradient (2x, 8y)",
                lambda got: _close(got, x**2 + 4 * y**2), id="grad-quad-returned-f"),
    ]


@pytest.mark.points(1, problem=PROBLEM)
def test_grad_quad_is_2x_8y(student, reference, rng):
    """grad_quad(p) = (2x, 8y) at random points, at (3, 3) and at the minimum; an array, for a tuple too."""
    points = [rng.uniform(-4.0, 4.0, size=2) for _ in range(6)] + [np.array([3.0, 3.0]), np.zeros(2), (1.5, -0.5)]
    for p in points:
        expect_close(student.grad_quad(p), reference.grad_quad(p), what="grad_quad(p)", inputs={"p": p},
                     mistakes=_grad_quad_mistakes(p), strict_type=True)


@pytest.mark.points(1, problem=PROBLEM)
def test_gd_path_of_the_exercise(student, reference):
    """Gradient descent from (3, 3) with lr = 0.1 for 50 steps, then from two other starts of the same
    shape (nothing kept between calls), from an array start that must not change, from an integer
    start, in one dimension, and steps = 0 (just the start)."""
    _check_gd(student, reference, grad_quad, reference.START, reference.GD_LR, reference.GD_STEPS,
              what="gd(grad_quad, (3, 3), 0.1, 50)")
    _check_gd(student, reference, grad_quad, (-1.5, 2.0), 0.1, 50, what="gd(grad_quad, (-1.5, 2), 0.1, 50), a second run")
    _check_gd(student, reference, grad_quad, np.array([2.5, -0.5]), 0.1, 50,
              what="gd(grad_quad, start, 0.1, 50) for an array start (it must not change)")
    _check_gd(student, reference, grad_quad, (3, -2), 0.1, 5, what="gd(grad_quad, (3, -2), 0.1, 5) for an integer start")
    _check_gd(student, reference, grad_one_d, np.array([2.0]), 0.2, 8, what="gd in one dimension (d = 1)")
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
    """steps = 0 gives just the start; a start at the minimum stays there; a zero coordinate stays 0;
    one dimension; an array start that must not change; an integer start; two runs in a row."""
    _check_adam(student, reference, grad_quad, (3.0, 3.0), 0.01, 0, what="adam with steps = 0")
    _check_adam(student, reference, grad_one_d, np.array([2.0]), 0.1, 12, what="adam in one dimension (d = 1)")
    _check_adam(student, reference, grad_quad, np.array([1.5, -2.5]), 0.05, 20,
                what="adam(grad_quad, start, 0.05, 20) for an array start (it must not change)")
    _check_adam(student, reference, grad_quad, (3, -2), 0.05, 20, what="adam(grad_quad, (3, -2), 0.05, 20) for an integer start")
    _check_adam(student, reference, grad_quad, (-1.0, 2.5), 0.05, 20, what="adam(grad_quad, (-1, 2.5), 0.05, 20), a second run")
    _check_adam(student, reference, grad_quad, (0.0, 0.0), 0.05, 10,
                what="adam started at the minimum (the gradient is 0: m = v = 0 and no move)")
    _check_adam(student, reference, grad_quad, (2.0, 0.0), 0.05, 30,
                what="adam started on the x axis (the y coordinate must stay 0)")
    _check_adam(student, reference, grad_three_d, (1.0, -1.0, 0.5), 0.1, 1, what="adam, one step in 3-D")


# ------------------------------------------------------------------ plot
def _figure(got) -> FigureData:
    expect_true(got is not None, "plot_paths returned None: it must return the Axes it drew on (add `return ax`)",
                mistake=Mistake("plot_paths must return the matplotlib Axes it drew on (end with `return ax`)",
                                lambda _: True, id="plot-returns-nothing"))
    expect_true(isinstance(got, FigureData),
                f"plot_paths must return the matplotlib Axes it drew on (or its Figure); got {describe(got)}",
                mistake=Mistake("plot_paths must return the matplotlib Axes (or Figure) it drew on, not another "
                                "object", lambda _: True, id="plot-returns-no-axes"))
    return got


def _scattered(figure, path):
    """A scatter (collection) of the path's points, drawn instead of a line."""
    return any(c.offsets.shape == path.shape and np.allclose(c.offsets, path, rtol=1e-6, atol=1e-9)
               for axes in figure.axes for c in axes.collections)


def _path_line(figure, path, name, earlier=None):
    line = find_line(figure, y=path[:, 1], x=path[:, 0], rtol=1e-6)
    if line is None:
        steps = np.arange(len(path))
        if find_line(figure, y=path[:, 0], x=steps) is not None or find_line(figure, y=path[:, 1], x=steps) is not None:
            expect_true(False, f"plot_paths: no line draws the {name} path in the plane; a coordinate is plotted "
                               "against the step number",
                        mistake=Mistake("a coordinate is plotted against the step number: draw the path in the plane, "
                                        "x = path[:, 0] against y = path[:, 1]", lambda _: True, id="plot-coordinate-vs-step"))
        if find_line(figure, y=path[:, 0], x=path[:, 1]) is not None:
            expect_true(False, f"plot_paths: the {name} path is drawn with its coordinates exchanged",
                        mistake=Mistake("the axes are swapped: x = path[:, 0] goes on the horizontal axis, "
                                        "y = path[:, 1] on the vertical", lambda _: True, id="plot-axes-swapped"))
        if _scattered(figure, path):
            expect_true(False, f"plot_paths: the {name} path is drawn as scattered points, not as a line",
                        mistake=Mistake("draw each path as a line through its points (ax.plot(path[:, 0], path[:, 1], "
                                        "...)), not as a scatter", lambda _: True, id="plot-scatter-not-line"))
        if earlier is not None and find_line(figure, y=earlier[:, 1], x=earlier[:, 0], rtol=1e-6) is not None:
            expect_true(False, f"plot_paths: the {name} path it was given is not drawn, another path is",
                        mistake=Mistake("plot_paths must draw the two paths it is given (its arguments gd_path and "
                                        "adam_path), not paths it computes itself", lambda _: True,
                                        id="plot-ignores-arguments"))
        expect_true(False, f"plot_paths: no line has x = path[:, 0] and y = path[:, 1] for the {name} path "
                           f"({len(path)} points starting {describe(path[0])})")
    return line


def _paths(reference):
    gd_path = reference.gd(reference.grad_quad, reference.START, reference.GD_LR, reference.GD_STEPS)
    adam_path = reference.adam(reference.grad_quad, reference.START, reference.ADAM_LR, reference.ADAM_STEPS)
    return gd_path, adam_path


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_shows_both_paths_in_the_plane(student, reference, rng):
    """The plot has one line per path with x = path[:, 0] and y = path[:, 1]; a second call draws on a
    new Axes (the first call's paths are not in it)."""
    gd_path, adam_path = _paths(reference)
    figure = _figure(student.plot_paths(gd_path, adam_path))
    _path_line(figure, gd_path, "gradient descent")
    _path_line(figure, adam_path, "Adam")
    other_gd = reference.gd(reference.grad_quad, rng.uniform(-3, 3, size=2), 0.05, 20)
    other_adam = reference.adam(reference.grad_quad, rng.uniform(-3, 3, size=2), 0.05, 30)
    figure = _figure(student.plot_paths(other_gd, other_adam))
    _path_line(figure, other_gd, "gradient descent (a second, random run)", earlier=gd_path)
    _path_line(figure, other_adam, "Adam (a second, random run)", earlier=adam_path)
    expect_true(find_line(figure, y=gd_path[:, 1], x=gd_path[:, 0], rtol=1e-6) is None,
                "plot_paths, called a second time, still shows the paths of the first call",
                mistake=Mistake("plot_paths must draw on a new Axes (fig, ax = plt.subplots()): drawing on the current "
                                "one adds every call's lines to the same plot", lambda _: True, id="plot-reuses-axes"))


def _labels(axes):
    """The label of each line of the axes: its own label, or, when no line has one and the legend was
    given its texts (ax.legend(["...", "..."])), the legend's text in the order the lines were drawn."""
    own = [line.label for line in axes.lines]
    if axes.legend and not any(label and not label.startswith("_") for label in own):
        return [axes.legend[i] if i < len(axes.legend) else "" for i in range(len(own))]
    return own


@pytest.mark.points(1, problem=PROBLEM)
def test_plot_has_labels_a_title_and_a_legend_naming_both_methods(student, reference):
    """The legend names gradient descent (or GD) and Adam, each on its own line; axis labels and a title are set."""
    gd_path, adam_path = _paths(reference)
    figure = _figure(student.plot_paths(gd_path, adam_path))
    gd_line = find_line(figure, y=gd_path[:, 1], x=gd_path[:, 0], rtol=1e-6)
    adam_line = find_line(figure, y=adam_path[:, 1], x=adam_path[:, 0], rtol=1e-6)
    axes = next((a for a in figure.axes if any(line is gd_line or line is adam_line for line in a.lines)),
                next((a for a in figure.axes if a.lines), figure.axes[0] if figure.axes else None))
    expect_true(axes is not None, "plot_paths returned a figure without axes")
    missing = [name for name, text in (("x label", axes.xlabel), ("y label", axes.ylabel), ("title", axes.title))
               if not text.strip()]
    expect_true(not missing, f"the plot of the paths is missing: {', '.join(missing)}",
                mistake=Mistake("label both axes and give the plot a title (ax.set_xlabel, ax.set_ylabel, ax.set_title)",
                                lambda _: True, id="plot-missing-labels"))
    legend = " | ".join(axes.legend).lower()
    expect_true(bool(axes.legend), "the plot has no legend",
                mistake=Mistake("the plot needs a legend (ax.legend()) naming the two methods", lambda _: True,
                                id="plot-no-legend"))
    expect_true("adam" in legend and any(word in legend for word in ("gradient", "gd")),
                f"the legend must name both methods, 'gradient descent' (or 'GD') and 'Adam'; it shows {axes.legend!r}",
                mistake=Mistake("the legend must name both methods, 'gradient descent' (or 'GD') and 'Adam'",
                                lambda _: True, id="plot-legend-names"))
    labels = dict(zip(map(id, axes.lines), _labels(axes)))
    wrong_label = Mistake("each path's line carries its own method's name: the gradient descent path 'gradient "
                          "descent' (or 'GD'), the Adam path 'Adam' (with ax.legend([...]) the names go to the lines "
                          "in the order they were drawn)", lambda _: True, id="plot-lines-mislabelled")
    if adam_line is not None:
        label = labels.get(id(adam_line), adam_line.label)
        expect_true("adam" in label.lower(), f"the line of the Adam path is labelled {label!r}", mistake=wrong_label)
    if gd_line is not None:
        label = labels.get(id(gd_line), gd_line.label).lower()
        expect_true(("gradient" in label or "gd" in label) and "adam" not in label,
                    f"the line of the gradient descent path is labelled {labels.get(id(gd_line), gd_line.label)!r}",
                    mistake=wrong_label)
