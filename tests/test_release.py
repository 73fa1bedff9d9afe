"""autograder/release.py: a release is nbgrader's student notebook, the public test files and the
copies of compare.py and public_checks.py; a failed generation leaves the previous release in place."""

from __future__ import annotations

import json
import shutil

import pytest

from autograder.release import CHECKS_COPY, COMPARE_COPY, ReleaseError, checks_copy_text, compare_copy_text, generate

from conftest import ROOT

ASSIGNMENT = "two_layer_network"


def course(tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    source = tmp_path / "source_notebooks" / ASSIGNMENT
    shutil.copytree(ROOT / "source_notebooks" / ASSIGNMENT, source,
                    ignore=shutil.ignore_patterns("__pycache__", COMPARE_COPY, CHECKS_COPY))
    (source / ".OTTER_LOG").write_text("left behind by a check run in the source folder\n")
    return source


def test_a_release_holds_the_notebook_the_public_tests_and_the_copies_and_nothing_left_behind(tmp_path):
    source = course(tmp_path)
    release = generate(tmp_path, ASSIGNMENT, log_level="ERROR")
    assert release == tmp_path / "assignments" / ASSIGNMENT
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    tests = {f"tests/{p.name}" for p in (source / "tests").glob("*.py")}
    assert files == {f"{ASSIGNMENT}.ipynb", COMPARE_COPY, CHECKS_COPY} | tests
    assert (release / COMPARE_COPY).read_text() == compare_copy_text() == (source / COMPARE_COPY).read_text()
    assert (release / CHECKS_COPY).read_text() == checks_copy_text() == (source / CHECKS_COPY).read_text()
    assert checks_copy_text().startswith("# generated from autograder/public_checks.py by autograder/release.py; do not edit")
    cells = json.loads((release / f"{ASSIGNMENT}.ipynb").read_text())["cells"]
    assert not any("### BEGIN SOLUTION" in "".join(c["source"]) for c in cells)


def test_when_nbgrader_fails_the_previous_release_stays_and_the_error_says_why(tmp_path):
    source = course(tmp_path)
    release = generate(tmp_path, ASSIGNMENT, log_level="ERROR")
    before = {p.relative_to(release): p.read_bytes() for p in release.rglob("*") if p.is_file()}
    path = source / f"{ASSIGNMENT}.ipynb"
    notebook = json.loads(path.read_text())
    graded = [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    graded[1]["metadata"]["nbgrader"]["grade_id"] = graded[0]["metadata"]["nbgrader"]["grade_id"]  # a duplicate
    path.write_text(json.dumps(notebook))
    with pytest.raises(ReleaseError, match=f"generate_assignment {ASSIGNMENT} failed.*left as it was"):
        generate(tmp_path, ASSIGNMENT, log_level="ERROR")
    assert {p.relative_to(release): p.read_bytes() for p in release.rglob("*") if p.is_file()} == before
