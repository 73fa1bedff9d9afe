"""Public check of question 10: the FORMAT of the answer only (never whether the choice is right)."""

OK_FORMAT = False

from otter.test_files import test_case

from public_compare import expect_true

name = "q10"
points = 2

REMINDER = "(public check of the format only, not of your choice; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the answer to question 10 must be one letter a to d {REMINDER}")
def answer_format(check_answer_format, ANSWERS):
    letter = check_answer_format(ANSWERS, 10)
    expect_true(letter in ("a", "b", "c", "d"), f"question 10: {letter!r} is not one of the letters a to d")
