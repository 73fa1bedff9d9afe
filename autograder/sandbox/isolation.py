"""Where student code runs: the command that starts the zygote, in one of two isolation modes.

"bwrap": the zygote runs under bubblewrap with private PID, network, IPC and UTS namespaces; it sees
the Python installation read-only and nothing of the project (no solutions, tests, gradebook or
other submissions). Each worker it forks then gets a mount namespace of its own (fresh tmpfs home
and /tmp, a /proc that hides other users' processes) and, under a root grader, an unprivileged
uid of its own, so that it holds no capabilities and the process limit binds.
"process": the weaker mode where bubblewrap does not work: a temporary folder, a cleared
environment, resource limits and a session of its own; it does NOT hide the file system or the
network (README, threat model).
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from ..config import Limits

SANDBOX_FILES = ("zygote.py", "worker.py", "wire.py")
SANDBOX_HOME = "/sandbox"
SANDBOX_MPLCONFIG = "/tmp/matplotlib"
PR_SET_PDEATHSIG = 1
_uids = itertools.count()


@dataclass(frozen=True)
class ZygoteCommand:
    argv: list[str]
    env: dict[str, str]
    cwd: str
    mode: str


def sandbox_environment(home: str, mplconfig: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": mplconfig,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
    }


def matplotlib_font_lists() -> list[Path]:
    """The grader's own matplotlib font list caches (fontlist-v*.json), found without importing it.

    The zygote starts with a fresh, empty config folder; given these (read-only), its matplotlib
    import skips scanning the system's fonts, about 0.12 s of every sandbox start. matplotlib
    ignores a file of another version, so a stale one costs nothing but that scan.
    """
    if os.environ.get("MPLCONFIGDIR"):
        folder = Path(os.environ["MPLCONFIGDIR"])
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib"
    try:
        return sorted(path for path in folder.glob("fontlist-v*.json") if path.is_file())
    except OSError:
        return []


def python_under_tmp() -> bool:
    """True when the interpreter or its packages live under /tmp (a fresh /tmp would hide them)."""
    return any(Path(root).resolve().is_relative_to("/tmp") for root in python_roots())


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


def copy_sandbox_code(scratch: Path) -> Path:
    """Copy the zygote's three files into a folder the sandbox mounts read-only."""
    code_dir = scratch / "code"
    code_dir.mkdir(parents=True, exist_ok=True)
    source_dir = Path(__file__).resolve().parent / "inside"
    for name in SANDBOX_FILES:
        shutil.copyfile(source_dir / name, code_dir / name)
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


def worker_uid(mode: str) -> int | None:
    """A fresh unprivileged uid for the next worker, or None when it keeps the grader's uid.

    Only a root grader can switch. One uid per worker keeps workers from signalling each other and
    the process limit (RLIMIT_NPROC, counted per user) from being shared. In process mode the
    interpreter must be readable by other users (here it may live under /root).
    """
    if os.getuid() != 0:
        return None
    if mode == "process" and not all(_traversable_by_others(root) for root in python_roots()):
        return None
    return 200_000 + (os.getpid() % 20_000) * 50 + next(_uids) % 50


def traversable_parents(folders: list[str]) -> list[str]:
    """bwrap arguments creating the parents of bind targets with mode 0755.

    bwrap would create them private (0700), which an unprivileged worker could not enter.
    """
    parents = sorted({str(parent) for folder in folders for parent in Path(folder).parents if str(parent) != "/"},
                     key=lambda path: path.count("/"))
    argv = []
    for parent in parents:
        argv += ["--perms", "0755", "--dir", parent]
    return argv


def zygote_command(scratch: Path, mode: str, control_fd: int) -> ZygoteCommand:
    code_dir = copy_sandbox_code(scratch)
    python = sys.executable
    zygote = [python, "-I", "zygote.py", str(control_fd)]
    font_lists = matplotlib_font_lists()
    if mode == "process":
        home = scratch / "home"
        mplconfig = scratch / "matplotlib"
        mplconfig.mkdir(exist_ok=True)
        home.mkdir(exist_ok=True)
        for font_list in font_lists:
            shutil.copyfile(font_list, mplconfig / font_list.name)
        return ZygoteCommand([python, "-I", str(code_dir / "zygote.py"), str(control_fd)],
                             sandbox_environment(str(home), str(mplconfig)), str(home), mode)
    argv = ["bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev"]
    if os.getuid() != 0:
        argv.append("--unshare-user")  # an unprivileged grader needs a user namespace for the rest
    argv += ["--perms", "1777", "--tmpfs", "/tmp", "--perms", "1777", "--tmpfs", SANDBOX_HOME]
    for folder in ("/usr", "/bin", "/lib", "/lib64", "/etc/alternatives", "/etc/ld.so.cache"):
        if os.path.exists(folder):
            argv += ["--ro-bind", folder, folder]
    # the interpreter may be a symlink (a venv): bind the folder of its target too
    python_dirs = python_roots() + sorted({os.path.dirname(python), os.path.dirname(os.path.realpath(python))})
    argv += traversable_parents(python_dirs)
    for folder in python_dirs:
        argv += ["--ro-bind", folder, folder]
    for font_list in font_lists:
        argv += ["--ro-bind", str(font_list), f"{SANDBOX_MPLCONFIG}/{font_list.name}"]
    argv += ["--ro-bind", str(code_dir), "/sandbox-code", "--chdir", "/sandbox-code", "--", *zygote]
    return ZygoteCommand(argv, sandbox_environment(SANDBOX_HOME, SANDBOX_MPLCONFIG), str(scratch), mode)


def worker_limits(limits: Limits) -> dict:
    """The limits each worker sets on itself after the fork (see zygote.apply_limits)."""
    return {"cpu_seconds": limits.cpu_seconds, "memory_mb": limits.memory_mb,
            "file_mb": limits.file_mb, "processes": limits.processes}


def zygote_preexec(cgroup=None) -> None:
    """The zygote gets a session of its own, dies with the grading process (even on SIGKILL), and
    starts inside the grading process's cgroup (when there is one), shielded from the out-of-memory
    killer: within the cgroup, the worker is the one to go (zygote.py raises the worker's score)."""
    os.setsid()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if cgroup is not None:
        cgroup.join()
        try:
            with open("/proc/self/oom_score_adj", "w") as handle:
                handle.write("-900")
        except OSError:
            pass
