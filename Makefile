# Set-up is automatic: every target creates .venv and installs the project if needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-registry clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@touch $(STAMP)

run: $(STAMP)  ## open the browser (imports the bundled seeds into an empty store)
	$(BIN)/trials

test: $(STAMP)  ## run the test suite, in one process per core
	$(BIN)/python -m pytest -n auto

BENCH_ARGS ?= --import-size 20000
bench: $(STAMP)  ## benchmark (docs/benchmarks.md); BENCH_ARGS=--quick for a short run
	$(BIN)/python -m tests.bench.run $(BENCH_ARGS)

REGISTRY_ARGS ?=
bench-registry: $(STAMP)  ## registry-scale benchmark (docs/benchmarks.md); REGISTRY_ARGS=--quick, --sizes N…
	$(BIN)/python -m tests.bench.registry_bench $(REGISTRY_ARGS)

lint: $(STAMP)  ## ruff over the repository, mypy --strict on parsers/, store/ and tui/ ([tool.mypy])
	@status=0; \
	echo "$(BIN)/ruff check ."; $(BIN)/ruff check . || status=1; \
	echo "$(BIN)/mypy"; $(BIN)/mypy || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
