"""The class report of one assignment, for the course staff: how the class did and where it got stuck.

One self-contained HTML page (plots embedded as PNG data: URIs) built from the Reports only:
- the score distribution (histogram) and per-problem averages;
- the pass rate of every test (bar chart, one bar per test, coloured by problem);
- the most common named mistakes: failure messages grouped by their first sentence (the comparison
  helpers put a known mistake's explanation first), counted in students;
- code that did not run (not implemented, raised, missing, too slow), by kind, with the functions;
- the tests nobody passed (a broken test, or a topic to teach again);
- one row per student.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from datetime import datetime
from html import escape
from pathlib import Path

from ..report import GRADER_ERROR, PASSED, Report
from .feedback_html import split_headline
from ..plots import data_uri, figure_to_png

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 68rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; }
.meta { color: #666; margin-top: 0; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: .4rem; padding: .5rem .9rem; min-width: 7rem; }
.card b { display: block; font-size: 1.3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f6f6f6; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
code { font-size: .8rem; }
td.tests { font-size: .85rem; width: 40%; }
img { max-width: 100%; height: auto; }
.fault { background: #fde8e8; padding: .5rem .8rem; border-radius: .3rem; }
.none { color: #2e7d32; }
.wide { overflow-x: auto; }
"""

MAX_MISTAKES = 15
_EXPECTED_GOT = re.compile(r"\bexpected\b.*\bgot\b", re.S)


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def mistake_key(message: str) -> str:
    """The first sentence of a failure message: the named mistake when the test recognised one."""
    headline, _ = split_headline(message)
    return headline.rstrip(".").strip()[:300]


def is_named(headline: str) -> bool:
    """A named mistake explains; a bare comparison only says what was expected and what came."""
    return bool(headline) and not _EXPECTED_GOT.search(headline)


# ----------------------------------------------------------------------------- statistics
def per_test_rows(reports: list[tuple[str, Report]]) -> list[dict]:
    """One entry per test (problem, name) in the order the tests ran, with its pass counts."""
    rows: dict[tuple[str, str], dict] = {}
    for _, report in reports:
        for result in report.results:
            if result.status == GRADER_ERROR and result.problem == "grader":
                continue  # the stand-in result of a submission the grader could not grade
            row = rows.setdefault((result.problem, result.name), {
                "problem": result.problem, "name": result.name, "description": result.description,
                "max_score": result.max_score, "graded": 0, "passed": 0, "headlines": Counter()})
            row["graded"] += 1
            if result.status == PASSED:
                row["passed"] += 1
            else:
                row["headlines"][mistake_key(result.message)] += 1
    order = {problem: index for index, problem in
             enumerate(dict.fromkeys(p for _, report in reports for p in report.problems()))}
    return sorted(rows.values(), key=lambda row: order.get(row["problem"], len(order)))  # stable


# Failures where the student's code did not run to an answer (autograder.errors.StudentFailure
# messages): not mistakes in the mathematics, so they get their own table, one row per kind.
DID_NOT_RUN = (
    (re.compile(r"^(\w+) is not implemented yet"), "not implemented yet (raises NotImplementedError)"),
    (re.compile(r"^(\w+) raised (\w+)"), "raised {1}"),
    (re.compile(r"^(\w+) did not finish within"), "did not finish within the time limit"),
    (re.compile(r"^your notebook does not define (\w+)"), "not defined in the notebook"),
    (re.compile(r"^the Python process running your code died during (\w+)"), "the Python process died"),
    (re.compile(r"^the value returned by (\w+) could not be read"), "returned a value that could not be read"),
    (re.compile(r"^grading stopped: the submission used up its time limit()"), "the submission ran out of time"),
    (re.compile(r"^your notebook could not be graded()"), "the notebook could not be graded"),
)


