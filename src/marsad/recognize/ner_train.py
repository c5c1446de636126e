"""Training the NER model from the corpora (`marsad train ner`): reproducible given the seed.

Corpus sentences are converted to OUR tokens (`ner_corpus.project`). The first corpus given is the
newswire one: its last `holdout_last` sentences are kept out of training and scored at the end, and
`dev_last` of the rest can be kept out for tuning (docs/ner.md). The name lexicon, the corpus names
and the word clusters are built from the training text and written next to the model.
"""

from __future__ import annotations

import json
import platform
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad import __version__
from marsad.errors import InputError
from marsad.eval.conll import CorpusSentence, read_corpus, split_last
from marsad.eval.ner import NerScores, evaluate
from marsad.knowledge.index import KBIndex
from marsad.recognize.ner_cluster_build import build_clusters
from marsad.recognize.ner_clusters import GRANULARITIES, WordClass, clusters_path, write_clusters
from marsad.recognize.ner_corpus import Projected, project, rejoin_clitics
from marsad.recognize.ner_features import FeatureConfig, FeatureExtractor, KBLexicons
from marsad.recognize.ner_lexicon import LexiconCounts, lexicon_path, write_lexicon
from marsad.recognize.ner_model import to_bilou
from marsad.recognize.ner_phrases import PhraseCounts, phrase_trie, phrases_path, write_phrases


@dataclass(slots=True)
class TrainConfig:
    corpora: list[Path]
    out: Path
    command: str = ""  # the command line that ran this training, recorded in the card
    seed: int = 13
    holdout_last: float = 0.1
    dev_last: float = 0.0  # also keep the last fraction of the first corpus's training part out (tuning)
    dev_block: int = 0  # ... or the block of that size before it (1: the one before the last; cross-validation)
    c1: float = 0.05
    c2: float = 0.1
    max_iter: int = 200
    min_freq: float = 1.0
    rejoin: bool = True  # rejoin separated clitics in every corpus but the first
    lexicon: list[Path] = field(default_factory=list)  # corpora the name lexicon is learned from
    clusters: list[Path] = field(default_factory=list)  # corpora whose text the word clusters come from
    folds: int = 5  # training corpora that are also lexicon corpora get their lexicon feature jackknifed
    augment: bool = False  # corpora after the first get domain-specific copies of their features
    bilou: bool = False  # train on BILOU labels (unit-length and last tokens of entities labelled apart)
    features: FeatureConfig = field(default_factory=FeatureConfig)

    def params(self) -> dict[str, Any]:
        return {"c1": self.c1, "c2": self.c2, "max_iterations": self.max_iter,
                "feature.minfreq": self.min_freq, "feature.possible_transitions": True}


@dataclass(slots=True)
class Dataset:
    """Training sentences (in a fixed, seeded order), the holdout (and dev part) of the first corpus."""

    train: list[Projected]
    holdout: list[CorpusSentence]
    dev: list[CorpusSentence]
    corpora: list[dict[str, Any]]


def _read(path: Path, rejoin: bool) -> list[CorpusSentence]:
    sentences = read_corpus(path)
    return [rejoin_clitics(s) for s in sentences] if rejoin else sentences


