"""Corpus readers and tag mapping (ANERcorp/AQMAR, WikiFANE, Wojood) on small snippets written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.eval.conll import CorpusSentence, line_tag, normalize_tag, read_corpus, repair_bio, split_last, write_conll


def _read(tmp_path: Path, text: str, name: str = "c.conll") -> list[CorpusSentence]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return read_corpus(f)


def test_anercorp_format_splits_on_the_last_space(tmp_path: Path) -> None:
    (s1, s2) = _read(tmp_path, "فرانكفورت B-LOC\n(د O\nنيو يورك B-LOC\nأنان B-PERS\n\n\nقال O\nبوتين B-PERS\n")
    assert s1.tokens == ["فرانكفورت", "(د", "نيو يورك", "أنان"]
    assert s1.tags == ["B-LOC", "O", "B-LOC", "B-PER"]
    assert s2.tokens == ["قال", "بوتين"] and s2.tags == ["O", "B-PER"]
    assert s1.source == "c.conll:1"


@pytest.mark.parametrize(("raw", "tag"), [
    ("B-PERS", "B-PER"), ("I-PER", "I-PER"), ("B-MIS1", "B-MISC"), ("I-MIS3", "I-MISC"), ("B-MIS1`", "B-MISC"),
    ("B-MISS1", "B-MISC"), ("B-MIS-2", "B-MISC"), ("B-MIS", "B-MISC"), ("I--ORG", "I-ORG"), ("OO", "O"),
    ("IO", "O"), ("B-ENGLISH", "B-MISC"), ("B-GPE", "B-LOC"), ("I-FAC", "I-LOC"), ("B-VEH", "B-MISC"),
    ("B-WEA", "B-MISC"), ("B-PRO", "B-MISC"), ("B-DATE", "O"), ("B-NORP", "O"), ("B-OCC", "O"), ("O", "O"),
])
def test_tag_mapping(raw: str, tag: str) -> None:
    assert normalize_tag(raw) == tag


def test_aqmar_malformed_lines() -> None:
    assert line_tag("O B-ENGLISH") == ("O", "B-MISC")  # the token is the letter O (oxygen)
    assert line_tag("O'Donnell B-SPANISH") == ("O'Donnell", "B-MISC")
    assert line_tag("الأمريكية I--ORG") == ("الأمريكية", "I-ORG")
    assert line_tag("16 OO") == ("16", "O")


def test_wikifane_maps_coarse_tags_and_drops_groups() -> None:
    assert line_tag("جوبا\tB-Population-Center\tB-GPE") == ("جوبا", "B-LOC")
    assert line_tag("المطار\tB-Airport\tB-FAC") == ("المطار", "B-LOC")
    assert line_tag("بوينغ\tB-Air\tB-VEH") == ("بوينغ", "B-MISC")
    assert line_tag("المسلمين\tB-Group\tB-PER") == ("المسلمين", "O")
    assert line_tag("،\tO\tO") == ("،", "O")


def test_wojood_takes_the_outermost_layer(tmp_path: Path) -> None:
    (s,) = _read(tmp_path, "مجلس B-ORG\nالأمن I-ORG\nضد I-ORG\nالأسد I-ORG B-PERS\nأمس B-DATE\nالعرب B-NORP\n")
    assert s.tags == ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"]
    assert s.tokens[3] == "الأسد"


def test_broken_bio_is_repaired() -> None:
    assert repair_bio(["O", "I-PER", "I-PER", "I-LOC", "B-ORG", "I-ORG"]) == [
        "O", "B-PER", "I-PER", "B-LOC", "B-ORG", "I-ORG"]


def test_a_directory_is_read_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("ب O\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أ B-LOC\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [s.tokens for s in read_corpus(tmp_path)] == [["أ"], ["ب"]]


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_corpus(tmp_path / "absent.conll")


def test_split_last_and_write_roundtrip(tmp_path: Path) -> None:
    sents = [CorpusSentence([f"كلمة{i}"], ["O"], "x") for i in range(20)]
    first, last = split_last(sents, 0.1)
    assert len(first) == 18 and [s.tokens for s in last] == [["كلمة18"], ["كلمة19"]]
    assert split_last(sents, 0.0) == (sents, [])
    out = tmp_path / "w.conll"
    write_conll(last, out)
    assert [s.tokens for s in read_corpus(out)] == [["كلمة18"], ["كلمة19"]]
