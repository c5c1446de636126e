"""Stage "entities": knowledge-base names, the statistical model, patterns; linking; coreference.

Layers, most precise first: patterns (press offices, ministries), knowledge-base names, then model
names the knowledge base does not have. Titles ("الرئيس الروسي") are kept as references for the quote
and event stages; they are not entities themselves (they are not names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from marsad.context import Context
from marsad.knowledge.index import KBIndex, default_index
from marsad.model import Document, Entity
from marsad.pipeline import Pipeline
from marsad.recognize.coref import add_coreferent_mentions, assign_clusters
from marsad.recognize.gazetteer import gazetteer_matches
from marsad.recognize.link import link_mentions
from marsad.recognize.mentions import Found, TitleRef
from marsad.recognize.ner_model import default_model
from marsad.recognize.patterns import (
    Tokens,
    find_ministries,
    find_nisba_countries,
    find_org_names,
    find_press_offices,
    find_titles,
    nisba_keys,
    resolve_title,
)
from marsad.stages import Stage, register
from marsad.text.clitics import stems
from marsad.text.lexicon import function_words
from marsad.text.view import TextView

_ORIGIN_RANK = {"pattern": 0, "kb": 1, "model": 2}
_PORTFOLIO_NAMES = {"foreign_minister": "Foreign Affairs", "defence_minister": "Defence",
                    "interior_minister": "Interior", "finance_minister": "Finance", "energy_minister": "Energy",
                    "economy_minister": "Economy", "justice_minister": "Justice", "health_minister": "Health",
                    "information_minister": "Information"}


@dataclass(slots=True)
class EntityFindings:
    """What later stages read: every mention (with token ranges and cluster) and every title reference."""

    mentions: list[Found] = field(default_factory=list)
    titles: list[TitleRef] = field(default_factory=list)
    # Countries named by nisba ("الروسي"): entities in the output, but not names later stages read.
    nisba_countries: list[Found] = field(default_factory=list)


def portfolios(index: KBIndex) -> dict[str, str]:
    """Ministry portfolio words from the titles ("وزير الخارجية" → الخارجيه → foreign_minister)."""
    return {t.tokens[1]: t.role for t in index.titles.entries()
            if len(t.tokens) == 2 and t.tokens[0] == "وزير" and t.tokens[1].startswith("ال")}


def _model_spans(view: TextView) -> list[tuple[int, int, str, float]]:
    """Names the statistical model finds (normalised spans). The shipped model is part of the package:
    a missing or broken model file is an error the user must see, not a silent drop in recall."""
    return default_model().predict_spans(view)


def _types_of(index: KBIndex, f: Found) -> set[str]:
    return {index.targets[c].type for c in f.candidates}


def _reconcile(index: KBIndex, m: Found, k: Found, texts: list[str]) -> bool:
    """Reconcile a model name with an overlapping knowledge-base name; True when the model name wins.

    The model learnt where names begin and end in news text; the knowledge base knows who they are:
    - the model's name contains the KB name with an incompatible type ("ريال مدريد" is a club, not
      Madrid): the model's name stands;
    - it contains it with a compatible type and name-like extra words ("فلاديمير" + "بوتين"): the KB
      mention widens to it, but never leftwards over a KB name read through a proclitic ("… جمال كوجر
      للأناضول": a preposition starts a new phrase, so the words before it are not the agency's name);
    - it is the core of a longer KB name of a place or organisation ("غزة" in "قطاع غزة", "حزب الله" in
      "حزب الله اللبناني"): the mention narrows to it and keeps its link (a person's name stays whole,
      and an organisation narrows only to one of its own names, "شركة مايكروسوفت" → "مايكروسوفت", or
      by a trailing nisba, "حزب الله اللبناني" → "حزب الله": "السويس" is no core of "هيئة قناة السويس",
      nor "حزب العدالة" of "حزب العدالة والتنمية");
    - the same span typed differently: the KB candidates of the model's type are preferred.
    """
    compatible = m.type in _types_of(index, k)
    if (m.first, m.last) == (k.first, k.last):
        if compatible:
            k.candidates = tuple(c for c in k.candidates if index.targets[c].type == m.type)
            return False
        # A town name the model reads as an organisation in context ("برشلونة" the club): the model.
        return all(index.targets[c].kind in ("city", "town", "capital") for c in k.candidates)
    if m.first <= k.first and k.last <= m.last:
        if not compatible:
            return True
        through_clitic = k.first > m.first and bool(k.proclitics)
        if not through_clitic and all(texts[i] not in function_words() for i in range(m.first, m.last)):
            k.first, k.last, k.nstart, k.nend = m.first, m.last, m.nstart, m.nend
            k.rule += "+model-extent"
        return False
    if k.first <= m.first and m.last <= k.last and compatible and k.type != "PER" \
            and (k.type != "ORG" or _is_organisation_core(index, m, k, texts)):
        # A person's knowledge-base name is whole: "محمد شياع السوداني" never narrows to "محمد شياع".
        k.first, k.last, k.nstart, k.nend = m.first, m.last, m.nstart, m.nend
        k.rule += "+model-core"
    return False


def _is_organisation_core(index: KBIndex, m: Found, k: Found, texts: list[str]) -> bool:
    """The model's span inside an organisation's KB name is its core: one of its own names, or the name
    without a trailing nisba ("حزب الله" of "حزب الله اللبناني")."""
    core = index.names.get(texts[m.first:m.last])
    if core is not None and not set(core.targets).isdisjoint(k.candidates):
        return True
    return m.first == k.first and all(t.startswith("ال") and t[2:] in index.nisbas for t in texts[m.last:k.last])


def _merge(index: KBIndex, found: list[Found], texts: list[str]) -> list[Found]:
    """Keep the most precise layer where mentions overlap (patterns, then the knowledge base, then the
    model), after reconciling boundaries and types with the model (`_reconcile`)."""
    kb = [f for f in found if f.origin == "kb"]
    dropped: set[int] = set()
    for m in (f for f in found if f.origin == "model"):
        for k in kb:
            overlap = k.first < m.last and m.first < k.last
            if id(k) not in dropped and overlap and _reconcile(index, m, k, texts):
                dropped.add(id(k))
    accepted: list[Found] = []
    taken: set[int] = set()
    for f in sorted(found, key=lambda f: (_ORIGIN_RANK[f.origin], -(f.last - f.first), f.first)):
        span = set(range(f.first, f.last))
        if id(f) in dropped or span & taken:
            continue
        taken |= span
        accepted.append(f)
    return sorted(accepted, key=lambda f: f.first)


def recognize(ctx: Context, index: KBIndex, portfolio_roles: dict[str, str],
              nisbas: frozenset[str]) -> EntityFindings:
    view = ctx.view
    toks = view.tokens
    texts = toks.texts
    pair = Tokens(texts, toks.spans)
    portfolio_words = frozenset(portfolio_roles)
    ranges = [view.sentence_token_range(i) for i in range(len(view.sentences))]
    found: list[Found] = []
    for a, b in ranges:
        for m in gazetteer_matches(index, texts, a, b):
            first = index.targets[m.entry.targets[0]]
            found.append(Found(m.first, m.last, toks.spans[m.first][0] + m.skip, toks.spans[m.last - 1][1],
                               first.type, "kb", f"kb:{m.entry.written}", m.entry.targets,
                               proclitics=m.proclitics))
        found.extend(find_press_offices(index, pair, a, b))
        found.extend(find_ministries(index, pair, a, b, portfolio_words))
    found.extend(_related_headline_names(index, view))
    for s, e, typ, score in _model_spans(view):
        a, b = view.token_range(s, e)
        if b > a and typ in ("PER", "ORG", "LOC", "MISC"):
            found.append(Found(a, b, s, e, typ, "model", "model:crf", score=score))  # type: ignore[arg-type]
    found = _merge(index, found, texts)
    covered = {k for f in found for k in range(f.first, f.last)}
    for a, b in ranges:
        found.extend(find_org_names(pair, a, b, covered))
    found.sort(key=lambda f: f.first)
    link_mentions(index, found, ctx.doc.published)
    assign_clusters(found, texts)
    headline = next((ranges[i] for i, s in enumerate(view.sentences) if s.kind == "title"), None)
    found = sorted(found + add_coreferent_mentions(index, texts, toks.spans, ranges, found, headline),
                   key=lambda f: f.first)
    assign_clusters(found, texts)
    mentions = {f.first: f for f in found}
    titles: list[TitleRef] = []
    for a, b in ranges:
        titles.extend(find_titles(index, pair, a, b, mentions, titles))
    for ref in titles:
        resolve_title(index, ref, ctx.doc.published)
        if ref.person is not None and ref.person.role is None:
            ref.person.role = (ref.role, ref.of or "")
    for f in found:
        describe(index, f, portfolio_roles)
        f.entity = not _is_description(index, f, texts)
    names = {k for f in found if f.entity for k in range(f.first, f.last)}
    countries = [f for a, b in ranges for f in find_nisba_countries(index, pair, a, b, nisbas, names)]
    for f in countries:
        describe(index, f, portfolio_roles)
    return EntityFindings(found, titles, countries)


def _related_headline_names(index: KBIndex, view: TextView) -> list[Found]:
    """Knowledge-base names in related-headline blocks ("أحداث كازاخستان / بوتين: موسكو تراقب …"): the
    page names them, so they are entities, marked `in:related-headline` in their rule; no quote, claim
    or event is read from another story's headline."""
    toks = view.tokens
    out: list[Found] = []
    for block in view.furniture:
        if block.reason != "related-headlines":
            continue
        a, b = view.token_range(block.start, block.end)
        for m in gazetteer_matches(index, toks.texts, a, b):
            first = index.targets[m.entry.targets[0]]
            out.append(Found(m.first, m.last, toks.spans[m.first][0] + m.skip, toks.spans[m.last - 1][1],
                             first.type, "kb", f"kb:{m.entry.written}|in:related-headline", m.entry.targets))
    return out


_DESCRIPTION_HEADS = frozenset({"الجيش", "القوات", "الحكومه", "السلطات", "الرئاسه", "الشرطه"})


def _is_description(index: KBIndex, f: Found, texts: list[str]) -> bool:
    """A state body named by a nisba ("الجيش اللبناني", "الحكومة السودانية") or a ministry named by its
    portfolio alone ("الخارجية السودانية") is a description, not a name."""
    if f.target and f.target.startswith(("marsad:gov-", "marsad:mil-")):
        return True
    if f.last - f.first == 2 and not stems(texts[f.first]).isdisjoint(_DESCRIPTION_HEADS) \
            and texts[f.last - 1].startswith("ال") and texts[f.last - 1][2:] in index.nisbas:
        return True
    return f.rule.startswith("pattern:ministry") and not any("وزاره" in s for s in stems(texts[f.first]))


def describe(index: KBIndex, f: Found, portfolio_roles: dict[str, str]) -> None:
    """English name and CAMEO code of a mention: its record's, or what its pattern tells (a ministry of
    a country; a person whose title names a state office acts for that state's government)."""
    t = index.targets.get(f.target) if f.target else None
    if t is not None:
        f.name_en, f.cameo = t.name_en, t.cameo
        return
    if f.role is not None and f.role[1] in index.country_cameo:
        f.cameo = index.country_cameo[f.role[1]] + "GOV"
        if f.role[0].startswith("ministry:"):
            portfolio = _PORTFOLIO_NAMES.get(portfolio_roles.get(f.role[0].split(":", 1)[1], ""), "")
            f.name_en = f"Ministry of {portfolio or 'Government'} of {index.country_names_en[f.role[1]]}"


def entity_of(f: Found, view: TextView) -> Entity:
    span = view.span(f.nstart, f.nend)
    rule = f.rule + (f"|link:{f.link_rule}" if f.link_rule else "")
    return Entity(span.start, span.end, span.text, f.type, f.target, f.name_en, f.cameo, f.origin, rule)


@register("entities")
class EntitiesStage(Stage):
    def __init__(self) -> None:
        self.index = default_index()
        self.portfolio_roles = portfolios(self.index)
        self.nisba_keys = nisba_keys(self.index)

    def find(self, ctx: Context) -> EntityFindings:
        return recognize(ctx, self.index, self.portfolio_roles, self.nisba_keys)

    def set_annotations(self, ctx: Context, found: EntityFindings) -> None:
        ctx.findings["entities"] = found
        named = [f for f in found.mentions if f.entity] + found.nisba_countries
        ctx.analysis.entities.extend(entity_of(f, ctx.view) for f in sorted(named, key=lambda f: f.first))


_SPAN_PIPELINE: Pipeline | None = None


def recognize_spans(text: str, published: date | None = None) -> list[tuple[int, int, str]]:
    """Entity spans (original offsets) and types of a text: what `marsad eval ner --system full` scores.
    Names only: a nisba ("الروسي") is not a name in the CoNLL corpora (ANERcorp tags it O)."""
    global _SPAN_PIPELINE
    if _SPAN_PIPELINE is None:
        _SPAN_PIPELINE = Pipeline.build(["entities"])
    analysis = _SPAN_PIPELINE.analyze(Document("eval", text, published=published))
    return [(e.start, e.end, e.type) for e in analysis.entities if e.origin != "nisba"]
