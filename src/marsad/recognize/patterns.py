"""Pattern recognisers: titles resolved through dated roles, press offices, ministries.

"الرئيس الروسي" on 2022-01-10 → president of RU on that day → Vladimir Putin; "رئيس طاجيكستان إمام علي
رحمون" → a title in apposition to a name; "نظيره الطاجيكي" → the same office, of Tajikistan;
"المكتب الصحفي للكرملين" → the Kremlin speaking; "وزارة الخارجية الليبية" → Libya's foreign ministry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from marsad.knowledge.index import Alias, KBIndex
from marsad.recognize.mentions import Found, TitleRef, pattern_lexicon
from marsad.text.clitics import proclitic_splits
from marsad.text.lexicon import function_words
from marsad.text.phrases import candidate_positions, clitic_chars, match_all, match_at

_APPOSITION = frozenset({"،", ","})
_QUOTE_MARKS = frozenset('«»"“”„')
_PORTFOLIO_WORDS = 5  # "وزيرة العمل والتنمية الاجتماعية"
_QUALIFIER_WORDS = 3  # "وزير الخارجية وشؤون المغتربين"، "عضو اللجنة المالية النيابية"
# "وكيل الأمين العام", "نائب وزير الخارجية": the office named is not the speaker's own.
_SUBORDINATE = frozenset({"وكيل", "نائب", "مساعد", "مساعده", "مستشار", "مستشاره"})
# Offices of an organisation are often recorded under a neighbouring role key.
_ORG_ROLE_FALLBACK = {"president": ("chair", "leader", "secretary_general"), "chair": ("president", "leader"),
                      "leader": ("chair", "secretary_general"), "secretary_general": ("chair",)}


@dataclass(frozen=True, slots=True)
class Tokens:
    texts: Sequence[str]
    spans: Sequence[tuple[int, int]]


def nisba_split(index: KBIndex, word: str) -> tuple[str, str, str] | None:
    """(ISO2, proclitics, dictionary form) of a nisba adjective ("والطاجيكية" → TJ, "و", "طاجيكيه")."""
    for split in proclitic_splits(word):
        for key in (split.bare, split.stem):
            if key in index.nisbas:
                return index.nisbas[key], split.proclitics, key
    return None


def nisba_at(index: KBIndex, word: str) -> str | None:
    """ISO2 of a nisba adjective ("الروسي", "والطاجيكية"), or None."""
    found = nisba_split(index, word)
    return found[0] if found else None


def _country_of(index: KBIndex, alias: Alias) -> str | None:
    for tid in alias.targets:
        t = index.targets[tid]
        if t.kind == "country":
            return t.country
    return None


def _organisation_of(index: KBIndex, alias: Alias) -> str | None:
    for tid in alias.targets:
        if index.targets[tid].type == "ORG":
            return tid
    return None


def _title_object(index: KBIndex, toks: Tokens, j: int, stop: int, scope: str) -> tuple[str | None, int, str]:
    """What a title is of, starting at token j: (ISO2 or actor id, next token, how it was found)."""
    if j >= stop:
        return None, j, ""
    if scope in ("state", "any"):
        iso = nisba_at(index, toks.texts[j])
        if iso:
            return iso, j + 1, "nisba"
    named = match_at(toks.texts, index.names, j, stop)
    if named is not None:
        iso = _country_of(index, named.entry)
        if iso and scope in ("state", "any"):
            return iso, named.last, "country"
        org = _organisation_of(index, named.entry)
        if org:
            return org, named.last, "organisation"
        if scope == "any" and any(index.targets[t].type == "LOC" for t in named.entry.targets):
            return None, named.last, "place"  # "محافظ بيروت": an office of a place the roles do not list
    return None, j, ""


def _same_office(bare: str, prior: str) -> bool:
    """A bare title names the office of an earlier title: the same role, or any portfolio for "الوزير"."""
    if bare == "minister":
        return prior.endswith("_minister") and not prior.endswith("prime_minister")
    return bare == prior


def _title_object_around(index: KBIndex, toks: Tokens, end: int, stop: int, scope: str,
                         overlap: bool) -> tuple[str | None, int, str]:
    """The title's object after it, through quotation marks ("قائد «الدعم السريع»"); a title whose last
    word starts an organisation's name shares it ("رئيسة المفوضية" + "المفوضية الأوروبية")."""
    j = end + 1 if end < stop and toks.texts[end] in _QUOTE_MARKS else end
    of, k, how = _title_object(index, toks, j, stop, scope)
    if of is None and overlap:
        of, k, how = _title_object(index, toks, end - 1, stop, scope)
        if how != "organisation" or k <= end:
            return None, end, ""
    if (of is not None or how == "place") and k < stop and toks.texts[k] in _QUOTE_MARKS:
        k += 1
    return (of, k, how) if of is not None or how == "place" else (None, end, "")


