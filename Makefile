# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test install lint typecheck unit browser-deps bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip >/dev/null
	# torch first and pinned: the CPU wheel on disk; an unpinned one is a CUDA build of several GB.
	$(BIN)/python -m pip install 'torch==2.13.0'
	$(BIN)/python -m pip install -e '.[test]'
	touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/rag ingest --if-empty
	$(BIN)/rag serve

browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "installing Debian's chromium and chromium-driver for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check rag index ui tests bench
	$(BIN)/ruff format --check rag index ui tests bench

typecheck: $(STAMP)
	$(BIN)/mypy rag index

unit: $(STAMP)
	$(BIN)/python -m pytest

test: $(STAMP) browser-deps lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/ingest_and_ask.py
	$(BIN)/python bench/scale.py 40

clean:
	rm -rf $(VENV) .rag .pytest_cache .mypy_cache .ruff_cache
