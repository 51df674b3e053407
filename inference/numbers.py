"""Casualty counts: parse one count phrase, combine several figures, find counts in a sentence, and read the
outcome a text tells around a trigger or a figure ("shot in the leg", "two people were shot").

The coding rules are data/GUIDELINES.md sections 4, 8 and 9; the vague-word values below are that table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from inference.dates import MONTH_NAMES

__all__ = ["Count", "CountSummary", "parse_count", "combine_counts", "extract_counts", "counts_people",
           "trigger_counts", "hit_not_killed", "killed_not_hit", "condition_of_some", "wound_of_the_dead",
           "zero_about_others", "sum_parts", "is_count_phrase"]


@dataclass(frozen=True)
class Count:
    """One reported figure.

    Attributes:
        value: the coded figure (the lower end of a range).
        low: the lowest figure the phrase allows.
        high: the highest figure the phrase allows.
        qualifier: "at_least", "up_to", "approx", "range" or None.
        vague: True when the figure comes from a vague word ("dozens", "several") or no figure at all.
        text: the phrase as given.
    """

    value: int
    low: int
    high: int
    qualifier: str | None
    vague: bool
    text: str


@dataclass(frozen=True)
class CountSummary:
    """ACLED's figure and the reported range for one event (GUIDELINES section 4)."""

    best: int
    low: int
    high: int
    vague: bool
    figures: tuple[Count, ...]


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    "single": 1, "lone": 1, "couple": 2, "pair": 2, "both": 2,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Multipliers that follow a number ("two dozen") or stand alone after "a" ("a dozen", "a score of").
_GROUPS = {"dozen": 12, "score": 20}

# Vague words and the figure GUIDELINES section 4 codes for each; "a couple of" is a number (2), not vague.
_VAGUE_WORDS = {
    "tens": 10, "dozens": 12, "scores": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
    "several": 3, "few": 3, "handful": 3, "multiple": 3, "various": 3,
    "many": 10, "numerous": 10, "countless": 10,
}
_VAGUE_SCALE = {"dozen": 12, "dozens": 12, "hundred": 100, "hundreds": 100, "thousand": 1000,
                "thousands": 1000, "score": 12, "scores": 12}

_AT_LEAST = ("at least", "more than", "over", "in excess of", "upwards of", "upward of", "no fewer than",
             "no less than", "not less than", "a minimum of", "minimum of", "a minimum", "above", "exceeding",
             "just over", "well over", "at minimum", "beyond", "not fewer than")
_UP_TO = ("up to", "as many as", "as high as", "as much as", "at most", "no more than", "not more than",
          "a maximum of", "maximum of", "fewer than", "less than", "under", "just under", "below", "upto")
_APPROX = ("about", "nearly", "almost", "some", "around", "roughly", "approximately", "approx",
           "close to", "an estimated", "estimated", "circa", "an approximate", "approximate", "more or less")

# A phrase with no figure that still reports deaths or injuries is coded 1, vague (GUIDELINES section 8).
_CASUALTY_WORDS = re.compile(
    r"\b(?:death|deaths|dead|die|died|dying|kill|killed|killing|killings|fatalit(?:y|ies)|casualt(?:y|ies)|"
    r"bodies|body|corpses?|lives|life|toll|victims?|slain|massacred?|wound|wounds|wounded|injur(?:e|ed|ies|y)|"
    r"hurt|maimed|martyrs?|perished|lost|fatal|fatally|mortally|succumbed|succumbing|lifeless)\b"
)
_ZERO = re.compile(r"^(?:no|none|nobody|no one|no-one|zero|nil|not a single|not one|without)\b")
_NOT_ZERO = re.compile(r"^no (?:fewer|less|more)\b")

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+|\+|-|~")


def _normalize(text: str) -> str:
    text = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    # Thousands separators: "1,200", "1 200", "1.200" (three digits after the separator, not a decimal).
    text = re.sub(r"(?<=\d)[, .](?=\d{3}(?!\d))", "", text)
    # "thirty-four", "100-plus": a hyphen between letters or before a word is a space.
    text = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<=\d)-(?=[a-z])", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:!?'\"()")


def _is_numeric_word(tokens: list[str], i: int) -> bool:
    tok = tokens[i]
    if tok[0].isdigit() or tok in _UNITS or tok in _SCALES or tok in _GROUPS:
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tok in ("a", "an") and (nxt in _SCALES or nxt in _GROUPS or nxt in ("single", "couple", "pair", "lone")):
        return True
    if tok == "half" and nxt in ("a", "dozen"):
        return True
    # "one hundred and twenty": "and" continues a number only after a scale word.
    if tok == "and" and i > 0 and tokens[i - 1] in _SCALES and nxt in _UNITS:
        return True
    return False


def _number_runs(tokens: list[str]) -> list[tuple[int, int]]:
    # Maximal [start, end) runs of tokens that spell one number.
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _is_numeric_word(tokens, i):
            i += 1
            continue
        j = i
        while j < len(tokens) and _is_numeric_word(tokens, j):
            # Two bare figures in a row ("10 15") are two numbers, not one.
            if j > i and tokens[j][0].isdigit():
                break
            j += 1
        if j < len(tokens) and tokens[j] == "of" and tokens[j - 1] in ("couple", "pair", "score", "dozen"):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _run_value(words: list[str]) -> int | None:
    total, current, seen = 0.0, 0.0, False
    half = False
    for word in words:
        if word in ("a", "an", "and", "of"):
            continue
        if word == "half":
            half = True
            continue
        if word[0].isdigit():
            current += float(word)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _GROUPS:
            current = (current or 1) * _GROUPS[word]
            if half:
                current, half = current / 2, False
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return int(round(total + current)) if seen else None


