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