def _apposed_person(index: KBIndex, toks: Tokens, j: int, stop: int, mentions: dict[int, Found],
                    role: str) -> Found | None:
    """The name a title stands in apposition to, past a comma, what the bare title leaves unsaid and
    ranks: "قائد الجيش الفريق أول عبد الفتاح البرهان", "سفير السعودية لدى الولايات المتحدة عادل الجبير",
    "وزيرة العمل والتنمية الاجتماعية لينا الشيخ", "المتحدث باسم القائد العام للقوات المسلحة اللواء …"."""
    texts = toks.texts
    lex = pattern_lexicon()
    k = j + 1 if j < stop and texts[j] in _APPOSITION else j
    inner = match_at(texts, index.titles, k, stop) if role == "spokesperson" and k < stop else None
    if inner is not None:  # the spokesman of an office: "المتحدث باسم القائد العام للقوات المسلحة"
        k = _title_object(index, toks, inner.last, stop, inner.entry.scope)[1]
        k = max(k, inner.last)
        if k < stop and texts[k] not in _APPOSITION:
            named = match_at(texts, index.names, k, stop)
            k = named.last if named is not None and _organisation_of(index, named.entry) else k
    # What the title leaves unsaid, in definite words joined by و: the portfolio of a bare "وزير"
    # ("وزيرة العمل والتنمية الاجتماعية"), or more of it ("وزير الخارجية وشؤون المغتربين").
    reach = k + (_PORTFOLIO_WORDS if role == "minister" else _QUALIFIER_WORDS)
    while k < stop and k < reach and k not in mentions and texts[k] not in function_words() \
            and match_at(texts, lex.rank_trie, k, stop) is None and (
            _definite(texts[k]) or (texts[k][:1] == "و" and k + 1 < stop and _definite(texts[k + 1]))):
        k += 1  # (a construct noun after و is followed by its definite complement: "وشؤون المغتربين")
    if k + 1 < stop and texts[k] == "لدي":  # "سفير السعودية لدى الولايات المتحدة"
        named = match_at(texts, index.names, k + 1, stop)
        k = named.last if named is not None else k
    while k < stop and k not in mentions:  # skip the rank
        rank = match_at(texts, lex.rank_trie, k, stop)
        if rank is None:
            break
        k = rank.last
    return mentions.get(k) if k in mentions and mentions[k].type == "PER" else None


