"""Gradescope: `autograder export-gradescope A` builds the autograder zip; `run` grades inside it.

The zip's root is a course root of its own (what `GradingConfig(root=...)` reads), so the grader
finds the suite, the reference and the release exactly as it does in this repository:

    setup.sh                     Gradescope runs it once, as root, when it builds the image: Python 3.11,
                                 the grader's runtime dependencies from requirements.lock, bubblewrap
    run_autograder               Gradescope runs it for every submission
    requirements.lock            what setup.sh installs (`pip install --no-deps --require-hashes -r`): the
                                 runtime dependencies of pyproject.toml, the whole tree, exact
                                 versions with hashes
    pyproject.toml
    autograder/                  this package (its source files)
    tests/hidden/A/              the hidden suite
    solutions/A.py               the reference
    assignments/A/A.ipynb        the released notebook (edited locked cells are restored from it)

`run_autograder` runs `python -m autograder.gradescope run A`, which grades the submitted notebook
(`A.ipynb`, else the only `.ipynb`) and writes `results/results.json`. It always exits 0 and always
leaves a results.json: a missing or unusable notebook scores 0 with the reason. Paths and the
interpreter come from AUTOGRADER_GRADESCOPE_ROOT (default /autograder) and AUTOGRADER_PYTHON
(default the venv that setup.sh made), so the same script runs in a test.
"""

from __future__ import annotations

import argparse
import json
import secrets
import stat
import sys
import traceback
import zipfile
from pathlib import Path

from .config import GradingConfig
from .errors import UsageError

ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed timestamps: the same sources give the same zip

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -uo pipefail
ROOT="${AUTOGRADER_GRADESCOPE_ROOT:-/autograder}"
SOURCE="$ROOT/source"
VENV="$ROOT/venv"
export DEBIAN_FRONTEND=noninteractive

have() { command -v "$1" >/dev/null 2>&1; }
apt_install() { have apt-get && apt-get install -y -qq "$@" >/dev/null; }
have apt-get && apt-get update -qq >/dev/null

# bubblewrap isolates student code where the container allows it; otherwise the grader uses its
# weaker process mode and says so in results.json.
apt_install bubblewrap || echo "bubblewrap not installed: grading will use the weaker process mode"

# Python 3.11: the grader's pinned dependencies need it.
is311() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; }
PYTHON=""
for candidate in python3.11 python3; do
  if have "$candidate" && is311 "$candidate"; then PYTHON=$(command -v "$candidate"); break; fi
done
if [ -z "$PYTHON" ] && apt_install python3.11 python3.11-venv && have python3.11; then
  PYTHON=$(command -v python3.11)
fi
if [ -n "$PYTHON" ] && ! "$PYTHON" -m venv "$VENV"; then
  rm -rf "$VENV"  # no ensurepip: Debian ships venv support separately
  apt_install python3.11-venv || apt_install python3-venv
  "$PYTHON" -m venv "$VENV" || { rm -rf "$VENV"; PYTHON=""; }
fi
set -e
if [ -z "$PYTHON" ]; then
  # no usable python3.11 package (e.g. Ubuntu 24.04): a standalone Python 3.11 through uv, kept
  # outside /root so that an unprivileged worker can run it
  apt_install python3-pip python3-venv || true
  python3 -m pip install --quiet uv 2>/dev/null || python3 -m pip install --quiet --break-system-packages uv
  export UV_PYTHON_INSTALL_DIR=/opt/uv-python
  python3 -m uv venv --seed --python 3.11 "$VENV"
fi
# the grader's runtime dependencies, exactly as locked: every file is checked against its hash
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
  -r "$SOURCE/requirements.lock"
# the worker, dropped to an unprivileged uid, must reach the interpreter but not the sources
chmod o+x "$ROOT"
chmod -R go-rwx "$SOURCE"
PYTHONPATH="$SOURCE" "$VENV/bin/python" -c "import autograder.suite.run" && echo "autograder ready"
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission. It always exits 0 and always leaves results.json:
# a missing or unusable notebook scores 0 with the reason; a fault of the grader says so.
ROOT="${AUTOGRADER_GRADESCOPE_ROOT:-/autograder}"
SOURCE="$ROOT/source"
PYTHON="${AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
RESULTS="$ROOT/results/results.json"
ASSIGNMENT="@ASSIGNMENT@"

mkdir -p "$ROOT/results"
rm -f "$RESULTS"
# student code (in the weaker process mode, under an unprivileged uid) must not read the suite
chmod -R go-rwx "$SOURCE" 2>/dev/null
cd "$SOURCE" || true
PYTHONPATH="$SOURCE" "$PYTHON" -m autograder.gradescope run "$ASSIGNMENT" --gradescope-root "$ROOT"
status=$?
if [ ! -s "$RESULTS" ]; then
  cat > "$RESULTS" <<EOF
{"score": 0, "output": "The autograder could not run on this submission; the course staff will check it.", "tests": [], "extra_data": {"grader_fault": "run_autograder: the grader exited with status $status"}}
EOF
fi
exit 0
"""


# ----------------------------------------------------------------------------- building the zip

def _tree(folder: Path, prefix: str) -> list[tuple[str, Path]]:
    return [(f"{prefix}/{path.relative_to(folder).as_posix()}", path) for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"]


def zip_contents(assignment: str, root: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file on disk) for every file the zip takes from the course root."""
    suite = root / "tests" / "hidden" / assignment
    solution = root / "solutions" / f"{assignment}.py"
    release = root / "assignments" / assignment
    for path, what in ((suite, "hidden suite"), (solution, "reference"), (release / f"{assignment}.ipynb", "released notebook")):
        if not path.exists():
            raise UsageError(f"no {what} for {assignment!r} at {path}")
    package = Path(__file__).resolve().parent
    files = _tree(package, "autograder")
    files += _tree(suite, f"tests/hidden/{assignment}")
    files.append((f"solutions/{assignment}.py", solution))
    files += _tree(release, f"assignments/{assignment}")
    files += [(name, root / name) for name in ("pyproject.toml",) if (root / name).exists()]
    return files


