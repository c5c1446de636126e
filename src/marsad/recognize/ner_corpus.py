"""Corpus sentences as OUR tokens, for training the NER model.

The corpus tokens are joined with single spaces, the text is normalised and tokenised with TOKEN_RE,
and each corpus entity's label goes to the sub-tokens of its tokens (B- on the first, I- on the rest)
minus pure punctuation at the entity's edges ("ألمانيا،" → "المانيا" B-LOC, "،" O). Clitics that
Wikipedia corpora write as separate tokens are first re-attached (`rejoin_clitics`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from marsad.eval.conll import CorpusSentence
from marsad.eval.ner import entities
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
