"""Hidden tests for problem `partials`: f(x, y) = 3x^2 y + 2x y^3.

Contracts (element-wise with NumPy broadcasting; numbers in, a number out):
f_xy(x, y) = 3x^2 y + 2x y^3, df_dx(x, y) = 6xy + 2y^3, df_dy(x, y) = 3x^2 + 6xy^2.
"""

import functools

import numpy as np
import pytest

from autograder.suite.compare import Mistake, as_numbers, expect_close

PROBLEM = "partials"


def _close(got, value):
    got = as_numbers(got)
    return got.shape == np.shape(value) and np.allclose(got, value, rtol=1e-6, atol=1e-9)


def _named(right, x, y, table):
    """Mistakes from (message, id, wrong values) rows. A wrong value that coincides with the right answer
    or with one of another row's at these points is dropped (it could not tell the mistakes apart), and a
    row left without values too (it never applies). The pairwise comparisons run only when a check fails
    (on the first `applies` call of a row)."""
    shape = np.broadcast_shapes(np.shape(x), np.shape(y))

    def same(a, b):
        return np.allclose(np.broadcast_to(a, shape), np.broadcast_to(b, shape), rtol=1e-6, atol=1e-9)

    @functools.lru_cache(maxsize=None)
    def kept(index):
        others = [v for j, row in enumerate(table) if j != index for v in row[2]]
        return [v for v in table[index][2] if not same(v, right) and not any(same(v, o) for o in others)]

    mistakes = [Mistake(message, lambda got, index=index: any(_close(got, np.broadcast_to(v, shape))
                                                              for v in kept(index)), id=mistake_id)
                for index, (message, mistake_id, _) in enumerate(table)]
    mistakes.append(Mistake(f"the result has another shape than x and y broadcast together {shape}: the functions "
                            "work element-wise with broadcasting",
                            lambda got: np.shape(as_numbers(got)) != shape, id="partials-shape"))
    return mistakes


def _f_mistakes(x, y):
    return _named(3 * x**2 * y + 2 * x * y**3, x, y, [
        ("f_xy is 3x^2 y + 2x y^3 (mind which variable carries the power)", "f-powers-swapped",
         [3 * y**2 * x + 2 * y * x**3]),
        ("f_xy is 3x^2 y + 2x y^3: a power is missing or wrong (x**2 in the first term, y**3 in the second)",
         "f-power-missing", [3 * x * y + 2 * x * y**3, 3 * x**2 * y + 2 * x * y**2, 3 * x**2 * y + 2 * x * y]),
    ])


def _dx_mistakes(x, y):
    return _named(6 * x * y + 2 * y**3, x, y, [
        ("df_dx returned df/dy: the two partial derivatives are swapped", "partials-swapped",
         [3 * x**2 + 6 * x * y**2]),
        ("in 3x^2 y the factor y is a constant when differentiating in x: d/dx (3x^2 y) = 6xy, not 6x",
         "partials-constant-factor-dropped", [6 * x + 2 * y**3]),
        ("y^3 is a constant when differentiating in x: d/dx (2x y^3) = 2y^3, not 6xy^2",
         "partials-differentiated-constant", [6 * x * y + 6 * x * y**2]),
        ("d/dx (3x^2 y) = 6xy: the power rule gives 2 * 3 = 6 and lowers x^2 to x", "partials-power-rule",
         [3 * x * y + 2 * y**3, 6 * x**2 * y + 2 * y**3]),
        ("a partial derivative differentiates in one variable only: df_dx added df/dx and df/dy (a total "
         "derivative)", "partials-total-derivative", [6 * x * y + 2 * y**3 + 3 * x**2 + 6 * x * y**2]),
    ])


def _dy_mistakes(x, y):
    return _named(3 * x**2 + 6 * x * y**2, x, y, [
        ("df_dy returned df/dx: the two partial derivatives are swapped", "partials-swapped",
         [6 * x * y + 2 * y**3]),
        ("in 2x y^3 the factor x is a constant when differentiating in y: d/dy (2x y^3) = 6xy^2, not 6y^2",
         "partials-constant-factor-dropped", [3 * x**2 + 6 * y**2]),
        ("d/dy (3x^2 y) = 3x^2 (x is a constant): the term was dropped or differentiated in x",
         "partials-differentiated-constant", [6 * x * y**2, 6 * x + 6 * x * y**2]),
        ("d/dy (2x y^3) = 6xy^2: the power rule gives 3 * 2 = 6 and lowers y^3 to y^2", "partials-power-rule",
         [3 * x**2 + 2 * x * y**2, 3 * x**2 + 3 * x * y**2, 3 * x**2 + 6 * x * y**3]),
        ("a partial derivative differentiates in one variable only: df_dy added df/dx and df/dy (a total "
         "derivative)", "partials-total-derivative", [6 * x * y + 2 * y**3 + 3 * x**2 + 6 * x * y**2]),
    ])


