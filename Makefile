# Two commands are the whole set-up: `make report` and `make test`.
# Each creates .venv with the project and its tools when it is missing or stale.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report test corpus clean-venv

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

corpus: report

clean-venv:
	rm -rf $(VENV)
