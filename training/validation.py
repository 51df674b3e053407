"""Corpus validation: every problem in a corpus file, with file, line and article id.

Reads corpus JSONL files and authored markup (*.yaml, compiled first). Run as
`conflict-events validate PATH` or `python -m training.validation PATH`.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from inference.schema import (
    GEO_PRECISIONS,
    ROLES,
    SPAN_LABELS,
    SUB_EVENT_TO_TYPE,
    SUPPORTED_SCHEMA_VERSIONS,
    TIME_PRECISIONS,
)
from training.markup import MarkupError, read_markup_file

_REQUIRED = ("id", "text", "spans", "events")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a corpus file."""

    path: str
    line: int
    doc_id: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.doc_id}] {self.kind}: {self.message}"


def _date_problem(value: Any) -> str | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return f"impossible or malformed date {value!r}"
    if not dt.date(1900, 1, 1) <= day <= dt.date(2100, 1, 1):
        return f"date {value!r} out of range"
    return None


def validate_document(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Yield (kind, message) for every problem in one corpus document."""
    for key in _REQUIRED:
        if key not in doc:
            yield "missing-field", f"missing {key!r}"
    if str(doc.get("schema_version", "1.0")) not in SUPPORTED_SCHEMA_VERSIONS:
        yield "schema-version", f"unknown schema_version {doc.get('schema_version')!r}"
    text = doc.get("text")
    if not isinstance(text, str):
        yield "bad-text", "text must be a string"
        return
    if "published" in doc and (msg := _date_problem(doc.get("published"))):
        yield "bad-date", f"published: {msg}"
    spans: dict[str, dict[str, Any]] = {}
    for span in doc.get("spans") or []:
        sid = str(span.get("id"))
        if sid in spans:
            yield "duplicate-span-id", f"span id {sid!r} used twice"
        spans[sid] = span
        start, end = span.get("start"), span.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            yield "offset-out-of-range", f"span {sid} [{start}, {end}) outside text of length {len(text)}"
            continue
        if span.get("label") not in SPAN_LABELS:
            yield "unknown-label", f"span {sid} has unknown label {span.get('label')!r}"
        surface = text[start:end]
        if surface != surface.strip():
            yield "span-whitespace", f"span {sid} {surface!r} starts or ends with whitespace"
        if "text" in span and span["text"] != surface:
            yield "span-text-mismatch", f"span {sid} says {span['text']!r} but the text has {surface!r}"
    origin_ok = doc.get("origin") not in (None, "conflict-events")
    for number, event in enumerate(doc.get("events") or [], start=1):
        where = f"event {event.get('id', number)}"
        etype, sub = event.get("event_type"), event.get("sub_event_type")
        if etype is None and event.get("source_event_type") and origin_ok:
            pass  # a converted event with no ACLED counterpart keeps its source's type
        elif sub not in SUB_EVENT_TO_TYPE:
            yield "unknown-event-type", f"{where}: unknown sub_event_type {sub!r}"
        elif SUB_EVENT_TO_TYPE[sub] != etype:
            yield "unknown-event-type", f"{where}: {sub!r} belongs to {SUB_EVENT_TO_TYPE[sub]!r}, not {etype!r}"
        trigger = event.get("trigger")
        if trigger is not None and str(trigger) not in spans:
            yield "missing-span", f"{where}: trigger points at missing span {trigger!r}"
        elif trigger is not None and spans[str(trigger)].get("label") != "TRIGGER":
            yield "role-label", f"{where}: trigger {trigger!r} is not a TRIGGER span"
        for role, ids in (event.get("arguments") or {}).items():
            if role not in ROLES:
                yield "unknown-role", f"{where}: unknown role {role!r}"
            for sid in ids:
                if str(sid) not in spans:
                    yield "missing-span", f"{where}: {role} points at missing span {sid!r}"
        if msg := _date_problem(event.get("event_date")):
            yield "bad-date", f"{where}: {msg}"
        if event.get("time_precision") not in (None, *TIME_PRECISIONS):
            yield "bad-precision", f"{where}: time_precision must be 1, 2 or 3"
        if event.get("geo_precision") not in (None, *GEO_PRECISIONS):
            yield "bad-precision", f"{where}: geo_precision must be 1, 2 or 3"
        for field in ("fatalities", "wounded"):
            count = event.get(field)
            if count is None:
                continue
            values = [count.get(k) for k in ("best", "low", "high")]
            if any(not isinstance(v, int) or v < 0 for v in values):
                yield "bad-count", f"{where}: {field} best/low/high must be non-negative integers, got {values}"
            elif not values[1] <= values[0] <= values[2]:
                yield "bad-count", f"{where}: {field} must satisfy low <= best <= high, got {values}"
        country = event.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isupper()):
            yield "bad-country", f"{where}: country must be an ISO 3166-1 alpha-2 code, got {country!r}"


def _orphan_triggers(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    linked = {str(e.get("trigger")) for e in doc.get("events") or []}
    for span in doc.get("spans") or []:
        if span.get("label") == "TRIGGER" and str(span.get("id")) not in linked:
            yield "orphan-trigger", f"TRIGGER span {span.get('id')} is linked to no event"


def _iter_documents(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line, document or None, parse error or None)."""
    if path.suffix in (".yaml", ".yml"):
        try:
            for number, doc in enumerate(read_markup_file(path), start=1):
                yield number, doc, None
        except MarkupError as err:
            yield 0, None, str(err)
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as err:
                yield lineno, None, f"not valid JSON ({err.msg})"
                continue
            if not isinstance(doc, dict):
                yield lineno, None, "a line must hold one JSON object"
                continue
            yield lineno, doc, None


def validate_paths(paths: Iterable[str | Path]) -> list[Problem]:
    """Validate corpus files (JSONL or authored YAML; folders are searched) and return every problem found."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".jsonl", ".yaml", ".yml")))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    for file in files:
        for line, doc, error in _iter_documents(file):
            if doc is None:
                problems.append(Problem(str(file), line, "?", "parse-error", error or ""))
                continue
            doc_id = str(doc.get("id", "?"))
            if doc_id in seen_ids:
                problems.append(
                    Problem(str(file), line, doc_id, "duplicate-id", f"id already used at {seen_ids[doc_id]}")
                )
            else:
                seen_ids[doc_id] = f"{file}:{line}"
            problems.extend(Problem(str(file), line, doc_id, kind, msg) for kind, msg in validate_document(doc))
            if doc.get("origin") in (None, "conflict-events"):
                problems.extend(Problem(str(file), line, doc_id, k, m) for k, m in _orphan_triggers(doc))
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    problems = validate_paths(args)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
