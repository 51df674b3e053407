"""Time event assembly (spans -> events) against the whole extraction on one long synthetic article.

    python bench/assembly.py --model runs/quickstart [--sentences 6000]

The article repeats "Gunmen killed N villagers in TOWN on DAY." over ten towns and three weekdays: thousands of
triggers that the assembly links, resolves and merges into a few dozen events. It is a stress test of the rules
(places, dates, counts, merging), not a quality measure.
"""

from __future__ import annotations

import argparse
import time

import inference.extractor as extractor_module
from inference.extractor import EventExtractor

_TOWNS = ("Tera", "Dori", "Djibo", "Gao", "Menaka", "Kidal", "Mopti", "Segou", "Kayes", "Sikasso")
_DAYS = ("Monday", "Tuesday", "Wednesday")


def long_article(sentences: int) -> str:
    return " ".join(f"Gunmen killed {i % 7 + 2} villagers in {_TOWNS[i % 10]} on {_DAYS[i % 3]}."
                    for i in range(sentences))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--sentences", type=int, default=6000)
    args = parser.parse_args()
    extractor = EventExtractor.from_pretrained(args.model)
    extractor.extract({"text": "Gunmen killed two villagers in Tera on Monday.", "published": "2024-03-07"})  # warm-up
    assemble, spent = extractor_module.assemble_events, [0.0]

    def timed(*a, **k):
        start = time.perf_counter()
        out = assemble(*a, **k)
        spent[0] += time.perf_counter() - start
        return out

    extractor_module.assemble_events = timed
    text = long_article(args.sentences)
    start = time.perf_counter()
    result = extractor.extract({"text": text, "published": "2024-03-07"})
    total = time.perf_counter() - start
    print(f"{len(text):,} characters, {args.sentences} sentences: {len(result.events)} events; "
          f"extraction {total:.1f} s, of which assembly {spent[0]:.1f} s")


if __name__ == "__main__":
    main()
