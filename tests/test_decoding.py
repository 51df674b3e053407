import numpy as np
import pytest

from inference.decoding import TokenScores, WindowMerger, decode_bio
from inference.engine import pack_by_budget
from inference.labels import build_label_list
from inference.sentences import sentence_starts

LABELS = build_label_list()
ID2L = dict(enumerate(LABELS))
L2ID = {v: k for k, v in ID2L.items()}


def one_hot(*names):
    probs = np.full((len(names), len(LABELS)), 0.001, dtype=np.float32)
    for row, name in enumerate(names):
        probs[row, L2ID[name]] = 0.9
    return probs


def test_overlapping_windows_are_averaged_by_char_offsets():
    merger = WindowMerger()
    merger.add([(0, 0), (0, 3), (4, 8), (0, 0)], one_hot("O", "B-ACTOR", "O", "O"))
    merger.add([(0, 0), (4, 8), (9, 12), (0, 0)], one_hot("O", "B-WEAPON", "B-WEAPON", "O"))
    scores = merger.result(len(LABELS))
    assert scores.offsets == ((0, 3), (4, 8), (9, 12))
    middle = scores.probs[1]
    assert np.isclose(middle[L2ID["O"]], middle[L2ID["B-WEAPON"]]), "the shared token is the mean of both windows"


def test_decoding_types_a_trigger_by_its_probability_mass():
    probs = one_hot("B-TRIGGER|Air/drone strike", "I-TRIGGER|Armed clash", "I-TRIGGER|Air/drone strike", "O")
    spans = decode_bio(TokenScores(((0, 2), (3, 8), (9, 14), (15, 17)), probs), ID2L, "an aerial strike on")
    assert [(s.start, s.end, s.label, s.sub_event_type) for s in spans] == [(0, 14, "TRIGGER", "Air/drone strike")]


def test_i_after_o_opens_a_span_and_word_pieces_never_split():
    probs = one_hot("O", "I-ACTOR", "B-ACTOR", "O")
    # (4, 7) and (7, 10) are pieces of one word: the glued B- continues the span
    spans = decode_bio(TokenScores(((0, 3), (4, 7), (7, 10), (11, 12)), probs), ID2L, "the Janjaweed .")
    assert [(s.start, s.end, s.label) for s in spans] == [(4, 10, "ACTOR")]


def test_decoding_nothing():
    assert decode_bio(TokenScores((), np.zeros((0, len(LABELS)), dtype=np.float32)), ID2L, "") == []


def spans_of(text, pieces, names):
    """Decode one-hot labels of word pieces given as (start, end) offsets into text."""
    spans = decode_bio(TokenScores(tuple(pieces), one_hot(*names)), ID2L, text)
    return [(text[s.start : s.end], s.label) for s in spans]


def test_a_span_never_ends_or_starts_inside_a_word():
    # "El Fa|sher": the model labels the last piece O; the word's pieces vote (2 of 3 say LOCATION).
    text = "in El Fasher today"
    pieces = [(0, 2), (3, 5), (6, 8), (8, 10), (10, 12), (13, 18)]
    assert spans_of(text, pieces, ["O", "B-LOCATION", "I-LOCATION", "I-LOCATION", "O", "O"]) == [
        ("El Fasher", "LOCATION")]
    # a lone inner piece labelled: the word's majority (O) wins, no half-word span
    assert spans_of("in Guriel", [(0, 2), (3, 5), (5, 7), (7, 9)], ["O", "B-LOCATION", "O", "O"]) == []


def test_a_connector_between_two_words_of_one_span_joins_them():
    text = "near Bu'ale and Port-au-Prince"
    pieces = [(0, 4), (5, 7), (7, 8), (8, 11), (12, 15), (16, 20), (20, 21), (21, 23), (23, 24), (24, 30)]
    names = ["O", "B-LOCATION", "O", "B-LOCATION", "O", "B-LOCATION", "O", "O", "O", "I-LOCATION"]
    # "au" is labelled O: only connectors between two labelled words are bridged
    assert spans_of(text, pieces, names) == [("Bu'ale", "LOCATION"), ("Port", "LOCATION"), ("Prince", "LOCATION")]
    names[7] = "I-LOCATION"
    assert spans_of(text, pieces, names)[1:] == [("Port-au-Prince", "LOCATION")]


def test_a_hyphenated_compound_keeps_only_the_labelled_word_and_punctuation_stays_out():
    text = "Kabul-based, Kabul, Herat"
    pieces = [(0, 5), (5, 6), (6, 11), (11, 12), (13, 18), (18, 19), (20, 25)]
    names = ["B-LOCATION", "O", "O", "O", "B-LOCATION", "O", "B-LOCATION"]
    assert spans_of(text, pieces, names) == [("Kabul", "LOCATION"), ("Kabul", "LOCATION"), ("Herat", "LOCATION")]
    # only spaces between two spans of one label: one span (the annotation never has them side by side)
    assert spans_of("North Waziristan", [(0, 5), (6, 16)], ["B-LOCATION", "B-LOCATION"]) == [
        ("North Waziristan", "LOCATION")]
    # a line break or another label between them keeps them apart
    assert spans_of("Kabul\nHerat", [(0, 5), (6, 11)], ["B-LOCATION", "B-LOCATION"]) == [
        ("Kabul", "LOCATION"), ("Herat", "LOCATION")]


def test_a_labelled_word_inside_a_hyphenated_name_takes_the_name_whole():
    text = "in Dasht-e-Barchi area"
    pieces = [(0, 2), (3, 7), (7, 8), (8, 9), (9, 10), (10, 11), (11, 17), (18, 22)]
    names = ["O", "O", "O", "O", "B-LOCATION", "O", "O", "O"]
    assert spans_of(text, pieces, names) == [("Dasht-e-Barchi", "LOCATION")]


def test_a_labelled_connector_pulls_in_the_word_it_is_glued_to():
    text = "in Port-au-Prince and Al-Shabaab"
    pieces = [(0, 2), (3, 7), (7, 8), (8, 10), (10, 11), (11, 17), (18, 21), (22, 24), (24, 25), (25, 32)]
    names = ["O", "O", "B-LOCATION", "I-LOCATION", "I-LOCATION", "O", "O", "B-ACTOR", "I-ACTOR", "O"]
    assert spans_of(text, pieces, names) == [("Port-au-Prince", "LOCATION"), ("Al-Shabaab", "ACTOR")]


def test_token_budget_packing_sorts_and_respects_the_budget():
    lengths = [30, 5, 200, 31, 6, 199, 64]
    batches = pack_by_budget(lengths, batch_tokens=256)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert max(lengths[i] for i in batch) * len(batch) <= 256 or len(batch) == 1
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(flat)


def test_window_longer_than_budget_still_runs_alone():
    assert pack_by_budget([500, 10], batch_tokens=100) == [[1], [0]]


def test_sentences_keep_abbreviations_and_split_paragraphs():
    text = "Lt. Col. Ali said 3 died on Oct. 3. Residents fled.\n\nA second attack followed"
    starts = sentence_starts(text)
    assert [text[s:].split()[0] for s in starts] == ["Lt.", "Residents", "A"]


def test_a_count_phrase_split_between_killed_and_wounded_is_one_span():
    # "between 15 and" tagged killed, "20" wounded: one figure, labelled by the larger probability mass
    text = "numbered between 15 and 20 people"
    pieces = [(0, 8), (9, 16), (17, 19), (20, 23), (24, 26), (27, 33)]
    assert spans_of(text, pieces, ["O", "B-FATALITIES", "I-FATALITIES", "I-FATALITIES", "B-WOUNDED", "O"]) == [
        ("between 15 and 20", "FATALITIES")]
    text = "up to eight people"
    assert spans_of(text, [(0, 2), (3, 5), (6, 11), (12, 18)], ["B-WOUNDED", "B-FATALITIES", "B-WOUNDED", "O"]) == [
        ("up to eight", "WOUNDED")]
    # two figures side by side are not one phrase: "5 and 12" stay apart
    text = "killing 5 and 12 wounded"
    assert spans_of(text, [(0, 7), (8, 9), (10, 13), (14, 16), (17, 24)],
                    ["O", "B-FATALITIES", "O", "B-WOUNDED", "O"]) == [("5", "FATALITIES"), ("12", "WOUNDED")]


def word_pieces(text):
    """One piece per word or punctuation mark."""
    import re

    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def labelled(text, tags):
    """Decode with one tag per word piece of text (see word_pieces)."""
    pieces = word_pieces(text)
    assert len(pieces) == len(tags), [text[a:b] for a, b in pieces]
    return spans_of(text, pieces, tags)


