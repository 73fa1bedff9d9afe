"""The Report written into a graded notebook: each grade cell's outputs show its problem's result.

nbgrader reads a grade cell's score from its outputs (nbgrader.utils.determine_grade): an `error`
or `stderr` output scores 0, an `execute_result` holding a number scores that number (partial
credit), anything else full marks. Each grade cell therefore gets
    a `stdout` stream: the problem's score and, for every lost point, what went wrong, and
    an `execute_result` whose text is the problem's score,
so nbgrader's own SaveAutoGrades records exactly the hidden suite's score, and formgrader shows
the student's mistakes under the cell. Only the Report's texts are shown, never hidden test code;
the checks marked "hidden" show only their lost points.
"""

from __future__ import annotations

import copy
import textwrap

from ..report import GRADER_FAULT, Report

MAX_MESSAGE = 1200
MAX_LOST_SHOWN = 30
WIDTH = 100  # formgrader shows outputs without wrapping: lines are wrapped here


def _one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """The text on one line, cut at a word boundary when it is longer than `limit`."""
    return textwrap.shorten(str(text), width=limit, placeholder=" ...") or " ".join(str(text).split())[:limit]


def _wrapped(text: str) -> str:
    return textwrap.fill(text, width=WIDTH, subsequent_indent="    ", break_long_words=True,
                         break_on_hyphens=False)


def problem_text(report: Report, problem: str, with_notes: bool = False) -> str:
    """The plain-text result of one problem, as the grade cell shows it."""
    score, maximum = report.problems().get(problem, (0.0, report.problem_points.get(problem, 0.0)))
    results = [r for r in report.results if r.problem == problem]
    lines = [f"{problem}: {score:g}/{maximum:g} points from the hidden tests"]
    lost = [r for r in results if not r.passed]
    for result in lost[:MAX_LOST_SHOWN]:
        if result.visibility == "hidden":
            lines.append(f"- a hidden check (-{result.max_score:g})")
            continue
        what = result.description or result.name.replace("_", " ")
        mark = "not checked (the grader failed; the staff will look)" if result.kind == GRADER_FAULT else "lost"
        lines.append(_wrapped(f"- {_one_line(what, 200)} (-{result.max_score:g}, {mark}): {_one_line(result.message)}"))
    if len(lost) > MAX_LOST_SHOWN:
        lines.append(f"- ... and {len(lost) - MAX_LOST_SHOWN} more")
    passed = sum(1 for r in results if r.passed and r.visibility != "hidden")
    if passed:
        lines.append(f"passed: {passed} check(s)")
    if not results:
        reason = report.grader_fault or "no hidden test scored this problem"
        lines.append(_wrapped(f"not graded: {_one_line(reason)}"))
    if with_notes:
        lines.extend(_wrapped(f"note: {_one_line(note)}") for note in report.notes[:10])
    return "\n".join(lines) + "\n"


def grade_cell_outputs(report: Report, problem: str, with_notes: bool = False) -> list[dict]:
    score = report.problems().get(problem, (0.0, 0.0))[0]
    return [
        {"output_type": "stream", "name": "stdout", "text": problem_text(report, problem, with_notes)},
        {"output_type": "execute_result", "execution_count": None, "metadata": {},
         "data": {"text/plain": repr(float(score))}},
    ]


def _is_grade_code_cell(cell: dict) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {}) if isinstance(cell.get("metadata"), dict) else {}
    return (cell.get("cell_type") == "code" and isinstance(meta, dict) and bool(meta.get("grade"))
            and not meta.get("solution") and isinstance(meta.get("grade_id"), str))


def fill_grade_cells(cells, report: Report) -> None:
    """Set the outputs of every grade cell (dicts or nbformat NotebookNodes) from the Report; the
    first one also lists the notebook's notes (cells that failed, files, tampering)."""
    first = True
    for cell in cells:
        if not _is_grade_code_cell(cell):
            continue
        problem = cell["metadata"]["nbgrader"]["grade_id"]
        outputs = grade_cell_outputs(report, problem, with_notes=first)
        first = False
        try:  # an nbformat NotebookNode keeps attribute access for nbgrader's preprocessors
            from nbformat import from_dict

            cell["outputs"] = [from_dict(output) for output in outputs]
        except ImportError:  # pragma: no cover - nbformat comes with nbgrader
            cell["outputs"] = outputs
        cell["execution_count"] = None


def graded_notebook(submission: dict, release: dict | None, report: Report) -> dict:
    """The notebook that formgrader shows for a grade-all submission: the student's cells with
    every output cleared (a student's output could carry markup into the TA's browser), locked cells
    as released, and the grade cells holding the Report (as `nbgrader autograde` leaves them)."""
    notebook = copy.deepcopy(submission)
    released = {}
    for cell in (release or {}).get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("locked") and not meta.get("solution") and meta.get("grade_id"):
            released[meta["grade_id"]] = cell
    for cell in notebook.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {}) if isinstance(cell.get("metadata"), dict) else {}
        original = released.get(meta.get("grade_id")) if isinstance(meta, dict) else None
        if original is not None:
            cell["source"] = original["source"]
            cell["metadata"]["nbgrader"] = copy.deepcopy(original["metadata"]["nbgrader"])
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    fill_grade_cells(notebook.get("cells", []), report)
    return notebook
