"""formgrader, served by a real Jupyter server from a course folder, grades with the hidden suites.

A course folder (two_layer_network released, three collected submissions: perfect, stub, wrong) is
served by `jupyter server` with nbgrader's formgrader extension, under the course's own
nbgrader_config.py. In a headless chromium, logged in with the server's token, the tests press
formgrader's buttons as an instructor does: "Autograde" of each submission on the Manage Submissions
page, a score and a comment typed into the manual grading page, "Generate Feedback" on the Manage
Assignments page. Then:
- the manual grading page shows, for every grade cell, the score the gradebook holds, which is the
  problem's score of `autograder grade` (full marks for the perfect notebook, 0 for the stub);
- it shows the lost points under the grade cells and no line of hidden test code;
- a score typed in formgrader is stored in gradebook.db and reaches the generated feedback page,
  which is the project's page.
A screenshot of the wrong student's manual grading page is left in the tmp folder (its path printed).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from autograder.config import tool_environment
from autograder.scenarios import load_scenarios

from conftest import collected_class
from test_assignments import hidden_code_lines
from test_class_report import CHROMIUM, CHROMIUM_ARGS

ASSIGNMENT = "two_layer_network"
STUDENTS = ("perfect", "stub", "wrong")
BIN = Path(sys.executable).parent
TOKEN = "formgrader-test-token"
TA_COMMENT = "Read the docstring again: a local generator, rng = np.random.default_rng(seed)."
MANUAL_SCORE = 4.5
WAIT_MS = 20_000  # any single wait in the browser
GRADE_WAIT_MS = 90_000  # one press of Autograde or Generate Feedback (the server grades while we wait)
# Only formgrader: no JupyterLab, notebook or terminals (a quicker start, and nothing else answers).
SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader": True,
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.validate_assignment": False,
    "jupyterlab": False, "jupyterlab_jupytext": False, "jupyter_lsp": False, "notebook": False,
    "notebook_shim": False, "jupyter_server_terminals": False,
}


def wrong_scenario():
    """The scenario conftest.collected_class gives the student 'wrong'."""
    return next(s for s in load_scenarios(ASSIGNMENT) if not s.full_marks)


# ----------------------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (also those that started their own session)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop_server(process: subprocess.Popen) -> list[int]:
    """SIGTERM to the server's process group, SIGKILL if it lingers; returns what had to be killed."""
    below = descendants(process.pid)
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    killed = []
    deadline = time.monotonic() + 5
    for pid in sorted(below):
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):
            killed.append(pid)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # anything left in the group
    except ProcessLookupError:
        pass
    return killed


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    request = urllib.request.Request(f"{url}/formgrader/api/status", headers={"Authorization": f"token {TOKEN}"})
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"jupyter server exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(request, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    pytest.fail(f"jupyter server did not answer within {seconds:g} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make browser` as root) "
                    "to drive formgrader in a real browser")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def formgrader(browser, tmp_path_factory):
    """A course folder served by `jupyter server` with formgrader, and a browser context logged in."""
    started = time.monotonic()
    base = tmp_path_factory.mktemp("formgrader")
    course = base / "course"
    course.mkdir()
    collected_class(course, ASSIGNMENT)
    exchange = base / "exchange"  # the course's default, /srv/nbgrader/exchange, may not exist here
    exchange.mkdir()
    exchange.chmod(0o777)
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    jupyter = {name: base / "jupyter" / name for name in ("config", "runtime", "data")}
    for folder in jupyter.values():
        folder.mkdir(parents=True)
    (jupyter["config"] / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": SERVER_EXTENSIONS}}))
    env = tool_environment() | {"JUPYTER_CONFIG_DIR": str(jupyter["config"]),
                                "JUPYTER_RUNTIME_DIR": str(jupyter["runtime"]),
                                "JUPYTER_DATA_DIR": str(jupyter["data"])}
    env.pop("JUPYTER_TOKEN", None)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = base / "jupyter_server.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [str(BIN / "jupyter-server"), "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}", "--ServerApp.open_browser=False",
             f"--ServerApp.root_dir={course}", "--allow-root"],
            cwd=course, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
    context = None
    try:
        wait_until_up(url, process, log)
        up = time.monotonic()
        context = browser.new_context(viewport={"width": 1200, "height": 1400})
        context.set_default_timeout(WAIT_MS)
        # no network here: formgrader's pages ask a CDN for MathJax; refuse every other host at once
        context.route(lambda address: address.startswith("http") and not address.startswith(url + "/"),
                      lambda route: route.abort())
        page = context.new_page()
        page.goto(f"{url}/login?next={quote('/formgrader/manage_assignments')}")  # the token, as a person types it
        page.fill("#password_input", TOKEN)
        page.press("#password_input", "Enter")
        page.wait_for_url("**/formgrader/manage_assignments")
        page.close()
        yield SimpleNamespace(url=url, course=course, base=base, context=context, log=log,
                              timings={"course and server": up - started})
    finally:
        if context is not None:
            context.close()
        left = stop_server(process)
        assert not left, f"processes of the server still alive after it stopped (killed): {left}"


class Page:
    """A formgrader page and what went wrong while it ran (console errors, failed requests)."""

    def __init__(self, formgrader, path: str):
        self.formgrader = formgrader
        self.page = formgrader.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._error(str(error)))
        self.page.on("response", self._response)
        self.page.goto(formgrader.url + path)

    def _console(self, message) -> None:
        if message.type == "error":
            self._error(f"{message.text} ({message.location.get('url', '')})")

    def _error(self, text: str) -> None:
        if "MathJax" in text:  # the CDN is out of reach (routed away above): not formgrader's fault
            return
        if text.startswith("Failed to load resource") and self.formgrader.url not in text:
            return
        self.problems.append(text)

    def _response(self, response) -> None:
        if response.url.startswith(self.formgrader.url) and response.status >= 400:
            self.problems.append(f"{response.status} {response.request.method} {response.url}")

    def text(self) -> str:
        return self.page.inner_text("body")

    def close(self) -> None:
        self.page.close()
        assert not self.problems, self.problems


def close_modal(page, title: str = "Success") -> dict:
    """The modal formgrader opens after a button's request: its texts; then press its OK."""
    modal = page.locator(".modal.in")
    modal.wait_for(timeout=GRADE_WAIT_MS)
    shown = {"title": modal.locator(".modal-title").inner_text(),
             "message": modal.locator(".modal-body > div > p").first.inner_text(),
             "text": modal.inner_text()}
    modal.locator(".modal-footer button").click()
    modal.wait_for(state="detached")
    assert shown["title"] == title, shown["text"]
    return shown


def row(page, table_cell: str, value: str):
    return page.locator("#main-table tr", has=page.locator(f"td.{table_cell}", has_text=re.compile(f"^{value}$")))


@pytest.fixture(scope="module")
def autograded(formgrader) -> dict:
    """Each submission autograded by pressing its "Autograde" button on the Manage Submissions page."""
    started = time.monotonic()
    view = Page(formgrader, f"/formgrader/manage_submissions/{ASSIGNMENT}")
    page = view.page
    page.locator("#main-table td.autograde a").first.wait_for()
    before = {student: row(page, "student-id", student).locator("td.status").inner_text() for student in STUDENTS}
    modals = {}
    for student in STUDENTS:
        row(page, "student-id", student).locator("td.autograde a").click()
        modals[student] = close_modal(page)
    for student in STUDENTS:  # the table fetches each submission again after its modal
        row(page, "student-id", student).locator("td.score", has_text="/").wait_for()
    after = {student: {"status": row(page, "student-id", student).locator("td.status").inner_text(),
                       "score": row(page, "student-id", student).locator("td.score").inner_text()}
             for student in STUDENTS}
    view.close()
    formgrader.timings["Autograde x3"] = time.monotonic() - started
    return {"before": before, "modals": modals, "after": after}


def gradebook_grades(course: Path, student: str) -> dict[str, dict]:
    """problem -> the grade row of `student` (nbgrader's Gradebook API), and the submission's id."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        grades = {grade.cell.name: {"auto": grade.auto_score, "manual": grade.manual_score, "max": grade.max_score,
                                    "flagged": grade.needs_manual_grade} for grade in notebook.grades}
        comments = {comment.cell.name: comment.manual_comment for comment in notebook.comments}
        return {"id": notebook.id, "grades": grades, "comments": comments}


@pytest.fixture(scope="module")
def single(formgrader) -> dict[str, dict]:
    """`autograder grade` of each submitted notebook: problem -> score and the failed tests, from results.json."""
    runs = {}
    for student in STUDENTS:
        notebook = formgrader.course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        results = formgrader.base / f"single-{student}.json"
        runs[student] = (results, subprocess.Popen(
            [str(BIN / "autograder"), "grade", "--assignment", ASSIGNMENT, str(notebook), "--results", str(results),
             "--quiet"], env=tool_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    graded = {}
    for student, (results, process) in runs.items():
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
        scores: dict[str, float] = {}
        failed: dict[str, int] = {}
        for test in json.loads(results.read_text())["tests"]:
            problem = test["name"].split(":", 1)[0]
            scores[problem] = scores.get(problem, 0.0) + test["score"]
            failed[problem] = failed.get(problem, 0) + (test["score"] < test["max_score"])
        graded[student] = {"scores": scores, "failed": failed}
    return graded


def open_manual_grading(formgrader, student: str) -> tuple[Page, str]:
    """From Manage Submissions, the student's link, then the notebook's link: the manual grading page."""
    view = Page(formgrader, f"/formgrader/manage_submissions/{ASSIGNMENT}")
    page = view.page
    row(page, "student-id", student).locator("td.student-name a").click()
    page.wait_for_url(f"**/formgrader/manage_students/{student}/{ASSIGNMENT}")
    page.locator("#main-table td.name a").click()
    page.wait_for_url("**/formgrader/submissions/*/")
    page.wait_for_function("window.formgrader && formgrader.grades && formgrader.grades.loaded "
                           "&& formgrader.comments && formgrader.comments.loaded")
    submission_id = page.url.rstrip("/").rsplit("/", 1)[1]
    return view, submission_id


def shown_grades(page) -> dict[str, dict]:
    """Each grade cell's score input: the autograded score (its placeholder), the manual score (its
    value), the maximum written beside it, and the text of the cell's outputs."""
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('input.score')).map(input => {
        const cell = input.closest('.cell');
        const outputs = cell.querySelector('.output_wrapper');
        return [input.id, input.getAttribute('placeholder'), input.value,
                input.parentElement.textContent, outputs ? outputs.innerText : ''];
    })""")
    shown = {}
    for grade_id, placeholder, value, beside, outputs in cells:
        maximum = re.search(r"/\s*([0-9.]+)", beside)
        shown[grade_id] = {"auto": float(placeholder), "manual": float(value) if value else None,
                           "max": float(maximum.group(1)), "outputs": outputs}
    return shown


def no_hidden_code(text: str, course: Path | None = None, student: str | None = None) -> list[str]:
    """Lines of hidden test code in `text`, leaving out those the student's own notebook holds (a solved
    notebook may share a line such as `z = np.asarray(z, dtype=float)` with a helper of the suite)."""
    lines = hidden_code_lines(ASSIGNMENT)
    if student is not None:
        notebook = json.loads((course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
        own = "\n".join("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                         for cell in notebook["cells"])
        lines = {line for line in lines if line not in own}
    return [line for line in lines if line in text]


# ----------------------------------------------------------------------------- the tests
def test_autograde_buttons_grade_every_submission_with_the_hidden_suites(formgrader, autograded):
    assert set(autograded["before"].values()) == {"needs autograding"}
    for student, modal in autograded["modals"].items():
        assert modal["message"] == f"Successfully autograded '{ASSIGNMENT}' for student '{student}'.", modal
        assert f"graded {student}/{ASSIGNMENT} with the hidden suite" in modal["text"], modal["text"]
        assert "Traceback" not in modal["text"] and "grader fault" not in modal["text"], modal["text"]
        assert not no_hidden_code(modal["text"])
    for student in STUDENTS:
        grades = gradebook_grades(formgrader.course, student)["grades"]
        total = sum(g["auto"] for g in grades.values())
        maximum = sum(g["max"] for g in grades.values())
        assert autograded["after"][student] == {"status": "graded", "score": f"{total:g} / {maximum:g}"}, student
    print("timings:", {name: f"{seconds:.1f} s" for name, seconds in formgrader.timings.items()})


@pytest.mark.parametrize("student", STUDENTS)
def test_manual_grading_page_shows_the_score_autograder_grade_gives_each_problem(formgrader, autograded, single,
                                                                                 student):
    view, submission_id = open_manual_grading(formgrader, student)
    shown = shown_grades(view.page)
    recorded = gradebook_grades(formgrader.course, student)
    assert submission_id == recorded["id"]
    scores = single[student]["scores"]
    assert set(shown) == set(recorded["grades"]) == set(scores)
    for problem, cell in shown.items():
        grade = recorded["grades"][problem]
        assert cell["auto"] == pytest.approx(grade["auto"], abs=1e-9) == pytest.approx(scores[problem], abs=1e-9), \
            (student, problem, cell, grade, scores[problem])
        assert cell["max"] == grade["max"], (problem, cell, grade)
        first_line = cell["outputs"].strip().splitlines()[0]
        assert first_line == f"{problem}: {grade['auto']:g}/{grade['max']:g} points from the hidden tests", first_line
    if student == "perfect":
        assert all(cell["auto"] == cell["max"] for cell in shown.values()), shown
    elif student == "stub":
        assert all(cell["auto"] == 0 for cell in shown.values()), shown
    else:
        assert 0 < sum(cell["auto"] for cell in shown.values()) < sum(cell["max"] for cell in shown.values())
        assert all(shown[problem]["auto"] < shown[problem]["max"] for problem in wrong_scenario().loses)
    leaked = no_hidden_code(view.text(), formgrader.course, student)
    assert not leaked, leaked[:5]
    view.close()


def test_manual_grading_page_shows_the_lost_points_and_no_hidden_code(formgrader, autograded, single):
    view, _ = open_manual_grading(formgrader, "wrong")
    shown = shown_grades(view.page)
    failed = single["wrong"]["failed"]
    for problem, cell in shown.items():
        lost = [line for line in cell["outputs"].splitlines() if line.startswith("- ")]
        assert len(lost) == min(failed[problem], 30), (problem, failed[problem], cell["outputs"])
        assert all(" lost): " in line or "a hidden check" in line for line in lost), lost
    scenario = wrong_scenario()
    for problem in scenario.loses:
        assert re.search(scenario.message, " ".join(shown[problem]["outputs"].split())), shown[problem]["outputs"]
    text = view.text()
    leaked = no_hidden_code(text, formgrader.course, "wrong")  # the page, but for the student's own lines
    leaked += no_hidden_code("\n".join(cell["outputs"] for cell in shown.values()))  # what the grader wrote: none
    assert not leaked, leaked[:5]
    screenshot = formgrader.base / "formgrader_manual_grading_wrong.png"
    view.page.screenshot(path=str(screenshot), full_page=True)
    print(f"screenshot of the manual grading page: {screenshot}")
    view.close()


def test_a_score_typed_in_formgrader_is_stored_and_reaches_the_generated_feedback(formgrader, autograded):
    problem = wrong_scenario().loses[0]
    view, _ = open_manual_grading(formgrader, "wrong")
    page = view.page
    auto = gradebook_grades(formgrader.course, "wrong")["grades"][problem]["auto"]
    assert auto < MANUAL_SCORE
    score = page.locator(f"input.score#{problem}")
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT"
                              and r.ok) as saved:
        score.fill(f"{MANUAL_SCORE:g}")
        score.press("Tab")
    assert json.loads(saved.value.text())["manual_score"] == MANUAL_SCORE
    comment = page.locator(f"textarea#{problem}_code-comment")
    with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT"
                              and r.ok):
        comment.fill(TA_COMMENT)
        comment.press("Tab")
    recorded = gradebook_grades(formgrader.course, "wrong")
    stored = recorded["grades"][problem]
    assert (stored["auto"], stored["manual"], stored["flagged"]) == (auto, MANUAL_SCORE, False), stored
    assert recorded["comments"][f"{problem}_code"] == TA_COMMENT
    page.reload()
    page.wait_for_function("window.formgrader && formgrader.grades && formgrader.grades.loaded")
    assert shown_grades(page)[problem]["manual"] == MANUAL_SCORE  # the page shows what was stored
    view.close()

    started = time.monotonic()
    view = Page(formgrader, "/formgrader/manage_assignments")
    row(view.page, "name", ASSIGNMENT).locator("td.generate-feedback a").click()
    modal = close_modal(view.page)
    assert modal["message"] == f"Successfully generated feedback of '{ASSIGNMENT}'.", modal["text"]
    assert not no_hidden_code(modal["text"])
    view.close()
    formgrader.timings["Generate Feedback"] = time.monotonic() - started

    for student in STUDENTS:
        path = formgrader.course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
        html = path.read_text()
        assert "Hidden tests compared your functions" in html, student
        assert not no_hidden_code(html), student
    grades = gradebook_grades(formgrader.course, "wrong")["grades"]
    total = sum(g["manual"] if g["manual"] is not None else g["auto"] for g in grades.values())
    maximum = sum(g["max"] for g in grades.values())
    page = formgrader.context.new_page()
    page.goto((formgrader.course / "feedback" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.html").as_uri())
    text = " ".join(page.inner_text("body").split())
    page.close()
    assert f"Score: {total:g} / {maximum:g}" in text, text[:300]
    assert f"scored by the course staff (the hidden tests gave {auto:g})" in text
    assert TA_COMMENT in text
    print("timings:", {name: f"{seconds:.1f} s" for name, seconds in formgrader.timings.items()})


def test_the_server_logged_no_error(formgrader, autograded):
    log = formgrader.log.read_text()
    for student in STUDENTS:
        assert f"graded {student}/{ASSIGNMENT} with the hidden suite" in log
    errors = [line for line in log.splitlines() if line.startswith(("[E ", "[C ")) or "Traceback" in line]
    assert not errors, errors[:10]
