"""Batch progress: a redrawn bar on a terminal, one plain line per item in logs (--quiet or no tty)."""

import io

from autograder.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_one_bar_redrawn_in_place():
    screen = Terminal()
    progress = Progress(3, "grading demo", stream=screen)
    for student in ("ada", "ben", "cy"):
        progress.advance(student, "10/10")
    text = screen.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "[" + "#" * 30 + "] 3/3" in text


def test_quiet_or_a_log_gets_one_line_per_item():
    for stream, quiet in ((Terminal(), True), (io.StringIO(), False)):
        progress = Progress(2, "grading demo", quiet=quiet, stream=stream)
        progress.advance("ada", "10/10")
        progress.advance("ben", "3/10")
        assert stream.getvalue().splitlines() == ["grading demo 1/2 ada: 10/10", "grading demo 2/2 ben: 3/10"]
