"""nbgrader configuration for this course (run nbgrader's commands, or formgrader, from this folder)."""

import os
import sys

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

# nbgrader runs `alembic` by name when it creates a gradebook: put the folder of the Python that runs
# nbgrader (this venv's bin/) first on PATH, so that `.venv/bin/nbgrader ...` works without an
# activated venv.
_bin = os.path.dirname(sys.executable)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")

c.CourseDirectory.course_id = "dl-math-toolkit"
# the folder of this file, so that nbgrader works from here whatever the current directory
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# Instructor notebooks with solutions live here ...
c.CourseDirectory.source_directory = "source_notebooks"
# ... and `nbgrader generate_assignment` writes the student versions here (committed).
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

c.IncludeHeaderFooter.header = ""
# Never copied into a release or a submission: otter's log of public checks run in a folder.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".OTTER_LOG"]
# Stubs students see in place of the solution regions.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
# The exchange students fetch from and submit to (nbgrader's default folder; it must exist and be
# writable by everyone: `sudo mkdir -p /srv/nbgrader/exchange && sudo chmod 777 /srv/nbgrader/exchange`).
# Set NBGRADER_EXCHANGE to use another folder (formgrader reads it too), or pass --Exchange.root=...
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")

# ---------------------------------------------------------------------------------------------------
# One grade, whichever tool asks (autograder/nbgrader_plugin.py). `nbgrader autograde` and
# formgrader's "Autograde" button grade with the hidden suites, exactly as `autograder grade-all`:
# the first step below takes the place of nbgrader's Execute (which would run the notebook's public
# checks and count every grade cell as passed). The steps, in nbgrader's order; the rules:
#   - GradeWithHiddenSuites comes first: it writes each grade cell's score into its outputs;
#   - SaveAutoGrades (nbgrader's) then records those scores in the gradebook;
#   - KeepReviewedGrades must follow SaveAutoGrades: it undoes nbgrader's re-flagging of problems
#     that a TA already scored by hand (only a fault of the grader needs a person);
#   - AssignLatePenalties needs the recorded scores, so it comes after both;
#   - RecordGradeChanges comes last: a recorded score that changed is logged and recorded under
#     reports/regrades/ (a regrade with `nbgrader autograde --force` never changes a score silently).
c.Autograde.autograde_preprocessors = [
    "autograder.nbgrader_plugin.GradeWithHiddenSuites",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "autograder.nbgrader_plugin.KeepReviewedGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
    "autograder.nbgrader_plugin.RecordGradeChanges",
]
# A grade cell the student deleted is put back, so that its problem is scored like any other; before
# nbgrader checks the cells, each one's nbgrader metadata is put back as released (a student's edits
# of points or flags must neither count nor stop nbgrader).
c.OverwriteCells.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    "autograder.nbgrader_plugin.RestoreReleasedMetadata",  # first: nbgrader's steps read the metadata
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Limits of the sandboxed worker for nbgrader's commands (the same defaults as `autograder grade-all`):
# c.GradeWithHiddenSuites.call_seconds = 10.0
# c.GradeWithHiddenSuites.isolation = "auto"      # "bwrap", "process" or "auto"

# `nbgrader generate_feedback` and formgrader's feedback buttons write the project's feedback page
# (lost points, plots, the scores and comments entered in formgrader) from autograded/.../report.json.
c.GenerateFeedback.exporter_class = "autograder.nbgrader_plugin.FeedbackPage"

# `nbgrader zip_collect`: Canvas's "Download Submissions" zip, files named
# <name slug>[_LATE]_<Canvas user id>_<submission id>_<notebook>.ipynb (autograder/canvas.py).
# A student is collected under the nbgrader id the imported roster gave their Canvas user id
# (`autograder canvas-roster`), else under the name slug; the Canvas user id is recorded as the
# student's lms_user_id. A resubmission <notebook>-1.ipynb, -2, ... is collected as <notebook>.ipynb
# (the highest -N wins). With a due date in the gradebook, timestamp.txt holds the due date, or one
# second past it for a LATE file, so the course's late policy applies
# (c.LateSubmissionPlugin.penalty_method, nbgrader's; its default "none" takes nothing off).
c.ZipCollectApp.collector_plugin = "autograder.canvas.CanvasCollector"
# c.CanvasCollector.unknown_student = "canvas_id"   # a Canvas user missing from the roster: id = Canvas user id
# Another LMS: nbgrader's own collector and a pattern for its file names, for example
# c.ZipCollectApp.collector_plugin = "nbgrader.plugins.FileNameCollectorPlugin"
# c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[^_/]+)_(?P<file_id>[^/]+)\.ipynb$"
