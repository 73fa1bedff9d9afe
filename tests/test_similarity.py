"""`autograder similarity`: pairs of submissions whose solution code is alike (autograder/similarity.py).

A class of gradient_descent holds ten honest students, each of whom solved the whole notebook in their
own way (loops or vectorised, lists or preallocated arrays, helpers, generators, while loops, defensive
checks; some filled the stub in place, others rewrote the cells), and six planted copies of them: a
verbatim copy, one with every local name renamed, one with the functions reordered, one with comments
and whitespace changed, one that copied a single function and wrote the rest itself, and one that does
all three disguises at once. Every planted pair must rank above every honest pair.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.scenarios import Scenario, build_submission

from conftest import ROOT

ASSIGNMENT = "gradient_descent"
RELEASE = ROOT / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
PLACEHOLDER = "    # YOUR CODE HERE\n    raise NotImplementedError()\n"
CELLS = ("derivative_code", "descent_loop_code", "report_code", "loss_plot_code", "ill_conditioned_code",
         "conditioning_code")


def release_cells() -> dict[str, str]:
    notebook = json.loads(RELEASE.read_text(encoding="utf-8"))
    return {cell["metadata"]["nbgrader"]["grade_id"]: "".join(cell["source"]) for cell in notebook["cells"]
            if cell.get("metadata", {}).get("nbgrader", {}).get("solution")}


def fill(grade_id: str, *bodies: str) -> str:
    """The released cell with each `# YOUR CODE HERE / raise NotImplementedError()` replaced by a body
    (written at the function's indentation), in order: a student who filled the stub in place."""
    source = release_cells()[grade_id]
    assert source.count(PLACEHOLDER) == len(bodies), grade_id
    for body in bodies:
        lines = body.strip("\n").split("\n")
        source = source.replace(PLACEHOLDER, "".join(f"    {line}\n" if line else "\n" for line in lines), 1)
    return source


def functions(source: str) -> list[str]:
    """The top-level blocks of a cell (functions, with what precedes them), in order."""
    return [block.strip("\n") for block in re.split(r"\n(?=def |@)", source.strip("\n")) if block.strip()]


# ============================================================================ honest students
# ana: fills the stub in place, preallocated arrays, index loops.
ANA = {
    "derivative_code": fill("derivative_code", "value = x**4 - 3 * x**3 + 2", "slope = 4 * x**3 - 9 * x**2"),
    "descent_loop_code": fill("descent_loop_code", '''
history = np.zeros(steps + 1)
history[0] = x0
with np.errstate(over="ignore", invalid="ignore"):
    for i in range(1, steps + 1):
        history[i] = history[i - 1] - lr * df(history[i - 1])
'''),
    "report_code": fill("report_code", '''
rows = []
n = len(history)
step = 0
while step < n:
    xs = np.float64(history[step])
    rows.append((step, float(xs), float(f(xs))))
    step += every
'''),
    "loss_plot_code": fill("loss_plot_code", '''
losses = [f(h) for h in history]
fig, ax = plt.subplots()
ax.plot(range(len(losses)), losses)
ax.set_xlabel("iteration")
ax.set_ylabel("loss")
ax.set_title("Gradient descent")
'''),
    "ill_conditioned_code": fill("ill_conditioned_code", '''
g = np.array([2 * p[0], 20 * p[1]], dtype=np.float64)
''', '''
current = np.array(start, dtype=np.float64)
path = np.zeros((steps + 1, len(current)))
path[0] = current
with np.errstate(all="ignore"):
    for i in range(steps):
        current = current - lr * np.asarray(grad(current), dtype=np.float64)
        path[i + 1] = current
''', '''
L = max(curvatures)
product = lr * L
if abs(product - 2) <= 1e-9:
    behaviour = "oscillates"
elif product < 2:
    behaviour = "converges"
else:
    behaviour = "diverges"
'''),
    "conditioning_code": fill("conditioning_code", '''
point = np.array(start, dtype=np.float64)
count = -1
with np.errstate(all="ignore"):
    for it in range(max_iter + 1):
        gradient = np.asarray(grad(point), dtype=np.float64)
        if np.sqrt(np.sum(gradient ** 2)) < tol:
            count = it
            break
        point = point - lr * gradient
''', '''
grad = lambda p: np.array([2 * p[0], 2 * kappa * p[1]])
count = iterations_to_converge(grad, start, 1 / (2 * kappa), tol, 100_000)
'''),
}

# ben: rewrites the cells without docstrings, grows Python lists and converts at the end.
BEN = {
    "derivative_code": '''
def f(x):
    return x ** 4 - 3 * x ** 3 + 2

def df(x):
    return 4 * x ** 3 - 9 * x ** 2
''',
    "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    xs = [np.float64(x0)]
    for _ in range(steps):
        with np.errstate(all="ignore"):
            xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs, dtype=np.float64)
''',
    "report_code": '''
def report_table(history, f, every=100):
    out = []
    for i, x in enumerate(np.asarray(history, dtype=float)):
        if i % every == 0:
            out.append((i, float(x), float(f(x))))
    return out
''',
    "loss_plot_code": '''
def plot_history(history, f):
    h = np.array(history, dtype=float)
    ax = plt.figure().gca()
    ax.plot(np.arange(h.size), f(h), "b-")
    ax.set_title("f over the steps")
    ax.set_xlabel("k")
    ax.set_ylabel("f(x_k)")
    return ax
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    return np.array([2.0, 20.0]) * np.array(p, dtype=float)

def gd_path(grad, start, lr, steps):
    pts = [np.array(start, dtype=float)]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            pts.append(pts[-1] - lr * np.array(grad(pts[-1]), dtype=float))
    return np.array(pts)

def classify_lr(lr, curvatures=(2.0, 20.0)):
    t = lr * max(curvatures) - 2
    if abs(t) <= 1e-9:
        return "oscillates"
    return "converges" if t < 0 else "diverges"
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    x = np.array(start, dtype=float)
    for n in range(max_iter + 1):
        with np.errstate(all="ignore"):
            g = np.array(grad(x), dtype=float)
            if np.linalg.norm(g) < tol:
                return n
            x = x - lr * g
    return -1

def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    return iterations_to_converge(lambda q: np.array([2 * q[0], 2 * kappa * q[1]]), start,
                                  1 / (2 * kappa), tol, max_iter=100_000)
''',
}

# chloe: fills the stub, vectorised where NumPy allows, Horner's form, while loops.
CHLOE = {
    "derivative_code": fill("derivative_code", "value = x**3 * (x - 3) + 2", "slope = x**2 * (4 * x - 9)"),
    "descent_loop_code": fill("descent_loop_code", '''
history = np.full(steps + 1, np.nan)
history[0] = x0
k = 0
with np.errstate(over="ignore", invalid="ignore"):
    while k < steps:
        history[k + 1] = history[k] - lr * df(history[k])
        k += 1
'''),
    "report_code": fill("report_code", '''
arr = np.asarray(history, dtype=float)
idx = np.arange(0, arr.shape[0], every)
rows = [(int(i), float(arr[i]), float(f(arr[i]))) for i in idx]
'''),
    "loss_plot_code": fill("loss_plot_code", '''
h = np.asarray(history, dtype=float)
fig = plt.figure(figsize=(8, 3))
ax = fig.add_axes([0.1, 0.15, 0.85, 0.75])
ax.plot(np.arange(h.size), f(h), lw=2)
ax.set(title="Loss", xlabel="step", ylabel="loss")
'''),
    "ill_conditioned_code": fill("ill_conditioned_code", '''
g = np.multiply([2.0, 20.0], np.asarray(p, dtype=float))
''', '''
s = np.asarray(start, dtype=float)
path = np.vstack([s] + [np.zeros_like(s)] * steps)
for t in range(steps):
    path[t + 1] = path[t] - lr * np.asarray(grad(path[t]))
''', '''
factor = np.max(np.abs(1 - lr * np.asarray(curvatures, dtype=float)))
if np.isclose(factor, 1, atol=1e-9, rtol=0):
    behaviour = "oscillates"
else:
    behaviour = "converges" if factor < 1 else "diverges"
'''),
    "conditioning_code": fill("conditioning_code", '''
p = np.asarray(start, dtype=float)
count = -1
k = 0
while k <= max_iter:
    g = np.asarray(grad(p), dtype=float)
    if g.dot(g) < tol * tol:
        count = k
        break
    p = p - lr * g
    k += 1
''', '''
def grad(v):
    return 2 * np.array([v[0], kappa * v[1]])

count = iterations_to_converge(grad, start, lr=0.5 / kappa, tol=tol, max_iter=100_000)
'''),
}

# dev: one helper `_iterate` for both descents, short comments, compact spacing.
DEV = {
    "derivative_code": '''
def f(x):
    # the quartic
    return x**4 - 3*x**3 + 2


def df(x):
    # power rule, term by term
    return 4*x**3 - 9*x**2
''',
    "descent_loop_code": '''
def _iterate(update, x0, steps):
    """Apply `update` steps times and keep every value."""
    values = [x0]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            values.append(update(values[-1]))
    return values


def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    step = lambda x: x - lr*df(x)
    return np.asarray(_iterate(step, np.float64(x0), steps), dtype=np.float64)
''',
    "report_code": '''
def report_table(history, f, every=100):
    sampled = np.asarray(history, dtype=np.float64)[::every]
    steps = range(0, len(history), every)
    return [(s, float(x), float(f(x))) for s, x in zip(steps, sampled)]
''',
    "loss_plot_code": '''
def plot_history(history, f):
    fig, ax = plt.subplots(1, 1)
    y = [f(v) for v in history]
    ax.plot(list(range(len(y))), y, marker=".")
    ax.set_xlabel("update")
    ax.set_ylabel("value of f")
    ax.set_title("descent progress")
    return ax
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    x, y = float(p[0]), float(p[1])
    return np.array([2*x, 20*y])


def gd_path(grad, start, lr, steps):
    first = np.array(start, dtype=np.float64)
    points = _iterate(lambda q: q - lr*np.asarray(grad(q), dtype=np.float64), first, steps)
    return np.stack(points)


def classify_lr(lr, curvatures=(2.0, 20.0)):
    value = lr*max(curvatures)
    verdicts = {-1: "converges", 0: "oscillates", 1: "diverges"}
    sign = 0 if abs(value - 2) <= 1e-9 else (1 if value > 2 else -1)
    return verdicts[sign]
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    p = np.array(start, dtype=np.float64)
    for k in range(max_iter + 1):
        g = np.asarray(grad(p), dtype=np.float64)
        if np.hypot.reduce(g) < tol:
            return k
        with np.errstate(all="ignore"):
            p = p - lr*g
    return -1


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    scale = np.array([2.0, 2.0*kappa])
    return iterations_to_converge(lambda p: scale*p, start, 1.0/(2.0*kappa), tol, max_iter=100_000)
''',
}

# eli: fills the stub, functional style (itertools.accumulate, map, np.vectorize).
ELI = {
    "derivative_code": fill("derivative_code", "value = np.power(x, 4) - 3 * np.power(x, 3) + 2",
                            "slope = 4 * np.power(x, 3) - 9 * np.power(x, 2)"),
    "descent_loop_code": fill("descent_loop_code", '''
from itertools import accumulate
xs = accumulate(range(steps), lambda x, _: x - lr * df(x), initial=np.float64(x0))
with np.errstate(all="ignore"):
    history = np.fromiter(xs, dtype=np.float64, count=steps + 1)
'''),
    "report_code": fill("report_code", '''
values = np.asarray(history, dtype=np.float64)
rows = list(map(lambda s: (s, float(values[s]), float(f(values[s]))), range(0, len(values), every)))
'''),
    "loss_plot_code": fill("loss_plot_code", '''
ys = np.vectorize(f)(np.asarray(history, dtype=float))
fig = plt.figure()
ax = fig.subplots()
ax.plot(np.arange(len(ys)), ys)
ax.set_title("loss per step")
ax.set_xlabel("step")
ax.set_ylabel("loss")
'''),
    "ill_conditioned_code": fill("ill_conditioned_code", '''
g = np.array([2.0 * p[0], 20.0 * p[1]])
''', '''
from itertools import accumulate
first = np.asarray(start, dtype=np.float64).copy()
with np.errstate(all="ignore"):
    path = np.array(list(accumulate(range(steps), lambda q, _: q - lr * np.asarray(grad(q), dtype=np.float64),
                                    initial=first)))
''', '''
ratio = lr * max(curvatures) / 2
behaviour = "oscillates" if abs(ratio - 1) <= 5e-10 else "converges" if ratio < 1 else "diverges"
'''),
    "conditioning_code": fill("conditioning_code", '''
def norm(v):
    return float(np.sqrt(np.dot(v, v)))

p = np.asarray(start, dtype=np.float64)
count = -1
for k in range(max_iter + 1):
    g = np.asarray(grad(p), dtype=np.float64)
    size = norm(g)
    if not np.isfinite(size):
        break
    if size < tol:
        count = k
        break
    p = p - lr * g
''', '''
grad = lambda p: np.array([2.0, 2.0 * kappa]) * p
count = iterations_to_converge(grad, np.asarray(start, dtype=float), 0.5 / kappa, tol=tol, max_iter=100_000)
'''),
}

# fay: rewrites the cells with while loops and explicit counters everywhere.
FAY = {
    "derivative_code": '''
def f(x):
    x3 = x ** 3
    return x3 * x - 3 * x3 + 2


def df(x):
    x2 = x ** 2
    return 4 * x2 * x - 9 * x2
''',
    "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    out = np.empty(steps + 1, dtype=np.float64)
    out[0] = x0
    i = 0
    while i < steps:
        with np.errstate(all="ignore"):
            out[i + 1] = out[i] - lr * df(out[i])
        i = i + 1
    return out
''',
    "report_code": '''
def report_table(history, f, every=100):
    table = []
    i = 0
    while i <= len(history) - 1:
        table.append((i, float(history[i]), float(f(np.float64(history[i])))))
        i += every
    return table
''',
    "loss_plot_code": '''
def plot_history(history, f):
    values = np.array([f(h) for h in history], dtype=float)
    figure, axes = plt.subplots(figsize=(5, 5))
    axes.plot(np.arange(0, len(values)), values, color="green")
    axes.set_xlabel("step number")
    axes.set_ylabel("loss value")
    axes.set_title("How the loss goes down")
    axes.grid(True)
    return axes
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    out = np.zeros(2)
    out[0] = 2 * p[0]
    out[1] = 20 * p[1]
    return out


def gd_path(grad, start, lr, steps):
    result = np.zeros((steps + 1, 2))
    result[0] = np.asarray(start, dtype=float)
    i = 0
    while i < steps:
        with np.errstate(all="ignore"):
            result[i + 1] = result[i] - lr * np.asarray(grad(result[i]), dtype=float)
        i += 1
    return result


def classify_lr(lr, curvatures=(2.0, 20.0)):
    biggest = curvatures[0]
    for c in curvatures:
        if c > biggest:
            biggest = c
    x = lr * biggest
    if x > 2 + 1e-9:
        return "diverges"
    if x < 2 - 1e-9:
        return "converges"
    return "oscillates"
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    point = np.array(start, dtype=float)
    i = 0
    with np.errstate(all="ignore"):
        while i <= max_iter:
            g = np.array(grad(point), dtype=float)
            if np.sqrt((g * g).sum()) < tol:
                return i
            point = point - lr * g
            i += 1
    return -1


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    def gradient(point):
        return np.array([2 * point[0], 2 * kappa * point[1]])
    step = 1 / (2 * kappa)
    return iterations_to_converge(gradient, start, step, tol, 100000)
''',
}

