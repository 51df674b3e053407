"""The event scorer on hand-made gold/prediction pairs."""

import json

import pytest

from training.cli import main
from training.scoring import EventRecord, actor_match, match_events, score_articles, score_files, ArticleEvents


def ev(sub="Attack", etype="Violence against civilians", trig=(10, 16), a1="Boko Haram fighters", a2="villagers",
       country="NG", admin1="Borno", loc="Gwoza", lat=None, lon=None, date="2024-03-13", fat=(12, 12, 15),
       wnd=(0, 0, 0)):
    return EventRecord(etype, sub, trig, a1, a2, country, admin1, loc, lat, lon, date, fat, wnd)


def art(*events, spans=None):
    return ArticleEvents("a1", list(events), spans)


def test_perfect_prediction():
    gold = {"a1": art(ev(lat=11.05, lon=13.69))}
    scores = score_articles(gold, {"a1": art(ev(lat=11.05, lon=13.69))})
    assert scores["detection"]["f1"] == 1.0
    assert scores["event_type"]["accuracy"] == 1.0 and scores["sub_event_type"]["macro_f1"] == 1.0
    assert scores["actor1"] == scores["actor2"] == scores["admin1"] == scores["country"] == 1.0
    assert scores["date_exact"] == 1.0 and scores["km_error_median"] == pytest.approx(0.0)
    assert scores["fatalities"] == {"exact": 1.0, "mae": 0.0, "gold_in_pred_range": 1.0, "n": 1}
    assert scores["errors"] == []


def test_gold_event_with_no_prediction_and_a_spurious_prediction():
    gold = {"a1": art(ev()), "a2": ArticleEvents("a2", [ev(sub="Armed clash", etype="Battles")])}
    pred = {"a1": art(ev(), ev(sub="Arrests", etype="Strategic developments", trig=(200, 208), a1="police",
                           a2="suspects", loc="Maiduguri", date="2024-01-02", fat=None))}
    scores = score_articles(gold, pred)
    d = scores["detection"]
    assert (d["tp"], d["pred"], d["gold"]) == (1, 2, 2)
    assert d["precision"] == 0.5 and d["recall"] == 0.5
    issues = {e["article_id"]: e["issues"] for e in scores["errors"]}
    assert any("missed gold event" in i for i in issues["a2"])
    assert any("spurious predicted event" in i for i in issues["a1"])


def test_duplicate_predictions_match_once():
    gold = {"a1": art(ev())}
    scores = score_articles(gold, {"a1": art(ev(), ev())})
    assert scores["detection"]["tp"] == 1 and scores["detection"]["precision"] == 0.5


def test_wrong_type_with_right_trigger_is_a_type_error_not_a_miss():
    gold = {"a1": art(ev())}
    pred = {"a1": art(ev(sub="Armed clash", etype="Battles"))}
    scores = score_articles(gold, pred)
    assert scores["detection"]["tp"] == 1
    assert scores["event_type"]["accuracy"] == 0.0 and scores["sub_event_type"]["accuracy"] == 0.0


def test_field_metrics():
    gold = {"a1": art(ev(lat=11.05, lon=13.69, date="2024-03-13", fat=(12, 12, 15), wnd=(4, 4, 4)))}
    pred = {"a1": art(ev(a1="Islamic State West Africa", a2="the villagers", admin1="Borno State", loc="Bama",
                         lat=11.52, lon=13.69, date="2024-03-12", fat=(15, 15, 15), wnd=(3, 2, 6)))}
    s = score_articles(gold, pred)
    assert s["actor1"] == 0.0 and s["actor2"] == 1.0
    assert s["admin1"] == 1.0 and s["location"] == 0.0
    assert s["km_error_median"] == pytest.approx(52.3, abs=1.0)
    assert s["date_exact"] == 0.0 and s["date_within_1_day"] == 1.0
    assert s["fatalities"]["exact"] == 0.0 and s["fatalities"]["mae"] == 3.0
    assert s["fatalities"]["gold_in_pred_range"] == 0.0  # 12 is not in [15, 15]
    assert s["wounded"]["gold_in_pred_range"] == 1.0 and s["wounded"]["mae"] == 1.0


def test_no_prediction_counts_as_zero_killed():
    s = score_articles({"a1": art(ev())}, {"a1": art(ev(fat=None))})
    assert s["fatalities"]["mae"] == 12.0


def test_optimal_assignment_beats_greedy():
    g1 = ev(sub="Attack", trig=(0, 5), loc="A", date="2024-01-01")
    g2 = ev(sub="Armed clash", etype="Battles", trig=(50, 55), loc="B", date="2024-01-05")
    p1 = ev(sub="Attack", trig=(50, 55), loc="B", date="2024-01-05")  # the trigger of g2, the type of g1
    p2 = ev(sub="Attack", trig=(0, 5), loc="A", date="2024-01-01")
    assert sorted(match_events([g1, g2], [p1, p2])) == [(0, 1), (1, 0)]


def test_actor_match_is_normalized_overlap():
    assert actor_match("the Islamic State", "Islamic State fighters")
    assert actor_match("Forces armées", "forces armees")
    assert not actor_match("Nigerian army", "Boko Haram")
    assert not actor_match(None, "x")


def test_span_scores_when_predictions_carry_spans():
    gold = {"a1": art(ev(), spans={(0, 6, "ACTOR"), (10, 16, "TRIGGER")})}
    pred = {"a1": art(ev(), spans={(0, 6, "ACTOR"), (20, 24, "LOCATION")})}
    spans = score_articles(gold, pred)["spans"]
    assert spans["ACTOR"]["f1"] == 1.0 and spans["TRIGGER"]["recall"] == 0.0 and spans["LOCATION"]["precision"] == 0.0


def test_score_command_on_corpus_files(tiny_corpus, tmp_path, capsys):
    out = tmp_path / "scores.json"
    gold = str(tiny_corpus / "test.jsonl")
    assert main(["score", "--gold", gold, "--pred", gold, "--errors", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "event detection P / R / F1" in printed and "1.000 / 1.000 / 1.000" in printed
    assert json.loads(out.read_text())["detection"]["f1"] == 1.0
    assert score_files(gold, gold)["fatalities"]["exact"] == 1.0


def test_score_extraction_output(tiny_trained, tiny_corpus, tmp_path):
    model_dir, _ = tiny_trained
    pred = tmp_path / "pred.jsonl"
    assert main(["extract", str(tiny_corpus / "test.jsonl"), "-o", str(pred), "--model", str(model_dir), "--quiet"]) == 0
    scores = score_files(tiny_corpus / "test.jsonl", pred)
    assert scores["articles"] == 3 and scores["detection"]["gold"] == 3
