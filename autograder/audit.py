"""`autograder audit A` (`make audit`): mutation testing of the hidden suites.

Each function of the instructor's solution cells is mutated, one small change at a time (an operator,
a comparison, a constant, an axis, a range's bound, a copy dropped, two arguments swapped, a term
dropped), and every mutant is graded as a student's submission, through the real grader, in batches.
A mutant that keeps full marks is a wrong solution the suite does not catch: a missing test, unless
it is listed as equivalent (it computes the same thing) in tests/audit/<A>.txt with its reason:

    <mutant id>    # why it is equivalent

Why not mutmut or cosmic-ray: they mutate Python files on disk and run a test command per mutant. The
code under test here is a notebook's solution cells (JSON), graded by a sandboxed worker against
solutions/<A>.py; mutating that module would mutate the oracle, and a command per mutant (about a
second each) would make thousands of mutants take an hour. The mutator below is a small AST
transformer, and the mutants share suite runs as grade-all's submissions do.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import multiprocessing
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .config import PROJECT_ROOT, GradingConfig, Limits, default_jobs, skip_slow_optional_imports

AUDIT_DIR = PROJECT_ROOT / "tests" / "audit"
SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
         ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv,
         ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
         ast.And: ast.Or, ast.Or: ast.And, ast.USub: ast.UAdd}
COPIES = ("copy", "array", "asarray", "astype", "deepcopy")  # calls whose removal drops a copy


@dataclass(frozen=True)
class Mutant:
    id: str            # "<function>: <original> -> <mutated>" (+ " #n" when a function has several alike)
    cell: str          # the grade_id of the solution cell
    source: str        # the cell's mutated source


def _unparse(node) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 70 else text[:67] + "..."


class _Mutations(ast.NodeVisitor):
    """Every place of a function where one mutation applies: (node path, description, replacement)."""

    def __init__(self):
        self.found: list[tuple[ast.AST, str, object]] = []

    def add(self, node, description, mutate):
        self.found.append((node, description, mutate))

    def visit_BinOp(self, node):
        swap = SWAPS.get(type(node.op))
        if swap is not None:
            self.add(node, f"{type(node.op).__name__} -> {swap.__name__}", lambda n, s=swap: setattr(n, "op", s()))
        # a dropped term: keep only one side
        self.add(node, "drop right operand", "left")
        self.add(node, "drop left operand", "right")
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        swap = SWAPS.get(type(node.op))
        if swap is not None:
            self.add(node, f"{type(node.op).__name__}= -> {swap.__name__}=", lambda n, s=swap: setattr(n, "op", s()))
        self.generic_visit(node)

    def visit_Compare(self, node):
        for index, op in enumerate(node.ops):
            swap = SWAPS.get(type(op))
            if swap is not None:
                self.add(node, f"{type(op).__name__} -> {swap.__name__}",
                         lambda n, i=index, s=swap: n.ops.__setitem__(i, s()))
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        swap = SWAPS.get(type(node.op))
        if swap is not None:
            self.add(node, f"{type(node.op).__name__} -> {swap.__name__}", lambda n, s=swap: setattr(n, "op", s()))
        self.generic_visit(node)

    def visit_UnaryOp(self, node):
        if isinstance(node.op, (ast.USub, ast.Not)):
            self.add(node, "drop unary operator", "operand")
        self.generic_visit(node)

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, str) and len(value) == 1 and value in "abcde":  # a multiple-choice answer
            other = "abcde"[("abcde".index(value) + 1) % 4]
            self.add(node, f"{value!r} -> {other!r}", lambda n, o=other: setattr(n, "value", o))
        elif isinstance(value, bool):
            self.add(node, f"{value} -> {not value}", lambda n: setattr(n, "value", not n.value))
        elif isinstance(value, int):
            self.add(node, f"{value} -> {value + 1}", lambda n: setattr(n, "value", n.value + 1))
            self.add(node, f"{value} -> {value - 1}", lambda n: setattr(n, "value", n.value - 1))
        elif isinstance(value, float):
            changed = 0.0 if value else 1.0
            self.add(node, f"{value!r} -> {value * 2 if value else changed!r}",
                     lambda n: setattr(n, "value", n.value * 2 if n.value else 1.0))

    def visit_keyword(self, node):
        try:
            axis = ast.literal_eval(node.value) if node.arg == "axis" else None
        except ValueError:
            axis = None
        if isinstance(axis, int):
            other = 0 if axis != 0 else 1
            self.add(node, f"axis={axis} -> axis={other}", lambda n, o=other: setattr(n, "value", ast.Constant(o)))
            self.add(node, f"axis={axis} dropped", "drop_keyword")
            return
        if node.arg == "keepdims":
            self.add(node, "keepdims dropped", "drop_keyword")
        self.generic_visit(node)

    def visit_Call(self, node):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in COPIES and isinstance(node.func, ast.Attribute) and name == "copy" and not node.args:
            self.add(node, "copy dropped", "receiver")
        elif name in ("array", "asarray", "deepcopy") and node.args:
            self.add(node, f"{name}(...) dropped", "first_argument")
        if name == "range" and node.args:
            self.add(node, "range's end - 1", lambda n: n.args.__setitem__(
                -1 if len(n.args) > 1 else 0, ast.BinOp(n.args[1 if len(n.args) > 1 else 0], ast.Sub(), ast.Constant(1))))
            self.add(node, "range's end + 1", lambda n: n.args.__setitem__(
                -1 if len(n.args) > 1 else 0, ast.BinOp(n.args[1 if len(n.args) > 1 else 0], ast.Add(), ast.Constant(1))))
        if len(node.args) == 2 and not node.keywords:
            self.add(node, "arguments swapped", lambda n: n.args.reverse())
        self.generic_visit(node)


REPLACEMENTS = {  # how a node is replaced by a part of itself
    "left": lambda node: node.left,
    "right": lambda node: node.right,
    "operand": lambda node: node.operand,
    "receiver": lambda node: node.func.value,      # x.copy() -> x
    "first_argument": lambda node: node.args[0],   # np.array(x) -> x
    "drop_keyword": lambda node: None,             # f(x, axis=0) -> f(x)
}


def _apply(tree: ast.Module, target_index: int, mutate) -> ast.Module:
    """A copy of `tree` in which the `target_index`-th node of a walk is changed (`mutate` a function)
    or replaced (`mutate` a key of REPLACEMENTS)."""
    mutated = copy.deepcopy(tree)
    target = list(ast.walk(mutated))[target_index]
    if callable(mutate):
        mutate(target)
        return ast.fix_missing_locations(mutated)

    class Replace(ast.NodeTransformer):
        def visit(self, node):
            if node is target:
                return REPLACEMENTS[mutate](node)
            return self.generic_visit(node)

    return ast.fix_missing_locations(Replace().visit(mutated))


def mutants_of_cell(grade_id: str, source: str) -> list[Mutant]:
    """Every single-change mutant of the functions defined in a solution cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    mutants, seen = [], {}
    positions = {id(node): index for index, node in enumerate(ast.walk(tree))}
    # each function's body, and the cell's own statements (answers kept in variables)
    units = [(node.name, node.body) for node in tree.body if isinstance(node, ast.FunctionDef)]
    units.append(("<cell>", [node for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))]))
    for name, body in units:
        finder = _Mutations()
        for statement in body:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                continue  # the docstring
            finder.visit(statement)
        for node, description, mutate in finder.found:
            try:
                mutated = _apply(tree, positions[id(node)], mutate)
                text = ast.unparse(mutated)
            except (LookupError, AttributeError, TypeError, ValueError, KeyError):
                continue
            if text == ast.unparse(tree):
                continue
            key = f"{name}: {_unparse(node)} [{description}]"
            seen[key] = seen.get(key, 0) + 1
            mutant_id = key if seen[key] == 1 else f"{key} #{seen[key]}"
            mutants.append(Mutant(mutant_id, grade_id, text))
    return mutants