@pytest.mark.points(1, problem=PROBLEM)
def test_f_xy_matches_reference(student, reference, rng):
    """f at random points (arrays) and f(1, 2) = 22 (numbers)."""
    x, y = rng.uniform(-3.0, 3.0, size=(2, 6))
    expect_close(student.f_xy(x, y), reference.f_xy(x, y), what="f_xy(x, y)", inputs={"x": x, "y": y},
                 mistakes=_f_mistakes(x, y), strict_type=True)
    expect_close(student.f_xy(1.0, 2.0), 22.0, what="f_xy(1, 2)", mistakes=_f_mistakes(1.0, 2.0))


@pytest.mark.points(1, problem=PROBLEM)
def test_df_dx_is_6xy_plus_2y3(student, reference, rng):
    """df/dx at random points, y held constant, and df/dx (1, 2) = 28."""
    for _ in range(3):
        x, y = rng.uniform(-3.0, 3.0, size=(2, 5))
        expect_close(student.df_dx(x, y), reference.df_dx(x, y), what="df_dx(x, y)", inputs={"x": x, "y": y},
                     mistakes=_dx_mistakes(x, y), strict_type=True)
    expect_close(student.df_dx(1.0, 2.0), 28.0, what="df_dx(1, 2)", mistakes=_dx_mistakes(1.0, 2.0))


@pytest.mark.points(1, problem=PROBLEM)
def test_df_dy_is_3x2_plus_6xy2(student, reference, rng):
    """df/dy at random points, x held constant, and df/dy (1, 2) = 27."""
    for _ in range(3):
        x, y = rng.uniform(-3.0, 3.0, size=(2, 5))
        expect_close(student.df_dy(x, y), reference.df_dy(x, y), what="df_dy(x, y)", inputs={"x": x, "y": y},
                     mistakes=_dy_mistakes(x, y), strict_type=True)
    expect_close(student.df_dy(1.0, 2.0), 27.0, what="df_dy(1, 2)", mistakes=_dy_mistakes(1.0, 2.0))


@pytest.mark.points(1, problem=PROBLEM)
def test_partials_broadcast_on_a_grid_and_agree_with_central_differences(student, reference, rng):
    """On a grid (x of shape (3, 1), y of shape (1, 4)) both partials match f's central differences;
    a number with an array broadcasts too."""
    x = rng.uniform(-2.0, 2.0, size=(3, 1))
    y = rng.uniform(-2.0, 2.0, size=(1, 4))
    h = 1e-5
    numeric_x = (reference.f_xy(x + h, y) - reference.f_xy(x - h, y)) / (2 * h)
    numeric_y = (reference.f_xy(x, y + h) - reference.f_xy(x, y - h)) / (2 * h)
    expect_close(student.df_dx(x, y), numeric_x, rtol=1e-6, atol=1e-7,
                 what="df_dx(x, y) on a 3 x 4 grid against a central difference of f in x",
                 inputs={"x": x, "y": y}, mistakes=_dx_mistakes(x, y), strict_type=True)
    expect_close(student.df_dy(x, y), numeric_y, rtol=1e-6, atol=1e-7,
                 what="df_dy(x, y) on a 3 x 4 grid against a central difference of f in y",
                 inputs={"x": x, "y": y}, mistakes=_dy_mistakes(x, y), strict_type=True)
    ys = rng.uniform(-2.0, 2.0, size=4)
    for name, mistakes in (("f_xy", _f_mistakes(1.5, ys)), ("df_dx", _dx_mistakes(1.5, ys)),
                           ("df_dy", _dy_mistakes(1.5, ys))):
        got = getattr(student, name)(1.5, ys)
        expect_close(got, getattr(reference, name)(1.5, ys), what=f"{name}(1.5, y) for an array y",
                     inputs={"x": 1.5, "y": ys}, mistakes=mistakes, strict_type=True)
