"""What the worker can and cannot do, asked directly through a WorkerSession.

The bubblewrap properties are skipped where bubblewrap does not work (the grader then runs in its
weaker process mode, which the README's threat model describes).
"""

from __future__ import annotations

import os
import socket
from dataclasses import replace

import pytest

from autograder.config import Limits
from autograder.sandbox.isolation import resolve_mode
from autograder.sandbox.worker_session import WorkerSession

from conftest import ROOT

LIMITS = replace(Limits(), call_seconds=5.0, submission_seconds=60.0, processes=32, file_mb=8)
needs_bwrap = pytest.mark.skipif(resolve_mode("auto") != "bwrap", reason="bubblewrap does not work here")


def ask(source: str, name: str = "answer"):
    """Run one cell in a fresh sandboxed worker and return the value of `name`."""
    with WorkerSession(resolve_mode("auto"), LIMITS) as session:
        outcome, = session.run_notebook([(0, source)])
        assert outcome.status == "ok", outcome.message
        return session.request("get", name)


@needs_bwrap
def test_the_worker_sees_nothing_of_the_project():
    answer = ask(f"import os\nanswer = [os.path.exists(p) for p in "
                 f"{[str(ROOT / 'solutions'), str(ROOT / 'tests'), str(ROOT / 'autograder'), str(ROOT / 'gradebook.db')]}]")
    assert answer == [False, False, False, False]


@needs_bwrap
def test_the_worker_cannot_reach_a_loopback_server():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        port = server.getsockname()[1]
        answer = ask("import socket\ntry:\n    socket.create_connection(('127.0.0.1', %d), timeout=2).close()\n"
                     "    answer = 'connected'\nexcept OSError as exc:\n    answer = type(exc).__name__" % port)
    finally:
        server.close()
    assert answer != "connected"


@needs_bwrap
def test_the_worker_cannot_see_or_signal_the_grader():
    answer = ask(f"import os\ntry:\n    os.kill({os.getpid()}, 0)\n    answer = 'reached'\n"
                 f"except OSError as exc:\n    answer = type(exc).__name__")
    assert answer == "ProcessLookupError"


@needs_bwrap
@pytest.mark.skipif(os.getuid() != 0, reason="the worker keeps the grader's uid when the grader is not root")
def test_the_worker_runs_unprivileged():
    assert ask("import os\nanswer = (os.getuid(), os.getgid(), os.getgroups())")[0] != 0


@needs_bwrap
@pytest.mark.skipif(os.getuid() != 0, reason="RLIMIT_NPROC is counted per host user")
def test_the_process_limit_stops_a_bounded_fork_bomb():
    source = ("import os\nanswer = 0\nfor _ in range(200):\n    try:\n        pid = os.fork()\n"
              "    except OSError:\n        break\n    if pid == 0:\n        os.execvp('sleep', ['sleep', '4245'])\n"
              "    answer += 1")
    assert ask(source) < LIMITS.processes


@needs_bwrap
def test_writes_stay_in_a_small_private_tmpfs():
    source = ("import os\nwritten = 0\ntry:\n    with open('big.bin', 'wb') as handle:\n"
              "        for _ in range(64):\n            handle.write(b'0' * 2**20)\n            written += 1\n"
              "except OSError:\n    pass\nanswer = (os.getcwd(), written)")
    cwd, written = ask(source)
    assert cwd == "/sandbox" and written <= LIMITS.file_mb


def test_memory_is_limited():
    source = "try:\n    block = bytearray(8 * 2**30)\n    answer = 'allocated'\nexcept MemoryError:\n    answer = 'refused'"
    assert ask(source) == "refused"


def test_the_environment_is_cleared():
    os.environ["AUTOGRADER_TEST_SECRET"] = "s3cret"
    try:
        environment = ask("import os\nanswer = dict(os.environ)")
    finally:
        del os.environ["AUTOGRADER_TEST_SECRET"]
    assert "AUTOGRADER_TEST_SECRET" not in environment and "AUTOGRADER_UID" not in environment


def test_the_sandbox_reuses_the_graders_font_list_read_only(tmp_path, monkeypatch):
    """The zygote gets the grader's matplotlib font list (saves rebuilding it at every start) as a
    read-only file in its own config folder; nothing of the grader's cache folder is writable."""
    from autograder.sandbox.isolation import SANDBOX_MPLCONFIG, zygote_command

    (tmp_path / "fontlist-v390.json").write_text("{}")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    command = zygote_command(tmp_path / "scratch", "bwrap", 3)
    font_list = str(tmp_path / "fontlist-v390.json")
    at = command.argv.index(font_list)
    assert command.argv[at - 1:at + 2] == ["--ro-bind", font_list, f"{SANDBOX_MPLCONFIG}/fontlist-v390.json"]
    assert command.env["MPLCONFIGDIR"] == SANDBOX_MPLCONFIG
    assert "--bind" not in command.argv  # every bind of the grader's files is read-only


