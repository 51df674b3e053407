"""The bundled corpus: compiled files match the markup, coverage targets hold, gold values agree with the
normalizers (or are reviewed exceptions), and no text is copied from the public corpora."""

import re

import pytest

from conftest import CORPORA, REPO
from inference.schema import read_jsonl
from training.consistency import disagreements, load_exceptions
from training.corpus import SPLITS, read_documents, split_of
from training.markup import compile_paths
from training.stats import corpus_stats

DATA = REPO / "data"
FILES = [DATA / f"{split}.jsonl" for split in SPLITS]


@pytest.fixture(scope="module")
def docs():
    return read_documents(FILES)


def test_compiled_corpus_is_up_to_date_with_the_markup(docs):
    compiled = {d["id"]: d for d in compile_paths([DATA / "raw"])}
    assert {d["id"]: d for d in docs} == compiled, "run: conflict-events compile data/raw -o data"


def test_split_is_fixed_by_article_id_and_about_70_15_15(docs):
    for split in SPLITS:
        for _, doc in read_jsonl(DATA / f"{split}.jsonl"):
            assert split_of(doc["id"]) == split
    shares = {s: sum(split_of(d["id"]) == s for d in docs) / len(docs) for s in SPLITS}
    assert 0.62 < shares["train"] < 0.78 and 0.09 < shares["validation"] < 0.21 and 0.09 < shares["test"] < 0.21


def test_coverage_and_originality_targets(docs):
    stats = corpus_stats(FILES)
    failed = [name for name, ok in stats["checks"].items() if not ok]
    assert not failed, failed


@pytest.fixture(scope="module")
def current_disagreements(docs):
    return list(disagreements(docs))


def test_gold_values_agree_with_the_normalizers_or_are_reviewed_exceptions(current_disagreements):
    exceptions = load_exceptions(DATA / "exceptions.yaml")
    unexplained = [d for d in current_disagreements if (d[0], d[1]) not in exceptions]
    assert not unexplained, unexplained[:10]


def test_counts_and_dates_agree_without_exceptions(current_disagreements):
    assert not [d for d in current_disagreements if d[1] not in ("country", "admin1")]


def test_exceptions_are_still_needed(current_disagreements):
    exceptions = load_exceptions(DATA / "exceptions.yaml")
    current = {(d[0], d[1]) for d in current_disagreements}
    stale = sorted(set(exceptions) - current)
    assert not stale, f"remove these exceptions, the normalizers now agree: {stale[:10]}"


def _counts(best: int, vague: bool) -> dict:
    return {"best": best, "low": best, "high": best, "vague": vague}


@pytest.mark.parametrize("text,trigger,fatalities,wounded", [
    ("A trader was shot dead in Kano.", "shot dead", 1, 0),
    ("A trader was shot in the leg in Kano.", "shot", 0, 1),
])
def test_a_trigger_with_no_figure_codes_one_vague_death_or_wounded_in_the_gold_check(text, trigger, fatalities,
                                                                                      wounded):
    start = text.index(trigger)
    doc = {"id": "t-1", "published": "2024-03-06", "text": text,
           "spans": [{"id": "t1", "start": start, "end": start + len(trigger), "label": "TRIGGER"}],
           "events": [{"id": "e1", "trigger": "t1", "arguments": {},
                       "fatalities": _counts(fatalities, fatalities > 0),
                       "wounded": _counts(wounded, wounded > 0)}]}
    assert list(disagreements([doc])) == []
    doc["events"][0]["fatalities"] = _counts(1 - fatalities, fatalities == 0)
    assert [d[1] for d in disagreements([doc])] == ["fatalities"]


def test_examples_for_the_quickstart_exist():
    examples = sorted((DATA / "examples").glob("*.txt"))
    assert 3 <= len(examples) <= 20


def _ngrams(text, n=8):
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {hash(" ".join(words[i : i + n])) for i in range(len(words) - n + 1)}


@pytest.mark.corpora
@pytest.mark.slow
def test_no_8_word_sequence_is_copied_from_the_public_corpora(docs):
    ours: dict[int, str] = {}
    for doc in docs:
        for gram in _ngrams(doc["text"]):
            ours.setdefault(gram, doc["id"])
    hits = set()
    for path in CORPORA.rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000:
            text = path.read_text(encoding="utf-8", errors="ignore")
            hits |= {ours[g] for g in _ngrams(text) if g in ours}
    assert not hits, f"articles sharing an 8-word sequence with ../shared/corpora: {sorted(hits)[:20]}"
