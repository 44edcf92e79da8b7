"""The store's on-disk search engine: TrialIndex, a tantivy index of trial records that also
maps each trial id to where its current version lives in the store's segment files.

    from store.engine import TrialIndex, Location

    index = TrialIndex(path)            # a directory (created if new); None: in memory
    with index.batch() as batch:        # atomic: all of it visible after the commit, or none
        batch.put(record, Location(segment, offset, length), sha256)
        batch.delete("NCT00000002")
    index.search("stem cell", limit=50)           # [Hit(id, score)], best first, ties by id
    index.count("phase:2"); index.facets_of("als"); index.columns(id); index.locate(id)
    index.reload()                      # see another process's commit; index.generation

The query language is store.search's (store.search.query parses it; highlight marks it).

Modules: schema (fields, SCHEMA_VERSION), ids (order keys), documents (record → document),
translate (query tree → tantivy queries), results (ranking, ties by id, sorts), opening
(create, open, version checks), writing (batches), index (TrialIndex), errors.
"""

from store.segment_format import Location

from .errors import DamagedIndexError, IndexVersionError, UnusableIndexError
from .index import TrialIndex
from .index_reading import sort_key
from .results import Hit
from .schema import SCHEMA_VERSION, SORTS

__all__ = [
    "SCHEMA_VERSION",
    "SORTS",
    "DamagedIndexError",
    "Hit",
    "IndexVersionError",
    "Location",
    "TrialIndex",
    "UnusableIndexError",
    "sort_key",
]
