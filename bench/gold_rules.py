"""How the extractor's rules agree with the gold coding of data/ (all splits): the numbers BENCHMARKS.md and the
docstrings cite for them.

    python bench/gold_rules.py [--data data]

- explosion sub-type from the trigger and WEAPON words (`inference.weapons.explosion_sub_type`);
- the order of the two sides of demonstration and arrest events (`inference.actors.protest_sides`);
- gold FATALITIES / WOUNDED spans that the count filters would drop (`inference.numbers.counts_people`) or move
  (`hit_not_killed`, `killed_not_hit`) or read as the condition of some (`condition_of_some`), those in a sentence
  with no word of harm or tally (`tells_harm`), and gold
  multi-figure events that `sum_parts` would join;
- where the corpus puts the trigger of "were killed/shot ... when ..." sentences (the action or the casualty word,
  `inference.events._group_triggers`), and gold figures that the "number of dead" words precede
  (`killed_not_hit`) or that count people treated or admitted as a later figure of their event;
- gold spans the word-level decoder would not give back as they are when the model tagged them exactly
  (`inference.decoding.decode_bio`: joining, connectors, mended name spans), one piece per word or punctuation mark;
- gold event locations that `inference.places.resolve_place` gives coordinates for, with the event's country as
  the hint and the article as context, and how many of those fall in the gold admin1.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

from inference.actors import is_security_force, protest_sides
from inference.decoding import TokenScores, decode_bio
from inference.labels import build_label_list
from inference.numbers import (condition_of_some, counts_people, hit_not_killed, killed_not_hit, parse_count,
                               sum_parts, tells_harm)
from inference.numbers import _KILLED_BEFORE
from inference.places import resolve_place, same_admin1
from inference.sentences import sentence_index, sentence_starts, sentence_text
from inference.weapons import explosion_sub_type

_CASUALTY_WHEN = re.compile(r"\b(?:shot|killed|wounded|injured|hurt|died)\b[^.]{0,40}?\bwhen\b")
_CASUALTY_WORD = re.compile(r"\b(?:shot|killed|wounded|injured|hurt|died|dead)\b", re.IGNORECASE)
_TWO_TRIGGERS_LINK = re.compile(r"\b(?:when|as|after|during|while)\b")
_CARE_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:(?:serious|critical|stable|grave|satisfactory|fair|good) condition|"
                         r"admitted|hospitali[sz]ed|discharged|in hospital|treated)\b", re.IGNORECASE)


def _documents(folder: Path):
    for split in ("train", "validation", "test"):
        with open(folder / f"{split}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def _decoded_as_gold(doc: dict, labels: list[str]) -> tuple[int, int]:
    """(gold spans, gold spans decode_bio returns unchanged) when every word is tagged as the gold says."""
    text = doc["text"]
    pieces = [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]
    column = {label: i for i, label in enumerate(labels)}
    probs = np.full((len(pieces), len(labels)), 0.001, dtype=np.float32)
    probs[:, column["O"]] = 0.9
    sub_type = {event["trigger"]: event["sub_event_type"] for event in doc["events"]}
    gold = set()
    for span in doc["spans"]:
        tag = span["label"] if span["label"] != "TRIGGER" else f"TRIGGER|{sub_type.get(span['id'])}"
        if f"B-{tag}" not in column:
            continue
        gold.add((span["start"], span["end"], span["label"]))
        inside = [i for i, (a, b) in enumerate(pieces) if a >= span["start"] and b <= span["end"]]
        for k, i in enumerate(inside):
            probs[i, column["O"]] = 0.001
            probs[i, column[("B-" if k == 0 else "I-") + tag]] = 0.9
    decoded = decode_bio(TokenScores(tuple(pieces), probs), dict(enumerate(labels)), text)
    found = {(s.start, s.end, s.label) for s in decoded}
    return len(gold), len(gold & found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data")
    args = parser.parse_args()
    explosions: Counter[str] = Counter()
    sides: Counter[str] = Counter()
    spans: Counter[str] = Counter()
    decoded: Counter[str] = Counter()
    places: Counter[str] = Counter()
    # keys that may stay at 0 are printed all the same
    triggers: Counter[str] = Counter({"two triggers linked by when/as/after/during/while": 0})
    spans["WOUNDED after 'the number of dead ... at'"] = 0
    labels = build_label_list()
    for doc in _documents(Path(args.data)):
        total, kept = _decoded_as_gold(doc, labels)
        decoded["gold spans"] += total
        decoded["decoded unchanged"] += kept
        text, by_id = doc["text"], {s["id"]: s for s in doc["spans"]}

        def words(event, role):
            return [text[by_id[i]["start"] : by_id[i]["end"]] for i in (event["arguments"].get(role) or [])]

        starts = sentence_starts(text)
        marked = sorted((s["start"], s["end"]) for s in doc["spans"] if s["label"] == "TRIGGER")
        for (a_start, a_end), (b_start, _) in zip(marked, marked[1:]):
            between = text[a_end:b_start]
            if len(between) < 80 and "." not in between and _TWO_TRIGGERS_LINK.search(between):
                triggers["two triggers linked by when/as/after/during/while"] += 1
        for event in doc["events"]:
            trigger = by_id[event["trigger"]]
            sentence, sentence_start = sentence_text(text, starts, sentence_index(starts, trigger["start"]))
            found = _CASUALTY_WHEN.search(sentence)
            if found:
                on_casualty = sentence_start + found.start() <= trigger["start"] < sentence_start + found.end() and \
                    _CASUALTY_WORD.search(text[trigger["start"] : trigger["end"]])
                triggers["'were killed ... when ...': trigger on the " + ("casualty" if on_casualty else "action")] += 1
            ids = sorted(event["arguments"].get("wounded") or [], key=lambda i: by_id[i]["start"])
            spans["wounded figures after the first, of people treated or admitted"] += sum(
                bool(_CARE_AFTER.search(text[by_id[i]["end"] : by_id[i]["end"] + 80])) for i in ids[1:])
            if event.get("location"):
                place = resolve_place([event["location"]], country_hint=event["country"], context=text)
                found = place is not None and place.latitude is not None
                places["gold locations"] += 1
                places["with coordinates"] += found
                places["with coordinates, in the gold admin1"] += found and bool(event["admin1"]) and \
                    same_admin1(place.admin1 or "", event["admin1"])
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
                spans["telling the condition of some"] += condition_of_some(text, span["start"], span["end"])
                sentence = sentence_text(text, starts, sentence_index(starts, span["start"]))[0]
                spans["in a sentence that tells of no harm (tells_harm)"] += not tells_harm(sentence)
                if _KILLED_BEFORE.search(text[max(0, span["start"] - 60) : span["start"]]):
                    spans[f"{span['label']} after 'the number of dead ... at'"] += 1
    print("explosion events:", dict(explosions))
    print("demonstration and arrest events with exactly one security-force side:", dict(sides))
    print("counts:", dict(spans))
    print("decoder on gold tags:", dict(decoded))
    print("triggers:", dict(triggers))
    print("gold event locations resolved alone (country hint and article text):", dict(places))


if __name__ == "__main__":
    main()
