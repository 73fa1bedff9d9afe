"""How the worker process is started: bubblewrap where it works, else a weaker process mode.

"bwrap": private mount, PID, network and IPC namespaces; the worker sees the Python installation
read-only, two small private tmpfs folders (/sandbox, /tmp), and nothing of the project (no
solutions, tests, gradebook or other submissions). A root grader's worker also drops to an
unprivileged uid, so that it holds no capabilities and the process limit binds.
"process": a fresh temporary folder, a cleared environment, resource limits and its own session;
it does NOT hide the file system or the network (README, threat model).
Both modes apply the resource limits of `config.Limits` with setrlimit.
"""

from __future__ import annotations

import ctypes
import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from .config import Limits

WORKER_FILES = ("worker.py", "wire.py")
PR_SET_PDEATHSIG = 1
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


def prepare_scratch(scratch: Path, owner: int | None) -> Path:
    """Copy the worker's two files into a read-only folder; make the worker's writable home."""
    code_dir = scratch / "_worker"
    code_dir.mkdir(parents=True, exist_ok=True)
    source_dir = Path(__file__).resolve().parent
    for name in WORKER_FILES:
        shutil.copyfile(source_dir / name, code_dir / name)
    home = scratch / "work"
    home.mkdir(exist_ok=True)
    if owner is not None:
        os.chown(home, owner, owner)
    return code_dir


def _traversable_by_others(path: str) -> bool:
    """True when every folder on the way to `path` lets other users in (o+x)."""
    current = Path(path).resolve()
    for folder in [current, *current.parents]:
        try:
            if not folder.stat().st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


def unprivileged_uid(mode: str) -> int | None:
    """The uid the worker switches to, or None when it keeps the grader's uid.

    Only a root grader can switch. A uid of its own per grading process keeps the process limit
    (RLIMIT_NPROC, counted per user) from being shared with other graders' workers. In process mode
    the interpreter must be readable by other users (here it may live under /root).
    """
    if os.getuid() != 0:
        return None
    if mode == "process" and not all(_traversable_by_others(root) for root in python_roots()):
        return None
    return 200_000 + os.getpid() % 100_000


def traversable_parents(folders: list[str]) -> list[str]:
    """bwrap arguments creating the parents of bind targets with mode 0755.

    bwrap would create them private (0700), which the unprivileged worker could not enter.
    """
    parents = sorted({str(parent) for folder in folders for parent in Path(folder).parents if str(parent) != "/"},
                     key=lambda path: path.count("/"))
    argv = []
    for parent in parents:
        argv += ["--perms", "0755", "--dir", parent]
    return argv


def build_command(scratch: Path, mode: str, limits: Limits) -> WorkerCommand:
    uid = unprivileged_uid(mode)
    code_dir = prepare_scratch(scratch, owner=uid if mode == "process" else None)
    python = sys.executable
    if mode == "process":
        home = str(scratch / "work")
        env = worker_environment(home) | ({"AUTOGRADER_UID": str(uid)} if uid is not None else {})
        return WorkerCommand([python, "-I", str(code_dir / "worker.py")], env, home, mode)
    # Namespaces: no view of the host's processes, network, IPC or files beyond the binds below.
    # As root, no user namespace: the worker then drops to an unprivileged uid of the host itself.
    argv = ["bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev"]
    if os.getuid() != 0:
        argv.append("--unshare-user")
    tmpfs_bytes = str(limits.file_mb << 20)
    argv += ["--size", tmpfs_bytes, "--perms", "1777", "--tmpfs", "/tmp",
             "--size", tmpfs_bytes, "--perms", "1777", "--tmpfs", SANDBOX_HOME]
    for folder in ("/usr", "/bin", "/lib", "/lib64", "/etc/alternatives", "/etc/ld.so.cache"):
        if os.path.exists(folder):
            argv += ["--ro-bind", folder, folder]
    # the interpreter may be a symlink (a venv): bind the folder of its target too
    python_dirs = python_roots() + sorted({os.path.dirname(python), os.path.dirname(os.path.realpath(python))})
    argv += traversable_parents(python_dirs)
    for folder in python_dirs:
        argv += ["--ro-bind", folder, folder]
    argv += ["--ro-bind", str(code_dir), "/worker", "--chdir", SANDBOX_HOME,
             "--", python, "-I", "/worker/worker.py"]
    env = worker_environment(SANDBOX_HOME) | ({"AUTOGRADER_UID": str(uid)} if uid is not None else {})
    return WorkerCommand(argv, env, str(scratch / "work"), mode)


def limit_resources(limits: Limits):
    """A preexec function that sets the worker's rlimits (inherited by bwrap and the child).

    RLIMIT_NPROC counts processes and threads per user and does not bind root: it takes effect
    once the worker has switched to its unprivileged uid.
    """

    def apply() -> None:
        os.setsid()
        # die with the grading process, even when it is killed with SIGKILL
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
        memory = limits.memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        files = limits.file_mb << 20
        resource.setrlimit(resource.RLIMIT_FSIZE, (files, files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))

    return apply
