"""Outcome measures aligned across trials: the primary with the primary, the secondary with
the secondary, by the similarity of their measures (the criteria's alignment code, with its
own filler words and threshold; see docs/compare.md)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from .alignment import Row, align
from .criteria import Item
from .fields import Record, canonical
from .tokens import MatchKey, match_key

#: The kinds of outcome compared, in the order shown (record key "outcomes"; "other"
#: pre-specified outcomes are left out of the comparison).
OUTCOME_KINDS = ("primary", "secondary")
OUTCOME_FIELDS = ("measure", "description", "time_frame")
#: Words that say how an outcome is counted, not what it measures: "Mean Change from
#: Baseline in Systolic Blood Pressure" and "Change in Systolic Blood Pressure" are one
#: measure. Dropped on top of the criteria's stopwords ("participants", "of", "in", …).
_FILLER_TEXT = (
    "mean change changes changed baseline percentage proportion number achieving achieve "
    "achieved score scores"
)
OUTCOME_FILLER = frozenset(_FILLER_TEXT.split())
#: Two outcome measures of different trials may share a row only when their similarity is
#: at least this (tuned on the 50-study download: see docs/compare.md).
OUTCOME_THRESHOLD = 60.0


def _outcome(item: Item) -> dict[str, Any]:
    """An outcome object (a bare string is a measure without description or time frame)."""
    if isinstance(item, str):
        return {"measure": item, "description": None, "time_frame": None}
    return item


def outcome_key(item: Item) -> MatchKey:
    """What an outcome is matched on: its measure, outcome filler words dropped."""
    return match_key(_outcome(item).get("measure") or "", OUTCOME_FILLER)


def outcome_text(item: Item) -> str:
    """An outcome as readable text: its measure, then "Time frame: …" on a line of its own
    when it states one."""
    outcome = _outcome(item)
    time_frame = outcome.get("time_frame")
    measure = outcome.get("measure") or ""
    return f"{measure}\nTime frame: {time_frame}" if time_frame else measure


def outcome_json(item: Item) -> dict[str, Any]:
    """An outcome cell in JSON: {measure, description, time_frame}, a copy."""
    outcome = _outcome(item)
    return {key: copy.deepcopy(outcome.get(key)) for key in OUTCOME_FIELDS}


def outcomes_of(record: Record, kind: str) -> list[dict[str, Any]]:
    """A record's outcomes of one kind ([] for a record without the section)."""
    return list((record.get("outcomes") or {}).get(kind) or [])


def _time_frames_differ(row: Row) -> bool:
    frames = {canonical(_outcome(cell).get("time_frame")) for cell in row.cells
              if cell is not None}
    return len(frames) > 1


def align_outcomes(records: Sequence[Record], kind: str) -> list[Row]:
    """One kind of outcome of several trials aligned into rows (a cell: the outcome object).

    A row is "same" when its measures are the same once normalised and its time frames
    agree; the same measure at different time frames is "similar" (score 100).
    """
    rows = align([outcomes_of(record, kind) for record in records], key=outcome_key,
                 threshold=OUTCOME_THRESHOLD)
    for row in rows:
        if row.kind == "same" and _time_frames_differ(row):
            row.kind = "similar"
    return rows
