import io
import pickle

import numpy as np
import pytest

from autograder.sandbox.inside import wire
from autograder.sandbox.worker_session import _decode_reply_value
from autograder.sandbox.values import Unsupported


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, float("inf"), "text", [1, 2.0], (1, (2, 3)), {"a": 1, 2: "b", (1, 2): None},
    np.arange(6.0).reshape(2, 3), np.array([True, False]), np.float64(1.5), np.int32(7),
    np.array(2.5), np.arange(6.0).reshape(2, 3).T, np.zeros((0, 3)),
])
def test_values_round_trip_with_their_types(value):
    back = wire.decode(wire.encode(value))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape and np.array_equal(back, value)
    else:
        assert back == value


def test_ndarray_subclass_arrives_as_a_plain_ndarray():
    class Liar(np.ndarray):
        def __eq__(self, other):
            return True

    value = np.arange(3.0).view(Liar)
    back = wire.decode(wire.encode(value))
    assert type(back) is np.ndarray and np.array_equal(back, [0.0, 1.0, 2.0])


def test_object_arrays_and_unknown_objects_become_unsupported():
    assert wire.encode(np.array([object()]))["__unsupported__"].startswith("ndarray of dtype object")
    back = _decode_reply_value(wire.encode(object()))
    assert isinstance(back, Unsupported) and back.type_name == "object"


def test_a_pickled_array_is_refused():
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    import base64
    forged = {"__ndarray__": base64.b64encode(buffer.getvalue()).decode()}
    with pytest.raises(wire.WireError):
        wire.decode(forged)


def test_raw_pickle_bytes_are_not_a_valid_array():
    import base64
    forged = {"__ndarray__": base64.b64encode(pickle.dumps([1, 2])).decode()}
    with pytest.raises(wire.WireError, match="malformed array"):
        wire.decode(forged)


@pytest.mark.parametrize("data", [{"__evil__": 1}, {"a": 1, "b": 2, "c": 3}, {"__dict__": [[[], 1]]}])
def test_unknown_shapes_are_protocol_errors(data):
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_frame_length_is_capped_before_reading():
    header = wire.HEADER.pack(10_000)
    with pytest.raises(wire.WireError, match="exceeds the limit"):
        wire.parse_frame_length(header, 100)
