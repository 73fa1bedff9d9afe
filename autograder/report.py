"""The one typed result of grading. It is built in one place (suite/run.py) and every sink (JSON,
HTML, grade cells, gradebook, terminal, class report) only reads its fields: no sink parses prose.

A TestResult says what happened (`kind`), which known mistake was recognised (`mistake`: an id and
its text), what was compared (`comparison`: the call, its input, expected, got, the error) and, when
the student's code did not run to an answer, which function (`function`) and exception (`exception`).
`message` is the same in prose, for Gradescope and the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ----------------------------------------------------------------------------- kinds of outcome
PASSED = "passed"
WRONG_VALUE = "wrong_value"              # ran and answered wrongly (a comparison helper failed)
NOT_IMPLEMENTED = "not_implemented"      # still raises NotImplementedError (the released stub)
RAISED = "raised"                        # the student's code raised an exception
TIMED_OUT = "timed_out"                  # a call, a cell or the submission ran out of time
NOT_DEFINED = "not_defined"              # the notebook does not define the name
CRASHED = "crashed"                      # the worker process died (a signal, the memory limit)
UNREADABLE = "unreadable_value"          # returned something the grader cannot read
NOTEBOOK_UNUSABLE = "notebook_unusable"  # the notebook could not be run at all
GRADER_FAULT = "grader_fault"            # the grader itself failed: never a student's zero

KINDS = (PASSED, WRONG_VALUE, NOT_IMPLEMENTED, RAISED, TIMED_OUT, NOT_DEFINED, CRASHED, UNREADABLE,
         NOTEBOOK_UNUSABLE, GRADER_FAULT)
# the student's code did not run to an answer (not a mistake in the mathematics)
DID_NOT_RUN = frozenset({NOT_IMPLEMENTED, RAISED, TIMED_OUT, NOT_DEFINED, CRASHED, UNREADABLE, NOTEBOOK_UNUSABLE})
# how each kind reads in a table for the staff
KIND_LABELS = {
    PASSED: "passed", WRONG_VALUE: "wrong value", NOT_IMPLEMENTED: "not implemented yet (raises NotImplementedError)",
    RAISED: "raised an exception", TIMED_OUT: "did not finish within the time limit",
    NOT_DEFINED: "not defined in the notebook", CRASHED: "the Python process died",
    UNREADABLE: "returned a value that could not be read", NOTEBOOK_UNUSABLE: "the notebook could not be graded",
    GRADER_FAULT: "grader fault",
}

# the three states the pages and Gradescope show
PASSED_STATUS, FAILED, GRADER_ERROR = "passed", "failed", "grader_error"


@dataclass(frozen=True)
class NamedMistake:
    """A known mistake the student's answer matches: a stable id and the explanation shown."""

    id: str
    text: str


@dataclass(frozen=True)
class Comparison:
    """What a failed check compared: `what` (e.g. "softmax(z) for a vector"), the inputs as shown,
    the expected value and what came, both rendered, and the error (e.g. "largest error 0.3")."""

    what: str
    inputs: str = ""
    expected: str = ""
    got: str = ""
    detail: str = ""
    reveals: bool = True   # `expected` shows a value to compute (not only a shape or a type)
    summary: str = ""      # what differs, without giving the expected value away

    @property
    def text(self) -> str:
        """The comparison in full: what, on which input, expected, got, the error."""
        head = f"{self.what} for {self.inputs}" if self.inputs else self.what
        if not (self.expected or self.got):
            return head + (f" ({self.detail})" if self.detail else "")
        return f"{head}: expected {self.expected}, got {self.got}" + (f" ({self.detail})" if self.detail else "")

    @property
    def explained(self) -> str:
        """The comparison without the expected value (the feedback's "explain" detail): what, on which
        input, what came and what differs. Shapes and types are not hidden: the contract states them."""
        if not self.reveals:
            return self.text
        head = f"{self.what} for {self.inputs}" if self.inputs else self.what
        if not self.got:
            return head
        return f"{head}: your result {self.got} is not the expected one" + (f" ({self.summary})" if self.summary else "")


@dataclass(frozen=True)
class TestResult:
    name: str           # the test's function name, e.g. test_softmax_rows_sum_to_one
    problem: str        # the grade_id of the notebook's grade cell it scores
    score: float
    max_score: float
    kind: str           # one of KINDS
    message: str = ""   # the whole explanation in prose; never contains hidden test code
    visibility: str = "visible"
    description: str = ""  # the test's docstring: what it checks, in one line
    # the student's figures during this test, each beside the reference's (autograder.figures.FigurePair);
    # plain data, shown side by side in the feedback; left out of comparisons (they hold arrays)
    figures: tuple = field(default=(), compare=False, repr=False)
    mistake: NamedMistake | None = None
    comparison: Comparison | None = None
    function: str = ""   # the student's function that did not run to an answer (kinds in DID_NOT_RUN)
    exception: str = ""  # the exception type it raised (kind RAISED)

    @property
    def status(self) -> str:
        """passed, failed or grader_error: what the pages and Gradescope show."""
        if self.kind == PASSED:
            return PASSED_STATUS
        return GRADER_ERROR if self.kind == GRADER_FAULT else FAILED

    @property
    def passed(self) -> bool:
        return self.kind == PASSED


