"""Casualty counts: GUIDELINES section 4 and 8 tables, real-world phrasings, combination and extraction."""

from __future__ import annotations

import dataclasses
import re

import pytest

from inference.numbers import (Count, CountSummary, combine_counts, condition_of_some, counts_people, extract_counts,
                               hit_not_killed, killed_not_hit, parse_count, sum_parts, tells_harm, trigger_counts,
                               wound_of_the_dead, zero_about_others)



def figure(text: str) -> tuple[int, int, int, str | None, bool]:
    count = parse_count(text)
    assert count is not None, text
    return count.value, count.low, count.high, count.qualifier, count.vague


# GUIDELINES section 4, one row per phrase: (value, low, high, qualifier, vague).
@pytest.mark.parametrize(
    "text, expected",
    [
        ("34", (34, 34, 34, None, False)),
        ("at least 34", (34, 34, 34, "at_least", False)),
        ("more than 34", (34, 34, 34, "at_least", False)),
        ("over 34", (34, 34, 34, "at_least", False)),
        ("up to 42", (42, 42, 42, "up_to", False)),
        ("as many as 42", (42, 42, 42, "up_to", False)),
        ("about 20", (20, 20, 20, "approx", False)),
        ("nearly 20", (20, 20, 20, "approx", False)),
        ("some 20", (20, 20, 20, "approx", False)),
        ("around 20", (20, 20, 20, "approx", False)),
        ("almost 20", (20, 20, 20, "approx", False)),
        ("roughly 20", (20, 20, 20, "approx", False)),
        ("approximately 20", (20, 20, 20, "approx", False)),
        ("10 to 15", (10, 10, 15, "range", False)),
        ("10-15", (10, 10, 15, "range", False)),
        ("between 10 and 15", (10, 10, 15, "range", False)),
        ("a dozen", (12, 12, 12, None, False)),
        ("tens", (10, 10, 10, None, True)),
        ("dozens", (12, 12, 12, None, True)),
        ("scores", (12, 12, 12, None, True)),
        ("hundreds", (100, 100, 100, None, True)),
        ("thousands", (1000, 1000, 1000, None, True)),
        ("several", (3, 3, 3, None, True)),
        ("a number of", (3, 3, 3, None, True)),
        ("some", (3, 3, 3, None, True)),
        ("a few", (3, 3, 3, None, True)),
        ("a handful", (3, 3, 3, None, True)),
        ("many", (10, 10, 10, None, True)),
        ("numerous", (10, 10, 10, None, True)),
        ("a couple of", (2, 2, 2, None, False)),
        ("no casualties", (0, 0, 0, None, False)),
    ],
)
def test_guidelines_table(text, expected):
    assert figure(text) == expected


