"""Event assembly: predicted spans -> events with roles, normalized counts, dates and places.

Arguments are linked to triggers by rule (same sentence first, then the nearest preceding trigger for counts,
dates, places, weapons and sources): the corpus shows arguments of one event spread over several sentences, and
per-role BIO tags learned poorly (see DESIGN.md).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections import defaultdict
from typing import Any, Sequence

from inference.actors import clean_actor, group_actors, protest_sides
from inference.dates import SAME_DAY_AS_BEFORE, find_dates, parse_dateline, resolve_date
from inference.decoding import SpanPrediction
from inference.numbers import (Count, combine_counts, condition_of_some, counts_people, hit_not_killed,
                               killed_not_hit, parse_count, sum_parts, tells_harm, trigger_counts, wound_of_the_dead,
                               zero_about_others)
from inference.outputs import (
    Actor,
    Casualties,
    Event,
    EventDateResult,
    Figure,
    PlaceResult,
    Span,
)
from inference.places import article_country, resolve_place
from inference.schema import SUB_EVENT_TO_TYPE
from inference.sentences import sentence_index, sentence_starts, sentence_text
from inference.weapons import explosion_sub_type

_CONTEXT_CHARS = 20_000
# Labels that may attach to a trigger in an earlier sentence (a later sentence gives another source's toll).
_CARRY_OVER = {"FATALITIES", "WOUNDED", "SOURCE", "WEAPON", "LOCATION", "DATE"}


def to_span(text: str, pred: SpanPrediction) -> Span:
    return Span(text=text[pred.start : pred.end], start=pred.start, end=pred.end, label=pred.label, score=pred.score)


# "Four soldiers were shot when militants attacked a post": the casualty is the outcome of the action told after
# "when", one event typed by that action. The corpus marks the action as the trigger in 45 of 51 such sentences
# and never marks both.
_CASUALTY_TRIGGER = re.compile(r"^(?:shot(?: dead| and (?:killed|wounded))?|killed|wounded|injured|hurt|died|"
                               r"gunned down)$", re.IGNORECASE)
_OUTCOME_OF = re.compile(r"\b(?:when|as|after|while|during)\b", re.IGNORECASE)


def _group_triggers(text: str, triggers: list[SpanPrediction],
                    sentence_of: dict[int, int]) -> list[list[SpanPrediction]]:
    """Triggers of one sub-type in one sentence describe one event ("attacked ... killing"), and so does a
    casualty word with the action that caused it ("were shot when militants attacked"): it takes the action's
    sub-type, and the action's trigger comes first, as it stands for the event."""
    groups: dict[tuple[int, str | None], list[SpanPrediction]] = {}
    for trig in triggers:
        groups.setdefault((sentence_of[trig.start], trig.sub_event_type), []).append(trig)
    ordered = sorted(groups.values(), key=lambda g: g[0].start)
    out: list[list[SpanPrediction]] = []
    for k, group in enumerate(ordered):
        later = ordered[k + 1] if k + 1 < len(ordered) else None
        if later and sentence_of[later[0].start] == sentence_of[group[0].start] and \
                all(_CASUALTY_TRIGGER.match(text[t.start : t.end].strip()) for t in group) and \
                _OUTCOME_OF.search(text[group[-1].end : later[0].start]):
            ordered[k + 1] = later + [dataclasses.replace(t, sub_event_type=later[0].sub_event_type) for t in group]
            continue
        out.append(group)
    return out


# A casualty told before the model marks any trigger ("Israeli airstrikes on a house killed nine people", with
# "airstrikes" marked as an actor; "Clashes between border guards left four people dead") would be lost: the
# sentence's first word of a violent act outside the model's spans stands in for the trigger, else its casualty
# word; typed by the weapon the sentence names, else by clash words, else as an attack; its confidence is half the
# figure's...
_CASUALTY_VERB = re.compile(r"\b(?:killed|killing|kills|died|dead|wounded|wounding|injured|injuring|shot dead|shot)\b",
                            re.IGNORECASE)
