"""Query evaluation: the syntax tree against an index, giving matches with scores, or a mask.

Everything runs as C-level passes (map, zip, itertools.compress, bytes.translate, big-integer
AND / OR); no Python-level loop runs per posting, and per candidate only where noted.

- Ranked parts (words and phrases) give a Result: parallel lists of document numbers and
  scores. The ranked items of an AND go rarest first: the first one's postings become the
  candidates, each later one looks the candidates up in a dense impact array (one byte per
  document number: the term's impact, 0 = absent; cached for frequent terms), or, for a few
  candidates, by binary search in its postings.
- Selecting parts (status / phase / type / sex, age / enrollment / year, id:, and NOT of
  anything) give a mask: one byte per document number, 1 = match. Code columns become masks
  with bytes.translate; number ranges are slices of a sorted column. A query with nothing to
  rank (only filters or exclusions) is answered from its mask alone, in id order.
- A prefix stands for every term it expands to (see SearchIndex._expand), merged into one
  dense array (SearchIndex._union: one pass over their postings, cached a while).

The evaluator reads the index through reader.IndexReader (engine never imports index).

Phrases: the records holding all the words of a phrase are candidates; each is checked by
finding the phrase's word-hash sequence in the record's own (see analysis): bytes.find,
mapped over the candidates. A phrase that is an item of the top-level AND is checked last and
lazily: the best-ranked candidates first, until the limit is filled.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import add, not_
from typing import Any

from parsers.vocab import PHASE_ORDER

from .analysis import GROUP_OF_FIELD, HASHES, NS_FIELD, NS_ID, UNIT
from .query import And, Filter, IdTerm, Node, Not, Or, Range, Text
from .reader import K1, Impacts, IndexReader, Words

_INVERT = bytes([1] + [0] * 255)
_PRESENT = bytes([0] + [1] * 255)
_MASK_CACHE_SIZE = 64
_DENSE_CACHE_SIZE = 48
#: A term is looked up by binary search for each candidate when there are fewer candidates
#: than its postings divided by this; otherwise through a dense array.
_BISECT_RATIO = 16


class Result:
    """Matching document numbers and their scores, in parallel.

    A single word's result keeps its postings' impacts instead (scores = unit * impact), so
    that its best documents can be found by counting impact values (see SearchIndex._top).
    """

    __slots__ = ("_scores", "docs", "impacts", "unit")

    def __init__(
        self,
        docs: Sequence[int],
        scores: list[float] | None = None,
        impacts: Impacts | None = None,
        unit: float = 0.0,
    ) -> None:
        self.docs = docs
        self._scores = scores
        self.impacts = impacts
        self.unit = unit

    @property
    def raw(self) -> bool:
        """Are the scores still impacts times unit (not yet computed)?"""
        return self._scores is None

    @property
    def scores(self) -> list[float]:
        if self._scores is None:
            assert self.impacts is not None
            self._scores = list(map(self.unit.__mul__, self.impacts))
        return self._scores

    def keep(self, flags: Sequence[Any]) -> Result:
        """The documents whose flag is true."""
        docs = list(compress(self.docs, flags))
        if self._scores is None and self.impacts is not None:
            return Result(docs, None, bytes(compress(self.impacts, flags)), self.unit)
        return Result(docs, list(compress(self.scores, flags)))


_EMPTY = Result([], [])


def ranks(node: Node | None) -> bool:
    """Does node hold words or phrases outside NOT (something to rank by)?"""
    if isinstance(node, Text):
        return True
    if isinstance(node, And | Or):
        return any(ranks(item) for item in node.items)
    return False


class Evaluator:
    """Evaluates one query against one index (a fresh instance per search)."""

    def __init__(
        self, index: IndexReader, *, defer_phrases: bool = False, limit: int | None = None
    ) -> None:
        self.index = index
        # When set, only the best `limit` matches of the root are wanted (ranked by score),
        # so a root OR may leave out documents that cannot reach them.
        self.limit = limit
        self.size = index._size
        self.defer_phrases = defer_phrases
        self.deferred: list[Text] = []
        self.live = max(len(index), 1)
        self.scale = (K1 + 1.0) / 255.0
        self._terms: dict[tuple[str, str, bool], Words] = {}
        self._needles: dict[Text, tuple[bytes, set[bytes] | None]] = {}

    # --- entry points --------------------------------------------------------------------

    def run(self, root: Node) -> Result | bytes:
        """The documents matching root with their scores, or a mask when nothing ranks
        (dead documents may be included either way)."""
        if not ranks(root):
            return self.mask(root)
        if isinstance(root, Or):
            return self._or(root, None, root=True)
        return self.full(root, top=True)

    def check_deferred(self, docs: Sequence[int]) -> list[bool]:
        """For each document: do the deferred phrases hold in it?"""
        flags = [True] * len(docs)
        for node in self.deferred:
            flags = list(map(bool.__and__, flags, self.check(node, docs)))
        return flags

    # --- ranked parts --------------------------------------------------------------------

    def full(self, node: Node, *, top: bool = False) -> Result:
        """Every document matching node, with node's score."""
        if isinstance(node, Text):
            return self._text(node, None, top)
        if isinstance(node, And) and ranks(node):
            return self._and(node, None, top)
        if isinstance(node, Or) and ranks(node):
            return self._or(node, None)
        docs = list(compress(range(self.size), self.mask(node)))
        return Result(docs, [0.0] * len(docs))

    def within(self, node: Node, base: Result, *, top: bool = False) -> Result:
        """The documents of base matching node, with base's scores plus node's."""
        if not base.docs:
            return _EMPTY
        if isinstance(node, Text):
            return self._text(node, base, top)
        if isinstance(node, And) and ranks(node):
            return self._and(node, base, top)
        if isinstance(node, Or) and ranks(node):
            return self._or(node, base)
        if isinstance(node, Not) and ranks(node.item):
            return self._exclude(base, node.item)
        return self._masked(base, self.mask(node))

    def _masked(self, base: Result, mask: bytes) -> Result:
        return base.keep(list(map(mask.__getitem__, base.docs)))

    def _exclude(self, base: Result, node: Node) -> Result:
        if isinstance(node, Text) and len(node.words) == 1:
            return self._masked(base, self.mask(node).translate(_INVERT))
        zero = Result(base.docs, [0.0] * len(base.docs))
        found = set(self.within(node, zero).docs)
        if not found:
            return base
        return base.keep(list(map(not_, map(found.__contains__, base.docs))))

    def cost(self, node: Node) -> float:
        """About how many documents node matches (to order the items of an AND)."""
        if isinstance(node, Text):
            counts = [self._count(self.terms(node, i)) for i in range(len(node.words))]
            # Phrases go after plain words of the same size: checking them costs more.
            return min(counts) * (1.5 if node.is_phrase else 1.0)
        if isinstance(node, And):
            ranked = [self.cost(item) for item in node.items if ranks(item)]
            return min(ranked) if ranked else float(self.live)
        if isinstance(node, Or):
            return sum(self.cost(item) for item in node.items)
        return float(self.live)

    def _count(self, words: Words) -> int:
        """How many documents hold any of the terms (at most; the sum of their counts)."""
        return min(words.df, self.size)

    def _and(self, node: And, base: Result | None, top: bool) -> Result:
        ranked = sorted((item for item in node.items if ranks(item)), key=self.cost)
        excluded = [item.item for item in node.items if isinstance(item, Not) and ranks(item.item)]
        selecting = [
            item
            for item in node.items
            if not ranks(item) and not (isinstance(item, Not) and ranks(item.item))
        ]
        mask = self._and_masks([self.mask(item) for item in selecting]) if selecting else None
        result = base
        if mask is not None and (result is not None or mask.count(1) < self.cost(ranked[0])):
            # Restrict first: the filters leave fewer documents than the rarest word has.
            if result is None:
                docs = list(compress(range(self.size), mask))
                result = Result(docs, [0.0] * len(docs))
            else:
                result = self._masked(result, mask)
            mask = None
        for item in ranked:
            if result is None:
                result = self.full(item, top=top)
                if mask is not None:
                    result = self._masked(result, mask)
            else:
                result = self.within(item, result, top=top)
            if not result.docs:
                return _EMPTY
        assert result is not None
        for item in excluded:
            result = self._exclude(result, item)
        return result

    def _or(self, node: Or, base: Result | None, *, root: bool = False) -> Result:
        # Scores add up over the alternatives a document matches.
        if all(isinstance(item, Text) and len(item.words) == 1 for item in node.items):
            items: tuple[Text, ...] = node.items  # type: ignore[assignment]
            if root and self.limit:
                return self._or_best(items, self.limit)
            return self._or_words(items, base)
        totals: dict[int, float] = {}
        for item in node.items:
            if base is None:
                found = self.full(item)
                totals.update(_summed(totals, found.docs, found.scores))
            else:
                zero = Result(base.docs, [0.0] * len(base.docs))
                found = self.within(item, zero)
                totals.update(_summed(totals, found.docs, found.scores))
        if base is None:
            return Result(list(totals), list(totals.values()))
        flags = list(map(totals.__contains__, base.docs))
        docs = list(compress(base.docs, flags))
        return Result(docs, list(map(add, compress(base.scores, flags), map(totals.get, docs))))

    def _or_best(self, items: tuple[Text, ...], limit: int) -> Result:
        """A root OR of words when only its best `limit` matches are wanted (MaxScore):
        score the documents of the rarest words first; once the words left could not lift
        a document holding none of the others to the limit-th best score, stop there."""
        parts = sorted(
            ((self._dense(self.terms(item, 0)), self._unit(self.terms(item, 0))) for item in items),
            key=lambda part: -part[1],  # highest idf (rarest) first
        )
        bounds = [unit * max(dense, default=0) for dense, unit in parts]
        value = 0
        for taken in range(1, len(parts)):
            value |= int.from_bytes(parts[taken - 1][0].translate(_PRESENT), "little")
            present = value.to_bytes(self.size, "little")
            if self.index._dead:  # the best scores must be those of live documents
                present = self._and_masks([present, self.index._alive()])
            docs = list(compress(range(self.size), present))
            if len(docs) < limit:
                continue
            scores = [0.0] * len(docs)
            for dense, unit in parts:
                scores = list(map(add, scores, map(unit.__mul__, map(dense.__getitem__, docs))))
            best = heapq.nlargest(limit, scores)[-1]
            if sum(bounds[taken:]) < best:  # the rest cannot reach the best `limit` scores
                return Result(docs, scores)
        return self._or_words(items, None)

    def _or_words(self, items: tuple[Text, ...], base: Result | None) -> Result:
        """An OR of single words (or prefixes), through their dense arrays."""
        parts = [
            (self._dense(self.terms(item, 0)), self._unit(self.terms(item, 0))) for item in items
        ]
        value = 0
        for dense, _ in parts:
            value |= int.from_bytes(dense.translate(_PRESENT), "little")
        present = value.to_bytes(self.size, "little")
        if base is None:
            docs: Sequence[int] = list(compress(range(self.size), present))
            scores = [0.0] * len(docs)
        else:
            base = base.keep(list(map(present.__getitem__, base.docs)))
            docs, scores = base.docs, base.scores
        for dense, unit in parts:
            scores = list(map(add, scores, map(unit.__mul__, map(dense.__getitem__, docs))))
        return Result(docs, scores)

    # --- words and phrases ----------------------------------------------------------------

    def terms(self, node: Text, position: int) -> Words:
        """The index terms the word at position stands for (every expansion of a prefix)."""
        word = node.words[position]
        prefix = node.prefix and position == len(node.words) - 1
        namespace = NS_FIELD[node.field] if node.field else ""
        cache_key = (namespace, word, prefix)
        found = self._terms.get(cache_key)
        if found is None:
            index = self.index
            found = index._expand(word, namespace) if prefix else index._word(namespace + word)
            self._terms[cache_key] = found
        return found

    def _unit(self, words: Words) -> float:
        """Score per impact unit: idf * (k1 + 1) / 255 (a prefix: idf of its expansions)."""
        df = self._count(words)
        return math.log(1.0 + max(self.live - df + 0.5, 0.5) / (df + 0.5)) * self.scale

    def _postings(self, words: Words) -> tuple[Sequence[int], Impacts] | None:
        """Postings of one term, or of the union of a prefix's expansions (sorted)."""
        if len(words.terms) == 1:
            return self.index._postings(words.terms[0])
        dense = self._dense(words)
        return list(compress(range(self.size), dense)), bytes(compress(dense, dense))

    def _dense(self, words: Words) -> bytearray:
        """One byte per document number: the terms' impact (0 = none), cached a while."""
        cache: dict[Any, bytearray] = self.index._cache.setdefault("dense", {})
        dense = cache.get(words.key)
        if dense is None:
            dense = self.index._union(words)
            if len(cache) >= _DENSE_CACHE_SIZE:
                del cache[next(iter(cache))]
            cache[words.key] = dense
        return dense

    def _word(self, words: Words, base: Result | None) -> Result:
        """Documents holding the word (any of its terms), within base when given."""
        unit = self._unit(words)
        if base is None:
            postings = self._postings(words)
            if postings is None:
                return _EMPTY
            docs, imps = postings
            return Result(docs, None, imps, unit)
        cache = self.index._cache.get("dense", {})
        if len(words.terms) == 1 and words.key not in cache:
            postings = self.index._postings(words.terms[0])
            if postings is None:
                return _EMPTY
            docs, imps = postings
            if len(base.docs) * _BISECT_RATIO < len(docs):
                found = [_lookup(docs, imps, doc) for doc in base.docs]
                return self._scored(base, found, unit)
        return self._scored(base, list(map(self._dense(words).__getitem__, base.docs)), unit)

    def _scored(self, base: Result, impacts: list[int], unit: float) -> Result:
        """base's documents with a non-zero impact, scores raised by unit * impact."""
        docs = list(compress(base.docs, impacts))
        added = map(unit.__mul__, compress(impacts, impacts))
        before: Iterable[float]
        if base.raw and base.impacts is not None:  # base scores not computed yet: only these
            before = map(base.unit.__mul__, compress(base.impacts, impacts))
        else:
            before = compress(base.scores, impacts)
        return Result(docs, list(map(add, before, added)))

    def _text(self, node: Text, base: Result | None, top: bool) -> Result:
        positions = sorted(range(len(node.words)), key=lambda i: self._count(self.terms(node, i)))
        result = base
        for position in positions:
            result = self._word(self.terms(node, position), result)
            if not result.docs:
                return _EMPTY
        assert result is not None
        if not node.is_phrase:
            return result
        if top and self.defer_phrases:
            self.deferred.append(node)
            return result
        return result.keep(self.check(node, result.docs))

    def check(self, node: Text, docs: Sequence[int]) -> list[bool]:
        """For each document: are the phrase's words adjacent, in order, in one value of
        its fields? (bytes.find of its hash sequence in the document's, mapped in C)."""
        if not docs:
            return []
        needle, last = self._needle(node)
        index = self.index
        bounds, fwd = index._fwd_bounds, index._fwd
        first = GROUP_OF_FIELD[node.field] if node.field else 0
        final = first + 1 if node.field else 4
        slots = list(map((5).__mul__, docs))
        lows = list(map(bounds.__getitem__, map(int.__add__, slots, repeat(first))))
        highs = list(map(bounds.__getitem__, map(int.__add__, slots, repeat(final))))
        if last is not None:
            highs = list(map(int.__add__, highs, repeat(-UNIT)))  # room for the last word
        found = list(map(fwd.find, repeat(needle), lows, highs))
        flags = list(map((-1).__lt__, found))
        size = len(needle)
        for at_index in compress(range(len(docs)), flags):
            at, low, high = found[at_index], lows[at_index], highs[at_index]
            flags[at_index] = False
            while at >= 0:
                if (at - low) % UNIT == 0 and (
                    last is None or bytes(fwd[at + size : at + size + UNIT]) in last
                ):
                    flags[at_index] = True
                    break
                at = fwd.find(needle, at + 1, high)
        return flags

    def _needle(self, node: Text) -> tuple[bytes, set[bytes] | None]:
        """The hash sequence to find, and for a prefix phrase the hashes the word after it
        may have (its expansions); the prefix word is then not part of the needle."""
        found = self._needles.get(node)
        if found is None:
            if node.prefix:
                skip = len(NS_FIELD[node.field]) if node.field else 0
                expansions = self.terms(node, len(node.words) - 1).terms
                last = {HASHES[term[skip:]] for term in expansions}
                found = (b"".join(map(HASHES.__getitem__, node.words[:-1])), last)
            else:
                found = (b"".join(map(HASHES.__getitem__, node.words)), None)
            self._needles[node] = found
        return found

    # --- masks ---------------------------------------------------------------------------

    def mask(self, node: Node) -> bytes:
        """One byte per document number: 1 where node matches."""
        if isinstance(node, Filter):
            return self._filter_mask(node)
        if isinstance(node, Range):
            return self._range_mask(node)
        if isinstance(node, Not):
            return self.mask(node.item).translate(_INVERT)
        if isinstance(node, And):
            return self._and_masks([self.mask(item) for item in node.items])
        if isinstance(node, Or):
            value = 0
            for item in node.items:
                value |= int.from_bytes(self.mask(item), "little")
            return value.to_bytes(self.size, "little")
        if isinstance(node, IdTerm):
            postings = self.index._postings(NS_ID + node.value)
            return self._docs_mask(postings[0] if postings else ())
        if isinstance(node, Text) and not node.is_phrase and len(node.words) == 1:
            return bytes(self._dense(self.terms(node, 0)).translate(_PRESENT))
        return self._docs_mask(self.full(node).docs)

    def _and_masks(self, masks: list[bytes]) -> bytes:
        if len(masks) == 1:
            return masks[0]
        value = -1
        for mask in masks:
            value &= int.from_bytes(mask, "little")
        return value.to_bytes(self.size, "little")

    def _docs_mask(self, docs: Iterable[int]) -> bytes:
        mask = bytearray(self.size)
        deque(map(mask.__setitem__, docs, repeat(1)), maxlen=0)
        return bytes(mask)

    def _filter_mask(self, node: Filter) -> bytes:
        index = self.index
        table = bytearray(256)
        if node.field == "phase":
            want = 0
            for value in node.values:
                want |= 1 << PHASE_ORDER.index(value) if value in PHASE_ORDER else 1 << 8
            for code in range(256):
                table[code] = code & want == want
            return bytes(index._phase.translate(table))
        codes = index._enums[node.field]
        for value in node.values:
            if value in codes.codes:
                table[codes.codes[value]] = 1
        column = {"status": index._status, "type": index._type, "sex": index._sex}[node.field]
        return bytes(column.translate(table))

    def _range_mask(self, node: Range) -> bytes:
        cache: dict[tuple[str, str, float], bytes] = self.index._cache.setdefault("masks", {})
        cache_key = (node.field, node.op, node.value)
        mask = cache.get(cache_key)
        if mask is not None:
            return mask
        index = self.index
        value, op = node.value, node.op
        if node.field == "age":
            mins, by_min = index._sorted_column("min_age")
            maxs, by_max = index._sorted_column("max_age")
            old_enough = self._slice_mask(by_min, 0, bisect_right(mins, value + 1e-6))
            young_enough = self._slice_mask(by_max, bisect_left(maxs, value - 1e-6), len(by_max))
            mask = self._and_masks([old_enough, young_enough])
        else:
            values, ordered = index._sorted_column(node.field)
            floor = bisect_left(values, 0 if node.field == "enrollment" else 1)  # known values
            left = max(bisect_left(values, value), floor)
            right = max(bisect_right(values, value), floor)
            low, high = {
                "=": (left, right),
                ">": (right, len(values)),
                ">=": (left, len(values)),
                "<": (floor, left),
                "<=": (floor, right),
            }[op]
            mask = self._slice_mask(ordered, low, high)
        if len(cache) >= _MASK_CACHE_SIZE:
            cache.clear()
        cache[cache_key] = mask
        return mask

    def _slice_mask(self, ordered: Any, low: int, high: int) -> bytes:
        """The mask of ordered[low:high], ordered holding every document number once (built
        from the smaller side)."""
        if high - low <= len(ordered) // 2:
            return self._docs_mask(ordered[low:high])
        mask = bytearray(self.size)
        deque(map(mask.__setitem__, ordered[:low], repeat(1)), maxlen=0)
        deque(map(mask.__setitem__, ordered[high:], repeat(1)), maxlen=0)
        return bytes(mask.translate(_INVERT))


def _lookup(docs: Sequence[int], imps: Impacts, doc: int) -> int:
    """The impact of doc in a term's postings (0 when absent), by binary search."""
    at = bisect_left(docs, doc)
    return imps[at] if at < len(docs) and docs[at] == doc else 0


def _summed(totals: dict[int, float], docs: Sequence[int], scores: list[float]) -> Any:
    """(doc, totals' score + score) pairs, to update totals with."""
    return zip(docs, map(add, map(totals.get, docs, repeat(0.0)), scores), strict=True)