def did_not_run(message: str) -> tuple[str, str] | None:
    """(kind, function) when the message says the student's code did not run to an answer."""
    for pattern, kind in DID_NOT_RUN:
        match = pattern.match(message or "")
        if match:
            return kind.format(*match.groups()), match.group(1)
    return None


def _grouped(reports, key_of) -> list[dict]:
    groups: dict[str, dict] = {}
    for student, report in reports:
        for result in report.results:
            if result.status == PASSED or result.status == GRADER_ERROR:
                continue
            keyed = key_of(result)
            if keyed is None:
                continue
            key, detail = keyed
            group = groups.setdefault(key, {"mistake": key, "students": set(), "tests": Counter(),
                                            "details": Counter(), "points": 0.0})
            group["students"].add(student)
            group["tests"][f"{result.problem}: {result.name}"] += 1
            group["details"][detail] += 1
            group["points"] += result.max_score
    return sorted(groups.values(), key=lambda g: (-len(g["students"]), -g["points"], g["mistake"]))


def common_mistakes(reports: list[tuple[str, Report]]) -> list[dict]:
    """Named mistakes by the number of students who made them (most common first)."""
    def key_of(result):
        if did_not_run(result.message):
            return None
        key = mistake_key(result.message)
        return (key, "") if is_named(key) else None

    return _grouped(reports, key_of)


def code_that_did_not_run(reports: list[tuple[str, Report]]) -> list[dict]:
    """Failures to run (not implemented, raised, missing, too slow), by kind; details = functions."""
    return _grouped(reports, lambda result: did_not_run(result.message))


def problem_rows(reports: list[tuple[str, Report]]) -> list[dict]:
    scores: dict[str, list[float]] = defaultdict(list)
    maxima: dict[str, float] = {}
    for _, report in reports:
        for problem, (score, maximum) in report.problems().items():
            if problem == "grader":
                continue
            scores[problem].append(score)
            maxima[problem] = max(maxima.get(problem, 0.0), maximum)
    rows = []
    for problem, values in scores.items():
        maximum = maxima[problem]
        rows.append({"problem": problem, "max": maximum, "mean": statistics.fmean(values),
                     "full": sum(1 for v in values if maximum and v >= maximum - 1e-9),
                     "zero": sum(1 for v in values if v <= 1e-9), "n": len(values)})
    return rows


# ----------------------------------------------------------------------------- plots
def _new_figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def score_histogram(totals: list[float], maximum: float) -> bytes:
    import numpy as np

    scores = np.array(totals, dtype=float)
    maximum = maximum or 1.0
    fig = _new_figure(7.5, 3.4)
    ax = fig.add_subplot()
    if maximum <= 40:
        edges = np.arange(0, np.floor(maximum) + 2) - 0.5
    else:
        edges = np.linspace(0, maximum, 21)
    ax.hist(scores, bins=edges, color="#4a78b5", edgecolor="white")
    if scores.size:
        ax.axvline(scores.mean(), color="#c62828", linestyle="--", label=f"mean {scores.mean():.1f}")
        ax.axvline(np.median(scores), color="#2e7d32", linestyle=":", label=f"median {np.median(scores):g}")
        ax.legend(loc="upper left")
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel(f"score (out of {maximum:g})")
    ax.set_ylabel("students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"Score distribution ({len(scores)} submissions)")
    return figure_to_png(fig)


def pass_rate_chart(rows: list[dict]) -> bytes:
    height = max(2.5, 0.26 * len(rows) + 1.4)
    fig = _new_figure(10.5, height)
    ax = fig.add_subplot()
    problems = list(dict.fromkeys(row["problem"] for row in rows))
    palette = ["#4a78b5", "#e08a2c", "#3f9b5a", "#b5444a", "#7b5fb0", "#8c6d46", "#d46fb0",
               "#6f6f6f", "#a8a838", "#35a6b8"]
    colour = {problem: palette[i % len(palette)] for i, problem in enumerate(problems)}
    rates = [row["passed"] / row["graded"] if row["graded"] else 0.0 for row in rows]
    positions = list(range(len(rows)))[::-1]
    ax.barh(positions, [100 * r for r in rates], color=[colour[row["problem"]] for row in rows])
    ax.set_yticks(positions, [row["name"].removeprefix("test_").replace("_", " ")[:64] for row in rows],
                  fontsize=8)
    for position, rate in zip(positions, rates):
        ax.text(100 * rate + 1, position, _pct(rate), va="center", fontsize=8)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=colour[p], label=p) for p in problems], title="problem",
              loc="lower left", bbox_to_anchor=(1.01, 0.0), fontsize=8, title_fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel("students who passed (%)")
    ax.set_title("Pass rate per test")
    ax.grid(True, axis="x", alpha=0.3)
    return figure_to_png(fig)


