"""MeSH terms across trials: those every compared trial has, then each trial's own."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .fields import Record

Term = dict[str, Any]
#: The MeSH lists compared: the registry's terms for the conditions and the interventions
#: (their ancestors, broader terms, are left out: they would make unrelated trials agree).
MESH_LISTS = ("conditions", "interventions")


@dataclass
class MeshTerms:
    """shared: the terms every trial has (in the first trial's order); own: per trial, its
    terms that not every trial has (in its order)."""

    shared: list[Term]
    own: list[list[Term]]

    def to_json(self) -> dict[str, Any]:
        """{"shared": [Term], "own": [[Term] per trial]} (copies)."""
        return {"shared": copy.deepcopy(self.shared), "own": copy.deepcopy(self.own)}


def term_key(term: Term) -> str:
    """What makes two terms the same: the MeSH id (D003924) when stated, else the term's
    casefolded text."""
    if term.get("id"):
        return f"id:{str(term['id']).strip().upper()}"
    return "term:" + " ".join(str(term.get("term") or "").casefold().split())


def terms_of(record: Record) -> list[Term]:
    """A record's condition and intervention terms, each once, in the record's order."""
    mesh = record.get("mesh") or {}
    seen: set[str] = set()
    terms = []
    for name in MESH_LISTS:
        for term in mesh.get(name) or []:
            if isinstance(term, dict) and term.get("term") and term_key(term) not in seen:
                seen.add(term_key(term))
                terms.append(term)
    return terms


def _keys(term: Term) -> set[str]:
    """Every key a term matches by: its text, and its MeSH id when stated (a trial's term
    without an id is still the other trial's term of that name)."""
    text = "term:" + " ".join(str(term.get("term") or "").casefold().split())
    return {text, term_key(term)}


def mesh_terms(records: Sequence[Record]) -> MeshTerms:
    """The terms shared by all the records (by MeSH id or by name), and each record's own."""
    lists = [terms_of(record) for record in records]
    keys = [set().union(*(_keys(term) for term in terms)) for terms in lists]

    def everywhere(term: Term) -> bool:
        return all(_keys(term) & found for found in keys)

    shared = [term for term in (lists[0] if lists else []) if everywhere(term)]
    own = [[term for term in terms if not everywhere(term)] for terms in lists]
    return MeshTerms(shared, own)
