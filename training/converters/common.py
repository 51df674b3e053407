"""Pieces every converter shares: the skip log, span collection with clean offsets, event and document records."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from inference.schema import SCHEMA_VERSION
from training.converters.mapping import CorpusMapping, RoleMap
from training.converters.rules import EventView, classify


@dataclass
class ConversionLog:
    """What a reader dropped (`skipped`) or adjusted (`notes`), counted by reason."""

    skipped: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def note(self, reason: str, count: int = 1) -> None:
        self.notes[reason] += count


def expand(paths: Iterable[str | Path], pattern: str = "*") -> list[Path]:
    """Files named directly, plus the files under named folders that match `pattern` (sorted, recursive)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob(pattern) if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return files


def read_json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a bad line fails with file and line."""
    with path.open(encoding="utf-8-sig") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{lineno}: not a JSON line ({err.msg})") from None
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{lineno}: a line must hold one JSON object")
            yield lineno, obj


def iso_date(value: Any) -> str | None:
    """`2015-2-8` -> `2015-02-08`; None for anything that is not a real Y-M-D date."""
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", str(value or ""))
    if not found:
        return None
    try:
        return dt.date(*map(int, found.groups())).isoformat()
    except ValueError:
        return None


def join_tokens(sentences: Sequence[Sequence[str]], sentence_sep: str = " ") -> tuple[str, list[tuple[int, int]]]:
    """Text from tokens (single spaces; `sentence_sep` between sentences) and each token's char offsets."""
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for number, tokens in enumerate(sentences):
        if number and tokens:
            pieces.append(sentence_sep)
            pos += len(sentence_sep)
        for index, token in enumerate(tokens):
            if index:
                pieces.append(" ")
                pos += 1
            pieces.append(token)
            offsets.append((pos, pos + len(token)))
            pos += len(token)
    return "".join(pieces), offsets


class SpanSet:
    """Spans of one document: one span per extent (triggers apart), trimmed of whitespace, with stable ids."""

    def __init__(self, text: str, log: ConversionLog, origin: str) -> None:
        self.text = text
        self.log = log
        self.origin = origin
        self.spans: list[dict[str, Any]] = []
        self._by_extent: dict[tuple[int, int, bool], str] = {}
        self._by_id: dict[str, dict[str, Any]] = {}

    def add(self, start: int, end: int, label: str) -> str | None:
        """The id of the span over [start, end) with this label, adding it if new; None if it cannot exist."""
        end = min(end, len(self.text))
        start = max(start, 0)
        # Source offsets sometimes take in a space or stop past the text (M2E2 drops the final token's char).
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start >= end:
            self.log.skip(f"{self.origin}: span outside the text or empty")
            return None
        key = (start, end, label == "TRIGGER")
        if key in self._by_extent:
            return self._by_extent[key]
        span_id = f"{'t' if label == 'TRIGGER' else 's'}{len(self.spans) + 1}"
        span = {"id": span_id, "start": start, "end": end, "label": label}
        self.spans.append(span)
        self._by_extent[key] = span_id
        self._by_id[span_id] = span
        return span_id

    def surface(self, span_id: str) -> str:
        span = self._by_id[span_id]
        return self.text[span["start"] : span["end"]]

    def extent(self, span_id: str) -> tuple[int, int]:
        span = self._by_id[span_id]
        return span["start"], span["end"]


def lookup_role(mapping: CorpusMapping, role: str, log: ConversionLog) -> RoleMap | None:
    """Our role for a source role. A role listed under `unmapped` is dropped by design (a note); one the file does
    not mention is a gap in the file (a skip)."""
    found = mapping.role(role)
    if found is None and mapping.unmapped_reason(role):
        log.note(f"{mapping.name}: role {role!r} unmapped (argument dropped)")
    elif found is None:
        log.skip(f"{mapping.name}: role {role!r} not in the mapping file (argument dropped)")
    return found


def lookup_label(mapping: CorpusMapping, label: str, log: ConversionLog) -> str | None:
    found = mapping.label(label)
    if found is None and mapping.unmapped_reason(label):
        log.note(f"{mapping.name}: label {label!r} unmapped (span dropped)")
    elif found is None:
        log.skip(f"{mapping.name}: label {label!r} not in the mapping file (span dropped)")
    return found


def make_event(
    event_id: str,
    source_type: str,
    trigger: str | None,
    arguments: Iterable[tuple[str, str]],
    spans: SpanSet,
    mapping: CorpusMapping,
    log: ConversionLog,
    *,
    fields: dict[str, tuple[str, ...]] | None = None,
    rule_type: str | None = None,
    **gold: Any,
) -> dict[str, Any]:
    """An event record; its ACLED type comes from the mapping's rules for `rule_type` (default: source_type)."""
    args: dict[str, list[str]] = {}
    for role, span_id in arguments:
        if span_id not in args.setdefault(role, []):
            args[role].append(span_id)
    texts: dict[str, tuple[str, ...]] = {role: tuple(spans.surface(s) for s in ids) for role, ids in args.items()}
    if trigger is not None:
        texts["trigger"] = (spans.surface(trigger),)
    key = rule_type or source_type
    rules = mapping.rules(key)
    if rules is None:
        if mapping.unmapped_reason(key) is None:
            log.skip(f"{mapping.name}: event type {key!r} not in the mapping file (kept without ACLED type)")
        event_type = sub_event_type = None
    else:
        event_type, sub_event_type = classify(rules, EventView(texts, fields or {}))
    event = {
        "id": event_id,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "source_event_type": source_type,
        "trigger": trigger,
        "arguments": args,
    }
    for name in ("fatalities", "wounded", "event_date", "time_precision", "country", "admin1", "admin2",
                 "location", "geo_precision", "latitude", "longitude"):
        event[name] = gold.pop(name, None)
    if gold:
        raise TypeError(f"unknown event fields {sorted(gold)}")
    return event


def make_document(
    doc_id: str,
    mapping: CorpusMapping,
    text: str,
    spans: SpanSet,
    events: list[dict[str, Any]] | None = None,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """A corpus document in the JSONL format (see training/markup.py `compile_article`)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": f"{mapping.id_prefix}{doc_id}",
        "origin": mapping.origin,
        "title": title,
        "published": published,
        "source": source,
        "url": url,
        "text": text,
        "spans": sorted(spans.spans, key=lambda s: (s["start"], s["end"])),
        "events": events or [],
    }
