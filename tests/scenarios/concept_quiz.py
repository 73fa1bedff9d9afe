"""Sample submissions for `concept_quiz`: realistic misconceptions, malformed answers and correct
alternatives.

Each scenario replaces the one solution cell, `answers_code`, of the instructor's notebook; the
problems are the ten grade cells q1 .. q10.
"""

from autograder.scenarios import Scenario

RIGHT = {1: "b", 2: "b", 3: "b", 4: "c", 5: "b", 6: "c", 7: "b", 8: "c", 9: "b", 10: "b"}
ALL_QUESTIONS = tuple(f"q{number}" for number in range(1, 11))


def _answers(**changes):
    """An answers cell with the right letters except `changes` (q4="b" sets question 4 to "b")."""
    answers = dict(RIGHT)
    for name, letter in changes.items():
        answers[int(name[1:])] = letter
    body = "\n".join(f"ANSWERS[{number}] = {letter!r}" for number, letter in answers.items())
    return "ANSWERS = {question: None for question in range(1, 11)}\n" + body + "\n"


def _wrong(name, summary, question, letter, message):
    return Scenario(name=name, summary=summary, cells={"answers_code": _answers(**{question: letter})},
                    loses=(question,), message=message)


SCENARIOS = [
    # ------------------------------------------------------------------ wrong: one misconception each
    _wrong("q1_transposed_product_shape", "answers (10, 64) for (64, 128) @ (128, 10)", "q1", "c",
           r"you chose \(c\) \(10, 64\).*transposed product"),
    _wrong("q2_matrix_product_for_gates", "thinks LSTM gates are applied with a matrix product", "q2", "a",
           r"you chose \(a\) matrix multiplication.*mix the entries of the cell state"),
    _wrong("q3_tanh_derivative_pattern", "uses the tanh derivative pattern 1 - sigma^2", "q3", "c",
           r"you chose \(c\).*tanh derivative"),
    _wrong("q4_sigmoid_value_for_its_slope", "takes sigma(0) = 0.5 for the largest slope", "q4", "b",
           r"you chose \(b\) 0\.5.*value of the sigmoid itself.*right answer is \(c\) 0\.25"),
    _wrong("q5_outer_derivative_at_x", "evaluates the outer derivative at x: f'(x) g'(x)", "q5", "a",
           r"evaluated at the inner value g\(x\), not at x"),
    _wrong("q6_cross_entropy_from_mse", "believes cross-entropy is derived from mean squared error", "q6", "a",
           r"you chose \(a\) Mean Squared Error.*Gaussian noise"),
    _wrong("q7_probability_of_the_wrong_class", "uses -log(1 - y_hat) for a fraud sample", "q7", "c",
           r"belongs to samples with y = 0"),
    _wrong("q7_base_rate_instead_of_prediction", "plugs the fraud base rate 0.03 into the loss", "q7", "a",
           r"how common fraud is in the data, not what the model predicted"),
    _wrong("q8_kl_is_symmetric", "treats the KL divergence as a symmetric distance", "q8", "d",
           r"not symmetric.*0\.511.*0\.368"),
    _wrong("q9_gradient_points_downhill", "thinks the gradient points downhill", "q9", "a",
           r"the gradient points uphill"),
    _wrong("q10_cross_entropy_minus_kl", "subtracts the KL divergence from the entropy", "q10", "a",
           r"cross-entropy smaller than the entropy"),
    _wrong("q3_lost_square_in_the_denominator", "forgets the square of (1 + e^-z) in the chain rule",
           "q3", "d", r"square of the denominator was lost"),
    Scenario(
        name="guesses_b_everywhere",
        summary="answers (b) to every question",
        cells={"answers_code": _answers(q4="b", q6="b", q8="b")},
        loses=("q4", "q6", "q8"),
        message=r"Maximum A Posteriori.*adds a prior",
    ),
    # ------------------------------------------------------------------ wrong: malformed answers
    Scenario(
        name="option_numbers_instead_of_letters",
        summary="gives option numbers 1-4 instead of letters",
        cells={"answers_code": "ANSWERS = {1: 2, 2: 2, 3: 2, 4: 3, 5: 2, 6: 3, 7: 2, 8: 3, 9: 2, 10: 2}\n"},
        loses=ALL_QUESTIONS,
        message=r"is the number 2: give the LETTER of the option",
    ),
    Scenario(
        name="zero_based_keys",
        summary="numbers the questions from 0 to 9",
        cells={"answers_code": "ANSWERS = dict(enumerate(['b', 'b', 'b', 'c', 'b', 'c', 'b', 'c', 'b', 'b']))\n"},
        loses=ALL_QUESTIONS,
        message=r"keys of ANSWERS start at 0",
    ),
    Scenario(
        name="option_text_instead_of_letter",
        summary="writes the option's text '(64, 10)' for question 1",
        cells={"answers_code": _answers(q1="(64, 10)")},
        loses=("q1",),
        message=r"must be one letter 'a', 'b', 'c' or 'd'",
    ),
    Scenario(
        name="question_left_out",
        summary="deletes the key of question 7 from the dict",
        cells={"answers_code": _answers() + "del ANSWERS[7]\n"},
        loses=("q7",),
        message=r"ANSWERS has no answer for question 7",
    ),
    Scenario(
        name="one_question_still_none",
        summary="forgets to answer question 9 (left at None)",
        cells={"answers_code": _answers(q9=None)},
        loses=("q9",),
        message=r"question 9 is not answered yet",
    ),
    Scenario(
        name="answers_as_one_string",
        summary="writes all letters as one string 'bbbcbcbcbb'",
        cells={"answers_code": "ANSWERS = 'bbbcbcbcbb'\n"},
        loses=ALL_QUESTIONS,
        message=r"ANSWERS must be a dict from question numbers to letters",
    ),
    Scenario(
        name="list_of_nine_answers",
        summary="a list with one answer missing",
        cells={"answers_code": "ANSWERS = ['b', 'b', 'b', 'c', 'b', 'c', 'b', 'c', 'b']\n"},
        loses=ALL_QUESTIONS,
        message=r"list of 9 answers: a list must hold exactly ten letters",
    ),
    Scenario(
        name="raises_everywhere",
        summary="the answers cell raises ValueError before defining ANSWERS",
        cells={"answers_code": 'raise ValueError("not done")\n'},
        loses=ALL_QUESTIONS,
        message=r"ValueError",
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="a leftover top-level `while True: pass` in the answers cell",
        cells={"answers_code": "# quick experiment, forgot to remove\nwhile True:\n    pass\n" + _answers()},
        loses=ALL_QUESTIONS,
        message=r"did not finish within|does not define ANSWERS",
    ),
    # ------------------------------------------------------------------ correct alternatives
    Scenario(
        name="upper_case_letters",
        summary="writes every answer as an upper-case letter",
        cells={"answers_code": _answers(**{f"q{n}": letter.upper() for n, letter in RIGHT.items()})},
        full_marks=True,
    ),
    Scenario(
        name="letters_with_spaces_and_parentheses",
        summary="answers like ' b ', '(C)', 'b)' and 'B '",
        cells={"answers_code": '''
ANSWERS = {
    1: " b ", 2: "(b)", 3: "B)", 4: "(C)", 5: "  b",
    6: "c\\n", 7: " (B) ", 8: "C", 9: "b)", 10: "\\tb",
}
'''},
        full_marks=True,
    ),
    Scenario(
        name="list_in_question_order",
        summary="a list of ten letters, the answer to question 1 first",
        cells={"answers_code": 'ANSWERS = ["b", "b", "b", "c", "b", "c", "b", "c", "b", "b"]\n'},
        full_marks=True,
    ),
    Scenario(
        name="string_keys_and_dict_literal",
        summary="a dict literal with the keys '1' .. '10' as strings",
        cells={"answers_code": '''
ANSWERS = {"1": "b", "2": "b", "3": "b", "4": "c", "5": "b",
           "6": "c", "7": "b", "8": "c", "9": "b", "10": "b"}
'''},
        full_marks=True,
    ),
    Scenario(
        name="built_with_zip_and_extra_notes",
        summary="builds the dict with zip over a string and keeps working notes in other variables",
        cells={"answers_code": '''
sigma_prime_max = 0.5 * (1 - 0.5)   # 0.25, checked by hand
fraud_loss = -__import__("math").log(0.01)
ANSWERS = dict(zip(range(1, 11), "bbbcbcbcbb"))
'''},
        full_marks=True,
    ),
    Scenario(
        name="tuple_of_letters",
        summary="a tuple of ten letters, mixed case",
        cells={"answers_code": 'ANSWERS = ("B", "b", "b", "C", "b", "c", "B", "c", "b", "B")\n'},
        full_marks=True,
    ),
]