# gus: fills the stub, generators and mathematical notation.
GUS = {
    "derivative_code": fill("derivative_code", "value = x**3 * (x - 3) + 2", "slope = x * x * (4 * x - 9)"),
    "descent_loop_code": fill("descent_loop_code", '''
def iterates(x):
    yield x
    for _ in range(steps):
        x = x - lr * df(x)
        yield x

with np.errstate(over="ignore", invalid="ignore"):
    history = np.array(list(iterates(np.float64(x0))), dtype=np.float64)
'''),
    "report_code": fill("report_code", '''
history = np.asarray(history, dtype=float)
rows = [(k, float(history[k]), float(f(history[k]))) for k in range(0, len(history), every)]
'''),
    "loss_plot_code": fill("loss_plot_code", '''
steps = np.arange(len(history))
fig = plt.figure(figsize=(6, 3.5))
ax = fig.gca()
ax.plot(steps, f(np.asarray(history, dtype=float)))
ax.set_xlabel("$k$")
ax.set_ylabel("$f(x_k)$")
ax.set_title("Loss $f(x_k)$ along the run")
'''),
    "ill_conditioned_code": fill("ill_conditioned_code", '''
x, y = np.asarray(p, dtype=float)
g = np.array([x + x, 20 * y])
''', '''
def steps_from(q):
    for _ in range(steps):
        q = q - lr * np.asarray(grad(q), dtype=float)
        yield q

first = np.array(start, dtype=float)
with np.errstate(all="ignore"):
    path = np.array([first, *steps_from(first)])
''', '''
L = float(np.max(curvatures))
if np.isclose(lr * L, 2.0, rtol=0.0, atol=1e-9):
    behaviour = "oscillates"
else:
    behaviour = "converges" if lr * L < 2.0 else "diverges"
'''),
    "conditioning_code": fill("conditioning_code", '''
def path_points():
    q = np.array(start, dtype=float)
    while True:
        yield q
        q = q - lr * np.asarray(grad(q), dtype=float)

count = -1
with np.errstate(all="ignore"):
    for k, q in zip(range(max_iter + 1), path_points()):
        if np.linalg.norm(np.asarray(grad(q), dtype=float)) < tol:
            count = k
            break
''', '''
H = np.diag([2.0, 2.0 * kappa])
count = iterations_to_converge(lambda q: H @ q, start, 1.0 / H.max(), tol=tol, max_iter=100_000)
'''),
}

