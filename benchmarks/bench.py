"""`make bench`: how fast the grader is, next to stock `nbgrader autograde` and `otter run` (issue #5).

Every tool grades the same submissions of one assignment (ASSIGNMENT below), built from the
instructor's source notebook (full marks), the released notebook (the untouched stub) and the
realistic mistakes of the scenario catalogue (tests/scenarios/<assignment>.py), repeated in turn up
to N. Scenarios that hang or raise everywhere are left out (EXCLUDED): they measure time limits,
not grading.

Measured, in seconds of wall clock around each command (time.perf_counter):
    autograder grade-all   N = 1, 10, 100, 300 (default --jobs: all cores)
    grade-all --scheduler  N = 10 on a local Dask cluster of 2 workers (autograder/cluster.py's
                           LocalCluster, started once before its first run and stopped by pid after the rows)
    autograder grade       one submission, end to end (results.json and feedback page); once more on
                           an assignment without plots (NO_PLOTS_ASSIGNMENT: no matplotlib in the grader)
    nbgrader autograde     through the hidden suites: nbgrader's own command under this course's
                           nbgrader_config.py (autograder/nbgrader_plugin.py), N = 1, 10
    nbgrader autograde     stock (nbgrader's own Execute step restored in the course's config), its
                           own test cells run in each notebook's kernel, in two variants:
                           plain: the public checks as plain Python test cells (a typical nbgrader
                                  course; the baseline of every ratio), N = 1, 10, 100
                           otter: the notebooks as released (test cells call otter's grader.check,
                                  which imports otter in every kernel), N = 1
    otter run              one submission, with a minimal OK-format test set
    autograder similarity  N = 1000: every pair of a class compared (copydetect's fingerprints), the
                           pool's notebooks with small random variations (similarity_course)
    python -c 'import numpy'   the floor of any Python grader
    a large class          (benchmarks/large_class.py; not under --quick) grade-all of the same 60 and 10 new
                           submissions into a gradebook already holding 300 and 5,000 graded students
                           (prefilled from real Reports): marginal seconds per submission (t60 - t10) / 50 at
                           each size, their ratio, grade-all's peak memory; then, at 5,000, `nbgrader export`,
                           `autograder export --format canvas` and the class report (written in a child
                           process from 5,000 Reports held as grade-all holds them): seconds, page size, memory
A row whose run is quick runs up to 3 times (the median counts); slower rows run again only while the
benchmark stays within its budget (PLAN, BUDGET_SECONDS). Then it profiles one submission and one batch
in-process and reports where the time goes. It prints one table and writes benchmarks/results.md.
Scratch courses live in a temporary folder that is removed at the end. It measures the grader that
`import autograder` finds (this checkout, installed editable in .venv).

    .venv/bin/python benchmarks/bench.py            # the full run (what `make bench` does)
    .venv/bin/python benchmarks/bench.py --quick    # N = 1 and 10 only, one run each, for development
    .venv/bin/python benchmarks/bench.py --scale-only   # only the large-class rows (prints; writes nothing)
"""

from __future__ import annotations

import argparse
import ast
import copy
import cProfile
import inspect
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent          # the venv's bin: autograder, nbgrader, otter, jupyter
RESULTS = ROOT / "benchmarks" / "results.md"
ASSIGNMENT = "softmax_cross_entropy"
NO_PLOTS_ASSIGNMENT = "two_layer_network"   # the single command once more, on an assignment without plots
EXCLUDED = ("infinite_loop_in_a_cell", "raises_everywhere")
GIB = 1 << 30
CORES = len(os.sched_getaffinity(0))

# (tool, N, at most this many runs), in the order of the first runs; --quick keeps N <= 10, one run each.
PLAN = [
    ("floor", 1, 3),
    ("grade", 1, 3),
    ("grade-no-plots", 1, 3),
    ("grade-all", 1, 3),
    ("nbgrader-plain", 1, 3),
    ("nbgrader", 1, 3),
    ("nbgrader-suites", 1, 3),
    ("otter", 1, 1),
    ("grade-all", 10, 3),
    ("grade-all-dask", 10, 3),
    ("nbgrader-plain", 10, 3),
    ("nbgrader-suites", 10, 1),
    ("grade-all", 100, 3),
    ("nbgrader-plain", 100, 1),
    ("grade-all", 300, 1),
    ("similarity", 1000, 1),
]
BASELINE = "nbgrader-plain"  # the faster stock nbgrader: every ratio divides its seconds
BUDGET_SECONDS = 420       # repeats of slow rows are added only while the benchmark stays within this
CHEAP_SECONDS = 10          # a row whose first run is quicker gets all its runs at once
BREAKDOWN_SECONDS = 40      # kept free for the profiling at the end
SCALE_SECONDS = 150         # kept free for the large-class rows (large_class.scale_rows)
TARGET_MINUTES = 10         # `make bench` on a fresh clone
LABELS = {
    "floor": "floor: python -c 'import numpy'",
    "grade": "autograder grade (one notebook)",
    "grade-no-plots": f"autograder grade (one notebook of {NO_PLOTS_ASSIGNMENT}: no plots)",
    "grade-all": "autograder grade-all",
    "grade-all-dask": "grade-all on a local Dask cluster (2 workers)",
    "nbgrader-plain": "nbgrader autograde (stock; plain test cells)",
    "nbgrader": "nbgrader autograde (stock; otter test cells)",
    "nbgrader-suites": "nbgrader autograde (hidden suites)",
    "otter": "otter run",
    "similarity": "autograder similarity (every pair)",
}


# --------------------------------------------------------------------------------- submissions
SIMILARITY_SECONDS = 60    # target of `autograder similarity` on a class of 1,000
def submission_pool(assignment: str) -> list[tuple[str, dict]]:
    """(scenario name, notebook) for the perfect notebook, the stub and each catalogue scenario."""
    from autograder.scenarios import Scenario, build_submission, load_scenarios

    scenarios = [Scenario("perfect", "every solution in place"),
                 Scenario("stub", "the released notebook", base="release")]
    scenarios += [s for s in load_scenarios(assignment) if s.name not in EXCLUDED]
    return [(s.name, build_submission(assignment, s)) for s in scenarios]


