"""Values the hidden tests send to the worker and values that come back unreadable."""

from __future__ import annotations

import functools
import inspect
import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class RemoteFunction:
    """A trusted function re-defined in the worker from its source (may use `np` and `math`)."""

    name: str
    source: str

    def to_wire(self) -> dict:
        return {"__function__": {"name": self.name, "source": self.source}}


@dataclass(frozen=True)
class StudentFunction:
    """A function of the student's notebook, passed by name as an argument."""

    name: str

    def to_wire(self) -> dict:
        return {"__student_function__": self.name}


@dataclass(frozen=True)
class Unsupported:
    """A returned object that is not plain data (a class instance, a generator, ...)."""

    type_name: str
    text: str

    def __str__(self) -> str:
        return f"<{self.type_name}>"


@functools.lru_cache(maxsize=256)
def remote_function(function) -> RemoteFunction:
    """The function as source for the worker (read once per function: inspect is slow)."""
    source = textwrap.dedent(inspect.getsource(function))
    return RemoteFunction(function.__name__, source)


def student_function(name: str) -> StudentFunction:
    return StudentFunction(name)