# Longest phrase first: "no more than" is up_to although it ends in "more than".
_QUALIFIERS = sorted([(p, "at_least") for p in _AT_LEAST] + [(p, "up_to") for p in _UP_TO]
                     + [(p, "approx") for p in _APPROX], key=lambda item: -len(item[0]))


def _qualifier_before(prefix: str) -> str | None:
    prefix = prefix.strip()
    for phrase, name in _QUALIFIERS:
        if prefix == phrase or prefix.endswith(" " + phrase):
            return name
    if prefix.endswith("~"):
        return "approx"
    return None


def _vague(norm: str, text: str) -> Count | None:
    # "tens of thousands", "several hundred", "a few dozen": the scale word decides the figure.
    m = re.search(r"\b(tens|hundreds|dozens|scores) of (thousands|millions)\b", norm)
    if m:
        value = _VAGUE_WORDS[m.group(1)] * _SCALES[m.group(2)[:-1]]
        return Count(value, value, value, None, True, text)
    m = re.search(r"\b(?:several|a few|few|many|some|multiple|numerous) (dozens?|hundreds?|thousands?|scores?)\b",
                  norm)
    if m:
        value = _VAGUE_SCALE[m.group(1)]
        return Count(value, value, value, None, True, text)
    if re.search(r"\ba (?:large |small |significant |growing |high |unknown |undetermined )?number of\b", norm):
        return Count(3, 3, 3, None, True, text)
    for word in re.findall(r"[a-z]+", norm):
        if word in _VAGUE_WORDS:
            value = _VAGUE_WORDS[word]
            return Count(value, value, value, None, True, text)
    if re.search(r"\bsome\b", norm):
        return Count(3, 3, 3, None, True, text)
    return None


def parse_count(text: str) -> Count | None:
    """Parse one count phrase (the text of a FATALITIES or WOUNDED span).

    Args:
        text: the phrase, e.g. "at least 34", "thirty-four", "10 to 15", "dozens", "deaths".

    Returns:
        The figure with its qualifier and range, or None when the text holds nothing count-like.

    Example:
        >>> parse_count("between 10 and 15")
        Count(value=10, low=10, high=15, qualifier='range', vague=False, text='between 10 and 15')
    """
    norm = _normalize(text)
    if not norm:
        return None
    if _ZERO.match(norm) and not _NOT_ZERO.match(norm):
        return Count(0, 0, 0, None, False, text)
    vague = _vague(norm, text) if re.search(r"\b(?:of (?:thousands|millions)|(?:several|a few|few|many|some|"
                                            r"multiple|numerous) (?:dozens?|hundreds?|thousands?|scores?))\b",
                                            norm) else None
    if vague:
        return vague
    tokens = _TOKEN.findall(norm)
    runs = _number_runs(tokens)
    if runs:
        start, end = runs[0]
        first = _run_value(tokens[start:end])
        if first is not None:
            return _figure(tokens, runs, first, text)
    vague = _vague(norm, text)
    if vague:
        return vague
    # "a soldier", "another", "the other" (of two victims): a single person.
    if re.match(r"^(?:a|an|another|(?:the )?other)$|^(?:a|an|another)\b", norm):
        return Count(1, 1, 1, None, False, text)
    if _CASUALTY_WORDS.search(norm):
        return Count(1, 1, 1, None, True, text)
    return None


# A trigger that itself says someone died ("shot dead", "was assassinated", "the killing of").
_KILLING = re.compile(
    r"\b(?:kill|kills|killed|killing|killings|dead|death|died|assassinat(?:e|ed|es|ing|ion|ions)|murder(?:ed|s)?|"
    r"executed|execution|beheaded|beheading|slain|slaying|massacred?|lynched|lynching|gunned down)\b"
)


# Read around a trigger, since a span may stop at "shot" in "shot and killed" (the model's often does).
_DEATH_BEFORE = re.compile(r"\b(?:fatally|mortally)\s+$", re.IGNORECASE)
_DEATH_AFTER = re.compile(
    r"^\s*(?:(?:him|her|them|(?:a|an|the|his|her|their)\s+[\w-]+)\s+)?(?:dead|to death)\b|"
    r"^\s*(?:,|and|&)\s*(?:was\s+)?(?:killed|dead)\b",
    re.IGNORECASE,
)
# Verbs whose object is a person hit ("stabbed", "shot in the leg"); "fired" and "shot at" hit no one.
_HIT = re.compile(r"(?:^|\s)(?:shot|stabbed|knifed|hacked|slashed|struck|hit|wounded|injured|hurt)$", re.IGNORECASE)
_WOUND_WORDS = re.compile(r"\b(?:wounded|wounding|injured|injuring|hurt)\b", re.IGNORECASE)
_BODY = (r"(?:head|face|cheek|jaw|eye|neck|throat|chest|torso|back|side|stomach|abdomen|belly|ribs?|hips?|groin|"
         r"buttocks?|pelvis|spine|shoulders?|arms?|elbows?|wrists?|hands?|fingers?|legs?|thighs?|knees?|calf|calves|"
         r"shins?|ankles?|foot|feet|toes?|(?:upper|lower) body)")