@pytest.mark.parametrize(
    "text, tags, expected",
    [
        # a lone determiner joins the span of its label one or two plain words later
        ("fired a barrage of rockets", ["O", "B-WEAPON", "O", "B-WEAPON", "I-WEAPON"],
         [("a barrage of rockets", "WEAPON")]),
        ("hit by an air rifle", ["O", "O", "B-WEAPON", "O", "B-WEAPON"], [("an air rifle", "WEAPON")]),
        # ... but not across punctuation or another label
        ("a, rifles", ["B-WEAPON", "O", "B-WEAPON"], [("rifles", "WEAPON")]),
        ("a crowd of mourners", ["B-TARGET", "O", "B-ACTOR", "I-ACTOR"], [("mourners", "ACTOR")]),
        # trailing joiners and determiners go, leading joiners go
        ("lobbed a hand grenade that exploded", ["O", "B-WEAPON", "I-WEAPON", "I-WEAPON", "I-WEAPON", "O"],
         [("a hand grenade", "WEAPON")]),
        ("a defender and a friend", ["B-TARGET", "I-TARGET", "I-TARGET", "I-TARGET", "O"], [("a defender", "TARGET")]),
        ("lorry drivers and traders", ["B-TARGET", "I-TARGET", "I-TARGET", "O"], [("lorry drivers", "TARGET")]),
        ("killed residents , police said", ["O", "B-TARGET", "I-TARGET", "O", "O"], [("residents", "TARGET")]),
        ("a crowd of mourners", ["O", "O", "B-TARGET", "I-TARGET"], [("mourners", "TARGET")]),
        ("attacked the camp", ["O", "B-TARGET", "O"], []),
        ("the group ' s fighters", ["O", "O", "B-ACTOR", "O", "O"], []),
        # a single letter is no name ("s" of "U.S." or of "Henderson's"); an abbreviation keeps its last dot
        ("two U.S. missionaries", ["O", "O", "O", "B-TARGET", "O", "O"], []),
        ("with a U.S. patrol", ["O", "O", "B-ACTOR", "I-ACTOR", "I-ACTOR", "O", "O"], [("U.S.", "ACTOR")]),
        ("fired at U.N. staff", ["O", "O", "B-TARGET", "I-TARGET", "I-TARGET", "I-TARGET", "I-TARGET"],
         [("U.N. staff", "TARGET")]),
        # joiners count only in lower case: WHO and OR are names; inner joiners stay
        ("said WHO", ["O", "B-SOURCE"], [("WHO", "SOURCE")]),
        ("in Portland OR", ["O", "B-LOCATION", "I-LOCATION"], [("Portland OR", "LOCATION")]),
        ("Bosnia and Herzegovina", ["B-LOCATION", "I-LOCATION", "I-LOCATION"], [("Bosnia and Herzegovina", "LOCATION")]),
        # counts and dates keep their words: "A" is a count, "on Wednesday" a date
        ("A trader", ["B-FATALITIES", "O"], [("A", "FATALITIES")]),
        ("on Wednesday", ["B-DATE", "I-DATE"], [("on Wednesday", "DATE")]),
        # a count at the head of a name keeps its words; a letter glued to a name is no determiner
        ("arrested at least 15 people", ["O", "B-TARGET", "I-TARGET", "I-TARGET", "I-TARGET"],
         [("at least 15 people", "TARGET")]),
        ("Ahlu Sunna Wal Jama'a", ["B-ACTOR"] + ["I-ACTOR"] * 5, [("Ahlu Sunna Wal Jama'a", "ACTOR")]),
        # an article alone is a piece of a name
        ("Al Qaeda affiliate", ["B-ACTOR", "O", "O"], []),
        ("El Fasher", ["B-LOCATION", "I-LOCATION"], [("El Fasher", "LOCATION")]),
        # a trigger loses a trailing conjunction, and keeps the one inside it
        ("was shot and killed", ["O", "B-TRIGGER|Attack", "I-TRIGGER|Attack", "O"], [("shot", "TRIGGER")]),
        ("was shot and killed", ["O", "B-TRIGGER|Attack", "I-TRIGGER|Attack", "I-TRIGGER|Attack"],
         [("shot and killed", "TRIGGER")]),
        ("looted , burned", ["B-TRIGGER|Looting/property destruction", "I-TRIGGER|Looting/property destruction",
                             "O"], [("looted", "TRIGGER")]),
    ],
)
def test_name_spans_cut_at_a_function_word_are_mended(text, tags, expected):
    assert labelled(text, tags) == expected