# hana: rewrites the cells defensively: argument checks, np.seterr, descriptive names.
HANA = {
    "derivative_code": '''
def f(x):
    """x^4 - 3x^3 + 2"""
    a = x ** 4
    b = 3 * x ** 3
    return a - b + 2


def df(x):
    """4x^3 - 9x^2"""
    a = 4 * x ** 3
    b = 9 * x ** 2
    return a - b
''',
    "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    assert steps >= 0, "steps must be non-negative"
    assert lr > 0, "the learning rate must be positive"
    trajectory = np.zeros(steps + 1, dtype=np.float64)
    trajectory[0] = float(x0)
    old = np.seterr(all="ignore")
    try:
        for t in range(steps):
            grad_value = df(trajectory[t])
            trajectory[t + 1] = trajectory[t] - lr * grad_value
    finally:
        np.seterr(**old)
    return trajectory
''',
    "report_code": '''
def report_table(history, f, every=100):
    if every < 1:
        raise ValueError("every must be at least 1")
    values = np.asarray(history, dtype=np.float64)
    result = []
    for step in range(len(values)):
        if step % every != 0:
            continue
        result.append((int(step), float(values[step]), float(f(values[step]))))
    return result
''',
    "loss_plot_code": '''
def plot_history(history, f):
    values = np.asarray(history, dtype=np.float64)
    losses = f(values)
    figure = plt.figure()
    axis = figure.add_subplot(111)
    axis.plot(range(values.shape[0]), losses, linewidth=1.5, label="f(x_k)")
    axis.legend(loc="upper right")
    axis.set_title("Loss of each iterate")
    axis.set_xlabel("step k")
    axis.set_ylabel("loss")
    return axis
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    point = np.asarray(p, dtype=np.float64)
    if point.shape != (2,):
        raise ValueError("p must have two coordinates")
    return np.array([2.0 * point[0], 20.0 * point[1]])


def gd_path(grad, start, lr, steps):
    origin = np.array(start, dtype=np.float64, copy=True)
    trajectory = np.zeros((steps + 1,) + origin.shape)
    trajectory[0] = origin
    old = np.seterr(all="ignore")
    try:
        for t in range(steps):
            trajectory[t + 1] = trajectory[t] - lr * np.asarray(grad(trajectory[t]), dtype=np.float64)
    finally:
        np.seterr(**old)
    return trajectory


def classify_lr(lr, curvatures=(2.0, 20.0)):
    if lr <= 0:
        raise ValueError("lr must be positive")
    largest = max(float(c) for c in curvatures)
    product = lr * largest
    if abs(product - 2.0) <= 1e-9:
        return "oscillates"
    return "converges" if product < 2.0 else "diverges"
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    position = np.array(start, dtype=np.float64, copy=True)
    old = np.seterr(all="ignore")
    try:
        for iteration in range(max_iter + 1):
            gradient = np.asarray(grad(position), dtype=np.float64)
            magnitude = float(np.linalg.norm(gradient, ord=2))
            if magnitude < tol:
                return iteration
            position = position - lr * gradient
    finally:
        np.seterr(**old)
    return -1


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    if kappa < 1:
        raise ValueError("kappa must be at least 1")

    def gradient(point):
        return np.array([2.0 * point[0], 2.0 * kappa * point[1]])

    return iterations_to_converge(gradient, start, 1.0 / (2.0 * kappa), tol=tol, max_iter=100_000)
''',
}

# ivo: fills the stub, matrix notation and NumPy idioms (polyval, diag, fancy indexing).
IVO = {
    "derivative_code": fill("derivative_code", "value = np.polyval([1.0, -3.0, 0.0, 0.0, 2.0], x)",
                            "slope = np.polyval(np.polyder([1.0, -3.0, 0.0, 0.0, 2.0]), x)"),
    "descent_loop_code": fill("descent_loop_code", '''
history = np.empty(steps + 1)
history[:] = np.nan
x = np.float64(x0)
for k in range(steps + 1):
    history[k] = x
    with np.errstate(all="ignore"):
        x = x - lr * df(x)
'''),
    "report_code": fill("report_code", '''
h = np.asarray(history, dtype=float)
ks = list(range(len(h)))[::every]
rows = list(zip(ks, map(float, h[ks]), (float(f(v)) for v in h[ks])))
'''),
    "loss_plot_code": fill("loss_plot_code", '''
h = np.asarray(history, dtype=float)
ax = plt.subplots(figsize=(6, 4))[1]
ax.plot(np.arange(h.size), f(h), "-o", markersize=2)
ax.set_xlabel("k")
ax.set_ylabel("f")
ax.set_title("loss")
'''),
    "ill_conditioned_code": fill("ill_conditioned_code", '''
g = np.diag([2.0, 20.0]) @ np.asarray(p, dtype=float)
''', '''
path = np.empty((steps + 1, np.size(start)))
path[0] = start
with np.errstate(all="ignore"):
    for k in range(steps):
        path[k + 1] = path[k] - lr * np.asarray(grad(path[k]))
''', '''
margin = 2.0 - lr * np.max(curvatures)
behaviour = "oscillates" if abs(margin) <= 1e-9 else ["diverges", "converges"][int(margin > 0)]
'''),
    "conditioning_code": fill("conditioning_code", '''
p = np.array(start, dtype=float)
count = -1
with np.errstate(all="ignore"):
    for k in range(max_iter + 1):
        g = np.asarray(grad(p), dtype=float)
        if np.linalg.norm(g) < tol:
            count = k
            break
        p -= lr * g
''', '''
c = np.array([2.0, 2.0 * kappa])
count = iterations_to_converge(lambda q: c * np.asarray(q), start, 1.0 / c.max(), tol, max_iter=100_000)
'''),
}

# jon: rewrites the cells around small classes and dataclass-free records, recursion for the report.
JON = {
    "derivative_code": '''
COEFFICIENTS = (1, -3, 0, 0, 2)


def f(x):
    total = 0
    for c in COEFFICIENTS:
        total = total * x + c
    return total


def df(x):
    n = len(COEFFICIENTS) - 1
    total = 0
    for power, c in enumerate(COEFFICIENTS[:-1]):
        total = total * x + (n - power) * c
    return total
''',
    "descent_loop_code": '''
class Descent:
    def __init__(self, derivative, rate):
        self.derivative = derivative
        self.rate = rate

    def step(self, x):
        return x - self.rate * self.derivative(x)


def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    runner = Descent(df, lr)
    trace = np.zeros(steps + 1)
    trace[0] = x0
    with np.errstate(all="ignore"):
        for n in range(steps):
            trace[n + 1] = runner.step(trace[n])
    return trace
''',
    "report_code": '''
def report_table(history, f, every=100):
    def rows_from(step):
        if step >= len(history):
            return []
        x = np.float64(history[step])
        return [(step, float(x), float(f(x)))] + rows_from(step + every)
    return rows_from(0)
''',
    "loss_plot_code": '''
def plot_history(history, f):
    trace = np.array(history, dtype=float)
    _, axes = plt.subplots(nrows=1, ncols=1, figsize=(7, 4))
    axes.plot(list(range(len(trace))), [f(x) for x in trace], linestyle="--")
    axes.set(xlabel="iteration k", ylabel="loss f(x)", title="gradient descent loss")
    return axes
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    return np.array([2 * c * v for c, v in zip((1.0, 10.0), p)], dtype=float)


def gd_path(grad, start, lr, steps):
    runner = Descent(lambda q: np.asarray(grad(q), dtype=float), lr)
    trace = [np.array(start, dtype=float)]
    with np.errstate(all="ignore"):
        while len(trace) <= steps:
            trace.append(runner.step(trace[-1]))
    return np.array(trace)


def classify_lr(lr, curvatures=(2.0, 20.0)):
    critical = 2.0 / max(curvatures)
    gap = (lr - critical) * max(curvatures)
    if -1e-9 <= gap <= 1e-9:
        return "oscillates"
    return "diverges" if gap > 0 else "converges"
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    runner = Descent(lambda q: np.asarray(grad(q), dtype=float), lr)
    where = np.array(start, dtype=float)
    with np.errstate(all="ignore"):
        for n in range(max_iter + 1):
            if float(np.linalg.norm(np.asarray(grad(where), dtype=float))) < tol:
                return n
            where = runner.step(where)
    return -1


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    rate = 1.0 / (2.0 * kappa)
    return iterations_to_converge(lambda q: np.array([2.0, 2.0 * kappa]) * np.asarray(q, dtype=float),
                                  start, rate, tol, max_iter=100_000)
''',
}

HONEST = {"ana": ANA, "ben": BEN, "chloe": CHLOE, "dev": DEV, "eli": ELI, "fay": FAY, "gus": GUS, "hana": HANA,
          "ivo": IVO, "jon": JON}


# ============================================================================ planted copies
# pat: ana's notebook, verbatim.
PAT = dict(ANA)

# ren: ben's notebook with every local name renamed (the function names and arguments the grader calls stay).
REN = {
    "derivative_code": '''
def f(x):
    return x ** 4 - 3 * x ** 3 + 2

def df(x):
    return 4 * x ** 3 - 9 * x ** 2
''',
    "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    trajectory = [np.float64(x0)]
    for _unused in range(steps):
        with np.errstate(all="ignore"):
            trajectory.append(trajectory[-1] - lr * df(trajectory[-1]))
    return np.array(trajectory, dtype=np.float64)
''',
    "report_code": '''
def report_table(history, f, every=100):
    lines = []
    for idx, val in enumerate(np.asarray(history, dtype=float)):
        if idx % every == 0:
            lines.append((idx, float(val), float(f(val))))
    return lines
''',
    "loss_plot_code": '''
def plot_history(history, f):
    hist = np.array(history, dtype=float)
    axis = plt.figure().gca()
    axis.plot(np.arange(hist.size), f(hist), "b-")
    axis.set_title("f over the steps")
    axis.set_xlabel("k")
    axis.set_ylabel("f(x_k)")
    return axis
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    return np.array([2.0, 20.0]) * np.array(p, dtype=float)

def gd_path(grad, start, lr, steps):
    points = [np.array(start, dtype=float)]
    with np.errstate(all="ignore"):
        for _unused in range(steps):
            points.append(points[-1] - lr * np.array(grad(points[-1]), dtype=float))
    return np.array(points)

def classify_lr(lr, curvatures=(2.0, 20.0)):
    diff = lr * max(curvatures) - 2
    if abs(diff) <= 1e-9:
        return "oscillates"
    return "converges" if diff < 0 else "diverges"
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    pt = np.array(start, dtype=float)
    for it in range(max_iter + 1):
        with np.errstate(all="ignore"):
            grad_vec = np.array(grad(pt), dtype=float)
            if np.linalg.norm(grad_vec) < tol:
                return it
            pt = pt - lr * grad_vec
    return -1

def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    return iterations_to_converge(lambda pnt: np.array([2 * pnt[0], 2 * kappa * pnt[1]]), start,
                                  1 / (2 * kappa), tol, max_iter=100_000)
''',
}

