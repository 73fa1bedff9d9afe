"""The grader's handle on the zygote: one per grading process, started on first use.

`spawn()` hands the zygote one end of a fresh socket pair and gets back the pid of a new worker
serving the other end; `kill()` ends that worker and everything it started.
"""

from __future__ import annotations

import atexit
import functools
import json
import multiprocessing.util
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

from ..config import Limits
from . import cgroups
from .isolation import python_under_tmp, worker_limits, worker_uid, zygote_command, zygote_preexec

READY_SECONDS = 60
SCRATCH_PREFIX = "autograder-zygote-"


class ZygoteError(RuntimeError):
    """The zygote could not be started or stopped answering (a fault of the grader's machine)."""


class ZygoteLauncher:
    def __init__(self, mode: str):
        self.mode = mode
        self.owner = os.getpid()
        self._process: subprocess.Popen | None = None
        self._control: socket.socket | None = None
        self._scratch: tempfile.TemporaryDirectory | None = None
        self._ready = False
        self.cgroup: cgroups.Cgroup | None = None  # bounds each submission as a whole, where possible
        self._cgroup_limits: tuple[int, int] | None = None

    @property
    def whole_submission_limits(self) -> bool:
        """True when memory, processes and CPU share bound a submission as a whole (a cgroup)."""
        return self.cgroup is not None

    # ---------------------------------------------------------------- lifecycle
    def _start(self) -> None:
        remove_stale_scratch()
        self._scratch = tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
        defaults = Limits()
        self.cgroup = cgroups.for_grading_process(defaults.memory_mb, defaults.processes)
        self._cgroup_limits = (defaults.memory_mb, defaults.processes)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        command = zygote_command(Path(self._scratch.name), self.mode, theirs.fileno())
        log = open(Path(self._scratch.name) / "zygote.log", "wb")
        self._process = subprocess.Popen(command.argv, env=command.env, cwd=command.cwd,
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                         pass_fds=(theirs.fileno(),),
                                         preexec_fn=functools.partial(zygote_preexec, self.cgroup))
        log.close()
        theirs.close()
        ours.settimeout(READY_SECONDS)
        self._control = ours
        self._ready = False

    def prestart(self) -> None:
        """Start the zygote now, without waiting: its imports overlap with the grader's own."""
        if self._process is None:
            self._start()

    def _wait_ready(self) -> None:
        try:
            ready = json.loads(self._control.recv(65536) or b"{}")
        except (OSError, ValueError):
            ready = {}
        if not ready.get("ready"):
            log = self._log_tail()
            self.close()
            raise ZygoteError(f"the sandbox did not start ({log})")
        self._ready = True
        if self.cgroup is not None:
            self.cgroup.remember_permanent()  # bubblewrap and the zygote: they stay between submissions

    def _log_tail(self) -> str:
        try:
            return (Path(self._scratch.name) / "zygote.log").read_text(errors="replace")[-1500:]
        except (OSError, AttributeError):
            return "no log"

    def close(self) -> None:
        if os.getpid() != self.owner:
            return  # a forked copy: the zygote belongs to the parent
        process, self._process = self._process, None
        if self._control is not None:
            self._control.close()
            self._control = None
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()
        if self.cgroup is not None:
            self.cgroup.remove()
            self.cgroup = None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def _ask(self, request: dict, fds=()) -> dict:
        if self._process is None:
            self._start()
        if not self._ready:
            self._wait_ready()
        try:
            socket.send_fds(self._control, [json.dumps(request).encode()], list(fds))
            reply = self._control.recv(65536)
            if not reply:
                raise OSError("closed")
            return json.loads(reply)
        except (OSError, ValueError) as exc:
            log = self._log_tail()
            self.close()
            raise ZygoteError(f"the sandbox stopped answering ({exc}; {log})") from None

    # ---------------------------------------------------------------- workers
    def spawn(self, limits: Limits) -> tuple[int, socket.socket]:
        if self._process is None:
            self._start()
        if self.cgroup is not None and self._cgroup_limits != (limits.memory_mb, limits.processes):
            self.cgroup.set_limits((limits.memory_mb + cgroups.ZYGOTE_ALLOWANCE_MB) << 20, limits.processes + 8)
            self._cgroup_limits = (limits.memory_mb, limits.processes)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        request = {"op": "spawn", "uid": worker_uid(self.mode), "private_mounts": self.mode == "bwrap",
                   "fresh_tmp": not python_under_tmp(), "limits": worker_limits(limits)}
        try:
            reply = self._ask(request, fds=(theirs.fileno(),))
        except ZygoteError:
            reply = self._ask(request, fds=(theirs.fileno(),))  # once more, with a fresh zygote
        finally:
            theirs.close()
        return reply["pid"], ours

    def kill(self, pid: int, ending: bool = False) -> dict:
        """End the worker; return how it had ended by itself ({"exit_code"}, {"signal"}) if it had.

        `ending`: its channel closed, so it is on its way out; the zygote waits a moment for it.
        """
        if self._process is None:
            return {}
        try:
            ended = self._ask({"op": "kill", "pid": pid, "ending": ending})
        except ZygoteError:
            return {}  # the zygote is gone, and its workers with it
        if self.cgroup is not None:
            self.cgroup.kill_strays()  # whatever escaped the zygote's own clean-up: nothing survives
        return ended


def remove_stale_scratch() -> None:
    """Remove the scratch folders of grading processes that are gone (killed before their exit
    handlers ran): each folder's name starts with the pid of the process that made it."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # alive (owned by another user)


_LAUNCHERS: dict[str, ZygoteLauncher] = {}


def launcher_for(mode: str) -> ZygoteLauncher:
    """This process's launcher for `mode` (a forked batch process gets its own, not its parent's).

    It is closed when the process exits: by atexit in a main process, by multiprocessing's
    finalizers in a pool process (which ends without running atexit handlers).
    """
    launcher = _LAUNCHERS.get(mode)
    if launcher is None or launcher.owner != os.getpid():
        launcher = _LAUNCHERS[mode] = ZygoteLauncher(mode)
        atexit.register(launcher.close)
        multiprocessing.util.Finalize(launcher, launcher.close, exitpriority=0)
    return launcher
