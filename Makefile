# Two commands are the whole set-up: `make report` and `make test`.
# Each creates .venv with the project and its tools when it is missing or stale.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report test check lint format corpus clean-venv

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## report: the main job (until the notebooks exist: the corpus summary)
report: $(STAMP)
	$(PY) -m nkresearch corpus

## test: the test suite
test: $(STAMP)
	$(PY) -m pytest

## check: lint, format check, types, notebook hygiene and the tests (run before a commit; CI runs it)
check: lint test

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) scripts/check_notebooks.py

## format: apply the formatter and the safe lint fixes
format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

corpus: report

clean-venv:
	rm -rf $(VENV)
