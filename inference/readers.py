"""Input readers: JSONL, CSV, Parquet, a .txt file or a folder of .txt files -> one record per input item.

A bad item (invalid UTF-8, a malformed JSON line) still yields a record, carrying its error, so that every input
line gets exactly one output line.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

FORMATS = ("jsonl", "csv", "parquet", "txt", "folder")


@dataclass(frozen=True)
class InputRecord:
    """One input item: an article mapping, or the reason it could not be read."""

    index: int  # 0-based position in the input
    article: dict[str, Any] | None
    error_kind: str | None = None
    error: str | None = None


class UnusableInput(ValueError):
    """The input as a whole cannot be read (missing file, unknown format)."""


def detect_format(path: Path) -> str:
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".txt":
        return "txt"
    raise UnusableInput(f"{path}: cannot tell the input format from the suffix {suffix!r} (jsonl, csv, parquet, txt)")


def read_input(path: str | Path) -> Iterator[InputRecord]:
    """Stream the records of an input file or folder, in input order."""
    path = Path(path)
    if not path.exists():
        raise UnusableInput(f"no such file or folder: {path}")
    fmt = detect_format(path)
    if fmt == "jsonl":
        return _read_jsonl(path)
    if fmt == "csv":
        return _read_csv(path)
    if fmt == "parquet":
        return _read_parquet(path)
    if fmt == "txt":
        return iter([_read_txt(path, 0)])
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt")
    if not files:
        raise UnusableInput(f"{path}: the folder holds no .txt files")
    return (_read_txt(file, i) for i, file in enumerate(files))


def _read_jsonl(path: Path) -> Iterator[InputRecord]:
    with path.open("rb") as handle:
        index = 0
        for raw in handle:
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield InputRecord(index, None, "invalid-utf8", f"line {index + 1}: invalid UTF-8 at byte {err.start}")
                index += 1
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputRecord(index, None, "bad-json", f"line {index + 1}: malformed JSON ({err.msg})")
                index += 1
                continue
            if not isinstance(item, dict):
                yield InputRecord(index, None, "bad-json", f"line {index + 1}: a line must be a JSON object")
            else:
                yield InputRecord(index, item)
            index += 1


def _read_csv(path: Path) -> Iterator[InputRecord]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        if reader.fieldnames is None or "text" not in reader.fieldnames:
            raise UnusableInput(f"{path}: a CSV input needs a 'text' column")
        for index, row in enumerate(reader):
            # An empty cell is a missing value, except in `text`, where it is an empty article.
            yield InputRecord(index, {k: (v if v != "" or k == "text" else None) for k, v in row.items() if k})


def _read_parquet(path: Path) -> Iterator[InputRecord]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several types for a broken file
        raise UnusableInput(f"{path}: not a readable Parquet file ({err})") from None
    if "text" not in table.schema_arrow.names:
        raise UnusableInput(f"{path}: a Parquet input needs a 'text' column")
    index = 0
    for batch in table.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            yield InputRecord(index, row)
            index += 1


_DATE_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")


def _read_txt(path: Path, index: int) -> InputRecord:
    """A .txt article; a first line holding only an ISO date is taken as the published date."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputRecord(index, None, "invalid-utf8", f"{path.name}: invalid UTF-8 at byte {err.start}")
    published = None
    first, _, rest = text.partition("\n")
    match = _DATE_LINE.match(first)
    if match:
        try:
            published = dt.date.fromisoformat(match.group(1)).isoformat()
            text = rest
        except ValueError:
            pass
    return InputRecord(index, {"id": path.stem, "text": text, "published": published})
