"""`make demo`: release the assignments, grade an embedded class into gradebook.db, show the grades.

The class is derived from the instructor's notebooks and the scenario catalogue
(tests/scenarios/<assignment>.py): one perfect submission, a correct alternative, several with
realistic mistakes, an untouched stub, one that raises and one that loops forever.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from .batch import grade_all
from .config import PROJECT_ROOT, GradingConfig, default_jobs, skip_slow_optional_imports
from .release import ReleaseError, generate
from .scenarios import Scenario, build_submission, load_scenarios

# student -> how to pick that student's scenario from an assignment's catalogue
ROSTER = {
    "amara": "perfect",
    "bilal": "wrong:0",
    "chen": "wrong:1",
    "dana": "alternative:0",
    "emeka": "wrong:2",
    "farah": "stub",
    "goran": "raises_everywhere",
    "hana": "infinite_loop_in_a_cell",
    "ines": "wrong:3",
}


def pick(catalogue: list[Scenario], rule: str) -> Scenario:
    if rule == "perfect":
        return Scenario("perfect", "every solution in place", full_marks=True)
    if rule == "stub":
        return Scenario("stub", "the released notebook, untouched", base="release")
    kind, _, number = rule.partition(":")
    if kind == "wrong":
        # one mistake from each problem in turn, so that the class shows a spread of scores
        wrong = [s for s in catalogue if not s.full_marks and s.loses
                 and s.name not in ("raises_everywhere", "infinite_loop_in_a_cell")]
        first_per_problem = list({s.loses[0]: s for s in reversed(wrong)}.values())[::-1]
        return first_per_problem[int(number) % len(first_per_problem)]
    if kind == "alternative":
        return [s for s in catalogue if s.full_marks][int(number)]
    return next(s for s in catalogue if s.name == rule)


def assignments(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "source_notebooks").iterdir()
                  if (p / f"{p.name}.ipynb").exists() and (root / "tests" / "scenarios" / f"{p.name}.py").exists())


def forget_demo_class(root: Path) -> None:
    """Remove the demo students' earlier submissions from the gradebook (only theirs).

    nbgrader will not regenerate an assignment whose cells changed while submissions exist; the
    demo class is ours to remove, so `make demo` can run again after a notebook was edited.
    """
    database = root / "gradebook.db"
    if not database.exists():
        return
    from nbgrader.api import MissingEntry

    from .sinks.gradebook import open_gradebook, writing

    with writing(database):
        gradebook = open_gradebook(database)
        try:
            for assignment in [a.name for a in gradebook.assignments]:
                for student in ROSTER:
                    try:
                        gradebook.remove_submission(assignment, student)
                    except MissingEntry:
                        pass
            for student in ROSTER:
                try:
                    gradebook.remove_student(student)
                except MissingEntry:
                    pass
        finally:
            gradebook.close()


def release(root: Path, names: list[str]) -> None:
    for name in names:
        print(f"nbgrader generate_assignment {name} (notebook, public checks)")
        generate(root, name, log_level="ERROR")


def write_class(root: Path, name: str) -> dict[str, str]:
    catalogue = load_scenarios(name)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    chosen = {}
    for student, rule in ROSTER.items():
        scenario = pick(catalogue, rule)
        folder = root / "submitted" / student / name
        folder.mkdir(parents=True, exist_ok=True)
        notebook = build_submission(name, scenario, root)
        (folder / f"{name}.ipynb").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
        (folder / "timestamp.txt").write_text(stamp)
        chosen[student] = scenario.name
    return chosen


def course_table(names: list[str], totals: dict[str, dict[str, tuple[float, float]]]) -> str:
    header = ["student"] + names + ["course total"]
    rows = []
    for student, scores in sorted(totals.items()):
        earned = sum(score for score, _ in scores.values())
        possible = sum(maximum for _, maximum in scores.values())
        rows.append([student] + [f"{scores[n][0]:g}/{scores[n][1]:g}" if n in scores else "-" for n in names]
                    + [f"{earned:g}/{possible:g} ({100 * earned / possible:.0f}%)" if possible else "-"])
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in [header] + rows)


def main() -> int:
    skip_slow_optional_imports()
    root = PROJECT_ROOT
    names = assignments(root)
    forget_demo_class(root)
    try:
        release(root, names)
    except ReleaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    config = GradingConfig(root=root)
    config = replace(config, limits=replace(config.limits, call_seconds=5.0))
    status = 0
    totals: dict[str, dict[str, tuple[float, float]]] = {}
    for name in names:
        chosen = write_class(root, name)
        print(f"\n== {name} ==  (class: " + ", ".join(f"{s}={c}" for s, c in chosen.items()) + ")")
        code, graded = grade_all(name, config, course_root=root, jobs=default_jobs(),
                                 quiet=not sys.stderr.isatty())
        status |= code
        for entry in graded:
            recorded = entry.recorded
            score = recorded.score if recorded is not None else entry.report.score
            totals.setdefault(entry.student, {})[name] = (score, entry.report.max_score)
    print("\n== course totals ==")
    print(course_table(names, totals))
    print("\nThe gradebook now holds the class: try `.venv/bin/nbgrader export` (writes grades.csv) "
          "or open formgrader.")
    return status


if __name__ == "__main__":
    sys.exit(main())
