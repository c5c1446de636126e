"""Features of the statistical NER model: plain strings per token, built from cached per-word parts.

A token's features are its own word-level features (form, clitic-stripped stem, affixes, shape,
function word, knowledge-base lexicons) plus the context parts of its neighbours (±2) and the
knowledge-base gazetteer BIO tags of the window. Everything that depends on the word alone is
computed once per distinct word and cached, so extraction costs a few list concatenations per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from itertools import chain
from typing import Any

from marsad.datafiles import package_data_path, read_tsv
from marsad.knowledge.index import Alias, KBIndex
from marsad.recognize.gazetteer import gazetteer_matches
from marsad.recognize.ner_clusters import WordClass, cluster_key
from marsad.recognize.ner_lexicon import word_keys
from marsad.recognize.ner_misc import misc_name_tags, misc_trie
from marsad.recognize.ner_phrases import CorpusName, corpus_name_tags
from marsad.text.clitics import lookup_forms, proclitic_splits
from marsad.text.lexicon import function_words
from marsad.text.normalize import normalize_key
from marsad.text.phrases import PhraseTrie

_CACHE_LIMIT = 500_000
_CLUSTER_LEVELS = {1: 2, 2: 1}  # a neighbour at distance 1 shows its two coarsest cluster levels, at 2 one


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """Which feature groups are on; saved in the model card so loading rebuilds the same features."""

    affixes: bool = True  # prefixes/suffixes 1-3 of the word and suffixes of the stem
    gazetteer: bool = True  # KB name matches over the sentence, as typed BIO tags (±2)
    kb_words: bool = True  # the word is a token of some KB name of type PER/ORG/LOC
    titles_nisbas: bool = True  # title first words, nisba adjectives
    context_words: bool = True  # form and stem of the neighbours (±2)
    bigrams: bool = False  # form bigrams around the token
    name_lexicon: bool = True  # the word is mostly a name part in the training corpora (ner_lexicon.py)
    cues: bool = True  # person/org/place/misc cue words and name connectors (data/ner_cues.tsv)
    gaz_context: bool = False  # a KB tag with the word before and after it ("نادي" + B-LOC → a club)
    topic: bool = True  # a sports sentence (a sport cue word in it), alone and with the KB tag
    all_readings: bool = True  # a stem feature for every clitic reading ("وبوتين": وبوتين, بوتين, وتين)
    corpus_names: bool = True  # names the training corpora annotate, as typed BIO tags (ner_phrases.py)
    clusters: bool = True  # word clusters of the token (every level) and its neighbours (ner_clusters.py)
    rarity: bool = True  # the word's frequency bucket in the cluster text ("kf=0": under 3 times)
    quotes: bool = False  # the token is inside quotation marks or parentheses of its sentence
    name_nisba: bool = True  # a nisba two tokens after a name part: part of a name ("ابو انس الليبي")
    accusative_cues: bool = False  # a cue word with the accusative alef ("دولارا", "عاما") is still a cue
    misc_names: bool = True  # curated MISC names (events, awards, currencies…: ner_misc.py) as BIO tags, ±1
    affix_len: int = 3  # longest prefix/suffix
    window: int = 2  # neighbours on each side whose features a token sees

    @property
    def offsets(self) -> tuple[int, ...]:
        return (*range(-self.window, 0), *range(1, self.window + 1))

    def to_json(self) -> dict[str, bool | int]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureConfig:
        """The configuration a model card records; a feature group the card does not name did not
        exist when the model was trained, so it is off."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.type == "int":
                values[f.name] = int(data.get(f.name, f.default))
            else:
                values[f.name] = bool(data.get(f.name, False))
        return cls(**values)


def shape(word: str) -> str:
    """A: Arabic letters, L/l: Latin (capitalised or not), D: digits, P: punctuation, M: mixed."""
    kinds = set()
    for ch in word:
        if ch.isdigit():
            kinds.add("D")
        elif ch.isalpha():
            kinds.add("A" if "\u0600" <= ch <= "\u06ff" else "L")
        else:
            kinds.add("P")
    if len(kinds) != 1:
        return "M"
    kind = kinds.pop()
    if kind == "L":
        return "L" if word[0].isupper() else "l"
    return kind


@lru_cache(maxsize=1)
def _cue_rows() -> tuple[tuple[str, str], ...]:
    rows = read_tsv(package_data_path("marsad.recognize", "data", "ner_cues.tsv"), ("word", "kind"))
    return tuple((normalize_key(r["word"]), r["kind"]) for r in rows)


