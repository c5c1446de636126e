"""Word clusters of the NER model: building them (PPMI, SVD, k-means) on a tiny corpus the test writes, the
TSV next to the model and its validation, the cluster features, and training with them."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from marsad.errors import ModelError
from marsad.knowledge.index import default_index
from marsad.recognize.ner_cluster_build import build_clusters
from marsad.recognize.ner_clusters import WordClass, cluster_key, clusters_path, read_clusters, write_clusters
from marsad.recognize.ner_corpus import project
from marsad.recognize.ner_features import FeatureConfig, FeatureExtractor
from marsad.recognize.ner_model import NerModel
from marsad.recognize.ner_train import TrainConfig, cluster_text, load_dataset, train

WIRE = Path(__file__).parent / "data" / "ner" / "wire.conll"
CLUBS = ["الوداد", "الرجاء", "الجيش", "الكوكب"]
CITIES = ["الرباط", "طنجه", "فاس", "مراكش"]
VERBS = ["فاز", "خسر", "تعادل"]


def _text() -> list[list[str]]:
    """Clubs after "فريق" and before a verb, cities after "مدينه" and before "امس": two contexts."""
    out: list[list[str]] = []
    for club, city, verb in itertools.product(CLUBS, CITIES, VERBS):
        out.append(["وقال", "فريق", club, verb, "في", "مدينه", city, "امس", "."])
        out.append(["ان", "فريق", club, verb, "علي", "ملعب", "مدينه", city, "."])
    return out


def test_words_in_the_same_contexts_share_clusters() -> None:
    clusters = build_clusters(_text(), seed=5, granularities=(2, 4))
    assert all(len(c.ids) == 2 for c in clusters.values())
    assert clusters[cluster_key("فريق")].count == 2 * len(CLUBS) * len(CITIES) * len(VERBS)
    clubs = {clusters[cluster_key(w)].ids[0] for w in CLUBS}
    cities = {clusters[cluster_key(w)].ids[0] for w in CITIES}
    assert len(clubs) == 1 and len(cities) == 1 and clubs != cities
    assert build_clusters(_text(), seed=5, granularities=(2, 4)) == clusters  # deterministic
    assert build_clusters([["قليل"]]) == {}  # too little text: no clusters, no error


def test_cluster_file_roundtrip_and_validation(tmp_path: Path) -> None:
    f = clusters_path(tmp_path / "m.crfsuite")
    assert f == tmp_path / "m.clusters.tsv"
    clusters = {"وداد": WordClass(12, ("1", "7")), "رباط": WordClass(4, ("0", "3"))}
    write_clusters(clusters, f, (2, 8))
    assert read_clusters(f) == clusters
    assert f.read_text(encoding="utf-8").startswith("# word\tcount\tk2\tk8")
    assert [c.frequency for c in (WordClass(3, ()), WordClass(10, ()), WordClass(100, ()))] == ["3-9", "10-99", "100+"]
    for bad in ("وداد\t4\t1\tx", "وداد\t4\t1\nرباط\t4\t0\t3", "وداد\t4\t1\nوداد\t4\t2", "وداد\t4"):
        f.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(ModelError):
            read_clusters(f)


def test_cluster_features_of_a_token_and_its_neighbours() -> None:
    clusters = {cluster_key("الوداد"): WordClass(5, ("1", "7", "30")),
                cluster_key("فريق"): WordClass(200, ("0", "2", "9"))}
    ex = FeatureExtractor(None, FeatureConfig(gazetteer=False, rarity=False), clusters=clusters)
    feats = ex.sentence(["فريق", "والوداد", "فاز"])
    assert {"k0=1", "k1=7", "k2=30"} <= set(feats[1])  # "والوداد" is clustered without its clitics
    assert {"k0-1=0", "k1-1=2"} <= set(feats[1]) and "k2-1=9" not in feats[1]  # a neighbour: coarse levels
    assert "k0-2=0" in feats[2] and "k1-2=2" not in feats[2]
    assert not any(f.startswith(("k0=", "k1=", "k2=")) for f in feats[2])  # "فاز" has no cluster
    config = FeatureConfig(gazetteer=False, clusters=False, rarity=False)
    off = FeatureExtractor(None, config, clusters=clusters).sentence(["والوداد"])
    assert not any(f.startswith("k") for f in off[0])
    rare = FeatureExtractor(None, FeatureConfig(gazetteer=False, clusters=False), clusters=clusters)
    feats = rare.sentence(["فريق", "والوداد", "فاز"])
    assert "kf=100+" in feats[0] and "kf=3-9" in feats[1] and "kf=0" in feats[2]
    assert not any(f.startswith("k0") for fs in feats for f in fs)  # frequency alone, no cluster ids


def test_training_builds_clusters_without_the_holdout(tmp_path: Path) -> None:
    config = TrainConfig([WIRE], tmp_path / "m.crfsuite", holdout_last=0.25, clusters=[WIRE], max_iter=30,
                         features=FeatureConfig(clusters=True))
    data = load_dataset(config)
    text = list(cluster_text(config, data))
    assert text == [p.tokens for p in data.train]
    held_out = [project(s).tokens for s in data.holdout]
    assert held_out and not any(t in text for t in held_out)
    card = train(config, default_index())
    assert card["clusters"]["corpora"] == ["wire.conll"]
    path = clusters_path(config.out)
    assert path.exists() == (card["clusters"]["words"] > 0)
    model = NerModel.load(config.out)
    assert model.features.clusters == (read_clusters(path) if path.exists() else None)
