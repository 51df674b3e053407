"""WikiEvents (Li, Ji and Han, NAACL 2021): document-level KAIROS events over news about attacks.

Each JSON line has `doc_id`, `text`, `sentences` ([[token, start char, end char], ...], sentence text),
`entity_mentions` (`id`, token `start`/`end` over the whole document, end exclusive) and `event_mentions`
(`event_type` such as Conflict.Attack.DetonateExplode, a `trigger` with token offsets, `arguments` naming an entity
mention and a role). Only triggers and the mentions that fill a mapped role become spans: our labels are relative
to an event (a place is a LOCATION when something happened there).
"""

from __future__ import annotations

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


def sentence_text(sentences: list[Any]) -> str:
    """The document text that the token offsets index: each sentence's text at its first token's offset.

    The released `text` field glues sentences together ("...in SyriaThe desert..."), while token offsets count a
    separator (one to eight characters) between them; the gaps are filled with spaces.
    """
    buffer: list[str] = []
    for tokens, sentence in sentences:
        if not tokens:
            continue
        start = int(tokens[0][1])
        buffer.extend(" " * (start - len(buffer)))
        buffer[start:] = list(sentence)
    return "".join(buffer)


def read_wikievents(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one corpus document per WikiEvents document."""
    log = log or ConversionLog()
    for path in expand(paths, "*.jsonl"):
        for lineno, doc in read_json_lines(path):
            if "sentences" not in doc or "doc_id" not in doc:
                raise ValueError(f"{path}:{lineno}: a WikiEvents document needs doc_id and sentences")
            text = sentence_text(doc["sentences"])
            chars = [(int(tok[1]), int(tok[2])) for sentence in doc["sentences"] for tok in sentence[0]]

            def extent(start: int, end: int) -> tuple[int, int] | None:
                return (chars[start][0], chars[end - 1][1]) if 0 <= start < end <= len(chars) else None

            mentions = {m["id"]: m for m in doc.get("entity_mentions") or []}
            spans = SpanSet(text, log, mapping.name)
            events = []
            for number, mention in enumerate(doc.get("event_mentions") or [], start=1):
                where = extent(mention["trigger"]["start"], mention["trigger"]["end"])
                trigger = spans.add(*where, "TRIGGER") if where else None
                if trigger is None:
                    log.skip(f"{mapping.name}: event mention without a usable trigger (dropped)")
                    continue
                arguments = []
                for arg in mention.get("arguments") or []:
                    entity = mentions.get(arg.get("entity_id"))
                    role_map = lookup_role(mapping, arg["role"], log)
                    if entity is None or role_map is None:
                        if entity is None:
                            log.skip(f"{mapping.name}: argument naming a missing entity mention (dropped)")
                        continue
                    where = extent(entity["start"], entity["end"])
                    span_id = spans.add(*where, role_map.label) if where else None
                    if span_id:
                        arguments.append((role_map.role, span_id))
                events.append(
                    make_event(mention.get("id") or f"e{number}", mention["event_type"], trigger, arguments,
                               spans, mapping, log)
                )
            yield make_document(str(doc["doc_id"]), mapping, text, spans, events)
