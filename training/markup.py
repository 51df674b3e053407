"""Inline authoring markup: `[at least 34](FATALITIES:f1) soldiers` compiled into text plus char-offset spans.

Articles are authored as YAML documents (see data/GUIDELINES.md); `compile_article` turns one into a corpus
document of the JSONL format, `render_markup` turns a corpus document's text and spans back into markup.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from inference.schema import ROLES, SCHEMA_VERSION

_SPAN = re.compile(r"\[([^\[\]]+)\]\(([A-Z_]+)(?::([A-Za-z0-9_.-]+))?\)")
_ARTICLE_KEYS = {"id", "published", "source", "style", "title", "url", "text", "events", "notes"}
_EVENT_KEYS = {"id", "event_type", "sub_event_type", "gold", *ROLES}
_GOLD_KEYS = {
    "fatalities",
    "wounded",
    "event_date",
    "time_precision",
    "country",
    "admin1",
    "admin2",
    "location",
    "geo_precision",
    "latitude",
    "longitude",
}


class MarkupError(ValueError):
    """An authored article cannot be compiled; the message names the article."""


def parse_inline(marked: str) -> tuple[str, list[dict[str, Any]]]:
    """Strip inline span markup, returning the plain text and spans with char offsets.

    >>> parse_inline("[at least 34](FATALITIES:f1) soldiers died")
    ('at least 34 soldiers died', [{'id': 'f1', 'start': 0, 'end': 11, 'label': 'FATALITIES'}])
    """
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    auto = 0
    for match in _SPAN.finditer(marked):
        before = marked[pos : match.start()]
        out.append(before)
        length += len(before)
        surface, label, span_id = match.group(1), match.group(2), match.group(3)
        if span_id is None:
            auto += 1
            span_id = f"_s{auto}"
        spans.append({"id": span_id, "start": length, "end": length + len(surface), "label": label})
        out.append(surface)
        length += len(surface)
        pos = match.end()
    out.append(marked[pos:])
    text = "".join(out)
    leftover = re.search(r"\[[^\]]*\]\([A-Z_]+[^)]*\)|\]\(", text)
    if leftover:
        raise MarkupError(f"malformed span markup near {text[max(0, leftover.start() - 20) : leftover.end() + 20]!r}")
    return text, spans


def render_markup(text: str, spans: Iterable[dict[str, Any]]) -> str:
    """Inverse of `parse_inline`: write spans back into the text as inline markup."""
    pieces: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s["start"]):
        pieces.append(text[pos : span["start"]])
        suffix = "" if str(span["id"]).startswith("_s") else f":{span['id']}"
        pieces.append(f"[{text[span['start']:span['end']]}]({span['label']}{suffix})")
        pos = span["end"]
    pieces.append(text[pos:])
    return "".join(pieces)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def _count(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise MarkupError(f"{where}: a count must be a mapping {{best, low, high, vague}}")
    unknown = set(value) - {"best", "low", "high", "vague"}
    if unknown:
        raise MarkupError(f"{where}: unknown count keys {sorted(unknown)}")
    best = value.get("best")
    return {
        "best": best,
        "low": value.get("low", best),
        "high": value.get("high", best),
        "vague": bool(value.get("vague", False)),
    }


def compile_article(raw: dict[str, Any]) -> dict[str, Any]:
    """Compile one authored article (a parsed YAML mapping) into a corpus document."""
    art_id = str(raw.get("id", "<no id>"))
    where = f"article {art_id}"
    unknown = set(raw) - _ARTICLE_KEYS
    if unknown:
        raise MarkupError(f"{where}: unknown keys {sorted(unknown)}")
    if not isinstance(raw.get("text"), str):
        raise MarkupError(f"{where}: missing text")
    text, spans = parse_inline(raw["text"].strip("\n"))
    seen: set[str] = set()
    for span in spans:
        if span["id"] in seen:
            raise MarkupError(f"{where}: span id {span['id']!r} used twice")
        seen.add(span["id"])
    events = []
    for number, event in enumerate(raw.get("events") or [], start=1):
        ewhere = f"{where} event {number}"
        if not isinstance(event, dict):
            raise MarkupError(f"{ewhere}: an event must be a mapping")
        unknown = set(event) - _EVENT_KEYS
        if unknown:
            raise MarkupError(f"{ewhere}: unknown keys {sorted(unknown)}")
        gold = event.get("gold") or {}
        unknown = set(gold) - _GOLD_KEYS
        if unknown:
            raise MarkupError(f"{ewhere}: unknown gold keys {sorted(unknown)}")
        arguments = {role: _as_list(event.get(role)) for role in ROLES if role != "trigger" and event.get(role)}
        triggers = _as_list(event.get("trigger"))
        if len(triggers) != 1:
            raise MarkupError(f"{ewhere}: needs exactly one trigger span id")
        events.append(
            {
                "id": str(event.get("id", f"e{number}")),
                "event_type": event.get("event_type"),
                "sub_event_type": event.get("sub_event_type"),
                "trigger": triggers[0],
                "arguments": arguments,
                "fatalities": _count(gold.get("fatalities"), f"{ewhere} fatalities"),
                "wounded": _count(gold.get("wounded"), f"{ewhere} wounded"),
                "event_date": _iso(gold.get("event_date")),
                "time_precision": gold.get("time_precision"),
                "country": gold.get("country"),
                "admin1": gold.get("admin1"),
                "admin2": gold.get("admin2"),
                "location": gold.get("location"),
                "geo_precision": gold.get("geo_precision"),
                "latitude": gold.get("latitude"),
                "longitude": gold.get("longitude"),
            }
        )
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": art_id,
        "origin": "conflict-events",
        "title": raw.get("title"),
        "published": _iso(raw.get("published")),
        "source": raw.get("source"),
        "url": raw.get("url"),
        "style": raw.get("style"),
        "text": text,
        "spans": spans,
        "events": events,
    }
    return doc


def read_markup_file(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield compiled documents from one authored YAML file (several `---`-separated articles)."""
    path = Path(path)
    try:
        raws = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as err:
        raise MarkupError(f"{path}: not valid YAML: {err}") from None
    for raw in raws:
        if raw is None:
            continue
        if not isinstance(raw, dict):
            raise MarkupError(f"{path}: each YAML document must be one article mapping")
        try:
            yield compile_article(raw)
        except MarkupError as err:
            raise MarkupError(f"{path}: {err}") from None


def compile_paths(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Compile every authored file (folders are searched for *.yaml, sorted) into documents."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return [doc for file in files for doc in read_markup_file(file)]
