"""What the sinks share (they never import each other): the wording of a result from its fields,
the isolation sentence, the Jinja2 environment and stylesheet of the HTML pages, atomic writes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..report import DID_NOT_RUN, GRADER_FAULT, KIND_LABELS, PASSED, WRONG_VALUE, Report, TestResult

TEMPLATES = Path(__file__).resolve().parent / "templates"
HIDDEN_CHECK = "a hidden check"
HIDDEN_DETAIL = "The details of hidden checks are not shown."


def student_message(result: TestResult, detail: str = "full") -> str:
    """The whole explanation of a result in one text, for the student (Gradescope's output)."""
    headline, rest = explanation(result, detail)
    return f"{headline}. {rest}" if rest else headline


def isolation_line(report: Report) -> str:
    if report.isolation == "bwrap":
        return "Your code ran in an isolated sandbox (bubblewrap)."
    return ("Your code ran in a separate process with resource limits (weaker mode: bubblewrap is not "
            "available on this grading machine).")


def explanation(result: TestResult, detail: str = "full") -> tuple[str, str]:
    """(headline, detail) of a result, from its fields: the named mistake leads, the comparison
    follows; code that did not run is its message; a hidden check shows nothing. `detail`
    "explain" leaves the expected value out of the comparison (config.feedback_detail)."""
    if result.kind == PASSED:
        return "", ""
    if result.visibility == "hidden":
        return HIDDEN_DETAIL, ""
    if result.kind == WRONG_VALUE:
        compared = ""
        if result.comparison is not None:
            compared = result.comparison.explained if detail == "explain" else result.comparison.text
        if result.mistake is not None:
            return result.mistake.text, compared
        return (compared or ("this check failed" if detail == "explain" else result.message) or "this check failed"), ""
    if result.mistake is not None:  # an exception that a known mistake explains (compare.naming_raised)
        return result.mistake.text, result.message
    return result.message or KIND_LABELS.get(result.kind, result.kind), ""


def what_was_checked(result: TestResult) -> str:
    if result.visibility == "hidden":
        return HIDDEN_CHECK
    return result.description or result.name.replace("_", " ")


def did_not_run(result: TestResult) -> bool:
    return result.kind in DID_NOT_RUN


def is_grader_fault(result: TestResult) -> bool:
    return result.kind == GRADER_FAULT


@lru_cache(maxsize=1)
def environment():
    """Jinja2 with autoescaping for every template: student text is escaped once, there."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined)
    env.filters["num"] = lambda value: f"{float(value):g}"
    env.filters["pct"] = lambda value: f"{100 * float(value):.0f}%"
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The one stylesheet of both pages (our own file: included unescaped)."""
    return (TEMPLATES / "pages.css").read_text(encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    """Write a file atomically, replacing (never following) whatever link stood there."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    temporary.write_text(text, encoding="utf-8", errors="replace")  # (a lone surrogate cannot be UTF-8)
    temporary.replace(path)


# ----------------------------------------------------------------------------- CSV cells
# OWASP "CSV Injection": a cell that starts with one of these is read as a formula by Excel, LibreOffice
# or Google Sheets (=, +, -, @, tab, carriage return; line feed and the full-width forms as well, also
# after leading spaces, which some spreadsheets skip)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def csv_text(value) -> str:
    """A cell the grader did not produce (a name, an id or a section from the gradebook or Canvas's
    roster) as the CSV may hold it: one that a spreadsheet would run as a formula gets a leading `'`
    (OWASP), which Excel hides and which keeps the text as text. A plain number (Canvas's user id,
    a numeric SIS id) is left as it is, so Canvas still matches it; scores never come here."""
    text = "" if value is None else str(value)
    if text.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


# ----------------------------------------------------------------------------- text for a terminal
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_MAX_COMBINING = 2  # marks stacked on one character (more is "zalgo" text that spills over lines)


def _visible(char: str) -> str:
    """A character that a terminal would act on (a control or format character, a line or paragraph
    separator, a surrogate, a private or unassigned code point), as a visible escape."""
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _is_inert(char: str) -> bool:
    category = unicodedata.category(char)
    # C*: controls (C0, DEL, C1 incl. CSI/OSC), format (bidi overrides and isolates, zero-width
    # characters, soft hyphen), surrogates, private use, unassigned; Zl/Zp: U+2028, U+2029
    return not (category[0] == "C" or category in ("Zl", "Zp"))


def printable(text, limit: int = 200) -> str:
    """Student-controlled text (an exception's message, a note, a student id, a file or problem name)
    made safe for the staff's terminal: ordinary printable Unicode is kept; every control or format
    character (newline, carriage return, escape and so every ANSI/OSC sequence, backspace, bidi
    overrides, zero-width characters, line separators) is shown as a visible escape such as `\\n` or
    `\\x1b`, so the text is always one line that cannot move the cursor, recolour, clear or retitle
    the screen, or reorder what follows; runs of combining marks are cut to two; at most `limit`
    characters (then "...")."""
    text = text if isinstance(text, str) else str(text)
    limit = max(int(limit), 4)
    pieces, length, marks = [], 0, 0
    for char in text:
        if _is_inert(char):
            if unicodedata.category(char) in ("Mn", "Me"):
                marks += 1
                if marks > _MAX_COMBINING:
                    continue
            else:
                marks = 0
            piece = char
        else:
            piece, marks = _visible(char), 0
        if length + len(piece) > limit:
            return _cut(pieces, length, limit)
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces)


def _cut(pieces: list[str], length: int, limit: int) -> str:
    """The pieces cut at a whole piece (never inside an escape) to leave room for '...'."""
    while pieces and length + 3 > limit:
        length -= len(pieces.pop())
    return "".join(pieces) + "..."
