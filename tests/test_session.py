"""The worker session: cells and calls, time limits, crashes, restart and replay."""

from dataclasses import replace

import numpy as np
import pytest

from autograder.config import Limits
from autograder.errors import MissingName, SkippedCell, StudentCodeError, StudentTimeout, WorkerCrashed
from autograder.sandbox.isolation import resolve_mode
from autograder.sandbox.worker_session import WorkerSession
from autograder.sandbox.values import remote_function

LIMITS = replace(Limits(), call_seconds=2.0, submission_seconds=30.0)


def double(x):
    return 2 * x


@pytest.fixture
def session():
    with WorkerSession(resolve_mode("auto"), LIMITS) as opened:
        yield opened


def test_calls_return_plain_data_and_errors_carry_their_type(session):
    outcomes = session.run_notebook([(0, "import numpy as np\ndef f(x):\n    return np.asarray(x) * 2"),
                                     (1, "def g():\n    raise NotImplementedError()")])
    assert [o.status for o in outcomes] == ["ok", "ok"]
    assert np.array_equal(session.request("call", "f", ([1, 2],)), [2, 4])
    with pytest.raises(StudentCodeError, match="g is not implemented yet"):
        session.request("call", "g")
    with pytest.raises(MissingName, match="does not define h"):
        session.request("call", "h")


def test_functions_are_passed_by_source(session):
    session.run_notebook([(0, "def apply(f, x):\n    return f(x)")])
    assert session.request("call", "apply", (remote_function(double), 21)) == 42


def test_a_hanging_cell_is_skipped_and_later_cells_still_run(session):
    outcomes = session.run_notebook([(0, "x = 1"), (1, "while True:\n    pass"), (2, "y = x + 1")])
    assert [o.status for o in outcomes] == ["ok", "timeout", "ok"]
    assert f"within {LIMITS.call_seconds:g} s" in outcomes[1].message
    assert session.request("get", "y") == 2


def test_a_hanging_call_times_out_once_and_then_fails_fast(session):
    session.run_notebook([(0, "def spin():\n    while True:\n        pass\ndef ok():\n    return 'ok'")])
    with pytest.raises(StudentTimeout):
        session.request("call", "spin")
    assert not session.running  # the hanging worker was ended
    with pytest.raises(StudentTimeout):
        session.request("call", "spin")
    assert not session.running  # answered at once: no worker was started to run it again
    assert session.request("call", "ok") == "ok"  # a fresh worker replayed the notebook
    assert session.running


def test_a_worker_that_exits_is_a_crash_and_grading_goes_on(session):
    session.run_notebook([(0, "import os\ndef die():\n    os._exit(3)\ndef ok():\n    return 1")])
    with pytest.raises(WorkerCrashed, match="exited with status 3"):
        session.request("call", "die")
    assert session.request("call", "ok") == 1


def test_system_exit_and_keyboard_interrupt_are_ordinary_student_errors(session):
    session.run_notebook([(0, "import sys\ndef leave():\n    sys.exit(0)\ndef stop():\n    raise KeyboardInterrupt")])
    with pytest.raises(StudentCodeError, match="SystemExit"):
        session.request("call", "leave")
    with pytest.raises(StudentCodeError, match="KeyboardInterrupt"):
        session.request("call", "stop")


def test_printing_does_not_disturb_the_protocol(session):
    session.run_notebook([(0, "import os\ndef noisy():\n    print('x' * 100000)\n    os.write(1, b'garbage')\n    return 5")])
    assert session.request("call", "noisy") == 5


def test_a_call_reports_the_arguments_it_changed_in_place_and_its_warnings(session):
    session.run_notebook([(0, "import numpy as np\n"
                              "def shift(x, y=None):\n    x -= x.max()\n    return x\n"
                              "def pure(x):\n    return x - x.max()\n"
                              "def grow(values, extra):\n    values.append(extra)\n    return len(values)\n"
                              "def overflow(x):\n    return np.exp(x)\n")])
    x = np.array([1.0, 2.0])
    assert session.request("call", "shift", (x,)).tolist() == [-1.0, 0.0]
    assert session.last_call.changed == ("x",) and x.tolist() == [1.0, 2.0]  # the grader's copy is untouched
    session.request("call", "pure", (x,))
    assert session.last_call.changed == () and session.last_call.warnings == ()
    session.request("call", "grow", ([1, 2],), {"extra": 3})
    assert session.last_call.changed == ("values",)
    assert session.request("call", "overflow", (np.array([1000.0]),)).tolist() == [float("inf")]
    assert session.last_call.warnings == (("RuntimeWarning", "overflow encountered in exp"),)


def test_a_name_defined_in_a_hanging_cell_is_reported_as_that_cell_not_as_missing(session):
    session.cell_labels = {4: "code cell 2, which starts `def plot(history):`"}
    session.run_notebook([(1, "x = 1"), (4, "def plot(history):\n    return 1\nwhile True:\n    pass")])
    with pytest.raises(SkippedCell) as raised:
        session.request("call", "plot", ([1.0],))
    assert raised.value.kind == "timed_out"
    assert str(raised.value).startswith("plot is defined in code cell 2, which starts `def plot(history):`, which "
                                        f"did not finish within {LIMITS.call_seconds:g} s")
    with pytest.raises(MissingName):
        session.request("call", "nowhere")
