"""Result records of the extractor: frozen dataclasses, converted to dicts only at the edge (JSON, CSV)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One input article. Only `text` is required."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date
    source: str | None = None


@dataclass(frozen=True)
class Span:
    """A span of the article text with char offsets and the model's confidence."""

    text: str
    start: int
    end: int
    label: str
    score: float


@dataclass(frozen=True)
class Figure:
    """One reported figure for killed or wounded, with who reported it when the text says so."""

    value: int
    low: int
    high: int
    qualifier: str | None
    vague: bool
    span: Span
    source: str | None = None


@dataclass(frozen=True)
class Casualties:
    """best / low / high (UCDP style) from every figure the text gives for one event."""

    best: int
    low: int
    high: int
    vague: bool
    figures: tuple[Figure, ...] = ()
    confidence: float | None = None


@dataclass(frozen=True)
class EventDateResult:
    date: str | None  # ISO
    time_precision: int | None
    span: Span | None
    confidence: float | None


@dataclass(frozen=True)
class PlaceResult:
    country: str | None
    iso: int | None
    iso2: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    spans: tuple[Span, ...]
    confidence: float | None


@dataclass(frozen=True)
class Actor:
    name: str  # cleaned, no leading determiner
    mentions: tuple[Span, ...]
    confidence: float


@dataclass(frozen=True)
class Event:
    """One extracted event, every value traceable to the text."""

    event_type: str
    sub_event_type: str
    trigger: Span
    evidence: str  # the trigger's sentence
    evidence_start: int
    actor1: Actor | None
    actor2: Actor | None
    assoc_actor_1: tuple[Actor, ...]
    assoc_actor_2: tuple[Actor, ...]
    place: PlaceResult
    date: EventDateResult
    fatalities: Casualties
    wounded: Casualties
    weapons: tuple[Span, ...]
    sources: tuple[Span, ...]
    confidence: float


@dataclass(frozen=True)
class Provenance:
    model: str
    model_version: str
    package_version: str
    schema_version: str


@dataclass(frozen=True)
class ArticleResult:
    """The events of one article, or the reason it could not be processed."""

    article_id: str | None
    events: tuple[Event, ...] = ()
    spans: tuple[Span, ...] = ()
    error: str | None = None
    error_kind: str | None = None
    provenance: Provenance | None = None
    published: str | None = None
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; an article that failed has `error` instead of `events`."""
        out = _plain(dataclasses.asdict(self))
        if self.error is not None:
            out.pop("events")
            out.pop("spans")
        else:
            out.pop("error")
            out.pop("error_kind")
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