def mutants(assignment: str) -> tuple[dict, list[Mutant]]:
    """The solved notebook (the release with the instructor's solution cells) and its mutants."""
    from .scenarios import solved_release

    notebook = solved_release(assignment)
    found = []
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "code" and meta.get("solution") and meta.get("grade_id"):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            found.extend(mutants_of_cell(meta["grade_id"], source))
    return notebook, found


def _split_listed(line: str) -> tuple[str, str]:
    """'<id>    # why' -> (id, why). The reason starts at a '#' followed by whitespace, so the ids of
    repeated mutants, which end in '#2', '#3' (mutants_of_cell), stay whole."""
    parts = re.split(r"\s#\s", line, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def equivalents(assignment: str, folder: Path = AUDIT_DIR) -> dict[str, str]:
    """Mutant id -> why it is equivalent, from tests/audit/<assignment>.txt."""
    path = folder / f"{assignment}.txt"
    listed = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            mutant_id, reason = _split_listed(line)
            listed[mutant_id] = reason
    return listed


def _notebook_with(notebook: dict, mutant: Mutant) -> dict:
    changed = copy.deepcopy(notebook)
    for cell in changed["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == mutant.cell:
            cell["source"] = mutant.source
    return changed


def _grade_chunk(paths: list[str], assignment: str, config: GradingConfig) -> list[tuple[float, float, str]]:
    from .suite.run import grade_many

    reports = grade_many([Path(p) for p in paths], assignment, config)
    return [(report.score, report.max_score, report.grader_fault) for report in reports]


@dataclass(frozen=True)
class AuditResult:
    assignment: str
    total: int
    killed: int
    equivalent: tuple[str, ...]
    survivors: tuple[str, ...]
    stale_equivalents: tuple[str, ...]   # listed as equivalent but killed (or no longer generated)
    faults: tuple[str, ...]

    @property
    def non_equivalent(self) -> int:
        return self.total - len(self.equivalent)


def audit(assignment: str, jobs: int | None = None, config: GradingConfig | None = None, only: int = 0,
          progress=None) -> AuditResult:
    """Grade every mutant of the assignment; `only`: the first N mutants (for tests)."""
    limits = replace(Limits(), call_seconds=2.0, submission_seconds=40.0)
    config = config or GradingConfig(limits=limits, secret=b"mutation audit")
    notebook, found = mutants(assignment)
    if only:
        found = found[:only]
    listed = equivalents(assignment)
    jobs = jobs or default_jobs()
    with tempfile.TemporaryDirectory(prefix=f"audit-{assignment}-") as scratch:
        paths = []
        for index, mutant in enumerate(found):
            path = Path(scratch) / f"m{index:05d}.ipynb"
            path.write_text(json.dumps(_notebook_with(notebook, mutant)), encoding="utf-8")
            paths.append(str(path))
        size = 24
        chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
        scores: list[tuple[float, float, str]] = []
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for chunk_scores in pool.map(_grade_chunk, chunks, [assignment] * len(chunks), [config] * len(chunks)):
                scores.extend(chunk_scores)
                if progress:
                    progress(len(scores), len(paths))
    survivors, equivalent, faults, killed_ids = [], [], [], set()
    for mutant, (score, maximum, fault) in zip(found, scores):
        if fault:
            faults.append(f"{mutant.id}: {fault[:200]}")
        if score >= maximum - 1e-9 and not fault:
            (equivalent if mutant.id in listed else survivors).append(mutant.id)
        else:
            killed_ids.add(mutant.id)
    generated = {mutant.id for mutant in found}
    stale = tuple(sorted(m for m in listed if m in killed_ids or (not only and m not in generated)))
    return AuditResult(assignment, len(found), len(killed_ids), tuple(equivalent), tuple(survivors), stale,
                       tuple(faults))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="autograder audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment with a hidden suite")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--list", action="store_true", help="print the mutants, grade nothing")
    args = parser.parse_args(argv)
    skip_slow_optional_imports()
    names = args.assignments or GradingConfig().assignments()
    if args.list:
        for name in names:
            for mutant in mutants(name)[1]:
                print(f"{name}\t{mutant.id}")
        return 0
    status, rows = 0, []
    for name in names:
        result = audit(name, args.jobs, progress=lambda done, total, n=name: print(
            f"\r{n}: {done}/{total} mutants graded", end="", file=sys.stderr, flush=True))
        print(file=sys.stderr)
        rows.append(result)
        for mutant_id in result.survivors:
            print(f"SURVIVED  {name}  {mutant_id}")
        for mutant_id in result.stale_equivalents:
            print(f"STALE     {name}  {mutant_id}  (listed as equivalent, but killed or gone: remove the line)")
        for fault in result.faults:
            print(f"FAULT     {name}  {fault}")
        status |= bool(result.survivors or result.faults or result.stale_equivalents)
    print("\nassignment                 mutants  equivalent  non-equivalent  killed  killed %")
    for r in rows:
        share = 100.0 * r.killed / r.non_equivalent if r.non_equivalent else 100.0
        print(f"{r.assignment:<26} {r.total:>7}  {len(r.equivalent):>10}  {r.non_equivalent:>14}  {r.killed:>6}  {share:>7.1f}%")
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
