"""Pure batch functions that turn corpus documents into token-classification features."""

from __future__ import annotations

import json
from typing import Any, Sequence

from inference.labels import entity_name
from inference.windows import WindowSettings, content_token_mask, tokenize_windows

IGNORE_INDEX = -100


def char_entities(doc: dict[str, Any]) -> list[tuple[int, int, str | None]]:
    """The (start, end, entity name) of each span; None marks a trigger whose event has no ACLED type.

    Triggers take their event's sub-event type; spans a model cannot learn from are returned with None so that
    their tokens are ignored by the loss instead of being taught as O.
    """
    trigger_type: dict[str, str | None] = {}
    for event in doc.get("events") or []:
        trigger_type[str(event.get("trigger"))] = event.get("sub_event_type")
    out = []
    for span in doc.get("spans") or []:
        if span["label"] == "TRIGGER":
            sub = trigger_type.get(str(span["id"]))
            out.append((span["start"], span["end"], entity_name("TRIGGER", sub) if sub else None))
        else:
            out.append((span["start"], span["end"], span["label"]))
    return sorted(out)


def align_labels(
    offsets: Sequence[tuple[int, int]],
    entities: Sequence[tuple[int, int, str | None]],
    label2id: dict[str, int],
) -> list[int]:
    """BIO label ids for one window's tokens from char-level entities.

    A token belongs to a span when it overlaps it. The first token of a span in this window gets B-, so a span
    cut by a window boundary starts again with B- in the next window. Special tokens get IGNORE_INDEX.

    >>> align_labels([(0, 0), (0, 2), (3, 9), (0, 0)], [(3, 9, "ACTOR")], {"O": 0, "B-ACTOR": 1, "I-ACTOR": 2})
    [-100, 0, 1, -100]
    """
    labels: list[int] = []
    previous: int | None = None  # index of the entity the previous token belonged to
    for (start, end), is_content in zip(offsets, content_token_mask(offsets)):
        if not is_content:
            labels.append(IGNORE_INDEX)
            previous = None
            continue
        current = None
        for index, (s_start, s_end, _) in enumerate(entities):
            if s_start < end and start < s_end:
                current = index
                break
        if current is None:
            labels.append(label2id["O"])
        elif entities[current][2] is None:
            labels.append(IGNORE_INDEX)
        else:
            prefix = "I" if previous == current else "B"
            labels.append(label2id[f"{prefix}-{entities[current][2]}"])
        previous = current
    return labels


def tokenize_and_align(
    examples: dict[str, list[Any]],
    *,
    tokenizer: Any,
    label2id: dict[str, int],
    settings: WindowSettings,
) -> dict[str, list[Any]]:
    """Batch function for `Dataset.map(batched=True)`: documents -> windows with input ids, labels and length."""
    batch = tokenize_windows(tokenizer, examples["text"], settings)
    docs = [
        {"spans": spans, "events": json.loads(events)}
        for spans, events in zip(examples["spans"], examples["events_json"])
    ]
    entities = [char_entities(doc) for doc in docs]
    labels, lengths = [], []
    for window, sample in enumerate(batch["overflow_to_sample_mapping"]):
        offsets = batch["offset_mapping"][window]
        labels.append(align_labels(offsets, entities[sample], label2id))
        lengths.append(len(offsets))
    out = {key: batch[key] for key in batch.keys() if key not in ("offset_mapping", "overflow_to_sample_mapping")}
    out["labels"] = labels
    out["length"] = lengths
    return out
