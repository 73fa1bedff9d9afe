"""Generate an assignment's release: the student notebook, its public test files and their helpers.

    python -m autograder.release [assignment ...]      (default: every assignment in source_notebooks/)

`generate(root, assignment)` runs `nbgrader generate_assignment <assignment> --force` in `root`,
which turns `source_notebooks/<a>/` into `assignments/<a>/`: the student notebook (solutions
replaced by stubs) and every other file of the source folder, among them the public test files
`tests/<problem>.py` that the notebook's `grader.check("<problem>")` cells run (otter-grader).

Those test files import the comparison helpers of the hidden suites from `public_compare.py`, a copy
of `autograder/suite/compare.py` written beside the notebook (`COMPARE_COPY`). Why there: otter executes a
test file with empty globals (no `__file__`) in the kernel that runs the notebook, whose working
directory is the notebook's folder (in Jupyter, and for `otter check <notebook>` run from that folder,
as otter's default `--tests-path ./tests` assumes) and whose `sys.path` holds that directory. It
cannot go into `tests/`: otter takes every `tests/*.py` for a test file. The copy is written into the
source folder as well (so that an instructor can run the checks on the source notebook) and again
into the release after nbgrader has copied the folder. A project test fails when a copy drifts.

`public_checks.py` (`CHECKS_COPY`), a copy of `autograder/public_checks.py`, goes the same way: the
notebook's `otter_setup` cell builds `grader` with it, so that a failed `grader.check` shows on stderr
and nbgrader's Validate fails the cell.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .config import PROJECT_ROOT, tool_environment

COMPARE_SOURCE = Path(__file__).resolve().parent / "suite" / "compare.py"
COMPARE_COPY = "public_compare.py"
COMPARE_HEADER = "# generated from autograder/suite/compare.py by autograder/release.py; do not edit\n"
CHECKS_SOURCE = Path(__file__).resolve().parent / "public_checks.py"
CHECKS_COPY = "public_checks.py"
CHECKS_HEADER = "# generated from autograder/public_checks.py by autograder/release.py; do not edit\n"
# Written beside every notebook that has public checks: the copy's name -> (its header, its source).
COPIES = {COMPARE_COPY: (COMPARE_HEADER, COMPARE_SOURCE), CHECKS_COPY: (CHECKS_HEADER, CHECKS_SOURCE)}
# Left behind when someone runs the checks in a folder; never part of a release.
LEFTOVERS = (".OTTER_LOG", "__pycache__", ".ipynb_checkpoints")


class ReleaseError(RuntimeError):
    """nbgrader could not generate an assignment; the message holds its output."""


def copy_text(name: str) -> str:
    """What the copy `name` (public_compare.py, public_checks.py) must contain: its header, then its
    source in autograder/ unchanged."""
    header, source = COPIES[name]
    return header + source.read_text(encoding="utf-8")


def compare_copy_text() -> str:
    return copy_text(COMPARE_COPY)


def checks_copy_text() -> str:
    return copy_text(CHECKS_COPY)


def write_copies(folder: Path) -> list[Path]:
    """Write (or refresh) every copy of COPIES into `folder`."""
    paths = []
    for name in COPIES:
        path = folder / name
        text = copy_text(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def source_assignments(root: Path) -> list[str]:
    """Every `source_notebooks/<a>/` that holds `<a>.ipynb`."""
    return sorted(p.name for p in (root / "source_notebooks").iterdir() if (p / f"{p.name}.ipynb").is_file())


def _remove_leftovers(folder: Path) -> None:
    for name in LEFTOVERS:
        for path in folder.rglob(name):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def generate(root: Path, assignment: str, *, log_level: str = "WARN", db_url: str | None = None) -> Path:
    """Release `assignment` into `root/assignments/<assignment>/` and return that folder.

    `db_url` replaces the gradebook of nbgrader_config.py (nbgrader records the notebook's cells in
    it). When nbgrader fails, the previous release is put back (nbgrader deletes it) and ReleaseError
    carries nbgrader's output.
    """
    root = Path(root)
    source = root / "source_notebooks" / assignment
    if not (source / f"{assignment}.ipynb").is_file():
        raise ReleaseError(f"no source notebook {source / (assignment + '.ipynb')}")
    if (source / "tests").is_dir():
        write_copies(source)
    release = root / "assignments" / assignment
    command = [str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", assignment, "--force",
               f"--log-level={log_level}"] + ([f"--CourseDirectory.db_url={db_url}"] if db_url else [])
    with tempfile.TemporaryDirectory(prefix="release-backup-") as scratch:
        backup = Path(scratch) / assignment
        if release.is_dir():
            shutil.copytree(release, backup)
        finished = subprocess.run(command, cwd=root, env=tool_environment(), capture_output=True, text=True)
        if finished.returncode != 0:
            if backup.is_dir():
                shutil.rmtree(release, ignore_errors=True)
                shutil.copytree(backup, release)
            output = finished.stdout + finished.stderr
            hint = ""
            if "Cannot add or remove cells" in output:
                hint = ("\nThe gradebook holds submissions of this assignment, so nbgrader keeps its cells as "
                        "they are. For a demo gradebook, `make clean` removes it; otherwise pass another "
                        "gradebook (--db-url) and see nbgrader's documentation on changing released assignments.")
            raise ReleaseError(f"nbgrader generate_assignment {assignment} failed (exit status "
                               f"{finished.returncode}); assignments/{assignment} was left as it was:\n"
                               f"{output}{hint}")
    if finished.stderr.strip():
        sys.stderr.write(finished.stderr)
    _remove_leftovers(release)
    if (release / "tests").is_dir():
        write_copies(release)
    return release


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.release", description=__doc__.split("\n")[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment in source_notebooks/")
    parser.add_argument("--db-url", help="another gradebook for nbgrader (default: nbgrader_config.py's)")
    parser.add_argument("--log-level", default="WARN", help="nbgrader's log level (default: WARN)")
    args = parser.parse_args(argv)
    root = PROJECT_ROOT
    for name in args.assignments or source_assignments(root):
        try:
            release = generate(root, name, log_level=args.log_level, db_url=args.db_url)
        except ReleaseError as exc:
            print(exc, file=sys.stderr)
            return 1
        files = sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file())
        print(f"{name}: {len(files)} files in {release.relative_to(root)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
