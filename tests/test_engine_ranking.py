"""store.engine.TrialIndex: ranking (field weights, exact id and acronym first, ties by id),
exact prefixes, limits that agree with the full list, and agreement with a plain scan."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest
from engine_helpers import built, criterion, make, put_all
from hypothesis import given, settings
from hypothesis import strategies as st

from store.engine import TrialIndex

# --- field weights, exact id and acronym ------------------------------------------------


def test_title_match_outranks_description_match() -> None:
    index = built(None, [
        make("NCT00000010", title="Other things entirely",
             description="A study where glioma appears in the description."),
        make("NCT00000011", title="Glioma vaccine study",
             description="A study where something appears in the description."),
    ])
    assert [hit.id for hit in index.search("glioma")] == ["NCT00000011", "NCT00000010"]
    assert [hit.id for hit in index.search("gli", prefix_last=True)] == [
        "NCT00000011", "NCT00000010"]


def test_field_weights_order() -> None:
    fields = [
        ("title", "zeta"),
        ("conditions", ["zeta"]),
        ("interventions", [{"type": "DRUG", "name": "zeta", "description": None}]),
        ("sponsor", "zeta"),
        ("summary", "zeta"),
        ("arms", [{"label": "zeta", "type": None, "description": None, "interventions": []}]),
        ("inclusion", [criterion("zeta")]),
        ("description", "zeta"),
    ]
    records = []
    for number, (name, value) in enumerate(fields):
        record = make(f"X{9 - number}", title="Plain title")
        if name == "inclusion":
            record["eligibility"]["inclusion"] = value
        else:
            record[name] = value
        records.append(record)
    index = built(None, records)
    hits = index.search("zeta")
    assert [hit.id for hit in hits] == ["X9", "X8", "X7", "X6", "X5", "X4", "X3", "X2"]
    assert all(a.score > b.score for a, b in itertools.pairwise(hits))


def test_exact_id_ranks_first() -> None:
    index = built(None, [
        make("NCT00000021", title="Follow-up of NCT00000020 NCT00000020 NCT00000020"),
        make("NCT00000020", title="Original trial"),
    ])
    assert [hit.id for hit in index.search("NCT00000020")] == ["NCT00000020", "NCT00000021"]
    assert index.search("nct00000020", prefix_last=True)[0].id == "NCT00000020"


def test_a_word_of_a_secondary_id_is_no_exact_id() -> None:
    # "Omalizumab proyect" (a secondary id): the search "omalizumab" pinned that trial first
    # with the exact id's boost; an id part with a number still counts ("2014-001234-56")
    index = built(None, [
        make("NCT07073404", title="Omalizumab for food allergy",
             other_ids=["Omalizumab proyect", "EudraCT 2014-001234-56"]),
        make("NCT01294878", title="Omalizumab in interstitial cystitis: omalizumab dosing"),
    ])
    hits = index.search("omalizumab")
    assert sorted(hit.id for hit in hits) == ["NCT01294878", "NCT07073404"]
    assert all(hit.score < 1000 for hit in hits)  # ranked by the words alone
    assert index.search("2014-001234-56")[0].id == "NCT07073404"
    assert found_ids(index, "id:omalizumab") == ["NCT07073404"]  # id: still finds the part


def test_exact_acronym_ranks_first() -> None:
    index = built(None, [
        make("NCT00000030", title="Promise promise promise: a promise kept"),
        make("NCT00000031", title="A long trial title about something else", acronym="PROMISE"),
    ])
    assert [hit.id for hit in index.search("promise")] == ["NCT00000031", "NCT00000030"]
    assert index.search("promise", prefix_last=True)[0].id == "NCT00000031"
    # Only the whole query triggers the boost.
    assert index.search("promise kept")[0].id == "NCT00000030"


def found_ids(index: TrialIndex, query: str) -> list[str]:
    return [hit.id for hit in index.search(query)]


# --- ties by id -------------------------------------------------------------------------


def test_score_ties_break_by_id() -> None:
    index = built(None, [make(f"T{n}", title="same words") for n in (3, 1, 2)])
    assert [hit.id for hit in index.search("same")] == ["T1", "T2", "T3"]


def test_best_of_many_ties_break_by_id() -> None:
    index = built(None, [make(f"T{n:02d}", title="same words") for n in range(30, 0, -1)])
    put_all(index, [make("T99", title="same same same words")], segment=1)
    hits = index.search("same", limit=4)
    assert [hit.id for hit in hits] == ["T99", "T01", "T02", "T03"]
    assert hits == index.search("same", limit=None)[:4]
    assert [hit.id for hit in index.search("sam", prefix_last=True, limit=2)] == ["T99", "T01"]


def test_large_tie_groups_across_batches_break_by_id(tmp_path: Path) -> None:
    # 600 equal scores over several segments, in no particular order.
    numbers = list(range(600))
    random.Random(5).shuffle(numbers)
    index = TrialIndex(tmp_path / "idx")
    for start in range(0, 600, 150):
        chunk = numbers[start:start + 150]
        put_all(index, [make(f"NCT{n:08d}", title="equal words") for n in chunk])
    for limit in (1, 7, 50, 599):
        expected = [f"NCT{n:08d}" for n in range(limit)]
        assert [hit.id for hit in index.search("equal", limit=limit)] == expected
        assert [hit.id for hit in index.search("", limit=limit)] == expected
        assert [hit.id for hit in index.search("equal", limit=limit, sort="title")] == expected
    assert [hit.id for hit in index.search("", limit=3, sort="-id")] == [
        "NCT00000599", "NCT00000598", "NCT00000597"]


def _tie_index(path: Path) -> tuple[TrialIndex, list[str]]:
    """An index where 'equal' scores 4 trials highest and 899 equal (more than a growing
    fetch reaches at once), with higher and many lower scored ones among the first ids; ids
    of every shape, some sharing an order key; over several segments, with an update.
    Returns the index and the expected order of the equal and higher ones."""
    rng = random.Random(7)
    high = ["A05", "NCT00000501", "LOCAL-00000fffff", "NCT00009999"]
    tied = ([f"NCT{n:08d}" for n in range(0, 1400, 2)]
            + [f"LOCAL-{n:010x}" for n in range(190)]
            + [f"AAAAAAAAAA-{n}" for n in (3, 1, 7, 20, 5)]  # one order key for these
            + ["A1", "A2", "ZZZZZZZZZZ-2", "ZZZZZZZZZZ-1", "Ω-1"])
    low = ([f"NCT{n:08d}" for n in range(1, 400, 2)]
           + [f"AAAAAAAAAA-{n}" for n in (2, 4)] + ["A0", "LOCAL-0000000000x"]
           + [f"B{n:04d}" for n in range(300)])
    records = ([make(i, title="equal equal words") for i in high]
               + [make(i, title="equal words") for i in tied]
               + [make(i, title="equal words and several more words") for i in low])
    rng.shuffle(records)
    index = TrialIndex(path)
    for start in range(0, len(records), 300):
        put_all(index, records[start:start + 300], segment=start)
    # An update: the old document is deleted, the new one scores lower.
    put_all(index, [make("NCT00000002", title="equal words and several more words")], segment=9)
    tied.remove("NCT00000002")
    return index, sorted(high) + sorted(tied)


def test_first_ids_of_a_large_tie_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from store.engine import results

    index, expected = _tie_index(tmp_path / "idx")
    assert len(expected) == 4 + 899
    everything = index.search("equal", limit=None)
    assert [hit.id for hit in everything[:len(expected)]] == expected
    assert everything[3].score > everything[4].score > everything[len(expected)].score
    tried: list[int] = []
    first_of_tie = results._first_of_tie

    def spy(*args: Any) -> Any:
        found = first_of_tie(*args)
        tried.append(len(found[0]))
        return found

    monkeypatch.setattr(results, "_first_of_tie", spy)
    limits = (1, 3, 4, 5, 6, 9, 10, 11, 30, 50, 100, 400, 903, 904, 1500)
    for limit in limits:
        assert index.search("equal", limit=limit) == everything[:limit], limit
    assert tried  # the first ids in id order were looked for
    # When the restricted scores cannot be trusted, the whole group is fetched.

    def unverified(*args: Any) -> Any:
        raise results._Unverified

    monkeypatch.setattr(results, "_first_of_tie", unverified)
    for limit in limits:
        assert index.search("equal", limit=limit) == everything[:limit], limit


def test_sort_ties_break_by_id_and_missing_values_come_last() -> None:
    records = [
        make("NCT00000005", title="b", enrollment=10),
        make("NCT00000002", title="B", enrollment=None),
        make("NCT00000004", title="a", enrollment=10),
        make("NCT00000001", title="c", enrollment=30),
        make("NCT00000003", title="b", enrollment=None),
        make("LOCAL-0000000001", title="A", enrollment=10),
    ]
    index = built(None, records)
    expected = {
        "enrollment": ["LOCAL-0000000001", "NCT00000004", "NCT00000005", "NCT00000001",
                       "NCT00000002", "NCT00000003"],
        "-enrollment": ["NCT00000001", "LOCAL-0000000001", "NCT00000004", "NCT00000005",
                        "NCT00000002", "NCT00000003"],
        "title": ["LOCAL-0000000001", "NCT00000004", "NCT00000002", "NCT00000003",
                  "NCT00000005", "NCT00000001"],
        "-title": ["NCT00000001", "NCT00000002", "NCT00000003", "NCT00000005",
                   "LOCAL-0000000001", "NCT00000004"],
    }
    for sort, ids in expected.items():
        for limit in range(1, 7):
            assert [hit.id for hit in index.search("", limit=limit, sort=sort)] == ids[:limit], (
                sort, limit)


def test_phase_sort_groups_each_phase_value() -> None:
    # Ids interleave the values: a sort by highest phase alone (then id) mixes 1/2 with 2.
    phases = {
        "NCT00000001": ["PHASE2"], "NCT00000002": ["PHASE1", "PHASE2"],
        "NCT00000003": ["PHASE3"], "NCT00000004": ["PHASE2", "PHASE3"],
        "NCT00000005": ["PHASE2"], "NCT00000006": ["PHASE1", "PHASE2"],
        "NCT00000007": ["NA"], "NCT00000008": ["PHASE4"], "NCT00000009": [],
        "NCT00000010": ["PHASE1"], "NCT00000011": ["EARLY_PHASE1"],
        "NCT00000012": ["PHASE2", "PHASE3"], "NCT00000013": ["PHASE3"],
        "NCT00000014": ["NA"],
    }
    index = built(None, [make(trial_id, phases=value) for trial_id, value in phases.items()])
    groups = [["NCT00000011"], ["NCT00000010"], ["NCT00000002", "NCT00000006"],
              ["NCT00000001", "NCT00000005"], ["NCT00000004", "NCT00000012"],
              ["NCT00000003", "NCT00000013"], ["NCT00000008"]]
    na, none = ["NCT00000007", "NCT00000014"], ["NCT00000009"]
    expected = {"phase": [*itertools.chain(*groups), *na, *none],
                "-phase": [*itertools.chain(*groups[::-1]), *na, *none]}
    for sort, ids in expected.items():
        for limit in range(1, len(ids) + 1):
            assert [hit.id for hit in index.search("", limit=limit, sort=sort)] == ids[:limit], (
                sort, limit)
        assert [hit.id for hit in index.search("trial", limit=None, sort=sort)] == ids


def test_ids_of_any_shape_in_string_order() -> None:
    ids = ["NCT00000002", "A1", "LOCAL-abcdef0123", "nct1", "NCT00000002X", "LOCAL-0123",
           "Z-9", "NCT0000000", "LOCAL-ffffffffffff", "42", "Ω-1", "M 7", "T01", "T1"]
    index = built(None, [make(i, title="one title") for i in ids])
    expected = ["42", "A1", "LOCAL-0123", "LOCAL-abcdef0123", "LOCAL-ffffffffffff", "M 7",
                "NCT0000000", "NCT00000002", "NCT00000002X", "T01", "T1", "Z-9", "nct1", "Ω-1"]
    assert index.ids() == expected
    assert [hit.id for hit in index.search("", limit=None)] == expected
    assert [hit.id for hit in index.search("title", limit=None)] == expected
    assert [hit.id for hit in index.search("", limit=None, sort="-id")] == expected[::-1]
    for limit in range(1, len(ids)):
        assert [hit.id for hit in index.search("one", limit=limit)] == expected[:limit]


# --- prefixes ---------------------------------------------------------------------------


def test_every_completion_of_a_prefix_matches() -> None:
    # 100 distinct words starting with "transpl": no cap on completions, exact counts.
    words = [f"transpl{chr(97 + n // 26)}{chr(97 + n % 26)}x" for n in range(100)]
    records = [make(f"NCT{n:08d}", title=f"Trial of {word}") for n, word in enumerate(words)]
    records.append(make("NCT00000999", title="Trial of nothing"))
    index = built(None, records)
    for query, prefix_last, expected in [("transpl*", False, 100), ("transpl", True, 100),
                                         ("transp", True, 100), ("transpla*", False, 26),
                                         ("transplaax", True, 1), ("tr", True, 101)]:
        hits = index.search(query, limit=None, prefix_last=prefix_last)
        assert len(hits) == expected, query
        assert index.count(query, prefix_last=prefix_last) == expected, query
    assert [hit.id for hit in index.search("trans", prefix_last=True, limit=3)] == [
        "NCT00000000", "NCT00000001", "NCT00000002"]
    assert {hit.id for hit in index.search("transpl*", limit=None)} == {
        f"NCT{n:08d}" for n in range(100)}


def test_a_prefix_inside_a_phrase_never_fails() -> None:
    # More completions than tantivy expands in a phrase: the query still answers.
    words = [f"w{n:05d}" for n in range(17_000)]
    records = [make(f"NCT{n:08d}", title="lead " + " ".join(words[n * 1000:(n + 1) * 1000]))
               for n in range(17)]
    records.append(make("NCT00000099", title="lead w00500"))
    index = built(None, records)
    assert index.count('"lead w*"') == 18
    assert len(index.search('"lead w*"', limit=None)) == 18
    assert [hit.id for hit in index.search('"lead w0050*"', limit=None)] == ["NCT00000099"]


# --- limits agree with the whole list ---------------------------------------------------

WORDS = ["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "theta", "zeta"]


def _random_record(rng: random.Random, number: int) -> dict[str, Any]:
    def text(count: int) -> str:
        return " ".join(rng.choice(WORDS[: rng.randint(2, len(WORDS))]) for _ in range(count))

    return make(
        f"R{number:05d}",
        title=text(rng.randint(1, 5)),
        conditions=[text(rng.randint(1, 3)) for _ in range(rng.randint(0, 2))],
        summary=text(rng.randint(0, 30)) or None,
        description=text(rng.randint(0, 200)) or None,
    )


@pytest.fixture(scope="module")
def churned(tmp_path_factory: pytest.TempPathFactory) -> TrialIndex:
    rng = random.Random(1)
    index = TrialIndex(tmp_path_factory.mktemp("churn") / "idx")
    records = [_random_record(rng, n) for n in range(600)]
    put_all(index, records[:400])
    put_all(index, records[400:])
    put_all(index, [_random_record(rng, n) for n in range(0, 600, 7)])
    with index.batch() as batch:
        for n in range(3, 600, 11):
            batch.delete(f"R{n:05d}")
    return index


QUERIES = [
    " ".join(combo) for size in (2, 3) for combo in itertools.combinations(WORDS[:6], size)
] + ["alpha alpha", "condition:alpha beta", "alpha condition:beta gamma", "alpha nosuchword",
     "alpha OR beta", "zeta -alpha", '"alpha beta"', "al", "ze", "gamma del"] + WORDS


def test_limits_agree_with_the_whole_list(churned: TrialIndex) -> None:
    for query in QUERIES:
        everything = churned.search(query, limit=None, prefix_last=True)
        assert churned.count(query, prefix_last=True) == len(everything), query
        for limit in (1, 3, 10, 50, 700):
            assert churned.search(query, limit=limit, prefix_last=True) == everything[:limit], (
                query, limit)
        ranked = [(-hit.score, hit.id) for hit in everything]
        assert ranked == sorted(ranked), query


# --- agreement with a plain scan --------------------------------------------------------

VOCAB = ["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "theta"]


def _scan_record(rng: random.Random, number: int) -> dict[str, Any]:
    def text(count: int) -> str:
        return " ".join(rng.choice(VOCAB) for _ in range(count))

    return make(
        f"R{number:04d}",
        title=text(rng.randint(1, 4)),
        conditions=[text(rng.randint(1, 2)) for _ in range(rng.randint(0, 2))],
        summary=text(rng.randint(0, 12)) or None,
        inclusion=[criterion(text(3), criterion(text(2)))],
        status=rng.choice(["RECRUITING", "COMPLETED", None]),
        enrollment=rng.choice([None, 5, 50, 500]),
    )


def _values(record: dict[str, Any]) -> list[list[str]]:
    from store.search.text import record_strings, words

    return [words(value) for _, value, _ in record_strings(record)]


def _scan(records: dict[str, dict[str, Any]], query: list[tuple[str, ...]]) -> set[str]:
    compare = {">": int.__gt__, "<=": int.__le__, "=": int.__eq__}
    out = set()
    for trial_id, record in records.items():
        values = _values(record)
        bag = {word for value in values for word in value}
        ok = True
        for item in query:
            kind = item[0]
            if kind == "w":
                ok = item[1] in bag
            elif kind == "or":
                ok = item[1] in bag or item[2] in bag
            elif kind == "not":
                ok = item[1] not in bag
            elif kind == "pre":
                ok = any(word.startswith(item[1]) for word in bag)
            elif kind == "status":
                ok = record["status"] == item[1]
            elif kind == "-status":
                ok = record["status"] != item[1]
            elif kind == "enr":
                count = record["enrollment"]["count"] if record["enrollment"] else None
                ok = count is not None and compare[item[1]](count, int(item[2]))
            else:
                ok = any(value[i:i + 2] == [item[1], item[2]]
                         for value in values for i in range(len(value)))
            if not ok:
                break
        if ok:
            out.add(trial_id)
    return out


def _text(query: list[tuple[str, ...]]) -> str:
    spell = {
        "w": lambda i: i[1],
        "or": lambda i: f"{i[1]} OR {i[2]}",
        "not": lambda i: f"-{i[1]}",
        "pre": lambda i: f"{i[1]}*",
        "status": lambda i: f"status:{i[1].lower()}",
        "-status": lambda i: f"-status:{i[1]}",
        "enr": lambda i: f"enrollment:{i[1]}{i[2]}",
        "p": lambda i: f'"{i[1]} {i[2]}"',
    }
    return " ".join(spell[item[0]](item) for item in query)


_ITEM = st.one_of(
    st.tuples(st.just("w"), st.sampled_from(VOCAB)),
    st.tuples(st.just("or"), st.sampled_from(VOCAB), st.sampled_from(VOCAB)),
    st.tuples(st.just("not"), st.sampled_from(VOCAB)),
    st.tuples(st.just("pre"), st.sampled_from(["a", "al", "ga", "gamm", "omeg", "th", "x"])),
    st.tuples(st.just("p"), st.sampled_from(VOCAB), st.sampled_from(VOCAB)),
    st.tuples(st.sampled_from(["status", "-status"]), st.sampled_from(["RECRUITING", "COMPLETED"])),
    st.tuples(st.just("enr"), st.sampled_from([">", "<=", "="]), st.sampled_from(["5", "50"])),
)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[TrialIndex]]:
    """Records after puts, replacements and deletes, and indexes holding them: churned over
    several batches, built in one, and the churned one reopened from its directory."""
    rng = random.Random(7)
    records = {f"R{n:04d}": _scan_record(rng, n) for n in range(120)}
    live = dict(records)
    path = tmp_path_factory.mktemp("scan") / "idx"
    churned = TrialIndex(path)
    put_all(churned, list(records.values())[:80])
    put_all(churned, list(records.values())[80:])
    replaced = [_scan_record(rng, n) for n in range(0, 120, 7)]
    put_all(churned, replaced)
    live.update({record["id"]: record for record in replaced})
    with churned.batch() as batch:
        for n in range(3, 120, 11):
            batch.delete(f"R{n:04d}")
            del live[f"R{n:04d}"]
    return live, [churned, built(None, live.values()), TrialIndex(path)]


@given(st.lists(_ITEM, min_size=1, max_size=4))
@settings(max_examples=120, deadline=None)
def test_search_agrees_with_a_scan(
    scanned: tuple[dict[str, Any], list[TrialIndex]], query: list[tuple[str, ...]]
) -> None:
    records, indexes = scanned
    expected = _scan(records, query)
    text = _text(query)
    for index in indexes:
        everything = index.search(text, limit=None)
        assert {hit.id for hit in everything} == expected, text
        assert index.count(text) == len(expected)
        for limit in (1, 5, 30):
            assert index.search(text, limit=limit) == everything[:limit], (text, limit)


def test_filters_agree_after_churn(scanned: tuple[dict[str, Any], list[TrialIndex]]) -> None:
    records, indexes = scanned
    recruiting = {i for i, r in records.items() if r["status"] == "RECRUITING"}
    big = {i for i, r in records.items() if r["enrollment"] and r["enrollment"]["count"] > 20}
    alpha = _scan(records, [("w", "alpha")])
    for index in indexes:
        assert {h.id for h in index.search("status:recruiting", limit=None)} == recruiting
        assert {h.id for h in index.search("enrollment:>20", limit=None)} == big
        assert {h.id for h in index.search("alpha status:recruiting", limit=None)} == (
            recruiting & alpha)
        assert index.ids() == sorted(records)
        assert len(index) == len(records) == 109


def test_a_whole_last_word_outranks_longer_words_while_typing() -> None:
    # "hepatitis c" typed: the last word is a prefix, and the trials of hepatitis C came after
    # those of "hepatitis B, chronic" (more words starting with "c" in their titles)
    index = built(None, [
        make("NCT00000040", title="Hepatitis B chronic carriers cohort",
             conditions=["Hepatitis B, Chronic", "Cirrhosis"]),
        make("NCT00000041", title="Sofosbuvir and ribavirin for twelve weeks in hepatitis C",
             conditions=["Hepatitis C"]),
    ])
    assert [hit.id for hit in index.search("hepatitis c", prefix_last=True)] == [
        "NCT00000041", "NCT00000040"]
    assert index.count("hepatitis c", prefix_last=True) == 2  # (a prefix still: both match)


def test_a_whole_last_word_outranks_longer_words_in_a_field_while_typing() -> None:
    # "condition:als": the trial of ALS (among other conditions) first, not the one of a
    # shorter condition that only starts with "als"
    index = built(None, [
        make("NCT00000050", title="A study", conditions=["Alsike allergy"]),
        make("NCT00000051", title="A study", conditions=[
            "Asthma", "ALS", "Diabetes mellitus type 2", "Obesity", "Chronic kidney disease"]),
    ])
    assert [hit.id for hit in index.search("condition:als", prefix_last=True)] == [
        "NCT00000051", "NCT00000050"]