_TIMES = r"(?:once|twice|repeatedly|(?:at least |about )?(?:\d+|three|four|five|six|seven|eight|nine|ten|multiple|" \
         r"several|many) times)"
_HIT_AFTER = re.compile(
    rf"^\s*{_TIMES}\b|^\s*(?:{_TIMES}\s+)?(?:in|through)\s+(?:the|his|her|both|one|each)?\s*"
    rf"(?:(?:left|right|upper|lower)\s+)?{_BODY}\b|"
    r"^\s*(?:,|and|&)\s*(?:(?:critically|seriously|badly|slightly|lightly|gravely|severely)\s+)?"
    r"(?:wounded|injured|hurt)\b",
    re.IGNORECASE,
)
# "was shot", "had been stabbed": a person hit; "shot a guard", "shot her husband": the object is.
_HIT_PASSIVE = re.compile(r"\b(?:was|were|been|being|got|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_HIT_OBJECT = re.compile(
    r"^\s*(?:him|her|them|(?:a|an|the|his|her|their|its|another)\s+(?!(?:shots?|rounds?|bullets?|volleys?|guns?|"
    r"weapons?|windows?|doors?|cars?|vehicles?|tires?|tyres?|flares?|tear|teargas|canisters?|air|way|lock)\b)[a-z])",
    re.IGNORECASE,
)


# A death told near a hit ("was shot ... He died in hospital") makes the victim one of the killed.
_DEATH_NEAR = re.compile(
    # not "body" ("a monitoring body"); charges name deaths that did not happen: "attempted murder", "assault with
    # a deadly weapon", "deadly force"
    r"(?<!attempted )\b(?:die[ds]?|dying|dead|deaths?|deadly|killed|killing|fatal|fatally|homicide|murder(?:ed)?|"
    r"slain|bodies|succumbed|lifeless|mortally|corpses?|deceased)\b(?!\s+(?:weapons?|force)\b)",
    re.IGNORECASE,
)
_NEAR_BEFORE, _NEAR_AFTER = 200, 300
# "No one was killed", "there were no deaths", "was not fatal": a death denied, not told.
_DENIED = re.compile(r"\b(?:no|not|nobody|none|neither|nor|never|without)\b(?:\s+[\w'-]+){0,3}\s*$", re.IGNORECASE)


def _tells_death(text: str) -> bool:
    return any(not _DENIED.search(text[: m.start()]) for m in _DEATH_NEAR.finditer(text))

