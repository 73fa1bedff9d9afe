"""The grader's side of the worker: start it, run the notebook's cells, call functions, enforce time.

A `WorkerSession` owns one worker process at a time. When the student's code hangs or kills the
worker, the session ends that process (its whole process group) and, at the next request, starts a
fresh one and replays the notebook cells that ran before, skipping the cells that hung or crashed.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import wire
from .config import Limits
from .errors import (MissingName, StudentCodeError, StudentTimeout, SubmissionTimeLimit,
                     UnusableValue, WorkerCrashed)
from .figures import decode_figure
from .sandbox import build_command, limit_resources
from .values import RemoteFunction, StudentFunction, Unsupported


def become_subreaper() -> None:
    """Make orphaned descendants of this process its children (Linux prctl PR_SET_CHILD_SUBREAPER)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(36, 1, 0, 0, 0)


def children_of(parent: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            children.append(int(entry))
    return children


@dataclass
class CellOutcome:
    index: int
    status: str          # "ok", "error", "timeout", "crashed"
    message: str = ""


class _Hung(Exception):
    pass


class _Died(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _encode_argument(value):
    def tagged(value):
        if isinstance(value, (RemoteFunction, StudentFunction)):
            return value.to_wire()
        return None

    return wire.encode(value, extra_encoders=(tagged,))


def _decode_reply_value(data):
    def unsupported(tagged):
        return Unsupported(str(tagged.get("__unsupported__"))[:100], str(tagged.get("text", ""))[:300])

    return wire.decode(data, tag_decoders={"__figure__": decode_figure, "__unsupported__": unsupported})


@dataclass
class WorkerSession:
    mode: str
    limits: Limits
    outcomes: list[CellOutcome] = field(default_factory=list)
    timed_out_names: set[str] = field(default_factory=set)
    restarts: int = 0

    def __post_init__(self):
        self._process: subprocess.Popen | None = None
        self._children_before: set[int] = set()
        self._scratch = tempfile.TemporaryDirectory(prefix="autograder-worker-")
        self._deadline = time.monotonic() + self.limits.submission_seconds
        self._replayable: list[tuple[int, str]] = []   # cells run so far that did not hang or crash

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> "WorkerSession":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._kill()
        self._scratch.cleanup()

    def _start(self) -> None:
        if self.mode == "process":
            become_subreaper()
            self._children_before = set(children_of(os.getpid()))
        command = build_command(Path(self._scratch.name), self.mode, self.limits)
        self._process = subprocess.Popen(
            command.argv, env=command.env, cwd=command.cwd,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            preexec_fn=limit_resources(self.limits), close_fds=True)

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the worker and everything it started
        except (ProcessLookupError, PermissionError):
            pass
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        process.wait()
        if self.mode == "process":
            self._kill_orphans()

    def _kill_orphans(self) -> None:
        """End what the worker started and left behind (in bwrap mode the PID namespace does this).

        As a subreaper, this process inherits every orphaned descendant of the worker, even those
        that detached into their own session; kill them until none is left.
        """
        for _ in range(100):
            orphans = set(children_of(os.getpid())) - self._children_before
            if not orphans:
                return
            for pid in orphans:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass

    # ------------------------------------------------------------------ transport
    def _remaining(self) -> float:
        return self._deadline - time.monotonic()

    def _exchange(self, request: dict, seconds: float):
        """Send one request and wait for its reply; raise _Hung or _Died."""
        if self._process is None:
            self._start()
        process = self._process
        try:
            wire.write_frame(process.stdin, request)
        except (BrokenPipeError, OSError):
            raise _Died(self._exit_reason()) from None
        deadline = time.monotonic() + seconds
        header = self._read_exactly(wire.HEADER.size, deadline)
        try:
            length = wire.parse_frame_length(header, self.limits.output_bytes)
            return wire.parse_payload(self._read_exactly(length, deadline))
        except wire.WireError as exc:
            self._kill()
            raise _Died(f"it sent an unreadable reply ({exc})") from None

    def _read_exactly(self, count: int, deadline: float) -> bytes:
        stream = self._process.stdout
        chunks, received = [], 0
        while received < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._kill()
                raise _Hung()
            ready, _, _ = select.select([stream], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(stream.fileno(), min(count - received, 1 << 20))
            if not chunk:
                reason = self._exit_reason()
                self._kill()
                raise _Died(reason)
            chunks.append(chunk)
            received += len(chunk)
        return b"".join(chunks)

    def _exit_reason(self) -> str:
        process = self._process
        try:
            code = process.wait(timeout=2) if process else None
        except subprocess.TimeoutExpired:
            return "it closed its output"
        if code is None:
            return "it stopped answering"
        if code < 0:
            name = signal.Signals(-code).name
            hints = {"SIGXCPU": " (CPU time limit)", "SIGSEGV": " (segmentation fault)",
                     "SIGKILL": " (killed, perhaps out of memory)", "SIGXFSZ": " (file size limit)"}
            return f"it was ended by {name}{hints.get(name, '')}"
        return f"it exited with status {code}"

    # ------------------------------------------------------------------ notebook cells
    def run_notebook(self, cells: list[tuple[int, str]]) -> list[CellOutcome]:
        """Run the cells in order; a hanging or crashing cell is recorded and skipped."""
        self.outcomes = []
        for index, source in cells:
            outcome = self._run_cell(index, source)
            if outcome.status in ("ok", "error"):
                self._replayable.append((index, source))
            self.outcomes.append(outcome)
        return self.outcomes

    def _run_cell(self, index: int, source: str) -> CellOutcome:
        try:
            self._ensure_started()
        except SubmissionTimeLimit:
            return CellOutcome(index, "timeout", f"cell {index} not run: the submission's time limit was reached")
        seconds = min(self.limits.call_seconds, self._remaining())
        if seconds <= 0:
            return CellOutcome(index, "timeout", f"cell {index} not run: the submission's time limit was reached")
        try:
            reply = self._exchange({"op": "run_cell", "index": index, "source": source}, seconds)
        except _Hung:
            return CellOutcome(index, "timeout", f"cell {index} did not finish within {seconds:g} s")
        except _Died as died:
            return CellOutcome(index, "crashed", f"cell {index} ended the Python process: {died.reason}")
        if isinstance(reply, dict) and reply.get("ok") is True:
            return CellOutcome(index, "ok")
        error = reply.get("error") if isinstance(reply, dict) else None
        if isinstance(error, dict):
            return CellOutcome(index, "error", f"{error.get('type')}: {str(error.get('message'))[:300]}")
        return CellOutcome(index, "error", "unreadable reply")

    def _ensure_started(self) -> None:
        """Start a worker if none runs; after a kill, replay the cells that did not hang or crash."""
        if self._process is not None:
            return
        self._start()
        if not self._replayable:
            return
        self.restarts += 1
        for index, source in list(self._replayable):
            seconds = min(self.limits.call_seconds, self._remaining())
            if seconds <= 0:
                raise SubmissionTimeLimit(self.limits.submission_seconds)
            try:
                self._exchange({"op": "run_cell", "index": index, "source": source}, seconds)
            except (_Hung, _Died):  # it ran before; if it fails now, drop it from later replays
                self._replayable.remove((index, source))
                self._ensure_started()
                return

    # ------------------------------------------------------------------ calls
    def request(self, op: str, name: str, args=(), kwargs=None):
        """Ask the worker for `op` on `name`; return the decoded value or raise a StudentFailure."""
        if name in self.timed_out_names:
            raise StudentTimeout(name, self.limits.call_seconds)
        if self._remaining() <= 0:
            raise SubmissionTimeLimit(self.limits.submission_seconds)
        self._ensure_started()
        seconds = min(self.limits.call_seconds, self._remaining())
        message = {"op": op, "name": name}
        if op == "call":
            message["args"] = _encode_argument(list(args))
            message["kwargs"] = _encode_argument(dict(kwargs or {}))
        try:
            reply = self._exchange(message, seconds)
        except _Hung:
            if self._remaining() <= 0:
                raise SubmissionTimeLimit(self.limits.submission_seconds) from None
            self.timed_out_names.add(name)
            raise StudentTimeout(name, seconds) from None
        except _Died as died:
            raise WorkerCrashed(name, died.reason) from None
        return self._interpret(reply, name)

    def _interpret(self, reply, name: str):
        if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
            raise UnusableValue(name, "the worker's reply was malformed")
        if reply["ok"]:
            try:
                return _decode_reply_value(reply.get("value"))
            except wire.WireError as exc:
                raise UnusableValue(name, str(exc)) from None
        if "missing" in reply:
            raise MissingName(name)
        error = reply.get("error")
        if not isinstance(error, dict):
            raise UnusableValue(name, "the worker's reply was malformed")
        raise StudentCodeError(name, str(error.get("type"))[:100], str(error.get("message"))[:1000],
                               str(error.get("traceback"))[:4000])