def find_titles(index: KBIndex, toks: Tokens, start: int, stop: int, mentions: dict[int, Found],
                previous: list[TitleRef]) -> list[TitleRef]:
    """Title references in tokens[start:stop]; `mentions` maps a token index to the mention starting there
    (a person in apposition to the title, or the organisation a title is of: "المتحدث باسم الوزارة")."""
    lex = pattern_lexicon()
    out: list[TitleRef] = []
    keys = set(index.titles.first) | lex.counterparts
    covered = start
    for i in candidate_positions(toks.texts, keys, start, stop):
        if i < covered:
            continue
        word = toks.texts[i]
        m = match_at(toks.texts, index.titles, i, stop)
        if m is not None:
            role, scope, end, skip, rule = m.entry.role, m.entry.scope, m.last, m.skip, f"title:{m.entry.written}"
        elif any(s.stem in lex.counterparts for s in proclitic_splits(word)) and (previous or out):
            last = (previous + out)[-1]
            role, scope, end, skip, rule = last.role, "state", i + 1, 0, f"counterpart:{word}"
        else:
            continue
        if i > start and any(s.stem in _SUBORDINATE for s in proclitic_splits(toks.texts[i - 1])):
            covered = end
            continue
        of, j, how = _title_object_around(index, toks, end, stop, scope, m is not None and end - i > 1)
        org = None
        if of is None and scope in ("org", "any") and end in mentions and mentions[end].type == "ORG":
            org = mentions[end]  # an organisation the knowledge base may not have, or "الوزارة"
            of, j, how = org.target, org.last, "organisation-mention"
        if of is None and org is None and m is not None and word.startswith("ال"):
            # "قال الرئيس للصحافيين": a bare definite title is the office named earlier in the document.
            prior = next((t for t in reversed(previous + out) if _same_office(role, t.role) and t.of is not None),
                         None)
            if prior is not None:
                of, role, how = prior.of, prior.role, "anaphora"
        former = False  # not the holder on the date: a former office or one not yet taken up
        while j < stop and toks.texts[j] in lex.former | lex.acting | lex.designate:
            former = former or toks.texts[j] in lex.former | lex.designate
            j += 1
        person = _apposed_person(index, toks, j, stop, mentions, role)
        if of is None and person is None and org is None:
            covered = end
            continue
        ref = TitleRef(i, j, toks.spans[i][0] + skip, toks.spans[j - 1][1], role, of, former,
                       f"{rule}+{how}" if how else rule, person=person, org=org)
        out.append(ref)
        covered = j
    return out


def resolve_title(index: KBIndex, ref: TitleRef, published: date | None) -> None:
    """Set the title's holder: the apposed name's record, else whoever held the office on the date."""
    if ref.person is not None and ref.person.target:
        ref.holder = ref.person.target
        return
    if ref.former or ref.of is None:
        return
    roles = (ref.role,) + (_ORG_ROLE_FALLBACK.get(ref.role, ()) if ref.of in index.targets else ())
    for role in roles:
        holders = index.holders(role, ref.of, published)
        if published is None:
            holders = holders[:1] if len(holders) == 1 else []
        if holders:
            ref.holder = holders[-1] if published is not None else holders[0]
            ref.rule += f"+office:{role}/{ref.of}@{published.isoformat() if published else 'any'}"
            return


def find_press_offices(index: KBIndex, toks: Tokens, start: int, stop: int) -> list[Found]:
    """"المكتب الصحفي للكرملين": the organisation speaking through its press office."""
    lex = pattern_lexicon()
    out: list[Found] = []
    for office in match_all(toks.texts, lex.press_offices, start, stop):
        i = office.first
        named = match_at(toks.texts, index.names, office.last, stop)
        org = _organisation_of(index, named.entry) if named is not None else None
        if named is None or org is None:
            continue
        out.append(Found(i, named.last, toks.spans[i][0] + office.skip, toks.spans[named.last - 1][1], "ORG",
                         "pattern", f"pattern:press-office:{' '.join(office.entry)}", (org,)))
    return out


