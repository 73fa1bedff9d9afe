"""The Gradescope autograder zip: built by `autograder export-gradescope`, run as Gradescope runs it.

The zip is unpacked into a tree laid out like Gradescope's (`<tmp>/autograder/source`, `submission/`,
`results/`) and its `run_autograder` runs there with AUTOGRADER_GRADESCOPE_ROOT pointing at it and
AUTOGRADER_PYTHON at this venv's interpreter (setup.sh, which installs, is not run here).
"""

from __future__ import annotations

import ast
import json
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.config import tool_environment

from conftest import ROOT

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def built_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run([str(BIN / "autograder"), "export-gradescope", ASSIGNMENT, "--output", str(out)],
                           capture_output=True, text=True, env=tool_environment(), timeout=120)
    assert built.returncode == 0, built.stderr
    path = Path(built.stdout.strip())
    assert path == out / f"{ASSIGNMENT}-gradescope.zip" and path.exists()
    return path


def gradescope_tree(zip_path: Path, folder: Path, submission: dict[str, bytes]) -> Path:
    """<folder>/autograder laid out as Gradescope lays it out, with the given submitted files."""
    root = folder / "autograder"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(root / "source")
        for info in archive.infolist():  # extractall drops the modes; Gradescope keeps them
            mode = info.external_attr >> 16
            if mode & 0o111:
                (root / "source" / info.filename).chmod(mode & 0o777)
    (root / "submission").mkdir()
    (root / "results").mkdir()
    for name, data in submission.items():
        (root / "submission" / name).write_bytes(data)
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")  # as Gradescope does
    return root


def run_autograder(zip_path: Path, folder: Path, submission: dict[str, bytes]) -> dict:
    root = gradescope_tree(zip_path, folder, submission)
    env = tool_environment() | {"AUTOGRADER_GRADESCOPE_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable}
    finished = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True,
                              text=True, timeout=300)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    results = root / "results" / "results.json"
    assert results.exists(), finished.stdout + finished.stderr
    return json.loads(results.read_text())


def assert_gradescope_schema(results: dict) -> None:
    assert isinstance(results["score"], (int, float))
    assert isinstance(results["tests"], list)
    for test in results["tests"]:
        assert {"name", "score", "max_score", "output", "visibility"} <= set(test)
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert 0 <= test["score"] <= test["max_score"]
        assert test["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))


def notebook(base: str) -> bytes:
    folder = {"source": "source_notebooks", "release": "assignments"}[base]
    return (ROOT / folder / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes()


def hidden_code_fragments() -> list[str]:
    """The statements of the hidden tests (their docstrings, shown on purpose, left out)."""
    fragments = []
    for path in sorted((ROOT / "tests" / "hidden" / ASSIGNMENT).glob("*.py")):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                for statement in body:
                    for line in (ast.get_source_segment(source, statement) or "").splitlines():
                        if len(line.strip()) >= 25:
                            fragments.append(line.strip())
    assert len(fragments) > 20
    return fragments


def test_the_zip_holds_the_two_scripts_and_a_course_root_for_one_assignment(built_zip):
    with zipfile.ZipFile(built_zip) as archive:
        names = set(archive.namelist())
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
        lock = archive.read("requirements.lock").decode()
        setup_script = archive.read("setup.sh").decode()
        run_script = archive.read("run_autograder").decode()
    assert modes["setup.sh"] & stat.S_IXUSR and modes["run_autograder"] & stat.S_IXUSR
    assert {"autograder/suite/run.py", "autograder/gradescope.py", "autograder/sinks/results_json.py",
            f"solutions/{ASSIGNMENT}.py", f"assignments/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
            "pyproject.toml", "requirements.lock"} <= names
    suite = {p.name for p in (ROOT / "tests" / "hidden" / ASSIGNMENT).glob("test_*.py")}
    assert suite and {f"tests/hidden/{ASSIGNMENT}/{name}" for name in suite} <= names
    # nothing of the other assignments, no instructor notebook, no bytecode
    assert not [n for n in names if n.startswith(("source_notebooks/", "solutions/gradient_descent"))]
    assert not [n for n in names if n.startswith("tests/hidden/") and f"/{ASSIGNMENT}/" not in n]
    assert not [n for n in names if "__pycache__" in n]
    # setup.sh installs the runtime lock itself, every file checked against its hash
    assert lock == (ROOT / "requirements.lock").read_text() and "--hash=sha256:" in lock
    assert '--no-deps --require-hashes \\\n  -r "$SOURCE/requirements.lock"' in setup_script  # the lock is the whole set
    assert f'ASSIGNMENT="{ASSIGNMENT}"' in run_script and "AUTOGRADER_GRADESCOPE_ROOT" in run_script


def test_the_unpacked_package_is_the_one_that_runs(built_zip, tmp_path):
    root = gradescope_tree(built_zip, tmp_path, {})
    env = tool_environment() | {"PYTHONPATH": str(root / "source")}
    where = subprocess.run([sys.executable, "-c", "import autograder; print(autograder.__file__)"],
                           cwd=root, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(root / "source")


def test_the_source_notebook_gets_full_marks(built_zip, tmp_path):
    # not named <assignment>.ipynb: the only notebook is graded
    results = run_autograder(built_zip, tmp_path, {"my_work.ipynb": notebook("source")})
    assert_gradescope_schema(results)
    assert len(results["tests"]) > 5
    assert results["score"] > 0
    assert results["score"] == pytest.approx(sum(t["max_score"] for t in results["tests"]))
    assert results["extra_data"]["grader_fault"] == ""


def test_a_malformed_notebook_scores_zero_with_the_reason(built_zip, tmp_path):
    malformed = (ROOT / "tests" / "fixtures" / "malformed" / "truncated.ipynb").read_bytes()
    results = run_autograder(built_zip, tmp_path, {f"{ASSIGNMENT}.ipynb": malformed, "other.ipynb": notebook("source")})
    assert_gradescope_schema(results)
    assert results["score"] == 0 and results["tests"]
    assert "not valid notebook JSON" in results["output"]


def test_no_notebook_scores_zero_and_says_what_to_upload(built_zip, tmp_path):
    results = run_autograder(built_zip, tmp_path, {"answers.py": b"print('hello')\n"})
    assert_gradescope_schema(results)
    assert results["score"] == 0
    assert f"No notebook was found in your submission: upload {ASSIGNMENT}.ipynb" in results["output"]


def test_results_never_quote_the_hidden_tests(built_zip, tmp_path):
    results = run_autograder(built_zip, tmp_path, {f"{ASSIGNMENT}.ipynb": notebook("release")})
    assert_gradescope_schema(results)
    assert results["score"] == 0 and all(t["output"] for t in results["tests"])
    text = json.dumps(results)
    leaked = [fragment for fragment in hidden_code_fragments() if fragment in text]
    assert not leaked


def test_a_grader_that_cannot_start_still_leaves_results_that_say_so(built_zip, tmp_path):
    root = gradescope_tree(built_zip, tmp_path, {f"{ASSIGNMENT}.ipynb": notebook("source")})
    env = tool_environment() | {"AUTOGRADER_GRADESCOPE_ROOT": str(root), "AUTOGRADER_PYTHON": str(tmp_path / "no-python")}
    finished = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True, text=True,
                              timeout=60)
    assert finished.returncode == 0
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["score"] == 0 and "course staff will check" in results["output"]
    assert "exited with status 127" in results["extra_data"]["grader_fault"]
