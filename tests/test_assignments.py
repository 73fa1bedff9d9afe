"""Each assignment end to end: the instructor's notebook, the released notebook, a hanging cell,
points that agree between notebook and suite, and released notebooks in sync with the sources."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from autograder.notebook import load_notebook
from autograder.release import generate
from autograder.report import GRADER_ERROR
from autograder.suite.run import suite_points
from autograder.sinks.feedback_html import render
from autograder.sinks.results_json import to_gradescope

from conftest import HANG_LIMITS, ROOT, released_assignments

ASSIGNMENTS = released_assignments()


def source_path(assignment: str) -> Path:
    return ROOT / "source_notebooks" / assignment / f"{assignment}.ipynb"


def release_path(assignment: str) -> Path:
    return ROOT / "assignments" / assignment / f"{assignment}.ipynb"


def base_reports(grade_batch, assignment: str) -> dict:
    """The Reports of the instructor's notebook ("source") and of the released stub ("release")."""
    notebooks = {base: json.loads(path(assignment).read_text()) for base, path in
                 (("source", source_path), ("release", release_path))}
    return grade_batch(assignment, notebooks)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_instructor_notebook_gets_full_marks(assignment, grade_batch):
    report = base_reports(grade_batch, assignment)["source"]
    assert not report.grader_fault, report.grader_fault
    lost = [(r.name, r.message) for r in report.results if r.score < r.max_score]
    assert report.score == report.max_score, lost
    assert report.max_score >= 20


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebook_scores_zero_and_says_not_implemented(assignment, grade_batch):
    report = base_reports(grade_batch, assignment)["release"]
    assert not report.grader_fault, report.grader_fault
    assert report.score == 0 and report.max_score >= 20
    assert all(r.status != GRADER_ERROR for r in report.results)
    not_implemented = [r for r in report.results if "not implemented yet" in r.message]
    assert len(not_implemented) >= len(report.results) // 2, [r.message for r in report.results]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_an_infinite_loop_in_a_cell_is_graded_within_the_time_limit(assignment, grade_batch):
    notebook = json.loads(source_path(assignment).read_text())
    loop = {"cell_type": "code", "id": "student-loop", "metadata": {}, "outputs": [], "execution_count": None,
            "source": "while True:\n    pass\n"}
    notebook["cells"].insert(2, loop)
    report = grade_batch(assignment, {"loop": notebook}, hangs=True)["loop"]
    assert any(f"did not finish within {HANG_LIMITS.call_seconds:g} s" in note for note in report.notes)
    assert report.score == report.max_score  # the rest of the notebook still counts


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grade_cell_points_equal_the_suite_points(assignment):
    notebook = load_notebook(source_path(assignment), 50 << 20)
    cell_points = {cell.grade_id: float(cell.nbgrader["points"]) for cell in notebook.cells if cell.is_test_cell}
    assert cell_points == suite_points(assignment)


def _comparable(path: Path) -> list:
    cells = json.loads(path.read_text())["cells"]
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
             c.get("metadata", {}).get("nbgrader")) for c in cells]


def _released_files(folder: Path) -> dict[str, object]:
    """Every file of a release folder (notebooks as their cells, other files as bytes)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not set(relative.parts) & {"__pycache__", ".ipynb_checkpoints", ".OTTER_LOG"}:
            files[relative.as_posix()] = _comparable(path) if path.suffix == ".ipynb" else path.read_bytes()
    return files


@pytest.fixture(scope="module")
def fresh_releases(tmp_path_factory) -> dict[str, Path]:
    """Every assignment generated afresh by nbgrader, one after the other in one course folder (as
    `make assignments` does: one gradebook, whose migrations run once)."""
    root = tmp_path_factory.mktemp("releases")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    releases = {}
    for assignment in ASSIGNMENTS:
        shutil.copytree(ROOT / "source_notebooks" / assignment, root / "source_notebooks" / assignment,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", ".OTTER_LOG"))
        releases[assignment] = generate(root, assignment, log_level="ERROR")
    return releases


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_folder_is_in_sync_with_its_source(assignment, fresh_releases):
    """The committed release (notebook, public test files, compare copy) equals a fresh generation."""
    generated = _released_files(fresh_releases[assignment])
    committed = _released_files(ROOT / "assignments" / assignment)
    assert sorted(generated) == sorted(committed), f"assignments/{assignment} is stale: run `make assignments` and commit"
    stale = [name for name in generated if generated[name] != committed[name]]
    assert not stale, f"assignments/{assignment}: {stale} differ from a fresh generation: run `make assignments` and commit"


def hidden_code_lines(assignment: str) -> set[str]:
    """Lines of hidden test code (docstrings excluded: their first line is shown on purpose)."""
    lines = set()
    for path in (ROOT / "tests" / "hidden" / assignment).glob("*.py"):
        source = path.read_text()
        docstring_lines = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.Module, ast.ClassDef)) and ast.get_docstring(node):
                first = node.body[0]
                docstring_lines.update(range(first.lineno, first.end_lineno + 1))
        for number, line in enumerate(source.splitlines(), start=1):
            text = line.strip()
            if number not in docstring_lines and len(text) >= 20 and not text.startswith("#"):
                lines.add(text)
    return lines


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_and_results_contain_no_hidden_test_code(assignment, grade_batch):
    report = base_reports(grade_batch, assignment)["release"]
    published = render(report) + json.dumps(to_gradescope(report))
    leaked = [line for line in hidden_code_lines(assignment) if line in published]
    assert not leaked, leaked[:5]
