"""Batch extraction over a file or folder: streaming, resumable, shardable across processes."""

from __future__ import annotations

import heapq
import itertools
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from inference.extractor import EventExtractor
from inference.outputs import ArticleResult
from inference.readers import InputRecord, read_input
from inference.writers import article_line, write_tables

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")


@dataclass
class ExtractionSummary:
    articles: int = 0
    events: int = 0
    skipped_resumed: int = 0
    errors: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    jsonl_path: str = ""
    table_path: str | None = None

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


def completed_lines(path: Path) -> int:
    """Complete lines already written; a partial last line (an interrupted write) is cut off."""
    if not path.exists():
        return 0
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with path.open("r+b") as handle:
            handle.truncate(cut)
        data = data[:cut]
    return data.count(b"\n")


def _with_ids(records: Iterator[InputRecord]) -> Iterator[InputRecord]:
    """Give id-less articles a positional id and flag repeated ids (both are processed, with a warning)."""
    seen: dict[str, int] = {}
    for record in records:
        if record.article is not None:
            article = dict(record.article)
            warnings = list(article.pop("_warnings", []))
            if article.get("id") in (None, ""):
                article["id"] = f"item-{record.index}"
                warnings.append("missing-id")
            key = str(article["id"])
            if key in seen:
                warnings.append(f"duplicate-id (first at index {seen[key]})")
            else:
                seen[key] = record.index
            article["_warnings"] = warnings
            record = InputRecord(record.index, article)
        yield record


def _results(extractor: EventExtractor, records: Iterator[InputRecord]) -> Iterator[tuple[int, ArticleResult]]:
    """Run the extractor over readable records; unreadable ones become error results, order kept."""
    pending: list[InputRecord] = []

    def flush() -> Iterator[tuple[int, ArticleResult]]:
        readable = [r for r in pending if r.article is not None]
        results = iter(extractor.extract([_strip(r.article) for r in readable]))
        for record in pending:
            if record.article is None:
                yield record.index, ArticleResult(None, error=record.error, error_kind=record.error_kind,
                                                  provenance=extractor.provenance)
            else:
                result = next(results)
                extra = tuple(record.article.get("_warnings", ()))
                if extra:
                    result = ArticleResult(**{**result.__dict__, "warnings": result.warnings + extra})
                yield record.index, result

    for record in records:
        pending.append(record)
        if len(pending) >= extractor.chunk_size:
            yield from flush()
            pending = []
    if pending:
        yield from flush()


def _strip(article: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in article.items() if k != "_warnings"}


def run_extraction(
    extractor: EventExtractor,
    input_path: str | Path,
    output: str | Path,
    *,
    fmt: str = "jsonl",
    resume: bool = False,
    progress: bool = True,
) -> ExtractionSummary:
    """Extract events from every article of `input_path` into `output`.

    JSONL output has exactly one line per input item, in input order. For CSV/Parquet the canonical JSONL is
    written beside the table (`OUTPUT.jsonl`) and the table is rebuilt from it at the end, so `resume` works the
    same for every format. Under `accelerate launch`, each process takes every n-th item and the main process
    merges the parts in input order.
    """
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose from {', '.join(OUTPUT_FORMATS)}")
    output = Path(output)
    jsonl_path = output if fmt == "jsonl" else output.with_name(output.name + ".jsonl")
    records = read_input(input_path)  # raises UnusableInput before anything is written
    from accelerate import PartialState

    state = PartialState()
    summary = ExtractionSummary(jsonl_path=str(jsonl_path))
    started = time.perf_counter()
    if state.num_processes > 1:
        part = jsonl_path.with_name(f"{jsonl_path.name}.part{state.process_index}")
        mine = (r for r in records if r.index % state.num_processes == state.process_index)
        _write(extractor, mine, part, summary, skip=0, progress=progress and state.is_main_process)
        state.wait_for_everyone()
        if state.is_main_process:
            _merge_parts(jsonl_path, state.num_processes)
    else:
        skip = completed_lines(jsonl_path) if resume else 0
        summary.skipped_resumed = skip
        _write(extractor, itertools.islice(records, skip, None), jsonl_path, summary, skip=skip, progress=progress)
    summary.seconds = time.perf_counter() - started
    if fmt != "jsonl" and state.is_main_process:
        write_tables(jsonl_path, output, fmt)
        summary.table_path = str(output)
    return summary


def _write(extractor, records, path: Path, summary: ExtractionSummary, *, skip: int, progress: bool) -> None:
    from tqdm.auto import tqdm

    bar = tqdm(desc="Extracting", unit="article", disable=not progress, initial=0)
    mode = "a" if skip else "w"
    with path.open(mode, encoding="utf-8") as handle:
        for index, result in _results(extractor, _with_ids(records)):
            handle.write(article_line(index, result) + "\n")
            handle.flush()
            summary.articles += 1
            summary.events += len(result.events)
            if result.error_kind:
                summary.errors[result.error_kind] += 1
            for warning in result.warnings:
                summary.warnings[warning.split(" ")[0]] += 1
            bar.update(1)
    bar.close()


def _merge_parts(path: Path, parts: int) -> None:
    """Merge the part files back into input order, streaming (each part is sorted by index)."""
    files = [path.with_name(f"{path.name}.part{i}") for i in range(parts)]
    handles = [f.open(encoding="utf-8") for f in files]
    streams = [((json.loads(line)["index"], line) for line in handle if line.strip()) for handle in handles]
    with path.open("w", encoding="utf-8") as out:
        for _, line in heapq.merge(*streams):
            out.write(line if line.endswith("\n") else line + "\n")
    for handle, file in zip(handles, files):
        handle.close()
        file.unlink()
