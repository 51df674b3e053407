"""The BIO label scheme of the token-classification model.

Triggers are typed by ACLED sub-event type (`B-TRIGGER|Armed clash`), so one tagger finds events, their types
and their arguments; every other span label is plain BIO (`B-ACTOR`). See DESIGN.md for why.
"""

from __future__ import annotations

from inference.schema import SPAN_LABELS, SUB_EVENT_TYPES

TRIGGER_SEP = "|"


def entity_name(label: str, sub_event_type: str | None = None) -> str:
    """The BIO entity name of a span: typed for triggers."""
    if label == "TRIGGER":
        if sub_event_type is None:
            raise ValueError("a TRIGGER entity needs its sub_event_type")
        return f"TRIGGER{TRIGGER_SEP}{sub_event_type}"
    return label


def split_entity(entity: str) -> tuple[str, str | None]:
    """`TRIGGER|Armed clash` -> ("TRIGGER", "Armed clash"); `ACTOR` -> ("ACTOR", None)."""
    label, _, sub = entity.partition(TRIGGER_SEP)
    return label, (sub or None)


def build_label_list(sub_event_types: tuple[str, ...] = SUB_EVENT_TYPES) -> list[str]:
    """All BIO labels: O first, then B-/I- for every entity name."""
    entities = [entity_name("TRIGGER", sub) for sub in sub_event_types]
    entities += [label for label in SPAN_LABELS if label != "TRIGGER"]
    labels = ["O"]
    for entity in entities:
        labels += [f"B-{entity}", f"I-{entity}"]
    return labels
