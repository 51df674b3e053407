"""Gold-value consistency: recompute each event's gold values from its linked spans with the project's
normalizers, and compare. Disagreements must be listed in data/exceptions.yaml with a reviewed reason.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from inference.dates import reference_date, resolve_date
from inference.numbers import combine_counts, parse_count, sum_parts, trigger_counts, zero_about_others
from inference.places import resolve_place, same_admin1


def _texts(doc: dict[str, Any], event: dict[str, Any], role: str) -> list[str]:
    spans = {s["id"]: s for s in doc["spans"]}
    return [doc["text"][spans[i]["start"] : spans[i]["end"]] for i in (event.get("arguments") or {}).get(role, [])]


def computed_values(doc: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """What the normalizers make of the spans linked to one event."""
    out: dict[str, Any] = {}
    spans = {s["id"]: s for s in doc["spans"]}
    counts = {}
    for role in ("fatalities", "wounded"):
        linked = [spans[i] for i in (event.get("arguments") or {}).get(role, [])]
        parsed = [(parse_count(doc["text"][s["start"] : s["end"]]), s) for s in linked]
        figures = [(c, s["start"], s["end"]) for c, s in parsed
                   if c is not None and not zero_about_others(c, doc["text"], s["start"], s["end"])]
        counts[role] = [c for c, _, _ in sum_parts(doc["text"], figures)]
    trigger = next((s for s in doc["spans"] if s["id"] == event.get("trigger")), None)
    if trigger is not None:  # "was shot dead" with no figure: 1, vague
        implied = trigger_counts(doc["text"], [(trigger["start"], trigger["end"])], counts["fatalities"],
                                 counts["wounded"])
        counts.update({role: [count] for role, (count, _) in implied.items()})
    for role in ("fatalities", "wounded"):
        summary = combine_counts(counts[role])
        out[role] = {"best": summary.best, "low": summary.low, "high": summary.high, "vague": summary.vague}
    published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
    reference = reference_date(doc["text"], published)
    out["event_date"] = out["time_precision"] = None
    if reference is not None:
        for expression in _texts(doc, event, "date"):
            resolved = resolve_date(expression, reference)
            if resolved is not None:
                out["event_date"], out["time_precision"] = resolved.date.isoformat(), resolved.precision
                break
        else:
            out["event_date"], out["time_precision"] = reference.isoformat(), 1
    place = resolve_place(_texts(doc, event, "location"), context=doc["text"]) if _texts(doc, event, "location") else None
    out["country"] = place.iso2 if place else None
    out["admin1"] = place.admin1 if place else None
    return out


def disagreements(docs: Iterable[dict[str, Any]]) -> Iterator[tuple[str, str, Any, Any]]:
    """(article id / event id, field, gold, computed) for every gold value the normalizers do not reproduce."""
    for doc in docs:
        for event in doc.get("events") or []:
            key = f"{doc['id']}/{event['id']}"
            computed = computed_values(doc, event)
            for role in ("fatalities", "wounded"):
                gold = event.get(role)
                if gold is not None and gold != computed[role]:
                    yield key, role, gold, computed[role]
            if event.get("event_date") and (event["event_date"], event.get("time_precision")) != (
                computed["event_date"], computed["time_precision"]
            ):
                yield key, "event_date", [event["event_date"], event.get("time_precision")], [
                    computed["event_date"], computed["time_precision"]]
            if event.get("country") and event["country"] != computed["country"]:
                yield key, "country", event["country"], computed["country"]
            if event.get("admin1") and not (computed["admin1"] and same_admin1(event["admin1"], computed["admin1"])):
                yield key, "admin1", event["admin1"], computed["admin1"]


def load_exceptions(path: str | Path) -> dict[tuple[str, str], str]:
    """Reviewed exceptions: {(article/event, field): reason}."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    out = {}
    for item in raw:
        if not item.get("reason"):
            raise ValueError(f"{path}: exception {item} has no reason")
        out[(item["event"], item["field"])] = item["reason"]
    return out
