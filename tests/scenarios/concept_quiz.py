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


def _wrong(name, summary, question, letter, message, mistake):
    return Scenario(name=name, summary=summary, cells={"answers_code": _answers(**{question: letter})},
                    loses=(question,), message=message, mistakes=(mistake,))


def _template_with(lines):
    """The notebook's answer cell as released (every answer None) followed by the student's lines."""
    return "ANSWERS = {question: None for question in range(1, 11)}  # None = not answered yet\n" + lines


SCENARIOS = [
    # ------------------------------------------------------------------ wrong: one misconception each
    _wrong("q1_transposed_product_shape", "answers (10, 64) for (64, 128) @ (128, 10)", "q1", "c",
           r"you chose \(c\) \(10, 64\).*as if the weight matrix came first", "q1-transposed-shape"),
    _wrong("q2_matrix_product_for_gates", "thinks LSTM gates are applied with a matrix product", "q2", "a",
           r"you chose \(a\) matrix multiplication.*mix all the memory cells", "q2-matrix-product"),
    _wrong("q3_tanh_derivative_pattern", "uses the tanh derivative pattern 1 - sigma^2", "q3", "c",
           r"you chose \(c\).*tanh derivative", "q3-tanh-derivative-pattern"),
    _wrong("q4_sigmoid_value_for_its_slope", "takes sigma(0) = 0.5 for the largest slope", "q4", "b",
           r"you chose \(b\) 0\.5.*the VALUE of the sigmoid at its centre", "q4-value-instead-of-slope"),
    _wrong("q5_outer_derivative_at_x", "evaluates the outer derivative at x: f'(x) g'(x)", "q5", "a",
           r"f is never applied to x itself", "q5-outer-derivative-at-x"),
    _wrong("q6_cross_entropy_from_mse", "believes cross-entropy is derived from mean squared error", "q6", "a",
           r"you chose \(a\) Mean Squared Error.*no logarithm", "q6-mean-squared-error"),
    _wrong("q7_probability_of_the_wrong_class", "uses -log(1 - y_hat) for a fraud sample", "q7", "c",
           r"the model's probability of 'not fraud'", "q7-other-class"),
    _wrong("q7_base_rate_instead_of_prediction", "plugs the fraud base rate 0.03 into the loss", "q7", "a",
           r"how common fraud is in the whole data set", "q7-base-rate"),
    _wrong("q8_kl_is_symmetric", "treats the KL divergence as a symmetric distance", "q8", "d",
           r"swapping the two distributions changes the value.*0\.511.*0\.368", "q8-symmetric"),
    _wrong("q9_gradient_points_downhill", "thinks the gradient points downhill", "q9", "a",
           r"compare f at \(1, 0\) with f one small step along grad f", "q9-steepest-descent"),
    _wrong("q10_cross_entropy_minus_kl", "subtracts the KL divergence from the entropy", "q10", "a",
           r"the two sides of this option differ", "q10-minus-kl"),
    _wrong("q3_lost_square_in_the_denominator", "forgets the square of (1 + e^-z) in the chain rule",
           "q3", "d", r"equals 1 - sigma\(z\)", "q3-one-minus-sigma"),
    # ------------------------------------------------------------------ wrong: the other misconceptions
    _wrong("q1_keeps_the_inner_size", "answers (128, 128), the shared size twice", "q1", "a",
           r"the shared inner size 128", "q1-keeps-the-inner-size"),
    _wrong("q1_keeps_every_size", "answers (64, 128, 10), keeping all three sizes", "q1", "d",
           r"is again 2-D", "q1-three-axes"),
    _wrong("q2_inverse_for_gates", "thinks a gate inverts a matrix", "q2", "c",
           r"no matrix is inverted in an LSTM step", "q2-matrix-inverse"),
    _wrong("q2_eigendecomposition_for_gates", "thinks gates use an eigendecomposition", "q2", "d",
           r"a gate is a vector, which has no eigendecomposition", "q2-eigendecomposition"),
    _wrong("q3_sigma_squared", "answers sigma(z)^2 for the derivative", "q3", "a",
           r"sigma\(z\)\^2 tends to 1 as z grows", "q3-sigma-squared"),
    _wrong("q4_limit_for_the_slope", "takes the sigmoid's limit 1.0 for its largest slope", "q4", "a",
           r"1\.0 is the value the sigmoid itself approaches", "q4-limit-of-the-sigmoid"),
    _wrong("q4_slope_on_the_flank", "answers 0.1, a slope on the flank of the curve", "q4", "d",
           r"near \|z\| = 2\.06", "q4-slope-on-the-flank"),
    _wrong("q5_inner_derivative_inside_f", "answers f(g'(x))", "q5", "c",
           r"never differentiates f", "q5-no-outer-derivative"),
    _wrong("q5_adds_the_rates", "adds the two derivatives", "q5", "d",
           r"multiply, they do not add", "q5-adds-the-rates"),
    _wrong("q6_least_absolute_deviation", "answers least absolute deviation", "q6", "d",
           r"the mean absolute error", "q6-least-absolute-deviation"),
    _wrong("q7_legitimate_share", "takes -log(0.97), the share of legitimate transactions", "q7", "d",
           r"0\.97 = 1 - 0\.03 is the share of legitimate transactions", "q7-base-rate-of-the-other-class"),
    _wrong("q8_kl_is_negative", "believes the KL divergence is negative", "q8", "a",
           r"D_KL\(p\|\|p\) = 0, which is not negative", "q8-negative"),
    _wrong("q9_gradient_is_a_level_direction", "thinks the gradient points along the level curve", "q9", "c",
           r"perpendicular to grad f", "q9-zero-change"),
    _wrong("q9_gradient_is_random", "confuses the gradient with the noise of SGD", "q9", "d",
           r"fully determined by the partial derivatives", "q9-random-direction"),
    _wrong("q10_signs_swapped", "answers H(p, q) = D_KL - H(p)", "q10", "c",
           r"a negative cross-entropy", "q10-signs-swapped"),
    _wrong("q10_product", "answers H(p, q) = H(p) * D_KL", "q10", "d",
           r"a product would give H\(p, p\) = 0", "q10-product"),
    Scenario(
        name="guesses_b_everywhere",
        summary="answers (b) to every question",
        cells={"answers_code": _answers(q4="b", q6="b", q8="b")},
        loses=("q4", "q6", "q8"),
        message=r"Maximum A Posteriori.*adds a prior over the parameters",
        mistakes=("q4-value-instead-of-slope", "q6-maximum-a-posteriori", "q8-always-zero"),
    ),
    # ------------------------------------------------------------------ wrong: malformed answers
    Scenario(
        name="option_numbers_instead_of_letters",
        summary="gives option numbers 1-4 instead of letters",
        cells={"answers_code": "ANSWERS = {1: 2, 2: 2, 3: 2, 4: 3, 5: 2, 6: 3, 7: 2, 8: 3, 9: 2, 10: 2}\n"},
        loses=ALL_QUESTIONS,
        message=r"is the number 2: give the LETTER of the option",
        mistakes=("quiz-option-number",),
    ),
    Scenario(
        name="zero_based_keys",
        summary="numbers the questions from 0 to 9",
        cells={"answers_code": "ANSWERS = dict(enumerate(['b', 'b', 'b', 'c', 'b', 'c', 'b', 'c', 'b', 'b']))\n"},
        loses=ALL_QUESTIONS,
        message=r"keys of ANSWERS start at 0",
        mistakes=("quiz-zero-based-keys",),
    ),
    Scenario(
        name="option_text_instead_of_letter",
        summary="writes the option's text '(64, 10)' for question 1",
        cells={"answers_code": _answers(q1="(64, 10)")},
        loses=("q1",),
        message=r"must be one letter 'a', 'b', 'c' or 'd'",
        mistakes=("quiz-not-one-letter",),
    ),
    Scenario(
        name="question_left_out",
        summary="deletes the key of question 7 from the dict",
        cells={"answers_code": _answers() + "del ANSWERS[7]\n"},
        loses=("q7",),
        message=r"ANSWERS has no answer for question 7",
        mistakes=("quiz-missing-question",),
    ),
    Scenario(
        name="one_question_still_none",
        summary="forgets to answer question 9 (left at None)",
        cells={"answers_code": _answers(q9=None)},
        loses=("q9",),
        message=r"question 9 is not answered yet",
        mistakes=(),
    ),
    Scenario(
        name="answers_as_one_string",
        summary="writes all letters as one string 'bbbcbcbcbb'",
        cells={"answers_code": "ANSWERS = 'bbbcbcbcbb'\n"},
        loses=ALL_QUESTIONS,
        message=r"ANSWERS must be a dict from question numbers to letters",
        mistakes=("quiz-not-a-dict",),
    ),
    Scenario(
        name="list_of_nine_answers",
        summary="a list with one answer missing",
        cells={"answers_code": "ANSWERS = ['b', 'b', 'b', 'c', 'b', 'c', 'b', 'c', 'b']\n"},
        loses=ALL_QUESTIONS,
        message=r"list of 9 answers: a list must hold exactly ten letters",
        mistakes=("quiz-list-not-ten",),
    ),
    Scenario(
        name="zero_based_on_the_template",
        summary="keeps the released template and writes ANSWERS[0] to ANSWERS[9], numbering from 0",
        cells={"answers_code": _template_with("".join(f"ANSWERS[{i}] = {letter!r}\n" for i, letter in
                                                      enumerate("bbbcbcbcbb")))},
        loses=ALL_QUESTIONS,
        message=r"keys of ANSWERS start at 0",
        mistakes=("quiz-zero-based-keys",),
    ),
    Scenario(
        name="an_eleventh_key",
        summary="answers all ten questions and adds ANSWERS[11] = 'a' as a note to self",
        cells={"answers_code": _answers() + "ANSWERS[11] = 'a'\n"},
        loses=ALL_QUESTIONS,
        message=r"the key\(s\) 11, which are not question numbers",
        mistakes=("quiz-unknown-keys",),
    ),
    Scenario(
        name="two_different_answers_for_one_question",
        summary="changes its mind on question 2 under the string key '2' and leaves the old answer under 2",
        cells={"answers_code": _answers(q2="c") + "ANSWERS['2'] = 'b'\n"},
        loses=("q2",),
        message=r"two different answers for question 2",
        mistakes=("quiz-conflicting-keys",),
    ),
    Scenario(
        name="letter_with_a_full_stop",
        summary="writes question 3's answer as 'b.'",
        cells={"answers_code": _answers(q3="b.")},
        loses=("q3",),
        message=r"not one of the accepted forms",
        mistakes=("quiz-not-one-letter",),
    ),
    Scenario(
        name="hedges_with_two_letters",
        summary="answers question 6 with 'b or c'",
        cells={"answers_code": _answers(q6="b or c")},
        loses=("q6",),
        message=r"not one of the accepted forms",
        mistakes=("quiz-not-one-letter",),
    ),
    Scenario(
        name="answer_in_a_list",
        summary="wraps the answer to question 5 in a list, ['b']",
        cells={"answers_code": _answers() + "ANSWERS[5] = ['b']\n"},
        loses=("q5",),
        message=r"must be a string holding one letter",
        mistakes=("quiz-not-a-string",),
    ),
    Scenario(
        name="raises_everywhere",
        summary="the answers cell raises ValueError before defining ANSWERS",
        cells={"answers_code": 'raise ValueError("not done")\n'},
        loses=ALL_QUESTIONS,
        message=r"ValueError",
        mistakes=(),
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="a leftover top-level `while True: pass` in the answers cell",
        cells={"answers_code": "# quick experiment, forgot to remove\nwhile True:\n    pass\n" + _answers()},
        loses=ALL_QUESTIONS,
        message=r"did not finish within|does not define ANSWERS",
        mistakes=(),
    ),
    # ------------------------------------------------------------------ correct alternatives
    Scenario(
        name="string_keys_on_the_template",
        summary="keeps the released template (integer keys at None) and answers under the keys '1' .. '10'",
        cells={"answers_code": _template_with("".join(f"ANSWERS[{str(n)!r}] = {letter!r}\n"
                                                      for n, letter in RIGHT.items()))},
        full_marks=True,
    ),
    Scenario(
        name="both_key_forms_agreeing",
        summary="writes questions 1 to 3 under both 1 and '1' with the same letter in other cases",
        cells={"answers_code": _answers() + "ANSWERS['1'] = 'B'\nANSWERS['2'] = '(b)'\nANSWERS['3'] = ' b '\n"},
        full_marks=True,
    ),
    Scenario(
        name="comprehension_with_enumerate",
        summary="a dict comprehension over a list of answers in mixed forms, numbered from 1",
        cells={"answers_code": '''
chosen = ["(b)", "B", "b)", "c", " b", "C)", "(B)", "c ", "b", "B"]
ANSWERS = {number: letter for number, letter in enumerate(chosen, start=1)}
'''},
        full_marks=True,
    ),
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
