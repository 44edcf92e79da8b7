"""The phase sort: trials grouped by the phases they state, each group in id order.

A trial of several phases ("Phase 1/Phase 2") sorts after those of its lowest phase alone
and before those of its highest alone: Early 1, 1, 1/2, 2, 2/3, 3, 4 — by highest phase,
then by lowest. "N/A" (not applicable: no phase) follows the phases in either direction,
and trials stating no phase come last, as for every sort.

The index keeps one sort value per trial, its highest phase (phase_rank), which cannot tell
"1/2" from "2"; the groups are found instead with that value and the trial's phase terms
(the "phase" field), one query per group in turn until enough trials are found, so stores
indexed before this order need no rebuild.
"""

from __future__ import annotations

import tantivy

from parsers import vocab

from .results import by_id

Q = tantivy.Query
MUST, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.MustNot
#: The phases proper, lowest first (vocab.PHASE_ORDER without "NA").
PHASES = tuple(phase for phase in vocab.PHASE_ORDER if phase != "NA")
#: The stored sort value of a phase (documents.prepare: its place in PHASE_ORDER + 1).
RANK = {phase: vocab.PHASE_ORDER.index(phase) + 1 for phase in vocab.PHASE_ORDER}


def groups() -> list[tuple[str, str]]:
    """(lowest phase, highest phase) of every group of trials stating phases, in order."""
    return [(low, high) for high in PHASES for low in PHASES
            if PHASES.index(low) <= PHASES.index(high)]


def _group_query(schema: tantivy.Schema, low: str, high: str) -> tantivy.Query:
    """The trials whose highest phase is `high` and lowest is `low`."""
    rank = RANK[high]
    clauses = [(MUST, Q.range_query(schema, "phase_rank", tantivy.FieldType.Unsigned,
                                    rank, rank))]
    clauses.append((MUST, Q.term_query(schema, "phase", low)))
    clauses += [(MUST_NOT, Q.term_query(schema, "phase", lower))
                for lower in PHASES[:PHASES.index(low)]]
    return Q.boolean_query(clauses)


def by_phase(
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    descending: bool,
    wanted: int,
) -> list[str]:
    """The ids of the first `wanted` matches by phase (the module's order), ties by id."""
    ordered = [_group_query(schema, low, high) for low, high in groups()]
    if descending:
        ordered.reverse()
    na = RANK["NA"]
    ordered.append(Q.range_query(schema, "phase_rank", tantivy.FieldType.Unsigned, na, na))
    ordered.append(Q.boolean_query([(MUST, Q.all_query()),
                                    (MUST_NOT, Q.exists_query("phase_rank"))]))
    out: list[str] = []
    for group in ordered:
        if len(out) >= wanted:
            break
        out += by_id(searcher, Q.boolean_query([(MUST, query), (MUST, group)]),
                     wanted - len(out))
    return out
