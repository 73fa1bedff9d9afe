"""Exceptions of the grader. Each keeps its fields and survives pickling (batch workers).

Student failures (`StudentCodeError`, `StudentTimeout`, `MissingName`, `WorkerCrashed`,
`SubmissionTimeLimit`, `NotebookUnusable`, `UnusableValue`) end as failed tests: each says its
`kind` (autograder.report's kinds of outcome) and, where there is one, the student's `function`.
`GraderFault` is a fault of the grader itself and is reported as such, never as a silent zero.
"""

from __future__ import annotations

from . import report


class _FieldError(Exception):
    """An exception whose constructor arguments are its fields (so pickling round-trips)."""

    fields: tuple[str, ...] = ()

    def __init__(self, *values):
        super().__init__(*values)
        for field, value in zip(self.fields, values):
            setattr(self, field, value)

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:  # pragma: no cover - overridden
        return repr(self.args)


class StudentFailure(_FieldError):
    """Base class: the student's code did not deliver."""

    kind = report.RAISED

    @property
    def function(self) -> str:
        """The student's function this failure is about ("" when it is about the whole notebook)."""
        return str(getattr(self, "name", "") or "")


class StudentCodeError(StudentFailure):
    fields = ("name", "exc_type", "message", "traceback")

    @property
    def kind(self) -> str:
        return report.NOT_IMPLEMENTED if self.exc_type == "NotImplementedError" else report.RAISED

    def describe(self) -> str:
        if self.exc_type == "NotImplementedError":
            return f"{self.name} is not implemented yet (it raises NotImplementedError)"
        detail = f": {self.message}" if self.message else ""
        return f"{self.name} raised {self.exc_type}{detail}"


class StudentTimeout(StudentFailure):
    fields = ("name", "seconds")
    kind = report.TIMED_OUT

    def describe(self) -> str:
        return (f"{self.name} did not finish within {self.seconds:g} s "
                "(an infinite loop, or far too much work?)")


class MissingName(StudentFailure):
    fields = ("name",)
    kind = report.NOT_DEFINED

    def describe(self) -> str:
        return f"your notebook does not define {self.name} (was its cell deleted or renamed?)"


class SkippedCell(StudentFailure):
    """The name is defined in a cell that hung or crashed: it was skipped, so the name does not exist."""

    fields = ("name", "cell", "reason", "cell_kind")

    @property
    def kind(self) -> str:
        return self.cell_kind

    def describe(self) -> str:
        return (f"{self.name} is defined in {self.cell}, which {self.reason}: the cell was skipped, so "
                f"{self.name} does not exist (make that cell finish quickly)")


class WorkerCrashed(StudentFailure):
    fields = ("name", "reason")
    kind = report.CRASHED

    def describe(self) -> str:
        return f"the Python process running your code died during {self.name}: {self.reason}"


class SubmissionTimeLimit(StudentFailure):
    fields = ("seconds",)
    kind = report.TIMED_OUT

    def describe(self) -> str:
        return f"grading stopped: the submission used up its time limit of {self.seconds:g} s"


class NotebookUnusable(StudentFailure):
    fields = ("reason",)
    kind = report.NOTEBOOK_UNUSABLE

    def describe(self) -> str:
        return f"your notebook could not be graded: {self.reason}"


class UnusableValue(StudentFailure):
    fields = ("name", "reason")
    kind = report.UNREADABLE

    def describe(self) -> str:
        return f"the value returned by {self.name} could not be read: {self.reason}"


class GraderFault(_FieldError):
    """The grader itself failed (a bug, a broken suite, a missing reference)."""

    fields = ("reason",)

    def describe(self) -> str:
        return f"grader fault: {self.reason}"


class UsageError(_FieldError):
    """A command was called with arguments that cannot work."""

    fields = ("reason",)

    def describe(self) -> str:
        return self.reason
