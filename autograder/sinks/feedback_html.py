"""The student's feedback page: score per problem, an explanation for every lost point, and plots.

Built from the Report only, so no hidden test code can appear: a test shows its name, its one-line
description, its points and the message the comparison helpers wrote. For a graded plot the page
shows the student's figure beside the reference's figure for the same call, drawn from the figures'
data (`autograder.sinks.figure_png`) and embedded as data: URIs, so the page is one self-contained
file (nbgrader's release_feedback copies just that file). A test whose visibility is "hidden"
(Gradescope's meaning: the student never sees it) shows only its lost points, as "a hidden check":
not its name, description, message or figures; a passed one is not shown at all.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from ..figures import figure_digest
from ..report import FAILED, GRADER_ERROR, PASSED, Report, TestResult
from .results_json import isolation_line

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .3rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; display: flex; gap: .8rem; align-items: baseline; }
.total { font-size: 1.3rem; font-weight: 600; margin: .3rem 0; }
.bar { display: inline-block; width: 8rem; height: .6rem; background: #e6e6e6; border-radius: .3rem;
       overflow: hidden; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: #2e7d32; }
.bar.partial > span { background: #e6a100; } .bar.zero > span { background: #c62828; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { font-weight: 600; background: #f6f6f6; }
td.points { white-space: nowrap; }
.passed .mark { color: #2e7d32; } .failed .mark { color: #c62828; } .grader_error .mark { color: #b26a00; }
.mark { font-weight: 700; width: 1.2rem; }
.headline { font-weight: 600; }
.detail { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .85rem;
          white-space: pre-wrap; word-break: break-word; color: #444; display: block; margin-top: .2rem; }
.note { background: #fff6dd; padding: .5rem .8rem; border-radius: .3rem; margin: .4rem 0; }
.allgood { color: #2e7d32; cursor: pointer; }
.plots { border: 1px solid #ddd; border-radius: .4rem; padding: .6rem .8rem; margin: .8rem 0; }
.plots figcaption { font-size: .9rem; color: #555; margin-bottom: .4rem; }
.side { display: flex; flex-wrap: wrap; gap: 1rem; }
.side figure { margin: 0; flex: 1 1 22rem; }
.side figure > div { font-weight: 600; margin-bottom: .2rem; }
.side img { max-width: 100%; height: auto; border: 1px solid #eee; }
.missing { color: #777; font-style: italic; }
"""

STATUS_TEXT = {PASSED: "passed", FAILED: "lost", GRADER_ERROR: "not checked"}
STATUS_MARK = {PASSED: "✓", FAILED: "✗", GRADER_ERROR: "?"}
FIGURES_SHOWN_FOR = ("visible", "after_due_date", "after_published")  # never "hidden"
MAX_FIGURES_PER_PROBLEM = 4


def _bar(score: float, maximum: float) -> str:
    fraction = 0.0 if maximum <= 0 else max(0.0, min(1.0, score / maximum))
    kind = "" if fraction >= 1 else ("zero" if fraction == 0 else "partial")
    return f"<span class='bar {kind}'><span style='width:{fraction * 100:.0f}%'></span></span>"


# the end of a message's first sentence: ". " before a word; not "6. ," inside a printed array,
# not an ellipsis ("2*every, ... up to"), not "e.g. "/"i.e. "
_SENTENCE_END = re.compile(r"(?<![.\s])(?<!e\.g)(?<!i\.e)\. (?=[^\s,\]\)])")


def split_headline(message: str) -> tuple[str, str]:
    """(first sentence, the rest) of a failure message.

    The comparison helpers put a named mistake first ("softmax overflows for large logits: subtract
    the maximum first. softmax(z) for z = ...: expected ..."), so the first sentence is the mistake.
    """
    message = (message or "").strip()
    first_line, _, rest_lines = message.partition("\n")
    match = _SENTENCE_END.search(first_line)
    if match is None:
        return first_line, rest_lines.strip()
    rest = first_line[match.end():]
    return first_line[: match.start() + 1], "\n".join(p for p in (rest, rest_lines.strip()) if p)


HIDDEN_CHECK = "a hidden check"
HIDDEN_DETAIL = "The details of hidden checks are not shown."


def _explanation(result: TestResult) -> str:
    """The message, its first sentence (the named mistake, when there is one) set as a headline."""
    if result.status == PASSED:
        return ""
    if result.visibility == "hidden":
        return f"<span class='headline'>{HIDDEN_DETAIL}</span>"
    headline, detail = split_headline(result.message or "this check failed")
    html = f"<span class='headline'>{escape(headline)}</span>"
    if detail:
        html += f"<span class='detail'>{escape(detail)}</span>"
    return html


