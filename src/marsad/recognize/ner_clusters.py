"""Word clusters for the NER model: words that occur in similar contexts share a cluster ("مايكروسوفت" with
"نوكيا", "الوداد" with "الرجاء"), so a name the annotations never saw still looks like its kind.

Words are keyed by their shortest clitic-free reading (`cluster_key`). The clusters are built at
training time from the raw text of the training corpora (`ner_cluster_build.py`: PPMI, SVD, k-means)
and shipped next to the model as `ner-crf.clusters.tsv` (word, then one cluster id per granularity,
coarse to fine); this module reads and validates that file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ModelError
from marsad.recognize.ner_lexicon import word_keys

GRANULARITIES = (64, 256, 1024)  # clusters per level, coarse to fine
_HEADER = "# word\tcount\t{levels}: word clusters from the training corpora's text (docs/ner.md)"


@dataclass(frozen=True, slots=True)
class WordClass:
    """A clustered word: how often the cluster text has it, and its cluster id at each level."""

    count: int
    ids: tuple[str, ...]

    @property
    def frequency(self) -> str:
        """A frequency bucket (names are mostly rare words): 3-9, 10-99, 100+."""
        return "3-9" if self.count < 10 else "10-99" if self.count < 100 else "100+"


def cluster_key(word: str) -> str:
    """The reading a word is clustered under: its shortest clitic-free form ("وللمغرب" → مغرب)."""
    return word_keys(word)[-1]


def clusters_path(model_path: Path) -> Path:
    return model_path.with_suffix(".clusters.tsv")


def write_clusters(clusters: dict[str, WordClass], path: Path, granularities: Sequence[int] = GRANULARITIES) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(_HEADER.format(levels="\t".join(f"k{k}" for k in granularities)) + "\n")
        for word in sorted(clusters):
            c = clusters[word]
            fh.write("\t".join((word, str(c.count), *c.ids)) + "\n")


def read_clusters(path: Path) -> dict[str, WordClass]:
    """The clusters shipped next to a model: every row a word, its count and the same number of ids."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the model's word clusters: {exc}") from exc
    out: dict[str, WordClass] = {}
    width = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        word, *numbers = line.split("\t")
        width = width or len(numbers)
        if not word or len(numbers) < 2 or len(numbers) != width or not all(i.isdigit() for i in numbers):
            raise ModelError(f"{path}:{lineno}: expected a word, its count and {max(width - 1, 1)} cluster ids")
        if word in out:
            raise ModelError(f"{path}:{lineno}: {word} is listed twice")
        out[word] = WordClass(int(numbers[0]), tuple(numbers[1:]))
    return out
