PY ?= .venv/bin/python

.PHONY: install check lint type test bench

install:
	python3 -m venv .venv && .venv/bin/pip install -e ".[all]"

lint:
	$(PY) -m ruff check src tests bench

type:
	$(PY) -m mypy

test:
	$(PY) -m pytest

check: lint type test

bench:
	$(PY) -m bench.text_core
	$(PY) -m bench.dedup
	$(PY) -m bench.ingest --workers 2 --db /tmp/marsad-bench-snn.db
	$(PY) -m bench.search --db /tmp/marsad-bench-snn.db
