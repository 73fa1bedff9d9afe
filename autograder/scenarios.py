"""Sample submissions derived from an assignment's notebooks, for the project's tests and the demo.

A scenario names a realistic submission: the instructor's source notebook (every solution in place)
or the released notebook (stubs), with some solution cells replaced by a student's version. The
catalogues live in `tests/scenarios/<assignment>.py` as a list `SCENARIOS` of `Scenario`.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = PROJECT_ROOT / "tests" / "scenarios"


@dataclass(frozen=True)
class Scenario:
    """One sample submission and what grading it must show."""

    name: str
    summary: str
    # grade_id of a solution cell -> the student's source for that cell
    cells: dict[str, str] = field(default_factory=dict)
    # True for a correct alternative implementation: it must get full marks
    full_marks: bool = False
    # problems (grade cell ids) that must lose points
    loses: tuple[str, ...] = ()
    # regular expression the output of a failed test must match: it names the mistake
    message: str = ""
    # the ids of the named mistakes (compare.Mistake.id) this submission makes: its grading must name
    # each of them and no other (a message that blames a mistake the student did not make misleads);
    # () for a submission that makes no named mistake; None: not declared yet
    mistakes: tuple[str, ...] | None = None
    # "source" starts from the instructor's notebook, "release" from the student's stubs, "solved"
    # from the released notebook with the instructor's solution cells put in (what a student who
    # solved everything hands in: nbgrader's metadata and checksums as released)
    base: str = "source"


def notebook_path(assignment: str, base: str, root: Path = PROJECT_ROOT) -> Path:
    folder = {"source": "source_notebooks", "release": "assignments"}[base]
    return root / folder / assignment / f"{assignment}.ipynb"


def solved_release(assignment: str, root: Path = PROJECT_ROOT) -> dict:
    """The released notebook with the source's solution cells put in."""
    def load(base):
        return json.loads(notebook_path(assignment, base, root).read_text(encoding="utf-8"))

    solutions = {cell["metadata"]["nbgrader"]["grade_id"]: cell["source"] for cell in load("source")["cells"]
                 if cell.get("metadata", {}).get("nbgrader", {}).get("solution")}
    notebook = load("release")
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id") in solutions:
            cell["source"] = solutions[meta["grade_id"]]
    return notebook


def build_submission(assignment: str, scenario: Scenario, root: Path = PROJECT_ROOT) -> dict:
    """Return the scenario's notebook as a JSON dict (nbformat 4)."""
    if scenario.base == "solved":
        notebook = solved_release(assignment, root)
    else:
        notebook = json.loads(notebook_path(assignment, scenario.base, root).read_text(encoding="utf-8"))
    notebook = copy.deepcopy(notebook)
    unused = set(scenario.cells)
    for cell in notebook["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in scenario.cells:
            cell["source"] = scenario.cells[grade_id]
            unused.discard(grade_id)
    if unused:
        raise KeyError(f"scenario {scenario.name!r}: no cell with grade_id {sorted(unused)} "
                       f"in {assignment}")
    return notebook


def load_scenarios(assignment: str, catalogue_dir: Path = CATALOGUE_DIR) -> list[Scenario]:
    """Read `SCENARIOS` from `tests/scenarios/<assignment>.py` (a data module)."""
    path = catalogue_dir / f"{assignment}.py"
    spec = importlib.util.spec_from_file_location(f"_scenarios_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.SCENARIOS)
