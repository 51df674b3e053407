"""The shared schema of documents and events: labels, roles, the ACLED taxonomy and the JSONL corpus format.

Both packages import this module; it holds no model code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

SCHEMA_VERSION = "1.0"
SUPPORTED_SCHEMA_VERSIONS = frozenset({"1.0"})

SPAN_LABELS: tuple[str, ...] = (
    "TRIGGER",
    "ACTOR",
    "TARGET",
    "LOCATION",
    "DATE",
    "FATALITIES",
    "WOUNDED",
    "WEAPON",
    "SOURCE",
)

ROLES: tuple[str, ...] = (
    "trigger",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "location",
    "date",
    "fatalities",
    "wounded",
    "weapon",
    "source",
)

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

# Sub-event type names are unique across types, so a sub-type determines its type.
SUB_EVENT_TO_TYPE: dict[str, str] = {sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TO_TYPE)

# ACLED's disorder_type follows from the event type.
DISORDER_TYPE: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}

TIME_PRECISIONS = (1, 2, 3)
GEO_PRECISIONS = (1, 2, 3)

# CSV/Parquet columns: ACLED's names first, ours after them.
OUTPUT_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "country",
    "iso",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "article_id",
    "iso2",
    "fatalities_low",
    "fatalities_high",
    "fatalities_vague",
    "wounded",
    "wounded_low",
    "wounded_high",
    "weapon",
    "confidence",
    "model",
)


class SchemaVersionError(ValueError):
    """A document was written with a schema version this code cannot read."""


def check_schema_version(doc: dict[str, Any], where: str = "") -> None:
    version = doc.get("schema_version", SCHEMA_VERSION)
    if str(version) not in SUPPORTED_SCHEMA_VERSIONS:
        raise SchemaVersionError(
            f"{where}unknown schema_version {version!r}; this version of conflict-events reads "
            f"{', '.join(sorted(SUPPORTED_SCHEMA_VERSIONS))}"
        )


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, document) from a corpus JSONL file, refusing unknown schema versions."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({err.msg})") from None
            check_schema_version(doc, where=f"{path}:{lineno}: ")
            yield lineno, doc


def write_jsonl(path: str | Path, docs: Any) -> int:
    """Write documents as JSONL; returns how many were written."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
            count += 1
    return count
