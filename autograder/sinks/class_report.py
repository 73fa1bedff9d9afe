"""The class report of one assignment, for the course staff: how the class did and where it got stuck.

One self-contained HTML page (plots embedded as PNG data: URIs), rendered from
templates/class_report.html.j2 and built from the Reports' fields only (no message is parsed):
- the score distribution (histogram) and per-problem averages;
- the pass rate of every test (bar chart, one bar per test, coloured by problem);
- the most common named mistakes (grouped by the mistake's id), counted in students;
- code that did not run (not implemented, raised, not defined, too slow ...), by kind, with the functions;
- the tests nobody passed (a broken test, or a topic to teach again), with their most common failure;
- one row per student (the gradebook's scores where known: manual scores, late penalties), at most
  MAX_STUDENT_ROWS on the page; every student in the CSV beside it (<page>-students.csv);
- the last recorded score changes (regrades.py: before -> after, the tests that changed), so that
  no score changes silently;
- the most similar pairs of submissions (similarity.py), for a closer look on the similarity page.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from ..plots import data_uri, figure_to_png
from ..report import GRADER_FAULT, KIND_LABELS, RAISED, WRONG_VALUE, Report
from .common import csv_text, did_not_run, environment, stylesheet, write_text

MAX_MISTAKES = 15
# The page's student table stops here (about 230 bytes a row: 5,000 rows keep the page near 1 MB, which a
# browser shows at once); the CSV beside the page has every student of any class.
MAX_STUDENT_ROWS = 5000
MAX_CHANGES = 200  # changed students listed on the page; the run's record has them all


def failure_label(result) -> str:
    """How a failed result reads in the staff's tables: its named mistake, else its kind."""
    if result.mistake is not None:
        return result.mistake.text
    if result.kind == RAISED and result.exception:
        return f"raised {result.exception}"
    if result.kind == WRONG_VALUE:
        return "wrong value (no named mistake)"
    return KIND_LABELS.get(result.kind, result.kind)


# ----------------------------------------------------------------------------- statistics
def per_test_rows(reports: list[tuple[str, Report]]) -> list[dict]:
    """One entry per test (problem, name) in notebook order, with its pass counts and failures."""
    rows: dict[tuple[str, str], dict] = {}
    for _, report in reports:
        for result in report.results:
            if result.kind == GRADER_FAULT:
                continue  # not the student's result
            row = rows.setdefault((result.problem, result.name), {
                "problem": result.problem, "name": result.name, "description": result.description,
                "max_score": result.max_score, "graded": 0, "passed": 0, "failures": Counter()})
            row["graded"] += 1
            if result.passed:
                row["passed"] += 1
            else:
                row["failures"][failure_label(result)] += 1
    order = {problem: index for index, problem in
             enumerate(dict.fromkeys(p for _, report in reports for p in report.problems()))}
    return sorted(rows.values(), key=lambda row: order.get(row["problem"], len(order)))  # stable


def _grouped(reports, key_of) -> list[dict]:
    groups: dict[str, dict] = {}
    for student, report in reports:
        for result in report.results:
            if result.passed or result.kind == GRADER_FAULT:
                continue
            keyed = key_of(result)
            if keyed is None:
                continue
            key, label, detail = keyed
            group = groups.setdefault(key, {"id": key, "mistake": label, "students": set(), "tests": Counter(),
                                            "details": Counter(), "points": 0.0})
            group["students"].add(student)
            group["tests"][f"{result.problem}: {result.name}"] += 1
            group["details"][detail] += 1
            group["points"] += result.max_score
    return sorted(groups.values(), key=lambda g: (-len(g["students"]), -g["points"], g["mistake"]))


def common_mistakes(reports: list[tuple[str, Report]]) -> list[dict]:
    """Named mistakes (grouped by id) by the number of students who made them (most common first)."""
    return _grouped(reports, lambda r: (r.mistake.id, r.mistake.text, "") if r.mistake is not None else None)


def code_that_did_not_run(reports: list[tuple[str, Report]]) -> list[dict]:
    """Failures to run (not implemented, raised, not defined, too slow ...), by kind; details = functions."""
    def key_of(result):
        if not did_not_run(result) or result.mistake is not None:  # a named one is among the mistakes
            return None
        label = failure_label(result)
        return label, label, result.function
    return _grouped(reports, key_of)


def problem_rows(reports: list[tuple[str, Report]], totals=None) -> list[dict]:
    """Per problem: points, mean, how many got full marks and zero. `totals`: student -> problem ->
    score to use instead of the Report's (the gradebook's, with manual scores)."""
    scores: dict[str, list[float]] = defaultdict(list)
    maxima: dict[str, float] = {}
    for student, report in reports:
        for problem, (score, maximum) in report.problems().items():
            shown = (totals or {}).get(student, {}).get(problem, score)
            scores[problem].append(shown)
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
        ax.text(100 * rate + 1, position, f"{100 * rate:.0f}%", va="center", fontsize=8)
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
def _student_rows(reports, recorded, problem_names) -> list[dict]:
    rows = []
    for student, report in reports:
        grades = recorded[student] if student in recorded else None
        scores = report.problems()  # once per student: it adds up every result (5,000 students x problems)
        cells = []
        for problem in problem_names:
            grade = grades.problems.get(problem) if grades is not None else None
            if grade is not None:
                cells.append(f"{grade.score:g}" + ("*" if grade.by_staff else ""))
            else:
                cells.append(f"{scores[problem][0]:g}" if problem in scores else "-")
        total = grades.score if grades is not None else report.score
        rows.append({"student": student, "cells": cells, "total": total, "max": report.max_score,
                     "staff": [p for p in problem_names if grades is not None and p in grades.problems
                               and grades.problems[p].by_staff],
                     "late": grades.late_penalty if grades is not None else 0.0,
                     "fault": bool(report.grader_fault)})
    return rows


