"""The zygote: imports numpy and matplotlib once, then forks one fresh worker per submission.

Started by the grader inside the sandbox (`python -I zygote.py`, next to `worker.py` and `wire.py`),
it imports nothing from the `autograder` package. Forking a prepared process costs milliseconds,
where starting Python and importing numpy and matplotlib costs a few hundred.

Control channel (the fd given as the first argument, a SOCK_SEQPACKET socket, one JSON message per
packet):
    -> {"op": "spawn", "uid": int|null, "private_mounts": bool, "limits": {...}}  + the worker's socket fd
    <- {"pid": int}
    -> {"op": "kill", "pid": int, "ending": bool}
    <- {"ok": true, "exit_code": int|null, "signal": int|null}   (how it had ended, if it had)
Each worker, before it runs any student code: starts its own session, takes its resource limits,
gets (in bubblewrap mode) private mounts with fresh tmpfs folders and a /proc that hides other
users' processes, forbids itself new privileges, and drops to its unprivileged uid.
"""

import ctypes
import json
import os
import resource
import shutil
import signal
import socket
import sys
import tempfile
import time

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER = 0x00020000, 0x08000000, 0x10000000
MS_REC, MS_PRIVATE = 0x4000, 0x40000
PR_SET_NO_NEW_PRIVS, PR_SET_CHILD_SUBREAPER, PR_SET_PDEATHSIG = 38, 36, 1
SANDBOX_HOME = "/sandbox"

libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def private_mounts(tmpfs_bytes: int, fresh_tmp: bool) -> None:
    """A mount namespace of the worker's own: fresh tmpfs home and /tmp, /proc without others.

    /tmp stays the zygote's when the Python installation itself lives under /tmp.
    """
    _check(libc.unshare(CLONE_NEWNS), "unshare")
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    options = f"size={tmpfs_bytes},mode=1777".encode()
    for target in (SANDBOX_HOME.encode(), *([b"/tmp"] if fresh_tmp else [])):
        _check(libc.mount(b"tmpfs", target, b"tmpfs", 0, options), f"mount tmpfs on {target}")
    _check(libc.mount(b"proc", b"/proc", b"proc", 0, b"hidepid=2"), "mount /proc")


def apply_limits(limits: dict) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_seconds"], limits["cpu_seconds"] + 1))
    memory = limits["memory_mb"] << 20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    files = limits["file_mb"] << 20
    resource.setrlimit(resource.RLIMIT_FSIZE, (files, files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    # counted per user: it binds once the worker runs under its own unprivileged uid
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))


# ----------------------------------------------------------------------------- no new user namespaces
# A seccomp filter (classic BPF, assembled here: the sandbox has only the standard library) that makes
# unshare() and clone() fail with EPERM when asked for a new user namespace (inside one, a process
# could mount filesystems past the sandbox's size limits), and clone3() fail with ENOSYS (its flags sit
# in memory a filter cannot read; C libraries then fall back to clone()). Every other call is allowed.
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO = 0x7FFF0000, 0x00050000
EPERM, ENOSYS = 1, 38
# machine -> (AUDIT_ARCH_*, unshare, clone, clone3)
SYSCALLS = {"x86_64": (0xC000003E, 272, 56, 435), "aarch64": (0xC00000B7, 97, 220, 435)}


class SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]


def forbid_user_namespaces() -> bool:
    """Install the filter (after PR_SET_NO_NEW_PRIVS); False on a machine it does not know."""
    known = SYSCALLS.get(os.uname().machine)
    if known is None:
        return False
    arch, unshare, clone, clone3 = known
    load, jeq, jset, ret = 0x20, 0x15, 0x45, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JSET|K, BPF_RET|K
    program = [
        (load, 0, 0, 4),                          # 0: A = seccomp_data.arch
        (jeq, 1, 0, arch),                        # 1: our architecture? go on : allow
        (ret, 0, 0, SECCOMP_RET_ALLOW),           # 2
        (load, 0, 0, 0),                          # 3: A = seccomp_data.nr
        (jeq, 0, 1, clone3),                      # 4: clone3?
        (ret, 0, 0, SECCOMP_RET_ERRNO | ENOSYS),  # 5
        (jeq, 1, 0, unshare),                     # 6: unshare? -> 8
        (jeq, 0, 3, clone),                       # 7: clone? -> 8 : allow (11)
        (load, 0, 0, 16),                         # 8: A = low word of the first argument (the flags)
        (jset, 0, 1, CLONE_NEWUSER),              # 9: asks for a new user namespace?
        (ret, 0, 0, SECCOMP_RET_ERRNO | EPERM),   # 10
        (ret, 0, 0, SECCOMP_RET_ALLOW),           # 11
    ]
    filters = (SockFilter * len(program))(*[SockFilter(*instruction) for instruction in program])
    fprog = SockFprog(len(program), filters)
    _check(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0), "seccomp filter")
    return True