TOPICS = ("sport",)  # economy and culture topics were measured and did not help (docs/ner.md)


@lru_cache(maxsize=1)
def cue_words() -> dict[str, str]:
    """Normalised cue word (no article, no clitics) -> kind (person, org, place, misc, name_part)."""
    out: dict[str, str] = {}
    for word, kind in _cue_rows():
        if kind not in TOPICS:
            out.setdefault(word, kind)
    return out


@lru_cache(maxsize=1)
def topic_words() -> dict[str, tuple[str, ...]]:
    """Words that mark the topic of a sentence -> their topics."""
    out: dict[str, tuple[str, ...]] = {}
    for word, kind in _cue_rows():
        if kind in TOPICS and kind not in out.get(word, ()):
            out[word] = (*out.get(word, ()), kind)
    return out


_QUOTES = frozenset({'"', "“", "”", "«", "»"})


def enclosed(tokens: Sequence[str]) -> list[str]:
    """Per token: "q" between a pair of quotation marks, "p" between matching parentheses, "" elsewhere
    (a quoted title or product, a parenthesised agency or country: "( رويترز )", "( بلغاريا )")."""
    out = [""] * len(tokens)
    marks = [i for i, t in enumerate(tokens) if t in _QUOTES]
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        for k in range(a + 1, b):
            out[k] = "q"
    opened: list[int] = []
    for i, t in enumerate(tokens):
        if t == "(":
            opened.append(i)
        elif t == ")" and opened:
            for k in range(opened.pop() + 1, i):
                out[k] = out[k] or "p"
    return out


def _length_bucket(n: int) -> str:
    return str(n) if n <= 4 else "5-6" if n <= 6 else "7+"


@dataclass(slots=True)
class KBLexicons:
    """What the features need from the knowledge base, read once from its index."""

    index: KBIndex
    alias_type: dict[tuple[str, ...], str]  # alias tokens -> the type of its highest-priority target
    name_words: dict[str, str]  # normalised word -> the types of the KB names it occurs in ("LOC|PER")
    title_words: frozenset[str]  # first words of titles
    nisbas: frozenset[str]

    @classmethod
    def of(cls, index: KBIndex) -> KBLexicons:
        alias_type: dict[tuple[str, ...], str] = {}
        words: dict[str, set[str]] = {}
        aliases: list[Alias] = sorted(index.names.entries(), key=lambda a: a.tokens)
        for alias in aliases:
            targets = sorted((index.targets[t] for t in alias.targets if t in index.targets),
                             key=lambda t: (t.priority, -t.population, t.id))
            if not targets:
                continue
            kind = targets[0].type
            alias_type[alias.tokens] = kind
            for tok in alias.tokens:
                words.setdefault(tok, set()).add(kind)
        return cls(index, alias_type, {w: "|".join(sorted(k)) for w, k in words.items()},
                   frozenset(index.titles.first), frozenset(index.nisbas))


@dataclass(slots=True)
class KBTags:
    """The knowledge-base names of a sentence, per token: typed BIO tag, characters of clitics before a
    name's first token ("وبوتين" → 1), and the clitics that token was read through ("للاناضول" → ل)."""

    tags: list[str]
    skips: list[int]
    proclitics: list[str]