def varied(notebook: dict, rng) -> dict:
    """A notebook with small random changes in its solution code cells, as another student who started
    from the same code would make: a name renamed, a statement added, a comment line."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        if cell.get("cell_type") != "code" or not cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        names = sorted(set(re.findall(r"^\s+([a-z_][a-z0-9_]*) = ", source, flags=re.M)))
        if names and rng.random() < 0.7:
            name = rng.choice(names)
            source = re.sub(rf"\b{name}\b", f"{name}_{rng.randrange(100)}", source)
        lines = source.split("\n")
        places = [i for i in range(1, len(lines)) if lines[i].startswith("    ") and lines[i].strip()
                  and not lines[i - 1].rstrip().endswith(("(", ",", "[", "\\"))
                  and not lines[i].lstrip().startswith((")", "]", "elif", "else", "except", "finally", '"""', "#"))]
        for _ in range(rng.randrange(3)):
            if places:
                at = rng.choice(places)
                indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
                extra = rng.choice([f"scratch = {rng.randrange(1, 99)} * {rng.random():.3f}",
                                    f"# step {rng.randrange(1000)}: check the shapes",
                                    f"assert {rng.randrange(1, 9)} > 0"])
                lines.insert(at, indent + extra)
                places = [p + (p >= at) for p in places]
        cell["source"] = "\n".join(lines)
    return notebook


