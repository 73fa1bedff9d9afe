"""The student's feedback page: score per problem and an explanation for every lost point.

Built from the Report only, so no hidden test code can appear: a test shows its name, its one-line
description, its points and the message the comparison helpers wrote.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..report import PASSED, Report
from .results_json import isolation_line

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; }
.total { font-size: 1.25rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.passed { color: #176317; } .failed { color: #a11; } .grader_error { color: #a60; }
.message { font-family: ui-monospace, monospace; white-space: pre-wrap; font-size: .9rem; }
.note { background: #fff6dd; padding: .5rem .8rem; border-radius: .3rem; margin: .3rem 0; }
"""

STATUS_TEXT = {"passed": "passed", "failed": "lost", "grader_error": "not checked"}


def _problem_section(report: Report, problem: str, score: float, maximum: float) -> str:
    rows = []
    for result in (r for r in report.results if r.problem == problem):
        if result.visibility == "hidden" and result.status == PASSED:
            continue
        what = escape(result.description or result.name.replace("_", " "))
        explanation = "" if result.status == PASSED else escape(result.message)
        rows.append(
            f"<tr class='{result.status}'><td>{what}</td>"
            f"<td>{result.score:g}/{result.max_score:g} {STATUS_TEXT[result.status]}</td>"
            f"<td class='message'>{explanation}</td></tr>")
    return (f"<h2 id='{escape(problem)}'>{escape(problem)}: {score:g}/{maximum:g}</h2>"
            "<table><tr><th>check</th><th>points</th><th>what went wrong</th></tr>"
            + "".join(rows) + "</table>")


def render(report: Report, student: str = "") -> str:
    title = f"Feedback: {report.assignment}" + (f" ({student})" if student else "")
    problems = report.problems()
    overview = "".join(
        f"<tr><td><a href='#{escape(p)}'>{escape(p)}</a></td><td>{s:g}/{m:g}</td></tr>"
        for p, (s, m) in problems.items())
    notes = "".join(f"<div class='note'>{escape(note)}</div>" for note in report.notes)
    if report.grader_fault:
        notes += ("<div class='note'>The grader had a problem with part of this submission; the course "
                  "staff has been told and will check it by hand.</div>")
    sections = "".join(_problem_section(report, p, s, m) for p, (s, m) in problems.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="total">Score: {report.score:g} / {report.max_score:g}</p>
<p>Hidden tests compared your functions with the reference on many inputs, including edge cases.
Each lost point is explained below. {escape(isolation_line(report))}</p>
<table><tr><th>problem</th><th>score</th></tr>{overview}</table>
{notes}
{sections}
</body></html>
"""


def write_feedback(report: Report, path: Path, student: str = "") -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report, student), encoding="utf-8")
