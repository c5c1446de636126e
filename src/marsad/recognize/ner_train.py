"""Training the NER model from the corpora (`marsad train ner`): reproducible given the seed.

Corpus sentences are converted to OUR tokens: the corpus tokens are joined with single spaces, the
text is normalised and tokenised with TOKEN_RE, and each corpus entity's label goes to the sub-tokens
of its tokens (B- on the first, I- on the rest) minus pure punctuation at the entity's edges
("ألمانيا،" → "المانيا" B-LOC, "،" O). The first corpus given is the newswire one: its last
`holdout_last` sentences are kept out of training and scored at the end (docs/ner.md).
"""

from __future__ import annotations

import json
import platform
import random
import re
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad import __version__
from marsad.errors import InputError
from marsad.eval.conll import CorpusSentence, read_corpus, split_last
from marsad.eval.ner import NerScores, entities, evaluate
from marsad.knowledge.index import KBIndex
from marsad.recognize.ner_features import FeatureConfig, FeatureExtractor, KBLexicons
from marsad.recognize.ner_lexicon import LexiconCounts, lexicon_path, write_lexicon
from marsad.text.normalize import normalize
from marsad.text.segment import tokenize

_PUNCT_RE = re.compile(r"^[^\w]+$")
# Clitics some corpora write as separate tokens (WikiFANE: "و الارسالية", "عمل ها"); news attaches them.
SEPARATE_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك"})
SEPARATE_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كن", "نا", "ني", "ي"})
_ARABIC_WORD_RE = re.compile(r"^[\u0621-\u064a]+$")


@dataclass(frozen=True, slots=True)
class Projected:
    """A corpus sentence as our tokens and their BIO labels (and where it came from: corpus, fold)."""

    tokens: list[str]
    labels: list[str]
    corpus: int = 0
    fold: int = 0


def project(sentence: CorpusSentence) -> Projected:
    """Our tokens of a corpus sentence, with the corpus labels projected by character overlap."""
    text = " ".join(sentence.tokens)
    norm = normalize(text)
    toks = tokenize(norm.text)
    starts: list[int] = []
    pos = 0
    for tok in sentence.tokens:
        starts.append(pos)
        pos += len(tok) + 1
    owner = [bisect_right(starts, norm.to_original_start(s)) - 1 for s, _ in toks.spans]
    labels = ["O"] * len(toks.texts)
    members: dict[int, list[int]] = {}
    for k, o in enumerate(owner):
        members.setdefault(o, []).append(k)
    for kind, first, last in entities(sentence.tags):
        sub = [k for o in range(first, last) for k in members.get(o, [])]
        while sub and _PUNCT_RE.match(toks.texts[sub[0]]):
            sub.pop(0)
        while sub and _PUNCT_RE.match(toks.texts[sub[-1]]):
            sub.pop()
        for n, k in enumerate(sub):
            labels[k] = ("B-" if n == 0 else "I-") + kind
    return Projected(toks.texts, labels)


def rejoin_clitics(sentence: CorpusSentence) -> CorpusSentence:
    """Attach clitics written as separate tokens to their word, as news text writes them."""
    tokens: list[str] = []
    tags: list[str] = []
    pending: tuple[str, str] | None = None  # a proclitic waiting for its word
    for tok, tag in zip(sentence.tokens, sentence.tags, strict=True):
        arabic = _ARABIC_WORD_RE.match(tok) is not None
        if pending is not None:
            p_tok, p_tag = pending
            pending = None
            if arabic and tok not in SEPARATE_PROCLITICS:
                if p_tag.startswith("B-") and tag == "I-" + p_tag[2:]:
                    tag = p_tag
                tokens.append(p_tok + tok)
                tags.append(tag)
                continue
            tokens.append(p_tok)
            tags.append(p_tag)
        if tok in SEPARATE_PROCLITICS:
            pending = (tok, tag)
        elif tok in SEPARATE_ENCLITICS and tokens and _ARABIC_WORD_RE.match(tokens[-1]):
            tokens[-1] += tok
        else:
            tokens.append(tok)
            tags.append(tag)
    if pending is not None:
        tokens.append(pending[0])
        tags.append(pending[1])
    return CorpusSentence(tokens, tags, sentence.source)


