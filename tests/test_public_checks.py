"""Students' public checks (otter-grader): the test files released beside each notebook, run by the
notebook's `grader.check("<problem>")` cells (otter's Notebook wrapped by public_checks.py), by
`grader.check_all()`, by `otter check` and by nbgrader's Validate."""

from __future__ import annotations

import ast
import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.config import tool_environment
from autograder.release import (CHECKS_COPY, CHECKS_HEADER, CHECKS_SOURCE, COMPARE_COPY, COMPARE_HEADER,
                                COMPARE_SOURCE, checks_copy_text, compare_copy_text)

from conftest import ROOT, released_assignments
from test_assignments import hidden_code_lines

ASSIGNMENTS = released_assignments()
# A kernel that imports otter costs seconds: one assignment runs in a kernel as in Jupyter, one through
# `otter check`, two through `nbgrader validate`; the test files of every assignment run in one plain process.
KERNEL_ASSIGNMENT = "two_layer_network"
OTTER_CHECK_ASSIGNMENT = "gradient_descent"
VALIDATE_ASSIGNMENTS = ("gradient_descent", "two_layer_network")
QUIZ = "concept_quiz"  # its one answer cell serves all ten questions
# Problems whose task says to build on another problem's functions (so P's own solution calls them):
# a notebook with only P solved has these solved too. The public test files themselves never call them.
PREREQUISITES = {
    ("linear_algebra", "transpose"): {"matmul_shapes"},         # "with your transpose and matmul"
    ("probability_information", "entropy_plot"): {"coin_entropy"},  # "Draw H(p) in bits (your coin_entropy)"
    ("two_layer_network", "forward"): {"activations"},          # "Use your relu and sigmoid"
    ("two_layer_network", "shapes"): {"forward", "activations"},  # "Running your forward is the easiest way"
}
REMINDER = "the hidden tests decide your grade"
ALLOWED_IMPORTS = {"otter.test_files", "numpy", "matplotlib.pyplot", "public_compare"}


def folder(base: str, assignment: str) -> Path:
    return ROOT / {"source": "source_notebooks", "release": "assignments"}[base] / assignment


def notebook(base: str, assignment: str) -> dict:
    return json.loads((folder(base, assignment) / f"{assignment}.ipynb").read_text())


def nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_cells(nb: dict) -> dict[str, dict]:
    return {nbgrader_meta(c)["grade_id"]: c for c in nb["cells"]
            if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")}


def source_text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def public_test_files(base: str, assignment: str) -> list[Path]:
    return sorted((folder(base, assignment) / "tests").glob("*.py"))


def solved_release(assignment: str) -> dict:
    """The released notebook with the instructor's solution cells put in (what a perfect student hands in)."""
    solutions = {nbgrader_meta(c)["grade_id"]: c["source"] for c in notebook("source", assignment)["cells"]
                 if nbgrader_meta(c).get("solution")}
    nb = notebook("release", assignment)
    for cell in nb["cells"]:
        if nbgrader_meta(cell).get("solution"):
            cell["source"] = solutions[nbgrader_meta(cell)["grade_id"]]
    return nb


def solution_owners(assignment: str) -> dict[str, str]:
    """The problem each solution cell belongs to: the grade cell that follows it."""
    owners, pending = {}, []
    for cell in notebook("source", assignment)["cells"]:
        meta = nbgrader_meta(cell)
        if meta.get("solution"):
            pending.append(meta["grade_id"])
        elif meta.get("grade"):
            owners.update(dict.fromkeys(pending, meta["grade_id"]))
            pending = []
    return owners


def one_quiz_answer(source: str, problem: str) -> str:
    """The quiz's answer cell with only the solution line of question `problem` ("q3": `ANSWERS[3] = ...`)."""
    keep, inside = [], False
    for line in source.splitlines(keepends=True):
        inside = (inside or "### BEGIN SOLUTION" in line) and "### END SOLUTION" not in line
        if not inside or line.startswith(f"ANSWERS[{problem.removeprefix('q')}] "):
            keep.append(line)
    return "".join(keep)


def only_problem_solved(assignment: str, problem: str) -> dict:
    """The released notebook with the solution cells of `problem` (and of its PREREQUISITES) put in and
    every other problem left as the stub."""
    sources = {nbgrader_meta(c)["grade_id"]: source_text(c) for c in notebook("source", assignment)["cells"]
               if nbgrader_meta(c).get("solution")}
    owners = solution_owners(assignment)
    wanted = {problem} | PREREQUISITES.get((assignment, problem), set())
    nb = notebook("release", assignment)
    for cell in nb["cells"]:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and assignment == QUIZ:
            cell["source"] = one_quiz_answer(sources[meta["grade_id"]], problem)
        elif meta.get("solution") and owners[meta["grade_id"]] in wanted:
            cell["source"] = sources[meta["grade_id"]]
    return nb


def student_folder(tmp: Path, assignment: str, nb: dict) -> Path:
    """A copy of the released folder (notebook, tests/, the two copies) holding `nb` as the notebook."""
    target = tmp / assignment
    shutil.copytree(folder("release", assignment), target, ignore=shutil.ignore_patterns("__pycache__", ".OTTER_LOG"))
    (target / f"{assignment}.ipynb").write_text(json.dumps(nb))
    return target


# ----------------------------------------------------------------------------- the files
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_problem_has_a_public_test_file_worth_its_points(assignment):
    """tests/<problem>.py per grade cell, otter's exception format, public cases, the cell's points."""
    from otter.test_files import ExceptionTestFile

    cells = grade_cells(notebook("source", assignment))
    files = public_test_files("source", assignment)
    assert {path.stem for path in files} == set(cells)
    sys.path.insert(0, str(folder("release", assignment)))  # where the test files import public_compare from
    try:
        for path in files:
            parsed = ExceptionTestFile.from_file(str(path))
            assert parsed.name == path.stem
            assert parsed.possible == cells[path.stem]["metadata"]["nbgrader"]["points"], path
            assert parsed.test_cases and not [case for case in parsed.test_cases if case.hidden], path
            for case in parsed.test_cases:
                assert case.failure_message and case.failure_message.rstrip(")").endswith(REMINDER), (path, case.name)
    finally:
        sys.path.remove(str(folder("release", assignment)))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_public_test_files_hold_no_hidden_test_code_and_import_only_otter_numpy_and_the_compare_copy(assignment):
    hidden = hidden_code_lines(assignment)
    for base in ("source", "release"):
        for path in public_test_files(base, assignment):
            text = path.read_text()
            leaked = [line.strip() for line in text.splitlines() if line.strip() in hidden]
            assert not leaked, (path, leaked[:3])
            imported = set()
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.Import):
                    imported |= {alias.name for alias in node.names}
                elif isinstance(node, ast.ImportFrom):
                    imported.add(node.module)
            assert imported <= ALLOWED_IMPORTS, (path, imported - ALLOWED_IMPORTS)
            assert "hidden" not in text.replace("hidden=False", "").replace("the hidden tests", ""), path
            assert "OK_FORMAT = False" in text


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_copies_equal_autograder_compare_and_public_checks(assignment):
    """public_compare.py and public_checks.py beside the source and the released notebook: a header, then
    autograder/suite/compare.py and autograder/public_checks.py unchanged."""
    assert compare_copy_text() == COMPARE_HEADER + COMPARE_SOURCE.read_text()
    assert checks_copy_text() == CHECKS_HEADER + CHECKS_SOURCE.read_text()
    for name, expected in ((COMPARE_COPY, compare_copy_text()), (CHECKS_COPY, checks_copy_text())):
        for base in ("source", "release"):
            copy = folder(base, assignment) / name
            assert copy.read_text() == expected, f"{copy} drifted from autograder/: run `make assignments`"
            assert not (folder(base, assignment) / "tests" / name).exists()  # otter would take it for a test


def test_the_compare_copy_works_on_its_own(tmp_path):
    """Imported as a top-level module (no package), the copy falls back from its relative imports and
    its helpers pass and fail as in the hidden suites."""
    shutil.copy(folder("release", ASSIGNMENTS[0]) / COMPARE_COPY, tmp_path)
    script = ("import public_compare as c\n"
              "c.expect_close(0.1 + 0.2, 0.3, what='x')\n"
              "try:\n    c.expect_close([1.0, 2.0], [1.0, 2.5], what='v')\n"
              "except c.CheckFailed as e:\n    print(e)\n")
    finished = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert "v: expected array(shape=(2,)" in finished.stdout and "largest error 0.5" in finished.stdout


