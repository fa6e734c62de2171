# The two commands: `make run` (set up, then code the bundled examples into eventwire.db)
# and `make test` (set up, then run the tests). Everything installs into .venv from PyPI.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup web browser run test lint clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# The web page: front-end packages from the npm registry, bundled by esbuild into web/dist/.
WEB := src/eventwire/web
WEB_DEPS := $(WEB)/node_modules/.package-lock.json
WEB_BUILT := $(WEB)/dist/index.html

$(WEB_DEPS): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error

$(WEB_BUILT): $(WEB_DEPS) $(WEB)/build.mjs $(wildcard $(WEB)/src/*)
	cd $(WEB) && node build.mjs

web: $(WEB_BUILT)

# Headless Chromium for the browser tests: Debian's package (CI runs as root).
browser:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

run: setup web
	$(VENV)/bin/eventwire run examples/ --db sqlite:///eventwire.db
	@echo "Serve it: $(VENV)/bin/eventwire serve --db sqlite:///eventwire.db  (then open http://127.0.0.1:8000/)"

# The quality gate (every scorer on every dev set and the real-news audit, against pinned floors) runs when the
# evaluation sets are beside the checkout, as ../shared/eval.
test: setup web browser
	$(VENV)/bin/ruff check src tests training quality
	$(VENV)/bin/pytest
	@if [ -d ../shared/eval ]; then $(PY) quality/gate.py; else echo "gate: ../shared/eval not here, skipped"; fi

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks training quality

clean:
	rm -rf $(VENV) $(WEB)/node_modules $(WEB)/dist eventwire.db eventwire.db-wal eventwire.db-shm
