"""A control group per grading process: the submission it grades is bounded as a whole.

Everything the zygote starts (one worker at a time, and whatever that worker starts) lives in the
grading process's cgroup, so that
- CPU: each cgroup has the same weight, so a submission running many busy processes gets the same
  share of the machine as an honest one graded at the same time (its classmate's time limits hold);
- memory: one limit for all its processes together (a limit per process, RLIMIT_AS, would let
  every child take the whole amount again);
- processes: one limit for all of them, which binds even a root grader (RLIMIT_NPROC does not);
- nothing survives: after each worker, every process in the cgroup but the zygote is killed.

Linux cgroup v2 (the unified hierarchy, where the cpu, memory and pids controllers are enabled) or
v1 (one hierarchy per controller), written directly: there is no maintained Python library for
cgroup files, and these are a handful of writes. Only a root grader can create cgroups; without
them the limits stay per process, and the summary and results.json say so.
"""

from __future__ import annotations

import functools
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
PARENT = "autograder"
V1_CONTROLLERS = ("cpu", "memory", "pids")
V2_CONTROLLERS = ("cpu", "memory", "pids")
ZYGOTE_ALLOWANCE_MB = 384  # the zygote's own memory (Python, numpy, matplotlib) inside the same cgroup


def _write(path: Path, value: str) -> None:
    with open(path, "w") as handle:
        handle.write(value)


def _v2_usable() -> bool:
    controllers = ROOT / "cgroup.controllers"
    try:
        return set(V2_CONTROLLERS) <= set(controllers.read_text().split())
    except OSError:
        return False


def _v1_usable() -> bool:
    return all((ROOT / controller / "cgroup.procs").is_file() for controller in V1_CONTROLLERS)


@functools.lru_cache(maxsize=1)
def version() -> int:
    """2 or 1 when this process can create cgroups with the cpu, memory and pids controllers, else 0."""
    if os.environ.get("AUTOGRADER_CGROUPS", "").lower() in ("off", "0", "no"):
        return 0  # the operator's choice: limits per process only (README, threat model)
    if os.geteuid() != 0:
        return 0
    for number, usable, base in ((2, _v2_usable, lambda: [ROOT / PARENT]),
                                 (1, _v1_usable, lambda: [ROOT / c / PARENT for c in V1_CONTROLLERS])):
        if not usable():
            continue
        try:
            for folder in base():
                folder.mkdir(exist_ok=True)
            if number == 2:
                _write(ROOT / "cgroup.subtree_control", " ".join(f"+{c}" for c in V2_CONTROLLERS))
                _write(ROOT / PARENT / "cgroup.subtree_control", " ".join(f"+{c}" for c in V2_CONTROLLERS))
            probe = Cgroup.make(f"probe-{os.getpid()}", 64 << 20, 8, number)
            probe.remove()
            return number
        except OSError:
            continue
    return 0


def _set_v1_memory(folder: Path, memory_bytes: int) -> None:
    """memory (and memory+swap, where the kernel accounts swap) limits of a v1 memory cgroup. The
    kernel keeps memsw >= memory at every step, so the order depends on the direction."""
    memsw = folder / "memory.memsw.limit_in_bytes"
    targets = [folder / "memory.limit_in_bytes"] + ([memsw] if memsw.exists() else [])
    for attempt in (targets, targets[::-1]):
        try:
            for target in attempt:
                _write(target, str(memory_bytes))
            return
        except OSError:
            continue
    _write(folder / "memory.limit_in_bytes", str(memory_bytes))  # raises: the reason reaches the caller


@dataclass
class Cgroup:
    name: str
    folders: tuple[Path, ...]   # one per v1 controller, or the one v2 folder
    version: int
    permanent: frozenset = frozenset()  # the processes that stay between submissions (bwrap, zygote)

    @classmethod
    def make(cls, name: str, memory_bytes: int, processes: int, number: int | None = None) -> "Cgroup":
        number = number or version()
        if number == 2:
            folder = ROOT / PARENT / name
            folder.mkdir()
            _write(folder / "memory.max", str(memory_bytes))
            if (folder / "memory.swap.max").exists():
                _write(folder / "memory.swap.max", "0")
            _write(folder / "pids.max", str(processes))
            _write(folder / "cpu.weight", "100")
            return cls(name, (folder,), 2)
        folders = tuple(ROOT / controller / PARENT / name for controller in V1_CONTROLLERS)
        for folder in folders:
            folder.mkdir()
        cpu, memory, pids = folders
        _write(cpu / "cpu.shares", "1024")
        _set_v1_memory(memory, memory_bytes)
        _write(pids / "pids.max", str(processes))
        return cls(name, folders, 1)

    def set_limits(self, memory_bytes: int, processes: int) -> None:
        if self.version == 2:
            _write(self.folders[0] / "memory.max", str(memory_bytes))
            _write(self.folders[0] / "pids.max", str(processes))
            return
        _, memory, pids = self.folders
        _set_v1_memory(memory, memory_bytes)
        _write(pids / "pids.max", str(processes))

    def join(self, pid: int = 0) -> None:
        """Move a process (0: the caller) into this cgroup; its children are born in it."""
        pid = pid or os.getpid()
        for folder in self.folders:
            _write(folder / "cgroup.procs", str(pid))

    def processes(self) -> set[int]:
        found = set()
        for folder in self.folders:
            try:
                found |= {int(line) for line in (folder / "cgroup.procs").read_text().split()}
            except (OSError, ValueError):
                pass
        return found

    def remember_permanent(self) -> None:
        """The processes in the cgroup now (bubblewrap, the zygote) stay when strays are killed."""
        self.permanent = frozenset(self.processes())

    def kill_strays(self, keep: frozenset | None = None, seconds: float = 5.0) -> int:
        """SIGKILL every process of the cgroup but `keep` (default: the permanent ones), until none
        is left; the process limit keeps a fork bomb from outgrowing the loop. Returns how many."""
        keep = self.permanent if keep is None else keep
        killed, deadline = 0, time.monotonic() + seconds
        while time.monotonic() < deadline:
            strays = self.processes() - keep
            if not strays:
                break
            for pid in strays:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
                except ProcessLookupError:
                    pass
            time.sleep(0.01)
        return killed

    def remove(self) -> None:
        """Kill everything in the cgroup and delete it."""
        if self.version == 2:
            try:
                _write(self.folders[0] / "cgroup.kill", "1")
            except OSError:
                pass
        self.kill_strays(keep=frozenset())
        for folder in self.folders:
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)  # the killed processes are leaving


def for_grading_process(memory_mb: int, processes: int) -> Cgroup | None:
    """A fresh cgroup for this grading process's zygote (None where cgroups cannot be used)."""
    if not version():
        return None
    remove_stale()
    name = f"grader-{os.getpid()}-{time.monotonic_ns()}"
    try:
        return Cgroup.make(name, (memory_mb + ZYGOTE_ALLOWANCE_MB) << 20, processes + 8)
    except OSError:
        return None


def remove_stale() -> None:
    """Remove the cgroups of grading processes that are gone (killed before they could clean up)."""
    number = version()
    parents = [ROOT / PARENT] if number == 2 else [ROOT / c / PARENT for c in V1_CONTROLLERS]
    for parent in parents:
        for folder in parent.glob("grader-*-*"):
            pid = folder.name.split("-")[1]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                stale = Cgroup(folder.name, (folder,), number)
                stale.remove()
