"""Real API v2 studies from tests/fixtures/realdata and later versions of them, imported one
at a time: shared by the tests of versions, changes, saved searches and the History tab."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from store import TrialStore

REALDATA = Path(__file__).resolve().parent / "fixtures" / "realdata"


def study(trial_id: str) -> dict[str, Any]:
    """The AACT sample of a trial, as the API gives it."""
    data: dict[str, Any] = json.loads(
        (REALDATA / f"ctti-clinicaltrials__aact__{trial_id}.json").read_text(encoding="utf-8"))
    return data


def changed(data: dict[str, Any], *, status: str, last_update: str,
            enrollment: int | None = None) -> dict[str, Any]:
    """A later version of a study: another status and last update (and enrollment)."""
    out = copy.deepcopy(data)
    status_module = out["protocolSection"]["statusModule"]
    status_module["overallStatus"] = status
    status_module["lastUpdatePostDateStruct"] = {"date": last_update, "type": "ACTUAL"}
    if enrollment is not None:
        out["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = enrollment
    return out


def put(store: TrialStore, data: dict[str, Any], label: str) -> Any:
    """Import one study under a file name; its outcome."""
    [outcome] = store.import_data([(label, json.dumps(data).encode())]).outcomes
    return outcome


def put_status(store: TrialStore, data: dict[str, Any], label: str) -> str:
    """Import one study under a file name; its status (imported, updated, unchanged…)."""
    return str(put(store, data, label).status)
