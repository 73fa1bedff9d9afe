"""The one typed result of grading: every sink (JSON, HTML, terminal, gradebook) only serializes it."""

from __future__ import annotations

from dataclasses import dataclass, field

PASSED, FAILED, GRADER_ERROR = "passed", "failed", "grader_error"


@dataclass(frozen=True)
class TestResult:
    name: str           # the test's function name, e.g. test_softmax_rows_sum_to_one
    problem: str        # the grade_id of the notebook's grade cell it scores
    score: float
    max_score: float
    status: str         # PASSED, FAILED or GRADER_ERROR
    message: str = ""   # written for the student; never contains hidden test code
    visibility: str = "visible"
    description: str = ""  # the test's docstring: what it checks, in one line
    # the student's figures during this test, each beside the reference's (autograder.figures.FigurePair);
    # plain data, shown side by side in the feedback; left out of comparisons (they hold arrays)
    figures: tuple = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Report:
    assignment: str
    submission: str
    results: tuple[TestResult, ...]
    isolation: str                         # "bwrap" or "process"
    notes: tuple[str, ...] = ()            # notebook-level remarks (cells that failed, tampering)
    grader_fault: str = ""                 # non-empty when the grader itself failed
    seconds: float = 0.0
    problem_points: dict = field(default_factory=dict)  # problem -> max points, in notebook order
    # solution cells (grade_id) left exactly as released, and those the student changed (nbgrader's
    # "No response." comment); cells missing from the notebook are in neither
    unanswered: tuple[str, ...] = ()
    answered: tuple[str, ...] = ()
    unusable: str = ""                     # why the notebook could not be run at all ("" when it ran)

    @property
    def score(self) -> float:
        return round(sum(result.score for result in self.results), 6)

    @property
    def max_score(self) -> float:
        return round(sum(result.max_score for result in self.results), 6)

    def problems(self) -> dict[str, tuple[float, float]]:
        """problem -> (score, max score), in notebook order (then in the order the tests ran)."""
        totals: dict[str, list[float]] = {problem: [0.0, 0.0] for problem in self.problem_points}
        for result in self.results:
            entry = totals.setdefault(result.problem, [0.0, 0.0])
            entry[0] += result.score
            entry[1] += result.max_score
        return {problem: (round(s, 6), round(m, 6)) for problem, (s, m) in totals.items() if m > 0}


# ----------------------------------------------------------------------------- stored form
# A Report is stored beside each graded notebook (autograded/<student>/<a>/<nb>.report.json) so that
# nbgrader's generate_feedback can render the same page later, with the manual grades of that time.
REPORT_FORMAT = 1


def report_to_json(report: Report) -> dict:
    """The Report as JSON data, lossless (figures with their data and pictures)."""
    from .figures import figure_pair_to_json

    return {
        "format": REPORT_FORMAT,
        "assignment": report.assignment, "submission": report.submission, "isolation": report.isolation,
        "notes": list(report.notes), "grader_fault": report.grader_fault, "seconds": report.seconds,
        "problem_points": dict(report.problem_points),
        "unanswered": list(report.unanswered), "answered": list(report.answered), "unusable": report.unusable,
        "results": [{"name": r.name, "problem": r.problem, "score": r.score, "max_score": r.max_score,
                     "status": r.status, "message": r.message, "visibility": r.visibility,
                     "description": r.description,
                     "figures": [figure_pair_to_json(pair) for pair in r.figures]}
                    for r in report.results],
    }


def report_from_json(data: dict) -> Report:
    """Rebuild a Report written by report_to_json (trusted data: the grader wrote it)."""
    from .figures import figure_pair_from_json

    if data.get("format") != REPORT_FORMAT:
        raise ValueError(f"unknown report format {data.get('format')!r}")
    results = tuple(TestResult(r["name"], r["problem"], float(r["score"]), float(r["max_score"]), r["status"],
                               r["message"], r["visibility"], r["description"],
                               tuple(figure_pair_from_json(pair) for pair in r["figures"]))
                    for r in data["results"])
    return Report(data["assignment"], data["submission"], results, data["isolation"], tuple(data["notes"]),
                  data["grader_fault"], float(data["seconds"]),
                  {problem: float(points) for problem, points in data["problem_points"].items()},
                  tuple(data["unanswered"]), tuple(data["answered"]), data["unusable"])