_CLASH = r"clash(?:es|ed|ing)?|fighting|battles?|gunfights?|firefights?"
_ACT = (rf"attack(?:s|ed|ing)?|air ?strikes?|strikes?|struck|bomb(?:ing|ings|ed)|shell(?:ing|ed)|shot|shootings?|"
        rf"gunfire|fired|opened fire|ambush(?:ed|es)?|raid(?:s|ed)?|explosions?|blasts?|exploded|{_CLASH}|"
        rf"massacred?|assault(?:s|ed)?|stabb(?:ed|ing)")
_VIOLENT_ACT = re.compile(rf"\b(?:{_ACT})\b", re.IGNORECASE)
# ...when the sentence tells of violence (an act, a weapon or armed men): a bus that "overturned" killing 22 is no
# event
_VIOLENCE = re.compile(
    rf"\b(?:{_ACT}|bombs?|gunm[ae]n|militants?|insurgents?|rebels?|jihadists?|bandits?|militia\w*|attackers?|"
    r"assailants?|gunshots?|rockets?|missiles?|drones?|mortars?|grenades?|machetes?)\b",
    re.IGNORECASE,
)
# ...and not as background: "the 2015 attacks, which together killed more than 20 people" (a longer clause may tell
# the event itself: "a gunfight ..., in which one militant was killed")
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|who)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# ...nor in a sentence about a year long past ("for their part in a 2019 attack on a hotel")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_CLASH_WORDS = re.compile(rf"\b(?:{_CLASH}|exchanges? of fire)\b", re.IGNORECASE)


def _rule_triggers(text: str, preds: Sequence[SpanPrediction], starts: list[int], sentence_of: dict[int, int],
                   reference: dt.date | None) -> list[SpanPrediction]:
    by_sentence: dict[int, list[SpanPrediction]] = defaultdict(list)
    for p in preds:
        by_sentence[sentence_of[p.start]].append(p)
    marked = sorted(n for n, group in by_sentence.items() if any(p.label == "TRIGGER" for p in group))
    out: list[SpanPrediction] = []
    for sent in sorted(n for n, group in by_sentence.items() if any(p.label in ("FATALITIES", "WOUNDED")
                                                                     for p in group)):
        sentence, offset = sentence_text(text, starts, sent)
        # after a marked trigger, only an older event told further down ("On 3 February, an airstrike ... killed
        # four novices"): its counts would otherwise be cut from the newer event and lost
        k = bisect.bisect_right(marked, sent)
        if k and (marked[k - 1] == sent or not _told_earlier(text, by_sentence, marked[k - 1], sent, sentence,
                                                              reference)):
            continue
        figures = [p for p in by_sentence[sent] if p.label in ("FATALITIES", "WOUNDED")
                   and counts_people(text, p.start, p.end) and (c := parse_count(text[p.start : p.end])) is not None
                   and c.high > 0]
        verb = _CASUALTY_VERB.search(sentence)
        if not figures or not _VIOLENCE.search(sentence) or \
                (verb and _RELATIVE_BEFORE.search(sentence[max(0, verb.start() - 30) : verb.start()])) or \
                (reference and any(int(y) <= reference.year - 2 for y in _YEAR.findall(sentence))):
            continue
        taken = [(p.start - offset, p.end - offset) for p in by_sentence[sent]]
        act = next((m for m in _VIOLENT_ACT.finditer(sentence)
                    if not any(a < m.end() and m.start() < b for a, b in taken)), None)
        word = act or verb
        if word is None:
            continue
        sub = explosion_sub_type(sentence, []) or ("Armed clash" if _CLASH_WORDS.search(sentence) else "Attack")
        out.append(SpanPrediction(offset + word.start(), offset + word.end(), "TRIGGER", sub,
                                  0.5 * min(p.score for p in figures)))
    return out


def _told_earlier(text: str, by_sentence: dict[int, list[SpanPrediction]], marked: int, sent: int, sentence: str,
                  reference: dt.date | None) -> bool:
    # Whether sentence `sent` goes back to a time before that of the trigger sentence `marked`: in words ("Three
    # days earlier", "Earlier this month") or by a date before the one told there.
    if _BACK_IN_TIME.search(sentence) or _EARLIER_OPENING.match(sentence):
        return True
    if reference is None:
        return False

    def day(index: int) -> tuple[dt.date, int, str] | None:
        for p in by_sentence.get(index, ()):
            if p.label == "DATE":
                told = resolve_date(text[p.start : p.end], reference)
                if told is not None:
                    return told.date, told.precision, text[max(0, p.start - 12) : p.end]
        return None

    own, told = day(marked), day(sent)
    return own is not None and told is not None and _earlier(told[0], told[1], own[0], told[2])


