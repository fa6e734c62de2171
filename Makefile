# The two commands: `make run` (set up, then code the bundled examples into eventwire.db)
# and `make test` (set up, then run the tests). Everything installs into .venv from PyPI.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/eventwire run examples/ --db sqlite:///eventwire.db

test: setup
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm
