# generated from autograder/suite/compare.py by autograder/release.py; do not edit
"""The comparison helpers of the hidden suites: type -> shape -> dtype kind -> values.

A failure raises CheckFailed (an AssertionError) with a message written for the student: what was compared, on
which input, what was expected, what came, and the largest error. When the wrong answer matches a
known mistake, the mistake's explanation comes first.

Tolerances are named once here. (NumPy's own defaults differ: `allclose` uses rtol=1e-5,
atol=1e-8 and `assert_allclose` rtol=1e-7, atol=0; the suites use neither implicitly.)
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

try:
    from ..figures import FigureData
    from ..sandbox.values import Unsupported
except ImportError:  # the copy released beside the students' public checks (autograder/release.py)
    class FigureData:  # noqa: D101 - stand-ins that no value matches outside the grader
        pass

    class Unsupported:  # noqa: D101
        type_name = ""

RTOL = 1e-6
ATOL = 1e-9

_PRINT_OPTIONS = {"precision": 6, "threshold": 12, "edgeitems": 3, "linewidth": 100}


class CheckFailed(AssertionError):
    """A failed check whose message was written for the student (shown in the feedback).

    Besides the message it carries fields that the grader's report reads (never parsing the text):
    `what` was compared, on which `inputs`, what was `expected`, what was `got`, the `detail` of the
    difference, the known `mistake` (a Mistake) when the wrong answer matched one, and `check`: the
    message without the mistake's explanation.
    """

    def __init__(self, check: str, *, what: str = "", inputs: str = "", expected: str = "", got: str = "",
                 detail: str = "", mistake: "Mistake | None" = None, reveals: bool = True, summary: str = ""):
        super().__init__(f"{mistake.message}. {check}" if mistake is not None else check)
        self.check = check
        self.what, self.inputs, self.expected, self.got, self.detail = what, inputs, expected, got, detail
        self.mistake = mistake
        # `reveals`: `expected` shows a value the student must compute (not only a shape or a type);
        # `summary`: what differs without giving it away ("3 of 6 entries differ")
        self.reveals, self.summary = reveals, summary


def _slug(text: str) -> str:
    """A mistake's default id: the first words of its explanation, lower case, joined by dashes."""
    words = "".join(c if c.isalnum() else " " for c in text.split(":")[0].lower()).split()
    return "-".join(words[:8]) or "mistake"


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: `applies(got)` is true when the result looks like this mistake.

    `message` explains it to the student; `id` names it for the staff and the scenario catalogue
    (default: made from the message's first words)."""

    message: str
    applies: Callable[[Any], bool]
    id: str = ""

    def __post_init__(self):
        if not self.id:
            object.__setattr__(self, "id", _slug(self.message))

    def matches(self, got) -> bool:
        try:
            return bool(self.applies(got))
        except Exception:
            return False


@dataclass(frozen=True)
class Raised:
    """What a Mistake sees, inside `naming_raised`, when the student's call raised instead of returning."""

    exc_type: str   # "ValueError", "AxisError", ...
    message: str    # the exception's text
    function: str   # the student's function that raised


@contextmanager
def naming_raised(*mistakes: Mistake):
    """Name a known mistake when a call into the student's code in this block raises.

    Some mistakes show as an exception, not as a wrong value (axis=1 on a vector raises AxisError,
    a sum without keepdims fails to broadcast): the first of `mistakes` whose `applies(Raised(...))`
    is true becomes the failure's named mistake; the test still fails as "raised". Other failures
    (not implemented, a timeout, a missing name) pass through unnamed. In a student's kernel (the
    public copy) the exception itself arrives and passes through unchanged."""
    try:
        yield
    except Exception as error:
        exc_type = getattr(error, "exc_type", None)
        if exc_type is not None and exc_type != "NotImplementedError" and getattr(error, "mistake", None) is None:
            seen = Raised(str(exc_type), str(getattr(error, "message", "") or ""), str(getattr(error, "name", "")))
            error.mistake = next((mistake for mistake in mistakes if mistake.matches(seen)), None)
        raise


# ----------------------------------------------------------------------------- descriptions
def describe(value) -> str:
    """A short, readable rendering of any value for a message (it never raises)."""
    try:
        if isinstance(value, np.ndarray):
            with np.printoptions(**_PRINT_OPTIONS):
                text = np.array2string(value, separator=", ")
            return f"array(shape={value.shape}, dtype={value.dtype}) {_clip(text)}"
        if isinstance(value, (float, np.floating)):
            return f"{float(value):.6g}"
        if isinstance(value, FigureData):
            return f"a figure with {len(value.axes)} axes"
        if isinstance(value, Unsupported):
            return f"an object of type {value.type_name}"
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 300:
            return f"an integer of {len(str(abs(value))) if abs(value) < 10 ** 4000 else 'over 4000'} digits"
        return _clip(repr(value))
    except Exception:  # noqa: BLE001 - a value too odd to print (a huge integer, a recursive list ...)
        return f"a value of type {type(value).__name__}"


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _type_name(value) -> str:
    if isinstance(value, Unsupported):
        return value.type_name
    return type(value).__name__


class _Context:
    """What was compared, on which inputs; rendered only when a failure needs the words.

    (Formatting the inputs of every passing comparison cost more than the comparisons.)
    """

    def __init__(self, what: str, inputs: dict | None):
        self.what, self.inputs = what, inputs

    def shown_inputs(self) -> str:
        return ", ".join(f"{name} = {describe(value)}" for name, value in (self.inputs or {}).items())

    def __str__(self) -> str:
        shown = self.shown_inputs()
        return f"{self.what} for {shown}" if shown else self.what


def _context(what: str, inputs: dict | None) -> _Context:
    return _Context(what, inputs)


def _fail(context: _Context, expected: str, got_text: str, detail: str, got, mistakes, *, reveals: bool = True,
          summary: str = "") -> None:
    """Raise CheckFailed: `context: expected E, got G (detail)`, led by the first matching mistake."""
    message = f"{context}: expected {expected}, got {got_text}" + (f" ({detail})" if detail else "")
    fields = {"what": context.what, "inputs": context.shown_inputs(), "expected": expected, "got": got_text,
              "detail": detail, "reveals": reveals, "summary": summary}
    for mistake in mistakes:
        if mistake.matches(got):
            raise CheckFailed(message, mistake=mistake, **fields)
    raise CheckFailed(message, **fields)


# ----------------------------------------------------------------------------- kinds of values
def is_number(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, float, np.integer, np.floating)):
        return True
    return isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "iuf"


