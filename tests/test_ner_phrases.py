"""Corpus names (multi-token names the training corpora annotate): counting, the share filter, matching
through clitics, the file next to the model, and jackknifing in training."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import ModelError
from marsad.knowledge.index import default_index
from marsad.recognize.ner_features import FeatureConfig, FeatureExtractor
from marsad.recognize.ner_model import NerModel
from marsad.recognize.ner_phrases import (
    CorpusName,
    PhraseCounts,
    corpus_name_tags,
    phrase_key,
    phrase_trie,
    phrases_path,
    read_phrases,
    write_phrases,
)
from marsad.recognize.ner_train import TrainConfig, build_phrases, load_dataset, train

WIRE = Path(__file__).parent / "data" / "ner" / "wire.conll"


def _counts() -> PhraseCounts:
    sentences = [
        (["فاز", "الوداد", "البيضاوي", "علي", "الرجاء"], ["O", "B-ORG", "I-ORG", "O", "B-ORG"]),
        (["امام", "والوداد", "البيضاوي", "."], ["O", "B-ORG", "I-ORG", "O"]),
        (["الرجاء", "في", "الرجاء"], ["O", "O", "B-ORG"]),
        (["الرجاء", "كبير"], ["O", "O"]),
    ]
    c = PhraseCounts()
    for toks, labs in sentences:
        c.add_names(toks, labs)
    trie = c.candidates()
    for toks, _ in sentences:
        c.add_occurrences(toks, trie)
    return c


def test_names_are_kept_by_count_and_share() -> None:
    rows = {r.tokens: r for r in _counts().rows()}
    club = rows[("الوداد", "البيضاوي")]  # "والوداد" counts for the clitic-free name
    assert (club.type, club.names, club.occurrences, club.strength) == ("ORG", 2, 2, "h")
    # a single word needs two names and a share ≥ MIN_SHARE: الرجاء is a name in 2 of 5 occurrences
    assert rows[("الرجاء",)].strength == "m"
    assert phrase_key(["وللمغرب", "الفاسي"]) == ("المغرب", "الفاسي")
    assert _counts().subtract(_counts()).rows() == []


def test_tags_match_through_clitics() -> None:
    trie = phrase_trie(_counts().rows())
    tags = corpus_name_tags(["وواجه", "والوداد", "البيضاوي", "فريق", "الرجاء"], trie)
    assert tags == ["O", "B-ORG|h", "I-ORG|h", "O", "B-ORG|m"]
    ex = FeatureExtractor(None, FeatureConfig(gazetteer=False), phrases=trie)
    feats = ex.sentence(["والوداد", "البيضاوي"])
    assert "cn=B-ORG|h" in feats[0] and "cn1=I-ORG|h" in feats[0] and "cn-1=B-ORG|h" in feats[1]
    assert FeatureExtractor(None, FeatureConfig(corpus_names=False), phrases=trie).phrases is None  # off


def test_phrase_file_roundtrip_and_validation(tmp_path: Path) -> None:
    f = phrases_path(tmp_path / "m.crfsuite")
    assert f == tmp_path / "m.phrases.tsv"
    rows = [CorpusName(("الوداد", "البيضاوي"), "ORG", 2, 2), CorpusName(("رالي",), "MISC", 3, 7)]
    write_phrases(rows, f)
    assert read_phrases(f) == rows
    for bad in ("رالي\tEVENT\t1\t2", "رالي\tMISC\t3\t2", "رالي\tMISC\tx\t2", "رالي\tMISC\t1"):
        f.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(ModelError, match=":1:"):
            read_phrases(f)


def test_training_corpus_names_are_jackknifed_and_shipped(tmp_path: Path) -> None:
    config = TrainConfig([WIRE], tmp_path / "m.crfsuite", holdout_last=0.25, lexicon=[WIRE], folds=3,
                         max_iter=30, features=FeatureConfig(corpus_names=True))
    data = load_dataset(config)
    full, held = build_phrases(config, data)
    assert sorted(held) == [(0, 0), (0, 1), (0, 2)]
    assert sum(full.names.values()) == sum(sum(c.names.values()) for c in held.values())
    card = train(config, default_index())
    assert card["corpus_names"] == len(full.rows()) > 0 and card["features"]["corpus_names"]
    model = NerModel.load(config.out)
    assert model.features.phrases is not None
    assert model.features.phrases.size == len(read_phrases(phrases_path(config.out)))
