"""Draw a FigureData (a plot as plain data) into PNG bytes with matplotlib's Agg backend.

The data may come from a student, so drawing is defensive: texts are shown literally (no mathtext),
sizes are capped, non-finite values are gaps, an unknown axis scale falls back to linear, and a
figure that cannot be drawn yields None instead of an exception. Nothing here uses pyplot: each
drawing is a private `Figure` on its own Agg canvas, so no global state is touched.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import replace

import numpy as np

from .figures import AxesData, FigureData, FigurePair, figure_digest

MAX_AXES = 4
MAX_LINES = 12
MAX_COLLECTIONS = 20
MAX_POINTS = 2000
MAX_TEXT = 90
SCALES = ("linear", "log", "symlog", "logit")
PANEL_INCHES = (5.0, 3.4)
DPI = 90

_CACHE: dict[str, bytes | None] = {}
_CACHE_SIZE = 128


def _text(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _points(values) -> np.ndarray:
    """A 1-d float array with at most MAX_POINTS entries, inf shown as a gap."""
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return np.zeros(0)
    array = np.where(np.isfinite(array), array, np.nan)
    if array.size > MAX_POINTS:
        array = array[np.linspace(0, array.size - 1, MAX_POINTS).astype(int)]
    return array


def _draw_axes(ax, data: AxesData) -> None:
    artists = []
    for line in data.lines[:MAX_LINES]:
        x, y = _points(line.x), _points(line.y)
        n = min(x.size, y.size)
        label = _text(line.label)
        style = {"marker": "o", "markersize": 4} if n == 1 else {}
        (artist,) = ax.plot(x[:n], y[:n], label=label, **style)
        artists.append((label, artist))
    for collection in data.collections[:MAX_COLLECTIONS]:
        offsets = np.asarray(collection.offsets, dtype=float)
        if offsets.ndim != 2 or offsets.shape[1] != 2 or not offsets.size:
            continue
        if offsets.shape == (1, 2) and not offsets.any():
            continue  # matplotlib's placeholder offsets of a collection that has none (a contour)
        offsets = offsets[: MAX_POINTS]
        offsets = np.where(np.isfinite(offsets), offsets, np.nan)
        label = _text(collection.label)
        artists.append((label, ax.scatter(offsets[:, 0], offsets[:, 1], s=12, label=label)))
    for setter, scale in ((ax.set_xscale, data.xscale), (ax.set_yscale, data.yscale)):
        setter(scale if scale in SCALES else "linear")
    ax.set_title(_text(data.title), parse_math=False, fontsize=10)
    ax.set_xlabel(_text(data.xlabel), parse_math=False)
    ax.set_ylabel(_text(data.ylabel), parse_math=False)
    if data.legend and artists:
        # each legend entry goes with the artist of that label, else with the next unclaimed one
        free = [artist for _, artist in artists]
        handles, texts = [], []
        for entry in (_text(t) for t in data.legend):
            artist = next((a for label, a in artists if label == entry and a in free), None)
            artist = artist if artist is not None else (free[0] if free else None)
            if artist is None:
                break
            free.remove(artist)
            handles.append(artist)
            texts.append(entry)
        legend = ax.legend(handles, texts, fontsize=8)
        for text in legend.get_texts():
            text.set_parse_math(False)
    ax.grid(True, alpha=0.3)


def render_png(figure: FigureData) -> bytes | None:
    """The figure as PNG bytes (one panel per axes, two per row); None when it cannot be drawn."""
    key = figure_digest(figure)
    if key in _CACHE:
        return _CACHE[key]
    png = _render(figure)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = png
    return png


def _render(figure: FigureData) -> bytes | None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    axes = list(figure.axes[:MAX_AXES])
    columns = 1 if len(axes) <= 1 else 2
    rows = max(1, -(-len(axes) // columns))
    # one panel (the usual case): fixed margins, much faster to draw than a layout engine
    fig = Figure(figsize=(PANEL_INCHES[0] * columns, PANEL_INCHES[1] * rows), dpi=DPI,
                 layout=None if len(axes) <= 1 else "constrained")
    if len(axes) <= 1:
        fig.subplots_adjust(left=0.15, right=0.97, top=0.9, bottom=0.15)
    FigureCanvasAgg(fig)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            if not axes:
                ax = fig.add_subplot()
                ax.set_axis_off()
                ax.text(0.5, 0.5, "(an empty figure: no axes)", ha="center", va="center",
                        parse_math=False)
            for index, data in enumerate(axes):
                _draw_axes(fig.add_subplot(rows, columns, index + 1), data)
            return figure_to_png(fig)
    except Exception:
        return None


def figure_to_png(fig) -> bytes:
    """PNG bytes of a matplotlib Figure drawn on an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.canvas.print_png(buffer)
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def with_pngs(report):
    """The Report with every figure pair's pictures drawn ahead (b"" where one cannot be drawn).

    A batch calls it in its grading processes, so that the process writing the feedback pages only
    embeds pictures and the drawing runs on every core.
    """
    def drawn(pair: FigurePair) -> FigurePair:
        expected = b"" if pair.expected is None else (render_png(pair.expected) or b"")
        return replace(pair, student_png=render_png(pair.student) or b"", expected_png=expected)

    if not any(result.figures for result in report.results):
        return report
    results = tuple(replace(result, figures=tuple(drawn(pair) for pair in result.figures))
                    if result.figures else result for result in report.results)
    return replace(report, results=results)