_EARLIER_OPENING = re.compile(r"^\W*(?:earlier (?:this|that|in the) (?:week|month|year)|last (?:week|month|year)|"
                              r"the (?:previous|day before|week before))\b", re.IGNORECASE)


def _attach(
    spans: list[SpanPrediction], anchors: list[SpanPrediction], sentence_of: dict[int, int]
) -> dict[int, list[SpanPrediction]]:
    """Map each argument span to the index of the event (anchor trigger) it belongs to.

    Anchors are sorted by position; lookups are by sentence and bisection, so long articles stay linear.
    """
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, anchor in enumerate(anchors):
        by_sentence[sentence_of[anchor.start]].append(i)
    anchor_starts = [a.start for a in anchors]
    linked: dict[int, list[SpanPrediction]] = defaultdict(list)
    for span in spans:
        sent = sentence_of[span.start]
        same = by_sentence.get(sent)
        if same:
            best = min(same, key=lambda i: abs(anchors[i].start - span.start))
        elif span.label in _CARRY_OVER:
            before = bisect.bisect_left(anchor_starts, span.start)
            if before == 0:
                continue
            best = before - 1
        else:
            # actors and targets one sentence before the trigger ("Gunmen stormed X. They killed ...")
            near = by_sentence.get(sent + 1)
            if not near:
                continue
            best = near[0]
        linked[best].append(span)
    return linked


def _figures(text: str, spans: list[SpanPrediction], starts: list[int]) -> list[tuple[Count, SpanPrediction]]:
    parsed = [(parse_count(text[p.start : p.end]), p) for p in spans if counts_people(text, p.start, p.end)
              and tells_harm(sentence_text(text, starts, sentence_index(starts, p.start))[0])]
    kept = [(count, p) for count, p in parsed
            if count is not None and not zero_about_others(count, text, p.start, p.end)
            and not (p.label == "WOUNDED" and wound_of_the_dead(count, _sentence_and_next(text, starts, p.start)))]
    if len(kept) > 1:  # beside the toll, "two were in serious condition" is a part of it
        kept = [(count, p) for count, p in kept if not condition_of_some(text, p.start, p.end)] or kept
    by_start = {p.start: p for _, p in kept}
    # a total told in parts ("three soldiers and two civilians") is one figure whose span covers the parts
    return [(count, by_start[start] if by_start[start].end == end else
             dataclasses.replace(by_start[start], end=end,
                                 score=min(p.score for _, p in kept if start <= p.start < end)))
            for count, start, end in sum_parts(text, [(c, p.start, p.end) for c, p in kept])]


def _sentence_and_next(text: str, starts: list[int], offset: int) -> str:
    index = sentence_index(starts, offset)
    return " ".join(sentence_text(text, starts, i)[0] for i in range(index, min(index + 2, len(starts))))


def _casualties(text: str, parsed: list[tuple[Count, SpanPrediction]], sources: list[SpanPrediction],
                starts: list[int]) -> Casualties:
    figures = []
    for count, pred in parsed:
        sent = sentence_index(starts, pred.start)
        source = next((text[s.start : s.end] for s in sources if sentence_index(starts, s.start) == sent), None)
        figures.append((count, pred, source))
    summary = combine_counts([c for c, _, _ in figures])
    return Casualties(
        best=summary.best,
        low=summary.low,
        high=summary.high,
        vague=summary.vague,
        figures=tuple(
            Figure(c.value, c.low, c.high, c.qualifier, c.vague, to_span(text, p), source) for c, p, source in figures
        ),
        confidence=min((p.score for _, p, _ in figures), default=None),
    )


