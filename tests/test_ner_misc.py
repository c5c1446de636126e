from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import DataError
from marsad.recognize.ner_misc import KINDS, misc_name_tags, misc_trie, read_misc_names
from marsad.text.view import TextView


def test_shipped_misc_names_are_valid_and_broad() -> None:
    names = read_misc_names()
    assert len(names) >= 500
    assert {n.kind for n in names} <= KINDS
    assert {"currency", "tournament", "award", "event"} <= {n.kind for n in names}


def test_longest_clitic_aware_matches_are_tagged_with_their_kind() -> None:
    view = TextView.of("وتوج المنتخب بكأس العالم بعد الحرب العالمية الثانية، وارتفع الدولار أمام اليورو.")
    tokens = view.tokens.texts
    tags = dict(zip(tokens, misc_name_tags(tokens, misc_trie()), strict=True))
    assert (tags["بكاس"], tags["العالم"]) == ("B|tournament", "I|tournament")
    assert [tags[t] for t in ("الحرب", "العالميه", "الثانيه")] == ["B|event", "I|event", "I|event"]
    assert (tags["الدولار"], tags["اليورو"], tags["المنتخب"]) == ("B|currency", "B|currency", "")


@pytest.mark.parametrize(("row", "message"), [
    ("كأس العالم\tsport\tWorld Cup", "unknown kind"),
    ("كأس العالم\ttournament\tWorld Cup\nكاس العالم\ttournament\tWorld Cup", "listed twice"),
    ("«»\ttournament\tWorld Cup", "has no word"),
])
def test_invalid_rows_name_file_line_and_problem(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "misc.tsv"
    path.write_text("# test\nname\tkind\tname_en\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        read_misc_names(path)
    assert "misc.tsv:" in str(err.value)
