"""Gun Violence Database (Pavlick et al., 2016) as released with tokens and typed spans (`dev.json`).

`dev.json` is JSON LINES, not one JSON document: each line has `doc_key`, `date` (the article's date), `full_text`
(sentences of tokens) and `spans` ([first token, end token exclusive, label, surface, tokens] over the whole
article) with labels such as VIC-NAME, SHO-NAME, DAT-CITY, CIR-WEAPON. An article reports one incident, so each
document gets one document-level event (no trigger) whose type is the mapping's `options.document_event_type`;
the spans fill its roles through `roles`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from training.converters.common import (
    ConversionLog,
    SpanSet,
    expand,
    iso_date,
    join_tokens,
    lookup_role,
    make_document,
    make_event,
    read_json_lines,
)
from training.converters.mapping import CorpusMapping


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig") as handle:
        head = handle.read(1)
    if head == "[":
        # Tolerate the other layout (one JSON array) rather than failing on line 1.
        yield from enumerate(json.loads(path.read_text(encoding="utf-8-sig")), start=1)
    else:
        yield from read_json_lines(path)


def read_gvdb(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one corpus document per GVDB article with one document-level event."""
    log = log or ConversionLog()
    event_type = str(mapping.options.get("document_event_type", "gun violence incident"))
    for path in expand(paths, "*.json"):
        for lineno, doc in _lines(path):
            if "full_text" not in doc or "doc_key" not in doc:
                raise ValueError(f"{path}:{lineno}: a GVDB article needs doc_key and full_text")
            text, chars = join_tokens(doc["full_text"])
            spans = SpanSet(text, log, mapping.name)
            arguments = []
            for start, end, label, *_ in doc.get("spans") or []:
                role_map = lookup_role(mapping, label, log)
                if role_map is None:
                    continue
                if not 0 <= start < end <= len(chars):
                    log.skip(f"{mapping.name}: span outside the article's tokens (dropped)")
                    continue
                span_id = spans.add(chars[start][0], chars[end - 1][1], role_map.label)
                if span_id:
                    arguments.append((role_map.role, span_id))
            event = make_event("e1", event_type, None, arguments, spans, mapping, log)
            published = iso_date(doc.get("date"))
            if doc.get("date") and published is None:
                log.skip(f"{mapping.name}: unreadable article date (left empty)")
            yield make_document(str(doc["doc_key"]), mapping, text, spans, [event], published=published)