def _event_casualties(text: str, by_label: dict[str, list[SpanPrediction]], triggers: Sequence[SpanPrediction],
                      starts: list[int]) -> tuple[Casualties, Casualties]:
    """Fatalities and wounded from the event's figures; a role with none may take the 1 its trigger implies
    ("shot dead", "shot in the leg": numbers.trigger_counts)."""
    # "Two people were shot" marked as killed with no death told near: they count as wounded; "two villagers
    # were shot dead" marked as wounded: they count as killed.
    to_wounded = [p for p in by_label["FATALITIES"] if hit_not_killed(text, p.start, p.end)]
    to_killed = [p for p in by_label["WOUNDED"] if killed_not_hit(text, p.start, p.end)]
    killed_spans = sorted([p for p in by_label["FATALITIES"] if p not in to_wounded]
                          + [dataclasses.replace(p, label="FATALITIES") for p in to_killed], key=lambda p: p.start)
    wounded_spans = sorted([p for p in by_label["WOUNDED"] if p not in to_killed]
                           + [dataclasses.replace(p, label="WOUNDED") for p in to_wounded], key=lambda p: p.start)
    killed, wounded = _figures(text, killed_spans, starts), _figures(text, wounded_spans, starts)
    implied = trigger_counts(text, [(t.start, t.end) for t in triggers], [c for c, _ in killed],
                             [c for c, _ in wounded])
    if "fatalities" in implied:
        killed = [(implied["fatalities"][0], triggers[implied["fatalities"][1]])]
    if "wounded" in implied:
        wounded = [(implied["wounded"][0], triggers[implied["wounded"][1]])]
    sources = by_label["SOURCE"]
    return _casualties(text, killed, sources, starts), _casualties(text, wounded, sources, starts)


def _actors(text: str, preds: list[SpanPrediction]) -> list[Actor]:
    names = [clean_actor(text[p.start : p.end]) for p in preds]
    out = []
    for group in group_actors(names):
        mentions = tuple(to_span(text, preds[i]) for i in group)
        out.append(Actor(name=names[group[0]], mentions=mentions, confidence=max(m.score for m in mentions)))
    return out


def reference_of(text: str, published: dt.date | None) -> tuple[dt.date | None, str | None, int]:
    """The date relative expressions resolve against (dateline, else published), the dateline place and where
    the dateline ends (0 without one)."""
    date, place, end = parse_dateline(text, published)
    return (date or published), place, end


