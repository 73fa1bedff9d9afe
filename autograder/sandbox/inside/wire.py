"""The data that crosses the worker boundary: plain JSON values, arrays as `.npy` bytes.

This module is shared by both sides and depends on the standard library and numpy only, because
it is copied next to `worker.py` into the sandbox, where the `autograder` package is not visible.

Frames are 8-byte big-endian lengths followed by UTF-8 JSON. Values that JSON cannot express are
tagged objects with a single key:
    {"__tuple__": [...]}        {"__dict__": [[key, value], ...]}
    {"__ndarray__": "<base64 of .npy>"}   {"__npscalar__": "<base64 of a 0-d .npy>"}
    {"__figure__": {...}}       {"__function__": {"name": ..., "source": ...}}   (grader -> worker)
    {"__student_function__": "name"}                                            (grader -> worker)
    {"__unsupported__": "type name", "text": "short repr"}                       (worker -> grader)

Decoding (`decode`) accepts only these shapes: arrays are read with `allow_pickle=False` and must have
a numeric, bool or string dtype; other tags need a decoder passed in `tag_decoders`.
"""

from __future__ import annotations

import base64
import io
import json
import struct

import numpy as np

HEADER = struct.Struct(">Q")
MAX_DEPTH = 32
ALLOWED_ARRAY_KINDS = frozenset("biufcU")


class WireError(Exception):
    """A frame or value that breaks the protocol."""


# ----------------------------------------------------------------------------- frames
def write_frame(stream, message) -> None:
    payload = json.dumps(message, allow_nan=True, separators=(",", ":")).encode("utf-8")
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def parse_frame_length(header: bytes, max_bytes: int) -> int:
    if len(header) != HEADER.size:
        raise WireError("truncated frame header")
    (length,) = HEADER.unpack(header)
    if length > max_bytes:
        raise WireError(f"reply of {length} bytes exceeds the limit of {max_bytes} bytes")
    return length


def parse_payload(payload: bytes):
    try:
        return json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:  # ValueError: also an integer of too many digits
        raise WireError(f"reply is not valid JSON: {str(exc)[:200]}") from None
    except RecursionError:
        raise WireError("reply is nested too deeply") from None


def clean_text(text: str) -> str:
    """A string safe to write anywhere (files, terminals, SQLite): lone surrogates, which JSON can carry
    but UTF-8 cannot, become U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


# ----------------------------------------------------------------------------- arrays
def array_to_text(array: np.ndarray) -> str:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def array_from_text(text) -> np.ndarray:
    if not isinstance(text, str):
        raise WireError("array payload is not a string")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        array = np.load(io.BytesIO(raw), allow_pickle=False)
    except Exception as exc:  # malformed .npy of any kind
        raise WireError(f"malformed array: {exc}") from None
    if type(array) is not np.ndarray or array.dtype.kind not in ALLOWED_ARRAY_KINDS:
        raise WireError(f"array of dtype {array.dtype} is not allowed")
    return array


# ----------------------------------------------------------------------------- encoding
def encode(value, depth: int = 0, extra_encoders=()):
    """Turn a Python value into JSON-able data. Unknown objects become `__unsupported__`."""
    if depth > MAX_DEPTH:
        return {"__unsupported__": "nesting", "text": "nested too deeply"}
    for encoder in extra_encoders:
        encoded = encoder(value)
        if encoded is not None:
            return encoded
    if value is None or value is True or value is False:
        return value
    if isinstance(value, np.ndarray):
        array = value.view(np.ndarray)
        if array.dtype.kind not in ALLOWED_ARRAY_KINDS:
            return {"__unsupported__": f"ndarray of dtype {array.dtype}", "text": ""}
        # np.require keeps a 0-d array 0-d (np.ascontiguousarray would give it shape (1,))
        return {"__ndarray__": array_to_text(np.require(array, requirements="C"))}
    if isinstance(value, np.generic):
        scalar = np.asarray(value)
        if scalar.dtype.kind not in ALLOWED_ARRAY_KINDS:
            return {"__unsupported__": f"numpy scalar {scalar.dtype}", "text": ""}
        return {"__npscalar__": array_to_text(scalar)}
    if isinstance(value, bool):  # a subclass of bool cannot exist; kept for clarity
        return bool(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, tuple):
        return {"__tuple__": [encode(item, depth + 1, extra_encoders) for item in tuple.__iter__(value)]}
    if isinstance(value, list):
        return [encode(item, depth + 1, extra_encoders) for item in list.__iter__(value)]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, depth + 1, extra_encoders), encode(v, depth + 1, extra_encoders)]
                             for k, v in dict.items(value)]}
    return {"__unsupported__": type(value).__name__, "text": _short_repr(value)}


def _short_repr(value, limit: int = 200) -> str:
    try:
        text = repr(value)
    except BaseException:  # a hostile __repr__ must not break the reply
        text = "<unprintable>"
    return text if len(text) <= limit else text[:limit] + "..."


# ----------------------------------------------------------------------------- decoding
_SCALARS = (str, int, float, bool, type(None))


def decode(data, depth: int = 0, tag_decoders=None):
    """Rebuild a value from wire data; raise WireError on anything outside the protocol.

    `tag_decoders` maps extra tags (for example "__figure__") to functions of the tagged payload.
    """
    if depth > MAX_DEPTH + 1:
        raise WireError("value nested too deeply")
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, _SCALARS):
        return data
    if isinstance(data, list):
        return [decode(item, depth + 1, tag_decoders) for item in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise WireError(f"unexpected value of type {type(data).__name__}")
    tag = next(iter(data))
    payload = data[tag]
    if tag == "__tuple__" and isinstance(payload, list) and len(data) == 1:
        return tuple(decode(item, depth + 1, tag_decoders) for item in payload)
    if tag == "__dict__" and isinstance(payload, list) and len(data) == 1:
        result = {}
        for pair in payload:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise WireError("malformed dict entry")
            key = decode(pair[0], depth + 1, tag_decoders)
            if not isinstance(key, (str, int, float, bool, tuple, type(None))):
                raise WireError("unhashable dict key")
            result[key] = decode(pair[1], depth + 1, tag_decoders)
        return result
    if tag == "__ndarray__" and len(data) == 1:
        return array_from_text(payload)
    if tag == "__npscalar__" and len(data) == 1:
        array = array_from_text(payload)
        if array.shape != ():
            raise WireError("numpy scalar with a shape")
        return array[()]
    if tag_decoders and tag in tag_decoders:
        return tag_decoders[tag](data)
    raise WireError(f"unknown tag {str(tag)[:40]!r}")