def test_a_corrupt_font_list_in_the_graders_cache_does_not_stop_plotting(tmp_path, monkeypatch):
    """matplotlib in the sandbox ignores an unreadable font list and builds its own."""
    from autograder.sandbox import worker_session as session, zygote_handle as launcher

    for name in ("fontlist-v390.json", "fontlist-v3.11.0.json"):
        (tmp_path / name).write_text("not json {")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    mode = resolve_mode("auto")
    fresh = launcher.ZygoteLauncher(mode)  # a zygote started now, with the corrupt files
    monkeypatch.setattr(session, "launcher_for", lambda _: fresh)
    try:
        source = ("import io\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
                  "ax.plot([1, 2], [3, 4], label='x')\nax.legend()\nbuffer = io.BytesIO()\n"
                  "fig.savefig(buffer, format='png')\nanswer = buffer.getvalue()[:4] == b'\\x89PNG'")
        assert ask(source) is True
    finally:
        fresh.close()


# ----------------------------------------------------------------------------- the submission as a whole
from autograder.sandbox import cgroups  # noqa: E402

MODES = ["bwrap", "process"]
needs_cgroups = pytest.mark.skipif(not cgroups.version(), reason="cgroups cannot be created here (not root, or no "
                                                                 "cpu/memory/pids controllers): limits stay per process")


def session_in(mode: str, **limits) -> WorkerSession:
    if mode == "bwrap" and resolve_mode("auto") != "bwrap":
        pytest.skip("bubblewrap does not work here")
    return WorkerSession(mode, replace(LIMITS, **limits))


CHILDREN_ALLOCATE = '''
import os, select, signal, time
def children_allocate(n, mb):
    """n children each touch mb MB and hold it; how many held theirs at the same time. (Counting
    the children that ever got there is not it: the kernel may kill one that arrived to let the next
    one through.)"""
    read, write = os.pipe()
    pids = []
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            try:
                block = bytearray(mb << 20)
                for i in range(0, len(block), 4096):
                    block[i] = 1
                os.write(write, b"%d\\n" % os.getpid())
                time.sleep(60)
            finally:
                os._exit(0)
        pids.append(pid)
    os.close(write)
    arrived, dead, deadline = set(), set(), time.monotonic() + 15
    while not set(pids) <= arrived | dead and time.monotonic() < deadline:
        if select.select([read], [], [], 0.2)[0]:
            arrived |= {int(pid) for pid in os.read(read, 1000).split()}
        dead |= {pid for pid in set(pids) - dead if os.waitpid(pid, os.WNOHANG)[0]}
    holding = len(arrived - dead)
    for pid in set(pids) - dead:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return holding
'''


@needs_cgroups
@pytest.mark.parametrize("mode", MODES)
def test_memory_bounds_all_of_a_submissions_processes_together(mode):
    """Each child alone stays under the per-process limit; together they may not exceed the submission's."""
    with session_in(mode, memory_mb=1024, call_seconds=20.0) as session:
        session.run_notebook([(0, CHILDREN_ALLOCATE)])
        got_there = session.request("call", "children_allocate", (4, 600))
    assert 1 <= got_there <= 2  # 4 x 600 MB at once under a whole-submission limit of 1024 MB (+ the zygote's share)


@needs_cgroups
@pytest.mark.parametrize("mode", MODES)
def test_the_process_limit_binds_a_root_grader_in_both_modes(mode):
    source = ("import os\ndef bomb():\n    made = 0\n    for _ in range(300):\n        try:\n            pid = os.fork()\n"
              "        except OSError:\n            break\n        if pid == 0:\n            os.execvp('sleep', ['sleep', '4246'])\n"
              "        made += 1\n    return made\n")
    with session_in(mode, processes=24) as session:
        session.run_notebook([(0, source)])
        made = session.request("call", "bomb")
    assert made < 24 + 8


@pytest.mark.parametrize("mode", MODES)
def test_shared_memory_does_not_pass_from_one_submission_to_the_next(mode):
    create = ("import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
              "def make():\n    return libc.shmget(0x5eed, 4096, 0o1666)\n"
              "def find():\n    return libc.shmget(0x5eed, 0, 0o666)\n")
    with session_in(mode) as first:
        first.run_notebook([(0, create)])
        assert first.request("call", "make") >= 0
        assert first.request("call", "find") >= 0  # it exists for the submission that made it
    with session_in(mode) as second:
        second.run_notebook([(0, create)])
        assert second.request("call", "find") == -1  # the next submission does not see it


@pytest.mark.parametrize("mode", MODES)
def test_no_new_user_namespace_inside_the_sandbox(mode):
    source = ("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
              "def userns():\n    return libc.unshare(0x10000000), ctypes.get_errno()\n"
              "def threads_and_children_still_work():\n    import subprocess, threading\n    seen = []\n"
              "    worker = threading.Thread(target=lambda: seen.append(1))\n    worker.start()\n    worker.join()\n"
              "    return seen, subprocess.run(['true']).returncode\n")
    with session_in(mode) as session:
        session.run_notebook([(0, source)])
        assert session.request("call", "userns") == (-1, 1)  # EPERM
        assert session.request("call", "threads_and_children_still_work") == ([1], 0)
