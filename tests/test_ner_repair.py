from __future__ import annotations

from marsad.recognize.ner_repair import preposition_stem, repair_entities

NAME_WORDS = {"الاسد", "كوجر", "جمال"}
NISBAS = {"الليبي", "المصري"}


def repair(words: list[str], chunks: list[tuple[str, int, int]], kb: list[str] | None = None,
           proclitics: list[str] | None = None) -> list[tuple[str, int, int]]:
    n = len(words)
    return repair_entities(words, chunks, kb or ["O"] * n, proclitics or [""] * n,
                           NAME_WORDS.__contains__, NISBAS.__contains__)


def test_a_kb_name_read_through_a_preposition_ends_the_entity_before_it() -> None:
    words = ["عضو", "اللجنه", "الماليه", "جمال", "كوجر", "للاناضول", "ان"]
    kb = ["O", "O", "O", "O", "O", "B-ORG", "O"]
    pro = ["", "", "", "", "", "ل", ""]
    assert repair(words, [("ORG", 1, 6)], kb, pro) == [("ORG", 1, 5), ("ORG", 5, 6)]
    # a KB name read through a conjunction only is part of a coordination, not a new phrase: no cut
    assert repair(words, [("ORG", 1, 6)], kb, ["", "", "", "", "", "و", ""]) == [("ORG", 1, 6)]


def test_a_person_does_not_start_with_a_preposition_and_a_definite_noun() -> None:
    words = ["للاسعاف", "عبد", "القادر", "عبد", "الرحمن"]
    assert repair(words, [("PER", 0, 5)]) == [("PER", 1, 5)]
    # ... unless that word is a name word ("للأسد"), or has no article ("برونو" is not ب + رونو)
    assert repair(["للاسد", "بشار"], [("PER", 0, 2)]) == [("PER", 0, 2)]
    assert repair(["برونو", "موتان"], [("PER", 0, 2)]) == [("PER", 0, 2)]
    assert repair(["للاسعاف", "عبد"], [("ORG", 0, 2)]) == [("ORG", 0, 2)]


def test_a_kunya_takes_the_nisba_that_follows_it() -> None:
    words = ["عن", "ابو", "انس", "الليبي", "قوله"]
    assert repair(words, [("PER", 1, 3)]) == [("PER", 1, 4)]
    assert repair(["عن", "محمد", "انس", "الليبي"], [("PER", 1, 3)]) == [("PER", 1, 3)]
    assert repair(words, [("PER", 1, 3), ("LOC", 3, 4)]) == [("PER", 1, 3), ("LOC", 3, 4)]


def test_preposition_stem() -> None:
    assert preposition_stem("للاسعاف") == "الاسعاف"
    assert preposition_stem("وبالعراق") == "العراق"
    assert preposition_stem("والعراق") is None
