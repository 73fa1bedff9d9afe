"""The suite layer: the hidden pytest suites run in the grader, against the student's functions.

    run.py       grade_many(notebooks, assignment) -> [Report]: one pytest run for a chunk
    plugin.py    the pytest plugin: fixtures (student, reference, rng), points markers, results
    compare.py   the comparison helpers of the suites (also released to students as public_compare.py)
"""
