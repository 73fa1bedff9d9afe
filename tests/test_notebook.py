import json

import pytest

from autograder.errors import NotebookUnusable
from autograder.notebook import parse_notebook

from conftest import code_notebook


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"this is not json", "not valid notebook JSON"),
    (json.dumps(code_notebook("x = 1"))[:40].encode(), "truncated"),
    (b"\xff\xfe\x00binary", "not UTF-8"),
    (b"[1, 2]", "not a notebook"),
    (json.dumps({"nbformat": 3, "worksheets": []}).encode(), "nbformat 3 is not supported"),
    (json.dumps({"nbformat": 4, "metadata": {}}).encode(), "no list of cells"),
    (json.dumps(code_notebook("x", metadata={"kernelspec": {"language": "R"}})).encode(), "not Python"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}).encode(), "neither text"),
])
def test_malformed_notebooks_name_their_problem(raw, reason):
    with pytest.raises(NotebookUnusable, match=reason):
        parse_notebook(raw)


def test_sources_as_strings_or_lists_and_grade_cells_are_not_run():
    notebook = code_notebook("a = 1", "b = 2", "assert a == 1")
    notebook["cells"][1]["source"] = ["b = ", "2\n"]
    notebook["cells"][2]["metadata"] = {"nbgrader": {"grade": True, "solution": False, "grade_id": "a", "points": 1}}
    parsed = parse_notebook(json.dumps(notebook).encode())
    assert parsed.code_to_run() == [(0, "a = 1"), (1, "b = 2\n")]
    assert parsed.grade_ids() == {"a"}
