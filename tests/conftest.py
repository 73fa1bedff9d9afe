"""Shared fixtures of the project's own tests."""

from __future__ import annotations

import json
import os
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


TEST_LIMITS = replace(Limits(), call_seconds=5.0, submission_seconds=90.0)
# a hanging cell or call costs this much: tests of hanging code use it (normal code never comes near)
HANG_LIMITS = replace(Limits(), call_seconds=2.0, submission_seconds=60.0)


TEST_SECRET = b"the project's tests: a fixed course secret, so that every run draws the same inputs"


@pytest.fixture
def config() -> GradingConfig:
    """Short limits so that tests of hanging code stay quick; a fixed secret for repeatable inputs."""
    return GradingConfig(limits=TEST_LIMITS, secret=TEST_SECRET)


@pytest.fixture(scope="session")
def grade_batch(tmp_path_factory):
    """grade_batch(assignment, {name: notebook}, hangs=False) -> {name: Report}: one suite run for many
    notebooks (as grade-all does), cached for the session. `hangs`: the notebooks hang on purpose, so
    they are graded with HANG_LIMITS."""
    from autograder.suite.run import grade_many

    cache: dict = {}
    folder = tmp_path_factory.mktemp("batches")

    def grade_batch(assignment: str, notebooks: dict, hangs: bool = False) -> dict:
        key = (assignment, hangs, tuple(sorted(notebooks)))
        if key not in cache:
            target = folder / f"{assignment}-{len(cache)}"
            target.mkdir()
            paths = [write_notebook(target, notebook, f"{name}.ipynb") for name, notebook in notebooks.items()]
            config = GradingConfig(limits=HANG_LIMITS if hangs else TEST_LIMITS, secret=TEST_SECRET)
            cache[key] = dict(zip(notebooks, grade_many(paths, assignment, config)))
        return cache[key]

    return grade_batch


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


def generated_course(assignment: str) -> Path:
    """A course folder right after `nbgrader generate_assignment <assignment>` (nbgrader_config.py, the
    source folder, gradebook.db and the release), made once per test run and then only copied:
    nbgrader's start-up and the gradebook's migrations cost a few seconds per course, and dozens of
    tests need a course with nothing but a different class in it. Made under the run's temporary
    folder, which every xdist worker shares (pytest removes it with its old runs), under a lock."""
    import fcntl
    import subprocess
    import sys

    from autograder.config import tool_environment

    folder = _run_folder() / "generated-courses"
    folder.mkdir(exist_ok=True)
    root, ready = folder / assignment, folder / f"{assignment}.ready"
    with open(folder / f"{assignment}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker generates, the others wait and then copy
        if not ready.exists():
            shutil.rmtree(root, ignore_errors=True)  # what a worker that died half way left
            root.mkdir()
            shutil.copy(ROOT / "nbgrader_config.py", root)
            shutil.copytree(ROOT / "source_notebooks" / assignment, root / "source_notebooks" / assignment)
            generated = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment",
                                        assignment, "--force"], cwd=root, capture_output=True, text=True,
                                       env=tool_environment())
            assert generated.returncode == 0, generated.stderr
            ready.touch()
    return root


_RUN_FOLDER: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _run_temporary_folder(tmp_path_factory):
    """The temporary folder of the whole run: the parent of an xdist worker's own one."""
    base = tmp_path_factory.getbasetemp()
    _RUN_FOLDER.append(base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base)


def _run_folder() -> Path:
    if not _RUN_FOLDER:  # called outside a pytest run (a script importing conftest)
        import tempfile

        _RUN_FOLDER.append(Path(tempfile.mkdtemp(prefix="autograder-tests-")))
    return _RUN_FOLDER[0]


def make_course(root: Path, assignment: str, notebooks: dict | None = None,
                timestamp: str = "2026-11-20 10:00:00.000000 UTC") -> Path:
    """A course folder as an instructor has it after collecting: nbgrader_config.py, the source
    folder, the assignment generated into gradebook.db and assignments/ (a copy of generated_course),
    and one submitted/<student>/<assignment>/<assignment>.ipynb (a dict, or raw bytes) per student."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(generated_course(assignment), root, dirs_exist_ok=True)
    for student, notebook in (notebooks or {}).items():
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        path = folder / f"{assignment}.ipynb"
        if isinstance(notebook, bytes):
            path.write_bytes(notebook)
        else:
            path.write_text(json.dumps(notebook), encoding="utf-8")
        if timestamp:
            (folder / "timestamp.txt").write_text(timestamp)
    return root


def collected_class(root: Path, assignment: str) -> None:
    """A course folder with `assignment` released and three collected submissions:
    perfect, stub (the released notebook) and wrong (the catalogue's first mistake)."""
    from autograder.scenarios import Scenario, build_submission, load_scenarios

    wrong = next(s for s in load_scenarios(assignment) if not s.full_marks)
    class_ = {"perfect": Scenario("perfect", ""), "stub": Scenario("stub", "", base="release"), "wrong": wrong}
    make_course(root, assignment, {student: build_submission(assignment, scenario)
                                   for student, scenario in class_.items()})


# ----------------------------------------------------------------------------- parallel runs
# `make test` runs on every core (pytest-xdist, --dist loadscope): a test module's functions run
# whole on one worker, so its module fixtures are built once; the tests that start the hostile
# fixtures (whose leftover processes some of them check for) all live in test_hostile.py. The scenario
# catalogue has one test class per assignment (test_scenarios.py), so the assignments' catalogues,
# the longest part of the run, are spread over the workers. The longest units go first, so that no
# worker is left with a long one at the end. (Not --dist loadgroup: pytest-xdist 3.8 renames a
# grouped test by a node attribute that pytest 9 no longer reads, so its groups are silently ignored.)
LONGEST_FIRST = ("test_scenarios.py", "test_nbgrader_commands.py", "test_hostile.py", "test_cluster.py",
                 "test_assignments.py", "test_regrades.py", "test_public_checks.py", "test_formgrader.py",
                 "test_canvas.py")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    def rank(item):
        name = item.nodeid.split("::")[0].rsplit("/", 1)[-1]
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: each module keeps its own order


# ----------------------------------------------------------------------------- no silent skips in CI
# A test that cannot run its real part (no bubblewrap, no chromium, not root) skips with its reason
# (`make test` prints them: -rs). With REQUIRE_SANDBOX=1 (set by .ci/run) every skip is a failure, so
# CI cannot pass without the sandbox and the browser it is meant to test.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("REQUIRE_SANDBOX") == "1" and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"REQUIRE_SANDBOX=1 forbids skipping this test: {reason}"
