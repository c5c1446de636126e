"""The NER scorer: seqeval entity semantics, exact micro P/R/F1, spans mapped to whitespace tokens."""

from __future__ import annotations

import sys

import pytest

from marsad.errors import ModelError
from marsad.eval.conll import CorpusSentence
from marsad.eval.ner import entities, evaluate, full_system, score, spans_to_tags


def test_entities_follow_seqeval() -> None:
    assert entities(["B-PER", "I-PER", "O", "B-LOC"]) == [("PER", 0, 2), ("LOC", 3, 4)]
    assert entities(["O", "I-PER", "I-PER", "O"]) == [("PER", 1, 3)]  # I- without B- starts an entity
    assert entities(["B-PER", "I-LOC", "I-LOC"]) == [("PER", 0, 1), ("LOC", 1, 3)]  # a type change splits
    assert entities(["B-LOC", "I-LOC", "B-LOC"]) == [("LOC", 0, 2), ("LOC", 2, 3)]
    assert entities(["I-ORG", "B-ORG"]) == [("ORG", 0, 1), ("ORG", 1, 2)]
    assert entities(["B-MISC"]) == [("MISC", 0, 1)]
    assert entities(["O", "O"]) == []


def test_exact_micro_scores() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "O", "O"]]
    s = score(gold, pred)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 2, 2)
    assert s.overall.precision == pytest.approx(1 / 3)
    assert s.overall.recall == pytest.approx(1 / 3)
    assert s.overall.f1 == pytest.approx(1 / 3)
    assert s.by_type["PER"].f1 == 1.0
    assert (s.by_type["LOC"].recall, s.by_type["LOC"].precision) == (0.0, 0.0)
    assert (s.by_type["ORG"].tp, s.by_type["ORG"].fp, s.by_type["ORG"].fn) == (0, 2, 1)
    assert list(s.by_type) == ["PER", "ORG", "LOC"]
    assert (s.sentences, s.tokens) == (2, 7)


def test_seqeval_edge_cases_in_scores() -> None:
    # Gold I- without B- is an entity; a predicted type change mid-entity makes two wrong entities.
    gold = [["O", "I-PER", "I-PER"], ["B-ORG", "I-ORG", "I-ORG"]]
    pred = [["O", "B-PER", "I-PER"], ["B-ORG", "I-LOC", "I-LOC"]]
    s = score(gold, pred)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 2, 1)
    assert s.overall.precision == pytest.approx(1 / 3)
    assert s.overall.recall == pytest.approx(1 / 2)
    assert s.overall.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_empty_scores_are_zero_not_an_error() -> None:
    s = score([["O"]], [["O"]])
    assert (s.overall.precision, s.overall.recall, s.overall.f1) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        score([["O"]], [["O", "O"]])


def test_spans_map_to_whitespace_tokens_by_overlap() -> None:
    tokens = ["قال", "وبوتين", "في", "موسكو،", "ان"]
    text = " ".join(tokens)
    putin = text.index("بوتين")
    moscow = text.index("موسكو")
    spans = [(putin, putin + 5, "PER"), (moscow, moscow + 5, "LOC")]
    assert spans_to_tags(tokens, spans) == ["O", "B-PER", "O", "B-LOC", "O"]
    # one span over two tokens; a second span on an already claimed token is ignored
    assert spans_to_tags(tokens, [(0, 10, "ORG"), (5, 8, "PER")]) == ["B-ORG", "I-ORG", "O", "O", "O"]


def test_evaluate_runs_a_system_on_joined_tokens() -> None:
    sents = [CorpusSentence(["زار", "بوتين", "موسكو"], ["O", "B-PER", "B-LOC"], "t:1")]
    seen: list[str] = []

    def system(text: str) -> list[tuple[int, int, str]]:
        seen.append(text)
        return [(4, 9, "PER"), (10, 15, "ORG")]

    s = evaluate(sents, system)
    assert seen == ["زار بوتين موسكو"]
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 1, 1)


def test_full_system_without_the_recogniser_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "marsad.recognize.entities", None)
    with pytest.raises(ModelError, match="--system model"):
        full_system()
