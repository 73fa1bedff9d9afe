"""One student cannot lower a classmate's score: a submission that starts many busy processes gets the
same share of the machine as an honest one graded beside it (each grading process's cgroup has the
same CPU weight), so the honest one's time limits hold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.config import tool_environment
from autograder.sandbox import cgroups
from autograder.scenarios import Scenario, build_submission

from conftest import make_course

ASSIGNMENT = "two_layer_network"
BIN = Path(sys.executable).parent

# a correct student whose relu is slow: each call burns 0.12 s of CPU (far under the 2 s limit on a fair
# share of a core; about 30 times longer if 60 busy processes shared the cores with it)
SLOW_BUT_CORRECT = '''
import time as _time

def _burn(seconds=0.12):
    end = _time.process_time() + seconds
    while _time.process_time() < end:
        pass

_relu = relu

def relu(z):
    _burn()
    return _relu(z)
'''

# 60 processes that spin until the worker is ended, each in a session of its own, started when the
# notebook runs, and functions that take as long as the honest ones (so that the hog is still being
# graded while its classmate is)
HOG = '''
import os, time as _time
for _ in range(60):
    try:
        if os.fork() == 0:
            os.setsid()  # a session of its own: the kernel's per-session fairness (autogroup) no longer helps
            _time.sleep(1.0)  # the notebook's cell ends first; then the spinning starts
            while True:
                pass
    except OSError:
        break

_relu = relu

def relu(z):
    _time.sleep(0.12)
    return _relu(z)
'''


def with_cell(notebook: dict, source: str) -> dict:
    extra = {"cell_type": "code", "id": "extra", "metadata": {}, "outputs": [], "execution_count": None,
             "source": source}
    return {**notebook, "cells": notebook["cells"] + [extra]}


@pytest.mark.skipif(not cgroups.version(), reason="cgroups cannot be created here (not root, or no cpu/memory/pids "
                                                   "controllers): CPU shares are not separated (README, threat model)")
def test_a_submission_full_of_busy_processes_does_not_slow_its_classmate_past_the_limit(tmp_path):
    solved = build_submission(ASSIGNMENT, Scenario("perfect", "", base="solved"))
    course = make_course(tmp_path / "course", ASSIGNMENT,
                         {"honest": with_cell(solved, SLOW_BUT_CORRECT), "hog": with_cell(solved, HOG)})
    done = subprocess.run([str(BIN / "autograder"), "grade-all", ASSIGNMENT, "--jobs", "2", "--quiet",
                           "--call-seconds", "2", "--submission-seconds", "120"], cwd=course,
                          env=tool_environment(), capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stdout + done.stderr
    honest = json.loads((course / "autograded" / "honest" / ASSIGNMENT / "results.json").read_text())
    assert honest["score"] == 28, [t["output"] for t in honest["tests"] if t["score"] < t["max_score"]]
