"""The student's feedback page: score per problem, an explanation for every lost point, and plots.

Built from the Report and, when the submission is in nbgrader's gradebook, from what the gradebook
holds (sinks/gradebook.RecordedGrades): a problem a TA scored by hand shows the TA's score, TA
comments entered in formgrader appear under their problem, a late penalty is shown and deducted.
No hidden test code can appear: a test shows its name, its one-line description, its points and the
message the comparison helpers wrote. For a graded plot the page shows the student's figure beside
the reference's figure for the same call, drawn from the figures' data (`autograder/plots.py`) and
embedded as data: URIs, so the page is one self-contained file (nbgrader's release_feedback copies
just that file). A test whose visibility is "hidden" (Gradescope's meaning: the student never sees
it) shows only its lost points, as "a hidden check"; a passed one is not shown at all.

Rendered from templates/feedback.html.j2 with Jinja2's autoescaping: every text is escaped once, there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..report import FAILED, GRADER_ERROR, PASSED, Report, TestResult
from .common import environment, explanation, isolation_line, stylesheet, what_was_checked, write_text

STATUS_TEXT = {PASSED: "passed", FAILED: "lost", GRADER_ERROR: "not checked"}
STATUS_MARK = {PASSED: "✓", FAILED: "✗", GRADER_ERROR: "?"}
FIGURES_SHOWN_FOR = ("visible", "after_due_date", "after_published")  # never "hidden"
MAX_FIGURES_PER_PROBLEM = 4


# ----------------------------------------------------------------------------- view data
@dataclass(frozen=True)
class Row:
    status: str
    mark: str
    what: str
    score: float
    maximum: float
    outcome: str
    headline: str
    detail: str


@dataclass(frozen=True)
class Plot:
    function: str
    checks: tuple[str, ...]
    student: str          # data: URI, "" when it could not be drawn
    expected: str
    has_expected: bool


def _row(result: TestResult, detail: str) -> Row:
    headline, detail = explanation(result, detail)
    return Row(result.status, STATUS_MARK.get(result.status, ""), what_was_checked(result), result.score,
               result.max_score, STATUS_TEXT.get(result.status, ""), headline, detail)


def _picture(figure, png: bytes | None) -> str:
    from ..plots import data_uri, render_png

    if png is None and figure is not None:  # not drawn ahead
        png = render_png(figure)
    return data_uri(png) if png else ""


def _plots(results: list[TestResult]) -> list[Plot]:
    """Each distinct plot of the problem: the student's figure beside the expected one."""
    shown: dict[tuple, list] = {}
    for result in results:
        if result.visibility not in FIGURES_SHOWN_FOR:
            continue
        for pair in result.figures:
            key = (pair.function, pair.student_digest, pair.expected_digest)
            if key not in shown and len(shown) >= MAX_FIGURES_PER_PROBLEM:
                continue
            shown.setdefault(key, [pair, []])[1].append(result)
    plots = []
    for pair, checks in shown.values():
        names = tuple(dict.fromkeys((r.description or r.name.replace("_", " ")).rstrip(".") for r in checks))
        plots.append(Plot(pair.function, names, _picture(pair.student, pair.student_png),
                          _picture(pair.expected, pair.expected_png), pair.has_expected))
    return plots


def _problems(report: Report, recorded, detail: str) -> list[dict]:
    problems = []
    for name, (auto, maximum) in report.problems().items():
        results = [r for r in report.results if r.problem == name and not (r.visibility == "hidden" and r.passed)]
        # lost points first, then the passed checks, each group in the order the tests ran
        ordered = [r for r in results if not r.passed] + [r for r in results if r.passed]
        grade = recorded.problems.get(name) if recorded is not None else None
        score = grade.score if grade is not None else auto
        lost = any(not r.passed for r in results)
        problems.append({
            "name": name, "score": score, "maximum": grade.max_score if grade is not None else maximum,
            "auto": auto, "by_staff": bool(grade and grade.by_staff),
            "comments": recorded.comments.get(name, ()) if recorded is not None else (),
            "rows": [_row(r, detail) for r in ordered], "plots": _plots(results),
            "folded": not lost and score >= maximum,
        })
    return problems


def render(report: Report, student: str = "", recorded=None, detail: str = "explain") -> str:
    """The page. `recorded`: the gradebook's grades of this submission (sinks/gradebook.py), or None;
    `detail`: "explain" (no expected values) or "full" (config.feedback_detail)."""
    title = f"Feedback: {report.assignment}" + (f" ({student})" if student else "")
    problems = _problems(report, recorded, detail)
    total = recorded.score if recorded is not None else report.score
    maximum = recorded.max_score if recorded is not None and recorded.problems else report.max_score
    return environment().get_template("feedback.html.j2").render(
        title=title, style=stylesheet(), total=total, maximum=maximum,
        raw_score=recorded.raw_score if recorded is not None else report.score,
        late_penalty=recorded.late_penalty if recorded is not None else 0.0,
        isolation=isolation_line(report), problems=problems, notes=list(report.notes), detail=detail,
        grader_fault=bool(report.grader_fault),
        general_comments=recorded.comments.get("", ()) if recorded is not None else ())


def write_feedback(report: Report, path: Path, student: str = "", recorded=None, detail: str = "explain") -> None:
    write_text(Path(path), render(report, student, recorded, detail))