# ----------------------------------------------------------------------------- page
def _image(png: bytes, alt: str) -> str:
    return f"<img src='{data_uri(png)}' alt='{escape(alt)}'>"


def _mistake_row(mistake: dict) -> str:
    tests = list(mistake["tests"])
    shown = "<br>".join(f"<code>{escape(test)}</code>" for test in tests[:3])
    if len(tests) > 3:
        shown += f"<br>and {len(tests) - 3} more"
    return (f"<tr><td>{escape(mistake['mistake'])}</td><td class='num'>{len(mistake['students'])}</td>"
            f"<td class='tests'>{shown}</td></tr>")


def render(reports: list[tuple[str, Report]], assignment: str = "", recorded: dict | None = None) -> str:
    """`recorded`: student -> the gradebook's grades (sinks/gradebook.RecordedGrades); where given,
    the scores shown are the gradebook's (manual scores, late penalties), as `nbgrader export` has them."""
    recorded = recorded or {}
    reports = sorted(reports, key=lambda item: item[0])
    assignment = assignment or (reports[0][1].assignment if reports else "")
    title = f"Class report: {assignment}"

    def total(student: str, report: Report) -> float:
        return recorded[student].score if student in recorded else report.score

    def problem_score(student: str, report: Report, problem: str) -> str:
        grade = recorded[student].problems.get(problem) if student in recorded else None
        if grade is not None:
            return f"{grade.score:g}" + ("*" if grade.by_staff else "")
        return f"{report.problems()[problem][0]:g}" if problem in report.problems() else "-"

    scores = [total(student, report) for student, report in reports]
    maximum = max((report.max_score for _, report in reports), default=0.0)
    faults = [student for student, report in reports if report.grader_fault]
    tests = per_test_rows(reports)
    problems = problem_rows(reports)
    mistakes = common_mistakes(reports)

    cards = [("submissions", str(len(reports)))]
    if scores:
        cards += [("mean", f"{statistics.fmean(scores):.1f} / {maximum:g}"),
                  ("median", f"{statistics.median(scores):g}"),
                  ("lowest / highest", f"{min(scores):g} / {max(scores):g}"),
                  ("full marks", str(sum(1 for s in scores if maximum and s >= maximum - 1e-9)))]
    parts = [f"<h1>{escape(title)}</h1>",
             f"<p class='meta'>Generated {datetime.now():%Y-%m-%d %H:%M} from the graded reports. "
             "For the course staff: not for release to students.</p>",
             "<div class='cards'>" + "".join(f"<div class='card'>{escape(k)}<b>{escape(v)}</b></div>"
                                             for k, v in cards) + "</div>"]
    if faults:
        parts.append(f"<p class='fault'>The grader had a problem with {len(faults)} submission(s): "
                     f"{escape(', '.join(faults))}. Check them by hand.</p>")
    if not reports:
        parts.append("<p>No submissions.</p>")
    else:
        parts.append("<h2 id='distribution'>Score distribution</h2>"
                     + _image(score_histogram(scores, maximum), "histogram of the students' scores"))
        parts.append("<h2 id='problems'>Problems</h2><table><tr><th>problem</th><th class='num'>points</th>"
                     "<th class='num'>mean</th><th class='num'>mean %</th><th class='num'>full marks</th>"
                     "<th class='num'>zero</th></tr>" + "".join(
                         f"<tr><td>{escape(r['problem'])}</td><td class='num'>{r['max']:g}</td>"
                         f"<td class='num'>{r['mean']:.2f}</td>"
                         f"<td class='num'>{_pct(r['mean'] / r['max']) if r['max'] else '-'}</td>"
                         f"<td class='num'>{r['full']}/{r['n']}</td><td class='num'>{r['zero']}/{r['n']}</td></tr>"
                         for r in problems) + "</table>")
        parts.append("<h2 id='mistakes'>Most common mistakes</h2>")
        if mistakes:
            parts.append(
                "<p>Failure messages grouped by their first sentence, which names the mistake when a "
                "test recognised it.</p><table><tr><th>mistake</th><th class='num'>students</th>"
                "<th>tests</th></tr>" + "".join(_mistake_row(m) for m in mistakes[:MAX_MISTAKES])
                + "</table>")
        else:
            parts.append("<p class='none'>No named mistakes.</p>")
        stuck = code_that_did_not_run(reports)
        parts.append("<h2 id='did-not-run'>Code that did not run</h2>")
        if stuck:
            parts.append(
                "<p>Checks lost because a function did not return an answer.</p><table><tr><th>what happened"
                "</th><th class='num'>students</th><th>functions</th></tr>" + "".join(
                    f"<tr><td>{escape(g['mistake'])}</td><td class='num'>{len(g['students'])}</td>"
                    f"<td class='tests'>{escape(', '.join(name for name in g['details'] if name))}</td></tr>"
                    for g in stuck) + "</table>")
        else:
            parts.append("<p class='none'>Every function of every submission ran.</p>")
        nobody = [row for row in tests if row["passed"] == 0]
        parts.append("<h2 id='nobody'>Tests nobody passed</h2>")
        if nobody:
            parts.append(
                "<p>Either a topic to explain again, or a test to check.</p><table><tr><th>test</th>"
                "<th>what it checks</th><th class='num'>points</th><th>most common failure</th></tr>"
                + "".join(
                    f"<tr><td><code>{escape(row['problem'])}: {escape(row['name'])}</code></td>"
                    f"<td>{escape(row['description'])}</td><td class='num'>{row['max_score']:g}</td>"
                    f"<td>{escape(row['headlines'].most_common(1)[0][0]) if row['headlines'] else ''}</td></tr>"
                    for row in nobody) + "</table>")
        else:
            parts.append("<p class='none'>Every test was passed by at least one student.</p>")
        parts.append("<h2 id='pass-rates'>Pass rate per test</h2>"
                     + _image(pass_rate_chart(tests), "bar chart of the pass rate of every test"))
        problem_names = [r["problem"] for r in problems]
        parts.append("<h2 id='students'>Students</h2><div class='wide'><table><tr><th>student</th>" + "".join(
            f"<th class='num'>{escape(p)}</th>" for p in problem_names) + "<th class='num'>total</th></tr>"
            + "".join(
                f"<tr><td>{escape(student)}</td>" + "".join(
                    f"<td class='num'>{problem_score(student, report, p)}</td>" for p in problem_names)
                + f"<td class='num'>{total(student, report):g}/{report.max_score:g}"
                + (" (grader fault)" if report.grader_fault else "") + "</td></tr>"
                for student, report in reports) + "</table></div>")
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body>
{body}
</body></html>
"""


def write_class_report(reports: list[tuple[str, Report]], path: Path | str, assignment: str = "",
                       recorded: dict | None = None) -> Path:
    """Write the class report of `reports` ([(student, Report)], one assignment) to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(render(reports, assignment, recorded), encoding="utf-8")
    temporary.replace(path)
    return path
