"""The class report of an assignment (score histogram, pass rate per test, most common named mistakes,
tests nobody passed, per-problem averages) built from really graded notebooks; `grade-all` writes it;
the report and the feedback pages open in a real headless browser with every image loaded and no
hidden test code in their text."""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import matplotlib.image
import pytest

from autograder.config import GradingConfig, Limits, tool_environment
from autograder.report import PASSED
from autograder.suite.run import grade
from autograder.scenarios import Scenario, build_submission, load_scenarios
from autograder.sinks.class_report import (code_that_did_not_run, common_mistakes, per_test_rows, problem_rows,
                                           render, write_class_report)

from conftest import ROOT, make_course
from test_assignments import hidden_code_lines

ASSIGNMENT = "gradient_descent"
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ITERATES = "plot_shows_the_iterates"
SIGN = "derivative_sign_error"


def scenario(name: str) -> Scenario:
    return next(s for s in load_scenarios(ASSIGNMENT) if s.name == name)


CLASS = {"ada": Scenario("perfect", ""), "bo": Scenario("stub", "", base="release"),
         "cy": scenario(ITERATES), "di": scenario(SIGN)}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    config = GradingConfig(limits=replace(Limits(), call_seconds=5.0, submission_seconds=90.0))
    folder = tmp_path_factory.mktemp("class")
    graded = {}
    for student, chosen in CLASS.items():
        path = folder / f"{student}.ipynb"
        path.write_text(json.dumps(build_submission(ASSIGNMENT, chosen)))
        graded[student] = grade(path, ASSIGNMENT, config)
    return graded


def images(html: str) -> list[bytes]:
    return [base64.b64decode(data) for data in re.findall(r"src='data:image/png;base64,([^']+)'", html)]


def section(html: str, anchor: str) -> str:
    start = html.index(f"id='{anchor}'")
    end = html.find("<h2", start)
    return html[start: end if end != -1 else len(html)]


# ----------------------------------------------------------------------------- content
def test_the_report_has_its_plots_and_tables(reports):
    html = render(list(reports.items()))
    assert "<title>Class report: gradient_descent</title>" in html
    for anchor in ("distribution", "problems", "mistakes", "did-not-run", "nobody", "pass-rates", "students"):
        assert f"id='{anchor}'" in html
    pictures = images(html)
    assert len(pictures) == 2  # the score histogram and the pass rate chart
    for png in pictures:
        pixels = matplotlib.image.imread(io.BytesIO(png), format="png")
        assert pixels.shape[0] > 200 and pixels.shape[1] > 400
    assert "<b>4</b>" in html  # submissions
    for student, report in reports.items():
        assert f"<td>{student}</td>" in section(html, "students")
        assert f"{report.score:g}/{report.max_score:g}" in section(html, "students")


def test_problem_averages_are_the_class_means(reports):
    rows = {row["problem"]: row for row in problem_rows(list(reports.items()))}
    assert list(rows) == list(reports["ada"].problem_points)  # notebook order
    for problem, row in rows.items():
        scores = [report.problems()[problem][0] for report in reports.values()]
        assert row["mean"] == pytest.approx(sum(scores) / len(scores))
        assert row["full"] == sum(1 for s in scores if s == row["max"])
        assert row["zero"] == sum(1 for s in scores if s == 0)
    assert rows["loss_plot"]["full"] == 2 and rows["loss_plot"]["zero"] == 1  # ada, di full; bo zero


def test_pass_rates_count_the_students_who_passed_each_test(reports):
    rows = per_test_rows(list(reports.items()))
    assert len(rows) == len(reports["ada"].results)
    for row in rows:
        passed = sum(1 for report in reports.values() for r in report.results
                     if r.name == row["name"] and r.status == PASSED)
        assert (row["passed"], row["graded"]) == (passed, 4)
    problems = [row["problem"] for row in rows]
    assert problems == sorted(problems, key=list(reports["ada"].problem_points).index)


