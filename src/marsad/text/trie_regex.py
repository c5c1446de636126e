"""Regex alternations of many literal words, factored into a trie.

`re` tries the alternatives of `(?:a|b|c…)` one by one at every position; a pattern factored by common
prefixes (`ا(?:ل(?:يوم|شهر)|مس)`) rejects most positions after one character, which makes a keyword scan
over a whole article several times faster. Whitespace inside a word matches any run of whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

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


class WordStartScanner:
    """Finds dictionary words that start a token (optionally after clitic letters), fast.

    A leading lookbehind such as `(?<!\\w)` makes `re` try the whole pattern at every position. Here the
    scan pattern begins with the separator character itself, so `re` only tries at separators (and the
    text start is checked once). Only whole words match ("الف" is not found in "الفريق"). Each hit is a
    match with groups "pre" (the clitics) and "body" (the word).
    """

    def __init__(self, words: Iterable[str], clitics: str = "") -> None:
        body = trie_pattern(words)
        pre = f"(?P<pre>{clitics})" if clitics else "(?P<pre>)"
        self._inner = re.compile(rf"{pre}(?P<body>{body})(?!\w)")
        self._scan = re.compile(rf"[^\w]{pre}(?P<body>{body})(?!\w)")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        stop = len(text) if end is None else end
        if start == 0 or not text[start - 1].isalnum():
            first = self._inner.match(text, start, stop)
            if first is not None:
                yield first
        yield from self._scan.finditer(text, start, stop)