def _add(archive: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    archive.writestr(info, data)


SECRET_NAME, DETAIL_NAME = "secret", "feedback_detail"


def build_zip(assignment: str, output_dir: Path, config: GradingConfig | None = None,
              feedback_detail: str = "explain") -> Path:
    """Write `<output_dir>/<assignment>-gradescope.zip`; return its path. `feedback_detail`: what the
    students' results show of a wrong value ("explain": never the expected value; "full")."""
    config = config or GradingConfig()
    root = config.root
    files = zip_contents(assignment, root)
    lock = root / "requirements.lock"
    if not lock.exists():
        raise UsageError(f"no requirements.lock at {root}: setup.sh installs the pinned versions from it")
    if "--hash=" not in lock.read_text(encoding="utf-8"):
        raise UsageError(f"{lock} has no hashes: setup.sh installs it with --require-hashes (regenerate it "
                         "as the README's 'Developers: dependencies' says)")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{assignment}-gradescope.zip"
    temporary = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temporary, "w") as archive:
        _add(archive, "setup.sh", SETUP_SH.encode(), executable=True)
        _add(archive, "run_autograder", RUN_AUTOGRADER.replace("@ASSIGNMENT@", assignment).encode(), executable=True)
        _add(archive, "requirements.lock", lock.read_bytes())
        # the zip's own secret: each submission's hidden inputs come from it and the notebook's bytes
        # (a student never sees the zip; an upload of the same notebook is graded the same way again)
        _add(archive, SECRET_NAME, (secrets.token_hex(32) + "\n").encode())
        _add(archive, DETAIL_NAME, (feedback_detail + "\n").encode())
        for name, path in files:
            _add(archive, name, path.read_bytes())
    temporary.replace(target)
    return target


# ----------------------------------------------------------------------------- grading inside Gradescope

def find_submission(folder: Path, assignment: str) -> tuple[Path | None, str]:
    """The notebook to grade and, when there is none, why (said to the student)."""
    wanted = f"{assignment}.ipynb"
    notebooks = sorted((p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts),
                       key=lambda p: (len(p.parts), str(p))) if folder.is_dir() else []
    named = [p for p in notebooks if p.name == wanted]
    if named:
        return named[0], ""
    if len(notebooks) == 1:
        return notebooks[0], ""
    if not notebooks:
        return None, f"No notebook was found in your submission: upload {wanted}."
    names = ", ".join(p.relative_to(folder).as_posix() for p in notebooks[:5])
    return None, f"Your submission holds several notebooks ({names}) and none is named {wanted}: upload only {wanted}."


def fault_results(assignment: str, reason: str) -> dict:
    return {"score": 0.0, "tests": [], "visibility": "visible", "stdout_visibility": "hidden",
            "output": "The grader had a problem with this submission; the course staff will check it.",
            "extra_data": {"assignment": assignment, "grader_fault": reason}}


def _zip_secret(source: Path) -> bytes | None:
    try:
        return bytes.fromhex((source / SECRET_NAME).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None  # a zip without one: a random salt per grading


def _zip_detail(source: Path) -> str:
    try:
        detail = (source / DETAIL_NAME).read_text(encoding="ascii").strip()
    except OSError:
        return "explain"
    return detail if detail in ("explain", "full") else "explain"


def run(assignment: str, gradescope_root: Path) -> int:
    """Grade the submission under `gradescope_root` into results/results.json. Always returns 0."""
    from .engine import grade_file
    from .sinks.results_json import write_results
    from .sinks.terminal import summary

    source = gradescope_root / "source"
    results = gradescope_root / "results" / "results.json"
    try:
        notebook, problem = find_submission(gradescope_root / "submission", assignment)
        config = GradingConfig(root=source, secret=_zip_secret(source))
        report = grade_file(notebook or gradescope_root / "submission" / f"{assignment}.ipynb", assignment, config,
                            note=problem or "")
        write_results(report, results, _zip_detail(source))
        print(summary(report))  # Gradescope shows stdout to the instructor only
    except Exception as exc:  # a fault of the grader: said in results.json, traceback for the staff
        traceback.print_exc()
        results.parent.mkdir(parents=True, exist_ok=True)
        results.write_text(json.dumps(fault_results(assignment, f"{type(exc).__name__}: {exc}"), indent=2))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.gradescope")
    commands = parser.add_subparsers(dest="command", required=True)
    runner = commands.add_parser("run", help="grade the submission inside Gradescope's /autograder tree")
    runner.add_argument("assignment")
    runner.add_argument("--gradescope-root", type=Path, default=Path("/autograder"))
    args = parser.parse_args(argv)
    return run(args.assignment, args.gradescope_root.resolve())


if __name__ == "__main__":
    sys.exit(main())
