"""A readable summary of a Report on the terminal."""

from __future__ import annotations

from ..report import Report


def summary(report: Report, width: int = 100) -> str:
    lines = [f"{report.assignment}: {report.submission}",
             f"isolation: {report.isolation}" + ("" if report.isolation == "bwrap"
                                                  else " (weaker mode: bubblewrap unavailable)")]
    for problem, (score, maximum) in report.problems().items():
        mark = "ok " if score == maximum else "-- "
        lines.append(f"  {mark}{problem:<28} {score:g}/{maximum:g}")
    lost = [r for r in report.results if not r.passed]
    if lost:
        lines.append("lost points:")
        for result in lost:
            message = result.message.replace("\n", " ")
            if len(message) > width:
                message = message[: width - 3] + "..."
            lines.append(f"  - {result.name} (-{result.max_score:g}): {message}")
    for note in report.notes[:10]:
        lines.append(f"note: {note[:width]}")
    if report.grader_fault:
        lines.append(f"GRADER FAULT: {report.grader_fault[:500]}")
    lines.append(f"score: {report.score:g}/{report.max_score:g}   ({report.seconds:.2f} s)")
    return "\n".join(lines)
