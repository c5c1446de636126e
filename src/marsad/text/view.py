"""TextView: the one normalised, segmented view of a document that every stage shares."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from marsad.model import Span
from marsad.text.normalize import NormalizedText, normalize
from marsad.text.segment import Furniture, Sentence, Tokens, segment, tokenize


@dataclass(slots=True)
class TextView:
    """Normalised text, sentences and furniture of one document, built once; tokens on first use.

    Stages match on `text` (normalised) and report spans through `span()` in original offsets.
    """

    norm: NormalizedText
    sentences: list[Sentence]
    furniture: list[Furniture]
    _sentence_starts: list[int] = field(default_factory=list)
    _tokens: Tokens | None = None
    _token_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, original: str) -> TextView:
        norm = normalize(original)
        sentences, furniture = segment(norm.text)
        return cls(norm, sentences, furniture, [s.start for s in sentences])

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def original(self) -> str:
        return self.norm.original

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = tokenize(self.norm.text)
            self._token_starts = [s for s, _ in self._tokens.spans]
        return self._tokens

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)

    def span(self, start: int, end: int) -> Span:
        """The original-text Span of a normalised span."""
        s, e = self.norm.to_original(start, end)
        return Span(s, e, self.norm.original[s:e])

    def sentence_index_at(self, pos: int) -> int | None:
        """Index of the sentence containing normalised position `pos`, or None (furniture, gaps)."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return i
        return None

    def token_index_at(self, pos: int) -> int | None:
        """Index of the token that starts at or covers normalised position `pos`."""
        spans = self.tokens.spans
        i = bisect_right(self._token_starts, pos) - 1
        if i >= 0 and spans[i][0] <= pos < spans[i][1]:
            return i
        return None

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [a, b) of the tokens lying inside the normalised span [start, end)."""
        self.tokens  # noqa: B018  (builds the token index on first use)
        return bisect_left(self._token_starts, start), bisect_left(self._token_starts, end)

    def sentence_token_range(self, index: int) -> tuple[int, int]:
        s = self.sentences[index]
        return self.token_range(s.start, s.end)

    def in_furniture(self, pos: int) -> bool:
        return any(f.start <= pos < f.end for f in self.furniture)

    def content_spans(self) -> Iterator[tuple[int, int]]:
        """Normalised spans of the article text proper (sentences), in order."""
        for s in self.sentences:
            yield s.start, s.end
