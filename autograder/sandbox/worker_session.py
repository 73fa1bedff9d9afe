"""The grader's side of the worker: start it, run the notebook's cells, call functions, enforce time.

A `WorkerSession` owns one worker at a time, forked by this process's zygote (launcher.py). When
the student's code hangs or kills the worker, the session has that worker (and all it started)
ended and, at the next request, gets a fresh one and replays the notebook cells that ran before,
skipping the cells that hung or crashed.
"""

from __future__ import annotations

import json
import select
import signal
import socket
import time
from dataclasses import dataclass, field

from .inside import wire
from ..config import Limits
from ..errors import (MissingName, SkippedCell, StudentCodeError, StudentTimeout, SubmissionTimeLimit,
                     UnusableValue, WorkerCrashed)
from ..figures import decode_figure
from .zygote_handle import launcher_for
from .values import RemoteFunction, StudentFunction, Unsupported


@dataclass
class CellOutcome:
    index: int
    status: str          # "ok", "error", "timeout", "crashed"
    message: str = ""


@dataclass(frozen=True)
class CallEffects:
    """What a call did besides returning: the arguments it changed in place, the warnings it raised."""

    function: str
    changed: tuple[str, ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()


def names_defined(source: str) -> set[str]:
    """The top-level names a cell defines (functions, classes, assignments, imports)."""
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


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


def _effects(reply: dict) -> tuple[tuple, tuple]:
    """The changed arguments and the warnings of a call's reply, validated (the worker is untrusted)."""
    changed = reply.get("changed", [])
    raised = reply.get("warnings", [])
    names = tuple(wire.clean_text(n)[:100] for n in changed[:20] if isinstance(n, str)) if isinstance(changed, list) else ()
    pairs = tuple((wire.clean_text(w[0])[:100], wire.clean_text(w[1])[:300]) for w in raised[:10]
                  if isinstance(w, list) and len(w) == 2 and all(isinstance(x, str) for x in w)) \
        if isinstance(raised, list) else ()
    return names, pairs


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
    # notebook cell index -> how the student sees that cell ("code cell 7, `def plot(...`")
    cell_labels: dict = field(default_factory=dict)
    last_call: CallEffects | None = None

    def __post_init__(self):
        self._launcher = launcher_for(self.mode)
        self._pid: int | None = None
        self._channel: socket.socket | None = None
        self._deadline = time.monotonic() + self.limits.submission_seconds
        self._replayable: list[tuple[int, str]] = []   # cells run so far that did not hang or crash
        self._skipped: dict[str, CellOutcome] = {}      # name -> the skipped cell (timed out, crashed) defining it

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> "WorkerSession":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._kill()

    @property
    def running(self) -> bool:
        """True while a worker serves this session."""
        return self._pid is not None

    def _start(self) -> None:
        self._pid, self._channel = self._launcher.spawn(self.limits)

    def _kill(self, ending: bool = False) -> dict:
        """End the worker and all it started; return how it had ended by itself, if it had."""
        pid, channel = self._pid, self._channel
        self._pid = self._channel = None
        if channel is not None:
            channel.close()
        return self._launcher.kill(pid, ending) if pid is not None else {}

    # ------------------------------------------------------------------ transport
    def _remaining(self) -> float:
        return self._deadline - time.monotonic()

    def _exchange(self, request: dict, seconds: float):
        """Send one request and wait for its reply; raise _Hung or _Died."""
        if self._channel is None:
            self._start()
        payload = json.dumps(request, allow_nan=True, separators=(",", ":")).encode("utf-8")
        try:
            self._channel.sendall(wire.HEADER.pack(len(payload)) + payload)
        except OSError:
            raise _Died(self._death_reason()) from None
        deadline = time.monotonic() + seconds
        header = self._read_exactly(wire.HEADER.size, deadline)
        try:
            length = wire.parse_frame_length(header, self.limits.output_bytes)
            return wire.parse_payload(self._read_exactly(length, deadline))
        except wire.WireError as exc:
            self._kill()
            raise _Died(f"it sent an unreadable reply ({exc})") from None

    def _read_exactly(self, count: int, deadline: float) -> bytes:
        channel = self._channel
        chunks, received = [], 0
        while received < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._kill()
                raise _Hung()
            ready, _, _ = select.select([channel], [], [], remaining)
            if not ready:
                continue
            try:
                chunk = channel.recv(min(count - received, 1 << 20))
            except OSError:
                chunk = b""
            if not chunk:
                raise _Died(self._death_reason())
            chunks.append(chunk)
            received += len(chunk)
        return b"".join(chunks)

    def _death_reason(self) -> str:
        ended = self._kill(ending=True)
        if ended.get("signal"):
            name = signal.Signals(ended["signal"]).name
            hints = {"SIGXCPU": " (CPU time limit)", "SIGSEGV": " (segmentation fault)",
                     "SIGKILL": " (killed, perhaps out of memory)", "SIGXFSZ": " (file size limit)"}
            return f"it was ended by {name}{hints.get(name, '')}"
        if ended.get("exit_code") is not None:
            return f"it exited with status {ended['exit_code']}"
        return "it closed its connection"

    # ------------------------------------------------------------------ notebook cells
    def run_notebook(self, cells: list[tuple[int, str]]) -> list[CellOutcome]:
        """Run the cells in order; a hanging or crashing cell is recorded and skipped."""
        self.outcomes = []
        for index, source in cells:
            outcome = self._run_cell(index, source)
            if outcome.status in ("ok", "error"):
                self._replayable.append((index, source))
            else:
                for name in names_defined(source):
                    self._skipped.setdefault(name, outcome)
            self.outcomes.append(outcome)
        return self.outcomes

    def _label(self, index: int) -> str:
        return self.cell_labels.get(index, f"cell {index}")

    def _run_cell(self, index: int, source: str) -> CellOutcome:
        try:
            self._ensure_started()
        except SubmissionTimeLimit:
            return CellOutcome(index, "timeout", f"{self._label(index)} not run: the submission's time limit was reached")
        seconds = min(self.limits.call_seconds, self._remaining())
        if seconds <= 0:
            return CellOutcome(index, "timeout", f"{self._label(index)} not run: the submission's time limit was reached")
        try:
            reply = self._exchange({"op": "run_cell", "index": index, "source": source}, seconds)
        except _Hung:
            return CellOutcome(index, "timeout", f"{self._label(index)} did not finish within {seconds:g} s")
        except _Died as died:
            return CellOutcome(index, "crashed", f"{self._label(index)} ended the Python process: {died.reason}")
        if isinstance(reply, dict) and reply.get("ok") is True:
            return CellOutcome(index, "ok")
        error = reply.get("error") if isinstance(reply, dict) else None
        if isinstance(error, dict):
            return CellOutcome(index, "error", f"{error.get('type')}: {str(error.get('message'))[:300]}")
        return CellOutcome(index, "error", "unreadable reply")

    def _ensure_started(self) -> None:
        """Start a worker if none runs; after a kill, replay the cells that did not hang or crash."""
        if self._channel is not None:
            return
        self._start()
        if not self._replayable:
            return
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
            self.last_call = CallEffects(name, *_effects(reply))
            try:
                return _decode_reply_value(reply.get("value"))
            except wire.WireError as exc:
                raise UnusableValue(name, str(exc)) from None
        if "missing" in reply:
            skipped = self._skipped.get(name)
            if skipped is not None:  # defined in a cell that hung or crashed: say so, not "not defined"
                label = self._label(skipped.index)
                kind = StudentTimeout if skipped.status == "timeout" else WorkerCrashed
                raise SkippedCell(name, label, skipped.message.removeprefix(label).strip(), kind.kind)
            raise MissingName(name)
        error = reply.get("error")
        if not isinstance(error, dict):
            raise UnusableValue(name, "the worker's reply was malformed")
        text = [wire.clean_text(str(error.get(key))) for key in ("type", "message", "traceback")]
        raise StudentCodeError(name, text[0][:100], text[1][:1000], text[2][:4000])