# ----------------------------------------------------------------------------- the notebooks
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebooks_set_up_otter_check_each_problem_and_check_all_at_the_end(assignment):
    for base in ("source", "release"):
        cells = notebook(base, assignment)["cells"]
        ids = [nbgrader_meta(c).get("grade_id") for c in cells]
        setup, final = cells[ids.index("otter_setup")], cells[-1]
        code_before = [c for c in cells[:ids.index("otter_setup")] if c["cell_type"] == "code"]
        assert len(code_before) == 1  # right after the imports, before any problem
        assert "import otter\nfrom public_checks import PublicChecks\n" in source_text(setup)
        assert source_text(setup).endswith('grader = PublicChecks(otter.Notebook(tests_dir="tests"))')
        assert nbgrader_meta(final)["grade_id"] == "otter_check_all"
        assert source_text(final).strip().endswith("grader.check_all()")
        for cell in (setup, final):
            meta = nbgrader_meta(cell)
            assert meta["locked"] and not meta["grade"] and not meta["solution"]
        for grade_id, cell in grade_cells({"cells": cells}).items():
            text = source_text(cell)
            assert text.strip().endswith(f'grader.check("{grade_id}")'), text
            assert "hidden tests" in text and nbgrader_meta(cell)["locked"]


def execute_all(notebooks: dict[str, Path]) -> dict[str, dict]:
    """Run notebooks concurrently in this venv's python3 kernel, each in its folder; keep going on errors."""
    async def run(path: Path):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                                resources={"metadata": {"path": str(path.parent)}})
        await client.async_execute()
        return nb

    async def run_all():
        return await asyncio.gather(*(run(path) for path in notebooks.values()))

    return dict(zip(notebooks, asyncio.run(run_all())))


def outputs_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "error":
            parts.append(f"ERROR {output['ename']}: {output['evalue']}")
        parts.append(output.get("data", {}).get("text/plain", "") + output.get("text", ""))
    return "\n".join(parts)


RUN_TEST_FILES = r"""
import contextlib, io, json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from otter.test_files import ExceptionTestFile

results = {}
for assignment, kind, notebook_path, folder, only in json.loads(sys.argv[1]):
    cells = json.load(open(notebook_path))["cells"]
    env = {"__name__": "__main__"}
    for cell in cells:
        meta = cell["metadata"].get("nbgrader", {})
        if cell["cell_type"] != "code" or meta.get("grade") or meta.get("grade_id", "").startswith("otter_"):
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec("".join(cell["source"]), env)
        except Exception:
            pass  # a stub raising NotImplementedError at the top level, as in Jupyter
    sys.path.insert(0, folder)
    for problem in only or sorted(meta["grade_id"] for cell in cells
                                  if (meta := cell["metadata"].get("nbgrader", {})).get("grade") and not meta.get("solution")):
        test_file = ExceptionTestFile.from_file(f"{folder}/tests/{problem}.py")
        test_file.run(dict(env))
        results.setdefault(assignment, {}).setdefault(kind, {})[problem] = [
            test_file.score, test_file.possible, test_file.passed_all, test_file.summary()]
    sys.path.remove(folder)
    plt.close("all")
print(json.dumps(results))
"""


def run_test_files(jobs: list[tuple]) -> dict:
    """RUN_TEST_FILES in one plain process: {assignment: {kind: {problem: [score, possible, passed, summary]}}}."""
    finished = subprocess.run([sys.executable, "-c", RUN_TEST_FILES, json.dumps(jobs)], capture_output=True, text=True,
                              timeout=600, cwd=ROOT)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout)


def test_every_assignments_public_checks_pass_on_its_solutions_and_fail_on_its_stubs():
    """The test files of every problem, run by otter's own runner against each notebook's globals (what
    grader.check does): full points with the solutions, none on the stubs, each failure with the reminder."""
    results = run_test_files([(a, kind, str(folder(base, a) / f"{a}.ipynb"), str(folder("release", a)), None)
                              for a in ASSIGNMENTS for kind, base in (("solved", "source"), ("stub", "release"))])
    for assignment in ASSIGNMENTS:
        problems = set(grade_cells(notebook("release", assignment)))
        solved, stub = results[assignment]["solved"], results[assignment]["stub"]
        assert set(solved) == set(stub) == problems
        failing = {p: summary for p, (score, possible, passed, summary) in solved.items() if not passed or score != possible}
        assert not failing, (assignment, failing)
        scoring = {p: summary for p, (score, possible, passed, summary) in stub.items() if score or passed}
        assert not scoring, (assignment, scoring)
        silent = {p: summary for p, (*_, summary) in stub.items() if REMINDER not in summary}
        assert not silent, (assignment, silent)


