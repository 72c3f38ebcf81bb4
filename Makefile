# nitet — make demo | make test | make lint | make bench
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
NITET  := $(VENV)/bin/nitet
DEMO   ?= demo
FY     ?= 2569
Q      ?= 1

.PHONY: demo test lint bench install install-test sync-defaults print-check clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	$(PY) -m compileall -q src/nitet
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# A demo workspace in ./demo and the KRS report of FY $(FY) quarter $(Q).
demo: install
	rm -rf $(DEMO)
	$(NITET) --no-input init $(DEMO) --demo
	$(NITET) -C $(DEMO) check
	$(NITET) -C $(DEMO) report krs --fy $(FY) --quarter $(Q)

test: install-test
	$(PY) -m pytest

# The demo's reports through LibreOffice headless (also part of make test; skipped, with the
# reason, without LibreOffice, poppler and fonts-thai-tlwg).
print-check: install-test
	$(PY) -m pytest -v -rs tests/test_print_check.py

lint: install-test
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

# Byte-compile nitet first, as pip does for a regular install: an editable install does not,
# and with PYTHONDONTWRITEBYTECODE set every run would compile nitet's sources again.
bench: install-test
	$(PY) -m compileall -q src/nitet
	$(PY) bench/bench.py

# Refresh the repository's own workspace (records/, workflows/, templates/, schemas/)
# from the built-in defaults and the demo data.
sync-defaults: install
	$(PY) -m nitet.devtools.sync_repo_workspace

clean:
	rm -rf $(VENV) $(DEMO) bench-workspace .pytest_cache .mypy_cache .ruff_cache
