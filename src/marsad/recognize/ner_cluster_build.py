"""Building the NER model's word clusters (at training time only; the model reads them with ner_clusters.py).

From the raw text of the training corpora (never the holdout, never text we may not redistribute
derived data of): each frequent word (keyed by `cluster_key`) gets a vector of positive PMI with the
frequent words at positions −2, −1, +1, +2 (context counts smoothed, Levy et al. 2015); a truncated SVD
(scipy, ARPACK from a seeded start vector, signs fixed) reduces it; spherical k-means (numpy, seeded
k-means++, a fixed number of rounds) groups the rows at each granularity. Deterministic given the text
and the seed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix, csr_matrix  # type: ignore[import-untyped]
from scipy.sparse.linalg import svds  # type: ignore[import-untyped]

from marsad.recognize.ner_clusters import GRANULARITIES, WordClass, cluster_key

MIN_COUNT = 3  # words seen fewer times get no cluster
CONTEXT_WORDS = 4000  # the most frequent words are the contexts
DIMENSIONS = 96
CONTEXT_SMOOTHING = 0.75  # context counts ** 0.75 in the PMI denominator
KMEANS_ROUNDS = 25
_OFFSETS = (-2, -1, 1, 2)

Matrix = npt.NDArray[np.float64]


def _vocabulary(sentences: Sequence[Sequence[str]]) -> tuple[Counter[str], list[str], dict[str, int]]:
    counts = Counter(w for s in sentences for w in s)
    words = sorted((w for w, n in counts.items() if n >= MIN_COUNT and any(c.isalpha() for c in w)),
                   key=lambda w: (-counts[w], w))
    contexts = sorted(counts, key=lambda w: (-counts[w], w))[:CONTEXT_WORDS]
    return counts, words, {w: k for k, w in enumerate(contexts)}


def ppmi_matrix(sentences: Sequence[Sequence[str]], words: Sequence[str], contexts: dict[str, int]) -> csr_matrix:
    """Rows: words; columns: (offset, context word); values: positive PMI with smoothed context counts."""
    row_of = {w: k for k, w in enumerate(words)}
    pairs: Counter[tuple[int, int]] = Counter()
    for s in sentences:
        for i, w in enumerate(s):
            r = row_of.get(w)
            if r is None:
                continue
            for slot, off in enumerate(_OFFSETS):
                j = i + off
                c = contexts.get(s[j]) if 0 <= j < len(s) else None
                if c is not None:
                    pairs[(r, slot * len(contexts) + c)] += 1
    keys = sorted(pairs)
    rows = np.array([k[0] for k in keys], dtype=np.int64)
    cols = np.array([k[1] for k in keys], dtype=np.int64)
    vals = np.array([pairs[k] for k in keys], dtype=np.float64)
    shape = (len(words), len(_OFFSETS) * len(contexts))
    counts = coo_matrix((vals, (rows, cols)), shape=shape).tocsr()
    total = counts.sum()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_smooth = np.asarray(counts.sum(axis=0)).ravel() ** CONTEXT_SMOOTHING
    col_p = col_smooth / col_smooth.sum()
    pmi = np.log(vals * 1.0 / total) - np.log(row_sum[rows] / total) - np.log(col_p[cols])
    keep = pmi > 0
    return coo_matrix((pmi[keep], (rows[keep], cols[keep])), shape=shape).tocsr()


def word_vectors(ppmi: csr_matrix, dimensions: int, seed: int) -> Matrix:
    """Unit-length rows of the truncated SVD (U·sqrt(S)), with ARPACK started from a seeded vector.

    Dimensions with a vanishing singular value (an arbitrary basis) are dropped, each dimension's sign
    is fixed by its largest entry, and the rows are rounded to 6 decimals, so float noise between runs
    (threaded BLAS) cannot move a word to another cluster."""
    k = min(dimensions, min(ppmi.shape) - 1)
    start = np.random.default_rng(seed).standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=k, v0=start)
    order = [i for i in np.argsort(-s) if s[i] > 1e-6 * s.max()]
    vectors: Matrix = u[:, order] * np.sqrt(s[order])
    signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
    vectors *= signs
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: Matrix = np.round(vectors / np.maximum(norms, 1e-12), 6)
    return unit


def spherical_kmeans(vectors: Matrix, k: int, seed: int, rounds: int = KMEANS_ROUNDS) -> npt.NDArray[np.int64]:
    """Cluster ids of unit rows by cosine k-means; seeded k-means++ start, fixed number of rounds."""
    n = vectors.shape[0]
    k = min(k, n)
    rng = np.random.default_rng(seed)
    centres = np.empty((k, vectors.shape[1]))
    centres[0] = vectors[rng.integers(n)]
    closest = 1.0 - vectors @ centres[0]
    for c in range(1, k):
        weights = np.maximum(closest, 0.0) ** 2
        pick = rng.choice(n, p=weights / weights.sum()) if weights.sum() > 0 else rng.integers(n)
        centres[c] = vectors[pick]
        closest = np.minimum(closest, 1.0 - vectors @ centres[c])
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(rounds):
        labels = np.argmax(vectors @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centres = np.where(norms > 0, sums / np.maximum(norms, 1e-12), centres)
    return labels


def build_clusters(texts: Iterable[Sequence[str]], seed: int = 13,
                   granularities: Sequence[int] = GRANULARITIES) -> dict[str, WordClass]:
    """Counts and cluster ids (one per granularity) of the frequent words of tokenised sentences."""
    sentences = [[cluster_key(w) for w in s] for s in texts]
    counts, words, contexts = _vocabulary(sentences)
    if len(words) < 3:
        return {}
    vectors = word_vectors(ppmi_matrix(sentences, words, contexts), DIMENSIONS, seed)
    levels = [spherical_kmeans(vectors, k, seed + n) for n, k in enumerate(granularities)]
    return {w: WordClass(counts[w], tuple(str(int(level[i])) for level in levels)) for i, w in enumerate(words)}