def assemble_events(text: str, preds: Sequence[SpanPrediction], published: dt.date | None) -> list[Event]:
    """Group predicted spans into events and normalize their values."""
    starts = sentence_starts(text)
    sentence_of = {p.start: sentence_index(starts, p.start) for p in preds}
    triggers = [p for p in preds if p.label == "TRIGGER" and p.sub_event_type in SUB_EVENT_TO_TYPE]
    reference, dateline_place, dateline_end = reference_of(text, published)
    for trig in _rule_triggers(text, preds, starts, sentence_of, reference):
        triggers.append(trig)
        sentence_of[trig.start] = sentence_index(starts, trig.start)
    triggers.sort(key=lambda p: p.start)
    groups = _group_triggers(text, triggers, sentence_of)
    anchors = [g[0] for g in groups]
    arguments = [p for p in preds if p.label != "TRIGGER"]
    linked = _attach(arguments, anchors, sentence_of)
    # Distinct place names of the article disambiguate each event's place; identical lookups are cached.
    place_names = list(dict.fromkeys(text[p.start : p.end] for p in preds if p.label == "LOCATION"))
    # The text itself names countries and provinces the model did not mark (validation country 0.948 -> 0.985
    # over the marked names alone); its head is enough, and a megabyte article stays fast.
    context = text[:_CONTEXT_CHARS]
    # The country most of them lie in settles namesakes abroad ("San Agustin" in a Philippine report).
    country = article_country(place_names)
    place_cache: dict[tuple[str, ...], Any] = {}

    def build(group: list[SpanPrediction], args: list[SpanPrediction]) -> Event:
        anchor = group[0]
        args = _before_an_earlier_time(text, group, args, sentence_of, starts, reference)
        by_label: dict[str, list[SpanPrediction]] = defaultdict(list)
        for p in sorted(args, key=lambda p: p.start):
            by_label[p.label].append(p)
        sub = anchor.sub_event_type or ""
        if SUB_EVENT_TO_TYPE[sub] == "Explosions/Remote violence":
            # ACLED sorts explosions by weapon; "struck" alone says nothing of it
            sub = explosion_sub_type(" ".join(text[t.start : t.end] for t in group),
                                     [text[p.start : p.end] for p in by_label["WEAPON"]]) or sub
        actors = _actors(text, by_label["ACTOR"])
        targets = _actors(text, by_label["TARGET"])
        actor1 = actors[0] if actors else None
        actor2 = targets[0] if targets else (actors[1] if len(actors) > 1 else None)
        rest = actors[1:] if targets else actors[2:]
        if actor1 and protest_sides(sub, actor1.name, actor2.name if actor2 else None):
            actor1, actor2 = actor2, actor1
        place = _place(text, by_label["LOCATION"], dateline_place, context, country, place_cache)
        evidence, evidence_start = sentence_text(text, starts, sentence_of[anchor.start])
        # the dateline's date is the report's, not the event's
        body = max(0, dateline_end - evidence_start)
        date = _date(text, by_label["DATE"], reference, (evidence[body:], evidence_start + body))
        fatalities, wounded = _event_casualties(text, by_label, sorted(group, key=lambda t: t.start), starts)
        if actor2 is None and SUB_EVENT_TO_TYPE[sub] in _VICTIM_TYPES:
            actor2 = _victims_after_figure(text, fatalities, wounded)
        return Event(
            event_type=SUB_EVENT_TO_TYPE[sub],
            sub_event_type=sub,
            trigger=to_span(text, anchor),
            evidence=evidence,
            evidence_start=evidence_start,
            actor1=actor1,
            actor2=actor2,
            assoc_actor_1=tuple(rest),
            assoc_actor_2=tuple(targets[1:]),
            place=place,
            date=date,
            fatalities=fatalities,
            wounded=wounded,
            weapons=tuple(to_span(text, p) for p in by_label["WEAPON"]),
            sources=tuple(to_span(text, p) for p in by_label["SOURCE"]),
            confidence=max(t.score for t in group),
        )

    args = [linked.get(i, []) for i in range(len(groups))]
    events = _inherit_places(_same_day_as_before([build(group, args[i]) for i, group in enumerate(groups)]))
    clusters = _same_event_clusters(events)
    if len(clusters) == len(events):
        return events
    # Rebuilt from all their spans, so counts combine across mentions and a death told by one mention settles
    # the wounded another's bare "was shot" would imply (numbers.trigger_counts).
    # The first mention's anchor stands for the merged event; its other triggers follow in text order.
    merged = []
    for c in clusters:
        anchor, *others = groups[c[0]]
        others += [t for i in c[1:] for t in groups[i]]
        merged.append(build([anchor] + sorted(others, key=lambda t: t.start), [p for i in c for p in args[i]]))
    return _inherit_places(_same_day_as_before(merged))


# Event types whose actor2 is the people hit: with no TARGET span, the noun a casualty figure counts names them
# ("killing 12 villagers": villagers).
_VICTIM_TYPES = {"Violence against civilians", "Explosions/Remote violence"}
_FIGURE_NOUN = re.compile(r"\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*s))?\b")
_NOT_VICTIM_NOUN = frozenset(
    "was were is are had has have of and or more others other dead deaths killed wounded injured hurt died bodies "
    "people's times later in on at by from to as who which that a an the this these those his her their its for "
    "with after before when while where than".split())


def _victims_after_figure(text: str, fatalities: Casualties, wounded: Casualties) -> Actor | None:
    for figure in (*fatalities.figures, *wounded.figures):
        if figure.span.label == "TRIGGER":
            continue  # a count the trigger implies names no one
        found = _FIGURE_NOUN.match(text, figure.span.end)
        if found is None or found.group(1) in _NOT_VICTIM_NOUN:
            continue
        two = found.group(2) and found.group(2) not in _NOT_VICTIM_NOUN
        end = found.end(2) if two else found.end(1)
        # read by rule, not by the model: score 0
        span = Span(text[found.start(1) : end], found.start(1), end, "TARGET", 0.0)
        return Actor(name=span.text, mentions=(span,), confidence=0.0)
    return None