@pytest.mark.parametrize(
    "text, value",
    [
        ("thirty-four", 34),
        ("Thirty four", 34),
        ("one hundred and twenty", 120),
        ("a hundred", 100),
        ("two thousand five hundred", 2500),
        ("half a dozen", 6),
        ("a single", 1),
        ("two", 2),
        ("one", 1),
        ("eleven", 11),
        ("ninety-nine", 99),
        ("two dozen", 24),
        ("a score of", 20),
        ("both", 2),
        ("a soldier", 1),
        ("another", 1),
        ("1,200", 1200),
        ("1 200", 1200),
        ("1\u202f200", 1200),
        ("12,500", 12500),
        ("1.5 million", 1_500_000),
        ("3 dozen", 36),
    ],
)
def test_number_words_and_separators(text, value):
    count = parse_count(text)
    assert count is not None and (count.value, count.low, count.high) == (value, value, value)
    assert not count.vague and count.qualifier is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least 34.", (34, 34, 34, "at_least", False)),
        ("no fewer than 20", (20, 20, 20, "at_least", False)),
        ("in excess of 200", (200, 200, 200, "at_least", False)),
        ("upwards of 50", (50, 50, 50, "at_least", False)),
        ("more than a dozen", (12, 12, 12, "at_least", False)),
        ("100-plus", (100, 100, 100, "at_least", False)),
        ("100+", (100, 100, 100, "at_least", False)),
        ("a dozen or more", (12, 12, 12, "at_least", False)),
        ("no more than 5", (5, 5, 5, "up_to", False)),
        ("as high as 300", (300, 300, 300, "up_to", False)),
        ("nearly two dozen", (24, 24, 24, "approx", False)),
        ("an estimated 40", (40, 40, 40, "approx", False)),
        ("close to 1,000", (1000, 1000, 1000, "approx", False)),
        ("20-odd", (20, 20, 20, "approx", False)),
        ("30 or so", (30, 30, 30, "approx", False)),
        ("10 \u2013 15", (10, 10, 15, "range", False)),
        ("10\u201415", (10, 10, 15, "range", False)),
        ("from 10 to 15", (10, 10, 15, "range", False)),
        ("two or three", (2, 2, 3, "range", False)),
        ("between five and seven", (5, 5, 7, "range", False)),
        ("tens of thousands", (10000, 10000, 10000, None, True)),
        ("hundreds of thousands", (100000, 100000, 100000, None, True)),
        ("several hundred", (100, 100, 100, None, True)),
        ("a few dozen", (12, 12, 12, None, True)),
        ("several dozen", (12, 12, 12, None, True)),
        ("dozens more", (12, 12, 12, None, True)),
        ("Scores of", (12, 12, 12, None, True)),
        ("a large number of", (3, 3, 3, None, True)),
        ("multiple", (3, 3, 3, None, True)),
        ("countless", (10, 10, 10, None, True)),
    ],
)
def test_real_world_phrasings(text, expected):
    assert figure(text) == expected


@pytest.mark.parametrize("text", ["deaths", "casualties", "killing", "there were deaths", "killing soldiers",
                                  "fatalities", "injuries", "wounded", "lost their lives", "bodies",
                                  # GUIDELINES section 9: a single victim's outcome word
                                  "died", "found dead", "fatally", "mortally wounded", "succumbed", "hurt",
                                  "wound", "pronounced dead", "lifeless"])
def test_no_figure_is_one_vague(text):
    # GUIDELINES section 8: deaths with no figure code 1, vague.
    assert figure(text) == (1, 1, 1, None, True)


@pytest.mark.parametrize("text", ["A", "an", "another", "other", "the other", "a second"])
def test_single_victim_is_one_not_vague(text):
    # GUIDELINES section 9: "[A](FATALITIES) shopkeeper was shot dead", "the [other](WOUNDED) survived".
    assert figure(text) == (1, 1, 1, None, False)


@pytest.mark.parametrize("text", ["no", "none", "no one", "No-one", "nobody", "zero", "no casualties",
                                  "no deaths", "not a single"])
def test_nobody(text):
    assert figure(text) == (0, 0, 0, None, False)


@pytest.mark.parametrize("text", ["", "   ", "Wednesday", "the army", "in Tera", "?"])
def test_nothing_count_like(text):
    assert parse_count(text) is None


def test_count_keeps_text_and_is_frozen():
    count = parse_count("at least 34")
    assert count == Count(34, 34, 34, "at_least", False, "at least 34")
    with pytest.raises(dataclasses.FrozenInstanceError):
        count.value = 1  # type: ignore[misc]


