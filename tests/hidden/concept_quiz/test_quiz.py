"""Hidden tests of the concept quiz: one test per question (2 points each, problems q1 .. q10).

Contract (stated in the notebook): the notebook defines `ANSWERS`, a dict whose keys are the question
numbers 1 .. 10 (the strings "1" .. "10" work too; if both forms of a number are keys, at most one may
hold an answer, or both the same one) and nothing else, mapping each to the letter of the chosen
option; a list or tuple of exactly ten letters in question order is accepted as well. A letter is a
str "a" .. "d" in either case; surrounding spaces, parentheses "(b)" and a closing parenthesis "b)"
are ignored (the reference's `normalise`); None means not answered.

A wrong letter fails with the reference's explanation of the CHOSEN option only: no message of this
suite names or implies the right option (no letter, no option text, no expected value), so a
resubmission gains nothing from the feedback (tests/test_quiz_feedback_hides_the_answer.py).
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_true
from autograder.sandbox.values import Unsupported

EXAMPLE = "ANSWERS = {1: <letter>, 2: <letter>, ..., 10: <letter>}"
NUMBERS = range(1, 11)
VALID_KEYS = set(NUMBERS) | {str(number) for number in NUMBERS}


def _kind(value) -> str:
    return value.type_name if isinstance(value, Unsupported) else type(value).__name__


def _named(text, mistake_id):
    """The known mistake a failed format check means (its explanation leads the message)."""
    return Mistake(text, lambda _: True, id=mistake_id)


def _key_text(key) -> str:
    return repr(key) if isinstance(key, (str, int, float, bool, type(None))) else f"a {_kind(key)}"


def _submitted_answers(student):
    """The notebook's ANSWERS, checked to be a dict with the keys 1 .. 10 or a list/tuple of ten."""
    answers = student.get("ANSWERS")
    if isinstance(answers, (list, tuple)):
        expect_true(len(answers) == 10,
                    f"ANSWERS is a {_kind(answers)} of {len(answers)} answers: a list must hold exactly ten "
                    f"letters, the answer to question 1 first (or use a dict: {EXAMPLE})",
                    mistake=_named("a list or tuple of answers must hold exactly ten of them, one per question "
                                   "in order", "quiz-list-not-ten"))
        return answers
    expect_true(isinstance(answers, dict),
                f"ANSWERS must be a dict from question numbers to letters, like {EXAMPLE}; yours is a "
                f"{_kind(answers)} ({describe(answers)})",
                mistake=_named("ANSWERS is neither a dict nor a list of ten letters", "quiz-not-a-dict"))
    zero_based = (0 in answers or "0" in answers) and answers.get(10) is None and answers.get("10") is None
    expect_true(not zero_based,
                f"the keys of ANSWERS start at 0 (keys: {describe(sorted(map(_key_text, answers)))}): the "
                f"questions are numbered 1 to 10, so the answer to question 1 goes under the key 1 and so on",
                mistake=_named("the answers are numbered from 0: the questions are numbered 1 to 10",
                               "quiz-zero-based-keys"))
    unknown = sorted(_key_text(key) for key in answers
                     if isinstance(key, (bool, np.bool_)) or not _hashable_in(key, VALID_KEYS))
    expect_true(not unknown,
                f"ANSWERS has the key(s) {', '.join(unknown)}, which are not question numbers: its keys are "
                f"the numbers 1 to 10 (or the strings '1' to '10') and nothing else",
                mistake=_named("ANSWERS holds keys that are not question numbers", "quiz-unknown-keys"))
    return answers


def _hashable_in(key, keys) -> bool:
    try:
        return key in keys
    except TypeError:
        return False


def _raw_answer(answers, number, reference):
    """What the student gave for question `number` (any type), or a failed check if nothing."""
    if isinstance(answers, (list, tuple)):
        return answers[number - 1]
    present = [key for key in (number, str(number)) if key in answers]
    expect_true(bool(present),
                f"ANSWERS has no answer for question {number}: use the question numbers 1 to 10 as keys, "
                f"like {EXAMPLE}",
                mistake=_named(f"question {number} is missing from ANSWERS", "quiz-missing-question"))
    given = [answers[key] for key in present if answers[key] is not None]
    if len(given) == 2:
        letters = {reference.normalise(value) for value in given}
        expect_true(len(letters) == 1 and None not in letters,
                    f"ANSWERS holds two different answers for question {number}, under the key {number} and "
                    f"under the key '{number}': keep one of them",
                    mistake=_named(f"question {number} has two different answers (keys {number} and "
                                   f"'{number}')", "quiz-conflicting-keys"))
    return given[0] if given else None


