"""What the terminal shows: a Report's summary (`autograder grade`) and the class table (`grade-all`,
`graded` entries of batch.Graded: student, report, the gradebook's recorded grades, a note).

Every text a student can influence (exception messages inside results, notes, file names, student ids
that are folder names, problem names) goes through `printable` (sinks/common.py) before it is shown:
it stays on its line, cannot carry an escape sequence to the terminal and is capped. So each line
the staff read is written here, and a student's row is exactly one line.
"""

from __future__ import annotations

import unicodedata

from ..report import Report
from .common import printable

STUDENT_CHARS = 40     # a student id (a folder name) in the table and its notes
PROBLEM_CHARS = 40     # a problem name (grade_id)
NOTE_CHARS = 300       # a note or a reason under the class table


def summary(report: Report, width: int = 100) -> str:
    lines = [f"{printable(report.assignment, PROBLEM_CHARS)}: {printable(report.submission, 2 * width)}",
             f"isolation: {printable(report.isolation, 40)}" + ("" if report.isolation == "bwrap"
                                                                 else " (weaker mode: bubblewrap unavailable)")]
    for problem, (score, maximum) in report.problems().items():
        mark = "ok " if score == maximum else "-- "
        lines.append(f"  {mark}{pad(printable(problem, PROBLEM_CHARS), 28)} {score:g}/{maximum:g}")
    lost = [r for r in report.results if not r.passed]
    if lost:
        lines.append("lost points:")
        for result in lost:
            lines.append(f"  - {printable(result.name, 80)} (-{result.max_score:g}): "
                         f"{printable(result.message, width)}")
    for note in report.notes[:10]:
        lines.append(f"note: {printable(note, width)}")
    if report.grader_fault:
        lines.append(f"GRADER FAULT: {printable(report.grader_fault, 500)}")
    lines.append(f"score: {report.score:g}/{report.max_score:g}   ({report.seconds:.2f} s)")
    return "\n".join(lines)


def display_width(text: str) -> int:
    """Columns a terminal gives the (printable) text: wide East Asian characters take two, marks none."""
    return sum(0 if unicodedata.category(char) in ("Mn", "Me")
               else 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _cell(grade) -> str:
    text = f"{grade.score:g}/{grade.max_score:g}"
    return text + "*" if grade.by_staff else text


def class_table(graded) -> str:
    """The class's scores as the gradebook holds them (`nbgrader export`): a `*` marks a problem a
    TA scored by hand; `late -x` a late penalty. One line per student; the reasons and notes follow
    the table, one line each."""
    if not graded:
        return "(no submissions)"
    problems = list(dict.fromkeys(p for g in graded for p in g.report.problems()))
    header = ["student"] + [printable(p, PROBLEM_CHARS) for p in problems] + ["total"]
    rows, manual = [], False
    for entry in graded:
        scores, recorded = entry.report.problems(), entry.recorded
        if recorded is not None:
            cells = [_cell(recorded.problems[p]) if p in recorded.problems else "-" for p in problems]
            manual |= any(grade.by_staff for grade in recorded.problems.values())
            total = f"{recorded.score:g}/{recorded.max_score:g}"
            if recorded.late_penalty:
                total += f" (late -{recorded.late_penalty:g})"
        else:
            cells = [f"{scores[p][0]:g}/{scores[p][1]:g}" if p in scores else "-" for p in problems]
            total = f"{entry.report.score:g}/{entry.report.max_score:g}"
        if entry.report.grader_fault:
            total += " GRADER FAULT"
        rows.append([printable(entry.student, STUDENT_CHARS)] + cells + [total])
    widths = [max(display_width(row[i]) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(pad(cell, width) for cell, width in zip(row, widths)).rstrip() for row in [header] + rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    if manual:
        lines.append("* scored by a TA in formgrader (the manual score counts)")
    for entry in graded:
        student = printable(entry.student, STUDENT_CHARS)
        if entry.report.unusable:
            lines.append(f"not graded: {student}: {printable(entry.report.unusable, NOTE_CHARS)}")
        elif entry.note:
            lines.append(f"note: {student}: {printable(entry.note, NOTE_CHARS)}")
    return "\n".join(lines)