def summary(*texts: str) -> tuple[int, int, int, bool]:
    result = combine_counts([parse_count(t) for t in texts])
    return result.best, result.low, result.high, result.vague


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["34"], (34, 34, 34, False)),
        (["at least 34"], (34, 34, 34, False)),
        (["at least 34", "up to 42"], (34, 34, 42, False)),
        (["up to 42"], (42, 42, 42, False)),
        (["as many as 42"], (42, 42, 42, False)),
        (["about 20"], (20, 20, 20, False)),
        (["10 to 15"], (10, 10, 15, False)),
        (["10-15"], (10, 10, 15, False)),
        (["between 10 and 15"], (10, 10, 15, False)),
        (["dozens"], (12, 12, 12, True)),
        (["tens"], (10, 10, 10, True)),
        (["hundreds"], (100, 100, 100, True)),
        (["several"], (3, 3, 3, True)),
        (["a couple of"], (2, 2, 2, False)),
        (["deaths"], (1, 1, 1, True)),
        (["no casualties"], (0, 0, 0, False)),
        ([], (0, 0, 0, False)),
        # "A local group put the toll at 15": one more figure, low and high take all.
        (["at least 12", "15"], (12, 12, 15, False)),
        (["dozens", "14"], (12, 12, 14, True)),
        (["dozens", "12"], (12, 12, 12, False)),
        (["12", "twenty", "10 to 30"], (10, 10, 30, False)),
        (["more than 70", "77", "deaths"], (70, 70, 77, False)),  # a figure-less mention adds nothing to figures
    ],
)
def test_combine_table(texts, expected):
    assert summary(*texts) == expected


def test_combine_keeps_figures_and_skips_none():
    figures = [parse_count("at least 12"), None, parse_count("15")]
    result = combine_counts(figures)
    assert isinstance(result, CountSummary)
    assert [f.text for f in result.figures] == ["at least 12", "15"]


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("Gunmen killed at least 12 villagers in Tera on Wednesday.", [("at least 12", 12)]),
        ("At least 34 soldiers were killed and 15 others wounded.", [("At least 34", 34), ("15", 15)]),
        ("The attack on 12 May left dozens dead.", [("dozens", 12)]),
        ("A blast 20 km from Gao killed seven soldiers.", [("seven", 7)]),
        ("The toll rose to 20, police said.", [("20", 20)]),
        ("Police said 14 people, including a 9-year-old, died at 10 pm.", [("14", 14)]),
        ("Between 10 and 15 people were injured.", [("Between 10 and 15", 10)]),
        ("The army seized 40 rifles on Monday.", []),
    ],
)
def test_extract_counts(sentence, found):
    spans = extract_counts(sentence)
    assert [(sentence[s:e], c.value) for s, e, c in spans] == found
    for start, end, count in spans:
        assert count.text == sentence[start:end]


def _implied(text: str, trigger: str, fatalities=(), wounded=()) -> dict[str, int]:
    start = text.index(trigger)
    found = trigger_counts(text, [(start, start + len(trigger))], list(fatalities), list(wounded))
    for count, index in found.values():
        assert (count.value, count.low, count.high, count.vague, index) == (1, 1, 1, True, 0)
    return {role: count.value for role, (count, _) in found.items()}


@pytest.mark.parametrize("text,trigger", [
    ("A trader was shot dead in Kano.", "shot dead"),
    ("A trader was shot and killed in Kano.", "shot and killed"),
    ("A trader was shot and killed in Kano.", "shot"),  # the model's span stops at "shot"
    ("Man shot & killed near 95th Street", "shot"),
    ("The driver was Shot to death at a checkpoint.", "Shot"),
    ("Gunmen shot him dead outside his shop.", "shot"),
    ("Gunmen shot the chief dead outside his home.", "shot"),
    ("A farmer was fatally shot by soldiers.", "shot"),
    ("The guard was mortally wounded in the raid.", "wounded"),
    ("A teacher was stabbed to death in Jos.", "stabbed"),
    ("The mayor was gunned down on Monday.", "gunned down"),
    ("The governor was assassinated on Monday.", "assassinated"),
    ("Rebels carried out the killing of a chief.", "killing"),
    ("A priest was murdered in his parish.", "murdered"),
    ("Two hostages were beheaded.", "beheaded"),
    ("A soldier was executed by the group.", "executed"),
    ("The massacre at the market shocked the town.", "massacre"),
    ("A journalist was slain in Mosul.", "slain"),
])
def test_a_trigger_that_reports_a_death_implies_one_vague_death(text, trigger):
    assert _implied(text, trigger) == {"fatalities": 1}


