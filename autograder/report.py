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
