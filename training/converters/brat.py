"""BRAT standoff: `name.txt` with `name.ann` beside it.

Handled lines: `T` text-bound annotations (`T1<TAB>Type START END[;START END...]<TAB>surface`) and `E` events
(`E1<TAB>Type:T1 Role:T2 Role2:T3`). A discontinuous `T` (several fragments) keeps its first fragment only, and the
log says so. Attribute (`A`/`M`), relation (`R`), normalization (`N`), equivalence (`*`) and note (`#`) lines are
skipped. Entity types map through `labels`, event roles through `roles` (a trailing digit, `Attacker2`, is BRAT's
way to repeat a role), event types through `event_types`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from training.converters.common import (
    ConversionLog,
    SpanSet,
    expand,
    lookup_label,
    lookup_role,
    make_document,
    make_event,
)
from training.converters.mapping import CorpusMapping

_FRAGMENT = re.compile(r"^(\d+) (\d+)$")


def _parse_ann(path: Path, log: ConversionLog, origin: str) -> tuple[dict[str, tuple[str, int, int]], list[list[str]]]:
    """Text-bound annotations by id (type, start, end) and event lines split into fields."""
    textbound: dict[str, tuple[str, int, int]] = {}
    events: list[list[str]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        kind = line[0]
        fields = line.split("\t")
        if kind == "T":
            if len(fields) < 2 or " " not in fields[1]:
                raise ValueError(f"{path}:{lineno}: malformed text-bound annotation {line!r}")
            ann_type, _, extent = fields[1].partition(" ")
            fragments = [_FRAGMENT.match(f.strip()) for f in extent.split(";")]
            offsets = [(int(m.group(1)), int(m.group(2))) for m in fragments if m is not None]
            if not offsets or len(offsets) != len(fragments):
                raise ValueError(f"{path}:{lineno}: bad offsets {extent!r}")
            if len(offsets) > 1:
                # Our spans are contiguous; the first fragment is the head of the mention in practice.
                log.note(f"{origin}: discontinuous BRAT span: first fragment kept")
            textbound[fields[0]] = (ann_type, *offsets[0])
        elif kind == "E":
            if len(fields) < 2:
                raise ValueError(f"{path}:{lineno}: malformed event {line!r}")
            events.append([fields[0], *fields[1].split()])
        elif kind in "ARMN*#":
            log.note(f"{origin}: BRAT {kind} line skipped")
        else:
            raise ValueError(f"{path}:{lineno}: unknown BRAT line {line!r}")
    return textbound, events


def read_brat(
    paths: Iterable[str | Path], mapping: CorpusMapping, log: ConversionLog | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one corpus document per `.txt` file that has an `.ann` file beside it."""
    log = log or ConversionLog()
    for txt in expand(paths, "*.txt"):
        if txt.suffix != ".txt":
            continue
        ann = txt.with_suffix(".ann")
        if not ann.is_file():
            log.skip(f"{mapping.name}: .txt without .ann (document skipped)")
            continue
        # newline="" keeps \r\n as two chars, as BRAT counts offsets on the raw file.
        with txt.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        textbound, event_lines = _parse_ann(ann, log, mapping.name)
        spans = SpanSet(text, log, mapping.name)
        event_ids: dict[str, str] = {}
        trigger_ids = {fields[1].partition(":")[2] for fields in event_lines if len(fields) > 1}
        span_of: dict[str, str | None] = {}
        for ann_id, (ann_type, start, end) in textbound.items():
            if ann_id in trigger_ids:
                span_of[ann_id] = spans.add(start, end, "TRIGGER")
            elif ann_type in mapping.labels:
                span_of[ann_id] = spans.add(start, end, mapping.labels[ann_type])
        events = []
        for number, (event_id, head, *args) in enumerate(event_lines, start=1):
            event_type, _, trigger_ann = head.partition(":")
            event_ids[event_id] = f"e{number}"
            arguments = []
            for arg in args:
                role, _, target = arg.partition(":")
                if role not in mapping.roles:
                    role = re.sub(r"\d+$", "", role)  # BRAT repeats a role as Role2, Role3 (ours may end in 1)
                if target not in textbound:
                    log.skip(f"{mapping.name}: argument pointing at an event or missing annotation (dropped)")
                    continue
                role_map = lookup_role(mapping, role, log)
                if role_map is None:
                    continue
                ann_type, start, end = textbound[target]
                span_id = span_of.get(target) or spans.add(start, end, role_map.label)
                if span_id is not None:
                    arguments.append((role_map.role, span_id))
            trigger = span_of.get(trigger_ann)
            events.append(make_event(event_ids[event_id], event_type, trigger, arguments, spans, mapping, log))
        # Log entity types that neither map nor serve as an argument (an argument's span takes its role's label).
        argument_ids = {arg.partition(":")[2] for fields in event_lines for arg in fields[2:]}
        for ann_id, (ann_type, _, _) in textbound.items():
            if ann_id not in trigger_ids | argument_ids and ann_type not in mapping.labels:
                lookup_label(mapping, ann_type, log)
        yield make_document(txt.stem, mapping, text, spans, events)
