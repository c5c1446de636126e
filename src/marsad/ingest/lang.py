"""Is this article in Arabic? A cheap script check, enough to keep English, French or Persian pages out.

Counts letters by script over a sample: Arabic letters must make up most of the letters, and letters
that Persian and Urdu use but Arabic does not (پ چ ژ گ ٹ ڈ ڑ ں ے) must stay rare (Arabic news spells a
few foreign names with them, Persian prose uses them in every sentence).
"""

from __future__ import annotations

import re

SAMPLE_CHARS = 20000
MIN_ARABIC_SHARE = 0.5
MAX_PERSIAN_SHARE = 0.01

_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_PERSIAN_ONLY = re.compile(r"[\u067e\u0686\u0698\u06af\u0679\u0688\u0691\u06ba\u06d2]")
_LETTER = re.compile(r"[^\W\d_]")


def not_arabic_reason(text: str, declared: str | None = None) -> str | None:
    """None when the text reads as Arabic; otherwise why it is skipped."""
    if declared and declared.lower().split("-")[0] not in ("ar", "ara", "arb"):
        return f"not Arabic: declared language {declared!r}"
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return "not Arabic: no letters at all"
    arabic = len(_ARABIC.findall(sample))
    share = arabic / letters
    if share < MIN_ARABIC_SHARE:
        return f"not Arabic: {share:.0%} of letters are Arabic script (need {MIN_ARABIC_SHARE:.0%})"
    persian = len(_PERSIAN_ONLY.findall(sample))
    if arabic and persian / arabic > MAX_PERSIAN_SHARE:
        return f"not Arabic: Persian/Urdu letters make up {persian / arabic:.1%} of the Arabic-script letters"
    return None
