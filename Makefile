# svodka: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install when the project's dependencies change.
STAMP  := $(VENV)/.installed

.PHONY: demo test bench eval clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

## demo: analyse the bundled sample corpus and print a readable summary
demo: $(STAMP)
	$(BIN)/svodka analyze data/sample --format text

## test: every test (those needing ../shared/eval or PostgreSQL skip with a reason when absent)
test: $(STAMP)
	$(BIN)/python -m pytest -q -rs

## bench: throughput and memory against plain natasha on the same texts
bench: $(STAMP)
	$(BIN)/python bench/bench.py

## eval: the quality figures on ../shared/eval
eval: $(STAMP)
	$(BIN)/svodka eval clean ../shared/eval/pages-dev
	$(BIN)/svodka eval ner ../shared/eval/factru-dev/devset
	$(BIN)/svodka eval names ../shared/eval/factru-dev/devset
	$(BIN)/svodka eval roles ../shared/eval/factru-dev/devset
	$(BIN)/svodka eval quotes tests/gold/quotes

clean-venv:
	rm -rf $(VENV)
