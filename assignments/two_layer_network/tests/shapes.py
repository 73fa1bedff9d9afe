"""Public check of shapes_report on the demo batch."""

OK_FORMAT = False

from otter.test_files import test_case

from public_compare import expect_equal, expect_true

name = "shapes"
points = 3

REMINDER = "(public check on the worked example; the hidden tests decide your grade)"


@test_case(hidden=False, failure_message=f"the shapes of the demo batch's forward pass {REMINDER}")
def demo_batch_shapes(shapes_report, init_params, X_demo):
    report = shapes_report(X_demo, init_params(42))
    expect_true(isinstance(report, dict), f"shapes_report must return a dict, not {type(report).__name__}")
    expect_true(all(isinstance(shape, tuple) for shape in report.values()), "every shape must be a tuple")
    expect_equal(report, {"X": (5, 4), "Z1": (5, 3), "A1": (5, 3), "Z2": (5, 1), "A2": (5, 1)},
                 what="shapes_report(X_demo, init_params(42))")
