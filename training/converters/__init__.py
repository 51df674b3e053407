"""Converters from public annotated corpora into the project's JSONL corpus format.

Each format has a pure reader `read_<format>(paths, mapping, log=None) -> Iterator[dict]` that yields corpus
documents; the mapping of a source's labels, roles and event types onto ours is data in
configs/corpora/<source>.yaml (see mapping.py and rules.py). `convert` runs a reader and writes JSONL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from inference.schema import write_jsonl
from training.converters.brat import read_brat
from training.converters.common import ConversionLog
from training.converters.conll import read_conll
from training.converters.gvdb import read_gvdb
from training.converters.m2e2 import read_m2e2
from training.converters.mapping import CorpusMapping, load_mapping, mapping_path, partition_of
from training.converters.mapping import mapping_path as _shipped_mapping  # `convert` has a parameter of that name
from training.converters.muc4 import read_muc4
from training.converters.rams import read_rams
from training.converters.re3d import read_re3d
from training.converters.wikievents import read_wikievents
from training.validation import validate_document

Reader = Callable[..., Iterator[dict[str, Any]]]

CONVERTERS: dict[str, Reader] = {
    "conll": read_conll,
    "brat": read_brat,
    "m2e2": read_m2e2,
    "muc4": read_muc4,
    "gvdb": read_gvdb,
    "wikievents": read_wikievents,
    "rams": read_rams,
    "re3d": read_re3d,
}

__all__ = [
    "CONVERTERS",
    "ConversionReport",
    "CorpusMapping",
    "convert",
    "load_mapping",
    "load_public_corpus",
    "mapping_path",
    "partition_of",
]


@dataclass(frozen=True)
class ConversionReport:
    """What one conversion wrote, and what it dropped (`skipped`, by reason) or adjusted (`notes`)."""

    output: Path
    documents: int
    events: int
    typed_events: int
    spans: int
    skipped: int
    reasons: dict[str, int] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)
    partitions: dict[str, int] = field(default_factory=dict)


def _reader(fmt: str) -> Reader:
    if fmt not in CONVERTERS:
        raise ValueError(f"unknown corpus format {fmt!r}; known: {', '.join(sorted(CONVERTERS))}")
    return CONVERTERS[fmt]


def _checked(docs: Iterable[dict[str, Any]], where: str) -> Iterator[dict[str, Any]]:
    # A converted document that fails validation is a converter bug: stop at it, naming it.
    for doc in docs:
        problems = list(validate_document(doc))
        if problems:
            kind, message = problems[0]
            raise ValueError(f"{where}: converted document {doc.get('id')!r} is invalid: {kind}: {message}")
        yield doc


def convert(fmt: str, inputs: list[Path], output: Path, mapping_path: Path | None = None) -> ConversionReport:
    """Convert source files of one format into a corpus JSONL file.

    `mapping_path` defaults to configs/corpora/<fmt>.yaml (there is none for the generic `conll` and `brat`).

    >>> report = convert("m2e2", [Path("../shared/corpora/m2e2")], Path("/tmp/m2e2.jsonl"))  # doctest: +SKIP
    >>> report.documents  # doctest: +SKIP
    6167
    """
    reader = _reader(fmt)
    path = Path(mapping_path) if mapping_path is not None else _shipped_mapping(fmt)
    if not path.is_file():
        raise ValueError(f"no mapping file for {fmt!r} at {path}: pass mapping_path")
    mapping = load_mapping(path)
    log = ConversionLog()
    counts = {"documents": 0, "events": 0, "typed_events": 0, "spans": 0}
    partitions: dict[str, int] = {}
    declared = any(mapping.partition.values())

    def counted(docs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for doc in docs:
            counts["documents"] += 1
            counts["events"] += len(doc["events"])
            counts["typed_events"] += sum(1 for e in doc["events"] if e.get("event_type"))
            counts["spans"] += len(doc["spans"])
            if declared:
                try:
                    part = partition_of(doc, mapping)
                except ValueError:
                    part = "undeclared"  # reported, not fatal: an ad hoc input need not fit the shipped partition
                partitions[part] = partitions.get(part, 0) + 1
            yield doc

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(output, counted(_checked(reader([Path(p) for p in inputs], mapping, log), str(path))))
    return ConversionReport(
        output=output,
        skipped=sum(log.skipped.values()),
        reasons=dict(log.skipped.most_common()),
        notes=dict(log.notes.most_common()),
        partitions=partitions,
        **counts,
    )


def load_public_corpus(
    name: str, corpora_dir: str | Path = "../shared/corpora", partition: str | None = None
) -> list[dict[str, Any]]:
    """Convert a public corpus in memory from the inputs its mapping file declares, keeping one partition.

    >>> len(load_public_corpus("muc4", partition="evaluation"))  # doctest: +SKIP
    200
    """
    mapping = load_mapping(_shipped_mapping(name))
    if not mapping.inputs:
        raise ValueError(f"{mapping.path}: declares no inputs, so {name!r} cannot be loaded by name")
    paths: Sequence[Path] = [Path(corpora_dir) / p for p in mapping.inputs["paths"]]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"{name}: corpus files not found: {', '.join(missing)}")
    docs = _checked(_reader(mapping.inputs["format"])(paths, mapping), str(mapping.path))
    return [doc for doc in docs if partition is None or partition_of(doc, mapping) == partition]
