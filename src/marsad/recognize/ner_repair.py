"""Boundary repairs of the statistical model's entities, for errors a linear-chain CRF makes in news.

1. It chains a name into the knowledge-base name that follows it through a preposition ("عضو اللجنة
   المالية جمال كوجر للأناضول" as one organisation): a preposition starts a new phrase, so a KB name read
   through one ("ل" + "الأناضول") inside a longer entity ends that entity, and stands as its own, with
   the KB's type.
2. It starts a person's name at the word before it when that word is a preposition and a definite noun
   ("للإسعاف عبد القادر عبد الرحمن"): a person's name does not begin with such a word unless it is a
   name word itself ("للأسد"), so it is dropped. (Without the article the reading is unsafe: "برتران",
   "برونو" read as ب + a stem.)
3. It leaves out the nisba of a nom de guerre ("أبو أنس" + "الليبي"), which belongs to the name (news
   and ANERcorp treat "أبو أنس الليبي" as one name): a kunya followed by a nisba takes it in.
4. It stops a person's name after a given name when the family name is also an ordinary word ("الفريق
   أسامة ربيع": ربيع is "spring"): news names a person by a given name alone almost never, so a
   one-word person whose word occurs in persons' names takes the next word in when the model itself
   gives that word at least MIN_INSIDE probability of continuing the name.
5. It runs an organisation into the person named after it ("عضو اللجنة المالية جمال كوجر"): a bare
   person's name word right after a definite word cannot be part of the organisation's name (a body
   named after a person takes the name in construct, "مؤسسة محمد", or after a title, "جامعة الملك
   سعود"), so the organisation ends there and the person begins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from marsad.text.clitics import has_preposition, proclitic_splits

Chunk = tuple[str, int, int]  # (type, first token, end token)


def preposition_stem(word: str) -> str | None:
    """The stem of a word read with a preposition among its proclitics ("للاسعاف" → "الاسعاف"), or None."""
    for split in proclitic_splits(word):
        if has_preposition(split.proclitics):
            return split.stem
    return None


class NameWords(Protocol):
    """What the repairs need to know about words (the model's feature extractor answers it)."""

    def is_name_word(self, word: str) -> bool: ...  # occurs in names (KB or lexicon)
    def is_person_word(self, word: str) -> bool: ...  # occurs in persons' names
    def is_title_word(self, word: str) -> bool: ...  # a title's first word ("الملك", "الرئيس")
    def is_nisba(self, word: str) -> bool: ...  # a nisba with its article ("الليبي")


_KUNYA = frozenset({"ابو", "ام", "وابو", "وام"})
MIN_INSIDE = 0.3


def repair_entities(words: Sequence[str], chunks: Sequence[Chunk], kb_tags: Sequence[str],
                    kb_proclitics: Sequence[str], lexicon: NameWords,
                    p_inside: Callable[[str, int], float] | None = None) -> list[Chunk]:
    """The chunks with the repairs above. `kb_tags` are the sentence's KB BIO tags, `kb_proclitics`
    the clitics each KB name's first token was read through; `p_inside(type, k)` the model's
    probability that token k continues a name of that type (its I- marginal)."""
    taken = {k for _, s, e in chunks for k in range(s, e)}
    out: list[Chunk] = []
    for chunk in chunks:
        for part in _person_after_organisation(words, _kunya_takes_nisba(words, chunk, taken, lexicon), lexicon):
            if p_inside is not None:
                part = _given_name_continues(words, part, taken, lexicon, p_inside)
            out.extend(_trim_person(words, piece, lexicon) for piece in _split_at_kb_name(part, kb_tags, kb_proclitics))
    return out


def _split_at_kb_name(chunk: Chunk, kb_tags: Sequence[str], kb_proclitics: Sequence[str]) -> list[Chunk]:
    """Repair 1: the entity ends before a KB name read through a preposition, which stands on its own."""
    kind, s, e = chunk
    cut = next((k for k in range(s + 1, e) if kb_tags[k].startswith("B-")
                and has_preposition(kb_proclitics[k])), None)
    if cut is None:
        return [chunk]
    end = cut + 1
    while end < e and kb_tags[end] == "I-" + kb_tags[cut][2:]:
        end += 1
    return [(kind, s, cut), (kb_tags[cut][2:], cut, end), *([(kind, end, e)] if end < e else [])]


def _trim_person(words: Sequence[str], chunk: Chunk, lexicon: NameWords) -> Chunk:
    """Repair 2: a person's name does not start with a preposition + definite noun that is no name word."""
    kind, s, e = chunk
    if kind == "PER" and e - s >= 2:
        stem = preposition_stem(words[s])
        if stem is not None and stem.startswith("ال") and not lexicon.is_name_word(stem):
            return (kind, s + 1, e)
    return chunk


def _kunya_takes_nisba(words: Sequence[str], chunk: Chunk, taken: set[int], lexicon: NameWords) -> Chunk:
    """Repair 3: "أبو أنس" + "الليبي"."""
    kind, s, e = chunk
    if kind == "PER" and words[s] in _KUNYA and e < len(words) and e not in taken and lexicon.is_nisba(words[e]):
        return (kind, s, e + 1)
    return chunk


def _given_name_continues(words: Sequence[str], chunk: Chunk, taken: set[int], lexicon: NameWords,
                          p_inside: Callable[[str, int], float]) -> Chunk:
    """Repair 4: a lone given name takes the next word when the model half agrees ("أسامة ربيع")."""
    kind, s, e = chunk
    if kind == "PER" and e == s + 1 and e < len(words) and e not in taken and words[e].isalpha() \
            and lexicon.is_person_word(words[s]) and p_inside(kind, e) >= MIN_INSIDE:
        return (kind, s, e + 1)
    return chunk


def _person_after_organisation(words: Sequence[str], chunk: Chunk, lexicon: NameWords) -> list[Chunk]:
    """Repair 5: "اللجنة المالية" | "جمال كوجر"."""
    kind, s, e = chunk
    if kind != "ORG":
        return [chunk]
    for k in range(s + 1, e - 1):  # the person's part is a full name: two words at least
        before = words[k - 1]
        if not words[k].startswith("ال") and len(words[k]) >= 3 and before.startswith("ال") \
                and not lexicon.is_title_word(before) and lexicon.is_person_word(words[k]):
            return [("ORG", s, k), ("PER", k, e)]
    return [chunk]
