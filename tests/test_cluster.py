"""`autograder grade-all A --scheduler ADDRESS` (autograder/cluster.py) on a real Dask cluster on this
machine: a scheduler and worker processes started here (each in a session of its own) and ended by
their pids. The same class is graded by the local pool and by the cluster: the gradebooks must agree
row by row, and the stored Reports field by field (a notebook graded from its bytes on a worker is
the same notebook); a worker killed half way loses no submission and grades none twice; an
unreachable scheduler writes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from autograder.cluster import SCRATCH_PREFIX, LocalCluster, _started_at, checkout_digests, worker_checkout
from autograder.config import PROJECT_ROOT, course_secret, tool_environment
from autograder.scenarios import Scenario, build_submission, load_scenarios

from conftest import make_course
from test_nbgrader_commands import gradebook_rows

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent
LIMITS = ("--call-seconds", "3", "--notebook-mb", "1")  # 1 MB: one student's notebook is over the limit
CONNECT_TIMEOUT = "3s"


def env() -> dict:
    return tool_environment() | {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": CONNECT_TIMEOUT}


def grade_all(course: Path, *extra, wait: bool = True):
    argv = [BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course, "--jobs", "2", "--quiet",
            *LIMITS, *extra]
    if not wait:
        return subprocess.Popen([str(a) for a in argv], cwd=course, env=env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run([str(a) for a in argv], cwd=course, env=env(), capture_output=True, text=True, timeout=300)


# ----------------------------------------------------------------------------- the class
def class_notebooks() -> dict:
    """Perfect, stub and every wrong scenario of the catalogue, then more perfect ones (14 students)."""
    wrong = [s for s in load_scenarios(ASSIGNMENT) if not s.full_marks]
    scenarios = [Scenario("perfect", ""), Scenario("stub", "", base="release"), *wrong]
    notebooks = {f"s{i:02d}-{s.name}"[:40]: build_submission(ASSIGNMENT, s) for i, s in enumerate(scenarios)}
    for i in range(len(notebooks), 14):
        notebooks[f"s{i:02d}-perfect"] = build_submission(ASSIGNMENT, Scenario("perfect", ""))
    return notebooks


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The collected class with the course's secret already made (both gradings draw the same hidden
    inputs), plus three submissions that exercise the paths: a notebook saved under another name, a
    folder without a notebook (refused), and a notebook over --notebook-mb (unreadable)."""
    root = make_course(tmp_path_factory.mktemp("cluster") / "template", ASSIGNMENT, class_notebooks())
    submitted = root / "submitted"
    renamed = submitted / "x-renamed" / ASSIGNMENT
    renamed.mkdir(parents=True)
    shutil.copy(next(submitted.glob(f"*perfect/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")), renamed / "my work (final).ipynb")
    (submitted / "y-empty" / ASSIGNMENT).mkdir(parents=True)
    (submitted / "y-empty" / ASSIGNMENT / "answers.txt").write_text("see attached")
    huge = build_submission(ASSIGNMENT, Scenario("perfect", ""))
    huge["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "x" * (2 << 20)})
    (submitted / "z-huge" / ASSIGNMENT).mkdir(parents=True)
    (submitted / "z-huge" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(huge))
    course_secret(root)
    return root


def students(course: Path) -> list[str]:
    return sorted(p.name for p in (course / "submitted").iterdir())


@pytest.fixture(scope="module")
def local(template, tmp_path_factory) -> Path:
    """The class graded by the local pool."""
    course = shutil.copytree(template, tmp_path_factory.mktemp("local") / "course")
    graded = grade_all(course)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    return course


def start_cluster(folder: Path, workers: int = 2, threads: int = 1, **settings) -> LocalCluster:
    cluster = LocalCluster(workers, folder=folder, env=env() | settings, threads=threads)
    cluster.start(timeout=120)
    return cluster


def stop_cluster(cluster: LocalCluster) -> None:
    pids = cluster.pids
    survivors = cluster.stop()
    assert survivors == [], f"processes left running: {survivors}"
    assert all(_started_at(pid) is None for pid in pids)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    started = start_cluster(tmp_path_factory.mktemp("dask"))
    try:
        yield started
    finally:
        stop_cluster(started)


def stored_reports(course: Path) -> dict:
    """Each student's report.json, without what differs between two gradings of the same notebook:
    the seconds it took and the course folder's own path."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "seconds"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value.replace(str(course), "<course>") if isinstance(value, str) else value

    return {path.parts[-3]: strip(json.loads(path.read_text()))
            for path in sorted((course / "autograded").glob(f"*/{ASSIGNMENT}/report.json"))}


def progress_students(stderr: str) -> list[str]:
    """The student of each progress line (`grading A k/N student: score`)."""
    return re.findall(rf"^grading {ASSIGNMENT} \d+/\d+ (\S+):", stderr, re.M)


# ----------------------------------------------------------------------------- the cases
def test_the_cluster_gives_the_local_pools_gradebook_rows_and_reports(template, local, cluster, tmp_path):
    course = shutil.copytree(template, tmp_path / "course")
    graded = grade_all(course, "--scheduler", cluster.address)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert gradebook_rows(course / "gradebook.db") == gradebook_rows(local / "gradebook.db")
    reports = stored_reports(course)
    assert sorted(reports) == students(template)
    assert reports == stored_reports(local)
    assert reports["x-renamed"]["submission"] == f"<course>/submitted/x-renamed/{ASSIGNMENT}/my work (final).ipynb"
    assert "over the limit" in reports["z-huge"]["unusable"] and reports["z-huge"]["salt"]
    assert reports["y-empty"]["unusable"]
    assert {r["isolation"] for r in reports.values()} == {json.loads(
        (local / "autograded" / "x-renamed" / ASSIGNMENT / "report.json").read_text())["isolation"]}
    assert sorted(progress_students(graded.stderr)) == students(template)
    for student in students(template):  # the instructor's machine wrote every page
        assert (course / "feedback" / student / ASSIGNMENT).is_dir()
    assert (course / "reports" / f"{ASSIGNMENT}.html").is_file()


SLOW_CLASS = 20
PAUSE = "import time\ntime.sleep(0.5)  # a slower notebook: the batch lasts long enough to kill a worker half way"


@pytest.mark.parametrize("allowed_failures", ["3", "0"], ids=["rescheduled-by-dask", "killed-worker-regraded-by-batch"])
def test_a_worker_killed_half_way_loses_no_submission_and_grades_none_twice(local, tmp_path, allowed_failures):
    """SIGKILL of the process group of a worker that is grading. Dask runs its tasks again on the other
    worker (allowed-failures 3, the default); with allowed-failures 0 they fail at once with KilledWorker,
    come back to the batch as died, and are graded again one submission per task."""
    from distributed import Client

    notebook = build_submission(ASSIGNMENT, Scenario("perfect", ""))
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "source": PAUSE, "outputs": [],
                              "execution_count": None})
    course = make_course(tmp_path / "course", ASSIGNMENT, {f"s{i:02d}": notebook for i in range(SLOW_CLASS)})
    cluster = start_cluster(tmp_path / "dask", DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=allowed_failures)
    batch = None
    try:
        batch = grade_all(course, "--scheduler", cluster.address, wait=False)
        deadline = time.monotonic() + 180
        with Client(cluster.address, timeout=30, set_as_default=False) as client:
            while True:  # once some but not all are recorded, a worker that is grading one is killed
                recorded = len(list((course / "autograded").glob(f"*/{ASSIGNMENT}/report.json")))
                busy = [address for address, keys in client.processing().items() if keys]
                if 2 <= recorded < SLOW_CLASS - 4 and busy:
                    break
                assert recorded < SLOW_CLASS - 4 and time.monotonic() < deadline and batch.poll() is None, \
                    f"the batch ended before a worker could be killed half way ({recorded} recorded)"
                time.sleep(0.05)
            name = client.scheduler_info(n_workers=-1)["workers"][busy[0]]["name"]
        killed = cluster.workers[int(str(name).rsplit("-", 1)[1])].pid
        cluster.kill_worker(int(str(name).rsplit("-", 1)[1]))
        stdout, stderr = batch.communicate(timeout=240)
        assert batch.returncode == 0, stdout + stderr  # 3 if any submission had ended as a grader fault
    finally:
        if batch is not None and batch.poll() is None:
            batch.kill()
            batch.wait()
        stop_cluster(cluster)
    # the killed worker's temporary folder is removed by the next task on this host
    assert not list(Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}{killed}-*"))
    lost = "workers died while trying to run it" in (tmp_path / "dask" / "scheduler.log").read_text()
    assert lost == (allowed_failures == "0")  # KilledWorker, or rescheduled by Dask itself
    everyone = [f"s{i:02d}" for i in range(SLOW_CLASS)]
    assert sorted(progress_students(stderr)) == everyone  # each delivered exactly once
    rows = gradebook_rows(course / "gradebook.db")
    assert [student for student, _ in rows["submissions"]] == everyone
    perfect = {(cell, score) for student, cell, score, *_ in gradebook_rows(local / "gradebook.db")["grades"]
               if student.endswith("-perfect")}
    for student in everyone:  # one full set of grade rows each, at full marks
        assert {(cell, score) for who, cell, score, *_ in rows["grades"] if who == student} == perfect
        assert len([row for row in rows["grades"] if row[0] == student]) == len(perfect)


def test_an_unreachable_scheduler_is_a_usage_error_and_nothing_is_written(template, tmp_path):
    course = shutil.copytree(template, tmp_path / "course")
    (course / ".autograder-secret").unlink()
    before = (course / "gradebook.db").read_bytes()
    with socket.socket() as probe:  # a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    started = time.monotonic()
    graded = grade_all(course, "--scheduler", address)
    assert graded.returncode == 2, graded.stdout + graded.stderr
    assert f"autograder: cannot reach the Dask scheduler at {address}" in graded.stderr
    assert time.monotonic() - started < 60
    for written in ("autograded", "feedback", "reports", ".autograder-secret"):
        assert not (course / written).exists(), written
    assert (course / "gradebook.db").read_bytes() == before


def test_workers_with_more_than_one_thread_are_refused_before_anything_is_written(template, tmp_path):
    course = shutil.copytree(template, tmp_path / "course")
    before = (course / "gradebook.db").read_bytes()
    cluster = start_cluster(tmp_path / "dask", workers=1, threads=2)
    try:
        graded = grade_all(course, "--scheduler", cluster.address)
    finally:
        stop_cluster(cluster)
    assert graded.returncode == 2, graded.stdout + graded.stderr
    assert "more than one thread" in graded.stderr and "--nthreads 1" in graded.stderr
    assert not (course / "autograded").exists() and (course / "gradebook.db").read_bytes() == before


def test_a_worker_checkout_that_differs_is_named_part_by_part(tmp_path):
    """What connect and every task compare: the suite, the reference, the release, the grader."""
    for part in (f"tests/hidden/{ASSIGNMENT}", f"assignments/{ASSIGNMENT}"):
        shutil.copytree(PROJECT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "solutions").mkdir()
    shutil.copy(PROJECT_ROOT / "solutions" / f"{ASSIGNMENT}.py", tmp_path / "solutions")
    assert checkout_digests(tmp_path, ASSIGNMENT) == checkout_digests(PROJECT_ROOT, ASSIGNMENT)
    assert worker_checkout(tmp_path, ASSIGNMENT) == tmp_path
    assert worker_checkout(tmp_path / "elsewhere", ASSIGNMENT) == PROJECT_ROOT  # not here: the worker's own
    suite = sorted((tmp_path / "tests" / "hidden" / ASSIGNMENT).glob("test_*.py"))[0]
    suite.write_text(suite.read_text() + "\n# changed\n")
    differs = {part for part, digest in checkout_digests(tmp_path, ASSIGNMENT).items()
               if digest != checkout_digests(PROJECT_ROOT, ASSIGNMENT)[part]}
    assert differs == {f"tests/hidden/{ASSIGNMENT}/"}
