"""re3d (Dstl): defence documents about Syria and Iraq with entities, as `mongoexport` JSON lines per source folder.

Each folder holds `documents.json` (`_id`, `title`, `text`, `sourceName`, `sourceUrl`) and `entities.json`
(`documentId`, `begin`, `end` char offsets, `type`, `value`, `confidence`: the IBCC probability that the
annotation is right). Entities below `options.min_confidence` are dropped; where entities overlap (re3d nests
"Security Council" in "the Members of the Security Council" and gives one extent two types) the most confident,
then the longest, is kept, since our spans do not nest. Spans only: relations are not events.

ConfliBERT's re3d split (conflibert-sets/re3d) shuffled sentences, not documents: its 200 test sentences come from
71 to 91 of the 98 documents (depending on how short a sentence may be to count), which also give it training
sentences. `documents_with_sentences` shows it; so the mapping makes ConfliBERT's CoNLL files the re3d partition and
keeps the original documents for evaluation only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from training.converters.common import ConversionLog, SpanSet, expand, lookup_label, make_document, read_json_lines
from training.converters.conll import read_sentences
from training.converters.mapping import CorpusMapping


def _folders(paths: Iterable[str | Path]) -> list[Path]:
    """Source folders: those holding documents.json, found under the given paths."""
    return sorted({f.parent for f in expand(paths, "documents.json") if f.name == "documents.json"})


def _non_overlapping(entities: list[dict[str, Any]], log: ConversionLog, origin: str) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    ranked = sorted(entities, key=lambda e: (-float(e.get("confidence", 1)), e["begin"] - e["end"], e["begin"]))
    for entity in ranked:
        if any(entity["begin"] < end and start < entity["end"] for start, end in taken):
            log.skip(f"{origin}: entity overlapping a more confident or longer one (dropped)")
            continue
        kept.append(entity)
        taken.append((entity["begin"], entity["end"]))
    return sorted(kept, key=lambda e: e["begin"])


def read_re3d(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one spans-only corpus document per re3d document (paths: the re3d folder or source folders)."""
    log = log or ConversionLog()
    threshold = float(mapping.options.get("min_confidence", 0.0))
    for folder in _folders(paths):
        entities: dict[str, list[dict[str, Any]]] = {}
        entity_file = folder / "entities.json"
        for _, entity in read_json_lines(entity_file) if entity_file.is_file() else iter(()):
            if float(entity.get("confidence", 1)) < threshold:
                log.skip(f"{mapping.name}: entity below min_confidence (dropped)")
                continue
            entities.setdefault(entity["documentId"], []).append(entity)
        for lineno, doc in read_json_lines(folder / "documents.json"):
            if not isinstance(doc.get("text"), str) or "_id" not in doc:
                raise ValueError(f"{folder / 'documents.json'}:{lineno}: a re3d document needs _id and text")
            text = doc["text"]
            spans = SpanSet(text, log, mapping.name)
            for entity in _non_overlapping(entities.get(doc["_id"], []), log, mapping.name):
                if text[entity["begin"] : entity["end"]] != entity.get("value", text[entity["begin"] : entity["end"]]):
                    log.skip(f"{mapping.name}: entity whose value differs from the text at its offsets (dropped)")
                    continue
                label = lookup_label(mapping, entity["type"], log)
                if label is not None:
                    spans.add(entity["begin"], entity["end"], label)
            yield make_document(str(doc["_id"]), mapping, text, spans, title=doc.get("title"),
                                source=doc.get("sourceName"), url=doc.get("sourceUrl"))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def documents_with_sentences(conll_file: str | Path, re3d_paths: Iterable[str | Path]) -> tuple[set[str], int]:
    """re3d document ids whose text holds a sentence of a CoNLL file (compared without whitespace), and the
    number of sentences found in no document."""
    texts: dict[str, str] = {}
    for folder in _folders(re3d_paths):
        for _, doc in read_json_lines(folder / "documents.json"):
            texts[str(doc["_id"])] = _squeeze(doc["text"])
    found: set[str] = set()
    missing = 0
    for sentences in read_sentences(Path(conll_file)):
        for sentence in sentences:
            needle = _squeeze("".join(token for token, _ in sentence))
            hits = {doc_id for doc_id, text in texts.items() if needle in text}
            found |= hits
            missing += not hits
    return found, missing
