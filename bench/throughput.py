"""Span-prediction throughput on the same weights and articles: transformers' pipeline against our engine.

    python bench/throughput.py --model runs/quickstart --articles /tmp/articles.jsonl [--n 200] [--repeats 3]
        [--device cpu|cuda] [--batch-tokens 2048 4096 8192 16384] [--int8] [--peak-tflops 989] [--out r.json]

Arms: (a) `pipeline("token-classification", model=DIR)` with default settings; (b) the fastest pipeline setting of
a search over batch_size {1,4,8,16} x {truncate at 512, stride windows} x {input order, sorted by length} with
aggregation_strategy="simple", preferring settings that cover all text (timed on a length-stratified subset,
--search-n articles, best of 2 rounds; or fixed with --best); (c) `EventExtractor.predict_spans` (one row per
--batch-tokens budget); (d) the full `EventExtractor.extract`; (e) with --int8, (c) after dynamic int8
quantization of the Linear layers (CPU only). Each arm lives in its own process (clean peak RSS, model loaded and
warmed up on 8 articles before timing); arms run interleaved a,b,c,d,e,a,b,... and the median of --repeats is kept.

Real tokens are counted with the model's tokenizer over the whole articles without special tokens: the same
denominator for every arm, so a truncating arm gets no credit for text it drops. Computed and non-pad tokens are
counted by a hook on the model's forward (for the engine, cross-checked against pack_by_budget). Span agreement
is micro F1 of exact (start, end, label) between the engine and each other arm; pipeline outputs are mapped to
char spans as follows: with an aggregation strategy, each entity group is (start, end, entity_group); with the
default (no aggregation) the tagged tokens are grouped as our decoder does (a token joins the open span when it has
the same label and is the next token and is I- or glued to the previous token). Labels are entity names without
B-/I-, triggers typed (`TRIGGER|Attack`); our decoder types a trigger by the probability mass over its tokens and
the pipeline by its tokens' argmax, which is one source of disagreement besides different windows (512 vs ours).
On CUDA the engine runs under bf16 autocast (its default) and the pipeline in fp32 (its default).
MFU (with --peak-tflops) = real tokens/s x (2 x non-embedding parameters + 4 x layers x hidden x mean computed
sequence length) / peak FLOP/s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import time
from pathlib import Path
from typing import Any, Callable

from common import machine_info, median, peak_rss_mib, print_header, span_f1, table

WARMUP_ARTICLES = 8
BATCH_SIZES = (1, 4, 8, 16)


# -- worker processes (one per arm) ---------------------------------------------------------------------------------
def _quiet() -> None:
    import warnings

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["TRANSFORMERS_VERBOSITY"] = "error"
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    warnings.filterwarnings("ignore")
    from transformers.utils import logging

    logging.disable_progress_bar()


class ForwardCounter:
    """Counts what the model computes: tokens (rows x width, padding included), non-pad tokens, rows."""

    def __init__(self, model: Any) -> None:
        self.reset()
        model.register_forward_pre_hook(self._hook, with_kwargs=True)

    def reset(self) -> None:
        self.computed = self.nonpad = self.rows = 0

    def _hook(self, module: Any, args: tuple, kwargs: dict) -> None:
        ids = kwargs.get("input_ids", args[0] if args else None)
        mask = kwargs.get("attention_mask")
        self.computed += ids.numel()
        self.rows += ids.shape[0]
        self.nonpad += int(mask.sum()) if mask is not None else ids.numel()


def _build(spec: dict[str, Any], device: str) -> tuple[Callable[[list[dict[str, Any]], dict], Any], Any, Any]:
    """(run(articles, call_kwargs) -> raw output, model, extractor or None) for one arm."""
    if spec["kind"] == "pipeline":
        from transformers import pipeline

        pipe = pipeline("token-classification", model=spec["model"], device=device)

        def run_pipeline(articles: list[dict[str, Any]], call: dict[str, Any]) -> Any:
            call = dict(call)
            order = list(range(len(articles)))
            if call.pop("sorted", False):  # a user-side trick: batches of similar lengths pad less
                order.sort(key=lambda i: len(articles[i]["text"]))
            outputs = pipe([articles[i]["text"] for i in order], **call)
            result: list[Any] = [None] * len(articles)
            for position, index in enumerate(order):
                result[index] = outputs[position]
            return result

        return run_pipeline, pipe.model, None
    import torch

    from inference.extractor import EventExtractor

    extractor = EventExtractor.from_pretrained(spec["model"], device=device, batch_tokens=spec["batch_tokens"])
    if spec.get("int8"):
        extractor.engine.model = torch.ao.quantization.quantize_dynamic(
            extractor.engine.model, {torch.nn.Linear}, dtype=torch.qint8)
    if spec["kind"] == "extract":
        return (lambda articles, call: list(extractor.extract(articles))), extractor.engine.model, extractor
    return (lambda articles, call: extractor.predict_spans([a["text"] for a in articles])), extractor.engine.model, \
        extractor


def _worker(conn: Any, spec: dict[str, Any], articles: list[dict[str, Any]], device: str, threads: int | None) -> None:
    _quiet()
    import torch

    if threads:
        torch.set_num_threads(threads)
    cuda = device.startswith("cuda")
    started = time.perf_counter()
    run, model, extractor = _build(spec, device)
    counter = ForwardCounter(model)
    run(articles[:WARMUP_ARTICLES], spec.get("call", {}))
    conn.send({"load_seconds": time.perf_counter() - started})
    while (message := conn.recv()) is not None:
        subset = [articles[i] for i in message["subset"]] if message.get("subset") else articles
        call = message.get("call", spec.get("call", {}))
        counter.reset()
        if cuda:
            torch.cuda.synchronize()
        begin = time.perf_counter()
        output = run(subset, call)
        if cuda:
            torch.cuda.synchronize()
        seconds = time.perf_counter() - begin
        reply: dict[str, Any] = {"seconds": seconds, "computed": counter.computed, "nonpad": counter.nonpad,
                                 "rows": counter.rows, "peak_rss_mib": peak_rss_mib()}
        if cuda:
            reply["gpu_peak_mib"] = torch.cuda.max_memory_allocated() / 2**20
        if message.get("spans") and spec["kind"] != "extract":
            reply["spans"] = [pipeline_spans(o) for o in output] if spec["kind"] == "pipeline" else \
                [engine_spans(o) for o in output]
        if message.get("packed") and extractor is not None:
            from inference.engine import pack_by_budget

            lengths = [len(ids) for ids in extractor.encode([a["text"] for a in subset]).input_ids]
            reply["packed"] = sum(len(b) * max(lengths[i] for i in b)
                                  for b in pack_by_budget(lengths, extractor.engine.batch_tokens))
        conn.send(reply)


class Arm:
    def __init__(self, name: str, setting: str, spec: dict[str, Any], articles: list[dict[str, Any]],
                 device: str, threads: int | None) -> None:
        self.name, self.setting, self.spec = name, setting, spec
        self.runs: list[dict[str, Any]] = []
        self.spans: list[list[tuple[int, int, str]]] | None = None
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, spec, articles, device, threads), daemon=True)
        self.process.start()
        self.load_seconds = self._recv()["load_seconds"]

    def _recv(self) -> dict[str, Any]:
        if not self.conn.poll(3600):
            raise TimeoutError(f"{self.name}: no answer from the worker")
        try:
            return self.conn.recv()
        except EOFError:
            raise RuntimeError(f"{self.name}: the worker process died (exit code {self.process.exitcode})") from None

    def run(self, **message: Any) -> dict[str, Any]:
        self.conn.send(message)
        return self._recv()

    def close(self) -> None:
        self.conn.send(None)
        self.process.join(timeout=30)


# -- span mapping ---------------------------------------------------------------------------------------------------
def pipeline_spans(entities: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Char spans of a pipeline output (see the module docstring for the grouping of ungrouped tokens)."""
    if entities and "entity_group" in entities[0]:
        return sorted({(int(e["start"]), int(e["end"]), str(e["entity_group"])) for e in entities})
    spans: list[tuple[int, int, str]] = []
    current: list[Any] | None = None  # [start, end, label, token index]
    for e in entities:
        prefix, _, label = str(e["entity"]).partition("-")
        start, end, index = int(e["start"]), int(e["end"]), int(e["index"])
        if current and label == current[2] and index == current[3] + 1 and (prefix == "I" or start == current[1]):
            current[1], current[3] = end, index
            continue
        if current:
            spans.append((current[0], current[1], current[2]))
        current = [start, end, label, index]
    if current:
        spans.append((current[0], current[1], current[2]))
    return sorted(set(spans))


