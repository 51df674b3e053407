"""MUC-3/4 (1991-92): Latin-American terrorism news with 25-slot answer-key templates, plus GRIT's role fillers.

Inputs (any of them; files are told apart by the name patterns in the mapping's `options`):
- GRIT-processed JSON lines (`grit_processed/*.json`): `docid`, lower-cased `doctext`, `extracts` (PerpInd,
  PerpOrg, Target, Victim, Weapon: entities as [[string, char offset], ...]).
- raw texts (`dev-muc3-*`, `tst1-muc3`, `tst2-muc4`: upper case) and answer keys (`key-*`).

The text is GRIT's where GRIT has the message (its offsets are exact), else the raw one; the raw dateline gives
`published`. Every GRIT filler becomes a span. Each filled template becomes one event: its INCIDENT: TYPE is the
source type; its strings (upper case) are found in the text ignoring case and spacing, GRIT's own mention first;
date, place and the deaths and injuries of its human targets become the event's gold fields. MUC-4 marks no
trigger: an event with an ACLED type gets the word of its incident type (the mapping's `options.trigger_words`,
"killed", "bomb", "kidnapped", ...) nearest to its first argument, where the text has one, so that a tagger
trained on MUC-4 learns triggers for its events instead of O on their words.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
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
from training.converters.muc4_keys import (
    Template,
    count_of,
    fillers,
    first_value,
    incident_date,
    incident_place,
    message_id,
    read_keys,
    read_texts,
    set_fills,
)

# Template slots that hold strings of the text, named by the GRIT role they feed (GRIT's own definition).
_STRING_SLOTS = ((9, "PerpInd"), (10, "PerpOrg"), (12, "Target"), (18, "Victim"), (19, "Victim"), (6, "Weapon"))
_FIELD_SLOTS = {"stage": 5, "perp_category": 8}
_SET_FILL_SLOTS = {"instrument_type": 7, "phys_tgt_type": 13, "hum_tgt_type": 20, "hum_tgt_effect": 23}


def _matches(name: str, patterns: Any) -> bool:
    return any(fnmatchcase(name, p) for p in ([patterns] if isinstance(patterns, str) else patterns or []))


def locate(alternatives: list[str], text: str, known: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """Where a template string (any alternative) is in the text: GRIT's mention, else the first match ignoring
    case and spacing, on word boundaries."""
    for string in alternatives:
        if string.lower() in known:
            return known[string.lower()]
    for string in alternatives:
        pattern = r"\s+".join(re.escape(word) for word in string.split())
        if not pattern:
            continue
        pattern = (r"\b" if string[0].isalnum() else "") + pattern + (r"\b" if string[-1].isalnum() else "")
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            return found.start(), found.end()
    return None


def nearest_trigger(text: str, pattern: str, anchor: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The match of `pattern` (whole words, any case) nearest to char `anchor` that overlaps no span in `taken`."""
    found = [(m.start(), m.end()) for m in re.finditer(rf"\b(?:{pattern})\b", text, re.IGNORECASE)]
    free = [(a, b) for a, b in found if not any(a < e and s < b for s, e in taken)]
    return min(free, key=lambda m: (abs(m[0] - anchor), m[0]), default=None)


def casualties(template: Template, effect: str) -> dict[str, Any] | None:
    """Deaths (effect DEATH) or injuries (INJURY) among the human targets; None when no effect is coded."""
    effects = set_fills(template, 23)
    if not effects:
        return None
    numbers = {string: count_of(fill) for fill, string in set_fills(template, 21)}
    total = {"best": 0, "low": 0, "high": 0, "vague": False}
    for fill, string in effects:
        if fill.split("/")[0].strip() != effect:
            continue
        # A target coded dead without a number: GUIDELINES' rule for a death with no figure (1, vague).
        count = numbers.get(string) or {"best": 1, "low": 1, "high": 1, "vague": True}
        for key in ("best", "low", "high"):
            total[key] += count[key]
        total["vague"] = total["vague"] or count["vague"]
    return total


