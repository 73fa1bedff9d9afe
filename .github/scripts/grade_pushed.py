#!/usr/bin/env python3
"""Grade the notebooks of a push: every `submissions/<assignment>/<student>.ipynb` added or changed
since BASE (or every one, with --all or without a usable BASE), whatever happens to the others.

    python3 .github/scripts/grade_pushed.py [--base REV] [--all] [--out graded]

For each notebook the grader (`$AUTOGRADER`, default `.venv/bin/autograder`; split like a shell
command line) runs once:

    <grader> grade --assignment <assignment> --results <out>/results.json --feedback <out>/feedback.html
                   --quiet -- submissions/<assignment>/<student>.ipynb

with <out> = <--out>/<assignment>/<student>, each part reduced to letters, digits, `.`, `_` and `-`
(with a short hash of the original path when it had to be changed, so two names never meet); the
original path is kept in <out>/source.txt and the grader's messages in <out>/grader.log. File names
come from `git diff -z` / `git ls-files -z` and go to the grader as one argument each: spaces,
quotes, non-ASCII, newlines, leading dashes are all fine. A notebook that is a symbolic link or not a
plain file is never given to the grader (it could point anywhere on the runner).

One line per notebook (`graded ...` or `NOT GRADED ...`, control characters shown escaped). Exit
status 0 when every notebook was graded (whatever its score), 1 when some could not be (the grader
exited non-zero: 2 usage, 3 grader fault; it timed out, `$GRADE_TIMEOUT` seconds, default 900; the
file is not where the layout wants it or not a plain file), listed at the end; 2 for a bad command
line or when git fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import signal
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

PATHSPEC = "submissions/*.ipynb"
SAFE = re.compile(r"[^A-Za-z0-9._-]")


def printable(text: str, limit: int = 300) -> str:
    """A name or message on one line: control and format characters (newline, escape, bidi
    overrides...) shown as escapes, undecodable bytes as \\udcXX."""
    shown = "".join(char if unicodedata.category(char)[0] != "C" and char not in "\u2028\u2029"
                    else char.encode("unicode_escape", "backslashreplace").decode("ascii")
                    for char in text)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def safe_name(part: str, path: str) -> str:
    """A folder name that every file system and upload-artifact accept."""
    name = SAFE.sub("_", part).lstrip(".-")[:80]
    if name != part or not name:
        digest = hashlib.sha256(os.fsencode(path)).hexdigest()[:8]
        name = f"{name or 'notebook'}-{digest}"
    return name


def git_paths(args: list[str]) -> list[str]:
    """NUL-separated path names from git, as str (undecodable bytes kept via surrogateescape)."""
    done = subprocess.run(["git", *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"grade_pushed: git {' '.join(args)} failed: "
                         f"{printable(os.fsdecode(done.stderr.strip()))}")
    return [os.fsdecode(name) for name in done.stdout.split(b"\0") if name]


def usable_base(base: str) -> bool:
    if not base or set(base) == {"0"}:  # GitHub's "before" of a new branch is all zeros
        return False
    return subprocess.run(["git", "rev-parse", "-q", "--verify", f"{base}^{{commit}}"],
                          capture_output=True, check=False).returncode == 0


def changed_notebooks(base: str, grade_all: bool) -> list[str]:
    if grade_all or not usable_base(base):
        if not grade_all:
            print(f"no usable base commit ({printable(base) or 'none given'}): grading every notebook")
        return git_paths(["ls-files", "-z", "--", PATHSPEC])
    # added, modified or turned into something else (a link); a rename counts as added
    return git_paths(["diff", "-z", "--name-only", "--no-renames", "--diff-filter=AMT", base, "HEAD",
                      "--", PATHSPEC])


def refusal(path: str) -> str:
    """Why a path must not be given to the grader ("" when it may)."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != "submissions" or not parts[1] or parts[2] == ".ipynb":
        return "not at submissions/<assignment>/<student>.ipynb"
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return "a symbolic link, not a notebook: submit the notebook file itself"
    if not stat.S_ISREG(mode):
        return "not a plain file"
    return ""