def test_a_mistake_made_by_two_students_tops_the_list_by_its_first_sentence(reports):
    two = [("cy", reports["cy"]), ("cy2", reports["cy"]), ("di", reports["di"])]
    mistakes = common_mistakes(two)
    top = mistakes[0]
    assert top["mistake"].startswith("plot_history: the curve shows the iterates x, not the loss")
    assert top["students"] == {"cy", "cy2"}
    assert any(m["mistake"].startswith("the derivative") or "sign" in m["mistake"] for m in mistakes), \
        [m["mistake"] for m in mistakes]
    # a bare comparison ("... expected X, got Y") is not a named mistake
    assert not any(re.search(r"\bexpected\b.*\bgot\b", m["mistake"]) for m in mistakes)
    html = render(two)
    mistakes_html = section(html, "mistakes")
    assert "plot_history: the curve shows the iterates x, not the loss" in mistakes_html
    assert "<td class='num'>2</td>" in mistakes_html


def test_code_that_did_not_run_is_its_own_table_not_a_mistake(reports):
    everyone = list(reports.items())
    stuck = code_that_did_not_run(everyone)
    assert [g["mistake"] for g in stuck] == ["not implemented yet (raises NotImplementedError)"]
    assert stuck[0]["students"] == {"bo"} and {"df", "plot_history", "gradient_descent"} <= set(stuck[0]["details"])
    assert not any("not implemented" in m["mistake"] for m in common_mistakes(everyone))
    table = section(render(everyone), "did-not-run")
    assert "not implemented yet (raises NotImplementedError)" in table and "plot_history" in table


def test_tests_nobody_passed_are_listed_with_their_most_common_failure(reports):
    everyone = render(list(reports.items()))
    assert "Every test was passed by at least one student." in section(everyone, "nobody")
    struggling = [("bo", reports["bo"]), ("cy", reports["cy"])]
    nobody = section(render(struggling), "nobody")
    failed_by_both = {r.name for r in reports["cy"].results if r.status != PASSED}
    assert failed_by_both
    for name in failed_by_both:
        assert f": {name}</code>" in nobody
    passed_by_cy = [r.name for r in reports["cy"].results if r.status == PASSED]
    assert not any(f": {name}</code>" in nobody for name in passed_by_cy)
    assert ("the curve shows the iterates x" in nobody) != ("not implemented yet (raises NotImplementedError)" in nobody)


def test_the_report_contains_no_hidden_test_code(reports):
    html = render(list(reports.items()))
    leaked = [line for line in hidden_code_lines(ASSIGNMENT) if line in html]
    assert not leaked, leaked[:5]


def test_an_empty_class_and_a_grader_fault_still_make_a_page(tmp_path, reports):
    path = write_class_report([], tmp_path / "empty.html", ASSIGNMENT)
    assert "No submissions." in path.read_text()
    faulty = replace(reports["bo"], grader_fault="RuntimeError: boom")
    html = render([("bo", faulty), ("ada", reports["ada"])])
    assert "The grader had a problem with 1 submission(s): bo" in html


