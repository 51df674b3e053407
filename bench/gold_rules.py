"""How the extractor's rules agree with the gold coding of data/ (all splits): the numbers BENCHMARKS.md and the
docstrings cite for them.

    python bench/gold_rules.py [--data data]

- explosion sub-type from the trigger and WEAPON words (`inference.weapons.explosion_sub_type`);
- the order of the two sides of demonstration and arrest events (`inference.actors.protest_sides`);
- gold FATALITIES / WOUNDED spans that the count filters would drop (`inference.numbers.counts_people`) or move
  (`hit_not_killed`, `killed_not_hit`), and gold multi-figure events that `sum_parts` would join.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from inference.actors import is_security_force, protest_sides
from inference.numbers import counts_people, hit_not_killed, killed_not_hit, parse_count, sum_parts
from inference.weapons import explosion_sub_type


def _documents(folder: Path):
    for split in ("train", "validation", "test"):
        with open(folder / f"{split}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data")
    args = parser.parse_args()
    explosions: Counter[str] = Counter()
    sides: Counter[str] = Counter()
    spans: Counter[str] = Counter()
    for doc in _documents(Path(args.data)):
        text, by_id = doc["text"], {s["id"]: s for s in doc["spans"]}

        def words(event, role):
            return [text[by_id[i]["start"] : by_id[i]["end"]] for i in (event["arguments"].get(role) or [])]

        for event in doc["events"]:
            if event["event_type"] == "Explosions/Remote violence":
                trigger = by_id[event["trigger"]]
                found = explosion_sub_type(text[trigger["start"] : trigger["end"]], words(event, "weapon"))
                explosions["names none" if found is None else
                           "agrees" if found == event["sub_event_type"] else "disagrees"] += 1
            first, second = (words(event, "actor1") or [None])[0], (words(event, "actor2") or [None])[0]
            if first and second and is_security_force(first) != is_security_force(second):
                # gold in ACLED's order means the rule swaps nothing
                if protest_sides(event["sub_event_type"], first, second):
                    sides["would swap"] += 1
                elif protest_sides(event["sub_event_type"], second, first):
                    sides["in order"] += 1
            for role, label in (("fatalities", "FATALITIES"), ("wounded", "WOUNDED")):
                linked = [by_id[i] for i in (event["arguments"].get(role) or [])]
                figures = [(c, s["start"], s["end"]) for s in linked
                           if (c := parse_count(text[s["start"] : s["end"]])) is not None]
                if len(figures) > 1:
                    spans[f"{role} events with 2+ figures"] += 1
                    spans[f"{role} events sum_parts would join"] += len(sum_parts(text, figures)) < len(figures)
        for span in doc["spans"]:
            if span["label"] in ("FATALITIES", "WOUNDED"):
                spans["gold count spans"] += 1
                spans["dropped by counts_people"] += not counts_people(text, span["start"], span["end"])
                moved = hit_not_killed if span["label"] == "FATALITIES" else killed_not_hit
                spans["moved to the other role"] += moved(text, span["start"], span["end"])
    print("explosion events:", dict(explosions))
    print("demonstration and arrest events with exactly one security-force side:", dict(sides))
    print("counts:", dict(spans))


if __name__ == "__main__":
    main()