# ros: chloe's notebook with the functions of every cell in reverse order.
ROS = {grade_id: "\n\n\n".join(reversed(functions(source))) + "\n" for grade_id, source in CHLOE.items()}

# cy: dev's notebook with other comments (and none of hers), other blank lines and spacing.
CY = {
    "derivative_code": '''
# f and its derivative
def f(x):
    return x ** 4 - 3 * x ** 3 + 2    # f(x)
def df(x):
    return 4 * x ** 3 - 9 * x ** 2    # f'(x)
''',
    "descent_loop_code": '''
def _iterate(update, x0, steps):
    # run the update and remember all the values
    values = [ x0 ]
    with np.errstate( all = "ignore" ):
        for _ in range( steps ):
            values.append( update( values[ -1 ] ) )
    return values
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    step = lambda x: x - lr * df(x)   # one update
    return np.asarray(_iterate(step, np.float64(x0), steps), dtype = np.float64)
''',
    "report_code": '''
def report_table(history, f, every=100):

    sampled = np.asarray(history, dtype=np.float64)[::every]     # every `every`-th iterate

    steps = range(0, len(history), every)

    return [(s, float(x), float(f(x)))
            for s, x in zip(steps, sampled)]
''',
    "loss_plot_code": '''
def plot_history(history, f):
    fig, ax = plt.subplots(1, 1)   # one panel
    y = [f(v) for v in history]
    ax.plot(list(range(len(y))), y, marker='.')
    ax.set_xlabel('update'); ax.set_ylabel('value of f'); ax.set_title('descent progress')
    return ax
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    x, y = float(p[0]), float(p[1])   # unpack
    return np.array([2 * x, 20 * y])
def gd_path(grad, start, lr, steps):
    first = np.array(start, dtype = np.float64)
    points = _iterate(lambda q: q - lr * np.asarray(grad(q), dtype = np.float64),
                      first,
                      steps)
    return np.stack(points)
def classify_lr(lr, curvatures=(2.0, 20.0)):
    value = lr * max(curvatures)
    verdicts = {-1: 'converges', 0: 'oscillates', 1: 'diverges'}
    sign = 0 if abs(value - 2) <= 1e-9 else (1 if value > 2 else -1)   # which side of 2
    return verdicts[sign]
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    p = np.array(start, dtype=np.float64)
    for k in range(max_iter + 1):
        g = np.asarray(grad(p), dtype=np.float64)
        # stop as soon as the gradient is small
        if np.hypot.reduce(g) < tol: return k
        with np.errstate(all="ignore"): p = p - lr * g
    return -1
def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    # gradient of x^2 + kappa y^2
    scale = np.array([2.0, 2.0 * kappa])
    return iterations_to_converge(lambda p: scale * p, start, 1.0 / (2.0 * kappa), tol, max_iter = 100_000)
''',
}