def similarity_course(folder: Path, pool: list[tuple[str, dict]], n: int, seed: int = 15) -> Path:
    """A course folder for `autograder similarity`: the release and N submissions, the pool's notebooks
    in turn, each varied (varied()), so that no two files are equal."""
    import random

    rng = random.Random(seed)
    release = folder / "assignments" / ASSIGNMENT
    release.mkdir(parents=True)
    shutil.copy(ROOT / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", release)
    for i in range(n):
        target = folder / "submitted" / f"s{i:04d}" / ASSIGNMENT
        target.mkdir(parents=True)
        notebook = varied(pool[i % len(pool)][1], rng)
        (target / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return folder


OTTER_CELLS = ("otter_setup", "otter_check_all")   # grade_ids of the cells that set up and run otter


def plain_check_cell(test_file: Path) -> str:
    """One problem's public checks as a stock nbgrader test cell: the otter test file's own code,
    run as plain Python (`test_case` becomes a no-op decorator), then each check called with the
    notebook's names for its parameters. A failed check raises, as a plain assert would."""
    source = test_file.read_text(encoding="utf-8")
    checks = [(node.name, [arg.arg for arg in node.args.args]) for node in ast.parse(source).body
              if isinstance(node, ast.FunctionDef) and any(
                  isinstance(d, ast.Call) and getattr(d.func, "id", "") == "test_case" for d in node.decorator_list)]
    body = source.replace("from otter.test_files import test_case\n", "")
    calls = "\n".join(f"{name}({', '.join(params)})" for name, params in checks)
    return f"def test_case(**options):\n    return lambda check: check\n\n{body}\n{calls}\n"


def plain_variant(notebook: dict, tests: Path) -> dict:
    """The notebook with plain Python test cells in place of otter's (see plain_check_cell)."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if grade_id in OTTER_CELLS:
            cell["source"] = "# (no otter in this variant)"
        elif cell["cell_type"] == "code" and "grader.check(" in "".join(cell["source"]):
            cell["source"] = plain_check_cell(tests / f"{grade_id}.py")
    return notebook


def tool_env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def run_quiet(argv: list, cwd: Path | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, env=tool_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done


# --------------------------------------------------------------------------------- courses
# The course's nbgrader_config.py grades with the hidden suites; the stock baselines put nbgrader's
# own autograde steps (Execute: run the notebook in a kernel) back.
STOCK_NBGRADER = """
# benchmark baseline: stock nbgrader (its Execute step runs the notebook's own test cells)
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata"]
"""
VARIANTS = ("suites", "stock", "plain")  # hidden suites; stock nbgrader; stock with plain test cells


class Course:
    """A scratch nbgrader course holding N submissions; `reset()` restores the fresh gradebook."""

    def __init__(self, folder: Path, template: Path, pool: list[tuple[str, dict]], n: int, variant: str = "suites"):
        plain = variant == "plain"
        self.folder, self.template, self.n = folder, template, n
        tests = ROOT / "source_notebooks" / ASSIGNMENT / "tests"
        shutil.copytree(template, folder)
        for i in range(n):
            _, notebook = pool[i % len(pool)]
            target = folder / "submitted" / f"s{i:04d}" / ASSIGNMENT
            target.mkdir(parents=True)
            if plain:
                notebook = plain_variant(notebook, tests)
            (target / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")

    @staticmethod
    def make_template(folder: Path, variant: str = "suites") -> Path:
        """nbgrader_config.py (stock nbgrader's steps for "stock" and "plain") and the source notebook
        ("plain": with plain Python test cells); `generate_assignment` creates gradebook.db."""
        plain = variant == "plain"
        (folder / "source_notebooks").mkdir(parents=True)
        shutil.copy(ROOT / "nbgrader_config.py", folder)
        if variant in ("stock", "plain"):
            with open(folder / "nbgrader_config.py", "a", encoding="utf-8") as config:
                config.write(STOCK_NBGRADER)
        source = folder / "source_notebooks" / ASSIGNMENT
        shutil.copytree(ROOT / "source_notebooks" / ASSIGNMENT, source)
        if plain:
            path = source / f"{ASSIGNMENT}.ipynb"
            notebook = plain_variant(json.loads(path.read_text(encoding="utf-8")), source / "tests")
            path.write_text(json.dumps(notebook), encoding="utf-8")
        run_quiet([BIN / "nbgrader", "generate_assignment", ASSIGNMENT, "--force", "--log-level=WARN"], folder)
        return folder

    def reset(self) -> None:
        for name in ("autograded", "feedback"):
            shutil.rmtree(self.folder / name, ignore_errors=True)
        shutil.copy(self.template / "gradebook.db", self.folder / "gradebook.db")

    def graded_count(self) -> int:
        return len(list((self.folder / "autograded").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")))


def ensure_kernelspec() -> None:
    """nbgrader autograde and otter need the python3 kernel of this venv."""
    listed = run_quiet([BIN / "jupyter", "kernelspec", "list", "--json"]).stdout
    if "python3" not in json.loads(listed).get("kernelspecs", {}):
        run_quiet([sys.executable, "-m", "ipykernel", "install", "--sys-prefix"])


def build_otter_zip(folder: Path) -> Path:
    """A minimal otter autograder: one OK-format test per problem group, on the public examples."""
    cases = {
        "softmax": "bool(np.allclose(softmax(np.array([2.0, 1.0, 0.1])).sum(), 1.0))",
        "cross_entropy": "bool(np.isclose(cross_entropy_loss(np.array([0.7, 0.2, 0.1]), 0), -np.log(0.7)))",
        "gradient": "bool(np.allclose(softmax_ce_gradient(np.array([0.7, 0.2, 0.1]), 0), [-0.3, 0.2, 0.1]))",
        "entropy": "bool(np.isclose(entropy(np.array([0.5, 0.5])), np.log(2)))",
    }
    tests = folder / "tests"
    tests.mkdir(parents=True)
    for name, check in cases.items():
        test = {"name": name, "points": 1, "suites": [{
            "cases": [{"code": f">>> import numpy as np\n>>> {check}\nTrue", "hidden": False, "locked": False}],
            "scored": True, "setup": "", "teardown": "", "type": "doctest"}]}
        (tests / f"{name}.py").write_text(f"OK_FORMAT = True\n\ntest = {test!r}\n")
    run_quiet([BIN / "otter", "generate", "-t", tests, "-o", folder / "autograder.zip",
               "--no-config", "--no-requirements", "--no-environment"], folder)
    return folder / "autograder.zip"


# --------------------------------------------------------------------------------- measuring
@dataclass
class Run:
    seconds: float
    ok: bool = True
    error: str = ""
    # sampled from /proc when asked (grade-all): process tree's summed VmRSS, CPU, sandboxes at once
    peak_rss: int = 0
    cpu_seconds: float = 0.0
    peak_workers: int = 0


TICKS = os.sysconf("SC_CLK_TCK")


def process_tree(root_pid: int) -> list[dict]:
    """The process and all its descendants, from /proc: pid, parent, start time, command name, CPU s."""
    children: dict[int, list[int]] = {}
    stats: dict[int, dict] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()   # fields[0] is the state, field 3 of stat(5)
        pid, ppid = int(entry.name), int(fields[1])
        stats[pid] = {"pid": pid, "ppid": ppid, "start": int(fields[19]), "name": name,
                      "cpu": (int(fields[11]) + int(fields[12])) / TICKS}
        children.setdefault(ppid, []).append(pid)
    tree, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        if pid in stats:
            tree.append(stats[pid])
        stack.extend(children.get(pid, ()))
    return tree


def vm_rss(pid: int) -> int:
    """VmRSS of a process in bytes (0 when it is gone or has no memory of its own)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            found = re.search(r"^VmRSS:\s+(\d+) kB", status.read(), re.M)
    except OSError:
        return 0
    return int(found.group(1)) << 10 if found else 0


class TreeSampler(threading.Thread):
    """Every `interval` s: the summed VmRSS of the process tree (its maximum is `peak_rss`), the CPU
    time of each process seen (summed in `cpu_seconds`: a lower bound, since a process's last
    interval before it ends is missed) and the number of sandboxes running at once (`peak_workers`)."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss, self.peak_workers = 0, 0
        self.cpu: dict[tuple[int, int], float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            tree = process_tree(self.pid)
            self.peak_rss = max(self.peak_rss, sum(vm_rss(p["pid"]) for p in tree))
            names = {p["pid"]: p["name"] for p in tree}
            workers = sum(1 for p in tree if p["name"] == "bwrap" and names.get(p["ppid"]) != "bwrap")
            self.peak_workers = max(self.peak_workers, workers)
            for p in tree:
                key = (p["pid"], p["start"])
                self.cpu[key] = max(self.cpu.get(key, 0.0), p["cpu"])

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def timed(argv: list, cwd: Path | None = None, sample: bool = False) -> Run:
    """Run a command once: its wall clock and, if asked, its process tree's memory and CPU."""
    started = time.perf_counter()
    process = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=tool_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(process.pid) if sample else None
    if sampler:
        sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if sampler:
        sampler.stopped.set()
        sampler.join()
    ok = process.returncode == 0
    run = Run(seconds, ok=ok, error="" if ok else stderr[-1500:])
    if sampler:
        run.peak_rss, run.cpu_seconds, run.peak_workers = sampler.peak_rss, sampler.cpu_seconds, sampler.peak_workers
    return run


@dataclass
class Row:
    tool: str
    n: int
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(run.ok for run in self.runs)

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def per_submission(self) -> float:
        return self.seconds / self.n

    @property
    def cpu_share(self) -> float:
        """CPU seconds used per second of wall clock per core: 1.0 means every core busy."""
        return statistics.median(run.cpu_seconds / run.seconds for run in self.runs) / CORES

    @property
    def peak_rss(self) -> int:
        return max(run.peak_rss for run in self.runs)

    @property
    def peak_workers(self) -> int:
        return max(run.peak_workers for run in self.runs)


NBGRADER_VARIANTS = {"nbgrader": "stock", "nbgrader-plain": "plain", "nbgrader-suites": "suites"}


class Bench:
    """Runs the plan: every row once, then more runs (up to the plan's count) while the budget allows."""

    def __init__(self, scratch: Path, plan, budget: float, log=print):
        self.scratch, self.plan, self.budget, self.log = scratch, plan, budget, log
        self.started = time.perf_counter()
        self.pool = submission_pool(ASSIGNMENT)
        self.templates = {variant: Course.make_template(scratch / f"template-{variant}", variant)
                          for variant in VARIANTS}
        self.courses: dict[tuple[int, str], Course] = {}
        self.commands: dict[tuple[str, int], tuple[list, Path | None]] = {}
        self.cluster = None  # the local Dask cluster of "grade-all-dask", started on first use

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def course(self, n: int, variant: str = "suites") -> Course:
        """The course of N submissions in a variant (VARIANTS)."""
        if (n, variant) not in self.courses:
            self.courses[n, variant] = Course(self.scratch / f"course-{n}-{variant}", self.templates[variant],
                                              self.pool, n, variant)
        return self.courses[n, variant]

    def first_submission(self) -> Path:
        return self.course(1).folder / "submitted" / "s0000" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

    def command(self, tool: str, n: int) -> tuple[list, Path | None]:
        if (tool, n) not in self.commands:
            self.commands[tool, n] = self._command(tool, n)
        return self.commands[tool, n]

    def _command(self, tool: str, n: int) -> tuple[list, Path | None]:
        if tool == "floor":
            return [sys.executable, "-c", "import numpy"], None
        if tool == "grade":
            out = self.scratch / "single"
            out.mkdir(exist_ok=True)
            return [BIN / "autograder", "grade", "--assignment", ASSIGNMENT, self.first_submission(),
                    "--results", out / "results.json", "--feedback", out / "feedback.html", "--quiet"], out
        if tool == "grade-no-plots":
            out = self.scratch / "single-no-plots"
            out.mkdir(exist_ok=True)
            notebook = ROOT / "source_notebooks" / NO_PLOTS_ASSIGNMENT / f"{NO_PLOTS_ASSIGNMENT}.ipynb"
            return [BIN / "autograder", "grade", "--assignment", NO_PLOTS_ASSIGNMENT, notebook,
                    "--results", out / "results.json", "--feedback", out / "feedback.html", "--quiet"], out
        if tool == "grade-all":
            course = self.course(n)
            argv = [BIN / "autograder", "grade-all", ASSIGNMENT, "--course-root", course.folder, "--quiet"]
            return argv, course.folder
        if tool == "grade-all-dask":
            from autograder.cluster import LocalCluster

            self.cluster = LocalCluster(2, folder=self.scratch / "dask", env=tool_env())
            argv, folder = self._command("grade-all", n)
            return argv + ["--scheduler", self.cluster.start()], folder
        if tool in NBGRADER_VARIANTS:
            course = self.course(n, NBGRADER_VARIANTS[tool])
            return [BIN / "nbgrader", "autograde", ASSIGNMENT, "--force", "--log-level=WARN"], course.folder
        if tool == "similarity":
            folder = similarity_course(self.scratch / f"similarity-{n}", self.pool, n)
            return [BIN / "autograder", "similarity", ASSIGNMENT, "--course-root", folder], folder
        if tool == "otter":
            folder = self.scratch / "otter"
            zip_path = build_otter_zip(folder)
            (folder / "out").mkdir()
            return [BIN / "otter", "run", "-a", zip_path, "-o", folder / "out", "--no-logo",
                    self.first_submission()], folder
        raise ValueError(tool)

    def measure_once(self, row: Row) -> None:
        argv, cwd = self.command(row.tool, row.n)
        batch = row.tool in ("grade-all", "grade-all-dask") or row.tool in NBGRADER_VARIANTS
        course = self.course(row.n, NBGRADER_VARIANTS.get(row.tool, "suites")) if batch else None
        if batch:
            course.reset()
        run = timed(argv, cwd, sample=row.tool in ("grade-all", "similarity"))
        if run.ok and batch and course.graded_count() != row.n:
            run.ok, run.error = False, f"only {course.graded_count()} of {row.n} graded"
        row.runs.append(run)
        if not run.ok:
            row.note = first_line(run.error)
        self.log(f"  [{self.elapsed():5.0f} s] {LABELS[row.tool]:<34} N={row.n:<4} run {len(row.runs)}: "
                 f"{run.seconds:.2f} s" + ("" if run.ok else f"  FAILED: {row.note}"))

    def run(self, reserve: float) -> list[Row]:
        """Each row in plan order: all its runs when it is cheap, else one. Then the other runs,
        cheapest first, while they fit before `budget - reserve` seconds (reserve: the breakdown)."""
        ensure_kernelspec()
        rows = [(Row(tool, n), runs) for tool, n, runs in self.plan]
        for row, wanted in rows:
            self.measure_once(row)
            while row.ok and len(row.runs) < wanted and row.runs[0].seconds < CHEAP_SECONDS:
                self.measure_once(row)
        for row, wanted in sorted(rows, key=lambda item: item[0].runs[0].seconds):
            while row.ok and len(row.runs) < wanted and self.elapsed() + row.runs[0].seconds < self.budget - reserve:
                self.measure_once(row)
        return [row for row, _ in rows]


def scale_lines(bench: Bench) -> list[Line]:
    """The large-class rows (benchmarks/large_class.py), once the Dask cluster is stopped."""
    from large_class import scale_rows  # this file's folder is on sys.path when it runs as a script

    print(f"  [{bench.elapsed():5.0f} s] a large class: gradebooks of 300 and 5,000 students ...")
    try:
        return scale_rows(bench.scratch / "scale", bench.pool, bench.templates["suites"], bench.log)
    except Exception as exc:  # noqa: BLE001 - the other rows stand; say what failed
        return [Line("a large class (large_class.scale_rows)", "", "failed", "-", "-", "-",
                     f"not measured: {type(exc).__name__}: {exc}"[:200])]


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else "failed"


# --------------------------------------------------------------------------------- the table
@dataclass
class Line:
    what: str
    n: str
    total: str
    per_submission: str
    ratio: str
    target: str
    met: str


def find(rows: list[Row], tool: str, n: int | None = None) -> Row | None:
    matches = [r for r in rows if r.tool == tool and (n is None or r.n == n) and r.ok]
    return matches[-1] if matches else None


def nbgrader_baseline(rows: list[Row], n: int) -> Row | None:
    """The baseline (stock nbgrader, plain test cells) at the same N, else at the largest N below it."""
    candidates = [r for r in rows if r.tool == BASELINE and r.ok and r.n <= n]
    return max(candidates, key=lambda r: r.n) if candidates else None


def verdict(condition: bool | None) -> str:
    return "n/a" if condition is None else ("yes" if condition else "NO")


def table_lines(rows: list[Row]) -> list[Line]:
    lines = []
    for row in rows:
        runs = f" ({len(row.runs)} run{'s' if len(row.runs) > 1 else ''})"
        if not row.ok:
            lines.append(Line(LABELS[row.tool], str(row.n), "failed", "-", "-", "-", f"not measured: {row.note}"))
            continue
        base = nbgrader_baseline(rows, row.n)
        comparable = row.tool not in (BASELINE, "grade-no-plots", "similarity")  # another assignment; not grading
        ratio = base.per_submission / row.per_submission if base and comparable else None
        ratio_text = "1.0" if row.tool == BASELINE else (f"{ratio:.1f}x" if ratio else "-")
        if base and base.n != row.n and row.tool != BASELINE:
            ratio_text += f" (vs N={base.n})"
        target, met = "", None
        if row.tool == "grade-all" and row.n == 100:
            target, met = ">= 10x nbgrader", ratio is not None and ratio >= 10
        elif row.tool == "grade":
            target = "<= 1/3 of nbgrader N=1 and < 1 s"
            met = ratio is not None and ratio >= 3 and row.per_submission < 1.0
        elif row.tool == "grade-all" and row.n == 300:
            target, met = f"peak RSS {row.peak_rss / GIB:.2f} GiB < 1 GiB", row.peak_rss < GIB
        elif row.tool == "similarity":
            cpu = statistics.median(run.cpu_seconds for run in row.runs)
            target = f"< {SIMILARITY_SECONDS} s for every pair (CPU {cpu:.0f} s; peak RSS {row.peak_rss / GIB:.2f} GiB)"
            met = row.seconds < SIMILARITY_SECONDS
        lines.append(Line(LABELS[row.tool] + runs, str(row.n), f"{row.seconds:.2f}", f"{row.per_submission:.3f}",
                          ratio_text, target, verdict(met) if target else ""))
    lines += derived_lines(rows)
    return lines


def derived_lines(rows: list[Row]) -> list[Line]:
    """The targets that are not one row: linear growth and the use of every core."""
    lines = []
    batch = {r.n: r for r in rows if r.tool == "grade-all" and r.ok}
    if {10, 100, 300} <= set(batch):
        fixed, marginal = linear_fit([(n, batch[n].seconds) for n in (10, 100, 300)])
        low = (batch[100].seconds - batch[10].seconds) / 90
        high = (batch[300].seconds - batch[100].seconds) / 200
        lines.append(Line(f"grade-all: t = a + b*N fitted on N = 10, 100, 300: a = {fixed:.1f} s, b = {marginal:.3f} s",
                          "10-300", "", "", "", f"linear: marginal s/sub 100->300 ({high:.3f}) <= 1.2 x 10->100 "
                          f"({low:.3f})", verdict(high <= 1.2 * low)))
    if batch:
        widest = batch[max(batch)]
        from autograder.config import default_jobs

        jobs, share, workers = default_jobs(), widest.cpu_share, widest.peak_workers
        lines.append(Line(f"grade-all: default --jobs = {jobs}; sandboxes at once (max) = {workers}; "
                          f"CPU time / (wall x {CORES} cores) = {share:.2f}", str(widest.n), "", "", "",
                          f"every core: --jobs = {CORES} by default and {CORES} sandboxes at once",
                          verdict(jobs == CORES and workers >= CORES)))
    return lines


def linear_fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least squares a, b of t = a + b*N."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs) or 1.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx
    return mean_y - slope * mean_x, slope


HEADER = Line("what", "N", "seconds total", "seconds / submission",
              "ratio (stock nbgrader, plain test cells: its s/sub / the row's)", "target", "met?")


def render_text(lines: list[Line]) -> str:
    cells = [list(vars(line).values()) for line in [HEADER] + lines]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    text = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    text.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(text)


def render_markdown(lines: list[Line]) -> str:
    cells = [list(vars(line).values()) for line in [HEADER] + lines]
    rows = ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
    rows.insert(1, "|" + "---|" * len(cells[0]))
    return "\n".join(rows)


# --------------------------------------------------------------------------------- where the time goes
class StageClock:
    """Wraps functions of the grader (in this process only) and adds up their time and calls."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.missing: list[str] = []   # functions the grader no longer has (it changes; say so)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.calls[stage] = self.calls.get(stage, 0) + 1

    def wrap(self, owner, attribute: str, stage: str | None = None, stage_of=None) -> None:
        original = getattr(owner, attribute, None)
        if original is None:
            self.missing.append(f"{getattr(owner, '__name__', owner)}.{attribute}")
            return
        clock = self

        def timed_call(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                clock.add(stage_of(*args, **kwargs) if stage_of else stage, time.perf_counter() - started)

        setattr(owner, attribute, timed_call)


def pytest_phases(clock: StageClock):
    """A pytest plugin that times collection and the run of the tests (setup + call + teardown)."""
    import pytest

    class PytestPhases:
        @pytest.hookimpl(hookwrapper=True)
        def pytest_collection(self, session):
            started = time.perf_counter()
            yield
            clock.add("pytest: collection", time.perf_counter() - started)

        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtestloop(self, session):
            started = time.perf_counter()
            yield
            clock.add("pytest: run the tests (incl. round trips)", time.perf_counter() - started)

    return PytestPhases()


def instrument(clock: StageClock, pytest_args: tuple[str, ...] = ()) -> None:
    """Time the grader's stages by wrapping its functions (only in this profiling process)."""
    import pytest
    from autograder import batch, engine
    from autograder.sandbox import worker_session as session
    from autograder.suite import run as runner

    clock.wrap(session.WorkerSession, "_exchange",
               stage_of=lambda self, request, seconds: f"round trip: {request.get('op')}")
    try:
        from autograder.sandbox import zygote_handle as launcher
    except ImportError:  # a grader without the zygote starts a fresh worker per submission
        clock.wrap(session.WorkerSession, "_start", "worker: start (a fresh sandboxed Python)")
    else:
        clock.wrap(launcher.ZygoteLauncher, "_start", "sandbox: start bwrap + zygote (imports numpy, matplotlib)")
        clock.wrap(launcher.ZygoteLauncher, "spawn", "worker: spawn, a fork of the zygote (incl. its start)")
        clock.wrap(launcher.ZygoteLauncher, "kill", "worker: kill")
    clock.wrap(session.WorkerSession, "close", "worker: close the session")
    clock.wrap(runner, "load_notebook", "load + validate notebook")
    clock.wrap(runner, "load_reference", "import the reference solution")
    clock.wrap(runner, "resolve_mode", "resolve isolation (bwrap probe)")
    clock.wrap(runner, "run_suite", "run_suite total (pytest.main)")
    if hasattr(runner, "SubmissionRun"):
        clock.wrap(runner.SubmissionRun, "open", "worker: open (spawn + run the notebook's cells)")
    clock.wrap(engine, "_with_pngs", "draw the feedback's plots (PNG)")
    clock.wrap(batch, "write_student_files", "parent: results.json + feedback + files")
    clock.wrap(batch, "record_report", "parent: gradebook write (one transaction)")
    clock.wrap(batch, "open_gradebook", "parent: open gradebook (imports nbgrader.api)")
    clock.wrap(batch, "_grade_in_pool", "parent: the pool, start to last result")
    clock.wrap(batch, "class_table", "parent: class table")
    clock.wrap(batch, "preload_matplotlib", "parent: import matplotlib.pyplot (before the fork)")
    original_main = pytest.main

    def main_with_phases(args, plugins=()):
        return original_main(list(args) + list(pytest_args), plugins=list(plugins) + [pytest_phases(clock)])

    pytest.main = main_with_phases
    from autograder.sinks import feedback_html, results_json

    # `autograder grade` imports these two when it runs, from their modules: wrapped there
    clock.wrap(results_json, "write_results", "write results.json")
    clock.wrap(feedback_html, "write_feedback", "write feedback.html")


def profile_single(notebook: Path, out: Path, pytest_args: tuple[str, ...] = (), with_cprofile: bool = False) -> dict:
    """`autograder grade` in this process: a cold run (as the command), a warm one (as a pool process
    after its first submission), both with stage clocks, then (if asked) a warm run under cProfile.
    `pytest_args` are added to the suite's pytest command line (an experiment: the grader unchanged)."""
    started = time.perf_counter()
    from autograder import cli

    clock = StageClock()
    instrument(clock, pytest_args)  # imports the grader's modules: runner, session, pytest, numpy, batch
    imports = time.perf_counter() - started
    argv = ["grade", "--assignment", ASSIGNMENT, str(notebook), "--results", str(out / "r.json"),
            "--feedback", str(out / "f.html"), "--quiet"]
    runs = {}
    for label in ("cold", "warm"):
        clock.seconds, clock.calls = {}, {}
        started = time.perf_counter()
        cli.main(argv)
        runs[label] = {"total": time.perf_counter() - started, "stages": dict(clock.seconds),
                       "calls": dict(clock.calls)}
    stats = io.StringIO()
    if with_cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        cli.main(argv)
        profiler.disable()
        pstats.Stats(profiler, stream=stats).sort_stats("tottime").print_stats(12)
    return {"imports": imports, **runs, "cprofile": stats.getvalue(), "missing": clock.missing}


def profile_batch(course: Path, n: int) -> dict:
    """Run grade_all in this process (parent side clocked); children's time comes from the reports."""
    from autograder import config
    from autograder.batch import grade_all
    from autograder.config import GradingConfig, default_jobs

    getattr(config, "skip_slow_optional_imports", lambda: None)()  # what `autograder grade-all` does first
    clock = StageClock()
    instrument(clock)
    started = time.perf_counter()
    _, reports = grade_all(ASSIGNMENT, GradingConfig(), course_root=course, jobs=default_jobs(), quiet=True,
                           out=lambda *_: None)
    total = time.perf_counter() - started
    return {"total": total, "n": n, "stages": clock.seconds, "calls": clock.calls,
            "child_grade_seconds": sum(entry.report.seconds for entry in reports), "jobs": default_jobs(),
            "missing": clock.missing}


def sandbox_command(scratch: Path, mode: str) -> tuple[list[str], dict, str]:
    """The grader's own sandbox command up to the program it runs: (argv prefix, env, cwd)."""
    from autograder.sandbox import isolation as sandbox

    if hasattr(sandbox, "zygote_command"):
        command = sandbox.zygote_command(scratch, mode, 0)
    else:  # a grader that starts one sandbox per submission
        from autograder.config import Limits

        wants_limits = "limits" in inspect.signature(sandbox.build_command).parameters
        command = sandbox.build_command(scratch, mode, *([Limits()] if wants_limits else []))
    argv = command.argv
    prefix = argv[:argv.index("--") + 1] if "--" in argv else []
    return prefix + [sys.executable, "-I"], command.env, command.cwd


def sandbox_costs(repeats: int = 3) -> dict:
    """Start-up of the sandboxed Python, bare and in the sandbox, with the imports the zygote makes."""
    from autograder.sandbox.isolation import resolve_mode

    mode = resolve_mode("auto")
    costs = {"mode": mode}
    with tempfile.TemporaryDirectory() as scratch:
        base, env, cwd = sandbox_command(Path(scratch), mode)
        for label, code in (("pass", "pass"), ("import numpy", "import numpy"),
                            ("import numpy, matplotlib.pyplot", "import numpy, matplotlib.pyplot")):
            for where, argv in (("bare", [sys.executable, "-I", "-c", code]), ("sandbox", base + ["-c", code])):
                samples = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    subprocess.run(argv, env=env, cwd=cwd, check=True, stderr=subprocess.DEVNULL)
                    samples.append(time.perf_counter() - started)
                costs[f"{where}: python -c '{label}'"] = statistics.median(samples)
    return costs


def profile_chunk(folder: Path, size: int) -> dict:
    """What one pool process does with a chunk of `size` submissions (`engine.grade_chunk`: one suite
    run for the chunk), in this process: a cold chunk (first of the process), then a warm one."""
    from autograder import batch, engine
    from autograder.config import GradingConfig
    from autograder.course import Submission

    clock = StageClock()
    instrument(clock)
    if hasattr(batch, "preload_matplotlib"):
        batch.preload_matplotlib()  # the parent does it before it forks the pool
    notebooks = sorted(folder.glob("*.ipynb"))
    runs = {}
    for label, part in (("cold", notebooks[:size]), ("warm", notebooks[size:2 * size])):
        clock.seconds, clock.calls = {}, {}
        started = time.perf_counter()
        engine.grade_chunk([Submission(path.stem, path.parent, path, ASSIGNMENT) for path in part], ASSIGNMENT,
                           GradingConfig())
        runs[label] = {"total": time.perf_counter() - started, "stages": dict(clock.seconds),
                       "calls": dict(clock.calls)}
    return {**runs, "size": size, "missing": clock.missing}


def round_trip_costs(calls: int = 200) -> dict:
    """Seconds per grader -> worker -> grader call of a trivial function, through the real session."""
    from autograder.config import Limits
    from autograder.sandbox.isolation import resolve_mode
    from autograder.sandbox.worker_session import WorkerSession

    costs = {}
    with WorkerSession(resolve_mode("auto"), Limits()) as session:
        session.run_notebook([(0, "import numpy as np\ndef echo(x):\n    return x")])
        for label, value in (("a float", 1.5), ("a (100, 10) array", __import__("numpy").ones((100, 10)))):
            session.request("call", "echo", (value,))
            started = time.perf_counter()
            for _ in range(calls):
                session.request("call", "echo", (value,))
            costs[label] = (time.perf_counter() - started) / calls
    return costs


GRADE_IMPORTS = ("from autograder import cli\nfrom autograder.suite import run\n"
                 "from autograder.sinks import feedback_html, results_json")
# as `autograder grade-all` does it: the grader's own import settings first (if it has any)
BATCH_IMPORTS = (GRADE_IMPORTS + "\nfrom autograder import batch, config\n"
                 "getattr(config, 'skip_slow_optional_imports', lambda: None)()\nimport nbgrader.api")
BATCH_PROFILE_N = 20
CHUNK_SIZE = 8              # what grade-all uses at N = 100 on 2 cores (batch.chunks)


def import_costs(code: str) -> dict:
    """Wall clock of the imports (median of 2) and, from `python -X importtime`, the packages with the
    most import time of their own modules (importtime inflates the figures: read them as shares)."""
    samples = []
    for _ in range(2):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        samples.append(time.perf_counter() - started)
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                          check=True)
    packages: dict[str, int] = {}
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if found:
            name = found.group(2).split(".")[0]
            packages[name] = packages.get(name, 0) + int(found.group(1))
    total = sum(packages.values()) or 1
    heavy = sorted(packages.items(), key=lambda item: -item[1])[:6]
    return {"seconds": statistics.median(samples), "shares": [(name, us / total) for name, us in heavy]}


def breakdown(bench: Bench) -> dict:
    """Everything the breakdown section reports, each profile in a fresh Python process."""
    from autograder.suite import run as runner

    out = bench.scratch / "profile"
    (out / "pool").mkdir(parents=True)
    figures = {"imports": {"grade": import_costs(GRADE_IMPORTS), "grade-all": import_costs(BATCH_IMPORTS)},
               "sandbox": sandbox_costs()}
    for i, (name, notebook) in enumerate(bench.pool):
        (out / "pool" / f"{i:02d}-{name}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    for name in ("perfect", "stub"):
        notebook = next((out / "pool").glob(f"*-{name}.ipynb"))
        figures[f"single:{name}"] = child_profile("single-cprofile" if name == "perfect" else "single", notebook, out)
    if "--tb=no" not in getattr(runner, "PYTEST_ARGS", ()):
        figures["single:stub --tb=no"] = child_profile("single-tb-no", next((out / "pool").glob("*-stub.ipynb")), out)
    figures["round_trips"] = child_profile("round-trips", out, out)
    figures["chunk"] = child_profile("chunk", out / "pool", out, CHUNK_SIZE)
    course = Course(bench.scratch / "profile-batch", bench.templates["suites"], bench.pool, BATCH_PROFILE_N)
    figures["batch"] = child_profile("batch", course.folder, out, BATCH_PROFILE_N)
    return figures


def child_profile(kind: str, path: Path, out: Path, n: int = 1) -> dict:
    done = run_quiet([sys.executable, __file__, "--profile-child", kind, str(path), str(out), str(n)])
    return json.loads(done.stdout.strip().splitlines()[-1])


def render_breakdown(figures: dict) -> str:
    sandbox, imports = figures["sandbox"], figures["imports"]
    perfect, stub, stub_tb = figures["single:perfect"], figures["single:stub"], figures.get("single:stub --tb=no")
    trips = figures["round_trips"]
    calls = {name: sum(n for stage, n in figures[f"single:{name}"]["warm"]["calls"].items()
                       if stage.startswith("round trip")) for name in ("perfect", "stub")}

    def shares(entry):
        return ", ".join(f"{name} {share:.0%}" for name, share in entry["shares"])

    def sandbox_row(label):
        return (f"| python -c '{label}' | {sandbox[f'bare: python -c {label!r}']:.3f} s "
                f"| {sandbox[f'sandbox: python -c {label!r}']:.3f} s |")

    lines = [
        "## Where the time goes",
        "",
        "Each figure comes from its own process: `python -X importtime`, the sandbox command of the grader "
        "run with `-c`, and `autograder grade` / `grade_all` run in-process with a clock around each "
        "stage (the grader's functions wrapped from outside, its code unchanged) and cProfile.",
        "",
        "### Start-up",
        "",
        f"- Imports of `autograder grade` (runner, pytest, numpy, sinks): {imports['grade']['seconds']:.2f} s "
        f"wall (importtime shares: {shares(imports['grade'])}).",
        f"- Imports of `autograder grade-all` (the same and `nbgrader.api`): {imports['grade-all']['seconds']:.2f} s "
        f"wall (importtime shares: {shares(imports['grade-all'])}): paid once per batch, before any grading.",
        f"- Sandbox start-up, isolation `{sandbox['mode']}` (median of 3). The zygote pays the last row once "
        "per grading process (once per `autograder grade`, once per pool process of `grade-all`) and forks "
        "a prepared worker per submission (the `spawn` stage below):",
        "",
        "| command | bare | in the sandbox |",
        "|---|---|---|",
        sandbox_row("pass"), sandbox_row("import numpy"), sandbox_row("import numpy, matplotlib.pyplot"),
        "",
        "### One submission",
        "",
        f"`autograder grade` in a profiling process: the imports above, then a cold grade (as the command runs "
        f"it: {perfect['cold']['total']:.2f} s for `perfect`), then a warm one (the zygote running, every module "
        f"imported: {perfect['warm']['total']:.2f} s). Stages nest (run_suite holds the pytest phases, which "
        "hold the call round trips): shares do not add up to 100%.",
        "",
        "`perfect` (every solution in place):",
        "",
        cold_warm_table(perfect),
        "",
        "`stub` (the released notebook: every test fails):",
        "",
        cold_warm_table(stub),
        "",
        f"Round trips per submission: {calls['perfect']} for `perfect`, {calls['stub']} for `stub` (cells and "
        f"calls). One call of a trivial function through the session costs "
        + ", ".join(f"{seconds * 1000:.2f} ms with {label}" for label, seconds in trips.items()) + ".",
        "",
    ]
    if stub_tb:
        lines += [
            f"Experiment, grader unchanged: the `stub` graded with `--tb=no` added to the suite's pytest "
            f"arguments takes {stub_tb['warm']['total']:.2f} s warm instead of {stub['warm']['total']:.2f} s (pytest "
            "formats a traceback with source for every failed test, which the grader never shows; run_suite "
            f"{stub_tb['warm']['stages'].get('run_suite total (pytest.main)', 0):.2f} s instead of "
            f"{stub['warm']['stages'].get('run_suite total (pytest.main)', 0):.2f} s).",
            "",
        ]
    chunk = figures["chunk"]
    lines += [
        "### A chunk in a pool process",
        "",
        f"`grade-all` gives each pool process chunks of submissions graded by one suite run. "
        f"`batch._grade_chunk` of {chunk['size']} catalogue submissions in a profiling process, after the "
        f"parent's matplotlib import: the first chunk of the process {chunk['cold']['total']:.2f} s, the next "
        f"{chunk['warm']['total']:.2f} s = {chunk['warm']['total'] / chunk['size']:.3f} s per submission of one "
        "core:",
        "",
        cold_warm_table(chunk, "whole chunk"),
        "",
    ]
    batch = figures["batch"]
    lines += [
        "### A batch",
        "",
        f"`grade_all` of {batch['n']} submissions in-process ({batch['jobs']} jobs): {batch['total']:.2f} s wall, "
        f"{batch['total'] / batch['n']:.3f} s per submission; the reports add up to "
        f"{batch['child_grade_seconds']:.2f} s of grading ({batch['child_grade_seconds'] / batch['n']:.3f} s per "
        "submission) in the pool processes. The parent process:",
        "",
        stage_table(batch, batch["total"], only_prefix="parent"),
        "",
        "cProfile of one warm `grade` of `perfect`, the functions with the most own time (time in "
        "`select` is the grader waiting for the worker):",
        "",
        "```",
        trim_cprofile(perfect["cprofile"]),
        "```",
    ]
    missing = sorted(set(sum((figures[k].get("missing", []) for k in figures if isinstance(figures[k], dict)), [])))
    if missing:
        lines += ["", f"Not clocked (no longer in the grader): {', '.join(missing)}."]
    return "\n".join(lines)


def stage_table(figures: dict, total: float, only_prefix: str = "") -> str:
    rows = ["| stage | calls | seconds | share |", "|---|---|---|---|"]
    for stage, seconds in sorted(figures["stages"].items(), key=lambda item: -item[1]):
        if only_prefix and not stage.startswith(only_prefix):
            continue
        calls = figures["calls"][stage]
        rows.append(f"| {stage} | {calls} | {seconds:.3f} | {seconds / total:.0%} |")
    return "\n".join(rows)


def cold_warm_table(single: dict, whole: str = "whole grade") -> str:
    """Stages of the cold and the warm run side by side (nested stages overlap: shares do not add up)."""
    cold, warm = single["cold"], single["warm"]
    rows = ["| stage | calls | cold s | warm s | warm share |", "|---|---|---|---|---|"]
    for stage in sorted(set(cold["stages"]) | set(warm["stages"]), key=lambda s: -cold["stages"].get(s, 0)):
        calls = warm["calls"].get(stage, cold["calls"].get(stage, 0))
        c, w = cold["stages"].get(stage, 0.0), warm["stages"].get(stage, 0.0)
        rows.append(f"| {stage} | {calls} | {c:.3f} | {w:.3f} | {w / warm['total']:.0%} |")
    rows.append(f"| **{whole}** | 1 | {cold['total']:.3f} | {warm['total']:.3f} | 100% |")
    return "\n".join(rows)


def trim_cprofile(text: str) -> str:
    lines = text.strip().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(line.replace(str(ROOT) + "/", "").replace(str(BIN.parent) + "/", "")
                     for line in lines[start:])


# --------------------------------------------------------------------------------- the report
MEASURED_PATHS = ("autograder", "solutions", f"tests/hidden/{ASSIGNMENT}", f"tests/scenarios/{ASSIGNMENT}.py",
                  f"source_notebooks/{ASSIGNMENT}", f"tests/hidden/{NO_PLOTS_ASSIGNMENT}",
                  f"source_notebooks/{NO_PLOTS_ASSIGNMENT}", "nbgrader_config.py")


def grader_revision() -> str:
    """The commit measured, and whether the files that decide the timings differ from it."""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", *MEASURED_PATHS],
                                 capture_output=True, text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    paths = sorted({line[3:].split("/")[0] for line in changed if line.strip()})
    return f"commit {commit}" + (f" with uncommitted changes in {', '.join(paths)}" if paths else "")


def machine() -> str:
    return (f"{CORES} cores (`nproc`), {platform.processor() or platform.machine()}, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}, "
            f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")


def write_results(table: str, pool: list[tuple[str, dict]], budget: float, figures: dict | None,
                  elapsed: float, loads, revisions: tuple[str, str]) -> None:
    load = " and ".join(f"{one:.1f}" for one, _, _ in loads)
    revision = revisions[0] if revisions[0] == revisions[1] else f"{revisions[0]}, then during the run {revisions[1]}"
    text = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/bench.py`): the latest measurement, committed.",
        "",
        f"Grader: {revision}.",
        "",
        f"Machine: {machine()}. The benchmark took {elapsed / 60:.1f} min. Load average (1 min) at its start "
        f"and end: {load} (other work on the machine slows every row; the ratios compare rows of the same "
        "run).",
        "",
        f"Submissions: assignment `{ASSIGNMENT}`, {len(pool)} distinct notebooks repeated in turn up to N: "
        f"the source notebook (`perfect`, first), the untouched released notebook (`stub`) and "
        f"{len(pool) - 2} catalogue scenarios (realistic mistakes and correct alternatives); "
        f"left out: {', '.join(EXCLUDED)} (they measure time limits). N = 1 and the single-submission "
        "rows grade the `perfect` notebook.",
        "",
        "Stock nbgrader runs in two variants. *plain test cells*: the notebook's public checks as plain "
        "Python test cells (the otter test files' own code, run without otter; a failed check raises, as "
        "an assert would), what a typical nbgrader course has: the faster of the two and the baseline of "
        "every ratio. *otter test cells*: the notebooks as released, whose test cells call "
        "`grader.check`, which imports otter in every kernel; N = 1 only (4 s per notebook: at N = 100 "
        "it alone would take 7 minutes).",
        "",
        f"Runs: up to 3 per row (1 for otter, stock nbgrader at N = 100 and grade-all at N = 300): all at "
        f"once when the first takes under {CHEAP_SECONDS} s, else more only while the benchmark stays within "
        f"{budget / 60:.0f} min; seconds are the median of the runs the row shows (of 2: their mean). "
        "The ratio divides the baseline's seconds per submission at the same N (at N = 100 for N = 300; "
        "at N = 1 for the single command, otter and the floor) by the row's. Peak memory and CPU are "
        "sampled every 50 ms from /proc over `grade-all` and all its descendants (summed VmRSS counts "
        "shared pages once per process: an upper bound).",
        "",
        table,
        "",
    ]
    if figures:
        text += [render_breakdown(figures), ""]
    RESULTS.write_text("\n".join(text), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 1 and 10 only, one run each (development)")
    parser.add_argument("--no-breakdown", action="store_true", help="skip the profiling section")
    parser.add_argument("--no-write", action="store_true", help="print only; leave results.md alone")
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS,
                        help="seconds within which repeated runs are added (default %(default)s)")
    parser.add_argument("--no-scale", action="store_true", help="skip the large-class rows (about 2 min)")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the large-class rows (development: prints, leaves results.md alone)")
    parser.add_argument("--profile-child", nargs=4, metavar=("KIND", "PATH", "OUT", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profile_child:
        kind, path, out, n = args.profile_child
        if kind in ("single", "single-cprofile"):
            figures = profile_single(Path(path), Path(out), with_cprofile=kind == "single-cprofile")
        elif kind == "single-tb-no":
            figures = profile_single(Path(path), Path(out), ("--tb=no",))
        elif kind == "round-trips":
            figures = round_trip_costs()
        elif kind == "chunk":
            figures = profile_chunk(Path(path), int(n))
        else:
            figures = profile_batch(Path(path), int(n))
        print(json.dumps(figures))
        return 0

    import autograder

    graded_by = Path(autograder.__file__).resolve().parent.parent
    if graded_by != ROOT:
        print(f"note: the grader measured is the one in {graded_by}, not {ROOT}")
    plan = [(tool, n, 1) for tool, n, _ in PLAN if n <= 10] if args.quick else PLAN
    if args.scale_only:
        plan, args.no_breakdown, args.no_write = [], True, True
    scale = not (args.quick or args.no_scale)
    load_before, revision_before = os.getloadavg(), grader_revision()
    with tempfile.TemporaryDirectory(prefix="autograder-bench-") as scratch:
        print(f"benchmark of {ASSIGNMENT} on {CORES} cores, budget {args.budget:.0f} s; scratch in {scratch}")
        bench = Bench(Path(scratch), plan, args.budget)
        try:
            rows = bench.run(reserve=(0 if args.no_breakdown else BREAKDOWN_SECONDS) + (SCALE_SECONDS if scale else 0))
        finally:
            if bench.cluster is not None:  # ended by pid before the profiling, which wants the cores
                left = bench.cluster.stop()
                print(f"  local Dask cluster stopped{f'; still running: {left}' if left else ''}")
        large = scale_lines(bench) if scale else [Line(
            "a large class (gradebooks of 300 and 5,000; exports and class report of 5,000)", "", "", "", "",
            f"skipped ({'--quick' if args.quick else '--no-scale'})", "")]
        figures = None
        if not args.no_breakdown:
            print(f"  [{bench.elapsed():5.0f} s] profiling one submission and one batch ...")
            figures = breakdown(bench)
        elapsed = bench.elapsed()
        duration = Line("this benchmark (make bench, without creating the venv)", "", f"{elapsed:.0f}", "", "",
                        f"< {TARGET_MINUTES} min: {elapsed / 60:.1f} min", verdict(elapsed < TARGET_MINUTES * 60))
        lines = table_lines(rows) + large + [duration]
        print()
        print(render_text(lines))
        if figures:
            print()
            print(render_breakdown(figures))
        if not args.no_write:
            write_results(render_markdown(lines), bench.pool, args.budget, figures, elapsed,
                          (load_before, os.getloadavg()), (revision_before, grader_revision()))
            print(f"\nwritten: {RESULTS.relative_to(ROOT)} ({elapsed / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
