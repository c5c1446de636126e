"""Knowledge-base names in a document: clitic-aware, longest match first, on whole tokens.

"وبوتين", "لكازاخستان", "بأفغانستان", "للأمم المتحدة" match; "بوتينا" or a name inside a longer word
does not. The matching itself (a token trie, shared with titles and cues) is in text/phrases.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.knowledge.index import Alias, KBIndex
from marsad.text.phrases import PhraseMatch, match_all


def gazetteer_matches(index: KBIndex, tokens: Sequence[str], start: int = 0,
                      end: int | None = None) -> list[PhraseMatch[Alias]]:
    """Knowledge-base names in tokens[start:end]."""
    return match_all(tokens, index.names, start, end)
