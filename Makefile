# svodka: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install when the project's dependencies change.
STAMP  := $(VENV)/.installed

.PHONY: demo test bench eval fuzz clean-venv chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# The demo archive: an embedded SQLite file, rebuilt idempotently on every run.
DEMO_DB ?= build/demo.db
# The founding example is added to the demo when ../shared/eval is present.
SEED    := $(wildcard ../shared/eval/seed/*.txt)
# SERVE=0 loads and summarises without starting the web server.
SERVE   ?= 1
# Seconds the demo watches its local feed server (0: no watch part).
WATCH_SECONDS ?= 70
HOST    ?= 127.0.0.1
PORT    ?= 8000

## demo: load the sample corpus into SQLite, print a summary, watch a local feed server for a minute, serve the web UI
demo: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/svodka ingest data/sample $(SEED) --db $(DEMO_DB)
	$(BIN)/svodka stats --db $(DEMO_DB)
	$(BIN)/svodka quotes --db $(DEMO_DB) --kind direct --limit 5
ifneq ($(WATCH_SECONDS),0)
	$(BIN)/python scripts/demo_watch.py --db $(DEMO_DB) --seconds $(WATCH_SECONDS)
endif
ifeq ($(SERVE),1)
	@echo "svodka: open http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/svodka serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)
endif

## test: every test (those needing ../shared/eval, PostgreSQL or chromium skip with a reason when absent)
test: $(STAMP) chromium
	$(BIN)/python -m pytest -q -rs

# Browser tests drive Debian's chromium (never a downloaded browser). Installed when missing
# and possible; when not, those tests skip and say why.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)) ; } || \
	  echo "chromium not installed: browser tests will skip"

# Articles in the archive benchmark, and where it is kept (reused by the web load test).
BENCH_N  ?= 100000
BENCH_DB ?= build/bench.db
# PostgreSQL for the archive benchmark (skipped when the server is not there).
BENCH_PG ?= postgresql://postgres@127.0.0.1:5432/test

## bench: analysis vs plain natasha, cleaning, the archive at BENCH_N articles, the web under load, svodka watch on a local feed server
bench: $(STAMP)
	$(BIN)/python bench/bench.py
	@mkdir -p $(dir $(BENCH_DB)) && rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	SVODKA_TEST_DATABASE_URL=$(BENCH_PG) $(BIN)/python bench/store_bench.py --n $(BENCH_N) --db $(BENCH_DB)
	$(BIN)/python bench/web_load.py --db $(BENCH_DB) --clients 20 --seconds 30
	$(BIN)/python bench/alerts_bench.py
	$(BIN)/python bench/watch_bench.py --feeds 1000

# Minutes `make fuzz` runs (the fuzz tests in `make test` take a few seconds).
FUZZ_MINUTES ?= 5

## fuzz: hostile inputs through readers, cleaners, analysis and svodka ingest; time and memory per input
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py --minutes $(FUZZ_MINUTES)

## eval: the quality figures on ../shared/eval
eval: $(STAMP)
	$(BIN)/svodka eval clean ../shared/eval/pages-dev
	$(BIN)/svodka eval ner ../shared/eval/factru-dev/devset
	$(BIN)/svodka eval names ../shared/eval/factru-dev/devset
	$(BIN)/svodka eval roles ../shared/eval/factru-dev/devset
	$(BIN)/svodka eval names ../shared/eval/wikinews-ru
	$(BIN)/svodka eval roles ../shared/eval/wikinews-ru
	$(BIN)/svodka eval linking ../shared/eval/wikinews-ru
	$(BIN)/svodka eval quotes tests/gold/quotes
	$(BIN)/svodka eval quotes ../shared/eval/wikinews-ru
	$(BIN)/svodka eval stories ../shared/eval/wikinews-ru

clean-venv:
	rm -rf $(VENV)
