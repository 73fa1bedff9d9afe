"""Mutation testing of the hidden suites (autograder/audit.py, `make audit`)."""

from __future__ import annotations

import ast


from autograder.audit import audit, equivalents, mutants, mutants_of_cell

from conftest import released_assignments

TOY = '''
def mean_of_rows(x, scale=1.0):
    """A docstring is never mutated."""
    x = np.asarray(x, dtype=float)
    total = 0.0
    for i in range(x.shape[0]):
        total += x[i].sum() * scale
    return total / x.shape[0] if x.shape[0] > 0 else np.mean(x, axis=0)
'''


def test_the_mutator_makes_one_small_change_per_mutant():
    found = mutants_of_cell("toy_code", TOY)
    original = ast.unparse(ast.parse(TOY))
    kinds = {mutant.id.rsplit("[", 1)[1].rstrip("]").split(" #")[0] for mutant in found}
    for expected in ("Add= -> Sub=", "Mult -> Div", "Div -> Mult", "Gt -> GtE", "range's end - 1", "range's end + 1",
                     "asarray(...) dropped", "axis=0 -> axis=1", "0.0 -> 1.0", "drop right operand"):
        assert expected in kinds, (expected, sorted(kinds))
    assert len({mutant.id for mutant in found}) == len(found)  # every id names one mutant
    for mutant in found:
        assert mutant.source != original and compile(mutant.source, "<mutant>", "exec")
        assert "A docstring is never mutated." in mutant.source


def test_every_assignment_has_mutants_and_its_equivalents_are_documented():
    for assignment in released_assignments():
        _, found = mutants(assignment)
        assert len(found) >= 30, assignment
        ids = {mutant.id for mutant in found}
        for mutant_id, reason in equivalents(assignment).items():
            assert len(reason) >= 10, f"tests/audit/{assignment}.txt: {mutant_id!r} needs the reason it is equivalent"
            assert mutant_id in ids, f"tests/audit/{assignment}.txt: {mutant_id!r} is no mutant of the solution"


def test_a_listed_id_keeps_its_repeat_number(tmp_path):
    (tmp_path / "a.txt").write_text("# a comment line\nf: 0 [0 -> 1] #2    # why it is the same\nf: x [drop]  # ok, # too\n")
    assert equivalents("a", tmp_path) == {"f: 0 [0 -> 1] #2": "why it is the same", "f: x [drop]": "ok, # too"}


def test_an_audit_grades_mutants_through_the_real_grader():
    result = audit("two_layer_network", jobs=2, only=12)
    assert result.total == 12 and result.killed + len(result.survivors) + len(result.equivalent) == 12
    assert result.killed >= 6 and not result.faults
