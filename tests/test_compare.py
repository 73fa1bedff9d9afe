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
