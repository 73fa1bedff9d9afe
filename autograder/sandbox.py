"""How the worker process is started: bubblewrap where it works, else a weaker process mode.

"bwrap": private mount, PID, network and IPC namespaces; the worker sees the Python installation
read-only, its own scratch folder, and nothing of the project (no solutions, tests or gradebook).
"process": a fresh temporary folder, a cleared environment, resource limits and its own session;
it does NOT hide the file system or the network (README, threat model).
Both modes apply the resource limits of `config.Limits` with setrlimit.
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from .config import Limits

WORKER_FILES = ("worker.py", "wire.py")
SANDBOX_HOME = "/sandbox"


@dataclass(frozen=True)
class WorkerCommand:
    argv: list[str]
    env: dict[str, str]
    cwd: str
    mode: str


def worker_environment(home: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": home,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
    }


def python_roots() -> list[str]:
    """Folders the worker's Python needs: the interpreter's prefix and the venv's packages."""
    roots = {sys.base_prefix, sys.prefix, sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    return sorted(r for r in roots if os.path.isdir(r))


@functools.lru_cache(maxsize=1)
def bwrap_works() -> bool:
    """True when bubblewrap is installed and can create its namespaces on this machine."""
    if shutil.which("bwrap") is None:
        return False
    try:
        probe = subprocess.run(
            ["bwrap", "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"],
            capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def resolve_mode(requested: str) -> str:
    if requested == "auto":
        return "bwrap" if bwrap_works() else "process"
    if requested == "bwrap" and not bwrap_works():
        raise RuntimeError("isolation 'bwrap' requested, but bubblewrap does not work on this machine")
    return requested


def prepare_scratch(scratch: Path) -> Path:
    """Copy the worker's two files into a private folder of the scratch space."""
    code_dir = scratch / "_worker"
    code_dir.mkdir(parents=True, exist_ok=True)
    source_dir = Path(__file__).resolve().parent
    for name in WORKER_FILES:
        shutil.copyfile(source_dir / name, code_dir / name)
    (scratch / "work").mkdir(exist_ok=True)
    return code_dir


def build_command(scratch: Path, mode: str) -> WorkerCommand:
    code_dir = prepare_scratch(scratch)
    python = sys.executable
    if mode == "process":
        home = str(scratch / "work")
        return WorkerCommand([python, "-I", str(code_dir / "worker.py")], worker_environment(home), home, mode)
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for folder in ("/usr", "/bin", "/lib", "/lib64", "/etc/alternatives", "/etc/ld.so.cache"):
        if os.path.exists(folder):
            argv += ["--ro-bind", folder, folder]
    for root in python_roots():
        argv += ["--ro-bind", root, root]
    # the interpreter may be a symlink (a venv): bind the folder of its target too
    real_python = os.path.realpath(python)
    argv += ["--ro-bind", os.path.dirname(real_python), os.path.dirname(real_python)]
    if os.path.dirname(python) != os.path.dirname(real_python):
        argv += ["--ro-bind", os.path.dirname(python), os.path.dirname(python)]
    argv += ["--ro-bind", str(code_dir), "/worker",
             "--bind", str(scratch / "work"), SANDBOX_HOME,
             "--chdir", SANDBOX_HOME,
             "--", python, "-I", "/worker/worker.py"]
    return WorkerCommand(argv, worker_environment(SANDBOX_HOME), str(scratch / "work"), mode)


def limit_resources(limits: Limits):
    """A preexec function that sets the worker's rlimits (inherited by bwrap and the child)."""

    def apply() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
        memory = limits.memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        files = limits.file_mb << 20
        resource.setrlimit(resource.RLIMIT_FSIZE, (files, files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    return apply
