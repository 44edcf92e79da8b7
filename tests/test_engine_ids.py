"""store.engine.ids: u64 order keys that keep the ids' string order and spell NCT and LOCAL
ids exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.engine.ids import id_of_key, order_key

IDS = ["", "-", "0", "42", "A1", "LOCAL-", "LOCAL-0123", "LOCAL-0000000000",
       "LOCAL-00000000000", "LOCAL-0000000001", "LOCAL-000000000g", "LOCAL-abcdef0123",
       "LOCAL-ABCDEF0123", "LOCAL-ffffffffff", "LOCAL-ffffffffff0", "LOCAL-g", "M 7", "N",
       "NCT", "NCT0000000", "NCT00000000", "NCT00000000X", "NCT00000001", "NCT0000000A",
       "NCT12345678", "NCT99999999", "NCT999999990", "NCTA", "T01", "T1", "Z-9", "nct1",
       "~", "Ω-1", "\U0010ffff"]


def test_keys_follow_string_order() -> None:
    keys = [order_key(i) for i in sorted(IDS)]
    assert keys == sorted(keys)
    assert all(0 <= key < 2**64 for key in keys)


def test_nct_and_local_ids_have_their_own_keys_and_read_back() -> None:
    exact = ["LOCAL-0000000000", "LOCAL-0000000001", "LOCAL-abcdef0123", "LOCAL-ffffffffff",
             "NCT00000000", "NCT00000001", "NCT12345678", "NCT99999999"]
    keys = [order_key(i) for i in exact]
    assert keys == sorted(set(keys))
    assert [id_of_key(key) for key in keys] == exact
    assert order_key("NCT00000002") - order_key("NCT00000001") == 2


def test_other_ids_are_read_from_the_document() -> None:
    for other in ["A1", "LOCAL-ABCDEF0123", "NCT00000000X", "NCT0000000", "nct00000001", ""]:
        assert id_of_key(order_key(other)) is None, other


def test_an_other_id_never_shares_a_key_with_an_nct_or_local_id() -> None:
    assert order_key("NCT00000000X") > order_key("NCT00000000")
    assert order_key("NCT00000000X") < order_key("NCT00000001")
    assert order_key("LOCAL-000000000g") > order_key("LOCAL-0000000000")
    assert order_key("LOCAL-000000000g") > order_key("LOCAL-000000000f")
    assert order_key("LOCAL-000000000g") < order_key("LOCAL-0000000010")
    assert order_key("LOCAL-000000000") < order_key("LOCAL-0000000000")


_CHARS = st.sampled_from([*"-0123456789ACLNOTXafz ._~é", "LOCAL-", "NCT", "NCT0000"])


@given(st.lists(st.lists(_CHARS, max_size=8).map("".join), min_size=2, max_size=30))
@settings(max_examples=300, deadline=None)
def test_any_ids_keep_their_order(ids: list[str]) -> None:
    ordered = sorted(set(ids))
    keys = [order_key(i) for i in ordered]
    assert keys == sorted(keys)


@given(st.integers(0, 10**8 - 1), st.integers(0, 16**10 - 1))
@settings(max_examples=300, deadline=None)
def test_block_ids_round_trip(nct: int, local: int) -> None:
    nct_id, local_id = f"NCT{nct:08d}", f"LOCAL-{local:010x}"
    assert id_of_key(order_key(nct_id)) == nct_id
    assert id_of_key(order_key(local_id)) == local_id
    assert order_key(local_id) < order_key(nct_id)