_EARLIER = re.compile(r"\b(?:earlier|last|previous|previously|ago|before)\b", re.IGNORECASE)


def _before_an_earlier_time(text: str, group: Sequence[SpanPrediction], args: list[SpanPrediction],
                            sentence_of: dict[int, int], starts: list[int],
                            reference: dt.date | None) -> list[SpanPrediction]:
    """The event's arguments less those carried over from the sentences after the story moves to an earlier
    time ("... wounding 23, the governor said. Earlier this month, a drone attack wounded nine people."): when the
    model misses the older event's trigger, its figures and places would otherwise join this event. The story
    has moved back when a later sentence with no trigger of this event has a date before the event's own (the
    one in its trigger's sentence), or when a later sentence says so in words ("The attack came a week after
    soldiers repelled an assault ... in which two soldiers died", "Three days earlier, ...")."""
    own_sentences = {sentence_of[t.start] for t in group}
    last_own = max(own_sentences)
    back = next((sent for sent in sorted({sentence_of[p.start] for p in args}) if sent > last_own
                 and _BACK_IN_TIME.search(sentence_text(text, starts, sent)[0])), None)
    if back is not None:
        args = [q for q in args if sentence_of[q.start] < back]
    if reference is None:
        return args
    own_day = next((r.date for p in args if p.label == "DATE" and sentence_of[p.start] in own_sentences
                    and (r := resolve_date(text[p.start : p.end], reference)) is not None), None)
    if own_day is None:
        return args
    for p in sorted(args, key=lambda p: p.start):
        sent = sentence_of[p.start]
        if p.label != "DATE" or sent <= last_own:
            continue
        told = resolve_date(text[p.start : p.end], reference)
        # the span may leave out "earlier" in "Earlier this month"
        if told is not None and _earlier(told.date, told.precision, own_day, text[max(0, p.start - 12) : p.end]):
            return [q for q in args if sentence_of[q.start] < sent]
    return args


_BACK_IN_TIME = re.compile(
    r"\b(?:came|comes|followed|follows)\s+(?:just\s+|only\s+)?(?:a|one|two|three|four|five|six|several|\d+)\s+"
    r"(?:days?|weeks?|months?)\s+after\b|"
    r"\b(?:a|one|two|three|four|five|six|several|\d+)\s+(?:days?|weeks?|months?|years?)\s+(?:earlier|before|ago)\b",
    re.IGNORECASE,
)


def _earlier(day: dt.date, precision: int, own_day: dt.date, expression: str) -> bool:
    # a week or a month is earlier when it ends before the event's day, or when the words say so ("earlier this
    # month", "last week") and it starts before it
    if precision == 1:
        return day < own_day
    if precision == 2:
        ends = day + dt.timedelta(days=7)
    else:  # the first of the next month
        ends = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return ends <= own_day or (day < own_day and bool(_EARLIER.search(expression)))


def _same_event_clusters(events: Sequence[Event]) -> list[list[int]]:
    """Indices of events that are one event by ACLED's definition: one sub-type, at one place, on one day.

    A report often tells one incident in several sentences ("A boy was found shot to death on Tuesday ... he was
    shot along the canal bank"); each marked trigger starts an event, and without this merge one killing would
    give several records. A mention that names no place of its own holds the place it inherited from its
    neighbour; one that names no day may be any day's, and joins the nearest earlier event it fits. The corpus
    never codes two events that share sub-type, day and place (train, validation and test).
    """
    clusters: list[list[int]] = []
    for i, event in enumerate(events):
        day = _own_day(event)
        home = next((c for c in reversed(clusters)
                     if _where(events[c[0]]) == _where(event) and events[c[0]].sub_event_type == event.sub_event_type
                     and (day is None or all(_own_day(events[k]) in (None, day) for k in c))), None)
        if home is None:
            clusters.append([i])
        else:
            home.append(i)
    return clusters


def _where(event: Event) -> tuple[str | None, ...]:
    return (event.place.iso2, event.place.admin1, event.place.location)


