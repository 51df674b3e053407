"""Document-level evaluation of a saved model: span P/R/F1 per label and event-type accuracy / macro-F1."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import evaluate
from datasets import Dataset

from inference.decoding import SpanPrediction
from inference.extractor import EventExtractor
from inference.labels import entity_name
from inference.schema import SUB_EVENT_TO_TYPE
from training.corpus import documents_from_dataset
from training.preprocessing import align_labels, char_entities

METRIC_PATH = str(Path(__file__).parent / "metrics" / "seqeval_spans")


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    """Macro-F1 over the gold classes of (gold, predicted) pairs; a missed item predicts 'NONE'.

    >>> round(macro_f1([("A", "A"), ("A", "B"), ("B", "B")]), 3)
    0.667
    """
    gold_classes = sorted({g for g, _ in pairs})
    if not gold_classes:
        return 0.0
    scores = []
    for cls in gold_classes:
        tp = sum(g == cls and p == cls for g, p in pairs)
        fp = sum(g != cls and p == cls for g, p in pairs)
        fn = sum(g == cls and p != cls for g, p in pairs)
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def _predicted_entities(preds: list[SpanPrediction]) -> list[tuple[int, int, str | None]]:
    return sorted(
        (p.start, p.end, entity_name(p.label, p.sub_event_type) if p.label == "TRIGGER" else p.label) for p in preds
    )


def score_documents(
    docs: Sequence[dict[str, Any]], predictions: Sequence[list[SpanPrediction]], extractor: EventExtractor
) -> dict[str, Any]:
    """Score predicted spans against gold documents (whole articles, windows merged)."""
    metric = evaluate.load(METRIC_PATH)
    label2id = {label: i for i, label in extractor.id2label.items()}
    encoded = extractor.encode([d["text"] for d in docs])
    offsets_by_doc: dict[int, set[tuple[int, int]]] = {}
    for owner, offsets in zip(encoded.owner, encoded.offsets):
        offsets_by_doc.setdefault(owner, set()).update((s, e) for s, e in offsets if e > s)
    id2label = extractor.id2label
    refs, hyps = [], []
    type_pairs, sub_pairs = [], []
    for index, (doc, preds) in enumerate(zip(docs, predictions)):
        offsets = sorted(offsets_by_doc.get(index, ()))
        gold = char_entities(doc)
        gold_ids = align_labels(offsets, gold, label2id)
        pred_ids = align_labels(offsets, _predicted_entities(preds), label2id)
        keep = [i for i, g in enumerate(gold_ids) if g >= 0]
        refs.append([id2label[gold_ids[i]] for i in keep])
        hyps.append([id2label[pred_ids[i]] if pred_ids[i] >= 0 else "O" for i in keep])
        spans = {s["id"]: s for s in doc["spans"]}
        for event in doc.get("events") or []:
            sub = event.get("sub_event_type")
            trigger = spans.get(str(event.get("trigger")))
            if sub is None or trigger is None:
                continue
            hit = next(
                (p for p in preds if p.label == "TRIGGER" and p.start < trigger["end"] and trigger["start"] < p.end),
                None,
            )
            pred_sub = hit.sub_event_type if hit and hit.sub_event_type else "NONE"
            sub_pairs.append((sub, pred_sub))
            type_pairs.append((SUB_EVENT_TO_TYPE[sub], SUB_EVENT_TO_TYPE.get(pred_sub, "NONE")))
    spans_scores = metric.compute(predictions=hyps, references=refs)
    n = len(sub_pairs)
    return {
        "documents": len(docs),
        "span_precision": spans_scores["overall_precision"],
        "span_recall": spans_scores["overall_recall"],
        "span_f1": spans_scores["overall_f1"],
        "span_macro_f1": spans_scores["macro_f1"],
        "per_label": _per_label(spans_scores),
        "gold_events": n,
        "event_type_accuracy": sum(g == p for g, p in type_pairs) / n if n else None,
        "event_type_macro_f1": macro_f1(type_pairs) if n else None,
        "sub_event_type_accuracy": sum(g == p for g, p in sub_pairs) / n if n else None,
        "sub_event_type_macro_f1": macro_f1(sub_pairs) if n else None,
        "trigger_types_seen": dict(Counter(g for g, _ in sub_pairs)),
        "metric": "seqeval default mode over whole articles; triggers typed by sub-event type",
    }


def _per_label(scores: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per span label; typed triggers are pooled into TRIGGER (span found, any type)."""
    out: dict[str, dict[str, float]] = {}
    for name, value in scores.items():
        if isinstance(value, dict):
            out[name] = value
    return out


def evaluate_model(
    model_dir: str | Path, data: Dataset | Sequence[dict[str, Any]], *, show_progress: bool = True
) -> dict[str, Any]:
    """Load a saved model and score it on corpus documents (a Dataset from load_corpus or a list of dicts)."""
    docs = documents_from_dataset(data) if isinstance(data, Dataset) else list(data)
    extractor = EventExtractor.from_pretrained(model_dir)
    predictions = extractor.predict_spans([d["text"] for d in docs])
    return score_documents(docs, predictions, extractor)