def load_dataset(config: TrainConfig) -> Dataset:
    if not config.corpora:
        raise InputError("give at least one --corpus")
    train: list[Projected] = []
    holdout: list[CorpusSentence] = []
    dev: list[CorpusSentence] = []
    described: list[dict[str, Any]] = []
    for n, path in enumerate(config.corpora):
        used = _read(path, config.rejoin and n > 0)
        if n == 0:
            used, holdout = split_last(used, config.holdout_last)
            used, dev = split_dev(used, config.dev_last, config.dev_block)
        projected = [_with_fold(project(s), n, i * config.folds // max(1, len(used))) for i, s in enumerate(used)]
        described.append({"name": path.name, "sentences": len(used), "tokens": sum(len(s.tokens) for s in used),
                          "our_tokens": sum(len(p.tokens) for p in projected),
                          "held_out_sentences": len(holdout) if n == 0 else 0,
                          "dev_sentences": len(dev) if n == 0 else 0})
        train.extend(projected)
    random.Random(config.seed).shuffle(train)
    return Dataset(train, holdout, dev, described)


def split_dev(sentences: list[CorpusSentence], fraction: float,
              block: int = 0) -> tuple[list[CorpusSentence], list[CorpusSentence]]:
    """(the rest, the dev split): the last `fraction` of the sentences, or the `block`-th block of that
    size counted from the end (block 0 is the last one)."""
    size = round(len(sentences) * fraction)
    end = len(sentences) - block * size
    if size and end - size < 0:
        raise InputError(f"no dev block {block} of {size} sentences in {len(sentences)}")
    return sentences[:end - size] + sentences[end:], sentences[end - size:end]


def _with_fold(p: Projected, corpus: int, fold: int) -> Projected:
    return Projected(p.tokens, p.labels, corpus, fold)


Fold = tuple[int, int]  # (training corpus, jackknife fold)


def lexicon_sentences(config: TrainConfig, data: Dataset) -> list[tuple[Fold | None, Projected]]:
    """The sentences of the lexicon corpora; those of a training corpus with their (corpus, fold), so
    their counts can be left out of that fold's features (jackknifing: no sentence sees its own names)."""
    out: list[tuple[Fold | None, Projected]] = []
    training = [p.resolve() for p in config.corpora]
    for path in config.lexicon:
        if path.resolve() in training:  # never read the holdout's own file again: it would leak
            n = training.index(path.resolve())
            out.extend(((n, p.fold), p) for p in data.train if p.corpus == n)
        else:
            out.extend((None, project(s)) for s in _read(path, config.rejoin))
    return out


def cluster_text(config: TrainConfig, data: Dataset) -> Iterator[list[str]]:
    """Our tokens of the cluster corpora; of a training corpus, only its training part (never the
    holdout or the dev split: their text must not shape the features they are scored with)."""
    training = [p.resolve() for p in config.corpora]
    for path in config.clusters:
        if path.resolve() in training:
            n = training.index(path.resolve())
            yield from (p.tokens for p in data.train if p.corpus == n)
        else:
            yield from (project(s).tokens for s in _read(path, config.rejoin))


def build_lexicon(config: TrainConfig, data: Dataset) -> tuple[LexiconCounts, dict[Fold, LexiconCounts]]:
    """The name-word counts of the lexicon corpora, and per (training corpus, fold) the counts to leave
    out when that fold's features are computed."""
    full = LexiconCounts()
    held: dict[Fold, LexiconCounts] = {}
    for fold, p in lexicon_sentences(config, data):
        full.add(p.tokens, p.labels)
        if fold is not None:
            held.setdefault(fold, LexiconCounts()).add(p.tokens, p.labels)
    return full, held


def build_phrases(config: TrainConfig, data: Dataset) -> tuple[PhraseCounts, dict[Fold, PhraseCounts]]:
    """The corpus-name counts of the lexicon corpora (names, then occurrences), jackknifed as the words."""
    sentences = lexicon_sentences(config, data)
    full = PhraseCounts()
    held: dict[Fold, PhraseCounts] = {}
    for fold, p in sentences:
        full.add_names(p.tokens, p.labels)
        if fold is not None:
            held.setdefault(fold, PhraseCounts()).add_names(p.tokens, p.labels)
    trie = full.candidates()
    for fold, p in sentences:
        full.add_occurrences(p.tokens, trie)
        if fold is not None:
            held[fold].add_occurrences(p.tokens, trie)
    return full, held


@dataclass(slots=True)
class CorpusKnowledge:
    """What the features learn from the annotated corpora: name words and names, in full and, per
    jackknife fold of a training corpus, the counts to leave out."""

    words: LexiconCounts = field(default_factory=LexiconCounts)
    held_words: dict[Fold, LexiconCounts] = field(default_factory=dict)
    phrases: PhraseCounts = field(default_factory=PhraseCounts)
    held_phrases: dict[Fold, PhraseCounts] = field(default_factory=dict)
    clusters: dict[str, WordClass] = field(default_factory=dict)

    @classmethod
    def build(cls, config: TrainConfig, data: Dataset) -> CorpusKnowledge:
        out = cls()
        if config.lexicon and config.features.name_lexicon:
            out.words, out.held_words = build_lexicon(config, data)
        if config.lexicon and config.features.corpus_names:
            out.phrases, out.held_phrases = build_phrases(config, data)
        if config.clusters and (config.features.clusters or config.features.rarity):
            out.clusters = build_clusters(cluster_text(config, data), config.seed)
        return out

    def extractor(self, kb: KBLexicons | None, features: FeatureConfig, fold: Fold | None = None) -> FeatureExtractor:
        """The feature extractor of one fold (None: everything, as the shipped model sees it)."""
        words, phrases = self.words, self.phrases
        if fold is not None and fold in self.held_words:
            words = words.subtract(self.held_words[fold])
        if fold is not None and fold in self.held_phrases:
            phrases = phrases.subtract(self.held_phrases[fold])
        return FeatureExtractor(kb, features, words.lexicon() if features.name_lexicon else None,
                                phrase_trie(phrases.rows()) if features.corpus_names else None,
                                self.clusters if features.clusters or features.rarity else None)


def training_items(config: TrainConfig, data: Dataset, kb: KBLexicons | None,
                   known: CorpusKnowledge) -> Iterator[tuple[list[list[str]], list[str]]]:
    """Feature sequences and labels of the training sentences, in the dataset's order (streamed)."""
    base = known.extractor(kb, config.features)
    folds = sorted({*known.held_words, *known.held_phrases})
    jack = {fold: known.extractor(kb, config.features, fold) for fold in folds}
    for p in data.train:
        if not p.tokens:
            continue
        feats = jack.get((p.corpus, p.fold), base).sentence(p.tokens)
        if config.augment and p.corpus > 0:
            tag = f"d{p.corpus}~"
            feats = [[*f, *(tag + x for x in f)] for f in feats]
        yield feats, to_bilou(p.labels) if config.bilou else p.labels


def train_crf(items: Iterable[tuple[list[list[str]], list[str]]], params: dict[str, Any], out: Path) -> float:
    """Train a CRF on feature sequences and write it to `out`; returns the training time in seconds."""
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels in items:
        trainer.append(feats, labels)
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return time.perf_counter() - started


def score_model(path: Path, sentences: Sequence[CorpusSentence], index: KBIndex) -> NerScores:
    from marsad.eval.ner import model_system

    return evaluate(sentences, model_system(str(path), index))


def _card(config: TrainConfig, data: Dataset, index: KBIndex) -> dict[str, Any]:
    return {
        "model": config.out.name, "marsad": __version__, "kind": "crfsuite linear-chain CRF, BIO over PER/ORG/LOC/MISC",
        "tokens": "TOKEN_RE over the normalised text (clitics attached, punctuation split)",
        "corpora": data.corpora, "training_sentences": len(data.train),
        "training_tokens": sum(len(p.tokens) for p in data.train),
        "holdout": {"corpus": config.corpora[0].name, "last_fraction": config.holdout_last,
                    "sentences": len(data.holdout)},
        "features": config.features.to_json(), "rejoin_clitics": config.rejoin,
        "name_lexicon": {"corpora": [p.name for p in config.lexicon], "jackknife_folds": config.folds},
        "domain_augmentation": config.augment, "labels": "BILOU" if config.bilou else "BIO",
        "kb": {"targets": len(index.targets), "aliases": index.names.size},
        "hyperparameters": {**config.params(), "algorithm": "lbfgs"}, "seed": config.seed,
        "python_crfsuite": _version("python-crfsuite"), "machine": platform.machine(),
    }


def train(config: TrainConfig, index: KBIndex) -> dict[str, Any]:
    """Train, save the model, its name lexicon and its card, score the holdout; returns the card."""
    data = load_dataset(config)
    card = _card(config, data, index)
    if config.command:
        card["command"] = config.command
    config.out.parent.mkdir(parents=True, exist_ok=True)
    known = CorpusKnowledge.build(config, data)
    _write_side_files(config, known, card)
    _write_card(config.out, card)  # the features must be known when the model is loaded for scoring
    items = training_items(config, data, KBLexicons.of(index), known)
    card["training_seconds"] = round(train_crf(items, config.params(), config.out), 1)
    card["size_bytes"] = config.out.stat().st_size
    scores: dict[str, Any] = {}
    if data.dev:
        scores["dev"] = score_model(config.out, data.dev, index).to_json()
    if data.holdout:
        scores["holdout"] = score_model(config.out, data.holdout, index).to_json()
    card["scores"] = scores
    _write_card(config.out, card)
    return card


def _write_side_files(config: TrainConfig, known: CorpusKnowledge, card: dict[str, Any]) -> None:
    """Write what the model reads next to it (name lexicon, corpus names, word clusters), remove stale
    ones of features that are off, and record their sizes in the card."""
    words, phrases = known.words.rows(), known.phrases.rows()
    files: list[tuple[Path, bool, Callable[[Path], None]]] = [
        (lexicon_path(config.out), bool(words), lambda path: write_lexicon(words, path)),
        (phrases_path(config.out), bool(phrases), lambda path: write_phrases(phrases, path)),
        (clusters_path(config.out), bool(known.clusters), lambda path: write_clusters(known.clusters, path)),
    ]
    for path, present, write in files:
        if present:
            write(path)
        elif path.exists():
            path.unlink()
    card["name_lexicon"]["words"] = len(words)
    card["corpus_names"] = len(phrases)
    card["clusters"] = {"corpora": [p.name for p in config.clusters], "levels": list(GRANULARITIES),
                        "words": len(known.clusters), "seed": config.seed}


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _write_card(model: Path, card: dict[str, Any]) -> None:
    path = model.with_suffix(".json")
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