def test_each_problems_public_check_passes_with_only_that_problem_solved(tmp_path):
    """A notebook where only problem P is solved (and the PREREQUISITES its task builds on) and every other
    problem is the stub: P's check gives full points. So no check calls another problem's function or
    reads another problem's result."""
    jobs = []
    for assignment in ASSIGNMENTS:
        for problem in grade_cells(notebook("release", assignment)):
            path = tmp_path / f"{assignment}-{problem}.ipynb"
            path.write_text(json.dumps(only_problem_solved(assignment, problem)))
            jobs.append((assignment, f"only {problem}", str(path), str(folder("release", assignment)), [problem]))
    results = run_test_files(jobs)
    failing = {(assignment, kind): summary for assignment, kinds in results.items() for kind, checks in kinds.items()
               for (score, possible, passed, summary) in checks.values() if not passed or score != possible}
    assert not failing, failing
    assert sum(len(kinds) for kinds in results.values()) == len(jobs)


def test_a_quiz_notebook_with_one_answer_holds_that_answer_only():
    """The quiz's one-question notebooks above answer that question and leave the nine others at None."""
    for problem in grade_cells(notebook("release", QUIZ)):
        cell = next(c for c in only_problem_solved(QUIZ, problem)["cells"] if nbgrader_meta(c).get("solution"))
        env = {}
        exec(source_text(cell), env)
        number = int(problem.removeprefix("q"))
        assert [question for question, answer in env["ANSWERS"].items() if answer is not None] == [number]


def outputs_of(cell, output_type: str, name: str | None = None) -> list:
    return [o for o in cell.get("outputs", []) if o["output_type"] == output_type and name in (None, o.get("name"))]


def test_grader_check_cells_in_jupyter_pass_on_a_solved_notebook_and_fail_with_the_reminder_on_the_stubs(tmp_path):
    """The released notebook executed in a kernel in its folder, as Jupyter runs it: with the solutions
    every grader.check cell and check_all report success and nothing comes on stderr; on the stubs every
    check shows otter's failures with the reminder and says on stderr which check failed, without raising.
    A check cell never has a value (an execute_result), which nbgrader would read as a partial credit."""
    assignment = KERNEL_ASSIGNMENT
    problems = set(grade_cells(notebook("release", assignment)))
    paths = {kind: student_folder(tmp_path / kind, assignment, nb) / f"{assignment}.ipynb"
             for kind, nb in (("solved", solved_release(assignment)), ("stub", notebook("release", assignment)))}
    executed = execute_all(paths)
    for kind, nb in executed.items():
        cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
                 if c.metadata.get("nbgrader", {}).get("grade_id") in problems}
        assert set(cells) == problems
        checks = {problem: outputs_text(cell) for problem, cell in cells.items()}
        stderr = {problem: "".join(o["text"] for o in outputs_of(cell, "stream", "stderr")) for problem, cell in cells.items()}
        assert not [problem for problem, cell in cells.items() if outputs_of(cell, "execute_result")]
        assert not [problem for problem, cell in cells.items() if outputs_of(cell, "error")]  # never raises
        check_all = outputs_text(nb.cells[-1])
        if kind == "solved":
            errors = [(c.metadata.get("nbgrader", {}).get("grade_id"), outputs_text(c)) for c in nb.cells
                      if any(o["output_type"] == "error" for o in c.get("outputs", []))]
            assert not errors, errors
            failed = {problem: text for problem, text in checks.items() if "All test cases passed!" not in text}
            assert not failed, failed
            assert not any(stderr.values()), stderr
            assert check_all.count("All test cases passed!") == len(problems), check_all
        else:
            for problem, text in checks.items():
                assert f"{problem} results:" in text and "Test case failed" in text, (problem, text)
                assert REMINDER in text, (problem, text)
                assert stderr[problem].startswith(f"public check {problem!r} failed: "), stderr[problem]
                assert stderr[problem].count("\n") == 1 and "NotImplementedError" in stderr[problem], stderr[problem]
            assert "All test cases passed!" not in check_all and REMINDER in check_all


