# The two commands that matter: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One pip command, so torch stays pinned to the CPU build on this machine.
INSTALL = $(BIN)/pip install -q -e ".[server,corpus,peer,test,dev]" "torch==2.13.0"
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: demo test lint bench bench-corpus eval eval-variants load clean install

$(BIN)/sourcetrace: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(INSTALL)
	touch $(BIN)/sourcetrace

install: $(BIN)/sourcetrace

demo: install
	$(BIN)/sourcetrace check examples/source.txt examples/derived.txt

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/bench_check.py

bench-corpus: install
	$(BIN)/python benchmarks/bench_corpus.py

eval: install
	$(BIN)/sourcetrace eval --summary

# False alarms on meaning-preserving copies of 50 PolNeAR texts (slow: 700 checks).
eval-variants: install
	$(BIN)/sourcetrace eval --variants polnear --limit 50 --errors variant-errors.md

load: install
	$(BIN)/python benchmarks/load_test.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
