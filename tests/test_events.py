"""Event assembly from hand-built span predictions: places shared across an article's events."""

import datetime as dt

from inference.decoding import SpanPrediction
from inference.events import assemble_events


def _span(text: str, phrase: str, label: str, sub: str | None = None, nth: int = 0) -> SpanPrediction:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return SpanPrediction(start, start + len(phrase), label, sub, 0.9)


def test_an_event_naming_no_place_takes_the_nearest_event_place():
    text = ("Gunmen attacked a bus near Tera in Tillaberi region on Monday. "
            "Two days later soldiers clashed with the gunmen.")
    preds = [
        _span(text, "attacked", "TRIGGER", "Attack"),
        _span(text, "Tera", "LOCATION"),
        _span(text, "Tillaberi region", "LOCATION"),
        _span(text, "clashed", "TRIGGER", "Armed clash"),
    ]
    first, second = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (first.place.iso2, first.place.admin1, first.place.location) == ("NE", "Tillaberi", "Tera")
    assert second.place.location == "Tera" and second.place.admin1 == "Tillaberi"
    assert [s.text for s in second.place.spans] == ["Tera", "Tillaberi region"], "traceable to the donor's spans"
    assert second.place.confidence == first.place.confidence / 2


def test_without_any_place_the_dateline_place_stays():
    text = "NIAMEY, March 4 - Soldiers clashed with gunmen on Sunday."
    (event,) = assemble_events(text, [_span(text, "clashed", "TRIGGER", "Armed clash")], None)
    assert event.place.iso2 == "NE" and event.place.location == "NIAMEY"


def test_the_article_country_settles_a_namesake_abroad():
    text = ("Rebels shot dead a village chief in Lianga on Monday. "
            "Soldiers clashed with rebels in San Agustin on Tuesday.")
    preds = [
        _span(text, "shot dead", "TRIGGER", "Attack"),
        _span(text, "Lianga", "LOCATION"),
        _span(text, "clashed", "TRIGGER", "Armed clash"),
        _span(text, "San Agustin", "LOCATION"),
    ]
    first, second = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert first.place.iso2 == "PH" and second.place.iso2 == "PH"



def test_places_the_model_did_not_mark_still_settle_the_country():
    # Only "Mir Ali" is marked; the province and the country named in the text decide where it is.
    text = ("Gunmen attacked a checkpoint in Mir Ali on Monday, killing two policemen. "
            "Police in Khyber Pakhtunkhwa said the attackers fled towards the Afghan border.")
    preds = [_span(text, "attacked", "TRIGGER", "Attack"), _span(text, "Mir Ali", "LOCATION")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.place.iso2, event.place.admin1, event.place.location) == ("PK", "Khyber Pakhtunkhwa", "Mir Ali")
    assert [s.text for s in event.place.spans] == ["Mir Ali"]


def test_a_killing_trigger_with_no_figure_codes_one_death_and_a_figure_wins_over_it():
    text = "A 42-year-old trader was shot dead in Kano on Monday, police said."
    trigger = _span(text, "shot dead", "TRIGGER", "Attack")
    (event,) = assemble_events(text, [trigger, _span(text, "Kano", "LOCATION")], dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.fatalities.vague) == (1, True)
    assert [f.span.text for f in event.fatalities.figures] == ["shot dead"], "traceable to the trigger"
    assert event.wounded.best == 0
    text = "Gunmen shot dead three traders in Kano on Monday."
    preds = [_span(text, "shot dead", "TRIGGER", "Attack"), _span(text, "three", "FATALITIES")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.fatalities.vague) == (3, False)
    text = "Gunmen attacked a checkpoint in Kano on Monday."
    (event,) = assemble_events(text, [_span(text, "attacked", "TRIGGER", "Attack")], dt.date(2024, 3, 6))
    assert event.fatalities.best == 0 and event.fatalities.figures == ()