@pytest.mark.parametrize("text,trigger", [
    ("A coffee grower was shot in the back on Saturday.", "shot"),
    ("The officer was shot in his left arm during the raid.", "shot"),
    ("A woman was shot twice outside a bar.", "shot"),
    ("Police said the clerk was shot multiple times.", "shot"),
    ("He was shot three times in the chest by robbers.", "shot"),
    ("A boy was shot in both feet near the school.", "shot"),
    ("Tulsa grandmother shot , wounded in her kitchen", "shot"),
    ("Teen shot several times , badly wounded near Elm Park", "shot"),
    ("A trader was shot and wounded by bandits.", "shot"),
    ("A student was stabbed in the neck on campus.", "stabbed"),
    ("A man was shot inside a supermarket on Monday.", "shot"),
    ("The taxi driver had been shot during a robbery.", "shot"),
    ("The gunmen shot a guard and fled.", "shot"),
    ("A police officer shot her husband at the gate.", "shot"),
    ("Man shot in Fresno laundromat", "shot"),
    ("Driver Shot By Deputy On Route 9", "Shot"),
    ("A woman shot late Friday in Eastfield is in stable condition.", "shot"),
    ("A village guard was critically wounded by the gunmen.", "critically wounded"),
])
def test_a_trigger_that_reports_a_person_hit_implies_one_vague_wounded(text, trigger):
    assert _implied(text, trigger) == {"wounded": 1}


@pytest.mark.parametrize("text,trigger", [
    ("Gunmen attacked a checkpoint.", "attacked"),
    ("Fighters ambushed a convoy.", "ambushed"),
    ("Gunmen opened fire on a bus.", "opened fire"),
    ("Troops clashed with rebels.", "clashed"),
    ("Bandits abducted ten farmers.", "abducted"),
    ("Artillery shelled the town.", "shelled"),
    ("Someone in the car fired several times at the trooper.", "fired"),
    ("Gunmen shot at the convoy but missed.", "shot"),
    ("Soldiers shot in the air to disperse the crowd.", "shot"),
    ("A passenger in the van shot several rounds at the truck.", "shot"),
    ("The guard shot back at the attackers.", "shot"),
    ("A skilled gunman was arrested.", "skilled"),
])
def test_other_triggers_imply_nothing(text, trigger):
    assert _implied(text, trigger) == {}


def test_a_hit_with_a_death_told_nearby_is_a_death_unless_the_event_counts_its_wounded():
    text = "A 31-year-old cook was shot near Pine Avenue. Medics rushed him to a clinic, and he died there."
    assert _implied(text, "shot") == {"fatalities": 1}
    # the victim is counted as wounded: the death nearby is someone else's
    assert _implied(text, "shot", wounded=[parse_count("a")]) == {}
    # a death in an earlier sentence is another event's
    text = "Two soldiers were killed in Gao. In Kidal a trader was shot in the leg."
    assert _implied(text, "shot") == {"wounded": 1}
    # a death denied is no death told
    for denial in ("No one was killed.", "There were no deaths.", "The wound was not fatal.",
                   "Nobody else was killed, police said."):
        assert _implied(f"A trader was shot in the leg in Kidal. {denial}", "shot") == {"wounded": 1}
    # a charge names a death that did not happen
    for charge in ("He faces a charge of attempted murder.", "He was charged with assault with a deadly weapon.",
                   "Police said the officers used deadly force."):
        assert _implied(f"A man was shot by police in Burbank. {charge}", "shot") == {"wounded": 1}
    assert _implied("A man was shot in Burbank. The murder suspect fled.", "shot") == {"fatalities": 1}


def test_figures_win_over_what_the_trigger_implies():
    text = "A farmer was shot dead and another was shot in the arm."
    assert _implied(text, "shot dead", fatalities=[parse_count("two")]) == {}
    # a victim who died counts as killed only
    text = "A farmer was shot in the arm."
    assert _implied(text, "shot", fatalities=[parse_count("one")]) == {}
    # "no one was killed" leaves room for a wounded victim
    assert _implied(text, "shot", fatalities=[parse_count("no one")]) == {"wounded": 1}