def _place_fields(template: Template, mapping: CorpusMapping, log: ConversionLog) -> dict[str, Any]:
    parts = incident_place(first_value(template, 3))
    if not parts:
        return {}
    options = mapping.options
    country = (options.get("countries") or {}).get(parts[0][0])
    if country is None:
        log.note(f"{mapping.name}: country {parts[0][0]!r} not in options.countries (left empty)")
    admin1 = next((n for n, kind in parts[1:] if kind in (options.get("admin1_types") or [])), None)
    last_name, last_kind = parts[-1]
    return {
        "country": country,
        "admin1": admin1.title() if admin1 else None,
        "location": last_name.title() if len(parts) > 1 else None,
        "geo_precision": (options.get("geo_precision") or {}).get(last_kind) if len(parts) > 1 else None,
    }


def _load(
    paths: Iterable[str | Path], mapping: CorpusMapping
) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[str, str | None]], dict[str, list[Template]]]:
    """GRIT records, raw texts (text, published) and templates, all by message id."""
    options = mapping.options
    grit: dict[str, dict[str, Any]] = {}
    texts: dict[str, tuple[str, str | None]] = {}
    templates: dict[str, list[Template]] = {}
    for path in expand(paths):
        if _matches(path.name, options.get("grit_files", "*.json")):
            for _, record in read_json_lines(path):
                # grit_processed also holds doc_* files (raw text records): only records with extracts count.
                if "doctext" in record and "extracts" in record:
                    grit[str(record["docid"])] = record
        elif _matches(path.name, options.get("key_files", "key-*")):
            for template in read_keys(path):
                templates.setdefault(message_id(template), []).append(template)
        elif _matches(path.name, options.get("text_files", [])):
            texts.update(read_texts(path))
    return grit, texts, templates


def read_muc4(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one corpus document per MUC message that has a text (GRIT's or the raw one)."""
    log = log or ConversionLog()
    grit, texts, templates = _load(paths, mapping)
    for doc_id in sorted(set(grit) | set(texts)):
        text = grit[doc_id]["doctext"] if doc_id in grit else texts[doc_id][0]
        spans = SpanSet(text, log, mapping.name)
        known: dict[str, tuple[int, int]] = {}
        for role, entities in (grit.get(doc_id, {}).get("extracts") or {}).items():
            role_map = lookup_role(mapping, role, log)
            for entity in entities:
                for string, offset in entity:
                    known.setdefault(string.lower(), (offset, offset + len(string)))
                    if role_map:
                        spans.add(offset, offset + len(string), role_map.label)
        events = []
        for number, template in enumerate(templates.get(doc_id, []), start=1):
            incident = first_value(template, 4)
            if not incident:
                continue  # the `*` template: a message with no relevant incident
            arguments = []
            for slot, role in _STRING_SLOTS:
                role_map = lookup_role(mapping, role, log)
                for alternatives in fillers(template, slot) if role_map else []:
                    where = locate(alternatives, text, known)
                    if where is None:
                        log.skip(f"{mapping.name}: template string not found in the text (argument dropped)")
                        continue
                    span_id = spans.add(*where, role_map.label)
                    if span_id:
                        arguments.append((role_map.role, span_id))
            place_role = mapping.role("Location")
            for name, _ in reversed(incident_place(first_value(template, 3))) if place_role else []:
                where = locate([name], text, known)
                span_id = spans.add(*where, place_role.label) if where else None
                if span_id:
                    arguments.append((place_role.role, span_id))
            date, precision = incident_date(first_value(template, 2))
            fields = {name: (first_value(template, slot),) for name, slot in _FIELD_SLOTS.items()}
            for name, slot in _SET_FILL_SLOTS.items():
                fields[name] = tuple(fill for fill, _ in set_fills(template, slot))
            rule_type = incident.split("/")[0].strip()
            event = make_event(
                f"e{number}", incident, None, arguments, spans, mapping, log,
                fields=fields, rule_type=rule_type,
                fatalities=casualties(template, "DEATH"), wounded=casualties(template, "INJURY"),
                event_date=date, time_precision=precision, **_place_fields(template, mapping, log),
            )
            pattern = (mapping.options.get("trigger_words") or {}).get(rule_type)
            if event["sub_event_type"] and pattern:
                starts = [spans.extent(span_id)[0] for _, span_id in arguments]
                taken = [(sp["start"], sp["end"]) for sp in spans.spans if sp["label"] != "TRIGGER"]
                where = nearest_trigger(text, pattern, min(starts, default=0), taken)
                event["trigger"] = spans.add(*where, "TRIGGER") if where else None
            events.append(event)
        published = texts[doc_id][1] if doc_id in texts else None
        yield make_document(doc_id, mapping, text, spans, events, published=published)
