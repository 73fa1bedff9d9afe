"""The worker: runs one student's notebook code and answers the grader's calls.

Runs in a process forked by the zygote (`zygote.py`), next to a copy of `wire.py`. It imports
nothing from the `autograder` package: inside the sandbox that package is not visible.
Nothing here is trusted by the grader; the grader validates every reply.

Requests and replies are frames of wire.py on the socket the zygote hands over (`serve(fd)`):
    {"op": "run_cell", "index": i, "source": "..."} -> {"ok": true} | error
    {"op": "call", "name": f, "args": [...], "kwargs": [[k, v], ...]}
        -> {"ok": true, "value": ..., "changed": [argument names], "warnings": [[category, message], ...]}
    {"op": "get", "name": v} -> {"ok": true, "value": ...}
    {"op": "has", "name": v} -> {"ok": true, "value": bool}
An error reply is {"ok": false, "error": {"type", "message", "traceback"}} or {"ok": false, "missing": name}.
"""

import os
import sys


class DiscardingWriter:
    """Stands in for sys.stdout/sys.stderr: the student's prints go nowhere (the grader reads values,
    not printed text), at the cost of a method call."""

    def write(self, text):
        return len(text) if isinstance(text, str) else 0

    def flush(self):
        pass

    def isatty(self):
        return False


MAX_WARNINGS = 10


def _snapshot(value):
    """A copy of an argument to compare with after the call (None: it cannot be copied)."""
    import copy

    try:
        return copy.deepcopy(value)
    except Exception:  # noqa: BLE001 - an argument the grader sent is plain data; anything else: unknown
        return None


def _same(before, after) -> bool:
    """True when a copied argument still equals the argument after the call (arrays element by element,
    nan equal to nan, shape and dtype included)."""
    import numpy as np

    if before is None:
        return True
    if isinstance(before, np.ndarray) or isinstance(after, np.ndarray):
        if not (isinstance(before, np.ndarray) and isinstance(after, np.ndarray)):
            return False
        if before.shape != after.shape or before.dtype != after.dtype:
            return False
        try:
            return bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
        except TypeError:
            return bool(np.array_equal(before, after))
    if isinstance(before, (list, tuple)):
        return (type(before) is type(after) and len(before) == len(after)
                and all(_same(b, a) for b, a in zip(before, after)))
    if isinstance(before, dict):
        return (isinstance(after, dict) and before.keys() == after.keys()
                and all(_same(before[k], after[k]) for k in before))
    try:
        return bool(before == after) or (before != before and after != after)  # nan stays nan
    except Exception:  # noqa: BLE001
        return True


