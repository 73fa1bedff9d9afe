"""The Report as Gradescope's results.json (top-level score, tests[] with name/score/max_score/output)."""

from __future__ import annotations

import json
from pathlib import Path

from ..report import GRADER_FAULT, Report
from .common import isolation_line, student_message


def to_gradescope(report: Report, detail: str = "explain") -> dict:
    """results.json for the student: `detail` as config.feedback_detail decided ("explain" leaves the
    expected values out; the stored report.json keeps everything for the staff)."""
    tests = []
    for result in report.results:
        output = "Passed." if result.passed else student_message(result, detail)
        if result.description:
            output = f"{result.description}\n{output}"
        entry = {
            "name": f"{result.problem}: {result.name}",
            "score": result.score,
            "max_score": result.max_score,
            "output": output,
            "visibility": result.visibility,
            "status": "passed" if result.passed else "failed",
        }
        tests.append(entry)
    lines = [isolation_line(report)] + list(report.notes)
    if report.grader_fault:
        lines.append("The grader had a problem with this submission; the course staff will check it.")
    return {
        "score": report.score,
        "output": "\n".join(lines),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "execution_time": report.seconds,
        "tests": tests,
        "extra_data": {"assignment": report.assignment, "isolation": report.isolation,
                       "grader_fault": report.grader_fault, "salt": report.salt, "feedback_detail": detail,
                       "grader_errors": sum(1 for r in report.results if r.kind == GRADER_FAULT)},
    }


def write_results(report: Report, path: Path, detail: str = "explain") -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(json.dumps(to_gradescope(report, detail), indent=2, allow_nan=False), encoding="utf-8")
    temporary.replace(path)