def _letter(student, reference, number):
    """The normalised letter the student chose for question `number`; fails with a clear reason."""
    value = _raw_answer(_submitted_answers(student), number, reference)
    expect_true(value is not None,
                f"question {number} is not answered yet: its answer in ANSWERS is still None "
                f"(not implemented yet)")
    is_integer = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    expect_true(not is_integer,
                f"the answer to question {number} is the number {value}: give the LETTER of the option as a "
                f"string, 'a', 'b', 'c' or 'd' (numbers are ambiguous: 1 could mean (a) or (b))",
                mistake=_named("an option number instead of the option's letter", "quiz-option-number"))
    expect_true(isinstance(value, str),
                f"the answer to question {number} must be a string holding one letter 'a' to 'd'; "
                f"got a {_kind(value)} ({describe(value)})",
                mistake=_named("an answer that is not a string holding one letter", "quiz-not-a-string"))
    letter = reference.normalise(value)
    expect_true(letter is not None,
                f"the answer to question {number} must be one letter 'a', 'b', 'c' or 'd' (case and "
                f"spaces do not matter, '(a)' and 'a)' are fine); got {describe(value)}, which is not one "
                f"of the accepted forms: write only the letter of the option",
                mistake=_named("an answer that is not one of the accepted forms of a single letter",
                               "quiz-not-one-letter"))
    return letter


def _check(student, reference, number):
    """Grade question `number`: a wrong option is a named mistake explained by the reference; the
    message says which option was chosen and why it is wrong, never which one is right."""
    right = reference.ANSWERS[number]
    if right not in reference.LETTERS:
        raise RuntimeError(f"the reference answer to question {number} is not a letter: {right!r}")
    letter = _letter(student, reference, number)
    if letter == right:
        return
    expect_true(False, f"your answer to question {number}, {reference.option(number, letter)}, is not the "
                       f"right option",
                mistake=_named(reference.feedback(number, letter), reference.mistake_id(number, letter)))


@pytest.mark.points(2, problem="q1")
def test_question_1_shape_of_a_matrix_product(student, reference):
    """Question 1: the shape of a (64, 128) @ (128, 10) matrix product."""
    _check(student, reference, 1)


@pytest.mark.points(2, problem="q2")
def test_question_2_operation_of_lstm_gates(student, reference):
    """Question 2: the operation that combines an LSTM gate with the cell state."""
    _check(student, reference, 2)


@pytest.mark.points(2, problem="q3")
def test_question_3_derivative_of_the_sigmoid(student, reference):
    """Question 3: the derivative of the sigmoid."""
    _check(student, reference, 3)


@pytest.mark.points(2, problem="q4")
def test_question_4_maximum_of_the_sigmoid_derivative(student, reference):
    """Question 4: the largest value of the sigmoid's derivative."""
    _check(student, reference, 4)


@pytest.mark.points(2, problem="q5")
def test_question_5_chain_rule(student, reference):
    """Question 5: the chain rule for f(g(x))."""
    _check(student, reference, 5)


@pytest.mark.points(2, problem="q6")
def test_question_6_origin_of_cross_entropy(student, reference):
    """Question 6: the principle binary cross-entropy is derived from."""
    _check(student, reference, 6)


@pytest.mark.points(2, problem="q7")
def test_question_7_loss_of_a_missed_fraud(student, reference):
    """Question 7: the cross-entropy loss of a fraud sample predicted at 0.01."""
    _check(student, reference, 7)


@pytest.mark.points(2, problem="q8")
def test_question_8_sign_of_the_kl_divergence(student, reference):
    """Question 8: what always holds for the KL divergence."""
    _check(student, reference, 8)


@pytest.mark.points(2, problem="q9")
def test_question_9_direction_of_the_gradient(student, reference):
    """Question 9: the direction the gradient points in."""
    _check(student, reference, 9)


@pytest.mark.points(2, problem="q10")
def test_question_10_entropy_cross_entropy_and_kl(student, reference):
    """Question 10: the identity linking entropy, cross-entropy and KL divergence."""
    _check(student, reference, 10)
