"""Boundary repairs of the statistical model's entities, for two errors a linear-chain CRF makes in news.

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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from marsad.text.clitics import PREPOSITIONS, proclitic_splits

Chunk = tuple[str, int, int]  # (type, first token, end token)


def preposition_stem(word: str) -> str | None:
    """The stem of a word read with a preposition among its proclitics ("للاسعاف" → "الاسعاف"), or None."""
    for split in proclitic_splits(word):
        if any(p in split.proclitics for p in PREPOSITIONS):
            return split.stem
    return None


_KUNYA = frozenset({"ابو", "ام", "وابو", "وام"})


def repair_entities(words: Sequence[str], chunks: Sequence[Chunk], kb_tags: Sequence[str],
                    kb_proclitics: Sequence[str], is_name_word: Callable[[str], bool],
                    is_nisba: Callable[[str], bool]) -> list[Chunk]:
    """The chunks with the three repairs above. `kb_tags` are the sentence's KB BIO tags,
    `kb_proclitics` the clitics each KB name's first token was read through; `is_name_word` tells a
    word that occurs in names (KB or lexicon) from an ordinary one; `is_nisba` a nisba adjective
    with its article ("الليبي")."""
    out: list[Chunk] = []
    taken = {k for _, s, e in chunks for k in range(s, e)}
    chunks = [(kind, s, e + 1) if kind == "PER" and words[s] in _KUNYA and e < len(words) and e not in taken
              and is_nisba(words[e]) else (kind, s, e) for kind, s, e in chunks]
    for kind, s, e in chunks:
        cut = next((k for k in range(s + 1, e) if kb_tags[k].startswith("B-")
                    and any(p in kb_proclitics[k] for p in PREPOSITIONS)), None)
        if cut is not None:
            end = cut + 1
            while end < e and kb_tags[end] == "I-" + kb_tags[cut][2:]:
                end += 1
            out.extend(_trim_person(words, (kind, s, cut), is_name_word))
            out.append((kb_tags[cut][2:], cut, end))
            if end < e:
                out.append((kind, end, e))
            continue
        out.extend(_trim_person(words, (kind, s, e), is_name_word))
    return out


def _trim_person(words: Sequence[str], chunk: Chunk, is_name_word: Callable[[str], bool]) -> list[Chunk]:
    kind, s, e = chunk
    if kind == "PER" and e - s >= 2:
        stem = preposition_stem(words[s])
        if stem is not None and stem.startswith("ال") and not is_name_word(stem):
            return [(kind, s + 1, e)]
    return [chunk]
