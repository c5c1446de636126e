"""Benchmarks (never timed assertions in tests): run as scripts, e.g. `python bench/text_core.py`."""
