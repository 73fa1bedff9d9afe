"""The GitHub Classroom template (classroom/): a workflow for student repositories that runs the
public checks and reports the points, without any hidden test."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from autograder.config import tool_environment

from conftest import ROOT

TEMPLATE = ROOT / "classroom"
WORKFLOW = TEMPLATE / ".github" / "workflows" / "classroom.yml"
ASSIGNMENT = "two_layer_network"
PRIVATE_PATHS = ("tests/hidden", "hidden/", "solutions/", "source_notebooks", "gradebook.db")


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def public_checks_step() -> dict:
    steps = workflow()["jobs"]["run-autograding-tests"]["steps"]
    return next(step for step in steps if step.get("id") == "public-checks")


def test_the_workflow_has_the_names_github_classroom_reads_and_runs_on_every_push():
    data = workflow()
    assert data["name"] == "Autograding Tests"
    assert list(data["jobs"]) == ["run-autograding-tests"]
    assert "push" in data["on"]
    steps = data["jobs"]["run-autograding-tests"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert public_checks_step()["run"].strip() == "python .github/scripts/public_checks.py"
    # only GitHub's own actions; nothing of the course's grader runs in a student's repository
    assert all(step["uses"].startswith("actions/") for step in steps if "uses" in step)
    assert not [step for step in steps if "autograder" in step.get("run", "")]


def test_the_template_holds_no_hidden_test_nor_solution():
    files = [p for p in TEMPLATE.rglob("*") if p.is_file() and p.name != "README.md"]
    assert {p.relative_to(TEMPLATE).as_posix() for p in files} >= {
        ".github/workflows/classroom.yml", ".github/scripts/public_checks.py", ".github/requirements.txt"}
    for path in files:
        text = path.read_text()
        assert not [fragment for fragment in PRIVATE_PATHS if fragment in text], path
    script = (TEMPLATE / ".github" / "scripts" / "public_checks.py").read_text()
    assert '"nbconvert", "--to", "notebook", "--execute", "--allow-errors"' in script
    hidden_tests = {p.stem for p in (ROOT / "tests" / "hidden").rglob("test_*.py")}
    assert not [name for name in hidden_tests if name in script]


def normalized(pin: str) -> str:
    name, version = pin.split("==", 1)
    return f"{name.lower().replace('_', '-')}=={version}"


def test_the_student_requirements_are_pinned_as_in_the_lock():
    # requirements-test.lock: the runtime lock plus otter-grader and ipykernel (the students' environment);
    # one `name==version \` line per package, its hashes on the lines below
    lock = {}
    for line in (ROOT / "requirements-test.lock").read_text().splitlines():
        if match := re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", line):
            lock[match[1].lower().replace("_", "-")] = normalized(match[0])
    pins = [line.strip() for line in (TEMPLATE / ".github" / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert pins and all(lock[normalized(pin).split("==")[0]] == normalized(pin) for pin in pins)
    assert {"numpy", "matplotlib", "nbconvert", "ipykernel"} <= {pin.split("==")[0].lower() for pin in pins}


def student_repository(folder: Path, notebooks: dict[str, dict]) -> Path:
    """A template repository as classroom/README.md sets it up: the released folder (notebook, public
    test files, compare copy) and .github, with `notebooks` written in."""
    shutil.copytree(ROOT / "assignments" / ASSIGNMENT, folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".OTTER_LOG"))
    shutil.copytree(TEMPLATE / ".github", folder / ".github")
    for name, notebook in notebooks.items():
        (folder / name).write_text(json.dumps(notebook))
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    return folder


def run_public_checks(folder: Path) -> tuple[subprocess.CompletedProcess, dict, str]:
    """The workflow's public-checks step, as GitHub Actions runs it (bash, the repository as cwd)."""
    outputs, summary = folder / "github_output", folder / "step_summary.md"
    env = tool_environment() | {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(outputs),
                                "GITHUB_STEP_SUMMARY": str(summary)}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env["PATH"]  # python and jupyter of this venv
    finished = subprocess.run(["bash", "-e", "-c", public_checks_step()["run"]], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=600)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines()) if outputs.exists() else {}
    return finished, values, summary.read_text() if summary.exists() else ""


def load(base: str) -> dict:
    folder = {"source": "source_notebooks", "release": "assignments"}[base]
    return json.loads((ROOT / folder / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())


def released_points() -> float:
    return sum(cell["metadata"]["nbgrader"]["points"] for cell in load("release")["cells"]
               if cell["metadata"].get("nbgrader", {}).get("grade") and not cell["metadata"]["nbgrader"].get("solution"))


def test_a_solved_notebook_passes_every_public_check_with_all_points(tmp_path):
    repository = student_repository(tmp_path, {f"{ASSIGNMENT}.ipynb": load("source")})
    finished, values, summary = run_public_checks(repository)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert not (repository / ".OTTER_LOG").exists() and not (repository / "__pycache__").exists()  # ran in a copy
    total = released_points()
    assert float(values["points"]) == float(values["max-points"]) == total > 0
    assert f"::notice title=Autograding complete::Points {total:g}/{total:g}" in finished.stdout
    assert f"**Points {total:g}/{total:g}**" in summary


def test_the_released_stubs_and_an_edited_check_cell_earn_nothing(tmp_path):
    edited = load("release")
    solved = {c["metadata"].get("nbgrader", {}).get("grade_id"): c["source"] for c in load("source")["cells"]}
    for cell in edited["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution"):
            cell["source"] = solved[meta["grade_id"]]
        elif meta.get("grade_id") == "forward":
            cell["source"] = "pass  # the checks were in the way\n"
    repository = student_repository(tmp_path, {f"{ASSIGNMENT}.ipynb": load("release"), "edited.ipynb": edited})
    finished, values, summary = run_public_checks(repository)
    assert finished.returncode == 1, finished.stdout + finished.stderr
    total = released_points()
    assert float(values["max-points"]) == 2 * total
    assert float(values["points"]) == total - 7  # only the solved copy, less its edited check cell
    lines = finished.stdout.splitlines()
    assert any(line.startswith(f"FAIL  {ASSIGNMENT}: init_params") and "not implemented yet" in line for line in lines)
    assert any(line.startswith("FAIL  edited: forward") and "was edited" in line for line in lines)
    assert any(line.startswith("PASS  edited: bce_loss") for line in lines)
    assert "| edited: forward | 0/7 |" in summary
