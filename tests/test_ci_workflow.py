"""The CI workflow that grades pushed notebooks (.github/workflows/grade-submissions.yml and the script
it runs, .github/scripts/grade_pushed.py): every changed notebook is graded whatever happens to the
others, any file name works, and the step fails at the end, naming the notebooks it could not grade."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.scenarios import Scenario, build_submission

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".github" / "scripts" / "grade_pushed.py"
WORKFLOW = ROOT / ".github" / "workflows" / "grade-submissions.yml"
GRADER = Path(sys.executable).parent / "autograder"
ASSIGNMENT = "two_layer_network"
FOLDER = f"submissions/{ASSIGNMENT}"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def new_repo(path: Path) -> Path:
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "ci@example.org")
    git(path, "config", "user.name", "CI")
    (path / "README.md").write_text("course\n")
    git(path, "add", "README.md")
    git(path, "commit", "-q", "-m", "start")
    return path


def commit(repo: Path, files: dict[str, bytes], links: dict[str, str] | None = None) -> None:
    for name, data in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for name, target in (links or {}).items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, repo / name)
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", "push")


def run_script(repo: Path, *args: str, grader: str = str(GRADER), timeout: str = "300") -> subprocess.CompletedProcess:
    env = dict(os.environ, AUTOGRADER=grader, GRADE_TIMEOUT=timeout)
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=600)


def out_folder(graded: Path, path: str) -> Path:
    """The output folder the script chose for `path` (it keeps the original path in source.txt)."""
    found = [p.parent for p in graded.glob("*/*/source.txt") if p.read_bytes() == os.fsencode(path) + b"\n"]
    assert len(found) == 1, (path, sorted(graded.rglob("*")))
    return found[0]


def notebook_bytes(scenario: Scenario) -> bytes:
    return json.dumps(build_submission(ASSIGNMENT, scenario)).encode()


@pytest.fixture(scope="module")
def pushed(tmp_path_factory):
    """A repository whose last push adds notebooks with hard names, a broken one, one for an unknown
    assignment, a link and one outside the layout, on top of an earlier (already graded) notebook;
    the script run on that push with the project's grader."""
    repo = new_repo(tmp_path_factory.mktemp("ci") / "repo")
    perfect = notebook_bytes(Scenario("perfect", "", base="solved"))
    stub = notebook_bytes(Scenario("stub", "", base="release"))
    commit(repo, {f"{FOLDER}/earlier.ipynb": perfect})
    valid = {f"{FOLDER}/ana maria.ipynb": perfect,
             f"{FOLDER}/zoë.ipynb": stub,
             f"{FOLDER}/-rf.ipynb": perfect,
             f"{FOLDER}/o'brien \"q\" $(touch pwned).ipynb": stub}
    files = {**valid,
             f"{FOLDER}/broken.ipynb": b'{"cells": [ not json',
             "submissions/no_such_assignment/carl.ipynb": perfect,
             f"{FOLDER}/deeper/dan.ipynb": perfect}
    commit(repo, files, links={f"{FOLDER}/link.ipynb": "/etc/passwd"})
    graded = repo.parent / "graded"
    done = run_script(repo, "--base", "HEAD~1", "--out", str(graded))
    return repo, graded, done, valid


def test_every_valid_notebook_is_graded_whatever_its_name(pushed):
    repo, graded, done, valid = pushed
    for path in valid:
        folder = out_folder(graded, path)
        results = json.loads((folder / "results.json").read_text())
        assert "<html" in (folder / "feedback.html").read_text().lower()
        expected = 28 if "ana" in path or "-rf" in path else 0
        assert results["score"] == expected, (path, results["output"][:300])
        assert folder.relative_to(graded).parts[0] == ASSIGNMENT
        assert all(c.isascii() and (c.isalnum() or c in "._-") for c in folder.name), folder.name
        assert not folder.name.startswith(("-", "."))
    assert not (repo / "pwned").exists() and not Path("pwned").exists()  # the name was never run by a shell
    assert not list(graded.glob("*/earlier*"))  # not part of this push


def test_a_broken_notebook_gets_a_zero_with_its_reason(pushed):
    _, graded, done, _ = pushed
    results = json.loads((out_folder(graded, f"{FOLDER}/broken.ipynb") / "results.json").read_text())
    assert results["score"] == 0
    assert "not valid notebook JSON" in results["output"]
    assert any(line.startswith(f"graded {FOLDER}/broken.ipynb -> ") for line in done.stdout.splitlines())


