# generated from autograder/public_checks.py by autograder/release.py; do not edit
"""Students' public checks that nbgrader's Validate reads right: otter's `grader.check`, reported.

The notebook's locked cell `otter_setup` builds its checker as

    import otter
    from public_checks import PublicChecks

    grader = PublicChecks(otter.Notebook(tests_dir="tests"))

and every problem ends with a locked grade cell `grader.check("<problem>")`. otter's own `check`
returns its result, which Jupyter shows as the cell's value (an `execute_result`); nbgrader reads such
a value as a partial-credit number, cannot, and counts the cell as passed, so `nbgrader validate` said
"Success!" on an untouched notebook. `PublicChecks.check` runs otter's check unchanged (otter's
grading mode, `otter check`, `grader.check_all()` and the Classroom script record it as before),
displays otter's result, returns None and, when the check did not pass, writes one line to stderr:

    public check 'derivative' failed: NotImplementedError: not implemented yet -- f and df must ... [0/4 points]

A grade cell with output on stderr is a failed cell for nbgrader (nbgrader.utils.determine_grade), so
Validate now fails and names the problem. A check never raises: the rest of the notebook still runs.
Warnings raised while a check runs (an overflow in the student's code, say) are printed on stdout, so
that stderr means a failed check and nothing else.
Everything else (`check_all`, `export`, ...) is otter's Notebook itself.

This file runs on the students' side only (the grader never imports it). autograder/release.py
copies it beside each notebook as `public_checks.py`; edit autograder/public_checks.py, not a copy.
"""

from __future__ import annotations

import inspect
import sys
import warnings


class PublicChecks:
    """otter's Notebook whose `check` reports for nbgrader: shown, None returned, failures on stderr."""

    def __init__(self, notebook):
        self._notebook = notebook

    def check(self, question: str, global_env: dict | None = None) -> None:
        """Run otter's check of `question` against the caller's globals (the notebook's), show it,
        and write one line to stderr when it did not pass. Returns None; never raises."""
        if global_env is None:
            global_env = inspect.currentframe().f_back.f_globals
        try:
            with warnings.catch_warnings(record=True) as caught:  # shown below, on stdout: stderr means failed
                result = self._notebook.check(question, global_env)
        except Exception as error:  # a missing test file, a broken environment: say so, go on
            failed(question, f"the check could not run: {type(error).__name__}: {error}")
            return None
        show(result)
        for warning in caught:
            print(f"warning during the check (it does not fail it): {warning.category.__name__}: {warning.message}")
        if not result.passed_all:
            failed(question, f"{failures(result)} [{result.score:g}/{result.possible:g} points]")
        return None

    def __getattr__(self, name: str):
        # check_all, export, to_pdf ... : otter's own methods, called from the notebook as before
        return getattr(self._notebook, name)


def show(result) -> None:
    """Display otter's result as Jupyter shows a value (text and HTML), or print it outside IPython."""
    try:
        from IPython.display import display
    except ImportError:
        print(result)
    else:
        display(result)


def failures(result) -> str:
    """The failed test cases of an otter result, each as its error's last line (first, because
    Validate cuts long lines) and its failure message."""
    parts = []
    for case_result in result.test_case_results:
        if not case_result.passed:
            message = case_result.test_case.failure_message or case_result.test_case.name
            parts.append(f"{last_line(case_result.message)} -- {message}")
    return "; ".join(parts)


def last_line(text: str | None) -> str:
    """The exception line of otter's report of a failed case ("CheckFailed: ...", "NotImplementedError")."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    line = lines[-1].rstrip(":") if lines else "failed"
    if line == "NotImplementedError":
        return "NotImplementedError: not implemented yet"
    return line.removeprefix("CheckFailed: ")


def failed(question: str, reason: str) -> None:
    """One line on stderr, which makes nbgrader count the grade cell as failed."""
    sys.stderr.write(" ".join(f"public check {question!r} failed: {reason}".split()) + "\n")
    sys.stderr.flush()
