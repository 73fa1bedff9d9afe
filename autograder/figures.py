"""Figures as data: what a student's matplotlib plot shows, without the plot object itself."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .sandbox.inside.wire import WireError, array_from_text, clean_text


@dataclass(frozen=True)
class LineData:
    x: np.ndarray
    y: np.ndarray
    label: str


@dataclass(frozen=True)
class CollectionData:
    offsets: np.ndarray
    label: str


@dataclass(frozen=True)
class AxesData:
    title: str
    xlabel: str
    ylabel: str
    xscale: str
    yscale: str
    legend: tuple[str, ...]
    lines: tuple[LineData, ...]
    collections: tuple[CollectionData, ...]


@dataclass(frozen=True)
class FigureData:
    axes: tuple[AxesData, ...]

    def all_lines(self) -> list[LineData]:
        return [line for axes in self.axes for line in axes.lines]


def _text(value) -> str:
    if not isinstance(value, str):
        raise WireError("figure text is not a string")
    return clean_text(value[:500])


def decode_figure(tagged: dict) -> FigureData:
    """Validate the worker's `__figure__` payload and build a FigureData."""
    try:
        payload = tagged["__figure__"]
        axes = []
        for entry in payload["axes"][:20]:
            axes.append(AxesData(
                title=_text(entry["title"]), xlabel=_text(entry["xlabel"]),
                ylabel=_text(entry["ylabel"]), xscale=_text(entry["xscale"]),
                yscale=_text(entry["yscale"]),
                legend=tuple(_text(t) for t in entry["legend"][:50]),
                lines=tuple(LineData(array_from_text(line["x"]), array_from_text(line["y"]),
                                     _text(line["label"])) for line in entry["lines"][:200]),
                collections=tuple(CollectionData(array_from_text(c["offsets"]), _text(c["label"]))
                                  for c in entry["collections"][:200]),
            ))
    except (KeyError, TypeError, AttributeError) as exc:
        raise WireError(f"malformed figure: {exc!r}") from None
    return FigureData(tuple(axes))


def find_line(figure: FigureData, y, *, x=None, rtol: float = 1e-6, atol: float = 1e-9):
    """The first line whose y data (and x data, if given) matches; None when there is none."""
    expected_y = np.asarray(y, dtype=float)
    for line in figure.all_lines():
        if line.y.shape != expected_y.shape:
            continue
        if not np.allclose(line.y, expected_y, rtol=rtol, atol=atol, equal_nan=True):
            continue
        if x is not None:
            expected_x = np.asarray(x, dtype=float)
            if line.x.shape != expected_x.shape or not np.allclose(line.x, expected_x, rtol=rtol, atol=atol):
                continue
        return line
    return None


# ----------------------------------------------------------------------------- grader side
@dataclass(frozen=True)
class FigurePair:
    """What a student's plotting call drew, beside what the reference draws for the same call.

    `function` is the name of the student's function (e.g. "plot_history"); `expected` is None when
    the reference has no such function or could not draw it. The PNG fields are filled only when the
    pictures were drawn ahead (`autograder.plots.with_pngs`, in the grading process of a
    batch); b"" means "could not be drawn".
    """

    function: str
    student: FigureData | None
    expected: FigureData | None
    student_png: bytes | None = field(default=None, compare=False, repr=False)
    expected_png: bytes | None = field(default=None, compare=False, repr=False)
    # content hashes (figure_digest) of both figures, "" for no expected figure: what the feedback
    # compares; a stored Report keeps these and the pictures, not the figures' data
    student_digest: str = ""
    expected_digest: str = ""

    @classmethod
    def of(cls, function: str, student: FigureData, expected: FigureData | None) -> "FigurePair":
        return cls(function, student, expected, student_digest=figure_digest(student),
                   expected_digest=figure_digest(expected) if expected is not None else "")

    @property
    def has_expected(self) -> bool:
        return bool(self.expected_digest) or self.expected is not None


def figure_from_matplotlib(value) -> FigureData | None:
    """A FigureData from a matplotlib Figure or Axes of the grader's own (trusted) code, else None.

    The grader's twin of `figure_encoder` in worker.py: the same fields, the same conversions and
    the same limits, so that the reference's figure and a student's figure compare like for like.
    """
    import sys

    if sys.modules.get("matplotlib") is None:
        return None
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(value, Axes):
        axes_list = [value]
    elif isinstance(value, Figure):
        axes_list = list(value.axes)
    else:
        return None

    def as_array(data) -> np.ndarray:
        try:
            return np.asarray(data, dtype=float)
        except Exception:
            return np.zeros(0)

    axes = []
    for ax in axes_list[:20]:
        legend = ax.get_legend()
        axes.append(AxesData(
            title=str(ax.get_title())[:500], xlabel=str(ax.get_xlabel())[:500],
            ylabel=str(ax.get_ylabel())[:500], xscale=str(ax.get_xscale())[:500],
            yscale=str(ax.get_yscale())[:500],
            legend=tuple(str(t.get_text())[:500] for t in legend.get_texts())[:50] if legend else (),
            lines=tuple(LineData(as_array(line.get_xdata()), as_array(line.get_ydata()),
                                 str(line.get_label())[:500]) for line in ax.get_lines()[:200]),
            collections=tuple(CollectionData(as_array(c.get_offsets()), str(c.get_label())[:500])
                              for c in ax.collections if hasattr(c, "get_offsets"))[:200],
        ))
    return FigureData(tuple(axes))


