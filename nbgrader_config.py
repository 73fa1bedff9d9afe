"""nbgrader configuration for this course (run nbgrader's commands from this folder)."""

import os

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

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
# The exchange students fetch from and submit to; override per machine if needed.
c.Exchange.root = "/srv/nbgrader/exchange"

# `nbgrader zip_collect`: LMS downloads named <student>_<id>_<id>_<notebook>.ipynb (Canvas style,
# with an optional LATE_ marker). Adapt this pattern to another LMS's file names.
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[^_/]+)_(?:LATE_)?[0-9]+_[0-9]+_(?P<file_id>[^/]+)$"
)
