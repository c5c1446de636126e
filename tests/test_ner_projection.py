"""Corpus labels projected onto OUR tokens (normalised text, TOKEN_RE: clitics attached, punctuation split)."""

from __future__ import annotations

from marsad.eval.conll import CorpusSentence
from marsad.recognize.ner_corpus import project, rejoin_clitics


def _project(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    s = CorpusSentence([t for t, _ in pairs], [g for _, g in pairs], "test")
    p = project(s)
    return list(zip(p.tokens, p.labels, strict=True))


def test_punctuation_at_an_entity_edge_gets_o() -> None:
    assert _project([("زار", "O"), ("لأفغانستان؛", "B-LOC"), ("(بوتين)", "B-PER")]) == [
        ("زار", "O"), ("لافغانستان", "B-LOC"), ("؛", "O"), ("(", "O"), ("بوتين", "B-PER"), (")", "O")]


def test_multi_token_entity_keeps_inner_tokens_and_drops_final_comma() -> None:
    assert _project([("للأمم", "B-ORG"), ("المتحدة،", "I-ORG"), ("قال", "O")]) == [
        ("للامم", "B-ORG"), ("المتحده", "I-ORG"), ("،", "O"), ("قال", "O")]


def test_clitics_stay_attached_and_labels_survive_normalisation() -> None:
    # diacritics and tatweel disappear from the normalised text; offsets still find the owning token
    assert _project([("وَمُحَمَّد", "B-PER"), ("عـلي", "I-PER"), ("في", "O"), ("بغداد.", "B-LOC")]) == [
        ("ومحمد", "B-PER"), ("علي", "I-PER"), ("في", "O"), ("بغداد", "B-LOC"), (".", "O")]


def test_inner_punctuation_of_a_name_stays_inside() -> None:
    assert _project([("أ.ف.ب", "B-ORG")]) == [("ا", "B-ORG"), (".", "I-ORG"), ("ف", "I-ORG"), (".", "I-ORG"),
                                            ("ب", "I-ORG")]


def test_numbers_and_an_entity_of_one_token_split_in_several() -> None:
    assert _project([("مجلس", "B-ORG"), ("الأمن1706", "I-ORG"), ("،", "O")]) == [
        ("مجلس", "B-ORG"), ("الامن1706", "I-ORG"), ("،", "O")]


def test_rejoin_separated_clitics() -> None:
    s = CorpusSentence(["و", "الارسالية", "الكاثوليكية", "عمل", "ها", "و", "قدمت"],
                       ["B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"], "w")
    r = rejoin_clitics(s)
    assert r.tokens == ["والارسالية", "الكاثوليكية", "عملها", "وقدمت"]
    assert r.tags == ["B-ORG", "I-ORG", "O", "O"]
    # a proclitic before punctuation or at the end stays a token
    r2 = rejoin_clitics(CorpusSentence(["و", "،", "ب"], ["O", "O", "O"], "w"))
    assert r2.tokens == ["و", "،", "ب"]