def _own_day(event: Event) -> str | None:
    """The day the event's own words give it (the expression itself when there is no reference date), or None."""
    span = event.date.span
    return None if span is None else (event.date.date or span.text.lower())


def _inherit_places(events: list[Event]) -> list[Event]:
    """An event whose text names no place happened where the nearest event that names one did (the spans say
    which); its place confidence is halved. Without such an event the dateline place, if any, stays."""
    donors = [e for e in events if e.place is not None and e.place.spans]
    if not donors:
        return events
    out = []
    for event in events:
        if event.place is not None and event.place.spans:
            out.append(event)
            continue
        # nearest by trigger position; on a tie the earlier event (the story's lead place)
        donor = min(donors, key=lambda d: (abs(d.trigger.start - event.trigger.start), d.trigger.start))
        place = dataclasses.replace(donor.place, confidence=(donor.place.confidence or 0.0) / 2)
        out.append(dataclasses.replace(event, place=place))
    return out


def _place(
    text: str,
    preds: list[SpanPrediction],
    dateline_place: str | None,
    context: str,
    country: str | None,
    cache: dict[tuple[str, ...], Any],
) -> PlaceResult:
    # a name told again adds nothing (an incident told in many sentences names its village many times)
    names = list(dict.fromkeys(text[p.start : p.end] for p in preds))
    # Fall back on the dateline place when the event's sentences name none.
    if not names and dateline_place:
        names = [dateline_place]
    key = tuple(names)
    if key not in cache:
        cache[key] = resolve_place(names, country_hint=country, context=context) if names else None
    resolved = cache[key]
    spans = tuple(to_span(text, p) for p in preds)
    confidence = max((p.score for p in preds), default=None)
    if resolved is None:
        return PlaceResult(None, None, None, None, None, names[0] if names else None, None, None, None, spans, confidence)
    return PlaceResult(
        country=resolved.country,
        iso=resolved.iso,
        iso2=resolved.iso2,
        admin1=resolved.admin1,
        admin2=resolved.admin2,
        location=resolved.location,
        latitude=resolved.latitude,
        longitude=resolved.longitude,
        geo_precision=resolved.geo_precision,
        spans=spans,
        confidence=confidence,
    )


def _date(text: str, preds: list[SpanPrediction], reference: dt.date | None,
          sentence_at: tuple[str, int]) -> EventDateResult:
    if reference is None:
        return EventDateResult(None, None, to_span(text, preds[0]) if preds else None, None)
    for pred in preds:
        resolved = resolve_date(text[pred.start : pred.end], reference)
        if resolved is not None:
            return EventDateResult(resolved.date.isoformat(), resolved.precision, to_span(text, pred), pred.score)
    # The model marked no usable date: an expression the trigger's sentence holds ("Two days ago, gunmen ..."),
    # found by rule, so its span has score 0 and the date no confidence.
    sentence, offset = sentence_at
    for start, end in find_dates(sentence):
        resolved = resolve_date(sentence[start:end], reference)
        if resolved is not None:
            span = _rule_date_span(sentence, offset, start, end)
            return EventDateResult(resolved.date.isoformat(), resolved.precision, span, None)
    # No date expression: the report's own day (GUIDELINES section 5).
    return EventDateResult(reference.isoformat(), 1, None, None)


def _rule_date_span(sentence: str, offset: int, start: int, end: int) -> Span:
    # a date read by rule, not by the model: score 0
    return Span(sentence[start:end], offset + start, offset + end, "DATE", 0.0)


def _same_day_as_before(events: list[Event]) -> list[Event]:
    """An event told as happening "the same day" or "that afternoon" took place on the day of the event told
    before it, not on the report's day."""
    out: list[Event] = []
    for event in events:
        told = event.date.span.text if event.date.span is not None else event.evidence
        same = SAME_DAY_AS_BEFORE.search(told)
        if same and out and out[-1].date.date is not None:
            span = event.date.span or _rule_date_span(event.evidence, event.evidence_start, same.start(), same.end())
            date = EventDateResult(out[-1].date.date, out[-1].date.time_precision, span, event.date.confidence)
            event = dataclasses.replace(event, date=date)
        out.append(event)
    return out
