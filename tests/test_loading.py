"""load_corpus: the bundled split and public corpora as a DatasetDict; bad corpora fail at the door."""

import json

import pytest
from datasets import DatasetDict

from conftest import CORPORA, REPO
from training.corpus import documents_from_dataset, load_corpus


def test_bundled_corpus_loads_as_three_splits():
    data = REPO / "data"
    corpus = load_corpus([data / "train.jsonl"], [data / "validation.jsonl"], [data / "test.jsonl"])
    assert isinstance(corpus, DatasetDict) and set(corpus) == {"train", "validation", "test"}
    assert corpus["train"].num_rows > corpus["test"].num_rows > 0
    doc = documents_from_dataset(corpus["test"].select([0]))[0]
    assert doc["text"] and isinstance(doc["events"], list)


def test_bad_corpus_fails_with_file_line_and_id(tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = {"id": "ok", "text": "Gunmen attacked.", "spans": [], "events": []}
    broken = {"id": "b2", "text": "short", "spans": [{"id": "s", "start": 0, "end": 99, "label": "ACTOR"}], "events": []}
    bad.write_text(json.dumps(good) + "\n" + json.dumps(broken) + "\n")
    with pytest.raises(ValueError, match=r"bad.jsonl:2: \[b2\] offset-out-of-range"):
        load_corpus([bad])
    with pytest.raises(FileNotFoundError, match="corpus file not found"):
        load_corpus([tmp_path / "missing.jsonl"])


@pytest.mark.corpora
def test_public_corpus_adds_only_its_train_partition():
    from training.converters import load_public_corpus

    corpus = load_corpus(corpora=["muc4"], corpora_dir=CORPORA)
    train = load_public_corpus("muc4", CORPORA, partition="train")
    evaluation = {d["id"] for d in load_public_corpus("muc4", CORPORA, partition="evaluation")}
    assert corpus["train"].num_rows == len(train)
    assert not evaluation & set(corpus["train"]["id"]), "nothing trains on what it is scored on"
