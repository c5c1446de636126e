from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from marsad.errors import DataError
from marsad.knowledge.index import load_index
from marsad.knowledge.load import data_dir, load_knowledge


def test_shipped_knowledge_base_loads_and_is_broad() -> None:
    kb = load_knowledge()
    assert len(kb.actors) >= 3000
    assert len(kb.countries) >= 249
    assert all(c.names_ar for c in kb.countries.values())
    persons = [a for a in kb.actors.values() if a.kind == "person"]
    assert len(persons) >= 2500 and sum(len(a.roles) for a in persons) >= 3000
    assert kb.actors["Q7747"].name_en == "Vladimir Putin"
    kinds = Counter(a.kind for a in kb.actors.values())
    assert kinds["company"] >= 800 and kinds["sports_club"] >= 400 and kinds["media"] >= 300
    assert kb.actors["marsad:co-microsoft"].cameo == "USABUS"
    assert {"president", "prime_minister", "foreign_minister", "spokesperson"} <= kb.role_keys


def test_every_role_is_a_title_key_and_dates_are_ordered() -> None:
    kb = load_knowledge()
    for a in kb.actors.values():
        for r in a.roles:
            assert r.role in kb.role_keys
            assert r.end is None or r.start <= r.end
            assert r.of in kb.countries or r.of in kb.actors


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("cache"))
    return target


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


@pytest.mark.parametrize(("file", "line", "message"), [
    ("actors/organisations.tsv", "Q7747\tperson\tDuplicate\tRU\tRUSGOV\tبوتين", "already defined"),
    ("actors/organisations.tsv", "marsad:x-test\tperson\tX\tRU\tRUS-GOV\tاكس", "not a sequence of 3-letter codes"),
    ("actors/organisations.tsv", "marsad:x-test\tperson\tX\tZZ\tRUSGOV\tاكس", "unknown country code"),
    ("actors/organisations.tsv", "marsad:x-test\tperson\tX\tRU\tRUSGOV\tبُوتين", "diacritics"),
    ("actors/organisations.tsv", "marsad:x-test\twizard\tX\tRU\tRUSGOV\tاكس", "unknown actor kind"),
    ("actors/organisations.tsv", "marsad:x-test\tperson\tX\tRU\tRUSGOV\t", "is empty"),
    ("roles/organisations.tsv", "Q7747\tpresident\tRU\t2012-05-07\t2008-01-01", "ends"),
    ("roles/organisations.tsv", "Q7747\temperor\tRU\t2012\t", "unknown role"),
    ("roles/organisations.tsv", "Q7747\tpresident\tRU\t07/05/2012\t", "is not YYYY"),
    ("roles/organisations.tsv", "marsad:nobody\tpresident\tRU\t2012\t", "unknown actor"),
])
def test_validator_names_file_line_and_problem(data_copy: Path, file: str, line: str, message: str) -> None:
    _append(data_copy / file, line)
    with pytest.raises(DataError) as exc:
        load_knowledge(data_copy)
    assert message in str(exc.value)
    assert Path(file).name in str(exc.value)


def test_index_is_cached_and_rebuilt_when_data_changes(data_copy: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    first = load_index(data_copy)
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1
    assert [t.id for t in load_index(data_copy).lookup("بوتين")] == ["Q7747"]
    _append(data_copy / "actors" / "organisations.tsv",
            "marsad:test-agency\tmedia\tTest Agency\tQA\tQATMED\tوكالة الاختبار")
    second = load_index(data_copy)
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 2
    assert not first.lookup("وكالة الاختبار") and second.lookup("وكالة الاختبار")[0].name_en == "Test Agency"


def test_lookup_and_offices() -> None:
    index = load_index()
    assert [t.name_en for t in index.lookup("الكرملين")] == ["Kremlin"]
    assert index.lookup("ألما آتا")[0].name_en == "Almaty"
    assert index.holders("president", "RU", date(2010, 1, 1)) != index.holders("president", "RU", date(2022, 1, 1))