def _as_float_array(value, strict_type: bool):
    """The value as an ndarray, or None when its type cannot stand for an array."""
    if isinstance(value, np.ndarray):
        return value
    if strict_type or not isinstance(value, (list, tuple)):
        return None
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return None
    return array if array.dtype.kind in "biuf" else None


def as_numbers(got) -> np.ndarray:
    """got as a float array, for the predicates of Mistakes; raises (= no match) for None, text,
    dicts and bools."""
    if got is None or isinstance(got, (str, bytes, dict, bool)):
        raise TypeError(f"{type(got).__name__} is not numbers")
    return np.asarray(got, dtype=float)


# ----------------------------------------------------------------------------- public helpers
def expect_close(got, expected, *, what: str, inputs: dict | None = None, rtol: float = RTOL,
                 atol: float = ATOL, mistakes=(), strict_type: bool = False) -> None:
    """Assert that `got` matches `expected` (a number or an array) within the tolerances."""
    context = _context(what, inputs)
    if is_number(expected) or isinstance(expected, (int, float)):
        _expect_close_number(got, expected, context, rtol, atol, mistakes)
        return
    expected = np.asarray(expected)
    array = _as_float_array(got, strict_type)
    if array is None:
        _fail(context, f"an array of shape {expected.shape}", f"{_type_name(got)} ({describe(got)})", "",
              got, mistakes, reveals=False)
    if array.shape != expected.shape:
        _fail(context, f"shape {expected.shape}", f"shape {array.shape}", "", got, mistakes, reveals=False)
    if array.dtype.kind not in "iuf" and not (array.dtype.kind == "b" and expected.dtype.kind == "b"):
        _fail(context, "numbers", f"an array of dtype {array.dtype}", "", got, mistakes, reveals=False)
    expected_f = expected.astype(float)
    got_f = array.astype(float)
    nan_mismatch = np.isnan(got_f) != np.isnan(expected_f)
    both_finite = np.isfinite(got_f) & np.isfinite(expected_f)
    inf_mismatch = ~np.isnan(got_f) & ~np.isnan(expected_f) & ~both_finite & (got_f != expected_f)
    close = np.isclose(got_f, expected_f, rtol=rtol, atol=atol)
    wrong = nan_mismatch | inf_mismatch | (both_finite & ~close)
    if not wrong.any():
        return
    error = np.where(both_finite, np.abs(got_f - expected_f), np.inf)
    error = np.where(wrong, error, -1.0)
    worst = np.unravel_index(int(np.argmax(error)), error.shape) if error.ndim else ()
    where = f" at index {tuple(int(i) for i in worst)}" if worst else ""
    worst_text = "nan/inf where a finite value was expected" if not np.isfinite(error[worst]) \
        else f"largest error {float(error[worst]):.3g}{where}"
    if nan_mismatch.any() and np.isnan(got_f).any():
        worst_text = f"{int(np.isnan(got_f).sum())} nan value(s) in your result"
    differ = f"{int(wrong.sum())} of {wrong.size} entries differ"
    _fail(context, describe(expected), describe(array), f"{differ}; {worst_text}; rtol={rtol:g}, atol={atol:g}",
          got, mistakes, summary=differ)


