"""Extraction quality of a trained model: data/test.jsonl and the public corpora's evaluation partitions.

    python bench/quality.py --model runs/quickstart [--corpora-dir ../shared/corpora] [--limit N] [--threads N]
        [--test-file data/test.jsonl] [--train-re3d [--re3d-output runs/re3d-minilm] [--re3d-max-steps N]]
        [--re3d-model DIR] [--out quality.json]

Prints Markdown tables with the command, the machine, the model folder and the date; `--out` also writes them
as JSON. `--limit N` keeps the first N documents of each evaluation set (smoke tests; say so when quoting).
Without the public corpora (`--corpora-dir`, default ../shared/corpora next to the repository) only section 1
runs and the others print "skipped: corpora absent"; the exit code is still 0.

1. data/test.jsonl (team-written gold). `inference.batch.run_extraction` writes the extraction JSONL and
   `training.scoring.score_files` scores it against the gold file: the event-level table (detection P/R/F1 after
   the scorer's optimal matching, event type and sub-type accuracy / macro-F1 over matched events, actor1 /
   actor2, country / admin1 / location, date exact / within 1 day, fatalities and wounded exact / MAE / gold in the
   predicted [low, high]) and the span-level table (exact char offsets and label, per label).

2. GVDB dev (the `gvdb` evaluation partition: all 400 articles, US gun-violence news). The converted documents
   (`load_public_corpus("gvdb", partition="evaluation")`) carry no counts: gvdb/dev.json has none. The gold killed
   and wounded counts come from the original GVDB annotation in gvdb/dev.tsv (column Json, `victim-section`): per
   article, killed = victims whose `victim-was` includes "killed", wounded = victims whose `victim-was` includes
   "injured" or "hospitalized" but not "killed". dev.tsv and dev.json use different ids, so a TSV row is joined to
   a converted article by its text (lower-cased, letters and digits only; whole text, else a unique 300-character
   prefix). Scored articles ("coded as events") are those with at least one victim whose outcome is coded (327
   of the 400).
   GVDB has one incident per article and no ACLED type, and the event scorer matches events by type, so the
   comparison is per article: the predicted count of an article is
     - max: the largest `fatalities.best` (`wounded.best`) of its predicted events (primary: an article that
       repeats one toll in its headline and body gives several events with the same figure), and
     - sum: the sum over its predicted events (counts victims split over several events),
   0 when the article has no predicted event or the events carry no figure. Reported: exact-match rate, MAE, and
   the exact rate on the articles whose gold count is > 0 (where "0 predicted" cannot be right by default).
   GVDB is always zero-shot (the corpus has no train partition) and our guidelines do not code ordinary gun crime
   as events, so a model that follows them may rightly find no event in many of these articles.

3. MUC-4 TST1 + TST2 (the `muc4` evaluation partition, 200 messages; GRIT's lower-cased text). Role-filler entity
   F1 as GRIT / GTT report it, with our roles merged over GRIT's: perpetrator = PerpInd + PerpOrg, target/victim =
   Target + Victim, weapon = Weapon. Gold: GRIT's `extracts` for the message (muc4/grit_processed/dev.json, the
   file the converter reads; each entity is a list of coreferent mentions; the converter turns every mention into
   an ACTOR / TARGET / WEAPON span of the document, but its spans lose the grouping into entities, so the entities
   are read from the same file). Predicted fillers, per message and role, deduplicated by lower-cased text:
     - linked (primary): `actor1.name` of each predicted event (perpetrator), `actor2.name` (target/victim, which
       the assembler fills from TARGET spans, else from a second ACTOR), the event's WEAPON spans (weapon);
     - all spans: every predicted ACTOR / TARGET / WEAPON span of the message, linked to an event or not.
   A predicted filler matches a gold entity when, for one of the entity's mentions, one text contains the other's
   head noun (its last word), after lower-casing and splitting into words. Matching is one-to-one (optimal
   assignment); P = matched / predicted fillers, R = matched / gold entities, micro over messages (messages with no
   template count: their predictions are false positives). A gold entity whose text repeats another's (the same
   string under PerpInd and PerpOrg) can be matched only once by the deduplicated predictions: an oracle scores
   0.996, not 1. Zero-shot unless the model's config.json says it was trained on corpus:muc4 (MUC-4 DEV).

4. M2E2 (the `m2e2` evaluation partition: 50 whole VOA articles, 1,437 sentences, one document per sentence).
   Gold events are the converted events with an ACLED type (Conflict:Attack, Conflict:Demonstrate,
   Justice:Arrest-Jail). Triggers: a predicted event matches a gold event when their trigger spans overlap
   (identification), and also have the same ACLED event type (classification) or sub-event type; one-to-one,
   optimal. A predicted event whose trigger overlaps only a gold trigger without an ACLED type (Life:Die,
   Movement:Transport, ...: outside our scheme) is left out of the counts; the precision counting them as false
   is given too. Arguments: the ACTOR / TARGET / WEAPON / LOCATION spans linked to a predicted event (actor,
   associated actor and target mentions, weapons, place spans) against the gold argument spans by label; correct
   only inside a classification-matched event pair; exact = same offsets and label, overlap = overlapping span and
   same label; P over the arguments of all counted predicted events, R over those of all typed gold events.
   Zero-shot unless the model was trained on corpus:m2e2.

5. re3d (with --train-re3d or --re3d-model): --train-re3d fine-tunes the offline MiniLM on the re3d train
   partition (ConfliBERT's train + dev CoNLL files) with configs/re3d-minilm.yaml; span P/R/F1 per label on the
   re3d evaluation partition (ConfliBERT's 200 test sentences) comes from training.evaluation.evaluate_model.
   re3d's labels are mapped onto ours (configs/corpora/re3d.yaml: Organisation -> ACTOR, Location -> LOCATION,
   Temporal -> DATE, Weapon and MilitaryPlatform -> WEAPON; Person, Nationality, Quantity, ... unmapped), so the
   number is not comparable with ConfliBERT's ~0.68 F1 over re3d's own labels.

Documents the extractor refuses (its language check rejects a few short M2E2 sentences as not English) are scored
as predicting nothing; each table says how many.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

from common import REPO, machine_info, print_header, table

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ARG_LABELS = ("ACTOR", "TARGET", "WEAPON", "LOCATION")
MUC_ROLES = {"perpetrator": ("PerpInd", "PerpOrg"), "target/victim": ("Target", "Victim"), "weapon": ("Weapon",)}
RE3D_CONFIG = REPO / "configs" / "re3d-minilm.yaml"


# -- helpers --------------------------------------------------------------------------------------------------------
def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": n_pred,
            "gold": n_gold}


def max_matching(n_left: int, n_right: int, ok) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of the pairs (i, j) for which ok(i, j) holds."""
    if not n_left or not n_right:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.array([[1.0 if ok(i, j) else 0.0 for j in range(n_right)] for i in range(n_left)])
    rows, cols = linear_sum_assignment(-sim)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if sim[r, c] > 0]


