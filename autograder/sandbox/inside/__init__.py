"""Code that runs inside the sandbox: zygote.py, worker.py and wire.py are copied there as plain
files (sandbox/isolation.py) and import nothing from the `autograder` package; the grader imports
only `wire` from here (the same protocol on both sides)."""