def _argument_names(target, count: int, keywords) -> list[str]:
    import inspect

    try:
        names = [p.name for p in inspect.signature(target).parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        names = []
    return [names[i] if i < len(names) else f"argument {i + 1}" for i in range(count)] + list(keywords)


def call_with_effects(target, args: list, kwargs: dict):
    """Call the student's function; return (value, names of the arguments it changed in place, the
    warnings it raised as [category, message] pairs)."""
    import warnings

    before = [_snapshot(value) for value in args] + [_snapshot(value) for value in kwargs.values()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = target(*args, **kwargs)
    after = list(args) + list(kwargs.values())
    names = _argument_names(target, len(args), kwargs)
    changed = [name for name, old, new in zip(names, before, after) if not _same(old, new)]
    raised = [[w.category.__name__, str(w.message)[:300]] for w in caught[:MAX_WARNINGS]]
    return value, changed, raised


def strip_ipython_syntax(source: str) -> str:
    """Drop IPython magics and shell escapes, which plain Python cannot compile."""
    if source.lstrip().startswith("%%"):
        return ""
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")):
            lines.append(line[: len(line) - len(stripped)] + "pass")
        else:
            lines.append(line)
    return "\n".join(lines)


def figure_encoder(value):
    """Encode a matplotlib Figure or Axes as plain data (lines, labels, titles), else None."""
    matplotlib = sys.modules.get("matplotlib")
    if matplotlib is None:
        return None
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(value, Axes):
        axes_list = [value]
    elif isinstance(value, Figure):
        axes_list = list(value.axes)
    else:
        return None
    import numpy as np
    import wire

    def as_array(data):
        try:
            return wire.array_to_text(np.asarray(data, dtype=float))
        except Exception:
            return wire.array_to_text(np.zeros(0))

    encoded_axes = []
    for axes in axes_list:
        legend = axes.get_legend()
        encoded_axes.append({
            "title": axes.get_title(),
            "xlabel": axes.get_xlabel(),
            "ylabel": axes.get_ylabel(),
            "xscale": axes.get_xscale(),
            "yscale": axes.get_yscale(),
            "legend": [text.get_text() for text in legend.get_texts()] if legend else [],
            "lines": [{"x": as_array(line.get_xdata()), "y": as_array(line.get_ydata()),
                       "label": str(line.get_label())} for line in axes.get_lines()],
            "collections": [{"offsets": as_array(collection.get_offsets()),
                             "label": str(collection.get_label())}
                            for collection in axes.collections if hasattr(collection, "get_offsets")],
        })
    return {"__figure__": {"axes": encoded_axes}}


def serve(channel_fd: int) -> None:
    """Answer the grader's requests on `channel_fd` (a socket) until it closes."""
    import wire  # sits next to this file

    # The protocol keeps the channel; the student's prints are discarded and anything written to the
    # raw descriptors 0-2 goes to /dev/null.
    requests = os.fdopen(channel_fd, "rb", buffering=0)
    replies = os.fdopen(os.dup(channel_fd), "wb")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdout = sys.stderr = DiscardingWriter()
    sys.stdin = open(os.devnull)

    namespace = {"__name__": "__main__"}
    import traceback

    def error_reply(exc):
        return {"ok": False, "error": {
            "type": type(exc).__name__,
            "message": wire._short_repr(exc, 500) if not str_safe(exc) else str_safe(exc)[:1000],
            "traceback": "".join(traceback.format_exception(exc)[-6:])[-4000:],
        }}

    def str_safe(exc):
        try:
            return str(exc)
        except BaseException:
            return ""

    def encode(value):
        return wire.encode(value, extra_encoders=(figure_encoder,))

    def decode_argument(data):
        def function_from_source(tagged):
            spec = tagged["__function__"]
            scope = {"np": __import__("numpy"), "math": __import__("math")}
            exec(compile(spec["source"], f"<grader function {spec['name']}>", "exec"), scope)
            return scope[spec["name"]]

        def student_function(tagged):
            return namespace[tagged["__student_function__"]]

        return wire.decode(data, tag_decoders={"__function__": function_from_source,
                                               "__student_function__": student_function})

    while True:
        header = requests.read(wire.HEADER.size)
        if not header:
            break
        length = wire.parse_frame_length(header, 1 << 30)
        payload = b""
        while len(payload) < length:
            chunk = requests.read(length - len(payload))
            if not chunk:
                return
            payload += chunk
        request = wire.parse_payload(payload)
        op, name = request.get("op"), request.get("name")
        try:
            if op == "run_cell":
                code = compile(strip_ipython_syntax(request["source"]), f"<cell {request['index']}>", "exec")
                exec(code, namespace)
                reply = {"ok": True}
            elif op == "has":
                reply = {"ok": True, "value": name in namespace}
            elif name not in namespace:
                reply = {"ok": False, "missing": name}
            elif op == "get":
                reply = {"ok": True, "value": encode(namespace[name])}
            elif op == "call":
                target = namespace[name]
                args = decode_argument(request["args"])
                kwargs = decode_argument(request["kwargs"])
                value, changed, raised = call_with_effects(target, args, kwargs)
                reply = {"ok": True, "value": encode(value), "changed": changed, "warnings": raised}
            else:
                reply = {"ok": False, "error": {"type": "ProtocolError", "message": f"unknown op {op}",
                                                "traceback": ""}}
        except BaseException as exc:  # SystemExit, KeyboardInterrupt ... are student errors too
            reply = error_reply(exc)
        try:
            wire.write_frame(replies, reply)
        except BaseException as exc:  # e.g. a value JSON cannot hold
            wire.write_frame(replies, error_reply(exc))

