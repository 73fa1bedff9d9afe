"""Run the public checks of a student's notebooks and report the points (GitHub Actions or a terminal).

    python .github/scripts/public_checks.py [notebook.ipynb ...]      (default: every tracked *.ipynb)

The public checks are otter-grader test files released with each notebook: `tests/<problem>.py`
beside it, one per problem, which the notebook's locked cells `grader.check("<problem>")` run (and
`otter check <notebook>` too). Each notebook runs from top to bottom in a copy of its folder, by
Jupyter's own command,

    jupyter nbconvert --to notebook --execute --allow-errors --output-dir <tmp> <copy of the notebook>

which goes on past a failing cell, so that one unfinished problem does not hide the others. The copy
starts with a cell that puts otter in grading mode (as `otter check` does: every `grader.check`
records its result) and ends with one that runs the test file of each problem whose check did not
run and writes otter's results. Every locked check cell (nbgrader metadata `grade: true`,
`solution: false`) then earns its `points` times the share of its test file's points that passed,
provided that it is as released (nbgrader's checksum). An edited check cell earns nothing.

These are the PUBLIC checks only: the course's hidden tests decide the grade, elsewhere. This
script holds no hidden test; it needs the Python standard library, Jupyter and otter-grader.

Reports: a line per check on stdout; a table in $GITHUB_STEP_SUMMARY; the annotations
"Points X/Y" (title "Autograding complete") and {"totalPoints": X, "maxPoints": Y} (title
"Autograding report"), which GitHub Classroom reads; `points`, `max-points` and `result` (the
runner format of GitHub Classroom's grading reporter, base64) in $GITHUB_OUTPUT. Exit status 0 when
every check passes, 1 otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CELL_SECONDS = 120          # one cell; a longer one is interrupted (the checks still run at the end)
NOTEBOOK_SECONDS = 20 * 60  # the whole notebook
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def source_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def nbgrader(cell: dict) -> dict:
    data = cell.get("metadata", {}).get("nbgrader", {})
    return data if isinstance(data, dict) else {}


def is_check_cell(cell: dict) -> bool:
    meta = nbgrader(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def checksum(cell: dict) -> str:
    """nbgrader's checksum of a grade cell (nbgrader.utils.compute_checksum)."""
    meta = nbgrader(cell)
    digest = hashlib.md5()
    for part in (source_text(cell), cell.get("cell_type", ""), "True", "False", "True", meta.get("grade_id", ""),
                 str(float(meta.get("points", 0)))):
        digest.update(part.encode("utf-8"))
    return digest.hexdigest()


# The first and the last cell of the copy that runs: otter's grading mode, then its results.
GRADING_MODE = """\
# public_checks.py: otter's grading mode, as `otter check` sets it (every grader.check records its result)
from otter import Notebook as _PublicChecksNotebook
_PublicChecksNotebook.init_grading_mode({tests!r})
"""
GRADING_RESULTS = """\
# public_checks.py: the test file of each problem whose check did not run, then otter's results
import json as _public_checks_json
from otter.execute import Checker as _PublicChecksChecker
_public_checks_errors = {{}}
for _public_checks_path in {test_paths!r}:
    try:
        _PublicChecksChecker.check_if_not_already_checked(_public_checks_path)
    except Exception as _public_checks_error:
        _public_checks_errors[_public_checks_path] = \
            f"{{type(_public_checks_error).__name__}}: {{_public_checks_error}}"
with open({results!r}, "w", encoding="utf-8") as _public_checks_file:
    _public_checks_json.dump({{
        "errors": _public_checks_errors,
        "results": [{{"path": test.path, "score": test.score, "possible": test.possible,
                     "failures": [{{"message": result.test_case.failure_message or "", "error": result.message or ""}}
                                  for result in test.test_case_results if not result.passed]}}
                    for test in _PublicChecksChecker.get_results()],
    }}, _public_checks_file)
"""


def code_cell(cell_id: str, source: str) -> dict:
    return {"cell_type": "code", "id": cell_id, "metadata": {}, "source": source, "outputs": [],
            "execution_count": None}


def last_error_line(text: str) -> str:
    """The exception line of otter's failure text ("CheckFailed: ...", "NotImplementedError:")."""
    lines = [line.strip() for line in ANSI.sub("", text).splitlines() if line.strip()]
    line = lines[-1] if lines else "the check failed"
    if line.rstrip(":") == "NotImplementedError":
        return "not implemented yet (NotImplementedError)"
    return line.removeprefix("CheckFailed: ")[:300]  # the check's own message, written for the student


def run_with_otter(notebook: dict, folder: Path, name: str, test_paths: list[str],
                   scratch: Path) -> tuple[dict | None, str]:
    """Run the notebook in a copy of its folder (the student's files stay as they are) between otter's
    grading cells; return otter's results, or None and why there are none."""
    work = scratch / "work"
    shutil.copytree(folder, work, ignore=shutil.ignore_patterns(".git", ".ipynb_checkpoints", "__pycache__",
                                                                ".OTTER_LOG"))
    tests = work / "tests"
    results = scratch / "results.json"
    copy = dict(notebook)
    end = GRADING_RESULTS.format(test_paths=[str(tests / Path(path).name) for path in test_paths], results=str(results))
    copy["cells"] = ([code_cell("public-checks-grading-mode", GRADING_MODE.format(tests=str(tests)))]
                     + list(notebook.get("cells", [])) + [code_cell("public-checks-results", end)])
    (work / name).write_text(json.dumps(copy), encoding="utf-8")
    out_dir = scratch / "executed"
    command = ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
               f"--ExecutePreprocessor.timeout={CELL_SECONDS}", "--ExecutePreprocessor.interrupt_on_timeout=True",
               "--ExecutePreprocessor.kernel_name=python3", "--output-dir", str(out_dir), str(work / name)]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=NOTEBOOK_SECONDS)
    except subprocess.TimeoutExpired:
        return None, f"the notebook did not finish within {NOTEBOOK_SECONDS // 60} minutes"
    if finished.returncode != 0 or not results.exists():
        last = (finished.stderr.strip().splitlines() or ["(no message)"])[-1]
        return None, f"the notebook could not be run to its end: {last[:300]}"
    return json.loads(results.read_text(encoding="utf-8")), ""


