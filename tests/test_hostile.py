"""Hostile and broken submissions, one fixture per scenario (tests/fixtures/hostile/, .../malformed/).

Each hostile fixture is a cell appended to the released softmax_cross_entropy notebook (whose stubs
earn nothing), so the honest score is 0. The attacks of each isolation mode are graded together by
the real command (`autograder grade-all`, beside correct, wrong and malformed classmates): the batch
must end with exit status 0, every attack with a results.json of score 0 and no grader fault within
the time limit, the correct classmates with full marks, the project's files unchanged and no process
left running. The single-notebook command (`autograder grade`) meets the malformed notebooks and
the edited cells below.
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


def hostile_class(isolation: str) -> dict[str, object]:
    """The class that carries the attacks of one isolation mode into one grade-all batch: every hostile
    fixture the mode contains (hostile_<fixture>), and honest neighbours that must keep their grades:
    correct submissions (correct_NN, full marks) and, in the bubblewrap batch, the malformed notebooks
    and wrong ones up to 50 students."""
    correct = [Scenario("perfect", "")] + [s for s in load_scenarios(ASSIGNMENT) if s.full_marks]
    notebooks: dict[str, object] = {f"correct_{i:02d}": build_submission(ASSIGNMENT, correct[i % len(correct)])
                                    for i in range(10 if isolation == "bwrap" else 4)}
    for case in isolation_cases():
        fixture, mode = case.values
        if mode == isolation:
            notebooks[f"hostile_{fixture.stem}"[:40]] = hostile_notebook(fixture)
    if isolation == "bwrap":
        for fixture in MALFORMED:
            notebooks[f"malformed_{fixture.stem}"] = fixture.read_bytes()
        wrong = [s for s in load_scenarios(ASSIGNMENT) if not s.full_marks]
        for i in range(50 - len(notebooks)):
            notebooks[f"wrong_{i:02d}"] = build_submission(ASSIGNMENT, wrong[i % len(wrong)])
    return notebooks


@pytest.fixture(scope="module")
def graded_batches(tmp_path_factory):
    """graded_batches(isolation) -> the hostile class of that mode graded by one `autograder grade-all`,
    with what the batch left behind: exit status, output, the project's files before and after, a
    canary gradebook outside the course, a planted /tmp/results.json, processes left running. One
    batch per mode (not one `autograder grade` per attack): the attacks' waiting on time limits
    overlaps, and each attack also meets honest neighbours in the same pool of workers."""
    batches: dict[str, dict] = {}

    def graded(isolation: str) -> dict:
        if isolation == "bwrap" and resolve_mode("auto") != "bwrap":
            pytest.skip("bubblewrap does not work on this machine: the sandbox's own tests cannot run")
        if isolation not in batches:
            folder = tmp_path_factory.mktemp(f"hostile-{isolation}")
            notebooks = hostile_class(isolation)
            course = make_course(folder / "course", ASSIGNMENT, notebooks)
            canary = folder / "canary" / "course" / "gradebook.db"  # a target the fixtures search for
            canary.parent.mkdir(parents=True)
            canary.write_bytes(b"grades")
            before, planted = tree_digest(), Path("/tmp/results.json").exists()
            done = subprocess.run(
                [str(Path(sys.executable).parent / "autograder"), "grade-all", ASSIGNMENT, "--course-root", str(course),
                 "--quiet", "--isolation", isolation, "--call-seconds", str(CALL_SECONDS),
                 "--submission-seconds", str(SUBMISSION_SECONDS)],
                env=tool_environment(), capture_output=True, text=True, timeout=900)
            time.sleep(0.2)
            batches[isolation] = {
                "done": done, "course": course, "notebooks": notebooks, "mode": resolve_mode(isolation),
                "project_unchanged": tree_digest() == before, "canary": canary.read_bytes(),
                "planted_results_json": Path("/tmp/results.json").exists() != planted,
                "leftovers": leftover_processes()}
        return batches[isolation]

    return graded


def graded_files(batch: dict, student: str) -> tuple[dict, dict, Path]:
    """A student's results.json, report.json and feedback page, as the batch wrote them."""
    autograded = batch["course"] / "autograded" / student / ASSIGNMENT
    return (json.loads((autograded / "results.json").read_text()), json.loads((autograded / "report.json").read_text()),
            batch["course"] / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html")


@pytest.mark.parametrize("isolation", ["bwrap", "process"])
def test_a_batch_of_attacks_changes_nothing_and_leaves_nothing_running(graded_batches, isolation):
    batch = graded_batches(isolation)
    assert batch["done"].returncode == 0, batch["done"].stdout[-3000:] + batch["done"].stderr[-3000:]
    assert batch["project_unchanged"], "a file of the project changed"
    assert batch["canary"] == b"grades"
    assert not batch["planted_results_json"], "/tmp/results.json was written or deleted"
    assert batch["leftovers"] == [], f"processes left running: {batch['leftovers']}"
    with sqlite3.connect(batch["course"] / "gradebook.db") as db:
        assert db.execute("SELECT COUNT(*) FROM submitted_assignment").fetchone() == (len(batch["notebooks"]),)
    for student in batch["notebooks"]:  # the honest neighbours keep their grades
        if student.startswith("correct_"):
            results, _, _ = graded_files(batch, student)
            assert results["score"] == sum(t["max_score"] for t in results["tests"]) == 41, student
        if student.startswith("malformed_"):
            results, _, _ = graded_files(batch, student)
            assert results["score"] == 0 and "could not be graded" in results["output"], student


@pytest.mark.parametrize("fixture, isolation", isolation_cases())
def test_hostile_submission_earns_nothing_and_changes_nothing(graded_batches, fixture, isolation):
    """Each attack's own record in its mode's batch (the batch's test above checks the files, the
    canary and the processes left running once every attack has run)."""
    batch = graded_batches(isolation)
    results, report, feedback = graded_files(batch, f"hostile_{fixture.stem}"[:40])
    assert report["isolation"] == batch["mode"]
    assert results["score"] == 0, [t["output"] for t in results["tests"] if t["score"]]
    assert not results["extra_data"]["grader_fault"]
    assert len(results["tests"]) > 20  # the whole suite ran
    assert report["seconds"] < SUBMISSION_SECONDS + 15
    # what the grader writes stays small whatever the submission returned (bounded reports)
    assert (batch["course"] / "autograded" / f"hostile_{fixture.stem}"[:40] / ASSIGNMENT / "results.json"
            ).stat().st_size < 1 << 20
    assert feedback.stat().st_size < 2 << 20


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
