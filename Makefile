# The two commands that matter: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One pip command, so torch stays pinned to the CPU build on this machine.
INSTALL = $(BIN)/pip install -q -e ".[server,corpus,peer,test,dev]" "torch==2.13.0"
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

# The browser tests (tests/test_browser.py) drive Debian's Chromium, never a downloaded browser.
CHROMIUM := /usr/bin/chromium

.PHONY: encoder demo test lint bench bench-corpus eval eval-devset eval-devcorpus eval-variants devset-status load clean install browser

$(BIN)/sourcetrace: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(INSTALL)
	touch $(BIN)/sourcetrace

install: $(BIN)/sourcetrace

# Installed only when missing: as root with apt-get it is done here, otherwise one line says how.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing Debian's chromium for the browser tests (apt-get)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || { echo "make: could not install chromium with apt-get; the browser tests need $(CHROMIUM)" >&2; exit 1; }; \
	else \
	  echo "make: the browser tests need $(CHROMIUM): run 'sudo apt-get install chromium' (Debian), then make test" >&2; \
	  exit 1; \
	fi

browser: $(CHROMIUM)

# Export MiniLM to ONNX into the user cache now (otherwise the first check does it, once).
encoder: install
	$(BIN)/python -m sourcetrace.encoder

demo: install
	$(BIN)/sourcetrace check examples/source.txt examples/derived.txt

test: install $(CHROMIUM)
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: install encoder
	$(BIN)/python benchmarks/bench_check.py

bench-corpus: install
	$(BIN)/python benchmarks/bench_corpus.py

eval: install
	$(BIN)/sourcetrace eval --summary

# The real-pair dev set: records in devset/pairs, texts in ~/.cache/sourcetrace/devset
# (or $SOURCETRACE_DEVSET_CACHE); see README "Real-pair dev set".
devset-status: install
	$(BIN)/python scripts/devset.py status

eval-devset: install
	$(BIN)/sourcetrace eval --devset devset/pairs

# The real dev corpus: labels in devcorpus/corpus.json, texts in ~/.cache/sourcetrace/devcorpus
# (python3 devcorpus/check.py status lists missing ones).
eval-devcorpus: install
	$(BIN)/sourcetrace eval --devcorpus devcorpus/corpus.json

# False alarms on meaning-preserving copies of 50 PolNeAR texts (slow: 700 checks).
eval-variants: install
	$(BIN)/sourcetrace eval --variants polnear --limit 50 --errors variant-errors.md

load: install
	$(BIN)/python benchmarks/load_test.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
