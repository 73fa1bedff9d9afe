"""Regrades that show what changed (autograder/regrades.py): a suite fixed mid-term, then
`grade-all --dry-run` (prints, writes nothing), `grade-all --regrade` (prints, records, the class
report lists it), `nbgrader autograde --force` (records the same way) and a resubmission; no
recorded score changes without a line that says so. The tests of `term` run in order, each on the
course the previous one left (one module, one pytest-xdist worker).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.config import tool_environment
from autograder.regrades import Change, Snapshot, changed, read_runs

from conftest import ROOT, collected_class

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent
GIT = ["git", "-c", "user.email=staff@example.org", "-c", "user.name=staff"]


def run(*argv, cwd):
    return subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True,
                          env=tool_environment(), timeout=600)


def grade_all(course, suite, *flags):
    return run(BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course, "--root", suite, "--jobs", "2",
               "--quiet", "--call-seconds", "3", *flags, cwd=course)


def exported(course) -> dict[str, float]:
    done = run(BIN / "nbgrader", "export", cwd=course)
    assert done.returncode == 0, done.stderr
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}


def files_of(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a digest of its bytes (nothing written leaves it equal)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith("-journal")}


def commit(suite: Path, message: str) -> str:
    subprocess.run([*GIT, "commit", "-qam", message], cwd=suite, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=suite, capture_output=True, text=True,
                          check=True).stdout.strip()


def loosen(suite: Path, test_name: str) -> None:
    """A suite fix: the named test returns at once (it was too strict), so everybody passes it."""
    import ast

    for path in (suite / "tests" / "hidden" / ASSIGNMENT).glob("test_*.py"):
        lines = path.read_text().splitlines(keepends=True)
        for node in ast.parse("".join(lines)).body:
            if isinstance(node, ast.FunctionDef) and node.name == test_name:
                first = node.body[0]
                lines.insert(first.lineno - 1, " " * first.col_offset + "return  # fixed: too strict\n")
                path.write_text("".join(lines))
                return
    raise AssertionError(f"no test {test_name} in the suite")


def failed_tests(course: Path, student: str) -> list[str]:
    report = json.loads((course / "autograded" / student / ASSIGNMENT / "report.json").read_text())
    return [r["name"] for r in report["results"] if r["score"] < r["max_score"]]


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    """A course graded once with the suite of a git checkout (a copy of this one's), then the suite
    fixed and committed: (course, suite, the fixed test, the fix's commit)."""
    base = tmp_path_factory.mktemp("regrade")
    course, suite = base / "course", base / "suite"
    collected_class(course, ASSIGNMENT)  # perfect, stub, wrong
    for part in (f"tests/hidden/{ASSIGNMENT}", f"assignments/{ASSIGNMENT}"):
        shutil.copytree(ROOT / part, suite / part)
    (suite / "solutions").mkdir()
    shutil.copy(ROOT / "solutions" / f"{ASSIGNMENT}.py", suite / "solutions")
    subprocess.run("git init -q && git add -A", shell=True, cwd=suite, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the suite as released"], cwd=suite, check=True)
    first = grade_all(course, suite)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "score(s) changed" not in first.stdout, "a first grading changes no recorded score"
    assert not (course / "reports" / "regrades").exists()
    fixed = failed_tests(course, "wrong")[0]
    losers = sorted(s for s in ("perfect", "stub", "wrong") if fixed in failed_tests(course, s))
    assert "perfect" not in losers
    loosen(suite, fixed)
    return course, suite, fixed, commit(suite, f"fix: {fixed} was too strict"), losers


def listed(stdout: str) -> list[str]:
    """The students of the printed changes (lines '  <student>: <before> -> <after> / <max>')."""
    return re.findall(r"^  (\S+): [\d.]+ -> [\d.]+ / ", stdout, re.M)


def test_a_dry_run_prints_each_change_and_writes_nothing(term):
    course, suite, fixed, _, losers = term
    scores = exported(course)
    (course / "grades.csv").unlink()
    before = files_of(course)
    done = grade_all(course, suite, "--dry-run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert files_of(course) == before, "a dry run wrote or changed files in the course folder"
    assert re.search(rf"wrong: {scores['wrong']:g} -> \d+", done.stdout), done.stdout
    assert fixed in done.stdout, "the test that changed is named"
    assert "would change" in done.stdout and "nothing was written" in done.stdout
    assert listed(done.stdout) == losers, "exactly the students whose score changes are listed"


def test_a_regrade_prints_records_and_reports_every_change(term):
    course, suite, fixed, fix_commit, losers = term
    old = exported(course)
    done = grade_all(course, suite, "--regrade", "--reason", "a test was too strict")
    assert done.returncode == 0, done.stdout + done.stderr
    new = exported(course)
    assert all(new[s] > old[s] for s in losers) and new["perfect"] == old["perfect"]
    assert listed(done.stdout) == losers, done.stdout
    assert f"wrong: {old['wrong']:g} -> {new['wrong']:g}" in done.stdout, done.stdout

    run_record = read_runs(course, ASSIGNMENT)[-1]
    header = run_record.header
    assert header["suite"]["commit"] == fix_commit and header["suite"]["suite_differs_from_commit"] is False
    assert header["reason"] == "a test was too strict" and header["regrade"] is True
    assert sorted(c.student for c in run_record.changes) == losers
    change = next(c for c in run_record.changes if c.student == "wrong")
    assert (change.before.score, change.after.score) == (old["wrong"], new["wrong"])
    assert [t for t, _, _ in change.tests] == [f"{problem}: {fixed}" for problem in
                                               {t.split(': ')[0] for t in change.before.tests if t.endswith(fixed)}]
    assert change.problems and not change.new_submission

    page = (course / "reports" / f"{ASSIGNMENT}.html").read_text()
    section = page[page.index("id='score-changes'"):page.index("id='distribution'")]
    assert "a test was too strict" in section and fix_commit[:12] in section
    assert "wrong" in section and fixed in section and "perfect" not in section

    history = run(BIN / "autograder", "regrades", ASSIGNMENT, "--student", "wrong", cwd=course)
    assert history.returncode == 0, history.stderr
    gradings = [line for line in history.stdout.splitlines() if "autograder grade-all" in line and "/28" in line]
    assert len(gradings) == 2, history.stdout  # the first grading and the regrade (the dry run left nothing)
    assert f"{old['wrong']:g} -> {new['wrong']:g}" in history.stdout


def test_a_regrade_that_changes_nothing_is_recorded_too(term):
    course, suite, _, _, _ = term
    runs = len(read_runs(course, ASSIGNMENT))
    done = grade_all(course, suite, "--regrade")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 of 3 recorded score(s) changed" in done.stdout, done.stdout
    records = read_runs(course, ASSIGNMENT)
    assert len(records) == runs + 1 and records[-1].changes == []


def test_nbgrader_autograde_force_records_what_it_changed(term):
    course, suite, _, _, losers = term
    old = exported(course)
    subprocess.run([*GIT, "revert", "--no-edit", "HEAD"], cwd=suite, check=True)  # the fix undone
    done = run(BIN / "nbgrader", "autograde", ASSIGNMENT, "--force", f"--GradeWithHiddenSuites.suites_root={suite}",
               "--GradeWithHiddenSuites.call_seconds=3", cwd=course)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "score changed" in done.stderr and "wrong" in done.stderr, done.stderr
    new = exported(course)
    assert all(new[s] < old[s] for s in losers)
    record = read_runs(course, ASSIGNMENT)[-1]
    assert record.header["command"] == "nbgrader autograde"
    assert sorted((c.student, c.before.score, c.after.score) for c in record.changes) == [
        (s, old[s], new[s]) for s in losers]
    assert all(c.tests for c in record.changes), "the tests that changed are known from the earlier history"


def test_a_resubmission_is_shown_as_a_change_of_its_own(term):
    course, suite, _, _, _ = term
    old = exported(course)
    perfect = course / "submitted" / "perfect" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    shutil.copy(perfect, course / "submitted" / "stub" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    done = grade_all(course, suite)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(rf"stub: {old['stub']:g} -> {exported(course)['stub']:g} / 28\s+\(a new submission\)",
                     done.stdout), done.stdout
    assert read_runs(course, ASSIGNMENT)[-1].changes[0].new_submission


def test_a_regrade_or_dry_run_before_any_grading_is_refused(tmp_path):
    collected_class(tmp_path, ASSIGNMENT)
    for flag in ("--regrade", "--dry-run"):
        done = grade_all(tmp_path, ROOT, flag)
        assert done.returncode == 2 and "nothing of 'two_layer_network' is graded yet" in done.stderr, done.stderr
    assert not (tmp_path / "autograded").exists() and not (tmp_path / "reports").exists()


# ----------------------------------------------------------------------------- the rules, without grading
def snap(score, problems, tests=None, submission="a"):
    return Snapshot(score, 10.0, problems, tests, 0.0, submission)


def test_a_change_is_any_difference_of_the_total_or_of_a_problem():
    assert changed("s", None, snap(5, {"p": 5})) is None, "a first grading is not a change"
    assert changed("s", snap(5, {"p": 5, "q": 0}), snap(5, {"p": 5, "q": 0})) is None
    assert changed("s", snap(5, {"p": 5}), snap(5.0000004, {"p": 5.0000004})) is None, "rounding is no change"
    moved = changed("s", snap(5, {"p": 5, "q": 0}), snap(5, {"p": 3, "q": 2}))  # same total, points moved
    assert moved is not None and moved.problems == [("p", 5, 3), ("q", 0, 2)]
    late = changed("s", snap(5, {"p": 5}), snap(4, {"p": 5}))  # the late penalty alone
    assert late is not None and late.problems == []


def test_the_tests_that_changed_and_what_is_not_known():
    before = snap(5, {"p": 5}, {"p: a": 1.0, "p: b": 0.0, "p: gone": 1.0})
    after = snap(6, {"p": 6}, {"p: a": 1.0, "p: b": 1.0, "p: new": 0.0}, submission="b")
    change = changed("s", before, after)
    assert change.tests == [("p: b", 0.0, 1.0), ("p: gone", 1.0, None), ("p: new", None, 0.0)]
    assert change.new_submission
    assert changed("s", snap(5, {"p": 5}), after).tests is None, "no earlier tests: said, not guessed"
    assert Change.from_json(json.loads(json.dumps(change.to_json()))) == change


def test_the_printed_changes_follow_the_students_order_not_the_order_they_finished(tmp_path):
    """A pool delivers the graded submissions as they finish; the summary lists them as the class table does."""
    from autograder.regrades import Change, GradingLog, Snapshot, summary_lines

    log = GradingLog(tmp_path, ASSIGNMENT, "autograder grade-all", {"commit": "", "digest": ""}, regrade=True)
    for student in ("zoe", "amy", "kim"):  # the order they finished in
        log.changes.append(Change(student, Snapshot(1.0, 28.0, {"forward": 1.0}), Snapshot(3.0, 28.0, {"forward": 3.0})))
    assert listed("\n".join(summary_lines(log))) == ["amy", "kim", "zoe"]