@dataclass(frozen=True)
class Report:
    assignment: str
    submission: str
    results: tuple[TestResult, ...]
    isolation: str                         # "bwrap" or "process"
    notes: tuple[str, ...] = ()            # notebook-level remarks (cells that failed, tampering)
    grader_fault: str = ""                 # non-empty when the grader itself failed
    seconds: float = 0.0
    problem_points: dict = field(default_factory=dict)  # problem -> max points (the release's), in notebook order
    # solution cells (grade_id) left exactly as released, and those the student changed (nbgrader's
    # "No response." comment); cells missing from the notebook are in neither
    unanswered: tuple[str, ...] = ()
    answered: tuple[str, ...] = ()
    unusable: str = ""                     # why the notebook could not be run at all ("" when it ran)
    salt: str = ""                         # the hidden inputs' salt: `autograder grade --salt` draws them again

    @property
    def score(self) -> float:
        return round(sum(result.score for result in self.results), 6)

    @property
    def max_score(self) -> float:
        return round(sum(maximum for _, maximum in self.problems().values()), 6)

    def problems(self) -> dict[str, tuple[float, float]]:
        """problem -> (score, max score), in notebook order (then in the order the tests ran). A
        problem of the release that no result scored (the grader failed) counts 0 of its points."""
        totals: dict[str, list[float]] = {problem: [0.0, 0.0] for problem in self.problem_points}
        for result in self.results:
            entry = totals.setdefault(result.problem, [0.0, 0.0])
            entry[0] += result.score
            entry[1] += result.max_score
        for problem, entry in totals.items():
            if entry[1] == 0 and problem in self.problem_points:
                entry[1] = float(self.problem_points[problem])
        return {problem: (round(s, 6), round(m, 6)) for problem, (s, m) in totals.items() if m > 0}


def without_figures(report: Report) -> Report:
    """The Report without its results' figures (plot data and pictures), all else kept: what the class
    table and the class report read. `grade-all` keeps one per student until the class report is written:
    about 20 KB each instead of 90 KB with the pictures (a class of 5,000: 100 MB instead of 450 MB)."""
    from dataclasses import replace

    if not any(result.figures for result in report.results):
        return report
    return replace(report, results=tuple(replace(r, figures=()) if r.figures else r for r in report.results))


# ----------------------------------------------------------------------------- stored form
# A Report is stored beside each graded notebook (autograded/<student>/<a>/report.json) so that
# nbgrader's generate_feedback can render the same page later, with the manual grades of that time.
REPORT_FORMAT = 2


def _result_to_json(r: TestResult) -> dict:
    from .figures import figure_pair_to_json

    return {"name": r.name, "problem": r.problem, "score": r.score, "max_score": r.max_score, "kind": r.kind,
            "message": r.message, "visibility": r.visibility, "description": r.description,
            "mistake": None if r.mistake is None else {"id": r.mistake.id, "text": r.mistake.text},
            "comparison": None if r.comparison is None else vars(r.comparison).copy(),
            "function": r.function, "exception": r.exception,
            "figures": [figure_pair_to_json(pair) for pair in r.figures]}


def _result_from_json(r: dict) -> TestResult:
    from .figures import figure_pair_from_json

    return TestResult(r["name"], r["problem"], float(r["score"]), float(r["max_score"]), r["kind"], r["message"],
                      r["visibility"], r["description"], tuple(figure_pair_from_json(pair) for pair in r["figures"]),
                      NamedMistake(**r["mistake"]) if r["mistake"] else None,
                      Comparison(**r["comparison"]) if r["comparison"] else None, r["function"], r["exception"])


def report_to_json(report: Report) -> dict:
    """The Report as JSON data, lossless (figures with their data and pictures)."""
    return {
        "format": REPORT_FORMAT,
        "assignment": report.assignment, "submission": report.submission, "isolation": report.isolation,
        "notes": list(report.notes), "grader_fault": report.grader_fault, "seconds": report.seconds,
        "problem_points": dict(report.problem_points),
        "unanswered": list(report.unanswered), "answered": list(report.answered), "unusable": report.unusable,
        "salt": report.salt,
        "results": [_result_to_json(r) for r in report.results],
    }


def report_from_json(data: dict) -> Report:
    """Rebuild a Report written by report_to_json (trusted data: the grader wrote it)."""
    if data.get("format") != REPORT_FORMAT:
        raise ValueError(f"unknown report format {data.get('format')!r}: grade the submission again")
    return Report(data["assignment"], data["submission"], tuple(_result_from_json(r) for r in data["results"]),
                  data["isolation"], tuple(data["notes"]), data["grader_fault"], float(data["seconds"]),
                  {problem: float(points) for problem, points in data["problem_points"].items()},
                  tuple(data["unanswered"]), tuple(data["answered"]), data["unusable"], data["salt"])
