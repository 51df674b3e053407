"""Does batch extraction scale linearly in time and stay flat in memory as the input grows?

    python bench/scaling.py --model runs/quickstart --sizes 1000 10000 [--articles seed.jsonl] [--out r.json]
    python bench/scaling.py --tiny --sizes 1000 10000 100000

For each size N, a generator writes N articles to a JSONL file in a temporary folder, one line at a time, by
cycling through a seed set (--articles, else 200 articles built as bench/make_articles.py does) and perturbing
each pass (paragraphs rotated by the pass number, a fresh id), so passes differ wherever a seed has several
paragraphs. Then a fresh process loads the model, runs `inference.batch.run_extraction` (what `conflict-events
extract` calls) over 50 warm-up articles (lazy loads are not timed) and then over the file, writing JSONL.
Reported per size: the extraction seconds (run_extraction's own clock, model loading excluded), articles/s, the
process's peak RSS, and its RSS sampled every 0.5 s (at 20% of the run and at the end).
Time is linear when the per-article time of each size is within 15% of the smallest size's; memory is flat when
the largest size's peak RSS is within 10% of the smallest's and its sampled RSS grows by at most 5% from 20% of the
run to the end. The extractor works in chunks of 256 articles (the next one tokenized while the model runs), so
sizes below about 1,000 are not yet in the steady state. --tiny replaces the model with a random 2-layer,
hidden-32 BERT (bench/tiny_model.py) so that 100k articles fit in minutes on a CPU: it measures the pipeline
around the model (reading, windows, decoding, events, writing), not the model.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Iterator

from common import machine_info, peak_rss_mib, print_header, table

LINEAR_TOLERANCE = 0.15
FLAT_TOLERANCE = 0.10
GROWTH_TOLERANCE = 0.05
WARMUP_ARTICLES = 50


def seed_articles(path: Path | None, n: int = 200) -> list[dict[str, Any]]:
    if path is not None:
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    from make_articles import build_articles, default_sources, read_documents, token_counter

    return build_articles(read_documents(default_sources()), n, token_counter(None))


def generate(seeds: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    """N articles: the seed set again and again, paragraphs rotated by the pass number."""
    for i in range(n):
        seed = seeds[i % len(seeds)]
        paragraphs = seed["text"].split("\n\n")
        turn = (i // len(seeds)) % len(paragraphs)
        yield {"id": f"gen-{i:07d}", "text": "\n\n".join(paragraphs[turn:] + paragraphs[:turn]),
               "published": seed.get("published")}


def write_input(seeds: list[dict[str, Any]], n: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in generate(seeds, n):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")


def _rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _extract(conn: Any, model: str, paths: tuple[str, str, str], batch_tokens: int, device: str,
             threads: int | None) -> None:
    os.environ["TRANSFORMERS_VERBOSITY"] = "error"
    from transformers.utils import logging

    logging.disable_progress_bar()
    from inference.batch import run_extraction
    from inference.extractor import EventExtractor

    warmup_path, input_path, output_path = paths
    extractor = EventExtractor.from_pretrained(model, device=device, batch_tokens=batch_tokens, num_threads=threads)
    run_extraction(extractor, warmup_path, output_path, progress=False)  # lazy loads (gazetteers) happen here
    samples: list[tuple[float, float]] = []
    done = threading.Event()
    start = time.perf_counter()

    def sample() -> None:
        while not done.wait(0.5):
            samples.append((time.perf_counter() - start, _rss_mib()))

    sampler = threading.Thread(target=sample, daemon=True)
    rss_loaded = _rss_mib()
    sampler.start()
    summary = run_extraction(extractor, input_path, output_path, progress=False)
    done.set()
    sampler.join()
    samples.append((time.perf_counter() - start, _rss_mib()))
    at_20 = next((rss for t, rss in samples if t >= 0.2 * samples[-1][0]), samples[-1][1])
    conn.send({"seconds": summary.seconds, "articles": summary.articles, "events": summary.events,
               "failed": summary.failed, "peak_rss_mib": peak_rss_mib(), "rss_loaded_mib": rss_loaded,
               "rss_at_20pct_mib": at_20, "rss_end_mib": samples[-1][1]})


def run_size(model: str, seeds: list[dict[str, Any]], n: int, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    warmup_path = folder / "warmup.jsonl"
    input_path, output_path = folder / f"input-{n}.jsonl", folder / f"output-{n}.jsonl"
    write_input(seeds, WARMUP_ARTICLES, warmup_path)
    write_input(seeds, n, input_path)
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    paths = (str(warmup_path), str(input_path), str(output_path))
    process = ctx.Process(target=_extract, args=(child, model, paths, args.batch_tokens, args.device, args.threads))
    process.start()
    result = parent.recv()
    process.join()
    lines = sum(1 for _ in output_path.open(encoding="utf-8"))
    input_path.unlink()
    output_path.unlink()
    if lines != n:
        raise RuntimeError(f"{n} articles in, {lines} lines out")
    return {"size": n, **result, "articles_per_s": result["articles"] / result["seconds"],
            "ms_per_article": 1000 * result["seconds"] / result["articles"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--model", help="saved model folder (not needed with --tiny)")
    parser.add_argument("--tiny", action="store_true", help="use a random 2-layer hidden-32 BERT instead")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--articles", type=Path, help="seed articles JSONL (default: built from the repo's data)")
    parser.add_argument("--batch-tokens", type=int, default=8192)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's, one per core)")
    parser.add_argument("--out", type=Path, help="write the results as JSON")
    args = parser.parse_args()
    if not args.tiny and not args.model:
        parser.error("--model is required unless --tiny")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers.utils import logging

    logging.disable_progress_bar()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    info = machine_info(args.device)
    print_header(info)
    seeds = seed_articles(args.articles)
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        folder = Path(tmp)
        model = args.model
        if args.tiny:
            from tiny_model import build_tiny_model

            model = str(build_tiny_model(folder / "tiny-model"))
        print(f"Model {'tiny random BERT (2 layers, hidden 32)' if args.tiny else model}; {len(seeds)} seed "
              f"articles cycled with rotated paragraphs; batch_tokens={args.batch_tokens}.\n")
        results = [run_size(model, seeds, n, folder, args) for n in sorted(args.sizes)]
    base = results[0]
    for r in results:
        r["time_ratio_per_article"] = r["ms_per_article"] / base["ms_per_article"]
        r["peak_rss_ratio"] = r["peak_rss_mib"] / base["peak_rss_mib"]
    print(table(["articles", "events", "seconds", "articles/s", "ms/article", "x per-article time", "peak RSS MiB",
                 "RSS at 20% / end MiB"],
                [[r["size"], r["events"], r["seconds"], r["articles_per_s"], r["ms_per_article"],
                  r["time_ratio_per_article"], r["peak_rss_mib"],
                  f"{r['rss_at_20pct_mib']:,.0f} / {r['rss_end_mib']:,.0f}"] for r in results]))
    linear = all(abs(r["time_ratio_per_article"] - 1) <= LINEAR_TOLERANCE for r in results)
    largest = results[-1]
    growth = largest["rss_end_mib"] / largest["rss_at_20pct_mib"] - 1
    flat = largest["peak_rss_ratio"] <= 1 + FLAT_TOLERANCE and growth <= GROWTH_TOLERANCE
    print(f"\nTime linear in N (per-article time within {LINEAR_TOLERANCE:.0%} of the smallest size's): "
          f"{'yes' if linear else 'no'}. Memory flat (largest size's peak RSS within {FLAT_TOLERANCE:.0%} of the "
          f"smallest's: {largest['peak_rss_ratio']:.2f}x; its RSS growth from 20% of the run to the end within "
          f"{GROWTH_TOLERANCE:.0%}: {growth:+.1%}): {'yes' if flat else 'no'}.")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"machine": info, "model": "tiny" if args.tiny else model,
                                        "batch_tokens": args.batch_tokens, "seed_articles": len(seeds),
                                        "results": results, "linear": linear, "flat": flat,
                                        "rss_growth_largest": growth}, indent=2),
                            encoding="utf-8")
        print(f"\nJSON -> {args.out}")


if __name__ == "__main__":
    main()
