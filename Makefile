# joinedup: the two set-up commands are `make demo` and `make test`.
# Each creates .venv, installs the Python and npm packages it needs, and runs.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTEST_ARGS ?=

.PHONY: install demo test test-browser test-sqlite test-postgres lint typecheck check clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or set PYTHON=python3.x"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel

.stamp-python: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,spark,presidio]'
	@touch $@

.stamp-npm: package.json package-lock.json joinedup/web/frontend/joinedup.scss
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $@

install: .stamp-python .stamp-npm

demo: install
	$(BIN)/joinedup demo

test: install
	bash scripts/test

# Only the browser tests (Chromium + axe-core), on SQLite; screenshots in artifacts/browser/.
test-browser: install
	bash scripts/ensure-chromium
	$(BIN)/pytest -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy joinedup

check: lint typecheck test

clean:
	rm -rf $(VENV) node_modules .stamp-python .stamp-npm joinedup/web/static/joinedup/joinedup.css
