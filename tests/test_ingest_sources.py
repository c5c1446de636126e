"""Ingest from files, folders and globs: what is stored, what is skipped or failed (with its reason),
and that running again adds nothing."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from marsad.cli import main

from .corpus_helpers import ARTICLES, ENGLISH, dump, ingest, record, write_jsonl


def failures(db: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT locator, kind, reason FROM failures").fetchall()
    conn.close()
    return {loc: (kind, reason) for loc, kind, reason in rows}


def count(db: Path, table: str = "documents") -> int:
    conn = sqlite3.connect(db)
    n = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    conn.close()
    return n


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLES["summit"], encoding="utf-8")
    (root / "sub" / "b.txt").write_text(ARTICLES["oil"], encoding="utf-8")
    write_jsonl(root / "feed.jsonl", [record("j1", ARTICLES["flood"], source="wire", published="2023-09-13"),
                                      record("j2", ARTICLES["election"], source="wire", published="2023-09-14")])
    html = ("<html><head><title>الهلال يفوز</title><script>var note = 'نص مخفي داخل السكربت لا يظهر';</script>"
            "</head><body><nav>الرئيسية | رياضة</nav><article><h1>الهلال يفوز على النصر في ديربي الرياض</h1>"
            + "".join(f"<p>{p}</p>" for p in ARTICLES["football"].split("\n")[1].split(". "))
            + "<p>رويترز</p><p>اقرأ أيضاً</p><p>النصر يتعاقد مع مدرب جديد</p><p>الاتحاد يودع البطولة</p>"
            "</article><footer>جميع الحقوق محفوظة</footer></body></html>")
    (root / "page.html").write_text(html, encoding="utf-8")
    (root / "notes.md").write_text("not an input", encoding="utf-8")
    return root


def test_folder_is_walked_and_html_is_cleaned(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    summary = ingest(db, [str(folder)])
    assert (summary.stored, summary.failed, summary.skipped) == (5, 0, 0)
    assert summary.notes == {"ignored .md file": 1}
    conn = sqlite3.connect(db)
    (body,) = conn.execute("SELECT text FROM documents WHERE ext_id = 'page'").fetchone()
    conn.close()
    assert "الهلال" in body and "السكربت" not in body and "الرئيسية" not in body
    assert "رويترز" not in body and "اقرأ" not in body and "يتعاقد" not in body  # byline, related headlines


def test_second_run_adds_nothing(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest(db, [str(folder)])
    before = dump(db)
    again = ingest(db, [str(folder), str(folder / "*.txt")])
    assert again.stored == 0 and again.known == 6  # five documents, and a.txt a second time through the glob
    assert dump(db) == before


def test_glob_and_missing_source(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    summary = ingest(db, [str(folder / "**" / "*.txt"), str(tmp_path / "nope.jsonl"), str(tmp_path / "x*.txt")])
    assert summary.stored == 2 and summary.failed == 2
    reasons = " | ".join(sorted(r for _, r in failures(db).values()))
    assert "no such file or directory" in reasons and "no file matches" in reasons


def test_bad_inputs_are_recorded_with_their_reason(tmp_path: Path) -> None:
    src = tmp_path / "bad"
    src.mkdir()
    good = [record(f"ok{i}", text, source="wire", published="2023-09-12") for i, text in enumerate(ARTICLES.values())]
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good).encode()
    (src / "truncated.jsonl.gz").write_bytes(gzip.compress(payload)[:-300])
    (src / "latin.txt").write_bytes("خبر عاجل عن الاقتصاد".encode("cp1256"))
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (src / "blob.jsonl").write_bytes(b"\x00\x01\x02binary\n\x00\xff\n")
    (src / "huge.txt").write_text(ARTICLES["oil"] * (20_000_000 // len(ARTICLES["oil"].encode())), encoding="utf-8")
    (src / "english.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "b.db"
    summary = ingest(db, [str(src)])
    got = {Path(loc.split(":")[0]).name: v for loc, v in failures(db).items()}
    assert got["latin.txt"][0] == "error" and "not valid UTF-8" in got["latin.txt"][1]
    assert "binary content" in got["image.txt"][1]
    assert "binary content" in got["blob.jsonl"][1]
    assert "document too large" in got["huge.txt"][1]
    assert got["english.txt"] == ("skipped", got["english.txt"][1]) and "not Arabic" in got["english.txt"][1]
    assert "stream ended unreadably" in got["truncated.jsonl.gz"][1]
    stored = count(db)
    assert stored == summary.stored and 1 <= stored < len(good)  # what was read before the damage is kept
    assert summary.skipped == 1 and summary.failed == 5


def test_retry_failed_reads_failed_sources_again(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("خبر".encode("cp1256"))
    db = tmp_path / "r.db"
    assert ingest(db, [str(f)]).failed == 1
    f.write_text(ARTICLES["quake"], encoding="utf-8")
    assert ingest(db, [str(f)]).known_failures == 1  # a known failure is not retried by default
    conn = sqlite3.connect(db)
    attempts = conn.execute("SELECT attempts FROM failures").fetchone()[0]
    conn.close()
    assert attempts == 1
    assert main(["ingest", "--retry-failed", "--db", str(db), "--workers", "1", "--stages", "numbers"]) == 0
    assert count(db) == 1 and count(db, "failures") == 0


def test_cli_summary_and_exit_status(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.db"
    assert main(["ingest", str(folder), "--db", str(db), "--workers", "2", "--stages", "numbers,dates",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["stored"] == 5 and out["failed"] == 0
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "d.db")]) == 3
    assert main(["ingest", "--db", str(db)]) == 1  # no SOURCE
