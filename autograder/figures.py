"""Figures as data: what a student's matplotlib plot shows, without the plot object itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .wire import WireError, array_from_text


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
    return value[:500]


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