class FeatureExtractor:
    """Turns a sentence's tokens into CRF feature lists. Not thread-safe (it caches)."""

    def __init__(self, lexicons: KBLexicons | None, config: FeatureConfig | None = None,
                 names: dict[str, str] | None = None, phrases: PhraseTrie[CorpusName] | None = None,
                 clusters: dict[str, WordClass] | None = None) -> None:
        self.lex = lexicons
        self.config = config or FeatureConfig()
        self.names = names if self.config.name_lexicon else None
        self.phrases = phrases if self.config.corpus_names else None
        self.clusters = clusters if self.config.clusters or self.config.rarity else None
        self._fw = function_words()
        self._cues = cue_words() if self.config.cues else {}
        self._topics = topic_words() if self.config.topic else {}
        self._misc = misc_trie() if self.config.misc_names else None
        self._cache: dict[str, tuple[list[str], tuple[list[str], ...]]] = {}
        self._nisba_words: set[str] = set()  # words seen so far that are nisbas / name-part cues
        self._name_parts: set[str] = set()

    def kb_tags(self, tokens: Sequence[str]) -> list[str]:
        """Typed BIO tags of the knowledge-base names in a sentence (longest, clitic-aware matches)."""
        return self.kb_annotate(tokens).tags

    def kb_annotate(self, tokens: Sequence[str]) -> KBTags:
        """KB tags of a sentence and, per token, how many leading characters are clitics of a KB name."""
        out = KBTags(["O"] * len(tokens), [0] * len(tokens), [""] * len(tokens))
        if self.lex is None:
            return out
        for m in gazetteer_matches(self.lex.index, tokens):
            kind = self.lex.alias_type.get(m.entry.tokens)
            if kind is None:
                continue
            out.tags[m.first] = "B-" + kind
            out.skips[m.first] = m.skip
            out.proclitics[m.first] = m.proclitics
            for k in range(m.first + 1, m.last):
                out.tags[k] = "I-" + kind
        return out

    def sentence(self, tokens: Sequence[str], kb: KBTags | None = None) -> list[list[str]]:
        """Feature lists of every token of one sentence (`kb`: its KB tags, if already known)."""
        n = len(tokens)
        parts = [self._word(w) for w in tokens]
        use_gaz = self.config.gazetteer
        offsets = self.config.offsets
        if kb is None and use_gaz:
            kb = self.kb_annotate(tokens)
        gaz = kb.tags if kb is not None and use_gaz else []
        topics = self._sentence_topics(tokens)
        named = corpus_name_tags(tokens, self.phrases) if self.phrases is not None else []
        quoted = enclosed(tokens) if self.config.quotes else []
        misc = misc_name_tags(tokens, self._misc) if self._misc is not None else []
        # The neighbours' context parts, one list per (token, offset), padded at the sentence edges.
        edges = {-1: ["bos"], 1: ["eos"]}
        slots = [(slot, off, edges.get(off, [])) for slot, off in enumerate(offsets)]
        out: list[list[str]] = []
        for i in range(n):
            feats = ["b", *parts[i][0],
                     *chain.from_iterable(parts[i + off][1][slot] if 0 <= i + off < n else edge
                                          for slot, off, edge in slots)]
            if i >= 2 and tokens[i] in self._nisba_words and tokens[i - 2] in self._name_parts:
                feats.append("nis@np-2")
            if quoted and quoted[i]:
                feats.append("in=" + quoted[i])
            if named:
                feats.append("cn=" + named[i])
                if i > 0:
                    feats.append("cn-1=" + named[i - 1])
                if i + 1 < n:
                    feats.append("cn1=" + named[i + 1])
            if use_gaz:
                feats.append("g=" + gaz[i])
                for off in offsets:
                    j = i + off
                    if 0 <= j < n:
                        feats.append(f"g{off}={gaz[j]}")
                if i + 1 < n:
                    feats.append(f"gg={gaz[i]}|{gaz[i + 1]}")
                if self.config.gaz_context and gaz[i] != "O":
                    if i > 0:
                        feats.append(f"gw-1={gaz[i]}|{tokens[i - 1]}")
                    if i + 1 < n:
                        feats.append(f"gw1={gaz[i]}|{tokens[i + 1]}")
            if misc:
                feats.extend(f"mn{off}={misc[i + off]}" for off in (-1, 0, 1) if 0 <= i + off < n and misc[i + off])
            for topic in topics:
                feats.append("tp=" + topic)
                if use_gaz and gaz[i] != "O":
                    feats.append(f"g={gaz[i]}|{topic}")
            if self.config.bigrams:
                if i > 0:
                    feats.append(f"w-1w={tokens[i - 1]}|{tokens[i]}")
                if i + 1 < n:
                    feats.append(f"ww+1={tokens[i]}|{tokens[i + 1]}")
            out.append(feats)
        return out

    def is_name_word(self, word: str) -> bool:
        """The word (any clitic reading) occurs in knowledge-base names or is a name word of the lexicon."""
        if self.lex is not None and any(f in self.lex.name_words for f in lookup_forms(word)):
            return True
        return self.names is not None and any(r in self.names for r in word_keys(word))

    def is_person_word(self, word: str) -> bool:
        """The word (any clitic reading) occurs in names of persons, in the KB or the lexicon."""
        if self.lex is not None and any("PER" in self.lex.name_words.get(f, "") for f in lookup_forms(word)):
            return True
        return self.names is not None and any(self.names.get(r) == "PER" for r in word_keys(word))

    def is_title_word(self, word: str) -> bool:
        """The first word of a title ("الملك", "الرئيس", "الشيخ"), in any clitic reading."""
        return self.lex is not None and any(f in self.lex.title_words for f in lookup_forms(word))

    def is_nisba(self, word: str) -> bool:
        """A nisba adjective with its article ("الليبي", "الروسية")."""
        return self.lex is not None and word.startswith("ال") and word[2:] in self.lex.nisbas

    def _sentence_topics(self, tokens: Sequence[str]) -> list[str]:
        """The topics whose cue words occur in a sentence, in TOPICS order."""
        if not self._topics:
            return []
        found: set[str] = set()
        for w in tokens:
            for key in word_keys(w):
                found.update(self._topics.get(key, ()))
        return [t for t in TOPICS if t in found]

    def _word(self, word: str) -> tuple[list[str], tuple[list[str], ...]]:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._compute(word)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = hit
        return hit

    def _compute(self, word: str) -> tuple[list[str], tuple[list[str], ...]]:
        cfg = self.config
        splits = proclitic_splits(word)
        last = splits[-1]
        stem, bare = last.stem, last.bare
        readings = word_keys(word) if cfg.all_readings else (bare,)
        own = ["w=" + word, "st=" + stem, *("bs=" + r for r in readings), "sh=" + shape(word),
               "ln=" + _length_bucket(len(word))]
        if last.proclitics:
            own.append("pc=" + last.proclitics)
        if last.has_article:
            own.append("al")
        fw = self._fw.get(word)
        if fw:
            own.append("fw=" + fw)
        if cfg.affixes:
            lengths = range(1, cfg.affix_len + 1)
            own.extend(f"p{k}={word[:k]}" for k in lengths if len(word) > k)
            own.extend(f"s{k}={word[-k:]}" for k in lengths if len(word) > k)
            own.extend(f"bs{k}={bare[-k:]}" for k in lengths if 1 < k < len(bare))
        lexical = self._lexical(word, bare)
        if self.names is not None:
            kind = next((self.names[r] for r in word_keys(word) if r in self.names), None)
            if kind:
                lexical.append("nl=" + kind)
        if cfg.cues:
            keys = word_keys(word)
            if cfg.accusative_cues and len(word) >= 4 and word.endswith("ا"):
                keys = (*keys, *word_keys(word[:-1]))
            cue = next((self._cues[r] for r in keys if r in self._cues), None)
            if cue:
                lexical.append("cue=" + cue)
                if cue == "name_part" and cfg.name_nisba:
                    self._name_parts.add(word)
        own.extend(lexical)
        ids = self._cluster_features(word, own)
        ctx: list[list[str]] = []
        for off in cfg.offsets:
            c: list[str] = [f"k{level}{off}={i}" for level, i in enumerate(ids[:_CLUSTER_LEVELS.get(abs(off), 0)])]
            if cfg.context_words:
                c.append(f"w{off}={word}")
                c.extend(f"bs{off}={r}" for r in readings)
            if fw:
                c.append(f"fw{off}={fw}")
            c.extend(f"{f}{off}" for f in lexical)
            ctx.append(c)
        return own, tuple(ctx)

    def _cluster_features(self, word: str, own: list[str]) -> tuple[str, ...]:
        """Add a word's cluster (and frequency) features to `own`; returns its cluster ids for the neighbours."""
        if self.clusters is None:
            return ()
        found = self.clusters.get(cluster_key(word))
        if self.config.rarity:
            own.append("kf=" + (found.frequency if found else "0"))
        if found is None or not self.config.clusters:
            return ()
        own.extend(f"k{level}={i}" for level, i in enumerate(found.ids))
        return found.ids

    def _lexical(self, word: str, bare: str) -> list[str]:
        """Knowledge-base lexicon flags of a word: KB-name word types, title word, nisba."""
        lex = self.lex
        if lex is None:
            return []
        out: list[str] = []
        forms = lookup_forms(word)
        if self.config.kb_words:
            kinds = next((lex.name_words[f] for f in forms if f in lex.name_words), None)
            if kinds:
                out.append("kw=" + kinds)
        if self.config.titles_nisbas:
            if any(f in lex.title_words for f in forms):
                out.append("ttl")
            if bare in lex.nisbas:
                out.append("nis")
                if self.config.name_nisba:
                    self._nisba_words.add(word)
        return out
