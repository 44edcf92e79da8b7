"""Field-level differences between two versions of a trial record. Pure functions, no I/O.

    diff_records(old, new) -> list[Change]     every difference, in the record's field order
    summarise(changes) -> str                  "status Recruiting → Completed; enrollment
                                                120 → 96; 2 exclusion criteria added, 1
                                                changed; 3 sites added"
    changed_fields(changes) -> list[str]       top-level fields, sorted, unique (for
                                                `trials changes --json`'s "fields")

    Change(field, kind, old, new, detail=None, item=None)   frozen; kind is "added",
        "removed" or "changed"; see change.Change.

Typical use, with the store's versions (newest first):

    newer, older = store.history(trial_id)[:2]
    changes = diff_records(older.record, newer.record)

What is compared (fields.RECORD says it field by field):

* Values (status, phases as a whole, titles, sponsor, summary, has_results, dates.*,
  eligibility.sex/min_age/max_age, design.*, …): one Change per dotted path whose value
  differs: "status" RECRUITING → COMPLETED, "enrollment.count" 120 → 96,
  "dates.primary_completion" {date, type} → {date, type}. Values are compared exactly (a
  change of case is a change); None, "", [] and {} all mean "not stated" and are equal. A
  nullable object (enrollment, ipd_sharing) that is null on one side is one Change at its
  own path ("enrollment" added).
* Lists of items (items.py): sites by facility + city + country, arms by label,
  interventions by name, outcomes by measure, references by PMID then citation, MeSH terms by
  id then term, contacts and officials by name, links by url, shared participant data and
  documents by type, id and url, secondary ids' details by id,
  the registry's results submission events by type and date, its FDA violation notices by
  type and dates; conditions, keywords, collaborators, removed countries and secondary ids by
  their text, case and spacing aside. One Change per item
  added or removed, and "changed" (old item → new item, detail naming the members that
  differ: "status Recruiting → Completed") for an item whose identity matches but whose
  content differs. Matching uses dictionaries (linear in the list's length); moving an item
  within its list is not a change.
* Secondary ids (secondary_ids.py): an id added or removed is one Change of other_ids, its
  detail what secondary_id_details states of it in words ("EudraCT number"), not a second
  Change of secondary_id_details; the details of an id that stays are compared as items,
  their detail in words ("type other → EudraCT number, issuer none → IRB").
* Criteria (criteria.py): eligibility.inclusion and eligibility.exclusion, trees flattened
  into their criteria; identical texts pair up, the rest are aligned with the compare view's
  alignment (store.compare.align), so that a reworded criterion is "changed" (old text → new
  text) and a new one "added". old/new are the criteria's texts. A section's notes
  (``note: true``) are diffed apart, under "eligibility.inclusion.notes" and
  "eligibility.exclusion.notes" ("1 exclusion criteria note added").
* results (results.py): one Change: "added" when results are posted (detail: the sections),
  "changed" naming the sections that differ, "removed"; their numbers are not diffed.
* Not compared: source (path, sha256, imported_at), warnings, record_version. Top-level
  fields the table does not know are compared as values, so nothing goes unseen.

Modules, one job each: change (Change), display (values in a few words), items (lists of
items), criteria (criteria alignment), results (posted results), secondary_ids (an id and
its details said once), fields (the table of fields), records (diff_records), summary
(summarise, changed_fields).
"""

from __future__ import annotations

from .change import Change, Kind
from .criteria import MAX_FUZZY_PAIRS, flatten
from .fields import IGNORED, RECORD, Field
from .items import Identity
from .records import diff_records
from .summary import changed_fields, summarise

__all__ = [
    "IGNORED",
    "MAX_FUZZY_PAIRS",
    "RECORD",
    "Change",
    "Field",
    "Identity",
    "Kind",
    "changed_fields",
    "diff_records",
    "flatten",
    "summarise",
]