@pytest.mark.parametrize("sentence,dead", [
    ("He died of a gunshot wound to the chest.", True),
    ("Okafor has since died of the injuries he suffered.", True),
    ("They found him dead of a gunshot wound to the head.", True),
    ("The victim was found with a fatal wound.", True),
    ("He is in hospital with a gunshot wound.", False),
    ("Medics found him with a gunshot wound. He was pronounced dead at the scene.", True),
    ("She was found with a gunshot wound to the head. She was later pronounced deceased.", True),
    ("He was treated for a gunshot wound. No one was killed in the attack.", False),
    ("His injuries are not life-threatening.", False),
])
def test_a_wound_mention_beside_a_death_is_how_the_victim_died(sentence, dead):
    assert wound_of_the_dead(parse_count("wound"), sentence) is dead


def test_a_wounded_figure_with_a_number_is_never_the_wound_of_the_dead():
    assert not wound_of_the_dead(parse_count("two"), "Two were killed and two wounded.")


@pytest.mark.parametrize("text,figure,hit", [
    ("Two people were shot during a robbery on Monday.", "Two", True),
    ("Deputies said one cashier was shot in the hip.", "one", True),
    ("Three students have been stabbed near the school.", "Three", True),
    ("4 shot at Elm Street diner", "4", True),
    ("Two people were shot; one died in hospital.", "Two", False),
    ("Two people were shot dead at the market.", "Two", False),
    ("Two men were shot and killed outside a bar.", "Two", False),
    ("Gunmen killed two people and wounded three.", "two", False),
    # words after the figure that call the people wounded, injured or survivors decide, whatever else died
    ("Two people were wounded in the attack.", "Two", True),
    ("Two soldiers had suffered light injuries and several assailants had been killed.", "Two", True),
    ("One other man survived with a gunshot wound to the leg.", "One", True),
    ("Three were injured and two were killed.", "Three", True),
    ("Two were wounded and later died in hospital.", "Two", False),
    ("The hospital reported eight deaths and said 12 pupils were still on its wards.", "12", True),
    ("Four people remain hospitalised.", "Four", True),
    ("The ministry put the toll at 18 and said dozens had been wounded.", "18", False),
])
def test_a_figure_of_people_hurt_who_survived_counts_the_wounded(text, figure, hit):
    start = text.index(figure)
    assert hit_not_killed(text, start, start + len(figure)) is hit


@pytest.mark.parametrize("text,figure,dead", [
    ("Two villagers who tried to resist were shot dead, he said.", "Two", True),
    ("Three soldiers were killed and five wounded.", "Three", True),
    ("2 people were shot and killed outside a bar.", "2", True),
    ("Two of the hostages were later executed.", "Two", True),
    ("Two villagers were wounded and one was killed.", "Two", False),
    ("Three were hurt when a man was shot dead.", "Three", False),
    ("Two people were shot; one was killed.", "Two", False),
    ("Five were wounded in the blast.", "Five", False),
    ("Both were pronounced dead in the clinic.", "Both", True),
    ("Two guards were later found dead in the yard.", "Two", True),
    ("Two were declared dead on arrival and one was treated.", "Two", True),
    # the words before the figure say it counts the dead
    ("A local official later put the number of dead soldiers at 11 and said four were wounded.", "11", True),
    ("An aid group put the death toll at 15.", "15", True),
    ("By Friday the toll had risen to 23.", "23", True),
    ("The number of those killed rose to 9.", "9", True),
    ("The number of people killed stands at 9.", "9", True),
    ("The injury toll rose to 40.", "40", False),
    ("The casualty toll stood at 40.", "40", False),
    ("Police put the number of wounded at 14.", "14", False),
])
def test_a_figure_of_people_killed_in_its_own_clause_counts_the_dead(text, figure, dead):
    start = text.index(figure)
    assert killed_not_hit(text, start, start + len(figure)) is dead