# Headline passives: "Man shot in Fresno", "Driver shot by deputy", "Teen shot late Friday".
_HIT_VICTIM_BEFORE = re.compile(
    r"\b(?:man|woman|men|women|boy|girl|boys|girls|teen|teens|teenager|teenagers|youth|child|children|toddler|baby|"
    r"driver|mother|father|son|daughter|person|people|student|worker|clerk|customer|passenger|guard|victim|"
    r"officer|deputy|trooper|farmer|trader|herder|villager|resident)\s*,?\s*$",
    re.IGNORECASE,
)
_HIT_VICTIM_AFTER = re.compile(
    r"^\s*(?!in the air\b)(?:in|inside|outside|on|near|during|while|after|by|early|late|overnight|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)


def _death_near(text: str, start: int, end: int) -> bool:
    """Whether a death is told from the start of the sentence of text[start:end] to a few sentences after it."""
    head = re.split(r"[.!?]\s", text[max(0, start - _NEAR_BEFORE) : start])[-1]
    return _tells_death(head + text[start : end + _NEAR_AFTER])


# "Two people were shot", "one man was stabbed": the figure counts people hit.
_SHOT_AFTER = re.compile(
    r"^\s*(?:[\w'-]+\s+){0,3}?(?:(?:were|was|have been|has been|had been)\s+)?(?:shot|stabbed)\b"
    r"(?!\s*(?:dead|and killed|to death|,? killing))",
    re.IGNORECASE,
)


# "two soldiers had suffered light injuries", "three were wounded", "one other man survived", "12 pupils were still
# on its wards": the figure counts people hurt, whatever else the sentence tells, unless they "later died".
_HURT_AFTER = re.compile(
    r"^\s*(?:(?!(?:and|or|but|said|says|while|as|then)\b)[\w'-]+\s+){0,3}?"
    r"(?:(?:(?:were|was|have been|has been|had been)\s+(?:\w+ly\s+)?(?:wounded|injured|hurt)|"
    r"(?:had |have |has )?suffered\s+(?:\w+\s+)?(?:injuries|wounds)|survived|"
    r"(?:were|was|are|is|remain|remained)\s+(?:still\s+)?(?:in hospital|on (?:its|the) wards|hospitali[sz]ed))\b)"
    r"(?![^.;]{0,40}\b(?:died|succumbed)\b)",
    re.IGNORECASE,
)


def hit_not_killed(text: str, start: int, end: int) -> bool:
    """Whether the figure text[start:end] counts people hurt who survived: people shot or stabbed with no death
    told near, or people the words after it call wounded, injured or survivors. They are wounded, whatever label
    the model gave it (GUIDELINES section 9: wounded are people hurt who survived, as far as the report knows).

    Example:
        >>> hit_not_killed("Two people were shot during a robbery on Monday.", 0, 3)
        True
        >>> hit_not_killed("Two people were shot; one died in hospital.", 0, 3)
        False
        >>> hit_not_killed("Two people were shot dead.", 0, 3)
        False
        >>> hit_not_killed("Two soldiers had suffered light injuries and several assailants were killed.", 0, 3)
        True
    """
    after = text[end : end + 100]
    return bool(_HURT_AFTER.search(after)) or (bool(_SHOT_AFTER.search(after[:60])) and
                                                not _death_near(text, start, end))


# "Two villagers who resisted were shot dead", "Both were pronounced dead": the figure counts people killed.
_KILLED_AFTER = re.compile(
    r"^\s*(?:[\w'-]+\s+){0,6}?(?:were|was|have been|has been|had been)\s+(?:(?:\w+ly|later)\s+)?(?:shot dead|"
    r"shot and killed|(?:shot|stabbed|hacked|beaten|burned|burnt) to death|killed|gunned down|beheaded|executed|"
    r"murdered|slain|lynched|(?:pronounced|declared|confirmed|found) dead)\b",
    re.IGNORECASE,
)


# "put the number of dead soldiers at 11", "the death toll rose to 12": a figure of the dead. In data/ it comes
# before 51 gold killed figures and no wounded one.
_KILLED_BEFORE = re.compile(
    r"\b(?:(?<!injury )(?<!casualty )(?:death )?toll|"
    r"number of (?:the |those |people )?(?:dead|deaths|killed|fatalities)(?:\s+[\w'-]+)?)\s+"
    r"(?:(?:has |had |have )?(?:rose|risen|rises|climbed|reached|stood|stands|rising|climbing)\s+)?(?:at|to|of)\s+$",
    re.IGNORECASE,
)


def killed_not_hit(text: str, start: int, end: int) -> bool:
    """Whether the figure text[start:end] counts people the same clause says were killed ("Two villagers who
    tried to resist were shot dead", "put the number of dead soldiers at 11"): fatalities, whatever label the
    model gave it.

    Example:
        >>> killed_not_hit("Two villagers who tried to resist were shot dead.", 0, 3)
        True
        >>> killed_not_hit("Two villagers were wounded and one was killed.", 0, 3)
        False
        >>> text = "An official put the number of dead soldiers at 11."
        >>> killed_not_hit(text, text.index("11"), text.index("11") + 2)
        True
    """
    if _KILLED_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    killed = _KILLED_AFTER.search(text[end : end + 80])
    return bool(killed) and not _WOUND_WORDS.search(killed.group(0))


def _trigger_outcome(text: str, start: int, end: int) -> str | None:
    """What a trigger, read with the words next to it, says of its victim: "killed", "hit" (a person hit, with
    no death told nearby), "hit_death_near" (one told nearby: "was shot ... He died in hospital") or None."""
    trigger = text[start:end]
    before, after = text[max(0, start - 20) : start], text[end : end + 60]
    if _KILLING.search(_normalize(trigger)) or _DEATH_BEFORE.search(before) or _DEATH_AFTER.search(after):
        return "killed"
    hit = _HIT.search(trigger) and (_HIT_AFTER.search(after) or _HIT_PASSIVE.search(before)
                                     or _HIT_OBJECT.search(after)
                                     or (_HIT_VICTIM_BEFORE.search(before) and _HIT_VICTIM_AFTER.search(after)))
    if not (_WOUND_WORDS.search(trigger) or hit):
        return None
    return "hit_death_near" if _death_near(text, start, end) else "hit"


_ELSE = re.compile(r"\b(?:else|other|others|further|additional|more)\b", re.IGNORECASE)
# "no officers were hurt", "none of the passengers": a zero about one group of people
_ZERO_GROUP = re.compile(r"^(?:no|zero|not a single|none of (?:the|its|their|our|his|her))\s+([a-z][\w-]*)\s*([a-z]*)",
                         re.IGNORECASE)
# words after "no" that still mean anyone at all ("no one", "no casualties", "no immediate reports of deaths")
_ANYONE = frozenset("one people person persons casualties casualty injuries injury deaths death fatalities "
                    "fatality lives life victims immediate reports report word confirmed known".split())


def zero_about_others(count: Count, text: str, start: int, end: int) -> bool:
    """Whether the figure text[start:end] is a zero about people besides the event's victims: "no one else was
    hurt", "no other casualties", "no officers were injured", "none of the passengers was hurt". It says
    nothing of the victims, and the lowest-figure rule must not read it as 0 (GUIDELINES section 9).

    Example:
        >>> text = "A man was wounded by police. No officers were hurt. No one else was hurt."
        >>> [zero_about_others(parse_count(f), text, text.index(f), text.index(f) + len(f))
        ...  for f in ("A", "No", "No one")]
        [False, True, True]
        >>> zero_about_others(parse_count("no one"), "Shots were fired but no one was hurt.", 24, 30)
        False
    """
    if count.high != 0:
        return False
    if _ELSE.search(text[start:end]) or _ELSE.match(text[end : end + 12].strip()):
        return True
    group = _ZERO_GROUP.match(text[start : end + 40])
    # "no American deaths", "no civilian casualties" still give the toll of the people named
    return bool(group) and not {group.group(1).lower(), group.group(2).lower()} & _ANYONE


# "three soldiers and two civilians", "two soldiers, a policeman and three civilians": the words between two
# figures are the first one's noun and a conjunction.
_PART_LINK = re.compile(r"^\s+((?:[\w'-]+\s+){0,3}?[\w'-]+)\s*(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|"
                        r"\s+as well as\s+|\s+plus\s+)$", re.IGNORECASE)
_NOT_A_NOUN = re.compile(r"\b(?:were|was|are|is|had|have|has|been|killed|died|dead|wounded|injured|hurt|shot|"
                         r"stabbed|hit|struck|missing|abducted|kidnapped|arrested|detained|on|in|at|by|said|says|"
                         r"from|to|when|while|and)\b", re.IGNORECASE)
_SUBSET = re.compile(r"^\s*(?:of (?:them|whom|those|the)|among)\b", re.IGNORECASE)
_NEXT_NOUN = re.compile(r"\s*(?:[\w'-]+\s+){0,2}?([\w'-]+)")


def _part_of_same_total(text: str, first_end: int, second_start: int, second_end: int) -> bool:
    link = _PART_LINK.match(text[first_end:second_start])
    if link is None or _SUBSET.match(text[second_end : second_end + 20]):
        return False  # "10 people, 3 of them children" is a figure and a part of it
    if _NOT_A_NOUN.search(link.group(1)):
        return False  # "Two were killed on Monday and three on Tuesday": a clause, not a noun, between them
    noun = _NEXT_NOUN.match(text[second_end : second_end + 40])
    # "at least 9 soldiers and up to 14 soldiers" gives two figures for the same people
    return noun is not None and noun.group(1).lower() != link.group(1).lower().split()[-1]


def sum_parts(text: str, figures: Sequence[tuple[Count, int, int]]) -> list[tuple[Count, int, int]]:
    """Join figures that are parts of one total into that total (GUIDELINES section 4): "killing three soldiers
    and two civilians" is 5 killed, where the lowest-figure rule alone would read 2. Figures of the same people
    ("at least 9 soldiers and up to 14 soldiers") and a part of a figure ("10 people, 3 of them children") stay
    apart.

    Args:
        text: the article.
        figures: (count, start, end) of one role's figures of one event.

    Returns:
        The figures in text order, each run of parts replaced by one figure spanning it.

    Example:
        >>> text = "Gunmen killed three soldiers and two civilians."
        >>> [(c.value, text[s:e]) for c, s, e in sum_parts(text, [(parse_count("three"), 14, 19),
        ...                                                       (parse_count("two"), 33, 36)])]
        [(5, 'three soldiers and two')]
    """
    out: list[tuple[Count, int, int]] = []
    for count, start, end in sorted(figures, key=lambda f: f[1]):
        if out and _part_of_same_total(text, out[-1][2], start, end):
            total, first, _ = out[-1]
            out[-1] = (Count(total.value + count.value, total.low + count.low, total.high + count.high,
                             total.qualifier, total.vague or count.vague, text[first:end]), first, end)
        else:
            out.append((count, start, end))
    return out


# "two were in serious condition", "three of them remain in critical condition": how some of the hurt are, not
# a toll. The corpus never marks such a figure as a count.
_CONDITION_AFTER = re.compile(
    r"^\s+(?:of (?:them|whom|the (?:wounded|injured))\s+|(?:people|patients|victims)\s+)?(?:were|was|are|is|remain|"
    r"remained|remains)\s+(?:still\s+)?in\s+(?:a\s+)?(?:serious|critical|stable|grave|satisfactory|fair|good)\b",
    re.IGNORECASE,
)


def condition_of_some(text: str, start: int, end: int) -> bool:
    """Whether the figure text[start:end] tells how some of the hurt are ("two were in serious condition"):
    beside the event's toll, it is a part of it, not another figure for it.

    Example:
        >>> text = "The blast injured half a dozen people; two were in serious condition."
        >>> condition_of_some(text, text.index("two"), text.index("two") + 3)
        True
        >>> condition_of_some(text, text.index("half"), text.index("dozen") + 5)
        False
    """
    return bool(_CONDITION_AFTER.match(text[end : end + 80]))


def wound_of_the_dead(count: Count, context: str) -> bool:
    """Whether a figure-less wound mention tells how a victim died, not that one survived: its sentence or the
    next reports a death ("died of a gunshot wound", "found with a gunshot wound. He was pronounced dead");
    section 9 counts such a victim as killed. A denied death ("no one was killed") is none.

    Args:
        count: the parsed mention.
        context: the mention's sentence and the one after it.

    Example:
        >>> wound_of_the_dead(parse_count("wound"), "He died of a gunshot wound to the chest.")
        True
        >>> wound_of_the_dead(parse_count("wound"), "He is in hospital with a gunshot wound. No one was killed.")
        False
    """
    return _is_placeholder(count) and _tells_death(context)


def trigger_counts(text: str, triggers: Sequence[tuple[int, int]], fatalities: Sequence[Count],
                   wounded: Sequence[Count]) -> dict[str, tuple[Count, int]]:
    """The figures an event's triggers imply for the roles no figure is linked to, with the trigger's index.

    A report of a death or a hit person with no figure is 1, vague (GUIDELINES sections 8 and 9):
    fatalities when a trigger reports a death ("shot dead", "shot and killed", "fatally shot", "assassinated");
    wounded when one reports a person hit ("shot in the leg", "shot three times", "shot and wounded",
    "stabbed in the back") and the event has no death. The words right around the trigger count: a span may
    stop at "shot" in "shot and killed".

    Args:
        text: the article.
        triggers: (start, end) of the event's triggers, in text order.
        fatalities: the event's parsed fatality figures.
        wounded: the event's parsed wounded figures.

    Returns:
        {"fatalities" or "wounded": (count, index of the trigger)} for the roles a trigger implies.

    Example:
        >>> text = "A farmer was shot and killed. In Jos a boy was shot in the leg."
        >>> trigger_counts(text, [(13, 17)], [], [])["fatalities"][0].value
        1
        >>> list(trigger_counts(text, [(47, 51)], [], []))
        ['wounded']
    """
    outcomes = [_trigger_outcome(text, start, end) for start, end in triggers]
    # A hit with a death told nearby is a death unless the event already counts its victim as wounded.
    died = ["killed"] + (["hit_death_near"] if not wounded else [])
    out: dict[str, tuple[Count, int]] = {}
    index = next((i for i, o in enumerate(outcomes) if o in died), None)
    if not fatalities and index is not None:
        out["fatalities"] = (Count(1, 1, 1, None, True, text[slice(*triggers[index])]), index)
    # a victim who died counts among the killed only (section 9)
    deaths = "fatalities" in out or any(c.high > 0 for c in fatalities)
    if not wounded and not deaths and "hit" in outcomes:
        index = outcomes.index("hit")
        out["wounded"] = (Count(1, 1, 1, None, True, text[slice(*triggers[index])]), index)
    return out


def _figure(tokens: list[str], runs: list[tuple[int, int]], first: int, text: str) -> Count:
    start, end = runs[0]
    before = " ".join(tokens[:start])
    # A range: "10 to 15", "10-15", "two or three", "between 10 and 15", "from 10 to 15".
    if len(runs) > 1:
        start2, end2 = runs[1]
        link = tokens[end:start2]
        if link in (["to"], ["-"], ["or"], ["and"], ["-", "to"], ["and", "up", "to"], ["till"], ["until"]):
            second = _run_value(tokens[start2:end2])
            ok_and = link != ["and"] or before.endswith("between")
            if second is not None and ok_and and second > first:
                return Count(first, first, second, "range", False, text)
    after = " ".join(tokens[end:])
    qualifier = _qualifier_before(before)
    if qualifier is None and (after.startswith(("plus", "+", "or more", "and more", "and above", "or so",
                                                "odd", "or above"))):
        qualifier = "approx" if after.startswith(("or so", "odd")) else "at_least"
    if qualifier is None and after.startswith(("or fewer", "or less", "at most", "at the most")):
        qualifier = "up_to"
    return Count(first, first, first, qualifier, False, text)


def _is_placeholder(count: Count) -> bool:
    # Only a figure-less mention ("deaths") is coded 1 and vague; no vague word maps to 1.
    return count.vague and count.value == 1


def combine_counts(counts: Sequence[Count]) -> CountSummary:
    """Combine the figures reported for one event into ACLED's figure and the reported range.

    best is the lowest figure reported (the minimum of the figures' lows, as GUIDELINES section 4 codes
    it), low the same and high the highest figure reported. A mention with no figure ("there were deaths")
    counts as 1 only when no figure is given at all: next to "more than 70" it adds nothing.

    Args:
        counts: the parsed figures linked to the event, from any sentence or source.

    Returns:
        best/low/high and whether best comes from a vague word; 0/0/0 (not vague) when there is no figure.

    Example:
        >>> s = combine_counts([parse_count("at least 34"), parse_count("up to 42")])
        >>> (s.best, s.low, s.high, s.vague)
        (34, 34, 42, False)
    """
    figures = tuple(c for c in counts if c is not None)
    usable = [c for c in figures if not _is_placeholder(c)] or list(figures)
    if not usable:
        return CountSummary(0, 0, 0, False, figures)
    low = min(c.low for c in usable)
    high = max(c.high for c in usable)
    # On a tie a precise figure wins: "dozens" and "12" give 12, not vague.
    vague = all(c.vague for c in usable if c.low == low)
    return CountSummary(low, low, high, vague, figures)


_NUM_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
             r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
             r"hundred|thousand|million|dozen)")
