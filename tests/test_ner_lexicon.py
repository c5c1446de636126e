"""The name-word lexicon learned from corpora, its jackknifing in training, and its file next to the model."""

from __future__ import annotations

from pathlib import Path

from marsad.knowledge.index import default_index
from marsad.recognize.ner_corpus import project
from marsad.recognize.ner_lexicon import LexiconCounts, lexicon_path, read_lexicon, word_keys, write_lexicon
from marsad.recognize.ner_model import NerModel
from marsad.recognize.ner_train import TrainConfig, build_lexicon, load_dataset, train

WIRE = Path(__file__).parent / "data" / "ner" / "wire.conll"


def test_lexicon_keeps_words_that_are_mostly_names() -> None:
    c = LexiconCounts()
    c.add(["قال", "فابريغاس", "في", "برشلونه"], ["O", "B-PER", "O", "B-ORG"])
    c.add(["وفابريغاس", "زار", "برشلونه", "،"], ["B-PER", "O", "B-LOC", "O"])
    c.add(["في", "برشلونه"], ["O", "O"])
    lex = c.lexicon()
    assert lex["فابريغاس"] == "PER"  # "وفابريغاس" counts for the clitic-free word
    assert "برشلونه" not in lex  # a name part in 2 of 3 occurrences, but no type has a majority
    assert "في" not in lex and "،" not in lex
    less = c.subtract(c)
    assert less.lexicon() == {}


def test_lexicon_file_roundtrip(tmp_path: Path) -> None:
    f = tmp_path / "x.lexicon.tsv"
    write_lexicon([("فابريغاس", "PER", 2), ("اهلي", "ORG", 5)], f)
    assert read_lexicon(f) == {"فابريغاس": "PER", "اهلي": "ORG"}
    assert lexicon_path(tmp_path / "m.crfsuite") == tmp_path / "m.lexicon.tsv"


def test_training_corpus_in_the_lexicon_is_jackknifed(tmp_path: Path) -> None:
    config = TrainConfig([WIRE], tmp_path / "m.crfsuite", holdout_last=0.0, lexicon=[WIRE], folds=3, max_iter=30)
    data = load_dataset(config)
    full, held = build_lexicon(config, data)
    assert sorted(held) == [(0, 0), (0, 1), (0, 2)]
    assert sum(sum(c.total.values()) for c in held.values()) == sum(full.total.values())
    card = train(config, default_index())
    assert card["name_lexicon"]["corpora"] == ["wire.conll"]
    assert lexicon_path(config.out).exists() == (card["name_lexicon"]["words"] > 0)
    model = NerModel.load(config.out)
    assert model.features.names == (read_lexicon(lexicon_path(config.out)) if card["name_lexicon"]["words"] else None)


def test_the_holdout_never_reaches_the_lexicon(tmp_path: Path) -> None:
    # the same corpus spelled another way is still recognised as the training corpus (jackknifed, holdout out)
    alias = WIRE.parent / ".." / "ner" / WIRE.name
    config = TrainConfig([WIRE], tmp_path / "m.crfsuite", holdout_last=0.25, lexicon=[alias], folds=2)
    data = load_dataset(config)
    full, held = build_lexicon(config, data)
    assert sorted(held) == [(0, 0), (0, 1)]
    seen = {k for p in data.train for w in p.tokens for k in word_keys(w)}
    unseen = {k for s in data.holdout for w in project(s).tokens for k in word_keys(w)} - seen
    assert unseen and not any(k in full.total for k in unseen)
