"""store.engine.geo: the nearest site of a trial, read from the stored value."""

from __future__ import annotations

import math

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from store.engine.geo import distance_km, nearest_in, nearest_km, pack, unpack

PARIS = (48.8566, 2.3522)

COORDINATE = st.one_of(st.floats(-200, 200, allow_nan=False), st.integers(-200, 200),
                       st.none(), st.text(max_size=3), st.booleans())
ITEM = st.one_of(
    st.tuples(st.floats(-90, 90), st.floats(-180, 180), st.text(max_size=5),
              st.text(max_size=5), st.text(max_size=5)).map(list),
    st.lists(COORDINATE, min_size=0, max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ITEM, max_size=12))
def test_the_nearest_site_read_without_building_the_sites_is_the_same(items: list) -> None:
    data = orjson.dumps(items)
    expected = min((distance_km(*PARIS, site[0], site[1]) for site in unpack(data)),
                   default=math.inf)
    assert nearest_in(data, *PARIS) == expected
    assert nearest_km(unpack(data), *PARIS) == expected


def test_a_site_and_the_values_that_are_none() -> None:
    lyon = (45.764, 4.8357, "Lyon", "", "France")
    data = pack([lyon])
    assert 390 < nearest_in(data, *PARIS) < 393  # Paris to Lyon: 392 km as the crow flies
    assert nearest_in(b"not json", *PARIS) == math.inf
    assert nearest_in(None, *PARIS) == math.inf
    assert nearest_in(orjson.dumps({"lat": 1}), *PARIS) == math.inf
