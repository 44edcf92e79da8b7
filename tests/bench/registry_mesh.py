"""MeSH-like blocks of the registry corpus's derivedSection: per condition, per drug, merged."""
from __future__ import annotations

import zlib

from .registry_types import Study
from .registry_vocab_medical import CONDITION_CATEGORIES, DRUG_CLASSES


def mesh_id(prefix: str, term: str, width: int) -> str:
    """A made-up MeSH-like id of the term: prefix and width digits of its CRC-32."""
    return f"{prefix}{zlib.crc32(term.encode('utf-8')) % 10**width:0{width}d}"


def condition_block(condition: str) -> dict[str, list[dict[str, str]]]:
    """The browse lists of a condition: its term, the ancestors and branches of its category."""
    key = condition.casefold()
    found = [cat for cat in CONDITION_CATEGORIES if any(w in key for w in cat[3])]
    if not found:
        found = [cat for cat in CONDITION_CATEGORIES if cat[0] == "BC23"]
    meshes = [{"id": mesh_id("D000", condition, 6), "term": condition}]
    ancestors: list[dict[str, str]] = []
    leaves = [{"id": mesh_id("M", condition, 5), "name": condition, "asFound": condition,
               "relevance": "HIGH"}]
    branches: list[dict[str, str]] = []
    for abbrev, name, terms, _ in found[:2]:
        for term in terms:
            ancestors.append({"id": mesh_id("D000", term, 6), "term": term})
            leaves.append({"id": mesh_id("M", term, 5), "name": term, "relevance": "LOW"})
        branches.append({"abbrev": abbrev, "name": name})
    return {"meshes": meshes, "ancestors": ancestors, "browseLeaves": leaves,
            "browseBranches": branches}


def drug_block(drug: str) -> dict[str, list[dict[str, str]]] | None:
    """The browse lists of a drug of a known class (by its stem), or None."""
    for stems, terms, (abbrev, name) in DRUG_CLASSES:
        if drug.endswith(stems):
            term = drug.capitalize()
            return {
                "meshes": [{"id": mesh_id("C000", term, 6), "term": term}],
                "ancestors": [{"id": mesh_id("D000", t, 6), "term": t} for t in terms],
                "browseLeaves": [{"id": mesh_id("M", term, 6), "name": term,
                                  "asFound": term, "relevance": "HIGH"}]
                + [{"id": mesh_id("M", t, 5), "name": t, "relevance": "LOW"}
                   for t in terms],
                "browseBranches": [{"abbrev": abbrev, "name": name}],
            }
    return None


def merge_blocks(blocks: list[dict[str, list[dict[str, str]]]],
                 everything: str = "All Conditions") -> Study:
    """The browse module of several conditions or drugs: their lists, duplicates dropped."""
    out: Study = {}
    for key, id_key in (("meshes", "id"), ("ancestors", "id"), ("browseLeaves", "id"),
                        ("browseBranches", "abbrev")):
        # Equal ids carry equal items: a later one replaces an earlier in its place.
        seen = {item[id_key]: item for block in blocks for item in block[key]}
        if key == "browseBranches":
            seen["All"] = {"abbrev": "All", "name": everything}
        if seen:
            out[key] = list(seen.values())
    return out