def grader_reason(code: int | None, log: str, results: Path) -> str:
    if code is None:
        return "the grader did not finish in time"
    lines = [line for line in log.splitlines() if line.startswith("autograder:")]
    if lines:
        return lines[-1][len("autograder:"):].strip()
    try:
        fault = json.loads(results.read_text(encoding="utf-8"))["extra_data"]["grader_fault"]
    except (OSError, ValueError, KeyError, TypeError):
        fault = ""
    kind = {2: "usage error", 3: "grader fault"}.get(code, f"exit status {code}")
    return f"{kind}: {fault}" if fault else kind


def score_text(results: Path) -> str:
    try:
        data = json.loads(results.read_text(encoding="utf-8"))
        maximum = sum(float(test.get("max_score", 0)) for test in data.get("tests", []))
        return f"{float(data['score']):g}/{maximum:g}"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def run_bounded(command: list[str], log: Path, timeout: float) -> int | None:
    """Run the grader with its output in `log`; None when it ran out of time (then it and every
    process it started are killed: they are in a session of their own)."""
    with open(log, "wb") as handle:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        except OSError as exc:  # the grader cannot be started at all
            handle.write(f"autograder: cannot run {command[0]}: {exc.strerror}\n".encode())
            return 127
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                pass
            process.wait()
            return None


def grade(path: str, out_root: Path, grader: list[str], timeout: float, shown_root: str) -> tuple[bool, str]:
    """Grade one notebook; (graded, the line to print). `shown_root`: how the line names out_root."""
    shown = printable(path)
    reason = refusal(path)
    if reason:
        return False, f"NOT GRADED {shown}: {reason}"
    _, assignment, file_name = path.split("/")
    student = file_name[: -len(".ipynb")]
    out = out_root / safe_name(assignment, path) / safe_name(student, path)
    out.mkdir(parents=True, exist_ok=True)
    (out / "source.txt").write_bytes(os.fsencode(path) + b"\n")
    results, feedback = out / "results.json", out / "feedback.html"
    for stale in (results, feedback):
        stale.unlink(missing_ok=True)
    command = [*grader, "grade", "--assignment", assignment, "--results", str(results),
               "--feedback", str(feedback), "--quiet", "--", path]
    code = run_bounded(command, out / "grader.log", timeout)
    log = (out / "grader.log").read_text(encoding="utf-8", errors="replace")
    where = os.path.join(shown_root, out.parent.name, out.name)
    if code == 0 and results.is_file():
        return True, f"graded {shown} -> {where}: {score_text(results)}"
    reason = grader_reason(code, log, results) if code != 0 else "the grader wrote no results.json"
    return False, f"NOT GRADED {shown} -> {where}: {printable(reason)}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="", help="grade what changed between this commit and HEAD")
    parser.add_argument("--all", action="store_true", help="grade every notebook under submissions/")
    parser.add_argument("--out", type=Path, default=Path("graded"), help="folder for the results (default: graded)")
    args = parser.parse_args(argv)
    grader = shlex.split(os.environ.get("AUTOGRADER", ".venv/bin/autograder"))
    timeout = float(os.environ.get("GRADE_TIMEOUT", "900"))
    if not grader:
        parser.error("AUTOGRADER is empty")

    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, check=False)
    if top.returncode != 0:
        print("grade_pushed: not inside a git repository", file=sys.stderr)
        return 2
    out_root, shown_root = args.out.resolve(), printable(str(args.out))
    os.chdir(os.fsdecode(top.stdout.rstrip(b"\n")))
    out_root.mkdir(parents=True, exist_ok=True)
    try:
        notebooks = changed_notebooks(args.base, args.all)
    except SystemExit as failed:
        print(failed, file=sys.stderr)
        return 2
    if not notebooks:
        print("no changed notebooks under submissions/")
        return 0

    failed = []
    for path in notebooks:
        graded, line = grade(path, out_root, grader, timeout, shown_root)
        print(line, flush=True)
        if not graded:
            failed.append(printable(path))
    print(f"{len(notebooks) - len(failed)} of {len(notebooks)} notebook(s) graded")
    if failed:
        print(f"not graded ({len(failed)}): " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
