"""Sinks serialize a Report: Gradescope JSON, HTML feedback, the terminal, nbgrader's gradebook."""
