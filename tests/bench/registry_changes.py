"""Registry updates of the corpus's studies: which studies change in a version, and how."""
from __future__ import annotations

import datetime
import random
from collections.abc import Iterable

import orjson

from .registry_builder import StudyBuilder
from .registry_ids import TODAY, iso_date
from .registry_pools import shared_pools
from .registry_types import Study
from .registry_vocab_text import WHY_STOPPED

CHANGE_KINDS = ("status", "enrollment", "criterion", "site")


def _unit(index: int, seed: int, version: int) -> float:
    """A deterministic number in [0, 1) for (index, seed, version) (splitmix64)."""
    x = (index * 0x9E3779B97F4A7C15 + seed * 0xBF58476D1CE4E5B9 + version * 0x94D049BB133111EB
         + 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return ((x ^ (x >> 31)) >> 11) / float(1 << 53)


def is_changed(index: int, seed: int, share: float, version: int = 1) -> bool:
    """Whether study index is among the share of studies changed in this version."""
    return share > 0 and _unit(index, seed, version) < share


_NEXT_STATUS = {
    "NOT_YET_RECRUITING": ["RECRUITING", "WITHDRAWN"],
    "RECRUITING": ["ACTIVE_NOT_RECRUITING", "COMPLETED", "SUSPENDED", "TERMINATED"],
    "ENROLLING_BY_INVITATION": ["ACTIVE_NOT_RECRUITING", "COMPLETED"],
    "ACTIVE_NOT_RECRUITING": ["COMPLETED", "TERMINATED"],
    "SUSPENDED": ["RECRUITING", "TERMINATED"],
    "UNKNOWN": ["COMPLETED", "RECRUITING"],
    "COMPLETED": ["COMPLETED"],
    "TERMINATED": ["TERMINATED"],
    "WITHDRAWN": ["WITHDRAWN"],
}
_SITE_STATUSES = ("RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING",
                  "ENROLLING_BY_INVITATION", "SUSPENDED")


def change_study(original: Study, version: int = 1,
                 kinds: Iterable[str] | None = None) -> Study:
    """A changed copy of a study (the original is left as it was), as a registry update.

    The lastUpdatePostDate (and lastUpdateSubmitDate, statusVerifiedDate, versionHolder) always
    moves on, by about a week per version; kinds chooses among CHANGE_KINDS (default: each
    with an even chance, at least one): "status" (the next status in a study's life, with
    whyStopped, actual dates and site statuses to match), "enrollment" (a new count, ACTUAL
    once the study is over), "criterion" (an exclusion criterion added), "site" (a location
    added). The same (study, version, kinds) always gives the same change.
    """
    new: Study = orjson.loads(orjson.dumps(original))
    protocol = new["protocolSection"]
    nct = protocol["identificationModule"]["nctId"]
    rng = random.Random(f"ctgov-change:{nct}:{version}")
    builder = StudyBuilder(rng, shared_pools())
    if kinds is None:
        chosen = [kind for kind in CHANGE_KINDS if rng.random() < 0.5] or [
            rng.choice(CHANGE_KINDS)]
    else:
        chosen = list(kinds)
        unknown = set(chosen) - set(CHANGE_KINDS)
        if unknown:
            raise ValueError(f"unknown change kinds: {sorted(unknown)}")
    status_module = protocol["statusModule"]
    old_post = datetime.date.fromisoformat(
        status_module["lastUpdatePostDateStruct"]["date"]).toordinal()
    post = max(old_post, TODAY) + 7 * version - rng.randrange(3)
    post = max(post, old_post + 1)
    status = status_module["overallStatus"]
    design = protocol["designModule"]
    builder.nct = nct
    builder.status = status
    builder.industry = protocol["sponsorCollaboratorsModule"]["leadSponsor"].get(
        "class") == "INDUSTRY"
    builder.sponsor = protocol["sponsorCollaboratorsModule"]["leadSponsor"]["name"]
    builder.conditions = protocol["conditionsModule"].get("conditions") or ["the condition"]
    names = [i["name"] for i in protocol.get("armsInterventionsModule", {}).get(
        "interventions", [])] or ["the study treatment"]
    builder.topic = [c.lower() for c in builder.conditions] + names
    if "status" in chosen and status in _NEXT_STATUS:
        status = rng.choice(_NEXT_STATUS[status])
        status_module["overallStatus"] = status
        status_module.pop("lastKnownStatus", None)
        if status in ("TERMINATED", "WITHDRAWN", "SUSPENDED"):
            status_module["whyStopped"] = rng.choice(WHY_STOPPED)
        else:
            status_module.pop("whyStopped", None)
        if status in ("COMPLETED", "TERMINATED"):
            day = iso_date(post - 30 - rng.randrange(60))
            for key in ("primaryCompletionDateStruct", "completionDateStruct"):
                if key in status_module:
                    status_module[key] = {"date": day, "type": "ACTUAL"}
        if status == "RECRUITING" and "startDateStruct" in status_module:
            status_module["startDateStruct"]["type"] = "ACTUAL"
        for site in protocol.get("contactsLocationsModule", {}).get("locations", []):
            if status in _SITE_STATUSES:
                if "status" in site and site["status"] not in ("COMPLETED", "WITHDRAWN"):
                    site["status"] = status
            else:
                site.pop("status", None)
    if "enrollment" in chosen and "enrollmentInfo" in design:
        info = design["enrollmentInfo"]
        count = int(info.get("count") or 0)
        new_count = max(1, int(count * rng.uniform(0.6, 1.6)) + rng.randrange(1, 20))
        info["count"] = new_count if new_count != count else count + 1
        info["type"] = "ACTUAL" if status in ("COMPLETED", "TERMINATED") else info.get(
            "type", "ESTIMATED")
    if "criterion" in chosen:
        eligibility = protocol.setdefault("eligibilityModule", {})
        text = eligibility.get("eligibilityCriteria") or "Inclusion Criteria:\n\n* Adults"
        bullet = "*"
        last = text.rstrip().rsplit("\n", 1)[-1].lstrip()
        if last[:1].isdigit():
            number = last.split(".", 1)[0]
            bullet = f"{int(number) + 1}." if number.isdigit() else "*"
        elif last[:1] == "-":
            bullet = "-"
        if "Exclusion Criteria:" not in text:
            text = text.rstrip() + "\n\nExclusion Criteria:\n"
        eligibility["eligibilityCriteria"] = (
            f"{text.rstrip()}\n{bullet} {builder.criterion(names)} (added in amendment "
            f"{version})")
    if "site" in chosen:
        contacts = protocol.setdefault("contactsLocationsModule", {})
        locations = contacts.setdefault("locations", [])
        site = builder.site(status in _SITE_STATUSES)
        if "status" in site:
            site["status"] = "NOT_YET_RECRUITING" if rng.random() < 0.5 else status
        locations.append(site)
    status_module["lastUpdateSubmitDate"] = iso_date(post - rng.randrange(1, 4))
    status_module["lastUpdatePostDateStruct"] = {"date": iso_date(post), "type": "ACTUAL"}
    status_module["statusVerifiedDate"] = iso_date(post)[:7]
    misc = new.setdefault("derivedSection", {}).setdefault("miscInfoModule", {})
    misc["versionHolder"] = max(misc.get("versionHolder", ""), iso_date(post))
    return new