# ----------------------------------------------------------------------------- grade-all and the browser
@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder, the assignment released, two collected submissions, graded by grade-all."""
    root = make_course(tmp_path_factory.mktemp("course"), ASSIGNMENT,
                       {student: build_submission(ASSIGNMENT, CLASS[student]) for student in ("cy", "di")})
    graded = subprocess.run([str(BIN / "autograder"), "grade-all", ASSIGNMENT, "--course-root", str(root),
                             "--jobs", "2", "--quiet", "--call-seconds", "5"], cwd=root,
                            env=tool_environment(), capture_output=True, text=True, timeout=300)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    return root, graded.stdout


def test_grade_all_writes_the_class_report_and_prints_its_path(course):
    root, stdout = course
    path = root / "reports" / f"{ASSIGNMENT}.html"
    assert f"class report: {path}" in stdout
    html = path.read_text()
    assert "<title>Class report: gradient_descent</title>" in html and len(images(html)) == 2
    for student in ("cy", "di"):
        assert f"<td>{student}</td>" in html


def test_a_regrade_of_one_student_leaves_the_class_report_alone(course):
    from autograder.batch import grade_all

    root, _ = course
    path = root / "reports" / f"{ASSIGNMENT}.html"
    before = path.read_text()
    printed = []
    config = GradingConfig(root=ROOT, limits=replace(Limits(), call_seconds=5.0))
    status, graded = grade_all(ASSIGNMENT, config, root, jobs=1, quiet=True, only={"cy"}, out=printed.append)
    assert status == 0 and [entry.student for entry in graded] == ["cy"]
    assert not any("class report" in line for line in printed)
    assert path.read_text() == before


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make browser` as root) "
                    "to open the pages in a real browser")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    return page, errors


def check_page(page, errors, assignment: str, screenshot: Path) -> dict:
    sizes = page.evaluate("Array.from(document.images).map(i => [i.naturalWidth, i.naturalHeight])")
    assert sizes and all(width > 0 and height > 0 for width, height in sizes), sizes
    text = page.inner_text("body")
    leaked = [line for line in hidden_code_lines(assignment) if line in text]
    assert not leaked, leaked[:5]
    assert not errors, errors
    page.screenshot(path=str(screenshot), full_page=True)
    shot = matplotlib.image.imread(str(screenshot))
    assert shot.shape[1] >= 1000 and shot.shape[0] > 1000
    return {"title": page.title(), "headings": page.eval_on_selector_all("h1, h2", "els => els.map(e => e.innerText)"),
            "images": len(sizes), "text": text}


def test_the_class_report_renders_in_a_real_browser(browser, course, tmp_path):
    root, _ = course
    page, errors = open_page(browser, root / "reports" / f"{ASSIGNMENT}.html")
    seen = check_page(page, errors, ASSIGNMENT, tmp_path / "class_report.png")
    assert seen["title"] == "Class report: gradient_descent"
    assert seen["headings"][:1] == ["Class report: gradient_descent"]
    for heading in ("Score distribution", "Problems", "Most common mistakes", "Tests nobody passed",
                    "Pass rate per test", "Students"):
        assert heading in seen["headings"]
    assert seen["images"] == 2
    assert "the curve shows the iterates x, not the loss" in seen["text"]


def test_the_feedback_with_plots_renders_in_a_real_browser(browser, course, tmp_path):
    root, _ = course
    page, errors = open_page(browser, root / "feedback" / "cy" / ASSIGNMENT / f"{ASSIGNMENT}.html")
    seen = check_page(page, errors, ASSIGNMENT, tmp_path / "feedback.png")
    assert seen["title"] == "Feedback: gradient_descent (cy)"
    assert "loss_plot\n1/5" in seen["text"] or "loss_plot 1/5" in seen["text"].replace("\n", " ")
    assert seen["text"].count("Your plot") >= 3 and seen["text"].count("Expected\n") >= 3
    assert seen["images"] >= 6
    # the side-by-side pictures sit next to each other at this width
    boxes = page.eval_on_selector_all(".side img", "els => els.map(e => e.getBoundingClientRect().top)")
    assert boxes[0] == boxes[1]


def test_the_feedback_page_styles_apply_in_a_real_browser(browser, course, tmp_path):
    """The stylesheet reaches the browser intact (not escaped): score bars are filled in colour."""
    root, _ = course
    page, errors = open_page(browser, root / "feedback" / "cy" / ASSIGNMENT / f"{ASSIGNMENT}.html")
    fills = page.eval_on_selector_all(
        ".bar > span", "els => els.map(e => [getComputedStyle(e).backgroundColor, e.getBoundingClientRect().width])")
    assert fills and not errors
    colours = {colour for colour, _ in fills}
    assert "rgba(0, 0, 0, 0)" not in colours, colours
    assert any(width > 0 for _, width in fills)
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Segoe UI" in family, family
