"""Progress of a batch: a bar on a terminal, one plain line per item in CI logs (`--quiet`)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str, quiet: bool = False, stream=None):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.bar = not quiet and self.stream.isatty()
        self.started = time.monotonic()

    def advance(self, item: str, outcome: str) -> None:
        from .sinks.common import printable

        item, outcome = printable(item, 60), printable(outcome, 60)  # a student id is a folder name
        self.done += 1
        elapsed = time.monotonic() - self.started
        if self.bar:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                              f"{self.done}/{self.total} {elapsed:5.1f}s {item[:24]:<24} {outcome[:20]:<20}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.label} {self.done}/{self.total} {item}: {outcome}\n")
        self.stream.flush()
