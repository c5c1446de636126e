from __future__ import annotations

from marsad.recognize.ner_repair import preposition_stem, repair_entities


class Words:
    persons = frozenset({"الاسد", "كوجر", "جمال", "سعود", "ربيع", "اسامه", "جي"})
    places = frozenset({"السويس"})

    def is_name_word(self, word: str) -> bool:
        return word in self.persons | self.places

    def is_person_word(self, word: str) -> bool:
        return word in self.persons

    def is_title_word(self, word: str) -> bool:
        return word in {"الملك", "الرئيس"}

    def is_nisba(self, word: str) -> bool:
        return word in {"الليبي", "المصري"}


def repair(words: list[str], chunks: list[tuple[str, int, int]], kb: list[str] | None = None,
           proclitics: list[str] | None = None, inside: float | None = None) -> list[tuple[str, int, int]]:
    n = len(words)
    return repair_entities(words, chunks, kb or ["O"] * n, proclitics or [""] * n, Words(),
                           None if inside is None else lambda kind, k: inside)


def test_a_kb_name_read_through_a_preposition_ends_the_entity_before_it() -> None:
    words = ["عضو", "اللجنه", "الماليه", "جمال", "كوجر", "للاناضول", "ان"]
    kb = ["O", "O", "O", "O", "O", "B-ORG", "O"]
    pro = ["", "", "", "", "", "ل", ""]
    assert repair(words, [("ORG", 1, 6)], kb, pro) == [("ORG", 1, 3), ("PER", 3, 5), ("ORG", 5, 6)]
    assert repair(["الاتحاد", "الدولي", "للاناضول"], [("ORG", 0, 3)], ["O", "O", "B-ORG"], ["", "", "ل"]) == [
        ("ORG", 0, 2), ("ORG", 2, 3)]
    # a KB name read through a conjunction only is part of a coordination, not a new phrase: no cut
    assert repair(["الاتحاد", "الدولي", "والاناضول"], [("ORG", 0, 3)], ["O", "O", "B-ORG"], ["", "", "و"]) == [
        ("ORG", 0, 3)]


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


def test_a_given_name_takes_the_next_word_when_the_model_half_agrees() -> None:
    words = ["الفريق", "اسامه", "ربيع", "،"]
    assert repair(words, [("PER", 1, 2)], inside=0.45) == [("PER", 1, 3)]
    assert repair(words, [("PER", 1, 2)], inside=0.1) == [("PER", 1, 2)]
    assert repair(["في", "السويس", "امس"], [("PER", 1, 2)], inside=0.9) == [("PER", 1, 2)]  # no person word


def test_an_organisation_ends_where_a_person_named_after_a_definite_word_begins() -> None:
    words = ["عضو", "اللجنه", "الماليه", "جمال", "كوجر", "ان"]
    assert repair(words, [("ORG", 1, 5)]) == [("ORG", 1, 3), ("PER", 3, 5)]
    # a body named after a person through a title, or in construct, keeps the name
    assert repair(["جامعه", "الملك", "سعود"], [("ORG", 0, 3)]) == [("ORG", 0, 3)]
    assert repair(["مؤسسه", "جمال", "كوجر"], [("ORG", 0, 3)]) == [("ORG", 0, 3)]
    # a lone or two-letter word is no person's full name ("الكورية إل جي")
    assert repair(["الشركه", "الكوريه", "ال", "جي"], [("ORG", 0, 4)]) == [("ORG", 0, 4)]
    assert repair(["اللجنه", "الماليه", "جمال"], [("ORG", 0, 3)]) == [("ORG", 0, 3)]


def test_preposition_stem() -> None:
    assert preposition_stem("للاسعاف") == "الاسعاف"
    assert preposition_stem("وبالعراق") == "العراق"
    assert preposition_stem("والعراق") is None
