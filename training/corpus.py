"""Loading corpora for training: the bundled data/ split and converted public corpora, as a DatasetDict."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

from datasets import Dataset, DatasetDict

from inference.schema import read_jsonl, write_jsonl
from training.markup import compile_paths
from training.validation import validate_document

SPLITS = ("train", "validation", "test")
# Fixed split of the bundled corpus by article id: about 70/15/15, stable when articles are added.
_SPLIT_BUCKETS = ((70, "train"), (85, "validation"), (100, "test"))

# Columns kept in datasets: nested events are stored as JSON text because Arrow needs one schema for
# every row, and converted corpora carry different optional fields.
_COLUMNS = ("id", "text", "published", "spans", "events_json", "origin")


def split_of(doc_id: str) -> str:
    """The fixed split of an article: a stable hash of its id.

    >>> split_of("waf-001")
    'train'
    """
    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 100
    return next(name for limit, name in _SPLIT_BUCKETS if bucket < limit)


def compile_corpus(raw_paths: Sequence[str | Path], output_dir: str | Path) -> dict[str, int]:
    """Compile authored markup into data/{train,validation,test}.jsonl; returns documents per split."""
    docs = compile_paths(raw_paths)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    by_split: dict[str, list[dict[str, Any]]] = {name: [] for name in SPLITS}
    for doc in docs:
        by_split[split_of(doc["id"])].append(doc)
    return {name: write_jsonl(output_dir / f"{name}.jsonl", items) for name, items in by_split.items()}


def read_documents(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Read corpus JSONL files, failing at the first invalid document with file, line and id."""
    docs = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"corpus file not found: {path}")
        for lineno, doc in read_jsonl(path):
            problems = list(validate_document(doc))
            if problems:
                kind, message = problems[0]
                raise ValueError(f"{path}:{lineno}: [{doc.get('id', '?')}] {kind}: {message}")
            docs.append(doc)
    return docs


def to_dataset(docs: Sequence[dict[str, Any]]) -> Dataset:
    rows = {
        "id": [str(d["id"]) for d in docs],
        "text": [d["text"] for d in docs],
        "published": [d.get("published") for d in docs],
        "spans": [[{k: s[k] for k in ("id", "start", "end", "label")} for s in d["spans"]] for d in docs],
        "events_json": [json.dumps(d.get("events") or [], ensure_ascii=False) for d in docs],
        "origin": [d.get("origin") or "conflict-events" for d in docs],
    }
    return Dataset.from_dict(rows)


def documents_from_dataset(dataset: Dataset) -> list[dict[str, Any]]:
    """Inverse of `to_dataset`: rows back to corpus documents."""
    return [
        {
            "id": row["id"],
            "text": row["text"],
            "published": row["published"],
            "spans": row["spans"],
            "events": json.loads(row["events_json"]),
            "origin": row["origin"],
        }
        for row in dataset
    ]


def load_corpus(
    train_files: Sequence[str | Path] = (),
    validation_files: Sequence[str | Path] = (),
    test_files: Sequence[str | Path] = (),
    *,
    corpora: Sequence[str] = (),
    corpora_dir: str | Path = "../shared/corpora",
) -> DatasetDict:
    """Load corpus files (and the train partitions of converted public corpora) into a DatasetDict.

    Public corpora add their declared train partition to `train` and nothing else, so that nothing trains on what
    it is scored on.

    >>> load_corpus(["data/train.jsonl"], ["data/validation.jsonl"], ["data/test.jsonl"])["train"].num_rows > 0
    True
    """
    splits = {
        "train": read_documents(train_files),
        "validation": read_documents(validation_files),
        "test": read_documents(test_files),
    }
    if corpora:
        from training.converters import load_public_corpus

        for name in corpora:
            splits["train"].extend(load_public_corpus(name, corpora_dir, partition="train"))
    return DatasetDict({name: to_dataset(docs) for name, docs in splits.items() if docs})
