"""The package's layout keeps its promises (autograder/README.md): imports go one way, the code that
runs inside the sandbox imports nothing from the grader, sinks never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "autograder"


def modules() -> dict[str, Path]:
    """dotted name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(name: str, path: Path) -> set[str]:
    """The autograder modules a module imports (relative imports resolved), at any depth in the file."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("autograder")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("autograder"):
                found.add(target)
                found |= {f"{target}.{alias.name}" for alias in node.names}
    known = modules()
    return {target for target in found if target in known}


ALL = modules()


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("autograder.sandbox.inside")])
def test_code_inside_the_sandbox_imports_nothing_from_the_grader(name):
    source = ALL[name].read_text(encoding="utf-8")
    tree = ast.parse(source)
    relative = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level]
    assert not relative, f"{name} uses a relative import: inside the sandbox the package does not exist"
    assert not imported(name, ALL[name]), f"{name} imports from the grader"


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("autograder.sinks.") and n != "autograder.sinks.common"])
def test_sinks_read_reports_and_never_import_each_other_the_suite_or_the_sandbox(name):
    allowed_sinks = {"autograder.sinks", "autograder.sinks.common"}
    for target in imported(name, ALL[name]):
        assert not (target.startswith("autograder.sinks") and target not in allowed_sinks), (name, target)
        assert not target.startswith(("autograder.suite", "autograder.sandbox", "autograder.engine",
                                      "autograder.batch", "autograder.cli", "autograder.nbgrader_plugin")), (name, target)


@pytest.mark.parametrize("layer, forbidden", [
    ("autograder.sandbox", ("autograder.suite", "autograder.sinks", "autograder.engine", "autograder.batch",
                            "autograder.cli", "autograder.course", "autograder.nbgrader_plugin")),
    ("autograder.suite", ("autograder.sinks", "autograder.engine", "autograder.batch", "autograder.cli",
                          "autograder.course", "autograder.nbgrader_plugin")),
    ("autograder.report", ("autograder.suite", "autograder.sandbox", "autograder.sinks", "autograder.engine")),
])
def test_imports_go_one_way(layer, forbidden):
    for name, path in ALL.items():
        if name == layer or name.startswith(layer + "."):
            wrong = sorted(t for t in imported(name, path) if t.startswith(forbidden))
            assert not wrong, f"{name} imports {wrong}: against the direction fronts -> engine -> suite -> sandbox"


def test_the_module_map_names_every_module():
    text = (PACKAGE / "README.md").read_text(encoding="utf-8")
    for name, path in ALL.items():
        if path.name == "__init__.py":
            continue
        assert path.name in text, f"autograder/README.md does not mention {path.relative_to(ROOT)}"


def test_ci_fails_when_the_sandbox_is_missing(tmp_path):
    """With bubblewrap off the PATH and REQUIRE_SANDBOX=1 (as .ci/run sets it), a sandbox test fails
    instead of skipping; without REQUIRE_SANDBOX it skips and says why."""
    import subprocess
    import sys

    hidden = tmp_path / "bin"
    hidden.mkdir()
    for tool in Path("/usr/bin").iterdir():
        if tool.name != "bwrap":
            (hidden / tool.name).symlink_to(tool)
    env = {"PATH": f"{Path(sys.executable).parent}:{hidden}", "HOME": str(tmp_path)}
    test = "tests/test_isolation.py::test_the_worker_sees_nothing_of_the_project"
    runs = {}
    for required in ("1", "0"):
        runs[required] = subprocess.run([sys.executable, "-m", "pytest", test, "-q", "-rs", "-p", "no:xdist"],
                                        cwd=ROOT, env=env | {"REQUIRE_SANDBOX": required},
                                        capture_output=True, text=True, timeout=300)
    assert runs["1"].returncode != 0 and "REQUIRE_SANDBOX=1 forbids skipping" in runs["1"].stdout, runs["1"].stdout
    assert runs["0"].returncode == 0 and "bubblewrap does not work here" in runs["0"].stdout, runs["0"].stdout
