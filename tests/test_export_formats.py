"""Exports: JSON Lines (the Analysis objects back), Parquet (round trip), GDELT 2.0 events (61 fields,
GDELT's column names, one row per real event), GKG 2.1-like and ACLED-style tables."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from marsad.cli import main
from marsad.export.gdelt import gdelt_columns
from marsad.export.gkg import gkg_columns
from marsad.export.parquet import TABLES
from marsad.ingest.files import document_from_record
from marsad.pipeline import Pipeline

from .corpus_helpers import ARTICLES, FIXTURE_STAGE, ingest, record, reprint, write_jsonl

STAGES = ("numbers", "dates", "amounts", FIXTURE_STAGE)
TITLE = "ارتفاع حصيلة ضحايا الفيضانات في شرق ليبيا"
CLASH = {"trigger": "ضربت مدينة درنة", "cameo": "190", "plover": "ASSAULT", "quad_class": 4, "goldstein": -10.0,
         "actor1": {"text": "الحكومة الليبية", "kb_id": "Q1", "name_en": "Government of Libya", "cameo": "LBYGOV"},
         "actor2": {"text": "المدنيين", "name_en": "Civilians", "cameo": "LBYCVL"},
         "place": {"text": "درنة", "name_en": "Derna", "country": "LY", "lat": 32.767, "lon": 22.637}}
QUOTE = {"text": "فرق الإنقاذ تواصل البحث تحت الأنقاض وفي البحر", "cue": "وقال",
         "speaker": "المتحدث باسم وزارة الداخلية", "speaker_en": "Interior Ministry spokesman"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("export")
    flood = ARTICLES["flood"]
    recs = [record("f1", flood, source="wire", published="2023-09-13", events=[CLASH], quotes=[QUOTE], title=TITLE),
            record("f2", reprint(flood), source="paper-a", published="2023-09-14", events=[CLASH]),
            record("f3", flood, source="paper-b", published="2023-09-14", events=[CLASH]),
            record("o1", ARTICLES["oil"], source="wire", published="2023-09-15")]
    path = tmp / "e.db"
    ingest(path, [str(write_jsonl(tmp / "c.jsonl", recs))], stages=STAGES)
    return path


def export(db: Path, fmt: str, out: Path, *extra: str) -> Path:
    assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out), *extra]) == 0
    return out


def test_gdelt_has_61_fields_and_parses_with_gdelt_names(db: Path, tmp_path: Path) -> None:
    path = export(db, "gdelt", tmp_path / "events.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    df = pd.read_csv(path, sep="\t", header=None, names=list(gdelt_columns()), dtype=str, keep_default_na=False)
    assert len(df) == 1  # three articles, one event
    e = df.iloc[0]
    assert (e.EventCode, e.EventBaseCode, e.EventRootCode, e.QuadClass) == ("190", "190", "19", "4")
    assert (e.NumMentions, e.NumArticles, e.NumSources) == ("3", "3", "3")
    assert (e.Actor1Code, e.Actor1CountryCode, e.Actor1Type1Code, e.Actor1Name) == (
        "LBYGOV", "LBY", "GOV", "GOVERNMENT OF LIBYA")
    assert (e.Actor2Code, e.Actor2Type1Code) == ("LBYCVL", "CVL")
    assert (e.ActionGeo_Type, e.ActionGeo_FullName, e.ActionGeo_CountryCode) == ("4", "Derna, Libya", "LY")
    assert (e.SQLDATE, e.MonthYear, e.Year, e.DATEADDED) == ("20230913", "202309", "2023", "20230913000000")
    assert e.SOURCEURL == "https://wire.example/f1" and int(e.GLOBALEVENTID) > 0
    header = export(db, "gdelt", tmp_path / "h.tsv", "--header").read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == list(gdelt_columns())


def test_parquet_round_trips(db: Path, tmp_path: Path) -> None:
    out = export(db, "parquet", tmp_path / "pq")
    conn = sqlite3.connect(db)
    try:
        for table in TABLES:
            back = pq.read_table(out / f"{table}.parquet")
            names = back.column_names
            order = {"documents": "seq", "failures": "locator", "stories": "id", "entities": "key",
                     "events": "event_id"}.get(table, "doc_id, idx")
            rows = conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}").fetchall()
            assert [tuple(r.values()) for r in back.to_pylist()] == rows, table
    finally:
        conn.close()


def test_jsonl_gives_back_the_analyses(db: Path, tmp_path: Path) -> None:
    lines = export(db, "jsonl", tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    objs = [json.loads(x) for x in lines]
    assert [o["id"] for o in objs] == ["f1", "f2", "f3", "o1"]
    pipeline = Pipeline.build(list(STAGES))
    rec = record("f1", ARTICLES["flood"], source="wire", published="2023-09-13", events=[CLASH], quotes=[QUOTE],
                 title=TITLE)
    expected = pipeline.analyze(document_from_record(rec, "x")).to_json()
    first = dict(objs[0])
    corpus = first.pop("corpus")
    assert first == json.loads(json.dumps(expected, ensure_ascii=False))
    assert corpus["story_id"] == objs[1]["corpus"]["story_id"] and objs[1]["corpus"]["dup_kind"] == "exact"


def test_gkg_rows(db: Path, tmp_path: Path) -> None:
    rows = [line.split("\t") for line in
            export(db, "gkg", tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4 and all(len(r) == 27 == len(gkg_columns()) for r in rows)
    first = dict(zip(gkg_columns(), rows[0], strict=True))
    offset, length, verb, quote, speaker = first["V2.1QUOTATIONS"].split("|")
    text = ARTICLES["flood"]
    assert text[int(offset) : int(offset) + int(length)] == quote == QUOTE["text"]
    assert (verb, speaker) == ("وقال", "Interior Ministry spokesman")
    assert first["V2.1DATE"] == "20230913000000" and first["V2DOCUMENTIDENTIFIER"] == "https://wire.example/f1"
    assert first["V2EXTRASXML"] == f"<PAGE_TITLE>{TITLE}</PAGE_TITLE>"
    assert "KILL#5000" in first["V1COUNTS"]


def test_acled_rows(db: Path, tmp_path: Path) -> None:
    text = export(db, "acled", tmp_path / "a.csv").read_text(encoding="utf-8")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert (row["event_type"], row["sub_event_type"], row["disorder_type"]) == (
        "Battles", "Armed clash", "Political violence")
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Government of Libya", "State forces", "Civilians", "Civilians")
    assert (row["country"], row["iso"], row["location"], row["geo_precision"]) == ("Libya", "434", "Derna", "1")
    assert row["source"] == "wire; paper-a; paper-b" and row["num_articles"] == "3"
    assert row["event_date"] == "2023-09-13" and row["time_precision"] == "2"
    assert "درنة" in row["notes"] and row["fatalities"] == "5000"


def test_filters_apply_to_exports(db: Path, tmp_path: Path) -> None:
    lines = export(db, "jsonl", tmp_path / "a.jsonl", "--since", "2023-09-15").read_text(encoding="utf-8")
    assert [json.loads(x)["id"] for x in lines.splitlines()] == ["o1"]
    assert export(db, "gdelt", tmp_path / "e.tsv", "--source", "paper-a").read_text(encoding="utf-8") == ""
