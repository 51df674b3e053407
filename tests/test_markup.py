from pathlib import Path

import pytest

from training.markup import MarkupError, compile_article, compile_paths, parse_inline, render_markup

DATA = Path(__file__).parent / "data"


def test_parse_inline_offsets_point_at_surface_text():
    text, spans = parse_inline("KABUL, May 3 - [Taliban fighters](ACTOR:a1) [killed](TRIGGER:t1) [at least 34](FATALITIES:f1) police.")
    assert text == "KABUL, May 3 - Taliban fighters killed at least 34 police."
    assert [text[s["start"] : s["end"]] for s in spans] == ["Taliban fighters", "killed", "at least 34"]
    assert [s["label"] for s in spans] == ["ACTOR", "TRIGGER", "FATALITIES"]


def test_span_without_id_gets_an_internal_id():
    text, spans = parse_inline("in [Tera](LOCATION) today")
    assert spans == [{"id": "_s1", "start": 3, "end": 7, "label": "LOCATION"}]


@pytest.mark.parametrize(
    "marked",
    [
        "[at least 34](FATALITIES:f1) soldiers and [two](WOUNDED:w1) civilians",
        "no spans at all, just text (with parentheses) and [brackets in words",
        "[Gunmen](ACTOR)\n\n[attacked](TRIGGER:t1) a [convoy](TARGET:v1).",
    ],
)
def test_round_trip(marked):
    text, spans = parse_inline(marked)
    assert parse_inline(render_markup(text, spans)) == (text, spans)


def test_round_trip_of_a_whole_file():
    for doc in compile_paths([DATA / "tiny.yaml"]):
        text, spans = parse_inline(render_markup(doc["text"], doc["spans"]))
        assert text == doc["text"] and spans == doc["spans"]


def test_malformed_markup_is_refused():
    with pytest.raises(MarkupError, match="malformed"):
        parse_inline("[killed](trigger:t1) lowercase label")


def test_article_errors_name_the_article():
    with pytest.raises(MarkupError, match="article x-1.*unknown keys"):
        compile_article({"id": "x-1", "text": "a", "colour": "red"})
    with pytest.raises(MarkupError, match="article x-2 event 1.*exactly one trigger"):
        compile_article({"id": "x-2", "text": "[a](TRIGGER:t1)", "events": [{"sub_event_type": "Attack"}]})
    with pytest.raises(MarkupError, match="used twice"):
        compile_article({"id": "x-3", "text": "[a](ACTOR:a) [b](ACTOR:a)"})


def test_gold_values_are_copied_not_computed():
    doc = compile_paths([DATA / "tiny.yaml"])[0]
    event = doc["events"][0]
    assert event["fatalities"] == {"best": 12, "low": 12, "high": 15, "vague": False}
    assert event["event_date"] == "2024-03-13" and event["time_precision"] == 1
    assert event["arguments"]["fatalities"] == ["f1", "f2"]