def test_one_line_per_notebook_and_the_failures_listed_at_the_end(pushed):
    _, _, done, valid = pushed
    lines = done.stdout.splitlines()
    per_notebook = [line for line in lines if line.startswith(("graded ", "NOT GRADED "))]
    assert len(per_notebook) == len(valid) + 4, done.stdout  # + broken, unknown assignment, deeper, link
    not_graded = {line.split(" -> ")[0].split(": ")[0].removeprefix("NOT GRADED ") for line in per_notebook
                  if line.startswith("NOT GRADED ")}
    assert not_graded == {"submissions/no_such_assignment/carl.ipynb", f"{FOLDER}/deeper/dan.ipynb",
                          f"{FOLDER}/link.ipynb"}, done.stdout
    unknown = next(line for line in per_notebook if "no_such_assignment" in line)
    assert "unknown assignment 'no_such_assignment'" in unknown
    assert "symbolic link" in next(line for line in per_notebook if "link.ipynb" in line)
    assert "not at submissions/<assignment>/<student>.ipynb" in next(line for line in per_notebook if "deeper" in line)
    assert lines[-2] == f"{len(valid) + 1} of {len(valid) + 4} notebook(s) graded"
    assert lines[-1].startswith("not graded (3): ") and "carl.ipynb" in lines[-1] and "link.ipynb" in lines[-1]
    assert done.returncode == 1, done.stdout + done.stderr


def test_a_push_of_gradable_notebooks_exits_0_and_dispatch_grades_everything(tmp_path):
    repo = new_repo(tmp_path / "repo")
    commit(repo, {f"{FOLDER}/first.ipynb": b"{}"})
    commit(repo, {f"{FOLDER}/line\nbreak.ipynb": b"not json"})
    done = run_script(repo, "--base", "HEAD~1", "--out", "out")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0].startswith(f"graded {FOLDER}/line\\nbreak.ipynb -> ")
    assert len(done.stdout.splitlines()) == 2  # the name's newline did not make a second line
    # workflow_dispatch (no base) and a new branch (GitHub's all-zero "before"): every notebook
    for base in ("", "0" * 40):
        everything = run_script(repo, "--base", base, "--out", "all", grader="/bin/true")
        assert "0 of 2 notebook(s) graded" in everything.stdout  # /bin/true writes no results.json
        assert everything.stdout.count("the grader wrote no results.json") == 2 and everything.returncode == 1


def test_a_grader_that_fails_or_hangs_on_one_notebook_does_not_stop_the_others(tmp_path):
    """A stand-in grader: exit 3 (grader fault) for one notebook, hangs on another, grades the rest."""
    fake = tmp_path / "fake_grader.py"
    fake.write_text(
        "import sys, json, time\n"
        "args = sys.argv[1:]\n"
        "path, results = args[-1], args[args.index('--results') + 1]\n"
        "if 'fault' in path:\n    print('boom', file=sys.stderr); sys.exit(3)\n"
        "if 'hang' in path:\n    time.sleep(600)\n"
        "open(results, 'w').write(json.dumps({'score': 1, 'tests': [{'max_score': 2}]}))\n"
        "open(args[args.index('--feedback') + 1], 'w').write('<html>')\n")
    repo = new_repo(tmp_path / "repo")
    commit(repo, {f"{FOLDER}/{name}.ipynb": b"{}" for name in ("a", "fault", "hang", "z")})
    done = run_script(repo, "--base", "HEAD~1", "--out", "out", grader=f"{sys.executable} {fake}", timeout="3")
    lines = done.stdout.splitlines()
    assert [line.split(" ")[0] for line in lines[:4]] == ["graded", "NOT", "NOT", "graded"], done.stdout
    assert "grader fault" in lines[1] and "did not finish in time" in lines[2]
    assert lines[0].endswith(": 1/2") and lines[3].endswith(": 1/2")
    assert done.returncode == 1


def test_the_workflow_runs_the_script_and_always_uploads():
    import yaml

    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["grade"]["steps"]
    grade = next(step for step in steps if step.get("name") == "Grade the changed notebooks")
    assert "grade_pushed.py" in grade["run"] and "for " not in grade["run"]
    assert grade["env"]["AUTOGRADER"] == ".venv/bin/autograder"
    assert "${{" not in grade["run"]  # event data reaches the script through the environment only
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert upload["if"] == "always()" and upload["with"]["path"] == "graded/"
    checkout = next(step for step in steps if "checkout" in step.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0
