"""Corpus statistics: coverage of the coding scheme and checks that the corpus is not templated.

Every figure here is measured from the files (`conflict-events stats data/`), never typed by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from inference.dates import parse_dateline
from inference.schema import EVENT_TYPES, SUB_EVENT_TYPES
from training.corpus import read_documents

# Targets of the corpus issue.
MIN_ARTICLES = 600
MIN_SUBTYPES_WITH_15 = 20
MIN_COUNTRIES = 40
MIN_MULTI_EVENT = 0.15
MIN_NEGATIVE = 0.10
MIN_LONG = 0.05
MAX_NGRAM_SHARE = 0.05
LONG_TOKENS = 512

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z0-9']+")
PHRASINGS = {
    "digits": r"\b\d+\b",
    "thousands separator": r"\b\d{1,3},\d{3}\b",
    "number word": r"\b(two|three|four|five|six|seven|eight|nine|eleven|twelve|twenty|thirty|forty|fifty)\b",
    "a dozen": r"\ba dozen\b",
    "at least": r"\bat least\b",
    "up to": r"\bup to\b",
    "more than": r"\bmore than\b",
    "dozens": r"\bdozens\b",
    "hundred and": r"\bhundred and\b",
    "range": r"\b\d+ (to|-) \d+\b|\bbetween \d+ and \d+\b",
    "several": r"\bseveral\b",
    "dateline": r"^[A-Z][A-Z .'-]+, [A-Z][a-z]{2,8}\.? \d{1,2}",
    "on <weekday>": r"\bon (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    "overnight": r"\bovernight\b",
    "last week": r"\blast week\b",
    "earlier this month": r"\bearlier this month\b",
    "last month": r"\blast month\b",
}


def _long_counter():
    """Token counter of the offline default model when installed, else a words x 1.3 estimate."""
    try:
        from transformers import AutoTokenizer

        from training.arguments import resolve_model_path

        tokenizer = AutoTokenizer.from_pretrained(resolve_model_path("minilm"))
        return lambda text: len(tokenizer(text, add_special_tokens=True)["input_ids"]), "minilm tokenizer"
    except Exception:  # the estimate is labelled as such in the output
        return lambda text: int(len(text.split()) * 1.3), "estimate (words x 1.3)"


def _body(doc: dict[str, Any]) -> str:
    """The text without its dateline, which legitimately repeats across wire articles."""
    _, _, end = parse_dateline(doc["text"], None)
    return doc["text"][end:]


def corpus_stats(paths: Sequence[str | Path]) -> dict[str, Any]:
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    docs = read_documents(files)
    n = len(docs)
    events = [e for d in docs for e in d["events"]]
    sub_counts = Counter(e["sub_event_type"] for e in events)
    type_counts = Counter(e["event_type"] for e in events)
    countries = Counter(e.get("country") for e in events if e.get("country"))
    multi = sum(len(d["events"]) >= 2 for d in docs)
    negative = sum(not d["events"] for d in docs)
    count_tokens, token_method = _long_counter()
    long_docs = sum(count_tokens(d["text"]) > LONG_TOKENS for d in docs)
    styles = Counter(d.get("style") or "unknown" for d in docs)

    sentences = Counter()
    for d in docs:
        for s in _SENTENCE.split(_body(d)):
            s = s.strip()
            if len(s.split()) >= 5:
                sentences[s] += 1
    repeated_sentences = {s: c for s, c in sentences.items() if c > 1}

    ngram_docs: Counter = Counter()
    for d in docs:
        words = _WORD.findall(_body(d).lower())
        ngram_docs.update({" ".join(words[i : i + 6]) for i in range(len(words) - 5)})
    limit = MAX_NGRAM_SHARE * n
    frequent = {g: c for g, c in ngram_docs.most_common(50) if c > limit}

    conflicting = 0
    for d in docs:
        for e in d["events"]:
            fat = e.get("fatalities") or {}
            if fat.get("low") is not None and fat.get("low") != fat.get("high"):
                conflicting += 1
    phrasings = {name: sum(bool(re.search(rx, d["text"], re.IGNORECASE | re.MULTILINE)) for d in docs)
                 for name, rx in PHRASINGS.items()}
    subtypes_ok = sum(sub_counts[s] >= 15 for s in SUB_EVENT_TYPES)
    checks = {
        f"articles >= {MIN_ARTICLES}": n >= MIN_ARTICLES,
        "all 6 event types": all(type_counts[t] > 0 for t in EVENT_TYPES),
        f"sub-types with 15+ events >= {MIN_SUBTYPES_WITH_15}": subtypes_ok >= MIN_SUBTYPES_WITH_15,
        f"countries >= {MIN_COUNTRIES}": len(countries) >= MIN_COUNTRIES,
        f"multi-event articles >= {MIN_MULTI_EVENT:.0%}": n and multi / n >= MIN_MULTI_EVENT,
        f"hard negatives >= {MIN_NEGATIVE:.0%}": n and negative / n >= MIN_NEGATIVE,
        f"articles > {LONG_TOKENS} tokens >= {MIN_LONG:.0%}": n and long_docs / n >= MIN_LONG,
        "no sentence appears twice": not repeated_sentences,
        f"no 6-gram in > {MAX_NGRAM_SHARE:.0%} of articles": not frequent,
    }
    return {
        "articles": n,
        "events": len(events),
        "event_types": dict(type_counts.most_common()),
        "sub_event_types": {s: sub_counts[s] for s in SUB_EVENT_TYPES},
        "sub_types_with_15_events": subtypes_ok,
        "countries": len(countries),
        "country_counts": dict(countries.most_common()),
        "multi_event_articles": multi,
        "hard_negatives": negative,
        "long_articles": long_docs,
        "long_token_method": token_method,
        "styles": dict(styles),
        "events_with_conflicting_fatality_figures": conflicting,
        "phrasings (articles containing)": phrasings,
        "repeated_sentences": dict(list(repeated_sentences.items())[:10]),
        "frequent_6grams": frequent,
        "checks": {k: bool(v) for k, v in checks.items()},
        "checks_passed": all(bool(v) for v in checks.values()),
    }


def format_stats(stats: dict[str, Any]) -> str:
    n = max(stats["articles"], 1)
    lines = [
        f"articles: {stats['articles']}   events: {stats['events']}   countries: {stats['countries']}",
        f"multi-event: {stats['multi_event_articles']} ({stats['multi_event_articles'] / n:.1%})   "
        f"hard negatives: {stats['hard_negatives']} ({stats['hard_negatives'] / n:.1%})   "
        f"long (> {LONG_TOKENS} tokens, {stats['long_token_method']}): {stats['long_articles']} "
        f"({stats['long_articles'] / n:.1%})",
        f"styles: {stats['styles']}",
        f"events with conflicting fatality figures: {stats['events_with_conflicting_fatality_figures']}",
        "",
        "event types: " + ", ".join(f"{k} {v}" for k, v in stats["event_types"].items()),
        "sub-event types:",
    ]
    lines += [f"  {count:4d}  {sub}" for sub, count in stats["sub_event_types"].items()]
    lines.append("phrasings (articles containing): " + ", ".join(
        f"{k} {v}" for k, v in stats["phrasings (articles containing)"].items()))
    if stats["repeated_sentences"]:
        lines.append("repeated sentences: " + "; ".join(f"{c}x {s[:60]!r}" for s, c in stats["repeated_sentences"].items()))
    if stats["frequent_6grams"]:
        lines.append("frequent 6-grams: " + "; ".join(f"{c}x {g!r}" for g, c in stats["frequent_6grams"].items()))
    lines.append("")
    lines += [f"[{'ok' if ok else 'FAIL'}] {name}" for name, ok in stats["checks"].items()]
    return "\n".join(lines)