@pytest.mark.parametrize("text,figures,totals", [
    ("Gunmen killed three soldiers and two civilians.", ["three", "two"], [5]),
    ("The blast killed two policemen and a civilian.", ["two", "a"], [3]),
    ("12 soldiers and 30 militants were killed in the clashes.", ["12", "30"], [42]),
    ("It killed two soldiers, a policeman and three civilians.", ["two", "a", "three"], [6]),
    ("It killed two soldiers as well as four herders.", ["two", "four"], [6]),
    # figures for the same people, or a part of a figure, stay apart
    ("at least 9 soldiers and up to 14 soldiers died", ["at least 9", "up to 14"], [9, 14]),
    ("The attack killed 10 people, 3 of them children.", ["10", "3"], [10, 3]),
    ("Nine soldiers died, the army said; the rebels said 14 soldiers died.", ["Nine", "14"], [9, 14]),
    ("Two were killed on Monday and three on Tuesday.", ["Two", "three"], [2, 3]),
    ("Three shot, one dead after a memorial service", ["Three", "one"], [3, 1]),
])
def test_a_total_told_in_parts_is_their_sum(text, figures, totals):
    spans = []
    for figure in figures:
        found = re.compile(rf"\b{figure}\b").search(text, spans[-1][2] if spans else 0)
        spans.append((parse_count(figure), found.start(), found.end()))
    assert [count.value for count, _, _ in sum_parts(text, spans)] == totals


@pytest.mark.parametrize("text,figure,other", [
    ("A guard was wounded. No one else was hurt.", "No one", True),
    ("A guard was wounded. Nobody else was hurt.", "Nobody else", True),
    ("Two died. No other casualties were reported.", "No", True),
    ("No one was hurt in the blast.", "No one", False),
    ("One other person was hurt.", "One", False),
    ("There were no casualties, police said.", "no casualties", False),
    ("No injuries were reported.", "No", False),
    ("There were no immediate reports of deaths.", "no", False),
    ("None were hurt.", "None", False),
    # a zero about one group of people: not the event's victims
    ("A man was wounded by a police officer. No officers were injured.", "No", True),
    ("The driver was killed. None of the passengers was injured.", "None", True),
    ("Tehran claimed 80 deaths; the Pentagon said there were no American deaths.", "no American deaths", False),
    ("Ten rebels died. Not a single soldier was killed.", "Not a single", True),
])
def test_a_zero_about_anyone_else_is_no_figure_of_the_event(text, figure, other):
    start = text.index(figure)
    assert zero_about_others(parse_count(figure), text, start, start + len(figure)) is other


