"""Run the public checks of a student's notebooks and report the points (GitHub Actions or a terminal).

    python .github/scripts/public_checks.py [notebook.ipynb ...]      (default: every tracked *.ipynb)

Each notebook is executed from top to bottom by Jupyter's own command,

    jupyter nbconvert --to notebook --execute --allow-errors --output-dir <tmp> <notebook>

which goes on past a failing cell, so that one unfinished problem does not hide the others. Then
every locked grade cell (nbgrader metadata `grade: true`, `solution: false`: the public checks of
one problem, plain asserts) is read from the executed copy: it passes when it ran without an error
and is as released (nbgrader's checksum), and then earns its `points`.

These are the PUBLIC checks only: the course's hidden tests decide the grade, elsewhere. This
script holds no hidden test and needs only the Python standard library and Jupyter.

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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CELL_SECONDS = 120          # one cell; a longer one is interrupted and counts as failed
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


def error_of(cell: dict) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            ename, evalue = output.get("ename", "Error"), ANSI.sub("", str(output.get("evalue", "")))
            if not evalue.strip():
                return {"AssertionError": "a public check failed (AssertionError)",
                        "NotImplementedError": "not implemented yet (NotImplementedError)"}.get(ename, ename)
            return f"{ename}: {evalue}"[:300]
    return None


def execute(notebook: Path, out_dir: Path) -> tuple[Path | None, str]:
    """The executed copy, or None and why it could not be made."""
    command = ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
               f"--ExecutePreprocessor.timeout={CELL_SECONDS}", "--ExecutePreprocessor.interrupt_on_timeout=True",
               "--ExecutePreprocessor.kernel_name=python3", "--output-dir", str(out_dir), str(notebook)]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=NOTEBOOK_SECONDS)
    except subprocess.TimeoutExpired:
        return None, f"the notebook did not finish within {NOTEBOOK_SECONDS // 60} minutes"
    executed = out_dir / notebook.name
    if finished.returncode != 0 or not executed.exists():
        last = (finished.stderr.strip().splitlines() or ["(no message)"])[-1]
        return None, f"the notebook could not be run: {last[:300]}"
    return executed, ""


def check_notebook(notebook: Path, out_dir: Path) -> list[dict]:
    """One result per public-check cell: name, status, score, max_score, message."""
    try:
        original = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [{"name": notebook.stem, "status": "error", "score": 0, "max_score": 0,
                 "message": f"not a readable notebook: {exc}"}]
    checks = [cell for cell in original.get("cells", []) if is_check_cell(cell)]
    if not checks:
        return []
    executed, problem = execute(notebook, out_dir)
    ran = {}
    if executed is not None:
        ran = {nbgrader(cell).get("grade_id"): cell for cell in json.loads(executed.read_text(encoding="utf-8"))["cells"]
               if is_check_cell(cell)}
    results = []
    for cell in checks:
        meta = nbgrader(cell)
        grade_id, points = meta.get("grade_id", "?"), float(meta.get("points", 0))
        if meta.get("checksum") and checksum(cell) != meta["checksum"]:
            message = "this locked cell was edited: restore it from the released notebook"
        elif executed is None:
            message = problem
        elif grade_id not in ran or ran[grade_id].get("execution_count") is None:
            message = "this cell did not run"
        else:
            message = error_of(ran[grade_id]) or ""
        passed = not message
        results.append({"name": f"{notebook.stem}: {grade_id}", "status": "pass" if passed else "fail",
                        "score": points if passed else 0, "max_score": points, "message": message or "passed"})
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
            out_dir = Path(scratch) / str(index)
            out_dir.mkdir()
            results += check_notebook(notebook, out_dir)
    if not results:
        print("no notebook with public checks found", file=sys.stderr)
        return 1
    report(results, time.monotonic() - started)
    return 0 if all(r["status"] == "pass" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
