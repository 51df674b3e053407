"""The explosion sub-type from the trigger's and the weapons' words."""

import datetime as dt

import pytest

from inference.decoding import SpanPrediction
from inference.events import assemble_events
from inference.weapons import explosion_sub_type


@pytest.mark.parametrize("trigger,weapons,sub", [
    # the weapon decides when the trigger names none
    ("struck", ["a roadside bomb"], "Remote explosive/landmine/IED"),
    ("exploded", ["an improvised explosive device"], "Remote explosive/landmine/IED"),
    ("hit", ["a landmine"], "Remote explosive/landmine/IED"),
    ("went off", ["a car bomb"], "Remote explosive/landmine/IED"),
    ("struck", ["a missile"], "Shelling/artillery/missile attack"),
    ("hit", ["mortar rounds"], "Shelling/artillery/missile attack"),
    ("fired", ["Grad rockets"], "Shelling/artillery/missile attack"),
    ("fired", ["rocket-propelled grenades"], "Shelling/artillery/missile attack"),
    ("hit", ["a Shahed drone"], "Air/drone strike"),
    ("bombed", ["Su-25 jets"], "Air/drone strike"),
    ("struck", ["grenades dropped from a drone"], "Air/drone strike"),
    ("threw", ["a hand grenade"], "Grenade"),
    ("detonated", ["a suicide vest"], "Suicide bomb"),
    ("rammed", ["a suicide car bomb"], "Suicide bomb"),
    ("released", ["chlorine canisters"], "Chemical weapon"),
    ("fired", ["projectiles that released a dense yellowish gas"], "Chemical weapon"),
    ("lobbed", ["gas-cylinder bombs"], None),
    # the trigger's own words first
    ("airstrike", ["rockets"], "Air/drone strike"),
    ("shelled", ["a drone spotter"], "Shelling/artillery/missile attack"),
    ("suicide bombing", [], "Suicide bomb"),
    # nothing named
    ("attacked", [], None),
    ("struck", ["explosives"], None),
])
def test_explosion_sub_type(trigger, weapons, sub):
    assert explosion_sub_type(trigger, weapons) == sub


def _span(text: str, phrase: str, label: str, sub: str | None = None) -> SpanPrediction:
    start = text.index(phrase)
    return SpanPrediction(start, start + len(phrase), label, sub, 0.9)


def test_an_explosion_event_takes_the_sub_type_its_weapon_names():
    text = "A roadside bomb struck a minibus near Jowhar on Monday, killing three civilians."
    preds = [_span(text, "A roadside bomb", "WEAPON"), _span(text, "struck", "TRIGGER", "Air/drone strike"),
             _span(text, "three", "FATALITIES")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    # other event types keep the model's sub-type: a clash fought with grenades is a clash
    text = "Soldiers clashed with rebels armed with grenades near Jowhar."
    preds = [_span(text, "clashed", "TRIGGER", "Armed clash"), _span(text, "grenades", "WEAPON")]
    (event,) = assemble_events(text, preds, dt.date(2024, 3, 6))
    assert event.sub_event_type == "Armed clash"
