"""Shared fixtures of the project's own tests."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from autograder.config import GradingConfig, Limits

ROOT = Path(__file__).resolve().parent.parent
CORE_ASSIGNMENTS = ("gradient_descent", "softmax_cross_entropy", "two_layer_network")


def released_assignments() -> list[str]:
    """Assignments with a source notebook, a suite and a reference."""
    return sorted(p.name for p in (ROOT / "source_notebooks").iterdir()
                  if (p / f"{p.name}.ipynb").exists() and (ROOT / "tests" / "hidden" / p.name).is_dir()
                  and (ROOT / "solutions" / f"{p.name}.py").exists())


@pytest.fixture
def config() -> GradingConfig:
    """Short limits so that tests of hanging code stay quick."""
    return GradingConfig(limits=replace(Limits(), call_seconds=5.0, submission_seconds=90.0))


def code_notebook(*sources: str, metadata: dict | None = None) -> dict:
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": metadata or {"kernelspec": {"name": "python3", "language": "python",
                                                    "display_name": "Python 3"}},
            "cells": [{"cell_type": "code", "id": f"cell-{i}", "metadata": {}, "source": source,
                       "outputs": [], "execution_count": None} for i, source in enumerate(sources)]}


def write_notebook(folder: Path, notebook: dict, name: str = "submission.ipynb") -> Path:
    path = folder / name
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def collected_class(root: Path, assignment: str) -> None:
    """A course folder with `assignment` released and three collected submissions:
    perfect, stub (the released notebook) and wrong (the catalogue's first mistake)."""
    import subprocess
    import sys

    from autograder.config import tool_environment
    from autograder.scenarios import Scenario, build_submission, load_scenarios

    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "source_notebooks" / assignment, root / "source_notebooks" / assignment)
    generated = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", assignment,
                                "--force"], cwd=root, capture_output=True, text=True, env=tool_environment())
    assert generated.returncode == 0, generated.stderr
    wrong = next(s for s in load_scenarios(assignment) if not s.full_marks)
    class_ = {"perfect": Scenario("perfect", ""), "stub": Scenario("stub", "", base="release"), "wrong": wrong}
    for student, scenario in class_.items():
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        (folder / f"{assignment}.ipynb").write_text(json.dumps(build_submission(assignment, scenario)))
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