def change_rows(run) -> list[dict]:
    """The changed students of a regrades.RunRecord, as the page lists them."""
    rows = []
    for change in run.changes[:MAX_CHANGES]:
        tests = change.tests
        rows.append({"student": change.student, "before": change.before.score, "after": change.after.score,
                     "max": change.after.max_score, "new_submission": change.new_submission,
                     "problems": [f"{p} {'-' if a is None else f'{a:g}'} → {'-' if b is None else f'{b:g}'}"
                                  for p, a, b in change.problems],
                     "tests": None if tests is None else [
                         f"{t} {'-' if a is None else f'{a:g}'} → {'-' if b is None else f'{b:g}'}"
                         for t, a, b in tests]})
    return rows


def render(reports: list[tuple[str, Report]], assignment: str = "", recorded: dict | None = None,
           last_run=None, similar=None, similar_note: str = "", students_csv: str = "",
           max_rows: int | None = None) -> str:
    """`recorded`: student -> the gradebook's grades (sinks/gradebook.RecordedGrades); where given,
    the scores shown are the gradebook's (manual scores, late penalties), as `nbgrader export` has them.
    `last_run`: the last recorded run that changed scores (regrades.RunRecord); `similar`: the most
    similar pairs [(student_a, student_b, score)], or None with `similar_note` saying why.
    `students_csv`: the name of the CSV of every student beside the page (linked); the page's table
    shows the first `max_rows` students (default MAX_STUDENT_ROWS)."""
    from ..regrades import suite_text

    recorded = recorded or {}
    max_rows = MAX_STUDENT_ROWS if max_rows is None else max_rows
    reports = sorted(reports, key=lambda item: item[0])
    assignment = assignment or (reports[0][1].assignment if reports else "")
    totals = {student: {p: g.score for p, g in recorded[student].problems.items()}
              for student, _ in reports if student in recorded}
    scores = [recorded[s].score if s in recorded else r.score for s, r in reports]
    maximum = max((report.max_score for _, report in reports), default=0.0)
    tests = per_test_rows(reports)
    problems = problem_rows(reports, totals)
    cards = [("submissions", str(len(reports)))]
    if scores:
        cards += [("mean", f"{statistics.fmean(scores):.1f} / {maximum:g}"),
                  ("median", f"{statistics.median(scores):g}"),
                  ("lowest / highest", f"{min(scores):g} / {max(scores):g}"),
                  ("full marks", str(sum(1 for s in scores if maximum and s >= maximum - 1e-9)))]
    nobody = [{**row, "top": row["failures"].most_common(1)[0][0] if row["failures"] else ""}
              for row in tests if row["passed"] == 0]
    return environment().get_template("class_report.html.j2").render(
        title=f"Class report: {assignment}", style=stylesheet(), generated=f"{datetime.now():%Y-%m-%d %H:%M}",
        cards=cards, faults=[student for student, report in reports if report.grader_fault],
        has_reports=bool(reports),
        histogram=data_uri(score_histogram(scores, maximum)) if reports else "",
        pass_rates=data_uri(pass_rate_chart(tests)) if reports else "",
        problems=problems, mistakes=common_mistakes(reports)[:MAX_MISTAKES], stuck=code_that_did_not_run(reports),
        nobody=nobody, problem_names=[row["problem"] for row in problems],
        students=_student_rows(reports[:max_rows], recorded, [row["problem"] for row in problems]),
        student_count=len(reports), students_csv=students_csv,
        manual=any(grade.by_staff for grades in recorded.values() for grade in grades.problems.values()),
        last_run=last_run, changes=change_rows(last_run) if last_run else [],
        run_suite=suite_text(last_run.header.get("suite", {})) if last_run else "",
        similar=similar, similar_note=similar_note)


def write_class_report(reports: list[tuple[str, Report]], path: Path | str, assignment: str = "",
                       recorded: dict | None = None, last_run=None, similar=None, similar_note: str = "") -> Path:
    """Write the class report of `reports` ([(student, Report)], one assignment) to `path`, and every
    student's row to the CSV beside it (<stem>-students.csv)."""
    path = Path(path)
    table = path.with_name(f"{path.stem}-students.csv")
    write_text(table, students_csv(reports, recorded))
    write_text(path, render(reports, assignment, recorded, last_run, similar, similar_note,
                            students_csv=table.name))
    return path


def students_csv(reports: list[tuple[str, Report]], recorded: dict | None = None) -> str:
    """The page's student table for a spreadsheet, every student: the scores as numbers (the gradebook's
    where known), the late penalty, the problems a TA scored, and whether the grader failed."""
    recorded = recorded or {}
    reports = sorted(reports, key=lambda item: item[0])
    problems = list(dict.fromkeys(p for _, report in reports for p in report.problems()))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["student", *problems, "total", "max", "late penalty", "scored by staff", "grader fault"])
    for row in _student_rows(reports, recorded, problems):
        writer.writerow([csv_text(row["student"]), *(cell.rstrip("*") for cell in row["cells"]), f"{row['total']:g}",
                         f"{row['max']:g}", f"{row['late']:g}", " ".join(row["staff"]), "yes" if row["fault"] else ""])
    return out.getvalue()
