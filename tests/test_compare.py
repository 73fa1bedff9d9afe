import numpy as np
import pytest

from autograder.suite.compare import Mistake, expect_close, expect_equal
from autograder.sandbox.values import Unsupported


def message_of(call, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def test_close_arrays_pass_and_lists_are_accepted_for_arrays():
    expect_close(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12]), what="f(x)")
    expect_close([1.0, 2.0], np.array([1.0, 2.0]), what="f(x)")


def test_layers_report_type_then_shape_then_values():
    assert "expected an array of shape (2,), got Unsupported" in message_of(
        expect_close, Unsupported("Unsupported", ""), np.zeros(2), what="f(x)")
    assert "expected shape (2,), got shape (1, 2)" in message_of(
        expect_close, np.zeros((1, 2)), np.zeros(2), what="f(x)")
    text = message_of(expect_close, np.array([0.0, 1.5]), np.array([0.0, 1.0]), what="f(x)", inputs={"x": 3})
    assert "f(x) for x = 3" in text and "1 of 2 entries differ" in text and "largest error 0.5 at index (1,)" in text


def test_lists_are_refused_when_the_type_is_strict():
    assert "expected an array" in message_of(expect_close, [1.0], np.array([1.0]), what="f", strict_type=True)


def test_nan_where_a_number_was_expected_fails_and_names_the_mistake():
    mistake = Mistake("softmax overflows for large logits: subtract the maximum first", lambda got: np.isnan(got).any())
    text = message_of(expect_close, np.array([np.nan, 1.0]), np.array([0.0, 1.0]), what="softmax(z)", mistakes=[mistake])
    assert text.startswith("softmax overflows") and "nan" in text


def test_a_raising_mistake_predicate_is_no_match():
    text = message_of(expect_close, 2.0, 1.0, what="f", mistakes=[Mistake("never", lambda got: got.shape)])
    assert not text.startswith("never")


def test_numbers_accept_numpy_scalars_but_not_bools_or_arrays():
    expect_close(np.float32(0.5), 0.5, what="f")
    expect_close(np.array(0.5), 0.5, what="f")
    assert "expected a number, got bool" in message_of(expect_close, True, 1.0, what="f")
    assert "expected a number" in message_of(expect_close, np.array([0.5]), 0.5, what="f")


def test_infinities_must_match_in_sign():
    expect_close(np.array([np.inf]), np.array([np.inf]), what="f")
    assert "differ" in message_of(expect_close, np.array([-np.inf]), np.array([np.inf]), what="f")


def test_exact_equality_normalises_numpy_ints_and_lists():
    expect_equal([np.int64(5), 3], (5, 3), what="shape")
    expect_equal(np.int64(12), 12, what="iterations")
    assert "expected (5, 3), got (3, 5)" in message_of(expect_equal, (3, 5), (5, 3), what="shape")
    assert "got" in message_of(expect_equal, True, 1, what="count")


# ----------------------------------------------------------------------------- any value at all
# A student can return anything the wire carries; the helpers must answer with CheckFailed (a message for
# the student) or pass, never raise anything else (which the grader would report as its own fault).
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

from autograder.suite.compare import CheckFailed, expect_close, expect_equal, expect_raises, expect_true  # noqa: E402

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10 ** 400, max_value=10 ** 400),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
                    st.sampled_from(["\ud800", "\x1b[2J"]))
ARRAYS = hnp.arrays(dtype=st.sampled_from([np.float64, np.int64, np.bool_, np.complex128, np.float32, np.uint8, "<U3"]),
                    shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4))
VALUES = st.recursive(st.one_of(SCALARS, ARRAYS),
                      lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                              st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                      max_leaves=8)
EXPECTED = [1.5, 0, np.float64(-2.0), np.array([1.0, 2.0]), np.zeros((2, 2)), np.array(3.0), (3, 4), "label",
            [1, 2], np.array([True, False]), float("nan"), float("inf")]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(got=VALUES, expected=st.sampled_from(EXPECTED))
def test_the_comparison_helpers_pass_or_fail_with_a_message_for_any_value(got, expected):
    for check in (lambda: expect_close(got, expected, what="f(x)", inputs={"x": got}),
                  lambda: expect_close(got, expected, what="f(x)", strict_type=True),
                  lambda: expect_equal(got, expected, what="f(x)", inputs={"x": got}),
                  lambda: expect_raises(lambda: got, "ValueError", what="f(x)"),
                  lambda: expect_true(bool(got is None), "f(x) must be None")):
        try:
            check()
        except CheckFailed as failure:
            assert str(failure).encode("utf-8")  # a message that can be written anywhere


def test_an_integer_too_long_to_print_is_a_wrong_value_too():
    for expected in (1.0, np.ones(2), (3, 4)):
        for check in (expect_close, expect_equal):
            with pytest.raises(CheckFailed, match="integer of over 4000 digits|expected"):
                check(10 ** 5000, expected, what="f(x)")


def test_a_change_in_place_and_a_warning_are_named_mistakes():
    from autograder.sandbox.worker_session import CallEffects
    from autograder.suite.compare import expect_no_warnings, expect_unchanged

    expect_unchanged(CallEffects("softmax"))
    expect_unchanged(None)
    with pytest.raises(CheckFailed) as changed:
        expect_unchanged(CallEffects("softmax", changed=("z",)))
    assert changed.value.mistake.id == "modifies-argument"
    assert str(changed.value).startswith("`softmax` changed its argument `z` in place")
    warned = CallEffects("softmax", warnings=(("RuntimeWarning", "overflow encountered in exp"),))
    expect_no_warnings(warned, category="DeprecationWarning")
    with pytest.raises(CheckFailed) as raised:
        expect_no_warnings(warned, category="RuntimeWarning", why="subtract the maximum first")
    assert raised.value.mistake.id == "raises-warning"
    assert "overflow encountered in exp" in str(raised.value) and "subtract the maximum first" in str(raised.value)