def _expect_close_number(got, expected, context, rtol, atol, mistakes) -> None:
    if not is_number(got):
        _fail(context, "a number", f"{_type_name(got)} ({describe(got)})", "", got, mistakes, reveals=False)
    try:
        got_f = float(got)
    except OverflowError:  # an integer beyond floating point: infinitely far from any finite number
        got_f = float("inf") if got > 0 else float("-inf")
    expected_f = float(expected)
    if np.isnan(expected_f) and np.isnan(got_f):
        return
    if np.isinf(expected_f) and got_f == expected_f:
        return
    if np.isfinite(got_f) and np.isfinite(expected_f) and np.isclose(got_f, expected_f, rtol=rtol, atol=atol):
        return
    _fail(context, f"{expected_f:.10g}", f"{got_f:.10g}",
          f"error {abs(got_f - expected_f):.3g}; rtol={rtol:g}, atol={atol:g}", got, mistakes)


def _normalise(value):
    """Plain Python form for exact comparison: numpy integers -> int, lists -> tuples."""
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (list, tuple)):
        return tuple(_normalise(item) for item in value)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return _normalise(value[()])
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items()}
    return value


def expect_equal(got, expected, *, what: str, inputs: dict | None = None, mistakes=(),
                 strict_type: bool = False) -> None:
    """Assert exact equality (integers, strings, shape tuples, labels).

    Unless `strict_type`, numpy integers count as ints and lists as tuples.
    """
    context = _context(what, inputs)
    if isinstance(got, (bool, np.bool_)) != isinstance(expected, (bool, np.bool_)):
        _fail(context, describe(expected), describe(got), "", got, mistakes)
    left, right = (got, expected) if strict_type else (_normalise(got), _normalise(expected))
    if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
        _fail(context, describe(expected), describe(got), "", got, mistakes)
    if type(left) is not type(right) and not (isinstance(left, (int, float)) and isinstance(right, (int, float))):
        _fail(context, f"{_type_name(expected)} {describe(expected)}", f"{_type_name(got)} {describe(got)}", "",
              got, mistakes)
    try:
        differs = bool(left != right)
    except Exception:  # noqa: BLE001 - e.g. arrays inside a tuple: not the equal plain values expected
        differs = True
    if differs:
        _fail(context, describe(expected), describe(got), "", got, mistakes)


