# Two commands are the whole set-up: `make report` and `make test`.
# Each creates .venv with the project and its tools when it is missing or stale.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: bench-html bench-scale report test test-fast check lint docs format lab bench bench-voices corpus clean-venv

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## report: the main job: run every notebook in a fresh kernel, write reports/ (HTML, figures)
report: $(STAMP)
	$(PY) -m nkresearch report

## lab: JupyterLab on the notebooks, with this project's environment as the python3 kernel
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

## test: the test suite, all of it (CI runs this)
test: $(STAMP)
	$(PY) -m pytest

## test-fast: the tests not marked slow (no notebooks, report, browsers, workers or benchmark) on two processes, under a minute
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow" -n 2

## check: lint, format check, types, notebook hygiene, the manual and the tests (run before a commit; CI runs it)
check: lint docs test

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) scripts/check_notebooks.py

## docs: build the manual (docs/, mkdocs.yml) into site/, offline; --strict: any warning (a broken link, an unreadable docstring) fails it
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

## format: apply the formatter and the safe lint fixes
format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## bench: time the standard workload against NLTK alone and regex floors; writes benchmarks/RESULTS.md
bench: $(STAMP)
	$(PY) -m benchmarks

## bench-scale: build and count the token store of the UN archive 1x and 10x on a two-worker Dask cluster (opt-in, about half an hour); writes the Scale section of benchmarks/RESULTS.md
bench-scale: $(STAMP)
	$(PY) -m benchmarks.scale

## bench-html: score the body of saved pages on the article-extraction benchmark's development half with its own scorer, beside trafilatura alone; time 1,000 pages; writes benchmarks/PAGES.md
bench-html: $(STAMP)
	$(PY) -m benchmarks.pages

## bench-voices: score the automatic voice attribution on karabakh-dev, karabakh-dev-2 (and two folds by outlet), the ru, hy and az dev sets and PolNeAR dev, with baselines
bench-voices: $(STAMP)
	$(PY) -m benchmarks.voices --out benchmarks/VOICES.md

## corpus: print the corpus summary
corpus: $(STAMP)
	$(PY) -m nkresearch corpus

clean-venv:
	rm -rf $(VENV)