def trained_on(model_dir: Path) -> list[str]:
    try:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list((config.get("conflict_events") or {}).get("trained_on") or [])


def shot(model_dir: Path, corpus: str) -> str:
    return f"trained on the {corpus} train partition" if f"corpus:{corpus}" in trained_on(model_dir) else "zero-shot"


def extract(extractor, docs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Extraction results (as dicts) for corpus documents, in order."""
    articles = [{"id": d["id"], "text": d["text"], "published": d.get("published"), "title": d.get("title")}
                for d in docs]
    return [r.to_dict() for r in extractor.extract(articles)]


def error_kinds(results: Sequence[dict[str, Any]]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for r in results:
        if "error" in r:
            kinds[r.get("error_kind") or "error"] = kinds.get(r.get("error_kind") or "error", 0) + 1
    return kinds


def print_errors(res: dict[str, Any]) -> None:
    """Documents the extractor refused count as predicting nothing; say how many and why."""
    if res.get("extraction_errors"):
        kinds = ", ".join(f"{k} {v}" for k, v in res["extraction_errors"].items())
        print(f"Documents refused by the extractor (scored as predicting nothing): {kinds}.\n")


def _fmt3(s: dict[str, Any]) -> tuple[float, float, float]:
    return s["precision"], s["recall"], s["f1"]


# -- 1. data/test.jsonl ---------------------------------------------------------------------------------------------
def eval_test(extractor, test_file: Path, limit: int | None, workdir: Path) -> dict[str, Any]:
    from inference.batch import run_extraction
    from training.scoring import score_files

    lines = [line for line in test_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = workdir / "test-gold.jsonl"
    gold.write_text("\n".join(lines[:limit] if limit else lines) + "\n", encoding="utf-8")
    pred = workdir / "test-pred.jsonl"
    started = time.perf_counter()
    summary = run_extraction(extractor, gold, pred, progress=False)
    scores = score_files(gold, pred)
    scores["seconds"] = time.perf_counter() - started
    scores["extraction_errors"] = dict(summary.errors)
    scores.pop("errors", None)  # per-article issue lists: `conflict-events score --errors` shows them
    return scores


def print_test(scores: dict[str, Any], label: str) -> None:
    d = scores["detection"]
    rows = [
        ("event detection P / R / F1", f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}",
         f"{d['tp']} matched, {d['pred']} predicted, {d['gold']} gold"),
        ("event type accuracy / macro-F1", _pair(scores["event_type"]["accuracy"], scores["event_type"]["macro_f1"]),
         f"{d['tp']} matched events"),
        ("sub-event type accuracy / macro-F1",
         _pair(scores["sub_event_type"]["accuracy"], scores["sub_event_type"]["macro_f1"]), f"{d['tp']} matched events"),
        ("actor1 / actor2 match", _pair(scores["actor1"], scores["actor2"]), "matched events with a gold actor"),
        ("country / admin1 / location", " / ".join(_num(scores[k]) for k in ("country", "admin1", "location")), ""),
        ("km error, median", _num(scores["km_error_median"]), f"n={scores['km_error_n']}"),
        ("date exact / within 1 day", _pair(scores["date_exact"], scores["date_within_1_day"]), ""),
    ]
    for name in ("fatalities", "wounded"):
        c = scores[name]
        rows.append((f"{name} exact / MAE / gold in [low, high]",
                     f"{_num(c['exact'])} / {_num(c['mae'])} / {_num(c['gold_in_pred_range'])}", f"n={c['n']}"))
    print(f"### 1. {label}: event level ({scores['articles']} articles; training.scoring.score_files)\n")
    print(table(["metric", "value", "over"], rows))
    print()
    if scores.get("spans"):
        print(f"### 1. {label}: span level (exact char offsets and label)\n")
        rows = [(lab, *_fmt3(s), s["gold"], s["pred"]) for lab, s in scores["spans"].items()]
        print(table(["label", "P", "R", "F1", "gold", "predicted"], rows))
        print()


def _num(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}"


def _pair(a: Any, b: Any) -> str:
    return f"{_num(a)} / {_num(b)}"


# -- 2. GVDB --------------------------------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def gvdb_gold_counts(tsv: Path) -> list[tuple[str, int, int, int]]:
    """(normalized text, killed, wounded, victims with an outcome) per row of the original GVDB annotation."""
    csv.field_size_limit(1 << 30)
    out = []
    with tsv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            info = json.loads(row["Json"]) if row.get("Json") else {}
            killed = wounded = coded = 0
            for victim in info.get("victim-section") or []:
                outcome = {str(v).lower() for v in (victim.get("victim-was") or [])}
                if not outcome:
                    continue
                coded += 1
                if "killed" in outcome:
                    killed += 1
                elif outcome & {"injured", "hospitalized"}:
                    wounded += 1
            out.append((_norm(row.get("Full text") or ""), killed, wounded, coded))
    return out


def join_gvdb(docs: Sequence[dict[str, Any]], rows: list[tuple[str, int, int, int]]) -> dict[str, tuple[int, int, int]]:
    """Article id -> (killed, wounded, victims coded); articles with no unique TSV row are left out."""
    exact: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        exact.setdefault(row[0], []).append(i)
    out = {}
    for doc in docs:
        key = _norm(doc["text"])
        found = exact.get(key) or [i for i, row in enumerate(rows) if key[:300] in row[0] or row[0][:300] in key]
        if len(found) == 1:
            _, killed, wounded, coded = rows[found[0]]
            out[doc["id"]] = (killed, wounded, coded)
    return out


def eval_gvdb(extractor, corpora: Path, limit: int | None) -> dict[str, Any]:
    from training.converters import load_public_corpus

    docs = load_public_corpus("gvdb", corpora, partition="evaluation")
    gold = join_gvdb(docs, gvdb_gold_counts(corpora / "gvdb" / "dev.tsv"))
    joined = len(gold)
    scored = [d for d in docs if d["id"] in gold and gold[d["id"]][2] > 0]
    if limit:
        scored = scored[:limit]
    results = extract(extractor, scored)
    out: dict[str, Any] = {"documents": len(docs), "joined_to_tsv": joined, "articles": len(scored),
                           "with_predicted_event": sum(bool(r.get("events")) for r in results),
                           "extraction_errors": error_kinds(results)}
    for field, column in (("fatalities", 0), ("wounded", 1)):
        for how in ("max", "sum"):
            for scope in ("all", "with_event"):
                pairs = []
                for doc, result in zip(scored, results):
                    counts = [((e.get(field) or {}).get("best") or 0) for e in result.get("events") or []]
                    if scope == "with_event" and not counts:
                        continue
                    predicted = (max(counts) if how == "max" else sum(counts)) if counts else 0
                    pairs.append((gold[doc["id"]][column], predicted))
                positive = [(g, p) for g, p in pairs if g > 0]
                out[f"{field}_{how}" + ("" if scope == "all" else "_with_event")] = {
                    "exact": sum(g == p for g, p in pairs) / len(pairs) if pairs else None,
                    "mae": sum(abs(g - p) for g, p in pairs) / len(pairs) if pairs else None,
                    "exact_gold_positive": sum(g == p for g, p in positive) / len(positive) if positive else None,
                    "n": len(pairs),
                    "n_gold_positive": len(positive),
                }
    return out


def print_gvdb(res: dict[str, Any]) -> None:
    print(f"### 2. GVDB dev: killed / wounded per article ({res['articles']} articles with a coded victim outcome, "
          f"of {res['documents']}; zero-shot)\n")
    rows = []
    for suffix, scope in (("", "all scored"), ("_with_event", "with a predicted event")):
        for field, name in (("fatalities", "killed"), ("wounded", "wounded")):
            for how, what in (("max", "max over predicted events"), ("sum", "sum over predicted events")):
                r = res[f"{field}_{how}{suffix}"]
                rows.append((scope, name, what, r["exact"], r["mae"], r["n"], r["exact_gold_positive"],
                             r["n_gold_positive"]))
    print(table(["articles", "count", "article prediction", "exact", "MAE", "n", "exact where gold > 0",
                 "n gold > 0"], rows))
    print(f"\nGold: victims coded killed / injured-or-hospitalized (not killed) in gvdb/dev.tsv, joined to the "
          f"converted articles by text ({res['joined_to_tsv']} of {res['documents']} joined). Predicted: per "
          "article, the largest (max) or the summed (sum) `best` count of its predicted events, 0 with no event "
          f"or no figure. Articles with at least one predicted event: {res['with_predicted_event']} of "
          f"{res['articles']}; the rows 'with a predicted event' score only those (the count extraction where the model "
          "coded an event). Most GVDB articles are ordinary gun crime (robberies, domestic shootings), which our "
          "guidelines do not code as events; gang and police shootings they do (data/GUIDELINES.md sections 3 and 9).\n")


# -- 3. MUC-4 -------------------------------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def head_match(pred: str, mention: str) -> bool:
    """One text contains the other's head noun (last word), lower-cased, as whole words."""
    p, m = _words(pred), _words(mention)
    return bool(p and m) and (m[-1] in p or p[-1] in m)


def grit_entities(corpora: Path) -> dict[str, dict[str, list[list[str]]]]:
    """muc4/<message id> -> our role -> entities (lists of mention strings), from GRIT's processed file."""
    from training.converters import load_mapping, mapping_path

    mapping = load_mapping(mapping_path("muc4"))
    out: dict[str, dict[str, list[list[str]]]] = {}
    for rel in mapping.inputs["paths"]:
        path = corpora / rel
        if not (path.is_file() and path.suffix == ".json"):
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                if "extracts" not in record:
                    continue
                roles = {}
                for ours, theirs in MUC_ROLES.items():
                    roles[ours] = [[m[0] for m in entity] for role in theirs
                                   for entity in record["extracts"].get(role) or [] if entity]
                out[f"{mapping.id_prefix}{record['docid']}"] = roles
    return out


def _dedupe(texts: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for text in texts:
        key = " ".join(_words(text))
        if key and key not in seen:
            seen[key] = text
    return list(seen.values())


def muc_predictions(result: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    events = result.get("events") or []
    spans = result.get("spans") or []
    linked = {
        "perpetrator": _dedupe(e["actor1"]["name"] for e in events if e.get("actor1")),
        "target/victim": _dedupe(e["actor2"]["name"] for e in events if e.get("actor2")),
        "weapon": _dedupe(w["text"] for e in events for w in e.get("weapons") or []),
    }
    every = {
        "perpetrator": _dedupe(s["text"] for s in spans if s["label"] == "ACTOR"),
        "target/victim": _dedupe(s["text"] for s in spans if s["label"] == "TARGET"),
        "weapon": _dedupe(s["text"] for s in spans if s["label"] == "WEAPON"),
    }
    return {"linked": linked, "all spans": every}


def eval_muc4(extractor, corpora: Path, limit: int | None, model_dir: Path) -> dict[str, Any]:
    from training.converters import load_public_corpus

    docs = load_public_corpus("muc4", corpora, partition="evaluation")
    if limit:
        docs = docs[:limit]
    gold = grit_entities(corpora)
    missing = [d["id"] for d in docs if d["id"] not in gold]
    results = extract(extractor, docs)
    counts = {variant: {role: [0, 0, 0] for role in MUC_ROLES} for variant in ("linked", "all spans")}
    for doc, result in zip(docs, results):
        entities = gold.get(doc["id"], {role: [] for role in MUC_ROLES})
        for variant, roles in muc_predictions(result).items():
            for role, preds in roles.items():
                ents = entities[role]
                pairs = max_matching(len(preds), len(ents),
                                     lambda i, j: any(head_match(preds[i], m) for m in ents[j]))
                c = counts[variant][role]
                c[0] += len(pairs)
                c[1] += len(preds)
                c[2] += len(ents)
    out: dict[str, Any] = {"documents": len(docs), "without_grit_record": missing, "setting": shot(model_dir, "muc4"),
                           "extraction_errors": error_kinds(results)}
    for variant, roles in counts.items():
        out[variant] = {role: prf(*c) for role, c in roles.items()}
        total = [sum(c[k] for c in roles.values()) for k in range(3)]
        out[variant]["all roles (micro)"] = prf(*total)
    return out


def print_muc4(res: dict[str, Any]) -> None:
    print(f"### 3. MUC-4 TST1+TST2: role-filler entity F1, head-noun match ({res['documents']} messages; "
          f"{res['setting'].upper()})\n")
    rows = []
    for variant in ("linked", "all spans"):
        for role, s in res[variant].items():
            rows.append((variant, role, *_fmt3(s), s["tp"], s["pred"], s["gold"]))
    print(table(["predicted fillers", "role", "P", "R", "F1", "matched", "predicted", "gold entities"], rows))
    print("\nGold: GRIT's entities (perpetrator = PerpInd + PerpOrg, target/victim = Target + Victim, weapon). "
          "Linked: actor1 / actor2 names and weapons of the predicted events; all spans: every predicted ACTOR / "
          "TARGET / WEAPON span. A filler matches an entity when one text contains the other's last word. "
          "Not comparable to GRIT's per-role exact-match numbers (mid 50s): roles merged, lenient matching.\n")
    if res["without_grit_record"]:
        print(f"({len(res['without_grit_record'])} messages have no GRIT record: scored with no gold entity.)\n")


# -- 4. M2E2 --------------------------------------------------------------------------------------------------------
def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _pred_args(event: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans = []
    for key in ("actor1", "actor2"):
        if event.get(key):
            spans.extend(event[key]["mentions"])
    for key in ("assoc_actor_1", "assoc_actor_2"):
        for actor in event.get(key) or []:
            spans.extend(actor["mentions"])
    spans.extend(event.get("weapons") or [])
    spans.extend((event.get("place") or {}).get("spans") or [])
    return sorted({(s["start"], s["end"], s["label"]) for s in spans if s["label"] in ARG_LABELS})


def _gold_args(doc: dict[str, Any], event: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans = {s["id"]: s for s in doc["spans"]}
    out = set()
    for ids in (event.get("arguments") or {}).values():
        for sid in ids:
            s = spans.get(sid)
            if s and s["label"] in ARG_LABELS:
                out.add((s["start"], s["end"], s["label"]))
    return sorted(out)


def eval_m2e2(extractor, corpora: Path, limit: int | None, model_dir: Path) -> dict[str, Any]:
    from training.converters import load_public_corpus

    docs = load_public_corpus("m2e2", corpora, partition="evaluation")
    if limit:
        docs = docs[:limit]
    results = extract(extractor, docs)
    tally = {k: [0, 0, 0] for k in ("identification", "classification", "sub-type")}
    args = {k: [0, 0, 0] for k in ("exact", "overlap")}
    per_label = {lab: [0, 0, 0] for lab in ARG_LABELS}
    ignored = 0
    for doc, result in zip(docs, results):
        spans = {s["id"]: s for s in doc["spans"]}
        typed, untyped = [], []
        for e in doc["events"]:
            trig = spans.get(str(e.get("trigger")))
            if trig is None:
                continue
            (typed if e.get("sub_event_type") else untyped).append((e, (trig["start"], trig["end"])))
        preds = []
        for e in result.get("events") or []:
            span = (e["trigger"]["start"], e["trigger"]["end"])
            if not any(_overlap(span, g) for _, g in typed) and any(_overlap(span, g) for _, g in untyped):
                ignored += 1
                continue
            preds.append((e, span))
        checks = {
            "identification": lambda i, j: _overlap(preds[i][1], typed[j][1]),
            "classification": lambda i, j: _overlap(preds[i][1], typed[j][1])
            and preds[i][0]["event_type"] == typed[j][0]["event_type"],
            "sub-type": lambda i, j: _overlap(preds[i][1], typed[j][1])
            and preds[i][0]["sub_event_type"] == typed[j][0]["sub_event_type"],
        }
        pairs_by = {}
        for name, ok in checks.items():
            pairs_by[name] = max_matching(len(preds), len(typed), ok)
            tally[name][0] += len(pairs_by[name])
            tally[name][1] += len(preds)
            tally[name][2] += len(typed)
        pred_args = [_pred_args(e) for e, _ in preds]
        gold_args = [_gold_args(doc, e) for e, _ in typed]
        for k in args:
            args[k][1] += sum(map(len, pred_args))
            args[k][2] += sum(map(len, gold_args))
        for pa in pred_args:
            for a in pa:
                per_label[a[2]][1] += 1
        for ga in gold_args:
            for a in ga:
                per_label[a[2]][2] += 1
        for i, j in pairs_by["classification"]:
            pa, ga = pred_args[i], gold_args[j]
            exact = max_matching(len(pa), len(ga), lambda x, y: pa[x] == ga[y])
            args["exact"][0] += len(exact)
            for x, _ in exact:
                per_label[pa[x][2]][0] += 1
            loose = max_matching(len(pa), len(ga), lambda x, y: pa[x][2] == ga[y][2]
                                 and _overlap(pa[x][:2], ga[y][:2]))
            args["overlap"][0] += len(loose)
    out: dict[str, Any] = {
        "documents": len(docs), "setting": shot(model_dir, "m2e2"),
        "gold_typed_events": tally["identification"][2], "ignored_predictions": ignored,
        "extraction_errors": error_kinds(results),
        "triggers": {k: prf(*v) for k, v in tally.items()},
        "arguments": {k: prf(*v) for k, v in args.items()},
        "arguments_exact_per_label": {k: prf(*v) for k, v in per_label.items()},
    }
    tp, n_pred, _ = tally["classification"]
    out["classification_precision_counting_ignored"] = tp / (n_pred + ignored) if n_pred + ignored else 0.0
    return out


def print_m2e2(res: dict[str, Any]) -> None:
    print(f"### 4. M2E2 evaluation partition: triggers and arguments ({res['documents']} sentences, "
          f"{res['gold_typed_events']} gold events with an ACLED type; {res['setting'].upper()})\n")
    rows = []
    for name, what in (("identification", "trigger overlap"), ("classification", "overlap + ACLED event type"),
                       ("sub-type", "overlap + ACLED sub-event type")):
        s = res["triggers"][name]
        rows.append((f"trigger {name}", what, *_fmt3(s), s["tp"], s["pred"], s["gold"]))
    for name, what in (("exact", "same offsets + label"), ("overlap", "overlapping span + label")):
        s = res["arguments"][name]
        rows.append((f"argument ({name})", what + ", in a classification-matched event", *_fmt3(s), s["tp"],
                     s["pred"], s["gold"]))
    for label, s in res["arguments_exact_per_label"].items():
        rows.append((f"argument {label} (exact)", "", *_fmt3(s), s["tp"], s["pred"], s["gold"]))
    print(table(["metric", "match", "P", "R", "F1", "matched", "predicted", "gold"], rows))
    print(f"\n{res['ignored_predictions']} predicted events whose trigger overlaps only a gold trigger without an "
          "ACLED type (Life:Die, Movement:Transport, ...) are left out; counting them as false, trigger "
          f"classification P = {res['classification_precision_counting_ignored']:.3f}.\n")


# -- 5. re3d --------------------------------------------------------------------------------------------------------
def train_re3d(output: Path, corpora: Path, max_steps: int | None = None) -> dict[str, Any]:
    from training.trainer import train

    overrides: dict[str, Any] = {"corpora_dir": str(corpora), "disable_tqdm": True}
    if max_steps:
        overrides["max_steps"] = max_steps
    started = time.perf_counter()
    metrics = train(RE3D_CONFIG, output, overrides=overrides)
    return {"train_seconds": time.perf_counter() - started, "config": str(RE3D_CONFIG.relative_to(REPO)),
            "train_metrics": metrics.get("train"), "max_steps": max_steps}


def eval_re3d(model_dir: Path, corpora: Path, limit: int | None) -> dict[str, Any]:
    from training.converters import load_public_corpus
    from training.evaluation import evaluate_model

    docs = load_public_corpus("re3d", corpora, partition="evaluation")
    if limit:
        docs = docs[:limit]
    scores = evaluate_model(model_dir, docs, show_progress=False)
    return {"model": str(model_dir), "documents": len(docs), "trained_on": trained_on(model_dir),
            "span_precision": scores["span_precision"], "span_recall": scores["span_recall"],
            "span_f1": scores["span_f1"], "span_macro_f1": scores["span_macro_f1"], "per_label": scores["per_label"]}


def print_re3d(res: dict[str, Any]) -> None:
    how = ""
    if "train_seconds" in res:
        steps = f", stopped after {res['max_steps']} steps (smoke test)" if res.get("max_steps") else ""
        how = f", trained in {res['train_seconds'] / 60:.1f} min with {res['config']}{steps}"
    print(f"### 5. re3d test (ConfliBERT's split, {res['documents']} sentences): span P/R/F1, model "
          f"{res['model']}{how}\n")
    rows = [("all (micro)", res["span_precision"], res["span_recall"], res["span_f1"], None)]
    gold_labels = {k: s for k, s in res["per_label"].items() if s.get("number")}
    if len(gold_labels) < len(res["per_label"]):
        # the micro scores over re3d's own labels, from each label's P, R and gold count
        tp = sum(s["recall"] * s["number"] for s in gold_labels.values())
        predicted = sum(s["recall"] * s["number"] / s["precision"] for s in gold_labels.values() if s["precision"])
        gold = sum(s["number"] for s in gold_labels.values())
        p, r = (tp / predicted if predicted else 0.0), (tp / gold if gold else 0.0)
        rows.append(("re3d's labels (micro)", p, r, 2 * p * r / (p + r) if p + r else 0.0, int(gold)))
    others = []
    for label, s in sorted(res["per_label"].items()):
        if s.get("number"):
            rows.append((label, s.get("precision"), s.get("recall"), s.get("f1"), s.get("number")))
        else:
            others.append(label)
    print(table(["label", "P", "R", "F1", "gold spans"], rows))
    extra = (f" Labels re3d never has ({', '.join(others)}) were predicted too: they count against the micro P."
             if others else "")
    print(f"\nseqeval over whole documents (training.evaluation.evaluate_model); macro-F1 {res['span_macro_f1']:.3f}.{extra} "
          "re3d labels are mapped onto ours (configs/corpora/re3d.yaml: Organisation -> ACTOR, Location, Temporal "
          "-> DATE, Weapon + MilitaryPlatform -> WEAPON; Person, Nationality, Quantity, ... dropped), so this is "
          "not directly comparable with ConfliBERT's ~0.68 F1 over re3d's own labels.\n")


# -- main -----------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a trained conflict-events model folder")
    parser.add_argument("--corpora-dir", type=Path, default=REPO.parent / "shared" / "corpora",
                        help="public corpora (default ../shared/corpora next to the repository)")
    parser.add_argument("--test-file", type=Path, default=REPO / "data" / "test.jsonl")
    parser.add_argument("--limit", type=int, help="first N documents of each evaluation set (smoke tests)")
    parser.add_argument("--threads", type=int, help="torch CPU threads")
    parser.add_argument("--device", help="cpu, cuda, ... (default: automatic)")
    parser.add_argument("--train-re3d", action="store_true",
                        help="fine-tune the offline MiniLM on re3d (configs/re3d-minilm.yaml) and score it")
    parser.add_argument("--re3d-output", type=Path, default=REPO / "runs" / "re3d-minilm")
    parser.add_argument("--re3d-model", type=Path, help="score an already trained re3d model (no training)")
    parser.add_argument("--re3d-max-steps", type=int, help="stop re3d training after N steps (smoke tests only)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.model is None and not (args.train_re3d or args.re3d_model):
        parser.error("--model is required (unless only --train-re3d / --re3d-model)")
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    info = machine_info(args.device or "cpu")
    print_header(info)
    report: dict[str, Any] = {"machine": info, "model": str(args.model) if args.model else None,
                              "limit": args.limit, "corpora_dir": str(args.corpora_dir)}
    limits = f"first {args.limit} documents of each set" if args.limit else "full sets"
    if args.model:
        print(f"Model: `{args.model}` (trained on: {', '.join(trained_on(args.model)) or 'unknown'}); {limits}.\n")
    have_corpora = args.corpora_dir.is_dir()

    if args.model:
        from inference.extractor import EventExtractor

        extractor = EventExtractor.from_pretrained(args.model, device=args.device)
        with tempfile.TemporaryDirectory(prefix="quality-") as tmp:
            report["test"] = eval_test(extractor, args.test_file, args.limit, Path(tmp))
        print_test(report["test"], f"{args.test_file.name} ({args.model.name})")
        print_errors(report["test"])
        if have_corpora:
            for name, run, show in (
                ("gvdb", lambda: eval_gvdb(extractor, args.corpora_dir, args.limit), print_gvdb),
                ("muc4", lambda: eval_muc4(extractor, args.corpora_dir, args.limit, args.model), print_muc4),
                ("m2e2", lambda: eval_m2e2(extractor, args.corpora_dir, args.limit, args.model), print_m2e2),
            ):
                started = time.perf_counter()
                try:
                    report[name] = run()
                except FileNotFoundError as err:
                    print(f"skipped {name}: corpus files absent ({err})\n")
                    continue
                report[name]["seconds"] = time.perf_counter() - started
                show(report[name])
                print_errors(report[name])
    if not have_corpora:
        print(f"skipped: corpora absent ({args.corpora_dir}): no GVDB, MUC-4, M2E2 or re3d results\n")
    elif args.train_re3d or args.re3d_model:
        re3d_model = args.re3d_output if args.train_re3d else args.re3d_model
        trained = train_re3d(args.re3d_output, args.corpora_dir, args.re3d_max_steps) if args.train_re3d else {}
        report["re3d"] = {**eval_re3d(re3d_model, args.corpora_dir, args.limit), **trained}
        print_re3d(report["re3d"])

    seconds = {k: round(v["seconds"]) for k, v in report.items() if isinstance(v, dict) and "seconds" in v}
    if "train_seconds" in report.get("re3d", {}):
        seconds["re3d training"] = round(report["re3d"]["train_seconds"])
    if seconds:
        print("Seconds: " + ", ".join(f"{k} {v}" for k, v in seconds.items()) + "\n")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"JSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
