# Two commands matter: `make demo` (the main job) and `make test` (the test suite).
# Both create .venv and install the pinned dependencies by themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSIGNMENTS := $(notdir $(wildcard source_notebooks/*))

.PHONY: demo test bench audit assignments sandbox browser clean

# One venv for both: requirements-test.lock (the runtime lock, requirements.lock, plus the test extra),
# every file checked against its hash; then this package itself, without dependencies and built with
# the locked setuptools. The lock is the whole set (--no-deps: nothing is resolved again, so the two
# packages it leaves out on purpose stay out: README). The installer is uv (pinned with its hashes in requirements-bootstrap.lock):
# it installs the same hash-checked files as pip in 8 s instead of 45 s. How to regenerate the
# locks: README, "Developers: dependencies".
$(STAMP): pyproject.toml requirements-bootstrap.lock requirements.lock requirements-test.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode --no-deps --require-hashes -r requirements-test.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	@$(MAKE) --no-print-directory sandbox
	touch $(STAMP)

# bubblewrap isolates student code; without it the grader runs in its weaker mode (README).
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq bubblewrap >/dev/null 2>&1) && \
	  echo "installed bubblewrap"; } || echo "bubblewrap not available: grading will use the weaker process mode"
	@$(MAKE) --no-print-directory browser

# Debian's chromium: the tests open the feedback and class report pages in a real headless browser.
# Installed only as root with apt-get; never fails the build (without it those tests are skipped).
browser:
	@[ -x /usr/bin/chromium ] || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; }; } && \
	  echo "installed chromium"; } || echo "chromium not available: the browser tests will be skipped"

# Regenerate the releases (assignments/: student notebooks, public test files and their helpers)
# from the instructor's source folders (autograder/release.py runs nbgrader generate_assignment).
assignments: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python -m autograder.release $(ASSIGNMENTS)

demo: $(STAMP)
	$(BIN)/python -m autograder.demo

# every core (pytest-xdist; a test module runs whole on one worker, the scenario catalogue one
# assignment's class per worker: tests/conftest.py); -rs prints every skip's reason
test: $(STAMP)
	$(BIN)/python -m pytest tests -q -rs -n auto --dist loadscope

# mutation testing of the hidden suites: every mutant of the solutions must lose points (or be listed,
# with its reason, in tests/audit/<assignment>.txt); exit status 1 otherwise
audit: $(STAMP)
	$(BIN)/python -m autograder.audit

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf submitted autograded feedback reports gradebook.db demo_output
