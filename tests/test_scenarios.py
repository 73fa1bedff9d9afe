"""The scenario catalogue (tests/scenarios/<assignment>.py): realistic wrong submissions lose points
with a message that names the mistake; correct alternatives get full marks."""

from __future__ import annotations

import re

from autograder.scenarios import build_submission, load_scenarios

from conftest import ROOT, released_assignments

CATALOGUED = [assignment for assignment in released_assignments()
              if (ROOT / "tests" / "scenarios" / f"{assignment}.py").exists()]


def hangs(scenario) -> bool:
    return "infinite_loop" in scenario.name


def catalogue_report(grade_batch, assignment, scenario):
    """The scenario's Report, from one batch of the assignment's catalogue (the hanging ones apart)."""
    chosen = [s for s in load_scenarios(assignment) if hangs(s) == hangs(scenario)]
    batch = grade_batch(assignment, {s.name: build_submission(assignment, s) for s in chosen}, hangs=hangs(scenario))
    return batch[scenario.name]


def pytest_generate_tests(metafunc):
    """`scenario`: every scenario of the class's assignment."""
    if "scenario" in metafunc.fixturenames and metafunc.cls is not None:
        scenarios = load_scenarios(metafunc.cls.assignment)
        metafunc.parametrize("scenario", scenarios, ids=[s.name for s in scenarios])


class Catalogue:
    """The checks of one assignment's catalogue. One subclass per assignment (below), so that
    `make test` (pytest-xdist, --dist loadscope: a class is one unit of work) grades each assignment's
    catalogue on one worker, and the assignments on all of them."""

    assignment = ""

    def test_the_catalogue_has_enough_wrong_and_correct_submissions(self):
        scenarios = load_scenarios(self.assignment)
        assert sum(1 for s in scenarios if not s.full_marks) >= 8
        assert sum(1 for s in scenarios if s.full_marks) >= 3
        assert len({s.name for s in scenarios}) == len(scenarios)

    def test_scenario_is_graded_as_expected(self, scenario, grade_batch):
        report = catalogue_report(grade_batch, self.assignment, scenario)
        assert not report.grader_fault, report.grader_fault
        lost = {r.problem for r in report.results if r.score < r.max_score}
        messages = [r.message for r in report.results if r.score < r.max_score]
        if scenario.full_marks:
            assert report.score == report.max_score, messages
            return
        assert report.score < report.max_score
        assert set(scenario.loses) <= lost, f"expected to lose points in {scenario.loses}, lost in {sorted(lost)}"
        if scenario.message:
            assert any(re.search(scenario.message, m) for m in messages + list(report.notes)), messages

    def test_named_mistakes_are_exactly_the_ones_the_scenario_makes(self, scenario, grade_batch):
        """Precision of the mistake predicates: a submission is blamed for the mistakes it makes (each of
        them named at least once) and for no other; a correct alternative is blamed for nothing."""
        report = catalogue_report(grade_batch, self.assignment, scenario)
        named = {r.mistake.id for r in report.results if r.mistake is not None}
        if scenario.full_marks:
            assert not named, f"a correct alternative was blamed for {sorted(named)}"
            return
        assert scenario.mistakes is not None, "a wrong scenario declares the mistakes it makes (mistakes=(...))"
        assert named <= set(scenario.mistakes), (
            f"blamed for mistakes it does not make: {sorted(named - set(scenario.mistakes))}"
            f" (its results: {[(r.name, r.mistake.id) for r in report.results if r.mistake]})")
        assert set(scenario.mistakes) <= named, f"its mistakes {sorted(set(scenario.mistakes) - named)} were not named"

    def test_every_wrong_scenario_declares_its_mistakes(self):
        """`mistakes=(...)` on every wrong scenario (an empty tuple: code that raises, hangs or returns
        nothing, which no mistake can name), so the precision test above checks every one."""
        undeclared = [s.name for s in load_scenarios(self.assignment) if not s.full_marks and s.mistakes is None]
        assert not undeclared, f"declare the mistakes of {undeclared}"


for _assignment in CATALOGUED:  # TestLinearAlgebra, TestCalculus, ...
    _name = "Test" + "".join(part.title() for part in _assignment.split("_"))
    globals()[_name] = type(_name, (Catalogue,), {"assignment": _assignment,
                                                  "__doc__": f"The scenario catalogue of {_assignment}."})