def _rows(results: list[TestResult]) -> str:
    # lost points first, then the passed checks, each group in the order the tests ran
    ordered = [r for r in results if r.status != PASSED] + [r for r in results if r.status == PASSED]
    rows = []
    for result in ordered:
        what = HIDDEN_CHECK if result.visibility == "hidden" else escape(
            result.description or result.name.replace("_", " "))
        rows.append(
            f"<tr class='{result.status}'><td class='mark'>{STATUS_MARK.get(result.status, '')}</td>"
            f"<td>{what}</td>"
            f"<td class='points'>{result.score:g}/{result.max_score:g} {STATUS_TEXT.get(result.status, '')}</td>"
            f"<td>{_explanation(result)}</td></tr>")
    return "".join(rows)


def _image(figure, alt: str, png: bytes | None = None) -> str:
    from .figure_png import data_uri, render_png

    if png is None:  # not drawn ahead
        png = render_png(figure)
    if not png:
        return "<p class='missing'>(this figure could not be drawn)</p>"
    return f"<img src='{data_uri(png)}' alt='{escape(alt)}'>"


def _figures(results: list[TestResult]) -> str:
    """Each distinct plot of the problem: the student's figure beside the expected one."""
    shown: dict[tuple, list] = {}
    for result in results:
        if result.visibility not in FIGURES_SHOWN_FOR:
            continue
        for pair in result.figures:
            key = (pair.function, figure_digest(pair.student), figure_digest(pair.expected))
            if key not in shown and len(shown) >= MAX_FIGURES_PER_PROBLEM:
                continue
            shown.setdefault(key, [pair, []])[1].append(result)
    blocks = []
    for pair, checks in shown.values():
        names = list(dict.fromkeys((r.description or r.name.replace("_", " ")).rstrip(".") for r in checks))
        caption = (f"<code>{escape(pair.function)}(...)</code> as called by the check"
                   f"{'s' if len(names) > 1 else ''}: " + "; ".join(escape(n) for n in names[:3])
                   + (f"; and {len(names) - 3} more" if len(names) > 3 else "") + ".")
        expected = (_image(pair.expected, f"the expected plot of {pair.function}", pair.expected_png)
                    if pair.expected is not None
                    else "<p class='missing'>(no expected figure for this call)</p>")
        student = _image(pair.student, f"your plot of {pair.function}", pair.student_png)
        blocks.append(
            f"<figure class='plots'><figcaption>{caption}</figcaption><div class='side'>"
            f"<figure><div>Your plot</div>{student}</figure>"
            f"<figure><div>Expected</div>{expected}</figure>"
            "</div></figure>")
    return "".join(blocks)


def _problem_section(report: Report, problem: str, score: float, maximum: float) -> str:
    results = [r for r in report.results if r.problem == problem
               and not (r.visibility == "hidden" and r.status == PASSED)]
    lost = sum(1 for r in results if r.status != PASSED)
    table = ("<table><tr><th></th><th>check</th><th>points</th><th>what went wrong</th></tr>"
             + _rows(results) + "</table>") if results else ""
    body = table + _figures(results)
    if not lost and score >= maximum and body:
        # nothing to explain: the passed checks (and plots) stay folded
        what = "the checks and your plots" if "<img" in body else "the checks"
        body = (f"<details><summary class='allgood'>All checks passed (show {what})</summary>"
                f"{body}</details>")
    return (f"<section><h2 id='{escape(problem)}'><span>{escape(problem)}</span>"
            f"<span>{score:g}/{maximum:g}</span>{_bar(score, maximum)}</h2>{body}</section>")


def render(report: Report, student: str = "") -> str:
    title = f"Feedback: {report.assignment}" + (f" ({student})" if student else "")
    problems = report.problems()
    overview = "".join(
        f"<tr><td><a href='#{escape(p)}'>{escape(p)}</a></td><td class='points'>{s:g}/{m:g}</td>"
        f"<td>{_bar(s, m)}</td></tr>"
        for p, (s, m) in problems.items())
    notes = "".join(f"<div class='note'>{escape(note)}</div>" for note in report.notes)
    if report.grader_fault:
        notes += ("<div class='note'>The grader had a problem with part of this submission; the course "
                  "staff has been told and will check it by hand.</div>")
    sections = "".join(_problem_section(report, p, s, m) for p, (s, m) in problems.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="total">Score: {report.score:g} / {report.max_score:g} {_bar(report.score, report.max_score)}</p>
<p>Hidden tests compared your functions with the reference on many inputs, including edge cases.
Each lost point is explained below: the first sentence says what went wrong, the rest shows the
input, what was expected and what your code returned. For plots, your figure is drawn beside the
expected one. {escape(isolation_line(report))}</p>
<table><tr><th>problem</th><th>score</th><th></th></tr>{overview}</table>
{notes}
{sections}
</body></html>
"""


def write_feedback(report: Report, path: Path, student: str = "") -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report, student), encoding="utf-8")
