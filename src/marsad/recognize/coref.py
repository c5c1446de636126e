"""In-document coreference of names.

- A later part of a person's name refers to that person: after "إمام علي رحمون", a bare "رحمون"
  (also "ورحمون") is the same entity, even for people the knowledge base does not know.
- A definite head noun refers back to the last organisation named with it: after
  "منظمة معاهدة الأمن الجماعي", "المنظمة" (and "للمنظمة") is the CSTO.
- Mentions of one entity share a cluster number (order of first appearance).
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.knowledge.index import KBIndex
from marsad.recognize.mentions import Found, pattern_lexicon
from marsad.text.clitics import proclitic_splits
from marsad.text.lexicon import function_words
from marsad.text.phrases import candidate_positions, clitic_chars

_MIN_NAME_PART = 4  # shorter name parts are too often ordinary words


def _covered(found: list[Found], n_tokens: int) -> list[bool]:
    mask = [False] * n_tokens
    for f in found:
        for k in range(f.first, f.last):
            mask[k] = True
    return mask


def _name_part_keys(texts: Sequence[str], found: list[Found], index: KBIndex) -> dict[str, Found]:
    """Last tokens of multi-token person names (the family name a second mention uses)."""
    fw = function_words()
    keys: dict[str, Found] = {}
    for f in found:
        if f.type != "PER" or f.last - f.first < 2:
            continue
        part = texts[f.last - 1]
        if len(part) >= _MIN_NAME_PART and part not in fw and part not in index.nisbas and part not in keys:
            keys[part] = f
    return keys


def add_coreferent_mentions(index: KBIndex, texts: Sequence[str], spans: Sequence[tuple[int, int]],
                            sentence_ranges: Sequence[tuple[int, int]], found: list[Found],
                            headline: tuple[int, int] | None = None) -> list[Found]:
    """New mentions for name parts and definite organisation heads. A name part refers back to an
    earlier full name; in the headline (`headline` token range) it may refer ahead to the body."""
    keys = _name_part_keys(texts, found, index)
    heads = pattern_lexicon().heads
    covered = _covered(found, len(texts))
    added: list[Found] = []
    ordered = sorted(found, key=lambda f: f.first)
    wanted = set(keys) | {"ال" + h for h in heads}
    for a, b in sentence_ranges:
        for i in candidate_positions(texts, wanted, a, b):
            if covered[i]:
                continue
            for split in proclitic_splits(texts[i]):
                antecedent = keys.get(split.stem)
                in_headline = headline is not None and headline[0] <= i < headline[1]
                if antecedent is not None and (antecedent.first < i or in_headline):
                    skip = clitic_chars(texts[i], split.proclitics)
                    added.append(_copy(antecedent, i, spans, skip, "coref:name-part"))
                    break
                if split.has_article and split.bare in heads:
                    antecedent = _last_org_with_head(index, ordered, texts, i, split.bare)
                    if antecedent is not None:
                        added.append(_copy(antecedent, i, spans, clitic_chars(texts[i], split.proclitics),
                                            f"coref:definite-{split.bare}"))
                        break
    return added


def _last_org_with_head(index: KBIndex, ordered: list[Found], texts: Sequence[str], i: int,
                        head: str) -> Found | None:
    best = None
    for f in ordered:
        if f.first >= i:
            break
        if f.type == "ORG" and any(s.stem == head for s in proclitic_splits(texts[f.first])):
            best = f
    return best


def _copy(antecedent: Found, i: int, spans: Sequence[tuple[int, int]], skip: int, rule: str) -> Found:
    return Found(i, i + 1, spans[i][0] + skip, spans[i][1], antecedent.type, "pattern", rule,
                 antecedent.candidates, antecedent.target, "coreferent", antecedent.cluster, antecedent.role)


def assign_clusters(found: list[Found], texts: Sequence[str]) -> None:
    """One cluster per linked record, or per distinct surface of an unlinked name."""
    clusters: dict[str, int] = {}
    for f in sorted(found, key=lambda f: f.first):
        key = f.target or (f.type + ":" + " ".join(texts[f.first : f.last]))
        if f.cluster >= 0 and not f.target:
            continue
        f.cluster = clusters.setdefault(key, len(clusters))
