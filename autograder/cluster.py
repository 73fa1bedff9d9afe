"""`autograder grade-all A --scheduler ADDRESS`: the chunks of a batch graded on a Dask cluster.

The instructor's machine finds the submissions, sends one task per chunk to the cluster and, as each
task's Reports come back, records them itself (batch.py's Recorder: gradebook, autograded/,
feedback/, the class report): the workers write nothing of the course. Same contract as batch.py's
local pool: `Cluster.run(pending, assignment, config, deliver) -> died`.

What travels: each task carries its submissions' notebooks as bytes (read here, with the same checks
as a local grading: no link, no device, at most `notebook_mb`), the GradingConfig (with the course's
secret, so the hidden inputs are the same as on this machine) and the digests of what grading reads
of the course checkout. A worker writes the notebooks into a temporary folder of its own, grades
them with the one engine (engine.grade_chunk, unchanged) and sends the Reports back with the
submission's own path. So the course folder (submitted/) need not be shared with the workers.

What a worker host needs: the same course checkout (tests/hidden/<a>/, solutions/<a>.py,
assignments/<a>/<a>.ipynb and the autograder package: compared by digest before anything is
graded, and again by every task, with what the worker process loaded: restart the workers after
updating their checkout), at the same path as here or wherever its venv's autograder lives; the
venv; bubblewrap (else it grades in the weaker process mode and results.json says so).

One thread per worker process (`dask worker ADDRESS --nthreads 1`): a grading process has one
sandbox (sandbox/zygote_handle.launcher_for: one launcher per process, not thread-safe) and pytest
runs one suite at a time per process. `connect` refuses workers with more threads; a task also holds
a lock, so a worker that joins later with more threads grades correctly, one chunk at a time.

A worker that dies (killed, out of memory) loses its task; Dask runs it again on another worker, up
to the scheduler's `distributed.scheduler.allowed-failures` (3 by default), then the task fails with
KilledWorker: its chunk is returned as died (batch.py grades such chunks again one submission per
task, then records a grader fault). Each task's result is delivered once, whichever worker computed
it; a task that raised (after TASK_RETRIES more tries) is recorded as grader faults.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from .config import PROJECT_ROOT, GradingConfig
from .course import Submission
from .errors import NotebookUnusable, UsageError

CONNECT_SECONDS = "distributed.comm.timeouts.connect"  # Dask's setting (30 s by default) bounds the connection
WORKERS_SECONDS = 30.0      # how long `connect` waits for a first worker
NO_WORKERS_SECONDS = 120.0  # a run with no worker at all for this long gives its pending chunks up (as died)
POLL_SECONDS = 1.0
TASK_RETRIES = 1            # a task that raised runs once more (a worker's full temporary folder, say)
PACKAGE = Path(__file__).resolve().parent
GRADER_PART = "autograder/ (the grader)"


# ----------------------------------------------------------------------------- the course checkout
def checkout_digests(root: Path, assignment: str) -> dict[str, str]:
    """What grading `assignment` reads of a checkout, part by part, as digests: the hidden suite, the
    reference, the release (locked cells, points) and the grader's own code (the package imported)."""
    root = Path(root)
    parts = {
        f"tests/hidden/{assignment}/": (root / "tests" / "hidden" / assignment, "*"),
        f"solutions/{assignment}.py": (root / "solutions" / f"{assignment}.py", None),
        f"assignments/{assignment}/{assignment}.ipynb":
            (root / "assignments" / assignment / f"{assignment}.ipynb", None),
        GRADER_PART: (PACKAGE, "*.py"),
    }
    digests = {}
    for name, (path, pattern) in parts.items():
        digest = hashlib.sha256()
        files = [path] if pattern is None else sorted(
            p for p in path.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
        for file in files:
            try:
                digest.update(str(file.relative_to(path if pattern else path.parent)).encode() + b"\0")
                digest.update(file.read_bytes() + b"\0")
            except OSError:
                digest.update(b"missing\0")
        digests[name] = digest.hexdigest() if files else "missing"
    return digests


_LOADED: dict[tuple[str, str], dict] = {}   # (root, assignment) -> its digests when this process first looked
_GRADER: dict[str, str] = {}                 # the grader's digest when this process first looked


def loaded_digests(root: Path, assignment: str) -> dict[str, str]:
    """What this worker process grades `assignment` with: the checkout's digests when it first looked
    (at `connect` or at its first task). A long-lived process keeps the reference and the grader it
    imported, so a checkout updated on disk afterwards is not what it runs: then the digests differ
    from the instructor's and it refuses (restart the workers after updating their checkout)."""
    key = (str(root), assignment)
    if key not in _LOADED:
        _LOADED[key] = checkout_digests(root, assignment)
    found = dict(_LOADED[key])
    _GRADER.setdefault(GRADER_PART, found[GRADER_PART])
    found[GRADER_PART] = _GRADER[GRADER_PART]
    return found


def worker_checkout(sent_root: Path, assignment: str) -> Path:
    """The checkout a worker grades with: the instructor's path when it holds the suite here too (a
    shared or identical folder), else the one this worker's autograder was imported from."""
    sent_root = Path(sent_root)
    return sent_root if (sent_root / "tests" / "hidden" / assignment).is_dir() else PROJECT_ROOT


def _differences(expected: dict, found: dict) -> list[str]:
    return [part for part in expected if found.get(part) != expected[part]]


class CheckoutDiffers(RuntimeError):
    """A worker's course checkout is not the instructor's: it would grade with another suite."""


# ----------------------------------------------------------------------------- what a task carries
@dataclass(frozen=True)
class Parcel:
    """One submission as sent to a worker: the Submission (its paths are the instructor's), the
    notebook's bytes (zlib) when they could be read, else why not (a link, a device, too large)."""

    submission: Submission
    data: bytes | None = None
    unreadable: str = ""


NOTEBOOK_NAME = "notebook.ipynb"  # on the worker: a fixed name, whatever the student's file was called


def parcel(submission: Submission, max_bytes: int) -> Parcel:
    from .notebook import read_submission_file

    if submission.refused:
        return Parcel(submission)
    try:
        return Parcel(submission, zlib.compress(read_submission_file(submission.notebook, max_bytes), 6))
    except NotebookUnusable as problem:  # graded as the engine grades an unreadable file: see _as_sent
        return Parcel(submission, unreadable=problem.reason)


def _on_this_host(item: Parcel, folder: Path) -> Submission:
    folder.mkdir()
    path = folder / NOTEBOOK_NAME
    if item.data is not None:
        path.write_bytes(zlib.decompress(item.data))
    refused = item.submission.refused or item.unreadable
    return replace(item.submission, folder=folder, notebook=path, refused=refused)


def _as_sent(report, item: Parcel, config: GradingConfig):
    """The Report as a local grading gives it: the instructor's path of the notebook; for a file that
    could not be read, the salt the engine draws for one (refusals get none)."""
    from .suite.run import derive_salt

    report = replace(report, submission=str(item.submission.notebook))
    if item.unreadable:
        report = replace(report, salt=config.salt or derive_salt(config.secret, b""))
    return report


_ONE_AT_A_TIME = threading.Lock()  # one grading per worker process (see the module's docstring)
SCRATCH_PREFIX = "autograder-cluster-"


def remove_stale_scratch() -> None:
    """Remove the temporary folders of worker processes that are gone (killed in the middle of a task,
    before they could clean up): each folder's name starts with the pid of the process that made it."""
    import shutil

    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and _started_at(int(pid)) is None:
            shutil.rmtree(folder, ignore_errors=True)


def grade_parcels(parcels: list[Parcel], assignment: str, config: GradingConfig, digests: dict) -> list:
    """The task, on a worker: the chunk's notebooks into a temporary folder, graded by the engine."""
    from .engine import grade_chunk

    with _ONE_AT_A_TIME:
        root = worker_checkout(config.root, assignment)
        differs = _differences(digests, loaded_digests(root, assignment))
        if differs:
            raise CheckoutDiffers(f"the worker grades with a course checkout ({root}) that differs from the "
                                  f"instructor's in {', '.join(differs)}: update it (git pull), restart the "
                                  "workers and grade these students again")
        local = replace(config, root=root)
        remove_stale_scratch()
        with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-") as scratch:
            chunk = [_on_this_host(item, Path(scratch) / str(index)) for index, item in enumerate(parcels)]
            reports = grade_chunk(chunk, assignment, local)
        return [_as_sent(report, item, config) for report, item in zip(reports, parcels)]


def worker_facts(sent_root: str, assignment: str, isolation: str) -> dict:
    """Run on each worker by `connect`: its checkout, the digests, its sandbox mode, its host."""
    import socket

    from .sandbox.isolation import resolve_mode

    root = worker_checkout(Path(sent_root), assignment)
    try:
        mode = resolve_mode(isolation)
    except RuntimeError as exc:
        mode = f"unusable: {exc}"
    return {"root": str(root), "digests": loaded_digests(root, assignment), "mode": mode,
            "host": socket.gethostname()}


# ----------------------------------------------------------------------------- the instructor's side
class Cluster:
    """A connection to a Dask scheduler whose workers can grade `assignment` (see `connect`)."""

    def __init__(self, client, address: str, jobs: int, digests: dict):
        self.client, self.address, self.jobs, self.digests = client, address, jobs, digests
        self.no_workers_seconds = NO_WORKERS_SECONDS

    def run(self, pending: list[list], assignment: str, config: GradingConfig, deliver) -> list[list]:
        """One task per chunk; deliver (submission, report) as tasks complete; return the chunks whose
        task failed because its workers died (KilledWorker), or that no worker was left to grade."""
        from concurrent.futures import CancelledError

        from distributed import KilledWorker, wait

        from .engine import fault_report

        max_bytes = config.limits.notebook_mb << 20
        futures = {}
        for chunk in pending:
            task = self.client.submit(grade_parcels, [parcel(s, max_bytes) for s in chunk], assignment, config,
                                      self.digests, pure=False, retries=TASK_RETRIES)
            futures[task] = chunk
        died: list[list] = []
        remaining, idle_since = set(futures), None
        while remaining:
            try:
                with self.client.as_current():  # this client, not a process-wide default one
                    done, remaining = wait(list(remaining), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED")
            except TimeoutError:
                if self._has_workers():
                    idle_since = None
                    continue
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since < self.no_workers_seconds:
                    continue
                for task in remaining:  # nobody left to grade them: the batch records them, and goes on
                    task.cancel()
                    died.append(futures.pop(task))
                break
            remaining = set(remaining)
            for task in done:
                chunk = futures.pop(task)  # each task is looked at once: its chunk is delivered once
                try:
                    reports = task.result()
                    if len(reports) != len(chunk):
                        raise RuntimeError(f"the worker sent {len(reports)} reports for {len(chunk)} submissions")
                except (KilledWorker, CancelledError):
                    died.append(chunk)
                    continue
                except Exception as exc:  # noqa: BLE001 - the grader's own failure, recorded per submission
                    reports = [fault_report(submission, assignment, config, exc) for submission in chunk]
                finally:
                    task.release()
                for submission, report in zip(chunk, reports):
                    deliver(submission, report)
        return died

    def _has_workers(self) -> bool:
        try:
            return bool(self.client.nthreads())
        except Exception:  # noqa: BLE001 - the scheduler is gone: no workers either
            return False

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # noqa: BLE001 - the grades are recorded; a connection that ends badly loses nothing
            pass


def connect(address: str, config: GradingConfig, assignment: str, out=print) -> Cluster:
    """Connect to the scheduler and check its workers before anything is graded or written: reachable,
    at least one worker, one thread per worker process, the same course checkout, a usable sandbox.
    Anything wrong is a UsageError that says what to do."""
    try:
        import dask.config
        from distributed import Client
    except ImportError as exc:
        raise UsageError(f"--scheduler needs dask.distributed in the grader's venv ({exc})") from None
    try:
        client = Client(address, timeout=dask.config.get(CONNECT_SECONDS), set_as_default=False)
    except Exception as exc:  # noqa: BLE001 - an unreachable or malformed address: the user's to fix
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {type(exc).__name__}: {exc}") from None
    try:
        return _checked(client, address, config, assignment, out)
    except BaseException:
        client.close()
        raise


def _checked(client, address: str, config: GradingConfig, assignment: str, out) -> Cluster:
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except Exception:  # noqa: BLE001 - a timeout
        raise UsageError(f"the Dask scheduler at {address} has no workers after {WORKERS_SECONDS:g} s: start some "
                         f"(`dask worker {address} --nthreads 1 --nworkers <cores>` on each grading host)") from None
    threads = client.nthreads()
    crowded = sorted(worker for worker, count in threads.items() if count != 1)
    if crowded:
        raise UsageError(f"Dask workers with more than one thread cannot grade ({', '.join(crowded[:5])}): a grading "
                         "process runs one sandbox and one suite at a time; start them with `dask worker "
                         f"{address} --nthreads 1 --nworkers <cores>`")
    digests = checkout_digests(config.root, assignment)
    try:
        facts = client.run(worker_facts, str(config.root), assignment, config.isolation)
    except Exception as exc:  # noqa: BLE001 - typically: the workers' Python has no autograder
        raise UsageError(f"the Dask workers at {address} cannot run the grader: {type(exc).__name__}: {exc} (each "
                         "worker needs this course checkout and its venv: README, 'Grading on a cluster')") from None
    for worker, found in sorted(facts.items()):
        differs = _differences(digests, found["digests"])
        if differs:
            raise UsageError(f"the worker {worker} ({found['host']}) grades with the checkout {found['root']}, "
                             f"which differs from this one in {', '.join(differs)}: update it (git pull) and "
                             "restart its dask workers (a worker process keeps the reference and the grader it "
                             "imported)")
        if found["mode"].startswith("unusable"):
            raise UsageError(f"the worker {worker} ({found['host']}) cannot sandbox: {found['mode']}")
        if found["mode"] != "bwrap":
            out(f"note: the worker {worker} ({found['host']}) has no working bubblewrap: it grades in the weaker "
                "process mode (results.json says so)")
    return Cluster(client, address, sum(threads.values()), digests)


# ----------------------------------------------------------------------------- a cluster on this machine
class LocalCluster:
    """A Dask scheduler and `workers` worker processes (`threads` each, no nanny) on this machine,
    each started in a session of its own and ended by its pid: to try `--scheduler` out, and for the
    tests and the benchmark.

        with LocalCluster(2) as cluster:
            grade_all(..., scheduler=cluster.address)
    """

    def __init__(self, workers: int = 2, folder: Path | None = None, env: dict | None = None, threads: int = 1):
        self.count, self.env, self.threads = workers, env, threads
        self._scratch = None if folder else tempfile.TemporaryDirectory(prefix="autograder-dask-")
        self.folder = Path(folder or self._scratch.name)
        self.scheduler: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.address = ""

    def _start(self, *argv, log: str) -> subprocess.Popen:
        dask = Path(sys.executable).parent / "dask"
        with open(self.folder / log, "ab") as handle:
            return subprocess.Popen([str(dask), *map(str, argv)], stdin=subprocess.DEVNULL, stdout=handle,
                                    stderr=handle, start_new_session=True, env=self.env, cwd=self.folder)

    def start(self, timeout: float = 60.0) -> str:
        from distributed import Client

        self.folder.mkdir(parents=True, exist_ok=True)
        scheduler_file = self.folder / "scheduler.json"
        scheduler_file.unlink(missing_ok=True)
        try:
            self.scheduler = self._start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                         "--scheduler-file", scheduler_file, log="scheduler.log")
            deadline = time.monotonic() + timeout
            while not self._read_address(scheduler_file):
                if time.monotonic() > deadline or self.scheduler.poll() is not None:
                    raise RuntimeError(f"the Dask scheduler did not start: {self.log('scheduler.log')}")
                time.sleep(0.1)
            for index in range(self.count):
                self.workers.append(self._start(
                    "worker", self.address, "--nthreads", self.threads, "--no-nanny", "--no-dashboard",
                    "--host", "127.0.0.1", "--name", f"grader-{index}",
                    "--local-directory", self.folder / f"worker-{index}",
                    "--death-timeout", "60", log=f"worker-{index}.log"))
            with Client(self.address, timeout=timeout, set_as_default=False) as client:
                client.wait_for_workers(self.count, timeout=max(1.0, deadline - time.monotonic()))
        except BaseException:
            self.stop()
            raise
        return self.address

    def _read_address(self, scheduler_file: Path) -> str:
        import json

        try:
            self.address = json.loads(scheduler_file.read_text())["address"]
        except (OSError, ValueError, KeyError):
            self.address = ""
        return self.address

    def log(self, name: str) -> str:
        try:
            return (self.folder / name).read_text(errors="replace")[-2000:]
        except OSError:
            return "no log"

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in [self.scheduler, *self.workers] if p is not None]

    def kill_worker(self, index: int) -> None:
        """SIGKILL a worker's process group, as an out-of-memory killer or a crash would end it."""
        _kill_group(self.workers[index].pid, signal.SIGKILL)
        self.workers[index].wait(timeout=30)

    def stop(self, grace: float = 5.0) -> list[int]:
        """End every process started here and everything they started (by pid and process group);
        return the pids still alive afterwards (none, normally)."""
        started = [p for p in [*self.workers, self.scheduler] if p is not None]
        tree = {entry for p in started for entry in descendants(p.pid)}  # (pid, start time)
        deadline = time.monotonic() + grace
        # the workers first: a worker that is told to close while its scheduler is closing too waits on
        # it until the grace period is over
        for stage in (self.workers, [self.scheduler] if self.scheduler is not None else []):
            for process in stage:
                if process.poll() is None:
                    _kill_group(process.pid, signal.SIGTERM)
            for process in stage:
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    _kill_group(process.pid, signal.SIGKILL)
                    process.wait(timeout=30)
        for pid, started_at in tree:  # what left its group (a sandbox's zygote has a session of its own)
            if _started_at(pid) == started_at:  # the same process, not a later one with its pid
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        deadline = time.monotonic() + 10
        alive = [entry for entry in tree if _started_at(entry[0]) == entry[1]]
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [entry for entry in alive if _started_at(entry[0]) == entry[1]]
        self.workers, self.scheduler = [], None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None
        return [pid for pid, _ in alive]

    def __enter__(self) -> "LocalCluster":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _kill_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)  # started with start_new_session: the group's id is the leader's pid
    except OSError:
        pass


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat after the command name (state, parent, ...), None when there is no such process."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def _started_at(pid: int) -> int | None:
    """The process's start time (clock ticks since boot) while it exists and is not a zombie, else None."""
    fields = _stat(pid)
    return None if fields is None or fields[0] == "Z" else int(fields[19])


def descendants(pid: int) -> list[tuple[int, int]]:
    """The process and all its descendants, from /proc: (pid, start time) each."""
    children: dict[int, list[int]] = {}
    started: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry.name))
                started[int(entry.name)] = int(fields[19])
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        if current in started:
            found.append((current, started[current]))
        stack.extend(children.get(current, ()))
    return found
