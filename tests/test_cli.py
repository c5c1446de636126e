from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.cli import main

ARTICLE = ("الحكومة الليبية تعلن حصيلة الفيضانات\n\n"
           "أعلنت الحكومة الليبية، اليوم الثلاثاء، أن أكثر من 5 آلاف شخص لقوا حتفهم في الفيضانات.\n"
           "وكالات\n")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]], str]:
    code = main(argv)
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines() if x.strip()]
    return code, lines, captured.err


def test_txt_with_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "flood.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(["analyze", str(f), "--published", "2023-09-12", "--source", "test", "--id", "x1"], capsys)
    assert code == 0
    (a,) = out
    assert (a["schema"], a["id"], a["source"], a["published"]) == ("marsad/1", "x1", "test", "2023-09-12")
    assert a["title"] == "الحكومة الليبية تعلن حصيلة الفيضانات"
    assert a["dates"][0]["value"] == "2023-09-12"
    assert a["amounts"][0]["value"] == 5000 and a["amounts"][0]["bound"] == "more_than"


def test_bom_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    code, (a,), _ = run(["analyze", str(f)], capsys)
    assert code == 0 and a["text"] == ARTICLE and not a["errors"]


def test_jsonl_batch_with_bad_documents_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "batch.jsonl.gz"
    lines = [
        json.dumps({"id": "ok", "content": ARTICLE, "date": "2023-09-12T08:00:00", "tags": ["ليبيا"]},
                   ensure_ascii=False).encode(),
        b"{not json",
        json.dumps({"id": "empty", "text": "   "}).encode(),
        b'{"id": "latin1", "text": "' + "خبر".encode("cp1256") + b'"}',
        json.dumps({"id": "nodate", "text": "وقال الوزير أمس إن المحادثات ستستأنف"}, ensure_ascii=False).encode(),
    ]
    with gzip.open(f, "wb") as fh:
        fh.write(b"\n".join(lines) + b"\n")
    code, out, err = run(["analyze", str(f)], capsys)
    assert code == 0
    assert [a["id"] for a in out] == ["ok", "batch.jsonl.gz:2", "empty", "batch.jsonl.gz:4", "nodate"]
    assert out[0]["extra"] == {"tags": ["ليبيا"]} and out[0]["published"] == "2023-09-12"
    assert "invalid JSON" in out[1]["errors"][0]
    assert out[2]["errors"] == ["empty document"]
    assert "not valid UTF-8" in out[3]["errors"][0]
    assert out[4]["dates"][0]["value"] is None  # no publication date: kept, not guessed
    assert "3 failed" in err


@pytest.mark.parametrize(("payload", "reason"), [
    (b"", "empty document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
    ("خبر عاجل".encode("cp1256"), "not valid UTF-8"),
])
def test_single_unreadable_input_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                payload: bytes, reason: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(payload)
    code, (a,), err = run(["analyze", str(f)], capsys)
    assert code == 1
    assert reason in a["errors"][0] and reason in err


def test_stdin_and_pretty(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    assert main(["analyze", "-", "--published", "2023-09-12", "--pretty"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  \"schema\": \"marsad/1\"")
    assert json.loads(out)["id"] == "stdin"


def test_output_is_deterministic_and_out_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert main(["analyze", str(f), "--published", "2023-09-12", "--out", str(first)]) == 0
    assert main(["analyze", str(f), "--published", "2023-09-12", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_missing_file_and_bad_date_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "x.txt", "--published", "yesterday"])
    assert exc.value.code == 2


def test_workers_give_the_same_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "many.jsonl"
    f.write_text("\n".join(json.dumps({"id": str(i), "text": ARTICLE, "published": "2023-09-12"},
                                      ensure_ascii=False) for i in range(20)), encoding="utf-8")
    main(["analyze", str(f)])
    one = capsys.readouterr().out
    main(["analyze", str(f), "--workers", "2"])
    two = capsys.readouterr().out
    assert one == two and len(one.splitlines()) == 20
