"""The CRF NER model: a tiny model trained here on wire-copy sentences written for the test, then loaded,
used and scored; determinism; the `marsad train ner` / `marsad eval ner` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.errors import InputError, ModelError
from marsad.eval.conll import read_corpus
from marsad.knowledge.index import default_index
from marsad.recognize.ner_features import FeatureConfig, FeatureExtractor, KBLexicons, enclosed, shape
from marsad.recognize.ner_model import NerModel, clitic_skip, default_model_path, to_bilou, to_bio
from marsad.recognize.ner_train import TrainConfig, split_dev, train
from marsad.text.view import TextView

WIRE = Path(__file__).parent / "data" / "ner" / "wire.conll"


def _train(out: Path, seed: int = 7) -> dict[str, object]:
    config = TrainConfig([WIRE], out, seed=seed, holdout_last=0.0, max_iter=60, c1=0.01, c2=0.01)
    return train(config, default_index())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ner") / "tiny.crfsuite"
    _train(out)
    return out


def test_training_writes_model_and_card(tiny: Path) -> None:
    card = json.loads(tiny.with_suffix(".json").read_text(encoding="utf-8"))
    assert card["corpora"][0]["name"] == "wire.conll" and card["corpora"][0]["sentences"] == 12
    assert card["seed"] == 7 and card["hyperparameters"]["c1"] == 0.01
    assert card["features"] == FeatureConfig().to_json()
    assert card["size_bytes"] == tiny.stat().st_size > 0


def test_tiny_model_predicts_names(tiny: Path) -> None:
    model = NerModel.load(tiny)
    assert set(model.labels) >= {"O", "B-PER", "I-PER", "B-LOC", "B-ORG"}
    tags = model.predict(["وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "."])
    assert tags[3:5] == ["B-PER", "I-PER"] and tags[6] == "B-LOC" and tags[0] == "O"
    assert model.predict([]) == []


def test_predict_spans_gives_normalised_character_spans(tiny: Path) -> None:
    model = NerModel.load(tiny)
    view = TextView.of("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن المحادثات مع القاهرة كانت بناءة.")
    spans = model.predict_spans(view)
    found = {(view.text[s:e], kind) for s, e, kind, _ in spans}
    assert ("فلاديمير بوتين", "PER") in found and ("موسكو", "LOC") in found
    assert all(0.0 < conf <= 1.0 for *_, conf in spans)


def test_clitics_before_the_article_are_left_out_of_a_span() -> None:
    assert clitic_skip("والعراق") == 1 and clitic_skip("بالقاهره") == 1 and clitic_skip("وبالقاهره") == 2
    assert clitic_skip("العراق") == 0 and clitic_skip("بوتين") == 0
    assert clitic_skip("للامم") == 0  # ل + الامم: the article's lam stays with the name


def test_training_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    _train(a, seed=3)
    _train(b, seed=3)
    assert a.read_bytes() == b.read_bytes()


def test_features_are_plain_strings_with_kb_tags() -> None:
    ex = FeatureExtractor(KBLexicons.of(default_index()), FeatureConfig())
    tokens = ["وصل", "بوتين", "إلى", "موسكو"]
    kb = ex.kb_tags(tokens)
    assert kb[1] == "B-PER" and kb[3] == "B-LOC"
    feats = ex.sentence(tokens)
    assert len(feats) == 4 and all(isinstance(f, str) for fs in feats for f in fs)
    assert "g=B-PER" in feats[1] and "g1=B-PER" in feats[0] and "g-2=B-PER" in feats[3] and "w=بوتين" in feats[1]
    assert [shape(w) for w in ("بوتين", "2024", "،", "NATO", "nato", "F16")] == ["A", "D", "P", "L", "l", "M"]


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="marsad train ner"):
        NerModel.load(tmp_path / "absent.crfsuite")


def test_cli_train_and_eval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.crfsuite"
    code = main(["train", "ner", "--corpus", str(WIRE), "--out", str(out), "--holdout-last", "0",
                 "--max-iter", "60", "--seed", "5", "--json"])
    assert code == 0 and out.exists()
    card = json.loads(capsys.readouterr().out)
    assert card["seed"] == 5
    assert main(["eval", "ner", str(WIRE), "--model", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sentences"] == len(read_corpus(WIRE)) == 12
    assert report["overall"]["f1"] > 0.8  # its own training data
    assert set(report["by_type"]) <= {"PER", "ORG", "LOC", "MISC"}
    assert main(["eval", "ner", str(WIRE), "--model", str(out), "--last", "0.25"]) == 0
    assert "overall" in capsys.readouterr().out


def test_shipped_model_if_present() -> None:
    path = default_model_path()
    if not path.exists():
        pytest.skip("no shipped model yet (marsad train ner, docs/ner.md)")
    model = NerModel.load()
    view = TextView.of("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده تدعم الأمم المتحدة.")
    found = {(view.text[s:e], kind) for s, e, kind, _ in model.predict_spans(view)}
    assert ("موسكو", "LOC") in found
    assert any(kind == "PER" and "بوتين" in text for text, kind in found)


def test_cue_words_are_normalised_and_of_known_kinds() -> None:
    from marsad.recognize.ner_features import cue_words

    cues = cue_words()
    assert set(cues.values()) == {"person", "name_part", "org", "place", "misc"}
    assert cues["فنان"] == "person" and cues["نادي"] == "org" and cues["محافظه"] == "place"
    assert not any(w.startswith("ال") and len(w) > 4 for w in cues)  # written without the article
    ex = FeatureExtractor(None, FeatureConfig())
    assert "cue=person-1" in ex.sentence(["والفنان", "طلعت"])[1]


def test_sports_sentences_carry_a_topic_feature() -> None:
    ex = FeatureExtractor(KBLexicons.of(default_index()), FeatureConfig())
    sport = ex.sentence(["وفاز", "برشلونه", "في", "المباراه"])
    assert "tp=sport" in sport[1] and "g=B-LOC|sport" in sport[1]
    news = ex.sentence(["وصل", "الوفد", "الي", "برشلونه"])
    assert not any(f.startswith("tp=") for fs in news for f in fs)


def test_bilou_labels_roundtrip_to_bio() -> None:
    bio = ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG", "O"]
    bilou = to_bilou(bio)
    assert bilou == ["B-PER", "L-PER", "O", "U-LOC", "B-ORG", "I-ORG", "L-ORG", "O"]
    assert to_bio(bilou) == bio and to_bio(bio) == bio


def test_bilou_model_predicts_bio(tmp_path: Path) -> None:
    out = tmp_path / "bilou.crfsuite"
    config = TrainConfig([WIRE], out, seed=7, holdout_last=0.0, max_iter=60, c1=0.01, c2=0.01, bilou=True)
    card = train(config, default_index())
    assert card["labels"] == "BILOU"
    model = NerModel.load(out)
    assert any(label.startswith("U-") for label in model.labels)
    tags = model.predict(["وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "."])
    assert not any(t.startswith(("U-", "L-")) for t in tags) and tags[6] == "B-LOC"


def test_dev_blocks_partition_the_training_part() -> None:
    sentences = read_corpus(WIRE)
    rest, dev = split_dev(sentences, 0.25)
    assert dev == sentences[-3:] and rest == sentences[:-3]
    rest, dev = split_dev(sentences, 0.25, block=1)
    assert dev == sentences[-6:-3] and rest == sentences[:-6] + sentences[-3:]
    with pytest.raises(InputError):
        split_dev(sentences, 0.25, block=4)


def test_accusative_cue_words_are_cues_when_asked() -> None:
    on = FeatureExtractor(None, FeatureConfig(gazetteer=False, accusative_cues=True)).sentence(["60", "دولارا"])
    off = FeatureExtractor(None, FeatureConfig(gazetteer=False)).sentence(["60", "دولارا"])
    assert "cue=misc" in on[1] and "cue=misc" not in off[1]


def test_quoted_and_parenthesised_tokens_are_marked() -> None:
    tokens = ["قالت", "شركه", '"', "ياهو", '"', "(", "رويترز", ")", "«", "نوكيا"]
    assert enclosed(tokens) == ["", "", "", "q", "", "", "p", "", "", ""]  # an unclosed « marks nothing
    ex = FeatureExtractor(None, FeatureConfig(gazetteer=False, quotes=True))
    feats = ex.sentence(tokens)
    assert "in=q" in feats[3] and "in=p" in feats[6] and not any(f.startswith("in=") for f in feats[9])


def test_feature_config_roundtrip_and_old_cards() -> None:
    config = FeatureConfig(bigrams=True, window=3)
    assert FeatureConfig.from_json(config.to_json()) == config
    old = FeatureConfig.from_json({"affixes": True, "gazetteer": True})  # a card from before newer groups
    assert old.affixes and old.gazetteer and not old.topic and not old.cues and old.window == 2