# one: its own notebook, except iterations_to_converge, taken from eli (one name changed).
ONE = {
    "derivative_code": '''
def f(x):
    squared = x * x
    return squared * squared - 3 * squared * x + 2


def df(x):
    return (4 * x - 9) * x * x
''',
    "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    visited = np.empty(steps + 1, dtype=float)
    position = np.float64(x0)
    visited[0] = position
    np.seterr(over="ignore", invalid="ignore")
    for counter in range(steps):
        position -= lr * df(position)
        visited[counter + 1] = position
    np.seterr(over="warn", invalid="warn")
    return visited
''',
    "report_code": '''
def report_table(history, f, every=100):
    picked = {}
    for where in range(len(history)):
        if where % every:
            continue
        picked[where] = np.float64(history[where])
    return [(where, float(value), float(f(value))) for where, value in picked.items()]
''',
    "loss_plot_code": '''
def plot_history(history, f):
    figure = plt.figure(figsize=(9, 4))
    panel = figure.add_subplot()
    panel.plot(np.arange(len(history)), [float(f(value)) for value in history], color="#aa3377")
    panel.set_title("Objective per iteration")
    panel.set_ylabel("objective")
    panel.set_xlabel("iteration number")
    return panel
''',
    "ill_conditioned_code": '''
def grad_ill(p):
    weights = np.array([2.0, 20.0])
    return weights * np.asarray(p, dtype=float)


def gd_path(grad, start, lr, steps):
    visited = np.empty((steps + 1, len(start)), dtype=float)
    visited[0, :] = start
    np.seterr(over="ignore", invalid="ignore")
    for counter in range(steps):
        visited[counter + 1, :] = visited[counter, :] - lr * np.asarray(grad(visited[counter, :]), dtype=float)
    np.seterr(over="warn", invalid="warn")
    return visited


def classify_lr(lr, curvatures=(2.0, 20.0)):
    steepest = sorted(curvatures)[-1]
    if lr * steepest - 2 > 1e-9:
        return "diverges"
    if 2 - lr * steepest > 1e-9:
        return "converges"
    return "oscillates"
''',
    "conditioning_code": '''
def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    def norm(v):
        return float(np.sqrt(np.dot(v, v)))

    q = np.asarray(start, dtype=np.float64)
    count = -1
    for k in range(max_iter + 1):
        g = np.asarray(grad(q), dtype=np.float64)
        size = norm(g)
        if not np.isfinite(size):
            break
        if size < tol:
            count = k
            break
        q = q - lr * g
    return count


def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    curvature = np.array([2.0, 2.0 * kappa])
    return iterations_to_converge(lambda where: curvature * where, start, 1 / curvature[1], tol, max_iter=100_000)
''',
}

# mix: fay's notebook renamed, reordered and recommented at once.
MIX = {
    "derivative_code": '''
def df(x):
    # derivative
    sq = x ** 2
    return 4 * sq * x - 9 * sq


def f(x):
    # the function
    cube = x ** 3
    return cube * x - 3 * cube + 2
''',
    "descent_loop_code": '''
def gradient_descent(df, x0=6.0, lr=0.01, steps=1000):
    # keep every iterate
    xs = np.empty(steps + 1, dtype=np.float64)
    xs[0] = x0
    n = 0
    while n < steps:
        with np.errstate(all="ignore"):
            xs[n + 1] = xs[n] - lr * df(xs[n])   # the update
        n = n + 1
    return xs
''',
    "report_code": '''
def report_table(history, f, every=100):
    log = []
    n = 0
    while n <= len(history) - 1:
        log.append((n, float(history[n]), float(f(np.float64(history[n])))))   # (step, x, f(x))
        n += every
    return log
''',
    "loss_plot_code": '''
def plot_history(history, f):
    loss = np.array([f(z) for z in history], dtype=float)
    fg, a = plt.subplots(figsize=(5, 5))
    a.plot(np.arange(0, len(loss)), loss, color="green")
    a.set_xlabel("step number")
    a.set_ylabel("loss value")
    a.set_title("How the loss goes down")
    a.grid(True)
    return a
''',
    "ill_conditioned_code": '''
def classify_lr(lr, curvatures=(2.0, 20.0)):
    top = curvatures[0]
    for cv in curvatures:
        if cv > top:
            top = cv
    z = lr * top
    if z > 2 + 1e-9:
        return "diverges"
    if z < 2 - 1e-9:
        return "converges"
    return "oscillates"


def gd_path(grad, start, lr, steps):
    # one row per point
    pts = np.zeros((steps + 1, 2))
    pts[0] = np.asarray(start, dtype=float)
    n = 0
    while n < steps:
        with np.errstate(all="ignore"):
            pts[n + 1] = pts[n] - lr * np.asarray(grad(pts[n]), dtype=float)
        n += 1
    return pts


def grad_ill(p):
    res = np.zeros(2)
    res[0] = 2 * p[0]
    res[1] = 20 * p[1]
    return res
''',
    "conditioning_code": '''
def iterations_for_kappa(kappa, start=(1.0, 1.0), tol=1e-6):
    def grd(pt):
        return np.array([2 * pt[0], 2 * kappa * pt[1]])
    lr = 1 / (2 * kappa)
    return iterations_to_converge(grd, start, lr, tol, 100000)


def iterations_to_converge(grad, start, lr, tol=1e-6, max_iter=10_000):
    # loop until the gradient norm is below tol
    pt = np.array(start, dtype=float)
    n = 0
    with np.errstate(all="ignore"):
        while n <= max_iter:
            gv = np.array(grad(pt), dtype=float)
            if np.sqrt((gv * gv).sum()) < tol:
                return n
            pt = pt - lr * gv   # gradient step
            n += 1
    return -1
''',
}

PLANTED = {"pat": ("ana", PAT), "ren": ("ben", REN), "ros": ("chloe", ROS), "cy": ("dev", CY),
           "one": ("eli", ONE), "mix": ("fay", MIX)}
PLANTED_PAIRS = {frozenset((copy, source)) for copy, (source, _) in PLANTED.items()}


def notebook(cells: dict[str, str]) -> dict:
    return build_submission(ASSIGNMENT, Scenario("student", "", cells=dict(cells), base="release"))


def stub() -> dict:
    return build_submission(ASSIGNMENT, Scenario("stub", "", base="release"))


def course(root: Path, notebooks: dict) -> Path:
    """A course folder: the release (the stub) and submitted/<student>/<a>/<a>.ipynb (a dict or bytes)."""
    (root / "assignments" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(RELEASE, root / "assignments" / ASSIGNMENT / RELEASE.name)
    for student, content in notebooks.items():
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        path = folder / f"{ASSIGNMENT}.ipynb"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
    return root


def the_class() -> dict:
    students = {name: notebook(cells) for name, cells in HONEST.items()}
    students.update({name: notebook(cells) for name, (_, cells) in PLANTED.items()})
    return students


# ============================================================================ the tests
from autograder import similarity  # noqa: E402  (after the class data, which is the bulk of this file)

BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FORMULA_ID = "=1+1"   # a student folder that a spreadsheet would run as a formula
CODE_INJECTION = "# </pre><script>alert(1)</script> \u202eevil\n"   # markup and a bidi override


@pytest.fixture(scope="module")
def classroom(tmp_path_factory) -> Path:
    """The class, two untouched stubs, a copy of ana under a formula-like id, and what cannot be read."""
    students = the_class()
    students["stub1"] = stub()
    students["stub2"] = stub()
    students[FORMULA_ID] = notebook({**ANA, "report_code": CODE_INJECTION + ANA["report_code"]})
    students["broken"] = b'{"nbformat": 4, "cells": [ truncated'
    students["empty"] = b""
    students["nbformat3"] = json.dumps({"nbformat": 3, "worksheets": []}).encode()
    root = course(tmp_path_factory.mktemp("similarity"), students)
    linked = root / "submitted" / "linked" / ASSIGNMENT
    linked.mkdir(parents=True)
    (linked / f"{ASSIGNMENT}.ipynb").symlink_to("/dev/zero")
    two = root / "submitted" / "two" / ASSIGNMENT
    two.mkdir(parents=True)
    for name in ("first.ipynb", "second.ipynb"):
        (two / name).write_text(json.dumps(notebook(BEN)))
    return root


@pytest.fixture(scope="module")
def result(classroom):
    return similarity.find_similar(classroom, ASSIGNMENT)


def score_of(result, a: str, b: str) -> float:
    a, b = sorted((a, b))
    return next((p.score for p in result.pairs if (p.a, p.b) == (a, b)), 0.0)


PLANTED_WITH_FORMULA = PLANTED_PAIRS | {frozenset((FORMULA_ID, "ana")), frozenset((FORMULA_ID, "pat"))}


def figures(result) -> dict:
    """Lowest planted score, highest honest score (ana's verbatim copies pat and =1+1 are copies of each
    other too: those pairs are planted, not honest)."""
    compared = [doc.student for doc in result.documents]
    planted, honest = {}, {}
    for i, a in enumerate(compared):
        for b in compared[i + 1:]:
            pair = frozenset((a, b))
            copies_of_ana = pair <= {"ana", "pat", FORMULA_ID}
            (planted if pair in PLANTED_WITH_FORMULA or copies_of_ana else honest)[a, b] = score_of(result, a, b)
    return {"planted": planted, "honest": honest}


# ----------------------------------------------------------------------------- the class is realistic
def test_every_student_of_the_class_hands_in_a_correct_solution(tmp_path):
    """The honest solutions are independent *valid* code, and so are the copies: full marks each (graded
    with generous time limits: the point is correctness, and other work may load the machine)."""
    from dataclasses import replace

    from autograder.config import GradingConfig
    from autograder.suite.run import grade_many
    from conftest import TEST_LIMITS, TEST_SECRET

    students = the_class()
    paths = []
    for name, content in students.items():
        paths.append(tmp_path / f"{name}.ipynb")
        paths[-1].write_text(json.dumps(content), encoding="utf-8")
    config = GradingConfig(limits=replace(TEST_LIMITS, call_seconds=30.0, submission_seconds=300.0),
                           secret=TEST_SECRET)
    lost = {name: [(r.name, r.kind, (r.message or "")[:200]) for r in report.results if r.score < r.max_score]
            for name, report in zip(students, grade_many(paths, ASSIGNMENT, config))}
    assert {name: found for name, found in lost.items() if found} == {}


def test_the_honest_students_write_different_code():
    texts = ["\n".join(cells[c] for c in CELLS) for cells in HONEST.values()]
    assert len(set(texts)) == len(HONEST) >= 8
    assert ROS["ill_conditioned_code"].index("def classify_lr") < ROS["ill_conditioned_code"].index("def grad_ill")


# ----------------------------------------------------------------------------- ranking
def test_every_planted_pair_ranks_above_every_honest_pair(result):
    found = figures(result)
    lowest_planted = min(found["planted"].values())
    highest_honest = max(found["honest"].values())
    print(f"\nlowest planted {lowest_planted:.3f}: {min(found['planted'], key=found['planted'].get)}; "
          f"highest honest {highest_honest:.3f}: {max(found['honest'], key=found['honest'].get)}; planted: "
          + ", ".join(f"{'/'.join(pair)} {score:.3f}" for pair, score in sorted(found["planted"].items())))
    assert lowest_planted > highest_honest + 0.05
    assert score_of(result, "ana", "pat") == score_of(result, "ben", "ren") == 1.0   # verbatim; renamed
    for copy, (source, _) in PLANTED.items():
        if copy != "one":
            assert score_of(result, copy, source) > 0.85, (copy, source)   # reordered, recommented, all three
    ranked = [frozenset((p.a, p.b)) for p in result.pairs]
    assert set(ranked[:len(found["planted"])]) == {frozenset(pair) for pair in found["planted"]}


def test_the_score_is_copydetects_similarity_for_every_pair(result):
    """The all-pairs scoring equals copydetect's compare_files, both directions, every pair."""
    from copydetect import compare_files

    shares = similarity.directional_matrix(result.documents)
    documents = result.documents
    for i, a in enumerate(documents):
        for j in range(i + 1, len(documents)):
            _, (share_a, share_b), _ = compare_files(a.fingerprint, documents[j].fingerprint)
            assert (shares[i, j], shares[j, i]) == pytest.approx((share_a, share_b), abs=1e-12), (a.student, j)


def test_one_copied_function_is_what_the_page_marks(result):
    by_student = {doc.student: doc for doc in result.documents}
    left, right = similarity.highlighted(by_student["eli"], by_student["one"])
    for pieces in (left, right):
        marked = "".join(text for text, kind in pieces if kind == similarity.MATCHED)
        assert "np.sqrt(np.dot(v, v))" in marked and "if not np.isfinite(size):" in marked
        assert "accumulate" not in marked and "Args:" not in marked      # eli's other code; the stub's docstring
    stub_text = "".join(text for text, kind in left if kind == similarity.STUB)
    assert "raise NotImplementedError" not in stub_text and '"""Gradient of f(x, y) = x**2 + 10*y**2.' in stub_text


def test_a_submission_with_little_code_of_its_own_counts_in_proportion(tmp_path):
    """A student who solved one short function as another did shares all of it: the score is that
    share times its size over MIN_COVERAGE, below a whole copied notebook."""
    short = dict(release_cells())
    short["descent_loop_code"] = ANA["descent_loop_code"]
    root = course(tmp_path, {"ana": notebook(ANA), "short": notebook(short), "ben": notebook(BEN)})
    found = similarity.find_similar(root, ASSIGNMENT)
    pair = next(p for p in found.pairs if {p.a, p.b} == {"ana", "short"})
    coverage = next(doc.coverage for doc in found.documents if doc.student == "short")
    assert pair.share_b == 1.0 and 0 < coverage < similarity.MIN_COVERAGE
    assert pair.score == pytest.approx(coverage / similarity.MIN_COVERAGE, abs=1e-4)


# ----------------------------------------------------------------------------- the stub
def test_the_stub_does_not_count(result):
    assert score_of(result, "stub1", "stub2") == 0.0
    assert all("stub1" not in (p.a, p.b) and "stub2" not in (p.a, p.b) for p in result.pairs)
    assert any("stub1, stub2" in note for note in result.notes)
    # without the boilerplate rules two untouched stubs would be one document
    from copydetect import compare_files

    release = similarity.load_notebook(RELEASE, 1 << 26)
    ids = similarity.solution_cell_ids(release)
    text, own = similarity.solution_code(release, ids)
    assert "raise NotImplementedError()" in own
    _, shares, _ = compare_files(*(similarity.fingerprint(name, text, own, []).fingerprint for name in "ab"))
    assert shares == (1.0, 1.0)
    assert not similarity.solution_code(release, ids, similarity.stub_lines(release))[1].strip()


def test_a_stub_line_retyped_in_a_rewritten_cell_is_boilerplate():
    release = similarity.load_notebook(RELEASE, 1 << 26)
    boilerplate = similarity.boilerplate_hashes(similarity.solution_code(
        release, similarity.solution_cell_ids(release))[0])
    retyped = '\n\ndef gradient_descent(df,x0=6.0,lr=0.01,steps=1000):\n    history=None\n    return history\n'
    document = similarity.fingerprint("s", retyped, retyped, boilerplate)
    assert document.coverage == 0 and not document.fingerprint.hash_idx


# ----------------------------------------------------------------------------- what cannot be read
def test_unreadable_and_malformed_notebooks_are_skipped_with_a_reason(result):
    reasons = {s.student: s.reason for s in result.skipped}
    assert set(reasons) == {"broken", "empty", "nbformat3", "linked", "two"}
    assert "not valid notebook JSON" in reasons["broken"] and "empty" in reasons["empty"]
    assert "nbformat 3" in reasons["nbformat3"] and "not a plain file" in reasons["linked"]
    assert "2 notebooks" in reasons["two"]
    assert {doc.student for doc in result.documents} == set(HONEST) | set(PLANTED) | {"stub1", "stub2", FORMULA_ID}


def test_a_notebook_without_solution_cells_is_skipped(tmp_path):
    plain = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
             "cells": [{"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [],
                        "execution_count": None}]}
    root = course(tmp_path, {"ana": notebook(ANA), "plain": plain})
    found = similarity.find_similar(root, ASSIGNMENT)
    assert [(s.student, s.reason) for s in found.skipped] == [("plain", "the notebook has no solution code cells")]


# ----------------------------------------------------------------------------- the files and the command
def test_the_command_writes_the_csv_ranked_with_its_header(classroom):
    done = subprocess.run([str(BIN / "autograder"), "similarity", ASSIGNMENT], cwd=classroom,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    html_path, csv_path = similarity.report_paths(classroom, ASSIGNMENT)
    assert f"similarity report: {html_path}" in done.stdout and f"similarity table: {csv_path}" in done.stdout
    assert "skipped broken: the file is not valid notebook JSON" in done.stdout
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert rows[0] == ["student_a", "student_b", "similarity"]
    scores = [float(row[2]) for row in rows[1:]]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0 and min(scores) > 0
    ids = {student for row in rows[1:] for student in row[:2]}
    assert "'" + FORMULA_ID in ids and FORMULA_ID not in ids   # neutralised, as export.csv_text does
    assert len(rows) - 1 == len(similarity.find_similar(classroom, ASSIGNMENT).pairs)


def test_a_course_without_the_release_is_a_usage_error(tmp_path):
    (tmp_path / "submitted" / "ana" / ASSIGNMENT).mkdir(parents=True)
    done = subprocess.run([str(BIN / "autograder"), "similarity", ASSIGNMENT, "--course-root", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "released notebook" in done.stderr and "boilerplate" in done.stderr


def test_similarity_pairs_is_the_class_reports_entry_point(classroom, result):
    top = similarity.similarity_pairs(classroom, ASSIGNMENT, top=3)
    assert top == [(p.a, p.b, p.score) for p in result.pairs[:3]]
    assert all(isinstance(a, str) and isinstance(b, str) and isinstance(s, float) for a, b, s in top)
    assert top[0][2] == 1.0


def test_the_page_escapes_student_ids_and_code(result):
    html = similarity.render(result)
    assert "<script>" not in html and "&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\u202e" not in html and "\\u202eevil" in html
    assert "=1+1" in html and html.count("<pre class='code'>") == 2 * min(similarity.SHOWN_PAIRS, len(result.pairs))
    assert "<style>" in html and "pre.code mark" in html and "<link" not in html   # one self-contained file


# ----------------------------------------------------------------------------- the browser
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make browser` as root) "
                    "to open the pages in a real browser")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def test_the_page_opens_in_a_real_browser_with_the_pairs_and_the_marked_code(browser, classroom, result, tmp_path):
    html_path, _ = similarity.write_similarity_report(result, tmp_path)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(html_path.as_uri(), wait_until="load")
    assert page.title() == f"Similar submissions: {ASSIGNMENT}" and not errors
    rows = page.eval_on_selector_all("table.pairs tr", "rows => rows.slice(1).map(r => r.innerText)")
    first = [cell.strip() for cell in rows[0].split("\t")]
    assert len(rows) == len(result.pairs) and first[1:4] == [result.pairs[0].a, result.pairs[0].b, "1.00"]
    assert "skipped" in page.inner_text(".cards") and page.inner_text("#skipped + table").count("\n") == 5
    one = next(p for p in result.pairs if {p.a, p.b} == {"eli", "one"})
    rank = result.pairs.index(one) + 1
    section = f"#pair-{rank} + .side-code"
    marks = page.eval_on_selector_all(f"{section} mark", "marks => marks.map(m => m.innerText)")
    assert any("norm(g)" in text for text in marks)
    colour = page.eval_on_selector(f"{section} mark", "m => getComputedStyle(m).backgroundColor")
    assert colour == "rgb(255, 216, 107)"          # the shared stylesheet's rule applies
    widths = page.eval_on_selector_all(f"{section} pre", "pres => pres.map(p => p.getBoundingClientRect().left)")
    assert len(widths) == 2 and widths[1] > widths[0] + 400   # side by side
    page.screenshot(path=str(tmp_path / "similarity.png"), full_page=True)
    page.eval_on_selector(f"#pair-{rank}", "h => h.scrollIntoView()")
    page.screenshot(path=str(tmp_path / "one-function.png"))
    assert (tmp_path / "similarity.png").stat().st_size > 50_000


def test_fingerprints_made_in_forked_processes_compare_as_made_here(classroom, result, monkeypatch):
    """copydetect hashes k-grams with Python's salted hash(): a forked process keeps the salt."""
    monkeypatch.setattr(similarity, "PARALLEL_FROM", 1)
    documents, _ = similarity.load_documents(classroom, ASSIGNMENT, processes=2)
    assert [d.fingerprint.hash_idx for d in documents] == [d.fingerprint.hash_idx for d in result.documents]
    assert similarity.rank_pairs(documents, similarity.directional_matrix(documents)) == result.pairs
