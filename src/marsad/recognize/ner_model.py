"""The statistical NER model: a linear-chain CRF (python-crfsuite) over our tokens, BIO over PER/ORG/LOC/MISC.

It tags the tokens of the normalised text (TOKEN_RE: clitics still attached, punctuation split off),
sentence by sentence, with knowledge-base gazetteer tags among its features: it learns how far to
trust a KB match in context and finds the names the KB lacks. The shipped model and its card (corpora,
features, hyper-parameters, scores) live in `recognize/models/`; `marsad train ner` rebuilds them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad.datafiles import package_data_path
from marsad.errors import ModelError
from marsad.eval.ner import entities
from marsad.knowledge.index import KBIndex, default_index
from marsad.recognize.ner_clusters import clusters_path, read_clusters
from marsad.recognize.ner_features import FeatureConfig, FeatureExtractor, KBLexicons, KBTags
from marsad.recognize.ner_lexicon import lexicon_path, read_lexicon
from marsad.recognize.ner_phrases import phrase_trie, phrases_path, read_phrases
from marsad.recognize.ner_repair import repair_entities
from marsad.text.clitics import proclitic_splits
from marsad.text.phrases import clitic_chars
from marsad.text.view import TextView

MODEL_NAME = "ner-crf.crfsuite"


def default_model_path() -> Path:
    return package_data_path("marsad.recognize", "models", MODEL_NAME)


def card_path(model_path: Path) -> Path:
    """The JSON card that sits next to a model file (ner-crf.crfsuite -> ner-crf.json)."""
    return model_path.with_suffix(".json")


def read_card(model_path: Path) -> dict[str, Any]:
    path = card_path(model_path)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable model card: {exc}") from exc
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True, slots=True)
class SpanPrediction:
    start: int
    end: int
    type: str
    confidence: float


class NerModel:
    """A loaded CRF tagger with the feature extractor it was trained with."""

    def __init__(self, tagger: pycrfsuite.Tagger, features: FeatureExtractor, path: Path,
                 card: dict[str, Any]) -> None:
        self.tagger = tagger
        self.features = features
        self.path = path
        self.card = card
        self._labels = frozenset(tagger.labels())

    @classmethod
    def load(cls, path: str | Path | None = None, index: KBIndex | None = None) -> NerModel:
        """The model at `path` (default: the one shipped in the package), with the KB index its features use."""
        model_path = Path(path) if path is not None else default_model_path()
        if not model_path.exists():
            raise ModelError(f"{model_path}: no NER model here; train one with `marsad train ner` (docs/ner.md)")
        card = read_card(model_path)
        config = FeatureConfig.from_json(card["features"]) if "features" in card else FeatureConfig()
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(model_path))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{model_path}: not a CRFsuite model ({exc})") from exc
        lexicons = KBLexicons.of(index if index is not None else default_index())
        lex_file = lexicon_path(model_path)
        names = read_lexicon(lex_file) if config.name_lexicon and lex_file.exists() else None
        phrase_file = phrases_path(model_path)
        phrases = phrase_trie(read_phrases(phrase_file)) if config.corpus_names and phrase_file.exists() else None
        cluster_file = clusters_path(model_path)
        clusters = read_clusters(cluster_file) if (config.clusters or config.rarity) and cluster_file.exists() else None
        return cls(tagger, FeatureExtractor(lexicons, config, names, phrases, clusters), model_path, card)

    @property
    def labels(self) -> list[str]:
        return sorted(self._labels)

    def predict(self, texts: Sequence[str], kb: KBTags | None = None) -> list[str]:
        """BIO tags of the tokens of one sentence (`kb`: their KB gazetteer tags, if already known)."""
        return to_bio(self._tag(texts, kb))

    def _tag(self, texts: Sequence[str], kb: KBTags | None = None) -> list[str]:
        """The model's own labels (BIO, or BILOU if it was trained so): what its marginals are of."""
        if not texts:
            return []
        return list(self.tagger.tag(self.features.sentence(texts, kb)))

    def predict_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self.predict(s) for s in sentences]

    def predict_spans(self, view: TextView) -> list[tuple[int, int, str, float]]:
        """Entities of a document as normalised spans (start, end, type, confidence).

        Each sentence is tagged on its own; five boundary errors are repaired (`ner_repair.py`). A span
        starts after the clitics of its first token when they are clear (a KB name read through them,
        or و/ف/ب/ل/ك before the article: "والعراق" → "العراق"). Confidence is the lowest marginal
        probability of the entity's tags.
        """
        tokens = view.tokens
        out: list[tuple[int, int, str, float]] = []
        for index in range(len(view.sentences)):
            a, b = view.sentence_token_range(index)
            if a >= b:
                continue
            words = tokens.texts[a:b]
            kb = self.features.kb_annotate(words)
            labels = self._tag(words, kb)
            chunks = repair_entities(words, entities(to_bio(labels)), kb.tags, kb.proclitics, self.features,
                                     self._p_inside)
            for kind, s, e in chunks:
                conf = min(self.tagger.marginal(labels[k], k) for k in range(s, e))
                skip = kb.skips[s] if kb.tags[s].startswith("B-") else clitic_skip(words[s])
                start = tokens.spans[a + s][0] + skip
                out.append((start, tokens.spans[a + e - 1][1], kind, round(conf, 4)))
        return out


    def _p_inside(self, kind: str, k: int) -> float:
        """The marginal of I-<kind> at token k of the sentence last tagged (BILOU models: I- or L-)."""
        return float(sum(self.tagger.marginal(f"{p}-{kind}", k) for p in ("I", "L") if f"{p}-{kind}" in self._labels))


def to_bilou(tags: Sequence[str]) -> list[str]:
    """BIO → BILOU: a one-token entity is U-, an entity's last token L- (Ratinov & Roth 2009)."""
    bio = [*tags, "O"]
    out: list[str] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            out.append(tag)
            continue
        ends = bio[i + 1] != "I-" + tag[2:]
        prefix = tag[0] if not ends else "U" if tag.startswith("B-") else "L"
        out.append(prefix + tag[1:])
    return out


def to_bio(tags: Sequence[str]) -> list[str]:
    """BILOU (or BIO, unchanged) → BIO."""
    return ["B" + t[1:] if t.startswith("U-") else "I" + t[1:] if t.startswith("L-") else t for t in tags]


def clitic_skip(word: str) -> int:
    """Characters of proclitics before the article of an entity's first word ("والعراق" → 1, "بالعراق" → 1)."""
    for split in reversed(proclitic_splits(word)):
        if split.proclitics and split.has_article:
            return clitic_chars(word, split.proclitics)
    return 0


@lru_cache(maxsize=1)
def default_model() -> NerModel:
    """The shipped model with the default knowledge-base index, loaded once per process."""
    return NerModel.load()
