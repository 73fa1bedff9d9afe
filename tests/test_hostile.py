"""Hostile and broken submissions, one fixture per scenario (tests/fixtures/hostile/, .../malformed/).

Each hostile fixture is a cell appended to the released softmax_cross_entropy notebook (whose stubs
earn nothing), so the honest score is 0. Graded through the real command, every case must end with
exit status 0, a results.json with score 0 and no grader fault, within the time limit, with the
project's files unchanged and no process left running.
Fork and memory bombs run only under the worker's limits (processes, address space) and are bounded
in the fixture itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.config import tool_environment
from autograder.sandbox.isolation import resolve_mode
from autograder.scenarios import Scenario, build_submission, load_scenarios

from conftest import ROOT, make_course, write_notebook

ASSIGNMENT = "softmax_cross_entropy"
HOSTILE = sorted((ROOT / "tests" / "fixtures" / "hostile").glob("*.py"))
MALFORMED = sorted((ROOT / "tests" / "fixtures" / "malformed").glob("*.ipynb"))
CALL_SECONDS, SUBMISSION_SECONDS = 2, 40
LEFTOVER_MARKERS = (b"sleep\x004242", b"sleep\x004243", b"sleep\x004244")
PROTECTED = (f"solutions/{ASSIGNMENT}.py", f"tests/hidden/{ASSIGNMENT}", f"assignments/{ASSIGNMENT}")


def tree_digest() -> str:
    digest = hashlib.sha256()
    for folder in PROTECTED:
        for path in sorted([ROOT / folder, *(ROOT / folder).rglob("*")]):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def leftover_processes() -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if any(marker in cmdline for marker in LEFTOVER_MARKERS):
                found.append(int(entry))
    return found


def grade_cli(notebook: Path, out: Path, *extra) -> tuple[subprocess.CompletedProcess, dict, float]:
    results = out / "results.json"
    started = time.monotonic()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "autograder"), "grade", "--assignment", ASSIGNMENT, str(notebook),
         "--results", str(results), "--feedback", str(out / "feedback.html"),
         "--call-seconds", str(CALL_SECONDS), "--submission-seconds", str(SUBMISSION_SECONDS), *extra],
        capture_output=True, text=True, env=tool_environment(), timeout=SUBMISSION_SECONDS + 60)
    return done, json.loads(results.read_text()), time.monotonic() - started


def hostile_notebook(fixture: Path) -> dict:
    notebook = build_submission(ASSIGNMENT, Scenario("stub", "", base="release"))
    notebook["cells"].append({"cell_type": "code", "id": "hostile", "metadata": {}, "outputs": [],
                              "execution_count": None, "source": fixture.read_text()})
    return notebook


def isolation_cases() -> list:
    """Every attack in the bubblewrap sandbox; in the weaker process mode, the attacks it contains
    (a fixture marked `# needs: bwrap` reads files, uses the network or signals the grader: only
    bubblewrap stops that, as the README's threat model says)."""
    cases = []
    for fixture in HOSTILE:
        cases.append(pytest.param(fixture, "bwrap", id=f"{fixture.stem}-bwrap"))
        if "# needs: bwrap" not in fixture.read_text():
            cases.append(pytest.param(fixture, "process", id=f"{fixture.stem}-process"))
    return cases


@pytest.mark.parametrize("fixture, isolation", isolation_cases())
def test_hostile_submission_earns_nothing_and_changes_nothing(fixture, isolation, tmp_path):
    if isolation == "bwrap" and resolve_mode("auto") != "bwrap":
        pytest.skip("bubblewrap does not work on this machine: the sandbox's own tests cannot run")
    mode = resolve_mode(isolation)
    before = tree_digest()
    canary = tmp_path / "course" / "gradebook.db"  # a target the fixtures search for
    canary.parent.mkdir()
    canary.write_bytes(b"grades")
    planted = Path("/tmp/results.json").exists()
    done, results, elapsed = grade_cli(write_notebook(tmp_path, hostile_notebook(fixture)), tmp_path,
                                       "--isolation", isolation)
    assert done.returncode == 0, done.stdout + done.stderr
    assert results["extra_data"]["isolation"] == mode
    assert results["score"] == 0, [t["output"] for t in results["tests"] if t["score"]]
    assert not results["extra_data"]["grader_fault"]
    assert len(results["tests"]) > 20  # the whole suite ran
    assert elapsed < SUBMISSION_SECONDS + 15
    assert tree_digest() == before, "a file of the project changed"
    # what the grader writes stays small whatever the submission returned (bounded reports)
    assert (tmp_path / "results.json").stat().st_size < 1 << 20
    assert (tmp_path / "feedback.html").stat().st_size < 2 << 20
    assert canary.read_bytes() == b"grades"
    assert Path("/tmp/results.json").exists() == planted
    time.sleep(0.2)
    assert leftover_processes() == []


def test_infinite_loops_are_cut_at_the_call_limit_and_named(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "hostile" / "infinite_loop_in_a_function.py"
    _, results, _ = grade_cli(write_notebook(tmp_path, hostile_notebook(fixture)), tmp_path)
    outputs = " ".join(t["output"] for t in results["tests"])
    assert f"softmax did not finish within {CALL_SECONDS:g} s" in outputs


@pytest.mark.parametrize("fixture", MALFORMED, ids=[p.stem for p in MALFORMED])
def test_malformed_notebook_scores_zero_with_a_message_naming_the_problem(fixture, tmp_path):
    done, results, _ = grade_cli(fixture, tmp_path)
    assert done.returncode == 0, done.stderr
    assert results["score"] == 0 and results["tests"]
    assert "could not be graded" in results["output"]
    assert all("could not be graded" in test["output"] for test in results["tests"])


def test_a_100_mb_notebook_is_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.ipynb"
    notebook = build_submission(ASSIGNMENT, Scenario("perfect", ""))
    notebook["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * (100 << 20)}]
    huge.write_text(json.dumps(notebook))
    done, results, elapsed = grade_cli(huge, tmp_path)
    assert done.returncode == 0 and results["score"] == 0
    assert "over the limit" in results["output"]


@pytest.mark.parametrize("as_lists", [False, True], ids=["sources_as_strings", "sources_as_lists"])
def test_sources_as_strings_or_lists_are_both_graded(as_lists, tmp_path):
    notebook = build_submission(ASSIGNMENT, Scenario("perfect", ""))
    for cell in notebook["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell["source"] = text.splitlines(keepends=True) if as_lists else text
    _, results, _ = grade_cli(write_notebook(tmp_path, notebook), tmp_path)
    assert results["score"] == sum(t["max_score"] for t in results["tests"])


def _cell(notebook: dict, grade_id: str) -> dict:
    return next(c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def test_edited_locked_cells_are_restored_and_reported(tmp_path):
    notebook = build_submission(ASSIGNMENT, Scenario("perfect", ""))
    _cell(notebook, "epochs_data")["source"] = "EPOCH_PREDICTIONS = None  # edited by the student\n"
    _cell(notebook, "softmax")["source"] = "pass  # public checks removed\n"
    _, results, _ = grade_cli(write_notebook(tmp_path, notebook), tmp_path)
    assert results["score"] == sum(t["max_score"] for t in results["tests"])
    assert "the locked cell 'epochs_data' was changed; the released version was used" in results["output"]
    assert "the graded cell 'softmax' was changed" in results["output"]


def test_deleted_graded_and_locked_cells_are_reported_and_the_tests_still_run(tmp_path):
    notebook = build_submission(ASSIGNMENT, Scenario("perfect", ""))
    notebook["cells"].remove(_cell(notebook, "softmax"))
    notebook["cells"].remove(_cell(notebook, "epochs_data"))
    _, results, _ = grade_cli(write_notebook(tmp_path, notebook), tmp_path)
    assert results["score"] == sum(t["max_score"] for t in results["tests"])
    assert "the graded cell 'softmax' was deleted; the hidden tests ran as usual" in results["output"]
    assert "the locked cell 'epochs_data' was deleted; the released version was run" in results["output"]


def test_fifty_submissions_mixing_every_hostile_case_with_ten_correct_ones(tmp_path):
    """The whole catalogue of attacks in one grade-all batch (here, in this module, so that no other test's
    hostile fixtures run at the same time as one that checks for leftover processes)."""
    assignment = "softmax_cross_entropy"
    correct = [Scenario("perfect", "")] + [s for s in load_scenarios(assignment) if s.full_marks]
    notebooks: dict[str, object] = {f"correct_{i:02d}": build_submission(assignment, correct[i % len(correct)])
                                    for i in range(10)}
    stub = build_submission(assignment, Scenario("stub", "", base="release"))
    for fixture in sorted((ROOT / "tests" / "fixtures" / "hostile").glob("*.py")):
        notebook = json.loads(json.dumps(stub))
        notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                  "source": fixture.read_text()})
        notebooks[f"hostile_{fixture.stem}"[:40]] = notebook
    for fixture in sorted((ROOT / "tests" / "fixtures" / "malformed").glob("*.ipynb")):
        notebooks[f"malformed_{fixture.stem}"] = fixture.read_bytes()
    wrong = [s for s in load_scenarios(assignment) if not s.full_marks]
    for i in range(50 - len(notebooks)):
        notebooks[f"wrong_{i:02d}"] = build_submission(assignment, wrong[i % len(wrong)])
    assert len(notebooks) == 50
    course = make_course(tmp_path, assignment, notebooks)

    batch = subprocess.run([str(Path(sys.executable).parent / "autograder"), "grade-all", assignment,
                            "--course-root", str(course), "--quiet", "--call-seconds", "2",
                            "--submission-seconds", "40"], env=tool_environment(), capture_output=True, text=True,
                           timeout=900)
    assert batch.returncode == 0, batch.stdout[-3000:] + batch.stderr[-3000:]
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("SELECT COUNT(*) FROM submitted_assignment").fetchone() == (50,)
    for student in notebooks:
        results = json.loads((course / "autograded" / student / assignment / "results.json").read_text())
        maximum = sum(test["max_score"] for test in results["tests"])
        if student.startswith("correct_"):
            assert results["score"] == maximum == 41, student
        elif student.startswith(("hostile_", "malformed_")):
            assert results["score"] == 0, (student, [t["output"] for t in results["tests"] if t["score"]])