def figure_digest(figure: FigureData | None) -> str:
    """A content hash of a figure: equal figures (texts and data) have equal digests."""
    import hashlib

    digest = hashlib.sha256()

    def add(value) -> None:
        if isinstance(value, np.ndarray):
            array = np.ascontiguousarray(value)
            digest.update(f"{array.dtype.str}{array.shape}".encode())
            digest.update(array.tobytes())
        else:
            text = str(value).encode("utf-8", "replace")
            digest.update(len(text).to_bytes(8, "little") + text)

    if figure is None:
        add("<none>")
        return digest.hexdigest()
    for axes in figure.axes:
        for text in (axes.title, axes.xlabel, axes.ylabel, axes.xscale, axes.yscale, len(axes.legend),
                     *axes.legend, len(axes.lines), len(axes.collections)):
            add(text)
        for line in axes.lines:
            add(line.x), add(line.y), add(line.label)
        for collection in axes.collections:
            add(collection.offsets), add(collection.label)
    return digest.hexdigest()


_EXPECTED_CACHE: dict = {}
_EXPECTED_CACHE_SIZE = 64


def _trusted_argument(value, reference):
    """A test's argument as the reference takes it: functions sent to the worker become callables."""
    from .sandbox.values import RemoteFunction, StudentFunction

    if isinstance(value, RemoteFunction):
        import math

        namespace = {"np": np, "math": math}
        exec(compile(value.source, f"<remote function {value.name}>", "exec"), namespace)  # trusted test code
        return namespace[value.name]
    if isinstance(value, StudentFunction):
        return getattr(reference, value.name)
    if isinstance(value, (list, tuple)):
        return type(value)(_trusted_argument(item, reference) for item in value)
    if isinstance(value, dict):
        return {key: _trusted_argument(item, reference) for key, item in value.items()}
    return value


def expected_figure(reference, name: str, args=(), kwargs=None) -> FigureData | None:
    """What the reference's `name(*args, **kwargs)` draws, as FigureData; None if it cannot draw it.

    Runs trusted code in the grader with matplotlib's Agg backend and closes every figure it opened.
    The result is cached per (reference, function, arguments): a class shares the expected figures.
    """
    import hashlib
    import pickle
    import sys
    import warnings

    function = getattr(reference, name, None) if reference is not None else None
    if not callable(function):
        return None
    kwargs = dict(kwargs or {})
    try:
        key = (getattr(reference, "__name__", ""), name,
               hashlib.sha256(pickle.dumps((args, sorted(kwargs.items())), protocol=4)).hexdigest())
    except Exception:
        key = None
    if key is not None and key in _EXPECTED_CACHE:
        return _EXPECTED_CACHE[key]
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")  # never a GUI backend in the grader
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    figure = None
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = function(*_trusted_argument(tuple(args), reference),
                             **_trusted_argument(kwargs, reference))
            figure = figure_from_matplotlib(value)
    except Exception:
        figure = None
    finally:
        for number in set(plt.get_fignums()) - before:
            plt.close(number)
    if key is not None:
        if len(_EXPECTED_CACHE) >= _EXPECTED_CACHE_SIZE:
            _EXPECTED_CACHE.pop(next(iter(_EXPECTED_CACHE)))
        _EXPECTED_CACHE[key] = figure
    return figure


# ----------------------------------------------------------------------------- stored form
def figure_pair_to_json(pair: FigurePair) -> dict:
    """A pair as report.json keeps it: the function, the two pictures and their digests (the figures'
    data stay out: a student's plot of millions of points must not make the stored report huge)."""
    import base64

    def picture(png):
        return None if png is None else base64.b64encode(png).decode("ascii")

    return {"function": pair.function, "student_png": picture(pair.student_png),
            "expected_png": picture(pair.expected_png), "student_digest": pair.student_digest,
            "expected_digest": pair.expected_digest}


def figure_pair_from_json(data: dict) -> FigurePair:
    import base64

    def picture(text):
        return None if text is None else base64.b64decode(text)

    return FigurePair(data["function"], None, None, picture(data["student_png"]), picture(data["expected_png"]),
                      data["student_digest"], data["expected_digest"])