def prefer_for_the_oom_killer() -> None:
    """Within the cgroup, the out-of-memory killer takes the worker, not the zygote."""
    try:
        with open("/proc/self/oom_score_adj", "w") as handle:
            handle.write("1000")
    except OSError:
        pass


def become_worker(channel_fd: int, request: dict, home: str) -> None:
    """In the forked child: isolate, limit, drop privileges, then serve the grader."""
    os.setsid()
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the zygote
    for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGPIPE):
        signal.signal(number, signal.SIG_DFL)
    prefer_for_the_oom_killer()
    if request["private_mounts"]:
        private_mounts(request["limits"]["file_mb"] << 20, request.get("fresh_tmp", True))
    # System V IPC of its own: shared memory a worker creates dies with it, unseen by the next one
    # (possible wherever the zygote may unshare: bubblewrap mode, a root grader; else zygote.kill
    # removes what the worker's processes created)
    if libc.unshare(CLONE_NEWIPC) != 0 and request["private_mounts"]:
        _check(-1, "unshare IPC")
    os.chdir(home)
    apply_limits(request["limits"])
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")
    forbid_user_namespaces()
    uid = request.get("uid")
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    import worker

    worker.serve(channel_fd)


def children() -> set:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    if int(handle.read().rsplit(b")", 1)[1].split()[1]) == os.getpid():
                        found.add(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found


def kill_user(uid: int) -> None:
    """Kill every process of `uid` (the worker's, and anything it started) from a helper process."""
    helper = os.fork()
    if helper == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(helper, 0)


class Zygote:
    def __init__(self, control: socket.socket):
        self.control = control
        self.workers: dict = {}  # pid -> (uid, home folder or None)
        self.exit_status: dict = {}  # pid -> wait status of a worker that ended by itself

    def spawn(self, request: dict, channel_fd: int) -> int:
        home = SANDBOX_HOME if request["private_mounts"] else tempfile.mkdtemp(prefix="worker-")
        if not request["private_mounts"] and request.get("uid") is not None:
            os.chown(home, request["uid"], request["uid"])
        pid = os.fork()
        if pid == 0:
            try:
                self.control.close()
                become_worker(channel_fd, request, home)
            finally:
                os._exit(0)
        os.close(channel_fd)
        self.workers[pid] = (request.get("uid"), None if request["private_mounts"] else home)
        return pid

    def kill(self, pid: int, ending: bool = False) -> dict:
        """End a worker and all it started; say how it had ended if it ended by itself.

        `ending`: the grader saw the worker's channel close, so it is exiting; give it a moment
        to finish, so that its exit status can be told.
        """
        deadline = time.monotonic() + (1.0 if ending else 0.0)
        while pid not in self.exit_status:
            try:
                waited, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                break
            if waited == pid:
                self.exit_status[pid] = status
            elif time.monotonic() >= deadline:
                break
            else:
                time.sleep(0.005)
        uid, home = self.workers.pop(pid, (None, None))
        for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                target()
            except OSError:
                pass
        if pid not in self.exit_status:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        if uid is not None:
            kill_user(uid)
        # as a subreaper, this process inherited whatever the worker left behind: end it
        for _ in range(100):
            strays = children() - set(self.workers)
            if not strays:
                break
            for stray in strays:
                try:
                    os.kill(stray, signal.SIGKILL)
                    os.waitpid(stray, 0)
                except OSError:
                    pass
        if home:
            shutil.rmtree(home, ignore_errors=True)
        status = self.exit_status.pop(pid, None)
        if status is None:
            return {"ok": True}
        return {"ok": True, "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None}

    def reap(self) -> None:
        """Collect exited workers so that they do not linger as zombies."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.workers:
                self.exit_status[pid] = status

    def serve(self) -> None:
        self.control.send(json.dumps({"ready": True}).encode())
        while True:
            try:
                message, fds, _, _ = socket.recv_fds(self.control, 65536, 1)
            except OSError:
                return
            if not message:
                return
            request = json.loads(message)
            if request["op"] == "spawn":
                reply = {"pid": self.spawn(request, fds[0])}
            elif request["op"] == "kill":
                reply = self.kill(request["pid"], request.get("ending", False))
            else:
                reply = {"error": f"unknown op {request['op']}"}
            self.reap()
            self.control.send(json.dumps(reply).encode())


def preload() -> None:
    """Import what nearly every notebook imports, once for all the workers."""
    import numpy  # noqa: F401
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import traceback  # noqa: F401

    import wire  # noqa: F401


def main() -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    control = socket.socket(fileno=int(sys.argv[1]))
    preload()
    Zygote(control).serve()


if __name__ == "__main__":
    main()
