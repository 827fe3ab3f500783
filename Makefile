# whodid: `make demo` and `make test` each set up .venv (pinned, hashed dependencies) before they run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-runtime
DEV    := $(VENV)/.installed-dev
SHARED ?= ../shared

.PHONY: demo test bench eval lint data lock clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "whodid needs Python >= 3.11: run make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(DEV): $(STAMP) requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

demo: $(STAMP) ## process the bundled sample articles into whodid.duckdb and show the events
	$(BIN)/whodid demo --db whodid.duckdb

test: $(DEV) ## run the test suite
	$(BIN)/python -m pytest -q

lint: $(DEV)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

bench: $(STAMP) ## speed and memory figures -> BENCHMARKS.md
	$(BIN)/whodid bench --out BENCHMARKS.md

eval: $(STAMP) ## accuracy on the dev gold files in ../shared/gold -> EVALUATION.md
	$(BIN)/whodid eval --gold $(SHARED)/gold --out EVALUATION.md

data: $(STAMP) ## rebuild package data from ../shared (dictionaries, code table)
	$(BIN)/python scripts/build_data.py --shared $(SHARED)

lock: ## recompile the pinned, hashed lock files (needs pip-tools in .venv)
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build src/*.egg-info whodid.duckdb
