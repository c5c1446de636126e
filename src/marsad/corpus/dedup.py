"""Exact and near duplicates: a normalised-text hash, and MinHash LSH over normalised word shingles.

Both work on `normalize_key` text (the project's one Arabic normalisation), so "أعلن" and "اعلن", a
diacritic or a tatweel never hide a reprint. Fingerprints are computed where the text is (a worker
process); the index that matches them lives with the single writer and is fed in arrival order, so the
same input always gives the same groups.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.text.normalize import normalize_key

NUM_PERM = 128
SHINGLE_WORDS = 3
THRESHOLD = 0.5  # estimated Jaccard of word 3-gram sets above which two articles are one story
WINDOW_DAYS = 14  # near duplicates further apart than this (by publication date) are not joined
_SEED = 1
_CHUNK = 16384  # shingles hashed per step: a huge document never builds a huge matrix
_WORD = re.compile(r"\w+")
Signature = np.ndarray[Any, np.dtype[np.uint32]]


def _identity(value: int) -> int:
    return value


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_identity)
_PERMUTATIONS = _TEMPLATE.permutations


def norm_hash(text: str) -> str:
    """Hash of the normalised words: equal for texts that differ only in spacing, punctuation, diacritics,
    hamza or alef spelling (an outlet's house style), different as soon as one word differs."""
    return hashlib.blake2b(" ".join(words(text)).encode("utf-8"), digest_size=16).hexdigest()


def words(text: str) -> list[str]:
    return _WORD.findall(normalize_key(text))


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> list[int]:
    """32-bit hashes of the word k-grams of the normalised text (the whole text when shorter)."""
    toks = words(text)
    if not toks:
        return []
    if len(toks) < k:
        return [zlib.crc32(" ".join(toks).encode("utf-8"))]
    joined = [" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)]
    return sorted({zlib.crc32(s.encode("utf-8")) for s in joined})


def signature(text: str) -> Signature:
    """MinHash signature (NUM_PERM uint32 values) of the text's shingle set."""
    m = _new_minhash()
    hashes = shingle_hashes(text)
    for i in range(0, len(hashes), _CHUNK):
        m.update_batch(hashes[i : i + _CHUNK])
    return np.asarray(m.hashvalues, dtype=np.uint32)


def _new_minhash(values: Signature | None = None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_identity, permutations=_PERMUTATIONS,
                   scheme="affine32", hashvalues=values)


def signature_bytes(sig: Signature) -> bytes:
    return sig.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True, slots=True)
class Match:
    """What a new document matched: the best matching document, how, and every match with its score."""

    seq: int
    kind: str  # "exact" | "near"
    score: float
    scores: tuple[tuple[int, float], ...]  # (seq, estimated Jaccard) of every matching document, by seq

    @property
    def all_seqs(self) -> tuple[int, ...]:
        return tuple(s for s, _ in self.scores)


@dataclass(slots=True)
class _Entry:
    signature: Signature
    published: date | None


class DedupIndex:
    """Exact-hash map and MinHash LSH over the documents seen so far, keyed by arrival order (`seq`)."""

    def __init__(self, threshold: float = THRESHOLD, window_days: int | None = WINDOW_DAYS) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._exact: dict[str, int] = {}
        self._entries: dict[int, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def match(self, text_hash: str, sig: Signature, published: date | None) -> Match | None:
        """The documents this one duplicates: an exact twin first, else near duplicates by LSH."""
        exact = self._exact.get(text_hash)
        near = self._near_scored(sig, published)
        if exact is not None:
            return Match(exact, "exact", 1.0, tuple(sorted([(exact, 1.0), *(x for x in near if x[0] != exact)])))
        if not near:
            return None
        best_seq, best_score = max(near, key=lambda x: (x[1], -x[0]))
        return Match(best_seq, "near", best_score, tuple(near))

    def add(self, seq: int, text_hash: str, sig: Signature, published: date | None) -> None:
        self._exact.setdefault(text_hash, seq)
        if seq in self._entries:
            return
        self._entries[seq] = _Entry(sig, published)
        self._lsh.insert(seq, _new_minhash(sig), check_duplication=False)

    def load(self, rows: Iterable[tuple[int, str, bytes, str | None]]) -> None:
        """Rebuild from stored (seq, norm_hash, signature, published) rows, in seq order."""
        for seq, text_hash, sig, published in rows:
            pub = date.fromisoformat(published) if published else None
            self.add(seq, text_hash, signature_from_bytes(sig), pub)

    def _near_scored(self, sig: Signature, published: date | None) -> list[tuple[int, float]]:
        if not self._entries:
            return []
        out: list[tuple[int, float]] = []
        for seq in self._lsh.query(_new_minhash(sig)):
            entry = self._entries[int(seq)]
            if not self._in_window(published, entry.published):
                continue
            score = jaccard(sig, entry.signature)
            if score >= self.threshold:
                out.append((int(seq), score))
        out.sort()
        return out

    def _in_window(self, a: date | None, b: date | None) -> bool:
        if self.window_days is None or a is None or b is None:
            return True
        return abs((a - b).days) <= self.window_days