def test_otter_check_on_the_command_line_passes_the_solutions_and_fails_the_stubs(tmp_path):
    """`otter check <notebook>` in a copy of the released folder, as a student runs it in theirs."""
    assignment = OTTER_CHECK_ASSIGNMENT
    problems = grade_cells(notebook("release", assignment))
    runs = {}
    for kind, nb in (("solved", solved_release(assignment)), ("stub", notebook("release", assignment))):
        runs[kind] = subprocess.Popen([str(Path(sys.executable).parent / "otter"), "check", f"{assignment}.ipynb"],
                                      cwd=student_folder(tmp_path / kind, assignment, nb), env=tool_environment(),
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = {kind: process.communicate(timeout=300) + (process.returncode,) for kind, process in runs.items()}
    stdout, stderr, status = outputs["solved"]
    assert status == 0 and "All tests passed!" in stdout, stdout + stderr
    stdout, stderr, status = outputs["stub"]
    assert status == 0 and "All tests passed!" not in stdout, stdout + stderr
    assert [problem for problem in problems if f"{problem} results:" not in stdout] == []
    assert stdout.count(REMINDER) >= len(problems), stdout


def test_nbgrader_validate_fails_while_a_public_check_fails_and_names_the_problem(tmp_path):
    """nbgrader's own `nbgrader validate` (the students' Validate button), in a copy of the released folder:
    the untouched stub fails and names every problem; the solved notebook passes, and nbgrader never has to
    read a check's output as a number ("cannot be converted to a float ... treating as full credit")."""
    runs = {}
    for assignment in VALIDATE_ASSIGNMENTS:
        for kind, nb in (("solved", solved_release(assignment)), ("stub", notebook("release", assignment))):
            runs[assignment, kind] = subprocess.Popen(
                [str(Path(sys.executable).parent / "nbgrader"), "validate", f"{assignment}.ipynb"],
                cwd=student_folder(tmp_path / kind, assignment, nb), env=tool_environment(),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = {key: process.communicate(timeout=600) for key, process in runs.items()}
    for (assignment, kind), (stdout, stderr) in outputs.items():
        assert "cannot be converted to a float" not in stdout + stderr, (assignment, kind, stdout + stderr)
        if kind == "solved":
            assert "Success! Your notebook passes all the tests." in stdout, (assignment, stdout + stderr)
            assert "VALIDATION FAILED" not in stdout
        else:
            problems = grade_cells(notebook("release", assignment))
            assert f"VALIDATION FAILED ON {len(problems)} CELL(S)!" in stdout and "Success!" not in stdout, stdout
            unnamed = [problem for problem in problems
                       if f'grader.check("{problem}")' not in stdout or f"public check {problem!r} failed" not in stdout]
            assert not unnamed, (assignment, unnamed, stdout)


CHECKS_SCRIPT = """
import warnings
import otter
from public_checks import PublicChecks

grader = PublicChecks(otter.Notebook(tests_dir="tests"))

def double(x):
    warnings.warn("a warning of the student's code", RuntimeWarning)
    return 2 * x

print("passed:", grader.check("doubles"))

def double(x):
    return x + 1

print("failed:", grader.check("doubles"))
print("missing:", grader.check("no_such_problem"))
results = grader.check_all()  # otter's own, through the wrapper
print("check_all:", results.total, "of", results.possible)
"""
DOUBLES_TEST = """
OK_FORMAT = False

from otter.test_files import test_case

name = "doubles"
points = 2


@test_case(points=2, failure_message="double(3) must be 6")
def three(double):
    assert double(3) == 6, f"double(3) is {double(3)}"
"""


def test_public_checks_shows_otters_result_returns_none_and_says_on_stderr_which_check_failed(tmp_path):
    """public_checks.py with otter's real Notebook in a plain Python process: a passing check writes nothing
    on stderr (a warning of the checked code goes to stdout), a failing one writes one line naming the
    problem, the case's message and the points, a check that cannot run says why; none raises, all return
    None; otter's check_all still works through the wrapper."""
    shutil.copy(folder("release", ASSIGNMENTS[0]) / CHECKS_COPY, tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "doubles.py").write_text(DOUBLES_TEST)
    finished = subprocess.run([sys.executable, "-c", CHECKS_SCRIPT], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)
    assert finished.returncode == 0, finished.stderr
    lines = finished.stdout.splitlines()
    assert "doubles results: All test cases passed!" in lines and "passed: None" in lines
    assert "warning during the check (it does not fail it): RuntimeWarning: a warning of the student's code" in lines
    assert "check_all: 0 of 2" in lines
    assert "failed: None" in lines and "missing: None" in lines
    assert finished.stderr.splitlines() == [
        "public check 'doubles' failed: AssertionError: double(3) is 4 -- double(3) must be 6 [0/2 points]",
        "public check 'no_such_problem' failed: the check could not run: FileNotFoundError: Test no_such_problem "
        "does not exist"]