@dataclass(slots=True)
class TrainConfig:
    corpora: list[Path]
    out: Path
    command: str = ""  # the command line that ran this training, recorded in the card
    seed: int = 13
    holdout_last: float = 0.1
    dev_last: float = 0.0  # also keep the last fraction of the first corpus's training part out (tuning)
    c1: float = 0.05
    c2: float = 0.1
    max_iter: int = 200
    min_freq: float = 1.0
    rejoin: bool = True  # rejoin separated clitics in every corpus but the first
    lexicon: list[Path] = field(default_factory=list)  # corpora the name lexicon is learned from
    folds: int = 5  # training corpora that are also lexicon corpora get their lexicon feature jackknifed
    augment: bool = False  # corpora after the first get domain-specific copies of their features
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
            used, dev = split_last(used, config.dev_last)
        projected = [_with_fold(project(s), n, i * config.folds // max(1, len(used))) for i, s in enumerate(used)]
        described.append({"name": path.name, "sentences": len(used), "tokens": sum(len(s.tokens) for s in used),
                          "our_tokens": sum(len(p.tokens) for p in projected),
                          "held_out_sentences": len(holdout) if n == 0 else 0,
                          "dev_sentences": len(dev) if n == 0 else 0})
        train.extend(projected)
    random.Random(config.seed).shuffle(train)
    return Dataset(train, holdout, dev, described)


def _with_fold(p: Projected, corpus: int, fold: int) -> Projected:
    return Projected(p.tokens, p.labels, corpus, fold)


def build_lexicon(config: TrainConfig, data: Dataset) -> tuple[LexiconCounts, dict[tuple[int, int], LexiconCounts]]:
    """The name-word counts of the lexicon corpora, and per (training corpus, fold) the counts to leave
    out when that fold's features are computed (jackknifing: no sentence sees its own names)."""
    full = LexiconCounts()
    held: dict[tuple[int, int], LexiconCounts] = {}
    training = [p.resolve() for p in config.corpora]
    for path in config.lexicon:
        if path.resolve() in training:  # never read the holdout's own file again: it would leak
            n = training.index(path.resolve())
            for p in data.train:
                if p.corpus == n:
                    held.setdefault((n, p.fold), LexiconCounts()).add(p.tokens, p.labels)
                    full.add(p.tokens, p.labels)
        else:
            for s in _read(path, config.rejoin):
                p = project(s)
                full.add(p.tokens, p.labels)
    return full, held


def training_items(config: TrainConfig, data: Dataset, kb: KBLexicons | None, full: LexiconCounts,
                   held: dict[tuple[int, int], LexiconCounts]) -> Iterator[tuple[list[list[str]], list[str]]]:
    """Feature sequences and labels of the training sentences, in the dataset's order (streamed)."""
    use_lexicon = bool(config.lexicon) and config.features.name_lexicon
    base = FeatureExtractor(kb, config.features, full.lexicon() if use_lexicon else None)
    held = held if use_lexicon else {}
    jack = {key: FeatureExtractor(kb, config.features, full.subtract(c).lexicon()) for key, c in sorted(held.items())}
    for p in data.train:
        if not p.tokens:
            continue
        feats = jack.get((p.corpus, p.fold), base).sentence(p.tokens)
        if config.augment and p.corpus > 0:
            tag = f"d{p.corpus}~"
            feats = [[*f, *(tag + x for x in f)] for f in feats]
        yield feats, p.labels


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
        "domain_augmentation": config.augment,
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
    full, held = build_lexicon(config, data) if config.lexicon else (LexiconCounts(), {})
    rows = full.rows() if config.lexicon and config.features.name_lexicon else []
    lex_file = lexicon_path(config.out)
    if rows:
        write_lexicon(rows, lex_file)
    elif lex_file.exists():
        lex_file.unlink()
    card["name_lexicon"]["words"] = len(rows)
    _write_card(config.out, card)  # the features must be known when the model is loaded for scoring
    items = training_items(config, data, KBLexicons.of(index), full, held)
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


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _write_card(model: Path, card: dict[str, Any]) -> None:
    path = model.with_suffix(".json")
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