_CORE = (rf"(?:\d[\d,.]*\d|\d|(?:a|an|half a)\s+(?:dozen|hundred|thousand|single|couple of)|"
         rf"{_NUM_WORD}(?:[\s-]+(?:and\s+)?{_NUM_WORD})*)")
_PHRASE = re.compile(
    r"\b(?:(?:at least|more than|over|up to|as many as|about|nearly|some|around|almost|roughly|approximately|"
    r"no fewer than|an estimated|fewer than|less than)\s+)?"
    rf"(?:between\s+{_CORE}\s+and\s+{_CORE}|{_CORE}(?:\s*(?:-|\u2013|to|or)\s*{_CORE})?|"
    r"tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|tens|several|a few|a handful|"
    r"many|numerous|a number of)\b",
    re.IGNORECASE,
)
# Month names, not "separatists", "marines", "deceased" or "two may have died".
_MONTH = rf"(?!may\s+(?:have|be|not|also|still)\b)(?:{MONTH_NAMES})\b"
# Figures that are dates, distances, ages, times, addresses, wounds, shots, weapons or animals, not people.
_NOT_PEOPLE_AFTER = re.compile(
    r"^\s*of\s+(?:the\s+|their\s+)?(?:houses|homes|huts|buildings|shops|vehicles|cars|cattle|cows|goats|sheep|"
    r"camels|livestock|animals)\b|"
    rf"^\s*{_MONTH}|^\s*-?\s*(?:km|kilomet|miles?\b|mi\b|years?\b|"
    r"year-old|percent|per cent|%|am\b|pm\b|a\.m|p\.m|hours?\b|days?\b|weeks?\b|months?\b|minutes?\b|"
    r"metres?\b|meters?\b|o'clock|th\b|st\b|nd\b|rd\b|times\b|kg\b|tons?\b|tonnes?\b|vehicles?\b|"
    r"houses?\b|homes?\b|buildings?\b|blocks?\b|(?:(?:gunshot|bullet|stab|shrapnel|knife) )?wounds?\b|shots\b|"
    r"rounds\b|bullets\b|(?:shell )?casings\b|cartridges\b|"
    # animals ("about 60 goats were taken"), not herders
    r"(?:head of )?(?:cattle|cows?|goats?|sheep|camels?|donkeys?|livestock|horses?|pigs?|chickens?|animals?)\b"
    r"(?!\s+(?:keepers?|herders?|herdsmen|owners?|traders?|dealers?|rustlers?|raiders?|thie(?:f|ves)|farmers?|"
    r"breeders?|market)\b)|"
    # weapons ("two ballistic missiles hit the city"), not the people who use them ("five tank crew")
    r"(?:[a-z-]+\s+)?(?:missiles?|rockets?|drones?|shells?|mortars?|bombs?|grenades?|projectiles?|warplanes?|"
    r"jets?|helicopters?|tanks?)\b(?!\s+(?:crews?|operators?|disposal|experts?|specialists?|technicians?|teams?|"
    r"squads?|units?|personnel|men|commanders?|makers?|pilots?)\b))",
    re.IGNORECASE,
)
_NOT_PEOPLE_BEFORE = re.compile(
    rf"\b{_MONTH}\.?\s*$|\b(?:on|since|in|at|route|road|"
    r"highway|aged|age|article|resolution)\s*$",
    re.IGNORECASE,
)
# A count belongs to a casualty word within a few words after it ("12 villagers were killed") or right
# before it ("killed 12", "the toll rose to 12").
_AFTER = re.compile(
    r"^\W*(?:[\w'-]+\W+){0,5}?(?:killed|killing|dead|died|deaths?|slain|lives|fatalities|perished|massacred|"
    r"bodies|wounded|wounding|injured|injuries|hurt|casualties)\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"\b(?:killed|killing|killing of|kill|wounded|wounding|injured|injuring|injure|left|leaving|claimed|"
    r"(?:toll|count) (?:rose |climbed |reached |stood |stands |now stands )?(?:to|at)|death toll of|"
    r"the deaths of|the lives of)\W+$",
    re.IGNORECASE,
)


# People arrested, taken or seen fleeing are not victims ("Two men were arrested", a headline's "2 Men Arrested",
# "four young men arrested in a raid",
# "Forty students were abducted"), unless a casualty word comes first ("two wounded gunmen were arrested"); the
# words between stay in one clause.
_SHOT_WORD = re.compile(r"\b(?:shot|stabbed|hit|struck)\b", re.IGNORECASE)
_NOT_VICTIMS_AFTER = re.compile(
    r"^\s*(?:[\w'-]+\s+){0,6}?(?:(?:were|was|have been|has been|had been|are|is|being|remain|remained)\s+"
    r"(?:\w+ly\s+)?(?:arrested|detained|apprehended|charged|questioned|taken into custody|in custody|abducted|"
    r"kidnapped|taken hostage|freed|released|rescued|seen fleeing)\b|(?-i:Arrested|Detained|Charged)\b|"
    r"(?<!had )(?<!have )(?<!has )(?:arrested|detained|apprehended)\s+(?:in|during|at|on|after|over|near|for)\b)",
    re.IGNORECASE,
)


# People taken, freed, arrested or raped are not counted as killed or wounded: "abducting 31 people", "freed 12
# hostages", "raped at least five women" (sexual violence is an event of its own, with no casualty figure).
_CAPTIVES_BEFORE = re.compile(
    r"\b(?:abduct(?:ed|ing)|kidnap(?:ped|ping)|seiz(?:ed|ing)|captur(?:ed|ing)|detain(?:ed|ing)|arrest(?:ed|ing)|"
    r"took|taking|free(?:d|ing)|releas(?:ed|ing)|rescu(?:ed|ing)|rap(?:ed|ing)|sexually assault(?:ed|ing))\s+"
    r"(?:(?:at least|more than|about|some|nearly|around|up to|over|another)\s+)?$",
    re.IGNORECASE,
)


_HURT_NEXT = re.compile(r"\s*(?:injured|wounded|hurt|dead|bodies)\b", re.IGNORECASE)


# People doing the shooting or still at large are not victims either ("one driver opened fire", "two officers who
# fatally shot a man", "one teen was wearing a hoodie"), unless the clause hits them before or after ("soldiers
# shot three gunmen who opened fire", "two gunmen who opened fire on the convoy were killed").
_ACTING_AFTER = re.compile(
    r"^\s*(?:(?!(?:was|were|been|being|is|are|and|or|but)\b)[\w'-]+\s+){1,3}?(?:(?:who|that)\s+)?"
    r"(?:(?:had|have|has|allegedly|reportedly|then|later|also)\s+)?"
    r"(?:opened fire|fired (?:on|at|into|upon|shots|rounds|several|multiple|a)|"
    r"(?:fatally shot|shot and killed|shot)\s+(?:him|her|them|a|an|the|his|their)\b|(?:was|were) wearing|"
    r"(?:is|are|was|were|remains?|remained) (?:still )?(?:on the run|at large))\b",
    re.IGNORECASE,
)
_HIT_BEFORE = re.compile(r"\b(?:shot|stabbed|hit|struck|killed|killing|wounded|wounding|injured|injuring|gunned down)\s+$",
                         re.IGNORECASE)
_HIT_LATER = re.compile(
    r"^[^.;]*?\b(?:(?:were|was|been)\s+(?:\w+ly\s+)?(?:killed|shot|wounded|injured|hurt|slain|gunned down)|died)\b",
    re.IGNORECASE,
)


# "killing 28 civilians including 9 children": a part of the figure before it, never marked as one in data/
_PART_BEFORE = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s+$", re.IGNORECASE)


def counts_people(text: str, start: int, end: int) -> bool:
    """Whether the figure text[start:end] may count people killed or hurt, by the words around it: not a date,
    an age, a distance, an address, wounds or shots ("multiple gunshot wounds", "the 1900 block", "a
    20-year-old"), nor people taken, arrested or seen fleeing ("abducting 31 people", "two men were arrested"),
    nor the shooters ("one driver opened fire"), nor a part of a figure told before it ("including 9 children").

    Example:
        >>> text = "He died of multiple gunshot wounds; two others were hurt. Two men were arrested."
        >>> [counts_people(text, text.index(f), text.index(f) + len(f)) for f in ("multiple", "two", "Two")]
        [False, True, False]
    """
    after = text[end : end + 60]
    if _NOT_PEOPLE_AFTER.search(after[:30]) or _PART_BEFORE.search(text[max(0, start - 25) : start]):
        return False
    if _CAPTIVES_BEFORE.search(text[max(0, start - 30) : start]) and not _HURT_NEXT.match(after):
        return False  # "took 14 injured people to hospital" still counts them
    acting = _ACTING_AFTER.search(after)
    if acting and not (_HIT_BEFORE.search(text[max(0, start - 20) : start])
                       or _HIT_LATER.search(text[end + acting.end() : end + acting.end() + 120])):
        return False
    arrested = _NOT_VICTIMS_AFTER.search(after)
    if arrested is None:
        return True
    before_arrest = after[: arrested.end()]
    return bool(_AFTER.search(before_arrest) or _SHOT_WORD.search(before_arrest))


# Words one of which a sentence with a figure of the killed or hurt uses: in data/ all but 2 of 1,502 gold figures
# sit in such a sentence (bench/gold_rules.py); "The three have not been interviewed" does not.
_HARM_CUE = re.compile(
    r"\b(?:kill\w*|dead|deadly|die[sd]?|dying|deaths?|slain|lives|life|fatal\w*|perish\w*|massacre\w*|bod(?:y|ies)|"
    r"corpses?|wound\w*|injur\w*|hurt|casualt\w*|shot|shoot\w*|stabb\w*|hospital\w*|victims?|murder\w*|homicide|"
    r"behead\w*|execut\w*|lynch\w*|toll|unharmed|unhurt|harm\w*|survived|survivors?|treat\w*|critical|condition|"
    r"gunshot|bullet\w*|blast|struck|hit|hitting|mortally|succumb\w*|number|figure|buried|burials?|affected|"
    r"patients?|surgery|grazed|burns?|recover\w*|pull through|lost|bleed\w*|bled|gunned|pronounced|deceased|fire|"
    r"fired|bomb\w*|explo\w*|martyrs?|evacuated|medical|names?|list|total|suffocat\w*|pellets?)\b",
    re.IGNORECASE,
)


def tells_harm(sentence: str) -> bool:
    """Whether a sentence tells of people killed or hurt, or of a tally of them, so that a figure in it may count
    them: "two were hurt", "the toll rose to 12", "a list names 15 people"; not "the three have not been
    interviewed".

    Example:
        >>> tells_harm("Medics said two men were hurt."), tells_harm("The three have not been interviewed.")
        (True, False)
    """
    return bool(_HARM_CUE.search(sentence))


def is_count_phrase(text: str) -> bool:
    """Whether the whole of `text` is one count phrase ("between 15 and 20", "more than 40", "Twenty-two").

    Example:
        >>> is_count_phrase("between 15 and 20"), is_count_phrase("5 and 12")
        (True, False)
    """
    return _PHRASE.fullmatch(text.strip()) is not None


def extract_counts(sentence: str) -> list[tuple[int, int, Count]]:
    """Find count phrases that sit next to a killed/wounded word in free text.

    Args:
        sentence: one sentence of an article.

    Returns:
        (start, end, count) for each phrase, end exclusive, in text order.

    Example:
        >>> [(s, e, c.value) for s, e, c in extract_counts("Gunmen killed at least 12 villagers.")]
        [(14, 25, 12)]
    """
    found: list[tuple[int, int, Count]] = []
    for m in _PHRASE.finditer(sentence):
        start, end = m.span()
        if not counts_people(sentence, start, end) or _NOT_PEOPLE_BEFORE.search(sentence[max(0, start - 12):start]):
            continue
        if not (_AFTER.search(sentence[end:end + 80]) or _BEFORE.search(sentence[max(0, start - 40):start])):
            continue
        count = parse_count(m.group(0))
        if count is not None and not _is_placeholder(count):
            found.append((start, end, count))
    return found
