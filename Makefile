# Two set-up commands on a fresh machine with Python 3.11 and make: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := fixtures/demo

.PHONY: demo test install lint docs bench clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tmscreen screen $(DEMO)/filings.csv --applicants $(DEMO)/applicants.csv --register $(DEMO)/register.csv --out out/demo --lang en

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check detector graphs tests benchmarks

docs: $(STAMP)
	$(BIN)/tmscreen metrics docs --out docs/metrics.md
	$(BIN)/tmscreen metrics cli-docs --out docs/cli.md

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --filings 100000

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .ruff_cache
