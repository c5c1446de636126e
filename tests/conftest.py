"""Shared test helpers. Tests use Arabic text written for them; ../shared data is optional."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed-article.txt"


def shared_or_skip(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent (shared evaluation data is not part of the repository)")
    return path


def at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """(start, end) of the n-th occurrence of `needle` in `text`: exact offsets for assertions."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)
