"""Regex alternations of many literal words, factored into a trie.

`re` tries the alternatives of `(?:a|b|c…)` one by one at every position; a pattern factored by common
prefixes (`ا(?:ل(?:يوم|شهر)|مس)`) rejects most positions after one character, which makes a keyword scan
over a whole article several times faster. Whitespace inside a word matches any run of whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """A regex (no groups) matching exactly the given words, longest alternative first."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _render(trie) if trie else "(?!)"


def _atom(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _render(node: dict) -> str:  # type: ignore[type-arg]
    ends = _END in node
    branches = [(ch, child) for ch, child in node.items() if ch != _END]
    parts = []
    for ch, child in sorted(branches, key=lambda kv: kv[0]):
        parts.append(_atom(ch) + (_render(child) if child and list(child) != [_END] else ""))
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if ends:
        # Greedy optional suffix: the longer word wins over the shorter prefix.
        return "(?:" + body + ")?"
    return body
