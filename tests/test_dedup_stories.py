"""Exact and near duplicates grouped into stories as documents arrive, and events merged over a
story: the same event in twenty reprints counts once, with NumArticles/NumSources."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from marsad.corpus.dedup import DedupIndex, jaccard, norm_hash, signature

from .corpus_helpers import ARTICLES, dump, edited, ingest, record, reprint, write_jsonl

CLASH = {"trigger": "ضرب زلزال", "cameo": "190", "plover": "ASSAULT", "quad_class": 4, "goldstein": -10.0,
         "actor1": {"text": "الجيش", "kb_id": "Q1", "name_en": "Army of Morocco", "cameo": "MARMIL"},
         "place": {"text": "مراكش", "name_en": "Marrakesh", "country": "MA", "lat": 31.63, "lon": -8.0}}
MOURN = {"trigger": "وأعلنت السلطات", "cameo": "010", "plover": "OTHER", "quad_class": 1, "goldstein": 0.0,
         "actor1": {"text": "السلطات", "name_en": "Government of Morocco", "cameo": "MARGOV"}}


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_normalised_hash_and_signature() -> None:
    text = ARTICLES["summit"]
    assert norm_hash(text) == norm_hash(reprint(text)) != norm_hash(edited(text))
    assert jaccard(signature(text), signature(edited(text))) > 0.6
    assert jaccard(signature(text), signature(ARTICLES["oil"])) < 0.1
    index = DedupIndex()
    index.add(1, norm_hash(text), signature(text), None)
    match = index.match(norm_hash(edited(text)), signature(edited(text)), None)
    assert match is not None and match.kind == "near" and match.seq == 1


def corpus(tmp_path: Path) -> Path:
    quake = ARTICLES["quake"]
    recs = [
        record("q1", quake, source="wire", published="2023-09-09", events=[CLASH, MOURN]),
        record("s1", ARTICLES["summit"], source="wire", published="2023-09-09"),
        record("q2", reprint(quake), source="paper-a", published="2023-09-09", events=[CLASH]),
        record("q3", edited(quake), source="paper-b", published="2023-09-10", events=[CLASH, CLASH]),
        record("q4", quake, source="wire", published="2023-09-11", url="https://wire.example/q4-update",
               events=[CLASH]),
        record("o1", ARTICLES["oil"], source="paper-a", published="2023-09-10"),
        record("q5", quake.rsplit(".", 2)[0] + ". وقالت مصادر طبية إن المستشفيات تعاني نقصا في الأدوية.",
               source="paper-c", published="2023-11-20"),  # a near duplicate, too late to join (window)
    ]
    return write_jsonl(tmp_path / "c.jsonl", recs)


def test_reprints_form_one_story_with_merged_events(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    summary = ingest(db, [str(corpus(tmp_path))])
    assert (summary.stored, summary.exact, summary.near, summary.new_stories) == (7, 2, 1, 4)
    docs = dict(rows(db, "SELECT ext_id, story_id FROM documents"))
    assert docs["q1"] == docs["q2"] == docs["q3"] == docs["q4"] != docs["s1"]
    assert docs["q5"] not in (docs["q1"], docs["s1"], docs["o1"])
    kinds = dict(rows(db, "SELECT ext_id, dup_kind FROM documents"))
    assert (kinds["q1"], kinds["q2"], kinds["q3"], kinds["q4"]) == (None, "exact", "near", "exact")
    story = rows(db, f"SELECT num_articles, num_exact, num_near, num_sources, first_seen, last_seen FROM stories "
                     f"WHERE id = '{docs['q1']}'")
    assert story == [(4, 2, 1, 3, "2023-09-09", "2023-09-11")]
    events = rows(db, "SELECT cameo, num_mentions, num_articles, num_sources, first_seen, last_seen, place_name_en, "
                      "actor1_name_en FROM events ORDER BY cameo")
    assert events == [("010", 1, 1, 1, "2023-09-09", "2023-09-09", None, "Government of Morocco"),
                      ("190", 5, 4, 3, "2023-09-09", "2023-09-11", "Marrakesh", "Army of Morocco")]
    linked = rows(db, "SELECT count(DISTINCT event_id), count(*) FROM event_mentions")
    assert linked == [(2, 6)]


def test_workers_and_batches_do_not_change_the_store(tmp_path: Path) -> None:
    source = str(corpus(tmp_path))
    ingest(tmp_path / "one.db", [source])
    ingest(tmp_path / "two.db", [source], workers=2, commit_every=2, chunk=1)
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


def test_a_bridging_article_merges_two_stories(tmp_path: Path) -> None:
    a, b = ARTICLES["flood"], ARTICLES["election"]
    bridge = " ".join(a.split()[:55]) + " " + " ".join(b.split()[:55])
    path = write_jsonl(tmp_path / "m.jsonl", [record("a", a, source="x", published="2023-09-12"),
                                               record("b", b, source="y", published="2023-09-12"),
                                               record("c", bridge, source="z", published="2023-09-12")])
    db = tmp_path / "m.db"
    ingest(db, [str(path)], threshold=0.3)
    stories = rows(db, "SELECT ext_id, story_id, id FROM documents ORDER BY seq")
    assert {s for _, s, _ in stories} == {stories[0][2]}  # all three in the story of the first article
    assert rows(db, "SELECT num_articles, num_sources FROM stories") == [(3, 3)]
