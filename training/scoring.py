"""Event-level scoring: match predicted events to gold events per article, then score every field.

Matching is an optimal assignment (Hungarian, scipy) within each article on a similarity of
  0.4 trigger overlap (when both sides carry trigger offsets) + 0.3 same sub-event type (0.15 same type only)
  + 0.1 same location name or admin1 + 0.1 dates within one day + 0.1 actor overlap;
a pair counts as a match when its similarity is at least 0.3, so a prediction with the wrong type but the right
trigger (or right place, date and actor) is still matched and shows up as a type error, not as a miss.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from inference.places import same_admin1
from training.evaluation import macro_f1

MATCH_THRESHOLD = 0.3


@dataclass(frozen=True)
class EventRecord:
    """The fields the scorer compares, from gold corpus events or predicted events alike."""

    event_type: str | None
    sub_event_type: str | None
    trigger: tuple[int, int] | None
    actor1: str | None
    actor2: str | None
    country: str | None  # ISO alpha-2
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    event_date: str | None
    fatalities: tuple[int, int, int] | None  # best, low, high
    wounded: tuple[int, int, int] | None


@dataclass
class ArticleEvents:
    article_id: str
    events: list[EventRecord]
    spans: set[tuple[int, int, str]] | None = None


def _words(text: str | None) -> set[str]:
    if not text:
        return set()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return set(re.findall(r"[a-z0-9]+", text)) - {"the", "a", "an", "of", "and"}


def actor_match(gold: str | None, pred: str | None) -> bool:
    """Normalized text overlap: one name's words contain the other's, or Jaccard >= 0.5."""
    g, p = _words(gold), _words(pred)
    if not g or not p:
        return False
    return g <= p or p <= g or len(g & p) / len(g | p) >= 0.5


def _name_match(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _words(a) == _words(b)


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def similarity(gold: EventRecord, pred: EventRecord) -> float:
    score = 0.0
    if gold.trigger and pred.trigger and gold.trigger[0] < pred.trigger[1] and pred.trigger[0] < gold.trigger[1]:
        score += 0.4
    if gold.sub_event_type and gold.sub_event_type == pred.sub_event_type:
        score += 0.3
    elif gold.event_type and gold.event_type == pred.event_type:
        score += 0.15
    if _name_match(gold.location, pred.location) or (
        gold.admin1 and pred.admin1 and same_admin1(gold.admin1, pred.admin1)
    ):
        score += 0.1
    days = _days_apart(gold.event_date, pred.event_date)
    if days is not None and days <= 1:
        score += 0.1
    if actor_match(gold.actor1, pred.actor1) or actor_match(gold.actor2, pred.actor2):
        score += 0.1
    return score


def match_events(gold: Sequence[EventRecord], pred: Sequence[EventRecord]) -> list[tuple[int, int]]:
    """Optimal one-to-one matching; pairs below the threshold are left unmatched."""
    if not gold or not pred:
        return []
    sim = np.array([[similarity(g, p) for p in pred] for g in gold])
    rows, cols = linear_sum_assignment(-sim)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if sim[r, c] >= MATCH_THRESHOLD]


# -- reading --------------------------------------------------------------------------------------------------------
def _count(value: Any) -> tuple[int, int, int] | None:
    if not value or value.get("best") is None:
        return None
    return int(value["best"]), int(value.get("low", value["best"])), int(value.get("high", value["best"]))


def _from_corpus(doc: dict[str, Any]) -> ArticleEvents:
    spans = {s["id"]: s for s in doc.get("spans") or []}

    def text_of(event: dict[str, Any], role: str) -> str | None:
        ids = (event.get("arguments") or {}).get(role) or []
        return doc["text"][spans[ids[0]]["start"] : spans[ids[0]]["end"]] if ids and ids[0] in spans else None

    events = []
    for e in doc.get("events") or []:
        trig = spans.get(str(e.get("trigger")))
        events.append(
            EventRecord(
                e.get("event_type"), e.get("sub_event_type"), (trig["start"], trig["end"]) if trig else None,
                text_of(e, "actor1"), text_of(e, "actor2"), e.get("country"), e.get("admin1"), e.get("location"),
                e.get("latitude"), e.get("longitude"), e.get("event_date"), _count(e.get("fatalities")),
                _count(e.get("wounded")),
            )
        )
    label_spans = {(s["start"], s["end"], s["label"]) for s in doc.get("spans") or []}
    return ArticleEvents(str(doc["id"]), events, label_spans)


def _from_extraction(record: dict[str, Any]) -> ArticleEvents:
    events = []
    for e in record.get("events") or []:
        place, date = e.get("place") or {}, e.get("date") or {}
        events.append(
            EventRecord(
                e.get("event_type"), e.get("sub_event_type"), (e["trigger"]["start"], e["trigger"]["end"]),
                (e.get("actor1") or {}).get("name"), (e.get("actor2") or {}).get("name"), place.get("iso2"),
                place.get("admin1"), place.get("location"), place.get("latitude"), place.get("longitude"),
                date.get("date"), _count(e.get("fatalities")), _count(e.get("wounded")),
            )
        )
    spans = {(s["start"], s["end"], s["label"]) for s in record.get("spans") or []} if "spans" in record else None
    return ArticleEvents(str(record.get("article_id")), events, spans)


def read_events(path: str | Path) -> dict[str, ArticleEvents]:
    """Articles of a corpus JSONL (gold or converted) or of an extraction JSONL (predictions), by id."""
    out: dict[str, ArticleEvents] = {}
    with Path(path).open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if "error" in record:
                out[str(record.get("article_id"))] = ArticleEvents(str(record.get("article_id")), [], None)
                continue
            article = _from_corpus(record) if "text" in record and "spans" in record else _from_extraction(record)
            if article.article_id in out:
                raise ValueError(f"{path}:{lineno}: duplicate article id {article.article_id}")
            out[article.article_id] = article
    return out


# -- scoring --------------------------------------------------------------------------------------------------------
@dataclass
class _Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += bool(ok)
        self.total += 1

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class _Counts:
    exact: _Tally = field(default_factory=_Tally)
    inside: _Tally = field(default_factory=_Tally)
    errors: list[int] = field(default_factory=list)

    def add(self, gold: tuple[int, int, int] | None, pred: tuple[int, int, int] | None) -> None:
        if gold is None:
            return
        p = pred or (0, 0, 0)
        self.exact.add(gold[0] == p[0])
        self.inside.add(p[1] <= gold[0] <= p[2])
        self.errors.append(abs(gold[0] - p[0]))

    def result(self) -> dict[str, Any]:
        return {
            "exact": self.exact.rate,
            "mae": sum(self.errors) / len(self.errors) if self.errors else None,
            "gold_in_pred_range": self.inside.rate,
            "n": self.exact.total,
        }


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": n_pred,
            "gold": n_gold}


def score_articles(gold: dict[str, ArticleEvents], pred: dict[str, ArticleEvents]) -> dict[str, Any]:
    """Event-level scores over the gold articles (predictions for other articles are ignored)."""
    tp = n_gold = n_pred = 0
    type_pairs, sub_pairs = [], []
    actor1, actor2, country, admin1, location, date_exact, date_1 = (_Tally() for _ in range(7))
    km: list[float] = []
    fat, wnd = _Counts(), _Counts()
    span_tp: dict[str, int] = {}
    span_pred: dict[str, int] = {}
    span_gold: dict[str, int] = {}
    errors: list[dict[str, Any]] = []
    for article_id, g in gold.items():
        p = pred.get(article_id, ArticleEvents(article_id, [], None))
        pairs = match_events(g.events, p.events)
        tp += len(pairs)
        n_gold += len(g.events)
        n_pred += len(p.events)
        issues: list[str] = []
        for gi, pi in pairs:
            ge, pe = g.events[gi], p.events[pi]
            type_pairs.append((ge.event_type or "NONE", pe.event_type or "NONE"))
            sub_pairs.append((ge.sub_event_type or "NONE", pe.sub_event_type or "NONE"))
            if ge.sub_event_type != pe.sub_event_type:
                issues.append(f"event {gi}: sub-type {ge.sub_event_type!r} predicted {pe.sub_event_type!r}")
            for tally, gv, pv, name in ((actor1, ge.actor1, pe.actor1, "actor1"), (actor2, ge.actor2, pe.actor2, "actor2")):
                if gv:
                    tally.add(actor_match(gv, pv))
                    if not actor_match(gv, pv):
                        issues.append(f"event {gi}: {name} {gv!r} predicted {pv!r}")
            if ge.country:
                country.add(ge.country == pe.country)
            if ge.admin1:
                ok = bool(pe.admin1) and same_admin1(ge.admin1, pe.admin1)
                admin1.add(ok)
                if not ok:
                    issues.append(f"event {gi}: admin1 {ge.admin1!r} predicted {pe.admin1!r}")
            if ge.location:
                location.add(_name_match(ge.location, pe.location))
            if None not in (ge.latitude, ge.longitude, pe.latitude, pe.longitude):
                km.append(km_between(ge.latitude, ge.longitude, pe.latitude, pe.longitude))
            if ge.event_date:
                days = _days_apart(ge.event_date, pe.event_date)
                date_exact.add(days == 0)
                date_1.add(days is not None and days <= 1)
                if days != 0:
                    issues.append(f"event {gi}: date {ge.event_date} predicted {pe.event_date}")
            fat.add(ge.fatalities, pe.fatalities)
            wnd.add(ge.wounded, pe.wounded)
            if ge.fatalities and pe.fatalities != ge.fatalities:
                issues.append(f"event {gi}: fatalities {ge.fatalities} predicted {pe.fatalities}")
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        issues += [f"missed gold event {i} ({e.sub_event_type})" for i, e in enumerate(g.events) if i not in matched_gold]
        issues += [f"spurious predicted event {i} ({e.sub_event_type})" for i, e in enumerate(p.events)
                   if i not in matched_pred]
        if issues:
            errors.append({"article_id": article_id, "issues": issues})
        if p.spans is not None and g.spans is not None:
            for start, end, label in g.spans:
                span_gold[label] = span_gold.get(label, 0) + 1
            for start, end, label in p.spans:
                span_pred[label] = span_pred.get(label, 0) + 1
                if (start, end, label) in g.spans:
                    span_tp[label] = span_tp.get(label, 0) + 1
    labels = sorted(set(span_gold) | set(span_pred))
    return {
        "articles": len(gold),
        "detection": _prf(tp, n_pred, n_gold),
        "event_type": {"accuracy": _Tally(sum(a == b for a, b in type_pairs), len(type_pairs)).rate,
                       "macro_f1": macro_f1(type_pairs) if type_pairs else None},
        "sub_event_type": {"accuracy": _Tally(sum(a == b for a, b in sub_pairs), len(sub_pairs)).rate,
                           "macro_f1": macro_f1(sub_pairs) if sub_pairs else None},
        "actor1": actor1.rate, "actor2": actor2.rate,
        "country": country.rate, "admin1": admin1.rate, "location": location.rate,
        "km_error_median": float(np.median(km)) if km else None, "km_error_n": len(km),
        "date_exact": date_exact.rate, "date_within_1_day": date_1.rate,
        "fatalities": fat.result(), "wounded": wnd.result(),
        "spans": {label: _prf(span_tp.get(label, 0), span_pred.get(label, 0), span_gold.get(label, 0))
                  for label in labels} or None,
        "errors": errors,
    }


def score_files(gold_path: str | Path, pred_path: str | Path) -> dict[str, Any]:
    """Score a prediction file against a gold file (corpus JSONL; predictions as corpus or extraction JSONL).

    >>> score_files("data/test.jsonl", "data/test.jsonl")["detection"]["f1"]
    1.0
    """
    return score_articles(read_events(gold_path), read_events(pred_path))


def _fmt(value: Any) -> str:
    return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def format_scores(scores: dict[str, Any], *, errors: bool = False) -> str:
    d = scores["detection"]
    rows = [
        ("event detection P / R / F1", f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}"
         f"  ({d['tp']} matched, {d['pred']} predicted, {d['gold']} gold)"),
        ("event type accuracy / macro-F1", f"{_fmt(scores['event_type']['accuracy'])} / "
         f"{_fmt(scores['event_type']['macro_f1'])}"),
        ("sub-event type accuracy / macro-F1", f"{_fmt(scores['sub_event_type']['accuracy'])} / "
         f"{_fmt(scores['sub_event_type']['macro_f1'])}"),
        ("actor1 / actor2 match", f"{_fmt(scores['actor1'])} / {_fmt(scores['actor2'])}"),
        ("country / admin1 / location", f"{_fmt(scores['country'])} / {_fmt(scores['admin1'])} / "
         f"{_fmt(scores['location'])}"),
        ("km error (median, n)", f"{_fmt(scores['km_error_median'])} ({scores['km_error_n']})"),
        ("date exact / within 1 day", f"{_fmt(scores['date_exact'])} / {_fmt(scores['date_within_1_day'])}"),
    ]
    for name in ("fatalities", "wounded"):
        c = scores[name]
        rows.append((f"{name} exact / MAE / gold in [low, high]",
                     f"{_fmt(c['exact'])} / {_fmt(c['mae'])} / {_fmt(c['gold_in_pred_range'])} (n={c['n']})"))
    width = max(len(r[0]) for r in rows)
    lines = [f"{name.ljust(width)}  {value}" for name, value in rows]
    if scores.get("spans"):
        lines.append("")
        lines.append("span label      P      R      F1     gold")
        for label, s in scores["spans"].items():
            lines.append(f"{label:<12} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['gold']:6d}")
    if errors:
        lines.append("")
        for item in scores["errors"]:
            lines.append(f"{item['article_id']}:")
            lines.extend(f"  - {issue}" for issue in item["issues"])
    return "\n".join(lines)