def expect_true(condition: bool, message: str, mistake: Mistake | None = None) -> None:
    """Assert a condition with a message written for the student; `mistake`: the known mistake
    that a false condition means (its explanation leads the message)."""
    if not condition:
        raise CheckFailed(message, mistake=mistake)


def expect_raises(call: Callable[[], Any], exception: str, *, what: str, why: str = "", mistakes=()) -> None:
    """Assert that `call()` (a call into the student's code) raises `exception`, a type name such as
    "ValueError". `why` states the rule; it ends both failure messages. `mistakes` are tried on a
    value returned instead.

    A NotImplementedError passes through unchanged, so that the untouched stub is reported as not
    implemented. In the grader the student's exception arrives as autograder.errors.StudentCodeError
    (its `exc_type` names the type); other failures of the grader's own (a timeout, a missing name)
    pass through. In a student's kernel (the public copy) the exception itself arrives.
    """
    because = f": {why}" if why else ""
    try:
        got = call()
    except Exception as error:  # noqa: BLE001 - the student's exception, whatever it is
        raised = getattr(error, "exc_type", None)
        if raised is None:
            if type(error).__module__.startswith("autograder."):
                raise  # the grader's report of a timeout, a crash, a missing name
            raised = type(error).__name__
        if raised == exception:
            return
        if raised == "NotImplementedError":
            raise
        detail = getattr(error, "message", None) if hasattr(error, "exc_type") else str(error)
        shown = f" ({_clip(str(detail), 200)})" if detail else ""
        raise CheckFailed(f"{what} raised {raised}{shown}; it must raise {exception}{because}") from None
    message = f"{what} returned {describe(got)} instead of raising {exception}{because}"
    matched = next((mistake for mistake in mistakes if mistake.matches(got)), None)
    raise CheckFailed(message, mistake=matched)


# ----------------------------------------------------------------------------- what a call did besides
MODIFIES_ARGUMENT, RAISES_WARNING = "modifies-argument", "raises-warning"


def expect_unchanged(effects, *, what: str = "") -> None:
    """After a call into the student's code (`student.last_call`, the effects the worker saw): no
    argument was changed in place. A contract's "must not be modified" is graded with it."""
    changed = getattr(effects, "changed", ()) if effects is not None else ()
    if not changed:
        return
    function = effects.function
    names = ", ".join(f"`{name}`" for name in changed)
    mistake = Mistake(f"`{function}` changed its argument {names} in place: the caller's data must stay as it "
                      "was (work on a copy, e.g. `x = np.array(x, dtype=float)`, or build a new array)",
                      lambda _: True, id=MODIFIES_ARGUMENT)
    raise CheckFailed(f"{what or function + '(...)'} modified {names}", mistake=mistake)


def expect_no_warnings(effects, *, category: str = "", what: str = "", why: str = "") -> None:
    """After a call into the student's code (`student.last_call`): it raised no warning (of `category`,
    e.g. "RuntimeWarning" for numpy's overflow and invalid-value warnings, when given)."""
    raised = [w for w in (getattr(effects, "warnings", ()) if effects is not None else ())
              if not category or w[0] == category]
    if not raised:
        return
    function = effects.function
    kind, message = raised[0]
    mistake = Mistake(f"`{function}` raised a {kind} (\"{_clip(message, 120)}\")" + (f": {why}" if why else ""),
                      lambda _: True, id=RAISES_WARNING)
    raise CheckFailed(f"{what or function + '(...)'} warned {len(raised)} time(s)", mistake=mistake)
