"""Output: one JSONL line per input article (canonical), and one row per event for CSV / Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

import pycountry

from inference.outputs import ArticleResult
from inference.schema import DISORDER_TYPE, OUTPUT_COLUMNS


def article_line(index: int, result: ArticleResult) -> str:
    """The JSONL line of one input item: its position, id, and events or error."""
    record = {"index": index, **result.to_dict()}
    return json.dumps(record, ensure_ascii=False)


def _names(actors: Iterable[dict[str, Any]]) -> str:
    return "; ".join(a["name"] for a in actors)


def _iso3(iso2: str | None) -> str:
    country = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return country.alpha_3 if country else "XXX"


def event_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """CSV/Parquet rows (OUTPUT_COLUMNS) from one JSONL record of an article."""
    article_id = record.get("article_id") or f"item-{record.get('index')}"
    provenance = record.get("provenance") or {}
    model = f"{provenance.get('model')}@{provenance.get('model_version')}"
    for number, event in enumerate(record.get("events") or [], start=1):
        place, date = event["place"], event["date"]
        fat, wnd = event["fatalities"], event["wounded"]
        row = {
            "event_id_cnty": f"{_iso3(place.get('iso2'))}-{article_id}-{number}",
            "event_date": date.get("date"),
            "year": int(date["date"][:4]) if date.get("date") else None,
            "time_precision": date.get("time_precision"),
            "disorder_type": DISORDER_TYPE.get(event["event_type"]),
            "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "actor1": event["actor1"]["name"] if event.get("actor1") else None,
            "assoc_actor_1": _names(event.get("assoc_actor_1") or []) or None,
            "actor2": event["actor2"]["name"] if event.get("actor2") else None,
            "assoc_actor_2": _names(event.get("assoc_actor_2") or []) or None,
            "civilian_targeting": "Civilian targeting" if event["event_type"] == "Violence against civilians" else None,
            "country": place.get("country"),
            "iso": place.get("iso"),
            "admin1": place.get("admin1"),
            "admin2": place.get("admin2"),
            "location": place.get("location"),
            "latitude": place.get("latitude"),
            "longitude": place.get("longitude"),
            "geo_precision": place.get("geo_precision"),
            "source": "; ".join(s["text"] for s in event.get("sources") or []) or None,
            "notes": event.get("evidence"),
            "fatalities": fat["best"],
            "article_id": article_id,
            "iso2": place.get("iso2"),
            "fatalities_low": fat["low"],
            "fatalities_high": fat["high"],
            "fatalities_vague": fat["vague"],
            "wounded": wnd["best"],
            "wounded_low": wnd["low"],
            "wounded_high": wnd["high"],
            "weapon": "; ".join(w["text"] for w in event.get("weapons") or []) or None,
            "confidence": round(float(event["confidence"]), 4),
            "model": model,
        }
        yield {column: row[column] for column in OUTPUT_COLUMNS}


def iter_records(jsonl_path: Path) -> Iterator[dict[str, Any]]:
    with jsonl_path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_tables(jsonl_path: Path, output: Path, fmt: str) -> tuple[int, int]:
    """Rebuild the CSV or Parquet table (and its `.errors.csv` sidecar) from the canonical JSONL.

    Returns (event rows, failed articles).
    """
    errors_path = output.with_name(output.name + ".errors.csv")
    rows_written = failed = 0
    with errors_path.open("w", encoding="utf-8", newline="") as err_handle:
        errors = csv.writer(err_handle)
        errors.writerow(["index", "article_id", "error_kind", "error"])

        def rows() -> Iterator[dict[str, Any]]:
            nonlocal failed
            for record in iter_records(jsonl_path):
                if "error" in record:
                    failed += 1
                    errors.writerow([record["index"], record.get("article_id"), record.get("error_kind"), record["error"]])
                    continue
                yield from event_rows(record)

        if fmt == "csv":
            with output.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(OUTPUT_COLUMNS))
                writer.writeheader()
                for row in rows():
                    writer.writerow(row)
                    rows_written += 1
        elif fmt == "parquet":
            rows_written = _write_parquet(rows(), output)
        else:
            raise ValueError(f"unknown table format {fmt!r}")
    return rows_written, failed


def _write_parquet(rows: Iterable[dict[str, Any]], output: Path, batch_size: int = 4096) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            (c, pa.float64() if c in ("latitude", "longitude", "confidence") else
             pa.int64() if c in ("year", "time_precision", "iso", "geo_precision", "fatalities", "fatalities_low",
                                 "fatalities_high", "wounded", "wounded_low", "wounded_high") else
             pa.bool_() if c == "fatalities_vague" else pa.string())
            for c in OUTPUT_COLUMNS
        ]
    )
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
