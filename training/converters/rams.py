"""RAMS (Ebner et al., ACL 2020): one event per 5-sentence window, arguments possibly in other sentences.

Each JSON line has `doc_key`, `sentences` (token lists), `evt_triggers` ([[start, end, [[type, score]]]], token
offsets over the whole window, end inclusive), `ent_spans` and `gold_evt_links` ([[trigger], [start, end], role]
with roles written `evt089arg01victim`: the role is the part after `argNN`). Text is the tokens joined by single
spaces; `source_url` is kept as the document's url.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from training.converters.common import (
    ConversionLog,
    SpanSet,
    expand,
    join_tokens,
    lookup_role,
    make_document,
    make_event,
    read_json_lines,
)
from training.converters.mapping import CorpusMapping

_ROLE = re.compile(r"arg\d+(.+)$")


def read_rams(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one corpus document per RAMS example, with its one event."""
    log = log or ConversionLog()
    for path in expand(paths, "*.jsonlines"):
        for lineno, doc in read_json_lines(path):
            if "sentences" not in doc or "doc_key" not in doc:
                raise ValueError(f"{path}:{lineno}: a RAMS example needs doc_key and sentences")
            text, chars = join_tokens(doc["sentences"])

            def extent(start: int, end: int) -> tuple[int, int] | None:
                # RAMS token offsets are inclusive at both ends.
                return (chars[start][0], chars[end][1]) if 0 <= start <= end < len(chars) else None

            spans = SpanSet(text, log, mapping.name)
            events = []
            for number, (start, end, types) in enumerate(doc.get("evt_triggers") or [], start=1):
                where = extent(start, end)
                trigger = spans.add(*where, "TRIGGER") if where else None
                if trigger is None or not types:
                    log.skip(f"{mapping.name}: event without a usable trigger (dropped)")
                    continue
                arguments = []
                for trigger_at, (arg_start, arg_end), label in doc.get("gold_evt_links") or []:
                    if list(trigger_at) != [start, end]:
                        continue
                    found = _ROLE.search(label)
                    role_map = lookup_role(mapping, found.group(1) if found else label, log)
                    where = extent(arg_start, arg_end)
                    span_id = spans.add(*where, role_map.label) if role_map and where else None
                    if role_map and span_id:
                        arguments.append((role_map.role, span_id))
                events.append(make_event(f"e{number}", types[0][0], trigger, arguments, spans, mapping, log))
            yield make_document(str(doc["doc_key"]), mapping, text, spans, events, url=doc.get("source_url"))