@pytest.mark.parametrize("text,figure,people", [
    ("He was hit by multiple gunshot wounds to the chest.", "multiple", False),
    ("police found him in the 1900 block of Cross Lane", "1900", False),
    ("a 20-year - old man was shot", "20", False),
    ("the gunmen fired 15 rounds at the bus", "15", False),
    ("she suffered two stab wounds", "two", False),
    ("Ukraine's air force said two ballistic missiles hit the city.", "two", False),
    ("Russia launched 40 drones overnight.", "40", False),
    ("three mortar shells landed near the camp", "three", False),
    ("the strike killed five tank crew", "five", True),
    ("it killed two bomb disposal experts", "two", True),
    ("Two men were wounded and three others hurt.", "Two", True),
    ("the toll rose to 12 on Sunday", "12", True),
    ("killing two, wounding several", "several", True),
    # months, not words that start like one
    ("the raid of 12 March 2024", "12", False),
    ("attacks on 5 Sept. left", "5", False),
    ("three separatists were killed", "three", True),
    ("12 marines died", "12", True),
    ("two deceased victims", "two", True),
    ("two may have died", "two", True),
    # people arrested or seen fleeing are no victims, unless hurt first
    ("Two men were arrested on firearms charges.", "Two", False),
    ("3 Teens Arrested After Deadly Parking Lot Fight", "3", False),
    ("Two women were detained after the girl was found safe.", "Two", False),
    ("Two youths in grey hoodies were seen fleeing on foot.", "Two", False),
    ("Two suspects are in custody.", "Two", False),
    ("Police said four young men arrested in a raid on a hideout were being questioned.", "four", False),
    ("two wounded gunmen were arrested", "two", True),
    ("Two people were shot and a man was arrested.", "Two", True),
    ("Two people were shot; police arrested a suspect.", "Two", True),
    ("seven men they had detained were executed", "seven", True),
    ("soldiers executed seven men they had detained in a hamlet", "seven", True),
    ("at least 26 of the detained men were found dead", "at least 26", True),
    # people taken or freed are no victims of death or wounds
    ("Bandits stormed the village, abducting 31 people.", "31", False),
    ("Troops freed at least 12 hostages on Friday.", "at least 12", False),
    ("Forty students were abducted from their school.", "Forty", False),
    ("Gunmen killed 3 and abducted 10.", "3", True),
    ("Gunmen abducted and killed 5 traders.", "5", True),
    ("The fire brigade took 14 injured people to hospital.", "14", True),
    ("Soldiers raped at least five women during house searches.", "at least five", False),
    ("Gunmen raped and killed two women.", "two", True),
    ("Gang members set fire to dozens of homes.", "dozens", False),
    ("Medics described treating dozens of gunshot wounds.", "dozens", True),
    # animals are no people, their herders are
    ("Elders said about 60 goats were taken.", "about 60", False),
    ("Raiders killed 200 head of cattle.", "200", False),
    ("Raiders killed two herders and drove off their camels.", "two", True),
    ("Seven cattle keepers were shot as they gathered the herd.", "Seven", True),
    ("A cattle trader riding home was shot in the arm.", "A", True),
    # a part of the figure before it is no figure of its own
    ("killing 28 civilians including 9 children", "9", False),
    ("12 were wounded, among them three policemen", "three", False),
    ("killing 28 civilians including 9 children", "28", True),
    # the shooters are no victims, unless the clause hits them
    ("One rider opened fire on the checkpoint.", "One", False),
    ("A jury cleared two constables who fatally shot a fleeing driver.", "two", False),
    ("One gunman was wearing a red cap, a witness said.", "One", False),
    ("Two of the attackers are still at large.", "Two", False),
    ("Three raiders who fired on the convoy were killed by escorts.", "Three", True),
    ("Troops shot three raiders who opened fire on them.", "three", True),
    ("Two men shot and killed near a bus stop", "Two", True),
    ("fatally shot a taxi driver at a roadblock", "fatally", True),
])
def test_counts_people_by_what_follows_the_figure(text, figure, people):
    start = text.index(figure)
    assert counts_people(text, start, start + len(figure)) is people


@pytest.mark.parametrize("sentence,harm", [
    ("Two farmers were hurt.", True),
    ("Police put the number at 14.", True),
    ("A monitor compiled a list of 23 names.", True),
    ("A clinic medic said nine people had suffered suffocation symptoms.", True),
    ("Five men were evacuated from the trench.", True),
    ("The church gave a total of between 20 and 25.", True),
    ("The militia mourned two martyrs.", True),
    ("The three have not been questioned yet.", False),
    ("Two other people were inside the pickup and three others in the house.", False),
    ("Two officers stayed by their car with guns drawn.", False),
    ("Witnesses said five or six men were inside the van.", False),
])
def test_a_sentence_that_tells_of_harm_or_a_tally(sentence, harm):
    assert tells_harm(sentence) is harm


@pytest.mark.parametrize("text,figure,condition", [
    ("The blast injured half a dozen people; two were in serious condition.", "two", True),
    ("Nine were wounded, three of them remain in critical condition.", "three", True),
    ("Four people were still in a stable condition on Monday.", "Four", True),
    ("Two were injured and taken to hospital.", "Two", False),
    ("Doctors said 16 were being treated, three of them in a serious condition.", "16", False),
])
def test_a_figure_that_tells_how_some_of_the_hurt_are(text, figure, condition):
    start = text.index(figure)
    assert condition_of_some(text, start, start + len(figure)) is condition