def check_notebook(notebook: Path, scratch: Path) -> list[dict]:
    """One result per public-check cell: name, status, score, max_score, message."""
    try:
        original = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [{"name": notebook.stem, "status": "error", "score": 0, "max_score": 0,
                 "message": f"not a readable notebook: {exc}"}]
    checks = [cell for cell in original.get("cells", []) if is_check_cell(cell)]
    if not checks:
        return []
    tests = notebook.parent / "tests"
    problems = [nbgrader(cell).get("grade_id", "?") for cell in checks]
    test_paths = [str(tests / f"{problem}.py") for problem in problems if (tests / f"{problem}.py").is_file()]
    ran, why = {}, ""
    if test_paths:
        ran, why = run_with_otter(original, notebook.parent, notebook.name, test_paths, scratch)
    by_problem = {Path(r["path"]).stem: r for r in (ran or {}).get("results", [])}
    errors = {Path(path).stem: error for path, error in (ran or {}).get("errors", {}).items()}
    results = []
    for cell, grade_id in zip(checks, problems):
        points = float(nbgrader(cell).get("points", 0))
        score, message = 0.0, ""
        if nbgrader(cell).get("checksum") and checksum(cell) != nbgrader(cell)["checksum"]:
            message = "this locked cell was edited: restore it from the released notebook"
        elif not (tests / f"{grade_id}.py").is_file():
            message = f"the public test file tests/{grade_id}.py is missing: restore it from the released assignment"
        elif ran is None:
            message = why
        elif grade_id in errors:
            message = f"the check could not run: {errors[grade_id][:300]}"
        elif grade_id not in by_problem:
            message = "the check did not run"
        else:
            result = by_problem[grade_id]
            possible = float(result["possible"]) or 1.0
            score = points * min(1.0, float(result["score"]) / possible)
            if result["failures"]:
                first = result["failures"][0]
                message = last_error_line(first["error"])
                more = len(result["failures"]) - 1
                message += f" (and {more} more failed case{'s' if more > 1 else ''})" if more else ""
        passed = not message
        results.append({"name": f"{notebook.stem}: {grade_id}", "status": "pass" if passed else "fail",
                        "score": score, "max_score": points, "message": message or "passed"})
    return results


def points_text(value: float) -> str:
    return f"{value:g}"


def plain(value: float):
    return int(value) if float(value).is_integer() else value


def report(results: list[dict], seconds: float) -> tuple[float, float]:
    total = sum(r["score"] for r in results)
    maximum = sum(r["max_score"] for r in results)
    for r in results:
        mark = "PASS" if r["status"] == "pass" else "FAIL"
        print(f"{mark}  {r['name']}  {points_text(r['score'])}/{points_text(r['max_score'])}"
              + ("" if r["status"] == "pass" else f"  {r['message']}"))
    print(f"Points {points_text(total)}/{points_text(maximum)} (public checks only: the hidden tests decide the grade)")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        lines = ["## Public checks", "", f"**Points {points_text(total)}/{points_text(maximum)}** "
                 "(public checks only: the hidden tests decide the grade)", "",
                 "| check | points | result |", "|---|---|---|"]
        for r in results:
            message = r["message"].replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {r['name']} | {points_text(r['score'])}/{points_text(r['max_score'])} | "
                         f"{'passed' if r['status'] == 'pass' else message} |")
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::notice title=Autograding complete::Points {points_text(total)}/{points_text(maximum)}")
        print("::notice title=Autograding report::" + json.dumps({"totalPoints": plain(total), "maxPoints": plain(maximum)}))
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        status = "pass" if all(r["status"] == "pass" for r in results) else "fail"
        runner = {"version": 1, "status": status, "max_score": plain(maximum),
                  "tests": [{"name": r["name"], "status": r["status"], "score": plain(r["score"]), "message": r["message"],
                             "test_code": "", "filename": "", "line_no": 0, "duration": 0} for r in results]}
        encoded = base64.b64encode(json.dumps(runner).encode()).decode()
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"points={points_text(total)}\nmax-points={points_text(maximum)}\nresult={encoded}\n")
    return total, maximum


def tracked_notebooks() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", "*.ipynb"], capture_output=True, check=True).stdout
        names = [name for name in listed.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = [str(p) for p in Path(".").rglob("*.ipynb")]
    return [Path(name) for name in sorted(names) if ".ipynb_checkpoints" not in Path(name).parts]


def main(argv: list[str]) -> int:
    notebooks = [Path(arg) for arg in argv] or tracked_notebooks()
    started = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory(prefix="public-checks-") as scratch:
        for index, notebook in enumerate(notebooks):
            folder = Path(scratch) / str(index)
            folder.mkdir()
            results += check_notebook(notebook, folder)
    if not results:
        print("no notebook with public checks found", file=sys.stderr)
        return 1
    report(results, time.monotonic() - started)
    return 0 if all(r["status"] == "pass" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
