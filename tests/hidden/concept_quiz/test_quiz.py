"""Hidden tests of the concept quiz: one test per question (2 points each, problems q1 .. q10).

Contract (stated in the notebook): the notebook defines `ANSWERS`, a dict from the question number
1 .. 10 (the strings "1" .. "10" work too) to the letter of the chosen option; a list or tuple of ten
letters in question order is accepted as well. A letter is a str "a" .. "d" in either case;
surrounding spaces, parentheses "(b)" and a closing parenthesis "b)" are ignored (the reference's
`normalise`). A wrong letter fails with the reference's explanation of that option and of the right one.
"""

import numpy as np
import pytest

from autograder.suite.compare import Mistake, describe, expect_equal, expect_true
from autograder.sandbox.values import Unsupported

EXAMPLE = "ANSWERS = {1: 'a', 2: 'c', ..., 10: 'd'}"


def _kind(value) -> str:
    return value.type_name if isinstance(value, Unsupported) else type(value).__name__


def _submitted_answers(student):
    """The notebook's ANSWERS, checked to be a dict or a list/tuple of ten answers."""
    answers = student.get("ANSWERS")
    if isinstance(answers, (list, tuple)):
        expect_true(len(answers) == 10,
                    f"ANSWERS is a {_kind(answers)} of {len(answers)} answers: a list must hold exactly "
                    f"ten letters, the answer to question 1 first (or use a dict: {EXAMPLE})")
        return answers
    expect_true(isinstance(answers, dict),
                f"ANSWERS must be a dict from question numbers to letters, like {EXAMPLE}; "
                f"yours is a {_kind(answers)} ({describe(answers)})")
    return answers


def _raw_answer(answers, number):
    """What the student gave for question `number` (any type), or a failed check if nothing."""
    if isinstance(answers, (list, tuple)):
        return answers[number - 1]
    try:
        keys = sorted(answers)
    except TypeError:  # keys of mixed types
        keys = sorted(answers, key=repr)
    zero_based = (0 in answers or "0" in answers) and 10 not in answers and "10" not in answers
    expect_true(not zero_based,
                f"the keys of ANSWERS start at 0 (keys: {describe(keys)}): the questions are numbered "
                f"1 to 10, so the answer to question 1 goes under the key 1 and so on")
    for key in (number, str(number)):
        if key in answers:
            return answers[key]
    expect_true(False, f"ANSWERS has no answer for question {number} (its keys are {describe(keys)}): "
                       f"use the question numbers 1 to 10 as keys, like {EXAMPLE}")


def _letter(student, reference, number):
    """The normalised letter the student chose for question `number`; fails with a clear reason."""
    value = _raw_answer(_submitted_answers(student), number)
    expect_true(value is not None,
                f"question {number} is not answered yet: its answer in ANSWERS is still None "
                f"(not implemented yet)")
    is_integer = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    expect_true(not is_integer,
                f"the answer to question {number} is the number {value}: give the LETTER of the option "
                f"as a string, for example 'b' (numbers are ambiguous: 1 could mean (a) or (b))")
    expect_true(isinstance(value, str),
                f"the answer to question {number} must be a string holding one letter 'a' to 'd'; "
                f"got a {_kind(value)} ({describe(value)})")
    letter = reference.normalise(value)
    expect_true(letter is not None,
                f"the answer to question {number} must be one letter 'a', 'b', 'c' or 'd' (case and "
                f"spaces do not matter, '(b)' is fine); got {describe(value)}, which is not one of "
                f"the accepted forms: write only the letter of the option")
    return letter


def _check(student, reference, number):
    """Grade question `number`: each wrong option is a named mistake with the reference's explanation."""
    right = reference.ANSWERS[number]
    if right not in reference.LETTERS:
        raise RuntimeError(f"the reference answer to question {number} is not a letter: {right!r}")
    mistakes = [Mistake(reference.feedback(number, wrong).rstrip("."), lambda got, wrong=wrong: got == wrong)
                for wrong in reference.LETTERS if wrong != right]
    expect_equal(_letter(student, reference, number), right, what=f"Your answer to question {number}",
                 mistakes=mistakes)


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