def find_ministries(index: KBIndex, toks: Tokens, start: int, stop: int, portfolios: frozenset[str]) -> list[Found]:
    """"وزارة الخارجية الليبية", "الداخلية العراقية": a ministry of the state the nisba or name gives."""
    out: list[Found] = []
    covered = start
    for i in candidate_positions(toks.texts, portfolios | {"وزاره"}, start, stop):
        if i < covered:
            continue
        j = i
        ministry = next((s for s in proclitic_splits(toks.texts[i]) if s.stem == "وزاره"), None)
        if ministry is not None and i + 1 < stop:
            j = i + 1
        portfolio_split = next((s for s in proclitic_splits(toks.texts[j]) if s.stem in portfolios), None)
        if portfolio_split is None or j + 1 >= stop:
            continue
        if ministry is None and i > start and _definite(toks.texts[i - 1]):
            continue  # "السوق المالية السعودية": the portfolio word is an adjective of the noun before it
        iso, end, how = _title_object(index, toks, j + 1, stop, "state")
        if iso is None or how == "organisation":
            continue
        named = match_at(toks.texts, index.names, i, stop)
        if named is not None and named.last >= end and _organisation_of(index, named.entry):
            continue  # the knowledge base has this ministry under its own name ("Ministry for Europe …")
        head = ministry if ministry is not None and j > i else portfolio_split
        skip = clitic_chars(toks.texts[i], head.proclitics)
        portfolio = portfolio_split.stem
        out.append(Found(i, end, toks.spans[i][0] + skip, toks.spans[end - 1][1], "ORG", "pattern",
                         f"pattern:ministry:{portfolio}+{how}", (), role=(f"ministry:{portfolio}", iso)))
        covered = end
    return out


_ORG_NAME_MAX = 5  # words after the head noun of an organisation name


def _definite(word: str) -> bool:
    """"الصحة", "للإحصاء", "والمغتربين": a definite word, possibly after clitics."""
    return any(s.stem.startswith("ال") for s in proclitic_splits(word)) or word.startswith("لل")


def find_org_names(toks: Tokens, start: int, stop: int, covered: set[int]) -> list[Found]:
    """Organisation names built on a head noun the knowledge base may not have: "وزارة الداخلية",
    "المديرية العامة للأمن الوطني", "الهيئة العامة للإحصاء" — a head (with or without the article) and
    the definite words that complete it. Only where nothing else was found."""
    lex = pattern_lexicon()
    fw = function_words()
    out: list[Found] = []
    heads = set(lex.name_heads) | {"ال" + h for h in lex.name_heads}
    i = start
    for i in candidate_positions(toks.texts, heads, start, stop):
        if i in covered or (out and i < out[-1].last):
            continue
        split = next(s for s in proclitic_splits(toks.texts[i]) if s.stem in heads)
        j = i + 1
        while j < stop and j - i <= _ORG_NAME_MAX and j not in covered and toks.texts[j] not in fw \
                and _definite(toks.texts[j]):
            j += 1
        if j - i < 2 or (split.has_article and j - i < 3):
            continue  # "الوزارة" alone is an anaphor (coreference), "وزارة" alone is not a name
        out.append(Found(i, j, toks.spans[i][0] + clitic_chars(toks.texts[i], split.proclitics), toks.spans[j - 1][1],
                         "ORG", "pattern", f"pattern:organisation-head:{split.bare}"))
    return out


def nisba_keys(index: KBIndex) -> frozenset[str]:
    """Token readings a nisba can have, with and without the article: the cheap filter of
    `find_nisba_countries` (built once per index)."""
    return frozenset(index.nisbas) | frozenset("ال" + n for n in index.nisbas)


def find_nisba_countries(index: KBIndex, toks: Tokens, start: int, stop: int, keys: frozenset[str],
                         names: set[int]) -> list[Found]:
    """Countries an article refers to by nisba outside any name ("الرئيس الروسي" → Russia, "مسؤول
    إيراني" → Iran). GDELT's geocoder counts "Syrian" for Syria in the same way; a nisba inside a name
    (the surname "المصري", "حزب الله اللبناني") is the name's, so tokens in `names` are skipped."""
    out: list[Found] = []
    for i in candidate_positions(toks.texts, keys, start, stop):
        found = None if i in names else nisba_split(index, toks.texts[i])
        target = index.country_ids.get(found[0]) if found else None
        if found is None or target is None:
            continue
        s, e = toks.spans[i]
        out.append(Found(i, i + 1, s + clitic_chars(toks.texts[i], found[1]), e, "LOC", "nisba",
                         f"nisba:{found[2]}", (target,), target=target))
    return out
