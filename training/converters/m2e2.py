"""M2E2 (Li et al., ACL 2020): Voice of America sentences with ACE-2005 event mentions.

Records (JSON lines) hold `sentence_id` (`<article>_<n>`), `sentence`, `sentence_start`, `words`, `index` (each
token's inclusive [start, end] char offsets in the article), `golden-entity-mentions` and `golden-event-mentions`
(token offsets, end exclusive). The two files share sentence ids: the same sentence annotated with the events of
each file, so records are merged by sentence id, and their events united, before anything else.
One document per sentence; ids keep the article prefix so that the partition can be by article.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from training.converters.common import (
    ConversionLog,
    SpanSet,
    expand,
    lookup_role,
    make_document,
    make_event,
    read_json_lines,
)
from training.converters.mapping import CorpusMapping

_DATE_IN_ID = re.compile(r"_(\d{4})\.(\d{2})\.(\d{2})\.")


def _event_key(event: dict[str, Any]) -> tuple[Any, ...]:
    trigger = event["trigger"]
    return (trigger["start"], trigger["end"], event["event_type"])


def merge_records(paths: Iterable[Path], log: ConversionLog, origin: str) -> dict[str, dict[str, Any]]:
    """Records by sentence id; a repeated id unites the event mentions (same text, other annotation file)."""
    records: dict[str, dict[str, Any]] = {}
    for path in paths:
        for lineno, record in read_json_lines(path):
            sid = record.get("sentence_id")
            if not isinstance(sid, str) or not isinstance(record.get("sentence"), str):
                raise ValueError(f"{path}:{lineno}: an M2E2 record needs sentence_id and sentence")
            if sid not in records:
                records[sid] = {**record, "golden-event-mentions": list(record.get("golden-event-mentions") or [])}
                continue
            kept = records[sid]
            if kept["sentence"] != record["sentence"]:
                raise ValueError(f"{path}:{lineno}: sentence id {sid} repeated with a different sentence")
            seen = {_event_key(e) for e in kept["golden-event-mentions"]}
            for event in record.get("golden-event-mentions") or []:
                if _event_key(event) not in seen:
                    kept["golden-event-mentions"].append(event)
                    seen.add(_event_key(event))
            log.note(f"{origin}: repeated sentence id merged")
    return records


def read_m2e2(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one corpus document per distinct M2E2 sentence, its events typed by the mapping's rules."""
    log = log or ConversionLog()
    records = merge_records(expand(paths, "*.jsonl"), log, mapping.name)
    for sid, record in records.items():
        text = record["sentence"]
        base = int(record.get("sentence_start") or 0)
        # Token char offsets relative to the sentence, end exclusive (the file's are inclusive and absolute).
        chars = [(int(a) - base, int(b) - base + 1) for a, b in record.get("index") or []]

        def extent(start: int, end: int) -> tuple[int, int] | None:
            if not 0 <= start < end <= len(chars):
                return None
            return chars[start][0], chars[end - 1][1]

        spans = SpanSet(text, log, mapping.name)
        events = []
        for number, mention in enumerate(record["golden-event-mentions"], start=1):
            where = extent(mention["trigger"]["start"], mention["trigger"]["end"])
            trigger = spans.add(*where, "TRIGGER") if where else None
            if trigger is None:
                log.skip(f"{mapping.name}: event mention without a usable trigger (dropped)")
                continue
            arguments = []
            for arg in mention.get("arguments") or []:
                role_map = lookup_role(mapping, arg["role"], log)
                where = extent(arg["start"], arg["end"])
                span_id = spans.add(*where, role_map.label) if role_map and where else None
                if role_map and span_id:
                    arguments.append((role_map.role, span_id))
            events.append(
                make_event(f"e{number}", mention["event_type"], trigger, arguments, spans, mapping, log)
            )
        date = _DATE_IN_ID.search(sid)
        published = "-".join(date.groups()) if date else None
        yield make_document(sid, mapping, text, spans, events, published=published,
                            source=mapping.options.get("source"))