def engine_spans(predictions: list[Any]) -> list[tuple[int, int, str]]:
    return sorted({(p.start, p.end, f"{p.label}|{p.sub_event_type}" if p.sub_event_type else p.label)
                   for p in predictions})


# -- the benchmark --------------------------------------------------------------------------------------------------
def pipeline_call(batch_size: int, stride: int | None, order: str) -> dict[str, Any]:
    call: dict[str, Any] = {"batch_size": batch_size, "aggregation_strategy": "simple"}
    if stride is not None:
        call["stride"] = stride
    if order == "sorted":
        call["sorted"] = True
    return call


def describe(call: dict[str, Any]) -> str:
    if not call:
        return "defaults (batch_size=1, no aggregation, truncation at model_max_length)"
    return ", ".join(f"{k}={v}" for k, v in call.items())


def search_pipeline(model: str, articles: list[dict[str, Any]], lengths: list[int], args: argparse.Namespace,
                    stride: int | None) -> tuple[dict[str, Any], list[list[Any]]]:
    """Time each pipeline setting on a length-stratified subset; the fastest one that covers all text wins."""
    by_length = sorted(range(len(articles)), key=lambda i: lengths[i])
    step = max(1, len(articles) // args.search_n)
    subset = by_length[::step][: args.search_n]
    candidates = [(bs, s, order) for s in dict.fromkeys((None, stride)) for bs in BATCH_SIZES
                  for order in (("input",) if bs == 1 else ("input", "sorted"))]
    arm = Arm("search", "", {"kind": "pipeline", "model": model}, articles, args.device, args.threads)
    best_time = {c: float("inf") for c in candidates}
    try:
        for _ in range(2):
            for c in candidates:
                best_time[c] = min(best_time[c], arm.run(subset=subset, call=pipeline_call(*c))["seconds"])
    finally:
        arm.close()
    rows = [[f"batch_size={bs}", "no (truncates)" if s is None else f"yes (stride={s})", order,
             len(subset) / best_time[(bs, s, order)]] for bs, s, order in candidates]
    covering = [c for c in candidates if c[1] is not None]
    fastest = min(candidates, key=lambda c: best_time[c])
    chosen = min(covering, key=lambda c: best_time[c]) if covering else fastest
    print(f"### Pipeline settings ({len(subset)} articles, length-stratified; best of 2 rounds)\n")
    print(table(["batch", "covers all text", "order", "articles/s"], rows))
    why = "fastest that covers all text" if covering else "no stride without a fast tokenizer: fastest, truncates"
    print(f"\nChosen for (b): {describe(pipeline_call(*chosen))} ({why}); fastest overall: "
          f"{describe(pipeline_call(*fastest))}.\n")
    return pipeline_call(*chosen), rows


def parse_best(text: str) -> dict[str, Any]:
    batch, stride, order = text.split(":")
    return pipeline_call(int(batch), None if stride == "none" else int(stride), order)


def flops_per_token(model_dir: str, seq: float) -> float:
    from transformers import AutoConfig, AutoModelForTokenClassification

    config = AutoConfig.from_pretrained(model_dir)
    model = AutoModelForTokenClassification.from_config(config)
    params = sum(p.numel() for n, p in model.named_parameters() if "embeddings" not in n)
    return 2 * params + 4 * config.num_hidden_layers * config.hidden_size * seq


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--model", required=True, help="saved model folder (config.json with conflict_events)")
    parser.add_argument("--articles", required=True, type=Path, help="JSONL with text (bench/make_articles.py)")
    parser.add_argument("--n", type=int, default=200, help="articles to use (the first n)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--batch-tokens", type=int, nargs="+", default=[8192],
                        help="engine token budgets to sweep; the first is used for extract and int8")
    parser.add_argument("--int8", action="store_true", help="add the engine with dynamic int8 Linear layers (CPU)")
    parser.add_argument("--peak-tflops", type=float, help="device peak (dense, in the dtype used) for MFU")
    parser.add_argument("--search-n", type=int, default=40, help="articles for the pipeline setting search")
    parser.add_argument("--best", help="skip the search: BATCH:STRIDE|none:input|sorted, e.g. 8:32:sorted")
    parser.add_argument("--pipeline-stride", type=int, help="pipeline stride (default: the model's saved stride)")
    parser.add_argument("--threads", type=int, help="torch CPU threads per arm (default: torch's, one per core)")
    parser.add_argument("--out", type=Path, help="write the results as JSON")
    args = parser.parse_args()
    _quiet()
    import torch
    from transformers import AutoConfig, AutoTokenizer

    if args.threads:
        torch.set_num_threads(args.threads)
    info = machine_info(args.device)
    with args.articles.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()][: args.n]
    articles = [{"id": str(r.get("id", i)), "text": r["text"], "published": r.get("published")}
                for i, r in enumerate(rows)]
    model = str(args.model)
    tokenizer = AutoTokenizer.from_pretrained(model)
    lengths = [len(ids) for ids in tokenizer([a["text"] for a in articles], add_special_tokens=False)["input_ids"]]
    total = sum(lengths)
    room = tokenizer.model_max_length - tokenizer.num_special_tokens_to_add()
    truncated = sum(max(0, n - room) for n in lengths)
    saved = getattr(AutoConfig.from_pretrained(model), "conflict_events", None) or {}
    stride = args.pipeline_stride or int(saved.get("stride", 32))
    print_header(info)
    print(f"Model {model}; {len(articles)} articles from {args.articles}: {total:,} tokens "
          f"(mean {total / len(articles):.0f}, max {max(lengths):,}); the pipeline truncates at "
          f"{tokenizer.model_max_length} tokens: {sum(n > room for n in lengths)} articles longer, {truncated:,} "
          f"tokens ({truncated / total:.1%}) dropped by default. Engine windows: {saved.get('max_length')} tokens, "
          f"stride {saved.get('stride')}.\n")

    # the pipeline's stride needs a fast tokenizer (offsets)
    searched_stride = stride if getattr(tokenizer, "is_fast", False) else None
    best = parse_best(args.best) if args.best else search_pipeline(model, articles, lengths, args, searched_stride)[0]
    specs = [("a", "pipeline, defaults", {"kind": "pipeline", "model": model, "call": {}}),
             ("b", "pipeline, best", {"kind": "pipeline", "model": model, "call": best})]
    specs += [(f"c{i or ''}", f"engine predict_spans, batch_tokens={b}",
               {"kind": "spans", "model": model, "batch_tokens": b}) for i, b in enumerate(args.batch_tokens)]
    specs.append(("d", f"engine extract, batch_tokens={args.batch_tokens[0]}",
                  {"kind": "extract", "model": model, "batch_tokens": args.batch_tokens[0]}))
    if args.int8 and args.device == "cpu":
        specs.append(("e", f"engine predict_spans int8, batch_tokens={args.batch_tokens[0]}",
                      {"kind": "spans", "model": model, "batch_tokens": args.batch_tokens[0], "int8": True}))
    arms = [Arm(name, label, spec, articles, args.device, args.threads) for name, label, spec in specs]
    try:
        for repeat in range(args.repeats):
            for arm in arms:
                result = arm.run(spans=repeat == 0, packed=repeat == 0)
                arm.spans = result.pop("spans", arm.spans)
                arm.runs.append(result)
    finally:
        for arm in arms:
            arm.close()

    results = []
    default_rate = None
    for arm in arms:
        seconds = median([r["seconds"] for r in arm.runs])
        last = arm.runs[-1]
        dropped = 0 if arm.spec["kind"] != "pipeline" or "stride" in arm.spec["call"] else truncated
        row = {"arm": arm.name, "what": arm.setting, "setting": describe(arm.spec.get("call", {})),
               "seconds": seconds, "seconds_all": [r["seconds"] for r in arm.runs],
               "articles_per_s": len(articles) / seconds, "real_tokens_per_s": total / seconds,
               "computed_tokens": last["computed"], "nonpad_tokens": last["nonpad"], "rows": last["rows"],
               "nonpad_over_computed": last["nonpad"] / last["computed"] if last["computed"] else None,
               "real_over_computed": (total - dropped) / last["computed"] if last["computed"] else None,
               "tokens_truncated": dropped, "peak_rss_mib": max(r["peak_rss_mib"] for r in arm.runs),
               "load_seconds": arm.load_seconds}
        if "packed" in arm.runs[0]:
            row["computed_pack_by_budget"] = arm.runs[0]["packed"]
        if "gpu_peak_mib" in last:
            row["gpu_peak_mib"] = last["gpu_peak_mib"]
        if args.peak_tflops and last["rows"]:
            per_token = flops_per_token(model, last["computed"] / last["rows"])
            row["mfu"] = total / seconds * per_token / (args.peak_tflops * 1e12)
        default_rate = default_rate or row["articles_per_s"]
        row["speedup_vs_default"] = row["articles_per_s"] / default_rate
        results.append(row)

    print(f"### Throughput (median of {args.repeats}, interleaved)\n")
    headers = ["arm", "what", "articles/s", "real tokens/s", "x default", "computed tokens", "non-pad/computed",
               "real/computed", "tokens truncated", "peak RSS MiB"]
    if args.peak_tflops:
        headers.append("MFU")
    print(table(headers, [[r["arm"], r["what"], r["articles_per_s"], r["real_tokens_per_s"], r["speedup_vs_default"],
                           r["computed_tokens"], r["nonpad_over_computed"], r["real_over_computed"],
                           r["tokens_truncated"], r["peak_rss_mib"]] + ([r.get("mfu")] if args.peak_tflops else [])
                          for r in results]))
    print(f"\n(b) = {describe(best)}. Real tokens = {total:,} article tokens (no special tokens) for every arm; "
          "real/computed counts only the text an arm covers.\n")
    for r in results:
        if "computed_pack_by_budget" in r and r["computed_pack_by_budget"] != r["computed_tokens"]:
            print(f"note: {r['arm']}: pack_by_budget gives {r['computed_pack_by_budget']:,} computed tokens, "
                  f"the forward hook saw {r['computed_tokens']:,}")

    by_name = {arm.name: arm for arm in arms}
    engine = by_name["c"]
    pairs = [("a", "c"), ("b", "c")] + [(a.name, "c") for a in arms if a.name.startswith("c") and a.name != "c"]
    if "e" in by_name:
        pairs.append(("e", "c"))
    agreement = []
    for other, ref in pairs:
        o, r = by_name[other], by_name[ref]
        agreement.append({"arm": other, "reference": ref, "what": f"{o.setting} vs {r.setting}",
                          "spans": sum(map(len, o.spans)), "reference_spans": sum(map(len, r.spans)),
                          "f1": span_f1(r.spans, o.spans)})
    print("### Span agreement (micro F1 of exact start, end, label)\n")
    print(table(["arms", "spans", "reference spans", "F1"],
                [[a["what"], a["spans"], a["reference_spans"], a["f1"]] for a in agreement]))
    sweep = [r for r in results if r["arm"].startswith("c")]
    top = max(sweep, key=lambda r: r["real_tokens_per_s"])
    print(f"\nBest engine budget: {top['what']} ({top['real_tokens_per_s']:,.0f} real tokens/s).")
    if "e" in by_name:
        int8 = next(r for r in results if r["arm"] == "e")
        f1 = agreement[-1]["f1"]
        gain = int8["real_tokens_per_s"] / results[[r["arm"] for r in results].index("c")]["real_tokens_per_s"]
        verdict = "recommend" if f1 >= 0.98 and gain > 1.0 else "do not recommend"
        print(f"int8: {gain:.2f}x the fp32 engine, agreement F1 {f1:.3f} -> {verdict} (threshold 0.98).")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        payload = {"machine": info, "model": model, "articles": str(args.articles), "n": len(articles),
                   "real_tokens": total, "tokens_truncated_by_default": truncated, "pipeline_best": best,
                   "engine": engine.setting, "results": results, "agreement": agreement}
        args.out.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        print(f"\nJSON -> {args.out}")


if __name__ == "__main__":
    main()
