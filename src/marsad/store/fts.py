"""Full-text search over Arabic: what goes into the FTS5 index, how a query becomes an FTS5 expression,
and where the hits are in the original text (for highlighted evidence).

FTS5's own folding knows nothing of hamza/alef variants, ta marbuta or alef maqsura, so both the index
and the query go through `normalize_key`. A word is indexed without its definite article and the
conjunction/preposition glued before it ("وبالرياض" → "رياض"); a query word is matched in that form
and with a bare proclitic in front ("بوتين" also finds "لبوتين", "وبوتين"), never by cutting letters
off a name (which would let "بوتين" match "وتين").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.text.normalize import normalize, normalize_key

_WORD = re.compile(r"\w+")
# Article with the letters that can precede it, longest first; "لل" is ل + ال.
_ARTICLE_PREFIXES = ("وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
# Bare proclitics (no article) that a query word may carry in the text.
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_CONJUNCTIONS = ("و", "ف")
_FULL_EXPANSION = 4  # letters
_MIN_STEM = 2
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


@lru_cache(maxsize=262144)
def index_form(word: str) -> str:
    """The indexed form of one normalised word: lower-case, article (with its proclitics) removed."""
    w = word.lower()
    for prefix in _ARTICLE_PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= _MIN_STEM:
            return w[len(prefix) :]
    return w


def index_text(text: str | None) -> str:
    """The text as stored in the FTS index: normalised words in their indexed form."""
    if not text:
        return ""
    return " ".join(index_form(w) for w in _WORD.findall(normalize_key(text)))


def variants(form: str) -> tuple[str, ...]:
    """Indexed forms a query word matches: itself and, for an Arabic word, itself after a proclitic
    (only و/ف before a word of three letters or less: "مال" must not find "كمال")."""
    if not _ARABIC_LETTER.match(form):
        return (form,)
    prefixes = _PROCLITICS if len(form) >= _FULL_EXPANSION else _CONJUNCTIONS
    return (form, *(p + form for p in prefixes))


@dataclass(frozen=True, slots=True)
class Term:
    """One query element: a word (its indexed forms) or a quoted phrase (a sequence of forms)."""

    forms: tuple[str, ...]
    phrase: bool
    negated: bool


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...]

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    def match_expression(self) -> str:
        """The FTS5 MATCH string (every form quoted, so no user input is read as FTS5 syntax)."""
        parts: list[str] = []
        for term in self.terms:
            if term.phrase:
                expr = '"' + " ".join(term.forms) + '"'
            else:
                expr = "(" + " OR ".join(f'"{v}"' for f in term.forms for v in variants(f)) + ")"
            parts.append(("NOT " if term.negated else "") + expr)
        # FTS5 needs a positive operand before NOT: put the negated terms last.
        parts.sort(key=lambda p: p.startswith("NOT "))
        return " ".join(p if i == 0 or p.startswith("NOT ") else "AND " + p for i, p in enumerate(parts))

    def highlight_forms(self) -> frozenset[str]:
        """Indexed forms whose occurrences are highlighted in a hit."""
        out: set[str] = set()
        for term in self.positive:
            for form in term.forms:
                out.update(variants(form) if not term.phrase else (form,))
        return frozenset(out)


def parse_query(text: str) -> Query:
    """Words are ANDed; "quoted words" form a phrase; a leading - excludes a word or phrase."""
    terms: list[Term] = []
    for m in _QUERY_TOKEN.finditer(text):
        if m.group(2) is not None:
            forms = tuple(index_text(m.group(2)).split())
            if forms:
                terms.append(Term(forms, phrase=len(forms) > 1, negated=bool(m.group(1))))
            continue
        for form in index_text(m.group(4)).split():
            terms.append(Term((form,), phrase=False, negated=bool(m.group(3))))
    return Query(tuple(terms))


def hit_spans(text: str, forms: frozenset[str]) -> list[tuple[int, int]]:
    """Original-text spans of the words whose indexed form is one of `forms`."""
    norm = normalize(text)
    out: list[tuple[int, int]] = []
    for m in _WORD.finditer(norm.text):
        if index_form(m.group()) in forms:
            out.append(norm.to_original(m.start(), m.end()))
    return out


def snippet(text: str, spans: list[tuple[int, int]], width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """A window of about `width` characters around the densest cluster of hits, with the hit spans
    re-based on the window; "…" marks a cut."""
    if not spans:
        cut = text[:width]
        return (cut + ("…" if len(text) > width else "")).replace("\n", " "), []
    best_i, best_n = 0, 0
    j = 0
    for i, (s, _) in enumerate(spans):
        while spans[j][0] < s - width // 2:
            j += 1
        if i - j + 1 > best_n:
            best_i, best_n = j, i - j + 1
    first = spans[best_i][0]
    start = max(0, first - width // 4)
    space = text.rfind(" ", 0, start)
    start = space + 1 if start > 0 and space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    space = text.find(" ", end)
    end = space if end < len(text) and 0 <= space - end < 30 else end
    inner = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    prefix = "…" if start > 0 else ""
    body = text[start:end].replace("\n", " ")
    shifted = [(s + len(prefix), e + len(prefix)) for s, e in inner]
    return prefix + body + ("…" if end < len(text) else ""), shifted
