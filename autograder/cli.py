"""The `autograder` command.

    autograder grade --assignment A submission.ipynb [--results r.json] [--feedback f.html]
    autograder grade-all A [--jobs N] [--quiet] [--scheduler tcp://host:8786]   (at the course root)
    autograder export-gradescope A [--output DIR]   (the autograder zip for Gradescope)
    autograder canvas-roster roster.csv [--student-id sis_user_id|sis_login_id|canvas_id]
    autograder export --format canvas [--output FILE] [--assignment A ...] [--force]
    autograder similarity A [--course-root DIR] [--show N]   (pairs of alike submissions, for the staff)

Exit status: 0 when grading completed (whatever the score), 2 for a usage error, 3 for a fault of
the grader itself.
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import threading
from dataclasses import fields, replace
from pathlib import Path

from .config import (FEEDBACK_DETAILS, GradingConfig, Limits, default_jobs, feedback_detail, skip_slow_optional_imports,
                     tool_environment)
from .errors import GraderFault, UsageError

EXIT_OK, EXIT_USAGE, EXIT_GRADER_FAULT = 0, 2, 3


def add_limit_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("limits (defaults in autograder/config.py)")
    for limit in fields(Limits):
        flag = "--" + limit.name.replace("_", "-")
        group.add_argument(flag, type=type(limit.default), default=None, dest=limit.name,
                           help=f"default {limit.default}")
    parser.add_argument("--isolation", choices=("auto", "bwrap", "process"), default="auto",
                        help="bwrap: bubblewrap sandbox; process: weaker mode; auto: bwrap when it works")
    parser.add_argument("--root", type=Path, default=None,
                        help="the course root (holds tests/hidden and solutions); default: this checkout")
    parser.add_argument("--feedback-detail", choices=FEEDBACK_DETAILS, default="auto",
                        help="what students see of a wrong value: explain (never the expected value), full, or "
                             "auto (full once the due date in the gradebook has passed; explain without one)")


def config_from(args) -> GradingConfig:
    overrides = {f.name: getattr(args, f.name) for f in fields(Limits) if getattr(args, f.name) is not None}
    config = GradingConfig(limits=replace(Limits(), **overrides), isolation=args.isolation,
                           feedback_detail=args.feedback_detail)
    if args.root is not None:
        config = replace(config, root=args.root.resolve())
    salt = getattr(args, "salt", None)
    if salt:
        if not all(c in "0123456789abcdef" for c in salt.lower()) or len(salt) > 64:
            raise UsageError(f"--salt wants the hexadecimal salt of a report (results.json's extra_data), not {salt!r}")
        config = replace(config, salt=salt.lower())
    secret = os.environ.get("AUTOGRADER_SECRET", "").strip()
    if secret:
        try:
            config = replace(config, secret=bytes.fromhex(secret))
        except ValueError:
            raise UsageError("AUTOGRADER_SECRET must be hexadecimal (e.g. from `python -c \"import secrets; "
                             "print(secrets.token_hex(32))\"`)") from None
    return config


def command_grade(args) -> int:
    config = config_from(args)
    prestart_sandbox(config, args.assignment)
    from .engine import grade_file
    from .sinks.feedback_html import write_feedback
    from .sinks.results_json import write_results
    from .sinks.terminal import summary

    if not args.submission.exists():
        raise UsageError(f"no such file: {args.submission}")
    report = grade_file(args.submission, args.assignment, config)
    detail = feedback_detail(config.feedback_detail)
    if args.results:
        write_results(report, args.results, detail)
    if args.feedback:
        write_feedback(report, args.feedback, detail=detail)
    if not args.quiet:
        print(summary(report))
    return EXIT_GRADER_FAULT if report.grader_fault else EXIT_OK


def prestart_sandbox(config: GradingConfig, assignment: str) -> None:
    """Start the sandbox's Python (numpy, matplotlib) while this process imports pytest and the rest.

    When the assignment's reference draws plots, pyplot (for the expected plots and the feedback's
    images) is imported in a thread: it runs while the main thread waits for the sandbox. Without
    plots it would only compete with the main thread (a plot that turns up anyway is drawn after
    importing pyplot then).
    """
    from .sandbox.zygote_handle import launcher_for
    from .sandbox.isolation import resolve_mode

    try:
        launcher_for(resolve_mode(config.isolation)).prestart()
    except (OSError, RuntimeError):
        pass  # grading starts it again and reports what fails
    if reference_draws_plots(config, assignment):
        # modules that other modules look up in sys.modules without importing them (dataclasses looks for
        # `typing`) must be whole before a second thread imports: a half-imported one breaks the lookup
        import typing  # noqa: F401

        threading.Thread(target=_import_pyplot, daemon=True).start()


def reference_draws_plots(config: GradingConfig, assignment: str) -> bool:
    try:
        return "matplotlib" in (config.solutions_dir / f"{assignment}.py").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def _import_pyplot() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401


def command_grade_all(args) -> int:
    from .batch import grade_all

    status, _ = grade_all(args.assignment, config_from(args), course_root=args.course_root.resolve(),
                          jobs=args.jobs, quiet=args.quiet, only=args.student, scheduler=args.scheduler,
                          regrade=args.regrade, dry_run=args.dry_run, reason=args.reason or "")
    return status


def command_regrades(args) -> int:
    from .regrades import change_lines, read_history, read_runs, suite_text

    course_root = args.course_root.resolve()
    runs = read_runs(course_root, args.assignment)
    if args.student:
        history = read_history(course_root, args.assignment, args.student)
        if not history:
            print(f"no recorded grading of {args.student} for {args.assignment}")
        for line in history:
            problems = ", ".join(f"{p} {v:g}" for p, v in line.get("problems", {}).items())
            print(f"{line.get('when', '?')}  {line.get('command', '?')}: {line.get('score', 0):g}/"
                  f"{line.get('max_score', 0):g} (late -{line.get('late_penalty', 0):g})  [{problems}]  "
                  f"commit {str(line.get('commit') or '-')[:12]}, suite {line.get('suite') or '-'}")
        runs = [run for run in runs if any(c.student == args.student for c in run.changes)]
    if not runs and not args.student:
        print(f"no regrade or changed score recorded for {args.assignment}")
    for run in runs:
        header = run.header
        print(f"{header.get('when', '?')}  {header.get('command', '?')}: {len(run.changes)} score(s) changed; "
              f"{suite_text(header.get('suite', {}))}" + (f"; reason: {header['reason']}" if header.get("reason") else ""))
        for change in run.changes:
            if not args.student or change.student == args.student:
                print("\n".join(change_lines(change)))
    return EXIT_OK


def command_export_gradescope(args) -> int:
    from .gradescope import build_zip

    config = GradingConfig() if args.root is None else GradingConfig(root=args.root.resolve())
    print(build_zip(args.assignment, args.output, config, args.feedback_detail))
    return EXIT_OK


def command_export(args) -> int:
    from .export import export_canvas, parse_canvas_ids

    exported = export_canvas(args.course_root.resolve(), args.output, args.assignment, args.canvas_id,
                             parse_canvas_ids(args.canvas_assignment_id), force=args.force)
    print(f"wrote {exported.path} ({len(exported.rows)} students)")
    missing = exported.without_canvas_id
    if missing:
        column = "SIS Login ID" if args.canvas_id == "sis_login_id" else "SIS User ID"
        print(f"note: {len(missing)} student(s) without a Canvas user id (import Canvas's roster with "
              f"`autograder canvas-roster`): Canvas matches them by {column}, then by name: {', '.join(missing[:20])}"
              + (f" and {len(missing) - 20} more" if len(missing) > 20 else ""))  # a class of thousands: one line
    return EXIT_OK


def command_canvas_roster(args) -> int:
    from .canvas import ID_SOURCES, import_roster, read_roster

    entries = read_roster(args.roster)
    column = ID_SOURCES[args.student_id]
    if args.student_id != "canvas_id" and entries and not any(e.value(args.student_id) for e in entries):
        raise UsageError(f"no student of {args.roster} has a {column}: choose another --student-id")
    done = import_roster(args.course_root.resolve() / "gradebook.db", entries, args.student_id)
    print(f"imported {len(entries)} students from {args.roster}: {len(done.created)} new, {len(done.updated)} updated; "
          f"nbgrader ids from {column}")
    if done.from_canvas_id:
        print(f"note: no {column} for {', '.join(name or sid for sid, name in done.from_canvas_id)}: "
              f"their nbgrader id is their Canvas user id")
    for kept, wanted in done.kept:
        print(f"note: {kept!r} keeps its nbgrader id (the roster would give {wanted!r}): "
              f"the gradebook already knows this Canvas user")
    return EXIT_OK


def command_similarity(args) -> int:
    from .similarity import NOISE_THRESHOLD, SHOWN_PAIRS, run

    shown = SHOWN_PAIRS if args.show is None else args.show
    k = NOISE_THRESHOLD if args.noise_threshold is None else args.noise_threshold
    if shown < 0 or k < 5:
        raise UsageError("--show wants a number >= 0 and --noise-threshold one >= 5")
    run(args.course_root.resolve(), args.assignment, shown=shown, k=k)
    return EXIT_OK


def command_audit(args) -> int:
    from .audit import main as audit_main

    return audit_main([*args.assignments, "--jobs", str(args.jobs)] + (["--list"] if args.list else []))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade one submitted notebook")
    grade.add_argument("--assignment", required=True)
    grade.add_argument("submission", type=Path)
    grade.add_argument("--results", type=Path, help="write Gradescope-style results.json here")
    grade.add_argument("--feedback", type=Path, help="write the student's HTML feedback here")
    grade.add_argument("--quiet", action="store_true", help="no terminal summary")
    grade.add_argument("--salt", help="draw the hidden inputs of an earlier grading again (its results.json's "
                                      "extra_data.salt); default: from AUTOGRADER_SECRET and the notebook, else random")
    add_limit_flags(grade)
    grade.set_defaults(handler=command_grade)

    batch = commands.add_parser("grade-all", help="grade submitted/<student>/<assignment>/*.ipynb into gradebook.db")
    batch.add_argument("assignment")
    batch.add_argument("--course-root", type=Path, default=Path("."),
                       help="folder with submitted/ and gradebook.db (default: here)")
    batch.add_argument("--jobs", type=int, default=default_jobs(), help="parallel graders (default: all cores)")
    batch.add_argument("--student", action="append", help="grade only this student (repeatable)")
    batch.add_argument("--quiet", action="store_true", help="line-oriented progress for CI logs")
    batch.add_argument("--scheduler", metavar="ADDRESS", help="grade on the workers of this Dask scheduler "
                       "(tcp://host:8786; README, 'Grading on a cluster'); this machine records the results")
    batch.add_argument("--regrade", action="store_true",
                       help="regrade graded submissions (the suite changed): print each changed score with the "
                            "tests that changed and record the run under reports/regrades/ even if nothing changed")
    batch.add_argument("--reason", help="why the suite changed, kept in the regrade's record (with --regrade)")
    batch.add_argument("--dry-run", action="store_true",
                       help="grade and print what would change against the gradebook; write nothing")
    add_limit_flags(batch)
    batch.set_defaults(handler=command_grade_all)

    history = commands.add_parser("regrades", help="the recorded regrades and score changes of an assignment "
                                                    "(--student: one student's whole grading history)")
    history.add_argument("assignment")
    history.add_argument("--student", help="this student's gradings and changes")
    history.add_argument("--course-root", type=Path, default=Path("."), help="folder with reports/ (default: here)")
    history.set_defaults(handler=command_regrades)

    gradescope = commands.add_parser("export-gradescope", help="build the autograder zip that Gradescope runs")
    gradescope.add_argument("assignment")
    gradescope.add_argument("--output", type=Path, default=Path("build/gradescope"),
                            help="folder for <assignment>-gradescope.zip (default: build/gradescope)")
    gradescope.add_argument("--root", type=Path, default=None,
                            help="the course root (tests/hidden, solutions, assignments); default: this checkout")
    gradescope.add_argument("--feedback-detail", choices=("explain", "full"), default="explain",
                            help="what students see of a wrong value in Gradescope (default: explain, never the "
                                 "expected value)")
    gradescope.set_defaults(handler=command_export_gradescope)

    export = commands.add_parser("export", help="write gradebook.db's scores for an LMS's gradebook import")
    export.add_argument("--format", choices=("canvas",), default="canvas")
    export.add_argument("--output", type=Path, default=None,
                        help="default: grades_canvas.csv, or grades_canvas_<assignment>.csv with --assignment, "
                             "in the course root")
    export.add_argument("--force", action="store_true", help="replace the output file when it exists")
    export.add_argument("--assignment", action="extend", nargs="+", help="only these assignments (default: all)")
    export.add_argument("--course-root", type=Path, default=Path("."), help="folder with gradebook.db (default: here)")
    export.add_argument("--canvas-id", choices=("sis_user_id", "sis_login_id"), default="sis_user_id",
                        help="for a student without a Canvas user id: the Canvas column that receives the nbgrader "
                             "student id (default: sis_user_id)")
    export.add_argument("--canvas-assignment-id", action="append", metavar="ASSIGNMENT=NUMBER",
                        help="Canvas's id of an assignment: its column becomes '<name> (<id>)' (repeatable)")
    export.set_defaults(handler=command_export)

    audit = commands.add_parser("audit", help="mutation testing of the hidden suites: mutants that keep full marks")
    audit.add_argument("assignments", nargs="*", help="default: every assignment")
    audit.add_argument("--jobs", type=int, default=default_jobs())
    audit.add_argument("--list", action="store_true", help="print the mutants, grade nothing")
    audit.set_defaults(handler=command_audit)

    similarity = commands.add_parser("similarity", help="pairs of submissions whose solution code is alike "
                                                        "(reports/<a>-similarity.html and .csv, for the staff)")
    similarity.add_argument("assignment")
    similarity.add_argument("--course-root", type=Path, default=Path("."),
                            help="folder with submitted/ and assignments/ (default: here)")
    similarity.add_argument("--show", type=int, default=None,
                            help="pairs shown with their code on the page (default: 20; the CSV has every pair)")
    similarity.add_argument("--noise-threshold", type=int, default=None,
                            help="characters of normalised code a match needs at least (copydetect's noise "
                                 "threshold; default: 50, see the README's 'Similarity report')")
    similarity.set_defaults(handler=command_similarity)

    roster = commands.add_parser("canvas-roster", help="import Canvas's gradebook export as the class roster")
    roster.add_argument("roster", type=Path, help="the CSV of Canvas's Grades > Export")
    roster.add_argument("--student-id", choices=("sis_user_id", "sis_login_id", "canvas_id"), default="sis_user_id",
                        help="the roster column that gives a new student's nbgrader id (default: sis_user_id; "
                             "a student without one gets the Canvas user id)")
    roster.add_argument("--course-root", type=Path, default=Path("."), help="folder with gradebook.db (default: here)")
    roster.set_defaults(handler=command_canvas_roster)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    os.environ.update(PATH=tool_environment()["PATH"])  # nbgrader runs `alembic` by name
    skip_slow_optional_imports()
    try:
        return args.handler(args)
    except UsageError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return EXIT_USAGE
    except GraderFault as fault:
        print(f"autograder: {fault}", file=sys.stderr)
        return EXIT_GRADER_FAULT
    except Exception as error:  # noqa: BLE001 - whatever went wrong is the grader's, never exit status 1
        import traceback

        print(f"autograder: grader fault: {type(error).__name__}: {error}", file=sys.stderr)
        traceback.print_exc(limit=8, file=sys.stderr)
        return EXIT_GRADER_FAULT


def entry_point() -> None:
    """The `autograder` command: main(), then a quick exit.

    Tearing down the interpreter (the modules of pytest, numpy and matplotlib and their objects)
    costs about 0.2 s, a fifth of grading one notebook, and leaves nothing behind that the exit
    handlers do not already handle: they still run (the sandbox is shut down, scratch folders are
    removed) and the output is flushed before the process ends.
    """
    code = main()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry_point()
