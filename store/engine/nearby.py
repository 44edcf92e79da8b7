"""near:PLACE~KM against one searcher: the place resolved from the sites the index holds, then
every trial with a site within the distance (store.engine.geo), measured exactly."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import tantivy

from store.search.query import And, Near, Node, Or, QueryError

from .geo import (
    Place,
    centre,
    covering_cells,
    merge_places,
    nearest_in,
    place_parts,
    place_term,
    qualifies,
    unpack,
)
from .results import ids_of

Q = tantivy.Query
#: Candidates shown when a place names several.
CANDIDATES_SHOWN = 8
#: Results of this many near: terms are kept per searcher (typing repeats them).
CACHED = 16

Distances = dict[str, float]


class Nearby:
    """near: terms of one searcher (one generation of the index), with their results kept."""

    def __init__(self, schema: tantivy.Schema, searcher: tantivy.Searcher) -> None:
        self.schema = schema
        self.searcher = searcher
        self._cache: OrderedDict[tuple[str, float], Distances] = OrderedDict()
        self._places: OrderedDict[str, Place | QueryError] = OrderedDict()

    def within(self, near: Near) -> Distances:
        """Trial id → km to its nearest site, for every trial with a site within near.km of
        the place; QueryError for an unknown or ambiguous place."""
        cache_key = (near.place.casefold(), near.km)
        found = self._cache.get(cache_key)
        if found is None:
            place = self.resolve(near)
            found = self._measure(place, near.km)
            self._cache[cache_key] = found
            if len(self._cache) > CACHED:
                self._cache.popitem(last=False)
        self._cache.move_to_end(cache_key)
        return found

    def resolve(self, near: Near) -> Place:
        """The one place near.place names (remembered: the browser's search and its Sites
        tab ask for the same place at each key)."""
        cache_key = near.place.casefold()
        found = self._places.get(cache_key)
        if found is None:
            try:
                found = self._resolve(near)
            except QueryError as error:
                found = error
            self._places[cache_key] = found
            if len(self._places) > CACHED:
                self._places.popitem(last=False)
        if isinstance(found, QueryError):
            raise QueryError(found.message, near.start)
        return found

    def _resolve(self, near: Near) -> Place:
        city, qualifiers = place_parts(near.place)
        named = self.searcher.terms_with_prefix("place", city + "|")
        terms = [(term, count) for term, count in named if qualifies(term, qualifiers)]
        located = {term: self._locate(term, count) for term, count in terms}
        places = merge_places([place for place in located.values() if place is not None])
        if not places:
            raise QueryError(f'no site of the store is in "{near.place}" (near: takes a city '
                             'as the registry writes it, e.g. near:"Lyon, France")', near.start)
        if len(places) > 1:
            shown = "; ".join(f"{p.name} ({p.trials:,} trial{'s' if p.trials != 1 else ''})"
                              for p in places[:CANDIDATES_SHOWN])
            more = len(places) - CANDIDATES_SHOWN
            rest = f"; and {more:,} more" if more > 0 else ""
            raise QueryError(f'"{near.place}" is {len(places):,} places: {shown}{rest}. Name '
                             f'one, e.g. near:"{places[0].name}"', near.start)
        return _with_unlocated(places[0], [term for term, place in located.items()
                                           if place is None])

    def _locate(self, term: str, trials: int) -> Place | None:
        """Where the sites of one place term lie (the mean of a sample of them)."""
        hits = self.searcher.search(Q.term_query(self.schema, "place", term), 20,
                                    count=False).hits
        sites = [site for _, address in hits
                 for site in unpack(self.searcher.doc(address).get_first("geo"))]
        found = centre(sites, term)
        if found is None:
            return None
        name, lat, lon = found
        return Place(name, lat, lon, trials, (term,))

    def _measure(self, place: Place, km: float) -> Distances:
        """Every trial with a site within km of the place; a site of the place itself that
        has no coordinates counts as at its centre."""
        out: Distances = {}
        cells = covering_cells(place.lat, place.lon, km)
        for trial_id, data in self._all_matches(Q.term_set_query(self.schema, "geo_cell",
                                                                 cells)):
            nearest = nearest_in(data, place.lat, place.lon)
            if nearest <= km:
                out[trial_id] = nearest
        named = Q.term_set_query(self.schema, "place", list(place.terms))
        for trial_id, data in self._all_matches(named, skip=out):
            if not any(place_term(*site[2:]) in place.terms for site in unpack(data)):
                out[trial_id] = 0.0  # its site of the place is not located: the centre
        return out

    def _all_matches(self, query: tantivy.Query,
                     skip: Distances | None = None) -> list[tuple[str, Any]]:
        """(trial id, its stored "geo" value) of every match of query, except the ids in
        skip."""
        total = getattr(self.searcher.search(query, 1, count=True), "count", 0) or 0
        if not total:
            return []
        addresses = [address for _, address in
                     self.searcher.search(query, total, count=False).hits]
        return [(trial_id, self.searcher.doc(address).get_first("geo"))
                for trial_id, address in zip(ids_of(self.searcher, addresses), addresses,
                                             strict=True)
                if skip is None or trial_id not in skip]


def _with_unlocated(place: Place, unlocated: list[str]) -> Place:
    """The place with the terms of the same city whose sites have no coordinates, when their
    country is one of the place's (or unstated): "lyon||france" joins "lyon|rhone|france"."""
    countries = {term.split("|")[2] for term in place.terms}
    joining = tuple(term for term in unlocated if term.split("|")[2] in countries | {""})
    return replace(place, terms=place.terms + joining) if joining else place


def first_near(root: Node | None) -> Near | None:
    """The first near: term of a query outside NOT, if any."""
    stack: list[Node] = [] if root is None else [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Near):
            return node
        if isinstance(node, And | Or):
            stack.extend(reversed(node.items))
    return None


def near_only(root: object) -> Near | None:
    """The Near node when it is a query's only criterion (its hits rank by distance)."""
    return root if isinstance(root, Near) else None


def by_distance(distances: Distances, limit: int | None) -> list[tuple[str, float]]:
    """(id, km) nearest first, ties by id."""
    ranked = sorted(distances.items(), key=lambda item: (item[1], item[0]))
    return ranked if limit is None else ranked[:limit]


NearLookup = Callable[[Near], Distances]