def test_a_person_hit_with_no_figure_codes_one_wounded_and_a_death_nearby_one_killed():
    text = "A coffee grower was shot in the back in Argelia on Saturday, police said."
    (event,) = assemble_events(text, [_span(text, "shot", "TRIGGER", "Attack")], dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.wounded.best, event.wounded.vague) == (0, 1, True)
    assert [f.span.text for f in event.wounded.figures] == ["shot"], "traceable to the trigger"
    text = "A coffee grower was shot in the back on Saturday. He died in hospital in Popayan."
    (event,) = assemble_events(text, [_span(text, "shot", "TRIGGER", "Attack")], dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.wounded.best) == (1, 0)


def test_a_wound_that_killed_its_victim_is_no_wounded_figure():
    text = "Gunmen shot a driver in Kano on Monday. He died of a gunshot wound to the chest."
    preds = [_span(text, "shot", "TRIGGER", "Attack"), _span(text, "died", "FATALITIES"),
             _span(text, "wound", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.wounded.best, event.wounded.figures) == (1, 0, ())


def test_people_shot_with_no_death_are_wounded_and_zero_about_others_adds_nothing():
    text = "Two people were shot during a robbery in Kano on Monday. No one else was hurt, police said."
    preds = [_span(text, "shot", "TRIGGER", "Attack"), _span(text, "Two", "FATALITIES"),
             _span(text, "No one", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.wounded.best) == (0, 2)
    assert [f.span.text for f in event.wounded.figures] == ["Two"]


def test_a_figure_of_wounds_or_shots_is_not_a_count_of_people():
    text = "Gunmen shot a driver in Kano on Monday; he died of multiple gunshot wounds. Two passengers were hurt."
    preds = [_span(text, "shot", "TRIGGER", "Attack"), _span(text, "died", "FATALITIES"),
             _span(text, "multiple", "WOUNDED"), _span(text, "Two", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.wounded.best) == (1, 2)
    assert [f.span.text for f in event.wounded.figures] == ["Two"]


def test_mentions_of_one_incident_are_one_event():
    # ACLED: one sub-type, one place, one day is one event, however many sentences tell it
    text = ("A teenager was found shot to death on Tuesday in Harvey, Louisiana. "
            "Officials believe he was shot along the canal bank. Two men were arrested on Wednesday.")
    preds = [
        _span(text, "shot to death", "TRIGGER", "Attack"),
        _span(text, "on Tuesday", "DATE"),
        _span(text, "Harvey", "LOCATION"),
        _span(text, "shot", "TRIGGER", "Attack", nth=1),
        _span(text, "arrested", "TRIGGER", "Arrests"),
        _span(text, "Two", "TARGET"),
        _span(text, "on Wednesday", "DATE"),
    ]
    attack, arrest = assemble_events(text, preds, dt.date(2024, 3, 7))
    assert attack.trigger.text == "shot to death" and attack.date.date == "2024-03-05"
    # the bare "was shot" of the second mention is the dead victim's, not a survivor's
    assert (attack.fatalities.best, attack.wounded.best) == (1, 0)
    assert arrest.sub_event_type == "Arrests" and arrest.date.date == "2024-03-06"


def test_the_same_sub_type_on_another_day_or_at_another_place_stays_apart():
    text = ("Gunmen killed two farmers in Tera on Monday. Gunmen killed a trader in Dori on Monday. "
            "Last month gunmen killed three herders in Tera.")
    preds = [_span(text, "killed", "TRIGGER", "Attack", nth=n) for n in range(3)] + [
        _span(text, "Tera", "LOCATION"), _span(text, "Dori", "LOCATION"), _span(text, "Tera", "LOCATION", nth=1),
        _span(text, "on Monday", "DATE"), _span(text, "on Monday", "DATE", nth=1), _span(text, "Last month", "DATE"),
    ]
    events = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert [(e.place.location, e.date.date) for e in events] == [
        ("Tera", "2024-03-04"), ("Dori", "2024-03-04"), ("Tera", "2024-02-01")]


def test_figures_told_after_the_story_moves_to_an_earlier_time_stay_out():
    # the older attack's trigger was missed: its "nine" must not become this strike's wounded
    text = ("A missile struck a residential block in Kharkiv late on Monday, killing four people and wounding 23. "
            "Earlier this month, a drone attack on the city wounded nine people.")
    preds = [_span(text, "struck", "TRIGGER", "Shelling/artillery/missile attack"), _span(text, "Kharkiv", "LOCATION"),
             _span(text, "late on Monday", "DATE"), _span(text, "four", "FATALITIES"), _span(text, "23", "WOUNDED"),
             _span(text, "this month", "DATE"), _span(text, "nine", "WOUNDED")]
    event, older = assemble_events(text, preds, dt.date(2025, 10, 8))
    assert (event.date.date, event.fatalities.best, event.wounded.best, event.wounded.high) == ("2025-10-06", 4, 23, 23)
    # ...it is an older event of its own, with the trigger the model missed read from the sentence
    assert (older.sub_event_type, older.trigger.text, older.wounded.best, older.date.time_precision) == (
        "Air/drone strike", "attack", 9, 3)


def test_a_later_toll_still_joins_its_event():
    text = ("Gunmen killed eight villagers in Tera on Monday. On Wednesday, the toll rose to 12, officials said. "
            "Last week, gunmen killed three herders nearby.")
    preds = [_span(text, "killed", "TRIGGER", "Attack"), _span(text, "Tera", "LOCATION"),
             _span(text, "on Monday", "DATE"), _span(text, "eight", "FATALITIES"), _span(text, "On Wednesday", "DATE"),
             _span(text, "12", "FATALITIES"), _span(text, "Last week", "DATE"), _span(text, "three", "FATALITIES")]
    event, older = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.fatalities.high) == (8, 12)
    assert (older.trigger.text, older.fatalities.best, older.date.time_precision) == ("killed", 3, 2)


def test_a_date_the_model_missed_is_read_from_the_trigger_sentence():
    text = ("OUAGADOUGOU, June 2 - Two days ago, gunmen attacked a military post in Djibo, security sources said on "
            "Monday.")
    (event,) = assemble_events(text, [_span(text, "attacked", "TRIGGER", "Armed clash")], dt.date(2025, 6, 2))
    assert (event.date.date, event.date.time_precision, event.date.span.text) == ("2025-05-31", 1, "Two days ago")
    assert event.date.span.score == 0.0 and event.date.confidence is None, "found by rule, not by the model"


def test_the_same_day_is_the_day_of_the_event_told_before():
    text = ("Police fired tear gas at students in Lima on Monday. The same afternoon, protesters blocked a highway "
            "in Puno.")
    preds = [_span(text, "fired", "TRIGGER", "Excessive force against protesters"), _span(text, "on Monday", "DATE"),
             _span(text, "blocked", "TRIGGER", "Violent demonstration")]
    first, second = assemble_events(text, preds, dt.date(2023, 1, 11))
    assert first.date.date == second.date.date == "2023-01-09"
    assert second.date.span.text == "The same afternoon"


def test_with_no_target_marked_the_noun_a_casualty_figure_counts_names_the_victims():
    text = "Gunmen opened fire on a market in Tera on Monday, killing 12 villagers and wounding four traders."
    preds = [_span(text, "opened fire", "TRIGGER", "Attack"), _span(text, "12", "FATALITIES"),
             _span(text, "four", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.actor2.name == "villagers" and event.actor2.confidence == 0.0
    assert event.actor2.mentions[0].label == "TARGET" and event.actor2.mentions[0].score == 0.0
    text = "A blast hit a bus station, killing 9 people who were waiting; 3 teenage players were hurt."
    preds = [_span(text, "hit", "TRIGGER", "Remote explosive/landmine/IED"), _span(text, "3", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.actor2.name == "teenage players"
    # a clash has two armed sides: its figures name no actor2
    text = "Soldiers clashed with rebels, killing 12 fighters."
    preds = [_span(text, "clashed", "TRIGGER", "Armed clash"), _span(text, "Soldiers", "ACTOR"),
             _span(text, "12", "FATALITIES")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.actor2 is None
    # "12 were killed": no noun, no actor2
    text = "Gunmen attacked the village; 12 were killed."
    preds = [_span(text, "attacked", "TRIGGER", "Attack"), _span(text, "12", "FATALITIES")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.actor2 is None


def test_a_casualty_told_with_the_action_that_caused_it_is_one_event_of_that_action():
    text = ("Four soldiers were shot when militants attacked an army post near Dapaong on Tuesday. "
            "Two villagers were wounded on Monday. On Wednesday, police clashed with gunmen in Kara.")
    preds = [
        _span(text, "Four", "WOUNDED"),
        _span(text, "shot", "TRIGGER", "Attack"),
        _span(text, "militants", "ACTOR"),
        _span(text, "attacked", "TRIGGER", "Armed clash"),
        _span(text, "Dapaong", "LOCATION"),
        _span(text, "wounded", "TRIGGER", "Attack"),
        _span(text, "clashed", "TRIGGER", "Armed clash"),
        _span(text, "Kara", "LOCATION"),
    ]
    events = assemble_events(text, preds, dt.date(2024, 10, 17))
    first = events[0]
    assert (first.sub_event_type, first.trigger.text) == ("Armed clash", "attacked")
    assert first.wounded.best == 4 and first.actor1.name == "militants"
    # with no "when"/"as"/"after" between them, a casualty and an action stay two events
    assert [e.sub_event_type for e in events[1:]] == ["Attack", "Armed clash"]


def test_a_casualty_trigger_after_the_action_is_not_folded_into_it():
    text = "Militants attacked an army post near Dapaong, and two soldiers were shot when they fled."
    preds = [_span(text, "attacked", "TRIGGER", "Armed clash"), _span(text, "shot", "TRIGGER", "Attack")]
    assert [e.sub_event_type for e in assemble_events(text, preds, dt.date(2024, 10, 16))] == ["Armed clash",
                                                                                                "Attack"]


def test_the_condition_of_some_of_the_hurt_is_no_second_toll():
    text = "A grenade injured half a dozen people at a bazaar on Monday; two were in serious condition."
    preds = [_span(text, "injured", "TRIGGER", "Grenade"), _span(text, "half a dozen", "WOUNDED"),
             _span(text, "two", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.wounded.best, event.wounded.low, event.wounded.high) == (6, 6, 6)
    # alone, such a figure is still the toll
    text = "Two people were in critical condition after a grenade attack at a bazaar on Monday."
    preds = [_span(text, "grenade attack", "TRIGGER", "Grenade"), _span(text, "Two", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.wounded.best == 2


def test_a_figure_in_a_sentence_that_tells_of_no_harm_counts_no_one():
    text = ("Gunmen shot a trader in the arm in Kaduna on Monday. The two men he was with were not questioned. "
            "Three were wounded in the leg.")
    preds = [_span(text, "shot", "TRIGGER", "Attack"), _span(text, "two", "WOUNDED"),
             _span(text, "Three", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert [f.value for f in event.wounded.figures] == [3]


def test_victims_are_never_read_from_a_function_word_after_the_figure():
    text = "Gunmen shot a driver in his seat on Monday. He was pronounced dead a few minutes later."
    preds = [_span(text, "shot", "TRIGGER", "Attack"), _span(text, "pronounced dead", "FATALITIES")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.actor2 is None


def test_a_casualty_before_any_trigger_stands_for_the_trigger_the_model_missed():
    text = ("Israeli airstrikes on a house in Nuseirat killed nine people overnight, the civil defence agency said. "
            "At least 20 were wounded.")
    preds = [_span(text, "Israeli airstrikes", "ACTOR"), _span(text, "Nuseirat", "LOCATION"),
             _span(text, "nine", "FATALITIES"), _span(text, "At least 20", "WOUNDED")]
    (event,) = assemble_events(text, preds, dt.date(2026, 11, 18))
    assert (event.sub_event_type, event.trigger.text) == ("Air/drone strike", "killed")
    assert (event.fatalities.best, event.wounded.best, event.actor1.name) == (9, 20, "Israeli airstrikes")
    assert event.confidence == 0.45  # half the figure's: no model trigger
    # no weapon named: an attack, or a clash when the words say so
    text = "Two men were shot dead by gunmen in Kaduna on Monday."
    (event,) = assemble_events(text, [_span(text, "Two", "FATALITIES")], dt.date(2024, 3, 6))
    assert (event.sub_event_type, event.trigger.text, event.fatalities.best) == ("Attack", "shot", 2)
    # the act is the trigger where the model left it unmarked, else the casualty word
    text = "Clashes between two militias near Beni left 12 fighters dead on Friday."
    (event,) = assemble_events(text, [_span(text, "12", "FATALITIES")], dt.date(2024, 3, 6))
    assert (event.sub_event_type, event.trigger.text) == ("Armed clash", "Clashes")


def test_no_event_is_made_from_a_casualty_with_no_violence_or_in_the_background():
    for text, figure in [
        ("Twenty-two passengers died when a bus overturned on a mountain road.", "Twenty-two"),
        ("A court sentenced two men for the 2015 attacks on a hotel, which together killed more than 20 people.",
         "more than 20"),
        ("Two men were jailed for their part in a 2019 attack on a mall in which 21 shoppers were killed.", "21"),
        ("Survivors marked the anniversary of a 2019 bomb attack on a mosque that left 120 worshippers dead.", "120"),
    ]:
        assert assemble_events(text, [_span(text, figure, "FATALITIES")], dt.date(2024, 3, 6)) == []


def test_a_casualty_after_the_first_trigger_joins_its_event():
    text = "Gunmen attacked a market in Gao on Monday. A grenade blast there killed three traders."
    preds = [_span(text, "attacked", "TRIGGER", "Attack"), _span(text, "three", "FATALITIES")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.trigger.text, event.fatalities.best) == ("attacked", 3)


def test_words_that_take_the_story_back_in_time_end_the_event_arguments():
    text = ("Gunmen opened fire on fishermen near Baga on Tuesday, killing 14. "
            "The attack came a week after soldiers repelled an assault on a base in Monguno, in which two died.")
    preds = [_span(text, "opened fire", "TRIGGER", "Attack"), _span(text, "14", "FATALITIES"),
             _span(text, "two", "FATALITIES"), _span(text, "Monguno", "LOCATION")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.fatalities.best == 14 and event.fatalities.high == 14
    assert [s.text for s in event.place.spans] != ["Monguno"]
    # a later toll of the same story still joins
    text = "Gunmen opened fire on fishermen near Baga on Tuesday, killing 14. A local leader put the toll at 19."
    preds = [_span(text, "opened fire", "TRIGGER", "Attack"), _span(text, "14", "FATALITIES"),
             _span(text, "19", "FATALITIES")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.fatalities.best, event.fatalities.high) == (14, 19)


def test_an_older_event_told_further_down_with_its_own_date_is_an_event():
    text = ("Military jets bombed a village in Kanbalu township on Thursday, killing 28 civilians. "
            "On 3 February, an airstrike on a monastery in Kyunhla township killed four novices.")
    preds = [_span(text, "bombed", "TRIGGER", "Air/drone strike"), _span(text, "Kanbalu", "LOCATION"),
             _span(text, "on Thursday", "DATE"), _span(text, "28", "FATALITIES"), _span(text, "3 February", "DATE"),
             _span(text, "Kyunhla", "LOCATION"), _span(text, "four", "FATALITIES")]
    newer, older = assemble_events(text, preds, dt.date(2026, 2, 15))
    assert (newer.date.date, newer.fatalities.best, newer.fatalities.high) == ("2026-02-12", 28, 28)
    assert (older.sub_event_type, older.trigger.text, older.date.date, older.fatalities.best) == (
        "Air/drone strike", "airstrike", "2026-02-03", 4)
    assert older.place.location == "Kyunhla" and older.confidence == 0.45
