"""The concept quiz's feedback never gives the answer away (issue 12, "answers harvested from feedback").

Every wrong choice of every question is graded, and the student's feedback for it (the feedback page,
Gradescope's results.json, both with the "explain" detail that students see before the due date, and
the grade cell's text that nbgrader's generate_feedback shows) explains the chosen option without
naming or implying the right one: not its letter, not its text, not a value or a term that singles it
out. So a student who resubmits with what the feedback showed gains nothing but the knowledge that the
chosen option is wrong."""

from __future__ import annotations

import html
import importlib.util
import re
from dataclasses import replace

import pytest

from autograder.scenarios import Scenario, build_submission
from autograder.sinks import feedback_html, notebook_outputs, results_json

from conftest import ROOT

QUIZ = "concept_quiz"


def _reference():
    spec = importlib.util.spec_from_file_location("_quiz_reference", ROOT / "solutions" / f"{QUIZ}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFERENCE = _reference()
NUMBERS = sorted(REFERENCE.QUESTIONS)

# Words, values and formulas that single out the right option of each question (beyond its own text),
# compared in lower case: a wrong choice's explanation must use none of them.
GIVEAWAYS = {
    1: ["(64, 10)", "(64,10)"],
    2: ["hadamard", "element-wise", "elementwise"],
    3: ["sigma(z) (1 - sigma(z))", "sigma(z)(1 - sigma(z))", "s (1 - s)", "(1 + e^(-z))^2"],
    4: ["0.25", "1/4", "0.5 * 0.5"],
    5: ["f'(g(x)) g'(x)", "f'(g(x)) * g'(x)", "f'(g(x))g'(x)", "cos(x^2)"],
    6: ["likelihood", "mle"],
    7: ["4.61", "-log(0.01)", "ln(0.01)"],
    8: ["non-negative", "nonnegative", ">= 0", "never negative", "gibbs"],
    9: ["ascent", "uphill", "increases fastest", "increase fastest"],
    10: ["h(p) + d_kl", "h(p)+d_kl", "d_kl + h(p)"],
}
# Wordings that announce an answer, whichever it is.
ANNOUNCES = [r"\bright (answer|option|choice) (is|was)\b", r"\bcorrect (answer|option|choice)\b",
             r"\bthe answer is\b", r"\bshould have (chosen|picked|answered)\b", r"\binstead choose\b"]


def _letter_patterns(letter: str) -> list[str]:
    """The ways a text could name the option `letter`: "(b)", "'b'", '"b"', "option b", "answer b" ..."""
    return [rf"\({letter}\)", rf"'{letter}'", rf'"{letter}"', rf"\b(option|answer|letter|choice) \(?{letter}\b",
            rf"\b{letter}\)"]


def _wrong_letters(number: int) -> list[str]:
    return [letter for letter in REFERENCE.LETTERS if letter != REFERENCE.ANSWERS[number]]


def _answers_cell(choices: dict[int, str]) -> str:
    return "ANSWERS = {question: None for question in range(1, 11)}\n" + "".join(
        f"ANSWERS[{number}] = {letter!r}\n" for number, letter in choices.items())


# Three submissions: in the k-th, every question gets its k-th wrong option (30 wrong choices in all).
SUBMISSIONS = {f"wrong_option_{k}": {number: _wrong_letters(number)[k] for number in NUMBERS} for k in range(3)}
CASES = [(name, number) for name in SUBMISSIONS for number in NUMBERS]


@pytest.fixture(scope="module")
def reports(grade_batch):
    notebooks = {name: build_submission(QUIZ, Scenario(name, "every question answered wrong",
                                                       cells={"answers_code": _answers_cell(choices)}))
                 for name, choices in SUBMISSIONS.items()}
    return grade_batch(QUIZ, notebooks)


def _gradescope_text(report) -> str:
    """Every text of results.json that Gradescope shows the student ("explain" detail)."""
    data = results_json.to_gradescope(report, "explain")
    return "\n".join([data["output"]] + [f"{test['name']}\n{test['output']}" for test in data["tests"]])


def _texts(report, number: int) -> dict[str, str]:
    """What the student is shown about question `number`, by every route, as plain text."""
    problem = f"q{number}"
    only = replace(report, results=[r for r in report.results if r.problem == problem])
    return {
        "feedback page": html.unescape(feedback_html.render(only, detail="explain")),
        "results.json": _gradescope_text(only),
        "grade cell": notebook_outputs.problem_text(report, problem),
    }


def test_every_wrong_choice_of_every_question_is_graded_and_named(reports):
    for name, choices in SUBMISSIONS.items():
        report = reports[name]
        assert not report.grader_fault, report.grader_fault
        assert report.score == 0, (name, report.score)
        named = {r.problem: r.mistake.id for r in report.results if r.mistake is not None}
        assert named == {f"q{n}": REFERENCE.mistake_id(n, letter) for n, letter in choices.items()}, name
    chosen = {(n, choices[n]) for choices in SUBMISSIONS.values() for n in NUMBERS}
    assert len(chosen) == 3 * len(NUMBERS)  # every wrong option of every question


@pytest.mark.parametrize("name, number", CASES, ids=[f"{name}-q{number}" for name, number in CASES])
def test_the_feedback_of_a_wrong_choice_never_names_the_right_option(reports, name, number):
    report = reports[name]
    chosen, right = SUBMISSIONS[name][number], REFERENCE.ANSWERS[number]
    right_text = REFERENCE.QUESTIONS[number].options[right]
    for route, text in _texts(report, number).items():
        lowered = text.lower()
        assert REFERENCE.QUESTIONS[number].options[chosen].lower() in lowered, (route, "the chosen option is explained")
        assert right_text.lower() not in lowered, (route, f"the right option's text {right_text!r} is shown")
        for pattern in _letter_patterns(right):
            found = re.search(pattern, lowered)
            assert not found, (route, f"the right letter is named: {found.group(0)!r} in ...{text[max(found.start() - 80, 0):found.end() + 80]}...")
        for giveaway in GIVEAWAYS[number]:
            assert giveaway not in lowered, (route, f"{giveaway!r} singles out the right option")
        for pattern in ANNOUNCES:
            assert not re.search(pattern, lowered), (route, f"announces an answer: {pattern}")


@pytest.mark.parametrize("name", sorted(SUBMISSIONS))
def test_no_wrong_choice_gives_away_the_answer_of_another_question(reports, name):
    """A wrong choice's explanation must not answer another question either (Q4's must not state Q3's
    derivative, Q10's must not say that the KL divergence is non-negative, ...)."""
    report = reports[name]
    page = html.unescape(feedback_html.render(report, detail="explain")).lower()
    results = _gradescope_text(report).lower()
    for number in NUMBERS:
        right_text = REFERENCE.QUESTIONS[number].options[REFERENCE.ANSWERS[number]].lower()
        for text in (page, results):
            assert right_text not in text, (number, right_text)
            for giveaway in GIVEAWAYS[number]:
                assert giveaway not in text, (number, giveaway)


def test_every_explanation_in_the_reference_hides_the_right_option():
    """The reference's texts themselves, for every wrong option (so a new question cannot slip through)."""
    for number, question in REFERENCE.QUESTIONS.items():
        right = question.correct
        for letter in _wrong_letters(number):
            text = REFERENCE.feedback(number, letter).lower()
            assert question.options[right].lower() not in text, (number, letter)
            assert not any(re.search(pattern, text) for pattern in _letter_patterns(right)), (number, letter, text)
            assert not any(giveaway in text for n in NUMBERS for giveaway in GIVEAWAYS[n]), (number, letter, text)
            assert not any(re.search(pattern, text) for pattern in ANNOUNCES), (number, letter, text)
